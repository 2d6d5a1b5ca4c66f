"""The search's trigram index on the embedded database (issue 17, item 1): on SQLite `matching_words` looks
words up in an FTS5 table kept by triggers, and finds exactly what the plain LIKE filter finds."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dieuhanh.core import fulltext
from dieuhanh.core.fulltext import matching_words
from dieuhanh.core.text import fold
from dieuhanh.documents.models import Document
from dieuhanh.documents.services import register_document
from dieuhanh.tasks.models import Task

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL searches through pg_trgm")

WORDS = ["ngan sach", "ngân sách", "45-tb/tu", "tb", "to chuc", "xa", "dân vận", "thach ha 2026", "khongcogica", "a"]


def _like(queryset, text):
    for word in fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def _tasks(province):
    contents = ["Thu ngân sách nhà nước năm 2026", "Rà soát công tác tổ chức bộ máy", "Công tác dân vận ở xã Thạch Hà",
                "Kiểm tra thu ngân sách xã Thạch Hà 2026", "Báo cáo theo Thông báo 45-TB/TU"]
    return [province.task(content, deadline=date(2026, 12, 31)) for content in contents]


def test_the_index_finds_what_the_like_filter_finds(province):
    _tasks(province)
    tasks = Task.objects.all()
    for words in WORDS:
        assert set(matching_words(tasks, words)) == set(_like(tasks, words)), words
    assert matching_words(tasks, "ngan sach").count() == 2


@sqlite_only
def test_long_words_are_looked_up_in_the_index_short_ones_filtered(province):
    _tasks(province)
    with CaptureQueriesContext(connection) as queries:
        list(matching_words(Task.objects.all(), "ngan xa"))
    sql = queries.captured_queries[-1]["sql"]
    assert "tasks_task_search_text_fts MATCH" in sql and "LIKE" in sql  # "ngan" looked up, "xa" (2 letters) filtered


@sqlite_only
def test_triggers_follow_every_change(province):
    task, *_ = _tasks(province)
    Task.objects.filter(pk=task.pk).update(search_text="mot noi dung moi")
    assert list(matching_words(Task.objects.all(), "noi dung moi")) == [task]
    assert not matching_words(Task.objects.filter(pk=task.pk), "ngan sach").exists()
    Task.objects.filter(pk=task.pk).delete()
    assert not matching_words(Task.objects.all(), "noi dung moi").exists()
    register_document(province.tracker, issuer=province.root, symbol="1029-TB/TU", issued_on=date(2026, 2, 3),
                      signer="", subject="Thông báo kết luận về công tác dân vận", tasks=[])
    assert matching_words(Document.objects.all(), "1029-tb").count() == 1


@sqlite_only
def test_an_index_whose_triggers_were_dropped_is_mended_and_rebuilt(province):
    """Django rebuilds an SQLite table to alter it, which drops its triggers: the next migrate mends them."""
    with connection.cursor() as cursor:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER tasks_task_search_text_fts_{suffix}")
    unseen = province.task("Giải phóng mặt bằng dự án cao tốc", deadline=date(2026, 12, 31))
    assert not matching_words(Task.objects.all(), "giai phong").exists()  # written while the index was blind
    made = fulltext.ensure()
    assert sorted(made) == [f"tasks_task_search_text_fts_{s}" for s in ("ad", "ai", "au")]
    assert list(matching_words(Task.objects.all(), "giai phong")) == [unseen]
    assert fulltext.ensure() == []  # nothing left to mend


def test_every_searched_model_declares_its_index():
    tables = {table for table, _column in fulltext.indexed_columns()}
    assert {"tasks_task", "documents_document", "meetings_meeting", "petitions_petition"} <= tables


def _dated_tasks(province):
    contents = ["Thu ngân sách nhà nước", "Rà soát công tác tổ chức bộ máy", "Chi ngân sách cho xã Thạch Hà",
                "Báo cáo theo Thông báo 45-TB/TU", "Quyết toán ngân sách 2025", "Ngân sách xã Cẩm Xuyên",
                "Công tác tổ chức đại hội", "Ngân sách huyện"]
    return [province.task(c, issued_on=date(2026, 1, 1 + i), deadline=date(2026, 12, 31)) for i, c in enumerate(contents)]


@pytest.mark.parametrize("words", ["ngan sach", "to chuc", "45-tb", "khongcogica", "xa", "ngan sach xa"])
def test_the_newest_matches_do_not_depend_on_the_window(province, words):
    _dated_tasks(province)
    order = ("-issued_on", "-id")
    expected = list(matching_words(Task.objects.all(), words).order_by(*order)[:2])
    for window in (1, 3, 5, 1000):
        assert fulltext.newest_matching(Task.objects.all(), words, order, 2, window=window) == expected, window


def test_a_common_phrase_is_found_among_the_newest_rows_without_the_index(province):
    _dated_tasks(province)
    with CaptureQueriesContext(connection) as queries:
        rows = fulltext.newest_matching(Task.objects.all(), "ngan sach", ("-issued_on", "-id"), 2, window=4)
    assert [r.content for r in rows] == ["Ngân sách huyện", "Ngân sách xã Cẩm Xuyên"]
    assert len(queries) == 2 and "MATCH" not in queries[-1]["sql"]  # the window's day, then its rows
