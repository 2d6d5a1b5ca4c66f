"""The private iCalendar feed of a user's deadlines (issue 18, item 6)."""

from datetime import date
from unittest import mock

import pytest
from icalendar import Calendar

from dieuhanh.api import calendar

pytestmark = pytest.mark.django_db


def test_the_feed_holds_the_deadlines_of_the_users_units_at_a_private_address(province, client, login):
    led = province.task("Tổng kết công tác cán bộ", deadline=date(2026, 5, 29))
    coordinated = province.task("Rà soát biên chế", lead=province.snv, coordinators=[province.btc],
                                deadline=date(2026, 6, 30))
    province.task("Việc riêng của Sở Nội vụ", lead=province.snv, deadline=date(2026, 6, 30))
    page = login(province.lead_officer).post("/tai-khoan/lich/").content.decode()
    address = page.split("/lich/", 1)[1].split(".ics", 1)[0]
    client.logout()
    with mock.patch("dieuhanh.core.calendar.today", return_value=date(2026, 5, 4)):
        response = client.get(f"/lich/{address}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = {e["uid"]: e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(events) == {f"nhiem-vu-{led.pk}@dieuhanh", f"nhiem-vu-{coordinated.pk}@dieuhanh"}
    first = events[f"nhiem-vu-{led.pk}@dieuhanh"]
    assert first.decoded("dtstart") == date(2026, 5, 29) and "Tổng kết công tác cán bộ" in str(first["summary"])
    assert f"/nhiem-vu/{led.pk}/" in str(first["url"]) and "Ban Tổ chức Tỉnh ủy" in str(first["description"])


def test_a_new_address_ends_the_old_one_and_a_wrong_one_opens_nothing(province, client):
    old = calendar.new_key(province.lead_officer)
    new = calendar.new_key(province.lead_officer)
    assert client.get(f"/lich/{old}.ics").status_code == 404
    assert client.get(f"/lich/{new}.ics").status_code == 200
    assert client.get("/lich/khong-co.ics").status_code == 404
