"""`dieuhanh report [--unit CODE] --period P --format docx|xlsx --out FILE`, for scheduled use."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dieuhanh.core.calendar import today
from dieuhanh.core.periods import PeriodError, parse_report_period
from dieuhanh.org.models import Unit
from dieuhanh.reports import content, docx, pdf, xlsx

WRITERS = {"docx": docx.render, "xlsx": xlsx.render, "pdf": pdf.render}


class Command(BaseCommand):
    help = "Lập báo cáo kết quả thực hiện nhiệm vụ của một đơn vị (gồm cấp dưới) cho một kỳ."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="mã đơn vị; mặc định đơn vị cấp cao nhất")
        parser.add_argument("--period", required=True,
                            help="2021, 2021-H1, 2021-9M, 2021-Q3, 2021-10, tuần 2021-W05 hoặc 2021-01-01..2021-09-30")
        parser.add_argument("--format", choices=sorted(WRITERS), required=True)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, unit, period, format, out, **options):
        try:
            chosen = Unit.objects.get(code=unit) if unit else Unit.objects.filter(parent=None).order_by("pk").first()
        except Unit.DoesNotExist as e:
            raise CommandError(f"Không có đơn vị mã “{unit}”.") from e
        if chosen is None:
            raise CommandError("Chưa có đơn vị nào.")
        try:
            report = content.build(chosen, parse_report_period(period), today())
        except PeriodError as e:
            raise CommandError(str(e)) from e
        try:
            data = WRITERS[format](report)
        except pdf.PdfError as e:
            raise CommandError(str(e)) from e
        out.write_bytes(data)
        self.stdout.write(f"Đã lập báo cáo {report.period.label} của {chosen.name}: {out}")
