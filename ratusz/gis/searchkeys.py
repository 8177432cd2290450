"""What the map's search box matches: the keys stored for a parcel, an address
point or a named place, and how a resident's query is read.

Plain Python, no Django. Keys are normalised (lower case, Polish letters
without diacritics, no "ul."), so "powstancow" finds "ul. Powstańców" and
"1/1" finds parcel 247001_1.0001.1/1. ``ratusz.gis.placesearch`` stores them in
an indexed table and looks them up by equality and prefix in the database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .parcels import parse_parcel_id

MAX_KEY = 200
# street prefixes residents type or leave out; the key is the bare name
_PREFIXES = re.compile(r"^(ul|ulica|al|aleja|aleje|pl|plac|os|osiedle|rondo)\.?\s+")
_NOT_KEY = re.compile(r"[^0-9a-z/._ -]+")
_SPACES = re.compile(r"[\s,;]+")
_NUMBER = re.compile(r"^\d+[a-z]?(/\d+[a-z]?)?$")
_OBREB_NUMBER = re.compile(r"^(?P<obreb>\d{1,4})[.\s]+(?P<number>\d+(?:/\d+)?)$")
_PARCEL_NUMBER = re.compile(r"^\d+(/\d+)?$")

# attribute names of PRG address points (GML, shapefile and CSV exports of
# GUGiK) and of common other sources, compared case-insensitively
STREET_FIELDS = ("ulica", "ul_nazwa_glowna", "nazwa_ulicy", "ulica_nazwa", "street", "addr:street")
NUMBER_FIELDS = (
    "numerporzadkowy",
    "numer_porzadkowy",
    "nr_porzadkowy",
    "numer",
    "nr",
    "housenumber",
    "addr:housenumber",
)
PLACE_FIELDS = ("miejscowosc", "msc_nazwa", "place", "addr:city")


def normalise(text: str) -> str:
    """Lower case ASCII key: "ul. Powstańców Śląskich 3A" -> "powstancow slaskich 3a"."""
    value = str(text or "").replace("ł", "l").replace("Ł", "L")
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    value = _SPACES.sub(" ", _NOT_KEY.sub(" ", value)).strip()
    value = _PREFIXES.sub("", value)
    return value[:MAX_KEY]


def parcel_keys(label: str) -> list[str]:
    """Keys of a parcel: its id without the map sheet (AR_k), with it where it has
    one, and the bare parcel number; an id that does not parse is kept whole."""
    try:
        parsed = parse_parcel_id(label)
    except ValueError:
        key = normalise(label)
        return [key] if key else []
    no_sheet = f"{parsed.unit}.{parsed.obreb}.{parsed.number}"
    keys = [no_sheet.lower(), parsed.number]
    if parsed.sheet is not None:
        keys.append(str(parsed).lower())
    return keys


def _field(properties: dict, names: tuple[str, ...]) -> str:
    lowered = {str(k).lower(): v for k, v in properties.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return ""


@dataclass(frozen=True)
class Address:
    street: str  # as written in the data, e.g. "ul. Mikołowska" or "Mikołowska"
    number: str
    place: str

    @property
    def street_name(self) -> str:
        """The street without "ul." (kept for "Plac", "Rynek", "Aleja" names)."""
        return re.sub(r"^(ul\.|ulica)\s+", "", self.street, flags=re.IGNORECASE)

    @property
    def label(self) -> str:
        if self.street:
            return f"{self.street_name} {self.number}".strip()
        return f"{self.place} {self.number}".strip()


_LABEL_ADDRESS = re.compile(r"^(?P<street>.*\D)\s+(?P<number>\d+[A-Za-z]?(?:/\d+[A-Za-z]?)?)$")


def address_of(properties: dict, label: str = "") -> Address | None:
    """The street, number and place of an address point, or None when it has no
    number. Without PRG's separate fields the label is read: "ul. Polna 3A"."""
    number = _field(properties, NUMBER_FIELDS)
    place = _field(properties, PLACE_FIELDS)
    if number:
        return Address(_field(properties, STREET_FIELDS), number, place)
    match = _LABEL_ADDRESS.match(str(label or "").strip())
    if match is None:
        return None
    return Address(match["street"].strip(" ,"), match["number"], place)


def word_suffixes(name: str) -> list[str]:
    """ "powstancow slaskich" -> ["powstancow slaskich", "slaskich"]: a name is also
    found by its last words (residents type "Hallera" for "gen. Józefa Hallera")."""
    words = normalise(name).split(" ")
    return [" ".join(words[i:]) for i in range(len(words)) if words[i]]


def address_keys(address: Address) -> list[str]:
    number = normalise(address.number).replace(" ", "")
    base = address.street_name or address.place
    return [f"{suffix} {number}"[:MAX_KEY] for suffix in word_suffixes(base)]


@dataclass(frozen=True)
class Query:
    text: str  # normalised
    exact: tuple[str, ...]  # keys looked up by equality first
    prefix: str  # then by prefix
    obreb: str = ""  # "0001.2684/248": the parcel number within this obręb
    parcel_like: bool = False
    has_number: bool = False


def read_query(text: str) -> Query:
    """What to look up for a query; never raises."""
    raw = str(text or "").strip()[:MAX_KEY]
    key = normalise(raw)
    compact = raw.replace(" ", "")
    try:
        parsed = parse_parcel_id(compact)
    except ValueError:
        parsed = None
    if parsed is not None:
        no_sheet = f"{parsed.unit}.{parsed.obreb}.{parsed.number}".lower()
        return Query(key, (no_sheet, str(parsed).lower()), no_sheet, parcel_like=True)
    obreb = _OBREB_NUMBER.match(raw)
    if obreb:
        return Query(
            key,
            (obreb["number"],),
            obreb["number"],
            obreb=f"{int(obreb['obreb']):04d}",
            parcel_like=True,
        )
    if _PARCEL_NUMBER.match(compact):
        return Query(key, (compact,), compact, parcel_like=True, has_number=True)
    if re.match(r"^\d{6}_\d", compact):  # the start of an id: prefix only
        return Query(compact.lower(), (), compact.lower(), parcel_like=True)
    has_number = any(_NUMBER.match(word) for word in key.split(" ")[1:])
    return Query(key, (key,) if key else (), key, has_number=has_number)
