"""Wagtail publish/unpublish of an announcement issues the next CAP message."""

from wagtail.signals import published, unpublished

from .models import Announcement


def on_published(sender, instance, **kwargs):
    from .publishing import issue

    issue(instance)


def on_unpublished(sender, instance, **kwargs):
    from .publishing import issue

    latest = instance.latest_message()
    if latest is not None and latest.msg_type != "Cancel":
        issue(instance, "Cancel")


def connect():
    published.connect(on_published, sender=Announcement, dispatch_uid="alerts-published")
    unpublished.connect(on_unpublished, sender=Announcement, dispatch_uid="alerts-unpublished")
