"""The review form: the draft's document fields and one editable row per task, figure, person and
petition. Units are typed or picked by name (a datalist of the issuer's tree) and resolved with the
same matcher that read the text; a name the tree lacks is created only when the row asks for it."""

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from dieuhanh.core import calendar
from dieuhanh.core.numbers import parse_number, so
from dieuhanh.core.text import clean, fold
from dieuhanh.indicators.models import Indicator
from dieuhanh.org.matching import Candidate, UnitMatcher
from dieuhanh.org.models import Unit
from dieuhanh.tasks.forms import DATE_WIDGET, UnitChoiceField
from dieuhanh.tasks.status import Recurrence

from .services import NewUnit, Reviewed, ReviewedFigure, ReviewedPerson, ReviewedPetition, ReviewedTask

DATE_ERRORS = {"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."}
TEXT = {"rows": 2}
# The unit in a person's title: "Bí thư Huyện ủy Lộc Hà" → "Huyện ủy Lộc Hà".
TITLE_UNIT = re.compile(r"(?:Ban|Sở|UBND|HĐND|Ủy ban|Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Đảng ủy|MTTQ|Văn phòng|"
                        r"Công an|Bộ Chỉ huy|Hội|Liên đoàn|Tỉnh đoàn)\b.*$", re.IGNORECASE)


class StartForm(forms.Form):
    issuer = UnitChoiceField(label="Cơ quan ban hành", queryset=None, pool="giao",
                             error_messages={"required": "Chọn cơ quan ban hành.",
                                             "invalid_choice": "Cơ quan nằm ngoài phạm vi của bạn."})
    file = forms.FileField(label="Tệp văn bản (.txt, .docx, .pdf, ảnh chụp/quét .png, .jpg) hoặc gói tin liên thông edXML",
                           required=False)
    text = forms.CharField(label="hoặc dán nội dung văn bản", required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers

    def clean(self):
        data = super().clean()
        if not data.get("file") and not clean(data.get("text")):
            raise ValidationError("Chọn tệp hoặc dán nội dung văn bản.")
        if data.get("file") and clean(data.get("text")):
            raise ValidationError("Chỉ chọn tệp hoặc dán nội dung, không cả hai.")
        return data


def active_on(unit: Unit, day: date | None) -> bool:
    """Whether the unit existed on that day (today's tree when no day is known)."""
    if day is None:
        return unit.active_to is None
    return (unit.active_from is None or unit.active_from <= day) and (unit.active_to is None or unit.active_to > day)


class UnitNames:
    """Unit names of one tree → units, as the tree stood on the document's date; a name not in the tree
    is a NewUnit if the row allows it. A unit dissolved since then is offered as its successor."""

    def __init__(self, units: list[Unit], as_of: date | None = None):
        self.by_id = {u.pk: u for u in units}
        self.by_name = {}
        for u in sorted(units, key=lambda u: u.active_to is None):  # a current unit wins its name
            self.by_name[fold(u.name)] = u
        self.matcher = UnitMatcher([Candidate(u.pk, u.name, u.short_name, active_on(u, as_of)) for u in units])

    def unit_for(self, text: str | None) -> Unit | None:
        """The one unit a name read from the text fits, if exactly one does."""
        found = self.matcher.match(text).only if text else None
        return self.by_id[found.id] if found else None

    def current(self, unit: Unit) -> Unit | None:
        """The unit itself while it works; else the end of its chain of successors (None if it has none)."""
        for _ in range(len(self.by_id)):  # bounded: a cycle in bad data must not hang the page
            if unit.active_to is None:
                return unit
            unit = self.by_id.get(unit.successor_id)
            if unit is None:
                return None
        return None

    @staticmethod
    def _gone(unit: Unit) -> str:
        return f"{unit.name} đã ngừng hoạt động từ {unit.active_to:%d/%m/%Y}"

    def suggest(self, text: str | None, keep_unmatched: bool = True) -> tuple[str, str]:
        """The unit name the review form shows for a name read from the text (the text itself when no
        unit fits, unless `keep_unmatched` is off), and a note when the unit named has been dissolved since."""
        unit = self.unit_for(text)
        if unit is None:
            return (text or "") if keep_unmatched else "", ""
        current = self.current(unit)
        if current is unit:
            return unit.name, ""
        gone = self._gone(unit)
        if current is None:
            return unit.name, f"{gone} và chưa có đơn vị kế thừa: hãy chọn đơn vị khác."
        return current.name, f"{gone}; đề xuất đơn vị kế thừa: {current.name}."

    def resolve(self, text: str, create: bool):
        text = clean(text)
        if not text:
            return None
        unit = self.by_name.get(fold(text)) or self.unit_for(text)
        if unit and unit.active_to is not None:
            current = self.current(unit)
            instead = f"; chọn đơn vị kế thừa: {current.name}" if current else "; hãy chọn đơn vị khác"
            raise ValidationError(f"{self._gone(unit)}{instead}.")
        if unit:
            return unit
        if create:
            return NewUnit(text)
        found = self.matcher.match(text)
        if found.others:
            names = ", ".join(c.name for c in [found.unit, *found.others][:4])
            raise ValidationError(f"“{text}” khớp nhiều đơn vị ({names}); hãy chọn một.")
        raise ValidationError(f"Chưa có đơn vị “{text}”: chọn đơn vị có sẵn, hoặc đánh dấu “tạo đơn vị mới”.")


def _words(text: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", " ", fold(text)).split())


class Catalogue:
    """The indicators of the issuer's tree that the reviewer may see, as the draft's picker offers them
    ("CT00012 · Thu ngân sách (tỷ đồng)"), and the one a figure read from the text most likely belongs to."""

    SIMILAR = 0.6  # share of words two names have in common before a series is proposed

    def __init__(self, indicators: list[Indicator]):
        self.indicators = indicators
        self.by_code = {i.code.upper(): i for i in indicators}
        self.words = {i.pk: _words(i.name) for i in indicators}  # once, not once per figure

    @staticmethod
    def label(indicator: Indicator) -> str:
        return f"{indicator.code} · {indicator}"

    def suggest(self, name: str, measure: str) -> Indicator | None:
        """Same name without diacritics and same measure; else the most similar name with that measure."""
        folded, words, best, best_score = fold(clean(name)), _words(name), None, self.SIMILAR
        for indicator in self.indicators:
            if measure and indicator.measure and fold(indicator.measure) != fold(measure):
                continue
            if indicator.name_folded == folded:
                return indicator
            theirs = self.words[indicator.pk]
            score = len(words & theirs) / len(words | theirs) if words | theirs else 0
            if score >= best_score:
                best, best_score = indicator, score
        return best

    def resolve(self, text: str) -> Indicator | None:
        text = clean(text)
        if not text:
            return None
        code = text.split("·")[0].strip().upper()
        found = self.by_code.get(code) or next((i for i in self.indicators if i.name_folded == fold(text)), None)
        if found is None:
            raise ValidationError(f"Không có chỉ tiêu “{text[:60]}” trong danh mục: chọn trong danh sách, "
                                  "hoặc đánh dấu “Tạo chỉ tiêu mới”.")
        return found


class NumberField(forms.Field):
    """Vietnamese number input: 11.710 · 5,08 · 1.894."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        value = clean(value).replace(" ", "")
        if not value:
            return None
        number = parse_number(value) if len(value) <= 30 else None
        if number is None:
            raise ValidationError(f"“{value[:30]}” không phải số (viết như 11.710 hoặc 5,08).")
        return Decimal(str(number))


class RowForm(forms.Form):
    def __init__(self, *args, names: UnitNames, catalogue: Catalogue, **kwargs):
        self.names, self.catalogue = names, catalogue
        super().__init__(*args, **kwargs)

    @property
    def notes(self) -> list[str]:
        """What the reviewer should know about this row before confirming."""
        return list(self.initial.get("notes") or [])

    def unit(self, field: str):
        try:
            return self.names.resolve(self.cleaned_data.get(field, ""), self.cleaned_data.get("create_units", False))
        except ValidationError as error:
            self.add_error(field, error)


def task_text(action: str | None) -> str:
    """"có trách nhiệm theo dõi, đôn đốc …" → "Theo dõi, đôn đốc …": a task reads as an order."""
    text = re.sub(r"^(?:có trách nhiệm|chịu trách nhiệm|chủ trì,?)\s+", "", clean(action))
    return text[:1].upper() + text[1:]


class TaskRow(RowForm):
    content = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs=TEXT), max_length=5000,
                              error_messages={"required": "Nội dung nhiệm vụ không được để trống."})
    lead = forms.CharField(label="Chủ trì", max_length=255, widget=forms.TextInput(attrs={"list": "don-vi"}),
                           error_messages={"required": "Chưa chọn đơn vị chủ trì."})
    coordinators = forms.CharField(label="Phối hợp (cách nhau bởi dấu ;)", required=False, max_length=2000,
                                   widget=forms.TextInput(attrs={"list": "don-vi"}))
    deadline = forms.DateField(label="Thời hạn", required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    recurrence = forms.ChoiceField(label="Lặp lại", choices=Recurrence.choices, required=False)
    starts_on = forms.DateField(label="Kỳ đầu từ ngày (nhiệm vụ định kỳ)", required=False, widget=DATE_WIDGET,
                                error_messages=DATE_ERRORS)
    create_units = forms.BooleanField(label="Tạo đơn vị mới nếu chưa có", required=False)

    @property
    def notes(self) -> list[str]:
        notes = super().notes
        try:
            deadline = self.fields["deadline"].clean(self["deadline"].value())
        except ValidationError:
            deadline = None
        if deadline and deadline < calendar.today():
            notes.append(f"Thời hạn {deadline:%d/%m/%Y} đã qua: nhiệm vụ sẽ quá hạn ngay khi lưu.")
        return notes

    def clean(self):
        data = super().clean()
        data["lead_unit"] = self.unit("lead")
        coordinators = []
        for name in (data.get("coordinators") or "").split(";"):
            try:
                unit = self.names.resolve(name, data.get("create_units", False))
            except ValidationError as error:
                self.add_error("coordinators", error)
                continue
            if unit is not None:
                coordinators.append(unit)
        data["coordinator_units"] = coordinators
        if not data.get("deadline") and not data.get("recurrence"):
            self.add_error("deadline", "Nhập thời hạn, hoặc chọn lặp lại (thường xuyên, định kỳ).")
        return data

    def reviewed(self) -> ReviewedTask:
        d = self.cleaned_data
        return ReviewedTask(d["content"], d["lead_unit"], d["coordinator_units"], d.get("deadline"),
                            d.get("recurrence") or "", d.get("starts_on"))

    @staticmethod
    def initial_from(a: dict, names: UnitNames, first_period: date) -> dict:
        # A conclusion's task with neither a deadline nor a rhythm is, in practice, standing work.
        recurrence = a.get("recurrence") or ("" if a.get("deadline") else Recurrence.ONGOING)
        lead, lead_note = names.suggest(a.get("lead"))
        coordinators = [names.suggest(c) for c in a.get("coordinators") or []]
        return {"content": task_text(a.get("action")), "lead": lead, "read_lead": a.get("lead"),
                "coordinators": "; ".join(name for name, _ in coordinators),
                "deadline": date.fromisoformat(a["deadline"]) if a.get("deadline") else None,
                "recurrence": recurrence, "starts_on": first_period,
                "notes": [n for n in [lead_note, *(note for _, note in coordinators)] if n],
                "spans": a.get("spans") or []}


class FigureRow(RowForm):
    name = forms.CharField(label="Chỉ tiêu", max_length=300, error_messages={"required": "Chưa nhập tên chỉ tiêu."})
    value = NumberField(label="Giá trị", required=False)
    measure = forms.CharField(label="Đơn vị tính", required=False, max_length=40)
    percent_of_plan = NumberField(label="% kế hoạch", required=False)
    change_percent = NumberField(label="% so cùng kỳ", required=False)
    period = forms.CharField(label="Kỳ", required=False, max_length=60)
    indicator = forms.CharField(label="Ghi vào chỉ tiêu (danh mục)", required=False, max_length=400,
                                widget=forms.TextInput(attrs={"list": "chi-tieu"}))
    create_indicator = forms.BooleanField(label="Tạo chỉ tiêu mới với tên này", required=False)

    def clean(self):
        data = super().clean()
        try:
            data["series"] = self.catalogue.resolve(data.get("indicator", ""))
        except ValidationError as error:
            self.add_error("indicator", error)
            return data
        if data["series"] and data.get("create_indicator"):
            self.add_error("indicator", "Chọn chỉ tiêu có sẵn hoặc tạo chỉ tiêu mới, không cả hai.")
        elif not data["series"] and not data.get("create_indicator"):
            self.add_error("indicator", "Chọn chỉ tiêu có sẵn trong danh mục, hoặc đánh dấu “Tạo chỉ tiêu mới”.")
        return data

    def reviewed(self) -> ReviewedFigure:
        d = self.cleaned_data
        return ReviewedFigure(d["name"], d["value"], d["measure"], d["percent_of_plan"], d["change_percent"],
                              d["period"], d["series"], d["create_indicator"])

    @staticmethod
    def initial_from(i: dict, catalogue: Catalogue) -> dict:
        def number(x):
            return so(x) if x is not None else ""
        series = catalogue.suggest(i.get("name") or "", i.get("unit") or "")
        return {"name": i.get("name") or "", "value": number(i.get("value")), "measure": i.get("unit") or "",
                "percent_of_plan": number(i.get("percent_of_plan")), "change_percent": number(i.get("change_percent")),
                "period": i.get("period") or "", "indicator": catalogue.label(series) if series else "",
                "spans": i.get("spans") or []}


class PersonRow(RowForm):
    name = forms.CharField(label="Họ và tên", max_length=120, error_messages={"required": "Chưa nhập họ và tên."})
    title = forms.CharField(label="Chức vụ", required=False, max_length=200)

    def reviewed(self) -> ReviewedPerson:
        d = self.cleaned_data
        unit_text = TITLE_UNIT.search(d["title"].split(",")[-1]) if d["title"] else None
        return ReviewedPerson(d["name"], d["title"], self.names.unit_for(unit_text.group(0)) if unit_text else None)

    @staticmethod
    def initial_from(p: dict) -> dict:
        return {"name": p.get("name") or "", "title": p.get("title") or "", "spans": p.get("spans") or []}


class PetitionRow(RowForm):
    submitter = forms.CharField(label="Người, đơn vị kiến nghị", max_length=300,
                                error_messages={"required": "Chưa nhập người kiến nghị."})
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs=TEXT), max_length=10000,
                              error_messages={"required": "Nội dung kiến nghị không được để trống."})
    addressed_to = forms.CharField(label="Gửi đến", required=False, max_length=300)
    responsible = forms.CharField(label="Đơn vị trả lời", required=False, max_length=255,
                                  widget=forms.TextInput(attrs={"list": "don-vi"}))
    due_on = forms.DateField(label="Hạn trả lời (để trống: theo quy định)", required=False, widget=DATE_WIDGET,
                             error_messages=DATE_ERRORS)
    create_units = forms.BooleanField(label="Tạo đơn vị mới nếu chưa có", required=False)

    def clean(self):
        data = super().clean()
        data["responsible_unit"] = self.unit("responsible")
        return data

    def reviewed(self) -> ReviewedPetition:
        d = self.cleaned_data
        return ReviewedPetition(d["submitter"], d["content"], d["addressed_to"], d["responsible_unit"],
                                d.get("due_on"))

    @staticmethod
    def initial_from(p: dict, names: UnitNames) -> dict:
        responsible, note = names.suggest(p.get("to"), keep_unmatched=False)
        return {"submitter": p.get("by") or "", "content": p.get("content") or "", "addressed_to": p.get("to") or "",
                "responsible": responsible, "notes": [note] if note else [], "spans": p.get("spans") or []}


class ReviewDocumentForm(forms.Form):
    issuer = UnitChoiceField(label="Cơ quan ban hành", queryset=None, pool="giao",
                             error_messages={"required": "Chọn cơ quan ban hành.",
                                             "invalid_choice": "Cơ quan nằm ngoài phạm vi của bạn."})
    symbol = forms.CharField(label="Số, ký hiệu", max_length=60,
                             error_messages={"required": "Chưa nhập số, ký hiệu văn bản."})
    issued_on = forms.DateField(label="Ngày ban hành", widget=DATE_WIDGET,
                                error_messages={"required": "Chưa nhập ngày ban hành.", **DATE_ERRORS})
    subject = forms.CharField(label="Trích yếu", max_length=500,
                              error_messages={"required": "Trích yếu văn bản không được để trống."})
    signer = forms.CharField(label="Người ký", max_length=200, required=False)

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers


SECTIONS = {  # prefix → (row form, extraction key, heading)
    "nv": (TaskRow, "assignments", "Nhiệm vụ"),
    "sl": (FigureRow, "indicators", "Số liệu, chỉ tiêu"),
    "cb": (PersonRow, "people", "Cán bộ được nhắc đến"),
    "kn": (PetitionRow, "petitions", "Kiến nghị, đề xuất"),
}


def row_formsets(data, extraction: dict, names: UnitNames, catalogue: Catalogue, first_period: date) -> dict:
    """One formset per section, its rows first filled from what the engine read."""
    initial = {
        "nv": [TaskRow.initial_from(a, names, first_period) for a in extraction.get("assignments") or []],
        "sl": [FigureRow.initial_from(i, catalogue) for i in extraction.get("indicators") or []],
        "cb": [PersonRow.initial_from(p) for p in extraction.get("people") or []],
        "kn": [PetitionRow.initial_from(p, names) for p in extraction.get("petitions") or []],
    }
    formsets = {}
    for prefix, (row, _key, _heading) in SECTIONS.items():
        formset_class = forms.formset_factory(row, extra=0, can_delete=True, max_num=500, validate_max=True)
        formsets[prefix] = formset_class(data, prefix=prefix, initial=initial[prefix],
                                         form_kwargs={"names": names, "catalogue": catalogue})
    return formsets


def reviewed_from(form: ReviewDocumentForm, formsets: dict) -> Reviewed:
    d = form.cleaned_data

    def rows(prefix):
        return [f.reviewed() for f in formsets[prefix].forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    return Reviewed(issuer=d["issuer"], symbol=d["symbol"], issued_on=d["issued_on"], subject=d["subject"],
                    signer=d["signer"], tasks=rows("nv"), figures=rows("sl"), people=rows("cb"), petitions=rows("kn"))
