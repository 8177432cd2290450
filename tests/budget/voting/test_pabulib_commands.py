"""manage.py budget_import_pabulib / budget_export_pabulib: a real file round-trips."""

import pytest
from django.core.management import call_command

from ratusz.budget import pabulib
from ratusz.budget.models import Edition, Project
from ratusz.budget.voting.models import Ballot, Choice
from tests.budget.pb_files import directory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "Poland_Krakow_2025_Stare_Miasto.pb",  # ordinal 3/2/1, budget with grosze
        "Poland_Katowice_2024_Podlesie.pb",  # cumulative, threshold
        "Poland_Wroclaw_2017_Rejon_nr_11_750.pb",  # choose-1, no-skip, withdrawn 150
    ],
)
def test_import_then_export_round_trips(name, tmp_path):
    source = pabulib.load(directory() / name)
    call_command("budget_import_pabulib", str(directory() / name), "--slug", "import")
    edition = Edition.objects.get(slug="import")
    assert Project.objects.filter(edition=edition).count() == len(source.projects)
    assert Ballot.objects.filter(edition=edition).count() == len(source.votes)
    out = tmp_path / "out.pb"
    call_command("budget_export_pabulib", "import", "-o", str(out))
    again = pabulib.load(out)
    assert pabulib.check(again) == []
    assert list(again.projects) == list(source.projects)
    assert {k: again.cost(k) for k in again.projects} == {
        k: source.cost(k) for k in source.projects
    }
    assert again.scores() == source.scores()
    assert again.vote_type == source.vote_type and again.budget == source.budget
    ours = {row[0]: row[1:] for row in again.votes}
    column = source.vote_columns.index("vote")
    assert {row[0]: row[column] for row in source.votes} == {k: v[0] for k, v in ours.items()}
    # The engine, run on the imported ballots, marks what the city funded.
    assert set(again.selected(1)) == set(source.selected(1))


def test_import_refuses_a_second_edition_with_the_same_slug(capsys):
    path = str(directory() / "Poland_Warszawa_2019_Sadul.pb")
    call_command("budget_import_pabulib", path, "--slug", "sadul")
    choices = Choice.objects.count()
    with pytest.raises(SystemExit):
        call_command("budget_import_pabulib", path, "--slug", "sadul")
    assert "błąd: Edycja „sadul” już istnieje." in capsys.readouterr().err
    assert Choice.objects.count() == choices


def test_import_refuses_a_broken_file(tmp_path, capsys):
    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\nbudget;100\nvote_type;approval\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("budget_import_pabulib", str(bad))
    assert exit_.value.code == 2
    assert capsys.readouterr().err == "błąd: Brak sekcji PROJECTS.\n"
    assert not Edition.objects.exists()
