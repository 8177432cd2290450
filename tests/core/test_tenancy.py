"""The city of a record and of a member of staff (``ratusz.core.tenancy``),
and the page cache kept per city."""

from datetime import date

import pytest
from django.core.cache import cache

from ratusz.core import pagecache, tenancy
from ratusz.core.models import EServiceLink

pytestmark = pytest.mark.django_db


def _link(site, label):
    return EServiceLink.objects.create(
        site=site, label=label, url="https://example.gov.pl/", valid_from=date(2020, 1, 1)
    )


def test_a_city_shows_its_own_e_service_links_only(client, two_cities):
    _link(two_cities.a, "Tylko-A")
    _link(two_cities.b, "Tylko-B")
    page_a = client.get("/", HTTP_HOST=two_cities.host_a).content.decode()
    page_b = client.get("/", HTTP_HOST=two_cities.host_b).content.decode()
    assert "Tylko-A" in page_a and "Tylko-B" not in page_a
    assert "Tylko-B" in page_b and "Tylko-A" not in page_b
    assert "Tychy" in page_b


def test_staff_see_their_city_and_a_superuser_all(two_cities, django_user_model):
    editor_b = two_cities.staff(two_cities.b, username="ed-b")
    plain = django_user_model.objects.create_user("plain", password="x")
    boss = django_user_model.objects.create_superuser("boss", password="x")
    _link(two_cities.a, "A")
    _link(two_cities.b, "B")

    def labels(user):
        return set(
            tenancy.for_user(EServiceLink.objects.all(), user).values_list("label", flat=True)
        )

    assert labels(editor_b) == {"B"}
    assert "A" in labels(plain) and "B" not in labels(plain)  # no assignment: the default city
    assert {"A", "B"} <= labels(boss)


def test_admin_urls_with_another_citys_ids_answer_404(client, two_cities):
    from django.contrib.auth.models import Permission

    editor_a = two_cities.staff(two_cities.a, username="ed-a")
    editor_a.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "change_eservicelink",
                "view_eservicelink",
                "delete_eservicelink",
                "add_eservicelink",
            ]
        )
    )
    own = _link(two_cities.a, "Nasz")
    other = _link(two_cities.b, "Obcy")
    client.force_login(editor_a)
    listing = client.get("/admin/snippets/core/eservicelink/").content.decode()
    assert "Nasz" in listing and "Obcy" not in listing
    assert client.get(f"/admin/snippets/core/eservicelink/edit/{own.pk}/").status_code == 200
    for view in ("edit", "delete", "history", "usage", "copy", "inspect"):
        response = client.get(f"/admin/snippets/core/eservicelink/{view}/{other.pk}/")
        assert response.status_code in (404, 403), view
    response = client.post(
        f"/admin/snippets/core/eservicelink/edit/{other.pk}/",
        {
            "label": "Przejęty",
            "url": "https://x.gov.pl/",
            "sort_order": 0,
            "valid_from": "2020-01-01",
        },
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.label == "Obcy"
    # a new link of a one-city editor belongs to that city, whatever is posted
    client.post(
        "/admin/snippets/core/eservicelink/add/",
        {
            "site": two_cities.b.pk,
            "label": "Nowy",
            "url": "https://n.gov.pl/",
            "sort_order": 0,
            "valid_from": "2020-01-01",
        },
    )
    assert EServiceLink.objects.get(label="Nowy").site_id == two_cities.a.pk


def test_a_publish_in_one_city_leaves_the_others_cached_pages(client, two_cities, settings):
    settings.RATUSZ_PAGE_CACHE_SECONDS = 60  # production keeps copies (test settings do not)
    for host in (two_cities.host_a, two_cities.host_b):
        client.get("/", HTTP_HOST=host)
        assert client.get("/", HTTP_HOST=host)["X-Ratusz-Cache"] == "hit"
    _link(two_cities.b, "Nowość")
    assert client.get("/", HTTP_HOST=two_cities.host_a)["X-Ratusz-Cache"] == "hit"
    fresh = client.get("/", HTTP_HOST=two_cities.host_b)
    assert fresh["X-Ratusz-Cache"] == "miss" and "Nowość" in fresh.content.decode()


def test_the_host_map_follows_new_sites(two_cities):
    cache.clear()
    pagecache.forget_sites()
    environ = {"HTTP_HOST": f"{two_cities.host_b}:8000"}
    assert pagecache.site_id_of(environ) is None  # not known yet outside Django
    assert pagecache.site_id_of(environ, load=True) == two_cities.b.pk
    assert pagecache.site_id_of({"HTTP_HOST": "nieznany.example"}) == two_cities.a.pk


def test_a_job_belongs_to_its_clerks_city_and_others_do_not_see_it(client, two_cities):
    from django.contrib.auth.models import Permission

    from ratusz.core import jobs
    from ratusz.core.models import Job

    kind_name, kind = next((n, k) for n, k in jobs.kinds().items() if k.startable)
    app_label, codename = kind.permission.split(".")
    allowed = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    admin_access = Permission.objects.get(codename="access_admin")
    clerk_a = two_cities.staff(two_cities.a, username="clerk-a")
    clerk_b = two_cities.staff(two_cities.b, username="clerk-b")
    for clerk in (clerk_a, clerk_b):
        clerk.user_permissions.add(allowed, admin_access)
    job = jobs.start(kind_name, "Import Tychów", clerk_b, dry_run=True)
    assert job.site_id == two_cities.b.pk
    client.force_login(clerk_a)
    assert client.get(f"/admin/zadania/{job.pk}/").status_code == 404
    assert "Import Tychów" not in client.get("/admin/zadania/").content.decode()
    client.force_login(clerk_b)
    assert "Import Tychów" in client.get("/admin/zadania/").content.decode()
    assert Job.objects.get(pk=job.pk).site_id == two_cities.b.pk


def test_a_citys_settings_are_its_staffs_only(client, two_cities):
    from django.contrib.auth.models import Permission

    from ratusz.core.models import OfficeSettings

    editor_a = two_cities.staff(two_cities.a, username="settings-a")
    editor_a.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "change_officesettings", "change_accessibilitystatement"]
        )
    )
    client.force_login(editor_a)
    for model in ("officesettings", "accessibilitystatement"):
        assert client.get(f"/admin/settings/core/{model}/{two_cities.a.pk}/").status_code == 200
        assert client.get(f"/admin/settings/core/{model}/{two_cities.b.pk}/").status_code == 404
    response = client.post(
        f"/admin/settings/core/officesettings/{two_cities.b.pk}/", {"city_name": "Przejęte"}
    )
    assert response.status_code == 404
    assert OfficeSettings.for_site(two_cities.b).city_name == "Tychy"
