"""What a new city needs from accounts: the role groups (ratusz.core.newcity)."""

from io import StringIO

from ratusz.core.newcity import NewCity, Step


def roles(city: NewCity) -> None:
    from django.core.management import call_command

    out = StringIO()
    call_command("ratusz_roles", stdout=out)
    names = [line.split(":", 1)[0] for line in out.getvalue().splitlines() if ":" in line]
    # the groups hold for the whole installation until staff belong to one city (#24)
    city.say(
        f"role: {', '.join(names)} — konta nadaj w panelu (Ustawienia → Użytkownicy); "
        "grupy są wspólne dla całej instalacji"
    )


STEPS = [Step(60, "role", roles)]
