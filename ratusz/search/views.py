from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ratusz.core.city import site_of

from . import engine, promotions
from .forms import SearchForm
from .sources import available

PAGE_SIZE = 10


def index(request):
    form = SearchForm(request.GET or None)
    results, promoted = None, []
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        site = site_of(request)  # the city's documents, synonyms and words only
        results = engine.search(data["q"], data["typ"], data["od"], data["do"], language, site)
        promoted = promotions.promoted(data["q"], site)
        if (results.hits or promoted) and not request.GET.get("strona"):
            promotions.record(data["q"])
    labels = {s.kind: s.label for s in available()}
    page = Paginator(results.hits if results else [], PAGE_SIZE).get_page(request.GET.get("strona"))
    for hit in engine.with_bodies(list(page.object_list)):
        hit.label = labels.get(hit.document.kind, hit.document.kind)
    params = request.GET.copy()
    params.pop("strona", None)
    # "Czy chodziło Ci o": the same search, filters kept, with the words repaired.
    suggestion_query = ""
    if results and results.query.suggestion:
        suggested = params.copy()
        suggested["q"] = results.query.suggestion
        suggestion_query = suggested.urlencode()
    context = {
        "form": form,
        "results": results,
        "page_obj": page,
        "labels": labels,
        "kinds": [
            (kind, label, results.kind_counts.get(kind, 0) if results else None)
            for kind, label in labels.items()
        ],
        "selected_kinds": form.cleaned_data.get("typ", [])
        if form.is_bound and not form.errors
        else [],
        "query_string": params.urlencode(),
        "suggestion_query": suggestion_query,
        "promoted": promoted if page.number == 1 else [],
        "breadcrumbs": [(_("Wyszukiwarka"), None)],
    }
    return render(request, "search/index.html", context, status=400 if form.errors else 200)


def opensearch(request):
    xml = render_to_string(
        "search/opensearch.xml",
        {
            "search_url": request.build_absolute_uri(reverse("search:index")),
            "icon_url": request.build_absolute_uri(static("core/img/herb.svg")),
        },
        request=request,
    )
    return HttpResponse(xml, content_type="application/opensearchdescription+xml; charset=utf-8")
