from django import forms

from dieuhanh.tasks.forms import DATE_WIDGET, UnitChoiceField


class DocumentForm(forms.Form):
    issuer = UnitChoiceField(label="Cơ quan ban hành", queryset=None, pool="giao",
                             error_messages={"required": "Chọn cơ quan ban hành.",
                                             "invalid_choice": "Cơ quan nằm ngoài phạm vi của bạn."})
    symbol = forms.CharField(label="Số, ký hiệu", max_length=60,
                             widget=forms.TextInput(attrs={"placeholder": "1029-TB/TU hoặc 15/QĐ-UBND"}),
                             error_messages={"required": "Chưa nhập số, ký hiệu văn bản."})
    issued_on = forms.DateField(label="Ngày ban hành", widget=DATE_WIDGET,
                                error_messages={"required": "Chưa nhập ngày ban hành.",
                                                "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."})
    signer = forms.CharField(label="Người ký", max_length=200, required=False)
    subject = forms.CharField(label="Trích yếu", max_length=500,
                              error_messages={"required": "Trích yếu văn bản không được để trống."})
    body = forms.CharField(label="Toàn văn", widget=forms.Textarea(attrs={"rows": 6}), required=False,
                           max_length=500_000)
    file = forms.FileField(label="Tệp văn bản (PDF, DOCX)", required=False)

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
