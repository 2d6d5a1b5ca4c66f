"""Programmes and emulation movements (chương trình, phong trào thi đua): tasks and indicators grouped over a
time window with a lead unit — Chỉ thị 42: 13 key programmes from 1/3 to 31/8/2020 — and, at the end, the
units proposed for commendation (khen thưởng) by the office's rules, with the leader's decision."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.documents.models import Document
from dieuhanh.indicators.models import Indicator
from dieuhanh.ntm.models import Level
from dieuhanh.org.models import Area, Unit
from dieuhanh.tasks.models import Task


class Programme(models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", "Chương trình"
        MOVEMENT = "movement", "Phong trào thi đua"

    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.PROGRAMME)
    name = models.CharField("tên", max_length=300)
    lead = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị chủ trì")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="văn bản phát động")
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    tasks = models.ManyToManyField(Task, blank=True, related_name="programmes", verbose_name="nhiệm vụ")
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="+", verbose_name="chỉ tiêu")
    # The office's rules for proposing commendation at the end.
    min_on_time_rate = models.DecimalField("tỷ lệ đúng hạn tối thiểu (%)", max_digits=5, decimal_places=2,
                                           default=Decimal(90))
    min_tasks_due = models.PositiveSmallIntegerField("số nhiệm vụ đến hạn tối thiểu", default=1)
    require_targets = models.BooleanField(
        "chỉ đề nghị đơn vị đạt chỉ tiêu", default=True,
        help_text="Không đề nghị đơn vị có chỉ tiêu của chương trình chưa đạt kế hoạch hoặc xã chưa đạt mục tiêu "
                  "nông thôn mới của chương trình.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chương trình, phong trào"
        verbose_name_plural = "chương trình, phong trào"
        ordering = ["-starts_on", "name"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="programme_window")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError("Ngày kết thúc chương trình không được trước ngày bắt đầu.")


class NtmTarget(models.Model):
    """A commune the programme means to bring to a New Rural Development level by its end."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="ntm_targets")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", verbose_name="xã",
                             limit_choices_to={"level": Area.Level.COMMUNE})
    level = models.PositiveSmallIntegerField("mức cần đạt", choices=Level.choices, default=Level.STANDARD)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mục tiêu nông thôn mới"
        verbose_name_plural = "mục tiêu nông thôn mới"
        constraints = [models.UniqueConstraint(fields=["programme", "area"], name="programme_ntm_target_unique")]

    def __str__(self):
        return f"{self.area.name}: {self.get_level_display()}"


class Commendation(models.Model):
    """A unit proposed for commendation at a programme's end, and the leader's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Chờ quyết định"
        ACCEPTED = "accepted", "Khen thưởng"
        DECLINED = "declined", "Không khen thưởng"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="commendations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    on_time_rate = models.DecimalField("tỷ lệ đúng hạn (%)", max_digits=5, decimal_places=2)
    tasks_due = models.PositiveIntegerField("nhiệm vụ đến hạn")
    decision = models.CharField("quyết định", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["-on_time_rate", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["programme", "unit"], name="commendation_unique")]
