"""What the API reads and writes, as typed schemas (the OpenAPI document is generated from them). Inputs refuse
unknown fields; outputs name things as the pages do (status codes of tasks.status, Vietnamese labels)."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from dieuhanh.core import calendar
from dieuhanh.core.params import MAX_KEY
from dieuhanh.petitions.queries import may_see_citizen
from dieuhanh.tasks import status as st

# A primary key: what the databases hold (a larger number is an error of the caller, never of the server).
Key = Annotated[int, Field(ge=1, le=MAX_KEY)]


# Text that must say something: at least one letter or digit (the services clean text and refuse it blank).
SAYS = r"[0-9A-Za-zÀ-ỹ]"
Said = Annotated[str, Field(min_length=1, max_length=4000, pattern=SAYS)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class Error(Schema):
    loi: str
    chi_tiet: list = []


class UnitRef(Schema):
    id: int
    name: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


class DocumentOut(Schema):
    id: int
    symbol: str
    number: int
    kind: str
    issuer: UnitRef
    issued_on: date
    subject: str
    signer: str


class TaskOut(Schema):
    id: int
    content: str
    document_id: int | None
    document_symbol: str | None = None
    assigned_by: UnitRef
    lead: UnitRef
    coordinators: list[UnitRef]
    issued_on: date
    deadline: date | None
    due_on: date | None = Field(None, description="Thời hạn thực tế (ngày làm việc, sau ngày nghỉ lễ)")
    recurrence: str
    status: str = Field(description="Tình trạng: " + ", ".join(f"{s.value} ({s.label})" for s in st.Status))
    status_label: str
    group: str = Field(description="Nhóm báo cáo: " + ", ".join(f"{g.value} ({g.label})" for g in st.Group))
    progress: int
    last_report_on: date | None
    is_key: bool
    acknowledged_at: datetime | None
    version: int

    @staticmethod
    def resolve_document_symbol(task) -> str | None:
        return task.document.symbol if task.document_id else None

    @staticmethod
    def resolve_coordinators(task) -> list:
        return list(task.coordinators.all())

    @staticmethod
    def resolve_status(task) -> str:
        return task.status_on(calendar.today()).value

    @staticmethod
    def resolve_status_label(task) -> str:
        return task.status_on(calendar.today()).label

    @staticmethod
    def resolve_group(task) -> str:
        status = task.status_on(calendar.today())
        return st.group(status, requested_done_on=task.requested_done_on, due_on=task.due_on).value


class TaskDetail(TaskOut):
    actions: list[str] = Field(description="Thao tác người dùng của khóa được làm với nhiệm vụ này lúc này")
    reports: list["ReportOut"] = Field(description="Các báo cáo gần nhất (tối đa 20)")

    @staticmethod
    def resolve_reports(task) -> list:
        return task.recent_reports


class ReportOut(Schema):
    id: int
    unit: UnitRef
    percent: int
    text: str
    reported_on: date


class ProgressIn(Strict):
    percent: int = Field(ge=0, le=100)
    text: Said


class NoteIn(Strict):
    note: str = Field("", max_length=4000)


class CompletionIn(Strict):
    note: Said


class ReasonIn(Strict):
    reason: Said


class ExtensionIn(Strict):
    new_deadline: date
    reason: Said


class ExtensionOut(Schema):
    id: int
    task_id: int
    old_deadline: date
    new_deadline: date
    reason: str
    decision: str


class DecisionIn(Strict):
    approve: bool
    note: str = Field("", max_length=4000)


class AnswerOut(Schema):
    unit: UnitRef
    text: str
    resolved: bool
    answered_at: datetime | None


class ContactOut(Schema):
    name: str
    phone: str
    email: str
    address: str


class PetitionOut(Schema):
    id: int
    code: str | None
    source: str
    status: str
    status_label: str
    content: str
    submitter: str
    contact: ContactOut | None = Field(None, description="Chỉ có khi người dùng có quyền xem liên hệ của công dân")
    received_on: date
    due_on: date | None
    answered_on: date | None
    receiving_unit: UnitRef | None
    responsible_unit: UnitRef | None
    answers: list[AnswerOut]

    @staticmethod
    def resolve_status_label(petition) -> str:
        return petition.get_status_display()

    @staticmethod
    def resolve_submitter(petition) -> str:
        return petition.public_submitter

    @staticmethod
    def resolve_contact(petition, context) -> ContactOut | None:
        if not may_see_citizen(context["request"].user):
            return None
        return ContactOut(name=petition.submitter, phone=petition.citizen_phone, email=petition.citizen_email,
                          address=petition.citizen_address)

    @staticmethod
    def resolve_answers(petition) -> list:
        return list(petition.answers.all())


class AnswerIn(Strict):
    text: Annotated[str, Field(min_length=1, max_length=8000, pattern=SAYS)]
    resolved: Literal[False] = Field(False, description="“Đã giải quyết” cần tệp bằng chứng: ghi trên trang")


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    measure: str
    kind: str
    aggregation: str
    unit_id: int


class ValueOut(Schema):
    unit: UnitRef
    period: str
    value: float | None


class NotificationOut(Schema):
    id: int
    text: str
    link: str
    created_at: datetime
    read_at: datetime | None


class ReadIn(Strict):
    ids: list[Key] = Field(default_factory=list, max_length=500, description="Rỗng: đánh dấu đã đọc tất cả")


TaskDetail.model_rebuild()
