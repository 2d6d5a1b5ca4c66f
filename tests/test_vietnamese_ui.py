"""Every string Vietnamese (issue 17, item 6): every page of every role, opened with the ids of real objects,
shows no English widget text — Django's blank choice, its dashes, its yes/no/unknown or its file-field words —
and the site has an icon, so no page asks for a missing /favicon.ico."""

import re

from routes import path, routes

ENGLISH = re.compile(r"Select an option|>-{9}<|>(?:Yes|No|Unknown)</option>|Currently:|>Clear<|Change:|"
                     r"This field is required|Enter a valid")


def test_no_page_of_any_role_shows_english_widget_text(province, client):
    task = province.task()
    users = [province.tracker, province.leader, province.btc_leader, province.lead_officer, province.commune_officer,
             province.viewer, province.inspector]
    found = []
    for user in users:
        client.force_login(user)
        for route in routes():
            response = client.get(path(route, task.pk))
            if response.streaming or "text/html" not in response.get("Content-Type", ""):
                continue
            for match in ENGLISH.finditer(response.content.decode("utf-8", "replace")):
                found.append((user.username, route, match.group(0)))
    assert not found, found[:20]
    client.force_login(province.tracker)
    html = client.get("/kien-nghi/moi/").content.decode()
    assert "— Chọn —" in html  # the blank choice of a select, in Vietnamese (Django 6.1 has none)


def test_the_site_has_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")
    assert 'rel="icon"' in client.get("/dang-nhap/").content.decode()
