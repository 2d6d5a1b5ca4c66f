"""Indicators (chỉ tiêu) and the values reported for them (thực hiện), per unit and period."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.documents.models import Document
from dieuhanh.org.models import Unit
from dieuhanh.text import clean, fold


class Indicator(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="indicators", verbose_name="đơn vị theo dõi")
    name = models.CharField("tên chỉ tiêu", max_length=300)
    name_folded = models.CharField(max_length=300, editable=False, default="")
    measure = models.CharField("đơn vị tính", max_length=40, blank=True)
    history = HistoricalRecords(excluded_fields=["name_folded"])

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name_folded", "measure"], name="indicator_unique")]

    def __str__(self):
        return f"{self.name} ({self.measure})" if self.measure else self.name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Actual(models.Model):
    """A reported value: "11.710 tỷ đồng, bằng 96% dự toán, tăng 16,56% so với cùng kỳ"."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="actuals", verbose_name="chỉ tiêu")
    period = models.CharField("kỳ", max_length=60, blank=True)
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4, null=True, blank=True)
    percent_of_plan = models.DecimalField("% kế hoạch", max_digits=9, decimal_places=2, null=True, blank=True)
    change_percent = models.DecimalField("% so với cùng kỳ", max_digits=9, decimal_places=2, null=True, blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="actuals",
                                 verbose_name="văn bản nguồn")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "số liệu thực hiện"
        verbose_name_plural = "số liệu thực hiện"
        ordering = ["indicator", "-created_at"]
