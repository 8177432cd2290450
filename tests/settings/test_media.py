"""MEDIA_STORAGE selects where public media live: a shared disk or an S3 bucket."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from ratusz.settings.media import FILESYSTEM, S3, media_storage


def test_the_default_is_the_filesystem_under_media_root():
    assert media_storage({}) == {"BACKEND": FILESYSTEM}
    assert media_storage({"MEDIA_STORAGE": " FileSystem "}) == {"BACKEND": FILESYSTEM}


def test_s3_passes_the_bucket_settings_to_django_storages():
    environ = {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "ratusz-media",
        "AWS_S3_ENDPOINT_URL": "https://minio.myslowice.internal",
        "AWS_S3_ACCESS_KEY_ID": "ratusz",
        "AWS_S3_SECRET_ACCESS_KEY": "secret",
        "AWS_S3_CUSTOM_DOMAIN": "",  # empty: not passed on
    }
    assert media_storage(environ, installed=True) == {
        "BACKEND": S3,
        "OPTIONS": {
            "bucket_name": "ratusz-media",
            "endpoint_url": "https://minio.myslowice.internal",
            "access_key": "ratusz",
            "secret_key": "secret",
            "default_acl": None,
            "file_overwrite": False,
        },
    }


@pytest.mark.parametrize(
    ("environ", "installed", "message"),
    [
        ({"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "b"}, False, "django-storages"),
        ({"MEDIA_STORAGE": "s3"}, True, "AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "nfs"}, True, "filesystem"),
    ],
)
def test_a_setting_that_cannot_work_stops_the_start(environ, installed, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        media_storage(environ, installed=installed)
