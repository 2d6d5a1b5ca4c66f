"""The demo province's organisation: the bodies and people the seeds name, with their titles."""

from datetime import date

from dieuhanh.org.models import Area, Person, Position, Unit

K = Unit.Kind
PARTY_MERGER = date(2025, 3, 1)  # Ban Tuyên giáo and Ban Dân vận merged (NQ 18-NQ/TW)
REFORM = date(2025, 7, 1)

DEPARTMENTS = [
    ("so-noi-vu", "Sở Nội vụ", "SNV"), ("so-tai-chinh", "Sở Tài chính", "STC"),
    ("so-nn-mt", "Sở Nông nghiệp và Môi trường", "SNNMT"), ("so-xay-dung", "Sở Xây dựng", "SXD"),
    ("so-y-te", "Sở Y tế", "SYT"), ("so-gd-dt", "Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("so-cong-thuong", "Sở Công Thương", "SCT"), ("so-vh-tt-dl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("so-kh-cn", "Sở Khoa học và Công nghệ", "SKHCN"), ("cong-an", "Công an tỉnh", "CAT"),
    ("bo-chqs", "Bộ Chỉ huy Quân sự tỉnh", "BCHQS"), ("thanh-tra", "Thanh tra tỉnh", "TTr"),
]
MASS_ORGS = [
    ("hoi-lhpn", "Hội Liên hiệp Phụ nữ tỉnh"), ("tinh-doan", "Tỉnh đoàn"), ("hoi-nong-dan", "Hội Nông dân tỉnh"),
    ("hoi-ccb", "Hội Cựu chiến binh tỉnh"), ("ldld", "Liên đoàn Lao động tỉnh"),
]


def _unit(code, name, kind, parent=None, **extra) -> Unit:
    unit, _ = Unit.objects.get_or_create(code=code, defaults={"name": name, "kind": kind, "parent": parent, **extra})
    return unit


def province_tree(prefix: str, area_code: str, place: str, *, communes: int | None = None) -> dict[str, Unit]:
    """A provincial Party committee with its boards, the People's Council and Committee with
    departments, the Fatherland Front with mass organisations, and commune Party committees and
    People's Committees (two-level government)."""
    area = Area.objects.get(legacy=False, code=area_code)
    u = {}
    u["tu"] = _unit(f"{prefix}-tu", f"Tỉnh ủy {place}", K.PARTY_COMMITTEE, area=area, short_name="Tỉnh ủy",
                    symbol_code="TU")
    for key, name, short, sym in [
        ("vptu", f"Văn phòng Tỉnh ủy {place}", "Văn phòng Tỉnh ủy", "VPTU"),
        ("btc", f"Ban Tổ chức Tỉnh ủy {place}", "Ban Tổ chức", "BTCTU"),
        ("btgdv", f"Ban Tuyên giáo và Dân vận Tỉnh ủy {place}", "Ban Tuyên giáo và Dân vận", "BTGDVTU"),
        ("ubkt", f"Ủy ban Kiểm tra Tỉnh ủy {place}", "Ủy ban Kiểm tra", "UBKTTU"),
        ("dukhoi", f"Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh {place}", "Đảng ủy Khối", "ĐUK"),
    ]:
        u[key] = _unit(f"{prefix}-{key}", name, K.PARTY_BOARD, u["tu"], short_name=short, symbol_code=sym)
    u["btgdv"].active_from = PARTY_MERGER
    u["btgdv"].save()
    # Boards before the 2025 merger keep their history and point to their successor.
    for key, name, short in [("btg", f"Ban Tuyên giáo Tỉnh ủy {place}", "Ban Tuyên giáo"),
                             ("bdv", f"Ban Dân vận Tỉnh ủy {place}", "Ban Dân vận")]:
        u[key] = _unit(f"{prefix}-{key}", name, K.PARTY_BOARD, u["tu"], short_name=short)
    u["bcsd"] = _unit(f"{prefix}-bcsd", f"Ban cán sự đảng UBND tỉnh {place}", K.PARTY_DELEGATION, u["tu"],
                      short_name="Ban cán sự đảng UBND tỉnh")
    u["hdnd"] = _unit(f"{prefix}-hdnd", f"HĐND tỉnh {place}", K.COUNCIL, u["tu"], area=area, short_name="HĐND tỉnh",
                      symbol_code="HĐND")
    u["ubnd"] = _unit(f"{prefix}-ubnd", f"UBND tỉnh {place}", K.PEOPLES_COMMITTEE, u["tu"], area=area,
                      short_name="UBND tỉnh", symbol_code="UBND")
    u["vpubnd"] = _unit(f"{prefix}-vpubnd", f"Văn phòng UBND tỉnh {place}", K.DEPARTMENT, u["ubnd"],
                        short_name="Văn phòng UBND tỉnh")
    for key, name, sym in DEPARTMENTS:
        u[key] = _unit(f"{prefix}-{key}", f"{name} {place}", K.DEPARTMENT, u["ubnd"], short_name=name, symbol_code=sym)
    u["mttq"] = _unit(f"{prefix}-mttq", f"Ủy ban MTTQ Việt Nam tỉnh {place}", K.FRONT, u["tu"], short_name="MTTQ tỉnh")
    for key, name in MASS_ORGS:
        u[key] = _unit(f"{prefix}-{key}", f"{name} {place}", K.FRONT, u["mttq"], short_name=name)
    wards = Area.objects.filter(legacy=False, parent=area).order_by("code")
    for ward in wards[:communes] if communes else wards:
        u[f"du-{ward.code}"] = _unit(f"{prefix}-du-{ward.code}", f"Đảng ủy {ward.name}", K.PARTY_COMMITTEE, u["tu"],
                                     area=ward, short_name=f"ĐU {ward.name}")
        u[f"ub-{ward.code}"] = _unit(f"{prefix}-ub-{ward.code}", f"UBND {ward.name}", K.PEOPLES_COMMITTEE, u["ubnd"],
                                     area=ward, short_name=f"UBND {ward.name}")
    return u


def retire(unit: Unit, on: date, successor: Unit | None):
    unit.active_to, unit.successor = on, successor
    unit.save()


def legacy_district_units(prefix: str, tu: Unit, ubnd: Unit, districts: list[tuple[str, str, str]]) -> dict[str, Unit]:
    """District Party committees and People's Committees dissolved on 1/7/2025, kept as issuers
    and as the units the older seeds name."""
    u = {}
    for key, party_name, people_name in districts:
        area = Area.objects.filter(legacy=True, level=Area.Level.DISTRICT, name__endswith=key.split(":")[1]).first()
        code = key.split(":")[0]
        u[f"hu-{code}"] = _unit(f"{prefix}-hu-{code}", party_name, K.PARTY_COMMITTEE, tu, area=area,
                                active_to=date(2025, 6, 30))
        u[f"ubh-{code}"] = _unit(f"{prefix}-ubh-{code}", people_name, K.PEOPLES_COMMITTEE, ubnd, area=area,
                                 active_to=date(2025, 6, 30))
    return u


def person(name: str, title: str, unit: Unit, started_on: date | None = None, ended_on: date | None = None) -> Person:
    p, _ = Person.objects.get_or_create(full_name=name)
    Position.objects.get_or_create(person=p, title=title, unit=unit,
                                   defaults={"started_on": started_on, "ended_on": ended_on})
    return p
