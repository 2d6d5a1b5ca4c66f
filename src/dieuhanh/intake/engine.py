"""extract(text) → the JSON schema of ../shared/devset/README.md. Plain Python, no Django.

Two layers: `structure.read_structure` finds the document's parts (header, title, body blocks with their
hierarchy, tables, signature, "Nơi nhận"); the extractors read those parts. Every item carries the
character spans of its source in `Structure.text`."""

from dataclasses import asdict

from .assignments import PROPOSAL_ANSWERED, find_assignments
from .document import read_document
from .indicators import find_indicators
from .people import find_people, signer
from .petitions import SPEAKER_LINE, find_petitions
from .provenance import ITEMS, item_spans, unread
from .structure import read_structure
from .tables import has_task_table, table_assignments


def analyse(text: str) -> dict:
    """The extraction with provenance: the normalised source text and each item's spans in it."""
    structure = read_structure(text)
    lines = [block.text for block in structure.blocks]
    document = read_document(structure, lines)
    year = int(document.issued_on[:4]) if document.issued_on else None
    petitions = find_petitions(lines)
    # A speaker's request is a petition, not a task; a proposal item with its answer ("Về đề nghị …: Bộ X
    # nghiên cứu …") is both, and its answer is read as a task.
    asking = {i for i, line in enumerate(lines) if SPEAKER_LINE.match(line) and any(
        p.content and p.content[:40] in line for p in petitions)
        and not PROPOSAL_ANSWERED.match(structure.blocks[i].content)}
    assignments = find_assignments(structure, year, skip=asking, has_task_table=has_task_table(structure.tables)) \
        + table_assignments(structure.tables, year)
    people = find_people(lines)
    signed = signer(structure.signature)
    signature_span = None
    if signed and not any(p.name == signed.name for p in people):
        people.append(signed)
        at = structure.text.rfind(signed.name)
        signature_span = (at, at + len(signed.name)) if at >= 0 else None

    def located(item) -> dict:
        """An item read from one block: its fields and that block's span."""
        fields = asdict(item)
        line = fields.pop("line")
        if line >= 0:
            fields["spans"] = [(structure.blocks[line].start, structure.blocks[line].end)]
        else:
            fields["spans"] = [signature_span] if signature_span and item is signed else []
        return fields

    result = {
        "text": structure.text,
        "subject": subject(structure),
        "document": asdict(document),
        "assignments": [{k: v for k, v in asdict(a).items() if k != "sentence"} for a in assignments],
        "indicators": [located(i) for i in find_indicators(lines)],
        "people": [located(p) for p in people],
        "petitions": [located(p) for p in petitions],
    }
    result["unread"] = unread(structure.blocks, item_spans(result))
    return result


def subject(structure) -> str:
    """The trích yếu: the title after the kind ("THÔNG BÁO KẾT LUẬN của Thường trực …"), or a news
    page's headline; never the whole text."""
    if structure.title:
        return sentence_case(structure.title)[:500]
    first = next((b.text for b in structure.blocks if b.text), "")
    return first[:500] if len(first) <= 300 else ""


def sentence_case(heading: str) -> str:
    """"THÔNG BÁO KẾT LUẬN của Thường trực" → "Thông báo kết luận của Thường trực";
    "THÔNG BÁO Kết luận của Chủ tịch" → "Thông báo kết luận của Chủ tịch"."""
    words = heading.split()
    shouting = 0
    while shouting < len(words) and (words[shouting].isupper() and len(words[shouting]) > 1
                                     or words[shouting] in {"VÀ", "VỀ"}):
        shouting += 1
    if shouting < 1 or shouting == 1 and len(words) > 1 and not words[1][:1].isupper():
        return " ".join(words)
    head = " ".join(words[:shouting]).lower()
    rest = words[shouting:]
    if rest and rest[0][:1].isupper() and not rest[0].isupper():  # "THÔNG BÁO / Kết luận của …": one phrase
        rest = [rest[0][:1].lower() + rest[0][1:], *rest[1:]]
    return " ".join([head[:1].upper() + head[1:], *rest])


def extract(text: str) -> dict:
    """The devset schema: `analyse` without the source text, the spans and the review's extras."""
    result = analyse(text)
    for key in ("text", "subject", "unread"):
        result.pop(key)
    for key in ITEMS:
        for item in result[key]:
            item.pop("spans", None)
    return result
