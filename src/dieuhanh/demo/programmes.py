"""Demo programmes: Chỉ thị số 42 of the provincial Standing Committee (seed 004) turned the emulation movement
welcoming the Party congresses into 13 key programmes from 1/3/2020 to 31/8/2020. The seed names neither the
programmes nor their tasks: both are illustrative, each programme with tasks of its lead boards and departments
walked through the services on 2020's dates, so the ranking and the commendation have something to show; two carry
the province's indicators, and a 2026 movement has communes' New Rural Development targets."""

import random
from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from dieuhanh.documents.services import register_document
from dieuhanh.indicators.models import Indicator
from dieuhanh.ntm.models import Level
from dieuhanh.org.models import Area
from dieuhanh.programmes.models import NtmTarget, Programme
from dieuhanh.tasks.services import TaskDraft

START, END = date(2020, 3, 1), date(2020, 8, 31)
TOPICS = [
    "phòng, chống dịch Covid-19", "xây dựng nông thôn mới", "cải cách hành chính", "chuyển đổi số",
    "giải ngân vốn đầu tư công", "thu ngân sách", "giải phóng mặt bằng", "xây dựng Đảng", "công tác dân vận",
    "an sinh xã hội", "bảo vệ môi trường", "an ninh trật tự", "chuẩn bị đại hội đảng các cấp",
]


def seed_programmes(actor, ht: dict, clock, play, rng: random.Random) -> list[Programme]:
    leads = [ht[k] for k in ("btc", "vptu", "mttq", "so-noi-vu", "so-tai-chinh") if k in ht]
    with clock(START):
        directive = register_document(actor, issuer=ht["tu"], symbol="42-CT/TU", issued_on=START, signer="",
                                      subject="Về đẩy mạnh phong trào thi đua chào mừng Đại hội Đảng các cấp "
                                              "(văn bản minh họa theo tin bài)", tasks=[])
    made = []
    for n, topic in enumerate(TOPICS, start=1):
        drafts = [TaskDraft(f"Thi đua {topic}: phần việc số {i + 1} (minh họa)", rng.choice(leads), [],
                            deadline=START + timedelta(days=rng.randint(45, 180))) for i in range(3)]
        with clock(START + timedelta(days=1)):
            doc = register_document(actor, issuer=ht["tu"], symbol=f"{200 + n}-KH/TU", issued_on=START + timedelta(days=1),
                                    signer="", subject=f"Kế hoạch chương trình trọng điểm số {n}: {topic} (minh họa)",
                                    tasks=drafts)
        programme = Programme.objects.create(kind=Programme.Kind.MOVEMENT, lead=ht["tu"], document=directive,
                                             name=f"Chương trình trọng điểm số {n}: {topic}", starts_on=START,
                                             ends_on=END)
        tasks = list(doc.tasks.order_by("id"))
        programme.tasks.set(tasks)
        for task, draft in zip(tasks, drafts, strict=True):
            play(actor, task, rng.choice(["done_on_time", "done_on_time", "done_late"]), START, draft.deadline, rng)
        made.append(programme)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=["TNS", "NVH", "NHA-O"])}
    for programme, codes in ((made[5], ["TNS"]), (made[1], ["NVH", "NHA-O"])):
        programme.indicators.set([indicators[c] for c in codes if c in indicators])
    made.append(_ntm_movement(ht))
    return made


def _ntm_movement(ht: dict) -> Programme:
    """A 2026 movement whose targets are communes under the 2026–2030 set: the first dozen of the province's new
    communes (assessed by `figures.seed_ntm`), to reach the standard by the year's end."""
    programme = Programme.objects.create(
        kind=Programme.Kind.MOVEMENT, lead=ht["tu"], starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
        name="Phong trào thi đua chung sức xây dựng nông thôn mới năm 2026 (minh họa)")
    communes = Area.objects.filter(legacy=False, level=Area.Level.COMMUNE, parent=ht["tu"].area).order_by("code")[:12]
    bulk_create_with_history([NtmTarget(programme=programme, area=a, level=Level.STANDARD) for a in communes], NtmTarget)
    programme.indicators.set(Indicator.objects.filter(code__in=["NVH", "NHA-O"]))
    return programme
