from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from dieuhanh.audit.exports import download
from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action
from dieuhanh.core.calendar import today as vn_today
from dieuhanh.core.errors import Refused
from dieuhanh.core.feedback import fail
from dieuhanh.core.fulltext import matching_words
from dieuhanh.core.paging import paginate
from dieuhanh.org.queries import Scope, active_on
from dieuhanh.tasks.forms import TaskDraftFormSet
from dieuhanh.tasks.queries import visible_tasks, with_list_relations

from . import exchange, policy, services
from .exports import document_sheet
from .forms import DocumentForm
from .models import Attachment
from .queries import visible_documents


def document_list(request):
    documents = visible_documents(request.user).select_related("issuer")
    documents = matching_words(documents, request.GET.get("q", "")).order_by("-issued_on", "-id")
    if request.GET.get("xuat") == "xlsx":
        today = vn_today()
        return download(request, document_sheet(documents, today), f"van-ban-{today:%Y%m%d}.xlsx",
                        target="danh sách văn bản", detail=request.GET.get("q", ""))
    page = paginate(request, documents)
    return render(request, "documents/document_list.html", {"page": page, "q": request.GET.get("q", "")})


def document_detail(request, pk):
    document = get_object_or_404(visible_documents(request.user).select_related("issuer"), pk=pk)
    tasks = with_list_relations(visible_tasks(request.user).filter(document=document)).order_by("id")
    page = paginate(request, tasks, per_page=50)
    return render(request, "documents/document_detail.html", {
        "document": document, "page": page, "today": vn_today(), "attachments": document.attachments.all(),
        "statuses": exchange.statuses(document),
    })


def document_create(request):
    scope = Scope.of(request.user)
    issuers = policy.registering_units(request.user)
    if not issuers.exists():
        raise Refused("Bạn không có quyền nhập văn bản.")
    data = request.POST if request.method == "POST" else None
    form = DocumentForm(data, request.FILES or None, issuers=issuers)
    formset = TaskDraftFormSet(data, prefix="nv", units=active_on(scope.readable_units(), vn_today()))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        d = form.cleaned_data
        drafts = [f.draft() for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        try:
            document = services.register_document(
                request.user, issuer=d["issuer"], symbol=d["symbol"], issued_on=d["issued_on"], subject=d["subject"],
                signer=d["signer"], body=d["body"], files=[d["file"]] if d.get("file") else [], tasks=drafts,
            )
        except (ValidationError, PermissionDenied) as error:
            fail(request, error)
        else:
            messages.success(request, f"Đã nhập văn bản {document.symbol} và giao {len(drafts)} nhiệm vụ.")
            return redirect("document_detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "formset": formset})


def attachment(request, pk, attachment_pk):
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, document=document)
    audit(Action.DOWNLOAD, request, target=f"văn bản {document.symbol}", detail=item.name)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type)


def edxml_package(request, pk):
    """The document as an outgoing edXML packet, with its files and its tasks."""
    document = get_object_or_404(visible_documents(request.user).select_related("issuer"), pk=pk)
    name = f"{document.symbol.replace('/', '-')}.edxml"
    return download(request, exchange.outgoing(document, vn_today()), name, target=f"văn bản {document.symbol}",
                    detail="Gói tin edXML", content_type="application/xml")


def edxml_status(request, pk, code):
    """A status packet answering a document received through the exchange (03, 04, 06 as its work stands)."""
    document = get_object_or_404(visible_documents(request.user).select_related("issuer"), pk=pk)
    data = exchange.status(document, code, request.user)
    if data is None:
        raise Http404("Trạng thái này chưa áp dụng cho văn bản.")
    return download(request, data, f"trang-thai-{code}-{document.symbol.replace('/', '-')}.edxml",
                    target=f"văn bản {document.symbol}", detail=f"Gói tin trạng thái {code}",
                    content_type="application/xml")
