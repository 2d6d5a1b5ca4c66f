"""A unit's own dashboard: which panels, in which order, for which indicators. Provinces asked
to arrange their own screens instead of one national layout; each unit saves its arrangement."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.org.models import Unit

PANELS = {
    "tasks": "Nhiệm vụ theo trạng thái",
    "ranking": "Xếp hạng đơn vị theo tỷ lệ hoàn thành đúng hạn",
    "overdue": "Nhiệm vụ quá hạn",
    "due_week": "Nhiệm vụ đến hạn tuần này",
    "indicators": "Chỉ tiêu so với kế hoạch",
    "ntm": "Nông thôn mới theo xã",
    "petitions": "Kiến nghị",
}
DEFAULT_PANELS = ["tasks", "overdue", "indicators", "ranking", "due_week", "ntm", "petitions"]


class Layout(models.Model):
    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="dashboard_layout",
                                verbose_name="đơn vị")
    panels = models.JSONField("các khối, theo thứ tự", default=list)
    indicator_ids = models.JSONField("chỉ tiêu theo dõi, theo thứ tự", default=list, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bố cục trang tổng quan"
        verbose_name_plural = "bố cục trang tổng quan"

    def __str__(self):
        return f"Tổng quan — {self.unit}"
