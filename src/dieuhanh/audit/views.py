"""The audit log for the auditor role (permission audit.view_auditentry): read, filter, export."""

from datetime import date
from io import BytesIO

from django.shortcuts import render
from django.utils.timezone import localtime
from openpyxl import Workbook

from dieuhanh.audit import policy
from dieuhanh.audit.exports import download
from dieuhanh.audit.models import Action, AuditEntry
from dieuhanh.core.errors import Refused
from dieuhanh.core.paging import paginate
from dieuhanh.core.sheets import safe_row


def _filtered(request):
    entries = AuditEntry.objects.all()
    errors = []
    if (who := request.GET.get("nguoi", "").strip()[:150]):
        entries = entries.filter(username__iexact=who)
    if (action := request.GET.get("hanh_dong", "")) in Action.values:
        entries = entries.filter(action=action)
    for key, lookup in (("tu", "at__date__gte"), ("den", "at__date__lte")):
        if value := request.GET.get(key, ""):
            try:
                entries = entries.filter(**{lookup: date.fromisoformat(value)})
            except ValueError:
                errors.append(f"Ngày “{value[:20]}” không hợp lệ (dạng yyyy-mm-dd).")
    return entries, errors


def audit_list(request):
    if not policy.may_read(request.user):
        raise Refused("Chỉ cán bộ kiểm tra an toàn thông tin xem được nhật ký.")
    entries, errors = _filtered(request)
    if request.GET.get("xuat") == "xlsx":
        return _export(request, entries)
    return render(request, "audit/list.html", {"page": paginate(request, entries.select_related("user"), 50),
                                               "actions": Action.choices, "errors": errors,
                                               "may_export": policy.may_export(request.user)},
                  status=400 if errors else 200)


def _export(request, entries):
    if not policy.may_export(request.user):
        raise Refused("Bạn không có quyền xuất nhật ký.")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Nhật ký")
    ws.append(["Thời điểm", "Tên đăng nhập", "Địa chỉ", "Hành động", "Đường dẫn", "Đối tượng", "Chi tiết"])
    count = 0
    for e in entries.iterator(chunk_size=2000):
        ws.append(safe_row([localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"), e.username, e.ip or "",
                            e.get_action_display(), e.path, e.target, e.detail]))
        count += 1
    out = BytesIO()
    wb.save(out)
    return download(request, out.getvalue(), "nhat-ky.xlsx", target="nhật ký an toàn thông tin",
                    detail=f"{count} dòng")
