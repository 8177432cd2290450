"""Pages of the register: today vs history on a given day (frozen time)."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import RequestFactory

from ratusz.cooperation.wagtail_hooks import render_history, render_today
from ratusz.demo import cooperation as demo

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def register():
    demo.load()


def at(day):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 12, tzinfo=WARSAW), tick=False
    )


def section(html, css_class):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one(f".{css_class}").get_text(" ", strip=True)


def test_union_holds_on_its_last_day_and_moves_to_history_the_next(client, register):
    with at(date(2017, 12, 28)):
        html = client.get("/wspolpraca/").content.decode()
    today = section(html, "coop-today")
    assert "Górnośląski Związek Metropolitalny" in today
    assert "Górnośląsko-Zagłębiowska Metropolia" not in today
    assert "Edward Lasok — członek Zarządu" in today

    with at(date(2018, 1, 2)):
        html = client.get("/wspolpraca/").content.decode()
    today, history = section(html, "coop-today"), section(html, "coop-history")
    assert "Górnośląsko-Zagłębiowska Metropolia" in today
    assert "Górnośląski Związek Metropolitalny" not in today
    assert "Koniec członkostwa: Górnośląski Związek Metropolitalny" in history
    assert "28 grudnia 2017" in history


def test_presidents_change_on_22_november_2018(client, register):
    with at(date(2018, 11, 21)):
        today = section(client.get("/wspolpraca/").content.decode(), "coop-today")
    assert "Edward Lasok — Prezydent" in today and "Wójtowicz" not in today
    with at(date(2018, 11, 22)):
        html = client.get("/wspolpraca/").content.decode()
    assert "Dariusz Wójtowicz — Prezydent" in section(html, "coop-today")
    assert "Lasok" not in section(html, "coop-today")
    assert "Edward Lasok kończy pełnić funkcję" in section(html, "coop-history")


def test_day_parameter_shows_the_past_without_freezing_time(client, register):
    html = client.get("/wspolpraca/", {"day": "2010-05-01"}).content.decode()
    today = section(html, "coop-today")
    assert "Stan na 1 maja 2010" in today
    assert "Górnośląski Związek Metropolitalny" in today
    assert "Frýdek-Místek" in today and "Győr" not in today
    # Events after the chosen day are not history yet.
    assert "2018" not in section(html, "coop-history")


@pytest.mark.parametrize("value", ["jutro", "2010-13-01", "1500-01-01"])
def test_bad_day_is_a_400_with_a_polish_field_error(client, register, value):
    response = client.get("/wspolpraca/", {"day": value})
    assert response.status_code == 400
    errors = BeautifulSoup(response.content, "html.parser").select_one("#id_day_errors")
    assert errors is not None and errors.get_text(strip=True)


def test_embeds_follow_the_frozen_day(register):
    request = RequestFactory().get("/swiat-region-ludzie/")
    with at(date(2017, 6, 1)):
        today = render_today(request, None)
        history = render_history(request, None)
    assert "Górnośląski Związek Metropolitalny" in today
    assert "Komitat Győr-Moson-Sopron" in today  # letter of intent of 2016
    assert "Koniec członkostwa" not in history
    with at(date(2026, 1, 1)):
        history = render_history(None, None)
    assert "Koniec członkostwa" in history


def test_a_page_placing_the_register_links_to_it_instead_of_copying_it(client, register):
    # One address per thing: the section page shows a summary; the full register,
    # its day form, the representatives and the whole history are at /wspolpraca/.
    html = client.get("/swiat-region-ludzie/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    main = soup.main
    assert main.select_one(".coop-today") is None and main.select_one(".coop-history") is None
    summary = main.get_text(" ", strip=True)
    assert "Górnośląsko-Zagłębiowska Metropolia" in summary and "Frýdek-Místek" in summary
    assert "Funkcje przedstawicieli miasta" not in summary  # in the register only
    links = {a["href"] for a in main.select(".coop-summary a")}
    assert "/wspolpraca/" in links and "/wspolpraca/#coop-history" in links
    register_page = BeautifulSoup(client.get("/wspolpraca/").content, "html.parser")
    assert register_page.select_one("#coop-history") is not None


def test_the_english_page_links_to_the_english_partner_list(client, register):
    soup = BeautifulSoup(client.get("/en/world-region-people/").content, "html.parser")
    links = {a["href"] for a in soup.main.select(".coop-summary a")}
    assert "/wspolpraca/partnerzy/en/" in links


def test_organisation_page_has_facts_successor_and_jsonld(client, register):
    response = client.get("/wspolpraca/organizacje/gornoslaski-zwiazek-metropolitalny/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Górnośląski Związek Metropolitalny"
    facts = soup.select_one(".coop-facts").get_text(" ", strip=True)
    assert "Następca Górnośląsko-Zagłębiowska Metropolia" in facts
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentOrganization"
    assert data["geo"]["latitude"] == pytest.approx(50.2649)


def test_partnership_page_lists_agreements_areas_and_activities(client, register):
    response = client.get("/wspolpraca/partnerstwa/frydek-mistek/")
    text = BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)
    assert "23 września 2016" in text and "Porozumienie o współpracy straży pożarnych" in text
    assert "straż pożarna" in text
    assert "wrzesień 2017" in text  # the festival, known only to the month
    data = json.loads(
        BeautifulSoup(response.content, "html.parser")
        .find("script", type="application/ld+json")
        .string
    )
    assert any(item.get("startDate") == "2017-09" for item in data["@graph"])


def test_unknown_slugs_are_404(client, register):
    assert client.get("/wspolpraca/organizacje/atlantyda/").status_code == 404
    assert client.get("/wspolpraca/partnerstwa/atlantyda/").status_code == 404
    assert client.get("/wspolpraca/partnerzy/fr/").status_code == 404


def test_partner_list_in_english(client, register):
    response = client.get("/wspolpraca/partnerzy/en/")
    assert response["Content-Language"] == "en"
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Partner cities"
    text = soup.main.get_text(" ", strip=True)
    assert "Sokolinaya Gora District, Moscow" in text
    assert "Czechia" in text and "Germany" in text
    assert "letter of intent" in text


def test_map_page_has_points_and_a_list(client, register):
    soup = BeautifulSoup(client.get("/wspolpraca/mapa/").content, "html.parser")
    points = json.loads(soup.find(id="coop-points").string)
    names = [name for p in points for name in p["names"]]
    assert {"Enzkreis", "Frýdek-Místek", "Komitat Győr-Moson-Sopron"} <= set(names)
    # Two unions seated in Katowice share one point instead of hiding each other.
    katowice = [p for p in points if "Śląski Związek Gmin i Powiatów" in p["names"]]
    assert sorted(katowice[0]["names"]) == [
        "Górnośląsko-Zagłębiowska Metropolia",
        "Śląski Związek Gmin i Powiatów",
    ]
    rows = [row.th.get_text(strip=True) for row in soup.select("table tbody tr")]
    assert sorted(rows) == sorted(names)
    assert soup.select_one("#coop-map")["data-tile-url"] == ""


def test_overview_jsonld_lists_todays_memberships_with_dates(client, register):
    with at(date(2026, 11, 26)):
        soup = BeautifulSoup(client.get("/wspolpraca/").content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    roles = {r["memberOf"]["name"]: r for r in data["memberOf"]}
    assert roles["Górnośląsko-Zagłębiowska Metropolia"]["startDate"] == "2018-01-01"
    assert "Górnośląski Związek Metropolitalny" not in roles
    assert "startDate" not in roles["Związek Miast Polskich"]  # unknown, not invented
    [president] = data["employee"]
    assert president["name"] == "Dariusz Wójtowicz"


def test_editor_text_cannot_break_out_of_the_jsonld_script(client, register):
    from ratusz.cooperation.models import Organisation

    Organisation.objects.filter(slug="enzkreis").update(short_name="</script><b>x</b>")
    html = client.get("/wspolpraca/organizacje/enzkreis/").content.decode()
    script = BeautifulSoup(html, "html.parser").find("script", type="application/ld+json")
    assert "</script><b>" not in html
    assert "</script><b>x</b>" in json.loads(script.string)["alternateName"]
