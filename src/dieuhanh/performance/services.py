"""Every change to a work plan, each one transaction: the policy is asked, the history row written, the
official or the leader told through an event. `month_score` reads a month's products into `scoring`."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dieuhanh.core import periods
from dieuhanh.core.errors import Refused
from dieuhanh.core.history import by
from dieuhanh.core.numbers import so
from dieuhanh.core.text import person_name
from dieuhanh.events.models import Kind
from dieuhanh.events.services import record, summary
from dieuhanh.org.models import WORK_ROLES, Membership, Role, Unit
from dieuhanh.org.queries import Scope, people_to_tell
from dieuhanh.petitions.models import Petition
from dieuhanh.tasks.models import Coordination, Task
from dieuhanh.tasks.status import State

from . import scoring
from .models import GeneralPoints, MonthlyResult, Product
from .policy import policy, unit_policy


def month(key: str) -> periods.Period:
    try:
        period = periods.parse(key)
    except periods.PeriodError as error:
        raise ValidationError(str(error)) from error
    if period.kind != "month":
        raise ValidationError("Kế hoạch sản phẩm tính theo tháng (ví dụ 2026-11).")
    return period


def _tell(kind: str, product: Product, actor, recipients, note: str = "") -> None:
    record(kind, product, actor=actor, recipients=recipients, text=summary(kind, product.title, note),
           link=reverse("work_plan") + f"?ky={product.period}")


def _locked(actor, action: str, product: Product) -> Product:
    """The product read again under a row lock (two leaders deciding at once wait for each other), then the
    policy asked for the action."""
    product = Product.objects.select_for_update(of=("self",)).select_related("official", "unit").get(pk=product.pk)
    policy.require(actor, action, product)
    return product


@transaction.atomic
def plan(actor, *, unit: Unit, period: str, title: str, due_on: date, weight: Decimal = Decimal(1),
         kind: str = Product.Kind.OTHER, week_of: date | None = None, task: Task | None = None,
         petition: Petition | None = None) -> Product:
    """A product in the official's own plan for the month."""
    if unit.pk not in Scope.of(actor).work_unit_ids:  # the unit's own staff, not an admin above it
        raise Refused("Chỉ cán bộ, công chức của đơn vị mới lập kế hoạch sản phẩm cho đơn vị đó.")
    p = month(period)
    title = (title or "").strip()
    if not title:
        raise ValidationError("Nhập tên sản phẩm.")
    if weight is None or weight <= 0:
        raise ValidationError("Trọng số quy đổi phải lớn hơn 0.")
    if not (p.start <= due_on <= p.end):
        raise ValidationError(f"Hạn {due_on:%d/%m/%Y} nằm ngoài {p.label}: sản phẩm thuộc kế hoạch của tháng có hạn.")
    product = Product(official=actor, unit=unit, period=p.key, title=title[:500], kind=kind, weight=weight,
                      due_on=due_on, week_of=week_of or periods.week_start(due_on), task=task, petition=petition)
    by(product, actor).save()
    rescore(actor, product.official, product.period)
    return product


@dataclass
class Proposal:
    """What the system already knows the official's unit owes in the month."""

    title: str
    kind: str
    due_on: date
    task: Task | None = None
    petition: Petition | None = None


def proposals(official, unit: Unit, period: str, week: date | None = None) -> list[Proposal]:
    """What the unit owes in the month (or in the week of the month from Monday `week`), not yet in the official's
    plan: open tasks it leads — an occurrence of a recurring task is the period's report — and its part in the
    tasks it coordinates, and the petitions it answers."""
    p = month(period)
    first, last = p.start, p.end
    if week is not None:
        first, last = max(first, week), min(last, week + timedelta(days=6))
    planned = Product.objects.filter(official=official, period=p.key)
    planned_tasks = planned.exclude(task=None).values("task_id")
    led = (Task.objects.filter(lead=unit, state=State.OPEN, due_on__range=(first, last))
           .exclude(pk__in=planned_tasks).order_by("due_on", "id")[:50])
    helped = (Coordination.objects.filter(unit=unit, state=State.OPEN, due_on__range=(first, last))
              .exclude(task_id__in=planned_tasks).select_related("task").order_by("due_on", "task_id")[:50])
    petitions = (Petition.objects.filter(responsible_unit=unit, status__in=Petition.OPEN_STATUSES,
                                         due_on__range=(first, last))
                 .exclude(pk__in=planned.exclude(petition=None).values("petition_id")).order_by("due_on", "id")[:50])
    return ([Proposal(t.content[:500], Product.Kind.REPORT if t.series_id else Product.Kind.TASK_STEP, t.due_on,
                      task=t) for t in led]
            + [Proposal(f"Phối hợp: {c.task.content}"[:500], Product.Kind.TASK_STEP, c.due_on, task=c.task)
               for c in helped]
            + [Proposal(f"Trả lời kiến nghị {x.code}: {x.content[:400]}", Product.Kind.PETITION, x.due_on, petition=x)
               for x in petitions])


@transaction.atomic
def complete(actor, product: Product, *, done_on: date, evidence=None, link: str = "", cause: str = "") -> Product:
    """Done, with its evidence; a product finished after its deadline counts one delay (an objective cause may be
    stated, for the leader to confirm)."""
    product = _locked(actor, "complete", product)
    if not evidence and not link.strip():
        raise ValidationError("Cần minh chứng: tải tệp lên hoặc ghi đường dẫn đến sản phẩm.")
    if done_on > timezone.localdate():
        raise ValidationError("Ngày hoàn thành không được sau hôm nay.")
    product.state, product.done_on, product.evidence_link = Product.State.DONE, done_on, link.strip()
    if evidence:
        product.evidence = evidence
    if done_on > product.due_on:
        product.delays += 1
    if cause.strip():
        product.objective_cause, product.cause_confirmed_by = cause.strip(), None
    by(product, actor).save()
    _tell(Kind.PRODUCT_DONE, product, actor, people_to_tell([product.unit], (Role.LEADER,)))  # who confirms
    rescore(actor, product.official, product.period)
    return product


@transaction.atomic
def confirm(actor, product: Product) -> Product:
    product = _locked(actor, "confirm", product)
    product.state, product.confirmed_by, product.confirmed_at = Product.State.CONFIRMED, actor, timezone.now()
    by(product, actor).save()
    _tell(Kind.PRODUCT_CONFIRMED, product, actor, [product.official])
    rescore(actor, product.official, product.period)
    return product


@transaction.atomic
def return_product(actor, product: Product, *, reason: str, major_error: bool = False) -> Product:
    """Back to the official; a major error in its content costs a quarter of its quality points."""
    product = _locked(actor, "return", product)
    if not (reason or "").strip():
        raise ValidationError("Ghi lý do trả lại sản phẩm.")
    product.state, product.return_reason = Product.State.RETURNED, reason.strip()
    if major_error:
        product.quality_errors += 1
    by(product, actor).save()
    _tell(Kind.PRODUCT_RETURNED, product, actor, [product.official], reason.strip())
    rescore(actor, product.official, product.period)
    return product


@transaction.atomic
def confirm_cause(actor, product: Product) -> Product:
    """The leader confirms the objective cause: the product's delays and errors no longer count."""
    product = _locked(actor, "confirm_cause", product)
    product.cause_confirmed_by = actor
    by(product, actor).save()
    rescore(actor, product.official, product.period)
    return product


@transaction.atomic
def reassign(actor, product: Product, to_official, reason: str) -> Product:
    """The leader hands a product not yet done to another official of the unit (leave, a change of duties): it
    leaves the first official's plan and score and joins the other's, the reason kept in its history."""
    product = _locked(actor, "reassign", product)
    if not (reason or "").strip():
        raise ValidationError("Ghi lý do giao lại sản phẩm.")
    if to_official is None or to_official.pk == product.official_id:
        raise ValidationError("Chọn một cán bộ, công chức khác để giao lại.")
    if not Membership.objects.filter(user=to_official, unit=product.unit, role__in=WORK_ROLES).exists():
        raise ValidationError(f"{person_name(to_official)} không thuộc {product.unit.name}.")
    before = product.official
    product.reassigned_from, product.reassign_reason = before, reason.strip()
    product.official, product.state, product.return_reason = to_official, Product.State.PLANNED, ""
    by(product, actor).save()
    rescore(actor, before, product.period)
    rescore(actor, to_official, product.period)
    _tell(Kind.PRODUCT_REASSIGNED, product, actor, [before, to_official], f"giao lại cho {person_name(to_official)}: {reason.strip()}")
    return product


@transaction.atomic
def set_general_points(actor, official, unit: Unit, period: str, points: Decimal) -> GeneralPoints:
    p = month(period)
    unit_policy.require(actor, "score", unit)
    if actor.pk == official.pk:
        raise Refused("Không tự chấm điểm tiêu chí chung của mình.")
    if not Membership.objects.filter(user=official, unit=unit).exists():
        raise ValidationError(f"{person_name(official)} không thuộc {unit.name}.")
    if points is None or not (0 <= points <= 30):
        raise ValidationError("Điểm tiêu chí chung từ 0 đến 30.")
    row = GeneralPoints.objects.filter(official=official, period=p.key).first() or GeneralPoints(
        official=official, period=p.key)
    row.points, row.entered_by = points, actor
    by(row, actor).save()
    rescore(actor, official, p.key)
    return row


@dataclass
class MonthScore:
    score: scoring.Score | None  # None: nothing to score yet (no product); the pages say why (queries._message)
    general_entered: bool
    products: list[Product]


def weighted_roll() -> bool:
    """DIEUHANH_SCORE_ROLL: how the months make a quarter or a year."""
    if settings.DIEUHANH_SCORE_ROLL not in scoring.ROLLS:
        raise ImproperlyConfigured(f"DIEUHANH_SCORE_ROLL: một trong {', '.join(scoring.ROLLS)}.")
    return settings.DIEUHANH_SCORE_ROLL == "weighted"


def office_rules() -> scoring.Rules:
    """The office's settings for what the decree leaves open."""
    mix = tuple(Decimal(x) for x in settings.DIEUHANH_SCORE_MIX)
    if len(mix) != 3 or any(x < 0 for x in mix) or not sum(mix):
        raise ImproperlyConfigured("DIEUHANH_SCORE_MIX: ba số không âm, tổng lớn hơn 0 (số lượng, chất lượng, tiến độ).")
    return scoring.Rules(mix=mix, leader_unit_share=Decimal(settings.DIEUHANH_SCORE_LEADER_UNIT_SHARE),
                         excellent_cap_percent=Decimal(settings.DIEUHANH_SCORE_EXCELLENT_CAP_PERCENT))


def _leader_ids(unit) -> set[int]:
    """The leaders of a unit (given or by its id)."""
    return set(Membership.objects.filter(unit=unit, role=Role.LEADER).values_list("user_id", flat=True))


def _subordinate_grades(official, unit: Unit, key: str) -> list[str] | None:
    """For a leader of the unit: the month's grades of its other officials (None for anyone else, or while no
    subordinate has been scored)."""
    leaders = _leader_ids(unit)
    if official.pk not in leaders:
        return None
    grades = list(MonthlyResult.objects.filter(unit=unit, period=key).exclude(official_id__in=leaders)
                  .values_list("grade", flat=True))
    return grades or None


def _items(products: list[Product]) -> list[scoring.Product]:
    """What the score reads of each product: only what the leader confirmed counts as completed."""
    return [scoring.Product(x.weight, x.state == Product.State.CONFIRMED, x.quality_errors, x.delays,
                            bool(x.objective_cause and x.cause_confirmed_by_id), key=x.pk) for x in products]


def month_score(official, period: str, rules: scoring.Rules | None = None) -> MonthScore:
    """The month's score from the products; a leader's task result also counts the unit's officials' grades."""
    rules = rules or office_rules()
    p = month(period)
    products = list(Product.objects.filter(official=official, period=p.key).select_related("unit"))
    general = GeneralPoints.objects.filter(official=official, period=p.key).first()
    if not products:
        return MonthScore(None, general is not None, [])
    try:
        result = scoring.score(general.points if general else Decimal(0), _items(products), rules,
                               _subordinate_grades(official, products[0].unit, p.key))
    except scoring.ScoreError:  # weights that sum to zero: nothing to score (the database refuses such weights)
        return MonthScore(None, general is not None, products)
    return MonthScore(result, general is not None, products)


def _kept(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _values(s: scoring.Score, unit_id: int, general_entered: bool, products: list) -> dict:
    """The fields of a kept month for a score of these products."""
    return {"unit_id": unit_id, "general": _kept(s.general), "general_entered": general_entered,
            "quantity": _kept(s.tasks.quantity), "quality": _kept(s.tasks.quality), "progress": _kept(s.tasks.progress),
            "task_points": _kept(s.total - s.general), "unit_percent": s.unit_percent, "total": _kept(s.total),
            "grade": s.grade, "products": len(products), "weight": sum((p.weight for p in products), Decimal(0))}


KEPT_FIELDS = ["unit", "general", "general_entered", "quantity", "quality", "progress", "task_points", "unit_percent",
               "total", "grade", "products", "weight", "confirmed_grade", "confirmed_by", "confirmed_at"]


def _apply(row: MonthlyResult, values: dict) -> bool:
    """Write the values into the row; whether anything changed. A changed total or grade clears the leader's
    confirmed grade: what was confirmed is no longer what the products say."""
    if row.pk is not None and all(getattr(row, f) == v for f, v in values.items()):
        return False
    if row.pk is not None and (row.total != values["total"] or row.grade != values["grade"]):
        row.confirmed_grade, row.confirmed_by, row.confirmed_at = "", None, None
    for field, value in values.items():
        setattr(row, field, value)
    return True


def rescore(actor, official, key: str, *, cascade: bool = True) -> MonthlyResult | None:
    """Keep the official's month as scored now (called inside each service's transaction). A leader's score reads
    only the grades of the unit's other officials, so the leaders are scored again only when this official's
    grade or unit changed (a month begun or emptied included)."""
    result = month_score(official, key)
    row = MonthlyResult.objects.select_for_update().filter(official=official, period=key).first()
    before = (row.grade, row.unit_id) if row else None
    if result.score is None:
        if row is not None:
            by(row, actor).delete()
        row = None
    else:
        row = row or MonthlyResult(official=official, period=key)
        if _apply(row, _values(result.score, result.products[0].unit_id, result.general_entered, result.products)):
            by(row, actor).save()
    after = (row.grade, row.unit_id) if row else None
    if cascade and after != before:
        for unit_id in {state[1] for state in (before, after) if state}:
            leaders = _leader_ids(unit_id)
            if official.pk not in leaders:  # a leader's grade is no leader's input
                for leader in get_user_model().objects.filter(pk__in=leaders):
                    rescore(actor, leader, key, cascade=False)
    return row


@dataclass
class Rescored:
    created: int
    updated: int
    deleted: int


@transaction.atomic
def rescore_all(actor, period: str, rules: scoring.Rules | None = None) -> Rescored:
    """Every official's month scored again at once — after the office changes its settings (DIEUHANH_SCORE_*), or
    to load a period: the same rules as `rescore`, read in a fixed number of queries (officials first, then the
    leaders from their units' grades), written in bulk with their history."""
    rules = rules or office_rules()
    p = month(period)
    by_official = defaultdict(list)
    for x in Product.objects.filter(period=p.key).order_by("due_on", "id"):
        by_official[x.official_id].append(x)
    general = dict(GeneralPoints.objects.filter(period=p.key).values_list("official_id", "points"))
    leaders = defaultdict(set)
    for unit_id, user_id in Membership.objects.filter(role=Role.LEADER).values_list("unit_id", "user_id"):
        leaders[unit_id].add(user_id)
    heads = {o for o, products in by_official.items() if o in leaders[products[0].unit_id]}
    computed, grades = {}, defaultdict(list)

    def run(official_id: int, subordinate_grades: list[str] | None) -> None:
        products = by_official[official_id]
        s = scoring.score(general.get(official_id, Decimal(0)), _items(products), rules, subordinate_grades)
        computed[official_id] = _values(s, products[0].unit_id, official_id in general, products)

    for official_id in by_official.keys() - heads:
        run(official_id, None)
        grades[computed[official_id]["unit_id"]].append(computed[official_id]["grade"])
    for official_id in heads:
        run(official_id, grades.get(by_official[official_id][0].unit_id) or None)
    kept = {r.official_id: r for r in MonthlyResult.objects.filter(period=p.key)}
    created = [MonthlyResult(official_id=o, period=p.key, **v) for o, v in computed.items() if o not in kept]
    updated = [kept[o] for o, v in computed.items() if o in kept and _apply(kept[o], v)]
    gone = [r.pk for o, r in kept.items() if o not in computed]
    bulk_create_with_history(created, MonthlyResult, batch_size=2000, default_user=actor)
    bulk_update_with_history(updated, MonthlyResult, KEPT_FIELDS, batch_size=2000, default_user=actor)
    for row in MonthlyResult.objects.filter(pk__in=gone):
        by(row, actor).delete()
    return Rescored(len(created), len(updated), len(gone))


@transaction.atomic
def confirm_grades(actor, unit: Unit, period: str, grades: dict[int, str]) -> list[MonthlyResult]:
    """The leader's xếp loại of the unit's officials for the month: each grade at most what the score gives (a
    leader may lower one, never raise it), and no more "xuất sắc" than the cap; otherwise nothing is saved."""
    unit_policy.require(actor, "score", unit)
    p = month(period)
    rows = {r.official_id: r for r in MonthlyResult.objects.select_for_update()
            .filter(unit=unit, period=p.key, official_id__in=list(grades)).select_related("official")}
    order = scoring.Grade.ORDER
    for official_id, chosen in grades.items():
        row = rows.get(official_id)
        if row is None:
            raise ValidationError("Có công chức chưa có điểm tháng này: chưa xếp loại được.")
        if official_id == actor.pk:
            raise Refused("Không tự xác nhận xếp loại của mình.")
        if chosen not in order:
            raise ValidationError("Mức xếp loại không hợp lệ.")
        if order.index(chosen) < order.index(row.grade):
            raise ValidationError(f"{person_name(row.official)}: điểm {so(row.total, 1)} chỉ cho phép xếp loại "
                                  f"“{scoring.Grade.LABELS[row.grade]}” trở xuống.")
    others = MonthlyResult.objects.filter(unit=unit, period=p.key).exclude(official_id__in=list(grades)) \
        .exclude(official=actor)
    chosen_all = list(grades.values()) + [r.confirmed_grade or r.grade for r in others]
    if message := scoring.cap_check(chosen_all, office_rules()):
        raise ValidationError(message + " Hãy hạ mức xếp loại của người có điểm thấp hơn trước khi xác nhận.")
    now = timezone.now()
    for official_id, chosen in grades.items():
        row = rows[official_id]
        row.confirmed_grade, row.confirmed_by, row.confirmed_at = chosen, actor, now
        by(row, actor).save()
    return list(rows.values())
