"""The report as PDF: the same paper printed on A4 by headless Chromium (`documents.paper`)."""

from dieuhanh.documents import paper
from dieuhanh.documents.paper import CHROMIUM, PdfError

from .content import Report
from .layout import as_paper

__all__ = ["PdfError", "render"]


def render(report: Report, chromium: str = CHROMIUM) -> bytes:
    return paper.pdf(as_paper(report), chromium)
