"""Retention rules in words (domain.rules.wording): every template of the library, and the
main shapes of the grammar, said in French and English without a trace of the expression."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.rules import Duration
from domain.rules.wording import (
    deadline_words,
    duration_words,
    event_label,
    events_in,
    rule_sentence,
)
from domain.templates import RetentionTemplate, load_templates
from domain.vocabulary import Lang, load_vocabularies
from tests.unit.test_rules_properties import TREES, Tree, render

TEMPLATES = list(load_templates())
# What an expression looks like, and a sentence must never show: an optional mark, a
# snake_case name, the grammar's keywords and functions, a comparison, an ISO period.
CODE = re.compile(r"\?|\b[a-z]+_[a-z0-9_]+\b|\b(?:then|else|max|min)\b|[<>()]\s*[<>=]|"
                  r"\bend_of|\bP\d+[YMWD]\b|[<>]=?|\(\s*\w+\s*\+")


def _no_code(sentence: str) -> None:
    assert sentence
    assert CODE.search(sentence) is None, sentence
    assert "  " not in sentence


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.id for t in TEMPLATES])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_template_gets_a_sentence_without_code(template: RetentionTemplate,
                                                      lang: Lang) -> None:
    sentence = rule_sentence(template.delete_after, template.active_until, lang)
    _no_code(sentence)
    if lang == "fr":
        assert re.search(r"\bif\b", sentence) is None
        assert sentence.startswith(("Conservation", "Base active"))
    else:
        assert sentence.startswith(("Kept", "Active"))


def test_every_event_of_the_library_has_a_label_in_the_vocabulary() -> None:
    events = load_vocabularies().events
    for template in TEMPLATES:
        for name in events_in((template.delete_after, template.active_until)):
            assert name in events, (template.id, name)


def test_event_labels_are_dates_said_as_a_dpo_says_them() -> None:
    for term in load_vocabularies().events:
        assert term.fr.startswith("date "), term.code  # "la " + label, "est connue"
        assert "_" not in term.fr and "_" not in term.en
    assert event_label("last_stay") == "date du dernier séjour"
    assert event_label("last_stay", "en") == "date of the last stay"
    assert event_label("contract_signature") == "date « contract signature »"


MEDICAL = ("if death? < last_stay + 10 years then death? + 10 years "
           "else max(last_stay + 20 years, birth + 28 years)")


@pytest.mark.parametrize(("expression", "fr", "en"), [
    ("last_stay + 20 years",
     "jusqu'à 20 ans après la date du dernier séjour",
     "until 20 years after the date of the last stay"),
    ("recording + 1 month",
     "jusqu'à 1 mois après la date de l'enregistrement",
     "until 1 month after the date of the recording"),
    ("final_decision",
     "jusqu'à la date de la décision définitive",
     "until the date of the final decision"),
    ("end_of_trial + P1Y6M",
     "jusqu'à 1 an et 6 mois après la date de fin de l'essai",
     "until 1 year and 6 months after the end of the trial"),
    ("recording + P2W",
     "jusqu'à 14 jours après la date de l'enregistrement",
     "until 14 days after the date of the recording"),
    ("birth + 1 year 2 months 3 days",
     "jusqu'à 1 an, 2 mois et 3 jours après la date de naissance",
     "until 1 year, 2 months and 3 days after the date of birth"),
    ("max(last_stay + 20 years, birth + 28 years)",
     "jusqu'à la plus tardive entre 20 ans après la date du dernier séjour et 28 ans après "
     "la date de naissance",
     "until the later of 20 years after the date of the last stay and 28 years after the "
     "date of birth"),
    ("min(last_visit + 40 years, death? + 10 years)",
     "jusqu'à la plus précoce entre 40 ans après la date de la dernière visite et 10 ans "
     "après la date du décès (si elle est connue)",
     "until the earlier of 40 years after the date of the last visit and 10 years after the "
     "date of death (if known)"),
    ("max(birth + 75 years, last_visit + 40 years, exposure_end + 50 years)",
     "jusqu'à la plus tardive des dates suivantes : 75 ans après la date de naissance ; "
     "40 ans après la date de la dernière visite ; 50 ans après la date de fin d'exposition",
     "until the latest of these dates: 75 years after the date of birth; 40 years after the "
     "date of the last visit; 50 years after the end of exposure"),
    ("end_of_year(document_date) + 3 years",
     "jusqu'à 3 ans après la fin de l'année civile de la date du document",
     "until 3 years after the end of the calendar year of the date of the document"),
    ("end_of_month(consent + 13 months)",
     "jusqu'à la fin du mois de la date située 13 mois après la date du consentement",
     "until the end of the month of the date 13 months after the date of consent"),
    ("end_of_month(consent)",
     "jusqu'à la fin du mois de la date du consentement",
     "until the end of the month of the date of consent"),
    ("(last_intervention + 5 years) + 15 years",
     "jusqu'à 15 ans comptés à partir de 5 ans après la date de la dernière intervention",
     "until 15 years counted from 5 years after the date of the last intervention"),
    ("(last_intervention + 5 years) + 1 year",
     "jusqu'à 1 an compté à partir de 5 ans après la date de la dernière intervention",
     "until 1 year counted from 5 years after the date of the last intervention"),
    ("contract_end - 1 month",
     "jusqu'à 1 mois avant la date de fin du contrat",
     "until 1 month before the end of the contract"),
    ("contract_end + 1 year - 1 day",
     "jusqu'à 1 an moins 1 jour après la date de fin du contrat",
     "until 1 year less 1 day after the end of the contract"),
    (MEDICAL,
     "si la date du décès est connue et tombe moins de 10 ans après la date du dernier "
     "séjour, jusqu'à 10 ans après la date du décès ; sinon, jusqu'à la plus tardive entre "
     "20 ans après la date du dernier séjour et 28 ans après la date de naissance",
     "if the date of death is known and falls less than 10 years after the date of the last "
     "stay, until 10 years after the date of death; otherwise, until the later of 20 years "
     "after the date of the last stay and 28 years after the date of birth"),
    ("if birth <= last_stay then last_stay + 1 year else birth + 1 year",
     "si la date de naissance ne tombe pas après la date du dernier séjour, jusqu'à 1 an "
     "après la date du dernier séjour ; sinon, jusqu'à 1 an après la date de naissance",
     "if the date of birth does not fall after the date of the last stay, until 1 year after "
     "the date of the last stay; otherwise, until 1 year after the date of birth"),
    ("if death? >= birth + 18 years then death? else birth + 18 years",
     "si la date du décès est connue et tombe au moins 18 ans après la date de naissance, "
     "jusqu'à la date du décès ; sinon, jusqu'à 18 ans après la date de naissance",
     "if the date of death is known and falls at least 18 years after the date of birth, "
     "until the date of death; otherwise, until 18 years after the date of birth"),
    ("max(if death? < last_stay + 10 years then death? + 10 years else last_stay + 20 years, "
     "last_transfusion + 30 years)",
     "jusqu'à la plus tardive entre (10 ans après la date du décès si la date du décès est "
     "connue et tombe moins de 10 ans après la date du dernier séjour, sinon 20 ans après la "
     "date du dernier séjour) et 30 ans après la date du dernier acte transfusionnel",
     "until the later of (10 years after the date of death if the date of death is known and "
     "falls less than 10 years after the date of the last stay, otherwise 20 years after the "
     "date of the last stay) and 30 years after the date of the last transfusion"),
])
def test_main_shapes_in_words(expression: str, fr: str, en: str) -> None:
    assert deadline_words(expression, "fr") == fr
    assert deadline_words(expression, "en") == en


def test_a_condition_on_two_optional_events_says_both_must_be_known() -> None:
    words = deadline_words("if death? > closure? then death? else closure? + 1 year")
    assert words.startswith("si la date de clôture du dossier et la date du décès sont "
                            "connues et la date du décès tombe après la date de clôture")
    # known in the "then" branch: not said again
    assert "jusqu'à la date du décès ;" in words
    assert words.endswith("jusqu'à 1 an après la date de clôture du dossier (si elle est "
                          "connue)")


def test_sentences_with_both_phases() -> None:
    assert rule_sentence("contract_end + 5 years", "contract_end + 3 years") == (
        "Base active jusqu'à 3 ans après la date de fin du contrat. Conservation jusqu'à "
        "5 ans après la date de fin du contrat.")
    assert rule_sentence(MEDICAL, lang="en").startswith("Kept: if the date of death")
    assert rule_sentence(MEDICAL).startswith("Conservation : si la date du décès")
    assert rule_sentence("", "") == ""


def test_an_expression_that_does_not_parse_is_said_as_written() -> None:
    assert deadline_words("last_stay + 20 yaers") == "last_stay + 20 yaers"
    assert deadline_words("  ") == ""


def test_duration_words() -> None:
    assert duration_words(Duration(1, 0, 0)) == "1 an"
    assert duration_words(Duration(2, 0, 0)) == "2 ans"
    assert duration_words(Duration(0, 1, 0), "en") == "1 month"
    assert duration_words(Duration(0, 0, 1)) == "1 jour"
    assert duration_words(Duration()) == "0 jour"


@settings(max_examples=300, deadline=None)
@given(TREES, st.data())
def test_any_rule_of_the_grammar_gets_words_without_code(tree: Tree,
                                                         data: st.DataObject) -> None:
    """Random rules (every construct, nested, optional events, sums, ISO periods): each
    gets a sentence in both languages, with none of the expression's notation in it."""
    text = render(tree, data.draw)
    langs: tuple[Lang, ...] = ("fr", "en")
    for lang in langs:
        words = deadline_words(text, lang)
        assert words != text
        assert CODE.search(words) is None, (text, words)
        assert re.search(r"\b(?:end of month|end of year)\(", words) is None
        assert words.count("(") == words.count(")"), words


def test_the_inspection_workbook_says_a_rule_in_one_line() -> None:
    from domain.model import RetentionRule
    from storage.export import retention_words

    voc = load_vocabularies()
    assert retention_words(voc, RetentionRule("contract_end + 5 years", "contract_end",
                                              legal_reference="C. trav. L3243-4")) == (
        "Base active jusqu'à la date de fin du contrat. Conservation jusqu'à 5 ans après la "
        "date de fin du contrat. Sort final : Suppression. Référence : C. trav. L3243-4.")
    undetermined = retention_words(voc, RetentionRule(undetermined_criteria="Suit le dossier"))
    assert undetermined.startswith("Durée non déterminable : Suit le dossier")
