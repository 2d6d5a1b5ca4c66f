"""The report as DOCX in the Vietnamese administrative layout (`documents.paper`)."""

from dieuhanh.documents import paper

from .content import Report
from .layout import as_paper


def render(report: Report) -> bytes:
    return paper.docx(as_paper(report))
