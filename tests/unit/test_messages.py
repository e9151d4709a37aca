"""Messages a user reads name things, not codes: categories, fields (gui/messages.py)."""

from __future__ import annotations

from domain.errors import CodedError
from gui.messages import category_words, describe, describe_finding, field_list


def test_a_finding_names_the_category_not_its_code() -> None:
    assert describe_finding("category_without_retention", {"category": "health"}) == \
        "Catégorie « Données de santé » sans durée de conservation"
    assert describe_finding("sensitive_without_art9", {"category": "health"}, "en") == \
        "Sensitive category 'Health data' without an Art. 9 condition"
    # an activity's own category has no name but its code
    assert describe_finding("category_without_retention", {"category": "badges"}) == \
        "Catégorie « badges » sans durée de conservation"


def test_errors_name_the_category_and_the_field() -> None:
    error = CodedError("category.not_in_activity", "x", ref="T-001", value="identity")
    assert describe(error) == "Le traitement T-001 n'a pas de catégorie « État civil »"
    bad = CodedError("check.bad_rule", "x", activity="T-001", category="identity",
                     detail="…")
    assert describe(bad, "en") == "Invalid rule for T-001, Identity: …"
    required = CodedError("field.required", "x", field="delete_after")
    assert describe(required) == "Le champ « fin de conservation » est obligatoire"


def test_fields_of_an_activity_in_words() -> None:
    assert field_list(["dpia", "recipients", "security_measures", "transfers"]) == \
        "analyse d'impact, destinataires, mesure de sécurité, transferts hors UE"
    assert field_list(["purpose", "data_subjects"], "en") == "purpose, data subjects"


def test_category_words() -> None:
    assert category_words("health") == "Données de santé"
    assert category_words("health", "en") == "Health data"
    assert category_words("connection") == "Données de connexion"


def test_an_inventory_without_a_column_for_an_event_names_the_event() -> None:
    error = CodedError("inventory.missing_event", "x", file="/tmp/dpi.csv", row=1,
                       events=("birth", "last_stay"))
    assert describe(error) == (
        "dpi.csv, ligne 1 : aucune colonne pour : date de naissance, date du dernier séjour "
        "(la règle en a besoin ; nommez la colonne comme l'événement ou utilisez --map "
        "ÉVÉNEMENT=COLONNE)")
    assert "no column for: date of birth, date of the last stay" in describe(error, "en")
