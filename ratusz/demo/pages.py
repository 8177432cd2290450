"""Demo content of the portal shell for Mysłowice (`manage.py demo`).

The article "Współpraca Miasta Mysłowice z innymi miastami" is the seed page
of the old myslowice.pl, verbatim and in its order. It is historical text;
the cooperation register holds the dated facts that replace it.
"""

from datetime import date

from django.utils.html import escape
from wagtail.models import Page, Site

from ratusz.core import city, terc
from ratusz.core.models import AccessibilityStatement, EServiceLink
from ratusz.gis import boundaries
from ratusz.pages.models import (
    ArticlePage,
    ContactFormField,
    ContactPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    SectionPage,
)

# The demo city: its names come with its TERC code (ratusz.core.terc), as for
# `manage.py ratusz_city new`; tests/test_city_names.py keeps them out of product code.
TERC = "2470011"
SEED_TITLE = "Świat, region, ludzie"
SEED_PARAGRAPHS = [
    "Współpraca Miasta Mysłowice z innymi miastami odbywa się na dwóch poziomach: lokalnym i międzynarodowym.",
    "Na poziomie lokalnym Miasto Mysłowice, od 2007 roku jest członkiem Górnośląskiego Związku Metropolitalnego, który tworzy 14 miast na prawach powiatu. Celem Związku jest promowanie, zarówno w kraju jak i zagranicą, wszelakich zalet Metropolii tj. gospodarczych, kulturalnych, turystycznych jak również przyrodniczych; ustalanie wspólnej strategii rozwoju dla miast członkowskich oraz pozyskiwanie środków finansowych z funduszy krajowych i zagranicznych. Warto zaznaczyć, że Prezydent Miasta Mysłowice, Edward Lasok, jest członkiem Zarządu Związku – organu wykonawczego.",
    "Miasto Mysłowice jest również członkiem Śląskiego Związku Gmin i Powiatów, powołanego w celu integracji jednostek samorządu terytorialnego województwa śląskiego. Związek liczy ponad 120 członkowskich gmin i powiatów. Działania podejmowane w ramach Pola działalności Związku ukierunkowane są na kształtowanie wspólnej polityki samorządów lokalnych, wspieranie rozwoju polityki gospodarczej, integrowanie i promocja śląskich gmin i powiatów. W ramach podejmowanych inicjatyw odbywają się seminaria i warsztaty mające na celu omówienie spraw istotnych dla funkcjonowania jednostek samorządu terytorialnego.",
    "Ponadto Miasto Mysłowice należy do Związku Miast Polskich. W związku z ogólnopolskim zasięgiem organizacji, jej zakres działalności jest o wiele szerszy. Związek Miast Polskich w imieniu\xa0 członków\xa0 ma wpływ na lobbing legislacyjny poprzez udział swoich przedstawiciel m.in. w\xa0 Komisji Rządu i Samorządu Terytorialnego, ponad to Związek Miast Polskich finansuje i udostępnia miastom członkowskim ekspertyzy prawne, jak również udziela pomocy merytorycznej w rozwiązywaniu problemów dla miast członkowskich",
    "Poziom międzynarodowy dotyczy współpracy Miasta Mysłowice z miastami partnerskimi, którymi są niemieckie Enzkreis, moskiewska dzielnica „Sokola Góra” oraz czeskie Frydek - Mistek. Celem zawierania umów partnerskich jest ścisła współpraca między miastami dotycząca przede wszystkim wymiany doświadczeń, udziału młodzieży na corocznych obozach i kursach językowych, a także pomoc finansowa.",
]

NEWS = [
    (
        "sesja-rady-miasta-listopad-2026",
        "Sesja Rady Miasta Mysłowice 26 listopada",
        date(2026, 11, 20),
        ["samorzad"],
        "Radni zajmą się m.in. projektem budżetu na 2027 rok i programem współpracy z organizacjami pozarządowymi.",
        [
            "Sesja rozpocznie się o godz. 14:00 w sali sesyjnej Urzędu Miasta przy ul. Powstańców 1. Obrady będą transmitowane na żywo, a nagranie zostanie udostępnione wraz z napisami w ciągu 14 dni.",
            "Porządek obrad obejmuje m.in. projekt uchwały budżetowej na 2027 rok, wieloletnią prognozę finansową oraz roczny program współpracy z organizacjami pozarządowymi.",
        ],
    ),
    (
        "zimowe-utrzymanie-drog-2026",
        "Zimowe utrzymanie dróg w sezonie 2026/2027",
        date(2026, 11, 14),
        ["komunikaty"],
        "Od 15 listopada miejskie służby są w gotowości do odśnieżania i posypywania ulic.",
        [
            "Za zimowe utrzymanie dróg gminnych i powiatowych odpowiada Miejski Zarząd Dróg. W pierwszej kolejności odśnieżane są trasy komunikacji miejskiej, drogi dojazdowe do szpitala i szkół oraz przejścia dla pieszych.",
            "Zgłoszenia o nieodśnieżonych ulicach przyjmuje całodobowo dyżurny miejski. Numer telefonu znajduje się w stopce serwisu.",
        ],
    ),
    (
        "jarmark-bozonarodzeniowy-2026",
        "Jarmark bożonarodzeniowy na mysłowickim Rynku",
        date(2026, 11, 10),
        ["kultura"],
        "W grudniowe weekendy Rynek zamieni się w świąteczne miasteczko z kiermaszem rękodzieła i koncertami.",
        [
            "Na stoiskach pojawią się wyroby lokalnych rękodzielników, organizacji pozarządowych i szkół. Dochód z kiermaszu szkolnego zostanie przekazany na zbiórkę dla Miejskiego Ośrodka Pomocy Społecznej.",
        ],
    ),
    (
        "termomodernizacja-szkol-2026",
        "Zakończyła się termomodernizacja dwóch szkół podstawowych",
        date(2026, 10, 29),
        ["inwestycje"],
        "Docieplone ściany, nowe okna i pompy ciepła zmniejszą koszty ogrzewania i emisję zanieczyszczeń.",
        [
            "Inwestycja została dofinansowana ze środków Unii Europejskiej w ramach programu Fundusze Europejskie dla Śląskiego 2021–2027. Szczegóły projektu znajdują się w rejestrze funduszy europejskich.",
        ],
    ),
    (
        "nabor-wnioskow-mbo",
        "Ruszył nabór projektów do Mysłowickiego Budżetu Obywatelskiego",
        date(2026, 10, 15),
        ["samorzad", "budzet-obywatelski"],
        "Mieszkańcy, którzy ukończyli 15 lat, mogą zgłaszać projekty dzielnicowe i ogólnomiejskie.",
        [
            "Projekt musi poprzeć co najmniej 15 mieszkańców. Formularz zgłoszeniowy jest dostępny w serwisie budżetu obywatelskiego oraz w wersji papierowej w Biurze Obsługi Mieszkańców.",
        ],
    ),
    (
        "jakosc-powietrza-listopad",
        "Jakość powietrza w sezonie grzewczym — jak sprawdzić komunikaty",
        date(2026, 10, 2),
        ["komunikaty"],
        "Codzienne komunikaty o jakości powietrza publikujemy w dziale Komunikaty dot. bezpieczeństwa.",
        [
            "W sezonie grzewczym Wojewódzkie Centrum Zarządzania Kryzysowego przekazuje codzienne informacje o jakości powietrza. Komunikaty można subskrybować e-mailem oraz czytać w kanałach Atom i CAP.",
        ],
    ),
]

CATEGORIES = [
    ("Samorząd", "samorzad"),
    ("Komunikaty", "komunikaty"),
    ("Kultura", "kultura"),
    ("Inwestycje", "inwestycje"),
    ("Budżet obywatelski", "budzet-obywatelski"),
]

PRIVACY_NOTICE = (
    "<p>Administratorem Twoich danych osobowych jest Prezydent Miasta Mysłowice, "
    "ul. Powstańców 1, 41-400 Mysłowice. Kontakt z inspektorem ochrony danych: iod@myslowice.pl.</p>"
    "<ul><li>Dane przetwarzamy w celu odpowiedzi na wiadomość (art. 6 ust. 1 lit. a RODO — zgoda).</li>"
    "<li>Dane przechowujemy przez okres wynikający z jednolitego rzeczowego wykazu akt.</li>"
    "<li>Masz prawo dostępu do danych, ich sprostowania, usunięcia, ograniczenia przetwarzania, "
    "cofnięcia zgody oraz wniesienia skargi do Prezesa UODO.</li>"
    "<li>Podanie danych jest dobrowolne, ale bez nich nie odpowiemy na wiadomość. "
    "Nie podejmujemy decyzji w sposób zautomatyzowany i nie przekazujemy danych do państw trzecich.</li></ul>"
)


def _paragraphs(texts):
    return [("paragraph", f"<p>{escape(text)}</p>") for text in texts]


def _publish(page):
    page.save_revision().publish()
    return page


def ensure_child(parent, model, slug, **fields):
    """Create ``slug`` under ``parent`` once; a second run leaves it alone."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return _publish(page), True


def load(stdout=None):
    from ratusz.core.tenancy import default_site_id

    home = _home()
    _settings(home)
    categories = {
        # the default city's categories (another city has its own)
        slug: NewsCategory.objects.get_or_create(
            site_id=default_site_id(), slug=slug, defaults={"name": name}
        )[0]
        for name, slug in CATEGORIES
    }
    news_index, _ = ensure_child(
        home,
        NewsIndexPage,
        "aktualnosci",
        title="Aktualności",
        show_in_menus=True,
        intro="Wiadomości z miasta i urzędu.",
    )
    for slug, title, day, cats, intro, texts in NEWS:
        page, created = ensure_child(
            news_index, NewsPage, slug, title=title, date=day, intro=intro, body=_paragraphs(texts)
        )
        if created:
            page.categories.set([categories[c] for c in cats])
            _publish(page)
    section, _ = ensure_child(
        home,
        SectionPage,
        "swiat-region-ludzie",
        title=SEED_TITLE,
        show_in_menus=True,
        intro="Współpraca Mysłowic z miastami regionu, kraju i świata.",
        body=[
            (
                "paragraph",
                "<p>Mysłowice współpracują z innymi samorządami w związkach "
                "i stowarzyszeniach oraz z miastami partnerskimi za granicą. Jak ta współpraca "
                'wygląda, opisuje artykuł <a href="/swiat-region-ludzie/wspolpraca-z-innymi-miastami/">'
                "Współpraca Miasta Mysłowice z innymi miastami</a>. Poniżej znajdziesz jej "
                "aktualny stan, prowadzony w rejestrze z datami, oraz historię.</p>",
            )
        ]
        + _registry_embeds(),
    )
    ensure_child(
        section,
        ArticlePage,
        "wspolpraca-z-innymi-miastami",
        title="Współpraca Miasta Mysłowice z innymi miastami",
        intro="",
        body=_paragraphs(SEED_PARAGRAPHS)
        + [
            (
                "notice",
                {
                    "text": "<p>Artykuł opisuje współpracę według stanu z chwili jego napisania. "
                    "Aktualne, datowane informacje o członkostwach i partnerstwach zawiera "
                    '<a href="/wspolpraca/">rejestr współpracy</a>.</p>'
                },
            )
        ],
    )
    residents, _ = ensure_child(
        home,
        SectionPage,
        "dla-mieszkanca",
        title="Dla mieszkańca",
        # not in the main menu: it holds the privacy notice and help on the site,
        # both linked from every page's footer; the menu is for residents' tasks
        show_in_menus=False,
        intro="Informacje praktyczne dla mieszkańców Mysłowic.",
    )
    privacy, _ = ensure_child(
        residents,
        ArticlePage,
        "ochrona-danych-osobowych",
        title="Ochrona danych osobowych",
        intro="Jak urząd przetwarza dane osobowe mieszkańców.",
        body=[("paragraph", PRIVACY_NOTICE)],
    )
    ensure_child(
        residents,
        ArticlePage,
        "ulatwienia-w-serwisie",
        title="Ułatwienia w serwisie",
        intro="Powiększanie tekstu, wysoki kontrast i drukowanie stron.",
        body=_paragraphs(
            [
                "Każda strona serwisu ma narzędzia: Drukuj, Powiększ tekst (skrót: +), Pomniejsz tekst (skrót: -) oraz Wysoki kontrast. Wybrane ustawienia przeglądarka zapamiętuje bez plików cookie.",
                "Serwis nie używa plików cookie do śledzenia i nie pobiera niczego z innych serwerów, dlatego nie wyświetla banera zgody.",
            ]
        ),
    )
    contact = _contact(home)
    office = city.current(home.get_site())
    if office.privacy_page_id != privacy.pk or office.contact_page_id != contact.pk:
        office.privacy_page = privacy
        office.contact_page = contact
        office.save()
    if stdout:
        stdout.write("  strony: strona główna, aktualności, Świat, region, ludzie, kontakt")


def _registry_embeds():
    return [
        ("embedded_list", {"key": "cooperation-today", "heading": "Współpraca dziś"}),
        ("embedded_list", {"key": "cooperation-history", "heading": "Historia współpracy"}),
    ]


def _home():
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Mysłowice",
            slug="mieszkancy",
            hero_title="Witamy w Mysłowicach",
            hero_text="Miasto na styku trzech kultur, u zbiegu Przemszy i Czarnej Przemszy. "
            "Tu załatwisz sprawy w urzędzie, zgłosisz projekt do budżetu obywatelskiego "
            "i sprawdzisz komunikaty.",
        )
        root.add_child(instance=home)
        _publish(home)
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Mysłowice",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Mysłowice"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome" placeholder
    return home


def _settings(home):
    site = Site.objects.filter(root_page_id=home.pk).first() or home.get_site()
    office = city.current(site)
    if not office.terc:  # the identity, filled in as `manage.py ratusz_city new` would
        name = terc.resolve(TERC)
        office.city_name = name.name
        office.city_genitive = name.genitive
        office.city_locative = name.locative
        office.terc = name.terc
        office.office_name = f"Urząd Miasta {name.name}"
        office.boundary = boundaries.county(name.name)
        office.save()
    if not office.street:
        office.street = "ul. Powstańców 1"
        office.postal_code = "41-400"
        office.locality = "Mysłowice"
        office.phone = "+48 32 317 11 00"
        office.fax = "+48 32 222 25 65"
        office.email = "um@myslowice.pl"
        # Format-valid placeholders: the city enters its real addresses in the admin.
        office.ade_address = "AE:PL-12345-67890-MYSLO-01"
        office.epuap_box = "/umyslowice/SkrytkaESP"
        office.opening_hours = (
            "poniedziałek 7:30–17:00\nwtorek–czwartek 7:30–15:30\npiątek 7:30–14:00"
        )
        office.bip_url = "https://bip.myslowice.pl/"
        office.latitude = "50.240500"
        office.longitude = "19.140000"
        office.save()
    links = [
        (
            "ePUAP",
            "https://epuap.gov.pl/",
            "Elektroniczna Platforma Usług Administracji Publicznej",
            date(2008, 1, 1),
            None,
            10,
        ),
        (
            "SEKAP",
            "https://www.sekap.pl/",
            "Śląska platforma e-administracji (wyłączona 23.12.2021)",
            date(2008, 4, 25),
            date(2021, 12, 22),
            20,
        ),
        (
            "Silesia",
            "https://metropoliagzm.pl/",
            "Metropolia Silesia — dziś Górnośląsko-Zagłębiowska Metropolia",
            date(2007, 9, 20),
            None,
            30,
        ),
        (
            "e-Doręczenia",
            "https://www.gov.pl/web/e-doreczenia",
            "Adres do doręczeń elektronicznych urzędu",
            date(2025, 1, 1),
            None,
            40,
        ),
    ]
    for label, url, description, start, end, order in links:
        EServiceLink.objects.get_or_create(
            label=label,
            site=site,
            defaults={
                "url": url,
                "description": description,
                "valid_from": start,
                "valid_until": end,
                "sort_order": order,
            },
        )
    statement = AccessibilityStatement.for_site(site)
    if not statement.contact_email:
        statement.entity_name = "Urząd Miasta Mysłowice"
        statement.site_name = "Serwis internetowy miasta Mysłowice"
        statement.site_url = "http://127.0.0.1:8000/"
        statement.published_on = date(2020, 9, 23)
        statement.updated_on = date(2026, 11, 1)
        statement.prepared_on = date(2026, 3, 20)
        statement.reviewed_on = date(2026, 3, 20)
        statement.status = "częściowo zgodna"
        statement.inaccessible_content = (
            "Część dokumentów archiwalnych opublikowanych przed 23 września 2018 r. "
            "to skany bez warstwy tekstowej.\nMapy nie są w pełni dostępne; dane każdej warstwy "
            "mapy udostępniamy także jako tabele."
        )
        statement.exclusions = "Mapy (z dostępną alternatywą tabelaryczną), pliki sprzed 23.09.2018, treści stron trzecich."
        statement.shortcuts = (
            "Na każdej stronie: Drukuj, Powiększ tekst (skrót: +), Pomniejsz tekst (skrót: -), "
            "Wysoki kontrast. Serwis można też powiększać narzędziami przeglądarki."
        )
        statement.contact_person = "Koordynator ds. dostępności"
        statement.contact_email = "dostepnosc@um.myslowice.pl"
        statement.contact_phone = "32 31 71 313"
        statement.procedure = (
            "Każdy ma prawo zażądać udostępnienia cyfrowego strony, jej elementu lub informacji "
            "w formie alternatywnej. Żądanie powinno zawierać dane osoby zgłaszającej, wskazanie "
            "strony lub elementu oraz sposób kontaktu. Urząd realizuje żądanie niezwłocznie, nie "
            "później niż w ciągu 7 dni; jeżeli nie jest to możliwe, informuje o terminie, nie "
            "dłuższym niż 2 miesiące. W przypadku odmowy można złożyć skargę do urzędu, "
            "a następnie zawiadomić Rzecznika Praw Obywatelskich."
        )
        statement.architecture = (
            "Do budynku Urzędu Miasta przy ul. Powstańców 1 prowadzi wejście główne z podjazdem "
            "dla wózków. W budynku jest winda. Na parkingu wyznaczono miejsca dla osób "
            "z niepełnosprawnościami. Do budynku można wejść z psem asystującym. W Biurze "
            "Obsługi Mieszkańców działa pętla indukcyjna; tłumacza języka migowego można zamówić "
            "z 3-dniowym wyprzedzeniem."
        )
        statement.save()


def _contact(home):
    contact = home.get_children().filter(slug="kontakt").first()
    if contact is not None:
        return contact.specific
    contact = ContactPage(
        slug="kontakt",
        title="Kontakt",
        show_in_menus=True,
        intro="<p>Napisz do Urzędu Miasta Mysłowice. Odpowiemy najszybciej, jak to możliwe.</p>",
        privacy_notice=PRIVACY_NOTICE,
        thank_you_text="<p>Dziękujemy. Wiadomość trafiła do Biura Obsługi Mieszkańców.</p>",
        to_address="um@myslowice.pl",
        from_address="noreply@myslowice.pl",
        subject="Wiadomość z formularza kontaktowego",
    )
    home.add_child(instance=contact)
    fields = [
        ("Imię i nazwisko", "singleline", True),
        ("Adres e-mail", "email", True),
        ("Temat", "singleline", False),
        ("Wiadomość", "multiline", True),
    ]
    for order, (label, kind, required) in enumerate(fields):
        ContactFormField.objects.create(
            page=contact, sort_order=order, label=label, field_type=kind, required=required
        )
    return _publish(contact)
