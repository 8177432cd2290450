"""What search shows the public (see ``ratusz.core.discovery``).

Synonym rules change result pages at once, so they purge the page cache;
index rows purge it themselves when they change (``index.store``).
"""

from .models import SynonymRule

PUBLIC_MODELS = [SynonymRule]

# Every search does real work on a cache miss.
READ_LIMITS = [("search", r"^/szukaj/")]
