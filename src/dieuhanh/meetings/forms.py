from django import forms

from dieuhanh.org.models import Unit
from dieuhanh.org.picker import UnitChoiceField, UnitMultipleChoiceField

from .models import Meeting


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=Meeting.Kind.choices)
    title = forms.CharField(label="Tên cuộc họp", max_length=300)
    starts_at = forms.DateTimeField(label="Thời gian", input_formats=["%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
                                    widget=forms.TextInput(attrs={"placeholder": "08:00 11/10/2021"}))
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    host_unit = UnitChoiceField(Unit.objects.none(), label="Cơ quan chủ trì", pool="giao")
    chairs = forms.CharField(label="Người chủ trì", max_length=300, required=False)
    attending_units = UnitMultipleChoiceField(Unit.objects.none(), label="Đơn vị dự", required=False)
    attendees = forms.CharField(label="Thành phần dự", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    agenda = forms.CharField(label="Nội dung, chương trình", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, hosts, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_unit"].queryset = hosts
        self.fields["attending_units"].queryset = units


class OpinionForm(forms.Form):
    speaker = forms.CharField(label="Người phát biểu", max_length=120)
    title = forms.CharField(label="Chức vụ", max_length=200, required=False)
    unit = UnitChoiceField(Unit.objects.none(), label="Đơn vị", required=False)
    gist = forms.CharField(label="Ý chính", max_length=500)
    text = forms.CharField(label="Toàn văn", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
