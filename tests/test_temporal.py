"""Dates keep their precision; "held on D?" answers definitely, possibly or no."""
from datetime import date

import pytest

from kg.temporal import DEFINITELY, NO, POSSIBLY, PDate, held_on


@pytest.mark.parametrize("text,earliest,latest,precision", [
    ("2025", date(2025, 1, 1), date(2025, 12, 31), "year"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ("2023-03-22", date(2023, 3, 22), date(2023, 3, 22), "day"),
    ("22/03/2023", date(2023, 3, 22), date(2023, 3, 22), "day"),
    ("03/2023", date(2023, 3, 1), date(2023, 3, 31), "month"),
])
def test_a_date_covers_the_interval_of_its_precision(text, earliest, latest, precision):
    p = PDate.parse(text)
    assert (p.earliest, p.latest, p.precision) == (earliest, latest, precision)


@pytest.mark.parametrize("bad", ["31/02/2023", "2023-13", "2023-02-30", "22 March", ""])
def test_impossible_dates_are_refused_with_a_reason(bad):
    with pytest.raises(ValueError):
        PDate.parse(bad)


def test_a_tenure_ending_in_a_year_possibly_covers_a_day_of_that_year():
    assert held_on(PDate.parse("2020-10"), PDate.parse("2025"), date(2025, 5, 1)) == POSSIBLY


def test_a_tenure_definitely_covers_days_strictly_inside_it():
    assert held_on(PDate.parse("2020-10"), PDate.parse("2025"), date(2023, 3, 22)) == DEFINITELY


def test_an_open_tenure_is_only_possibly_current():
    assert held_on(PDate.parse("2020"), None, date(2030, 1, 1)) == POSSIBLY


def test_an_open_tenure_a_source_calls_current_is_definite_up_to_that_date():
    assert held_on(PDate.parse("2020"), None, date(2024, 1, 1), current_as_of=date(2024, 6, 1)) == DEFINITELY
    assert held_on(PDate.parse("2020"), None, date(2024, 7, 1), current_as_of=date(2024, 6, 1)) == POSSIBLY


def test_an_open_tenure_never_runs_past_its_organization():
    assert held_on(PDate.parse("2020"), None, date(2026, 1, 1), org_end=date(2025, 6, 30)) == NO


def test_before_the_start_is_no():
    assert held_on(PDate.parse("2021-05"), None, date(2021, 4, 30)) == NO
