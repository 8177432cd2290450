"""Publishing issues CAP messages; lifecycle; banner; feeds; GeoJSON."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from lxml import etree

from ratusz.alerts import cap
from ratusz.alerts.banner import banner_alerts
from ratusz.alerts.models import Message
from ratusz.alerts.publishing import issue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
NS = {"c": cap.NS, "a": "http://www.w3.org/2005/Atom"}


def assert_valid(xml, xsd):
    assert cap.schema_errors(xml.encode() if isinstance(xml, str) else xml, xsd) == []
    alert = cap.parse(xml.encode() if isinstance(xml, str) else xml)
    assert cap.rule_errors(alert) == []
    root = etree.fromstring(xml.encode() if isinstance(xml, str) else xml)
    for tag in ("sent", "effective", "onset", "expires"):
        for el in root.iter(f"{{{cap.NS}}}{tag}"):
            assert "Z" not in el.text and "." not in el.text, el.text
    for poly in root.iter(f"{{{cap.NS}}}polygon"):
        pairs = [tuple(map(float, p.split(","))) for p in poly.text.split()]
        assert pairs[0] == pairs[-1]
        assert all(49 <= lat <= 55 and 14 <= lon <= 24.2 for lat, lon in pairs)
    return alert


def test_publish_issues_a_valid_alert(make_announcement, districts, xsd):
    ann = make_announcement(whole_city=False, circle="50.2417,19.1411 2")
    ann.districts.set(districts)
    ann.save_revision().publish()  # a second publication of the same object ...
    messages = list(ann.messages.order_by("version"))
    assert [m.msg_type for m in messages] == ["Alert", "Update"]  # ... is an Update
    for m in messages:
        assert_valid(m.xml, xsd)
    first, second = (m.cap_alert() for m in messages)
    assert " " not in first.identifier and "," not in first.identifier
    assert second.references == [first.reference()]
    areas = second.infos[0].areas
    assert [a.desc for a in areas][:2] == [
        "Mysłowice – Brzęczkowice i Słupna",
        "Mysłowice – Centrum",
    ]
    assert areas[0].polygons and not areas[1].polygons  # Centrum has no outline
    assert areas[2].circles == [cap.Circle(50.2417, 19.1411, 2.0)]
    assert Message.objects.filter(is_latest=True).count() == 1


def test_update_and_cancel_reference_every_earlier_message(make_announcement, xsd):
    ann = make_announcement()
    ann.msg_type = "Update"
    ann.update_note = "Wiatr słabnie."
    ann.save()
    issue(ann)
    ann.msg_type = "Cancel"
    issue(ann)
    v1, v2, v3 = ann.messages.order_by("version")
    cancel = assert_valid(v3.xml, xsd)
    assert cancel.msg_type == "Cancel"
    assert [r.identifier for r in cancel.references] == [v1.identifier, v2.identifier]
    assert v2.note == "Wiatr słabnie."
    assert list(Message.objects.active()) == []  # a Cancel leaves lists and the banner
    assert banner_alerts() == []


def test_update_with_nothing_to_reference_is_refused(make_announcement):
    from django.core.exceptions import ValidationError

    ann = make_announcement(publish=False)
    with pytest.raises(ValidationError):
        issue(ann, "Update")
    assert not ann.messages.exists()


def test_english_info_block(make_announcement, xsd):
    ann = make_announcement(headline_en="Strong wind", description_en="Gusts up to 75 km/h.")
    alert = assert_valid(ann.latest_message().xml, xsd)
    assert [i.language for i in alert.infos] == ["pl-PL", "en-GB"]
    assert alert.infos[1].headline == "Strong wind"


def test_whole_city_carries_teryt_and_emma_id(make_announcement, xsd):
    alert = assert_valid(make_announcement().latest_message().xml, xsd)
    assert ("TERYT", "2470011") in alert.infos[0].areas[0].geocodes
    assert ("EMMA_ID", "PL2470") in alert.infos[0].areas[0].geocodes
    assert alert.infos[0].parameter("awareness_level") == "2; yellow; Moderate"


def test_banner_order_threshold_and_expiry(make_announcement):
    now = timezone.now()
    make_announcement(headline="Żółte stare", level="yellow")
    make_announcement(headline="Czerwone", level="red", urgency="Future")
    make_announcement(headline="Pomarańczowe pilne", level="orange", urgency="Immediate")
    make_announcement(headline="Pomarańczowe", level="orange", urgency="Expected")
    make_announcement(headline="Zielone", level="green")  # below the default threshold
    make_announcement(
        headline="Zaplanowane", effective=now + timedelta(hours=2), expires=now + timedelta(hours=5)
    )
    make_announcement(headline="Krótkie", expires=now + timedelta(minutes=30))
    headlines = [r["headline"] for r in banner_alerts()]
    assert headlines[:3] == ["Czerwone", "Pomarańczowe pilne", "Pomarańczowe"]
    assert set(headlines[3:]) == {"Żółte stare", "Krótkie"}
    assert "Zielone" not in headlines and "Zaplanowane" not in headlines
    with time_machine.travel(now + timedelta(hours=1)):
        later = [r["headline"] for r in banner_alerts()]
    assert "Krótkie" not in later  # expired without anyone touching it
    with time_machine.travel(now + timedelta(hours=3)):
        assert "Zaplanowane" in [r["headline"] for r in banner_alerts()]


def test_banner_uses_at_most_one_query(make_announcement, django_assert_max_num_queries):
    make_announcement()
    banner_alerts()
    with django_assert_max_num_queries(0):
        banner_alerts()  # served from the cache


def test_dismiss_token_changes_with_each_publication(
    make_announcement, django_capture_on_commit_callbacks
):
    ann = make_announcement()
    before = banner_alerts()[0]["token"]
    ann.msg_type = "Update"
    ann.save()
    with django_capture_on_commit_callbacks(execute=True):
        issue(ann)
    after = banner_alerts()[0]["token"]
    assert before != after


def test_cap_document_url(client, make_announcement, xsd):
    message = make_announcement().latest_message()
    response = client.get(message.cap_url())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/cap+xml")
    assert_valid(response.content, xsd)
    missing = client.get("/api/alerts/cap/nie.ma.takiego.xml")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_atom_feed_links_to_cap(client, make_announcement):
    message = make_announcement().latest_message()
    root = etree.fromstring(client.get("/api/alerts/atom.xml").content)
    (entry,) = root.findall("a:entry", NS)
    links = {lk.get("type"): lk.get("href") for lk in entry.findall("a:link", NS)}
    assert links["application/cap+xml"].endswith(message.cap_url())
    assert links["text/html"].endswith(f"/komunikaty/{message.announcement_id}/")
    assert entry.findtext("c:severity", namespaces=NS) == "Moderate"
    assert entry.findtext("c:msgType", namespaces=NS) == "Alert"
    assert "Z" not in entry.findtext("c:sent", namespaces=NS)


def test_rss_feed_has_cap_enclosure(client, make_announcement):
    message = make_announcement().latest_message()
    root = etree.fromstring(client.get("/api/alerts/rss.xml").content)
    (item,) = root.findall("channel/item")
    enclosure = item.find("enclosure")
    assert enclosure.get("type") == "application/cap+xml"
    assert enclosure.get("url").endswith(message.cap_url())
    assert item.findtext("c:event", namespaces=NS) == "Ostrzeżenie pogodowe"


def test_geojson_and_gis_collection(client, make_announcement, districts):
    ann = make_announcement(
        whole_city=False, polygon="50.24,19.13 50.25,19.15 50.23,19.16 50.24,19.13"
    )
    make_announcement(
        headline="Minione",
        effective=timezone.now() - timedelta(days=3),
        expires=timezone.now() - timedelta(days=2),
    )
    body = client.get("/api/alerts/active.geojson").json()
    (feature,) = body["features"]
    assert feature["geometry"]["type"] == "Polygon"
    assert feature["geometry"]["coordinates"][0][0] == [19.13, 50.24]  # lon, lat
    assert feature["properties"]["url"] == f"/komunikaty/{ann.pk}/"
    from ratusz.alerts.geo import COLLECTIONS

    assert [f["id"] for f in COLLECTIONS[0]["features"]()] == [feature["id"]]
