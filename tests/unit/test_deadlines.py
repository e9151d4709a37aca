"""Deadlines of people's requests and of breaches, each expected date worked out by hand.

Weekdays used below: 2026-01-01 is a Thursday. Requests: received + period (months clamp
to the month's last day; days count from the day after receipt) + paused days (merged),
then the next working day (not Saturday, Sunday or a French public holiday; in Moselle,
Bas-Rhin and Haut-Rhin also Good Friday and 26 December).
"""

from __future__ import annotations

import datetime as dt

import pytest

from domain.breaches import PARIS, Breach, paris_iso, parse_user_datetime
from domain.errors import ValidationError
from domain.requests import DataSubjectRequest, Pause, RequestKind, merged_days
from domain.working_days import WorkingCalendar, department_of

D = dt.date
FRANCE = WorkingCalendar()
MOSELLE = WorkingCalendar("57")
BAS_RHIN = WorkingCalendar("67")


def request(received: dt.date, **kw: object) -> DataSubjectRequest:
    return DataSubjectRequest(kind=RequestKind.ACCESS, received_on=received, entity_id=1,
                              **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("received", "expected"), [
    # 31 Jan 2025 + 1 month: 31 Feb does not exist -> 28 Feb 2025, a Friday
    (D(2025, 1, 31), D(2025, 2, 28)),
    # 31 Jan 2024 + 1 month -> 29 Feb 2024 (leap year), a Thursday
    (D(2024, 1, 31), D(2024, 2, 29)),
    # 29 Feb 2024 + 1 month -> 29 Mar 2024, Good Friday: a working day outside Alsace-Moselle
    (D(2024, 2, 29), D(2024, 3, 29)),
    # 14 Feb 2026 (Sat) + 1 month -> Sat 14 Mar 2026 -> Sun 15 -> Mon 16 Mar 2026
    (D(2026, 2, 14), D(2026, 3, 16)),
    # 28 Feb 2026 + 1 month -> 28 Mar 2026 (a Saturday; not the 31st) -> Mon 30 Mar 2026
    (D(2026, 2, 28), D(2026, 3, 30)),
    # 30 Apr 2026 + 1 month -> 30 May 2026 (Sat) -> Sun 31 -> Mon 1 Jun 2026
    (D(2026, 4, 30), D(2026, 6, 1)),
])
def test_one_month_month_ends_and_weekends(received: dt.date, expected: dt.date) -> None:
    assert request(received).deadline(FRANCE) == expected


# Each French public holiday on a weekday: received one month before it, the deadline falls
# on the holiday and moves to the next working day.
HOLIDAYS = [
    # 1 Jan 2027 (Fri) -> Sat 2, Sun 3 -> Mon 4 Jan 2027
    ("1 January", D(2026, 12, 1), D(2027, 1, 1), D(2027, 1, 4)),
    # Easter Monday 6 Apr 2026 (Easter Sunday 5 Apr) -> Tue 7 Apr 2026
    ("Easter Monday", D(2026, 3, 6), D(2026, 4, 6), D(2026, 4, 7)),
    # 1 May 2026 (Fri) -> Sat 2, Sun 3 -> Mon 4 May 2026
    ("1 May", D(2026, 4, 1), D(2026, 5, 1), D(2026, 5, 4)),
    # 8 May 2026 (Fri) -> Mon 11 May 2026
    ("8 May", D(2026, 4, 8), D(2026, 5, 8), D(2026, 5, 11)),
    # Ascension: Easter + 39 days = Thu 14 May 2026 -> Fri 15 May 2026
    ("Ascension", D(2026, 4, 14), D(2026, 5, 14), D(2026, 5, 15)),
    # Whit Monday: Easter + 50 days = Mon 25 May 2026 -> Tue 26 May 2026
    ("Whit Monday", D(2026, 4, 25), D(2026, 5, 25), D(2026, 5, 26)),
    # 14 Jul 2026 (Tue) -> Wed 15 Jul 2026
    ("14 July", D(2026, 6, 14), D(2026, 7, 14), D(2026, 7, 15)),
    # 15 Aug 2025 (Fri; in 2026 it is a Saturday) -> Mon 18 Aug 2025
    ("15 August", D(2025, 7, 15), D(2025, 8, 15), D(2025, 8, 18)),
    # 1 Nov 2027 (Mon; in 2026 a Sunday) -> Tue 2 Nov 2027
    ("1 November", D(2027, 10, 1), D(2027, 11, 1), D(2027, 11, 2)),
    # 11 Nov 2026 (Wed) -> Thu 12 Nov 2026
    ("11 November", D(2026, 10, 11), D(2026, 11, 11), D(2026, 11, 12)),
    # 25 Dec 2026 (Fri) -> Sat 26, Sun 27 -> Mon 28 Dec 2026
    ("25 December", D(2026, 11, 25), D(2026, 12, 25), D(2026, 12, 28)),
]


@pytest.mark.parametrize(("name", "received", "holiday", "expected"), HOLIDAYS,
                         ids=[h[0] for h in HOLIDAYS])
def test_each_public_holiday_moves_the_deadline(name: str, received: dt.date,
                                                holiday: dt.date, expected: dt.date) -> None:
    assert FRANCE.is_holiday(holiday), name
    steps = request(received).deadline_steps(FRANCE)
    assert steps.unshifted == holiday
    assert steps.deadline == expected
    assert steps.moved


def test_the_2026_holidays_are_the_eleven_of_the_law() -> None:
    # worked out from Easter Sunday 5 April 2026: Monday +1, Ascension +39, Whit Monday +50
    expected = {D(2026, 1, 1), D(2026, 4, 6), D(2026, 5, 1), D(2026, 5, 8), D(2026, 5, 14),
                D(2026, 5, 25), D(2026, 7, 14), D(2026, 8, 15), D(2026, 11, 1),
                D(2026, 11, 11), D(2026, 12, 25)}
    days = [D(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    assert {d for d in days if FRANCE.is_holiday(d)} == expected
    assert {d for d in days if MOSELLE.is_holiday(d)} == expected | {D(2026, 4, 3),
                                                                      D(2026, 12, 26)}
    assert {d for d in days if BAS_RHIN.is_holiday(d)} == expected | {D(2026, 4, 3),
                                                                       D(2026, 12, 26)}


@pytest.mark.parametrize(("received", "national", "local"), [
    # Good Friday 3 Apr 2026: national working day; in Alsace-Moselle a holiday, then
    # Sat 4, Sun 5, Easter Monday 6 -> Tue 7 Apr 2026
    (D(2026, 3, 3), D(2026, 4, 3), D(2026, 4, 7)),
    # Good Friday 29 Mar 2024 (received 29 Feb 2024) -> Sat 30, Sun 31, Easter Monday
    # 1 Apr -> Tue 2 Apr 2024
    (D(2024, 2, 29), D(2024, 3, 29), D(2024, 4, 2)),
    # 26 Dec 2025 (Fri): national working day; local holiday -> Sat 27, Sun 28 -> Mon 29
    (D(2025, 11, 26), D(2025, 12, 26), D(2025, 12, 29)),
])
def test_alsace_moselle(received: dt.date, national: dt.date, local: dt.date) -> None:
    assert request(received).deadline(FRANCE) == national
    assert request(received).deadline(MOSELLE) == local
    assert request(received).deadline(BAS_RHIN) == local
    assert request(received).deadline(WorkingCalendar("68")) == local


def test_department_from_finess_or_postcode() -> None:
    assert department_of("570000123") == "57"
    assert department_of("", "1 rue de l'Hôpital, 67000 Strasbourg") == "67"
    assert department_of("750000001", "57000 Metz") == "75"  # the FINESS number wins
    assert department_of("", "") == ""
    assert WorkingCalendar.for_establishment("680001234").alsace_moselle
    assert not WorkingCalendar.for_establishment("2A0000001").alsace_moselle


def test_overlapping_pauses_are_merged() -> None:
    # received Mon 2 Mar 2026 + 1 month = Thu 2 Apr 2026; pauses [3 Mar, 10 Mar) and
    # [5 Mar, 17 Mar) overlap: their union [3 Mar, 17 Mar) is 14 days (7 + 12 = 19 summed)
    # -> 2 Apr + 14 days = Thu 16 Apr 2026, a working day
    pauses = (Pause(D(2026, 3, 3), D(2026, 3, 10), "identity"),
              Pause(D(2026, 3, 5), D(2026, 3, 17), "missing information"))
    steps = request(D(2026, 3, 2), pauses=pauses).deadline_steps(FRANCE)
    assert steps.base == D(2026, 4, 2)
    assert steps.paused_days == 14
    assert steps.deadline == D(2026, 4, 16)


def test_pauses_are_added_before_the_working_day_shift() -> None:
    # received 2 Mar 2026 + 1 month = 2 Apr; pause [10 Mar, 12 Mar) = 2 days -> Sat 4 Apr
    # -> Sun 5, Easter Monday 6 -> Tue 7 Apr 2026
    pause = Pause(D(2026, 3, 10), D(2026, 3, 12), "identity")
    assert request(D(2026, 3, 2), pauses=(pause,)).deadline(FRANCE) == D(2026, 4, 7)


@pytest.mark.parametrize(("intervals", "days"), [
    ([], 0),
    ([(D(2026, 1, 1), D(2026, 1, 11))], 10),
    ([(D(2026, 1, 1), D(2026, 1, 11)), (D(2026, 1, 11), D(2026, 1, 12))], 11),  # touching
    ([(D(2026, 1, 5), D(2026, 1, 8)), (D(2026, 1, 1), D(2026, 1, 20))], 19),  # inside
    # DESIGN.md: [2019-01-10, 2021-06-30) and [2020-05-01, 2022-01-31): 1,117 days
    ([(D(2019, 1, 10), D(2021, 6, 30)), (D(2020, 5, 1), D(2022, 1, 31))], 1117),
])
def test_merged_days(intervals: list[tuple[dt.date, dt.date]], days: int) -> None:
    assert merged_days(intervals) == days


@pytest.mark.parametrize(("received", "expected"), [
    # received Mon 2 Mar 2026 + 3 months = Tue 2 Jun 2026
    (D(2026, 3, 2), D(2026, 6, 2)),
    # received Sun 30 Nov 2025 + 3 months -> 30 Feb does not exist -> Sat 28 Feb 2026
    # -> Sun 1 Mar -> Mon 2 Mar 2026
    (D(2025, 11, 30), D(2026, 3, 2)),
])
def test_the_extension_gives_three_months_from_receipt(received: dt.date,
                                                       expected: dt.date) -> None:
    assert request(received, extended=True).deadline(FRANCE) == expected


@pytest.mark.parametrize(("received", "older", "expected"), [
    # 8 days from the day after receipt: Fri 6 Mar 2026 + 8 = Sat 14 Mar -> Mon 16 Mar
    (D(2026, 3, 6), False, D(2026, 3, 16)),
    # Thu 30 Apr 2026 + 8 = Fri 8 May (holiday) -> Sat 9, Sun 10 -> Mon 11 May 2026
    (D(2026, 4, 30), False, D(2026, 5, 11)),
    # Mon 2 Mar 2026 + 8 = Tue 10 Mar 2026, a working day
    (D(2026, 3, 2), False, D(2026, 3, 10)),
    # older than five years: 2 months. Wed 31 Dec 2025 + 2 months -> 28 Feb 2026 (Sat)
    # -> Mon 2 Mar 2026
    (D(2025, 12, 31), True, D(2026, 3, 2)),
    # Mon 2 Mar 2026 + 2 months = Sat 2 May 2026 -> Sun 3 -> Mon 4 May 2026
    (D(2026, 3, 2), True, D(2026, 5, 4)),
])
def test_medical_record_access(received: dt.date, older: bool, expected: dt.date) -> None:
    medical = request(received, medical_record=True, older_than_5_years=older)
    assert medical.deadline(FRANCE) == expected


def test_late_means_open_and_past_its_deadline() -> None:
    r = request(D(2026, 3, 2))  # deadline Thu 2 Apr 2026
    assert not r.is_late(D(2026, 4, 2), FRANCE)  # the last day is still on time
    assert r.is_late(D(2026, 4, 3), FRANCE)
    closed = request(D(2026, 3, 2), closed_on=D(2026, 4, 3))
    assert not closed.is_late(D(2026, 5, 1), FRANCE)
    assert closed.answered_late(FRANCE)


# --- breaches --------------------------------------------------------------------------


def breach(aware: str) -> Breach:
    return Breach(title="t", aware_at=parse_user_datetime(aware), entity_id=1)


@pytest.mark.parametrize(("aware", "deadline"), [
    # 28 Mar 2026 10:00 CET (+01:00) = 09:00 UTC; + 72 h = 31 Mar 09:00 UTC; the clocks went
    # forward on Sun 29 Mar at 02:00, so that is 11:00 CEST (+02:00) in Paris: 72 elapsed
    # hours, not three calendar days (10:00 would be 71 hours)
    ("2026-03-28 10:00", "2026-03-31T11:00:00+02:00"),
    ("28/03/2026 10:00", "2026-03-31T11:00:00+02:00"),
    ("2026-03-28T09:00:00Z", "2026-03-31T11:00:00+02:00"),
    # 23 Oct 2026 10:00 CEST (+02:00) = 08:00 UTC; + 72 h = 26 Oct 08:00 UTC; the clocks
    # went back on Sun 25 Oct at 03:00, so that is 09:00 CET (+01:00)
    ("2026-10-23 10:00", "2026-10-26T09:00:00+01:00"),
    ("2026-10-23T10:00:00+02:00", "2026-10-26T09:00:00+01:00"),
    # no clock change: Fri 6 Mar 2026 18:30 + 72 h = Mon 9 Mar 18:30, weekend included
    ("06/03/2026 18h30", "2026-03-09T18:30:00+01:00"),
])
def test_the_72_hours_cross_clock_changes(aware: str, deadline: str) -> None:
    b = breach(aware)
    assert paris_iso(b.cnil_deadline) == deadline
    # in UTC: Python subtracts two datetimes of the same zone by their wall-clock times
    elapsed = b.cnil_deadline.astimezone(dt.UTC) - b.aware_at.astimezone(dt.UTC)
    assert elapsed == dt.timedelta(hours=72)


def test_breach_late_and_notified_late() -> None:
    b = breach("2026-03-28 10:00")  # deadline 31 Mar 11:00 +02:00
    assert not b.is_late(parse_user_datetime("2026-03-31 11:00"))
    assert b.is_late(parse_user_datetime("2026-03-31 11:01"))


@pytest.mark.parametrize(("text", "code"), [
    ("2026-02-30 10:00", "datetime.invalid"),
    ("2026-03-28", "datetime.invalid"),  # a date without a time
    ("28/03/2026 25:00", "datetime.invalid"),
    ("yesterday", "datetime.invalid"),
    ("2026-03-29 02:30", "datetime.nonexistent"),  # skipped by the clock
    ("2026-10-25 02:30", "datetime.ambiguous"),  # went through twice
])
def test_impossible_moments_are_refused(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_user_datetime(text, "--aware")
    assert caught.value.code == code


def test_an_offset_settles_the_ambiguous_hour() -> None:
    first = parse_user_datetime("2026-10-25T02:30:00+02:00")
    second = parse_user_datetime("2026-10-25T02:30:00+01:00")
    assert second - first == dt.timedelta(hours=1)
    assert paris_iso(second) == "2026-10-25T02:30:00+01:00"
    assert first.astimezone(PARIS).utcoffset() == dt.timedelta(hours=2)


def test_every_kind_and_outcome_has_its_words() -> None:
    from domain.deadline_words import load_deadline_words
    from domain.due import DueKind
    from domain.requests import Outcome, RequestStatus

    words = load_deadline_words()
    assert set(words.request_kinds.codes()) == {k.value for k in RequestKind}
    assert set(words.request_outcomes.codes()) == {o.value for o in Outcome}
    assert {k.value for k in DueKind} | {s.value for s in RequestStatus} <= set(
        words.items.codes())
    from domain.breaches import BreachNature, cnil_form
    assert set(words.breach_natures.codes()) == {n.value for n in BreachNature}
    headings = [code for code, _value in cnil_form(breach("2026-03-28 10:00"),
                                                   parse_user_datetime("2026-04-01 10:00"))]
    assert set(headings) <= set(words.breach_form.codes())
    assert "late_reasons" in headings
    assert words.request_title("erasure", "fr") == "Demande d'effacement"
    assert words.request_title("erasure", "en") == "Erasure request"
