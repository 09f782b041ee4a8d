import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictwatch.nlp.numbers import AmountParser

PARSER = AmountParser()


@pytest.mark.parametrize(
    ("text", "low", "high", "best", "qualifier"),
    [
        ("three", 3, 3, 3, "exact"),
        ("1,000", 1000, 1000, 1000, "exact"),
        ("1.2 million", 1_200_000, 1_200_000, 1_200_000, "exact"),
        ("twenty-five", 25, 25, 25, "exact"),
        ("one hundred and five", 105, 105, 105, "exact"),
        ("a dozen", 12, 12, 12, "exact"),
        ("more than 1,000", 1001, None, 1001, "more_than"),
        ("at least 12", 12, None, 12, "at_least"),
        ("nearly 50", 50, 50, 50, "about"),
        ("up to 30", None, 30, 30, "up_to"),
        ("fewer than 10", 0, 9, None, "fewer_than"),
        ("between 20 and 30", 20, 30, 20, "range"),
        ("20-30", 20, 30, 20, "range"),
        ("two or three", 2, 3, 2, "range"),
        ("hundreds", 200, 999, 200, "vague"),
        ("dozens", 24, 99, 24, "vague"),
        ("scores", 40, 99, 40, "vague"),
        ("a handful", 2, 5, 2, "vague"),
        ("many", 2, None, None, "vague"),
        ("tens of thousands", 20_000, 99_999, 20_000, "vague"),
    ],
)
def test_numbers_parse_amount_table(text, low, high, best, qualifier):
    amount = PARSER.parse_amount(text)
    assert amount is not None
    assert (amount.low, amount.high, amount.best, amount.qualifier) == (low, high, best, qualifier)


@pytest.mark.parametrize("text", ["35-year-old", "the", "", "20%", "ten-year"])
def test_numbers_not_amounts(text):
    assert PARSER.parse_amount(text) is None


@given(st.integers(min_value=0, max_value=10**9))
def test_numbers_digits_with_commas_round_trip(value):
    assert PARSER.to_int(f"{value:,}") == value
    assert PARSER.to_int(str(value)) == value


@given(st.text(max_size=300))
def test_numbers_find_amounts_never_raises_and_spans_hold(text):
    for amount in PARSER.find_amounts(text):
        assert 0 <= amount.start < amount.end <= len(text)
        assert text[amount.start:amount.end] == amount.text
        for lo, hi in ((amount.low, amount.high), (amount.low, amount.best),
                       (amount.best, amount.high)):
            if lo is not None and hi is not None:
                assert lo <= hi
