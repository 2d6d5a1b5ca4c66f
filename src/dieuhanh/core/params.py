"""Numbers from a query string or a form, read without ever raising: a value that is not a plain
decimal number within what a database key can hold is simply absent (the page then shows its default
or a Vietnamese message), never a server error."""

MAX_KEY = 2**63 - 1  # the largest BIGINT key on PostgreSQL and SQLite


def key(value) -> int | None:
    """A primary key typed in a URL or form: 1…2⁶³−1, or None."""
    text = str(value if value is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_KEY else None


def number(value, default: int, low: int = 0, high: int = MAX_KEY) -> int:
    """A small count (a page number, a row index): `default` unless a plain integer, clamped to low…high."""
    text = str(value if value is not None else "").strip()
    if not text.isascii() or not text.lstrip("-").isdigit() or len(text) > 19:
        return default
    return min(max(int(text), low), high)
