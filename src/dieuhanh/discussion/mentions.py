"""Mentions typed in a comment: "@" then a user name or a unit's code, at the start of the text or after
a space or an opening bracket — so an e-mail address (ten@donvi.gov.vn) is not a mention."""

import re

MENTION = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))@([\w][\w.\-]*\w|\w)")


def mentioned_names(text: str) -> list[str]:
    """The names in the order first typed, each once ("@btc, hãy …" gives "btc")."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)
