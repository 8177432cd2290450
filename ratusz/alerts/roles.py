"""The role of safety announcements (see ``ratusz.core.roles``)."""

from ratusz.core.marks import N_
from ratusz.core.roles import ADMIN_ACCESS, Role, crud

ROLES = [
    Role(
        N_("Publikujący ostrzeżenia"),
        N_("Przygotowuje i publikuje komunikaty i ostrzeżenia dla mieszkańców."),
        frozenset(
            ADMIN_ACCESS
            | crud("alerts", "announcement")
            | {
                "alerts.publish_announcement",
                "alerts.lock_announcement",
                "alerts.unlock_announcement",
                "alerts.view_message",
                "alerts.view_importsource",
            }
        ),
    ),
]
