"""extract(text) → the JSON schema of ../shared/devset/README.md. Plain Python, no Django."""

from dataclasses import asdict

from .assignments import find_assignments
from .document import read_document
from .indicators import find_indicators
from .page import body_lines
from .people import find_people
from .petitions import SPEAKER_LINE, find_petitions
from .tables import table_assignments


def extract(text: str) -> dict:
    lines = body_lines(text)
    document = read_document("\n".join(lines), lines)
    year = int(document.issued_on[:4]) if document.issued_on else None
    petitions = find_petitions(lines)
    asking = {i for i, line in enumerate(lines) if SPEAKER_LINE.match(line) and any(
        p.content and p.content[:40] in line for p in petitions)}
    from_tables, table_lines = table_assignments(lines, year)
    return {
        "document": asdict(document),
        "assignments": [{k: v for k, v in asdict(a).items() if k != "sentence"}
                        for a in find_assignments(lines, year, skip=asking | table_lines) + from_tables],
        "indicators": [asdict(i) for i in find_indicators(lines)],
        "people": [asdict(p) for p in find_people(lines)],
        "petitions": [asdict(p) for p in petitions],
    }
