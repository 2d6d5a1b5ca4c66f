from dieuhanh.web import startup


def test_the_first_request_freezes_what_the_application_loaded_and_only_the_first(client, monkeypatch):
    calls = []
    monkeypatch.setattr(startup.gc, "collect", lambda: calls.append("collect"))
    monkeypatch.setattr(startup.gc, "freeze", lambda: calls.append("freeze"))
    startup.install()
    client.get("/dang-nhap/")
    assert calls == ["collect", "freeze"]  # garbage first, so that nothing dead is kept for ever
    client.get("/dang-nhap/")
    assert calls == ["collect", "freeze"]  # later requests leave the collector as it is
