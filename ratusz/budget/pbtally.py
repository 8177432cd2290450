"""Count a pabulib election with the rule named in its META (plain Python, no Django).

pabulib's ``rule`` labels are the curators' classification (budget.md §5–6):
``greedy``/``greedy-threshold`` skip what does not fit, ``greedy-no-skip`` stops,
``greedy-exclusive`` needs the exclusion groups from the city's records, ``greedy-custom``
means the Poznań 80 % reserve in Poznań files, and ``equalshares*`` is MES.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from ratusz.core.marks import N_

from . import rules
from .pabulib import WITHDRAWN_COST, Election

GREEDY_RULES = {
    "greedy": True,
    "greedy-threshold": True,
    "greedy-exclusive": True,
    "greedy-no-skip": False,
}
POZNAN_RESERVE = Fraction(8, 10)


class TallyError(ValueError):
    """The file cannot be counted as asked; the message is Polish."""


class UnknownRule(TallyError):
    """The file names a rule this engine does not implement."""


def warnings_for(election: Election, exclusions: Sequence[Iterable[str]] = ()) -> list[str]:
    """What the person counting should know before trusting the outcome."""
    found = []
    if election.rule == "greedy-exclusive" and not exclusions:
        found.append(
            N_(
                "reguła greedy-exclusive wymaga grup projektów wykluczających się (z dokumentów "
                "miasta, np. --exclusive 153,154); policzono bez nich"
            )
        )
    return found


def check_ids(election: Election, ids: Iterable[str], option: str) -> None:
    unknown = [pid for pid in ids if pid not in election.projects]
    if unknown:
        raise TallyError(
            N_("%(option)s: w pliku nie ma projektu %(join)s.")
            % {"option": option, "join": ", ".join(unknown)}
        )


def projects_of(election: Election) -> list[rules.Project]:
    scores = election.scores()
    return [
        rules.Project(pid, election.cost(pid), scores[pid], election.projects[pid].get("name", ""))
        for pid in election.projects
    ]


def tally(
    election: Election,
    withdrawn: Mapping[str, str] | None = None,
    exclusions: Sequence[Iterable[str]] = (),
    ties: rules.TieBreak | None = None,
) -> rules.Result:
    """Outcome of the file's rule; ``withdrawn``/``exclusions`` add facts the file lacks."""
    rule = election.rule
    if not election.votes:
        raise TallyError(N_("Plik nie zawiera żadnego głosu (sekcja VOTES jest pusta)."))
    check_ids(election, withdrawn or (), "--withdrawn")
    for group in exclusions:
        check_ids(election, group, "--exclusive")
    projects = projects_of(election)
    removed = dict(withdrawn or {})
    for p in projects:
        if p.cost == WITHDRAWN_COST and p.id not in removed:
            removed[p.id] = rules._("wycofany po głosowaniu (koszt 999 999 999 w pliku pabulib)")
    if rule.startswith("equalshares"):
        live = [p for p in projects if p.id not in removed]
        keep = {p.id for p in live}
        approvals = [[pid for pid in b if pid in keep] for b in election.ballots()]
        return rules.equal_shares(
            live,
            election.budget,
            approvals,
            add1="add1" in rule,
            comparison=rule.endswith("-comparison"),
        )
    options = rules.GreedyOptions(
        threshold=election.meta_number("min_project_score_threshold"),
        exclusions=exclusions,
        withdrawn=removed,
        ties=ties or rules.TieBreak("order"),
    )
    unit = election.meta.get("unit", "")
    comment = election.meta.get("comment", "")  # Ratusz's own exports name the 80 % rule
    notes: list[str] = []
    if rule in GREEDY_RULES:
        options.skip = GREEDY_RULES[rule]
    elif rule == "greedy-custom" and (unit.startswith("Pozna") or "80 %" in comment):
        options.skip = False
        options.reserve_share = POZNAN_RESERVE
    elif rule == "greedy-custom" and unit.startswith(N_("Łód")):
        # The pool in the file already holds the moved district leftovers.
        notes.append(
            rules._("Reguła niestandardowa Łodzi liczona jako zachłanna z pomijaniem i progiem.")
        )
    else:
        raise UnknownRule(
            N_("Nieznana reguła liczenia: „%(value)s”.") % {"value": rule or N_("(brak)")}
        )
    result = rules.greedy(projects, election.budget, options, valid_ballots=len(election.votes))
    result.rule = rule
    result.notes = notes + result.notes
    return result
