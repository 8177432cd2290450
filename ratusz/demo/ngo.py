"""Demo content for Mysłowice (`manage.py demo`): fictional organisations, two
competitions, small grants, the 2025 and 2026 programmes.

Every organisation here is invented. Its KRS numbers lie far above the range
the court has assigned so far (0009990001…), and NIP/REGON are generated
with valid check digits from stems no real office uses; each description says
the entry is fictional. Records are created once (get_or_create by natural
key), so a second run changes nothing.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.apps import apps
from django.utils import timezone
from stdnum.pl import regon as stdnum_regon

from ratusz.ngo.models import (
    Area,
    Competition,
    CompetitionResult,
    CooperationProgramme,
    Organisation,
    SmallGrant,
    sync_areas,
)

FICTIONAL = "Wpis przykładowy: nazwa, numery i dane kontaktowe są fikcyjne."
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def fictional_nip(n: int) -> str:
    stem = 999_000_000 + n * 1000
    while True:
        digits = f"{stem:09d}"
        check = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS, strict=True)) % 11
        if check < 10:
            return digits + str(check)
        stem += 1


def fictional_regon(n: int) -> str:
    stem = f"99{n:06d}"
    return stem + str(stdnum_regon.calc_check_digit(stem))


# (name, legal form, has KRS, OPP, areas, district slug, lon/lat offset, description)
ORGANISATIONS = [
    (
        "Stowarzyszenie „Przemsza Razem”",
        "stowarzyszenie",
        True,
        True,
        ["13", "18"],
        "piasek",
        "Sprzątamy brzegi Przemszy, sadzimy drzewa z mieszkańcami Piasku i prowadzimy sąsiedzkie warsztaty "
        "naprawiania rowerów. Wiosną organizujemy rodzinny spływ kajakowy.",
    ),
    (
        "Fundacja „Przy Trójkącie”",
        "fundacja",
        True,
        False,
        ["16", "19"],
        "stare-miasto",
        "Opowiadamy o pograniczu trzech dawnych państw: oprowadzamy po Starym Mieście, wydajemy mapy "
        "spacerowe i co lato urządzamy plenerowe czytanie wspomnień mieszkańców.",
    ),
    (
        "Uczniowski Klub Sportowy „Orlik Brzęczkowice”",
        "klub-sportowy",
        False,
        False,
        ["17", "15"],
        "brzeczkowice-i-slupna",
        "Treningi piłki nożnej i lekkiej atletyki dla dzieci ze szkół podstawowych, obozy sportowe "
        "w ferie. Klub jest w ewidencji prowadzonej przez prezydenta miasta, nie w KRS.",
    ),
    (
        "Koło Gospodyń Wiejskich „Zielona Dolina”",
        "kgw",
        False,
        False,
        ["4", "16"],
        "dzieckowice",
        "Kultywujemy śląską kuchnię i rękodzieło, prowadzimy warsztaty dla dzieci i przygotowujemy "
        "dożynki dzielnicowe.",
    ),
    (
        "Stowarzyszenie Seniorów „Srebrna Nitka”",
        "stowarzyszenie",
        True,
        False,
        ["10", "13"],
        "centrum",
        "Klub seniora w Centrum: kursy obsługi smartfona, gimnastyka, wycieczki i dyżury wolontariuszy, "
        "którzy pomagają w zakupach osobom samotnym.",
    ),
    (
        "Fundacja Pomocy Rodzinie „Bliżej”",
        "fundacja",
        True,
        True,
        ["1", "1a", "31"],
        "bonczyk-tuwima",
        "Wspieramy rodziny w kryzysie: poradnictwo psychologiczne, świetlica dla dzieci, pomoc "
        "rodzinom zastępczym i grupy wsparcia dla rodziców.",
    ),
    (
        "Stowarzyszenie Miłośników Historii Mysłowic „Kamień Milowy”",
        "stowarzyszenie",
        True,
        False,
        ["16", "4"],
        "stare-miasto",
        "Zbieramy stare fotografie i relacje mieszkańców, oznaczamy tablicami miejsca ważne dla "
        "historii miasta i prowadzimy spacery z przewodnikiem.",
    ),
    (
        "Klub Biegacza „Ławki Run”",
        "stowarzyszenie-zwykle",
        False,
        False,
        ["17"],
        "lawki",
        "Stowarzyszenie zwykłe: wspólne bieganie trzy razy w tygodniu i coroczny bieg rodzinny "
        "po lasach Ławek. Nie ma KRS — jest w ewidencji stowarzyszeń zwykłych.",
    ),
    (
        "Stowarzyszenie „Zdrowie na Morgach”",
        "stowarzyszenie",
        True,
        False,
        ["6", "32"],
        "morgi",
        "Profilaktyka zdrowotna i przeciwdziałanie uzależnieniom: bezpłatne badania przesiewowe, "
        "zajęcia dla młodzieży i punkt konsultacyjny dla rodzin.",
    ),
    (
        "Fundacja Edukacji Cyfrowej „Bit po Bicie”",
        "fundacja",
        True,
        False,
        ["14", "15"],
        "szopena-wielka-skotnica",
        "Zajęcia z programowania i robotyki dla dzieci i młodzieży, warsztaty bezpieczeństwa w sieci "
        "dla rodziców i nauczycieli.",
    ),
    (
        "Stowarzyszenie Opieki nad Zwierzętami „Przystań dla Łap”",
        "stowarzyszenie",
        True,
        True,
        ["18"],
        "wesola",
        "Dom tymczasowy dla bezdomnych psów i kotów, akcje kastracji kotów wolno żyjących "
        "i zajęcia w szkołach o odpowiedzialnej opiece nad zwierzętami.",
    ),
    (
        "Spółdzielnia Socjalna „Warsztat Wesoła”",
        "spoldzielnia-socjalna",
        True,
        False,
        ["2", "8"],
        "wesola",
        "Spółdzielnia zatrudnia osoby wracające na rynek pracy: drobne remonty, pielęgnacja zieleni "
        "i szycie na zamówienie.",
    ),
]

DISTRICT_CENTRES = {
    "piasek": (19.1200, 50.2550),
    "bonczyk-tuwima": (19.1360, 50.2365),
    "szopena-wielka-skotnica": (19.1120, 50.2380),
    "stare-miasto": (19.1280, 50.2440),
    "centrum": (19.1250, 50.2320),
    "brzeczkowice-i-slupna": (19.1250, 50.2150),
    "morgi": (19.1450, 50.2220),
    "lawki": (19.1080, 50.2000),
    "wesola": (19.1250, 50.1800),
    "dzieckowice": (19.2150, 50.1700),
    "kosztowy": (19.1500, 50.1650),
}


def _org(n, name, form, has_krs, opp, areas, district_slug, description, status="approved"):
    District = apps.get_model("gis", "District")
    lon, lat = DISTRICT_CENTRES.get(district_slug, (19.1250, 50.2320))
    offset = (n % 3 - 1) * 0.0015
    from ratusz.core.tenancy import default_site_id

    org, created = Organisation.objects.get_or_create(
        site_id=default_site_id(),
        nip=fictional_nip(n),
        defaults={
            "name": name,
            "legal_form": form,
            "krs": f"{9_990_000 + n:010d}" if has_krs else "",
            "regon": fictional_regon(n),
            "opp": opp,
            "street": f"ul. Przykładowa {n}",
            "postal_code": "41-400",
            "city": "Mysłowice",
            "longitude": round(lon + offset, 5),
            "latitude": round(lat - offset, 5),
            "district": District.objects.filter(slug=district_slug).first(),
            "email": f"kontakt{n}@example.org",
            "phone": f"32 000 00 {n:02d}",
            "website": "",  # fictional organisations: no page of theirs to link to
            "description": f"{description}\n\n{FICTIONAL}",
            "representative_name": "Osoba Przykładowa",
            "representative_email": f"zarzad{n}@example.org",
            "notify_competitions": n == 1,
            "status": status,
            "decided_at": timezone.now() if status == "approved" else None,
        },
    )
    if created:
        org.full_clean(exclude=["areas"])
        org.save()
        org.areas.set(Area.objects.filter(code__in=areas))
    return org


def _at(day, hour=12, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load(stdout=None):
    sync_areas()
    orgs = [
        _org(n, name, form, krs, opp, areas, district, description)
        for n, (name, form, krs, opp, areas, district, description) in enumerate(
            ORGANISATIONS, start=1
        )
    ]
    _org(
        13,
        "Stowarzyszenie „Sąsiedzi z Kosztów”",
        "stowarzyszenie-zwykle",
        False,
        False,
        ["13"],
        "kosztowy",
        "Zgłoszenie czekające na decyzję urzędu (przykład dla panelu administracyjnego).",
        status="pending",
    )
    today = timezone.localdate()

    from ratusz.core.tenancy import default_site_id

    site_id = default_site_id()  # Mysłowice's records, whatever other cities have
    CooperationProgramme.objects.get_or_create(
        site_id=site_id,
        year=2025,
        defaults={
            "title": "Program współpracy Miasta Mysłowice z organizacjami pozarządowymi na rok 2025",
            "adopted_on": datetime(2024, 11, 28).date(),
            "planned_funds": Decimal("1380000.00"),
            "summary": "Program na rok 2025 (przykład). Sprawozdanie z jego realizacji opublikowano w BIP.",
            "report_published_on": datetime(2026, 5, 27).date(),
        },
    )
    CooperationProgramme.objects.get_or_create(
        site_id=site_id,
        year=2026,
        defaults={
            "title": "Program współpracy Miasta Mysłowice z organizacjami pozarządowymi na rok 2026",
            "adopted_on": datetime(2025, 11, 27).date(),
            "planned_funds": Decimal("1450000.00"),
            "summary": (
                "Cel główny: wzmacnianie aktywności mieszkańców przez partnerską współpracę miasta "
                "z organizacjami pozarządowymi.\n\n"
                "Zadania priorytetowe: kultura fizyczna i sport dzieci i młodzieży, wsparcie seniorów, "
                "profilaktyka uzależnień, ochrona zwierząt, kultura i pamięć o historii miasta.\n\n"
                "Formy współpracy: zlecanie zadań w otwartych konkursach ofert i w trybie art. 19a, "
                "konsultowanie projektów uchwał, wspólne zespoły doradcze, informowanie o planowanych "
                "kierunkach działań. Realizację ocenia się na podstawie liczby ogłoszonych konkursów, "
                "zawartych umów, kwot dotacji i liczby uczestników zadań.\n\n"
                "(Streszczenie przykładowe, napisane na potrzeby demonstracji.)"
            ),
        },
    )

    resolved, created = Competition.objects.get_or_create(
        site_id=site_id,
        slug="kultura-fizyczna-2026",
        defaults={
            "title": "Wspieranie i upowszechnianie kultury fizycznej w 2026 roku",
            "area": Area.objects.get(code="17"),
            "public_task": (
                "Szkolenie sportowe dzieci i młodzieży, organizacja zawodów i imprez rekreacyjnych "
                "dostępnych dla mieszkańców Mysłowic."
            ),
            "mode": Competition.Mode.SUPPORT,
            "amount": Decimal("180000.00"),
            "announced_on": datetime(2026, 1, 12).date(),
            "offer_deadline": _at(datetime(2026, 2, 3).date(), 15, 30),
            "grant_rules": (
                "Dotacja w formie wsparcia; wymagany wkład własny co najmniej 10% kosztów zadania. "
                "Jedna organizacja może złożyć najwyżej dwie oferty."
            ),
            "task_terms": "Zadania realizowane od 1 marca do 15 grudnia 2026 r. na terenie Mysłowic.",
            "criteria": (
                "Oferty ocenia komisja z udziałem przedstawicieli organizacji: możliwość realizacji zadania, "
                "kalkulacja kosztów, kwalifikacje osób, wkład własny i wolontariat, dotychczasowa "
                "współpraca. Wybór ofert do 10 marca 2026 r."
            ),
            "previous_grants": "W 2025 r. na zadania tego rodzaju przeznaczono 170 000 zł, w tym 168 400 zł dotacji.",
        },
    )
    if created:
        for org, task, amount in (
            (orgs[2], "Szkolenie piłkarskie dzieci z Brzęczkowic", "42000.00"),
            (orgs[7], "Rodzinny Bieg Ławek 2026 i treningi otwarte", "38500.00"),
            (orgs[8], "Aktywni bez uzależnień — zajęcia sportowe dla młodzieży", "25000.00"),
            (None, "Turniej piłki ręcznej szkół podstawowych", "61000.00"),
        ):
            CompetitionResult.objects.create(
                competition=resolved,
                organisation=org,
                offeror_name=""
                if org
                else "Śląski Klub Przykładowy (oferent spoza katalogu, fikcyjny)",
                task_title=task,
                amount=Decimal(amount),
            )
        resolved.check_results([r.amount for r in resolved.results.all()])
        resolved.state, resolved.closed_on, resolved.resolved_on = (
            "resolved",
            datetime(2026, 2, 4).date(),
            datetime(2026, 3, 10).date(),
        )
        resolved.save()

    announced = today - timedelta(days=7)
    open_competition, created = Competition.objects.get_or_create(
        site_id=site_id,
        slug="aktywni-seniorzy",
        defaults={
            "title": "Aktywni seniorzy — zajęcia i wsparcie sąsiedzkie",
            "area": Area.objects.get(code="10"),
            "public_task": (
                "Zajęcia ruchowe, edukacyjne i kulturalne dla osób po 60. roku życia oraz sąsiedzka pomoc "
                "osobom samotnym w codziennych sprawach."
            ),
            "mode": Competition.Mode.SUPPORT,
            "amount": Decimal("90000.00"),
            "announced_on": announced,
            "offer_deadline": _at(announced + timedelta(days=28), 15, 30),
            "grant_rules": "Dotacja w formie wsparcia; wkład własny co najmniej 5% kosztów zadania.",
            "task_terms": "Realizacja przez co najmniej 6 miesięcy, w każdej z co najmniej trzech dzielnic.",
            "criteria": (
                "Ocena merytoryczna i finansowa przez komisję konkursową; wybór ofert w ciągu 30 dni od "
                "terminu składania ofert."
            ),
            # no link to a made-up generator: the page says how to submit instead
            "application_url": "",
        },
    )
    if created:
        open_competition.full_clean()

    for grant, created in _small_grants(orgs, today):
        if created:
            grant.full_clean()
    if stdout:
        stdout.write(
            f"ngo: {Organisation.objects.count()} organisations, {Competition.objects.count()} competitions\n"
        )


def _small_grants(orgs, today):
    yield SmallGrant.objects.get_or_create(
        organisation=orgs[6],
        title="Spacer historyczny śladami mysłowickiej Przemszy",
        defaults={
            "area": Area.objects.get(code="16"),
            "amount": Decimal("6800.00"),
            "task_start": datetime(2026, 6, 1).date(),
            "task_end": datetime(2026, 7, 15).date(),
            "received_on": datetime(2026, 4, 20).date(),
            "published_on": datetime(2026, 4, 24).date(),
            "decision": SmallGrant.Decision.GRANTED,
            "decided_on": datetime(2026, 5, 6).date(),
            "comments_summary": "Nie zgłoszono uwag.",
        },
    )
    yield SmallGrant.objects.get_or_create(
        organisation=orgs[1],
        title="Warsztaty fotograficzne „Miasto na pograniczu”",
        defaults={
            "area": Area.objects.get(code="16"),
            "amount": Decimal("9500.00"),
            "task_start": today + timedelta(days=30),
            "task_end": today + timedelta(days=75),
            "received_on": today - timedelta(days=4),
            "published_on": today - timedelta(days=2),
        },
    )


# --- Tychy: a little of the second city's own catalogue (#24) ------------------------

TYCHY_ORGANISATIONS = [
    # n, name, legal form, has KRS, OPP, areas, description
    (
        201,
        "Stowarzyszenie Przyjaciół Paprocan",
        "stowarzyszenie",
        True,
        False,
        ["18", "19"],
        "Sprzątanie brzegów jeziora Paprocańskiego, ścieżki przyrodnicze dla szkół.",
    ),
    (
        202,
        "Tyski Klub Biegacza „Sokół”",
        "stowarzyszenie-zwykle",
        False,
        False,
        ["17"],
        "Wspólne treningi w parku miejskim i bieg rodzinny wokół jeziora.",
    ),
    (
        203,
        "Fundacja Tyskie Pokolenia",
        "fundacja",
        True,
        True,
        ["10", "16"],
        "Spotkania seniorów z młodzieżą, nauka obsługi telefonu i opowieści o budowie Nowych Tychów.",
    ),
]


def load_second_city(site, stdout=None):
    """Tychy's organisations, programme, a competition and a small grant (idempotent)."""
    sync_areas()
    orgs = []
    for n, name, form, has_krs, opp, areas, description in TYCHY_ORGANISATIONS:
        org, created = Organisation.objects.get_or_create(
            site=site,
            nip=fictional_nip(n),
            defaults={
                "name": name,
                "legal_form": form,
                "krs": f"{9_990_000 + n:010d}" if has_krs else "",
                "regon": fictional_regon(n),
                "opp": opp,
                "street": f"ul. Przykładowa {n - 200}",
                "postal_code": "43-100",
                "city": "Tychy",
                "email": f"kontakt{n}@example.org",
                "description": f"{description}\n\n{FICTIONAL}",
                "representative_name": "Osoba Przykładowa",
                "representative_email": f"zarzad{n}@example.org",
                "status": Organisation.Status.APPROVED,
                "decided_at": timezone.now(),
            },
        )
        if created:
            org.full_clean(exclude=["areas"])
            org.save()
            org.areas.set(Area.objects.filter(code__in=areas))
        orgs.append(org)
    CooperationProgramme.objects.get_or_create(
        site=site,
        year=2026,
        defaults={
            "title": "Program współpracy Miasta Tychy z organizacjami pozarządowymi na rok 2026",
            "adopted_on": datetime(2025, 11, 20).date(),
            "planned_funds": Decimal("2100000.00"),
            "summary": (
                "Zadania priorytetowe: sport i rekreacja nad jeziorem Paprocańskim, wsparcie seniorów, "
                "edukacja przyrodnicza.\n\n(Streszczenie przykładowe, napisane na potrzeby demonstracji.)"
            ),
        },
    )
    today = timezone.localdate()
    announced = today - timedelta(days=5)
    competition, created = Competition.objects.get_or_create(
        site=site,
        slug="sport-nad-paprocanami",
        defaults={
            "title": "Sport i rekreacja nad Paprocanami w 2027 roku",
            "area": Area.objects.get(code="17"),
            "public_task": "Otwarte zajęcia sportowe i rekreacyjne dla mieszkańców Tychów nad jeziorem.",
            "mode": Competition.Mode.SUPPORT,
            "amount": Decimal("120000.00"),
            "announced_on": announced,
            "offer_deadline": _at(announced + timedelta(days=24), 15, 0),
            "grant_rules": "Dotacja w formie wsparcia; wkład własny co najmniej 10% kosztów zadania.",
            "task_terms": "Zadania realizowane od 1 kwietnia do 30 września 2027 r. na terenie Tychów.",
            "criteria": "Ocena komisji konkursowej; wybór ofert w ciągu 30 dni od terminu składania ofert.",
            # announced before the demo ran: no e-mails to fictional organisations
            "notified_at": timezone.now(),
        },
    )
    if created:
        competition.full_clean()
    grant, created = SmallGrant.objects.get_or_create(
        organisation=orgs[2],
        title="Opowieści o Nowych Tychach — spotkania pokoleń",
        defaults={
            "area": Area.objects.get(code="16"),
            "amount": Decimal("7200.00"),
            "task_start": today + timedelta(days=30),
            "task_end": today + timedelta(days=60),
            "received_on": today - timedelta(days=3),
            "published_on": today - timedelta(days=1),
        },
    )
    if created:
        grant.full_clean()
    if stdout:
        stdout.write(f"  NGO (Tychy): {len(orgs)} organizacje, 1 konkurs ofert\n")
