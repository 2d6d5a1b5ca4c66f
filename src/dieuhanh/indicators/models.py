"""Indicators (chỉ tiêu), their plans (kế hoạch) and the values reported (thực hiện), per unit and
period. A commune's figures belong to its People's Committee; the province's figure is its own
value or, when it has none, the roll-up of the units below (`figures.roll_up`)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.core import periods
from dieuhanh.core.text import clean, fold
from dieuhanh.documents.models import Document
from dieuhanh.org.models import Unit


class Indicator(models.Model):
    class Kind(models.TextChoices):
        AMOUNT = "amount", "Giá trị, sản lượng"
        PERCENT = "percent", "Tỷ lệ, tốc độ (%)"
        COUNT = "count", "Số lượng"
        INDEX = "index", "Chỉ số"
        RATIO = "ratio", "Tỷ số x/y"

    class Direction(models.TextChoices):
        HIGHER = "higher", "Càng cao càng tốt"
        LOWER = "lower", "Càng thấp càng tốt"

    class Aggregation(models.TextChoices):
        SUM = "sum", "Cộng dồn (theo đơn vị và theo thời gian)"
        LAST = "last", "Số cuối kỳ (cộng theo đơn vị, không cộng dồn theo thời gian)"
        AVERAGE = "average", "Trung bình"
        WEIGHTED = "weighted", "Trung bình có trọng số"
        NONE = "none", "Không tổng hợp"

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    name_folded = models.CharField(max_length=300, editable=False, default="")
    measure = models.CharField("đơn vị tính", max_length=40, blank=True)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.AMOUNT)
    direction = models.CharField("chiều đánh giá", max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    aggregation = models.CharField("cách tổng hợp", max_length=10, choices=Aggregation.choices,
                                   default=Aggregation.SUM)
    weight = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name="trọng số theo chỉ tiêu",
                               help_text="Cho trung bình có trọng số, ví dụ dân số.")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name="chỉ tiêu cha")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="indicators", verbose_name="đơn vị theo dõi")
    responsible = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="đơn vị chịu trách nhiệm")
    min_value = models.DecimalField("giá trị nhỏ nhất", max_digits=20, decimal_places=4, null=True, blank=True,
                                    default=Decimal(0), help_text="Để trống nếu được phép âm (ví dụ tốc độ tăng).")
    max_value = models.DecimalField("giá trị lớn nhất", max_digits=20, decimal_places=4, null=True, blank=True,
                                    help_text="Ví dụ 100 cho một tỷ lệ phần trăm không thể vượt 100%.")
    position = models.PositiveIntegerField("thứ tự", default=0)
    history = HistoricalRecords(excluded_fields=["name_folded"])

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["position", "code"]
        indexes = [models.Index(fields=["unit", "name_folded"], name="indicator_unit_name")]

    def __str__(self):
        return f"{self.name} ({self.measure})" if self.measure else self.name

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.name_folded = fold(self.name)
        self.code = clean(self.code).upper()
        super().save(*args, **kwargs)

    @property
    def higher_is_better(self) -> bool:
        return self.direction == self.Direction.HIGHER

    @property
    def accrues(self) -> bool:
        """Amounts that build up over the year are compared with a prorated share of the plan."""
        return self.aggregation == self.Aggregation.SUM and self.kind in (self.Kind.AMOUNT, self.Kind.COUNT)

    @property
    def responsible_unit(self) -> Unit:
        return self.responsible or self.unit

    def check_value(self, value: Decimal, what: str = "Giá trị") -> None:
        """Bounds in Vietnamese, for forms and imports alike."""
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(f"{what} {value.normalize():f} nhỏ hơn mức cho phép ({self.min_value.normalize():f}) "
                                  f"của chỉ tiêu “{self.name}”.")
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(f"{what} {value.normalize():f} vượt mức tối đa ({self.max_value.normalize():f}) "
                                  f"của chỉ tiêu “{self.name}”.")


def _check_period(key: str) -> None:
    try:
        periods.parse(key)
    except periods.PeriodError as e:
        raise ValidationError(str(e)) from e


class Figure(models.Model):
    """What a plan and a reported value share: one number (and a denominator for x/y) per
    indicator, unit and period."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    period = models.CharField("kỳ", max_length=10, validators=[_check_period])
    # Empty only for a document's figure that states a change and no amount ("tăng 16,56%").
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4, null=True)
    denominator = models.DecimalField("mẫu số (x/y)", max_digits=20, decimal_places=4, null=True, blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="văn bản nguồn")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def period_obj(self) -> periods.Period:
        return periods.parse(self.period)

    def clean(self):
        if self.indicator_id and self.value is not None:
            self.indicator.check_value(self.value)
        if self.denominator is not None and self.denominator <= 0:
            raise ValidationError("Mẫu số phải lớn hơn 0.")
        if self.denominator is not None and self.value is not None and self.value > self.denominator:
            raise ValidationError(f"Tử số {self.value.normalize():f} lớn hơn mẫu số {self.denominator.normalize():f}.")


class Target(Figure):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name="chỉ tiêu")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        constraints = [models.UniqueConstraint(fields=["indicator", "unit", "period"], name="target_unique")]
        indexes = [models.Index(fields=["indicator", "period", "unit"], name="target_indicator_period")]


class Actual(Figure):
    """A reported value: "11.710 tỷ đồng, bằng 96% dự toán, tăng 16,56% so với cùng kỳ"."""

    class Source(models.TextChoices):
        ENTRY = "entry", "Nhập trực tiếp"
        DOCUMENT = "document", "Văn bản"
        IMPORT = "import", "Nhập từ Excel"

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="actuals", verbose_name="chỉ tiêu")
    source = models.CharField("nguồn", max_length=10, choices=Source.choices, default=Source.ENTRY)
    reported_by = models.CharField("người báo cáo", max_length=200, blank=True)
    # As printed in a source document; the derived figures are computed from targets.
    stated_percent_of_plan = models.DecimalField("% kế hoạch (theo văn bản)", max_digits=9, decimal_places=2,
                                                 null=True, blank=True)
    stated_change_percent = models.DecimalField("% so với cùng kỳ (theo văn bản)", max_digits=9, decimal_places=2,
                                                null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "số liệu thực hiện"
        verbose_name_plural = "số liệu thực hiện"
        constraints = [models.UniqueConstraint(fields=["indicator", "unit", "period"], name="actual_unique")]
        indexes = [models.Index(fields=["indicator", "period", "unit"], name="actual_indicator_period")]
