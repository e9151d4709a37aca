"""Date arithmetic of the rule language: retention-rules.md (d.1), (d.2) and (d.4)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta

from domain.rules import Duration, end_of_month, end_of_year, parse, to_local_date

D = dt.date

# (id, rule, anchor, expected) -- every row of d.1, the anchor event is called ``x`` unless
# the reference names it.
D1 = [
    ("L1", "x + 1 year", D(2020, 2, 29), D(2021, 2, 28)),
    ("L2", "death + 10 years", D(2020, 2, 29), D(2030, 2, 28)),
    ("L3", "x + 5 years", D(2020, 2, 29), D(2025, 2, 28)),
    ("L4", "last_stay + 20 years", D(2004, 2, 29), D(2024, 2, 29)),
    ("L5", "x + 20 years", D(2080, 2, 29), D(2100, 2, 28)),
    ("L6", "birth + 28 years", D(2072, 2, 29), D(2100, 2, 28)),
    ("L7", "birth + 28 years", D(2000, 2, 29), D(2028, 2, 29)),
    # policy (L8): a leap-day birthday falls on 28 February in common years (CPC 641 clamp)
    ("L8", "birth + 75 years", D(2000, 2, 29), D(2075, 2, 28)),
    ("L9", "x + 1 month", D(2023, 1, 31), D(2023, 2, 28)),
    ("L10", "(x + 1 month) + 1 month", D(2023, 1, 31), D(2023, 3, 28)),
    ("L11", "x + 2 months", D(2023, 1, 31), D(2023, 3, 31)),
    ("L11b", "x + 1 month + 1 month", D(2023, 1, 31), D(2023, 3, 31)),
    ("L12", "x + 6 months", D(2023, 8, 31), D(2024, 2, 29)),
    ("L13", "recording + 1 mois", D(2024, 1, 31), D(2024, 2, 29)),
    ("L14", "recording + 30 jours", D(2024, 1, 31), D(2024, 3, 1)),
    ("L15", "x + 1 year 1 month", D(2024, 1, 31), D(2025, 2, 28)),
    ("L15b", "x + P1Y1M", D(2024, 1, 31), D(2025, 2, 28)),
    ("L16", "x + 1 month 15 days", D(2017, 2, 12), D(2017, 3, 27)),
    ("L17", "(x + 1 year) - 1 year", D(2020, 2, 29), D(2020, 2, 28)),
    ("L17b", "x + 1 year - 1 year", D(2020, 2, 29), D(2020, 2, 29)),
    ("L18", "consent + 13 months", D(2020, 2, 29), D(2021, 3, 29)),
    ("L19", "(last_intervention + 5 years) + 15 years", D(2020, 2, 29), D(2040, 2, 28)),
    ("L20", "last_intervention + 20 years", D(2020, 2, 29), D(2040, 2, 29)),
    ("L20b", "last_intervention + 5 years + 15 years", D(2020, 2, 29), D(2040, 2, 29)),
    ("L21", "birth + 80 years", D(1964, 2, 29), D(2044, 2, 29)),
    ("L22", "birth + 80 years", D(1961, 2, 28), D(2041, 2, 28)),
    ("L23", "last_contact + 2 years", D(2024, 2, 29), D(2026, 2, 28)),
    ("L24", "end_of_year(invoice_date) + 10 years", D(2023, 3, 15), D(2033, 12, 31)),
    ("L25", "end_of_year(x) + 5 years", D(2021, 3, 15), D(2026, 12, 31)),
]


@pytest.mark.parametrize(("case", "text", "anchor", "expected"), D1, ids=[c[0] for c in D1])
def test_d1_leap_day_and_end_of_month(
    case: str, text: str, anchor: dt.date, expected: dt.date
) -> None:
    rule = parse(text)
    (event,) = rule.events
    deadline = rule.deadline({event: anchor})
    assert deadline.date == expected, case
    assert deadline.missing == ()


def test_subtraction_and_mixed_signs() -> None:
    assert parse("x - 1 month").deadline({"x": D(2023, 3, 31)}).date == D(2023, 2, 28)
    # months first (clamped), then days: 2023-02-28 - 1 day
    assert parse("x + 1 month - 1 day").deadline({"x": D(2023, 1, 31)}).date == D(2023, 2, 27)
    assert parse("x - P1D").deadline({"x": D(2024, 3, 1)}).date == D(2024, 2, 29)


def test_weeks_are_seven_days() -> None:
    x = {"x": D(2024, 2, 20)}
    assert parse("x + 2 weeks").deadline(x).date == D(2024, 3, 5)
    assert parse("x + 2 semaines").deadline(x) == parse("x + 14 days").deadline(x)
    assert parse("x + P2W").deadline(x) == parse("x + 14 jours").deadline(x)


@pytest.mark.parametrize(
    ("day", "month_end", "year_end"),
    [
        (D(2024, 2, 10), D(2024, 2, 29), D(2024, 12, 31)),
        (D(2023, 2, 28), D(2023, 2, 28), D(2023, 12, 31)),
        (D(2100, 2, 1), D(2100, 2, 28), D(2100, 12, 31)),
        (D(2023, 12, 31), D(2023, 12, 31), D(2023, 12, 31)),
        (D(2023, 4, 1), D(2023, 4, 30), D(2023, 12, 31)),
    ],
)
def test_end_of_month_and_year(day: dt.date, month_end: dt.date, year_end: dt.date) -> None:
    assert end_of_month(day) == month_end
    assert end_of_year(day) == year_end
    assert parse("end_of_month(x)").deadline({"x": day}).date == month_end
    assert parse("end_of_year(x)").deadline({"x": day}).date == year_end


def test_end_of_month_of_a_shifted_date() -> None:
    rule = parse("end_of_month(x + 1 month)")
    assert rule.deadline({"x": D(2024, 1, 15)}).date == D(2024, 2, 29)


def test_duration_value() -> None:
    assert Duration(5) + Duration(15) == Duration(20)
    assert Duration(1, 2, 3) - Duration(1, 2, 3) == Duration()
    assert str(Duration(1, 6)) == "1 year 6 months"
    assert str(Duration(days=1)) == "1 day"
    assert str(Duration()) == "0 days"
    assert Duration(20).add_to(D(2020, 2, 29)) == D(2040, 2, 29)
    assert Duration(1, 1, 1).relativedelta == relativedelta(years=1, months=1, days=1)


# -- d.2 forward vs backward ---------------------------------------------------------------

D2 = [
    ("B1", "x + 1 month", D(2019, 2, 28), D(2019, 3, 28), D(2019, 3, 31), relativedelta(months=1)),
    ("B2", "x + 1 year", D(2019, 2, 28), D(2020, 2, 28), D(2020, 2, 29), relativedelta(years=1)),
    ("B3", "x + 1 month", D(2019, 4, 30), D(2019, 5, 30), D(2019, 5, 31), relativedelta(months=1)),
]


@pytest.mark.parametrize(
    ("case", "text", "anchor", "deadline", "today", "delta"), D2, ids=[c[0] for c in D2]
)
def test_d2_deadline_is_computed_forward(
    case: str,
    text: str,
    anchor: dt.date,
    deadline: dt.date,
    today: dt.date,
    delta: relativedelta,
) -> None:
    result = parse(text).deadline({"x": anchor})
    assert result.date == deadline
    assert result.is_overdue(today)  # today > deadline
    assert not result.is_overdue(deadline)  # the deadline is the last day kept (inclusive)
    assert not result.is_overdue(deadline - dt.timedelta(days=1))
    # the backward comparison the design forbids gives the wrong answer here
    assert not anchor < today - delta


def test_undetermined_is_never_overdue() -> None:
    assert not parse("x + 1 day").deadline({}).is_overdue(D(9999, 1, 1))


# -- d.4 time zones ------------------------------------------------------------------------

UTC = dt.UTC
PARIS = ZoneInfo("Europe/Paris")


def test_t1_t2_timestamp_converted_to_paris_before_taking_the_date() -> None:
    stamp = dt.datetime(2024, 3, 31, 22, 30, tzinfo=UTC)
    rule = parse("recording + 1 month")
    utc_day = to_local_date(stamp, "UTC")
    paris_day = to_local_date(stamp)
    assert utc_day == D(2024, 3, 31)
    assert rule.deadline({"recording": utc_day}).date == D(2024, 4, 30)  # T1
    assert paris_day == D(2024, 4, 1)
    assert rule.deadline({"recording": paris_day}).date == D(2024, 5, 1)  # T2


def test_t3_year_changes_with_the_zone() -> None:
    stamp = dt.datetime(2023, 12, 31, 23, 30, tzinfo=UTC)
    rule = parse("x + 5 years")
    assert rule.deadline({"x": to_local_date(stamp, "UTC")}).date == D(2028, 12, 31)
    assert rule.deadline({"x": to_local_date(stamp, "Europe/Paris")}).date == D(2029, 1, 1)
    assert parse("end_of_year(x)").deadline({"x": to_local_date(stamp)}).date == D(2024, 12, 31)


def test_t4_arithmetic_on_dates_not_on_datetimes() -> None:
    stamp = dt.datetime(2024, 3, 30, 2, 30, tzinfo=PARIS)
    day = to_local_date(stamp)
    assert day == D(2024, 3, 30)
    assert parse("x + 1 day").deadline({"x": day}).date == D(2024, 3, 31)


def test_to_local_date_variants() -> None:
    naive = dt.datetime(2024, 3, 31, 22, 30)  # naive: taken as UTC
    assert to_local_date(naive) == D(2024, 4, 1)
    assert to_local_date(naive, PARIS) == D(2024, 4, 1)
    new_york = dt.datetime(2024, 1, 1, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    assert to_local_date(new_york) == D(2024, 1, 2)
    assert to_local_date(new_york, "America/New_York") == D(2024, 1, 1)
    assert to_local_date(D(2024, 1, 1)) == D(2024, 1, 1)  # a date is already local


def test_a_datetime_event_is_refused() -> None:
    rule = parse("x + 1 day")
    with pytest.raises(TypeError, match="to_local_date"):
        rule.deadline({"x": dt.datetime(2024, 1, 1, tzinfo=UTC)})
