"""Units (a tree), administrative areas, people and their positions, users' memberships."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.core.text import clean, fold


class Area(models.Model):
    """An administrative unit with its official NSO code (two levels since 1/7/2025)."""

    class Level(models.TextChoices):
        PROVINCE = "province", "Tỉnh, thành phố"
        DISTRICT = "district", "Huyện (trước 1/7/2025)"
        COMMUNE = "commune", "Xã, phường, đặc khu"

    code = models.CharField("mã", max_length=10)
    # Codes are reused: a new commune keeps the code of one predecessor (STANDARDS §4).
    legacy = models.BooleanField("trước 1/7/2025", default=False)
    name = models.CharField("tên", max_length=200)
    division_type = models.CharField("loại", max_length=40, blank=True)
    level = models.CharField("cấp", max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from",
        verbose_name="sáp nhập vào",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["code", "legacy"], name="area_code_unique")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.merged_into_id and self.merged_into_id == self.pk:
            raise ValidationError("Một đơn vị hành chính không thể sáp nhập vào chính nó.")
        if self.merged_into_id and not self.valid_to:
            raise ValidationError("Đơn vị đã sáp nhập phải có ngày hết hiệu lực.")

    def current(self) -> "Area":
        """Follow the merge chain to the area in force today."""
        area, seen = self, set()
        while area.merged_into_id and area.pk not in seen:
            seen.add(area.pk)
            area = area.merged_into
        return area


class Unit(models.Model):
    """An agency or body (đơn vị, cơ quan). Units form a tree kept as a materialised path so a
    subtree is one indexed prefix query."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", "Cấp ủy"
        PARTY_BOARD = "party_board", "Ban, cơ quan tham mưu của cấp ủy"
        PARTY_DELEGATION = "party_delegation", "Ban cán sự đảng, Đảng đoàn"
        COUNCIL = "council", "Hội đồng nhân dân"
        PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
        DEPARTMENT = "department", "Sở, ban, ngành"
        FRONT = "front", "Mặt trận Tổ quốc, đoàn thể"
        OTHER = "other", "Khác"

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=60, blank=True)
    symbol_code = models.CharField("mã trong ký hiệu văn bản", max_length=30, blank=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="trực thuộc"
    )
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, verbose_name="địa bàn")
    active_from = models.DateField("hoạt động từ", null=True, blank=True)
    active_to = models.DateField("ngừng hoạt động", null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors",
        verbose_name="đơn vị kế thừa",
    )
    # Derived, kept by save(): "/12/40/" — the ids from the root.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    root = models.ForeignKey("self", null=True, on_delete=models.PROTECT, related_name="+", editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name_folded = models.CharField(max_length=255, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["path", "root", "depth", "name_folded"])

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = clean(self.name)
        if not self.name:
            raise ValidationError({"name": "Tên đơn vị không được để trống."})
        if self.parent_id and self.pk and f"/{self.pk}/" in (self.parent.path or ""):
            raise ValidationError({"parent": "Không thể đặt đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới của nó."})

    def save(self, *args, **kwargs):
        self.name = clean(self.name)
        self.name_folded = fold(f"{self.name} {self.short_name}")
        is_new = self.pk is None
        if is_new:
            super().save(*args, **kwargs)
            kwargs.pop("force_insert", None)
        old_path = self.path
        parent = self.parent
        self.path = f"{parent.path if parent else '/'}{self.pk}/"
        self.depth = self.path.count("/") - 2
        self.root_id = parent.root_id if parent else self.pk
        super().save(update_fields=["path", "depth", "root", "name_folded", "name"] if is_new else None)
        if old_path and old_path != self.path:
            self._move_descendants(old_path)

    def _move_descendants(self, old_path: str):
        for unit in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            unit.path = self.path + unit.path[len(old_path):]
            unit.depth = unit.path.count("/") - 2
            unit.root_id = self.root_id
            Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth, root=unit.root_id)

    def subtree(self):
        return Unit.objects.filter(path__startswith=self.path)

    def ancestors(self):
        ids = [int(i) for i in self.path.strip("/").split("/")[:-1]]
        return sorted(Unit.objects.filter(pk__in=ids), key=lambda u: u.depth)

    def is_within(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)

    @property
    def is_active(self) -> bool:
        return self.active_to is None


class PartyTerm(models.Model):
    """A Party committee's term (nhiệm kỳ): Party documents are numbered per type over a term."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="terms", verbose_name="cấp ủy")
    label = models.CharField("nhiệm kỳ", max_length=20)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nhiệm kỳ"
        verbose_name_plural = "nhiệm kỳ"
        ordering = ["unit", "starts_on"]

    def __str__(self):
        return f"{self.unit} {self.label}"


class Person(models.Model):
    full_name = models.CharField("họ và tên", max_length=120)
    name_folded = models.CharField(max_length=120, editable=False, default="", db_index=True)
    history = HistoricalRecords(excluded_fields=["name_folded"])

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = clean(self.full_name)
        self.name_folded = fold(self.full_name)
        super().save(*args, **kwargs)


class Position(models.Model):
    """A title a person holds in a unit over time ("Bí thư Tỉnh ủy")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions", verbose_name="cán bộ")
    title = models.CharField("chức vụ", max_length=200)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions", verbose_name="đơn vị")
    started_on = models.DateField("từ ngày", null=True, blank=True)
    ended_on = models.DateField("đến ngày", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        ordering = ["unit", "-started_on"]

    def __str__(self):
        return f"{self.title} {self.person}"

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError("Ngày thôi giữ chức vụ không được trước ngày bắt đầu.")


class Role(models.TextChoices):
    VIEWER = "viewer", "Xem"
    OFFICER = "officer", "Chuyên viên"
    LEADER = "leader", "Lãnh đạo đơn vị"
    TRACKER = "tracker", "Chuyên viên theo dõi (cơ quan ban hành)"
    INSPECTOR = "inspector", "Kiểm tra (chỉ xem)"
    ADMIN = "admin", "Quản trị"


# What each role may do for its unit; reading covers the unit's whole subtree for every role.
WORK_ROLES = {Role.OFFICER, Role.LEADER, Role.ADMIN}  # report on tasks the unit leads or coordinates
DECIDE_ROLES = {Role.LEADER, Role.TRACKER, Role.ADMIN}  # assign, accept, return, extend, pause, cancel


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name="đơn vị")
    role = models.CharField("vai trò", max_length=12, choices=Role.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="cán bộ")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tài khoản thuộc đơn vị"
        verbose_name_plural = "tài khoản thuộc đơn vị"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class FormerOwner(models.Model):
    """The unit that owned a piece of work (a task's lead, a petition's responsible unit) until a
    reorganisation moved it to a successor: reports for a period before the move read the owner as it
    then was, so the past stays as it was printed. Written and removed only by the reorganisation."""

    label = models.CharField(max_length=60)  # "tasks.task", "petitions.petition"
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=40)  # "lead", "responsible_unit"
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    until = models.DateField()  # the last day the unit owned it: the day before the reorganisation took effect

    class Meta:
        verbose_name = "đơn vị phụ trách trước sắp xếp"
        verbose_name_plural = "đơn vị phụ trách trước sắp xếp"
        indexes = [models.Index(fields=["label", "field", "object_id", "until"], name="former_owner_lookup"),
                   models.Index(fields=["until"], name="former_owner_until")]
