"""The city's identity in one place, and `manage.py ratusz_city new` (docs/cities.md)."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Site

from ratusz.core import city, colours, terc
from ratusz.core.models import OfficeSettings


def new_city(*args):
    out = StringIO()
    call_command("ratusz_city", "new", *args, stdout=out)
    return out.getvalue()


# --- plain parts ---------------------------------------------------------------


def test_terc_names_the_66_cities_with_powiat_rights():
    cities = terc.cities_with_powiat_rights()
    assert len(cities) == 66
    tychy = terc.resolve("2477011")
    assert (tychy.name, tychy.genitive, tychy.locative, tychy.powiat) == (
        "Tychy",
        "Tychów",
        "w Tychach",
        "2477",
    )
    assert terc.resolve("0264011").locative == "we Wrocławiu"
    # every code is gmina 01, kind 1, in a powiat numbered 61 and above
    assert all(code[4:] == "011" and int(code[2:4]) >= 61 for code in cities)


def test_terc_refuses_what_it_cannot_name():
    with pytest.raises(terc.UnknownTerc, match="7 cyfr"):
        terc.resolve("24770")
    with pytest.raises(terc.UnknownTerc, match="66 miast na prawach powiatu"):
        terc.resolve("2414011")  # Bieruń: a gmina, not a city with powiat rights


def test_brand_colours_are_checked_for_contrast():
    assert colours.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert colours.check_brand("#0b4f8a") is None  # the shell's own blue
    assert "4.5:1" in colours.check_brand("#f2c14e")  # the shell's yellow: not for text
    assert "#rrggbb" in colours.check_brand("blue")


# --- the identity --------------------------------------------------------------


@pytest.mark.django_db
def test_identity_is_per_site_and_validated():
    # every test database holds the demo city (tests/conftest.py) on the default site
    assert city.current().city_name == "Mysłowice"
    other = Site.objects.create(hostname="inny.example.pl", root_page=Site.objects.get().root_page)
    identity = city.current(other)
    assert identity.city_name == "" and identity.in_city == ""  # nothing invented
    identity.city_name = "Bieruń"
    assert identity.in_city == "w mieście Bieruń" and identity.of_city == "Bieruń"
    identity.colour_primary = "#f2c14e"
    identity.terc = "12"
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert set(error.value.message_dict) == {"colour_primary", "terc"}
    assert OfficeSettings.objects.count() == 2


# --- manage.py ratusz_city new ---------------------------------------------------


@pytest.fixture
def two_cities(db):
    """The demo city on the default site (tests/conftest.py), and Tychy by the command."""
    return new_city("--terc", "2477011", "--host", "tychy.example.pl", "--port", "80")


def test_a_second_city_is_served_by_its_host(two_cities, client):
    tychy = client.get("/", HTTP_HOST="tychy.example.pl")
    assert tychy.status_code == 200
    page = tychy.content.decode()
    assert "Serwis miasta Tychy" in page and "<title>" in page
    assert "Mysłowic" not in page
    own = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "Witamy w Mysłowicach" in own and "Tychy" not in own
    assert client.get("/kontakt/", HTTP_HOST="tychy.example.pl").status_code == 200
    privacy = client.get("/ochrona-danych-osobowych/", HTTP_HOST="tychy.example.pl")
    assert "Urząd Miasta Tychy" in privacy.content.decode()


def test_the_new_city_has_its_identity_boundary_and_page_tree(two_cities):
    site = Site.objects.get(hostname="tychy.example.pl")
    identity = city.current(site)
    assert (identity.city_name, identity.city_genitive, identity.city_locative) == (
        "Tychy",
        "Tychów",
        "w Tychach",
    )
    assert identity.terc == "2477011" and identity.office_name == "Urząd Miasta Tychy"
    assert identity.boundary["type"] in ("Polygon", "MultiPolygon")
    assert identity.contact_page.get_site() == site and identity.privacy_page.get_site() == site
    children = {p.slug for p in site.root_page.get_children()}
    assert children == {"aktualnosci", "kontakt", "ochrona-danych-osobowych"}
    assert Site.objects.count() == 2
    assert city.current().city_name == "Mysłowice"  # the default site's city is untouched


def test_unknown_terc_and_taken_host_are_refused_in_polish(two_cities):
    with pytest.raises(CommandError, match="66 miast na prawach powiatu"):
        new_city("--terc", "2414011", "--host", "bierun.example.pl")
    with pytest.raises(CommandError, match="ma już swoją stronę"):
        new_city("--terc", "2469011", "--host", "tychy.example.pl", "--port", "80")
    assert Site.objects.count() == 2


def test_a_refused_step_leaves_nothing_behind(two_cities, tmp_path):
    broken = tmp_path / "dzielnice.geojson"
    broken.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {}, "geometry": {"type": "Point", "coordinates": [19, 50]}}]}'
    )
    pages_before = Site.objects.get(hostname="tychy.example.pl").root_page.get_parent().numchild
    with pytest.raises(CommandError, match="Dzielnice"):
        new_city("--terc", "2469011", "--host", "katowice.example.pl", "--districts", str(broken))
    assert not Site.objects.filter(hostname="katowice.example.pl").exists()
    assert Site.objects.get(hostname="tychy.example.pl").root_page.get_parent().numchild == (
        pages_before
    )


@pytest.mark.django_db
def test_districts_come_from_a_file(tmp_path):
    from ratusz.gis.models import District

    def square(x, y):
        ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]
        return {"type": "Polygon", "coordinates": [ring]}

    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"nazwa": n}, "geometry": square(19 + i / 50, 50.1)}
            for i, n in enumerate(["Śródmieście", "Żwaków"])
        ],
    }
    path = tmp_path / "dzielnice.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = new_city("--terc", "2477011", "--host", "tychy.example.pl", "--districts", str(path))
    assert "dzielnice: 2" in out
    assert sorted(District.objects.values_list("name", flat=True)) == ["Śródmieście", "Żwaków"]


@pytest.mark.django_db
def test_without_districts_the_command_says_so():
    out = new_city("--terc", "2477011", "--host", "tychy.example.pl")
    assert "dzielnice: brak" in out and "budżet obywatelski: bez edycji" in out


@pytest.mark.django_db
def test_a_gmina_without_shipped_boundary_needs_its_file_and_names(tmp_path):
    with pytest.raises(CommandError, match="trzech formach"):
        new_city("--terc", "2414011", "--host", "bierun.example.pl", "--name", "Bieruń")
    with pytest.raises(CommandError, match="--boundary"):
        new_city(
            "--terc", "2414011", "--host", "bierun.example.pl",
            "--name", "Bieruń", "--genitive", "Bierunia", "--locative", "w Bieruniu",
        )  # fmt: skip
    assert Site.objects.filter(hostname="bierun.example.pl").count() == 0


@pytest.mark.django_db
def test_brand_colours_reach_the_page_as_a_stylesheet(client):
    new_city("--terc", "2477011", "--host", "tychy.example.pl", "--port", "80")
    identity = city.current(Site.objects.get(hostname="tychy.example.pl"))
    identity.colour_primary = "#7a1f2b"
    identity.full_clean()
    identity.save()
    page = client.get("/", HTTP_HOST="tychy.example.pl").content.decode()
    assert "/miasto.css?v=7a1f2b" in page
    css = client.get("/miasto.css", HTTP_HOST="tychy.example.pl")
    assert (
        css["Content-Type"].startswith("text/css")
        and "--c-primary: #7a1f2b;" in css.content.decode()
    )


@pytest.mark.django_db
def test_the_first_city_takes_over_wagtails_welcome_site():
    from wagtail.models import Page

    site = Site.objects.get(is_default_site=True)
    welcome = Page(title="Welcome to your new Wagtail site!", slug="welcome")
    Page.get_first_root_node().add_child(instance=welcome)
    site.root_page = welcome
    site.save()
    new_city("--terc", "2477011", "--host", "tychy.example.pl")
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_page.title) == ("tychy.example.pl", 443, "Tychy")
    assert site.is_default_site and Site.objects.count() == 1
    assert not Page.objects.filter(slug="welcome").exists()
    assert city.current().city_name == "Tychy"
