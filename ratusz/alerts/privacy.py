"""Personal data of safety announcements (see ``ratusz.core.privacy.PersonalData``)."""

from ratusz.core.privacy import PersonalData

from .models import Subscription


class Subscriptions(PersonalData):
    label = "komunikaty — subskrypcja e-mail"

    def rows(self, identity):
        if not identity.email:
            return []
        # Encrypted: found by its keyed hash.
        found = Subscription.objects.filter(email_hash=Subscription.hash_of(identity.email))
        return list(found.select_related("site"))

    def describe(self, s):
        return {
            "miasto": s.site.site_name or s.site.hostname,
            "e-mail": s.email,
            "rodzaje": s.kinds,
            "od dotkliwości": s.min_severity,
            "utworzono": s.created_at,
            "potwierdzono": s.confirmed_at,
        }


PERSONAL_DATA = [Subscriptions()]
