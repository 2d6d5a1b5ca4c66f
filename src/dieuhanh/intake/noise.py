"""Site noise: the page chrome of news sites and document websites, in one list. It is removed only
outside the article body; nothing here is a rule about administrative language."""

import re

# Blocks that follow an article on a news page: teasers, related articles, comments, widgets.
END_OF_ARTICLE = re.compile(
    r"^\s*(?:#+\s*)?(?:Đọc thêm|Tin liên quan|Bài liên quan|Tin cùng chuyên mục|Tin khác|Các tin khác|Tin mới|"
    r"Ý kiến bạn đọc|Bình luận|Gửi bình luận|Viết bình luận|Chia sẻ bài viết|Xem thêm|Thời tiết|"
    r"Văn bản liên quan|Văn bản cùng lĩnh vực|Văn bản mới)\s*[:.]?\s*$",
    re.IGNORECASE)

# Whole lines of chrome: counters, file names of photos, menus in capitals, share buttons, metadata of a
# document website, a repository's front matter.
NOISE_LINES = [
    r"content:.*",
    r"Theo dõi .* trên .*",
    r"\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?",
    r".*\.(?:jpe?g|png|gif|webp)",
    r"[\w-]*view-count.*",
    r"(?:Chia sẻ|Lượt xem|Lượt đọc|In bài|Gửi bài|Trang chủ|Về đầu trang|Quay lại)\b.{0,40}",
    r"(?:Copyright|Bản quyền|©).*",
    r"(?:Đăng nhập|Đăng ký|Quên mật khẩu)\b.{0,60}",
    r"(?:title|category|subcategory|source[ _]folder|conversion[ _]date|original[ _]format)\s*:.*",
    r"-{3}",
    r"-{3}\s*PAGE BREAK\s*-{3}",  # a converter's page marker
]
NOISE_LINE = re.compile(r"^\s*(?:" + "|".join(NOISE_LINES) + r")\s*$", re.IGNORECASE)


def is_site_noise(line: str) -> bool:
    return bool(NOISE_LINE.match(line))
