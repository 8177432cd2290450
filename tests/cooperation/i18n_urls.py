"""The root URLconf as it would be with Wagtail's language prefixes (/en/…).

Used only by test_i18n.py to show the English section page works once the
lead wraps Wagtail's URLs in ``i18n_patterns`` (see the cooperation report).
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

from ratusz import urls as root

urlpatterns = [p for p in root.urlpatterns[:-1]] + i18n_patterns(
    path("", include(wagtail_urls)), prefix_default_language=False
)
