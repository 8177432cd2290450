"""Public pages: the list, one announcement, subscriptions."""

from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ratusz.core.city import site_of
from ratusz.core.maps import tile_context
from ratusz.core.ratelimit import ratelimit
from ratusz.core.tenancy import in_city

from .forms import FilterForm, SubscribeForm
from .models import Message, Subscription

PER_PAGE = 20


def _crumbs(*extra):
    return [(_("Komunikaty dot. bezpieczeństwa"), reverse("alerts:index")), *extra]


def _messages(request):
    """The request's city's messages (its host name)."""
    return in_city(Message.objects.all(), request)


def index(request):
    form = FilterForm(request.GET or None)
    now = timezone.now()
    archive = False
    messages = _messages(request).active(now)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        data = form.cleaned_data
        archive = data["archive"]
        if archive:
            messages = _messages(request).archived(now)
        if data["kind"]:
            messages = messages.filter(kind=data["kind"])
        if data["day"]:
            messages = _in_force_on(_messages(request).latest(), data["day"])
            if data["kind"]:
                messages = messages.filter(kind=data["kind"])
    page = Paginator(messages.order_by("-sent"), PER_PAGE).get_page(request.GET.get("strona"))
    query = request.GET.copy()
    query.pop("strona", None)
    context = {
        "form": form,
        "page_obj": page,
        "archive": archive,
        "query": query.urlencode(),
        "breadcrumbs": [(_("Komunikaty dot. bezpieczeństwa"), None)],
    }
    return render(request, "alerts/index.html", context, status=status)


def _in_force_on(messages, day):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    end = start + timedelta(days=1)
    return messages.filter(effective__lt=end).filter(Q(expires__isnull=True) | Q(expires__gt=start))


def detail(request, pk):
    history = list(_messages(request).filter(announcement_id=pk).order_by("-version"))
    if not history:
        raise Http404(_("Nie ma takiego komunikatu."))
    latest = history[0]
    now = timezone.now()
    if latest.msg_type == "Cancel":
        state = _("odwołany")
    elif latest.expires and latest.expires <= now:
        state = _("zakończony")
    elif latest.effective > now:
        state = _("zaplanowany")
    else:
        state = _("obowiązuje")
    context = {
        "message": latest,
        "history": history,
        "state": state,
        "geometry": latest.geometry,
        **tile_context(),
        "breadcrumbs": _crumbs((latest.headline, None)),
    }
    return render(request, "alerts/detail.html", context)


@ratelimit("alerts-subscribe", rate="10/h")
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            _request_subscription(form.cleaned_data, site_of(request))
            return redirect("alerts:subscribe-sent")
        status = 400
    else:
        status = 200
    context = {
        "form": form,
        "breadcrumbs": _crumbs((_("Subskrypcja e-mail"), None)),
    }
    return render(request, "alerts/subscribe.html", context, status=status)


def _request_subscription(data, site):
    """A subscription to the announcements of ``site``'s city (the request's)."""
    prefs = {"kinds": data["kinds"], "min_severity": data["min_severity"]}
    with transaction.atomic():
        email = data["email"].strip().lower()
        sub, created = Subscription.objects.get_or_create(
            site=site, email_hash=Subscription.hash_of(email), defaults={**prefs, "email": email}
        )
        # Nothing changes for a confirmed subscriber until the new link is used.
        sub.pending = prefs
        sub.save(update_fields=["pending"])
    requested_at = timezone.now().isoformat()
    transaction.on_commit(lambda: _send_confirmation(sub.pk, requested_at))


def _send_confirmation(pk, requested_at=None):
    from .tasks import send_confirmation

    send_confirmation.enqueue(pk, requested_at)


def subscribe_sent(request):
    context = {"breadcrumbs": _crumbs((_("Sprawdź skrzynkę"), None))}
    return render(request, "alerts/subscribe_sent.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    sub = get_object_or_404(in_city(Subscription.objects.all(), request), token=token)
    done = False
    if request.method == "POST":
        if sub.pending:
            sub.kinds = sub.pending.get("kinds", [])
            sub.min_severity = sub.pending.get("min_severity", sub.min_severity)
        sub.pending = None
        sub.confirmed_at = sub.confirmed_at or timezone.now()
        sub.save()
        done = True
    context = {
        "subscription": sub,
        "done": done,
        "breadcrumbs": _crumbs((_("Potwierdzenie"), None)),
    }
    return render(request, "alerts/confirm.html", context)


@csrf_exempt  # RFC 8058: mail clients POST here without a session; the token is the secret
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    sub = in_city(Subscription.objects.all(), request).filter(token=token).first()
    if request.method == "POST":
        if sub is not None:
            sub.delete()
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("Wypisano."), content_type="text/plain; charset=utf-8")
        context = {"done": True, "breadcrumbs": _crumbs((_("Wypisanie"), None))}
        return render(request, "alerts/unsubscribe.html", context)
    if sub is None:
        raise Http404(_("Ten link do wypisania jest nieważny albo już go użyto."))
    context = {"subscription": sub, "done": False, "breadcrumbs": _crumbs((_("Wypisanie"), None))}
    return render(request, "alerts/unsubscribe.html", context)
