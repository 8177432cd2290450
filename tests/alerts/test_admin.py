"""Editors in the Wagtail admin: validation, moderation vs immediate publishing; import."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from ratusz.alerts import building, cap, importing
from ratusz.alerts.models import Announcement, Message
from tests.files import CAP_DIR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
ADD_URL = "/admin/snippets/alerts/announcement/add/"


def _user(django_user_model, *, publish):
    user = django_user_model.objects.create_user(
        "redaktor", "r@example.pl", "hasło-bardzo-długie-1"
    )
    group = Group.objects.create(name="Komunikaty" + ("-publikacja" if publish else ""))
    codenames = ["add_announcement", "change_announcement", "access_admin"]
    if publish:
        codenames.append("publish_announcement")
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def form_data(**changes):
    now = timezone.localtime()
    data = {
        "kind": "water",
        "msg_type": "Alert",
        "level": "yellow",
        "urgency": "Expected",
        "certainty": "Observed",
        "headline": "Przerwa w dostawie wody",
        "description": "Awaria magistrali.",
        "instruction": "",
        "update_note": "",
        "effective": now.strftime("%Y-%m-%d %H:%M"),
        "onset": "",
        "expires": (now + timedelta(hours=6)).strftime("%Y-%m-%d %H:%M"),
        "whole_city": "on",
        "area_description": "",
        "polygon": "",
        "circle": "",
        "geocodes": "",
        "headline_en": "",
        "description_en": "",
        "instruction_en": "",
        "status": "Actual",
        "event": "",
        "web": "",
        "contact": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def publisher(client, django_user_model):
    client.force_login(_user(django_user_model, publish=True))
    return client


def post(client, url=ADD_URL, publish=True, **changes):
    data = form_data(**changes)
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(url, data)


def errors_of(response):
    form = response.context["form"]
    return {k: [str(e) for e in v] for k, v in form.errors.items()}


def test_emergency_publisher_publishes_at_once(publisher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(publisher)
    assert response.status_code == 302, errors_of(response)
    ann = Announcement.objects.get()
    assert ann.live
    (message,) = ann.messages.all()
    assert message.msg_type == "Alert"
    assert Message.objects.active().count() == 1


def test_editor_without_publish_permission_only_saves_a_draft(client, django_user_model):
    client.force_login(_user(django_user_model, publish=False))
    response = post(client)  # asks to publish, but may not
    ann = Announcement.objects.get()
    assert not ann.live and not ann.messages.exists()
    assert response.status_code in (302, 200)


@pytest.mark.parametrize(
    "changes,field,text",
    [
        ({"whole_city": None}, "whole_city", "Wskaż obszar"),
        ({"expires": "2020-01-01 10:00"}, "expires", "nie może wygasać przed"),
        (
            {"whole_city": None, "polygon": "50.24,19.13 50.25,19.15 50.23,19.16 50.22,19.13"},
            "polygon",
            "nie jest zamknięty",
        ),
        (
            {"whole_city": None, "polygon": "19.13,50.24 19.15,50.25 19.16,50.23 19.13,50.24"},
            "polygon",
            "zamienione",
        ),
        (
            {"whole_city": None, "polygon": "50.0,19.0 50.1,19.1 50.1,19.0 50.0,19.1 50.0,19.0"},
            "polygon",
            "przecina sam siebie",
        ),
        ({"whole_city": None, "circle": "50.24 19.13"}, "circle", "szerokość,długość promień_km"),
        ({"msg_type": "Update"}, "msg_type", "nie ma czego aktualizować"),
        ({"msg_type": "Cancel"}, "msg_type", "nie ma czego aktualizować"),
        ({"geocodes": "TERYT 2470011"}, "geocodes", "NAZWA=wartość"),
        ({"full_page": "on"}, "full_page", "stopnia czerwonego"),
        ({"description": "Uwaga <b>awaria</b>"}, "description", "HTML"),
    ],
)
def test_editor_gets_clear_errors(publisher, changes, field, text):
    response = post(publisher, **changes)
    assert response.status_code == 400 or response.status_code == 200
    errors = errors_of(response)
    assert any(text in e for e in errors.get(field, [])), errors
    assert not Message.objects.exists()


def test_update_of_published_announcement(publisher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(publisher)
    ann = Announcement.objects.get()
    edit = f"/admin/snippets/alerts/announcement/edit/{ann.pk}/"
    again = post(publisher, edit, msg_type="Alert")
    assert "już publikowany" in " ".join(errors_of(again)["msg_type"])
    with django_capture_on_commit_callbacks(execute=True):
        response = post(publisher, edit, msg_type="Update", update_note="Naprawa potrwa dłużej.")
    assert response.status_code == 302, errors_of(response)
    v1, v2 = ann.messages.order_by("version")
    assert v2.msg_type == "Update" and v2.note == "Naprawa potrwa dłużej."
    assert v2.cap_alert().references == [v1.cap_alert().reference()]


# ------------------------------------------------------------------------ import

EXAMPLES = sorted((CAP_DIR / "examples").glob("*.xml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_round_trips_through_our_model(path, xsd):
    """CAP -> Announcement -> CAP still validates (XSD and the spec's extra rules)."""
    alert = cap.parse(path.read_bytes())
    info, info_en = importing._pick_info(alert)
    ann = Announcement()
    importing._fill(ann, alert, info, info_en)
    again = building.build_alert(
        ann,
        [],
        identifier="pl.myslowice.import.1",
        sent=alert.sent,
        msg_type="Alert",
        references=[],
        web="https://myslowice.pl/komunikaty/1/",
    )
    assert cap.schema_errors(cap.to_xml(again), xsd) == []
    assert cap.rule_errors(again) == []
    assert sum(len(a.polygons) for a in again.infos[0].areas) == sum(
        len(a.polygons) for a in info.areas
    )


def _mysl_cap(identifier, msg_type="Alert", refs=None, emma="PL2470", sent_shift=0):
    sent = timezone.localtime().replace(microsecond=0) + timedelta(minutes=sent_shift)
    alert = cap.Alert(
        identifier=identifier,
        sender="imgw@example.pl",
        sent=sent,
        msg_type=msg_type,
        references=refs or [],
        infos=[
            cap.Info(
                language="pl-PL",
                categories=["Met"],
                event="Burze z gradem",
                urgency="Future",
                severity="Severe",
                certainty="Likely",
                effective=sent,
                expires=sent + timedelta(hours=12),
                headline="Ostrzeżenie: burze z gradem, stopień 2",
                description="Prognozuje się burze z opadami do 40 mm.",
                parameters=[("awareness_level", "3; orange; Severe")],
                areas=[cap.Area("powiat Mysłowice", geocodes=[("EMMA_ID", emma)])],
            )
        ],
    )
    return alert, cap.to_xml(alert)


def test_import_republishes_only_what_covers_the_city(db, django_capture_on_commit_callbacks):
    ours, ours_xml = _mysl_cap("PL.1")
    _, gdansk_xml = _mysl_cap("PL.2", emma="PL2261")
    feed = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
      <entry><link type="application/cap+xml" href="https://x.example/1.xml"/></entry>
      <entry><link type="application/cap+xml" href="https://x.example/2.xml"/></entry>
    </feed>"""
    docs = {"https://x.example/1.xml": ours_xml, "https://x.example/2.xml": gdansk_xml}
    with django_capture_on_commit_callbacks(execute=True):
        report = importing.import_bytes(feed, fetcher=docs.__getitem__)
    assert report.published == ["imgw@example.pl,PL.1"], report.lines()
    assert any("nie obejmuje miasta" in s for s in report.skipped)
    ann = Announcement.objects.get()
    assert (ann.level, ann.severity, ann.kind) == ("orange", "Severe", "weather")
    # a second run does not publish twice
    again = importing.import_bytes(feed, fetcher=docs.__getitem__)
    assert again.published == [] and Message.objects.count() == 1
    # the source's cancellation cancels our republished notice
    _, cancel_xml = _mysl_cap("PL.3", "Cancel", refs=[ours.reference()], sent_shift=1)
    report = importing.import_bytes(cancel_xml)
    assert report.published == ["imgw@example.pl,PL.3"]
    assert ann.latest_message().msg_type == "Cancel"


def test_import_refuses_xxe_and_garbage(db):
    evil = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'
    report = importing.import_bytes(evil)
    assert report.errors and "root:" not in " ".join(report.errors)
    assert importing.import_bytes(b"nie xml").errors
    assert not Announcement.objects.exists()


def test_import_command_reads_files(tmp_path, db, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    _, xml = _mysl_cap("PL.9")
    path = tmp_path / "a.xml"
    path.write_bytes(xml)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_cap", str(path))
    assert Announcement.objects.get().source_identifier == "PL.9"


def test_admin_pages_render(client, django_user_model, make_announcement):
    admin = django_user_model.objects.create_superuser("admin", "a@example.pl", "hasło-admina-123")
    client.force_login(admin)
    ann = make_announcement()
    message = ann.latest_message()
    for url in [
        "/admin/snippets/alerts/announcement/",
        ADD_URL,
        f"/admin/snippets/alerts/announcement/edit/{ann.pk}/",
        "/admin/snippets/alerts/message/",
        f"/admin/snippets/alerts/message/inspect/{message.pk}/",
        "/admin/snippets/alerts/subscription/",
        "/admin/snippets/alerts/importsource/",
        "/admin/komunikaty/import/",
    ]:
        assert client.get(url).status_code == 200, url
    # published CAP messages are a record: not even a superuser edits them
    assert client.get("/admin/snippets/alerts/message/add/").status_code in (302, 403)
    assert client.get(f"/admin/snippets/alerts/message/edit/{message.pk}/").status_code in (
        302,
        403,
    )


@pytest.mark.django_db(transaction=True)
def test_admin_import_upload_is_queued_and_run_by_the_worker(publisher, db_tasks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ratusz.core.models import Job
    from tests.worker import run_worker

    _, xml = _mysl_cap("PL.77")
    upload = SimpleUploadedFile("a.xml", xml, content_type="application/cap+xml")
    response = publisher.post("/admin/komunikaty/import/", {"file": upload, "dry_run": "on"})
    dry = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/zadania/{dry.pk}/"
    run_worker()
    dry.refresh_from_db()
    assert dry.status == Job.Status.DONE
    assert ["changed", "", "Opublikowano: imgw@example.pl,PL.77"] in dry.report
    assert not Announcement.objects.exists()  # a dry run publishes nothing

    upload = SimpleUploadedFile("a.xml", xml, content_type="application/cap+xml")
    publisher.post("/admin/komunikaty/import/", {"file": upload})
    assert not Announcement.objects.exists()  # queued, not read by the request
    run_worker()
    job = Job.objects.get(dry_run=False, kind="alerts.cap")
    # the publication's e-mail to subscribers is a job of its own, run by the worker too
    mailing = Job.objects.get(kind="alerts.mailing")
    assert mailing.status == Job.Status.DONE, mailing.error
    page = publisher.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert "Opublikowano: imgw@example.pl,PL.77" in page
    assert Announcement.objects.get().source_identifier == "PL.77"
    assert publisher.post("/admin/komunikaty/import/", {}).status_code == 400


def test_import_needs_publish_permission(client, django_user_model):
    client.force_login(_user(django_user_model, publish=False))
    assert client.get("/admin/komunikaty/import/").status_code in (302, 403)


def test_import_command_imgw_json(tmp_path, db, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from tests.alerts.test_profile import IMGW_JSON

    path = tmp_path / "warningsmeteo.json"
    path.write_text(IMGW_JSON, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_cap", "--imgw", str(path))
    ann = Announcement.objects.get()  # only the warning for powiat 2470
    assert (ann.kind, ann.level, ann.source_sender) == (
        "weather",
        "yellow",
        "danepubliczne.imgw.pl",
    )
    assert "Źródłem pochodzenia danych jest IMGW-PIB" in ann.latest_message().description


def test_left_empty_the_cap_fields_follow_the_kind_and_timing(publisher):
    later = (timezone.localtime() + timedelta(hours=5)).strftime("%Y-%m-%d %H:%M")
    response = post(publisher, urgency="", certainty="", kind="weather", onset=later)
    assert response.status_code == 302, errors_of(response)
    ann = Announcement.objects.get()
    assert (ann.urgency, ann.certainty) == ("Future", "Likely")


def test_a_clerks_explicit_cap_choice_is_kept(publisher):
    response = post(publisher, urgency="Immediate", certainty="Possible")
    assert response.status_code == 302, errors_of(response)
    ann = Announcement.objects.get()
    assert (ann.urgency, ann.certainty) == ("Immediate", "Possible")


def test_the_list_says_whether_a_notice_is_in_force(publisher, make_announcement):
    from django.contrib.auth import get_user_model

    make_announcement()
    publisher.force_login(get_user_model().objects.create_superuser("szef", "s@example.pl", "x"))
    html = publisher.get("/admin/snippets/alerts/announcement/").content.decode()
    assert "Obowiązuje / wygasł" in html
    assert "obowiązuje" in html.split("Obowiązuje / wygasł", 1)[1]
    assert "True" not in html


def test_the_area_is_drawn_on_a_map_above_the_polygon_field(publisher):
    html = publisher.get(ADD_URL).content.decode()
    assert "data-draw-area" in html and "alerts/draw-area.js" in html
    assert "Zaawansowane (CAP)" in html
