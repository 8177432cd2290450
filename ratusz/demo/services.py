"""Demo for Mysłowice: the office's units and service cards in our own words.

Fees are the statutory amounts (opłata skarbowa, fees for civil-status
extracts); rooms and phone extensions are illustrative.
"""

from datetime import date, time
from decimal import Decimal

from ratusz.services.models import (
    OfficeClosure,
    OfficeUnit,
    ServiceCard,
    ServiceCategory,
    ServiceFee,
    UnitOpeningHours,
    UnitPerson,
)

OFFICE_ADDRESS = "ul. Powstańców 1, 41-400 Mysłowice"
OFFICE_HOURS = (
    [(0, time(7, 30), time(17, 0))]
    + [(d, time(7, 30), time(15, 30)) for d in (1, 2, 3)]
    + [(4, time(7, 30), time(14, 0))]
)

CATEGORIES = [
    ("Urząd Stanu Cywilnego", "usc", "Akty urodzenia, małżeństwa i zgonu, odpisy"),
    ("Sprawy obywatelskie", "sprawy-obywatelskie", "Meldunek i dowody osobiste"),
    ("Podatki i opłaty lokalne", "podatki", "Podatek od nieruchomości, opłaty"),
    ("Odpady komunalne", "odpady", "Deklaracje i odbiór odpadów"),
    ("Transport i drogi", "transport", "Pojazdy, prawo jazdy, parkowanie, pas drogowy"),
    ("Środowisko", "srodowisko", "Drzewa, zieleń, ochrona środowiska"),
    ("Mieszkania i pomoc", "mieszkania", "Dodatki mieszkaniowe i lokale"),
]

UNITS = [
    (
        "Biuro Obsługi Mieszkańców",
        "biuro-obslugi-mieszkancow",
        "BOM",
        "Anna Kowalczyk",
        "kierownik biura",
        "parter, stanowiska 1–8",
        "+48 32 317 11 00",
        "bom@myslowice.pl",
        "Przyjmowanie pism i wniosków, informacja o sprawach, potwierdzanie profilu zaufanego.",
    ),
    (
        "Urząd Stanu Cywilnego",
        "urzad-stanu-cywilnego",
        "USC",
        "Barbara Nowak",
        "kierownik USC",
        "pokoje 10–14",
        "+48 32 317 12 10",
        "usc@myslowice.pl",
        "Rejestracja urodzeń, małżeństw i zgonów, odpisy aktów, zmiana imienia i nazwiska.",
    ),
    (
        "Wydział Spraw Obywatelskich",
        "wydzial-spraw-obywatelskich",
        "SO",
        "Tomasz Wiśniewski",
        "naczelnik wydziału",
        "pokoje 20–24",
        "+48 32 317 12 20",
        "so@myslowice.pl",
        "Zameldowanie i wymeldowanie, dowody osobiste, rejestr wyborców.",
    ),
    (
        "Wydział Podatków i Opłat",
        "wydzial-podatkow-i-oplat",
        "PO",
        "Katarzyna Zielińska",
        "naczelnik wydziału",
        "pokoje 101–108",
        "+48 32 317 13 00",
        "podatki@myslowice.pl",
        "Podatek od nieruchomości, rolny, leśny i od środków transportowych; opłata za odpady.",
    ),
    (
        "Wydział Komunikacji",
        "wydzial-komunikacji",
        "KM",
        "Piotr Lewandowski",
        "naczelnik wydziału",
        "pokoje 1–6 (budynek B)",
        "+48 32 317 14 00",
        "komunikacja@myslowice.pl",
        "Rejestracja pojazdów, prawa jazdy, abonamenty postojowe.",
    ),
    (
        "Wydział Ochrony Środowiska",
        "wydzial-ochrony-srodowiska",
        "OS",
        "Magdalena Wójcik",
        "naczelnik wydziału",
        "pokoje 201–205",
        "+48 32 317 15 00",
        "srodowisko@myslowice.pl",
        "Zezwolenia na usunięcie drzew, gospodarka odpadami, jakość powietrza.",
    ),
    (
        "Miejski Zarząd Dróg",
        "miejski-zarzad-drog",
        "MZD",
        "Krzysztof Kamiński",
        "dyrektor",
        "ul. Powstańców 1, pokój 301",
        "+48 32 317 16 00",
        "mzd@myslowice.pl",
        "Zajęcie pasa drogowego, zjazdy, zimowe utrzymanie dróg.",
    ),
]

GENERAL_APPEAL = (
    "<p>Od decyzji przysługuje odwołanie do Samorządowego Kolegium Odwoławczego w Katowicach "
    "w terminie 14 dni od jej doręczenia, za pośrednictwem Prezydenta Miasta Mysłowice.</p>"
)

# Cards whose real route is gov.pl or the office counter, not e-Doręczenia.
NOT_BY_EDELIVERY = (
    "dowod-osobisty",
    "zameldowanie-na-pobyt-staly",
    "rejestracja-urodzenia",
    "zawarcie-malzenstwa",
)

# slug, title, code, category, unit, summary, who, documents, fees, time, outcome, appeal, law, form
CARDS = [
    (
        "rejestracja-urodzenia",
        "Rejestracja urodzenia dziecka",
        "USC-1",
        "usc",
        "urzad-stanu-cywilnego",
        "Sporządzenie aktu urodzenia dziecka urodzonego w Mysłowicach i nadanie numeru PESEL.",
        "<p>Rodzice dziecka, a gdy nie mogą — osoba obecna przy porodzie. Zgłoszenia dokonuje się w ciągu 21 dni od porodu.</p>",
        "<ul><li>dokument tożsamości do wglądu,</li><li>pisemne oświadczenie o wyborze imienia, jeśli zgłasza jeden rodzic.</li></ul>",
        [("Sporządzenie aktu urodzenia i pierwszy odpis skrócony", "0.00", "", "", "")],
        "Niezwłocznie, w dniu zgłoszenia.",
        "akt urodzenia",
        "",
        "<p>Ustawa z dnia 28 listopada 2014 r. — Prawo o aktach stanu cywilnego.</p>",
        (
            "Zgłoszenie urodzenia dziecka (gov.pl)",
            "https://www.gov.pl/web/gov/zglos-urodzenie-dziecka",
        ),
    ),
    (
        "zawarcie-malzenstwa",
        "Zawarcie małżeństwa cywilnego",
        "USC-2",
        "usc",
        "urzad-stanu-cywilnego",
        "Przygotowanie i zawarcie związku małżeńskiego przed kierownikiem USC.",
        "<p>Osoby, które chcą zawrzeć małżeństwo w Mysłowicach.</p>",
        "<ul><li>dowody osobiste obojga narzeczonych,</li><li>zapewnienie o braku przeszkód do zawarcia małżeństwa (składane w urzędzie),</li><li>dowód opłaty skarbowej.</li></ul>",
        [
            (
                "Sporządzenie aktu małżeństwa",
                "84.00",
                "przelewem na rachunek urzędu albo w kasie",
                "",
                "ustawa o opłacie skarbowej",
            )
        ],
        "Ślub może się odbyć po upływie miesiąca od złożenia zapewnienia.",
        "akt małżeństwa",
        "",
        "<p>Kodeks rodzinny i opiekuńczy; Prawo o aktach stanu cywilnego.</p>",
        None,
    ),
    (
        "odpis-aktu-stanu-cywilnego",
        "Odpis aktu stanu cywilnego",
        "USC-3",
        "usc",
        "urzad-stanu-cywilnego",
        "Wydanie odpisu skróconego lub zupełnego aktu urodzenia, małżeństwa albo zgonu.",
        "<p>Osoba, której akt dotyczy, jej małżonek, wstępni, zstępni, rodzeństwo, przedstawiciel ustawowy lub osoba z interesem prawnym.</p>",
        "<ul><li>wniosek,</li><li>dokument tożsamości do wglądu,</li><li>pełnomocnictwo, jeśli działa pełnomocnik.</li></ul>",
        [
            ("Odpis skrócony", "22.00", "przelewem albo w kasie", "", "ustawa o opłacie skarbowej"),
            ("Odpis zupełny", "33.00", "przelewem albo w kasie", "", "ustawa o opłacie skarbowej"),
            (
                "Pełnomocnictwo",
                "17.00",
                "",
                "małżonek, wstępni, zstępni, rodzeństwo",
                "ustawa o opłacie skarbowej",
            ),
        ],
        "Do 7 dni.",
        "odpis aktu",
        "",
        "<p>Prawo o aktach stanu cywilnego; ustawa o opłacie skarbowej.</p>",
        (
            "Wniosek o odpis aktu (gov.pl)",
            "https://www.gov.pl/web/gov/uzyskaj-odpis-aktu-urodzenia",
        ),
    ),
    (
        "zameldowanie-na-pobyt-staly",
        "Zameldowanie na pobyt stały",
        "SO-1",
        "sprawy-obywatelskie",
        "wydzial-spraw-obywatelskich",
        "Zameldowanie pod adresem w Mysłowicach, pod którym mieszkasz z zamiarem stałego pobytu.",
        "<p>Obywatele Polski i cudzoziemcy przebywający w Mysłowicach.</p>",
        "<ul><li>dowód osobisty albo paszport,</li><li>dokument potwierdzający tytuł prawny do lokalu do wglądu (np. umowa najmu, akt notarialny).</li></ul>",
        [("Zameldowanie", "0.00", "", "", "")],
        "Niezwłocznie, w dniu złożenia wniosku.",
        "zaświadczenie o zameldowaniu (na wniosek)",
        "",
        "<p>Ustawa z dnia 24 września 2010 r. o ewidencji ludności.</p>",
        (
            "Zameldowanie przez internet (gov.pl)",
            "https://www.gov.pl/web/gov/zamelduj-sie-na-pobyt-staly-przez-internet",
        ),
    ),
    (
        "wymeldowanie",
        "Wymeldowanie z pobytu stałego",
        "SO-2",
        "sprawy-obywatelskie",
        "wydzial-spraw-obywatelskich",
        "Wymeldowanie z miejsca pobytu stałego lub czasowego w Mysłowicach.",
        "<p>Osoba, która opuszcza miejsce pobytu, albo jej pełnomocnik.</p>",
        "<ul><li>dowód osobisty albo paszport,</li><li>pełnomocnictwo, jeśli działa pełnomocnik.</li></ul>",
        [
            ("Wymeldowanie", "0.00", "", "", ""),
            ("Pełnomocnictwo", "17.00", "przelewem albo w kasie", "", "ustawa o opłacie skarbowej"),
        ],
        "Niezwłocznie; w trybie administracyjnym do 1 miesiąca.",
        "wpis do rejestru PESEL",
        GENERAL_APPEAL,
        "<p>Ustawa o ewidencji ludności.</p>",
        None,
    ),
    (
        "dowod-osobisty",
        "Wydanie dowodu osobistego",
        "SO-3",
        "sprawy-obywatelskie",
        "wydzial-spraw-obywatelskich",
        "Wniosek o nowy dowód osobisty — z powodu upływu ważności, zmiany danych albo utraty.",
        "<p>Każdy obywatel Polski; za dziecko wniosek składa rodzic.</p>",
        "<ul><li>aktualna kolorowa fotografia 35×45 mm,</li><li>dotychczasowy dowód osobisty.</li></ul>",
        [("Wydanie dowodu osobistego", "0.00", "", "", "ustawa o dowodach osobistych")],
        "Do 30 dni.",
        "dowód osobisty",
        "",
        "<p>Ustawa z dnia 6 sierpnia 2010 r. o dowodach osobistych.</p>",
        ("Wniosek o dowód osobisty (gov.pl)", "https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty"),
    ),
    (
        "deklaracja-odpady",
        "Deklaracja o wysokości opłaty za gospodarowanie odpadami komunalnymi",
        "PO-4",
        "odpady",
        "wydzial-podatkow-i-oplat",
        "Złożenie pierwszej deklaracji albo zmiany (np. liczby mieszkańców) w opłacie za odpady.",
        "<p>Właściciele nieruchomości zamieszkałych w Mysłowicach, także zarządcy wspólnot i spółdzielni.</p>",
        "<ul><li>wypełniona deklaracja DO-1,</li><li>przy zmianie — dane o liczbie osób zamieszkujących nieruchomość.</li></ul>",
        [("Złożenie deklaracji", "0.00", "", "", "")],
        "Deklarację składa się w ciągu 14 dni od zamieszkania pierwszego mieszkańca albo do 10. dnia miesiąca następującego po zmianie.",
        "przyjęcie deklaracji; opłata naliczana co miesiąc",
        "",
        "<p>Ustawa z dnia 13 września 1996 r. o utrzymaniu czystości i porządku w gminach; uchwały Rady Miasta Mysłowice w sprawie opłaty.</p>",
        None,
    ),
    (
        "podatek-od-nieruchomosci",
        "Podatek od nieruchomości — osoby fizyczne",
        "PO-1",
        "podatki",
        "wydzial-podatkow-i-oplat",
        "Zgłoszenie nieruchomości do opodatkowania (informacja IN-1) i zmiany w opodatkowaniu.",
        "<p>Osoby fizyczne będące właścicielami, użytkownikami wieczystymi lub posiadaczami nieruchomości w Mysłowicach.</p>",
        "<ul><li>informacja o nieruchomościach IN-1 z załącznikami,</li><li>kopia aktu notarialnego lub innego dokumentu nabycia.</li></ul>",
        [("Złożenie informacji", "0.00", "", "", "")],
        "Informację składa się w ciągu 14 dni od nabycia nieruchomości; decyzję ustalającą podatek doręczamy do 1 miesiąca.",
        "decyzja ustalająca wysokość podatku",
        GENERAL_APPEAL,
        "<p>Ustawa z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych; Ordynacja podatkowa.</p>",
        ("Formularz IN-1 (e-Urząd Mysłowice)", "https://eurzad.myslowice.pl/"),
    ),
    (
        "abonament-postojowy",
        "Abonament postojowy dla mieszkańca strefy płatnego parkowania",
        "KM-7",
        "transport",
        "wydzial-komunikacji",
        "Abonament mieszkańca na parkowanie w strefie płatnego parkowania w centrum miasta.",
        "<p>Mieszkańcy zameldowani w strefie płatnego parkowania, właściciele lub użytkownicy pojazdu.</p>",
        "<ul><li>wniosek,</li><li>dowód rejestracyjny pojazdu do wglądu,</li><li>dokument potwierdzający prawo do używania pojazdu, jeśli nie jesteś właścicielem.</li></ul>",
        [
            (
                "Abonament miesięczny mieszkańca",
                "30.00",
                "przelewem albo w kasie",
                "",
                "uchwała Rady Miasta w sprawie strefy płatnego parkowania",
            )
        ],
        "Do 7 dni.",
        "abonament (identyfikator)",
        "",
        "<p>Ustawa z dnia 21 marca 1985 r. o drogach publicznych (art. 13b); uchwała Rady Miasta Mysłowice w sprawie strefy płatnego parkowania.</p>",
        None,
    ),
    (
        "prawo-jazdy",
        "Wydanie prawa jazdy",
        "KM-2",
        "transport",
        "wydzial-komunikacji",
        "Wydanie prawa jazdy po zdanym egzaminie albo jego wymiana.",
        "<p>Osoby zamieszkałe w Mysłowicach, które zdały egzamin państwowy lub wymieniają dokument.</p>",
        "<ul><li>wniosek o wydanie prawa jazdy,</li><li>profil kandydata na kierowcę (PKK) — przy pierwszym prawie jazdy,</li><li>fotografia 35×45 mm.</li></ul>",
        [
            (
                "Wydanie prawa jazdy",
                "100.50",
                "przelewem albo w kasie",
                "",
                "rozporządzenie w sprawie opłat za wydanie prawa jazdy",
            )
        ],
        "Do 2 dni roboczych od wpływu wyników egzaminu.",
        "prawo jazdy",
        "",
        "<p>Ustawa z dnia 5 stycznia 2011 r. o kierujących pojazdami.</p>",
        ("Wniosek o prawo jazdy (gov.pl)", "https://www.gov.pl/web/gov/uzyskaj-prawo-jazdy"),
    ),
    (
        "zajecie-pasa-drogowego",
        "Zajęcie pasa drogowego",
        "MZD-1",
        "transport",
        "miejski-zarzad-drog",
        "Zezwolenie na prowadzenie robót albo umieszczenie urządzeń w pasie drogi gminnej lub powiatowej.",
        "<p>Wykonawcy robót, inwestorzy, przedsiębiorcy umieszczający w pasie drogowym obiekty lub reklamy.</p>",
        "<ul><li>wniosek z planem sytuacyjnym,</li><li>projekt organizacji ruchu, jeśli roboty go wymagają,</li><li>harmonogram robót.</li></ul>",
        [
            (
                "Opłata za zajęcie pasa drogowego",
                "0.00",
                "naliczana w decyzji za każdy dzień i m²",
                "",
                "uchwała Rady Miasta w sprawie stawek opłat",
            ),
            ("Wydanie zezwolenia", "82.00", "przelewem", "", "ustawa o opłacie skarbowej"),
        ],
        "Do 1 miesiąca.",
        "decyzja administracyjna",
        GENERAL_APPEAL,
        "<p>Ustawa z dnia 21 marca 1985 r. o drogach publicznych (art. 40).</p>",
        None,
    ),
    (
        "usuniecie-drzew",
        "Zezwolenie na usunięcie drzew lub krzewów",
        "OS-3",
        "srodowisko",
        "wydzial-ochrony-srodowiska",
        "Zezwolenie albo zgłoszenie zamiaru usunięcia drzewa z nieruchomości.",
        "<p>Właściciele i posiadacze nieruchomości; osoby fizyczne usuwające drzewa na cele niezwiązane z działalnością gospodarczą składają zgłoszenie.</p>",
        "<ul><li>wniosek albo zgłoszenie z rysunkiem lokalizacji drzew,</li><li>zgoda właściciela nieruchomości, jeśli wniosek składa posiadacz,</li><li>obwód pnia na wysokości 5 cm.</li></ul>",
        [
            ("Wydanie zezwolenia", "0.00", "", "", ""),
            (
                "Opłata za usunięcie drzew",
                "0.00",
                "naliczana w decyzji, jeśli należna",
                "m.in. drzewa owocowe, usuwane w związku z przebudową dróg",
                "ustawa o ochronie przyrody",
            ),
        ],
        "Do 1 miesiąca; przy zgłoszeniu — 14 dni na sprzeciw po oględzinach.",
        "decyzja administracyjna albo brak sprzeciwu",
        GENERAL_APPEAL,
        "<p>Ustawa z dnia 16 kwietnia 2004 r. o ochronie przyrody (art. 83–90).</p>",
        None,
    ),
    (
        "dodatek-mieszkaniowy",
        "Dodatek mieszkaniowy",
        "MZ-1",
        "mieszkania",
        "biuro-obslugi-mieszkancow",
        "Pomoc w opłatach za mieszkanie dla gospodarstw domowych o niskich dochodach.",
        "<p>Najemcy, właściciele i osoby zajmujące lokal, których dochód nie przekracza progów ustawowych.</p>",
        "<ul><li>wniosek z deklaracją o dochodach za 3 miesiące,</li><li>zaświadczenie zarządcy o wydatkach na mieszkanie,</li><li>dokument potwierdzający tytuł prawny do lokalu.</li></ul>",
        [("Złożenie wniosku", "0.00", "", "", "")],
        "Do 1 miesiąca; dodatek przyznaje się na 6 miesięcy.",
        "decyzja administracyjna",
        GENERAL_APPEAL,
        "<p>Ustawa z dnia 21 czerwca 2001 r. o dodatkach mieszkaniowych.</p>",
        None,
    ),
]


def load(stdout=None):
    from ratusz.core.tenancy import default_site_id

    site_id = default_site_id()  # Mysłowice's records, whatever other cities have
    categories = {}
    for order, (name, slug, description) in enumerate(CATEGORIES):
        categories[slug], _ = ServiceCategory.objects.get_or_create(
            site_id=site_id,
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )
    units = {}
    for order, (name, slug, short, head, function, rooms, phone, email, matters) in enumerate(
        UNITS
    ):
        unit, created = OfficeUnit.objects.get_or_create(
            site_id=site_id,
            slug=slug,
            defaults={
                "name": name,
                "short_name": short,
                "head_name": head,
                "head_function": function,
                "rooms": rooms,
                "phone": phone,
                "email": email,
                "matters": matters,
                "address": OFFICE_ADDRESS,
                "sort_order": order,
            },
        )
        if created:
            for weekday, opens, closes in OFFICE_HOURS:
                UnitOpeningHours.objects.create(
                    unit=unit, weekday=weekday, opens=opens, closes=closes
                )
            UnitPerson.objects.create(
                unit=unit, name=head, function=function, phone=phone, email=email
            )
        units[slug] = unit
    for (
        slug,
        title,
        code,
        category,
        unit,
        summary,
        who,
        documents,
        fees,
        duration,
        outcome,
        appeal,
        law,
        form,
    ) in CARDS:
        card, created = ServiceCard.objects.get_or_create(
            site_id=site_id,
            slug=slug,
            defaults={
                "title": title,
                "code": code,
                "category": categories[category],
                "responsible_unit": units[unit],
                "summary": summary,
                "who_may_apply": who,
                "required_documents": documents,
                "processing_time": duration,
                "outcome": outcome,
                "appeal": appeal,
                "legal_basis": law,
                "content_owner": units[unit].head_name,
                "last_reviewed": date(2026, 9, 15),
                "epuap_form_name": form[0] if form else "",
                "epuap_form_url": form[1] if form else "",
                "in_person_room": units[unit].rooms,
            },
        )
        if created:
            for order, (name, amount, how, exemptions, basis) in enumerate(fees):
                ServiceFee.objects.create(
                    card=card,
                    sort_order=order,
                    name=name,
                    amount=Decimal(amount),
                    how_to_pay=how,
                    exemptions=exemptions,
                    legal_basis=basis,
                )
    # Matters done through the national service (gov.pl: mObywatel or profil zaufany) or
    # only in person: e-Doręczenia is not their route, so the card does not offer it.
    ours = ServiceCard.objects.filter(site_id=site_id)
    ours.filter(slug__in=NOT_BY_EDELIVERY).update(by_edelivery=False)
    # One card left unreviewed for over a year, so the editors' list has work in it.
    ours.filter(slug="zajecie-pasa-drogowego", last_reviewed=date(2026, 9, 15)).update(
        last_reviewed=date(2025, 6, 30)
    )
    OfficeClosure.objects.get_or_create(
        site_id=site_id,
        date=date(2026, 12, 31),
        defaults={"reason": "dzień wolny za święto przypadające w sobotę"},
    )
    if stdout:
        stdout.write(f"  załatw sprawę: {len(CARDS)} kart, {len(UNITS)} komórek urzędu")


# --- Tychy: a little of the second city's own (#24) ----------------------------------

TYCHY_ADDRESS = "al. Niepodległości 49, 43-100 Tychy"
TYCHY_HOURS = (
    [(0, time(8, 0), time(17, 0))]
    + [(d, time(8, 0), time(16, 0)) for d in (1, 2, 3)]
    + [(4, time(8, 0), time(15, 0))]
)
TYCHY_CATEGORIES = [
    ("Sprawy obywatelskie", "sprawy-obywatelskie", "Meldunek, dowody osobiste"),
    ("Odpady komunalne", "odpady", "Deklaracje i odbiór odpadów"),
]
TYCHY_UNITS = [
    (
        "Wydział Spraw Obywatelskich",
        "wydzial-spraw-obywatelskich",
        "SO",
        "Ewa Malinowska",
        "naczelnik wydziału",
        "parter, sala obsługi",
        "+48 32 776 35 00",
        "Zameldowanie i wymeldowanie, dowody osobiste.",
    ),
    (
        "Wydział Gospodarki Odpadami",
        "wydzial-gospodarki-odpadami",
        "GO",
        "Marek Dudek",
        "naczelnik wydziału",
        "pokoje 110–114",
        "+48 32 776 36 00",
        "Deklaracje o wysokości opłaty za odpady, harmonogramy odbioru.",
    ),
]
TYCHY_CARDS = [
    (
        "zameldowanie-na-pobyt-staly",
        "Zameldowanie na pobyt stały w Tychach",
        "SO-1",
        "sprawy-obywatelskie",
        "wydzial-spraw-obywatelskich",
        "Zameldowanie osoby, która zamieszkała w Tychach z zamiarem stałego pobytu.",
        "<p>Osoba, która zamieszkała w lokalu na terenie Tychów.</p>",
        "<ul><li>formularz zgłoszenia pobytu stałego,</li><li>dowód osobisty albo paszport,"
        "</li><li>dokument potwierdzający tytuł prawny do lokalu.</li></ul>",
        "Od ręki, gdy dokumenty są kompletne.",
        "<p>Ustawa z dnia 24 września 2010 r. o ewidencji ludności.</p>",
    ),
    (
        "deklaracja-oplaty-za-odpady",
        "Deklaracja o wysokości opłaty za gospodarowanie odpadami",
        "GO-1",
        "odpady",
        "wydzial-gospodarki-odpadami",
        "Pierwsza deklaracja albo zmiana danych, np. liczby mieszkańców lokalu.",
        "<p>Właściciel nieruchomości zamieszkałej w Tychach.</p>",
        "<ul><li>formularz deklaracji.</li></ul>",
        "Deklarację składa się w ciągu 14 dni od zamieszkania albo zmiany danych.",
        "<p>Ustawa z dnia 13 września 1996 r. o utrzymaniu czystości i porządku w gminach.</p>",
    ),
]


def load_second_city(site, stdout=None):
    """Tychy's categories, two units with hours and a card each, a closure (idempotent)."""
    categories = {}
    for order, (name, slug, description) in enumerate(TYCHY_CATEGORIES):
        categories[slug], _ = ServiceCategory.objects.get_or_create(
            site=site,
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )
    units = {}
    for order, (name, slug, short, head, function, rooms, phone, matters) in enumerate(TYCHY_UNITS):
        unit, created = OfficeUnit.objects.get_or_create(
            site=site,
            slug=slug,
            defaults={
                "name": name,
                "short_name": short,
                "head_name": head,
                "head_function": function,
                "rooms": rooms,
                "phone": phone,
                "matters": matters,
                "address": TYCHY_ADDRESS,
                "sort_order": order,
            },
        )
        if created:
            for weekday, opens, closes in TYCHY_HOURS:
                UnitOpeningHours.objects.create(
                    unit=unit, weekday=weekday, opens=opens, closes=closes
                )
            UnitPerson.objects.create(unit=unit, name=head, function=function, phone=phone)
        units[slug] = unit
    for slug, title, code, category, unit, summary, who, documents, duration, law in TYCHY_CARDS:
        ServiceCard.objects.get_or_create(
            site=site,
            slug=slug,
            defaults={
                "title": title,
                "code": code,
                "category": categories[category],
                "responsible_unit": units[unit],
                "summary": summary,
                "who_may_apply": who,
                "required_documents": documents,
                "processing_time": duration,
                "legal_basis": law,
                "content_owner": units[unit].head_name,
                "last_reviewed": date(2026, 10, 1),
                "in_person_room": units[unit].rooms,
            },
        )
    OfficeClosure.objects.get_or_create(
        site=site,
        date=date(2026, 12, 28),
        defaults={"reason": "dzień wolny za święto 26 grudnia przypadające w sobotę"},
    )
    if stdout:
        stdout.write(
            f"  załatw sprawę (Tychy): {len(TYCHY_CARDS)} karty, {len(TYCHY_UNITS)} komórki"
        )
