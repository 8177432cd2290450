"""Admin form of a record that belongs to a city (``ratusz.core.tenancy``):
set ``base_form_class = CityAdminForm`` on the model, or mix ``CityFormMixin``
into its own form."""

from wagtail.admin.forms import WagtailAdminModelForm

from .tenancy import CityFormMixin


class CityAdminForm(CityFormMixin, WagtailAdminModelForm):
    pass
