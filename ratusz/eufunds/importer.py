"""Import of the official list into the register: all or nothing.

The file is read in full first (official_list), and only when no row of the city has an
error are projects created or updated, inside one transaction. Each change leaves a
ProjectRevision with the fields it changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import sync
from .beneficiary import BeneficiaryMatcher
from .models import Beneficiary, Project, ProjectRevision
from .official_list import LayoutError, ParseResult, RowError, read_official_list


class ImportRefused(Exception):
    """The file was not applied; `errors` say where and why."""

    def __init__(self, errors: list[RowError | str]):
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


@dataclass
class ImportReport:
    period: str = ""
    snapshot_date: dt.date | None = None
    data_rows: int = 0
    other_beneficiaries: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)
    nearby: list[tuple[str, int]] = field(default_factory=list)  # (beneficiary, rows)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def city_matcher() -> BeneficiaryMatcher:
    beneficiaries = list(Beneficiary.objects.all())
    return BeneficiaryMatcher(
        names=[b.name for b in beneficiaries],
        identifiers=[i for b in beneficiaries for i in (b.nip, b.regon) if i],
    )


def city_name() -> str:
    from ratusz.core.models import OfficeSettings

    return OfficeSettings.load().city_name or ""


def _unit_for(name: str, units: list[Beneficiary]) -> Beneficiary | None:
    matcher_of = {b.pk: BeneficiaryMatcher(names=[b.name]) for b in units}
    return next((b for b in units if matcher_of[b.pk].matches(name)), None)


def import_file(
    data: bytes,
    filename: str = "",
    *,
    user=None,
    dry_run: bool = False,
    progress=None,
    today: dt.date | None = None,
) -> ImportReport:
    """Apply an official list file. Raises ImportRefused (and changes nothing) when the file
    is not an official list, no beneficiary is configured, or a city row has an error."""
    matcher = city_matcher()
    if not matcher:
        raise ImportRefused(
            [
                _(
                    "Najpierw wpisz beneficjentów miasta (nazwy z wykazu lub NIP/REGON): "
                    "Fundusze europejskie → Beneficjenci miasta."
                )
            ]
        )
    try:
        result = read_official_list(
            data, matcher=matcher, filename=filename, progress=progress, gmina=city_name()
        )
    except LayoutError as error:
        raise ImportRefused([str(error)]) from None
    if result.errors:
        raise ImportRefused(result.errors)
    return apply_rows(result, filename, user=user, dry_run=dry_run, today=today)


class _DryRun(Exception):
    pass


def apply_rows(
    result: ParseResult, source: str = "", *, user=None, dry_run=False, today=None
) -> ImportReport:
    today = today or timezone.localdate()
    report = ImportReport(
        period=result.period,
        snapshot_date=result.snapshot_date,
        data_rows=result.data_rows,
        other_beneficiaries=result.other_beneficiaries,
        skipped=[(s.row, s.reason) for s in result.skipped],
        nearby=result.nearby.most_common(20),
        dry_run=dry_run,
    )
    units = list(Beneficiary.objects.all())
    invalid: list[RowError] = []
    try:
        with transaction.atomic():
            existing = {
                p.contract_number: p
                for p in Project.objects.filter(
                    contract_number__in=[r.contract_number for r in result.rows]
                )
            }
            for row in result.rows:
                project = existing.get(row.contract_number)
                stored = None
                if project is not None:
                    stored = {name: getattr(project, name) for name in sync.LIST_FIELDS}
                decision = sync.decide(
                    stored, project.snapshot_date if project else None, row, result.snapshot_date
                )
                label = f"{row.contract_number} — {row.title}"
                if decision.action == sync.UNCHANGED:
                    report.unchanged.append(label)
                    continue
                if decision.action == sync.STALE:
                    report.skipped.append(
                        (
                            row.row,
                            _(
                                "%(contract)s: wykaz ze stanem na %(file)s jest starszy niż "
                                "ostatnio wczytany (%(stored)s); projekt bez zmian."
                            )
                            % {
                                "contract": row.contract_number,
                                "file": result.snapshot_date,
                                "stored": project.snapshot_date,
                            },
                        )
                    )
                    continue
                values = sync.list_fields(row)
                if project is None:
                    project = Project(
                        contract_number=row.contract_number,
                        status=sync.initial_status(row, today),
                        goal=row.goal,
                        unit=_unit_for(row.beneficiary, units),
                    )
                    report.created.append(label)
                else:
                    report.updated.append(label)
                for name, value in values.items():
                    setattr(project, name, value)
                if result.snapshot_date:
                    project.snapshot_date = result.snapshot_date
                try:
                    project.full_clean(exclude=["slug", "geometry", "unit", "district"])
                except ValidationError as error:
                    invalid.extend(
                        RowError(row.row, "", name, " ".join(messages))
                        for name, messages in error.message_dict.items()
                    )
                    continue
                project.save()
                log(
                    instance=project,
                    action="wagtail.create" if decision.action == sync.CREATE else "wagtail.edit",
                    user=user if user is not None and user.is_authenticated else None,
                    data={"import": source[-255:], "fields": sorted(decision.changes)},
                )
                ProjectRevision.objects.create(
                    project=project,
                    action=decision.action,
                    source=source[-255:],
                    snapshot_date=result.snapshot_date,
                    user=user if user is not None and user.is_authenticated else None,
                    changes={
                        name: [sync.as_text(old), sync.as_text(new)]
                        for name, (old, new) in decision.changes.items()
                        if decision.action == sync.UPDATE or new not in (None, "", False)
                    },
                )
            if invalid:
                raise ImportRefused(invalid)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report
