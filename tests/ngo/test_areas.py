"""The statutory list of public benefit spheres (no Django)."""

from ratusz.ngo.areas import AREAS_BY_CODE, PUBLIC_BENEFIT_AREAS, area_label, sort_key


def test_codes_are_unique_and_in_statutory_order():
    codes = [a.code for a in PUBLIC_BENEFIT_AREAS]
    assert len(codes) == len(set(codes)) == len(AREAS_BY_CODE)
    assert codes == sorted(codes, key=sort_key)
    assert codes[0] == "1" and codes[-1] == "33"


def test_points_1_to_33_all_present():
    whole = {sort_key(c)[0] for c in AREAS_BY_CODE}
    assert whole == set(range(1, 34))


def test_lettered_points():
    assert {c for c in AREAS_BY_CODE if not c.isdigit()} == {"1a", "1b", "5a", "22a", "32a"}
    assert area_label("32a") == "rewitalizacja"
    assert "kultury fizycznej" in area_label("17")


def test_sort_key_orders_numbers_not_strings():
    assert sorted(["10", "2", "1b", "1"], key=sort_key) == ["1", "1b", "2", "10"]
