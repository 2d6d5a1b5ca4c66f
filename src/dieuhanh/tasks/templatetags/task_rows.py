"""The rows of a task table and a task's status badge, written in Python because they are the hottest
markup of the application: every list, the inbox and a task's children print them. Measured on the inbox
at 10⁵ tasks (18 rows): 6.6 ms through the template engine (about 18 variable look-ups a row), 1.6 ms
here, with the same HTML and the same escaping (format_html)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from dieuhanh.core import calendar

from .. import status as st

register = template.Library()

KEY_TAG = mark_safe(' <span class="tag key" title="Nhiệm vụ trọng tâm">Trọng tâm</span>')
STALE_TAG = mark_safe(' <span class="tag stale">Chưa cập nhật</span>')
EMPTY_ROW = mark_safe('<tr><td colspan="6" class="empty">Không có nhiệm vụ nào.</td></tr>')


def _badge(task, status: st.Status) -> SafeString:
    return format_html('<span class="status s-{}">{}</span>{}{}', st.CSS_OF[status], status.label,
                       KEY_TAG if task.is_key else "", STALE_TAG if task.is_stale else "")


@register.simple_tag
def task_status(task) -> SafeString:
    """The status as of today, and the "trọng tâm" and "chưa cập nhật" marks."""
    return _badge(task, task.status)


def _row(task, status: st.Status, selectable: bool = False) -> SafeString:
    lead, assigner = task.lead, task.assigned_by
    return format_html(
        '<tr>{}<td><a href="{}">{}</a>{}</td><td data-label="Chủ trì">{}</td><td data-label="Đơn vị giao">{}</td>'
        '<td class="nowrap" data-label="Thời hạn">{}{}</td>'
        '<td data-label="Tiến độ"><meter min="0" max="100" value="{}" title="{}%"></meter> {}%</td>'
        '<td data-label="Trạng thái">{}</td></tr>',
        format_html('<td class="pick"><input type="checkbox" name="chon" value="{}" form="hang-loat" '
                    'aria-label="Chọn nhiệm vụ {}"></td>', task.pk, task.pk) if selectable else "",
        reverse("task_detail", args=[task.pk]), Truncator(task.content).chars(140),
        format_html('<div class="sub">{}</div>', task.document.symbol) if task.document_id else "",
        lead.short_name or lead.name, assigner.short_name or assigner.name,
        f"{task.deadline:%d/%m/%Y}" if task.deadline else task.get_recurrence_display(),
        format_html('<div class="sub danger">trễ {} ngày</div>', task.days_late) if status == st.Status.OVERDUE else "",
        task.progress, task.progress, task.progress, _badge(task, status))


@register.simple_tag
def task_rows(tasks, selectable=False) -> SafeString:
    """One <tr> per task (lead and assigner from select_related), or the empty-list row; `selectable` puts a
    checkbox first for the list's bulk actions (the form "hang-loat")."""
    today = calendar.today()
    rows = [_row(task, task.status_on(today), selectable) for task in tasks]
    return mark_safe("".join(rows)) if rows else EMPTY_ROW
