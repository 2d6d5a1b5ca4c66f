"""Pagination whose cost does not grow with the data: an ordered scan of one window of ids, a count
stopped at a cap (only when the window does not show where the list ends), then the window's rows."""

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

    The window is read as ids in list order, then its rows by primary key, keeping the queryset's
    select_related. A window that stops short of `limit` rows reached the end, so the count is known
    without asking; otherwise the database counts, unordered and stopped at `cap` + 1 rows, so a list of
    a hundred thousand overdue tasks never travels to Python."""
    wanted = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    if 0 < len(wanted) < limit or (not wanted and offset == 0):
        count = min(offset + len(wanted), cap + 1)
    else:
        count = queryset.order_by()[: cap + 1].count()
    if not wanted:
        return [], count
    # Unordered: the rows are put in list order here, and ordering a select_related query makes the ORM
    # weigh each of its dozens of columns against the ordering.
    rows = queryset.model._default_manager.filter(pk__in=wanted).order_by()
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
