"""A reorganisation of units on a date: merge, split, rename, move under another parent, dissolve. It is
drafted, previewed, applied and, while nothing newer depends on it, reverted. The open work moves to the
successors; what was done before the date keeps the unit as it then was."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.org.models import Area, Unit


class Reorganisation(models.Model):
    class Kind(models.TextChoices):
        MERGE = "merge", "Sáp nhập"
        SPLIT = "split", "Chia tách"
        RENAME = "rename", "Đổi tên"
        MOVE = "move", "Chuyển trực thuộc"
        DISSOLVE = "dissolve", "Giải thể"

    class State(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        APPLIED = "applied", "Đã áp dụng"
        REVERTED = "reverted", "Đã hoàn tác"

    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.DRAFT)
    effective_on = models.DateField("có hiệu lực từ")
    # The units that end (merge, split, dissolve) or change (rename, move).
    predecessors = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name="đơn vị trước sắp xếp")
    # Where the open work goes; for a split, what `shares` does not place goes to the first.
    successor = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="đơn vị kế thừa (nhận phần còn lại)")
    others = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name="đơn vị kế thừa khác (chia tách)")
    # Or administrative areas (communes merged, renamed): then the units above are left empty.
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name="đơn vị hành chính trước sắp xếp")
    successor_area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       verbose_name="đơn vị hành chính kế thừa (nhận phần còn lại)")
    other_areas = models.ManyToManyField(Area, blank=True, related_name="+",
                                         verbose_name="đơn vị hành chính kế thừa khác (chia tách)")
    new_parent_area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                        verbose_name="trực thuộc tỉnh mới")
    new_name = models.CharField("tên mới", max_length=255, blank=True)
    new_parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="trực thuộc mới")
    # Split: {"task:<id>": <unit id>, "petition:<id>": <unit id>} — which successor takes which open item.
    shares = models.JSONField("phân chia việc đang thực hiện", default=dict, blank=True)
    note = models.TextField("ghi chú", blank=True)
    # The accounts of a merged or dissolved unit go to the successor, unless that would widen what they
    # see (a district's staff moved onto the province's committee would read the whole province).
    move_accounts = models.BooleanField("chuyển tài khoản sang đơn vị kế thừa", default=True)
    # Operations drafted together as one step (the two-level transition of a province): shown, applied
    # and reverted together.
    batch = models.CharField("đợt sắp xếp", max_length=60, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    applied_at = models.DateTimeField(null=True, blank=True)
    # What applying changed, to undo it exactly: [[model label, pk, field, before, after], …];
    # a row removed as a duplicate is [label, pk, None, its fields, None]; a row created (a former owner) is
    # [label, pk, "+", None, None].
    log = models.JSONField(default=list, editable=False, encoder=DjangoJSONEncoder)
    history = HistoricalRecords(excluded_fields=["log"])

    class Meta:
        verbose_name = "sắp xếp tổ chức"
        verbose_name_plural = "sắp xếp tổ chức"
        ordering = ["-effective_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} từ {self.effective_on:%d/%m/%Y}"

    @property
    def about_areas(self) -> bool:
        """An operation on administrative areas (every such operation names at least one), not on units."""
        return self.areas.exists()
