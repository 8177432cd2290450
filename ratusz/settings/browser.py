"""The live portal that browser tests drive: test settings, a real server."""

from .test import *  # noqa: F403

DEBUG = False
RATUSZ_RATELIMIT_ENABLED = True
# Data changed by a test through portal.shell() shows in the banner quickly.
RATUSZ_ALERTS_BANNER_CACHE_SECONDS = 2
# No nginx in front: runserver serves image renditions itself (ratusz/urls.py).
RATUSZ_SERVE_RENDITIONS = True
