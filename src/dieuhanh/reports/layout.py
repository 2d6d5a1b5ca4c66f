"""The periodic report as an administrative paper (`documents.paper`): the heading of its unit, "BÁO CÁO" and
its period, the numbered parts of `content.sections`, "Nơi nhận" and the signature of the body."""

from dieuhanh.documents.paper import Paper, Part, Signer, heading, is_party

from .content import Report, sections


def as_paper(report: Report) -> Paper:
    unit = report.unit
    return Paper(heading(unit, report.made_on, "BC"), "BÁO CÁO", f"Kết quả thực hiện nhiệm vụ {report.period.label}",
                 [Part(s.title, s.text, s.header, s.rows) for s in sections(report)],
                 [Signer(("T/M " if is_party(unit) else "TM. ") + unit.name.upper())],
                 recipients=["Như trên;", "Lưu: VT."])
