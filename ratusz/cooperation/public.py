"""What the cooperation register shows the public (see ``ratusz.core.discovery``)."""

from .models import Activity, Agreement, Membership, MembershipDocument, Organisation, Partnership
from .models import Role as CooperationRole

PUBLIC_MODELS = [
    Organisation,
    Membership,
    MembershipDocument,
    CooperationRole,
    Partnership,
    Agreement,
    Activity,
]
