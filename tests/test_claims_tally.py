import pytest

from conflictwatch.models import Claim
from conflictwatch.nlp.claims import tally_claims


def claim(outcome="killed", best=1, individual=None, in_caption=False):
    return Claim(outcome=outcome, low=best, high=best, best=best, qualifier="exact",
                 victims="x", start=0, end=1, individual=individual, in_caption=in_caption)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([], None),
        ([claim(best=0)], 0),
        ([claim(best=3), claim(best=5)], 5),
        ([claim(individual="age:35|name:mason"), claim(individual="name:mason")], 1),
        ([claim(individual="age:35"), claim(individual="age:21")], 2),
        ([claim(individual="age:25"), claim(individual="name:owens")], 1),
        ([claim(individual="name:elijah johnson"), claim(individual="name:elijah"),
          claim(individual="name:johnson")], 1),
        ([claim(individual="name:elijah johnson"), claim(individual="name:mary johnson")], 2),
        ([claim(individual="noun:man"), claim(individual="definite")], 1),
        ([claim(individual="noun:man"), claim(individual="noun:woman")], 2),
        ([claim(best=2), claim(individual="age:1"), claim(individual="age:2"),
          claim(individual="age:3")], 3),
        ([claim(best=9, in_caption=True), claim(best=2)], 2),
        ([claim(outcome="injured", best=4)], None),
    ],
)
def test_claims_tally_counts_each_victim_once(claims, expected):
    assert tally_claims(claims, "killed") == expected
