"""Handing out a file of a discussion: only one of the object the reader could open (the caller loads it
through its own scoped queryset), and every download in the audit log."""

from django.http import FileResponse, Http404

from dieuhanh.audit.log import record as audit
from dieuhanh.audit.models import Action

from .queries import comment_file


def download(request, target, file_id: int, label: str) -> FileResponse:
    item = comment_file(target, file_id)
    if item is None:
        raise Http404
    audit(Action.DOWNLOAD, request, target=label, detail=item.name)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type)
