"""The public page (no sign-in): published answers, searchable without diacritics, on-time rates per
unit, a submission form and status look-up by tracking code. Nothing here reads a citizen's details;
phone numbers and e-mail addresses typed into a text are masked as well."""

import re
from datetime import date
from hashlib import sha256

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dieuhanh.core import params
from dieuhanh.core.fulltext import matching_words
from dieuhanh.core.paging import paginate
from dieuhanh.org.models import Unit
from dieuhanh.petitions.public_cache import PAGE_SECONDS, VERSION_KEY

from . import queries, services
from .forms import PublicForm
from .models import Answer, Field, Petition

CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)")
RATES_SECONDS = 300
TRACKING_CODE = re.compile(r"KN-[A-Z0-9]{4,13}")


def masked(text: str) -> str:
    return CONTACT.sub("[đã ẩn]", text or "")


def _receivers():
    """Public petitions go to a province's People's Committee."""
    return Unit.objects.filter(kind=Unit.Kind.PEOPLES_COMMITTEE, depth__lte=1, active_to=None).order_by("name")


def _receiver(request, receivers) -> Unit | None:
    """The receiver asked for (the form's own field, sent again when it changes), else the first."""
    raw = request.POST.get("receiving_unit") or request.GET.get("receiving_unit") or ""
    listed = list(receivers)
    return next((u for u in listed if u.pk == params.key(raw)), listed[0] if listed else None)


def _rates():
    """Computed over every published answer; cached a few minutes since the page is anonymous."""
    rates = cache.get("public-on-time-rates")
    if rates is None:
        rates = queries.on_time_rates(queries.public_petitions())
        cache.set("public-on-time-rates", rates, RATES_SECONDS)
    return rates


@login_not_required
def public_index(request):
    """Anonymous visitors get the page from the shared cache: it changes only when a petition or an
    answer changes (each save bumps the version in the key), so a busy day costs one render per query."""
    if request.user.is_authenticated:
        return _render_index(request)
    key = f"public-index:{cache.get_or_set(VERSION_KEY, 0)}:{sha256(request.get_full_path().encode()).hexdigest()}"
    if (html := cache.get(key)) is None:
        response = _render_index(request)
        if response.status_code != 200:
            return response
        html = response.content
        cache.set(key, html, PAGE_SECONDS)
    return HttpResponse(html)


def _render_index(request):
    g = request.GET
    petitions = queries.public_petitions()
    # Words only: a tracking code is looked up on its own page, which shows no one else's petition.
    q = g.get("q", "")
    petitions = matching_words(petitions, q)
    for param, field in (("linh_vuc", "field_id"), ("dia_ban", "area_id"), ("don_vi", "responsible_unit_id")):
        if g.get(param):  # a number that is no key of ours matches nothing
            petitions = petitions.filter(**{field: params.key(g[param])}) if params.key(g[param]) else petitions.none()
    year = g.get("nam", "")
    if year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100:
        petitions = petitions.filter(answered_on__range=(date(int(year), 1, 1), date(int(year), 12, 31)))
    page = paginate(request, petitions.select_related("responsible_unit", "field", "area")
                    .order_by("-answered_on", "-id"), per_page=20)
    answers = {}
    for answer in (Answer.objects.filter(petition__in=[p.pk for p in page.items])
                   .order_by("petition_id", "-answered_at").values("petition_id", "text", "unit__name")):
        answers.setdefault(answer["petition_id"], answer)
    for p in page.items:
        latest = answers.get(p.pk, {})
        p.public_content, p.public_answer = masked(p.content), masked(latest.get("text", ""))
        # Credited to the unit that wrote the answer, which a transfer may have made another than the first.
        p.answered_by = latest.get("unit__name") or (p.responsible_unit.name if p.responsible_unit_id else "")
    return render(request, "petitions/public/index.html", {
        "page": page, "q": q, "rates": _rates(), "fields": Field.objects.all(), "areas": queries.communes_answered(),
        # The units that have answered are those of the (cached) rates: no second pass over the answers.
        "units": sorted(_rates(), key=lambda r: r.unit),
        "year": year,
    })


@login_not_required
@require_http_methods(["GET", "POST"])
def public_submit(request):
    receivers = _receivers()
    receiver = _receiver(request, receivers)
    # The communes of the receiving province only: a province has about a hundred, the country 3,321.
    form = PublicForm(request.POST or None, receivers=receivers, areas=queries.communes_of(receiver),
                      initial={"receiving_unit": receiver})
    if request.htmx and request.method == "GET":  # the receiver changed: only its communes are sent back
        return render(request, "petitions/public/_area_field.html", {"field": form["area"]})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:  # a robot: answer as if accepted, keep nothing
            return redirect("public_sent")
        try:
            petition = services.submit_public(form.to_input(), request.META.get("REMOTE_ADDR", ""))
        except ValidationError as error:
            form.add_error(None, error)
        else:  # post/redirect/get: reloading the receipt never sends the petition twice
            return redirect(f"{reverse('public_sent')}?ma={petition.code}")
    return render(request, "petitions/public/submit.html", {"form": form}, status=400 if form.errors else 200)


def _code(raw: str) -> str:
    return raw.strip().upper()[:16]


@login_not_required
def public_sent(request):
    """The receipt after a submission, with its tracking code (a code of the form KN-…, nothing else)."""
    code = _code(request.GET.get("ma", ""))
    return render(request, "petitions/public/sent.html", {"code": code if TRACKING_CODE.fullmatch(code) else None})


@login_not_required
def public_lookup(request):
    """What the holder of a tracking code may read of their petition: its course, the answer once it was
    sent to them or published, and a form to rate it while it waits for their word."""
    code = _code(request.GET.get("ma", ""))
    petition = error = answer = None
    if code:
        petition = (Petition.objects.filter(code=code).select_related("responsible_unit")
                    .only("code", "status", "received_on", "due_on", "answered_on", "is_public", "refusal_reason",
                          "duplicate_of_id", "responsible_unit__name").first())
        if petition is None:
            error = f"Không tìm thấy kiến nghị có mã “{code}”. Hãy kiểm tra lại mã trong giấy biên nhận."
    if petition and petition.has_answer:
        latest = petition.answers.order_by("-answered_at", "-id").select_related("unit").first()
        if latest and (petition.is_public or latest.sent_at):
            answer = latest
            answer.public_text = masked(latest.text)
    rating = petition.follow_ups.order_by("at", "id").first() if petition else None
    reopened = petition.reopenings.only("code").first() if petition else None
    return render(request, "petitions/public/lookup.html", {
        "code": code, "p": petition, "error": error, "answer": answer, "rating": rating, "reopened": reopened,
        "may_rate": answer is not None and petition.status == Petition.Status.ANSWERED,
    }, status=404 if error else 200)


@login_not_required
@require_http_methods(["POST"])
def public_rate(request):
    """The citizen's rating of the answer (hài lòng / chưa hài lòng), then back to the look-up page."""
    code = _code(request.POST.get("ma", ""))
    satisfied = request.POST.get("satisfied") == "1"
    try:
        again = services.rate_online(code, satisfied, request.POST.get("text", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Cảm ơn Ông/Bà đã đánh giá câu trả lời." if again is None else
                         f"Đã ghi nhận ý kiến chưa hài lòng; kiến nghị được mở lại với mã {again.code}.")
    return redirect(f"{reverse('public_lookup')}?ma={code}")
