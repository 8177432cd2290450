"""Reading the register: what holds on a day and the history up to it."""

from dataclasses import dataclass

from ratusz.core.tenancy import in_city

from . import timeline
from .models import Agreement, Membership, Partnership, Role


@dataclass
class Snapshot:
    day: object
    memberships: timeline.Split
    roles: timeline.Split
    partnerships: timeline.Split
    history: list  # [(year, [Event, …]), …], newest first

    @property
    def local(self):
        """Memberships of unions and associations that hold on the day."""
        return self.memberships.current

    @property
    def international(self):
        return self.partnerships.current

    @property
    def ended(self):
        """Everything that ended before the day, the most recent first."""
        items = self.memberships.ended + self.roles.ended + self.partnerships.ended
        return sorted(items, key=lambda r: r.valid_until, reverse=True)


def snapshot(day, city=None):
    """The register of one city (a request, a Site; the default site when None) on a day."""
    memberships = list(
        in_city(Membership.objects.all(), city)
        .select_related("organisation__successor")
        .prefetch_related("documents")
    )
    roles = list(in_city(Role.objects.all(), city).select_related("organisation"))
    partnerships = list(in_city(Partnership.objects.all(), city).select_related("organisation"))
    # The founding agreement is already told by the partnership's own start.
    agreements = [
        a
        for a in in_city(Agreement.objects.all(), city).select_related("partnership__organisation")
        if a.signed_on != a.partnership.valid_from
    ]
    records = memberships + roles + partnerships + agreements
    return Snapshot(
        day=day,
        memberships=timeline.split_on(memberships, day),
        roles=timeline.split_on(roles, day),
        partnerships=timeline.split_on(partnerships, day),
        history=timeline.by_year(timeline.events(records, until=day)),
    )
