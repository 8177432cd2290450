"""Demo content for Mysłowice (`manage.py demo`).

The projects are illustrative (our own words, plausible programmes and numbers, not copied
from the real list). They go through the same import code as a real file: two workbooks in
the official layouts are written in memory and imported; the KPO project, which is not in
the official lists, goes through the same apply step.
"""

import datetime as dt
from decimal import Decimal

from ratusz.core.city import site_of
from ratusz.eufunds.importer import apply_rows, import_file
from ratusz.eufunds.models import Beneficiary, EuFundsSettings, Project, ProjectIndicator
from ratusz.eufunds.official_list import ParseResult, ProjectRow
from ratusz.eufunds.values import PERIOD_2014, PERIOD_2021
from ratusz.eufunds.writer import write_list

CITY = "Gmina Miasto Mysłowice"
MOPS = "Miejski Ośrodek Pomocy Społecznej w Mysłowicach"
LOCATION = "WOJ.: ŚLĄSKIE, POW.: Mysłowice, GM.: Mysłowice"
FESL = "Fundusze Europejskie dla Śląskiego 2021-2027"
RPO = "Regionalny Program Operacyjny Województwa Śląskiego na lata 2014-2020"
EFRR = "Europejski Fundusz Rozwoju Regionalnego"

PROJECTS_2021 = [
    {
        "title": "Termomodernizacja budynku Szkoły Podstawowej nr 3 w Mysłowicach",
        "description": "Docieplenie ścian i stropodachu, wymiana okien, modernizacja "
        "instalacji grzewczej z pompą ciepła oraz instalacja fotowoltaiczna na dachu szkoły.",
        "contract_number": "FESL.02.01-IZ.01-0412/24-00",
        "beneficiary": CITY,
        "fund": EFRR,
        "programme": FESL,
        "priority": "FESL.02",
        "measure": "FESL.02.01",
        "total_value": Decimal("6480000.00"),
        "listed_rate": Decimal("0.85"),
        "eu_amount": Decimal("4478640.00"),
        "location": LOCATION,
        "start_date": dt.date(2024, 3, 1),
        "end_date": dt.date(2026, 8, 31),
        "category": "Renowacja budynków publicznych w celu poprawy efektywności energetycznej",
    },
    {
        "title": "Razem w Mysłowicach — usługi społeczne dla seniorów i osób z niepełnosprawnościami",
        "description": "Asystencja osobista, opieka wytchnieniowa i klub seniora prowadzony "
        "przez MOPS, z transportem do placówek ochrony zdrowia.",
        "contract_number": "FESL.07.05-IZ.01-0198/24-00",
        "beneficiary": MOPS,
        "fund": "Europejski Fundusz Społeczny Plus",
        "programme": FESL,
        "priority": "FESL.07",
        "measure": "FESL.07.05",
        "total_value": Decimal("1850000.00"),
        "listed_rate": Decimal("85"),
        "eu_amount": Decimal("1572500.00"),
        "location": LOCATION,
        "start_date": dt.date(2024, 7, 1),
        "end_date": dt.date(2027, 6, 30),
        "category": "Działania na rzecz dostępu do usług społecznych",
    },
    {
        "title": "Trasa rowerowa nad Przemszą do Trójkąta Trzech Cesarzy",
        "description": "Budowa ciągu pieszo-rowerowego wzdłuż Przemszy z oświetleniem, "
        "miejscami odpoczynku i stojakami rowerowymi.",
        "contract_number": "FESL.04.03-IZ.01-0077/25-00",
        "beneficiary": CITY,
        "fund": EFRR,
        "programme": FESL,
        "priority": "FESL.04",
        "measure": "FESL.04.03",
        "total_value": Decimal("3215450.37"),
        "listed_rate": Decimal("0.8"),
        "eu_amount": Decimal("2089842.60"),
        "location": LOCATION + " | WOJ.: ŚLĄSKIE, POW.: Katowice, GM.: Katowice",
        "start_date": dt.date(2025, 4, 1),
        "end_date": dt.date(2027, 5, 31),
        "category": "Infrastruktura rowerowa",
    },
    {
        "title": "Rekultywacja terenów pogórniczych w Brzezince na park",
        "description": "Uporządkowanie terenu po dawnej działalności górniczej, "
        "nasadzenia, ścieżki i ogród deszczowy.",
        "contract_number": "FESL.10.14-IZ.01-0031/25-00",
        "beneficiary": CITY,
        "fund": "Fundusz na rzecz Sprawiedliwej Transformacji",
        "programme": FESL,
        "priority": "FESL.10",
        "measure": "FESL.10.14",
        "total_value": Decimal("9870000.00"),
        "listed_rate": Decimal("0.85"),
        "eu_amount": Decimal("7129000.00"),
        "location": LOCATION,
        "start_date": dt.date(2026, 1, 15),
        "end_date": dt.date(2028, 6, 30),
        "category": "Rekultywacja terenów poprzemysłowych",
    },
]

PROJECTS_2014 = [
    {
        "title": "Rewitalizacja Rynku i ulic przyległych w Mysłowicach",
        "description": "Nowa nawierzchnia Rynku, zieleń, mała architektura i oświetlenie.",
        "contract_number": "UDA-RPSL.10.03.01-24-05C7/18-00",
        "beneficiary": CITY,
        "fund": EFRR,
        "programme": RPO,
        "priority": "RPSL.10.00.00",
        "measure": "RPSL.10.03.00",
        "submeasure": "RPSL.10.03.01",
        "total_value": Decimal("5124380.52"),
        "eligible_cost": Decimal("4166162.21"),
        "eu_amount": Decimal("3541237.87"),
        "listed_rate": Decimal("85"),
        "location": "WOJ.: ŚLĄSKIE, POW.: Mysłowice",
        "start_date": dt.date(2018, 6, 1),
        "end_date": dt.date(2020, 10, 31),
        "category": "Rewitalizacja obszarów zdegradowanych",
        "goal": "Ożywienie centrum miasta i poprawa jakości przestrzeni publicznej",
        "finished": True,
    },
    {
        "title": "Przedszkole na miarę — nowe miejsca wychowania przedszkolnego",
        "description": "Utworzenie oddziałów przedszkolnych i zajęcia dodatkowe dla dzieci.",
        "contract_number": "UDA-RPSL.11.01.03-24-01F2/19-00",
        "beneficiary": CITY,
        "fund": "Europejski Fundusz Społeczny",
        "programme": RPO,
        "priority": "RPSL.11.00.00",
        "measure": "RPSL.11.01.00",
        "submeasure": "RPSL.11.01.03",
        "total_value": Decimal("987650.00"),
        "eligible_cost": Decimal("987650.00"),
        "eu_amount": Decimal("839502.50"),
        "listed_rate": Decimal("0.85"),
        "location": "WOJ.: ŚLĄSKIE, POW.: Mysłowice",
        "start_date": dt.date(2019, 9, 1),
        "end_date": dt.date(2021, 6, 30),
        "goal": "Zwiększenie dostępu do wychowania przedszkolnego",
        "finished": True,
    },
]

KPO_ROW = ProjectRow(
    row=0,
    period="KPO",
    contract_number="KPO/B2.2.2/2024/0153",
    title="Energooszczędne oświetlenie ulic w Mysłowicach",
    beneficiary=CITY,
    description="Wymiana opraw oświetlenia ulicznego na LED ze sterowaniem natężeniem światła.",
    fund="Instrument na rzecz Odbudowy i Zwiększania Odporności",
    funds=("KPO",),
    programme="Krajowy Plan Odbudowy i Zwiększania Odporności",
    currency="PLN",
    total_value=Decimal("2460000.00"),
    eu_amount=Decimal("2000000.00"),
    location=LOCATION,
    start_date=dt.date(2024, 10, 1),
    end_date=dt.date(2026, 3, 31),
)

# What the city writes itself: goal, results, indicators, a point or an area.
CITY_TEXT = {
    "FESL.02.01-IZ.01-0412/24-00": {
        "goal": "Mniejsze zużycie energii i niższa emisja CO₂ w budynku szkoły.",
        "results": "Szkoła zużyje o około połowę mniej ciepła; część prądu da instalacja na dachu.",
        "geometry": {"type": "Point", "coordinates": [19.1452, 50.2437]},
        "indicators": [
            ("Roczny spadek zużycia energii pierwotnej", "MWh/rok", "620", None),
            ("Moc zainstalowana fotowoltaiki", "kWp", "49.5", "49.5"),
        ],
    },
    "FESL.07.05-IZ.01-0198/24-00": {
        "goal": "Samodzielne życie w domu dla seniorów i osób z niepełnosprawnościami.",
        "results": "Stałe wsparcie asystentów i opieka wytchnieniowa dla rodzin.",
        "indicators": [("Liczba osób objętych usługami", "osoby", "120", "64")],
    },
    "FESL.04.03-IZ.01-0077/25-00": {
        "goal": "Bezpieczny dojazd rowerem z centrum nad Przemszę i do Katowic.",
        "results": "Nowa trasa połączy Śródmieście z Trójkątem Trzech Cesarzy.",
        "geometry": {
            "type": "LineString",
            "coordinates": [
                [19.1366, 50.2406],
                [19.1502, 50.2361],
                [19.1633, 50.2312],
                [19.1718, 50.2292],
            ],
        },
        "indicators": [("Długość nowej trasy rowerowej", "km", "3.8", None)],
    },
    "FESL.10.14-IZ.01-0031/25-00": {
        "goal": "Nowy teren zielony w miejscu dawnych zwałowisk.",
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [
                    [19.150, 50.203],
                    [19.158, 50.203],
                    [19.158, 50.208],
                    [19.150, 50.208],
                    [19.150, 50.203],
                ]
            ],
        },
    },
    "UDA-RPSL.10.03.01-24-05C7/18-00": {
        "results": "Odnowiony Rynek z zielenią i oświetleniem; więcej wydarzeń w centrum.",
        "geometry": {"type": "Point", "coordinates": [19.1366, 50.2406]},
        "indicators": [("Powierzchnia obszarów objętych rewitalizacją", "ha", "1.2", "1.2")],
    },
    "KPO/B2.2.2/2024/0153": {
        "goal": "Mniejsze zużycie energii na oświetlenie ulic.",
        "results": "Około 1 900 nowych opraw LED.",
    },
}


def load(stdout=None):
    site = site_of()  # Mysłowice, the default site
    Beneficiary.objects.update_or_create(
        site=site, name=CITY, defaults={"short_name": "Urząd Miasta", "nip": "", "regon": ""}
    )
    Beneficiary.objects.update_or_create(site=site, name=MOPS, defaults={"short_name": "MOPS"})
    eu_settings = EuFundsSettings.for_site(site)
    if eu_settings.eur_rate is None:
        eu_settings.eur_rate = Decimal("4.2500")
        eu_settings.save()

    today = dt.date(2026, 11, 1)  # fixed, so that a second run decides the same statuses
    import_file(
        write_list(PERIOD_2021, PROJECTS_2021, dt.date(2026, 9, 30)),
        "Lista_projektow_FE_2021_2027_30092026.xlsx",
        today=today,
    )
    import_file(
        write_list(PERIOD_2014, PROJECTS_2014, dt.date(2026, 8, 31)),
        "Lista_projektow_FE_2014_2020_310826.xlsx",
        today=today,
    )
    apply_rows(
        ParseResult("KPO", "", 0, dt.date(2026, 9, 30), rows=[KPO_ROW]),
        "umowa KPO (wpis ręczny)",
        today=today,
    )
    for contract, text in CITY_TEXT.items():
        project = Project.objects.get(site=site, contract_number=contract)
        changed = False
        for name in ("goal", "results", "geometry"):
            if name in text and getattr(project, name) != text[name]:
                setattr(project, name, text[name])
                changed = True
        if changed:
            project.full_clean()
            project.save()
        for order, (name, unit, target, achieved) in enumerate(text.get("indicators", [])):
            ProjectIndicator.objects.update_or_create(
                project=project,
                name=name,
                defaults={
                    "unit": unit,
                    "target": Decimal(target),
                    "achieved": Decimal(achieved) if achieved else None,
                    "sort_order": order,
                },
            )
    if stdout:
        stdout.write(f"eufunds: {Project.objects.filter(site=site).count()} projektów")


# --- a second city (#24): a little of Tychy's own register -------------------------------

TYCHY = "Gmina Miasto Tychy"
TYCHY_LOCATION = "WOJ.: ŚLĄSKIE, POW.: Tychy, GM.: Tychy"

TYCHY_PROJECTS_2021 = [
    {
        "title": "Termomodernizacja budynku Przedszkola Miejskiego nr 12 w Tychach",
        "description": "Docieplenie ścian i dachu, wymiana stolarki okiennej, pompa ciepła "
        "i instalacja fotowoltaiczna na budynku przedszkola.",
        "contract_number": "FESL.02.01-IZ.01-0587/24-00",
        "beneficiary": TYCHY,
        "fund": EFRR,
        "programme": FESL,
        "priority": "FESL.02",
        "measure": "FESL.02.01",
        "total_value": Decimal("3960000.00"),
        "listed_rate": Decimal("0.75"),
        "eu_amount": Decimal("2970000.00"),
        "location": TYCHY_LOCATION,
        "start_date": dt.date(2024, 9, 1),
        "end_date": dt.date(2026, 10, 31),
        "category": "Renowacja budynków publicznych w celu poprawy efektywności energetycznej",
    },
]


def load_second_city(site, stdout=None):
    """Tychy's own EU-funded project (idempotent); ``site`` is Tychy's Wagtail Site."""
    Beneficiary.objects.update_or_create(
        site=site, name=TYCHY, defaults={"short_name": "Urząd Miasta Tychy"}
    )
    eu_settings = EuFundsSettings.for_site(site)
    if eu_settings.eur_rate is None:
        eu_settings.eur_rate = Decimal("4.2500")
        eu_settings.save()
    import_file(
        write_list(PERIOD_2021, TYCHY_PROJECTS_2021, dt.date(2026, 9, 30)),
        "Lista_projektow_FE_2021_2027_30092026.xlsx",
        today=dt.date(2026, 11, 1),
        site=site,
    )
    project = Project.objects.get(site=site, contract_number="FESL.02.01-IZ.01-0587/24-00")
    text = {
        "goal": "Mniejsze zużycie energii i niższe rachunki przedszkola.",
        "geometry": {"type": "Point", "coordinates": [18.9891, 50.1237]},
    }
    if any(getattr(project, name) != value for name, value in text.items()):
        for name, value in text.items():
            setattr(project, name, value)
        project.full_clean()
        project.save()
    if stdout:
        stdout.write(f"eufunds (Tychy): {Project.objects.filter(site=site).count()} projektów")
