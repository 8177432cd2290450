"""Admin forms of the NGO records: choices of organisations limited to the user's cities."""

from wagtail.admin.forms import WagtailAdminModelForm

from ratusz.core.tenancy import for_user


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
