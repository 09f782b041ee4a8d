from datetime import date

import pytest

from conflictwatch.nlp.dates import DateResolver, resolve_weekday

PUBLISHED = date(2025, 3, 9)  # a Sunday


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Thursday", date(2025, 3, 6), date(2025, 3, 6), 1),
        ("on Sunday", date(2025, 3, 9), date(2025, 3, 9), 1),
        ("Friday night", date(2025, 3, 7), date(2025, 3, 7), 1),
        ("yesterday", date(2025, 3, 8), date(2025, 3, 8), 1),
        ("December", date(2024, 12, 1), date(2024, 12, 31), 3),
        ("in March", date(2025, 3, 1), date(2025, 3, 31), 3),
        ("last month", date(2025, 2, 1), date(2025, 2, 28), 3),
        ("last week", date(2025, 2, 24), date(2025, 3, 2), 2),
        ("over the weekend", date(2025, 3, 8), date(2025, 3, 9), 2),
        ("March 6", date(2025, 3, 6), date(2025, 3, 6), 1),
        ("Jan. 27", date(2025, 1, 27), date(2025, 1, 27), 1),
        ("Dec. 31", date(2024, 12, 31), date(2024, 12, 31), 1),
        ("6 March 2025", date(2025, 3, 6), date(2025, 3, 6), 1),
        ("Tuesday, Jan. 27", date(2025, 1, 27), date(2025, 1, 27), 1),
        ("1-3 March", date(2025, 3, 1), date(2025, 3, 3), 1),
        ("the morning of 9 March", date(2025, 3, 9), date(2025, 3, 9), 1),
        ("9 March] evening", date(2025, 3, 9), date(2025, 3, 9), 1),
        ("7-12 March", date(2025, 3, 7), date(2025, 3, 9), 1),
        ("28-30 December", date(2024, 12, 28), date(2024, 12, 30), 1),
    ],
)
def test_dates_resolve_against_publication(text, start, end, precision):
    value = DateResolver().resolve(text, PUBLISHED)
    assert value is not None
    assert (value.start, value.end, value.precision) == (start, end, precision)


@pytest.mark.parametrize("weekday", range(7))
def test_dates_weekday_is_on_or_before_publication(weekday):
    day = resolve_weekday(weekday, PUBLISHED)
    assert day.weekday() == weekday
    assert 0 <= (PUBLISHED - day).days < 7


@pytest.mark.parametrize("text", ["2024", "the week", "recently", "March 2030"])
def test_dates_unplaceable_or_future_are_none(text):
    assert DateResolver().resolve(text, PUBLISHED) is None
