"""One search box for everything (issue 17, item 1): tasks, documents (symbol, number, subject), meetings,
petitions (code, content) and units, each read through its own scoped query, diacritics ignored; each hit says
what it is and opens it, each kind links to its full list for the same words. Within a kind, hits holding the
typed phrase as it was typed come first, then the most recent."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from dieuhanh.core.fulltext import matching_words, newest_matching
from dieuhanh.core.text import fold
from dieuhanh.documents.queries import visible_documents
from dieuhanh.meetings.queries import visible_meetings
from dieuhanh.org.queries import Scope
from dieuhanh.petitions.queries import visible_petitions
from dieuhanh.tasks.queries import visible_tasks

PER_KIND = 8
READ = 40  # candidates read per kind, to rank


@dataclass
class Hit:
    title: str
    sub: str
    link: str
    exact: bool  # holds the typed phrase itself, not only its words


@dataclass
class Group:
    kind: str
    hits: list[Hit]
    more: str  # the kind's own list for the same words
    count: int  # hits read, up to READ


def _ranked(rows, phrase: str, text, make) -> list[Hit]:
    hits = [make(r, phrase in text(r)) for r in rows]
    hits.sort(key=lambda h: not h.exact)  # stable: each kind's own recency order within
    return hits


def _groups(user, q: str) -> list[Group]:
    phrase = fold(q)[:200]
    words = urlencode({"q": q})
    tasks = newest_matching(visible_tasks(user).select_related("lead", "document"), q, ("-issued_on", "-id"), READ)
    documents = newest_matching(visible_documents(user).select_related("issuer"), q, ("-issued_on", "-id"), READ)
    meetings = newest_matching(visible_meetings(user).select_related("host_unit"), q, ("-starts_at", "-id"), READ)
    code = q.strip().upper()
    petitions = (list(visible_petitions(user).filter(code=code)) if code.startswith("KN-")
                 else newest_matching(visible_petitions(user), q, ("-received_on", "-id"), READ))
    units = matching_words(Scope.of(user).readable_units(), q, field="name_folded")
    kinds = [
        ("Nhiệm vụ", tasks, lambda t: t.search_text,
         lambda t, exact: Hit(t.content, " · ".join(x for x in (t.document.symbol if t.document_id else "", t.lead.name,
                                                                  f"hạn {t.deadline:%d/%m/%Y}" if t.deadline else "") if x),
                              reverse("task_detail", args=[t.pk]), exact),
         f"{reverse('task_list')}?{words}"),
        ("Văn bản", documents, lambda d: d.search_text,
         lambda d, exact: Hit(f"{d.symbol} — {d.subject}", f"{d.issuer.name}, ngày {d.issued_on:%d/%m/%Y}",
                              reverse("document_detail", args=[d.pk]), exact),
         f"{reverse('document_list')}?{words}"),
        ("Cuộc họp", meetings, lambda m: m.search_text,
         lambda m, exact: Hit(m.title, f"{m.get_kind_display()} · {m.host_unit.name}",
                              reverse("meeting_detail", args=[m.pk]), exact),
         f"{reverse('meeting_list')}?{words}"),
        ("Kiến nghị", petitions, lambda p: p.search_text,
         lambda p, exact: Hit(f"{p.code or ''} {p.content[:160]}".strip(), f"{p.get_status_display()}, tiếp nhận "
                              f"{p.received_on:%d/%m/%Y}", reverse("petition_detail", args=[p.pk]), exact),
         f"{reverse('petition_list')}?{words}"),
        ("Đơn vị", list(units.order_by("depth", "name")[:READ]), lambda u: u.name_folded,
         lambda u, exact: Hit(u.name, u.get_kind_display(), f"{reverse('task_list')}?don_vi={u.pk}", exact),
         f"{reverse('unit_list')}?{words}"),
    ]
    groups = []
    for kind, rows, text, make, more in kinds:
        if rows:
            groups.append(Group(kind, _ranked(rows, phrase, text, make)[:PER_KIND], more, len(rows)))
    return groups


def search(request):
    q = request.GET.get("q", "").strip()[:200]
    groups = _groups(request.user, q) if fold(q) else []
    return render(request, "web/search.html", {"q": q, "groups": groups, "read": READ})
