"""The rule builder's shapes (domain.rules.shapes): written, read back, and evaluated."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.rules import parse
from domain.rules.shapes import Shape, ShapedRule, recognise
from domain.templates import load_templates

D = dt.date.fromisoformat
MEDICAL = ("if death? < last_stay + 10 years then death? + 10 years "
           "else max(last_stay + 20 years, birth + 28 years)")


@pytest.mark.parametrize(("shaped", "delete_after", "active_until"), [
    (ShapedRule(Shape.AFTER, "recording", 1, "months"), "recording + 1 month", ""),
    (ShapedRule(Shape.AFTER, "last_contact", 2), "last_contact + 2 years", ""),
    (ShapedRule(Shape.AGE, "last_stay", 20, age=28),
     "max(last_stay + 20 years, birth + 28 years)", ""),
    (ShapedRule(Shape.DEATH, "last_stay", 20, age=28, death_years=10), MEDICAL, ""),
    (ShapedRule(Shape.DEATH, "last_visit", 40, death_years=10),
     "if death? < last_visit + 10 years then death? + 10 years else last_visit + 40 years", ""),
    (ShapedRule(Shape.YEAR_END, "document_date", 3),
     "end_of_year(document_date) + 3 years", ""),
    (ShapedRule(Shape.ACTIVE, "contract_end", 5, active_amount=3),
     "contract_end + 5 years", "contract_end + 3 years"),
    (ShapedRule(Shape.ACTIVE, "end_of_trial", 25), "end_of_trial + 25 years", "end_of_trial"),
    (ShapedRule(Shape.ACTIVE, "departure", 5, active_amount=6, active_unit="months"),
     "departure + 5 years", "departure + 6 months"),
])
def test_a_shape_writes_its_expression_and_reads_it_back(
        shaped: ShapedRule, delete_after: str, active_until: str) -> None:
    assert shaped.delete_after() == delete_after
    assert shaped.active_until() == active_until
    assert recognise(delete_after, active_until) == shaped


@pytest.mark.parametrize(("delete_after", "active_until"), [
    ("min(last_visit + 40 years, death? + 10 years)", ""),
    ("last_stay + 1 year 6 months", ""),
    ("death? + 10 years", ""),
    ("(last_intervention + 5 years) + 15 years", "last_intervention + 5 years"),
    ("contract_end + 5 years", "departure + 1 year"),
    ("max(last_stay + 20 years, birth + 28 months)", ""),
    ("if death? > last_stay + 10 years then death? + 10 years else last_stay + 20 years", ""),
    ("if death? < last_stay + 10 years then death? + 5 years else last_stay + 20 years", ""),
    ("last_stay + 0 days", ""),
    ("last_stay + 20 yaers", ""),
])
def test_other_rules_have_no_shape(delete_after: str, active_until: str) -> None:
    assert recognise(delete_after, active_until) is None


def test_spacing_and_spelling_do_not_matter() -> None:
    assert recognise("max( last_stay+P20Y , birth + 28 ans )") == \
        ShapedRule(Shape.AGE, "last_stay", 20, age=28)


def test_most_templates_of_the_library_have_a_shape() -> None:
    templates = list(load_templates())
    unshaped = {t.id for t in templates if recognise(t.delete_after, t.active_until) is None}
    # the others: nested min/max (occupational health, transfusion), a sum of two
    # shifts, an event alone, an active phase on another event or kept until a later
    # publication (research, care homes since the audit): the expression says them
    assert unshaped == {"SANTE-DM-01-TRANSF", "SANTE-DMST-01", "SANTE-DMST-02",
                        "SANTE-DMST-03", "SANTE-DMST-04", "SANTE-LIB-01",
                        "SANTE-LIB-01-MINEUR", "GEN-ALERTE-01-PROC", "GEN-CONT-01",
                        "GEN-CONT-02", "SANTE-RECH-01", "SANTE-RECH-02", "SANTE-RECH-02-MDS",
                        "SANTE-EHPAD-02"}
    medical = load_templates()["SANTE-DM-01"]
    assert recognise(medical.delete_after) == ShapedRule(Shape.DEATH, "last_stay", 20,
                                                         age=28, death_years=10)


def test_the_death_clause_gives_the_law_for_a_minor_who_dies_late() -> None:
    """DESIGN.md: born 2010-06-01, last stay 2012-09-10, died 2023-01-01: 2038-06-01."""
    rule = parse(ShapedRule(Shape.DEATH, "last_stay", 20, age=28, death_years=10)
                 .delete_after())
    events = {"birth": D("2010-06-01"), "last_stay": D("2012-09-10"), "death": D("2023-01-01")}
    assert rule.deadline(events).date == D("2038-06-01")
