"""schema.org JSON-LD for the register pages.

Plain Python: it reads attributes of the records (model instances or any
object with the same attributes) and returns dicts ready for ``json.dumps``.
Memberships and roles use schema.org's Role pattern (``OrganizationRole``)
so that each link carries its start and end date.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

CONTEXT = "https://schema.org"
JsonLd = dict[str, Any]


def _iso(day: date | None, precision: str = "day") -> str | None:
    """ISO 8601 with only the known part: 1996, 2017-09 or 2004-12-02."""
    if not day:
        return None
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _drop_empty(data: JsonLd) -> JsonLd:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _org(org: Any, url: str | None = None) -> JsonLd:
    same_as = [org.website] if org.website else []
    if org.wikidata_id:
        same_as.append(f"https://www.wikidata.org/wiki/{org.wikidata_id}")
    data = {
        "@type": "GovernmentOrganization",
        "name": org.name,
        "alternateName": [n for n in (org.short_name, org.name_en, org.name_de, org.name_cs) if n],
        "url": url,
        "sameAs": same_as,
        "address": {"@type": "PostalAddress", "addressCountry": org.country},
    }
    if org.seat:
        data["address"]["addressLocality"] = org.seat
    if org.longitude is not None and org.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": org.latitude,
            "longitude": org.longitude,
        }
    return _drop_empty(data)


def _role(member_of: JsonLd, record: Any, role_name: str | None = None) -> JsonLd:
    return _drop_empty(
        {
            "@type": "OrganizationRole",
            "memberOf": member_of,
            "roleName": role_name,
            "startDate": _iso(record.valid_from, getattr(record, "valid_from_precision", "day")),
            "endDate": _iso(record.valid_until),
        }
    )


def city(name: str, memberships: Iterable[Any], roles: Iterable[Any]) -> JsonLd:
    """The city with the unions it belongs to today and its people's functions there."""
    data = {
        "@context": CONTEXT,
        "@type": "GovernmentOrganization",
        "name": name,
        "memberOf": [_role(_org(m.organisation), m) for m in memberships],
    }
    people = [
        {
            "@type": "Person",
            "name": r.person,
            "memberOf": _role(_org(r.organisation), r, r.function),
        }
        for r in roles
    ]
    if people:
        data["employee"] = people
    return _drop_empty(data)


def organisation(org: Any, url: str) -> JsonLd:
    return {"@context": CONTEXT, **_org(org, url)}


def partnership(item: Any, activities: Iterable[Any], city_name: str) -> JsonLd:
    """The partner and the activities held together, as schema.org Events."""
    partner = _org(item.organisation)
    events = [
        _drop_empty(
            {
                "@type": "Event",
                "name": a.title,
                "startDate": _iso(a.starts_on, a.starts_on_precision),
                "endDate": _iso(a.ends_on),
                "description": a.description,
                "location": {"@type": "Place", "name": a.place} if a.place else None,
                "organizer": [{"@type": "GovernmentOrganization", "name": city_name}, partner],
            }
        )
        for a in activities
    ]
    return {"@context": CONTEXT, "@graph": [partner, *events]}
