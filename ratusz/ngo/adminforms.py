"""Admin forms of the NGO records: choices of organisations limited to the user's cities."""

from wagtail.admin.forms import WagtailAdminModelForm

from ratusz.core.tenancy import CityFormMixin, for_user, user_site_ids


class OwnCityChoices:
    """Choices of records (an organisation) limited to the user's cities."""

    city_choice_fields: tuple[str, ...] = ("organisation",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        for name in self.city_choice_fields:
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None and user is not None:
                field.queryset = for_user(field.queryset, user)


class OrganisationChoiceForm(OwnCityChoices, WagtailAdminModelForm):
    """A small grant's or a change proposal's form: the user's cities' organisations."""


class OrganisationAdminForm(CityFormMixin, WagtailAdminModelForm):
    """A new entry of a one-city official starts with that city's name as the seat."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        ids = user_site_ids(user) if user is not None else None
        if self.instance.pk is None and ids and len(ids) == 1 and "city" in self.fields:
            from wagtail.models import Site

            from ratusz.core import city

            site = Site.objects.filter(pk=ids[0]).first()
            if site is not None:
                self.initial["city"] = city.current(site).city_name
