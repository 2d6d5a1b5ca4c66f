"""Where each extracted item came from, and what the engine read past.

Every item carries character spans into `Structure.text`. A reviewer also needs the opposite view:
the blocks of the body that no item came from although they hold a mandate verb ("giao", "đề nghị",
"yêu cầu", "có nhiệm vụ", "chịu trách nhiệm", "tham mưu", "chủ động" …) are the places where a task
may have been missed, so the review screen marks them."""

import re
from dataclasses import dataclass

# "Giao Sở Tài chính …", "Đề nghị UBND tỉnh …", "Sở Y tế có nhiệm vụ …" — but not "giao thông", "giao lưu".
MANDATE = re.compile(
    r"(?<!\w)(?:giao(?!\s+(?:thông|lưu|dịch|tiếp|thoa|ban|nhận|hữu|kết))|đề nghị|yêu cầu|có nhiệm vụ|có trách nhiệm|"
    r"chịu trách nhiệm|tham mưu|chủ động|chủ trì|giúp)(?!\w)", re.IGNORECASE)

Span = tuple[int, int]


ITEMS = ("assignments", "indicators", "people", "petitions")


def item_spans(result: dict) -> list[Span]:
    """Every span of every item of an extraction (as `engine.analyse` returns it, or as stored)."""
    return [tuple(s) for key in ITEMS for item in result.get(key) or [] for s in item.get("spans") or []]


def merged(spans: list[Span]) -> list[Span]:
    """Sorted, overlapping spans joined: (0,5),(3,9),(12,14) → (0,9),(12,14)."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def unread(blocks, item_spans: list[Span]) -> list[Span]:
    """Blocks that no item was read from and that hold a mandate verb.

    Blocks and merged spans are both in text order, so one pass over each suffices."""
    covered = merged(item_spans)
    out, at = [], 0
    for block in blocks:
        while at < len(covered) and covered[at][1] <= block.start:
            at += 1
        touched = at < len(covered) and covered[at][0] < block.end
        if not touched and block.end > block.start and MANDATE.search(block.text):
            out.append((block.start, block.end))
    return out


@dataclass
class Segment:
    """A stretch of the source between two span boundaries, as the review screen shows it."""

    start: int
    end: int
    text: str
    unread: bool = False


def segments(text: str, item_spans: list[Span], unread_spans: list[Span]) -> list[Segment]:
    """The source cut at every span boundary, so a row's spans can be lit up piece by piece."""
    cuts = {0, len(text)}
    for start, end in [*item_spans, *unread_spans]:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    ordered = sorted(cuts)
    skipped = merged(unread_spans)
    out, at = [], 0
    for start, end in zip(ordered, ordered[1:]):
        while at < len(skipped) and skipped[at][1] <= start:
            at += 1
        is_unread = at < len(skipped) and skipped[at][0] <= start < skipped[at][1]
        out.append(Segment(start, end, text[start:end], is_unread))
    return out
