"""New Rural Development (nông thôn mới): versioned criteria sets, their criteria and
sub-criteria, and per-commune assessments over time with evidence.

A set is one level of one programme (2021–2025 đạt chuẩn / nâng cao / kiểu mẫu; 2026–2030 đạt
chuẩn) in force over dates, national or a province's amended copy. A commune's status is never
stored: `status.py` derives it from the assessments under the set in force on the day asked, so a
historic "14/30 xã đạt chuẩn" stays bound to its set.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.documents.models import Document
from dieuhanh.org.models import Area


class Level(models.IntegerChoices):
    """Ordered: a higher level needs the lower one first (QĐ 319: kiểu mẫu needs nâng cao)."""

    STANDARD = 1, "Đạt chuẩn nông thôn mới"
    ADVANCED = 2, "Nông thôn mới nâng cao"
    MODEL = 3, "Nông thôn mới kiểu mẫu"
    MODERN = 4, "Nông thôn mới hiện đại (thí điểm)"


class CriteriaSet(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên bộ tiêu chí", max_length=300)
    programme = models.CharField("giai đoạn", max_length=20, help_text="Ví dụ 2021–2025.")
    level = models.PositiveSmallIntegerField("mức", choices=Level.choices, default=Level.STANDARD)
    decision = models.CharField("căn cứ", max_length=300, blank=True)
    valid_from = models.DateField("áp dụng từ")
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)
    province = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="tỉnh áp dụng", help_text="Để trống cho bộ tiêu chí quốc gia.")
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="variants",
                                 verbose_name="sửa đổi từ bộ")
    target_groups = models.JSONField("vùng/nhóm xã", default=list, blank=True,
                                     help_text="2021–2025: 7 vùng; 2026–2030: 3 nhóm xã.")
    low_threshold = models.PositiveSmallIntegerField(
        "ngưỡng “xã dưới … tiêu chí”", default=10, help_text="Báo cáo đếm số xã đạt dưới số tiêu chí này.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bộ tiêu chí nông thôn mới"
        verbose_name_plural = "bộ tiêu chí nông thôn mới"
        ordering = ["-valid_from", "level"]

    def __str__(self):
        return self.name

    def in_force_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Criterion(models.Model):
    """A criterion ("17. Môi trường và an toàn thực phẩm") or, with a parent, one of its
    indicators ("17.1"); a criterion is met when every indicator is (STANDARDS §3)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria",
                                     verbose_name="bộ tiêu chí")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
                               verbose_name="thuộc tiêu chí")
    number = models.CharField("số", max_length=10)
    name = models.CharField("tên", max_length=300)
    group = models.CharField("nhóm", max_length=120, blank=True)
    target = models.CharField("chỉ tiêu chung", max_length=500, blank=True)
    targets_by_group = models.JSONField("chỉ tiêu theo vùng/nhóm", default=dict, blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["criteria_set", "position", "number"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Assessment(models.Model):
    """"Xã X đạt tiêu chí 17 (đánh giá ngày …)": the latest assessment of a criterion counts."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="ntm_assessments", verbose_name="xã")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="assessments",
                                  verbose_name="tiêu chí")
    assessed_on = models.DateField("ngày đánh giá")
    met = models.BooleanField("đạt")
    note = models.TextField("ghi chú, kết quả", blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="văn bản")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đánh giá tiêu chí"
        verbose_name_plural = "đánh giá tiêu chí"
        ordering = ["area", "assessed_on", "pk"]
        indexes = [models.Index(fields=["area", "assessed_on"], name="assessment_area_day")]


class EvidenceFile(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="nong-thon-moi/%Y/")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    history = HistoricalRecords()
