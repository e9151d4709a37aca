"""Dates typed by a French DPO: ISO or dd/mm/yyyy, impossible dates refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.dates import parse_user_date
from domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-29", date(2026, 11, 29)),
        ("29/11/2026", date(2026, 11, 29)),
        ("1/2/2026", date(2026, 2, 1)),  # day first, as in France
        ("01/02/2026", date(2026, 2, 1)),
        ("2026-2-1", date(2026, 2, 1)),
        ("29/02/2024", date(2024, 2, 29)),  # leap year
        ("2024-02-29", date(2024, 2, 29)),
        ("31/12/2026", date(2026, 12, 31)),
        ("29.11.2026", date(2026, 11, 29)),
        ("29-11-2026", date(2026, 11, 29)),
        ("  29/11/2026  ", date(2026, 11, 29)),
        ("\t2026-11-29\n", date(2026, 11, 29)),
    ],
)
def test_date_is_read(text: str, expected: date) -> None:
    assert parse_user_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "29/02/2023",  # not a leap year
        "31/04/2026",  # April has 30 days
        "31/02/2024",
        "2026-13-01",
        "2026-00-10",
        "00/01/2026",
        "32/01/2026",
        "11/29/2026",  # American order
        "29/11/26",  # two-digit year
        "2026/11/29",
        "29 novembre 2026",
        "29/11/2026 10:00",
        "2026-11-29T10:00:00",
        "",
        "   ",
        "hier",
    ],
)
def test_impossible_or_unreadable_date_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_user_date(text, field="last_reviewed_on")

    error = info.value
    assert (error.code, error.params["field"], error.params["value"]) == (
        "date.invalid",
        "last_reviewed_on",
        text,
    )
    assert "last_reviewed_on" in str(error)


def test_default_field_name_is_date() -> None:
    with pytest.raises(ValidationError) as info:
        parse_user_date("31/04/2026")

    assert info.value.params["field"] == "date"


@settings(max_examples=200, database=None, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_date_reads_back_in_both_notations(day: date) -> None:
    french = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"

    assert parse_user_date(day.isoformat()) == day
    assert parse_user_date(french) == day
