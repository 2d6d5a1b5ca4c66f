"""The report as PDF: the same parts rendered to HTML in the administrative layout and printed on
A4 by headless Chromium, which the deployment already has for its browser tests; Liberation Serif
stands in for Times New Roman with the same metrics."""

import subprocess
from pathlib import Path

from django.template.loader import render_to_string

from dieuhanh.core.numbers import so
from dieuhanh.core.scratch import scratch_dir

from .content import ROMAN, Report, sections
from .docx import date_line, is_party, symbol

CHROMIUM = "/usr/bin/chromium"


class PdfError(RuntimeError):
    """Chromium missing or failing; the message names the Debian package."""


def _cell(value) -> dict:
    if hasattr(value, "strftime"):
        return {"text": f"{value:%d/%m/%Y}", "numeric": False}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"text": so(value), "numeric": True}
    return {"text": "" if value is None else value, "numeric": False}


def html(report: Report) -> str:
    parts = [{"number": n, "title": p.title, "text": p.text, "header": p.header,
              "rows": [[_cell(v) for v in row] for row in p.rows]} for n, p in zip(ROMAN, sections(report))]
    return render_to_string("reports/report.html", {
        "r": report, "sections": parts, "party": is_party(report.unit), "symbol": symbol(report.unit),
        "date_line": date_line(report), "authority": "T/M" if is_party(report.unit) else "TM."})


def render(report: Report, chromium: str = CHROMIUM) -> bytes:
    if not Path(chromium).exists():
        raise PdfError("Cần Chromium để in PDF: apt-get install chromium fonts-liberation")
    with scratch_dir("pdf") as tmp:
        page, out = Path(tmp) / "bao-cao.html", Path(tmp) / "bao-cao.pdf"
        page.write_text(html(report), encoding="utf-8")
        done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", page.as_uri()],
                              capture_output=True, timeout=120)
        if done.returncode != 0 or not out.exists():
            raise PdfError(f"Chromium không in được PDF: {done.stderr.decode(errors='replace')[-300:]}")
        return out.read_bytes()
