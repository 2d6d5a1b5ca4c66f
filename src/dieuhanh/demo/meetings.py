"""Demo meetings and petitions: the Hà Tĩnh working session of 11/10/2021 (seed 000) with the district
leaders' opinions and requests, a citizens' dialogue whose answers the office reviews and publishes, and a spread of
petitions in every status for the lists and statistics."""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from dieuhanh.core import calendar
from dieuhanh.meetings import services as meetings
from dieuhanh.meetings.models import Meeting
from dieuhanh.org.models import Area
from dieuhanh.petitions import services as petitions
from dieuhanh.petitions.models import Field, Petition, RoutingRule

FIELDS = [  # (name, answer days, complex days)
    ("Tổ chức cán bộ", 15, 30), ("Đất đai, giải phóng mặt bằng", 10, 30), ("Đầu tư, xây dựng", 10, 30),
    ("Chính sách xã hội", 10, 20), ("Hạ tầng, giao thông", 10, 30), ("Nông nghiệp, nông thôn mới", 10, 20),
    ("Y tế, giáo dục", 10, 20), ("Môi trường", 10, 30),
]
ROUTES = {  # field → unit key of the demo province
    "Tổ chức cán bộ": "btc", "Đất đai, giải phóng mặt bằng": "so-nn-mt", "Đầu tư, xây dựng": "so-xay-dung",
    "Chính sách xã hội": "so-noi-vu", "Hạ tầng, giao thông": "so-xay-dung", "Nông nghiệp, nông thôn mới": "so-nn-mt",
    "Y tế, giáo dục": "so-y-te", "Môi trường": "so-nn-mt",
}
CITIZEN_ASKS = [
    ("Đất đai, giải phóng mặt bằng", "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã bàn giao mặt bằng "
     "dự án đường ven biển.", "Sở Nông nghiệp và Môi trường đã chỉ đạo Văn phòng Đăng ký đất đai hoàn thành hồ sơ; "
     "giấy chứng nhận được trao cho các hộ trong tháng này."),
    ("Hạ tầng, giao thông", "Đoạn đường liên thôn bị sạt lở sau mưa lũ, đề nghị sửa chữa trước mùa mưa năm sau.",
     "Sở Xây dựng đã bố trí vốn duy tu; nhà thầu thi công sửa chữa đoạn sạt lở, hoàn thành trước 30/6."),
    ("Chính sách xã hội", "Kiến nghị xem xét hỗ trợ nhà ở cho hộ nghèo có nhà tạm, dột nát.",
     "Hộ gia đình thuộc đối tượng của chương trình hỗ trợ nhà ở; UBND xã đã lập hồ sơ, mức hỗ trợ 60 triệu đồng."),
    ("Y tế, giáo dục", "Đề nghị bố trí thêm giáo viên tiếng Anh cho trường tiểu học của xã.",
     "Sở Giáo dục và Đào tạo đã điều động 01 giáo viên từ năm học mới."),
    ("Môi trường", "Phản ánh tình trạng xả nước thải từ cơ sở chế biến thủy sản ra kênh tiêu.",
     "Đoàn kiểm tra liên ngành đã lập biên bản, xử phạt cơ sở vi phạm và yêu cầu khắc phục trong 30 ngày."),
    ("Nông nghiệp, nông thôn mới", "Mong muốn được hỗ trợ giống lúa chất lượng cao cho vụ Đông Xuân.",
     "Tỉnh hỗ trợ 50% giá giống theo Nghị quyết của HĐND tỉnh; xã tổng hợp nhu cầu gửi về trước 15/11."),
]


# What citizens raise through the year and how units answer, by field: a spread reads like a real list.
SPREAD = {
    "Tổ chức cán bộ": (["Đề nghị làm rõ việc bố trí công chức sau khi sáp nhập xã", "Phản ánh chậm giải quyết chế độ "
                        "nghỉ hưu cho cán bộ thôn"],
                       ["Đã rà soát, bố trí công chức theo vị trí việc làm được phê duyệt", "Hồ sơ chế độ đã được "
                        "thẩm định, chi trả trong tháng"]),
    "Đất đai, giải phóng mặt bằng": (["Đề nghị đo đạc lại ranh giới thửa đất giáp kênh", "Kiến nghị về mức bồi thường "
                                      "đất vườn khi làm đường", "Đề nghị cấp đổi giấy chứng nhận quyền sử dụng đất"],
                                     ["Văn phòng Đăng ký đất đai đã đo đạc, bàn giao mốc giới cho hộ gia đình",
                                      "Mức bồi thường đúng bảng giá đất; hộ được hỗ trợ thêm chuyển đổi nghề",
                                      "Hồ sơ đủ điều kiện, giấy chứng nhận được trả trong 15 ngày"]),
    "Đầu tư, xây dựng": (["Nhà văn hóa thôn xuống cấp, đề nghị hỗ trợ sửa chữa", "Phản ánh công trình kè chậm tiến độ"],
                         ["Đã đưa vào danh mục duy tu năm sau, mức hỗ trợ 200 triệu đồng", "Chủ đầu tư đã đôn đốc nhà "
                          "thầu tăng ca, cam kết hoàn thành trong quý"]),
    "Chính sách xã hội": (["Đề nghị xem xét trợ cấp cho người cao tuổi neo đơn", "Phản ánh việc bình xét hộ cận nghèo "
                           "chưa công khai"],
                          ["Người cao tuổi đủ điều kiện, đã được hưởng trợ cấp từ tháng này", "UBND xã đã niêm yết "
                           "lại danh sách và tổ chức bình xét công khai tại thôn"]),
    "Hạ tầng, giao thông": (["Đèn chiếu sáng đường trục xã hỏng nhiều tháng", "Đề nghị lắp biển báo tại ngã ba gần "
                             "trường học", "Mương thoát nước bị tắc gây ngập khi mưa"],
                            ["Đơn vị quản lý đã thay bóng, khôi phục chiếu sáng toàn tuyến", "Đã lắp biển báo và gờ "
                             "giảm tốc trước năm học", "Đã nạo vét mương, khơi thông dòng chảy"]),
    "Nông nghiệp, nông thôn mới": (["Đề nghị hỗ trợ tiêm phòng cho đàn gia súc", "Kiến nghị về giá thu mua lúa "
                                    "liên kết"],
                                   ["Trạm chăn nuôi đã tổ chức tiêm phòng đợt bổ sung tại thôn", "Doanh nghiệp liên "
                                    "kết đã điều chỉnh giá theo hợp đồng, chi trả đủ cho các hộ"]),
    "Y tế, giáo dục": (["Đề nghị bổ sung bác sĩ cho trạm y tế xã", "Phản ánh các khoản thu đầu năm học"],
                       ["Trung tâm Y tế khu vực đã luân phiên bác sĩ về trạm 3 ngày mỗi tuần", "Nhà trường đã dừng "
                        "các khoản thu chưa đúng quy định, hoàn trả cho phụ huynh"]),
    "Môi trường": (["Phản ánh rác thải tồn đọng tại điểm tập kết", "Mùi hôi từ trại chăn nuôi gần khu dân cư"],
                   ["Đơn vị vệ sinh môi trường đã tăng tần suất thu gom lên hằng ngày", "Đoàn kiểm tra đã yêu cầu "
                    "trại chăn nuôi xử lý chất thải, kiểm tra lại sau 30 ngày"]),
}


def _at(day: date, hour: int = 8) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=calendar.VN_TZ)


def _fields_and_routes(ht) -> dict[str, Field]:
    fields = {}
    for name, days, complex_days in FIELDS:
        fields[name], _ = Field.objects.get_or_create(name=name, defaults={"answer_days": days,
                                                                          "complex_days": complex_days})
        RoutingRule.objects.get_or_create(field=fields[name], area=None, unit=ht[ROUTES[name]])
    return fields


def _citizen_contact_group(usernames):
    group, _ = Group.objects.get_or_create(name="Cán bộ tiếp công dân")
    group.permissions.add(Permission.objects.get(codename="view_citizen_contact"))
    for user in get_user_model().objects.filter(username__in=usernames):
        user.groups.add(group)


def seed_meetings(actor, ht, districts, conclusion, clock, rng: random.Random):
    fields = _fields_and_routes(ht)
    _citizen_contact_group(["vanphong", "ubndtinh", "quantri"])
    day = date(2021, 10, 11)
    with clock(day):
        session = meetings.create_meeting(
            actor, kind=Meeting.Kind.WORKING_SESSION, starts_at=_at(day), host_unit=ht["tu"],
            title="Thường trực Tỉnh ủy làm việc với Bí thư, Chủ tịch UBND các huyện, thành, thị",
            place="Hội trường Tỉnh ủy Hà Tĩnh", chairs="Bí thư Tỉnh ủy Hoàng Trung Dũng",
            attending_units=[ht["ubnd"], ht["vptu"], *districts.values()],
            agenda="Kết quả thực hiện nhiệm vụ chính trị 9 tháng năm 2021; khó khăn, vướng mắc, đề xuất, kiến nghị.")
        opinions = [
            ("Đặng Trần Phong", "Chủ tịch UBND huyện Can Lộc", districts["ubh-canloc"],
             "Cần tiếp tục thực hiện quyết liệt hơn các giải pháp phòng, chống dịch; thắt chặt việc quản lý người về."),
            ("Đặng Văn Thành", "Bí thư Thị ủy Kỳ Anh", districts["hu-kyanh"],
             "Đề nghị UBND tỉnh trình HĐND tỉnh xem xét thông qua nghị quyết về cơ chế, chính sách đặc thù cho thị xã."),
            ("Nguyễn Thế Hoàn", "Bí thư Huyện ủy Lộc Hà", districts["hu-locha"],
             "Mong muốn tỉnh quan tâm ưu tiên nguồn lực hỗ trợ các địa phương xây dựng NTM nâng cao, kiểu mẫu."),
            ("Nguyễn Thị Nguyệt", "Bí thư Huyện ủy Thạch Hà", districts["hu-thachha"],
             "Đề nghị tỉnh sớm ban hành quy định về quy trình bổ nhiệm, giới thiệu cán bộ ứng cử diện BTV quản lý."),
        ]
        for speaker, title, unit, gist in opinions:
            meetings.add_opinion(actor, session, speaker=speaker, title=title, unit=unit, gist=gist)
        meetings.link_document(actor, session, conclusion)
        asks = [
            (opinions[1], "Đầu tư, xây dựng", ht["ubnd"]), (opinions[2], "Nông nghiệp, nông thôn mới", None),
            (opinions[3], "Tổ chức cán bộ", None),
        ]
        raised = []
        for (speaker, title, unit, gist), field, responsible in asks:
            raised.append(petitions.record(actor, petitions.PetitionInput(
                content=gist, submitter=f"{title} {speaker}", submitter_unit=unit, receiving_unit=ht["tu"],
                field=fields[field], meeting=session, responsible_unit=responsible, addressed_to="Tỉnh ủy, UBND tỉnh")))
    with clock(day + timedelta(days=20)):
        petitions.answer(actor, raised[2], "Ban Tổ chức Tỉnh ủy đã tham mưu Ban Thường vụ ban hành Quy định về "
                         "bổ nhiệm, giới thiệu cán bộ ứng cử; gửi các huyện ủy, thị ủy thực hiện.",
                         document=conclusion, resolved=True)
        petitions.send_answer(actor, raised[2], "Văn bản gửi Huyện ủy Thạch Hà")
    with clock(day + timedelta(days=45)):
        petitions.answer(actor, raised[1], "UBND tỉnh bố trí 20 tỷ đồng hỗ trợ xã đạt chuẩn NTM nâng cao năm 2022.")
    _citizens_dialogue(actor, ht, fields, clock, rng)
    _spread(actor, ht, fields, clock, rng)


def _citizens_dialogue(actor, ht, fields, clock, rng):
    day = date(2025, 9, 18)
    wards = list(Area.objects.filter(legacy=False, parent=ht["tu"].area).order_by("code")[:12])
    with clock(day):
        dialogue = meetings.create_meeting(
            actor, kind=Meeting.Kind.DIALOGUE_CITIZENS, starts_at=_at(day, 14), host_unit=ht["ubnd"],
            title="Chủ tịch UBND tỉnh đối thoại với Nhân dân về đất đai, hạ tầng và chính sách xã hội",
            place="Nhà văn hóa phường Thành Sen", chairs="Chủ tịch UBND tỉnh Võ Trọng Hải")
        raised = []
        for i, (field, ask, reply) in enumerate(CITIZEN_ASKS):
            meetings.add_opinion(actor, dialogue, speaker=f"Công dân {i + 1}", gist=ask)
            raised.append((petitions.record(actor, petitions.PetitionInput(
                content=ask, submitter=f"Công dân tổ dân phố {i + 1}", receiving_unit=ht["ubnd"],
                submitter_kind=Petition.SubmitterKind.CITIZEN, citizen_phone=f"09{rng.randrange(10**7, 10**8)}",
                field=fields[field], area=wards[i % len(wards)] if wards else None, meeting=dialogue)), reply))
    for i, (petition, reply) in enumerate(raised):
        with clock(calendar.add_working_days(day, 4 + 3 * i)):
            petitions.answer(actor, petition, reply)
        # The office reviews each answer before the public page shows it; one is kept back, with its reason.
        with clock(calendar.add_working_days(day, 5 + 3 * i)):
            if i < len(raised) - 1:
                petitions.set_public(actor, petition, True)
            else:
                petitions.set_public(actor, petition, False, "Trả lời có nội dung về hồ sơ cá nhân của hộ gia đình.")


def _spread(actor, ht, fields, clock, rng):
    """Petitions received over the last months, in every status, some overdue."""
    wards = list(Area.objects.filter(legacy=False, parent=ht["tu"].area).order_by("code")[:20])
    today = calendar.today()
    names = list(fields)
    for i in range(40):
        received = today - timedelta(days=rng.randrange(3, 120))
        field = fields[rng.choice(names)]
        asks, replies = SPREAD[field.name]
        pick = rng.randrange(len(asks))
        place = f" tại {wards[i % len(wards)].name}" if wards else ""
        with clock(received):
            p = petitions.record(actor, petitions.PetitionInput(
                content=f"{asks[pick]}{place}.", submitter=f"Công dân {i + 1}", receiving_unit=ht["ubnd"],
                submitter_kind=Petition.SubmitterKind.CITIZEN, citizen_phone=f"09{rng.randrange(10**7, 10**8)}",
                source=rng.choice([Petition.Source.RECEPTION, Petition.Source.LETTER]), field=field,
                area=wards[i % len(wards)] if wards else None,
                urgency=rng.choice([Petition.Urgency.NORMAL] * 4 + [Petition.Urgency.URGENT, Petition.Urgency.COMPLEX])))
        fate = rng.random()
        if fate < 0.45 and p.due_on:
            answered = received + timedelta(days=rng.randrange(2, 25))
            if answered <= today:
                with clock(answered):
                    petitions.answer(actor, p, f"{replies[pick]}.")
                    if p.publish_proposed and rng.random() < 0.7:
                        petitions.set_public(actor, p, True)
        elif fate < 0.6:
            with clock(received + timedelta(days=1)):
                petitions.start(actor, p)
