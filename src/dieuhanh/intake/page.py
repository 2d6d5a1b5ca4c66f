"""From a saved web page or document text to the body worth reading: NFC, one tone placement,
site noise cut (menus, repeated headlines, "Đọc thêm" teasers, comment boxes, file names of
photos), photo captions kept because they carry speakers."""

import re

from dieuhanh.text import clean

END_MARKERS = re.compile(
    r"^\s*(?:Đọc thêm|Tin liên quan|Bài liên quan|Tin cùng chuyên mục|Tin khác|Ý kiến bạn đọc|Bình luận|"
    r"Gửi bình luận|Chủ đề\s|Bản đồ hành chính|Tiến độ giải quyết hồ sơ|Thời tiết)", re.IGNORECASE)
NOISE_LINE = re.compile(
    r"^\s*(?:content:|Theo dõi .* trên Google News|\d+:\d+(?:/\d+:\d+)?|.*\.(?:jpe?g|png|gif|JPE?G|PNG)|"
    r"cms-view-count.*|TIN TỨC - SỰ KIỆN|\|+|-{3,})\s*$")
PHOTO_CREDIT = re.compile(r"\s*Ảnh\s*:\s*[^.\n]*\.?\s*$")


def body_lines(raw: str) -> list[str]:
    text = clean(raw).replace("_", " ")
    lines, seen_headline = [], None
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        if END_MARKERS.match(line):
            break
        if NOISE_LINE.match(line):
            continue
        if seen_headline is None:
            seen_headline = line
        elif line == seen_headline:  # the headline repeated between paragraphs
            continue
        line = PHOTO_CREDIT.sub("", line)
        if line:
            lines.append(line)
    return lines
