"""Tiếp nhận văn bản: upload or paste → draft (read in the background when large) → review → confirm."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from dieuhanh.core import calendar, params
from dieuhanh.core.dates import parse_day
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.files import ALLOWED
from dieuhanh.core.sheets import workbook
from dieuhanh.org.queries import Scope

from . import policy, services, sheets
from .forms import SECTIONS, Catalogue, ReviewDocumentForm, StartForm, UnitNames, reviewed_from, row_formsets
from .models import Draft
from .provenance import item_spans, segments
from .queries import review_catalogue, review_tree

# Form keys that are buttons or the CSRF token, not what the reviewer typed.
NOT_TYPED = {"csrfmiddlewaretoken", "add", "confirm", "save"}


def my_drafts(user):
    return Draft.objects.filter(created_by=user)


def _issuers(user):
    issuers = policy.issuing_units(user)
    if not issuers.exists():
        raise Refused("Bạn không có quyền nhập văn bản.")
    return issuers


def intake_start(request):
    issuers = _issuers(request.user)
    form = StartForm(request.POST or None, request.FILES or None, issuers=issuers,
                     initial={"issuer": issuers.order_by("depth", "path").first()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d.get("file"):
                draft = services.start_from_file(request.user, issuer=d["issuer"], upload=d["file"])
            else:
                draft = services.start_from_text(request.user, issuer=d["issuer"], text=d["text"])
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            return redirect("intake_review", pk=draft.pk)
    drafts = my_drafts(request.user).select_related("issuer")[:20]
    return render(request, "intake/start.html", {"form": form, "drafts": drafts})


def _review_context(request, draft: Draft, data=None):
    issuers = _issuers(request.user)
    tree = review_tree(draft)
    extraction = draft.extraction or {}
    # What the exchange's packet declares comes before what the engine read from the text.
    found = {**(extraction.get("document") or {}), **{k: v for k, v in (draft.envelope or {}).items()
                                                      if k in ("symbol", "issued_on") and v}}
    issued_on = date.fromisoformat(found["issued_on"]) if found.get("issued_on") else None
    names = UnitNames(tree, as_of=issued_on)
    indicators = review_catalogue(request.user, draft)
    catalogue = Catalogue(indicators)
    today = calendar.today()
    form = ReviewDocumentForm(data, issuers=issuers, initial={
        "issuer": draft.issuer, "symbol": found.get("symbol") or "",
        "subject": (draft.envelope or {}).get("subject") or extraction.get("subject") or "",
        "signer": (draft.envelope or {}).get("signer") or "", "issued_on": issued_on})
    formsets = row_formsets(data, extraction, names, catalogue, max(issued_on or today, today))
    sections = [(prefix, SECTIONS[prefix][2], formsets[prefix]) for prefix in SECTIONS]
    unread = [tuple(s) for s in extraction.get("unread") or []]
    source = segments(extraction.get("text") or draft.text, item_spans(extraction), unread)
    return form, formsets, {"draft": draft, "form": form, "sections": sections, "source": source,
                            "unread_count": len(unread), "units": [u for u in tree if u.active_to is None],
                            "indicators": [catalogue.label(i) for i in indicators], "found": found}


def intake_review(request, pk):
    draft = get_object_or_404(my_drafts(request.user).select_related("issuer__root"), pk=pk)
    if draft.state != Draft.State.READY:
        return render(request, "intake/reading.html", {"draft": draft})
    if request.method != "POST":  # reopened: what the reviewer typed before, without its errors
        form, formsets, context = _review_context(request, draft, draft.review)
        return render(request, "intake/review.html", {**context, "quiet": True})
    data = request.POST.copy()
    adding = data.get("add")
    if adding in SECTIONS:  # one more empty row, nothing saved, no errors shown yet
        key = f"{adding}-TOTAL_FORMS"
        data[key] = str(params.number(data.get(key), default=0, low=0, high=500) + 1)
    typed = {k: v for k, v in data.items() if k not in NOT_TYPED}
    form, formsets, context = _review_context(request, draft, data)
    if adding in SECTIONS or data.get("save"):
        services.keep_review(request.user, draft, typed)
        if data.get("save"):
            messages.success(request, "Đã lưu phần rà soát; mở lại bản nháp để làm tiếp.")
        return render(request, "intake/review.html", {**context, "quiet": True})
    if form.is_valid() and all(f.is_valid() for f in formsets.values()):
        try:
            document = services.confirm_draft(request.user, draft, reviewed_from(form, formsets))
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, f"Đã nhập văn bản {document.symbol} cùng các nhiệm vụ, số liệu, "
                                      "cán bộ và kiến nghị đã rà soát.")
            return redirect("document_detail", pk=document.pk)
    else:
        messages.error(request, "Bản rà soát còn lỗi; xem các ô được đánh dấu.")
    services.keep_review(request.user, draft, typed)
    return render(request, "intake/review.html", context)


def intake_progress(request, pk):
    draft = get_object_or_404(my_drafts(request.user), pk=pk)
    if draft.state != Draft.State.READING and request.htmx:
        return HttpResponseClientRedirect(reverse("intake_review", args=[draft.pk]))
    return render(request, "intake/_progress.html", {"draft": draft})


@require_POST
def intake_cancel(request, pk):
    draft = get_object_or_404(my_drafts(request.user), pk=pk)
    services.cancel_draft(request.user, draft)
    messages.success(request, "Đã hủy bản nháp; không có gì được lưu.")
    return redirect("intake_start")


def task_import(request):
    """Nhập danh sách nhiệm vụ từ Excel: upload → preview with each row's problems → confirm (all or nothing)."""
    deciding = Scope.of(request.user).deciding_units().order_by("depth", "path")
    if not deciding.exists():
        raise Refused("Bạn không có quyền giao nhiệm vụ.")
    plan, chosen, issued_on = None, deciding.first(), calendar.today()
    if request.method == "POST" and request.POST.get("xac_nhan"):
        try:
            made = sheets.confirm(request.user, request.POST.get("ban_xem_truoc", ""))
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, f"Đã giao {len(made)} nhiệm vụ từ tệp Excel.")
            return redirect(f"{reverse('task_list')}?cua_toi=giao")
    elif request.method == "POST":
        chosen = deciding.filter(pk=params.key(request.POST.get("don_vi_giao"))).first() or chosen
        issued_on = parse_day(request.POST.get("ngay_giao", "")) or issued_on
        upload = request.FILES.get("tep")
        if upload is None:
            messages.error(request, "Hãy chọn tệp Excel danh sách nhiệm vụ.")
        else:
            try:
                plan = sheets.preview(request.user, chosen, issued_on, upload.read(sheets.MAX_BYTES + 1))
            except (ValidationError, PermissionDenied) as error:
                fail(request, error)
    return render(request, "intake/task_import.html", {"deciding": deciding, "chosen": chosen,
                                                       "issued_on": issued_on, "plan": plan})


def task_import_template(request):
    """The layout to fill in: the same columns the import reads and the task list exports."""
    data = workbook("Danh sách nhiệm vụ (mẫu nhập)", ["Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                                                      "Thời hạn", "Tình trạng"],
                    [["Tham mưu kế hoạch thực hiện Kết luận của Ban Thường vụ", "Ban Tổ chức Tỉnh ủy",
                      "Sở Nội vụ; Văn phòng Tỉnh ủy", date(calendar.today().year, 12, 31), ""]],
                    sheet="Nhiem vu", widths=[60, 30, 36, 12, 16])
    response = HttpResponse(data, content_type=ALLOWED[".xlsx"])
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-nhiem-vu.xlsx"'
    return response
