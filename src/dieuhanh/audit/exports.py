"""A file handed out of the system — an XLSX list, a DOCX or PDF form — as one response, with the export written
to the audit log (what, which filter or period), the same way for every page that exports."""

from django.http import HttpResponse

from dieuhanh.audit.log import record
from dieuhanh.audit.models import Action
from dieuhanh.core.files import ALLOWED


def download(request, data: bytes, filename: str, *, target: str, detail: str = "",
             content_type: str | None = None) -> HttpResponse:
    record(Action.EXPORT, request, target=target[:200], detail=detail[:500])
    response = HttpResponse(data, content_type=content_type or ALLOWED["." + filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
