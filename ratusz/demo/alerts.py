"""Demo notices for Mysłowice (`manage.py demo`): idempotent, keyed by headline."""

from datetime import timedelta

from django.utils import timezone

DEMO = [
    {
        "key": "Jakość powietrza – WCZK: informacja o przekroczeniu poziomu pyłu PM10",
        "kind": "smog",
        "level": "yellow",
        "urgency": "Expected",
        "certainty": "Likely",
        "response_types": ["Avoid"],
        "description": (
            "Wojewódzkie Centrum Zarządzania Kryzysowego w Katowicach przekazało informację "
            "o możliwym przekroczeniu poziomu informowania dla pyłu PM10 w aglomeracji "
            "górnośląskiej, w tym w Mysłowicach. Przyczyną jest niska emisja z domowych "
            "palenisk i słaby wiatr."
        ),
        "instruction": (
            "Osoby starsze, dzieci, kobiety w ciąży i osoby chorujące na serce lub płuca "
            "powinny ograniczyć przebywanie na zewnątrz. Nie pal odpadów w piecu; "
            "zgłoś dymiący komin straży miejskiej."
        ),
        "whole_city": True,
        "start": -2,
        "hours": 24,
    },
    {
        "key": "Ostrzeżenie meteorologiczne: silny wiatr, stopień 1",
        "kind": "weather",
        "level": "yellow",
        "urgency": "Future",
        "certainty": "Likely",
        "response_types": ["Prepare", "Monitor"],
        "description": (
            "IMGW-PIB prognozuje wiatr o średniej prędkości do 40 km/h, w porywach do "
            "75 km/h, z kierunku zachodniego. Możliwe łamanie gałęzi i utrudnienia w ruchu."
        ),
        "instruction": (
            "Zabezpiecz przedmioty na balkonach i posesjach, nie parkuj pod drzewami, "
            "unikaj spacerów w parkach i lasach."
        ),
        "headline_en": "Weather warning: strong wind, level 1",
        "description_en": (
            "IMGW-PIB forecasts wind up to 40 km/h with gusts up to 75 km/h from the west."
        ),
        "whole_city": True,
        "start": -1,
        "hours": 30,
    },
    {
        "key": "Przerwa w dostawie wody – Brzęczkowice i Słupna",
        "kind": "water",
        "level": "green",
        "urgency": "Expected",
        "certainty": "Observed",
        "response_types": ["Prepare"],
        "description": (
            "Z powodu awarii sieci wodociągowej nastąpi przerwa w dostawie wody dla ulic "
            "Pszczelarskiej, Hallera i przyległych. Woda beczkowozem będzie dostępna przy "
            "skrzyżowaniu ulic Hallera i Pszczelarskiej."
        ),
        "instruction": "Zrób zapas wody pitnej na kilka godzin.",
        "district": "brzeczkowice-i-slupna",
        "area_description": "ul. Pszczelarska, ul. Hallera i przyległe",
        "start": 0,
        "hours": 10,
    },
    {
        "key": "Zamknięcie ul. Katowickiej na czas remontu wiaduktu",
        "kind": "road",
        "level": "yellow",
        "urgency": "Expected",
        "certainty": "Observed",
        "response_types": ["Avoid"],
        "description": (
            "W związku z remontem wiaduktu ul. Katowicka była zamknięta dla ruchu "
            "samochodowego. Objazd prowadził ulicami Mikołowską i Obrzeżną Północną."
        ),
        "instruction": "Korzystaj z objazdu.",
        "polygon": (
            "50.2405,19.1330 50.2418,19.1352 50.2398,19.1371 50.2386,19.1349 50.2405,19.1330"
        ),
        "area_description": "ul. Katowicka między wiaduktem a ul. Mikołowską",
        "start": -24 * 8,
        "hours": 24,
    },
]


def load(stdout=None):
    from ratusz.alerts.models import Announcement
    from ratusz.core.tenancy import in_city
    from ratusz.gis.models import District

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    created = 0
    for spec in DEMO:
        if Announcement.objects.filter(site__is_default_site=True, headline=spec["key"]).exists():
            continue
        start = now + timedelta(hours=spec["start"])
        ann = Announcement(
            kind=spec["kind"],
            level=spec["level"],
            urgency=spec["urgency"],
            certainty=spec["certainty"],
            response_types=spec["response_types"],
            headline=spec["key"],
            description=spec["description"],
            instruction=spec["instruction"],
            headline_en=spec.get("headline_en", ""),
            description_en=spec.get("description_en", ""),
            whole_city=spec.get("whole_city", False),
            polygon=spec.get("polygon", ""),
            area_description=spec.get("area_description", ""),
            effective=start,
            expires=start + timedelta(hours=spec["hours"]),
            contact="Miejskie Centrum Zarządzania Kryzysowego; w nagłych wypadkach: 112",
            live=False,
        )
        from ratusz.alerts.profile import severity_for_level

        ann.severity = severity_for_level(ann.level)
        ann.save()
        if spec.get("district"):
            # the default city's district of that slug (another city may have one too)
            ann.districts.set(in_city(District.objects.filter(slug=spec["district"])))
        ann.save_revision().publish()
        created += 1
    if stdout is not None:
        stdout.write(f"alerts: {created} nowych komunikatów")


SECOND_CITY = [
    {
        "key": "Przerwa w dostawie wody – osiedle Z i ul. Edukacji",
        "kind": "water",
        "level": "green",
        "urgency": "Expected",
        "certainty": "Observed",
        "response_types": ["Prepare"],
        "description": (
            "Regionalne Centrum Gospodarki Wodno-Ściekowej zapowiada przerwę w dostawie wody "
            "na osiedlu Z oraz przy ul. Edukacji w związku z wymianą zasuwy na sieci "
            "wodociągowej. Beczkowóz z wodą pitną stanie na parkingu przy ul. Edukacji 7."
        ),
        "instruction": "Zrób zapas wody pitnej i do celów sanitarnych na czas prac.",
        "polygon": (
            "50.1205,18.9860 50.1218,18.9905 50.1190,18.9925 50.1178,18.9878 50.1205,18.9860"
        ),
        "area_description": "osiedle Z, ul. Edukacji i przyległe",
        "start": 0,
        "hours": 8,
    },
    {
        "key": "Ostrzeżenie: zakwit sinic w Jeziorze Paprocańskim",
        "kind": "crisis",
        "level": "yellow",
        "urgency": "Expected",
        "certainty": "Observed",
        "response_types": ["Avoid"],
        "description": (
            "Państwowa Inspekcja Sanitarna stwierdziła zakwit sinic w wodzie Jeziora "
            "Paprocańskiego. Kąpiel w jeziorze jest do odwołania zabroniona."
        ),
        "instruction": (
            "Nie kąp się w jeziorze i nie pozwalaj zwierzętom pić wody. Po kontakcie "
            "z wodą umyj skórę czystą wodą."
        ),
        "polygon": (
            "50.0930,18.9960 50.0975,19.0060 50.0905,19.0140 50.0860,19.0030 50.0930,18.9960"
        ),
        "area_description": "Jezioro Paprocańskie i plaża miejska",
        "start": -3,
        "hours": 72,
    },
]


def load_second_city(site, stdout=None):
    """A little of Tychy's own (the second city of the demo, ``site``): two notices."""
    from ratusz.alerts.models import Announcement
    from ratusz.alerts.profile import severity_for_level

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    created = 0
    for spec in SECOND_CITY:
        if Announcement.objects.filter(site=site, headline=spec["key"]).exists():
            continue
        start = now + timedelta(hours=spec["start"])
        ann = Announcement(
            site=site,
            kind=spec["kind"],
            level=spec["level"],
            urgency=spec["urgency"],
            certainty=spec["certainty"],
            severity=severity_for_level(spec["level"]),
            response_types=spec["response_types"],
            headline=spec["key"],
            description=spec["description"],
            instruction=spec["instruction"],
            polygon=spec["polygon"],
            area_description=spec["area_description"],
            effective=start,
            expires=start + timedelta(hours=spec["hours"]),
            contact="Centrum Zarządzania Kryzysowego Miasta Tychy; w nagłych wypadkach: 112",
            live=False,
        )
        ann.save()
        ann.save_revision().publish()
        created += 1
    if stdout is not None:
        stdout.write(
            f"alerts: {created} nowych komunikatów miasta {site.site_name or site.hostname}"
        )
