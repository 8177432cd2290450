"""Admin forms of the budget's records: a city's official picks only their cities'
editions, pools, exclusion groups and projects (``ratusz.core.tenancy``)."""

from wagtail.admin.forms import WagtailAdminModelForm

from ratusz.core.tenancy import CityFormMixin, for_user, is_city_owned, user_site_ids


class BudgetAdminForm(CityFormMixin, WagtailAdminModelForm):
    """Every choice of a city's record (an edition, a pool, …) narrowed to the
    user's cities; the ``site`` field, if any, as ``CityFormMixin`` makes it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and is_city_owned(queryset.model):
                field.queryset = for_user(queryset, user)


class EditionAdminForm(BudgetAdminForm):
    """A new edition of a one-city official is named after that city."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        ids = user_site_ids(user) if user is not None else None
        if "city" in self.fields and not self.instance.pk and ids and len(ids) == 1:
            from wagtail.models import Site

            from ratusz.core import city

            site = Site.objects.filter(pk=ids[0]).first()
            if site is not None:
                self.initial["city"] = city.current(site).city_name or self.initial.get("city")
