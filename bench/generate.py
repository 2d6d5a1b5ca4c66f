"""Synthetic province for benchmarks: ~3,000 units and N tasks in the shape of the demo
(≈10% overdue), inserted in bulk (COPY on PostgreSQL, executemany on SQLite)."""

import random
from datetime import datetime, timedelta, timezone

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction

from dieuhanh.core import calendar
from dieuhanh.core.text import fold
from dieuhanh.org.areas import load_current
from dieuhanh.org.models import Area, Membership, Role, Unit
from dieuhanh.tasks.schedule import next_reminder

TOPICS = ["giải ngân vốn đầu tư công", "thu ngân sách nhà nước", "xây dựng nông thôn mới", "cải cách hành chính",
          "chuyển đổi số", "giải phóng mặt bằng", "tiếp công dân", "phòng, chống thiên tai", "an toàn thực phẩm",
          "công tác cán bộ", "chương trình OCOP", "nhà ở cho hộ nghèo", "quản lý đất đai", "phát triển đảng viên",
          "bảo vệ môi trường", "thu hút đầu tư", "an ninh trật tự", "y tế cơ sở"]
ACTIONS = ["Tham mưu kế hoạch", "Rà soát, báo cáo", "Triển khai thực hiện", "Kiểm tra, đôn đốc", "Sơ kết, đánh giá"]
COLUMNS = ["content", "assigned_by_id", "lead_id", "tree_id", "issued_on", "deadline", "due_on", "recurrence",
           "period_key", "is_key", "state", "state_reason", "progress", "last_report_on", "requested_done_on",
           "done_on", "version", "search_text", "created_at", "updated_at", "next_reminder_on", "next_reminder_kind",
           "acknowledged_at"]


def _units(rng):
    K = Unit.Kind
    root = Unit.objects.create(code="bench-tu", name="Tỉnh ủy Bench", kind=K.PARTY_COMMITTEE)
    boards = [Unit.objects.create(code=f"b-ban-{i}", name=f"Ban {n} Tỉnh ủy", kind=K.PARTY_BOARD, parent=root)
              for i, n in enumerate(["Tổ chức", "Tuyên giáo và Dân vận", "Nội chính", "Kiểm tra", "Văn phòng"])]
    ubnd = Unit.objects.create(code="b-ubnd", name="UBND tỉnh", kind=K.PEOPLES_COMMITTEE, parent=root)
    depts = [Unit.objects.create(code=f"b-so-{i}", name=f"Sở số {i}", kind=K.DEPARTMENT, parent=ubnd) for i in range(25)]
    depts[0].name = "Sở Nội vụ"
    depts[0].save()
    communes = []
    load_current()  # the country's 3,321 communes, as a real installation has them
    for i, area in enumerate(Area.objects.filter(level=Area.Level.COMMUNE, legacy=False).order_by("code")[:1480]):
        name = area.name[0].lower() + area.name[1:]
        communes.append(Unit.objects.create(code=f"b-du-{i}", name=f"Đảng ủy {name}", kind=K.PARTY_COMMITTEE,
                                            parent=root, area=area))
        communes.append(Unit.objects.create(code=f"b-ub-{i}", name=f"UBND {name}", kind=K.PEOPLES_COMMITTEE,
                                            parent=ubnd, area=area))
    return root, boards, ubnd, depts, communes


def _session(user) -> str:
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return s.session_key


def _rows(n, rng, root, assigners, leads, names, today):
    now = datetime.now(timezone.utc)
    for _ in range(n):
        lead = rng.choice(leads)
        assigner = rng.choice(assigners)
        roll = rng.random()
        issued = today - timedelta(days=rng.randint(1, 700))
        progress, last_report, requested, done, recurrence, state = 0, None, None, None, "", "open"
        if roll < 0.28:  # done on time
            deadline = issued + timedelta(days=rng.randint(20, 200))
            deadline = min(deadline, today - timedelta(days=1))
            done = deadline - timedelta(days=rng.randint(0, 10))
            state, progress, last_report, requested = "done", 100, done, done
        elif roll < 0.35:  # done late
            deadline = issued + timedelta(days=rng.randint(20, 150))
            done = min(today, deadline + timedelta(days=rng.randint(1, 60)))
            state, progress, last_report, requested = "done", 100, done, done
        elif roll < 0.45:  # overdue
            deadline = today - timedelta(days=rng.randint(1, 200))
            issued = min(issued, deadline - timedelta(days=10))
            progress = rng.choice([0, 20, 50, 70])
            last_report = deadline - timedelta(days=5) if progress else None
        elif roll < 0.50:  # awaiting acceptance
            deadline = today + timedelta(days=rng.randint(0, 60))
            state, progress, last_report, requested = "awaiting", 100, today, today
        elif roll < 0.55:  # ongoing
            deadline, recurrence = None, "ongoing"
        elif roll < 0.58:
            deadline, state = today + timedelta(days=rng.randint(1, 100)), "paused"
        elif roll < 0.60:
            deadline, state = today + timedelta(days=rng.randint(1, 100)), "cancelled"
        else:  # open, within deadline
            deadline = today + timedelta(days=rng.randint(0, 300))
            progress = rng.choice([0, 0, 10, 30, 60, 80])
            last_report = today - timedelta(days=rng.randint(0, 40)) if progress else None
        due = calendar.effective_deadline(deadline) if deadline else None
        content = f"{rng.choice(ACTIONS)} về {rng.choice(TOPICS)} năm {issued.year}"
        reminder_on, reminder_kind = next_reminder(state=state, recurrence=recurrence, due_on=due, days_before=None,
                                                   from_day=today)
        acknowledged = None if state == "open" and rng.random() < 0.05 else now  # a few new tasks not yet received
        yield (content, assigner.pk, lead.pk, root.pk, issued, deadline, due, recurrence, "", rng.random() < 0.08,
               state, "", progress, last_report, requested, done, 1, fold(f"{content} {names[lead.pk]}"), now, now,
               reminder_on, reminder_kind, acknowledged)


def _insert(rows, batch=20_000):
    table = "tasks_task"
    cols = ", ".join(COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(COLUMNS))
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({placeholders})", chunk)
                chunk = []
        if chunk:
            cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({placeholders})", chunk)


def build(size: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    today = calendar.today()
    with transaction.atomic():
        root, boards, ubnd, depts, communes = _units(rng)
        leads = boards + depts * 4 + communes
        names = {u.pk: u.name for u in [root, ubnd, *boards, *depts, *communes]}
        _insert(_rows(size, rng, root, [root, root, ubnd, ubnd, *depts[:5]], leads, names, today))
        with connection.cursor() as cursor:
            # Three in ten tasks have a coordinating unit.
            cursor.execute("SELECT id, state, due_on FROM tasks_task")
            tasks = cursor.fetchall()
            unit_ids = [u.pk for u in depts + communes[:200]]
            rows = [(i, rng.choice(unit_ids), state, due) for i, state, due in tasks if rng.random() < 0.3]
            insert = "INSERT INTO tasks_coordination (task_id, unit_id, state, due_on) VALUES (%s, %s, %s, %s)"
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY tasks_coordination (task_id, unit_id, state, due_on) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(insert, rows)
        searched = _documents_and_petitions(rng, size, root, [root, ubnd, *depts[:5]], depts + communes, today)
        indicator_values = _figures(rng, ubnd, [c for c in communes if c.kind == Unit.Kind.PEOPLES_COMMITTEE], today)
        User = get_user_model()
        tracker = User.objects.create_user("bench.tracker", first_name="Theo dõi")
        officer = User.objects.create_user("bench.officer", first_name="Chuyên viên")
        Membership.objects.create(user=tracker, unit=root, role=Role.TRACKER)
        Membership.objects.create(user=officer, unit=depts[0], role=Role.OFFICER)
    with connection.cursor() as cursor:
        # As autovacuum leaves a live database: statistics, and the visibility map that lets
        # PostgreSQL answer from covering indexes.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    from dieuhanh.api import tokens

    token = tokens.issue(tracker, user=tracker, name="bench", unit=root, role=Role.TRACKER, days=30)[1]
    return {"tracker_cookie": _session(tracker), "officer_cookie": _session(officer), "tracker_token": token, "filter_unit": depts[0].pk,
            "units": Unit.objects.count(), "root": root.pk, "indicator_values": indicator_values,
            "tracker": tracker.pk, "officer": officer.pk, **searched}


SUBJECTS = ["Thông báo kết luận của Thường trực Tỉnh ủy về", "Kế hoạch thực hiện", "Chỉ thị về tăng cường",
            "Báo cáo kết quả", "Công văn đôn đốc"]
PETITIONS = ["Đề nghị hỗ trợ", "Kiến nghị xem xét", "Phản ánh chậm giải quyết", "Đề nghị làm rõ", "Kiến nghị đẩy nhanh"]


def _documents_and_petitions(rng, size, root, issuers, units, today) -> dict:
    """For the one search box: a document for every ten tasks (symbols "1029-TB/TU", "37/KH-UBND") and a
    petition for every five, in the demo's words."""
    from dieuhanh.documents.models import Document
    from dieuhanh.petitions.models import Petition, new_code

    documents, numbers = [], {}
    for _ in range(size // 10):
        issuer = rng.choice(issuers)
        issued = today - timedelta(days=rng.randint(1, 700))
        series = f"TB/{issued.year}"
        number = numbers[issuer.pk, series] = numbers.get((issuer.pk, series), 0) + 1
        symbol = f"{number}-TB/TU" if issuer == root else f"{number}/TB-{issuer.code.upper()}"
        subject = f"{rng.choice(SUBJECTS)} {rng.choice(TOPICS)}"
        documents.append(Document(system="party" if issuer == root else "state", kind="TB", number=number,
                                  symbol=symbol, series=series, issuer=issuer, issued_on=issued, subject=subject,
                                  search_text=fold(f"{symbol} {subject}")))
    Document.objects.bulk_create(documents, batch_size=5000)
    petitions = []
    for _ in range(size // 5):
        unit = rng.choice(units)
        content = f"{rng.choice(PETITIONS)} về {rng.choice(TOPICS)} tại {unit.name}"
        received = today - timedelta(days=rng.randint(1, 700))
        answered = rng.random() < 0.6
        petitions.append(Petition(
            code=new_code(), source=Petition.Source.RECEPTION, submitter="Công dân",
            submitter_kind=Petition.SubmitterKind.CITIZEN, content=content,
            receiving_unit=root, responsible_unit=unit, tree=root, received_on=received,
            due_on=received + timedelta(days=15), answered_on=received + timedelta(days=10) if answered else None,
            status=Petition.Status.ANSWERED if answered else Petition.Status.IN_PROGRESS, search_text=fold(f"Công dân {content}")))
    Petition.objects.bulk_create(petitions, batch_size=5000)
    return {"documents": len(documents), "petitions": len(petitions), "petition_code": petitions[len(petitions) // 2].code}


def _figures(rng, ubnd, communes, today, indicators=12) -> int:
    """About 100,000 values: 12 indicators for each commune over six periods of two years, and
    each commune's year plan; the province's figures are their roll-up."""
    from dieuhanh.indicators.models import Actual, Indicator, Target

    kinds = [("sum", "amount"), ("average", "percent"), ("last", "count")]
    made = Indicator.objects.bulk_create([
        Indicator(code=f"B{i:02d}", name=f"Chỉ tiêu số {i}", name_folded=f"chi tieu so {i}", measure="tỷ đồng",
                  aggregation=kinds[i % 3][0], kind=kinds[i % 3][1], unit=ubnd, position=i) for i in range(indicators)])
    year = today.year
    keys = [f"{y}{suffix}" for y in (year - 1, year) for suffix in ("-Q1", "-H1", "-9M")]
    actuals, targets = [], []
    for ind in made:
        for unit in communes:
            base = rng.randint(50, 500)
            targets.append(Target(indicator=ind, unit=unit, period=str(year), value=base * 4))
            for k in keys:
                actuals.append(Actual(indicator=ind, unit=unit, period=k, value=base * rng.uniform(0.6, 1.3)))
    Target.objects.bulk_create(targets, batch_size=5000)
    Actual.objects.bulk_create(actuals, batch_size=5000)
    return len(actuals)


