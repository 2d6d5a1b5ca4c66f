"""Task lists kept in Excel, brought in (issue 18, item 5): the offices' layouts and the app's own export read
back, unit names matched, every problem named by row and cell, all rows assigned at once or none."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook

from dieuhanh.intake import sheets
from dieuhanh.tasks import exports
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db


def _xlsx(rows, merge=None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


OFFICE = [["UBND TỈNH HÀ TĨNH"], ["DANH MỤC NHIỆM VỤ"],
          ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Tình trạng"],
          [1, "Tham mưu kế hoạch tổng kết", "Ban To chuc Tinh uy", "Sở Nội vụ; UBND xã Thạch Lạc", date(2026, 6, 30), ""],
          [2, "Rà soát biên chế", "Sở Nội vụ", "", "15/07/2026", "Đang thực hiện"],
          [3, "Theo dõi tình hình cơ sở", "Ban Tổ chức Tỉnh ủy", None, "Thường xuyên", None]]


def test_an_offices_list_is_previewed_then_assigned_all_at_once(province, login):
    plan = sheets.preview(province.tracker, province.root, date(2026, 5, 4), _xlsx(OFFICE))
    assert plan.ok and [r.number for r in plan.rows] == [4, 5, 6]
    first = plan.rows[0]
    assert first.lead == province.btc and first.coordinators == [province.snv, province.xa_a]
    assert plan.rows[1].deadline == date(2026, 7, 15) and plan.rows[2].recurrence == "ongoing"
    assert Task.objects.count() == 0  # the preview tried each row and kept nothing
    made = sheets.confirm(province.tracker, plan.signed)
    assert [t.content for t in made] == ["Tham mưu kế hoạch tổng kết", "Rà soát biên chế", "Theo dõi tình hình cơ sở"]
    assert made[0].deadline == date(2026, 6, 30) and made[0].assigned_by == province.root


def test_problems_are_named_by_cell_and_nothing_is_assigned(province):
    rows = [OFFICE[2], [1, "Việc một", "Ban Không Có", "", "31/02/2026", ""], [2, "", "Sở Nội vụ", "", "", ""],
            [3, "=1+1", "Sở Nội vụ", "", "", ""], [4, "Việc bốn", "Sở Nội vụ", "", date(2026, 1, 1), ""]]
    book = _xlsx(rows)
    plan = sheets.preview(province.tracker, province.root, date(2026, 5, 4), book)
    assert not plan.ok and not plan.signed
    problems = {r.number: " ".join(r.problems) for r in plan.rows}
    assert "C2: Không tìm thấy đơn vị “Ban Không Có”" in problems[2] and "E2: Thời hạn “31/02/2026”" in problems[2]
    assert "B3: Thiếu nội dung" in problems[3]
    assert "B4: Ô chứa công thức" in problems[4]
    assert "trước ngày giao" in problems[5] or "Thời hạn" in problems[5]  # the service's own refusal, on its row
    assert Task.objects.count() == 0


def test_merged_cells_and_files_that_are_not_workbooks_are_refused(province):
    merged = sheets.preview(province.tracker, province.root, date(2026, 5, 4),
                            _xlsx([*OFFICE[2:], [4, "Việc", "Sở Nội vụ", "", "", ""]], merge="C2:C3"))
    assert any("Ô gộp" in p for r in merged.rows for p in r.problems)
    assert sheets.preview(province.tracker, province.root, date(2026, 5, 4), b"not a workbook").problems == [
        "Không đọc được tệp: hãy chọn tệp Excel .xlsx."]
    headless = sheets.preview(province.tracker, province.root, date(2026, 5, 4), _xlsx([["a", "b"], [1, 2]]))
    assert "dòng tiêu đề" in headless.problems[0]


def test_the_apps_own_export_reads_back_as_the_same_tasks(province):
    province.task("Tổng kết công tác cán bộ", coordinators=[province.snv], deadline=date(2026, 9, 30))
    province.task("Báo cáo chuyển đổi số", lead=province.snv, deadline=date(2026, 10, 15))
    exported = exports.task_sheet(Task.objects.order_by("id"), date(2026, 5, 4), "Danh sách nhiệm vụ")
    plan = sheets.read(exported, list(province.root.__class__.objects.all()))
    assert [(r.content, r.lead, r.coordinators, r.deadline) for r in plan.rows] == [
        ("Tổng kết công tác cán bộ", province.btc, [province.snv], date(2026, 9, 30)),
        ("Báo cáo chuyển đổi số", province.snv, [], date(2026, 10, 15))]


def test_the_page_previews_and_confirms_and_a_tampered_preview_changes_nothing(province, login):
    client = login(province.tracker)
    assert client.get("/nhiem-vu/nhap-excel/mau.xlsx")["Content-Type"].startswith("application/vnd.openxml")
    upload = BytesIO(_xlsx(OFFICE))
    upload.name = "nhiem-vu.xlsx"
    page = client.post("/nhiem-vu/nhap-excel/", {"don_vi_giao": province.root.pk, "ngay_giao": "04/05/2026",
                                                 "tep": upload}).content.decode()
    assert "Giao 3 nhiệm vụ" in page and Task.objects.count() == 0
    signed = page.split('name="ban_xem_truoc" value="', 1)[1].split('"', 1)[0]
    refused = client.post("/nhiem-vu/nhap-excel/", {"xac_nhan": "1", "ban_xem_truoc": signed[:-3] + "abc"},
                          follow=True).content.decode()
    assert "hết hạn hoặc bị sửa" in refused and Task.objects.count() == 0
    client.post("/nhiem-vu/nhap-excel/", {"xac_nhan": "1", "ban_xem_truoc": signed})
    assert Task.objects.count() == 3
    assert login(province.lead_officer).get("/nhiem-vu/nhap-excel/").status_code == 403
