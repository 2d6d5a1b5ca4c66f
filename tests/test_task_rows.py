"""The task table's rows and the status badge, written in Python for speed (tasks/templatetags/task_rows):
they escape what users typed and say what the template said — overdue days, key and stale marks."""

from datetime import timedelta

from django.template import Context, Template

from dieuhanh.core import calendar
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.queries import with_list_relations


def _table(tasks):
    return Template('{% include "tasks/_task_table.html" %}').render(Context({"tasks": tasks}))


def test_a_row_escapes_the_content_and_names_lead_assigner_deadline_and_status(province):
    today = calendar.today()
    task = province.task("Rà soát <script>alert(1)</script> & báo cáo", deadline=today - timedelta(days=12),
                         issued_on=today - timedelta(days=40), is_key=True)
    html = _table(with_list_relations(Task.objects.filter(pk=task.pk)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; báo cáo" in html and "<script>" not in html
    assert f'href="/nhiem-vu/{task.pk}/"' in html
    assert (province.btc.short_name or province.btc.name) in html
    assert f"{task.deadline:%d/%m/%Y}" in html
    assert f'<div class="sub danger">trễ {task.days_late} ngày</div>' in html and task.days_late >= 10
    assert '<span class="status s-danger">Đang thực hiện quá hạn</span>' in html
    assert 'class="tag key"' in html and 'class="tag stale"' in html  # never reported for 40 days


def test_a_long_content_is_cut_and_a_task_on_time_has_no_late_mark(province):
    task = province.task("Nội dung rất dài " * 20)
    html = _table([task])
    assert "…" in html and "Nội dung rất dài " * 10 not in html
    assert "trễ" not in html and 'class="tag key"' not in html
    assert '<meter min="0" max="100" value="0" title="0%"></meter> 0%' in html


def test_an_empty_list_says_so():
    assert "Không có nhiệm vụ nào." in _table([])
