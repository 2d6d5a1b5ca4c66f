"""Vietnamese number formats: "11.710" → 11710, "5,08" → 5.08, "1.894/2.053", "24,023 tỷ" → 24.023.

The dot groups thousands and the comma marks decimals. "74.7" (one or two digits after a dot)
is read as a decimal typed the English way; "44.123" is forty-four thousand."""

import re
from decimal import Decimal

from babel.numbers import format_decimal

VIETNAMESE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
ENGLISH_DECIMAL = r"\d+\.\d{1,2}"
NUMBER = rf"(?:{VIETNAMESE})(?![.,]?\d)|{ENGLISH_DECIMAL}(?!\d)"
NUMBER_RE = re.compile(rf"(?<![\d.,])(?:{NUMBER})")


def parse_number(text: str) -> float | int | None:
    """The value of one number written the Vietnamese way, or None."""
    text = (text or "").strip()
    if re.fullmatch(VIETNAMESE, text):
        whole, _, fraction = text.replace(".", "").partition(",")
    elif re.fullmatch(ENGLISH_DECIMAL, text):
        whole, _, fraction = text.partition(".")
    else:
        return None
    return float(f"{whole}.{fraction}") if fraction else int(whole)


def parse_decimal(text: str) -> Decimal | None:
    """Like parse_number, exact, with an optional sign: "11.710,5" → 11710.5; "-3" → -3."""
    text = (text or "").strip().replace(" ", "")
    sign = -1 if text[:1] in "-−" and text else 1
    text = text.lstrip("+-−")
    if re.fullmatch(VIETNAMESE, text):
        value = Decimal(text.replace(".", "").replace(",", "."))
    elif re.fullmatch(ENGLISH_DECIMAL, text):
        value = Decimal(text)
    else:
        return None
    return sign * value


def format_number(value: float | int) -> str:
    """11710 → "11.710"; 5.08 → "5,08" (read back by parse_number)."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = f"{int(value):,}".replace(",", ".")
    if isinstance(value, int):
        return sign + whole
    fraction = f"{value:.6f}".split(".")[1].rstrip("0")
    return sign + whole + (f",{fraction}" if fraction else "")


def so(value, digits: int | None = None) -> str:
    """11710.5 → "11.710,5" (babel's vi locale); `digits` fixes the decimals. Also the template filter."""
    if value is None or value == "":
        return ""
    if digits is None and type(value) is int:  # the common case, counts: babel's answer, without babel's cost
        return f"{value:,}".replace(",", ".")
    if digits is None:
        return format_decimal(value, locale="vi")
    places = int(digits)
    return format_decimal(value, format="#,##0" + ("." + "0" * places if places else ""), locale="vi")
