"""From an Announcement (and its districts) to CAP data classes, and back for imports."""

import unicodedata
from urllib.parse import urlsplit

from django.utils.translation import gettext
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from ratusz.core import city
from ratusz.core.conf import conf, site_url

from . import areas, cap
from .profile import KINDS, OET_VALUE_NAME, awareness_parameter


def city_name(site=None):
    """The name of the city ``site`` is (the default site's without one)."""
    return city.current(site).city_name


def city_teryt(site=None):
    """The city's TERC code, from its identity ("" before a city is set up)."""
    return city.current(site).terc


def city_geocodes(site=None):
    teryt = city_teryt(site)
    return [("TERYT", teryt), ("EMMA_ID", f"PL{teryt[:4]}")] if teryt else []


def _ascii_name(site=None):
    # "Łódź" -> "lodz": NFKD leaves "ł" alone, so it is mapped first
    name = city_name(site).lower().replace("ł", "l")
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in folded if c.isalnum()) or "ratusz"


def _is_default(site) -> bool:
    return site is None or bool(site.is_default_site)


def city_url(site, path=""):
    """An absolute address on ``site``'s portal (e-mails, feeds, CAP ``web``): the
    default site's is the configured base URL, another city's its own host name."""
    if _is_default(site):
        return site_url(path)
    return site.root_url.rstrip("/") + path


def _setting(name, site):
    """The RATUSZ_ALERTS_* naming settings are the default city's: another city
    on the same installation is named from its own identity and host."""
    return getattr(conf, name) if _is_default(site) else ""


def sender(site=None):
    """CAP ``sender``: the setting, else komunikaty@ the city's host."""
    if _setting("RATUSZ_ALERTS_SENDER", site):
        return conf.RATUSZ_ALERTS_SENDER
    host = urlsplit(conf.WAGTAILADMIN_BASE_URL).hostname if _is_default(site) else site.hostname
    return f"komunikaty@{host or 'localhost'}"


def identifier_prefix(site=None):
    """Prefix of CAP identifiers: the setting, else "pl.<city>.komunikaty"."""
    return _setting("RATUSZ_ALERTS_ID_PREFIX", site) or f"pl.{_ascii_name(site)}.komunikaty"


def parse_polygons(text):
    """Editor's polygon field: one polygon per line. Raises cap.CapError."""
    return [cap.parse_polygon(line) for line in text.splitlines() if line.strip()]


def parse_geocodes(text):
    pairs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(line.strip())
        pairs.append((name.strip(), value.strip()))
    return pairs


def district_geometry(district):
    return district.geometry if district.geometry else None


def _site_of(ann):
    return ann.site if getattr(ann, "site_id", None) else None


def build_areas(ann, districts) -> list[cap.Area]:
    site = _site_of(ann)
    name = city_name(site)
    out = []
    extra_codes = parse_geocodes(ann.geocodes)
    if ann.whole_city:
        out.append(cap.Area(name, geocodes=city_geocodes(site) + extra_codes))
        extra_codes = []
    for d in districts:
        geometry = district_geometry(d)
        polys = areas.geometry_polygons(geometry) if geometry else []
        out.append(cap.Area(f"{name} – {d.name}", polygons=polys))
    polygons = parse_polygons(ann.polygon)
    circles = [cap.parse_circle(ann.circle)] if ann.circle.strip() else []
    if polygons or circles or extra_codes:
        desc = ann.area_description or f"{name} – obszar wskazany na mapie"
        out.append(cap.Area(desc, polygons=polygons, circles=circles, geocodes=extra_codes))
    out += [_area_from_dict(d) for d in ann.imported_areas]
    if out and ann.area_description and not polygons and not circles:
        out[0].desc = f"{out[0].desc}: {ann.area_description}"[:1000]
    return out


def build_infos(ann, areas_list, web) -> list[cap.Info]:
    kind = KINDS[ann.kind]
    site = _site_of(ann)
    identity = city.current(site)
    common = dict(
        categories=list(ann.categories) or list(kind.categories),
        response_types=list(ann.response_types),
        urgency=ann.urgency,
        severity=ann.severity,
        certainty=ann.certainty,
        event_codes=[(OET_VALUE_NAME, kind.oet)] if kind.oet else [],
        effective=ann.effective,
        onset=ann.onset,
        expires=ann.expires,
        sender_name=_setting("RATUSZ_ALERTS_SENDER_NAME", site)
        or identity.office_name
        or gettext("Urząd Miasta %(city_name)s") % {"city_name": identity.city_name},
        web=ann.web or web,
        contact=ann.contact,
        parameters=[awareness_parameter(ann.level)],
        areas=areas_list,
    )
    infos = [
        cap.Info(
            language="pl-PL",
            event=ann.event or kind.event,
            headline=ann.headline,
            description=ann.description,
            instruction=ann.instruction,
            **common,
        )
    ]
    if ann.headline_en:
        infos.append(
            cap.Info(
                language="en-GB",
                event=kind.event_en,
                headline=ann.headline_en,
                description=ann.description_en or ann.headline_en,
                instruction=ann.instruction_en,
                **common,
            )
        )
    return infos


def build_alert(ann, districts, *, identifier, sent, msg_type, references, web="") -> cap.Alert:
    return cap.Alert(
        identifier=identifier,
        sender=sender(_site_of(ann)),
        sent=sent,
        status=ann.status,
        msg_type=msg_type,
        scope="Public",
        source=ann.source_sender,
        references=references,
        infos=build_infos(ann, build_areas(ann, districts), web),
    )


def union_geometry(geometries):
    shapes = [shape(g) for g in geometries if g]
    if not shapes:
        return None
    return mapping(unary_union(shapes))


def alert_geometry(alert: cap.Alert, city_geometry=None, site=None):
    """GeoJSON of the first info's areas; whole-city areas (codes only) get the outline."""
    if not alert.infos:
        return None
    codes = set(city_geocodes(site))
    geoms = []
    for area in alert.infos[0].areas:
        g = areas.area_geometry(area)
        if g is None and city_geometry and set(area.geocodes) & codes:
            g = city_geometry
        geoms.append(g)
    merged = union_geometry(geoms)
    return _plain(merged) if merged else None


def _plain(obj):
    """shapely's mapping() gives tuples; JSON wants lists."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    return obj


def _area_from_dict(d) -> cap.Area:
    return cap.Area(
        desc=d["desc"],
        polygons=[[tuple(p) for p in poly] for poly in d.get("polygons", [])],
        circles=[cap.Circle(*c) for c in d.get("circles", [])],
        geocodes=[tuple(g) for g in d.get("geocodes", [])],
        altitude=d.get("altitude"),
        ceiling=d.get("ceiling"),
    )


def area_to_dict(area: cap.Area) -> dict:
    return {
        "desc": area.desc,
        "polygons": [[list(p) for p in poly] for poly in area.polygons],
        "circles": [[c.lat, c.lon, c.radius_km] for c in area.circles],
        "geocodes": [list(g) for g in area.geocodes],
        "altitude": area.altitude,
        "ceiling": area.ceiling,
    }
