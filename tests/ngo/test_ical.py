"""iCalendar export (no Django)."""

from datetime import UTC, date, datetime

from ratusz.ngo.ical import Event, calendar, escape_text, fold


def test_escaping():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_folding_keeps_utf8_characters_whole():
    line = "SUMMARY:" + "ąę" * 60
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(parts) == line


def test_calendar_document():
    text = calendar(
        [
            Event(
                "competition-1@ratusz",
                date(2026, 12, 17),
                "Termin składania ofert: Seniorzy, 2027",
                "https://x/ngo/",
            )
        ],
        name="Terminy NGO",
        stamp=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
    )
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith(
        "END:VCALENDAR\r\n"
    )
    assert "DTSTART;VALUE=DATE:20261217\r\n" in text and "DTEND;VALUE=DATE:20261218\r\n" in text
    assert "DTSTAMP:20261126T090000Z" in text
    assert "SUMMARY:Termin składania ofert: Seniorzy\\, 2027" in text
    assert "\n" not in text.replace("\r\n", "")
