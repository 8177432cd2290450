import pytest
from django.core.exceptions import ValidationError

from ratusz.budget.models import Edition, Pool

pytestmark = pytest.mark.django_db


def pool(**fields):
    edition = Edition.objects.first()
    if edition is None:
        from ratusz.demo import budget as demo

        demo.load()
        edition = Edition.objects.first()
    return Pool(
        edition=edition,
        kind=Pool.Kind.CITYWIDE,
        name="Pula testowa",
        slug="test",
        amount=100000,
        **fields,
    )


def messages(candidate):
    with pytest.raises(ValidationError) as error:
        candidate.clean()
    return error.value.message_dict


def test_points_ballot_needs_a_points_total(demo_site):
    assert "points_total" in messages(pool(ballot_kind=Pool.BallotKind.CUMULATIVE))
    pool(ballot_kind=Pool.BallotKind.CUMULATIVE, points_total=10).clean()


@pytest.mark.parametrize("value", ["3,2,x", "1,2,3", "3,,1", "0"])
def test_ranked_points_must_be_descending_numbers(demo_site, value):
    assert "rank_points" in messages(pool(ballot_kind=Pool.BallotKind.RANKED, rank_points=value))


def test_ranked_points_accepted(demo_site):
    pool(ballot_kind=Pool.BallotKind.RANKED, rank_points="3, 2, 1").clean()


def test_demo_pools_are_valid(demo_site):
    from ratusz.demo import budget as demo

    demo.load()
    for existing in Pool.objects.all():
        existing.clean()
