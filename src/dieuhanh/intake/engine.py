"""extract(text) → the JSON schema of ../shared/devset/README.md. Plain Python, no Django.

Two layers: `structure.read_structure` finds the document's parts (header, title, body blocks with their
hierarchy, tables, signature, "Nơi nhận"); the extractors read those parts. Every item carries the
character spans of its source in `Structure.text`."""

from dataclasses import asdict

from .assignments import find_assignments
from .document import read_document
from .indicators import find_indicators
from .people import find_people, signer
from .petitions import SPEAKER_LINE, find_petitions
from .structure import read_structure
from .tables import has_task_table, table_assignments

MAX_CHARACTERS = 2_000_000


def analyse(text: str) -> dict:
    """The extraction with provenance: the normalised source text and each item's spans in it."""
    structure = read_structure(text)
    lines = [block.text for block in structure.blocks]
    document = read_document(structure, lines)
    year = int(document.issued_on[:4]) if document.issued_on else None
    petitions = find_petitions(lines)
    asking = {i for i, line in enumerate(lines) if SPEAKER_LINE.match(line) and any(
        p.content and p.content[:40] in line for p in petitions)}
    assignments = find_assignments(structure, year, skip=asking, has_task_table=has_task_table(structure.tables)) \
        + table_assignments(structure.tables, year)
    people = find_people(lines)
    signed = signer(structure.signature)
    if signed and not any(p.name == signed.name for p in people):
        people.append(signed)
    return {
        "text": structure.text,
        "document": asdict(document),
        "assignments": [{k: v for k, v in asdict(a).items() if k != "sentence"} for a in assignments],
        "indicators": [asdict(i) for i in find_indicators(lines)],
        "people": [asdict(p) for p in people],
        "petitions": [asdict(p) for p in petitions],
    }


def extract(text: str) -> dict:
    """The devset schema: `analyse` without the source text and spans."""
    result = analyse(text)
    result.pop("text")
    for item in result["assignments"]:
        item.pop("spans", None)
    return result
