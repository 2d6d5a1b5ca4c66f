"""The report as PDF: the same paper laid out on A4 by WeasyPrint (`documents.paper`)."""

from dieuhanh.documents import paper
from dieuhanh.documents.paper import PdfError

from .content import Report
from .layout import as_paper

__all__ = ["PdfError", "render"]


def render(report: Report) -> bytes:
    return paper.pdf(as_paper(report))
