"""Legal scenarios of retention-rules.md (d.5): R1112-7, suspensions, DMST, private practice."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.rules import active_suspension, merge_intervals, parse, suspended_days

D = dt.date

#: The expression of DESIGN.md.
R1112_7_DESIGN = "min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)"
#: The wording of R1112-7: the death clause applies "dans tous les cas" but only "si la
#: personne ... décède moins de dix ans après son dernier passage".
R1112_7 = (
    "if death? < last_stay + 10 years then death? + 10 years "
    "else max(last_stay + 20 years, birth + 28 years)"
)

# (id, birth, last stay, death, expected)
D5 = [
    ("A", D(1960, 5, 10), D(2005, 3, 15), None, D(2025, 3, 15)),
    ("B", D(2010, 6, 1), D(2012, 9, 10), None, D(2038, 6, 1)),
    ("C", D(1950, 1, 1), D(2015, 4, 20), D(2018, 7, 1), D(2028, 7, 1)),
    ("D", D(2010, 6, 1), D(2012, 9, 10), D(2013, 1, 15), D(2023, 1, 15)),
    ("E", D(1940, 1, 1), D(2000, 1, 10), D(2012, 6, 1), D(2020, 1, 10)),
    ("E2", D(1940, 1, 1), D(2000, 1, 10), D(2010, 1, 10), D(2020, 1, 10)),
    ("G", D(1970, 1, 1), D(2004, 2, 29), None, D(2024, 2, 29)),
    ("H", D(1970, 1, 1), D(2004, 6, 1), D(2008, 2, 29), D(2018, 2, 28)),
    ("I", D(2003, 11, 6), D(2020, 11, 5), None, D(2040, 11, 5)),
    ("J", D(2005, 7, 14), D(2006, 3, 1), None, D(2033, 7, 14)),
]


def _events(birth: dt.date, last_stay: dt.date, death: dt.date | None) -> dict[str, dt.date | None]:
    return {"birth": birth, "last_stay": last_stay, "death": death}


@pytest.mark.parametrize("text", [R1112_7_DESIGN, R1112_7], ids=["design", "if"])
@pytest.mark.parametrize(
    ("case", "birth", "last_stay", "death", "expected"), D5, ids=[c[0] for c in D5]
)
def test_d5_r1112_7(
    text: str,
    case: str,
    birth: dt.date,
    last_stay: dt.date,
    death: dt.date | None,
    expected: dt.date,
) -> None:
    deadline = parse(text).deadline(_events(birth, last_stay, death))
    assert deadline.date == expected, case
    assert deadline.missing == ()


def test_r1112_7_design_expression_is_wrong_for_a_minor_dying_late() -> None:
    """A minor's file, death 10+ years after the last stay: the death clause does not apply
    (R1112-7: "décède moins de dix ans après son dernier passage"), the 28th birthday does.
    The DESIGN.md expression shortens the retention to death + 10 years."""
    events = _events(D(2010, 6, 1), D(2012, 9, 10), D(2023, 1, 1))
    assert parse(R1112_7).deadline(events).date == D(2038, 6, 1)
    assert parse(R1112_7_DESIGN).deadline(events).date == D(2033, 1, 1)


def test_r1112_7_missing_events() -> None:
    rule = parse(R1112_7)
    # the death clause applies: birth is not needed
    assert rule.deadline({"last_stay": D(2012, 9, 10), "death": D(2013, 1, 15)}).date == D(
        2023, 1, 15
    )
    assert rule.deadline({"last_stay": D(2012, 9, 10)}).missing == ("birth",)
    assert rule.deadline({"birth": D(2010, 6, 1)}).missing == ("last_stay",)
    assert rule.deadline({}).missing == ("birth", "last_stay")
    design = parse(R1112_7_DESIGN)
    assert design.deadline({"last_stay": D(2012, 9, 10)}).missing == ("birth",)
    assert rule.events == design.events == {"birth", "last_stay", "death"}
    assert rule.optional_events == {"death"}
    assert rule.required_events == {"birth", "last_stay"}


# -- suspensions (F, S2) -------------------------------------------------------------------

F_EVENTS = _events(D(1960, 5, 10), D(2005, 3, 15), None)
F_HOLD = (D(2019, 1, 10), D(2021, 6, 30))
S2_HOLD = (D(2020, 5, 1), D(2022, 1, 31))


@pytest.mark.parametrize("text", [R1112_7_DESIGN, R1112_7], ids=["design", "if"])
def test_d5_f_suspension_adds_the_paused_days(text: str) -> None:
    rule = parse(text)
    assert suspended_days([F_HOLD]) == 902
    deadline = rule.deadline(F_EVENTS, [F_HOLD])
    assert (deadline.date, deadline.base, deadline.suspended_days) == (
        D(2027, 9, 3),
        D(2025, 3, 15),
        902,
    )
    assert not deadline.on_hold


@pytest.mark.parametrize("text", [R1112_7_DESIGN, R1112_7], ids=["design", "if"])
def test_d5_s2_overlapping_suspensions_are_merged(text: str) -> None:
    deadline = parse(text).deadline(F_EVENTS, [F_HOLD, S2_HOLD])
    assert deadline.suspended_days == 1117
    assert deadline.date == D(2028, 4, 5)
    summed = suspended_days([F_HOLD]) + suspended_days([S2_HOLD])
    assert summed == 1542
    assert D(2025, 3, 15) + dt.timedelta(days=summed) == D(2029, 6, 4)  # the wrong answer


def test_suspension_status_as_of() -> None:
    rule = parse(R1112_7_DESIGN)
    during = rule.deadline(F_EVENTS, [F_HOLD], as_of=D(2021, 6, 29))
    assert during.on_hold
    assert during.suspended_days == 0  # not ended yet: the deadline has not moved
    at_end = rule.deadline(F_EVENTS, [F_HOLD], as_of=D(2021, 6, 30))  # [S, E): E is free
    assert not at_end.on_hold
    assert at_end.date == D(2027, 9, 3)
    before = rule.deadline(F_EVENTS, [F_HOLD], as_of=D(2019, 1, 9))
    assert not before.on_hold
    assert before.date == D(2025, 3, 15)
    assert rule.deadline(F_EVENTS, [F_HOLD], as_of=D(2019, 1, 10)).on_hold
    # one ended, one still running: on hold, only the ended one counts
    mixed = rule.deadline(F_EVENTS, [F_HOLD, S2_HOLD], as_of=D(2021, 7, 1))
    assert mixed.on_hold
    assert mixed.suspended_days == 902


def test_hold_with_no_end() -> None:
    rule = parse("x + 1 year")
    holds = [(D(2020, 1, 1), None)]
    assert rule.deadline({"x": D(2019, 1, 1)}, holds).on_hold
    assert rule.deadline({"x": D(2019, 1, 1)}, holds).date == D(2020, 1, 1)
    assert rule.deadline({"x": D(2019, 1, 1)}, holds, as_of=D(2030, 1, 1)).on_hold
    assert not rule.deadline({"x": D(2019, 1, 1)}, holds, as_of=D(2019, 12, 31)).on_hold
    assert active_suspension(holds, D(2020, 1, 1))
    assert not active_suspension(holds, D(2019, 12, 31))
    assert suspended_days(holds) == 0


def test_hold_on_an_undetermined_record() -> None:
    deadline = parse("x + 1 year").deadline({}, [(D(2020, 1, 1), None)], as_of=D(2021, 1, 1))
    assert deadline.date is None
    assert deadline.missing == ("x",)
    assert deadline.on_hold


def test_suspension_helpers() -> None:
    a, b, c = D(2020, 1, 1), D(2020, 1, 11), D(2020, 1, 21)
    assert merge_intervals([(b, c), (a, b)]) == [(a, c)]  # touching intervals join
    assert merge_intervals([(a, a)]) == []
    assert suspended_days([(a, b), (b, c)]) == 20
    assert suspended_days([(a, c), (a, b)]) == 20
    assert suspended_days([(a, b), (a, c)], as_of=b) == 10
    assert suspended_days([]) == 0
    assert not active_suspension([(a, b)], b)
    with pytest.raises(ValueError, match="before it starts"):
        suspended_days([(b, a)])
    with pytest.raises(ValueError, match="before it starts"):
        parse("x").deadline({"x": a}, [(b, a)])


# -- DMST (C. trav. R4624-45-9, R4451-83) ------------------------------------------------

DMST = "min(last_visit + 40 years, death? + 10 years)"
DMST_IONISING = (
    "max(min(last_visit + 40 years, death? + 10 years), "
    "max(birth + 75 years, ionising_exposure_end + 50 years))"
)


def test_dmst() -> None:
    rule = parse(DMST)
    assert rule.deadline({"last_visit": D(2010, 6, 30)}).date == D(2050, 6, 30)
    died = {"last_visit": D(2010, 6, 30), "death": D(2015, 1, 1)}
    assert rule.deadline(died).date == D(2025, 1, 1)
    exposed = {**died, "birth": D(1970, 2, 15), "ionising_exposure_end": D(2000, 12, 31)}
    assert parse(DMST_IONISING).deadline(exposed).date == D(2050, 12, 31)


# -- private practice, CNIL 2020-081: 5 years active, then 15 years archived ---------------

CABINET_ACTIVE = "last_intervention + 5 years"
CABINET_END = "(last_intervention + 5 years) + 15 years"  # chained, as the text reads


def test_cabinet_5_plus_15() -> None:
    events = {"last_intervention": D(2019, 3, 31)}
    assert parse(CABINET_ACTIVE).deadline(events).date == D(2024, 3, 31)
    assert parse(CABINET_END).deadline(events).date == D(2039, 3, 31)
    assert parse("last_intervention + 20 years").deadline(events).date == D(2039, 3, 31)
    leap = {"last_intervention": D(2020, 2, 29)}  # the only anchors where chaining matters
    assert parse(CABINET_END).deadline(leap).date == D(2040, 2, 28)
    assert parse("last_intervention + 5 years + 15 years").deadline(leap).date == D(2040, 2, 29)
