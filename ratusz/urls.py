"""Root URLs: every app's own URLs first, Wagtail's page tree last."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from ratusz.core.conf import conf
from ratusz.search.sitemap import SITEMAPS

APP_URLS = [
    "ratusz.core.urls",
    "ratusz.pages.urls",
    "ratusz.cooperation.urls",
    "ratusz.budget.urls",
    "ratusz.budget.voting.urls",
    "ratusz.alerts.urls",
    "ratusz.gis.urls",
    "ratusz.eufunds.urls",
    "ratusz.ngo.urls",
    "ratusz.services.urls",
    "ratusz.search.urls",
]

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("dokumenty/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    *[path("", include(module)) for module in APP_URLS],
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif conf.RATUSZ_SERVE_RENDITIONS:
    # runserver without nginx (the browser tests, `make screenshots`): image
    # renditions only, as nginx serves them (originals and documents stay hidden)
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^" + settings.MEDIA_URL.lstrip("/") + r"(?P<path>images/[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Pages in other languages live under /en/, /de/, /cs/; Polish needs no prefix.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)

handler404 = "ratusz.core.views.page_not_found"
handler500 = "ratusz.core.views.server_error"
