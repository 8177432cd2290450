"""Attachments live outside MEDIA_ROOT: scans of support lists must never be public.

Public attachments (documents, images of a submitted project) are served by a
view that checks the kind and status; everything else stays unreachable.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from ratusz.core.conf import conf


@deconstructible
class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        configured = conf.RATUSZ_PRIVATE_MEDIA_ROOT
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private-media")

    @cached_property
    def base_url(self):
        return None  # no URL: files are served by budget:attachment only
