"""Document numbers and symbols (số, ký hiệu) — NĐ 30/2020 for State documents, HD 36-HD/VPTW
for Party documents. Plain Python: the intake engine uses it too.

State:  1234/UBND-TH (công văn), 15/QĐ-UBND, 36/2022/QĐ-UBND (legal normative, with year)
Party:  1029-TB/TU, 03-HD/TU, 357-CV/BTCTU (number-TYPE/ISSUER: the reverse of the State shape)
"""

import re
import unicodedata
from dataclasses import dataclass

# Kind codes as written, keyed by their upper-case form (TTr, CTr, QyĐ, TrS are mixed case).
STATE_KINDS = {
    k.upper(): k
    for k in (
        "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB "
        "SY TrS SL NĐ TT TTLT"
    ).split()
}
# Older codes (TT 01/2011) still met when reading; never emitted.
LEGACY_STATE_KINDS = {"GN": "BGN", "TTH": "BTT", "UQ": "GUQ", "NP": "GNP"}
PARTY_KINDS = {
    k.upper(): k
    for k in "NQ QĐ QĐi CT KL QC TT HD TB TC BC TTr KH QH CTr ĐA PA CV BB GGT GM GCN".split()
}
KIND_NAMES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "KL": "Kết luận", "QC": "Quy chế",
    "QyĐ": "Quy định", "QĐi": "Quy định", "TB": "Thông báo", "TC": "Thông cáo", "TT": "Thông tri",
    "HD": "Hướng dẫn", "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án",
    "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình", "CV": "Công văn",
    "CĐ": "Công điện", "GM": "Giấy mời", "NĐ": "Nghị định", "QH": "Quy hoạch",
}

_CODE = r"[A-Za-zĐđ0-9&]+"
STATE_SYMBOL = re.compile(
    rf"^(?P<number>\d{{1,5}})\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<left>{_CODE})(?:-(?P<right>{_CODE}(?:-{_CODE})*))$"
)
PARTY_SYMBOL = re.compile(
    rf"^(?P<number>\d{{1,5}})\s*-\s*(?P<kind>[A-Za-zĐđ]+)\s*/\s*(?P<issuer>{_CODE}(?:-{_CODE})*)$"
)
_PREFIX = re.compile(r"^\s*(?:số|so)\s*:?\s*", re.IGNORECASE)


class SymbolError(ValueError):
    """A symbol that follows neither the State nor the Party format."""


@dataclass(frozen=True)
class Symbol:
    system: str  # "state" | "party"
    number: int
    kind: str  # type code, "CV" for a State công văn (which carries no code)
    issuer_code: str
    year: int | None = None  # only State legal normative documents carry it
    drafting_unit: str = ""  # State công văn: the unit that drafted it
    flagged: str = ""  # accepted but non-standard (e.g. "CV" in a State symbol)

    @property
    def text(self) -> str:
        """The standard written form, numbers below 10 with a leading zero."""
        n = f"{self.number:02d}"
        if self.system == "party":
            return f"{n}-{self.kind}/{self.issuer_code}"
        if self.kind == "CV" and self.drafting_unit and not self.flagged:
            return f"{n}/{self.issuer_code}-{self.drafting_unit}"
        year = f"{self.year}/" if self.year else ""
        return f"{n}/{year}{self.kind}-{self.issuer_code}"

    @property
    def is_legal_normative(self) -> bool:
        return self.year is not None


def _norm(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw or "").strip()
    text = _PREFIX.sub("", text)
    return re.sub(r"\s+", " ", text).replace("Ư", "U").replace("ư", "u") if "TƯ" in text.upper() else text


def _known(code: str, table: dict[str, str]) -> str | None:
    return table.get(code.upper())


def parse_symbol(raw: str) -> Symbol:
    """Parse "1029 -TB/TU", "Số: 36/2022/QĐ-UBND", "1234/UBND-TH" …; raise SymbolError otherwise."""
    text = _norm(raw)
    if not text:
        raise SymbolError("Chưa nhập số, ký hiệu văn bản.")
    party = PARTY_SYMBOL.match(text)
    if party:
        kind = _known(party["kind"], PARTY_KINDS)
        if not kind:
            raise SymbolError(f"Loại văn bản “{party['kind']}” không có trong danh mục văn bản của Đảng.")
        number = int(party["number"])
        if number == 0:
            raise SymbolError("Số văn bản phải lớn hơn 0.")
        return Symbol("party", number, kind, party["issuer"].upper())
    state = STATE_SYMBOL.match(text)
    if state:
        number = int(state["number"])
        if number == 0:
            raise SymbolError("Số văn bản phải lớn hơn 0.")
        left, right, year = state["left"], state["right"], state["year"]
        kind = _known(left, STATE_KINDS)
        legacy = LEGACY_STATE_KINDS.get(left.upper())
        if kind or legacy:
            return Symbol("state", number, kind or legacy, right.upper(), int(year) if year else None,
                          flagged="mã loại cũ" if legacy else "")
        if left.upper() == "CV":
            return Symbol("state", number, "CV", right.upper(), int(year) if year else None,
                          flagged="“CV” không phải mã loại văn bản hành chính")
        if year:
            raise SymbolError(f"Loại văn bản “{left}” không có trong danh mục văn bản quy phạm pháp luật.")
        # Công văn: {number}/{ISSUER}-{DRAFTING_UNIT}
        issuer, _, drafting = f"{left}-{right}".partition("-")
        return Symbol("state", number, "CV", issuer.upper(), None, drafting_unit=drafting.upper())
    raise SymbolError(
        f"Số, ký hiệu “{raw.strip()}” không đúng mẫu. Ví dụ: 1029-TB/TU (văn bản của Đảng), "
        "15/QĐ-UBND, 1234/UBND-TH, 36/2022/QĐ-UBND (văn bản hành chính)."
    )
