"""Dates typed by people: dd/mm/yyyy (or ISO from a date input); anything else is None."""

from datetime import date, datetime


def parse_day(value: str | None) -> date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None
