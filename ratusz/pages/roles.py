"""Permissions of the page tree's own models (see ``ratusz.core.roles``)."""

from ratusz.core.roles import crud

GRANTS = {
    "Redaktor": crud("pages", "newscategory"),
    # Submissions of the contact form (ContactPage) hold residents' messages.
    "Moderator": {"wagtailforms.view_formsubmission", "wagtailforms.delete_formsubmission"},
}
