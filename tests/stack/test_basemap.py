"""The city's PMTiles base map through nginx: byte ranges, a year's cache, no app."""

import pytest

pytestmark = pytest.mark.stack


def test_base_map_archive_answers_range_requests_from_nginx(stack):
    info = stack.get("/api/gis/podklad").json()
    url = info["pmtiles"]["url"]
    assert url.startswith("/media/podklad/") and ".pmtiles?v=" in url
    head = stack.get(url, headers={"Range": "bytes=0-126"})
    assert head.status_code == 206
    assert head.content[:7] == b"PMTiles" and len(head.content) == 127
    size = int(head.headers["Content-Range"].rsplit("/", 1)[1])
    assert head.headers["Content-Range"] == f"bytes 0-126/{size}"
    assert head.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert head.headers["Content-Type"] == "application/vnd.pmtiles"
    # nginx itself: the app's proxy location would add its cache status and Vary
    assert "X-Cache-Status" not in head.headers and "Vary" not in head.headers
    tail = stack.get(url, headers={"Range": f"bytes={size - 100}-"})
    assert tail.status_code == 206 and len(tail.content) == 100
    beyond = stack.get(url, headers={"Range": f"bytes={size + 10}-"})
    assert beyond.status_code == 416
    # only archives under podklad/: other media keep their own rules
    assert stack.get("/media/podklad/nie-ma.pmtiles").status_code == 404
