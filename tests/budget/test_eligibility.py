"""Mysłowice's eligibility rules, without Django."""

from datetime import date
from decimal import Decimal

from ratusz.budget.eligibility import (
    DEFAULTS as MYSLOWICE,  # the reference city's resolution
)
from ratusz.budget.eligibility import (
    CostItem,
    Person,
    Rules,
    age_on,
    check_author,
    check_cost,
    check_supports,
    format_pln,
    max_cost,
)

D = Decimal
ON = date(2026, 5, 10)


def items(*amounts):
    return [CostItem(f"pozycja {i}", D(a)) for i, a in enumerate(amounts, 1)]


def test_age_counts_completed_years_and_leap_birthdays():
    assert age_on(date(2011, 5, 10), ON) == 15
    assert age_on(date(2011, 5, 11), ON) == 14
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_cost_limits_of_myslowice():
    pool = D("300000.00")
    assert max_cost(MYSLOWICE, pool) == D("240000.00")
    assert check_cost(items("2500.00"), MYSLOWICE, pool) == []
    assert check_cost(items("200000", "40000"), MYSLOWICE, pool) == []
    low = check_cost(items("2499.99"), MYSLOWICE, pool)
    assert [p.field for p in low] == ["cost_items"]
    assert str(low[0]) == (
        "Koszt projektu (2 499,99 zł) jest niższy niż najniższy dopuszczalny (2 500,00 zł)."
    )
    high = check_cost(items("200000", "40000.01"), MYSLOWICE, pool)
    assert "przekracza" in str(high[0]) and "240 000,00" in str(high[0])


def test_pool_share_is_rounded_down_to_the_grosz_and_absolute_cap_wins_when_lower():
    assert max_cost(MYSLOWICE, D("100000.03")) == D("80000.02")
    rules = Rules(max_cost=D("50000"))
    assert max_cost(rules, D("100000")) == D("50000")
    assert max_cost(Rules(max_cost_share=None), D("1")) is None


def test_cost_items_must_be_named_positive_and_whole_grosze():
    assert "co najmniej jedną" in str(check_cost([], MYSLOWICE, None)[0])
    problems = check_cost(
        [CostItem("", D("3000")), CostItem("ławki", D("-1")), CostItem("kosz", D("1.005"))],
        MYSLOWICE,
        None,
    )
    messages = [str(p) for p in problems]
    assert messages == [
        "Pozycja kosztu nr 1 nie ma nazwy.",
        "Kwota pozycji nr 2 musi być dodatnia i podana z dokładnością do grosza.",
        "Kwota pozycji nr 3 musi być dodatnia i podana z dokładnością do grosza.",
    ]


def test_author_age_and_guardian_consent():
    assert check_author(Person("a", date(1980, 1, 1)), MYSLOWICE, ON) == []
    young = check_author(Person("a", date(2011, 5, 11)), MYSLOWICE, ON)
    assert young[0].field == "birth_date"
    assert str(young[0]) == "Autor projektu musi mieć ukończone 15 lat w dniu 10.05.2026."
    fifteen = check_author(Person("a", date(2011, 5, 10)), MYSLOWICE, ON)
    assert fifteen[0].field == "guardian_consent"
    assert check_author(Person("a", date(2011, 5, 10), guardian_consent=True), MYSLOWICE, ON) == []
    assert check_author(Person("a", date(2010, 5, 10)), MYSLOWICE, ON) == []


def supporter(n, born=date(1990, 1, 1), consent=False):
    return Person(f"id{n}", born, consent)


def test_supports_counted_once_per_person_and_checked_for_age():
    people = [supporter(n) for n in range(15)]
    report = check_supports(people, MYSLOWICE, ON)
    assert (report.valid, report.problems) == (15, ())
    report = check_supports(people[:14] + [supporter(0)], MYSLOWICE, ON)
    assert (report.valid, report.duplicates) == (14, 1)
    assert str(report.problems[0]) == (
        "Projekt ma 14 ważnych podpisów poparcia, a wymaganych jest 15."
    )
    report = check_supports(
        people[:13]
        + [supporter(100, date(2012, 1, 1)), supporter(101, date(2011, 1, 1))]
        + [supporter(102, date(2011, 1, 1), consent=True)],
        MYSLOWICE,
        ON,
    )
    assert (report.valid, report.too_young, report.missing_consent) == (14, 1, 1)
    assert report.problems


def test_supports_stored_earlier_count_and_block_repeats():
    report = check_supports([supporter(1), supporter(20)], MYSLOWICE, ON, already_counted=["id1"])
    assert (report.valid, report.duplicates) == (1, 1)
    assert "2 ważnych" in str(report.problems[0])
    other_city = Rules(required_supports=0)
    assert check_supports([], other_city, ON).problems == ()


def test_polish_money_format():
    assert format_pln(D("0")) == "0,00"
    assert format_pln(D("1234567.5")) == "1 234 567,50"
    assert format_pln(D("-999.99")) == "-999,99"


def test_supporter_gets_his_own_message():
    young = check_author(Person("s", date(2012, 1, 1)), MYSLOWICE, ON, "pesel", supporter=True)
    assert (young[0].field, str(young[0])) == (
        "pesel",
        "Osoba popierająca musi mieć ukończone 15 lat w dniu 10.05.2026.",
    )
