"""What a new city needs from accounts: the role groups, the city's own
page-editing groups and its first editors (ratusz.core.newcity)."""

from io import StringIO

from ratusz.core.newcity import CityRefused, NewCity, Step


def roles(city: NewCity) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from ratusz.core.models import CityStaff
    from ratusz.core.tenancy import default_site_id

    from . import citygroups
    from .management.commands.ratusz_roles import _permissions_of
    from .roles import EDITOR, all_roles

    # the shared groups, and the groups of this city and the default one (the
    # second city gives the default city its groups); other cities' are as they were
    sites = {city.site.pk, default_site_id()}
    call_command("ratusz_roles", *(f"--site={pk}" for pk in sites if pk), stdout=StringIO())
    groups = citygroups.set_up_city_groups(city.site, all_roles(), _permissions_of)
    city.say(
        f"role: grupy miasta {', '.join(group.name for group, _ in groups)} — strony tylko "
        "tego miasta; pozostałe role są wspólne dla instalacji, a rekordy miasta widzą "
        "pracownicy przypisani do niego (Ustawienia → Miasta pracowników)"
    )
    if not city.editors:
        return
    editors = citygroups.editor_group(city.site, all_roles(), EDITOR)
    users = get_user_model().objects
    for username in city.editors:
        user = users.filter(username=username).first()
        if user is None:
            raise CityRefused(
                f"Nie ma konta {username!r}. Załóż je najpierw (Ustawienia → Użytkownicy "
                "albo manage.py createsuperuser) albo pomiń --editor."
            )
        CityStaff.objects.get_or_create(user=user, site=city.site)
        if editors is not None:
            user.groups.add(editors)
        city.say(
            f"redaktor: {username} — grupa {editors.name if editors else EDITOR}, miasto {city.name.name}"
        )


STEPS = [Step(60, "role", roles)]
