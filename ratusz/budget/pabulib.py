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
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ratusz.core import csvsafe
from ratusz.core.marks import N_

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

# Bounds on what a file may say, checked before any exact arithmetic: ``Fraction`` of
# ``1e999999999`` never finishes, a 200 MB file would hold the worker's memory.
MAX_FILE_BYTES = 64 * 1024 * 1024  # the largest real file (Kraków 2024) has 4 MB
MAX_AMOUNT = Decimal(10) ** 12  # 1 bln zł, far above any city's budget
MAX_POINTS = 10**6
MAX_COUNT = 10**9  # num_votes, max_length and other counts in META
# Plain notation only (no exponent): digits, an optional fraction of at most 6 digits.
_AMOUNT = re.compile(r"-?\d{1,13}(\.\d{1,6})?")
_COUNT = re.compile(r"\d{1,10}")
# META keys that hold a count; text there would break the count later.
COUNT_META = (
    "num_projects",
    "num_votes",
    "min_length",
    "max_length",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
)
AMOUNT_META = ("budget", "min_project_score_threshold", "min_sum_cost", "max_sum_cost")


class PabulibError(ValueError):
    """A file that cannot be read; the message is Polish and names the line."""


def parse_money(text: str) -> Decimal:
    """A cost or budget; a decimal comma occurs in real files and is accepted. Only plain
    notation below :data:`MAX_AMOUNT`: an exponent could make exact arithmetic endless."""
    raw = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    if not _AMOUNT.fullmatch(raw):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ValueError(
            N_("„%(shown)s” nie jest kwotą (oczekiwano np. 125000 albo 125000.50)")
            % {"shown": shown}
        )
    try:
        value = Decimal(raw)
    except InvalidOperation:  # pragma: no cover — the pattern admits only decimals
        raise ValueError(N_("„%(text)s” nie jest kwotą") % {"text": text}) from None
    if abs(value) > MAX_AMOUNT:
        raise ValueError(
            (
                N_("kwota %(raw)s przekracza granicę %(max_amount)s zł")
                % {"raw": raw, "max_amount": format(MAX_AMOUNT, ",.0f")}
            ).replace(",", " ")
        )
    return value


def parse_count(text: str) -> int:
    raw = text.strip()
    if not _COUNT.fullmatch(raw) or int(raw) > MAX_COUNT:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ValueError(
            N_("„%(shown)s” nie jest liczbą całkowitą od 0 do %(max_count)s")
            % {"shown": shown, "max_count": MAX_COUNT}
        )
    return int(raw)


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
        return parse_count(value)

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
    """Parse the text of a ``.pb`` file; raises :class:`PabulibError` with a Polish message
    naming the line. Beyond the syntax it refuses what would make the count wrong (the
    fatal part of pabulib's checker): counts in META that differ from the file, unknown
    projects, a project twice on one ballot, ballots longer than ``max_length``, points
    that are missing, negative or do not match the projects. :func:`check` lists the rest."""
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:  # a binary file, or one saved in UTF-16
        line = text.count("\n", 0, nul) + 1
        raise PabulibError(
            N_("Wiersz %(line)s: bajt zerowy — to nie jest plik tekstowy UTF-8.") % {"line": line}
        )
    parser = _Parser()
    for line, row in _rows(text):
        parser.feed(line, row)
    return parser.finish()


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row; PabulibError for a row csv cannot read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # NUL bytes, a field over csv's size limit, bad quoting
            raise PabulibError(
                N_("Wiersz %(line_num)s: nieczytelny wiersz (%(exc)s).")
                % {"line_num": reader.line_num, "exc": exc}
            ) from None
        yield reader.line_num, row


class _Parser:
    """Reads a .pb file row by row: META, then PROJECTS, then VOTES."""

    def __init__(self) -> None:
        self.election = Election()
        self.section: str | None = None
        self.header: list[str] | None = None
        self.meta_lines: dict[str, int] = {}
        self.voter_lines: dict[str, int] = {}
        self.votes: _VoteRules | None = None
        self.line = 0

    def feed(self, line: int, row: list[str]) -> None:
        self.line = line
        if not row or all(not cell.strip() for cell in row):
            self.election.warnings.append(
                N_("Wiersz %(line)s: pusty wiersz pominięto.") % {"line": line}
            )
            return
        if len(row) == 1 and row[0].strip().lower() in SECTIONS:
            self._begin(row[0].strip().lower(), line)
            return
        if self.section is None:
            raise PabulibError(
                N_("Wiersz %(line)s: plik musi zaczynać się sekcją META.") % {"line": line}
            )
        if self.header is None:
            self._read_header(row, line)
            return
        if self.section == "meta":
            self._meta_row(row, line)
            return
        if len(row) != len(self.header):
            raise PabulibError(
                N_("Wiersz %(line)s: %(count)s pól zamiast %(count2)s z nagłówka sekcji.")
                % {"line": line, "count": len(row), "count2": len(self.header)}
            )
        if self.section == "projects":
            self._project_row(dict(zip(self.header, row, strict=True)), line)
        else:
            self._vote_row(row, line)

    def _begin(self, name: str, line: int) -> None:
        expected = SECTIONS[SECTIONS.index(self.section) + 1] if self.section else "meta"
        if name != expected:
            raise PabulibError(
                N_("Wiersz %(line)s: oczekiwano sekcji %(upper)s.")
                % {"line": line, "upper": expected.upper()}
            )
        if name == "projects":
            _check_meta(self.election, self.meta_lines, line)
        self.section, self.header = name, None

    def _read_header(self, row: list[str], line: int) -> None:
        header = self.header = [cell.strip() for cell in row]
        if self.section == "projects":
            _require(header, ("project_id", "cost"), line)
            self.election.project_columns = header
        elif self.section == "votes":
            _require(header, ("voter_id", "vote"), line)
            self.election.vote_columns = header
            self.votes = _VoteRules(self.election, line)

    def _meta_row(self, row: list[str], line: int) -> None:
        if len(row) < 2:
            raise PabulibError(
                N_("Wiersz %(line)s: w META oczekiwano „klucz;wartość”.") % {"line": line}
            )
        key = row[0].strip()
        self.election.meta[key] = ";".join(row[1:]).strip()
        self.meta_lines[key] = line

    def _project_row(self, record: dict[str, str], line: int) -> None:
        pid = record["project_id"].strip()
        if not pid:
            raise PabulibError(N_("Wiersz %(line)s: pusty project_id.") % {"line": line})
        if pid in self.election.projects:
            raise PabulibError(
                N_("Wiersz %(line)s: projekt %(pid)s występuje dwa razy.")
                % {"line": line, "pid": pid}
            )
        try:
            cost = parse_money(record["cost"])
        except ValueError as exc:
            raise PabulibError(
                N_("Wiersz %(line)s: koszt projektu %(pid)s: %(exc)s.")
                % {"line": line, "pid": pid, "exc": exc}
            ) from None
        if cost <= 0:
            raise PabulibError(
                N_("Wiersz %(line)s: koszt projektu %(pid)s musi być dodatni.")
                % {"line": line, "pid": pid}
            )
        record["project_id"] = pid
        self.election.projects[pid] = record

    def _vote_row(self, row: list[str], line: int) -> None:
        voter = row[0].strip()
        if voter in self.voter_lines:
            raise PabulibError(
                N_(
                    "Wiersz %(line)s: voter_id %(voter)s powtórzony (pierwszy raz w wierszu "
                    "%(voter_lines)s)."
                )
                % {"line": line, "voter": voter, "voter_lines": self.voter_lines[voter]}
            )
        self.voter_lines[voter] = line
        assert self.votes is not None  # set with the VOTES header
        self.votes.check(row, line)
        self.election.votes.append(row)

    def finish(self) -> Election:
        """The election, once the whole file is read and its META counts agree with it."""
        election, section = self.election, self.section
        if section != "votes":
            if section == "meta":  # a file with META only names its keys
                _check_meta(election, self.meta_lines, self.line)
            missing = "PROJECTS" if section == "meta" else "VOTES" if section else "META"
            raise PabulibError(N_("Brak sekcji %(missing)s.") % {"missing": missing})
        if not election.votes:
            where = self.votes.line if self.votes else self.line
            raise PabulibError(
                N_("Wiersz %(where)s: sekcja VOTES nie zawiera żadnego głosu; nie ma czego liczyć.")
                % {"where": where}
            )
        for key, found in (
            ("num_projects", len(election.projects)),
            ("num_votes", len(election.votes)),
        ):
            stated = election.meta_int(key)
            if stated is not None and stated != found:
                raise PabulibError(
                    N_(
                        "Wiersz %(meta_lines)s: %(key)s=%(stated)s, a plik zawiera %(found)s — plik jest "
                        "niekompletny albo zmieniony."
                    )
                    % {
                        "meta_lines": self.meta_lines[key],
                        "key": key,
                        "stated": stated,
                        "found": found,
                    }
                )
        return election


class _VoteRules:
    """Checks of one VOTES row, set up from META and the PROJECTS section."""

    def __init__(self, election: Election, line: int):
        columns = election.vote_columns
        self.line = line
        self.known = election.projects
        self.kind = election.vote_type
        self.vi = columns.index("vote")
        self.pi = columns.index("points") if "points" in columns else None
        if self.kind in ("cumulative", "scoring") and self.pi is None:
            raise PabulibError(
                N_("Wiersz %(line)s: głosowanie %(kind)s wymaga kolumny points w sekcji VOTES.")
                % {"line": line, "kind": self.kind}
            )
        self.max_length = election.meta_int("max_length")
        if self.kind == "choose-1":
            self.max_length = 1

    def check(self, row: list[str], line: int) -> None:
        voter = row[0].strip()
        ids = [x.strip() for x in row[self.vi].split(",")] if row[self.vi].strip() else []
        for pid in ids:
            if pid not in self.known:
                raise PabulibError(
                    N_("Wiersz %(line)s: głos %(voter)s: nieznany projekt %(pid)s.")
                    % {"line": line, "voter": voter, "pid": pid}
                )
        if len(set(ids)) != len(ids):
            twice = next(pid for pid in ids if ids.count(pid) > 1)
            raise PabulibError(
                N_("Wiersz %(line)s: głos %(voter)s: projekt %(twice)s wybrany dwa razy.")
                % {"line": line, "voter": voter, "twice": twice}
            )
        if self.max_length is not None and len(ids) > self.max_length:
            raise PabulibError(
                N_(
                    "Wiersz %(line)s: głos %(voter)s: %(count)s projektów, a "
                    "max_length=%(max_length)s."
                )
                % {"line": line, "voter": voter, "count": len(ids), "max_length": self.max_length}
            )
        if self.pi is not None:
            pts = [p.strip() for p in row[self.pi].split(",")] if row[self.pi].strip() else []
            if len(pts) != len(ids) or not all(p.isdigit() and len(p) <= 7 for p in pts):
                raise PabulibError(
                    N_(
                        "Wiersz %(line)s: głos %(voter)s: punkty nie odpowiadają projektom (oczekiwano "
                        "liczb od 0, po jednej na projekt)."
                    )
                    % {"line": line, "voter": voter}
                )
            if any(int(p) > MAX_POINTS for p in pts):
                raise PabulibError(
                    N_(
                        "Wiersz %(line)s: głos %(voter)s: więcej niż %(max_points)s punktów na projekt."
                    )
                    % {"line": line, "voter": voter, "max_points": MAX_POINTS}
                )
            row[self.pi] = ",".join(pts)
        row[self.vi] = ",".join(ids)


def _check_meta(election: Election, lines: dict[str, int], line: int) -> None:
    """META before the projects are read: the keys the count needs, numbers bounded."""
    missing = [k for k in ("budget", "vote_type") if k not in election.meta]
    if missing:
        raise PabulibError(
            N_("Wiersz %(line)s: w META brak kluczy: %(join)s.")
            % {"line": line, "join": ", ".join(missing)}
        )
    if election.vote_type not in VOTE_TYPES:
        raise PabulibError(
            N_("Wiersz %(lines)s: nieznany vote_type „%(vote_type)s”.")
            % {"lines": lines["vote_type"], "vote_type": election.vote_type[:40]}
        )
    for key in COUNT_META + AMOUNT_META:
        value = election.meta.get(key)
        if value is None or (key != "budget" and _is_none(value)):
            continue
        try:
            number = parse_count(value) if key in COUNT_META else parse_money(value)
        except ValueError as exc:
            raise PabulibError(
                N_("Wiersz %(lines)s: META %(key)s: %(exc)s.")
                % {"lines": lines[key], "key": key, "exc": exc}
            ) from None
        if number < 0:
            raise PabulibError(
                N_("Wiersz %(lines)s: META %(key)s nie może być ujemne.")
                % {"lines": lines[key], "key": key}
            )
    if election.budget <= 0:
        raise PabulibError(
            N_("Wiersz %(lines)s: META budget musi być dodatni.") % {"lines": lines["budget"]}
        )


def _require(header: list[str], columns: tuple[str, ...], line: int) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise PabulibError(
            N_("Wiersz %(line)s: brak kolumn %(join)s.")
            % {"line": line, "join": ", ".join(missing)}
        )


def load(path: str | Path) -> Election:
    """Read a file of at most :data:`MAX_FILE_BYTES`, UTF-8 (a BOM is allowed)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    return loadb(data)


def loadb(data: bytes) -> Election:
    if len(data) > MAX_FILE_BYTES:
        raise PabulibError(
            N_(
                "Plik jest większy niż %(value)s MB; największe prawdziwe pliki pabulib mają "
                "kilka MB."
            )
            % {"value": MAX_FILE_BYTES // (1024 * 1024)}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PabulibError(
            N_("Wiersz %(line)s: plik nie jest zapisany w UTF-8 (bajt 0x%(data)s).")
            % {"line": line, "data": format(data[exc.start], "02x")}
        ) from None
    return loads(text)


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
            problems.append(N_("W META brak obowiązkowego klucza %(key)s.") % {"key": key})
    for key in meta:
        if key not in KNOWN_META:
            problems.append(f"Nieznany klucz META: {key}.")
    if election.vote_type not in VOTE_TYPES:
        problems.append(f"Nieznany vote_type: {election.vote_type}.")
    if election.meta_int("num_projects") != len(election.projects):
        problems.append(N_("num_projects nie zgadza się z liczbą projektów."))
    if election.meta_int("num_votes") != len(election.votes):
        problems.append(N_("num_votes nie zgadza się z liczbą głosów."))
    budget = election.budget
    for pid in election.projects:
        cost = election.cost(pid)
        if cost > budget and cost != WITHDRAWN_COST:
            problems.append(N_("Projekt %(pid)s kosztuje więcej niż cała pula.") % {"pid": pid})
    if "votes" in election.project_columns:
        counts = election.vote_counts()
        for pid, n in counts.items():
            if election.project_value(pid, "votes") not in (None, str(n)):
                problems.append(
                    N_("Projekt %(pid)s: kolumna votes różni się od przeliczenia (%(n)s).")
                    % {"pid": pid, "n": n}
                )
    if "score" in election.project_columns:
        for pid, s in election.scores().items():
            if election.project_value(pid, "score") not in (None, str(s)):
                problems.append(
                    N_("Projekt %(pid)s: kolumna score różni się od przeliczenia (%(s)s).")
                    % {"pid": pid, "s": s}
                )
    max_length = election.meta_int("max_length")
    for ballot in election.ballots():
        if len(set(ballot)) != len(ballot):
            problems.append(
                N_("Głos z powtórzonym projektem: %(join)s.") % {"join": ",".join(ballot)}
            )
            break
        if max_length is not None and len(ballot) > max_length:
            problems.append(
                N_("Głos dłuższy niż max_length=%(max_length)s.") % {"max_length": max_length}
            )
            break
    if election.has_selected:
        chosen = [p for p in election.projects if election.project_value(p, "selected") == "1"]
        if sum((election.cost(p) for p in chosen), Decimal(0)) > budget:
            problems.append(N_("Wybrane projekty kosztują więcej niż pula."))
    return problems
