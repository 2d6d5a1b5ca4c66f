"""The national commune criteria sets (STANDARDS §3), loaded by a data migration. Only the criteria
named in the decisions are seeded; their numbered indicators and the regional or group targets
are entered in /quan-tri/ from the decision's annex, and a province adopts its own copy with
`services.adopt_for_province` before amending it."""

from datetime import date

REGIONS_2021 = ["Trung du và miền núi phía Bắc", "Đồng bằng sông Hồng", "Bắc Trung Bộ", "Duyên hải Nam Trung Bộ",
                "Tây Nguyên", "Đông Nam Bộ", "Đồng bằng sông Cửu Long"]
GROUPS_2026 = ["Nhóm 1", "Nhóm 2", "Nhóm 3"]

CRITERIA_2021 = [
    ("I. Quy hoạch", ["Quy hoạch"]),
    ("II. Hạ tầng kinh tế - xã hội", ["Giao thông", "Thủy lợi và phòng, chống thiên tai", "Điện", "Trường học",
                                      "Cơ sở vật chất văn hóa", "Cơ sở hạ tầng thương mại nông thôn",
                                      "Thông tin và Truyền thông", "Nhà ở dân cư"]),
    ("III. Kinh tế và tổ chức sản xuất", ["Thu nhập", "Nghèo đa chiều", "Lao động",
                                          "Tổ chức sản xuất và phát triển kinh tế nông thôn"]),
    ("IV. Văn hóa - Xã hội - Môi trường", ["Giáo dục và Đào tạo", "Y tế", "Văn hóa",
                                           "Môi trường và an toàn thực phẩm"]),
    ("V. Hệ thống chính trị", ["Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh"]),
]
MODEL_2021 = [
    "Thu nhập bình quân đầu người cao hơn ít nhất 10% so với mức quy định của xã nông thôn mới nâng cao",
    "Có ít nhất một thôn thông minh",
    "Có ít nhất một lĩnh vực nổi trội (sản xuất, giáo dục, văn hóa, du lịch, cảnh quan, an ninh, chuyển đổi số…) "
    "theo tiêu chí của tỉnh",
]
CRITERIA_2026 = ["Quy hoạch", "Hạ tầng kinh tế - xã hội", "Phát triển kinh tế nông thôn",
                 "Đào tạo nguồn nhân lực nông thôn", "Văn hóa, giáo dục, y tế", "Giảm nghèo và an sinh xã hội",
                 "Khoa học, công nghệ và chuyển đổi số", "Môi trường và cảnh quan nông thôn",
                 "Xây dựng hệ thống chính trị và hành chính công", "Tiếp cận pháp luật và an ninh, quốc phòng"]

QD318 = "Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ"
SETS = [
    # code, name, programme, level, decision, valid from, valid to, groups, threshold, criteria [(group, name)]
    ("xa-2021-dat-chuan", "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025", "2021–2025", 1, QD318,
     date(2022, 3, 8), date(2026, 2, 14), REGIONS_2021, 10, [(g, n) for g, names in CRITERIA_2021 for n in names]),
    ("xa-2021-nang-cao", "Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao giai đoạn 2021–2025", "2021–2025", 2,
     QD318, date(2022, 3, 8), date(2026, 2, 14), REGIONS_2021, 10,
     [(g, n) for g, names in CRITERIA_2021 for n in names]),
    ("xa-2021-kieu-mau", "Tiêu chí xã nông thôn mới kiểu mẫu giai đoạn 2021–2025", "2021–2025", 3,
     "Quyết định số 319/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ", date(2022, 3, 8), date(2026, 2, 14), [], 3,
     [("", n) for n in MODEL_2021]),
    ("xa-2026-dat-chuan", "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026–2030", "2026–2030", 1,
     "Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ", date(2026, 2, 15), None, GROUPS_2026, 5,
     [("", n) for n in CRITERIA_2026]),
]


def load_national(CriteriaSet, Criterion) -> int:
    """Create the national sets that are missing (model classes passed in, so a migration can call it)."""
    made = 0
    for code, name, programme, level, decision, start, end, groups, threshold, criteria in SETS:
        if CriteriaSet.objects.filter(code=code).exists():
            continue
        s = CriteriaSet.objects.create(code=code, name=name, programme=programme, level=level, decision=decision,
                                       valid_from=start, valid_to=end, target_groups=groups, low_threshold=threshold)
        Criterion.objects.bulk_create([Criterion(criteria_set=s, number=str(i), name=n, group=g, position=i)
                                       for i, (g, n) in enumerate(criteria, start=1)])
        made += 1
    return made
