"""OASIS CAP 1.2: plain data classes, a safe parser, a serialiser and the checks.

No Django here. Messages for people are Polish; each problem also has a stable
``code`` so callers (forms, import command, tests) can tell them apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from ratusz.core.marks import N_

NS = "urn:oasis:names:tc:emergency:cap:1.2"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
MEDIA_TYPE = "application/cap+xml"

STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
CATEGORIES = (
    "Geo", "Met", "Safety", "Security", "Rescue", "Fire",
    "Health", "Env", "Transport", "Infra", "CBRNE", "Other",
)  # fmt: skip
RESPONSE_TYPES = (
    "Shelter", "Evacuate", "Prepare", "Execute", "Avoid",
    "Monitor", "Assess", "AllClear", "None",
)  # fmt: skip
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")

# Rank used for ordering banners: lower = more important.
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
URGENCY_RANK = {u: i for i, u in enumerate(URGENCIES)}

_DATETIME_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([-+])(\d\d):(\d\d)$")
_FORBIDDEN_ID_CHARS = re.compile(r"[\s,<&]")
# BCP 47 shape (not the registry): primary subtag then subtags of 1-8 alphanumerics.
_BCP47_RE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
# RFC 2046/6838 type/subtype.
_MIME_RE = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$"
)
_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


class CapError(ValueError):
    """A document that is not CAP 1.2 we can read (message in Polish)."""


# --------------------------------------------------------------------------- data


@dataclass
class Circle:
    lat: float
    lon: float
    radius_km: float


@dataclass
class Area:
    desc: str
    polygons: list[list[tuple[float, float]]] = field(default_factory=list)  # (lat, lon) pairs
    circles: list[Circle] = field(default_factory=list)
    geocodes: list[tuple[str, str]] = field(default_factory=list)
    altitude: float | None = None
    ceiling: float | None = None


@dataclass
class Resource:
    desc: str
    mime_type: str
    size: int | None = None
    uri: str = ""
    deref_uri: str = ""
    digest: str = ""


@dataclass
class Info:
    event: str
    urgency: str
    severity: str
    certainty: str
    categories: list[str] = field(default_factory=list)
    language: str = "pl-PL"
    response_types: list[str] = field(default_factory=list)
    audience: str = ""
    event_codes: list[tuple[str, str]] = field(default_factory=list)
    effective: datetime | None = None
    onset: datetime | None = None
    expires: datetime | None = None
    sender_name: str = ""
    headline: str = ""
    description: str = ""
    instruction: str = ""
    web: str = ""
    contact: str = ""
    parameters: list[tuple[str, str]] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)

    def parameter(self, name: str) -> str | None:
        return next((v for n, v in self.parameters if n == name), None)


@dataclass
class Reference:
    sender: str
    identifier: str
    sent: datetime

    def __str__(self) -> str:
        return f"{self.sender},{self.identifier},{format_datetime(self.sent)}"


@dataclass
class Alert:
    identifier: str
    sender: str
    sent: datetime
    status: str = "Actual"
    msg_type: str = "Alert"
    scope: str = "Public"
    source: str = ""
    restriction: str = ""
    addresses: str = ""
    codes: list[str] = field(default_factory=list)
    note: str = ""
    references: list[Reference] = field(default_factory=list)
    incidents: str = ""
    infos: list[Info] = field(default_factory=list)

    def reference(self) -> Reference:
        """How a later message points at this one."""
        return Reference(self.sender, self.identifier, self.sent)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


# ---------------------------------------------------------------------- datetimes


def format_datetime(dt: datetime) -> str:
    """CAP date-time: whole seconds and a numeric offset (never ``Z``)."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(N_("Data w CAP musi mieć strefę czasową."))
    offset = dt.utcoffset()
    assert offset is not None  # checked above
    if offset.seconds % 60 or offset.microseconds:
        raise ValueError(N_("Przesunięcie strefy czasowej musi być w pełnych minutach."))
    # isoformat() of an aware datetime ends in +HH:MM, never Z.
    return dt.replace(microsecond=0).isoformat()


def parse_datetime(text: str) -> datetime:
    m = _DATETIME_RE.match(text.strip())
    if not m:
        raise CapError(
            N_(
                "Nieprawidłowa data „%(text)s”: oczekiwano RRRR-MM-DDTgg:mm:ss±gg:mm (bez "
                "ułamków sekund i bez „Z”)."
            )
            % {"text": text}
        )
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    delta = timedelta(hours=int(oh), minutes=int(om))
    if delta >= timedelta(hours=24):
        raise CapError(N_("Nieprawidłowe przesunięcie strefy w dacie „%(text)s”.") % {"text": text})
    tz = timezone(-delta if sign == "-" else delta)
    try:
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=tz)
    except ValueError as exc:
        raise CapError(N_("Nieprawidłowa data „%(text)s”.") % {"text": text}) from exc


# --------------------------------------------------------------------- geometry


def _num(x: float) -> str:
    text = repr(float(x))
    if "e" in text or "E" in text:
        text = f"{x:.10f}".rstrip("0").rstrip(".")
    return text


def format_polygon(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{_num(lat)},{_num(lon)}" for lat, lon in points)


def parse_polygon(text: str) -> list[tuple[float, float]]:
    points = []
    for pair in text.split():
        try:
            lat, lon = pair.split(",")
            points.append((float(lat), float(lon)))
        except ValueError as exc:
            raise CapError(
                N_("Nieprawidłowa para współrzędnych „%(pair)s” w wielokącie.") % {"pair": pair}
            ) from exc
    return points


def format_circle(c: Circle) -> str:
    return f"{_num(c.lat)},{_num(c.lon)} {_num(c.radius_km)}"


def parse_circle(text: str) -> Circle:
    try:
        centre, radius = text.split()
        lat, lon = centre.split(",")
        return Circle(float(lat), float(lon), float(radius))
    except ValueError as exc:
        raise CapError(
            N_("Nieprawidłowe koło „%(text)s”: oczekiwano „szer,dł promień_km”.") % {"text": text}
        ) from exc


def parse_references(text: str) -> list[Reference]:
    refs = []
    for triplet in text.split():
        parts = triplet.split(",")
        if len(parts) != 3:
            raise CapError(
                N_("Nieprawidłowe odwołanie „%(triplet)s”: oczekiwano nadawca,id,data.")
                % {"triplet": triplet}
            )
        refs.append(Reference(parts[0], parts[1], parse_datetime(parts[2])))
    return refs


# ------------------------------------------------------------------ serialising


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: Any, tag: str, text: Any) -> None:
    if text is None or text == "":
        return
    el = etree.SubElement(parent, _q(tag))
    if isinstance(text, datetime):
        el.text = format_datetime(text)
    elif isinstance(text, float):
        el.text = _num(text)
    else:
        el.text = str(text)


def _pairs(parent: Any, tag: str, pairs: Iterable[tuple[str, str]]) -> None:
    for name, value in pairs:
        el = etree.SubElement(parent, _q(tag))
        _sub(el, "valueName", name)
        etree.SubElement(el, _q("value")).text = value


def to_element(alert: Alert) -> etree._Element:
    root = etree.Element(_q("alert"), nsmap={None: NS})
    for tag, value in (
        ("identifier", alert.identifier),
        ("sender", alert.sender),
        ("sent", alert.sent),
        ("status", alert.status),
        ("msgType", alert.msg_type),
        ("source", alert.source),
        ("scope", alert.scope),
        ("restriction", alert.restriction),
        ("addresses", alert.addresses),
    ):
        _sub(root, tag, value)
    for code in alert.codes:
        _sub(root, "code", code)
    _sub(root, "note", alert.note)
    _sub(root, "references", " ".join(str(r) for r in alert.references))
    _sub(root, "incidents", alert.incidents)
    for info in alert.infos:
        _info_element(root, info)
    return root


def _info_element(root: Any, info: Info) -> None:
    el = etree.SubElement(root, _q("info"))
    _sub(el, "language", info.language)
    for c in info.categories:
        _sub(el, "category", c)
    _sub(el, "event", info.event)
    for r in info.response_types:
        _sub(el, "responseType", r)
    for tag in ("urgency", "severity", "certainty", "audience"):
        _sub(el, tag, getattr(info, tag))
    _pairs(el, "eventCode", info.event_codes)
    for tag, attr in (
        ("effective", "effective"),
        ("onset", "onset"),
        ("expires", "expires"),
        ("senderName", "sender_name"),
        ("headline", "headline"),
        ("description", "description"),
        ("instruction", "instruction"),
        ("web", "web"),
        ("contact", "contact"),
    ):
        _sub(el, tag, getattr(info, attr))
    _pairs(el, "parameter", info.parameters)
    for res in info.resources:
        r = etree.SubElement(el, _q("resource"))
        _sub(r, "resourceDesc", res.desc)
        _sub(r, "mimeType", res.mime_type)
        _sub(r, "size", res.size)
        _sub(r, "uri", res.uri)
        _sub(r, "derefUri", res.deref_uri)
        _sub(r, "digest", res.digest)
    for area in info.areas:
        a = etree.SubElement(el, _q("area"))
        etree.SubElement(a, _q("areaDesc")).text = area.desc
        for poly in area.polygons:
            _sub(a, "polygon", format_polygon(poly))
        for circle in area.circles:
            _sub(a, "circle", format_circle(circle))
        _pairs(a, "geocode", area.geocodes)
        _sub(a, "altitude", area.altitude)
        _sub(a, "ceiling", area.ceiling)


def to_xml(alert: Alert) -> bytes:
    document: bytes = etree.tostring(
        to_element(alert), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return document


# ---------------------------------------------------------------------- parsing


def safe_parser() -> etree.XMLParser:
    """No entities, no DTD, no network: untrusted CAP cannot reach files or hosts."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_document(data: bytes | str) -> etree._Element:
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise CapError(N_("To nie jest poprawny XML: %(exc)s") % {"exc": exc}) from exc
    if root.getroottree().docinfo.internalDTD is not None or b"<!ENTITY" in data:
        raise CapError(N_("Dokument CAP nie może zawierać deklaracji DTD ani encji."))
    return root


def _text(el: Any, tag: str) -> str:
    child = el.find(_q(tag))
    return (child.text or "").strip() if child is not None else ""


def _texts(el: Any, tag: str) -> list[str]:
    return [(c.text or "").strip() for c in el.findall(_q(tag))]


def _opt_dt(el: Any, tag: str) -> datetime | None:
    text = _text(el, tag)
    return parse_datetime(text) if text else None


def _opt_float(el: Any, tag: str) -> float | None:
    text = _text(el, tag)
    if not text:
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise CapError(
            N_("Element <%(tag)s> musi być liczbą, jest „%(text)s”.") % {"tag": tag, "text": text}
        ) from exc


def _read_pairs(el: Any, tag: str) -> list[tuple[str, str]]:
    return [(_text(p, "valueName"), _text(p, "value")) for p in el.findall(_q(tag))]


def from_element(root: Any) -> Alert:
    if root.tag != _q("alert"):
        raise CapError(
            N_("Korzeń dokumentu to %(tag)s, a nie <alert> w przestrzeni CAP 1.2.")
            % {"tag": root.tag}
        )
    for tag in ("identifier", "sender", "sent", "status", "msgType", "scope"):
        if not _text(root, tag):
            raise CapError(N_("Brak wymaganego elementu <%(tag)s>.") % {"tag": tag})
    refs = _text(root, "references")
    return Alert(
        identifier=_text(root, "identifier"),
        sender=_text(root, "sender"),
        sent=parse_datetime(_text(root, "sent")),
        status=_text(root, "status"),
        msg_type=_text(root, "msgType"),
        scope=_text(root, "scope"),
        source=_text(root, "source"),
        restriction=_text(root, "restriction"),
        addresses=_text(root, "addresses"),
        codes=_texts(root, "code"),
        note=_text(root, "note"),
        references=parse_references(refs) if refs else [],
        incidents=_text(root, "incidents"),
        infos=[_read_info(i) for i in root.findall(_q("info"))],
    )


def _read_info(el: Any) -> Info:
    return Info(
        language=_text(el, "language") or "en-US",
        categories=_texts(el, "category"),
        event=_text(el, "event"),
        response_types=_texts(el, "responseType"),
        urgency=_text(el, "urgency"),
        severity=_text(el, "severity"),
        certainty=_text(el, "certainty"),
        audience=_text(el, "audience"),
        event_codes=_read_pairs(el, "eventCode"),
        effective=_opt_dt(el, "effective"),
        onset=_opt_dt(el, "onset"),
        expires=_opt_dt(el, "expires"),
        sender_name=_text(el, "senderName"),
        headline=_text(el, "headline"),
        description=_text(el, "description"),
        instruction=_text(el, "instruction"),
        web=_text(el, "web"),
        contact=_text(el, "contact"),
        parameters=_read_pairs(el, "parameter"),
        resources=[_read_resource(r) for r in el.findall(_q("resource"))],
        areas=[_read_area(a) for a in el.findall(_q("area"))],
    )


def _read_resource(el: Any) -> Resource:
    size = _text(el, "size")
    try:
        size_value = int(size) if size else None
    except ValueError as exc:
        raise CapError(
            N_("Element <size> musi być liczbą całkowitą, jest „%(size)s”.") % {"size": size}
        ) from exc
    return Resource(
        desc=_text(el, "resourceDesc"),
        mime_type=_text(el, "mimeType"),
        size=size_value,
        uri=_text(el, "uri"),
        deref_uri=_text(el, "derefUri"),
        digest=_text(el, "digest"),
    )


def _read_area(el: Any) -> Area:
    return Area(
        desc=_text(el, "areaDesc"),
        polygons=[parse_polygon(t) for t in _texts(el, "polygon")],
        circles=[parse_circle(t) for t in _texts(el, "circle")],
        geocodes=_read_pairs(el, "geocode"),
        altitude=_opt_float(el, "altitude"),
        ceiling=_opt_float(el, "ceiling"),
    )


def parse(data: bytes | str) -> Alert:
    """Read a CAP 1.2 document safely. Structure errors raise :class:`CapError`."""
    return from_element(parse_document(data))


# ------------------------------------------------------------------- validation


@lru_cache(maxsize=4)
def _schema(path: str) -> etree.XMLSchema:
    doc = etree.parse(path, parser=safe_parser())
    return etree.XMLSchema(doc)


def schema_errors(xml: bytes, xsd_path: str | Path) -> list[Problem]:
    """Problems found by the OASIS XSD (element order, enumerations, patterns)."""
    root = parse_document(xml)
    schema = _schema(str(xsd_path))
    if schema.validate(root):
        return []
    return [Problem("xsd", e.message, f"linia {e.line}") for e in schema.error_log]


def rule_errors(alert: Alert, known: dict[str, Alert] | None = None) -> list[Problem]:
    """The rules of the CAP 1.2 spec that the XSD cannot check.

    ``known`` maps identifiers to earlier messages; when given, references must
    point to one of them.
    """
    out: list[Problem] = []
    add = out.append
    for name, value in (("identifier", alert.identifier), ("sender", alert.sender)):
        if not value:
            add(Problem(f"{name}-empty", N_("Pole nie może być puste."), name))
        elif _FORBIDDEN_ID_CHARS.search(value):
            add(
                Problem(
                    f"{name}-chars", N_("Nie może zawierać spacji, przecinków, „<” ani „&”."), name
                )
            )
    _enum(out, "status", alert.status, STATUSES)
    _enum(out, "msgType", alert.msg_type, MSG_TYPES)
    _enum(out, "scope", alert.scope, SCOPES)
    if alert.scope == "Restricted" and not alert.restriction:
        add(
            Problem(
                "restriction-missing", "Zakres „Restricted” wymaga pola restriction.", "restriction"
            )
        )
    if alert.restriction and alert.scope != "Restricted":
        add(
            Problem(
                "restriction-scope",
                N_("Pole restriction tylko przy zakresie „Restricted”."),
                "restriction",
            )
        )
    if alert.scope == "Private" and not alert.addresses:
        add(Problem("addresses-missing", N_("Zakres „Private” wymaga adresatów."), "addresses"))
    if alert.addresses and alert.scope != "Private":
        add(Problem("addresses-scope", N_("Adresaci tylko przy zakresie „Private”."), "addresses"))
    if alert.msg_type == "Error" and not alert.note:
        add(Problem("note-missing", "Komunikat typu „Error” wymaga notatki (note).", "note"))
    _check_dt(out, "sent", alert.sent)
    out.extend(reference_errors(alert, known))
    for i, info in enumerate(alert.infos, start=1):
        out.extend(info_errors(info, where=f"info[{i}]"))
    return out


def reference_errors(alert: Alert, known: dict[str, Alert] | None = None) -> list[Problem]:
    out = []
    if alert.msg_type in ("Update", "Cancel", "Ack", "Error") and not alert.references:
        out.append(
            Problem(
                "references-missing",
                N_("Aktualizacja lub odwołanie musi wskazywać wcześniejszy komunikat."),
                "references",
            )
        )
    for ref in alert.references:
        if ref.identifier == alert.identifier and ref.sender == alert.sender:
            out.append(
                Problem(
                    "references-self", N_("Komunikat nie może wskazywać sam siebie."), "references"
                )
            )
        elif ref.sent > alert.sent:
            out.append(
                Problem(
                    "references-later",
                    N_("Odwołanie do „%(identifier)s” wskazuje komunikat późniejszy niż ten.")
                    % {"identifier": ref.identifier},
                    "references",
                )
            )
        elif known is not None and ref.identifier not in known:
            out.append(
                Problem(
                    "references-unknown",
                    N_("Nie znamy komunikatu „%(identifier)s”, do którego jest odwołanie.")
                    % {"identifier": ref.identifier},
                    "references",
                )
            )
        for bad in (ref.sender, ref.identifier):
            if not bad or _FORBIDDEN_ID_CHARS.search(bad):
                out.append(
                    Problem("references-chars", N_("Nieprawidłowe odwołanie."), "references")
                )
    return out


def info_errors(info: Info, where: str = "info") -> list[Problem]:
    out: list[Problem] = []
    add = out.append
    if not _BCP47_RE.match(info.language or ""):
        add(
            Problem(
                "language",
                N_("„%(language)s” nie jest kodem języka BCP 47.") % {"language": info.language},
                where,
            )
        )
    if not info.categories:
        add(Problem("category-missing", N_("Wymagana jest co najmniej jedna kategoria."), where))
    for c in info.categories:
        _enum(out, "category", c, CATEGORIES, where)
    for r in info.response_types:
        _enum(out, "responseType", r, RESPONSE_TYPES, where)
    if not info.event:
        add(Problem("event-missing", N_("Wymagany jest rodzaj zdarzenia (event)."), where))
    _enum(out, "urgency", info.urgency, URGENCIES, where)
    _enum(out, "severity", info.severity, SEVERITIES, where)
    _enum(out, "certainty", info.certainty, CERTAINTIES, where)
    for tag in ("effective", "onset", "expires"):
        value = getattr(info, tag)
        if value is not None:
            _check_dt(out, tag, value, where)
    start = info.onset or info.effective
    if info.expires and start and info.expires <= start:
        add(
            Problem(
                "expires-before", N_("Data wygaśnięcia musi być późniejsza niż początek."), where
            )
        )
    if info.web and not _absolute_url(info.web):
        add(
            Problem(
                "web-relative", N_("Adres „web” musi być bezwzględny (http… lub https…)."), where
            )
        )
    for tag in ("event", "headline", "description", "instruction", "contact", "sender_name"):
        if _HTML_RE.search(getattr(info, tag) or ""):
            add(
                Problem(
                    "html",
                    N_("Pole %(tag)s nie może zawierać znaczników HTML ani encji.") % {"tag": tag},
                    where,
                )
            )
    for j, res in enumerate(info.resources, start=1):
        if not _MIME_RE.match(res.mime_type or ""):
            add(
                Problem(
                    "mime",
                    N_("„%(mime_type)s” nie jest typem MIME.") % {"mime_type": res.mime_type},
                    f"{where}.resource[{j}]",
                )
            )
    for j, area in enumerate(info.areas, start=1):
        out.extend(area_errors(area, f"{where}.area[{j}]"))
    return out


def area_errors(area: Area, where: str = "area") -> list[Problem]:
    out: list[Problem] = []
    add = out.append
    if not area.desc:
        add(Problem("area-desc", N_("Obszar musi mieć opis."), where))
    for k, poly in enumerate(area.polygons, start=1):
        w = f"{where}.polygon[{k}]"
        if len(poly) < 4:
            add(
                Problem(
                    "polygon-short", N_("Wielokąt musi mieć co najmniej 4 pary współrzędnych."), w
                )
            )
            continue
        if poly[0] != poly[-1]:
            add(
                Problem(
                    "polygon-open",
                    N_("Wielokąt nie jest zamknięty: pierwszy punkt musi być równy ostatniemu."),
                    w,
                )
            )
            continue
        if not all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in poly):
            add(Problem("polygon-range", N_("Współrzędne poza zakresem WGS 84."), w))
            continue
        if not polygon_is_simple(poly):
            add(Problem("polygon-self-intersects", N_("Wielokąt przecina sam siebie."), w))
    for k, c in enumerate(area.circles, start=1):
        if not (-90 <= c.lat <= 90 and -180 <= c.lon <= 180) or c.radius_km < 0:
            add(
                Problem(
                    "circle-range",
                    N_("Nieprawidłowe koło (środek lub promień)."),
                    f"{where}.circle[{k}]",
                )
            )
    if area.ceiling is not None:
        if area.altitude is None:
            add(Problem("ceiling-alone", N_("Pułap (ceiling) wymaga wysokości (altitude)."), where))
        elif area.ceiling <= area.altitude:
            add(Problem("ceiling-low", N_("Pułap musi być wyższy niż wysokość."), where))
    return out


def polygon_is_simple(points: list[tuple[float, float]]) -> bool:
    from shapely.geometry import Polygon

    return bool(Polygon([(lon, lat) for lat, lon in points]).is_valid)


def validate(
    alert: Alert, xsd_path: str | Path | None = None, known: dict[str, Alert] | None = None
) -> list[Problem]:
    """App rules plus, when a schema path is given, the XSD on the serialised form."""
    problems = rule_errors(alert, known)
    if xsd_path is not None:
        problems += schema_errors(to_xml(alert), xsd_path)
    return problems


def _enum(out: list[Problem], name: str, value: Any, allowed: Any, where: str = "") -> None:
    if value not in allowed:
        out.append(
            Problem(
                f"{name}-enum",
                N_("Wartość „%(value)s” pola %(name)s nie należy do: %(join)s.")
                % {"value": value, "name": name, "join": ", ".join(allowed)},
                where or name,
            )
        )


def _check_dt(out: list[Problem], name: str, value: datetime, where: str = "") -> None:
    try:
        text = format_datetime(value)
    except ValueError as exc:
        out.append(Problem("datetime", str(exc), where or name))
        return
    if not _DATETIME_RE.match(text):
        out.append(
            Problem(
                "datetime", N_("Nieprawidłowy zapis daty %(name)s.") % {"name": name}, where or name
            )
        )


def _absolute_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# ---------------------------------------------------------------------- lifecycle


def is_active(alert: Alert, now: datetime, superseded: Set[str] = frozenset()) -> bool:
    """CAP's sense of active: Actual, not a Cancel, not superseded, not expired."""
    if alert.status != "Actual" or alert.msg_type == "Cancel":
        return False
    if alert.identifier in superseded:
        return False
    expiries = [i.expires for i in alert.infos if i.expires is not None]
    return not expiries or max(expiries) > now


def supersession(alerts: list[Alert]) -> set[str]:
    """Identifiers referenced by some Update or Cancel in ``alerts``."""
    return {
        r.identifier for a in alerts if a.msg_type in ("Update", "Cancel") for r in a.references
    }
