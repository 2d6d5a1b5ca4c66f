"""core.paging.window: the count it gives equals the list's length up to the cap, whether it was read
off a short window or asked of the database, and asking is skipped only when the window shows the end."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dieuhanh.core.paging import first_windows, window

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    User = get_user_model()
    User.objects.bulk_create([User(username=f"u{i:02}") for i in range(23)])
    return User.objects.order_by("username")


@pytest.mark.parametrize("offset, limit", [(0, 10), (10, 10), (20, 10), (30, 10), (0, 23), (0, 30), (13, 10)])
def test_window_rows_and_count_match_the_list(users, offset, limit):
    names = [u.username for u in users]
    items, count = window(users, offset, limit, cap=1000)
    assert [u.username for u in items] == names[offset:offset + limit]
    assert count == 23


def test_count_stops_at_the_cap(users):
    items, count = window(users, 0, 5, cap=10)
    assert len(items) == 5 and count == 11  # "more than 10"


def test_a_short_window_is_not_counted_again(users):
    with CaptureQueriesContext(connection) as short:
        window(users, 20, 10, cap=1000)
    with CaptureQueriesContext(connection) as full:
        window(users, 0, 10, cap=1000)
    assert len(short) == 2 and len(full) == 3  # ids, (count), rows


def test_an_empty_list_costs_one_query(users):
    with CaptureQueriesContext(connection) as queries:
        assert window(users.filter(username="none"), 0, 10, cap=1000) == ([], 0)
    assert len(queries) == 1


def test_first_windows_read_the_rows_of_every_list_in_one_query(users):
    lists = [users, users.filter(username__gte="u15"), users.filter(username="none"), users.order_by("-username")]
    with CaptureQueriesContext(connection) as queries:
        windows = first_windows(lists, 10, cap=1000)
    assert windows == [window(qs, 0, 10, cap=1000) for qs in lists]
    # ids and count of the full lists, ids of the short and the empty one, then all rows at once
    assert len(queries) == 2 + 1 + 1 + 2 + 1
