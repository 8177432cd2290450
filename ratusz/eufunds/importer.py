"""Import of the official list into the register: all or nothing.

The file is read in full first (official_list), and only when no row of the city has an
error are projects created or updated, inside one transaction. Each change leaves a
ProjectRevision with the fields it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ratusz.core.tenancy import in_city

from . import sync
from .beneficiary import BeneficiaryMatcher
from .models import Beneficiary, Project, ProjectRevision
from .official_list import LayoutError, ParseResult, ProjectRow, RowError, read_official_list


class ImportRefused(Exception):
    """The file was not applied; `errors` say where and why."""

    def __init__(self, errors: Sequence[RowError | str]):
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


def _city(site):
    """The Site an import writes to: the one given, or the default site (a command)."""
    from ratusz.core.city import site_of

    return site_of(site)


def city_matcher(site=None) -> BeneficiaryMatcher:
    beneficiaries = list(in_city(Beneficiary.objects.all(), _city(site)))
    return BeneficiaryMatcher(
        names=[b.name for b in beneficiaries],
        identifiers=[i for b in beneficiaries for i in (b.nip, b.regon) if i],
    )


def city_name(site=None) -> str:
    from ratusz.core import city

    return city.current(_city(site)).city_name


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
    site=None,
) -> ImportReport:
    """Apply an official list file to one city's register (``site``; the default site
    when not given). Raises ImportRefused (and changes nothing) when the file is not an
    official list, no beneficiary is configured, or a city row has an error."""
    site = _city(site)
    matcher = city_matcher(site)
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
            data, matcher=matcher, filename=filename, progress=progress, gmina=city_name(site)
        )
    except LayoutError as error:
        raise ImportRefused([str(error)]) from None
    if result.errors:
        raise ImportRefused(result.errors)
    return apply_rows(result, filename, user=user, dry_run=dry_run, today=today, site=site)


class _DryRun(Exception):
    pass


def apply_rows(
    result: ParseResult, source: str = "", *, user=None, dry_run=False, today=None, site=None
) -> ImportReport:
    """Apply parsed rows to one city's register (``site``; the default site when not
    given) in one transaction: all rows or none (a dry run rolls back)."""
    today = today or timezone.localdate()
    site = _city(site)
    report = _new_report(result, dry_run)
    units = list(in_city(Beneficiary.objects.all(), site))
    editor = user if user is not None and user.is_authenticated else None
    invalid: list[RowError] = []
    try:
        with transaction.atomic():
            existing = _stored_projects(result.rows, site)
            for row in result.rows:
                project = existing.get(row.contract_number)
                decision = _decide(row, project, result.snapshot_date)
                label = f"{row.contract_number} — {row.title}"
                if decision.action == sync.UNCHANGED:
                    report.unchanged.append(label)
                    continue
                if decision.action == sync.STALE:
                    report.skipped.append((row.row, _stale_reason(row, project, result)))
                    continue
                (report.created if project is None else report.updated).append(label)
                project = _with_row(project, row, result.snapshot_date, units, today, site)
                errors = _row_errors(project, row)
                if errors:
                    invalid.extend(errors)
                    continue
                project.save()
                _record(project, decision, source, result.snapshot_date, editor)
            if invalid:
                raise ImportRefused(invalid)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


# Gather


def _stored_projects(rows: list[ProjectRow], site) -> dict[str, Project]:
    numbers = [r.contract_number for r in rows]
    stored = in_city(Project.objects.filter(contract_number__in=numbers), site)
    return {p.contract_number: p for p in stored}


# Compute


def _decide(row: ProjectRow, project: Project | None, snapshot_date) -> sync.Decision:
    stored = None
    if project is not None:
        stored = {name: getattr(project, name) for name in sync.LIST_FIELDS}
    return sync.decide(stored, project.snapshot_date if project else None, row, snapshot_date)


def _with_row(project, row: ProjectRow, snapshot_date, units, today, site) -> Project:
    """The project (a new one of the city for a new contract) with the fields the list owns."""
    if project is None:
        project = Project(
            site=site,
            contract_number=row.contract_number,
            status=sync.initial_status(row, today),
            goal=row.goal,
            unit=_unit_for(row.beneficiary, units),
        )
    for name, value in sync.list_fields(row).items():
        setattr(project, name, value)
    if snapshot_date:
        project.snapshot_date = snapshot_date
    return project


def _row_errors(project: Project, row: ProjectRow) -> list[RowError]:
    try:
        project.full_clean(exclude=["slug", "geometry", "unit", "district"])
    except ValidationError as error:
        return [
            RowError(row.row, "", name, " ".join(messages))
            for name, messages in error.message_dict.items()
        ]
    return []


# Present and record


def _new_report(result: ParseResult, dry_run: bool) -> ImportReport:
    return ImportReport(
        period=result.period,
        snapshot_date=result.snapshot_date,
        data_rows=result.data_rows,
        other_beneficiaries=result.other_beneficiaries,
        skipped=[(s.row, s.reason) for s in result.skipped],
        nearby=result.nearby.most_common(20),
        dry_run=dry_run,
    )


def _stale_reason(row: ProjectRow, project: Project | None, result: ParseResult) -> str:
    return _(
        "%(contract)s: wykaz ze stanem na %(file)s jest starszy niż "
        "ostatnio wczytany (%(stored)s); projekt bez zmian."
    ) % {
        "contract": row.contract_number,
        "file": result.snapshot_date,
        "stored": project.snapshot_date if project else None,
    }


def _record(project: Project, decision: sync.Decision, source: str, snapshot_date, editor) -> None:
    """Wagtail's audit log and the project's own revision with the changed fields."""
    log(
        instance=project,
        action="wagtail.create" if decision.action == sync.CREATE else "wagtail.edit",
        user=editor,
        data={"import": source[-255:], "fields": sorted(decision.changes)},
    )
    ProjectRevision.objects.create(
        project=project,
        action=decision.action,
        source=source[-255:],
        snapshot_date=snapshot_date,
        user=editor,
        changes={
            name: [sync.as_text(old), sync.as_text(new)]
            for name, (old, new) in decision.changes.items()
            if decision.action == sync.UPDATE or new not in (None, "", False)
        },
    )
