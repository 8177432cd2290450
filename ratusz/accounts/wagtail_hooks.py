from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("dwuetapowe/konfiguracja/", views.enrol, name="ratusz_2fa_enrol"),
        path("dwuetapowe/weryfikacja/", views.verify, name="ratusz_2fa_verify"),
        path("dwuetapowe/kody-zapasowe/", views.recovery_codes, name="ratusz_2fa_codes"),
        path("dwuetapowe/potwierdz/", views.confirm, name="ratusz_2fa_confirm"),
    ]


@hooks.register("filter_form_submissions_for_user")
def submissions_need_their_permission(user, form_pages):
    # Wagtail shows submissions to anyone who may edit the form page; they hold
    # residents' personal data, so only roles granted the view permission see them.
    if user.has_perm("wagtailforms.view_formsubmission"):
        return form_pages
    return form_pages.none()


@hooks.register("register_account_menu_item")
def recovery_codes_item(request):
    return {
        "url": reverse("ratusz_2fa_codes"),
        "label": _("Nowe kody zapasowe"),
        "help_text": _("Wygeneruj nowy zestaw kodów do logowania bez telefonu."),
    }
