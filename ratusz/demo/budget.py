"""Demo content for Mysłowice (`manage.py demo`): two editions with pools and projects;
and a small edition of Tychy's own, the second city (``load_second_city``).

Idempotent: editions, pools and projects are matched by natural keys (slug,
number) and a project's history is written only when the project is new.
District populations below are rounded illustrative figures, not census data;
the edition page says that the split is computed from them.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from ratusz.budget import allocation
from ratusz.budget.models import CostItem, Edition, ExclusionGroup, Pool, Project, StatusChange
from ratusz.budget.services import next_number
from ratusz.budget.workflow import Action, Status
from ratusz.core.tenancy import default_site_id

# Illustrative populations per district slug (sum ≈ 74 000).
POPULATION = {
    "piasek": 6100,
    "bonczyk-tuwima": 7400,
    "szopena-wielka-skotnica": 5200,
    "stare-miasto": 4300,
    "centrum": 8900,
    "janow-miejski-cmok": 4100,
    "brzeczkowice-i-slupna": 6600,
    "morgi": 3500,
    "larysz-hajdowizna": 4600,
    "brzezinka": 5300,
    "lawki": 2900,
    "wesola": 6800,
    "krasowy": 2600,
    "kosztowy": 3300,
    "dzieckowice": 2400,
}

PRIVACY = (
    "Administratorem danych jest Prezydent Miasta Mysłowice. Dane autorów i osób popierających "
    "przetwarzamy w celu przeprowadzenia budżetu obywatelskiego (art. 6 ust. 1 lit. e RODO "
    "w związku z art. 5a ustawy o samorządzie gminnym). Numer PESEL przechowujemy wyłącznie "
    "jako skrót kryptograficzny, a imiona i dane kontaktowe w postaci zaszyfrowanej. "
    "Dane osobowe usuwamy po zakończeniu edycji; projekty i decyzje pozostają jawne."
)

EDITIONS = [
    {
        "slug": "mbo-2027",
        "year": 2027,
        "name": "Mysłowicki Budżet Obywatelski 2027",
        "description": (
            "Projekty tej edycji zostaną zrealizowane w 2027 roku. Nabór i ocena są zakończone; "
            "lista ostateczna projektów dopuszczonych do głosowania jest opublikowana."
        ),
        "submissions_start": date(2026, 3, 2),
        "submissions_end": date(2026, 4, 30),
        "formal_check_end": date(2026, 5, 29),
        "merit_check_end": date(2026, 6, 30),
        "lists_published_on": date(2026, 7, 10),
        "appeals_end": date(2026, 7, 24),
        "final_list_on": date(2026, 8, 7),
        "voting_start": datetime(2026, 9, 14, 0, 0),
        "voting_end": datetime(2026, 9, 21, 23, 59),
        "results_on": date(2026, 10, 2),
        "implementation_end": date(2027, 12, 31),
    },
    {
        "slug": "mbo-2028",
        "year": 2028,
        "name": "Mysłowicki Budżet Obywatelski 2028",
        "description": (
            "Zgłoś pomysł na swoją dzielnicę albo na całe miasto. Projekt musi poprzeć co najmniej "
            "15 mieszkańców, którzy mają ukończone 15 lat."
        ),
        "submissions_start": date(2026, 11, 2),
        "submissions_end": date(2027, 1, 29),
        "formal_check_end": date(2027, 2, 26),
        "merit_check_end": date(2027, 3, 31),
        "lists_published_on": date(2027, 4, 9),
        "appeals_end": date(2027, 4, 23),
        "final_list_on": date(2027, 5, 7),
        "voting_start": datetime(2027, 9, 13, 0, 0),
        "voting_end": datetime(2027, 9, 20, 23, 59),
        "results_on": date(2027, 10, 1),
        "implementation_end": date(2028, 12, 31),
    },
]

DISTRICT_TOTAL = Decimal("2400000.00")
CITYWIDE = Decimal("600000.00")
GREEN = Decimal("300000.00")

# (edition, number suffix, pool slug, title, description, justification, cost items,
#  final status, steps [(action, reason)], district centre offset)
PROJECTS = [
    (
        "mbo-2027",
        "piasek",
        "Siłownia plenerowa przy ul. Oświęcimskiej",
        "Osiem urządzeń do ćwiczeń na świeżym powietrzu, ławki i kosz na śmieci na trawniku przy "
        "placu zabaw. Urządzenia dla dorosłych i seniorów, z tablicą z opisem ćwiczeń.",
        "Na Piasku nie ma miejsca do bezpłatnych ćwiczeń na powietrzu, a najbliższa siłownia "
        "plenerowa jest w Śródmieściu.",
        [
            ("Projekt i uzgodnienia", "6000.00"),
            ("Urządzenia z montażem", "68000.00"),
            ("Ławki i kosz", "9000.00"),
        ],
        Status.ADMITTED,
        [Action.ADMIT_FORMALLY, Action.ASSESS_FEASIBLE, Action.ADMIT_TO_VOTE],
    ),
    (
        "mbo-2027",
        "centrum",
        "Zielony przystanek na Rynku",
        "Wymiana dwóch wiat przystankowych na wiaty z zielonym dachem z rozchodników oraz "
        "nasadzenie czterech drzew w donicach przy przystanku.",
        "Zielone dachy zatrzymują wodę deszczową i obniżają temperaturę w upalne dni.",
        [("Wiaty z zielonym dachem", "96000.00"), ("Drzewa w donicach", "14000.00")],
        Status.ADMITTED,
        [
            Action.ADMIT_FORMALLY,
            (
                Action.CORRECT_COST,
                "Koszt wiat zaktualizowano według cen dostawcy z 2026 roku.",
                "118000.00",
            ),
            Action.ASSESS_FEASIBLE,
            Action.ADMIT_TO_VOTE,
        ],
    ),
    (
        "mbo-2027",
        "bonczyk-tuwima",
        "Bezpieczne przejście przy szkole na Bończyku",
        "Doświetlenie przejścia dla pieszych lampami LED, aktywne oznakowanie pionowe i azyl "
        "dla pieszych na jezdni.",
        "Przejściem codziennie idą dzieci do szkoły podstawowej; zimą jest tam ciemno.",
        [("Projekt organizacji ruchu", "8000.00"), ("Oświetlenie i znaki", "62000.00")],
        Status.ADMITTED,
        [Action.ADMIT_FORMALLY, Action.ASSESS_FEASIBLE, Action.ADMIT_TO_VOTE],
    ),
    (
        "mbo-2027",
        "brzezinka",
        "Park kieszonkowy przy ul. Ziemowita",
        "Zagospodarowanie nieużytku: ścieżka z kruszywa, łąka kwietna, ławki i stojaki na rowery.",
        "Mieszkańcy nie mają w okolicy miejsca do odpoczynku w zieleni.",
        [
            ("Prace ziemne i ścieżka", "55000.00"),
            ("Łąka kwietna", "12000.00"),
            ("Ławki i stojaki", "16000.00"),
        ],
        Status.ADMITTED,
        [Action.ADMIT_FORMALLY, Action.ASSESS_FEASIBLE, Action.ADMIT_TO_VOTE],
    ),
    (
        "mbo-2027",
        "brzezinka",
        "Skatepark przy ul. Ziemowita",
        "Betonowy skatepark z rampą i poręczami na tym samym nieużytku co park kieszonkowy.",
        "Młodzież z Brzezinki dojeżdża do skateparku w innym mieście.",
        [("Projekt", "9000.00"), ("Skatepark betonowy", "90000.00")],
        Status.ADMITTED,
        [Action.ADMIT_FORMALLY, Action.ASSESS_FEASIBLE, Action.ADMIT_TO_VOTE],
    ),
    (
        "mbo-2027",
        "wesola",
        "Remont boiska przy Szkole Podstawowej nr 9",
        "Nowa nawierzchnia poliuretanowa boiska wielofunkcyjnego, piłkochwyty i oświetlenie.",
        "Boisko jest zniszczone, a po lekcjach korzystają z niego mieszkańcy osiedla.",
        [("Nawierzchnia", "85000.00"), ("Piłkochwyty", "15000.00"), ("Oświetlenie", "24000.00")],
        Status.APPEAL_DISMISSED,
        [
            Action.ADMIT_FORMALLY,
            (
                Action.ASSESS_NOT_FEASIBLE,
                "Boisko leży na działce szkoły, która w 2027 roku "
                "przechodzi gruntowny remont finansowany z innych środków.",
            ),
            (Action.APPEAL, "Remont szkoły nie obejmuje boiska."),
            (
                Action.DISMISS_APPEAL,
                "Zakres remontu szkoły obejmuje boisko zgodnie z umową "
                "z wykonawcą; wykonanie projektu byłoby podwójnym finansowaniem.",
            ),
        ],
    ),
    (
        "mbo-2027",
        "morgi",
        "Wiata grillowa na Morgach",
        "Drewniana wiata z paleniskiem i stołami przy ścieżce rowerowej.",
        "Miejsce spotkań dla mieszkańców i rowerzystów.",
        [("Wiata z paleniskiem", "1800.00")],
        Status.FORMAL_REJECTED,
        [
            (
                Action.REJECT_FORMALLY,
                "Koszt projektu (1 800 zł) jest niższy "
                "niż najniższy dopuszczalny (2 500 zł), a autor nie uzupełnił kosztorysu.",
            )
        ],
    ),
    (
        "mbo-2027",
        "lawki",
        "Ścieżka przyrodnicza w Ławkach",
        "Tablice o ptakach i roślinach nad stawami oraz dwie platformy widokowe.",
        "Stawy w Ławkach są cenne przyrodniczo, a mało kto o tym wie.",
        [("Tablice", "18000.00"), ("Platformy widokowe", "42000.00")],
        Status.NOT_FEASIBLE,
        [
            Action.ADMIT_FORMALLY,
            (
                Action.ASSESS_NOT_FEASIBLE,
                "Teren stawów nie należy do miasta; właściciel nie zgodził się na budowę platform.",
            ),
        ],
    ),
    (
        "mbo-2027",
        "miasto",
        "Mysłowickie lato z kinem plenerowym",
        "Osiem pokazów filmowych w parkach różnych dzielnic w lipcu i sierpniu, z tłumaczeniem "
        "na polski język migowy i audiodeskrypcją.",
        "Bezpłatna kultura blisko domu, dostępna także dla osób z niepełnosprawnościami.",
        [
            ("Ekran, nagłośnienie, obsługa", "64000.00"),
            ("Licencje filmów", "16000.00"),
            ("Tłumacz PJM i audiodeskrypcja", "12000.00"),
        ],
        Status.ADMITTED,
        [Action.ADMIT_FORMALLY, Action.ASSESS_FEASIBLE, Action.ADMIT_TO_VOTE],
    ),
    (
        "mbo-2027",
        "miasto",
        "Kino pod chmurką w Parku Słupna",
        "Cztery seanse filmowe w Parku Słupna.",
        "Park Słupna latem odwiedza wiele rodzin.",
        [("Ekran i obsługa", "30000.00")],
        Status.MERGED,
        [
            Action.ADMIT_FORMALLY,
            (Action.MERGE, "Połączono z projektem kina plenerowego w dzielnicach za zgodą autora."),
        ],
    ),
    (
        "mbo-2027",
        "zielony",
        "Sto drzew dla Mysłowic",
        "Posadzenie stu drzew liściastych wzdłuż ulic o najmniejszym zacienieniu, z trzyletnią "
        "pielęgnacją.",
        "Drzewa obniżają temperaturę ulic i poprawiają jakość powietrza.",
        [("Sadzonki i sadzenie", "150000.00"), ("Pielęgnacja przez 3 lata", "60000.00")],
        Status.ADMITTED,
        [Action.ADMIT_FORMALLY, Action.ASSESS_FEASIBLE, Action.ADMIT_TO_VOTE],
    ),
    (
        "mbo-2028",
        "stare-miasto",
        "Ławki i stojaki rowerowe na Starym Mieście",
        "Dwanaście ławek z oparciem i podłokietnikami oraz dziesięć stojaków rowerowych.",
        "Seniorzy nie mają gdzie odpocząć w drodze na zakupy.",
        [("Ławki", "36000.00"), ("Stojaki rowerowe", "9000.00")],
        Status.SUBMITTED,
        [],
    ),
    (
        "mbo-2028",
        "krasowy",
        "Plac zabaw w Krasowach",
        "Plac zabaw dla dzieci od 3 do 12 lat z huśtawką integracyjną i nawierzchnią bezpieczną.",
        "W Krasowach nie ma ogólnodostępnego placu zabaw.",
        [("Urządzenia", "68000.00"), ("Nawierzchnia", "17000.00")],
        Status.RETURNED,
        [
            (
                Action.RETURN_FOR_CORRECTION,
                "Prosimy o wskazanie numeru działki i dołączenie mapki z lokalizacją placu zabaw.",
            )
        ],
    ),
    (
        "mbo-2028",
        "miasto",
        "Warsztaty pierwszej pomocy dla mieszkańców",
        "Dwadzieścia bezpłatnych warsztatów pierwszej pomocy z ratownikami medycznymi, w tym dla "
        "dzieci i seniorów.",
        "Im więcej osób umie udzielić pierwszej pomocy, tym większa szansa na uratowanie życia.",
        [("Prowadzenie warsztatów", "30000.00"), ("Fantomy i materiały", "12000.00")],
        Status.MERIT_CHECK,
        [Action.ADMIT_FORMALLY],
    ),
]


def load(stdout=None):
    from ratusz.gis.models import District

    districts = list(District.objects.filter(site_id=default_site_id()).order_by("code", "name"))
    editions = {spec["slug"]: _edition(spec) for spec in EDITIONS}
    for edition in editions.values():
        _pools(edition, districts)
    for spec in PROJECTS:
        _project(editions[spec[0]], *spec[1:])
    _exclusions(editions["mbo-2027"])
    if stdout:
        stdout.write(f"budget: {len(editions)} edycje, {Project.objects.count()} projektów\n")


def _aware(value):
    if isinstance(value, datetime) and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _edition(spec):
    values = {k: _aware(v) for k, v in spec.items() if k != "slug"}
    values.update(
        privacy_notice=PRIVACY,
        rules_url="https://mbo.myslowice.pl",
        number_prefix="MBO",  # Mysłowicki Budżet Obywatelski
        allocation_total=DISTRICT_TOTAL,
        allocation_factors={"population": 1, "area_km2": 1},
    )
    values["description"] += (
        " Liczby mieszkańców dzielnic w tej wersji demonstracyjnej są przybliżone, "
        "a granice dzielnic orientacyjne."
    )
    edition, _ = Edition.objects.update_or_create(
        site_id=default_site_id(), slug=spec["slug"], defaults=values
    )
    return edition


def _pools(edition, districts):
    Pool.objects.update_or_create(
        edition=edition,
        slug="miasto",
        defaults={
            "kind": Pool.Kind.CITYWIDE,
            "name": "Pula ogólnomiejska",
            "code": "OM",
            "amount": CITYWIDE,
            "sort_order": 0,
            "max_choices": 3,
        },
    )
    Pool.objects.update_or_create(
        edition=edition,
        slug="zielony",
        defaults={
            "kind": Pool.Kind.THEMATIC,
            "name": "Zielony budżet",
            "code": "ZB",
            "amount": GREEN,
            "sort_order": 1,
            "max_choices": 2,
        },
    )
    if not districts:
        return
    slugs = [d.slug for d in districts]
    area = {d.slug: d.area_km2 or Decimal("1") for d in districts}
    population = {d.slug: POPULATION.get(d.slug, 1000) for d in districts}
    parts = allocation.split(
        DISTRICT_TOTAL,
        slugs,
        {"population": 1, "area_km2": 1},
        {"population": population, "area_km2": area},
    )
    for order, (district, part) in enumerate(zip(districts, parts, strict=True), start=10):
        Pool.objects.update_or_create(
            edition=edition,
            slug=district.slug,
            defaults={
                "kind": Pool.Kind.DISTRICT,
                "name": f"Dzielnica {district.name}",
                "code": f"D{district.code or order}",
                "district": district,
                "amount": part.amount,
                "population": population[district.slug],
                "area_km2": area[district.slug],
                "sort_order": order,
                "max_choices": 3,
            },
        )


def _project(edition, pool_slug, title, description, justification, items, status, steps):
    pool = edition.pools.filter(slug=pool_slug).first()
    if pool is None:
        return
    existing = edition.projects.filter(title=title).first()
    if existing:
        return
    number = next_number(edition, pool)
    lon, lat = _location(pool)
    submitted = timezone.make_aware(datetime.combine(edition.submissions_start, time(10)))
    total = sum((Decimal(a) for _n, a in items), Decimal("0"))
    project = Project.objects.create(
        edition=edition,
        pool=pool,
        number=number,
        title=title,
        description=description,
        justification=justification,
        cost=total,
        cost_submitted=total,
        location_lon=lon,
        location_lat=lat,
        location_text=pool.name if lon else "",
        author_name="Mieszkanka Mysłowic",
        author_email="",
        author_name_public=False,
        author_age_confirmed=True,
        status=Status.SUBMITTED,
        submitted_at=submitted,
        support_scan_count=15,
    )
    for i, (name, amount) in enumerate(items, start=1):
        CostItem.objects.create(project=project, position=i, name=name, amount=Decimal(amount))
    StatusChange.objects.create(
        project=project,
        action=Action.SUBMIT,
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        by_author=True,
        created_at=submitted,
    )
    _replay(project, steps, status, submitted)


def _replay(project, steps, status, when):
    """Write the history the demo project went through (no e-mails, no audit log)."""
    from datetime import timedelta

    current = Status.SUBMITTED
    targets = {
        Action.ADMIT_FORMALLY: Status.MERIT_CHECK,
        Action.ASSESS_FEASIBLE: Status.FEASIBLE,
        Action.ASSESS_NOT_FEASIBLE: Status.NOT_FEASIBLE,
        Action.REJECT_FORMALLY: Status.FORMAL_REJECTED,
        Action.APPEAL: Status.APPEALED,
        Action.DISMISS_APPEAL: Status.APPEAL_DISMISSED,
        Action.ADMIT_TO_VOTE: Status.ADMITTED,
        Action.MERGE: Status.MERGED,
        Action.RETURN_FOR_CORRECTION: Status.RETURNED,
    }
    for day, step in enumerate(steps, start=1):
        action, reason, details = step, "", {}
        if isinstance(step, tuple):
            action, reason = step[0], step[1]
            if len(step) > 2:
                details["new_cost"] = step[2]
                project.cost = Decimal(step[2])
        target = targets.get(action, current)
        when = when + timedelta(days=14 * day)
        if action is Action.RETURN_FOR_CORRECTION:
            project.correction_deadline = project.edition.submissions_end
            details["correction_deadline"] = project.correction_deadline.isoformat()
        StatusChange.objects.create(
            project=project,
            action=action,
            from_status=current,
            to_status=target,
            reason=reason,
            details=details,
            by_author=action is Action.APPEAL,
            created_at=when,
        )
        current = target
        if reason:
            project.status_reason = reason
    project.status = status
    project.save()


def _location(pool):
    from ratusz.demo.districts import DISTRICTS

    if pool.district is None:
        return None, None
    for _name, slug, lon, lat in DISTRICTS:
        if slug == pool.district.slug:
            return Decimal(f"{lon:.6f}"), Decimal(f"{lat:.6f}")
    return None, None


def _exclusions(edition):
    park = edition.projects.filter(title__startswith="Park kieszonkowy").first()
    skate = edition.projects.filter(title__startswith="Skatepark").first()
    if park and skate:
        group, _ = ExclusionGroup.objects.get_or_create(
            edition=edition,
            name="Nieużytek przy ul. Ziemowita",
            defaults={"reason": "Oba projekty zajmują ten sam teren; zrealizować można jeden."},
        )
        Project.objects.filter(pk__in=[park.pk, skate.pk]).update(exclusion_group=group)
    kino = edition.projects.filter(title__startswith="Mysłowickie lato").first()
    if kino:
        edition.projects.filter(title__startswith="Kino pod chmurką").update(merged_into=kino)


# The second city's edition: Tychy, one citywide pool, three projects (#24).
SECOND_CITY_EDITION = {
    "slug": "bo-2028",
    "year": 2028,
    "name": "Budżet Obywatelski Tychy 2028",
    "city": "Tychy",
    "description": (
        "Zgłoś pomysł na całe miasto: nowe miejsce do odpoczynku, zajęcia albo drobną "
        "inwestycję. Projekt musi poprzeć co najmniej 15 mieszkańców Tychów, którzy mają "
        "ukończone 15 lat."
    ),
    "submissions_start": date(2026, 11, 2),
    "submissions_end": date(2027, 1, 29),
    "formal_check_end": date(2027, 2, 26),
    "merit_check_end": date(2027, 3, 31),
    "lists_published_on": date(2027, 4, 9),
    "appeals_end": date(2027, 4, 23),
    "final_list_on": date(2027, 5, 7),
    "voting_start": datetime(2027, 9, 13, 0, 0),
    "voting_end": datetime(2027, 9, 20, 23, 59),
    "results_on": date(2027, 10, 1),
    "implementation_end": date(2028, 12, 31),
    "privacy_notice": (
        "Administratorem danych jest Prezydent Miasta Tychy. Dane autorów i osób popierających "
        "przetwarzamy w celu przeprowadzenia budżetu obywatelskiego (art. 6 ust. 1 lit. e RODO "
        "w związku z art. 5a ustawy o samorządzie gminnym). Numer PESEL przechowujemy wyłącznie "
        "jako skrót kryptograficzny. Dane osobowe usuwamy po zakończeniu edycji."
    ),
}

# (title, description, justification, cost items, status, steps, lon, lat, place)
SECOND_CITY_PROJECTS = [
    (
        "Ławki i oświetlenie na ścieżce wokół jeziora Paprocany",
        "Dwadzieścia nowych ławek z oparciem i dwanaście niskich lamp solarnych na odcinku "
        "ścieżki od plaży miejskiej do przystani kajakowej.",
        "Wieczorem ścieżka jest ciemna, a osoby starsze nie mają gdzie odpocząć na trasie.",
        [("Ławki z montażem", "64000.00"), ("Lampy solarne z montażem", "78000.00")],
        Status.MERIT_CHECK,
        [Action.ADMIT_FORMALLY],
        "19.000400",
        "50.094600",
        "Jezioro Paprocany, ścieżka wzdłuż brzegu",
    ),
    (
        "Stacja naprawy rowerów w Parku Północnym",
        "Ogólnodostępna stacja z narzędziami na linkach i pompką, z tablicą z instrukcją "
        "drobnych napraw, przy głównej alejce parku.",
        "Park jest na trasie wielu dojazdów rowerowych do centrum, a najbliższy serwis jest "
        "daleko.",
        [("Stacja naprawcza z narzędziami", "18500.00"), ("Fundament i montaż", "6500.00")],
        Status.FEASIBLE,
        [Action.ADMIT_FORMALLY, Action.ASSESS_FEASIBLE],
        "18.985000",
        "50.136000",
        "Park Północny, główna alejka",
    ),
    (
        "Ruch na osiedlach: bezpłatne zajęcia dla seniorów",
        "Cotygodniowe zajęcia nordic walking i gimnastyki na świeżym powietrzu, od maja do "
        "września, prowadzone przez instruktorów na pięciu osiedlach.",
        "Seniorzy chętnie ćwiczą blisko domu, a płatne zajęcia są dla wielu z nich za drogie.",
        [("Wynagrodzenie instruktorów", "36000.00"), ("Kijki i materiały", "9000.00")],
        Status.SUBMITTED,
        [],
        None,
        None,
        "Osiedla A, B, D, E i Z",
    ),
]


def load_second_city(site):
    """A small edition of Tychy's own budget in the city of ``site`` (idempotent):
    one citywide pool and three projects at different stages of the assessment."""
    spec = SECOND_CITY_EDITION
    values = {k: _aware(v) for k, v in spec.items() if k != "slug"}
    values["rules_url"] = "https://umtychy.pl"
    edition, _ = Edition.objects.update_or_create(site=site, slug=spec["slug"], defaults=values)
    pool, _ = Pool.objects.update_or_create(
        edition=edition,
        slug="miasto",
        defaults={
            "kind": Pool.Kind.CITYWIDE,
            "name": "Pula ogólnomiejska",
            "code": "OM",
            "amount": Decimal("1200000.00"),
            "sort_order": 0,
            "max_choices": 3,
        },
    )
    made = 0
    for (
        title,
        description,
        justification,
        items,
        status,
        steps,
        lon,
        lat,
        place,
    ) in SECOND_CITY_PROJECTS:
        if edition.projects.filter(title=title).exists():
            continue
        submitted = timezone.make_aware(datetime.combine(edition.submissions_start, time(10)))
        total = sum((Decimal(a) for _n, a in items), Decimal("0"))
        project = Project.objects.create(
            edition=edition,
            pool=pool,
            number=next_number(edition, pool),
            title=title,
            description=description,
            justification=justification,
            cost=total,
            cost_submitted=total,
            location_lon=Decimal(lon) if lon else None,
            location_lat=Decimal(lat) if lat else None,
            location_text=place,
            author_name="Mieszkanka Tychów",
            author_email="",
            author_age_confirmed=True,
            status=Status.SUBMITTED,
            submitted_at=submitted,
            support_scan_count=15,
        )
        for i, (name, amount) in enumerate(items, start=1):
            CostItem.objects.create(project=project, position=i, name=name, amount=Decimal(amount))
        StatusChange.objects.create(
            project=project,
            action=Action.SUBMIT,
            from_status=Status.DRAFT,
            to_status=Status.SUBMITTED,
            by_author=True,
            created_at=submitted,
        )
        _replay(project, steps, status, submitted)
        made += 1
    return edition
