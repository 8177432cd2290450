"""What a new city needs from the page tree: its site and first pages (ratusz.core.newcity).

Starter texts say only what is true of any city on Ratusz; the office fills in
the rest. The systems (Załatw sprawę, the budget, alerts, the map, EU funds,
NGOs) and the accessibility statement are the apps' own addresses on every
site, linked from the menu and the footer: they need no page in the tree.
"""

from django.utils.html import escape
from django.utils.text import slugify

from ratusz.core.newcity import NewCity, Step

CONTACT_FIELDS = [
    ("Imię i nazwisko", "singleline", True),
    ("Adres e-mail", "email", True),
    ("Temat", "singleline", False),
    ("Wiadomość", "multiline", True),
]


def _privacy_notice(office: str) -> str:
    return (
        f"<p>Administratorem danych osobowych przesłanych przez ten serwis jest {escape(office)}.</p>"
        "<ul><li>Dane z formularza kontaktowego przetwarzamy, aby odpowiedzieć na wiadomość "
        "(art. 6 ust. 1 lit. a RODO — zgoda).</li>"
        "<li>Masz prawo dostępu do danych, ich sprostowania, usunięcia, ograniczenia "
        "przetwarzania, cofnięcia zgody oraz wniesienia skargi do Prezesa UODO.</li>"
        "<li>Podanie danych jest dobrowolne, ale bez nich nie odpowiemy na wiadomość.</li></ul>"
        "<p>Dane kontaktowe inspektora ochrony danych i okres przechowywania danych urząd "
        "podaje na tej stronie.</p>"
    )


def _publish(page):
    page.save_revision().publish()
    return page


def _home_slug(root, name: str) -> str:
    base = slugify(name.replace("ł", "l").replace("Ł", "L")) or "miasto"
    taken = set(root.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def page_tree(city: NewCity) -> None:
    from wagtail.models import Page, Site

    from .models import ArticlePage, ContactFormField, ContactPage, HomePage, NewsIndexPage

    name = city.name.name
    office = city.office_name or f"Urząd Miasta {name}"
    root = Page.get_first_root_node()
    home = HomePage(
        title=name,
        slug=_home_slug(root, name),
        hero_title=f"Serwis miasta {name}",
        hero_text=(
            "Tu załatwisz sprawy w urzędzie, przeczytasz komunikaty i aktualności "
            "oraz weźmiesz udział w budżecie obywatelskim."
        ),
    )
    root.add_child(instance=home)
    _publish(home)
    news = NewsIndexPage(
        title="Aktualności",
        slug="aktualnosci",
        show_in_menus=True,
        intro=f"Wiadomości z miasta i urzędu ({office}).",
    )
    home.add_child(instance=news)
    privacy = ArticlePage(
        title="Ochrona danych osobowych",
        slug="ochrona-danych-osobowych",
        intro="Jak urząd przetwarza dane osobowe osób, które korzystają z serwisu.",
        body=[("paragraph", _privacy_notice(office))],
    )
    home.add_child(instance=privacy)
    contact = ContactPage(
        title="Kontakt",
        slug="kontakt",
        show_in_menus=True,
        intro=f"<p>Napisz do urzędu: {escape(office)}.</p>",
        privacy_notice=_privacy_notice(office),
        thank_you_text="<p>Dziękujemy. Wiadomość trafiła do urzędu.</p>",
        subject="Wiadomość z formularza kontaktowego",
    )
    home.add_child(instance=contact)
    for order, (label, kind, required) in enumerate(CONTACT_FIELDS):
        ContactFormField.objects.create(
            page=contact, sort_order=order, label=label, field_type=kind, required=required
        )
    for page in (news, privacy, contact):
        _publish(page)
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site is not None and site.root_page.specific_class is Page
    if placeholder:
        # a fresh installation: Wagtail's "Welcome" site becomes the first city's
        old_root = site.root_page
        site.hostname, site.port, site.root_page, site.site_name = (
            city.host,
            city.port,
            home,
            name,
        )
        site.save()
        if not old_root.get_children().exists():
            old_root.delete()
    else:
        site = Site.objects.create(
            hostname=city.host,
            port=city.port,
            root_page=home,
            site_name=name,
            is_default_site=site is None,
        )
    city.site, city.home = site, home
    city.pages.update(news=news, privacy=privacy, contact=contact)
    city.say(
        f"strony: {site.hostname}:{site.port} — strona główna, Aktualności, Kontakt "
        "(formularz: adres odbiorcy uzupełnij w panelu), Ochrona danych osobowych"
    )


STEPS = [Step(20, "strony", page_tree)]
