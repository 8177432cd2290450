"""Where the public media of every app server live: MEDIA_STORAGE.

Plain Python, read by the settings (docs/deployment.md, "Kilka serwerów").
"""

import importlib.util

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
# Environment variables of django-storages' S3 backend, passed on as its options.
S3_OPTIONS = {
    "AWS_STORAGE_BUCKET_NAME": "bucket_name",
    "AWS_S3_ENDPOINT_URL": "endpoint_url",
    "AWS_S3_REGION_NAME": "region_name",
    "AWS_S3_ACCESS_KEY_ID": "access_key",
    "AWS_S3_SECRET_ACCESS_KEY": "secret_key",
    "AWS_S3_CUSTOM_DOMAIN": "custom_domain",
    "AWS_LOCATION": "location",
}


def media_storage(environ, installed=None) -> dict:
    """STORAGES["default"] for MEDIA_STORAGE: the public media of every app server.

    "filesystem" (default): MEDIA_ROOT, which several app servers share as an NFS
    mount. "s3": an S3-compatible bucket (MinIO, Ceph, a cloud) through
    django-storages, installed separately (`pip install "django-storages[s3]"`).
    Private files stay on PrivateStorage's disk either way.
    """
    choice = (environ.get("MEDIA_STORAGE") or "filesystem").strip().lower()
    if choice == "filesystem":
        return {"BACKEND": FILESYSTEM}
    if choice != "s3":
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE={choice!r}: dozwolone wartości to „filesystem” albo „s3”."
        )
    if installed is None:
        installed = importlib.util.find_spec("storages") is not None
    if not installed:
        raise ImproperlyConfigured(
            'MEDIA_STORAGE=s3 wymaga pakietu django-storages: pip install "django-storages[s3]".'
        )
    options = {option: environ[name] for name, option in S3_OPTIONS.items() if environ.get(name)}
    if "bucket_name" not in options:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 wymaga AWS_STORAGE_BUCKET_NAME.")
    # Uploads are public media; private files never go to the bucket.
    options.setdefault("default_acl", None)
    options["file_overwrite"] = False
    return {"BACKEND": S3, "OPTIONS": options}
