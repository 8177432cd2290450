"""The path a resident follows: save a draft, share the support link, watch the count,
submit when complete — shown as steps, with one primary button, and cost rows added as
needed with a running total (without JavaScript too)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ratusz.budget.models import Project
from tests.budget.helpers import form_data, make_edition, private_storage_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    private_storage_in(settings, tmp_path / "private")


@pytest.fixture
def edition():
    return make_edition()


def buttons(html):
    return re.findall(r'<button type="submit" name="action" value="(\w+)" class="([^"]+)"', html)


def test_a_fresh_form_shows_the_steps_and_one_button_that_saves_the_draft(client, edition):
    html = client.get(reverse("budget:submit", args=[edition.slug])).content.decode()
    steps = html.index("Jak złożyć projekt")
    assert steps < html.index('<form method="post" enctype')
    for step in ("Zapisz szkic.", "Przekaż link do poparcia.", "Obserwuj licznik poparć."):
        assert step in html
    main = [(v, c) for v, c in buttons(html) if v != "add_cost"]
    assert main == [("draft", "button")]  # no "Złóż projekt" that could only fail here
    assert "Zapisz szkic i zbieraj poparcie" in html


def test_adding_a_cost_row_without_javascript_keeps_the_input_and_saves_nothing(client, edition):
    data = form_data(edition, action="add_cost", support_scan=None)
    data.update({"cost_rows": "3", "cost_3_name": "Kosze", "cost_3_amount": "1 000,50"})
    response = client.post(reverse("budget:submit", args=[edition.slug]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="cost_4_name"' in html and 'name="cost_5_name"' not in html
    assert 'value="Kosze"' in html
    assert "36\u00a0000,50\u00a0zł" in html  # 30 000 + 5 000 + 1 000,50, drawn by the server
    assert "errorlist" not in html
    assert Project.objects.count() == 0


def test_the_number_of_cost_rows_is_bounded(client, edition):
    data = form_data(edition, action="add_cost", support_scan=None, cost_rows="100000")
    html = client.post(reverse("budget:submit", args=[edition.slug]), data).content.decode()
    assert 'name="cost_30_name"' in html and 'name="cost_31_name"' not in html


def test_a_fresh_submit_that_lacks_supports_says_why(client, edition):
    data = form_data(edition, support_scan=None, support_scan_count=None)
    response = client.post(reverse("budget:submit", args=[edition.slug]), data)
    assert response.status_code == 400
    assert "a wymaganych jest 15" in response.content.decode()
    assert Project.objects.count() == 0


def test_the_draft_page_shows_the_link_the_count_and_what_is_missing(client, edition):
    data = form_data(edition, action="draft", support_scan=None, support_scan_count=None)
    saved = client.post(reverse("budget:submit", args=[edition.slug]), data)
    assert saved.status_code == 302
    page = client.get(saved["Location"])
    html = page.content.decode()
    assert "Poparcie: 0 z 15 wymaganych" in html
    assert '<progress id="budget-support-count" max="15" value="0">' in html
    assert "Brakuje jeszcze 15 poparć." in html
    assert page.context["support_url"] in html
    # Not complete yet: saving is the primary button, submitting says what it needs.
    main = [(v, c) for v, c in buttons(html) if v != "add_cost"]
    assert main == [("draft", "button"), ("submit", "button button--secondary")]
    assert "gdy poprze go jeszcze 15 osób" in html
    # the stored items come back with one empty row to add the next
    assert 'value="Montaż"' in html and 'name="cost_3_name"' in html


def test_with_complete_support_submitting_becomes_the_primary_button(client, edition):
    data = form_data(edition, action="draft")  # 15 signatures on a scanned paper list
    saved = client.post(reverse("budget:submit", args=[edition.slug]), data)
    html = client.get(saved["Location"]).content.decode()
    main = [(v, c) for v, c in buttons(html) if v != "add_cost"]
    assert main == [("submit", "button"), ("draft", "button button--secondary")]
    assert "Poparcie jest kompletne" in html


def test_amounts_are_accepted_as_people_type_them(client, edition):
    data = form_data(edition, action="draft", support_scan=None, support_scan_count=None)
    data.update({"cost_1_amount": "30 000", "cost_2_amount": "5\u00a0000,50"})
    saved = client.post(reverse("budget:submit", args=[edition.slug]), data)
    assert saved.status_code == 302
    assert Project.objects.get().cost == Decimal("35000.50")
