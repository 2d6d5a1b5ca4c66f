"""Province names, current (34, since 1/7/2025) and pre-reform (63), from the `vietnam-provinces` package:
to tell "UBND tỉnh Nghệ An" (a province) from "Phó Chủ tịch UBND tỉnh Hồ Quang Bửu" (a person's name)."""

import re
from functools import cache

from vietnam_provinces import Province
from vietnam_provinces.legacy import Province as LegacyProvince

from dieuhanh.core.text import fold

PREFIX = re.compile(r"^(?:Tỉnh|Thành phố)\s+")
# Names the package no longer lists: Thừa Thiên Huế became Thành phố Huế on 1/1/2025, and documents
# before that date use the old name.
FORMER_NAMES = ("Thừa Thiên Huế", "Bà Rịa Vũng Tàu")


@cache
def province_names() -> frozenset[str]:
    """Folded short names: "ha noi", "nghe an", "thua thien hue" …"""
    names = {PREFIX.sub("", p.name) for p in Province.iter_all()}
    names |= {PREFIX.sub("", p.name) for p in LegacyProvince.iter_all()}
    names |= set(FORMER_NAMES)
    return frozenset(fold(n) for n in names)


def is_province(name: str) -> bool:
    return fold(name) in province_names()


# "tỉnh Nghệ An", "Thành phố Hà Nội": a province the text names, as written.
NAMED_PROVINCE = re.compile(r"\b(tỉnh|[Tt]hành phố)\s+((?:[A-ZĐÀ-Ỹ]\w*)(?:\s+[A-ZĐÀ-Ỹ]\w*){0,2})")


def provinces_named(text: str) -> list[tuple[str, str]]:
    """Each ("tỉnh"/"Thành phố", name) the text names, the longest province name a capitalised run starts with."""
    out = []
    for m in NAMED_PROVINCE.finditer(text):
        words = m.group(2).split()
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            if is_province(name):
                out.append((m.group(1), name))
                break
    return out
