"""Paper ballots: typed in by one official, confirmed by another, or imported from CSV.

CSV (UTF-8, ``;``): a header ``imie_nazwisko;pesel;dzielnica;opiekun;<pool slug>…`` and
one row per card. A pool column lists project numbers separated by commas, in order of
preference for a ranked pool, and ``NUMBER=points`` for a cumulative one. ``dzielnica`` is
a district slug (may be empty), ``opiekun`` is ``tak`` for a guardian's statement.
Every row passes the same checks as an online ballot; one bad row refuses the whole file.
"""

from __future__ import annotations

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.budget import ballots as spec_
from ratusz.budget.models import Edition

from . import services
from .forms import VoteForm
from .models import Ballot

FIXED = ("imie_nazwisko", "pesel", "dzielnica", "opiekun")


class PaperImportError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def _form_data(
    form: VoteForm, row: dict[str, str], districts: dict[str, int]
) -> tuple[dict, list[str]]:
    data: dict[str, str | list[str]] = {
        "name": row.get("imie_nazwisko", ""),
        "pesel": row.get("pesel", ""),
        "resident": "on",
        "privacy": "on",
    }
    problems = []
    if (row.get("opiekun") or "").strip().lower() == "tak":
        data["guardian"] = "on"
    district = (row.get("dzielnica") or "").strip()
    if district:
        if district not in districts:
            problems.append(_("nieznana dzielnica „%(d)s”") % {"d": district})
        else:
            data["district"] = str(districts[district])
    for group in form.groups:
        raw = (row.get(group.pool.slug) or "").strip()
        if not raw:
            continue
        by_number = {p.number: str(p.pk) for p in group.projects}
        names = [f.name for f in group.fields]
        items = [x.strip() for x in raw.split(",") if x.strip()]
        if group.kind == spec_.CUMULATIVE:
            for item in items:
                number, _sep, points = item.partition("=")
                if number not in by_number:
                    problems.append(
                        _("projekt %(n)s nie należy do puli „%(p)s”")
                        % {"n": number, "p": group.pool.name}
                    )
                    continue
                data[f"pool_{group.pool.pk}_p{by_number[number]}"] = points
            continue
        unknown = [n for n in items if n not in by_number]
        if unknown:
            problems.append(
                _("projekt %(n)s nie należy do puli „%(p)s”")
                % {"n": unknown[0], "p": group.pool.name}
            )
            continue
        ids = [by_number[n] for n in items]
        if group.kind == spec_.RANKED:
            if len(ids) > len(names):
                problems.append(
                    _("w puli „%(p)s” wskazano za dużo miejsc") % {"p": group.pool.name}
                )
                continue
            data.update(dict(zip(names, ids, strict=False)))
        elif group.kind == spec_.CHOOSE_ONE:
            if len(ids) > 1:
                problems.append(
                    _("w puli „%(p)s” można wybrać tylko jeden projekt") % {"p": group.pool.name}
                )
                continue
            data[names[0]] = ids[0]
        else:
            data[names[0]] = ids
    return data, problems


def import_csv(edition: Edition, text: str, user=None) -> tuple[list[Ballot], list[str]]:
    """Validate every row first, then cast them; returns the ballots and refusals."""
    from ratusz.gis.models import District

    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    missing = [c for c in ("imie_nazwisko", "pesel") if c not in (reader.fieldnames or [])]
    if missing:
        raise PaperImportError([_("Brak kolumn: %(c)s.") % {"c": ", ".join(missing)}])
    districts = dict(
        District.objects.filter(site_id=edition.site_id).values_list("slug", "pk")  # type: ignore[misc]
    )
    template = VoteForm(edition=edition)
    slugs = {g.pool.slug for g in template.groups}
    unknown = [c for c in reader.fieldnames or [] if c not in FIXED and c not in slugs]
    if unknown:
        raise PaperImportError([_("Nieznane kolumny (pule): %(c)s.") % {"c": ", ".join(unknown)}])
    valid, problems = [], []
    for line, row in enumerate(reader, start=2):
        data, row_problems = _form_data(template, row, districts)
        form = VoteForm(data, edition=edition)
        if not row_problems and form.is_valid():
            valid.append((line, form))
            continue
        messages = row_problems + [str(e) for errs in form.errors.values() for e in errs]
        problems.append(_("Wiersz %(n)s: %(m)s") % {"n": line, "m": "; ".join(messages)})
    if problems:
        raise PaperImportError(problems)
    stored, refused = [], []
    for line, form in valid:
        outcome = services.cast(
            edition, form.person, form.ballot, Ballot.Channel.PAPER, entered_by=user
        )
        if outcome.ballot is None:
            refused.append(_("Wiersz %(n)s: %(m)s") % {"n": line, "m": outcome.refused})
        else:
            stored.append(outcome.ballot)
    return stored, refused


class ConfirmationError(ValueError):
    pass


def confirm(ballot: Ballot, user) -> None:
    """A second official confirms a paper ballot; only then is it counted."""
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if ballot.channel != Ballot.Channel.PAPER:
            raise ConfirmationError(_("Potwierdza się tylko karty papierowe."))
        if ballot.confirmed_by_id:
            raise ConfirmationError(_("Ta karta jest już potwierdzona."))
        if ballot.entered_by_id == user.pk:
            raise ConfirmationError(
                _("Kartę musi potwierdzić inny urzędnik niż ten, który ją wprowadził.")
            )
        ballot.confirmed_by = user
        ballot.confirmed_at = timezone.now()
        ballot.save(update_fields=["confirmed_by", "confirmed_at"])
