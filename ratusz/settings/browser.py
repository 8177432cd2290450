"""The live portal that browser tests drive: test settings, a real server."""

from .test import *  # noqa: F403

DEBUG = False
RATUSZ_RATELIMIT_ENABLED = True
