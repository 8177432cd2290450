"""What the portal shell shows the public (see ``ratusz.core.discovery``).

``PUBLIC_MODELS``: models whose saves change public pages, so the page cache
is purged. Besides its own settings and e-service links, the shell declares
the Wagtail models every page depends on: the page tree and its view
restrictions (a restriction added must not leave a public copy in the
cache), sites, redirects, images, documents and search promotions.
"""

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site

from .models import AccessibilityStatement, EServiceLink, OfficeSettings

PUBLIC_MODELS = [
    EServiceLink,
    OfficeSettings,
    AccessibilityStatement,
    Page,
    PageViewRestriction,
    CollectionViewRestriction,
    Site,
    Locale,
    Redirect,
    get_image_model(),
    get_document_model(),
    SearchPromotion,
]
