"""Pagination whose cost does not grow with the data: one ordered scan of ids, stopped at a cap,
gives both the count and the page; only the page's rows are then loaded."""

from dataclasses import dataclass

from dieuhanh.core import params

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


def window(queryset, offset: int, limit: int, cap: int) -> tuple[list, int]:
    """(rows offset…offset+limit in the queryset's order, number of rows up to `cap` + 1).

    The count is made by the database, unordered and stopped at `cap` + 1 rows, so a list of a
    hundred thousand overdue tasks never travels to Python; the window is read as ids in list order,
    then its rows by primary key, keeping the queryset's select_related."""
    count = queryset.order_by()[: cap + 1].count()
    wanted = list(queryset.values_list("pk", flat=True)[offset : offset + limit]) if count > offset else []
    rows = queryset.model._default_manager.filter(pk__in=wanted)
    rows.query.select_related = queryset.query.select_related
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in wanted], count


def paginate(request, queryset, per_page: int = 25) -> Page:
    number = params.number(request.GET.get("trang"), default=1, low=1, high=COUNT_CAP // per_page + 1)
    items, count = window(queryset, (number - 1) * per_page, per_page, COUNT_CAP)
    if not items and number > 1:  # past the end: show the last page
        number = max(1, -(-min(count, COUNT_CAP) // per_page))
        items, count = window(queryset, (number - 1) * per_page, per_page, COUNT_CAP)
    return Page(items, number, per_page, min(count, COUNT_CAP), count > COUNT_CAP)
