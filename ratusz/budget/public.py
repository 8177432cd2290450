"""What the participatory budget shows the public (see ``ratusz.core.discovery``).

Supports are left out on purpose, like votes: a crowd signing a project must
not flush the page cache on every signature.
"""

from .models import Attachment, CostItem, Edition, ExclusionGroup, Pool, Project, StatusChange

PUBLIC_MODELS = [Edition, Pool, ExclusionGroup, Project, CostItem, Attachment, StatusChange]

# Exports in pabulib format cost a computation on every cache miss.
READ_LIMITS = [("api", r"\.pb$")]
