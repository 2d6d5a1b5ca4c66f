"""Demo data from the seeds (../shared/seeds): the Hà Tĩnh Standing Committee's working session of
11/10/2021 and its conclusions, notice 1029-TB/TU of Nghệ An with its four assignments, the units
and people the seeds name — plus a few hundred generated tasks in every state, so that each list
and status shows something. Loaded once (`dieuhanh load_demo`)."""

import random
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction

from dieuhanh.accounts.models import Account
from dieuhanh.core import calendar
from dieuhanh.documents.services import register_document
from dieuhanh.org.areas import load_current, load_legacy
from dieuhanh.org.models import Membership, Role, Unit
from dieuhanh.tasks import services
from dieuhanh.tasks.models import Task
from dieuhanh.tasks.services import TaskDraft

from .figures import seed_figures, seed_ntm
from .meetings import seed_meetings
from .plans import seed_plans
from .programmes import seed_programmes
from .structure import PARTY_MERGER, legacy_district_units, person, province_tree, retire

PASSWORD = "dieuhanh-demo"
User = get_user_model()

# (username, full name, unit key, role, what the account is for)
ACCOUNTS = [
    ("vanphong", "Nguyễn Thu Hà", "ht:tu", Role.TRACKER, "chuyên viên theo dõi, Văn phòng Tỉnh ủy Hà Tĩnh — thấy toàn tỉnh"),
    ("bithu", "Lãnh đạo Tỉnh ủy", "ht:tu", Role.LEADER, "lãnh đạo Tỉnh ủy Hà Tĩnh"),
    ("ubndtinh", "Trần Văn Minh", "ht:ubnd", Role.TRACKER, "chuyên viên theo dõi, Văn phòng UBND tỉnh Hà Tĩnh"),
    ("bantochuc", "Lê Thị Hồng", "ht:btc", Role.OFFICER, "chuyên viên Ban Tổ chức Tỉnh ủy Hà Tĩnh"),
    ("truongbantc", "Phạm Quốc Hùng", "ht:btc", Role.LEADER, "lãnh đạo Ban Tổ chức Tỉnh ủy Hà Tĩnh"),
    ("sonoivu", "Hoàng Văn Nam", "ht:so-noi-vu", Role.OFFICER, "chuyên viên Sở Nội vụ Hà Tĩnh"),
    ("sotaichinh", "Đỗ Thị Lan", "ht:so-tai-chinh", Role.OFFICER, "chuyên viên Sở Tài chính Hà Tĩnh"),
    ("xa.thanhsen", "Võ Thị Mai", "ht:ub-18073", Role.OFFICER, "chuyên viên UBND phường Thành Sen"),
    ("chutich.thanhsen", "Nguyễn Văn Long", "ht:ub-18073", Role.LEADER, "lãnh đạo UBND phường Thành Sen"),
    ("xem", "Người xem", "ht:so-noi-vu", Role.VIEWER, "chỉ xem, Sở Nội vụ Hà Tĩnh"),
    ("kiemtra", "Cán bộ kiểm tra", "ht:tu", Role.INSPECTOR, "Ủy ban Kiểm tra: xem toàn bộ nhiệm vụ của tỉnh"),
    ("quantri", "Quản trị hệ thống", "ht:tu", Role.ADMIN, "quản trị (cả trang /quan-tri/)"),
    ("vanphong.nghean", "Trần Thị Thu", "na:tu", Role.TRACKER, "chuyên viên theo dõi, Văn phòng Tỉnh ủy Nghệ An"),
    ("bandanvan.nghean", "Nguyễn Văn Tâm", "na:bdv", Role.OFFICER, "chuyên viên Ban Dân vận Tỉnh ủy Nghệ An (trước 2025)"),
]

TOPICS = [
    "giải ngân vốn đầu tư công", "thu ngân sách nhà nước", "xây dựng nông thôn mới", "cải cách hành chính",
    "chuyển đổi số", "giải phóng mặt bằng các dự án trọng điểm", "tiếp công dân, giải quyết khiếu nại",
    "phòng, chống thiên tai", "an toàn thực phẩm", "công tác cán bộ cấp xã", "chương trình OCOP",
    "hỗ trợ nhà ở cho hộ nghèo", "quản lý đất đai, tài sản công sau sắp xếp", "phát triển đảng viên",
    "bảo vệ môi trường", "thu hút đầu tư", "an ninh trật tự", "y tế cơ sở",
]
ACTIONS = [
    "Tham mưu xây dựng kế hoạch thực hiện", "Rà soát, tổng hợp và báo cáo kết quả", "Triển khai thực hiện",
    "Kiểm tra, đôn đốc việc thực hiện", "Tổ chức sơ kết, đánh giá", "Đề xuất giải pháp tháo gỡ vướng mắc về",
    "Hoàn thiện dự thảo đề án về", "Tuyên truyền, phổ biến chủ trương về",
]
SCENARIOS = [  # (name, weight)
    ("not_started", 14), ("on_time", 20), ("overdue", 12), ("awaiting", 8), ("done_on_time", 24),
    ("done_late", 8), ("returned", 4), ("extension", 3), ("paused", 2), ("cancelled", 3), ("key_overdue", 2),
]


@contextmanager
def clock(day: date):
    """Run services as if it were 09:00 on `day` (the demo's past): dates, timestamps and history."""
    moment = datetime.combine(day, time(9, 0), tzinfo=calendar.VN_TZ)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _units(ht: dict, na: dict) -> dict[str, Unit]:
    return {**{f"ht:{k}": v for k, v in ht.items()}, **{f"na:{k}": v for k, v in na.items()}}


def _accounts(units: dict[str, Unit]):
    for username, full_name, unit_key, role, _ in ACCOUNTS:
        # Vietnamese names read family name first; keep the whole name in one field.
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.set_password(PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
            # A published password: outside demo mode (DIEUHANH_DEMO) it must be changed before use.
            Account.objects.update_or_create(user=user, defaults={"must_change_password": True})
        Membership.objects.get_or_create(user=user, unit=units[unit_key], role=role)


def _system_user():
    user, created = User.objects.get_or_create(username="dulieu.minhhoa", defaults={"first_name": "Dữ liệu minh họa"})
    if created:
        user.is_superuser = True
        user.set_unusable_password()
        user.save()
    return user


def _seed_people(ht, districts):
    for name, title, unit in [
        ("Hoàng Trung Dũng", "Bí thư Tỉnh ủy", ht["tu"]),
        ("Trần Thế Dũng", "Phó Bí thư Thường trực Tỉnh ủy", ht["tu"]),
        ("Võ Trọng Hải", "Chủ tịch UBND tỉnh", ht["ubnd"]),
        ("Nguyễn Như Dũng", "Chánh Văn phòng Tỉnh ủy", ht["vptu"]),
        ("Nguyễn Tất Nhân", "Chính ủy Bộ Chỉ huy Quân sự tỉnh", ht["bo-chqs"]),
        ("Nguyễn Đình Hải", "Bí thư Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh", ht["dukhoi"]),
        ("Đặng Trần Phong", "Chủ tịch UBND huyện Can Lộc", districts["ubh-canloc"]),
        ("Đặng Văn Thành", "Bí thư Thị ủy Kỳ Anh", districts["hu-kyanh"]),
        ("Nguyễn Thế Hoàn", "Bí thư Huyện ủy Lộc Hà", districts["hu-locha"]),
        ("Nguyễn Thị Nguyệt", "Bí thư Huyện ủy Thạch Hà", districts["hu-thachha"]),
    ]:
        person(name, title, unit, started_on=date(2021, 10, 11))


def _seed_hatinh_session(actor, ht):
    """Conclusions of the Standing Committee's working session of 11/10/2021 (seed 000)."""
    drafts = [
        TaskDraft("Đẩy nhanh giải ngân nguồn vốn đầu tư công; tập trung công tác giải phóng mặt bằng; rà soát, "
                  "kiểm soát, tránh sai phạm, thất thoát trong thu ngân sách trên địa bàn", ht["ubnd"],
                  [ht["so-tai-chinh"], ht["so-xay-dung"]], deadline=date(2021, 12, 31), is_key=True),
        TaskDraft("Kiện toàn lại các ban chỉ đạo cấp huyện; đổi mới phương thức lãnh đạo của cấp ủy, điều hành của "
                  "chính quyền, thực hiện phân cấp, phân quyền rõ", ht["btc"], [ht["vptu"]],
                  deadline=date(2021, 11, 30)),
        TaskDraft("Cán bộ phải tâm huyết, trách nhiệm; hàng tuần, hàng tháng phải có sản phẩm cụ thể: báo cáo "
                  "kết quả công việc hằng tháng", ht["vptu"], [], recurrence="monthly"),
        TaskDraft("Thực hiện nghiêm túc việc tiếp công dân, đối thoại với Nhân dân; giải quyết, trả lời thấu đáo "
                  "các kiến nghị của người dân", ht["btgdv"], [ht["thanh-tra"]], recurrence="ongoing"),
        TaskDraft("Đẩy mạnh cải cách hành chính, tạo điều kiện thuận lợi cho doanh nghiệp, nhà đầu tư; rà soát, "
                  "xử lý đất đai, tài sản công sau sáp nhập đơn vị hành chính cấp xã", ht["so-noi-vu"],
                  [ht["so-tai-chinh"], ht["so-nn-mt"]], deadline=date(2022, 3, 31)),
        TaskDraft("Triển khai đề án xây dựng tỉnh đạt chuẩn nông thôn mới có đường găng, lộ trình cụ thể", ht["so-nn-mt"],
                  [ht["so-tai-chinh"]], deadline=date(2021, 12, 15), is_key=True),
        TaskDraft("Tiếp tục quyết liệt, linh hoạt các giải pháp phòng, chống dịch COVID-19; chủ động kế hoạch đón "
                  "học sinh từ các tỉnh miền Nam trở về; triển khai kế hoạch tiêm vắc-xin", ht["so-y-te"],
                  [ht["so-gd-dt"], ht["cong-an"]], deadline=date(2021, 10, 31)),
        TaskDraft("Quyết liệt triển khai các biện pháp đảm bảo an ninh trật tự, an toàn xã hội, xử lý nghiêm minh "
                  "các đối tượng vi phạm pháp luật", ht["cong-an"], [], recurrence="ongoing"),
    ]
    with clock(date(2021, 10, 11)):
        doc = register_document(
            actor, issuer=ht["tu"], symbol="468-TB/TU", issued_on=date(2021, 10, 11), signer="Hoàng Trung Dũng",
            subject="Kết luận của Bí thư Tỉnh ủy tại buổi làm việc của Thường trực Tỉnh ủy với Bí thư các huyện, "
                    "thành, thị ủy, đảng ủy trực thuộc và Chủ tịch UBND cấp huyện ngày 11/10/2021 (số hiệu minh họa)",
            body=_seed_text("000"), tasks=drafts)
    tasks = list(doc.tasks.filter(series=None).order_by("id"))
    # How far each has gone since 2021: most done, one late, one returned once.
    _play(actor, tasks[0], "done_late", date(2021, 10, 11), date(2021, 12, 31))
    _play(actor, tasks[1], "done_on_time", date(2021, 10, 11), date(2021, 11, 30))
    _play(actor, tasks[4], "done_on_time", date(2021, 10, 11), date(2022, 3, 31))
    _play(actor, tasks[5], "done_on_time", date(2021, 10, 11), date(2021, 12, 15))
    _play(actor, tasks[6], "done_late", date(2021, 10, 11), date(2021, 10, 31))
    return doc


def _seed_nghean_notice(actor, na):
    """Notice 1029-TB/TU of 28/8/2023 (seed 001): four assignments."""
    drafts = [
        TaskDraft("Chủ trì tham mưu tuyên truyền về kết quả, tổ chức quán triệt nội dung kết luận của Thường trực "
                  "Tỉnh ủy tại Chương trình gặp mặt, đối thoại, tạo sự thống nhất, chuyển biến tích cực trong nhận "
                  "thức và hành động của cán bộ chủ chốt cấp cơ sở", na["btg"], [], recurrence="ongoing"),
        TaskDraft("Chủ trì tham mưu trả lời các đề xuất, kiến nghị gửi đến Ban tổ chức Chương trình gặp mặt, đối "
                  "thoại liên quan công tác tổ chức cán bộ và cải cách hành chính đảng; nghiên cứu, tham mưu ban hành "
                  "quy định thí điểm điều động cán bộ cấp sở, ngành về tăng cường ở xã, phường, thị trấn",
                  na["btc"], [], recurrence="ongoing", is_key=True),
        TaskDraft("Chỉ đạo UBND tỉnh, các sở, ngành liên quan trả lời các đề xuất, kiến nghị thuộc thẩm quyền; "
                  "nghiên cứu, tham mưu bổ sung, điều chỉnh những vướng mắc, bất cập về chính sách phát triển kinh "
                  "tế - xã hội, quốc phòng an ninh, đối ngoại ở cơ sở", na["bcsd"], [na["ubnd"]], recurrence="ongoing"),
        TaskDraft("Chủ trì gửi nội dung trả lời các đề xuất, kiến nghị đến các tổ chức, cá nhân liên quan; theo dõi, "
                  "đôn đốc, kiểm tra việc thực hiện kết luận; báo cáo Thường trực Tỉnh ủy kết quả trong báo cáo "
                  "chuyên đề và định kỳ hằng năm", na["bdv"], [na["btc"], na["bcsd"]], recurrence="yearly"),
    ]
    with clock(date(2023, 8, 28)):
        doc = register_document(
            actor, issuer=na["tu"], symbol="Số 1029-TB/TU", issued_on=date(2023, 8, 28),
            subject="Thông báo kết luận của Thường trực Tỉnh ủy tại Chương trình gặp mặt, đối thoại với người đứng "
                    "đầu cấp ủy, chính quyền các xã, phường, thị trấn trên địa bàn tỉnh năm 2023",
            body=_seed_text("001"), tasks=drafts)
    with clock(date(2025, 2, 28)):
        series = doc.tasks.get(recurrence="yearly")
        services.ensure_occurrences(series, date(2025, 2, 28), actor=actor)
        for occurrence in series.occurrences.order_by("period_key"):
            if occurrence.period_key in {"2023", "2024"}:
                _play(actor, occurrence, "done_on_time", occurrence.issued_on, occurrence.deadline)
    return doc


def _seed_text(number: str) -> str:
    from pathlib import Path

    for base in (Path.cwd(), *Path(__file__).resolve().parents):
        found = list((base / "shared" / "seeds").glob(f"{number}_*.txt")) + list(
            (base.parent / "shared" / "seeds").glob(f"{number}_*.txt"))
        if found:
            return found[0].read_text(encoding="utf-8")
    return ""


def _play(actor, task: Task, scenario: str, start: date, deadline: date | None, rng=None):
    """Walk one task through the services to the state the scenario names, on past dates."""
    rng = rng or random.Random(task.pk)
    today = calendar.today()
    span = max(1, ((deadline or today) - start).days)

    def at(fraction: float) -> date:
        return min(today, start + timedelta(days=max(1, int(span * fraction))))

    def report(day, percent, text="Đã triển khai, đang hoàn thiện các nội dung theo kế hoạch."):
        with clock(day):
            services.report_progress(actor, task, percent=percent, text=text)

    def complete(day):
        with clock(day):
            services.request_completion(actor, task, note="Đã hoàn thành các nội dung được giao; gửi kèm báo cáo kết quả.")

    if scenario == "not_started":
        return
    if scenario in {"on_time", "overdue", "key_overdue", "returned", "extension", "paused", "cancelled"}:
        report(at(0.3), rng.choice([10, 20, 30, 40]))
        if rng.random() < 0.6:
            report(at(0.6), rng.choice([50, 60, 70, 80]))
    if scenario == "returned":
        complete(at(0.7))
        with clock(at(0.75)):
            services.return_completion(actor, task, reason="Báo cáo chưa kèm số liệu của các địa phương; đề nghị bổ sung.")
    elif scenario == "extension":
        with clock(at(0.8)):
            services.request_extension(actor, task, new_deadline=(deadline or today) + timedelta(days=30),
                                       reason="Cần thêm thời gian lấy ý kiến các sở, ngành liên quan.")
    elif scenario == "paused":
        with clock(at(0.7)):
            services.pause(actor, task, reason="Chờ hướng dẫn của Trung ương.")
    elif scenario == "cancelled":
        with clock(at(0.7)):
            services.cancel(actor, task, reason="Nội dung đã được lồng ghép vào nhiệm vụ khác.")
    elif scenario == "awaiting":
        report(at(0.5), 60)
        complete(at(0.9))
    elif scenario in {"done_on_time", "done_late"}:
        report(at(0.4), rng.choice([40, 50, 60]))
        done_day = deadline - timedelta(days=rng.randint(0, 5)) if scenario == "done_on_time" else \
            deadline + timedelta(days=rng.randint(6, 40))
        done_day = min(max(done_day, at(0.5)), today)
        complete(done_day)
        with clock(min(today, done_day + timedelta(days=2))):
            services.accept_completion(actor, task)


def _generated(actor, ht, rng: random.Random, count: int):
    """Documents of the last two years and their tasks, in every state."""
    today = calendar.today()
    assigners = [ht["tu"], ht["ubnd"]]
    leads = [u for k, u in ht.items() if k.startswith(("so-", "cong-an", "bo-chqs", "thanh-tra", "ub-", "du-"))
             or k in {"btc", "btgdv", "vptu", "mttq", "hoi-lhpn", "tinh-doan"}]
    leads = [u for u in leads if u.is_active]
    # The units with demo accounts get more work, so that signing in as them shows a full inbox.
    leads += [ht[k] for k in ("btc", "so-noi-vu", "so-tai-chinh", "ub-18073") for _ in range(8)]
    scenario_names = [s for s, _ in SCENARIOS]
    weights = [w for _, w in SCENARIOS]
    made = 0
    number = 100
    while made < count:
        assigner = rng.choice(assigners)
        issued_on = today - timedelta(days=rng.randint(20, 420))
        number += rng.randint(3, 40)
        party = assigner.kind == Unit.Kind.PARTY_COMMITTEE
        kind = rng.choice(["KL", "TB", "CT", "KH"]) if party else rng.choice(["KH", "CV"])
        symbol = f"{number}-{kind}/TU" if party else (f"{number}/KH-UBND" if kind == "KH" else f"{number}/UBND-TH")
        topic = rng.choice(TOPICS)
        n_tasks = rng.randint(8, 30)
        planned = []
        for _ in range(n_tasks):
            scenario = rng.choices(scenario_names, weights)[0]
            if scenario in {"not_started", "on_time", "extension"}:
                deadline = today + timedelta(days=rng.randint(1, 150))
            elif scenario in {"overdue", "key_overdue", "returned"}:
                deadline = today - timedelta(days=rng.randint(3, 120))
            else:
                deadline = issued_on + timedelta(days=rng.randint(30, 200))
            deadline = max(deadline, issued_on + timedelta(days=7))
            if scenario in {"done_on_time", "done_late", "awaiting"} and deadline >= today - timedelta(days=3):
                deadline = today - timedelta(days=rng.randint(5, 15))
                if deadline <= issued_on:
                    scenario = "on_time"
                    deadline = today + timedelta(days=rng.randint(5, 60))
            lead = rng.choice(leads)
            others = list(dict.fromkeys(u for u in rng.sample(leads, 4) if u != lead))[: rng.choice([0, 0, 1, 2])]
            content = f"{rng.choice(ACTIONS)} {topic}" + (f" trên địa bàn {lead.area.name[0].lower()}{lead.area.name[1:]}" if lead.area and lead.area.level == "commune" else "")
            planned.append((scenario, TaskDraft(content, lead, others, deadline=deadline,
                                                is_key=scenario == "key_overdue" or rng.random() < 0.08)))
        with clock(issued_on):
            doc = register_document(
                actor, issuer=assigner, symbol=symbol, issued_on=issued_on, signer="",
                subject=f"Về việc {topic} (văn bản minh họa)", tasks=[d for _, d in planned])
        for task, (scenario, draft) in zip(doc.tasks.order_by("id"), planned):
            _play(actor, task, scenario, issued_on, draft.deadline, rng)
        made += n_tasks


@transaction.atomic
def load_demo(generated: int = 300, seed: int = 20211011) -> bool:
    """Load the demo once; returns False when it is already there."""
    if Unit.objects.filter(code="ht-tu").exists():
        return False
    load_current()
    load_legacy(42)
    load_legacy(40)
    ht = province_tree("ht", "42", "Hà Tĩnh")
    na = province_tree("na", "40", "Nghệ An")
    districts = legacy_district_units("ht", ht["tu"], ht["ubnd"], [
        ("canloc:Can Lộc", "Huyện ủy Can Lộc", "UBND huyện Can Lộc"),
        ("locha:Lộc Hà", "Huyện ủy Lộc Hà", "UBND huyện Lộc Hà"),
        ("thachha:Thạch Hà", "Huyện ủy Thạch Hà", "UBND huyện Thạch Hà"),
        ("kyanh:Thị xã Kỳ Anh", "Thị ủy Kỳ Anh", "UBND thị xã Kỳ Anh"),
    ])
    units = _units({**ht, **districts}, na)
    _accounts(units)
    actor = _system_user()
    _seed_people(ht, districts)
    session_conclusion = _seed_hatinh_session(actor, ht)
    _seed_nghean_notice(actor, na)
    for key in ("btg", "bdv"):
        retire(ht[key], PARTY_MERGER - timedelta(days=1), ht["btgdv"])
        retire(na[key], PARTY_MERGER - timedelta(days=1), na["btgdv"])
    retire(na["bcsd"], date(2025, 2, 28), None)
    _generated(actor, ht, random.Random(seed), generated)
    seed_meetings(actor, ht, districts, session_conclusion, clock, random.Random(seed))
    seed_figures(actor, ht, random.Random(seed))
    seed_ntm(ht, random.Random(seed))
    seed_plans(ht, clock, random.Random(seed))
    seed_programmes(actor, ht, clock, _play, random.Random(seed))
    return True
