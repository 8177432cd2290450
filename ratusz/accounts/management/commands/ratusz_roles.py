"""`manage.py ratusz_roles`: create or correct the role groups (idempotent)."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from ratusz.accounts import citygroups
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


def _permissions_of(role):
    """A role's (model, page, collection) permissions."""
    if role.everything:
        model = list(Permission.objects.all())
    else:
        model = _permissions(role.permissions)
    pages = _permissions({f"wagtailcore.{codename}" for codename in role.page_permissions})
    return model, pages, _permissions(role.collection_permissions)


class Command(BaseCommand):
    help = "Tworzy grupy ról z dokładnymi uprawnieniami (ponowne uruchomienie niczego nie zmienia)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help="grupy miast tylko dla tych stron (id); domyślnie dla wszystkich",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        roles = all_roles()
        for role in roles:
            group, created = Group.objects.get_or_create(name=role.name)
            # with several cities the shared groups hold the default city's pages only
            citygroups.grant(group, citygroups.shared_anchor(role), *_permissions_of(role))
            state = "utworzono" if created else "zaktualizowano"
            self.stdout.write(f"{role.name}: {state}")
        # each city's page-editing groups ("Redaktor — Tychy"): for every city once
        # there are several, and kept exact wherever they already exist
        sites = Site.objects.select_related("root_page").order_by("pk")
        if options["site"]:
            sites = sites.filter(pk__in=options["site"])
        for site in sites:
            if site.root_page.depth <= 1:
                continue
            if not citygroups.several_cities() and not any(
                citygroups.city_group(role, site) for role in citygroups.city_roles(roles)
            ):
                continue
            for group, created in citygroups.set_up_city_groups(site, roles, _permissions_of):
                state = "utworzono" if created else "zaktualizowano"
                self.stdout.write(f"{group.name}: {state}")
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
