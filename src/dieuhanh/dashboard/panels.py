"""The dashboard's panels. Each builder reads a fixed number of queries whatever the size of the
province, and returns what its template shows; every number comes with the link to its list."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from urllib.parse import urlencode

from django.apps import apps
from django.urls import reverse

from dieuhanh.core import periods
from dieuhanh.indicators.models import Indicator
from dieuhanh.indicators.queries import headline, indicator_rows, visible_indicators
from dieuhanh.org.models import Unit
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.queries import led_within
from dieuhanh.tasks.status import CSS_OF, Group, State, Status

from . import tally

LIST_SIZE = 10
COLORS = {"muted": "#9aa3ad", "info": "#0b4f9c", "danger": "#a3151b", "warning": "#d08a00", "success": "#17683a",
          "late": "#b5651d", "red": "#a3151b", "orange": "#e07b00", "green": "#17683a", "grey": "#9aa3ad"}
RANKING_SIZE = 10


@dataclass
class Board:
    """What every panel needs: whose dashboard, for which period, as of which day."""

    user: object
    unit: Unit
    period: periods.Period
    today: date
    indicator_ids: list[int]
    may_decide: bool

    def task_link(self, unit: Unit | None = None, **params) -> str:
        query = {"don_vi": (unit or self.unit).pk, "vai_tro": "chu_tri", **{k: v for k, v in params.items() if v}}
        return reverse("task_list") + "?" + urlencode(query)

    def period_link(self, unit: Unit | None = None, **params) -> str:
        return self.task_link(unit, han_tu=f"{self.period.start:%d/%m/%Y}", han_den=f"{self.period.end:%d/%m/%Y}",
                              **params)

    @cached_property
    def tallies(self) -> dict[int, tally.Tally]:
        """Read once, for the status counts and the ranking."""
        return tally.by_lead(self.unit, self.period, self.today)


def tasks_panel(board: Board) -> dict:
    total = tally.total(board.tallies)
    rows = [{"status": s, "label": s.label, "css": CSS_OF[s], "count": total.counts[s],
             "link": board.period_link(trang_thai=s.value)} for s in tally.COUNTED]
    chart = {"type": "doughnut", "labels": [r["label"] for r in rows], "values": [r["count"] for r in rows],
             "colors": [COLORS[r["css"]] for r in rows]}
    return {"total": total, "rows": rows, "all_link": board.period_link(), "chart": chart}


def ranking_panel(board: Board) -> dict:
    rows, count = tally.ranked(board.tallies, RANKING_SIZE)
    best = rows[:RANKING_SIZE]
    worst = rows[RANKING_SIZE:]
    for t in rows:
        t.link = board.period_link(chu_tri=t.unit.pk)  # the tasks this unit itself leads, as counted
        t.board_link = reverse("dashboard") + "?" + urlencode({"don_vi": t.unit.pk, "ky": board.period.key})
    chart = {"type": "hbar", "label": "Tỷ lệ đúng hạn (%)", "labels": [t.unit.short_name or t.unit.name for t in best],
             "values": [round(t.on_time_rate, 1) for t in best], "colors": COLORS["success"], "max": 100}
    return {"best": best, "worst": worst, "count": count, "chart": chart,
            "scorecards": reverse("scorecards") + "?" + urlencode({"don_vi": board.unit.pk, "ky": board.period.key})}


def overdue_panel(board: Board) -> dict:
    tasks = Task.objects.filter(led_within(board.unit, state=State.OPEN, due_on__lt=board.today)).in_status(
        Status.OVERDUE, board.today)  # an ongoing task with a date passed is not overdue, as in the list
    listed = list(tasks.select_related("lead").order_by("due_on", "id")[:LIST_SIZE])
    for t in listed:
        t.late = t.days_late
    return {"count": tasks.count(), "tasks": listed, "link": board.task_link(trang_thai=Status.OVERDUE.value)}


def due_week_panel(board: Board) -> dict:
    sunday = board.today + timedelta(days=6 - board.today.weekday())
    tasks = Task.objects.filter(led_within(board.unit, due_on__gte=board.today, due_on__lte=sunday)).in_group(
        Group.PENDING_ON_TIME, board.today)
    return {"count": tasks.count(), "tasks": list(tasks.select_related("lead").order_by("due_on", "id")[:LIST_SIZE]),
            "sunday": sunday,
            "link": board.task_link(nhom=Group.PENDING_ON_TIME.value, han_tu=f"{board.today:%d/%m/%Y}",
                                    han_den=f"{sunday:%d/%m/%Y}")}


def chosen_indicators(board: Board) -> list[Indicator]:
    """The layout's indicators in its order; by default the top-level indicators of the unit's tree."""
    visible = visible_indicators(board.user).select_related("unit", "responsible")
    if board.indicator_ids:
        found = visible.in_bulk(board.indicator_ids)
        return [found[i] for i in board.indicator_ids if i in found]
    return headline(visible, board.unit, 20)


def indicators_panel(board: Board) -> dict:
    rows = indicator_rows(chosen_indicators(board), board.unit, board.period, board.today)
    if board.indicator_ids:  # the layout's order, not the worst-first order of an unarranged dashboard
        position = {pk: i for i, pk in enumerate(board.indicator_ids)}
        rows.sort(key=lambda r: position.get(r.indicator.pk, len(position)))
    for r in rows:  # the number both the bar and the table's "Mức đạt" column print
        r.attained = round(r.assessment.attainment, 1) if r.assessment.attainment is not None else None
    chart = {"type": "hbar", "label": "% mức cần đạt",
             "labels": [r.indicator.name[:40] for r in rows],
             "values": [float(r.attained) if r.attained is not None else 0 for r in rows],
             "colors": [COLORS[r.light] for r in rows], "max": 100}
    return {"rows": rows, "may_request": board.may_decide, "chart": chart}


def ntm_panel(board: Board) -> dict | None:
    from dieuhanh.ntm.status import summary_for_unit

    day = min(board.today, board.period.end)
    province, s = summary_for_unit(board.unit, day)
    if province is None:
        return None
    if s is None:
        return {"summary": None, "day": day}
    chart = {"type": "doughnut", "labels": ["Kiểu mẫu", "Nâng cao", "Đạt chuẩn", "Chưa đạt chuẩn"],
             "values": [s.model, s.advanced - s.model, s.standard - s.advanced, s.total - s.standard],
             "colors": ["#0b4f9c", "#2e8b57", "#7cc08f", "#d8dde5"]}
    return {"summary": s, "day": day, "province": province, "chart": chart,
            "link": reverse("ntm_index") + "?" + urlencode({"tinh": province.pk, "ngay": f"{day:%d/%m/%Y}"})}


def petitions_panel(board: Board) -> dict | None:
    if not apps.is_installed("dieuhanh.petitions"):
        return None
    from dieuhanh.petitions import queries as pq

    subtree = Unit.objects.filter(path__startswith=board.unit.path).values("pk")
    petitions = pq.visible_petitions(board.user).filter(responsible_unit__in=subtree)
    start, end = f"{board.period.start:%d/%m/%Y}", f"{board.period.end:%d/%m/%Y}"
    base = reverse("petition_list") + "?" + urlencode({"don_vi": board.unit.pk, "cap_duoi": 1})
    received = petitions.filter(received_on__range=(board.period.start, board.period.end)).count()
    answered = petitions.filter(answered_on__range=(board.period.start, board.period.end)).count()
    overdue = pq.overdue(petitions, board.today).count()
    return {
        "received": received, "answered": answered, "overdue": overdue,
        "chart": {"type": "bar", "labels": ["Tiếp nhận", "Đã trả lời", "Đang quá hạn"],
                  "values": [received, answered, overdue], "colors": ["#0b4f9c", "#17683a", "#a3151b"]},
        "received_link": f"{base}&{urlencode({'tu': start, 'den': end})}",
        "answered_link": f"{base}&{urlencode({'tl_tu': start, 'tl_den': end})}",
        "overdue_link": f"{base}&qua_han=1",
    }


BUILDERS = {"tasks": tasks_panel, "ranking": ranking_panel, "overdue": overdue_panel, "due_week": due_week_panel,
            "indicators": indicators_panel, "ntm": ntm_panel, "petitions": petitions_panel}
