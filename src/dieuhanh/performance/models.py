"""Officials' work plans of concrete products (sản phẩm) for a week or a month, their completion with
evidence and the leader's confirmation, and the general points a leader enters: what NĐ 335/2025 scores
(`scoring`) are made of."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.org.models import Unit
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks.models import Task

from .scoring import Grade

GRADES = list(Grade.LABELS.items())


class Product(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", "Văn bản, đề án, tờ trình"
        TASK_STEP = "task", "Phần việc của nhiệm vụ"
        REPORT = "report", "Báo cáo"
        PETITION = "petition", "Trả lời kiến nghị"
        OTHER = "other", "Việc khác"

    class State(models.TextChoices):
        PLANNED = "planned", "Trong kế hoạch"
        DONE = "done", "Đã hoàn thành, chờ xác nhận"
        CONFIRMED = "confirmed", "Lãnh đạo đã xác nhận"
        RETURNED = "returned", "Bị trả lại"

    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="products",
                                 verbose_name="công chức")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    period = models.CharField("tháng", max_length=10)  # "2026-11": the month it is scored in
    week_of = models.DateField("tuần (thứ Hai)", null=True, blank=True)
    title = models.CharField("sản phẩm", max_length=500)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.OTHER)
    weight = models.DecimalField("trọng số quy đổi", max_digits=6, decimal_places=2, default=Decimal(1))
    due_on = models.DateField("hạn")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    petition = models.ForeignKey(Petition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.PLANNED)
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    evidence = models.FileField("minh chứng", upload_to="san-pham/%Y/%m/", blank=True)
    evidence_link = models.URLField("đường dẫn minh chứng", blank=True)
    quality_errors = models.PositiveSmallIntegerField("số lần sai sót lớn", default=0)
    delays = models.PositiveSmallIntegerField("số lần chậm tiến độ", default=0)
    return_reason = models.TextField("lý do trả lại", blank=True)
    objective_cause = models.TextField("nguyên nhân khách quan", blank=True)
    cause_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+", verbose_name="lãnh đạo xác nhận nguyên nhân")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="lãnh đạo xác nhận")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reassigned_from = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="giao lại từ")
    reassign_reason = models.TextField("lý do giao lại", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sản phẩm"
        verbose_name_plural = "sản phẩm"
        ordering = ["due_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(weight__gt=0), name="product_weight_positive")]
        indexes = [models.Index(fields=["official", "period"], name="product_official_period"),
                   models.Index(fields=["unit", "period"], name="product_unit_period")]

    def __str__(self):
        return self.title


class GeneralPoints(models.Model):
    """The leader's points on the general criteria (tiêu chí chung, up to 30) for an official's month."""

    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    period = models.CharField("tháng", max_length=10)
    points = models.DecimalField("điểm tiêu chí chung", max_digits=5, decimal_places=2)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "điểm tiêu chí chung"
        verbose_name_plural = "điểm tiêu chí chung"
        constraints = [models.UniqueConstraint(fields=["official", "period"], name="general_points_unique"),
                       models.CheckConstraint(condition=models.Q(points__gte=0, points__lte=30),
                                              name="general_points_range")]


class MonthlyResult(models.Model):
    """An official's month as last scored, kept on every change to its products or general points (in the same
    transaction), so a unit's sheet and the province's quarter ranking read rows, not a year of products; the
    leader's confirmed grade (xếp loại) beside the computed one."""

    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    period = models.CharField("tháng", max_length=10)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    general = models.DecimalField("tiêu chí chung", max_digits=6, decimal_places=2)
    general_entered = models.BooleanField("lãnh đạo đã chấm tiêu chí chung", default=False)
    quantity = models.DecimalField("số lượng (%)", max_digits=7, decimal_places=2)
    quality = models.DecimalField("chất lượng (%)", max_digits=7, decimal_places=2)
    progress = models.DecimalField("tiến độ (%)", max_digits=7, decimal_places=2)
    task_points = models.DecimalField("kết quả thực hiện nhiệm vụ", max_digits=6, decimal_places=2)
    unit_percent = models.DecimalField("kết quả của đơn vị (%)", max_digits=5, decimal_places=1, null=True)
    total = models.DecimalField("tổng điểm", max_digits=6, decimal_places=2)
    grade = models.CharField("xếp loại theo điểm", max_length=20, choices=GRADES)
    products = models.PositiveIntegerField("số sản phẩm")
    weight = models.DecimalField("khối lượng được giao (đã quy đổi)", max_digits=9, decimal_places=2, default=0)
    confirmed_grade = models.CharField("xếp loại lãnh đạo xác nhận", max_length=20, blank=True, choices=GRADES)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kết quả tháng"
        verbose_name_plural = "kết quả tháng"
        constraints = [models.UniqueConstraint(fields=["official", "period"], name="monthly_result_unique"),
                       models.CheckConstraint(condition=models.Q(total__gte=0, total__lte=100),
                                              name="monthly_result_range")]
        indexes = [models.Index(fields=["unit", "period"], name="monthly_result_unit"),
                   models.Index(fields=["period", "unit"], name="monthly_result_period")]
