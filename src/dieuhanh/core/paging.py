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


def _ids_and_count(queryset, offset: int, limit: int, cap: int) -> tuple[list, int]:
    """The window's primary keys in list order, and the list's length up to `cap` + 1. A window that
    stops short of `limit` rows reached the end, so the count is known without asking; otherwise the
    database counts, unordered and stopped at `cap` + 1 rows, so a list of a hundred thousand overdue
    tasks never travels to Python."""
    wanted = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    if 0 < len(wanted) < limit or (not wanted and offset == 0):
        return wanted, min(offset + len(wanted), cap + 1)
    return wanted, queryset.order_by()[: cap + 1].count()


def _rows_by_pk(queryset, pks: set) -> dict:
    """The rows with these primary keys, with the queryset's select_related. Unordered: the callers put
    them in list order, and ordering a select_related query makes the ORM weigh each of its dozens of
    columns against the ordering."""
    if not pks:
        return {}
    rows = queryset.model._default_manager.filter(pk__in=pks).order_by()
    rows.query.select_related = queryset.query.select_related
    return {row.pk: row for row in rows}


def window(queryset, offset: int, limit: int, cap: int) -> tuple[list, int]:
    """(rows offset…offset+limit in the queryset's order, number of rows up to `cap` + 1)."""
    wanted, count = _ids_and_count(queryset, offset, limit, cap)
    by_pk = _rows_by_pk(queryset, set(wanted))
    return [by_pk[pk] for pk in wanted], count


def first_windows(querysets: list, limit: int, cap: int) -> list[tuple[list, int]]:
    """`window(qs, 0, limit, cap)` for several lists of one model at once, as the inbox shows them: the
    rows of every window are read in one query (their select_related is the first list's)."""
    if not querysets:
        return []
    windows = [_ids_and_count(qs, 0, limit, cap) for qs in querysets]
    by_pk = _rows_by_pk(querysets[0], {pk for wanted, _ in windows for pk in wanted})
    return [([by_pk[pk] for pk in wanted], count) for wanted, count in windows]


def paginate(request, queryset, per_page: int = 25) -> Page:
    number = params.number(request.GET.get("trang"), default=1, low=1, high=COUNT_CAP // per_page + 1)
    items, count = window(queryset, (number - 1) * per_page, per_page, COUNT_CAP)
    if not items and number > 1:  # past the end: show the last page
        number = max(1, -(-min(count, COUNT_CAP) // per_page))
        items, count = window(queryset, (number - 1) * per_page, per_page, COUNT_CAP)
    return Page(items, number, per_page, min(count, COUNT_CAP), count > COUNT_CAP)


def paginate_list(request, rows: list, per_page: int = 100) -> Page:
    """A page of a list already in memory (a ranking computed whole, so its places are right on every page)."""
    last = max(1, -(-len(rows) // per_page))
    number = params.number(request.GET.get("trang"), default=1, low=1, high=last)
    return Page(rows[(number - 1) * per_page : number * per_page], number, per_page, len(rows), False)
