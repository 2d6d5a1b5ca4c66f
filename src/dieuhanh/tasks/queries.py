"""Read side: every task a user sees comes through `visible_tasks`, scoped to their units."""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q, QuerySet

from dieuhanh.core import calendar
from dieuhanh.core.fulltext import matching_words
from dieuhanh.org.models import Unit
from dieuhanh.org.queries import Scope, owned_as_of

from . import policy
from .models import Coordination, Task
from .status import Group, State, Status, group_q, status_q


def involving(unit_ids) -> Q:
    """Tasks that units lead, coordinate or assigned.

    One `id IN (… UNION …)` rather than OR-ed conditions: each branch uses its own index, where
    an OR over a subquery makes PostgreSQL scan the whole table."""
    branches = Task.objects.filter(lead_id__in=unit_ids).values("pk").union(
        Coordination.objects.filter(unit_id__in=unit_ids).values("task_id"),
        Task.objects.filter(assigned_by_id__in=unit_ids).values("pk"))
    return Q(pk__in=branches)


def working_on(unit_ids, **where) -> Q:
    """Tasks the units lead or coordinate, `where` (lookups on state and due_on) applied inside each
    branch so that both read one index range; a filter on due_on leaves out ongoing tasks and
    recurring series, which have none."""
    led = Task.objects.filter(lead_id__in=unit_ids, **where).values("pk")
    coordinated = Coordination.objects.filter(unit_id__in=unit_ids, **where).values("task_id")
    return Q(pk__in=led.union(coordinated))


def led_within(unit: Unit, lead: str = "lead_id", **where) -> Q:
    """Tasks led (chủ trì) by the unit or a unit below it: at a root, one indexed filter on `tree`
    (a task's lead always belongs to the tree of the unit that assigned it). `lead` names the lead
    column, or the `lead_then` annotation of `as_of`."""
    if unit.parent_id is None:
        return Q(tree_id=unit.pk, **where)
    return Q(**{f"{lead}__in": Unit.objects.filter(path__startswith=unit.path).values("pk")}, **where)


def as_of(tasks: QuerySet[Task], unit: Unit, day: date, **where) -> tuple[QuerySet[Task], str]:
    """The tasks led within `unit` as the units stood on `day`, and the name of their lead then: a task a
    reorganisation moved after that day counts for the unit that led it then (org.FormerOwner)."""
    tasks, lead = owned_as_of(tasks, "tasks.task", "lead", day)
    return tasks.filter(led_within(unit, lead, **where)), lead


def visible_tasks(user) -> QuerySet[Task]:
    """A user sees the tasks of their units and the units below them, as lead, coordinator or
    assigner. Whole trees (a membership at the root) are one indexed filter on `tree`."""
    scope = Scope.of(user)
    tasks = Task.objects.all()
    if scope.is_superuser:
        return tasks
    q = Q(pk__in=[])
    if scope.whole_trees:
        q |= Q(tree_id__in=scope.whole_trees)
    if scope.partial_unit_ids:
        q |= involving(scope.partial_unit_ids)
    return tasks.filter(q)


def with_list_relations(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.select_related("lead", "assigned_by", "document")


STATE_OF = {Status.AWAITING: State.AWAITING, Status.DONE_ON_TIME: State.DONE, Status.DONE_LATE: State.DONE,
            Status.PAUSED: State.PAUSED, Status.CANCELLED: State.CANCELLED}


@dataclass
class TaskFilter:
    """The task list's filters, parsed from the query string (bad values are ignored)."""

    q: str = ""
    unit: Unit | None = None
    status: str = ""
    group: str = ""
    due_from: date | None = None
    due_to: date | None = None
    document_id: int | None = None
    assigned_by: Unit | None = None
    key_only: bool = False
    stale_only: bool = False
    lead_only: bool = False  # the unit's subtree as lead (chủ trì) only, as dashboards count
    # The user's own side, as the inbox counts: "chu_tri" what their units lead, "lam" the work of their
    # units (lead or coordinator), "giao" what the units they decide for assigned.
    mine: str = ""
    lead: Unit | None = None  # led by exactly this unit, as a scorecard's row counts
    open_only: bool = False  # đang thực hiện (not awaiting acceptance, paused, …)
    unacknowledged: bool = False  # "Mới giao": the lead unit has not confirmed receipt
    issued_to: date | None = None  # given on or before this day
    returned_only: bool = False  # returned by the assigner, not yet asked again
    programme_id: int | None = None  # a programme's tasks (the programmes app names the relation)

    PARAMS = {"q": "q", "status": "trang_thai", "group": "nhom", "due_from": "han_tu", "due_to": "han_den",
              "document_id": "van_ban", "key_only": "trong_tam", "stale_only": "chua_cap_nhat", "mine": "cua_toi",
              "open_only": "dang_thuc_hien", "unacknowledged": "chua_tiep_nhan", "issued_to": "giao_den",
              "returned_only": "bi_tra_lai", "programme_id": "chuong_trinh"}

    def query(self) -> str:
        """The list's address for these filters: a count and the list it links to read the same filter."""
        params = {}
        for name, key in self.PARAMS.items():
            value = getattr(self, name)
            if value in (None, "", False):
                continue
            params[key] = "1" if value is True else f"{value:%d/%m/%Y}" if isinstance(value, date) else value
        if self.unit is not None:
            params["don_vi"] = self.unit.pk
        if self.assigned_by is not None:
            params["don_vi_giao"] = self.assigned_by.pk
        if self.lead is not None:
            params["chu_tri"] = self.lead.pk
        if self.lead_only:
            params["vai_tro"] = "chu_tri"
        return urlencode(params)

    def describe(self) -> str:
        """The filter in words, for the title of an exported or printed list."""
        parts = []
        if self.unit is not None:
            parts.append(("chủ trì: " if self.lead_only else "đơn vị: ") + self.unit.name)
        if self.lead is not None:
            parts.append(f"chủ trì: {self.lead.name}")
        if self.assigned_by is not None:
            parts.append(f"đơn vị giao: {self.assigned_by.name}")
        if self.status in Status.values:
            parts.append(Status(self.status).label.lower())
        if self.due_from or self.due_to:
            parts.append("hạn " + " – ".join(f"{d:%d/%m/%Y}" for d in (self.due_from, self.due_to) if d))
        if self.q:
            parts.append(f"tìm “{self.q}”")
        if self.key_only:
            parts.append("trọng tâm")
        if self.stale_only:
            parts.append("chưa cập nhật")
        return "; ".join(parts)

    def _branch_where(self, today: date) -> dict:
        """The part of the filters that the unit's lead and coordination branches can use
        themselves (state and deadline), so they read index ranges instead of every task."""
        where = {}
        if self.status in Status.values:
            where["state"] = STATE_OF.get(self.status, State.OPEN)
            if self.status == Status.OVERDUE:
                where["due_on__lt"] = today
        elif self.open_only or self.returned_only or self.unacknowledged:
            where["state"] = State.OPEN  # open work only: each branch reads its (unit, state, …) index range
        if self.due_from:
            where["due_on__gte"] = self.due_from
        if self.due_to:
            where["due_on__lte"] = self.due_to
        return where

    def visible_to(self, user) -> QuerySet[Task]:
        """The tasks these filters start from. The user's own side ("cua_toi") is visible by definition —
        their units' work, what their units assigned — so it skips the visibility union, which would
        only make the database walk the deadline index of every task to intersect the two."""
        return Task.objects.all() if self.mine else visible_tasks(user)

    def _conditions(self, today: date, user=None) -> list[Q]:
        """The filters as conditions, all ANDed: the list, its count and the inbox section read the same."""
        where = []
        if self.mine == "chu_tri" and user is not None:
            where.append(Q(lead_id__in=list(Scope.of(user).own_unit_ids)))
        elif self.mine == "lam" and user is not None:
            where.append(working_on(list(Scope.of(user).own_unit_ids), **self._branch_where(today)))
        elif self.mine == "giao" and user is not None:
            where.append(policy.decided_by(user))
        if self.lead is not None:
            where.append(Q(lead=self.lead))
        if self.open_only:
            where.append(Q(state=State.OPEN))
        if self.unacknowledged:
            where.append(Q(state=State.OPEN, acknowledged_at__isnull=True))
        if self.issued_to:
            where.append(Q(issued_on__lte=self.issued_to))
        if self.returned_only:
            where.append(Q(state=State.OPEN, returned_at__isnull=False))
        if self.unit is not None and self.lead_only:
            where.append(led_within(self.unit, **self._branch_where(today)))
        elif self.unit is not None:
            subtree = Unit.objects.filter(path__startswith=self.unit.path).values("pk")
            where.append(working_on(subtree, **self._branch_where(today)))
        if self.status in Status.values:
            where.append(status_q(self.status, today))
        if self.group in Group.values:
            where.append(group_q(self.group, today))
        if self.due_from:
            where.append(Q(due_on__gte=self.due_from))
        if self.due_to:
            where.append(Q(due_on__lte=self.due_to))
        if self.document_id:
            where.append(Q(document_id=self.document_id))
        if self.programme_id:
            where.append(Q(programmes=self.programme_id))
        if self.assigned_by is not None:
            where.append(Q(assigned_by=self.assigned_by))
        if self.key_only:
            where.append(Q(is_key=True))
        if self.stale_only:
            cutoff = today - timedelta(days=settings.DIEUHANH_STALE_AFTER_DAYS)
            where.append(Q(state=State.OPEN) & (Q(last_report_on__lt=cutoff)
                                                | Q(last_report_on__isnull=True, issued_on__lt=cutoff)))
        return where

    def apply(self, tasks: QuerySet[Task], today: date, user=None) -> QuerySet[Task]:
        # One filter() for all conditions: each call clones the query, and the inbox applies eight filters.
        where = self._conditions(today, user)
        return matching_words(tasks.filter(*where) if where else tasks, self.q)


@dataclass
class InboxSection:
    key: str
    title: str
    filter: TaskFilter


def inbox_sections(user, today: date) -> list[InboxSection]:
    """"Việc của đơn vị": what needs the user's units now — their own work, and, for those who assign,
    what their units assigned. Each section is a task-list filter: its count and the list its link
    opens are the same query."""
    scope = Scope.of(user)
    soon = today + timedelta(days=7)
    sections = [
        InboxSection("new", "Mới giao", TaskFilter(mine="chu_tri", unacknowledged=True)),
        InboxSection("overdue", "Quá hạn", TaskFilter(mine="lam", status=Status.OVERDUE)),
        InboxSection("due_soon", "Đến hạn trong 7 ngày", TaskFilter(mine="lam", open_only=True, due_from=today, due_to=soon)),
        InboxSection("returned", "Bị trả lại", TaskFilter(mine="chu_tri", returned_only=True)),  # the lead's requests
    ]
    if scope.decide_unit_ids or scope.admin_paths or scope.is_superuser:
        waited = calendar.subtract_working_days(today, settings.DIEUHANH_ACKNOWLEDGE_WITHIN_DAYS)
        sections += [
            InboxSection("awaiting", "Chờ nghiệm thu", TaskFilter(mine="giao", status=Status.AWAITING)),
            InboxSection("assigned_overdue", "Việc đã giao quá hạn", TaskFilter(mine="giao", status=Status.OVERDUE)),
            InboxSection("assigned_due", "Việc đã giao đến hạn trong 7 ngày",
                         TaskFilter(mine="giao", open_only=True, due_from=today, due_to=soon)),
            InboxSection("unacknowledged", f"Chưa tiếp nhận sau {settings.DIEUHANH_ACKNOWLEDGE_WITHIN_DAYS} ngày làm việc",
                         TaskFilter(mine="giao", unacknowledged=True, issued_to=waited)),
        ]
    return sections
