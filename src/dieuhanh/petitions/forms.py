from django import forms
from django.conf import settings
from django.urls import reverse

from dieuhanh.org.models import Area, Unit
from dieuhanh.org.picker import UnitChoiceField

from .models import Field, Petition
from .services import PetitionInput

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class RecordForm(forms.Form):
    """A petition raised to staff: at a meeting, a reception, in a letter."""

    receiving_unit = UnitChoiceField(Unit.objects.none(), label="Cơ quan tiếp nhận", pool="giao")
    source = forms.ChoiceField(label="Nguồn", choices=[c for c in Petition.Source.choices
                                                         if c[0] != Petition.Source.PUBLIC_FORM])
    submitter_kind = forms.ChoiceField(label="Người kiến nghị là", choices=Petition.SubmitterKind.choices)
    submitter = forms.CharField(label="Người, đơn vị kiến nghị", max_length=300)
    citizen_phone = forms.CharField(label="Điện thoại (chỉ cán bộ được phép xem)", max_length=20, required=False)
    citizen_email = forms.EmailField(label="Thư điện tử", required=False)
    citizen_address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    content = forms.CharField(label="Nội dung kiến nghị", widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=settings.DIEUHANH_PETITION_MAX_CHARS)
    addressed_to = forms.CharField(label="Gửi đến", max_length=300, required=False)
    field = forms.ModelChoiceField(Field.objects.filter(is_active=True), label="Lĩnh vực", required=False)
    area = forms.ModelChoiceField(Area.objects.none(), label="Địa bàn", required=False)
    urgency = forms.ChoiceField(label="Mức độ", choices=Petition.Urgency.choices, initial=Petition.Urgency.NORMAL)
    responsible_unit = UnitChoiceField(Unit.objects.none(), label="Đơn vị xử lý (để trống: theo quy tắc)",
                                       required=False)
    received_on = forms.DateField(label="Ngày tiếp nhận", required=False, widget=DATE_INPUT,
                                  input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    due_on = forms.DateField(label="Hạn trả lời (để trống: theo lĩnh vực)", required=False, widget=DATE_INPUT,
                             input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    def __init__(self, *args, receivers, units, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].queryset = receivers
        self.fields["responsible_unit"].queryset = units
        self.fields["area"].queryset = areas

    def to_input(self, meeting=None) -> PetitionInput:
        d = self.cleaned_data
        return PetitionInput(
            content=d["content"], submitter=d["submitter"], receiving_unit=d["receiving_unit"], source=d["source"],
            submitter_kind=d["submitter_kind"], citizen_phone=d["citizen_phone"], citizen_email=d["citizen_email"],
            citizen_address=d["citizen_address"], addressed_to=d["addressed_to"], field=d["field"], area=d["area"],
            urgency=d["urgency"], meeting=meeting, received_on=d["received_on"], due_on=d["due_on"],
            responsible_unit=d["responsible_unit"])


class PublicForm(forms.Form):
    receiving_unit = forms.ModelChoiceField(Unit.objects.none(), label="Gửi đến", empty_label=None)
    submitter = forms.CharField(label="Họ và tên", max_length=120)
    citizen_phone = forms.RegexField(r"^[0-9 +().-]{8,20}$", label="Điện thoại", required=False,
                                     error_messages={"invalid": "Số điện thoại chỉ gồm chữ số (8–20 ký tự)."})
    citizen_email = forms.EmailField(label="Thư điện tử", required=False)
    citizen_address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    area = forms.ModelChoiceField(Area.objects.none(), label="Xã, phường nơi phát sinh", required=False)
    field = forms.ModelChoiceField(Field.objects.filter(is_active=True), label="Lĩnh vực", required=False)
    content = forms.CharField(label="Nội dung kiến nghị, phản ánh", min_length=20,
                              max_length=settings.DIEUHANH_PETITION_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 6}),
                              error_messages={"min_length": "Nội dung quá ngắn (ít nhất %(limit_value)d ký tự).",
                                              "max_length": "Nội dung quá dài (tối đa %(limit_value)d ký tự)."})
    # Left empty by people; filled by robots that fill every field.
    website = forms.CharField(required=False, label="Để trống ô này",
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, receivers, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].queryset = receivers
        # Choosing another province fetches its communes (htmx); without scripts, the commune is checked
        # against the province on sending.
        self.fields["receiving_unit"].widget.attrs.update({
            "hx-get": reverse("public_submit"), "hx-trigger": "change", "hx-target": "#o-dia-ban", "hx-swap": "outerHTML"})
        self.fields["area"].queryset = areas
        self.fields["area"].error_messages["invalid_choice"] = (
            "Xã, phường đã chọn không thuộc tỉnh, thành phố nhận kiến nghị: hãy chọn lại.")

    def to_input(self) -> PetitionInput:
        d = self.cleaned_data
        return PetitionInput(content=d["content"], submitter=d["submitter"], receiving_unit=d["receiving_unit"],
                             citizen_phone=d["citizen_phone"], citizen_email=d["citizen_email"],
                             citizen_address=d["citizen_address"], field=d["field"], area=d["area"])


class FilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AnswerForm(forms.Form):
    text = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 4}))
    resolved = forms.BooleanField(label="Đã giải quyết xong (phải kèm bằng chứng)", required=False)
    # The files themselves are read from request.FILES.getlist("files") and checked by the service.
    files = forms.Field(label="Bằng chứng: văn bản, ảnh, tệp (PDF, DOCX, PNG, JPG)", required=False,
                        widget=FilesInput())


class TransferForm(forms.Form):
    unit = UnitChoiceField(Unit.objects.none(), label="Chuyển cho", pool="tat-ca")
    reason = forms.CharField(label="Lý do", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
