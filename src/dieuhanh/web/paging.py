"""Pagination whose cost does not grow with the data: the count stops at a cap."""

from dataclasses import dataclass

COUNT_CAP = 10_000


@dataclass
class Page:
    items: list
    number: int
    per_page: int
    count: int
    capped: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number * self.per_page < self.count

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.items)

    @property
    def last_number(self) -> int:
        return max(1, -(-self.count // self.per_page))


def paginate(request, queryset, per_page: int = 25) -> Page:
    try:
        number = max(1, int(request.GET.get("trang", 1)))
    except ValueError:
        number = 1
    count = queryset.order_by()[: COUNT_CAP + 1].count()
    capped = count > COUNT_CAP
    number = min(number, max(1, -(-min(count, COUNT_CAP) // per_page)))
    offset = (number - 1) * per_page
    items = list(queryset[offset : offset + per_page])
    return Page(items, number, per_page, min(count, COUNT_CAP), capped)
