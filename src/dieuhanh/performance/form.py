"""The official's score form for a month (phiếu đánh giá, xếp loại chất lượng công chức, NĐ 335/2025) as an
administrative paper: who, the general criteria, every product with its deductions, the total and the grades,
the official's and the leader's signatures."""

from datetime import date

from dieuhanh.core.numbers import so
from dieuhanh.core.text import person_name
from dieuhanh.documents.paper import Paper, Part, Signer, heading
from dieuhanh.org.models import Membership

from .models import GeneralPoints, MonthlyResult, Product
from .scoring import Grade


def _note(p: Product) -> str:
    notes = []
    if p.return_reason:
        notes.append(f"Trả lại: {p.return_reason}")
    if p.objective_cause:
        state = "đã xác nhận, không trừ điểm" if p.cause_confirmed_by_id else "chưa được xác nhận"
        notes.append(f"Nguyên nhân khách quan ({state}): {p.objective_cause}")
    return "; ".join(notes)


def score_form(result: MonthlyResult, period, products: list[Product], made_on: date) -> Paper:
    official, unit = result.official, result.unit
    role = Membership.objects.filter(user=official, unit=unit).order_by("role").first()
    general = GeneralPoints.objects.filter(official=official, period=result.period).select_related("entered_by").first()
    rows = [[i, p.title, float(p.weight), p.due_on, p.done_on, p.get_state_display(), p.quality_errors, p.delays,
             _note(p)] for i, p in enumerate(products, start=1)]
    tasks_text = (f"Số lượng {so(result.quantity, 1)}%, chất lượng {so(result.quality, 1)}%, tiến độ {so(result.progress, 1)}% "
                  "của khối lượng sản phẩm được giao (đã quy đổi); mỗi sai sót lớn, mỗi lần chậm trừ 25% điểm chất "
                  "lượng, tiến độ của sản phẩm đó, trừ trường hợp nguyên nhân khách quan được xác nhận.")
    if result.unit_percent is not None:
        tasks_text += f" Kết quả của đơn vị do mình phụ trách: {so(result.unit_percent, 1)}%."
    summary = [["Tiêu chí chung", float(result.general)], ["Kết quả thực hiện nhiệm vụ", float(result.task_points)],
               ["Tổng điểm", float(result.total)], ["Xếp loại theo điểm", Grade.LABELS[result.grade]],
               ["Xếp loại lãnh đạo xác nhận", Grade.LABELS.get(result.confirmed_grade, "Chưa xác nhận")]]
    return Paper(
        heading(unit, made_on, kind_code=None), "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC",
        period.label[:1].upper() + period.label[1:],
        [Part("TIÊU CHÍ CHUNG (tối đa 30 điểm)",
              f"Lãnh đạo đơn vị chấm {so(result.general, 1)} điểm" + (f" ({person_name(general.entered_by)})." if general else
                                                                  " (chưa chấm, tạm tính 0).")),
         Part("KẾT QUẢ THỰC HIỆN NHIỆM VỤ (tối đa 70 điểm)", tasks_text,
              ["STT", "Sản phẩm", "Trọng số", "Hạn", "Ngày hoàn thành", "Trạng thái", "Sai sót lớn", "Chậm", "Ghi chú"],
              rows),
         Part("TỔNG HỢP", "", ["Nội dung", "Kết quả"], summary)],
        [Signer("NGƯỜI TỰ ĐÁNH GIÁ", note="(Ký, ghi rõ họ tên)", name=person_name(official)),
         Signer("LÃNH ĐẠO ĐƠN VỊ ĐÁNH GIÁ", note="(Ký, ghi rõ họ tên)", name=person_name(result.confirmed_by))],
        lines=[f"Họ và tên: {person_name(official)}", f"Chức vụ: {role.get_role_display() if role else ''}",
               f"Đơn vị công tác: {unit.name}"])
