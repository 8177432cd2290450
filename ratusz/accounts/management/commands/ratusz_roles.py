"""`manage.py ratusz_roles`: create or correct the role groups (idempotent)."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from ratusz.accounts.roles import all_roles

WAGTAIL_STARTER_GROUPS = ["Editors", "Moderators"]


def _permissions(names):
    found = []
    for name in sorted(names):
        app_label, _, codename = name.partition(".")
        try:
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        except Permission.DoesNotExist:
            raise CommandError(f"Brak uprawnienia {name} — czy wykonano migrate?") from None
    return found


class Command(BaseCommand):
    help = "Tworzy grupy ról z dokładnymi uprawnieniami (ponowne uruchomienie niczego nie zmienia)."

    @transaction.atomic
    def handle(self, *args, **options):
        root_page = Page.get_first_root_node()
        root_collection = Collection.get_first_root_node()
        for role in all_roles():
            group, created = Group.objects.get_or_create(name=role.name)
            if role.everything:
                group.permissions.set(Permission.objects.all())
            else:
                group.permissions.set(_permissions(role.permissions))
            # Exactly the listed page and collection permissions, nothing left over.
            GroupPagePermission.objects.filter(group=group).delete()
            if root_page is not None:
                names = {f"wagtailcore.{codename}" for codename in role.page_permissions}
                for perm in _permissions(names):
                    GroupPagePermission.objects.create(group=group, page=root_page, permission=perm)
            GroupCollectionPermission.objects.filter(group=group).delete()
            if root_collection is not None:
                for perm in _permissions(role.collection_permissions):
                    GroupCollectionPermission.objects.create(
                        group=group, collection=root_collection, permission=perm
                    )
            state = "utworzono" if created else "zaktualizowano"
            self.stdout.write(f"{role.name}: {state}")
        # Wagtail's starter groups grant broad rights; ours replace them.
        for name in WAGTAIL_STARTER_GROUPS:
            group = Group.objects.filter(name=name).first()
            if group is None:
                continue
            if group.user_set.exists():
                self.stdout.write(f"{name}: zostawiono (ma członków) — przenieś ich do nowych ról")
            else:
                group.delete()
                self.stdout.write(f"{name}: usunięto (zastąpiona przez role Ratusza)")
