"""CAP 1.2 building, parsing, XSD and app-level rules (no Django, no database)."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from ratusz.alerts import cap
from ratusz.alerts.cap import Alert, Area, Circle, Info, Reference
from tests.files import CAP_DIR

WARSAW = ZoneInfo("Europe/Warsaw")
XSD = CAP_DIR / "CAP-v1.2.xsd"
EXAMPLES = sorted((CAP_DIR / "examples").glob("*.xml"))
NS = {"c": cap.NS}
CAP_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def polish_alert(**changes) -> Alert:
    sent = datetime(2026, 1, 14, 7, 30, 12, 654321, tzinfo=WARSAW)
    info = Info(
        language="pl-PL",
        categories=["Env", "Health"],
        event="Zła jakość powietrza",
        response_types=["Avoid"],
        urgency="Expected",
        severity="Moderate",
        certainty="Likely",
        event_codes=[("OET:v1.2", "OET-004")],
        effective=sent,
        expires=sent + timedelta(hours=24),
        sender_name="Urząd Miasta Mysłowice",
        headline="Jakość powietrza – WCZK 14.01.2026",
        description="Stężenie pyłu PM10 przekracza poziom informowania.",
        instruction="Ogranicz przebywanie na zewnątrz.",
        web="https://www.myslowice.pl/komunikaty/1/",
        parameters=[("awareness_level", "2; yellow; Moderate")],
        areas=[
            Area(
                desc="Mysłowice – Śródmieście",
                polygons=[[(50.24, 19.13), (50.25, 19.15), (50.23, 19.16), (50.24, 19.13)]],
                circles=[Circle(50.2417, 19.1411, 1.5)],
                geocodes=[("TERYT", "2470011"), ("EMMA_ID", "PL2470")],
            )
        ],
    )
    alert = Alert(
        identifier="pl.myslowice.komunikaty.1.1",
        sender="komunikaty@myslowice.pl",
        sent=sent,
        infos=[info],
    )
    for key, value in changes.items():
        setattr(alert, key, value)
    return alert


def xsd_ok(xml: bytes) -> bool:
    return cap.schema_errors(xml, XSD) == []


# ----------------------------------------------------------------- real examples


def test_examples_are_present():
    assert len(EXAMPLES) >= 7


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_parses_without_loss_and_round_trips(path):
    raw = path.read_bytes()
    assert xsd_ok(raw)
    doc = etree.fromstring(raw)
    alert = cap.parse(raw)

    assert len(alert.infos) == len(doc.findall("c:info", NS))
    assert sum(len(i.areas) for i in alert.infos) == len(doc.findall("c:info/c:area", NS))
    raw_points = [len(p.text.split()) for p in doc.iterfind(".//c:polygon", NS)]
    assert [len(p) for i in alert.infos for a in i.areas for p in a.polygons] == raw_points
    assert alert.identifier == doc.findtext("c:identifier", namespaces=NS).strip()

    again = cap.to_xml(alert)
    assert xsd_ok(again)
    assert cap.parse(again) == alert


def test_dwd_keeps_altitude_and_ceiling():
    alert = cap.parse((CAP_DIR / "examples" / "DE_dwd.xml").read_bytes())
    areas = [a for i in alert.infos for a in i.areas]
    assert len(areas) > 50
    assert areas[0].altitude == 0.0 and areas[0].ceiling == pytest.approx(9842.5197)


def test_references_are_parsed_as_triplets():
    alert = cap.parse((CAP_DIR / "examples" / "meteoalarm_profile_AT_geosphere.xml").read_bytes())
    (ref,) = alert.references
    assert ref.sender == "cap@zamg.ac.at"
    assert ref.identifier.endswith("_3_108")
    assert cap.format_datetime(ref.sent) == "2024-07-12T09:31:45+02:00"


# --------------------------------------------------- mutations the XSD must refuse

GOOD = (CAP_DIR / "examples" / "meteoalarm_profile_AT_geosphere.xml").read_bytes()


@pytest.mark.parametrize(
    "old,new",
    [
        (b"<sent>2024-07-12T13:59:49+02:00", b"<sent>2024-07-12T11:59:49Z"),
        (b"<sent>2024-07-12T13:59:49+02:00", b"<sent>2024-07-12T13:59:49.123+02:00"),
        (b"<sent>2024-07-12T13:59:49+02:00", b"<sent>2024-07-12T13:59:49"),
        (b"<severity>Moderate</severity>", b"<severity>moderate</severity>"),
        (b"<certainty>Likely</certainty>", b""),
        (b"<category>Met</category>", b""),
        (
            b"<urgency>Future</urgency>\n        <severity>Moderate</severity>",
            b"<severity>Moderate</severity>\n        <urgency>Future</urgency>",
        ),
    ],
    ids=["Z", "fraction", "no-offset", "lowercase", "no-certainty", "no-category", "swapped"],
)
def test_xsd_refuses_mutations(old, new):
    assert old in GOOD
    bad = GOOD.replace(old, new, 1)
    assert not xsd_ok(bad)


def test_comma_offset_is_refused_by_xsd_and_by_our_parser():
    # The pattern's [-,+] matches a comma; xs:dateTime underneath does not, and our
    # reader checks the sign itself rather than relying on that.
    bad = GOOD.replace(b"<sent>2024-07-12T13:59:49+02:00", b"<sent>2024-07-12T13:59:49,02:00", 1)
    assert not xsd_ok(bad)
    with pytest.raises(cap.CapError, match="RRRR"):
        cap.parse(bad)


def test_identifier_with_space_passes_xsd_but_not_rules():
    bad = GOOD.replace(b"<identifier>2.49", b"<identifier>PL 2.49", 1)
    assert xsd_ok(bad)
    codes = {p.code for p in cap.rule_errors(cap.parse(bad))}
    assert "identifier-chars" in codes


# ---------------------------------------------------------------- safe parsing


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TAJNE")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<alert xmlns="{cap.NS}"><identifier>&x;</identifier></alert>'
    ).encode()
    with pytest.raises(cap.CapError) as err:
        cap.parse(doc)
    assert "TAJNE" not in str(err.value)


def test_entity_expansion_is_refused():
    lol = (
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f'<alert xmlns="{cap.NS}"><identifier>&c;</identifier></alert>'
    )
    with pytest.raises(cap.CapError):
        cap.parse(lol)


def test_network_dtd_is_not_fetched():
    doc = (
        '<?xml version="1.0"?><!DOCTYPE alert SYSTEM "http://127.0.0.1:9/x.dtd">'
        f'<alert xmlns="{cap.NS}"/>'
    )
    with pytest.raises(cap.CapError):
        cap.parse(doc)


@pytest.mark.parametrize(
    "doc",
    [
        b"",
        b"<alert",
        b"<other/>",
        f'<alert xmlns="{cap.NS}"><identifier>x</identifier></alert>'.encode(),
    ],
)
def test_garbage_gives_cap_error(doc):
    with pytest.raises(cap.CapError):
        cap.parse(doc)


# ------------------------------------------------------------------- our output


def test_our_alert_is_valid_and_has_clean_timestamps():
    alert = polish_alert()
    xml = cap.to_xml(alert)
    assert cap.validate(alert, XSD) == []
    root = etree.fromstring(xml)
    stamps = [
        el.text
        for tag in ("sent", "effective", "onset", "expires")
        for el in root.iter(f"{{{cap.NS}}}{tag}")
    ]
    assert stamps and all(CAP_DATETIME.match(s) for s in stamps)
    assert not any("Z" in s or "." in s for s in stamps)
    assert root.findtext("c:sent", namespaces=NS) == "2026-01-14T07:30:12+01:00"


def test_polygon_is_written_lat_lon_and_closed():
    root = etree.fromstring(cap.to_xml(polish_alert()))
    pairs = root.findtext(".//c:polygon", namespaces=NS).split()
    assert pairs[0] == pairs[-1]
    for pair in pairs:
        lat, lon = map(float, pair.split(","))
        assert 49 <= lat <= 55 and 14 <= lon <= 24.2
    assert root.findtext(".//c:circle", namespaces=NS) == "50.2417,19.1411 1.5"


def test_utc_is_written_with_numeric_offset():
    assert (
        cap.format_datetime(datetime(2026, 3, 1, 12, 0, 0, 5, tzinfo=UTC))
        == "2026-03-01T12:00:00+00:00"
    )
    with pytest.raises(ValueError):
        cap.format_datetime(datetime(2026, 3, 1, 12))


def test_update_references_earlier_message():
    first = polish_alert()
    update = polish_alert(
        identifier="pl.myslowice.komunikaty.1.2",
        sent=first.sent + timedelta(hours=2),
        msg_type="Update",
        references=[first.reference()],
    )
    known = {first.identifier: first}
    assert cap.validate(update, XSD, known=known) == []
    text = etree.fromstring(cap.to_xml(update)).findtext("c:references", namespaces=NS)
    assert text == "komunikaty@myslowice.pl,pl.myslowice.komunikaty.1.1,2026-01-14T07:30:12+01:00"


# --------------------------------------------------------------- app-level rules


def codes(alert, **kw):
    return {p.code for p in cap.rule_errors(alert, **kw)}


def test_update_with_nothing_to_reference():
    assert "references-missing" in codes(polish_alert(msg_type="Update"))
    assert "references-missing" in codes(polish_alert(msg_type="Cancel"))


def test_reference_to_self_later_or_unknown():
    a = polish_alert(msg_type="Update")
    a.references = [a.reference()]
    assert "references-self" in codes(a)
    a.references = [Reference("x@y.pl", "later", a.sent + timedelta(minutes=1))]
    assert "references-later" in codes(a)
    a.references = [Reference("x@y.pl", "gone", a.sent - timedelta(minutes=1))]
    assert "references-unknown" in codes(a, known={})
    assert codes(a) == set()


def test_polygon_rules():
    a = polish_alert()
    area = a.infos[0].areas[0]
    area.polygons = [[(50.24, 19.13), (50.25, 19.15), (50.23, 19.16), (50.22, 19.13)]]
    assert "polygon-open" in codes(a)
    area.polygons = [[(50.24, 19.13), (50.25, 19.15), (50.24, 19.13)]]
    assert "polygon-short" in codes(a)
    bowtie = [(50.0, 19.0), (50.1, 19.1), (50.1, 19.0), (50.0, 19.1), (50.0, 19.0)]
    area.polygons = [bowtie]
    assert "polygon-self-intersects" in codes(a)


def test_expires_before_effective():
    a = polish_alert()
    a.infos[0].expires = a.infos[0].effective - timedelta(hours=1)
    assert "expires-before" in codes(a)


@pytest.mark.parametrize(
    "change,code",
    [
        (lambda a: setattr(a.infos[0], "web", "/komunikaty/1/"), "web-relative"),
        (lambda a: setattr(a.infos[0], "description", "Uwaga <b>smog</b>"), "html"),
        (lambda a: setattr(a.infos[0], "headline", "Smog &amp; mgła"), "html"),
        (lambda a: setattr(a.infos[0], "language", "polski język"), "language"),
        (lambda a: setattr(a.infos[0], "severity", "moderate"), "severity-enum"),
        (lambda a: setattr(a.infos[0], "categories", []), "category-missing"),
        (lambda a: setattr(a, "scope", "Restricted"), "restriction-missing"),
        (lambda a: setattr(a, "addresses", "jan@example.org"), "addresses-scope"),
        (lambda a: setattr(a, "sender", "Urząd Miasta"), "sender-chars"),
        (lambda a: setattr(a, "identifier", "a,b"), "identifier-chars"),
        (lambda a: setattr(a.infos[0].areas[0], "ceiling", 10.0), "ceiling-alone"),
        (lambda a: setattr(a.infos[0].areas[0], "desc", ""), "area-desc"),
        (
            lambda a: a.infos[0].resources.append(cap.Resource("Mapa", "obrazek")),
            "mime",
        ),
    ],
)
def test_rules_the_xsd_does_not_check(change, code):
    a = polish_alert()
    change(a)
    assert code in codes(a)


def test_ceiling_must_be_above_altitude():
    a = polish_alert()
    area = a.infos[0].areas[0]
    area.altitude, area.ceiling = 100.0, 50.0
    assert "ceiling-low" in codes(a)
    area.ceiling = 150.0
    assert codes(a) == set()


# -------------------------------------------------------------------- lifecycle


def test_active_expired_cancelled_superseded():
    first = polish_alert()
    now = first.sent + timedelta(hours=1)
    assert cap.is_active(first, now)
    assert not cap.is_active(first, first.sent + timedelta(hours=25))
    assert not cap.is_active(polish_alert(status="Exercise"), now)
    cancel = polish_alert(identifier="c", msg_type="Cancel", references=[first.reference()])
    assert not cap.is_active(cancel, now)
    assert not cap.is_active(first, now, cap.supersession([first, cancel]))
