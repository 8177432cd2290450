"""The role of safety announcements (see ``ratusz.core.roles``)."""

from ratusz.core.roles import ADMIN_ACCESS, Role, crud

ROLES = [
    Role(
        "Publikujący ostrzeżenia",
        "Przygotowuje i publikuje komunikaty i ostrzeżenia dla mieszkańców.",
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
