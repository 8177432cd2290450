"""What a new city needs from the map: its boundary and districts (ratusz.core.newcity)."""

from django.utils.text import slugify

from ratusz.core.newcity import CityRefused, NewCity, Step

from . import boundaries
from .readers import LayerFileError


def boundary(city: NewCity) -> None:
    if city.boundary_file:
        try:
            city.boundary = boundaries.outline(city.boundary_file)
        except LayerFileError as error:
            raise CityRefused(f"Granica gminy: {error}") from None
        city.say(f"granica: z pliku {city.boundary_file.name}")
        return
    city.boundary = boundaries.county(city.name.name)
    if city.boundary is None:
        raise CityRefused(
            f"Ratusz nie ma granicy gminy {city.name.name} (TERC {city.name.terc}): "
            "dołączone granice obejmują 66 miast na prawach powiatu. Podaj plik z granicą "
            "gminy z PRG (GUGiK): --boundary granica.gpkg (albo .geojson, .zip z Shapefile)."
        )
    city.say(f"granica: powiat {city.name.name} z dołączonych granic powiatów (PRG)")


def districts(city: NewCity) -> None:
    from .models import District

    if city.districts_file is None:
        city.say(
            "dzielnice: brak — dodaj je w panelu (Mapa → Dzielnice) albo uruchom polecenie "
            "ponownie dla nowego adresu z --districts plik.geojson"
        )
        return
    try:
        found = boundaries.districts(city.districts_file)
    except LayerFileError as error:
        raise CityRefused(f"Dzielnice: {error}") from None
    # districts are each city's own (#24): other cities' districts do not matter,
    # and the new site (made by the page-tree step) has none yet
    for number, (name, geometry) in enumerate(found, start=1):
        District.objects.create(
            site=city.site,
            name=name,
            slug=slugify(name)[:120] or f"dzielnica-{number}",
            code=f"{number:02d}",
            geometry=geometry,
        )
    city.say(f"dzielnice: {len(found)} z pliku {city.districts_file.name}")


STEPS = [Step(10, "granica miasta", boundary), Step(40, "dzielnice", districts)]
