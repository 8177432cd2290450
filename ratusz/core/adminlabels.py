"""Labels Wagtail's own admin forms leave untranslatable, set in Polish-ready form.

Wagtail declares the page field of the group-permission and workflow forms
without a label (Django then shows the field's name, "Page"), and labels page
permissions with their stored English names ("Publish any page"). Called from
CoreConfig.ready(); each label is a lazy translation, so an English admin
still reads English.
"""

from django.utils.translation import gettext_lazy as _

PAGE_PERMISSIONS = {
    "add_page": _("Dodawanie stron"),
    "change_page": _("Edycja stron"),
    "delete_page": _("Usuwanie stron"),
    "view_page": _("Przeglądanie stron"),
    "bulk_delete_page": _("Usuwanie stron razem z podstronami"),
    "lock_page": _("Blokowanie stron (i zdejmowanie własnych blokad)"),
    "publish_page": _("Publikowanie dowolnej strony"),
    "unlock_page": _("Odblokowywanie dowolnej strony"),
}


def _permission_label(permission):
    return str(PAGE_PERMISSIONS.get(permission.codename, permission.name))


def label_upstream_fields():
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.users.forms import PagePermissionsForm

    PagePermissionsForm.base_fields["page"].label = _("Page")
    PagePermissionsForm.base_fields["permissions"].label_from_instance = _permission_label
    WorkflowPageForm.base_fields["page"].label = _("Page")
