"""Administrative areas from the `vietnam-provinces` package: the two-level structure in force
since 1/7/2025 (34 provinces, 3,321 communes), and, for chosen provinces, the pre-reform districts
and communes, retired on 30/6/2025, each commune pointing to the commune it merged into."""

from datetime import date

from django.db import transaction
from vietnam_provinces import Province, Ward
from vietnam_provinces.legacy import District as LegacyDistrict
from vietnam_provinces.legacy import Ward as LegacyWard

from dieuhanh.core import generation

from .models import Area

REFORM_DAY = date(2025, 7, 1)
LAST_LEGACY_DAY = date(2025, 6, 30)


def _kind(division_type) -> str:
    return str(getattr(division_type, "value", division_type))


@transaction.atomic
def load_current() -> int:
    """Provinces and communes in force; idempotent."""
    existing = set(Area.objects.filter(legacy=False).values_list("code", flat=True))
    provinces = {}
    new = []
    for p in Province.iter_all():
        code = f"{int(p.code):02d}"
        if code not in existing:
            new.append(Area(code=code, name=p.name, division_type=_kind(p.division_type), level=Area.Level.PROVINCE,
                            valid_from=REFORM_DAY))
    Area.objects.bulk_create(new)
    provinces = {a.code: a for a in Area.objects.filter(legacy=False, level=Area.Level.PROVINCE)}
    communes = [
        Area(code=f"{int(w.code):05d}", name=w.name, division_type=_kind(w.division_type), level=Area.Level.COMMUNE,
             parent=provinces[f"{int(w.province_code):02d}"], valid_from=REFORM_DAY)
        for w in Ward.iter_all() if f"{int(w.code):05d}" not in existing
    ]
    Area.objects.bulk_create(communes, batch_size=1000)
    if new or communes:
        generation.bump()  # bulk_create sends no signal; pages cached by data generation must see the areas
    return len(new) + len(communes)


@transaction.atomic
def load_legacy(province_code: int) -> int:
    """Districts and communes of one province before 1/7/2025, each commune merged into its
    successor (the new commune that lists it among its legacy sources)."""
    province = Area.objects.get(legacy=False, level=Area.Level.PROVINCE, code=f"{province_code:02d}")
    if Area.objects.filter(legacy=True, parent=province).exists():
        return 0
    successors = {}
    for ward in Ward.iter_by_province(province_code):
        target = Area.objects.get(legacy=False, code=f"{int(ward.code):05d}")
        for source in ward.get_legacy_sources():
            successors[int(source.code)] = target
    districts = {}
    for d in LegacyDistrict.iter_by_province(province_code):
        districts[int(d.code)] = Area.objects.create(
            code=f"{int(d.code):03d}", legacy=True, name=d.name, division_type=_kind(d.division_type),
            level=Area.Level.DISTRICT, parent=province, valid_to=LAST_LEGACY_DAY,
        )
    created = len(districts)
    for w in LegacyWard.iter_all():
        if int(w.district_code) not in districts:
            continue
        Area.objects.create(
            code=f"{int(w.code):05d}", legacy=True, name=w.name, division_type=_kind(w.division_type),
            level=Area.Level.COMMUNE, parent=districts[int(w.district_code)], valid_to=LAST_LEGACY_DAY,
            merged_into=successors.get(int(w.code)),
        )
        created += 1
    return created
