"""Changes to NTM data: assessments with evidence, and a province's own copy of a national set."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from dieuhanh.core import calendar
from dieuhanh.core.errors import Refused
from dieuhanh.core.files import check_upload
from dieuhanh.core.history import by
from dieuhanh.core.text import clean
from dieuhanh.org.models import Area
from dieuhanh.org.queries import Scope

from .models import Assessment, CriteriaSet, Criterion, EvidenceFile
from .policy import may_adopt_set, may_assess, province_of
from .status import URBAN

EVIDENCE_TYPES = (".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg")


@transaction.atomic
def assess(actor, area: Area, criterion: Criterion, *, assessed_on: date, met: bool, note: str = "", files=(),
           document=None) -> Assessment:
    if area.level != Area.Level.COMMUNE or area.division_type in URBAN:
        raise ValidationError("Chỉ đánh giá tiêu chí nông thôn mới cho cấp xã (phường, thị trấn theo tiêu chuẩn đô thị).")
    if not may_assess(Scope.of(actor), area):
        raise Refused("Bạn không có quyền đánh giá tiêu chí của xã này.")
    if assessed_on > calendar.today():
        raise ValidationError("Ngày đánh giá không được sau ngày hôm nay.")
    s = criterion.criteria_set
    if not s.in_force_on(assessed_on):
        raise ValidationError(f"Ngày {assessed_on:%d/%m/%Y} nằm ngoài thời gian áp dụng của “{s.name}”.")
    if s.province_id and s.province_id != province_of(area).pk:
        raise ValidationError(f"“{s.name}” là bộ tiêu chí của tỉnh khác.")
    checked = [check_upload(f, EVIDENCE_TYPES) for f in files]
    assessment = by(Assessment(area=area, criterion=criterion, assessed_on=assessed_on, met=met,
                               note=clean(note), document=document, created_by=actor), actor)
    assessment.save()
    for f in checked:
        by(EvidenceFile(assessment=assessment, file=f.upload, name=f.name, content_type=f.content_type,
                        size=f.size), actor).save()
    return assessment


@transaction.atomic
def adopt_for_province(actor, base: CriteriaSet, province: Area, *, valid_from: date, name: str = "",
                       decision: str = "") -> CriteriaSet:
    """A province's amended copy of a national set ("Hà Tĩnh sửa đổi ngày 09/12/2022"): the
    criteria and indicators copied, then edited; from `valid_from` it replaces the national set
    for that province's communes."""
    if not may_adopt_set(actor):
        raise Refused("Bạn không có quyền ban hành bộ tiêu chí.")
    if province.level != Area.Level.PROVINCE:
        raise ValidationError("Bộ tiêu chí riêng phải gắn với một tỉnh, thành phố.")
    if base.province_id is not None:
        raise ValidationError("Chỉ sao chép từ bộ tiêu chí quốc gia.")
    if not base.in_force_on(valid_from):
        raise ValidationError(f"Ngày áp dụng {valid_from:%d/%m/%Y} nằm ngoài thời gian áp dụng của bộ gốc.")
    copy = by(CriteriaSet(code=f"{base.code}-{province.code}-{valid_from:%Y%m%d}"[:40],
                          name=clean(name) or f"{base.name} — {province.name}", programme=base.programme,
                          level=base.level, decision=clean(decision), valid_from=valid_from, valid_to=base.valid_to,
                          province=province, based_on=base, target_groups=base.target_groups,
                          low_threshold=base.low_threshold), actor)
    copy.save()
    mapping = {}
    for c in base.criteria.order_by(F("parent_id").asc(nulls_first=True), "position"):  # criteria first
        new = by(Criterion(criteria_set=copy, parent=mapping.get(c.parent_id), number=c.number, name=c.name,
                           group=c.group, target=c.target, targets_by_group=c.targets_by_group,
                           position=c.position), actor)
        new.save()
        mapping[c.pk] = new
    return copy
