"""A thematic report (báo cáo chuyên đề) on one document or one meeting's conclusions, as a unit sends it to
the body that asked — "Ban Dân vận báo cáo Ban Thường vụ kết quả thực hiện Thông báo 1029-TB/TU": each of its
tasks with the lead, the coordinators, the status, the latest progress and what remains; the petitions raised
and their answers. The reporting unit's part only: the tasks it assigned, leads or coordinates (with the units
below it); the body of the paper summarises, the wide tables go to landscape annexes."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Q, QuerySet, Subquery

from dieuhanh.documents.models import Document
from dieuhanh.documents.paper import Paper, Part, heading, signer_for
from dieuhanh.org.models import Position, Unit
from dieuhanh.petitions.models import Answer, Petition
from dieuhanh.tasks.models import ProgressReport, Task
from dieuhanh.tasks.status import Recurrence, Status

FINISHED = {Status.DONE_ON_TIME, Status.DONE_LATE, Status.CANCELLED}


@dataclass
class Topic:
    """What the report is on: its name in the paper's subject, its tasks and its petitions."""

    name: str  # "Thông báo số 1029-TB/TU ngày 07/10/2021 của Tỉnh ủy Hà Tĩnh"
    about: str  # what it is about (the document's subject, the meeting's title)
    tasks: QuerySet[Task]
    petitions: QuerySet[Petition]


def _named(d: Document) -> str:
    return f"{d.kind_name} số {d.symbol} ngày {d.issued_on:%d/%m/%Y}"


def of_document(document: Document) -> Topic:
    return Topic(f"{_named(document)} của {document.issuer.name}", document.subject,
                 Task.objects.filter(document=document), Petition.objects.filter(document=document))


def of_meeting(meeting) -> Topic:
    """The meeting's conclusions: the tasks of every concluding document, the petitions raised there."""
    conclusions = list(meeting.conclusions.select_related("issuer"))
    named = "; ".join(_named(d) for d in conclusions)
    kind = meeting.get_kind_display()
    return Topic(f"kết luận tại {kind[:1].lower()}{kind[1:]} ngày {meeting.starts_at:%d/%m/%Y}"
                 + (f" ({named})" if named else ""), meeting.title,
                 Task.objects.filter(document__in=conclusions),
                 Petition.objects.filter(Q(meeting=meeting) | Q(document__in=conclusions)))


def _part_of(tasks: QuerySet[Task], unit: Unit) -> QuerySet[Task]:
    below = Q(path__startswith=unit.path)
    units = Unit.objects.filter(below).values("pk")
    return tasks.filter(Q(assigned_by_id__in=units) | Q(lead_id__in=units) | Q(coordinations__unit_id__in=units)).distinct()


def _remains(task: Task, status: str, today: date) -> str:
    if status in FINISHED:
        return ""
    if status == Status.AWAITING:
        return "Chờ nghiệm thu"
    if task.recurrence and task.recurrence != Recurrence.NONE:
        return "Thực hiện thường xuyên, định kỳ"
    left = f"Còn {100 - task.progress}% khối lượng" if task.progress else "Chưa báo cáo tiến độ"
    if task.due_on and task.due_on < today:
        return f"{left}; quá hạn {(today - task.due_on).days} ngày"
    return f"{left}; hạn {task.due_on:%d/%m/%Y}" if task.due_on else left


def _deadline(task: Task) -> str:
    if task.deadline:
        return f"{task.deadline:%d/%m/%Y}"
    return Recurrence(task.recurrence).label if task.recurrence else ""


@dataclass
class Thematic:
    unit: Unit
    topic: Topic
    made_on: date
    tasks: list[list]
    unfinished: list[list]  # the rows of tasks neither done nor stopped
    counts: Counter
    petitions: list[list]
    addressee: Unit | None = None
    signer: Position | None = None


def build(topic: Topic, visible: QuerySet[Task], visible_petitions: QuerySet[Petition], unit: Unit,
          today: date) -> Thematic:
    """The rows of the report; `visible` and `visible_petitions` are the reader's scoped querysets."""
    latest = ProgressReport.objects.filter(task=OuterRef("pk")).order_by("-created_at", "-id").values("text")[:1]
    tasks = list(_part_of(topic.tasks.filter(pk__in=visible.values("pk")), unit).with_status(today)
                 .annotate(latest=Subquery(latest)).select_related("lead")
                 .prefetch_related("coordinations__unit").order_by("id"))
    rows, unfinished, counts = [], [], Counter()
    for i, t in enumerate(tasks, start=1):
        status = Status(t.status_now)
        counts[status] += 1
        rows.append([i, t.content, t.lead.name, ", ".join(c.unit.name for c in t.coordinations.all()), _deadline(t),
                     status.label, t.latest or "", _remains(t, status, today)])
        if status not in FINISHED:
            unfinished.append(rows[-1])
    answer = Answer.objects.filter(petition=OuterRef("pk")).order_by("-answered_at", "-id")
    petitions = (topic.petitions.filter(pk__in=visible_petitions.values("pk"), duplicate_of=None)
                 .annotate(answer_text=Subquery(answer.values("text")[:1]),
                           answer_unit=Subquery(answer.values("unit__name")[:1]))
                 .select_related("responsible_unit").order_by("id"))
    petition_rows = [[p.code, p.content, p.public_submitter, p.answer_unit or (p.responsible_unit.name if
                      p.responsible_unit_id else ""), p.get_status_display(), p.answer_text or ""] for p in petitions]
    return Thematic(unit, topic, today, rows, unfinished, counts, petition_rows)


def _summary(r: Thematic) -> str:
    c, total = r.counts, len(r.tasks)
    if not total:
        return f"Về {r.topic.about}: {r.unit.name} không có nhiệm vụ nào theo nội dung này."
    done = c[Status.DONE_ON_TIME] + c[Status.DONE_LATE]
    open_ = total - done - c[Status.CANCELLED]
    return (f"Về {r.topic.about}: tổng số {total} nhiệm vụ{_of_unit(r)}: đã hoàn thành {done} (đúng hạn {c[Status.DONE_ON_TIME]}, quá hạn "
            f"{c[Status.DONE_LATE]}); đang thực hiện {open_}, trong đó quá hạn {c[Status.OVERDUE]}, chờ nghiệm thu "
            f"{c[Status.AWAITING]}. Chi tiết từng nhiệm vụ tại Phụ lục I.")


def _of_unit(r: Thematic) -> str:
    return f" {r.unit.name} giao, chủ trì hoặc phối hợp"


def as_paper(r: Thematic) -> Paper:
    unit, to, unfinished = r.unit, r.addressee, r.unfinished
    parts = [
        Part("KẾT QUẢ THỰC HIỆN", _summary(r), ["Tình trạng", "Số nhiệm vụ"],
             [[s.label, n] for s, n in sorted(r.counts.items(), key=lambda kv: list(Status).index(kv[0]))]
             + [["Tổng số", len(r.tasks)]]),
        Part("NHIỆM VỤ CHƯA HOÀN THÀNH", "" if unfinished else "Không còn nhiệm vụ chưa hoàn thành.",
             ["STT", "Nhiệm vụ", "Chủ trì", "Việc còn lại"] if unfinished else [],
             [[row[0], row[1], row[2], row[7]] for row in unfinished]),
    ]
    answered = sum(1 for p in r.petitions if p[5])
    parts.append(Part("KIẾN NGHỊ, ĐỀ XUẤT",
                      f"Có {len(r.petitions)} kiến nghị, đề xuất; đã trả lời {answered}. Chi tiết tại Phụ lục II."
                      if r.petitions else "Không có kiến nghị, đề xuất."))
    annexes = [Part("KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ", "",
                    ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Tình trạng", "Tiến độ gần nhất",
                     "Việc còn lại"], r.tasks)]
    if r.petitions:
        annexes.append(Part("KIẾN NGHỊ, ĐỀ XUẤT VÀ KẾT QUẢ TRẢ LỜI", "",
                            ["Mã", "Nội dung", "Người kiến nghị", "Đơn vị trả lời", "Tình trạng", "Trả lời"],
                            r.petitions))
    return Paper(heading(unit, r.made_on, "BC"), "BÁO CÁO", f"Kết quả thực hiện {r.topic.name}", parts,
                 [signer_for(unit, r.signer)], recipients=(["Như trên;"] if to else []) + ["Lưu: VT."],
                 lines=[f"Kính gửi: {to.name}"] if to else [], annexes=annexes)
