"""The periodic report as an administrative paper (`documents.paper`): the heading of its unit, "BÁO CÁO" and
its period, the numbered parts of `content.sections`, "Nơi nhận" and the signature of the body."""

from dieuhanh.documents.paper import Paper, Part, heading, signer_for

from .content import Report, sections


def as_paper(report: Report) -> Paper:
    """"Kính gửi" the addressee, to whom "Nơi nhận: - Như trên" then refers; signed by the chosen title."""
    unit, to = report.unit, report.addressee
    return Paper(heading(unit, report.made_on, "BC"), "BÁO CÁO", f"Kết quả thực hiện nhiệm vụ {report.period.label}",
                 [Part(s.title, s.text, s.header, s.rows) for s in sections(report)], [signer_for(unit, report.signer)],
                 recipients=(["Như trên;"] if to else []) + ["Lưu: VT."],
                 lines=[f"Kính gửi: {to.name}"] if to else [])
