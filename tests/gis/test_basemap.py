"""The base map the portal serves itself: districts with names and their source."""

import pytest

pytestmark = pytest.mark.django_db


def test_basemap_is_the_districts_with_names_and_attribution(client, settings, tmp_path):
    from ratusz.gis.models import District

    # no PMTiles archive (the demo, loaded by other tests, builds one in MEDIA_ROOT)
    settings.MEDIA_ROOT = str(tmp_path)

    square = {
        "type": "Polygon",
        "coordinates": [[[19.1, 50.2], [19.2, 50.2], [19.2, 50.3], [19.1, 50.3], [19.1, 50.2]]],
    }
    District.objects.update_or_create(
        slug="centrum", defaults={"name": "Centrum", "geometry": square}
    )
    District.objects.update_or_create(
        slug="bez-granic", defaults={"name": "Bez granic", "geometry": None}
    )
    response = client.get("/api/gis/podklad")
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    data = response.json()
    names = [f["properties"]["name"] for f in data["features"]]
    assert "Centrum" in names and "Bez granic" not in names
    assert "GUGiK, PRG" in data["attribution"]
    # numbers for machines stay numbers
    assert data["features"][names.index("Centrum")]["geometry"]["coordinates"][0][0] == [19.1, 50.2]
    assert client.post("/api/gis/podklad").status_code == 405
