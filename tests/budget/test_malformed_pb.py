"""Malformed ``.pb`` files: the CLI and the importer answer ``błąd: …`` naming the line and
exit 2 — never a traceback, a hang or a wrong result (issue 20). The files are small texts
written here, each a valid file with one thing broken."""

import signal

import pytest

from ratusz.budget import pabulib
from ratusz.budget.__main__ import main

# A valid approval file: lines 1-13 META, 14-18 PROJECTS, 19-24 VOTES.
APPROVAL = """META
key;value
description;Test
country;Poland
unit;Mysłowice
instance;2026
num_projects;3
num_votes;4
budget;100000
vote_type;approval
rule;greedy
max_length;2
min_project_score_threshold;1
PROJECTS
project_id;cost;votes;name
A;60000;3;Park
B;30000;2;Boisko
C;50000;1;Ławki
VOTES
voter_id;vote
1;A,B
2;A
3;A,C
4;B
"""

CUMULATIVE = """META
key;value
description;Test
country;Poland
unit;Mysłowice
instance;2026
num_projects;2
num_votes;2
budget;100000
vote_type;cumulative
rule;greedy
max_sum_points;3
PROJECTS
project_id;cost;name
A;60000;Park
B;30000;Boisko
VOTES
voter_id;vote;points
1;A,B;2,1
2;B;3
"""

ORDINAL = APPROVAL.replace("vote_type;approval", "vote_type;ordinal")
MES = APPROVAL.replace("rule;greedy", "rule;equalshares/add1")


def edit(text, old, new):
    assert old in text, old
    return text.replace(old, new)


CASES = [
    # (id, file text or bytes, extra CLI arguments, expected part of the message)
    (
        "not-utf8",
        APPROVAL.encode().replace(b"Park", b"Park \xff"),
        [],
        "Wiersz 16: plik nie jest zapisany w UTF-8",
    ),
    (
        "latin2",
        APPROVAL.replace("Ławki", "Lawki").encode().replace(b"Lawki", "Ławki".encode("iso-8859-2")),
        [],
        "Wiersz 18: plik nie jest zapisany w UTF-8",
    ),
    (
        "budget-1e26",
        edit(APPROVAL, "budget;100000", "budget;1e26"),
        [],
        "Wiersz 9: META budget: „1e26” nie jest kwotą",
    ),
    (
        "budget-exponent-hang",
        edit(APPROVAL, "budget;100000", "budget;1e999999999"),
        [],
        "Wiersz 9: META budget",
    ),
    (
        "budget-27-digits",
        edit(APPROVAL, "budget;100000", "budget;" + "1" + "0" * 26),
        [],
        "Wiersz 9: META budget",
    ),
    (
        "budget-over-bound",
        edit(APPROVAL, "budget;100000", "budget;9999999999999"),
        [],
        "przekracza granicę",
    ),
    (
        "budget-negative",
        edit(APPROVAL, "budget;100000", "budget;-100000"),
        [],
        "Wiersz 9: META budget nie może być ujemne",
    ),
    (
        "budget-zero",
        edit(APPROVAL, "budget;100000", "budget;0"),
        [],
        "Wiersz 9: META budget musi być dodatni",
    ),
    (
        "budget-text",
        edit(APPROVAL, "budget;100000", "budget;sto tysięcy"),
        [],
        "Wiersz 9: META budget: „sto tysięcy” nie jest kwotą",
    ),
    (
        "budget-nan",
        edit(APPROVAL, "budget;100000", "budget;NaN"),
        [],
        "Wiersz 9: META budget: „NaN”",
    ),
    ("budget-missing", edit(APPROVAL, "budget;100000\n", ""), [], "w META brak kluczy: budget"),
    (
        "cost-exponent",
        edit(APPROVAL, "A;60000;", "A;6e999999999;"),
        [],
        "Wiersz 16: koszt projektu A",
    ),
    (
        "cost-negative",
        edit(APPROVAL, "A;60000;", "A;-60000;"),
        [],
        "Wiersz 16: koszt projektu A musi być dodatni",
    ),
    (
        "cost-text",
        edit(APPROVAL, "A;60000;", "A;drogo;"),
        [],
        "Wiersz 16: koszt projektu A: „drogo” nie jest kwotą",
    ),
    (
        "mes-no-votes",
        edit(edit(MES, "num_votes;4", "num_votes;0"), "1;A,B\n2;A\n3;A,C\n4;B\n", ""),
        [],
        "Wiersz 20: sekcja VOTES nie zawiera żadnego głosu",
    ),
    (
        "votes-without-header",  # the file ends at the section's name
        APPROVAL.split("voter_id;vote")[0],
        [],
        "Wiersz 19: sekcja VOTES nie zawiera żadnego głosu",
    ),
    (
        "num-votes-text",
        edit(APPROVAL, "num_votes;4", "num_votes;cztery"),
        [],
        "Wiersz 8: META num_votes: „cztery” nie jest liczbą",
    ),
    (
        "max-length-text",
        edit(APPROVAL, "max_length;2", "max_length;dwa"),
        [],
        "Wiersz 12: META max_length",
    ),
    (
        "threshold-text",
        edit(APPROVAL, "min_project_score_threshold;1", "min_project_score_threshold;x"),
        [],
        "Wiersz 13: META min_project_score_threshold",
    ),
    (
        "file-cut-in-half",
        edit(APPROVAL, "3;A,C\n4;B\n", ""),
        [],
        "Wiersz 8: num_votes=4, a plik zawiera 2",
    ),
    (
        "num-projects-wrong",
        edit(APPROVAL, "num_projects;3", "num_projects;4"),
        [],
        "Wiersz 7: num_projects=4, a plik zawiera 3",
    ),
    (
        "project-twice-in-ballot",
        edit(APPROVAL, "2;A\n", "2;A,A\n"),
        [],
        "Wiersz 22: głos 2: projekt A wybrany dwa razy",
    ),
    (
        "ballot-over-max-length",
        edit(APPROVAL, "max_length;2", "max_length;1"),
        [],
        "Wiersz 21: głos 1: 2 projektów, a max_length=1",
    ),
    (
        "ordinal-over-max-length",
        edit(ORDINAL, "3;A,C\n", "3;A,C,B\n"),
        [],
        "Wiersz 23: głos 3: 3 projektów, a max_length=2",
    ),
    (
        "choose-1-two-projects",
        edit(edit(APPROVAL, "vote_type;approval", "vote_type;choose-1"), "max_length;2\n", ""),
        [],
        "głos 1: 2 projektów, a max_length=1",
    ),
    (
        "cumulative-without-points",
        edit(
            edit(CUMULATIVE, "voter_id;vote;points", "voter_id;vote"),
            "1;A,B;2,1\n2;B;3\n",
            "1;A,B\n2;B\n",
        ),
        [],
        "Wiersz 18: głosowanie cumulative wymaga kolumny points",
    ),
    (
        "points-negative",
        edit(CUMULATIVE, "1;A,B;2,1", "1;A,B;4,-1"),
        [],
        "Wiersz 19: głos 1: punkty nie odpowiadają projektom",
    ),
    ("points-text", edit(CUMULATIVE, "1;A,B;2,1", "1;A,B;dwa,1"), [], "Wiersz 19: głos 1: punkty"),
    ("points-count", edit(CUMULATIVE, "1;A,B;2,1", "1;A,B;3"), [], "Wiersz 19: głos 1: punkty"),
    (
        "points-huge",
        edit(CUMULATIVE, "1;A,B;2,1", "1;A,B;" + "9" * 40 + ",1"),
        [],
        "Wiersz 19: głos 1: punkty",
    ),
    ("unknown-project", edit(APPROVAL, "4;B", "4;X"), [], "Wiersz 24: głos 4: nieznany projekt X"),
    (
        "voter-twice",
        edit(APPROVAL, "4;B", "3;B"),
        [],
        "Wiersz 24: voter_id 3 powtórzony (pierwszy raz w wierszu 23)",
    ),
    (
        "vote-type-unknown",
        edit(APPROVAL, "vote_type;approval", "vote_type;borda"),
        [],
        "Wiersz 10: nieznany vote_type „borda”",
    ),
    (
        "rule-unknown",
        edit(APPROVAL, "rule;greedy", "rule;borda-count"),
        [],
        "Nieznana reguła liczenia: „borda-count”",
    ),
    ("no-votes-section", APPROVAL.split("VOTES")[0], [], "Brak sekcji VOTES"),
    ("empty-file", "", [], "Brak sekcji META"),
    ("nul-byte", edit(APPROVAL, "Boisko", "Boi\x00sko"), [], "Wiersz 17: bajt zerowy"),
    (
        "field-over-csv-limit",
        edit(APPROVAL, "Boisko", "B" * 200_000),
        [],
        "Wiersz 17: nieczytelny wiersz",
    ),
    (
        "row-short",
        edit(APPROVAL, "B;30000;2;Boisko", "B;30000;2"),
        [],
        "Wiersz 17: 3 pól zamiast 4",
    ),
    (
        "empty-project-id",
        edit(APPROVAL, "C;50000;1;Ławki", ";50000;1;Ławki"),
        [],
        "Wiersz 18: pusty project_id",
    ),
    (
        "exclusive-unknown-id",
        APPROVAL,
        ["--exclusive", "A,Z"],
        "--exclusive: w pliku nie ma projektu Z",
    ),
    (
        "exclusive-one-id",
        APPROVAL,
        ["--exclusive", "A"],
        "--exclusive: podaj co najmniej dwa numery",
    ),
    (
        "withdrawn-unknown-id",
        APPROVAL,
        ["--withdrawn", "Q"],
        "--withdrawn: w pliku nie ma projektu Q",
    ),
]


@pytest.fixture
def deadline():
    """A hang fails the test after 10 s instead of stopping the suite."""

    def expired(*_args):
        raise TimeoutError("liczenie trwało dłużej niż 10 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def write(tmp_path, content):
    path = tmp_path / "plik.pb"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_the_base_files_are_valid(tmp_path, capsys):
    for text in (APPROVAL, CUMULATIVE, ORDINAL, MES):
        assert main(["tally", str(write(tmp_path, text))]) == 0, capsys.readouterr().err
        assert "błąd" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "args", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_cli_refuses_with_the_line_and_exit_2(tmp_path, capsys, deadline, content, args, message):
    assert main(["tally", *args, str(write(tmp_path, content))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("błąd: ") and message in captured.err, captured.err
    assert "Traceback" not in captured.err


def test_a_200_mb_file_is_refused_without_reading_it_all(tmp_path, capsys, deadline):
    path = tmp_path / "wielki.pb"
    with open(path, "wb") as handle:
        handle.write(APPROVAL.encode())
        handle.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written to the disk
    assert main(["tally", str(path)]) == 2
    assert "Plik jest większy niż 64 MB" in capsys.readouterr().err


def test_greedy_exclusive_warns_without_groups_and_uses_them_when_given(tmp_path, capsys):
    import json

    path = write(tmp_path, edit(APPROVAL, "rule;greedy", "rule;greedy-exclusive"))
    assert main(["tally", str(path)]) == 0
    captured = capsys.readouterr()
    assert "uwaga: reguła greedy-exclusive wymaga grup" in captured.err
    assert json.loads(captured.out)["selected"] == ["A", "B"]
    assert main(["tally", "--exclusive", "A,B", str(path)]) == 0
    captured = capsys.readouterr()
    assert "uwaga" not in captured.err
    assert json.loads(captured.out)["selected"] == ["A"]  # B excluded, C (50 000) no longer fits


def test_the_parser_alone_refuses_the_same_files():
    for _id, content, args, _message in CASES:
        if args or _id == "rule-unknown":
            continue  # refused by the count, not by the reader
        data = content if isinstance(content, bytes) else content.encode()
        with pytest.raises(pabulib.PabulibError):
            pabulib.loadb(data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [(c[1], c[3]) for c in CASES if not c[2] and c[0] != "rule-unknown"],
    ids=[c[0] for c in CASES if not c[2] and c[0] != "rule-unknown"],
)
def test_the_importer_says_the_same(tmp_path, capsys, deadline, content, message):
    from django.core.management import call_command

    from ratusz.budget.models import Edition

    with pytest.raises(SystemExit) as exit_:
        call_command("budget_import_pabulib", str(write(tmp_path, content)))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("błąd: ") and message in err, err
    assert not Edition.objects.exists()
