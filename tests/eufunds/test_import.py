"""Importing the official list into the register (database)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from ratusz.eufunds.importer import ImportRefused, import_file
from ratusz.eufunds.models import Beneficiary, Project, ProjectRevision, Status

from .builders import CITY, MOPS, city_rows_2014, city_rows_2021, csv_2014, to_bytes, workbook_2021

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def city():
    Beneficiary.objects.create(name=CITY, short_name="Urząd Miasta")
    Beneficiary.objects.create(name=MOPS, short_name="MOPS", nip="222-001-04-73")


def state():
    return sorted(
        Project.objects.values_list("contract_number", "total_value", "eu_amount", "updated_at")
    ), ProjectRevision.objects.count()


def test_first_import_creates_city_projects_with_history(city):
    report = import_file(to_bytes(workbook_2021()), "lista.xlsx", today=TODAY)
    assert len(report.created) == 3 and report.other_beneficiaries == 1
    school = Project.objects.get(contract_number="FESL.02.01-IZ.01-0101/24-00")
    assert school.total_value == Decimal("1234567.89")
    assert school.eu_rate == Decimal("85.00")
    assert school.snapshot_date == dt.date(2026, 9, 30)
    assert school.status == Status.IN_PROGRESS
    assert school.unit.short_name == "Urząd Miasta"
    assert school.slug.startswith("termomodernizacja-szkoly")
    social = Project.objects.get(contract_number="FESL.07.05-IZ.01-0202/24-00")
    assert social.unit.short_name == "MOPS" and social.fund == "EFS+" and social.nationwide
    revision = school.revisions.get()
    assert (
        revision.action == "created"
        and revision.changes["total_value"][1] == "1\u00a0234\u00a0567,89"
    )


def test_same_file_twice_changes_nothing(city):
    data = to_bytes(workbook_2021())
    import_file(data, "lista.xlsx", today=TODAY)
    before = state()
    report = import_file(data, "lista.xlsx", today=TODAY)
    assert not report.changed and len(report.unchanged) == 3
    assert state() == before


def test_changed_amount_updates_that_project_and_its_history(city):
    import_file(to_bytes(workbook_2021()), "wrzesien.xlsx", today=TODAY)
    rows = city_rows_2021()
    rows[0][13] = "1 000 000,00"  # N: Dofinansowanie z UE
    newer = workbook_2021(rows, snapshot="stan na 31 października 2026 roku")
    report = import_file(to_bytes(newer), "pazdziernik.xlsx", today=TODAY)
    assert len(report.updated) == 1 and len(report.unchanged) == 2
    school = Project.objects.get(contract_number="FESL.02.01-IZ.01-0101/24-00")
    assert school.eu_amount == Decimal("1000000.00")
    assert school.eu_rate == Decimal("81.00")
    latest = school.revisions.first()
    assert latest.action == "updated" and latest.source == "pazdziernik.xlsx"
    assert latest.changes == {"eu_amount": ["1\u00a0049\u00a0382,71", "1\u00a0000\u00a0000,00"]}
    assert latest.snapshot_date == dt.date(2026, 10, 31)
    # The older list again: refused for that project, reported as skipped.
    report = import_file(to_bytes(workbook_2021()), "wrzesien.xlsx", today=TODAY)
    assert not report.changed and "starszy" in report.skipped[0][1]
    assert Project.objects.get(pk=school.pk).eu_amount == Decimal("1000000.00")


def test_editor_fields_survive_an_update(city):
    import_file(to_bytes(workbook_2021()), "a.xlsx", today=TODAY)
    Project.objects.filter(contract_number="FESL.02.01-IZ.01-0101/24-00").update(
        goal="Mniej ciepła uciekającego z budynku.", status=Status.COMPLETED
    )
    rows = city_rows_2021()
    rows[0][0] = "Termomodernizacja SP nr 1"
    import_file(to_bytes(workbook_2021(rows)), "b.xlsx", today=TODAY)
    school = Project.objects.get(contract_number="FESL.02.01-IZ.01-0101/24-00")
    assert school.title == "Termomodernizacja SP nr 1"
    assert school.goal.startswith("Mniej") and school.status == Status.COMPLETED


@pytest.mark.parametrize(
    ("column", "value", "where"),
    [(11, "dużo", "wiersz 4, kolumna L"), (16, "32.13.2024", "wiersz 4, kolumna Q")],
)
def test_bad_row_changes_nothing(city, column, value, where):
    import_file(to_bytes(workbook_2021()), "a.xlsx", today=TODAY)
    before = state()
    rows = city_rows_2021()
    rows[0][13] = 5  # a valid change in row 3 must not be applied either
    rows[1][column] = value
    with pytest.raises(ImportRefused) as refused:
        import_file(to_bytes(workbook_2021(rows)), "b.xlsx", today=TODAY)
    assert [str(e).split(":")[0] for e in refused.value.errors] == [f"{where} ({_label(column)})"]
    assert state() == before


def _label(column):
    from .builders import HEADER_2021

    return HEADER_2021[column].replace("\u00a0", " ")


def test_database_validation_failure_rolls_back_earlier_rows(city):
    rows = city_rows_2021()
    rows[3][2] = "X" * 200  # too long a contract number: the model refuses it
    with pytest.raises(ImportRefused) as refused:
        import_file(to_bytes(workbook_2021(rows)), "a.xlsx", today=TODAY)
    assert refused.value.errors[0].row == 6
    assert Project.objects.count() == 0 and ProjectRevision.objects.count() == 0


def test_not_a_list_and_no_beneficiaries_are_refused(city):
    with pytest.raises(ImportRefused, match="nie jest oficjalna lista"):
        import_file(b"a;b\n1;2\n", "x.csv")
    Beneficiary.objects.all().delete()
    with pytest.raises(ImportRefused, match="beneficjentów"):
        import_file(to_bytes(workbook_2021()), "x.xlsx")


def test_dry_run_saves_nothing(city):
    report = import_file(to_bytes(workbook_2021()), "a.xlsx", dry_run=True, today=TODAY)
    assert len(report.created) == 3 and Project.objects.count() == 0


def test_2014_csv_import_keeps_euro_and_settled_status(city):
    import_file(csv_2014(), "Lista_projektow_FE_2014_2020_181231.csv", today=TODAY)
    interreg = Project.objects.get(currency="EUR")
    assert interreg.total_value == Decimal("120000.50") and interreg.period == "2014-2020"
    rynek = Project.objects.get(contract_number="UDA-RPSL.10.03.01-24-0A1B/18-00")
    assert rynek.status == Status.SETTLED and rynek.eu_rate == Decimal("85.00")
    assert rynek.goal == "Ożywienie centrum miasta"


def test_command_reports_and_is_atomic(city, tmp_path, capsys):
    good = tmp_path / "Lista_projektow_FE_2021_2027_30092026.xlsx"
    good.write_bytes(to_bytes(workbook_2021()))
    call_command("eufunds_import", str(good))
    out = capsys.readouterr().out
    assert "Nowe projekty: 3" in out and "Pominięto 1 wiersz" in out
    assert "inni beneficjenci" in out and "Zakład Przykładowy Sp. z o.o. (1)" in out
    rows = city_rows_2014()
    rows[0][9] = "4,5 mln"
    bad = tmp_path / "zla.csv"
    bad.write_bytes(csv_2014(rows))
    before = state()
    with pytest.raises(CommandError, match="rejestr bez zmian"):
        call_command("eufunds_import", str(bad))
    assert "wiersz 4, kolumna J" in capsys.readouterr().err
    assert state() == before
    with pytest.raises(CommandError, match="Nie ma pliku"):
        call_command("eufunds_import", str(tmp_path / "brak.xlsx"))


def test_district_follows_the_geometry(city):
    from ratusz.gis.models import District

    square = [[[19.10, 50.20], [19.20, 50.20], [19.20, 50.30], [19.10, 50.30], [19.10, 50.20]]]
    centre = District.objects.create(
        name="Próbna", slug="probna", geometry={"type": "Polygon", "coordinates": square}
    )
    import_file(to_bytes(workbook_2021()), "a.xlsx", today=TODAY)
    project = Project.objects.get(contract_number="FESL.02.01-IZ.01-0101/24-00")
    project.geometry = {"type": "Point", "coordinates": [19.15, 50.25]}
    project.save()
    assert Project.objects.get(pk=project.pk).district == centre
    project.geometry = {"type": "Point", "coordinates": [18.5, 50.25]}
    project.save()
    assert Project.objects.get(pk=project.pk).district is None


def test_command_progress_bar(city, tmp_path, capsys):
    from .builders import row_2021

    rows = [row_2021(A=f"P{i}", C=f"X/{i}", D="Inny") for i in range(2100)] + city_rows_2021()
    path = tmp_path / "duza.xlsx"
    path.write_bytes(to_bytes(workbook_2021(rows)))
    call_command("eufunds_import", str(path), verbosity=2)
    out = capsys.readouterr().out
    assert "\r[" in out and "wiersz 1002/" in out and "wiersz 2002/" in out
    assert "Nowe projekty: 3" in out
