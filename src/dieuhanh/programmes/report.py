"""A programme's report in the administrative layout (`documents.paper`): its tasks by status, the units ranked,
its indicators against plan, its commune targets, and the commendations proposed and decided."""

from datetime import date

from dieuhanh.dashboard.tally import COUNTED
from dieuhanh.documents.paper import Paper, Part, heading, signer_for
from dieuhanh.org.queries import current_positions

from .models import Programme
from .queries import Progress


def _percent(value):
    return None if value is None else round(float(value), 1)


def as_paper(programme: Programme, progress: Progress, commendations: list, made_on: date) -> Paper:
    lead = programme.lead
    window = f"từ ngày {programme.starts_on:%d/%m/%Y} đến ngày {programme.ends_on:%d/%m/%Y}"
    total = progress.total
    parts = [
        Part("TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ",
             f"{programme.get_kind_display()} {window}, do {lead.name} chủ trì; tổng số {total.total} nhiệm vụ.",
             ["Trạng thái", "Số nhiệm vụ"], [[s.label, total.counts[s]] for s in COUNTED]),
        Part("XẾP HẠNG ĐƠN VỊ", "Theo tỷ lệ hoàn thành đúng hạn các nhiệm vụ đã đến hạn.",
             ["Hạng", "Đơn vị", "Đến hạn", "Đúng hạn", "Tỷ lệ đúng hạn (%)"],
             [[i, t.unit.name, t.due, t.counts.get("done_on_time", 0), _percent(t.on_time_rate)]
              for i, t in enumerate(progress.ranked, start=1)]),
    ]
    if progress.indicators:
        parts.append(Part("CHỈ TIÊU", "", ["Chỉ tiêu", "Thực hiện", "Kế hoạch", "% kế hoạch", "Đánh giá"],
                          [[r.indicator.name, r.actual, r.plan, _percent(r.percent_of_plan), r.light_label]
                           for r in progress.indicators]))
    if progress.ntm:
        parts.append(Part("MỤC TIÊU NÔNG THÔN MỚI", "",
                          ["Xã", "Mục tiêu", "Tiêu chí đạt", "Mức hiện nay", "Kết quả"],
                          [[r.target.area.name, r.target.get_level_display(), f"{r.status.met}/{r.status.total}",
                            r.status.level_label, "Đạt" if r.reached else "Chưa đạt"] for r in progress.ntm]))
    parts.append(Part("KHEN THƯỞNG", "" if commendations else "Chưa có đề nghị khen thưởng.",
                      ["Đơn vị", "Tỷ lệ đúng hạn (%)", "Nhiệm vụ đến hạn", "Quyết định", "Ghi chú"],
                      [[c.unit.name, _percent(c.on_time_rate), c.tasks_due, c.get_decision_display(), c.note]
                       for c in commendations]))
    head = next(iter(current_positions(lead)), None)  # signed by the lead unit's head
    return Paper(heading(lead, made_on, "BC"), "BÁO CÁO", f"Kết quả thực hiện {programme.name}", parts,
                 [signer_for(lead, head)], recipients=["Lưu: VT."])
