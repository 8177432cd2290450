"""Kinds, awareness levels, banner order, index feeds (no Django)."""

from datetime import UTC, datetime, timedelta

import pytest

from ratusz.alerts import cap, indexfeed, profile
from ratusz.alerts.cap import Info

T0 = datetime(2026, 1, 14, 8, 0, tzinfo=UTC)


def test_every_kind_has_valid_categories():
    for kind in profile.KINDS.values():
        assert kind.categories and set(kind.categories) <= set(cap.CATEGORIES)


@pytest.mark.parametrize(
    "level,number,severity",
    [
        ("green", 1, "Minor"),
        ("yellow", 2, "Moderate"),
        ("orange", 3, "Severe"),
        ("red", 4, "Extreme"),
    ],
)
def test_awareness_parameter_follows_meteoalarm(level, number, severity):
    name, value = profile.awareness_parameter(level)
    assert (name, value) == ("awareness_level", f"{number}; {level}; {severity}")
    info = Info("x", "Expected", "Unknown", "Likely", parameters=[(name, value)])
    assert profile.level_of(info) == level


def test_level_falls_back_to_severity():
    assert profile.level_of(Info("x", "Expected", "Severe", "Likely")) == "orange"
    assert profile.level_of(Info("x", "Expected", "Unknown", "Likely")) == "green"


def test_banner_order_severity_then_urgency_then_newest():
    rows = [
        ("minor", "Minor", "Immediate", T0),
        ("severe-old", "Severe", "Expected", T0),
        ("severe-new", "Severe", "Expected", T0 + timedelta(hours=1)),
        ("severe-now", "Severe", "Immediate", T0 - timedelta(hours=5)),
        ("extreme", "Extreme", "Future", T0 - timedelta(days=1)),
    ]
    ordered = sorted(rows, key=lambda r: profile.banner_key(r[1], r[2], r[3]))
    assert [r[0] for r in ordered] == ["extreme", "severe-now", "severe-new", "severe-old", "minor"]


def test_threshold():
    assert profile.at_least("Extreme", "Moderate")
    assert profile.at_least("Moderate", "Moderate")
    assert not profile.at_least("Minor", "Moderate")
    assert not profile.at_least("Unknown", "Minor")


def test_dismiss_token_changes_with_version():
    a1 = profile.dismiss_token("pl.myslowice.7", 1)
    assert a1 == profile.dismiss_token("pl.myslowice.7", 1)
    assert a1 != profile.dismiss_token("pl.myslowice.7", 2)
    assert a1 != profile.dismiss_token("pl.myslowice.8", 1)


ATOM_FEED = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <title>Warnings</title>
  <entry><title>a</title>
    <link rel="alternate" type="text/html" href="https://example.org/a.html"/>
    <link rel="alternate" type="application/cap+xml" href="/cap/a.xml"/>
  </entry>
  <entry><title>b</title><link href="https://example.org/b.xml"/></entry>
</feed>"""

RSS_FEED = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>x</title>
  <item><title>a</title><link>https://example.org/a.cap</link></item>
  <item><title>b</title><enclosure url="b.xml" type="application/cap+xml" length="1"/></item>
</channel></rss>"""


def test_atom_index_feed_prefers_cap_links():
    found = indexfeed.entries(ATOM_FEED, base_url="https://feeds.example.org/x")
    assert [e.url for e in found] == [
        "https://feeds.example.org/cap/a.xml",
        "https://example.org/b.xml",
    ]


def test_rss_index_feed():
    found = indexfeed.entries(RSS_FEED, base_url="https://feeds.example.org/")
    assert [e.url for e in found] == [
        "https://example.org/a.cap",
        "https://feeds.example.org/b.xml",
    ]


def test_feed_with_entity_is_refused():
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>'
    )
    with pytest.raises(cap.CapError):
        indexfeed.entries(evil)


def test_unknown_document_is_refused():
    with pytest.raises(cap.CapError):
        indexfeed.entries(b"<html/>")


def test_unsubscribe_headers_follow_rfc_8058():
    from ratusz.alerts import mailrules

    headers = mailrules.unsubscribe_headers(
        "https://myslowice.pl/komunikaty/wypisz/abc/", "wypisz@myslowice.pl"
    )
    assert headers == {
        "List-Unsubscribe": "<https://myslowice.pl/komunikaty/wypisz/abc/>, <mailto:wypisz@myslowice.pl>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    with pytest.raises(ValueError):
        mailrules.unsubscribe_headers("/wypisz/")


def test_subscriber_preferences():
    from ratusz.alerts.mailrules import wants

    assert wants([], "Minor", "smog", "Moderate")
    assert wants(["water"], "Moderate", "water", "Severe")
    assert not wants(["water"], "Minor", "smog", "Extreme")
    assert not wants([], "Severe", "weather", "Moderate")


def test_retries_grow_and_never_stop():
    from ratusz.alerts.mailrules import retry_delay

    delays = [retry_delay(n) for n in range(1, 12)]
    assert delays == sorted(delays) and delays[0] == 60
    assert retry_delay(100) == 24 * 3600


IMGW_JSON = """[
 {"id": "1217", "nazwa_zdarzenia": "Silny wiatr", "stopien": "1", "prawdopodobienstwo": "80",
  "obowiazuje_od": "2026-11-26 10:00:00", "obowiazuje_do": "2026-11-27 06:00:00",
  "opublikowano": "2026-11-26 08:12:37", "tresc": "Prognozuje się porywy do 75 km/h.",
  "komentarz": "", "biuro": "Biuro Prognoz Meteorologicznych w Krakowie",
  "teryt": ["2469", "2470", "2471"]},
 {"id": "1218", "nazwa_zdarzenia": "Intensywne opady deszczu", "stopien": "3",
  "prawdopodobienstwo": "40", "obowiazuje_od": "2026-11-26 12:00:00",
  "obowiazuje_do": "2026-11-26 23:00:00", "opublikowano": "2026-11-26 09:00:00",
  "tresc": "Opady do 90 mm.", "komentarz": "Możliwe podtopienia.", "biuro": "BPM Gdynia",
  "teryt": ["2261", "2262"]}
]"""


def test_imgw_json_becomes_valid_cap_for_our_powiat():
    from ratusz.alerts import imgw
    from tests.files import CAP_XSD

    (alert,) = imgw.to_alerts(IMGW_JSON, powiat="2470")
    info = alert.infos[0]
    assert (info.severity, info.certainty) == ("Moderate", "Likely")
    assert info.parameter("awareness_level") == "2; yellow; Moderate"
    assert ("TERYT", "2470") in info.areas[0].geocodes
    assert "Źródłem pochodzenia danych jest IMGW-PIB" in info.description
    assert cap.format_datetime(info.onset) == "2026-11-26T10:00:00+01:00"
    assert cap.rule_errors(alert) == []
    assert cap.schema_errors(cap.to_xml(alert), CAP_XSD) == []
    (red,) = [a for a in imgw.to_alerts(IMGW_JSON) if a.identifier.endswith("1218")]
    assert (red.infos[0].severity, red.infos[0].certainty) == ("Extreme", "Possible")


@pytest.mark.parametrize("bad", ["{", "{}", '[{"id": "1", "stopien": "7", "teryt": []}]'])
def test_imgw_garbage_is_a_cap_error(bad):
    from ratusz.alerts import imgw

    with pytest.raises(cap.CapError):
        imgw.to_alerts(bad)


def test_cap_defaults_follow_the_kind_and_the_timing():
    from datetime import datetime, timedelta

    from ratusz.alerts.profile import cap_defaults

    now = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    assert cap_defaults("weather", now, None) == ("Immediate", "Likely")
    assert cap_defaults("water", now, now - timedelta(hours=1)) == ("Immediate", "Observed")
    assert cap_defaults("road", now, now + timedelta(minutes=45)) == ("Expected", "Observed")
    assert cap_defaults("smog", now, now + timedelta(hours=12)) == ("Future", "Likely")
    assert cap_defaults("crisis", None, now) == ("Immediate", "Observed")
