"""XML external entities and archive tricks in the importers (no database).

CAP documents and Atom/RSS index feeds (alerts), the official EU-funds XLSX
list (XML inside a ZIP) and GIS layer files are all uploaded by staff or
fetched from outside: none may read a local file, reach the network or blow
up memory through entities.
"""

import io
import zipfile

import pytest
from openpyxl import Workbook

from ratusz.alerts import cap, importing
from ratusz.eufunds import official_list
from ratusz.gis import readers

SECRET = "TAJNE-XXE-7f3a"


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def xxe(uri, root="alert", ns=' xmlns="urn:oasis:names:tc:emergency:cap:1.2"'):
    return (
        f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY x SYSTEM "{uri}">]>'
        f"<{root}{ns}><identifier>&x;</identifier></{root}>"
    ).encode()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
    b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol4;</identifier></alert>'
)


@pytest.mark.parametrize("uri", ["file://{path}", "http://127.0.0.1:9/x"])
def test_cap_refuses_external_entities(secret_file, uri):
    document = xxe(uri.format(path=secret_file))
    with pytest.raises(cap.CapError) as refused:
        cap.parse(document)
    assert SECRET not in str(refused.value)


def test_cap_refuses_entity_expansion():
    with pytest.raises(cap.CapError):
        cap.parse(BILLION_LAUGHS)


def test_index_feed_import_refuses_entities_before_fetching(secret_file):
    fetched = []
    feed = xxe(f"file://{secret_file}", root="feed", ns=' xmlns="http://www.w3.org/2005/Atom"')
    report = importing.import_bytes(feed, fetcher=lambda url: fetched.append(url) or b"")
    assert report.errors and not fetched
    assert SECRET not in " ".join(report.errors)


def test_cap_text_with_markup_round_trips_as_text():
    # What CAP carries is text; markup in it is escaped on output, never parsed.
    tricky = '<b>Uwaga</b> & "cudzysłów" ]]> &amp;'
    alert = cap.parse(
        b'<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        b"<identifier>a</identifier><sender>s@example.invalid</sender>"
        b"<sent>2026-11-26T10:00:00+01:00</sent><status>Actual</status>"
        b"<msgType>Alert</msgType><scope>Public</scope><info><category>Met</category>"
        b"<event>Burza</event><urgency>Immediate</urgency><severity>Severe</severity>"
        b"<certainty>Likely</certainty><headline>x</headline></info></alert>"
    )
    alert.infos[0].headline = tricky
    again = cap.parse(cap.to_xml(alert))
    assert again.infos[0].headline == tricky


def _xlsx_with(shared_strings: bytes) -> bytes:
    book = Workbook()
    book.active["A1"] = "placeholder"
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                data = shared_strings
            target.writestr(item, data)
    return out.getvalue()


def test_eu_funds_xlsx_does_not_resolve_external_entities(secret_file):
    shared = (
        f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file://{secret_file}">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&x;</t></si></sst>'
    ).encode()
    try:
        result = official_list.read_official_list(_xlsx_with(shared), filename="lista.xlsx")
    except official_list.LayoutError as refused:
        assert SECRET not in str(refused)
    else:
        assert SECRET not in repr(result)


def test_gis_archives_are_read_in_memory_never_unpacked():
    # A "zip slip" entry name cannot write anywhere: the reader never extracts.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../../../tmp/ratusz-zip-slip.shp", b"\x00" * 100)
    with pytest.raises(readers.LayerFileError):
        readers.read_layer("warstwa.zip", out.getvalue())
    import os

    assert not os.path.exists("/tmp/ratusz-zip-slip.shp")


def test_gis_geopackage_that_is_not_sqlite_is_refused():
    with pytest.raises(readers.LayerFileError):
        readers.read_layer("warstwa.gpkg", b"SQLite format 3\x00" + b"\xff" * 200)
