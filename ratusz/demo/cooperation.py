"""Demo content for Mysłowice (`manage.py demo`): the real, dated facts.

Sources are listed in shared/design/domain/portal.md, section 7.3. Where a
date is not known, the record says so (empty start, or a year only) instead
of inventing a day. Idempotent: every record is found by a natural key.
"""

from datetime import date

from django.db import transaction

from ratusz.cooperation.models import (
    Activity,
    Agreement,
    Membership,
    Organisation,
    Partnership,
    Role,
)
from ratusz.core.city import site_of

ORGANISATIONS = [
    {
        "slug": "miasto-myslowice",
        "name": "Miasto Mysłowice",
        "name_en": "City of Mysłowice",
        "kind": "own_city",
        "country": "PL",
        "seat": "Mysłowice",
        "website": "https://www.myslowice.pl",
    },
    {
        "slug": "gornoslaski-zwiazek-metropolitalny",
        "name": "Górnośląski Związek Metropolitalny",
        "short_name": "GZM (2007–2017)",
        "name_en": "Upper Silesian Metropolitan Union",
        "kind": "metropolitan_union",
        "country": "PL",
        "seat": "Katowice",
        "longitude": 19.0238,
        "latitude": 50.2649,
        "description": (
            "Związek 14 miast na prawach powiatu Górnego Śląska, działający w latach 2007–2017. "
            "Promował metropolię w kraju i za granicą, przygotowywał wspólną strategię rozwoju "
            "miast członkowskich i zabiegał o środki krajowe i zagraniczne."
        ),
    },
    {
        "slug": "metropolia-gzm",
        "name": "Górnośląsko-Zagłębiowska Metropolia",
        "short_name": "Metropolia GZM",
        "name_en": "Upper Silesian and Zagłębie Metropolis",
        "kind": "metropolitan_union",
        "country": "PL",
        "seat": "Katowice",
        "website": "https://metropoliagzm.pl",
        "longitude": 19.0238,
        "latitude": 50.2649,
        "description": (
            "Związek metropolitalny, który 1 stycznia 2018 r. przejął rolę Górnośląskiego "
            "Związku Metropolitalnego."
        ),
    },
    {
        "slug": "slaski-zwiazek-gmin-i-powiatow",
        "name": "Śląski Związek Gmin i Powiatów",
        "short_name": "ŚZGiP",
        "name_en": "Silesian Association of Municipalities and Counties",
        "kind": "municipal_association",
        "country": "PL",
        "seat": "Katowice",
        "website": "https://silesia.org.pl",
        "longitude": 19.0238,
        "latitude": 50.2649,
        "description": (
            "Stowarzyszenie gmin i powiatów województwa śląskiego: wspólna polityka samorządów, "
            "wspieranie rozwoju gospodarczego, seminaria i warsztaty dla urzędów."
        ),
    },
    {
        "slug": "zwiazek-miast-polskich",
        "name": "Związek Miast Polskich",
        "short_name": "ZMP",
        "name_en": "Association of Polish Cities",
        "kind": "national_association",
        "country": "PL",
        "seat": "Poznań",
        "website": "https://www.zmp.poznan.pl",
        "longitude": 16.9252,
        "latitude": 52.4064,
        "description": (
            "Ogólnopolskie stowarzyszenie miast. Reprezentuje członków w Komisji Wspólnej Rządu "
            "i Samorządu Terytorialnego, zamawia dla nich ekspertyzy prawne i pomaga "
            "w rozwiązywaniu problemów miast."
        ),
    },
    {
        "slug": "enzkreis",
        "name": "Enzkreis",
        "name_en": "Enzkreis",
        "name_de": "Enzkreis",
        "kind": "partner_county",
        "country": "DE",
        "seat": "Pforzheim",
        "website": "https://www.enzkreis.de",
        "longitude": 8.6946,
        "latitude": 48.8922,
        "description": "Powiat (Landkreis) w Badenii-Wirtembergii; urząd powiatu ma siedzibę w Pforzheim.",
    },
    {
        "slug": "sokolinaja-gora",
        "name": "Sokola Góra (Sokolinaja Gora), dzielnica Moskwy",
        "name_en": "Sokolinaya Gora District, Moscow",
        "name_de": "Sokolinaja Gora, Stadtbezirk von Moskau",
        "name_cs": "Sokolinaja Gora, městská čtvrť Moskvy",
        "kind": "partner_district",
        "country": "RU",
        "seat": "Moskwa",
        "longitude": 37.7300,
        "latitude": 55.7700,
        "description": (
            "Dzielnica we Wschodnim Okręgu Administracyjnym Moskwy (nie mylić z dzielnicą Sokoł)."
        ),
    },
    {
        "slug": "frydek-mistek",
        "name": "Frýdek-Místek",
        "name_en": "Frýdek-Místek",
        "name_de": "Friedek-Mistek",
        "name_cs": "Frýdek-Místek",
        "kind": "partner_city",
        "country": "CZ",
        "seat": "Frýdek-Místek",
        "website": "https://www.frydekmistek.cz",
        "longitude": 18.3500,
        "latitude": 49.6833,
        "description": "Miasto statutarne w kraju morawsko-śląskim w Czechach.",
    },
    {
        "slug": "gyor-moson-sopron",
        "name": "Komitat Győr-Moson-Sopron",
        "name_en": "Győr-Moson-Sopron County",
        "name_de": "Komitat Győr-Moson-Sopron",
        "name_cs": "Župa Győr-Moson-Sopron",
        "kind": "partner_county",
        "country": "HU",
        "seat": "Győr",
        "longitude": 17.6504,
        "latitude": 47.6875,
        "description": "Komitat (województwo) na północnym zachodzie Węgier ze stolicą w Győrze.",
    },
]

SUCCESSORS = {"gornoslaski-zwiazek-metropolitalny": "metropolia-gzm"}

MEMBERSHIPS = [
    {
        "organisation": "gornoslaski-zwiazek-metropolitalny",
        "level": "regional",
        "valid_from": date(2007, 6, 8),
        "valid_until": date(2017, 12, 28),
        "member_count": 14,
        "member_count_as_of": date(2007, 9, 20),
        "member_count_note": "14 miast na prawach powiatu",
        "purpose": (
            "Wspólna promocja i strategia rozwoju miast metropolii, pozyskiwanie środków "
            "krajowych i zagranicznych."
        ),
        "note": (
            "Związek zarejestrowano 8.06.2007; pierwsze zgromadzenie 14 miast, w tym Mysłowic, "
            "odbyło się 20.09.2007. Związek zakończył działalność 28.12.2017."
        ),
    },
    {
        "organisation": "metropolia-gzm",
        "level": "regional",
        "valid_from": date(2018, 1, 1),
        "purpose": "Następca Górnośląskiego Związku Metropolitalnego od 1 stycznia 2018 r.",
    },
    {
        "organisation": "slaski-zwiazek-gmin-i-powiatow",
        "level": "regional",
        "valid_from": None,
        "member_count": 126,
        "member_count_as_of": date(2016, 9, 1),
        "member_count_note": (
            "119 gmin (w tym wszystkie 19 miast na prawach powiatu) i 7 powiatów"
        ),
        "purpose": "Integracja samorządów województwa śląskiego i wspólna polityka lokalna.",
        "note": "Daty przystąpienia nie ustalono.",
    },
    {
        "organisation": "zwiazek-miast-polskich",
        "level": "national",
        "valid_from": None,
        "purpose": "Rzecznictwo w sprawach ustaw, ekspertyzy prawne i pomoc merytoryczna dla miast.",
        "note": "Członkostwo potwierdza strona miasta; daty przystąpienia nie ustalono.",
    },
]

ROLES = [
    {
        "person": "Edward Lasok",
        "function": "Prezydent Miasta Mysłowice",
        "organisation": "miasto-myslowice",
        "valid_from": None,
        "valid_until": date(2018, 11, 21),
        "note": "Początek kadencji nie jest podany w źródłach rejestru.",
    },
    {
        "person": "Dariusz Wójtowicz",
        "function": "Prezydent Miasta Mysłowice",
        "organisation": "miasto-myslowice",
        "valid_from": date(2018, 11, 22),
    },
    {
        "person": "Edward Lasok",
        "function": "członek Zarządu",
        "organisation": "gornoslaski-zwiazek-metropolitalny",
        "valid_from": None,
        "valid_until": date(2017, 12, 28),
        "note": (
            "Data objęcia funkcji nie jest znana; funkcja wygasła najpóźniej wraz z końcem "
            "działalności związku 28.12.2017."
        ),
    },
]

PARTNERSHIPS = [
    {
        "slug": "enzkreis",
        "organisation": "enzkreis",
        "status": "active",
        "valid_from": date(1996, 1, 1),
        "valid_from_precision": "year",
        "areas": ["youth_exchange", "language_courses", "experience", "financial_help", "culture"],
        "description": (
            "Partnerstwo zawarte wspólnie z Imielinem i Chełmem Śląskim. Obejmuje obozy "
            "i wymiany młodzieży, kursy językowe, wymianę doświadczeń urzędów i pomoc finansową."
        ),
        "note": "Kontakty sięgają 1986 r., gdy dzieci z Mysłowic spędzały wakacje u rodzin w Enzkreis.",
        "agreements": [
            {
                "title": "Umowa partnerska (wspólnie z Imielinem i Chełmem Śląskim)",
                "signed_on": date(1996, 1, 1),
                "signed_on_precision": "year",
            }
        ],
        "activities": [
            {
                "title": "Wakacje dzieci z Mysłowic u rodzin goszczących w Enzkreis",
                "kind": "camp",
                "starts_on": date(1986, 1, 1),
                "starts_on_precision": "year",
                "place": "Enzkreis",
                "description": "Pierwsze kontakty, z których wyrosło późniejsze partnerstwo.",
            },
            {
                "title": "Honorowe obywatelstwo Mysłowic dla starosty Wernera Burckharta",
                "kind": "visit",
                "starts_on": date(2002, 1, 1),
                "starts_on_precision": "year",
                "place": "Mysłowice",
                "description": "Wyróżnienie dla starosty (Landrat) Enzkreis za rozwój współpracy.",
            },
        ],
    },
    {
        "slug": "sokolinaja-gora",
        "organisation": "sokolinaja-gora",
        "status": "active",
        "valid_from": date(1998, 1, 1),
        "valid_from_precision": "year",
        "areas": ["experience"],
        "note": (
            "Rok zawarcia partnerstwa podają strona miasta i dawny tekst o współpracy. "
            "Nie potwierdzono, czy współpraca trwa."
        ),
        "agreements": [
            {
                "title": "Porozumienie o partnerstwie",
                "signed_on": date(1998, 1, 1),
                "signed_on_precision": "year",
            }
        ],
        "activities": [],
    },
    {
        "slug": "frydek-mistek",
        "organisation": "frydek-mistek",
        "status": "active",
        "valid_from": date(2004, 12, 2),
        "areas": ["culture", "fire_service", "experience", "youth_exchange"],
        "description": (
            "Współpraca miast i ich służb; Frýdek-Místek także wymienia Mysłowice wśród swoich "
            "miast partnerskich."
        ),
        "agreements": [
            {"title": "Umowa o partnerstwie miast", "signed_on": date(2004, 12, 2)},
            {
                "title": "Porozumienie o współpracy straży pożarnych",
                "signed_on": date(2016, 9, 23),
                "description": "Wspólne ćwiczenia i wymiana doświadczeń jednostek ratowniczych.",
            },
        ],
        "activities": [
            {
                "title": "Mysłowice na festiwalu miast partnerskich",
                "kind": "festival",
                "starts_on": date(2017, 9, 1),
                "starts_on_precision": "month",
                "place": "Frýdek-Místek",
                "description": "Stoisko i występy delegacji z Mysłowic podczas święta miast partnerskich.",
            },
        ],
    },
    {
        "slug": "gyor-moson-sopron",
        "organisation": "gyor-moson-sopron",
        "status": "letter_of_intent",
        "valid_from": date(2016, 1, 1),
        "valid_from_precision": "year",
        "areas": ["experience", "economy", "culture"],
        "note": "Po liście intencyjnym trwały starania o umowę partnerską; jej podpisania nie potwierdzono.",
        "agreements": [
            {
                "title": "List intencyjny w sprawie współpracy",
                "signed_on": date(2016, 1, 1),
                "signed_on_precision": "year",
            }
        ],
        "activities": [],
    },
]


def _save(model, lookup, values):
    """update_or_create that also runs the editors' validation."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    changed = obj.pk is None or model.objects.filter(pk=obj.pk, **_plain(values)).count() == 0
    if changed:
        obj.save()
    return obj, changed


def _plain(values):
    return {k: v for k, v in values.items() if not isinstance(v, list)}


@transaction.atomic
def load(stdout=None):
    site = site_of()  # Mysłowice, the default site
    orgs = {}
    created = 0
    for data in ORGANISATIONS:
        values = {k: v for k, v in data.items() if k != "slug"}
        orgs[data["slug"]], changed = _save(
            Organisation, {"site": site, "slug": data["slug"]}, values
        )
        created += changed
    for slug, successor in SUCCESSORS.items():
        _obj, changed = _save(
            Organisation, {"site": site, "slug": slug}, {"successor": orgs[successor]}
        )
        created += changed
    for data in MEMBERSHIPS:
        values = {k: v for k, v in data.items() if k != "organisation"}
        _obj, changed = _save(Membership, {"organisation": orgs[data["organisation"]]}, values)
        created += changed
    for data in ROLES:
        lookup = {
            "person": data["person"],
            "function": data["function"],
            "organisation": orgs[data["organisation"]],
        }
        values = {k: v for k, v in data.items() if k not in lookup}
        _obj, changed = _save(Role, lookup, values)
        created += changed
    for data in PARTNERSHIPS:
        values = {
            k: v
            for k, v in data.items()
            if k not in ("slug", "organisation", "agreements", "activities")
        }
        values["organisation"] = orgs[data["organisation"]]
        item, changed = _save(Partnership, {"site": site, "slug": data["slug"]}, values)
        created += changed
        for order, agreement in enumerate(data["agreements"]):
            values = {k: v for k, v in agreement.items() if k != "title"} | {"sort_order": order}
            _obj, changed = _save(
                Agreement, {"partnership": item, "title": agreement["title"]}, values
            )
            created += changed
        for order, activity in enumerate(data["activities"]):
            values = {k: v for k, v in activity.items() if k != "title"} | {"sort_order": order}
            _obj, changed = _save(
                Activity, {"partnership": item, "title": activity["title"]}, values
            )
            created += changed
    english = _english_section()
    if stdout is not None:
        stdout.write(f"cooperation: {created} record(s) created or updated")
        if english:
            stdout.write("cooperation: English version of the section page created")


SECTION_EN = {
    "title": "World, region, people",
    "intro": "How Mysłowice cooperates with cities of the region, the country and the world.",
    "body": [
        (
            "paragraph",
            "<p>Mysłowice works with other local governments in unions and associations and "
            "with partner cities abroad. Below you will find the current state of this "
            "cooperation and its history.</p>",
        ),
        ("embedded_list", {"key": "cooperation-today", "heading": "Cooperation today"}),
        ("embedded_list", {"key": "cooperation-history", "heading": "History of the cooperation"}),
    ],
}


def _english_section():
    """The English version of "Świat, region, ludzie" (Wagtail i18n), created once."""
    from wagtail.models import Locale

    from ratusz.pages.models import SectionPage

    section = SectionPage.objects.filter(slug="swiat-region-ludzie").first()
    if section is None:
        return False
    english, _created = Locale.objects.get_or_create(language_code="en")
    if section.get_translations().filter(locale=english).exists():
        return False
    copy = section.copy_for_translation(english, copy_parents=True)
    for parent in copy.get_ancestors().filter(depth__gt=1).specific():
        if not parent.live:
            parent.save_revision().publish()
    copy.title = SECTION_EN["title"]
    copy.slug = "world-region-people"
    copy.intro = SECTION_EN["intro"]
    copy.body = SECTION_EN["body"]
    copy.save_revision().publish()
    return True


# --- a second city (#24): a little of Tychy's own register -------------------------------

TYCHY_ORGANISATIONS = [
    {
        "slug": "miasto-tychy",
        "name": "Miasto Tychy",
        "kind": "own_city",
        "country": "PL",
        "seat": "Tychy",
        "website": "https://umtychy.pl",
    },
    {
        # the same address as in Mysłowice's register: slugs are unique per city
        "slug": "metropolia-gzm",
        "name": "Górnośląsko-Zagłębiowska Metropolia",
        "short_name": "Metropolia GZM",
        "kind": "metropolitan_union",
        "country": "PL",
        "seat": "Katowice",
        "website": "https://metropoliagzm.pl",
        "longitude": 19.0238,
        "latitude": 50.2649,
    },
    {
        "slug": "trnawa",
        "name": "Trnawa",
        "name_en": "Trnava",
        "name_cs": "Trnava",
        "kind": "partner_city",
        "country": "SK",
        "seat": "Trnava",
        "website": "https://www.trnava.sk",
        "longitude": 17.5872,
        "latitude": 48.3774,
    },
]


@transaction.atomic
def load_second_city(site, stdout=None):
    """Tychy's own register (idempotent): the city, its membership of the
    metropolis and one partner city; ``site`` is Tychy's Wagtail Site."""
    orgs = {}
    for data in TYCHY_ORGANISATIONS:
        values = {k: v for k, v in data.items() if k != "slug"}
        orgs[data["slug"]], _changed = _save(
            Organisation, {"site": site, "slug": data["slug"]}, values
        )
    _save(
        Membership,
        {"organisation": orgs["metropolia-gzm"]},
        {
            "level": "regional",
            "valid_from": date(2018, 1, 1),
            "purpose": "Wspólny transport publiczny i rozwój gmin metropolii.",
        },
    )
    _save(
        Partnership,
        {"site": site, "slug": "trnawa"},
        {
            "organisation": orgs["trnawa"],
            "status": "active",
            "valid_from": None,
            "areas": ["culture", "sport", "youth_exchange"],
            "description": "Wymiana zespołów artystycznych, klubów sportowych i młodzieży szkolnej.",
            "note": "Daty podpisania umowy nie ustalono.",
        },
    )
    if stdout is not None:
        stdout.write("cooperation (Tychy): rejestr gotowy")
