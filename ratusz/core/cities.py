"""What a new city needs from the shell: its identity (ratusz.core.newcity)."""

from .newcity import NewCity, Step


def identity(city: NewCity) -> None:
    from . import city as city_identity

    identity = city_identity.current(city.site)
    identity.city_name = city.name.name
    identity.city_genitive = city.name.genitive
    identity.city_locative = city.name.locative
    identity.terc = city.name.terc
    identity.office_name = city.office_name or f"Urząd Miasta {city.name.name}"
    identity.locality = city.name.name
    identity.boundary = city.boundary
    identity.privacy_page = city.pages.get("privacy")
    identity.contact_page = city.pages.get("contact")
    identity.full_clean()
    identity.save()
    city.say(
        f"tożsamość: {identity.city_name} ({identity.city_genitive}, {identity.city_locative}), "
        f"TERC {identity.terc}, {identity.office_name}; adres, telefon, e-mail, "
        "e-Doręczenia, ePUAP, BIP, herb i kolory uzupełnij w panelu: Ustawienia → Dane urzędu"
    )


STEPS = [Step(30, "tożsamość miasta", identity)]
