"""Vietnamese text helpers shared by every app (no Django import).

- `clean`: what every input goes through: NFC, one tone placement, trimmed.
- `fold`: the search key: no diacritics, đ → d, lower case, single spaces.
"""

import re
import unicodedata

_LETTER = r"a-zA-Zà-ỹÀ-Ỹđ\u0300-\u036f"
# Old-style tone placement ("hoà", "thuỷ") → the placement used by official names ("hòa", "thủy").
# Only at the end of a syllable: with a final consonant both styles agree ("hoàng").
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_OLD_STYLE = re.compile(rf"(?<![qQ{_LETTER}])([^\W\d_]*?)([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![{_LETTER}])")


def _move_tone(match: re.Match) -> str:
    head, glide, vowel, tone = match.groups()
    pair = (glide.lower(), vowel.lower())
    if pair not in {("o", "a"), ("o", "e"), ("u", "y")}:
        return match.group(0)
    if head.lower().endswith("q") or (head.lower() == "g" and glide.lower() == "u"):
        return match.group(0)
    return f"{head}{glide}{tone}{vowel}"


def unify_tone_placement(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    # In NFD a toned vowel is base + (vowel mark) + tone; keep vowel marks (â, ơ …) out of the rule.
    moved = _OLD_STYLE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", moved)


def clean(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\u00a0", " ")
    return unify_tone_placement(text).strip()


# Combining marks of Latin text (U+0300–U+036F): dropped by one translate call instead of a loop per character.
_DROP_MARKS = dict.fromkeys(range(0x300, 0x370))
# Control characters (a NUL, which PostgreSQL refuses in a string) separate words like spaces.
_DROP_MARKS.update(dict.fromkeys([*range(0x20), 0x7F], " "))


def fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = decomposed.translate(_DROP_MARKS)
    if not stripped.isascii():  # marks outside that block (rare): the general rule
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def person_name(user, missing: str = "") -> str:
    """A user's full name, else their username; `missing` for nobody (a deleted account, the system)."""
    if user is None:
        return missing
    return user.get_full_name() or user.get_username()
