"""The page editor's form: drafts validated like publications (ratusz/core/forms.py)."""

from wagtail.admin.forms import WagtailAdminPageForm

from ratusz.core.forms import SameValidationForDraftsMixin
from ratusz.core.tenancy import in_city


class PageForm(SameValidationForDraftsMixin, WagtailAdminPageForm):
    pass


class NewsPageForm(PageForm):
    """A news page offers the categories of its own city (its site's)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("categories")
        page = self.instance if self.instance.pk else self.parent_page
        site = page.get_site() if page is not None else None
        if field is not None and site is not None:
            field.queryset = in_city(field.queryset, site)
