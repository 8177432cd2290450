"""Files that must never be public (e.g. the input of an import job).

They live in the private media folder beside MEDIA_ROOT, which no web server
serves; only the code that owns them reads them. Public media go to MEDIA_ROOT
or an S3-compatible bucket (MEDIA_STORAGE, ratusz/settings/media.py).
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from .conf import conf


@deconstructible
class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        configured = conf.RATUSZ_PRIVATE_MEDIA_ROOT
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private-media")

    @cached_property
    def base_url(self):
        return None  # no URL
