"""Report runs in /quan-tri/: what is queued, building, done or failed — and the repair: queue a stuck
or failed run again."""

from django.contrib import admin, messages

from .jobs import build_report_job
from .models import ReportRun


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["id", "unit", "period", "format", "state", "attempts", "requested_by", "requested_at",
                    "finished_at", "error"]
    list_filter = ["state", "format"]
    raw_id_fields = ["unit", "requested_by"]
    readonly_fields = [f.name for f in ReportRun._meta.fields]
    actions = ["queue_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Xếp lại để lập (báo cáo lỗi hoặc bị kẹt)")
    def queue_again(self, request, queryset):
        queued = 0
        for run in queryset.exclude(state=ReportRun.State.DONE):
            # The partial unique index allows one active run per report: a newer active run wins.
            if ReportRun.objects.filter(unit=run.unit, period=run.period, format=run.format,
                                        state__in=["queued", "running"]).exclude(pk=run.pk).exists():
                continue
            ReportRun.objects.filter(pk=run.pk).update(state=ReportRun.State.QUEUED, attempts=0, error="")
            build_report_job.enqueue(run.pk)
            queued += 1
        messages.success(request, f"Đã xếp lại {queued} báo cáo.")
