"""Unit names as texts write them, matched to the units of one tree.

Texts write "UBND tỉnh", "Ban Thường vụ Tỉnh ủy", "Ủy ban MTTQ tỉnh", "Ban To chuc Tinh uy"; the
database holds "UBND tỉnh Hà Tĩnh", "Tỉnh ủy Hà Tĩnh", "Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh". A name
matches a unit when its words, abbreviations spelt out and diacritics ignored, appear in order in
the unit's name or short name; the unit with the fewest extra words wins. A standing organ of a
committee (Ban Thường vụ, Thường trực, Ban Chấp hành) is the committee itself unless the tree has a
unit of that name. Plain Python over (id, name, short name, active) rows, so it is tested alone.
"""

import re
from dataclasses import dataclass, field

from dieuhanh.core.text import fold

ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "mttq": "mat tran to quoc",
    "btv": "ban thuong vu", "bcd": "ban chi dao", "bcs": "ban can su", "bcsd": "ban can su dang",
    "ubkt": "uy ban kiem tra", "tp": "thanh pho", "tx": "thi xa", "du": "dang uy", "vp": "van phong",
    "bch": "ban chap hanh", "ldld": "lien doan lao dong", "lhpn": "lien hiep phu nu", "ccb": "cuu chien binh",
}
ORGANS = ("ban thuong vu ", "thuong truc ", "ban chap hanh ", "tap the lanh dao ")
FILLER = {"cac", "va", "dong", "chi"}


def unit_words(name: str) -> list[str]:
    words = re.sub(r"[^\w\s]", " ", fold(name)).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words).split()


def _in_order(wanted: list[str], words: list[str]) -> bool:
    position = 0
    for word in wanted:
        try:
            position = words.index(word, position) + 1
        except ValueError:
            return False
    return True


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    short_name: str = ""
    active: bool = True


@dataclass
class Match:
    text: str
    unit: Candidate | None = None
    others: list[Candidate] = field(default_factory=list)  # equally good: the officer chooses

    @property
    def only(self) -> Candidate | None:
        """The unit, when no other fits as well."""
        return None if self.others else self.unit


class UnitMatcher:
    def __init__(self, candidates: list[Candidate]):
        self.candidates = [(c, unit_words(c.name), unit_words(c.short_name)) for c in candidates]

    def _ranked(self, wanted: list[str]) -> list[tuple[tuple, Candidate]]:
        ranked = []
        for candidate, name_words, short_words in self.candidates:
            extras = [len(words) - len(wanted) for words in (name_words, short_words)
                      if words and _in_order(wanted, words)]
            if extras:
                ranked.append(((min(extras), not candidate.active, len(candidate.name)), candidate))
        ranked.sort(key=lambda pair: pair[0])
        return ranked

    def match(self, text: str) -> Match:
        wanted = [w for w in unit_words(text) if w not in FILLER]
        if not wanted:
            return Match(text)
        ranked = self._ranked(wanted)
        joined = " ".join(wanted) + " "
        organ = next((o for o in ORGANS if joined.startswith(o)), None)
        if organ and (not ranked or ranked[0][0][0] > 0):
            ranked = self._ranked(joined[len(organ):].split()) or ranked
        if not ranked:
            return Match(text)
        best = ranked[0][0][:2]
        tied = [c for key, c in ranked if key[:2] == best]
        return Match(text, tied[0], tied[1:])
