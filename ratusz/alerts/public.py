"""What safety announcements show the public (see ``ratusz.core.discovery``).

Subscriptions and deliveries are personal and change with every e-mail sent;
import sources are configuration: none of them flushes the page cache.
"""

from .models import Announcement, Message

PUBLIC_MODELS = [Announcement, Message]
