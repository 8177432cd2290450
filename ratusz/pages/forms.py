"""The page editor's form: drafts validated like publications (ratusz/core/forms.py)."""

from wagtail.admin.forms import WagtailAdminPageForm

from ratusz.core.forms import SameValidationForDraftsMixin


class PageForm(SameValidationForDraftsMixin, WagtailAdminPageForm):
    pass
