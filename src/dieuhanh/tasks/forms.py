from django import forms

from dieuhanh.org.models import Unit
from dieuhanh.org.picker import UnitChoiceField, UnitMultipleChoiceField

from .services import TaskDraft
from .status import Recurrence, Status

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class TaskDraftForm(forms.Form):
    content = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                              error_messages={"required": "Nội dung nhiệm vụ không được để trống."})
    lead = UnitChoiceField(label="Đơn vị chủ trì", queryset=Unit.objects.none(),
                           error_messages={"required": "Chọn đơn vị chủ trì.",
                                           "invalid_choice": "Đơn vị nằm ngoài phạm vi của bạn."})
    coordinators = UnitMultipleChoiceField(label="Đơn vị phối hợp", queryset=Unit.objects.none(), required=False,
                                           error_messages={"invalid_choice": "Đơn vị nằm ngoài phạm vi của bạn."})
    deadline = forms.DateField(label="Thời hạn", required=False, widget=DATE_WIDGET,
                               error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."})
    working_days = forms.IntegerField(label="hoặc số ngày làm việc kể từ ngày giao", required=False, min_value=1,
                                      max_value=1000)
    recurrence = forms.ChoiceField(label="Lặp lại", choices=Recurrence.choices, required=False)
    is_key = forms.BooleanField(label="Nhiệm vụ trọng tâm", required=False)

    def __init__(self, *args, units=None, pool=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["lead"].queryset = units
            self.fields["coordinators"].queryset = units
        if pool:  # where the pickers search: the same units as `units`
            self.fields["lead"].widget.pool = self.fields["coordinators"].widget.pool = pool

    def draft(self) -> TaskDraft:
        d = self.cleaned_data
        return TaskDraft(content=d["content"], lead=d["lead"], coordinators=list(d["coordinators"]),
                         deadline=d["deadline"], working_days=d["working_days"], recurrence=d["recurrence"] or "",
                         is_key=d["is_key"])


class BaseDraftFormSet(forms.BaseFormSet):
    def __init__(self, *args, units=None, pool=None, **kwargs):
        self.units, self.pool = units, pool
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"units": self.units, "pool": self.pool}

    @property
    def empty_form(self):
        form = self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), units=self.units, pool=self.pool,
                         empty_permitted=True, use_required_attribute=False)
        self.add_fields(form, None)
        return form


TaskDraftFormSet = forms.formset_factory(TaskDraftForm, formset=BaseDraftFormSet, extra=1, can_delete=True)


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label="Tiến độ (%)", min_value=0, max_value=100,
                                 error_messages={"min_value": "Tiến độ phải từ 0 đến 100.",
                                                 "max_value": "Tiến độ phải từ 0 đến 100.",
                                                 "required": "Nhập tiến độ."})
    text = forms.CharField(label="Nội dung báo cáo", widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
    file = forms.FileField(label="Tệp kèm theo (PDF, DOCX, XLSX, ảnh)", required=False)


class CompletionForm(forms.Form):
    note = forms.CharField(label="Kết quả thực hiện", widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)
    file = forms.FileField(label="Tệp kèm theo", required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}), max_length=5000,
                             error_messages={"required": "Hãy nêu lý do."})


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(label="Thời hạn đề nghị", widget=DATE_WIDGET,
                                   error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."})
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class EditTaskForm(forms.Form):
    content = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    deadline = forms.DateField(label="Thời hạn", required=False, widget=DATE_WIDGET)
    coordinators = UnitMultipleChoiceField(label="Đơn vị phối hợp", queryset=Unit.objects.none(), required=False)
    is_key = forms.BooleanField(label="Nhiệm vụ trọng tâm", required=False)
    remind_days_before = forms.IntegerField(label="Nhắc trước hạn (ngày làm việc)", required=False, min_value=1,
                                            max_value=60, help_text="Để trống: theo cấu hình chung.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["coordinators"].queryset = units


class StandaloneTaskForm(TaskDraftForm):
    assigned_by = UnitChoiceField(label="Đơn vị giao", queryset=Unit.objects.none(), pool="giao")
    issued_on = forms.DateField(label="Ngày giao", widget=DATE_WIDGET)
    field_order = ["assigned_by", "issued_on"]

    def __init__(self, *args, deciding=None, **kwargs):
        super().__init__(*args, **kwargs)
        if deciding is not None:
            self.fields["assigned_by"].queryset = deciding


STATUS_CHOICES = [("", "Tất cả trạng thái"), *Status.choices]
