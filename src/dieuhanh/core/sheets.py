"""Spreadsheet cells from text people typed: never a live formula.

A cell whose text begins with =, +, -, @ or a tab/return is prefixed with an apostrophe (OWASP's CSV
injection advice), so neither Excel nor a later CSV copy evaluates it; a Vietnamese list line
("- Nội dung") begins with a dash and a space, which no formula does, and is kept as it is."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _list_line(value):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_text(v) for v in values]


def _list_line(value: str) -> bool:
    return value.startswith(("- ", "+ ")) and len(value) > 2 and value[2].isalpha()
