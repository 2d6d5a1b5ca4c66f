"""Every page of the site, from the URL patterns themselves (Django's admin left out): the tests that
open every page cover a new one the day it is added."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

SKIPPED = {"logout", "password_reset"}  # signing out ends the test's session; a reset would send mail


def routes() -> list[str]:
    """Each page's pattern, e.g. "/nhiem-vu/<int:pk>/"."""
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if "quan-tri" not in str(p.pattern):
                    yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name not in SKIPPED:
                yield "/" + prefix + str(p.pattern)
    return sorted(set(walk(get_resolver().url_patterns)))


def path(route: str, pk: int = 1) -> str:
    """The route with `pk` for every integer and a word for every other parameter."""
    return re.sub(r"<[a-z_0-9:]+>", "abc", re.sub(r"<int:[a-z_]+>", str(pk), route))
