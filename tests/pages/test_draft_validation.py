"""'Zapisz szkic' and 'Wyślij do moderacji' check a page alike, with Polish errors."""

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _news_data(heading_text):
    """A news item whose body holds one heading block (its text is required)."""
    return {
        "title": "Nowy chodnik na Rynku",
        "slug": "nowy-chodnik-na-rynku",
        "intro": "",
        "date": timezone.localdate().isoformat(),
        "body-count": "1",
        "body-0-type": "heading",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-0-value-text": heading_text,
        "body-0-value-level": "h2",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def news_index(demo_site):
    from ratusz.pages.models import NewsIndexPage

    return NewsIndexPage.objects.first()


@pytest.mark.parametrize("action", [{}, {"action-submit": "1"}, {"action-publish": "1"}])
def test_an_empty_required_block_is_refused_at_every_save(admin_client, news_index, action):
    from ratusz.pages.models import NewsPage

    url = f"/admin/pages/add/pages/newspage/{news_index.pk}/"
    response = admin_client.post(url, {**_news_data(""), **action})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nie można utworzyć strony: formularz ma błędy." in html
    assert "To pole jest wymagane." in html
    assert not NewsPage.objects.filter(slug="nowy-chodnik-na-rynku").exists()


def test_a_complete_draft_is_saved(admin_client, news_index):
    from ratusz.pages.models import NewsPage

    url = f"/admin/pages/add/pages/newspage/{news_index.pk}/"
    response = admin_client.post(url, _news_data("Co się zmieni"))
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="nowy-chodnik-na-rynku")
    assert not page.live
