"""Read and write pabulib ``.pb`` files (plain Python, no Django).

Format: https://pabulib.org/format and the official checker (github.com/pabulib/checker).
A file has three sections, META, PROJECTS and VOTES, each a semicolon CSV with a header
row. Vote rows are kept as raw lists (one list per row, columns in ``vote_columns`` order),
because the biggest files hold >100 000 ballots and dicts per row would double the parse
time; use :meth:`Election.ballots` and :meth:`Election.points` for typed access.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ratusz.core import csvsafe

SECTIONS = ("meta", "projects", "votes")
VOTE_TYPES = ("approval", "ordinal", "cumulative", "choose-1", "scoring")
OBLIGATORY_META = (
    "description",
    "country",
    "unit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
)
# The checker refuses META keys outside this vocabulary (see budget.md §6).
KNOWN_META = set(OBLIGATORY_META) | {
    "date_begin",
    "date_end",
    "subunit",
    "district",
    "min_length",
    "max_length",
    "min_sum_cost",
    "max_sum_cost",
    "scoring_fn",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
    "default_score",
    "min_project_score_threshold",
    "min_project_cost",
    "max_project_cost",
    "neighborhoods",
    "subdistricts",
    "categories",
    "edition",
    "language",
    "currency",
    "fully_funded",
    "experimental",
    "comment",
    "acknowledgments",
    "leftover_budget",
    "budget_per_category",
    "budget_per_neighborhood",
    "min_length_per_category",
    "max_length_per_category",
    "min_sum_cost_per_category",
    "max_sum_cost_per_category",
}
# pabulib's marker for a project withdrawn after the vote (Wrocław 2017 Rejon 11).
WITHDRAWN_COST = Decimal(999999999)


class PabulibError(ValueError):
    """A file that cannot be read; the message is Polish and names the line."""


def parse_money(text: str) -> Decimal:
    """A cost or budget; a decimal comma occurs in real files and is accepted."""
    raw = text.strip().replace(" ", "")
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"„{text}” nie jest kwotą") from None
    if not value.is_finite():
        raise ValueError(f"„{text}” nie jest kwotą")
    return value


def _is_none(text: str) -> bool:
    return text.strip().lower() in ("", "none")


@dataclass
class Election:
    """One pool of one edition, as stored in a ``.pb`` file."""

    meta: dict[str, str] = field(default_factory=dict)
    project_columns: list[str] = field(default_factory=list)
    projects: dict[str, dict[str, str]] = field(default_factory=dict)
    vote_columns: list[str] = field(default_factory=list)
    votes: list[list[str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    # --- META -----------------------------------------------------------------------
    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval").strip().lower()

    @property
    def rule(self) -> str:
        return self.meta.get("rule", "").strip().lower()

    @property
    def budget(self) -> Decimal:
        return parse_money(self.meta["budget"])

    def meta_int(self, key: str) -> int | None:
        value = self.meta.get(key, "").strip()
        if _is_none(value):
            return None
        return int(Decimal(value.replace(",", ".")))

    def meta_number(self, key: str) -> Decimal | None:
        value = self.meta.get(key, "").strip()
        return None if _is_none(value) else parse_money(value)

    # --- PROJECTS -------------------------------------------------------------------
    def cost(self, project_id: str) -> Decimal:
        return parse_money(self.projects[project_id]["cost"])

    def project_value(self, project_id: str, column: str) -> str | None:
        value = self.projects[project_id].get(column)
        return None if value is None or _is_none(value) else value

    def selected(self, value: int = 1) -> list[str]:
        """Ids whose ``selected`` column equals ``value`` (file order)."""
        return [
            pid
            for pid, row in self.projects.items()
            if row.get("selected", "").strip() == str(value)
        ]

    @property
    def has_selected(self) -> bool:
        return "selected" in self.project_columns

    # --- VOTES ----------------------------------------------------------------------
    def column(self, name: str) -> list[str | None]:
        if name not in self.vote_columns:
            return [None] * len(self.votes)
        i = self.vote_columns.index(name)
        return [None if _is_none(row[i]) else row[i] for row in self.votes]

    def ballots(self) -> list[tuple[str, ...]]:
        """Each ballot's project ids, in the file's order (preference order for ordinal)."""
        i = self.vote_columns.index("vote")
        return [tuple(x.strip() for x in row[i].split(",")) if row[i] else () for row in self.votes]

    def points(self) -> list[tuple[int, ...]] | None:
        """Points per ballot for cumulative/scoring files, same order as :meth:`ballots`."""
        if "points" not in self.vote_columns:
            return None
        i = self.vote_columns.index("points")
        return [tuple(int(x) for x in row[i].split(",")) if row[i] else () for row in self.votes]

    def scores(self) -> dict[str, int]:
        """Recounted score of every project: votes (approval, choose-1) or points."""
        result = dict.fromkeys(self.projects, 0)
        ballots = self.ballots()
        if self.vote_type == "ordinal":
            length = self.meta_int("max_length")
            for ballot in ballots:
                top = length if length is not None else len(ballot)
                for pos, pid in enumerate(ballot):
                    result[pid] += top - pos
        elif self.vote_type in ("cumulative", "scoring"):
            for ballot, pts in zip(ballots, self.points() or [], strict=True):
                for pid, p in zip(ballot, pts, strict=True):
                    result[pid] += p
        else:
            counts = Counter(pid for ballot in ballots for pid in ballot)
            for pid, n in counts.items():
                result[pid] += n
        return result

    def vote_counts(self) -> dict[str, int]:
        counts = Counter(pid for ballot in self.ballots() for pid in ballot)
        return {pid: counts.get(pid, 0) for pid in self.projects}


def loads(text: str) -> Election:
    """Parse the text of a ``.pb`` file; raises :class:`PabulibError` with a Polish message."""
    if text.startswith("\ufeff"):
        text = text[1:]
    election = Election()
    section = None
    header: list[str] | None = None
    voter_ids: set[str] = set()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            election.warnings.append(f"Wiersz {line}: pusty wiersz pominięto.")
            continue
        if len(row) == 1 and row[0].strip().lower() in SECTIONS:
            name = row[0].strip().lower()
            expected = SECTIONS[SECTIONS.index(section) + 1] if section else "meta"
            if name != expected:
                raise PabulibError(f"Wiersz {line}: oczekiwano sekcji {expected.upper()}.")
            section, header = name, None
            continue
        if section is None:
            raise PabulibError(f"Wiersz {line}: plik musi zaczynać się sekcją META.")
        if header is None:
            header = [cell.strip() for cell in row]
            if section == "projects":
                _require(header, ("project_id", "cost"), line)
                election.project_columns = header
            elif section == "votes":
                _require(header, ("voter_id", "vote"), line)
                election.vote_columns = header
            continue
        if section == "meta":
            if len(row) < 2:
                raise PabulibError(f"Wiersz {line}: w META oczekiwano „klucz;wartość”.")
            key = row[0].strip()
            election.meta[key] = ";".join(row[1:]).strip()
            continue
        if len(row) != len(header):
            raise PabulibError(
                f"Wiersz {line}: {len(row)} pól zamiast {len(header)} z nagłówka sekcji."
            )
        if section == "projects":
            record = dict(zip(header, row, strict=True))
            pid = record["project_id"].strip()
            if pid in election.projects:
                raise PabulibError(f"Wiersz {line}: projekt {pid} występuje dwa razy.")
            try:
                cost = parse_money(record["cost"])
            except ValueError as exc:
                raise PabulibError(f"Wiersz {line}: koszt projektu {pid}: {exc}.") from None
            if cost <= 0:
                raise PabulibError(f"Wiersz {line}: koszt projektu {pid} musi być dodatni.")
            record["project_id"] = pid
            election.projects[pid] = record
        else:
            election.votes.append(row)
            voter_ids.add(row[0])
    if section != "votes":
        missing = "PROJECTS" if section == "meta" else "VOTES" if section else "META"
        raise PabulibError(f"Brak sekcji {missing}.")
    missing_keys = [k for k in ("budget", "vote_type") if k not in election.meta]
    if missing_keys:
        raise PabulibError(f"W META brak kluczy: {', '.join(missing_keys)}.")
    try:
        election.budget  # noqa: B018 — validate once here
    except ValueError as exc:
        raise PabulibError(f"META budget: {exc}.") from None
    if len(voter_ids) != len(election.votes):
        raise PabulibError("Sekcja VOTES zawiera powtórzone voter_id.")
    _check_votes(election)
    return election


def _require(header: list[str], columns: tuple[str, ...], line: int) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise PabulibError(f"Wiersz {line}: brak kolumn {', '.join(missing)}.")


def _check_votes(election: Election) -> None:
    known = election.projects
    has_points = "points" in election.vote_columns
    vi = election.vote_columns.index("vote")
    pi = election.vote_columns.index("points") if has_points else None
    for row in election.votes:
        ids = [x.strip() for x in row[vi].split(",")] if row[vi] else []
        for pid in ids:
            if pid not in known:
                raise PabulibError(f"Głos {row[0]}: nieznany projekt {pid}.")
        if pi is not None:
            pts = row[pi].split(",") if row[pi] else []
            if len(pts) != len(ids) or not all(p.strip().lstrip("-").isdigit() for p in pts):
                raise PabulibError(f"Głos {row[0]}: punkty nie odpowiadają projektom.")


def load(path: str | Path) -> Election:
    return loads(Path(path).read_text(encoding="utf-8-sig"))


def dumps(election: Election) -> str:
    """Write a ``.pb`` text; ``loads(dumps(e))`` gives back the same election,
    except that text a spreadsheet would run as a formula starts with an apostrophe."""
    out = io.StringIO()
    # People open .pb files in spreadsheets too: titles are neutralised (csvsafe).
    writer = csvsafe.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    for key, value in election.meta.items():
        writer.writerow([key, value])
    out.write("PROJECTS\n")
    writer.writerow(election.project_columns)
    for record in election.projects.values():
        writer.writerow([record.get(c, "") for c in election.project_columns])
    out.write("VOTES\n")
    writer.writerow(election.vote_columns)
    writer.writerows(election.votes)
    return out.getvalue()


def check(election: Election) -> list[str]:
    """The consistency rules of pabulib's checker (budget.md §6); empty list = accepted."""
    problems: list[str] = []
    meta = election.meta
    for key in OBLIGATORY_META:
        if key not in meta:
            problems.append(f"W META brak obowiązkowego klucza {key}.")
    for key in meta:
        if key not in KNOWN_META:
            problems.append(f"Nieznany klucz META: {key}.")
    if election.vote_type not in VOTE_TYPES:
        problems.append(f"Nieznany vote_type: {election.vote_type}.")
    if election.meta_int("num_projects") != len(election.projects):
        problems.append("num_projects nie zgadza się z liczbą projektów.")
    if election.meta_int("num_votes") != len(election.votes):
        problems.append("num_votes nie zgadza się z liczbą głosów.")
    budget = election.budget
    for pid in election.projects:
        cost = election.cost(pid)
        if cost > budget and cost != WITHDRAWN_COST:
            problems.append(f"Projekt {pid} kosztuje więcej niż cała pula.")
    if "votes" in election.project_columns:
        counts = election.vote_counts()
        for pid, n in counts.items():
            if election.project_value(pid, "votes") not in (None, str(n)):
                problems.append(f"Projekt {pid}: kolumna votes różni się od przeliczenia ({n}).")
    if "score" in election.project_columns:
        for pid, s in election.scores().items():
            if election.project_value(pid, "score") not in (None, str(s)):
                problems.append(f"Projekt {pid}: kolumna score różni się od przeliczenia ({s}).")
    max_length = election.meta_int("max_length")
    for ballot in election.ballots():
        if len(set(ballot)) != len(ballot):
            problems.append(f"Głos z powtórzonym projektem: {','.join(ballot)}.")
            break
        if max_length is not None and len(ballot) > max_length:
            problems.append(f"Głos dłuższy niż max_length={max_length}.")
            break
    if election.has_selected:
        chosen = [p for p in election.projects if election.project_value(p, "selected") == "1"]
        if sum((election.cost(p) for p in chosen), Decimal(0)) > budget:
            problems.append("Wybrane projekty kosztują więcej niż pula.")
    return problems
