"""The vocabularies: stable codes, flags, forgiving lookup, validation of the files."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from domain.vocabulary import (
    Term,
    UnknownCodeError,
    Vocabularies,
    Vocabulary,
    VocabularyError,
    _load_vocabulary,
    load_vocabularies,
    normalise_label,
)

EU_27 = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]
EEA_3 = ["IS", "LI", "NO"]
ADEQUACY = [
    "AD",
    "AR",
    "BR",
    "CA",
    "FO",
    "GG",
    "IL",
    "IM",
    "JP",
    "JE",
    "NZ",
    "KR",
    "CH",
    "GB",
    "US",
    "UY",
]
SENSITIVE = [
    "racial_ethnic_origin",
    "political_opinions",
    "religious_beliefs",
    "trade_union",
    "genetic",
    "biometric",
    "health",
    "sex_life",
    "criminal",
]
ORDINARY = [
    "identity",
    "personal_life",
    "professional_life",
    "financial",
    "connection",
    "location",
    "internet",
    "nir",
]


@pytest.fixture(scope="module")
def voc() -> Vocabularies:
    return load_vocabularies()


def _vocabulary(voc: Vocabularies, name: str) -> Vocabulary:
    vocabulary = getattr(voc, name)
    assert isinstance(vocabulary, Vocabulary)
    return vocabulary


# --- stable codes (DESIGN.md "Stable codes" and the brief) ----------------------------------

STABLE_CODES: list[tuple[str, list[str]]] = [
    ("legal_bases", [f"A6-1-{x}" for x in "abcdef"]),
    ("art9_conditions", [*(f"A9-2-{x}" for x in "abcdefghij"), "A10"]),
    ("data_categories", ORDINARY + SENSITIVE),
    (
        "safeguards",
        [
            "adequacy",
            "scc",
            "bcr",
            "code_of_conduct",
            "certification",
            "derogation_49",
            "ad_hoc_clauses",
        ],
    ),
    (
        "security_measures",
        [
            "access_control",
            "traceability",
            "software_protection",
            "backup",
            "encryption",
            "processor_control",
            "other",
            "pseudonymisation",
            "physical_security",
            "staff_awareness",
            "authentication",
            "network_security",
        ],
    ),
    (
        "dpia_criteria",
        [
            "evaluation_scoring",
            "automated_decision",
            "systematic_monitoring",
            "sensitive_data",
            "large_scale",
            "matching_datasets",
            "vulnerable_subjects",
            "innovative_technology",
            "prevents_right",
        ],
    ),
    (
        "recipient_kinds",
        [
            "internal",
            "processor",
            "institutional_partner",
            "commercial_partner",
            "third_country",
            "other",
        ],
    ),
    ("final_actions", ["delete", "anonymise", "archive", "sort", "eliminate_with_visa"]),
    ("roles", ["controller", "processor", "joint"]),
    ("statuses", ["draft", "validated"]),
]


@pytest.mark.parametrize(("name", "codes"), STABLE_CODES, ids=[n for n, _ in STABLE_CODES])
def test_stable_codes_are_exactly_present(voc: Vocabularies, name: str, codes: list[str]) -> None:
    assert set(_vocabulary(voc, name).codes()) == set(codes)


def test_data_categories_keep_the_design_order(voc: Vocabularies) -> None:
    assert voc.data_categories.codes() == tuple(ORDINARY + SENSITIVE)


def test_legal_bases_and_conditions_are_in_article_order(voc: Vocabularies) -> None:
    assert voc.legal_bases.codes() == tuple(f"A6-1-{x}" for x in "abcdef")
    assert voc.art9_conditions.codes() == (*(f"A9-2-{x}" for x in "abcdefghij"), "A10")
    assert voc.legal_bases["A6-1-e"].extra["article"] == "6.1.e"
    assert voc.art9_conditions["A9-2-h"].extra["article"] == "9.2.h"


@pytest.mark.parametrize(
    ("code", "article"),
    [
        ("adequacy", "45"),
        ("scc", "46.2.c"),
        ("bcr", "47"),
        ("code_of_conduct", "46.2.e"),
        ("certification", "46.2.f"),
        ("derogation_49", "49"),
        ("ad_hoc_clauses", "46.3.a"),
    ],
)
def test_safeguard_articles(voc: Vocabularies, code: str, article: str) -> None:
    assert voc.safeguards[code].extra["article"] == article


def test_role_articles(voc: Vocabularies) -> None:
    assert {t.code: t.extra["article"] for t in voc.roles} == {
        "controller": "30.1",
        "processor": "30.2",
        "joint": "26",
    }


def test_dpia_mandatory_types_are_the_14_cnil_types(voc: Vocabularies) -> None:
    types = voc.dpia_mandatory_types
    assert len(types) == 14
    assert (
        types.find(
            "Traitements de données de santé mis en œuvre par les établissements de santé ou les "
            "établissements médico-sociaux pour la prise en charge des personnes"
        )
        is types["health_care_establishments"]
    )
    for term in types:
        criteria = term.extra["criteria"]
        assert isinstance(criteria, tuple) and criteria
        assert all(c in voc.dpia_criteria for c in criteria), term.code


def test_security_measures_cnil_model_flag(voc: Vocabularies) -> None:
    cnil = {t.code for t in voc.security_measures if t.extra["cnil_model"] is True}
    assert cnil == {
        "access_control",
        "traceability",
        "software_protection",
        "backup",
        "encryption",
        "processor_control",
        "other",
    }


# --- every term of every file -------------------------------------------------------------


@pytest.mark.parametrize("name", [f.name for f in fields(Vocabularies)])
def test_every_term_has_french_and_english(voc: Vocabularies, name: str) -> None:
    vocabulary = _vocabulary(voc, name)
    assert vocabulary.name == name
    assert len(vocabulary) > 0
    assert len(set(vocabulary.codes())) == len(vocabulary)
    for term in vocabulary:
        assert term.code and term.code == term.code.strip()
        assert term.fr.strip() and term.en.strip(), term.code
        assert term.label("fr") == term.fr and term.label("en") == term.en
        assert term.label() == term.fr
        assert term.description() == term.description_fr
        assert term.description("en") == term.description_en


# --- sensitive categories -----------------------------------------------------------------


@pytest.mark.parametrize("code", SENSITIVE)
def test_sensitive_categories_flagged(voc: Vocabularies, code: str) -> None:
    assert voc.is_sensitive_category(code)
    assert voc.data_categories[code].extra["highly_personal"] is True
    assert voc.data_categories[code].extra["article"] == ("10" if code == "criminal" else "9")


@pytest.mark.parametrize("code", [*ORDINARY, "custom_badge_photo", ""])
def test_other_categories_not_sensitive(voc: Vocabularies, code: str) -> None:
    assert not voc.is_sensitive_category(code)
    assert voc.category_article(code) is None


def test_criminal_data_is_art10_not_art9(voc: Vocabularies) -> None:
    """Criminal convictions and offences: Art. 10, whose basis is no Art. 9(2) condition."""
    assert voc.category_article("criminal") == "10"
    assert {voc.category_article(c) for c in SENSITIVE if c != "criminal"} == {"9"}
    assert voc.is_art10_condition("A10")
    assert not any(voc.is_art10_condition(f"A9-2-{x}") for x in "abcdefghij")
    assert not voc.is_art10_condition("nope")
    assert voc.art9_conditions.find("Art. 10") == voc.art9_conditions["A10"]


@pytest.mark.parametrize(
    ("code", "highly_personal"),
    [
        ("nir", True),
        ("financial", True),
        ("location", True),
        ("identity", False),
        ("connection", False),
        ("internet", False),
    ],
)
def test_highly_personal(voc: Vocabularies, code: str, highly_personal: bool) -> None:
    assert voc.data_categories[code].extra["highly_personal"] is highly_personal
    assert voc.data_categories[code].extra["article"] is None


# --- countries ----------------------------------------------------------------------------


def test_countries_cover_iso_3166(voc: Vocabularies) -> None:
    assert 249 <= len(voc.countries) <= 251
    for term in voc.countries:
        assert len(term.code) == 2 and term.code.isupper() and term.code.isalpha()
    assert voc.countries["FR"].fr == "France"
    assert voc.countries["DE"].fr == "Allemagne"
    assert voc.countries["GB"].en == "United Kingdom"


def test_eu_and_eea_members(voc: Vocabularies) -> None:
    eu_states = [t.code for t in voc.countries if t.extra["eu"] and "part_of" not in t.extra]
    assert sorted(eu_states) == sorted(EU_27)
    eu_eea_states = [
        t.code for t in voc.countries if t.extra["eu_eea"] and "part_of" not in t.extra
    ]
    assert sorted(eu_eea_states) == sorted(EU_27 + EEA_3)
    for code in EEA_3:
        assert voc.countries[code].extra["eu"] is False


@pytest.mark.parametrize("code", [*EU_27, *EEA_3, "RE", "GP", "YT", "fr", " de "])
def test_eu_eea_adequate(voc: Vocabularies, code: str) -> None:
    assert voc.is_adequate_country(code)


@pytest.mark.parametrize("code", ADEQUACY)
def test_adequacy_countries(voc: Vocabularies, code: str) -> None:
    assert voc.is_adequate_country(code)
    assert voc.is_adequate_country(code.lower())
    adequacy = voc.countries[code].extra["adequacy"]
    assert adequacy is not None
    assert isinstance(adequacy["decision"], str) and adequacy["decision"]  # type: ignore[index]
    assert adequacy["scope"]  # type: ignore[index]


def test_partial_adequacy_scopes(voc: Vocabularies) -> None:
    def scope(code: str) -> object:
        adequacy = voc.countries[code].extra["adequacy"]
        return adequacy["scope"]  # type: ignore[index]

    assert scope("US") == "certified organisations"
    assert scope("CA") == "commercial"
    assert scope("CH") == "full"


@pytest.mark.parametrize("code", ["CN", "IN", "RU", "AU", "MA", "TN", "NC", "PF", "GL", "XX", ""])
def test_not_adequate(voc: Vocabularies, code: str) -> None:
    assert not voc.is_adequate_country(code)


def test_no_country_is_both_eu_and_adequacy(voc: Vocabularies) -> None:
    for term in voc.countries:
        assert not (term.extra["eu_eea"] and term.extra["adequacy"] is not None), term.code


# --- find ---------------------------------------------------------------------------------

FIND_CASES: list[tuple[str, str, str | None]] = [
    ("data_categories", "Données de santé", "health"),
    ("data_categories", "donnees de sante", "health"),
    ("data_categories", "HEALTH", "health"),
    ("data_categories", "  health  ", "health"),
    ("data_categories", "Données concernant la santé", "health"),
    ("data_categories", "Data concerning health", "health"),
    ("data_categories", "Etat civil, identite, donnees d'identification, images...", "identity"),
    (
        "data_categories",
        "Donnees relatives a des condamnations penales ou  infractions",
        "criminal",
    ),
    (
        "data_categories",
        "Données révélant les convictions religieuses ou philosophiques\xa0",
        "religious_beliefs",
    ),
    ("data_categories", "Données de connexion (adress IP, logs, etc.)", "connection"),
    ("data_categories", "NUMERO DE SECURITE SOCIALE (OU NIR)", "nir"),
    ("data_categories", "Infractions, condamnations, mesures de sûreté", "criminal"),
    ("data_categories", "professional life", "professional_life"),
    ("legal_bases", "Consentement", "A6-1-a"),
    ("legal_bases", "a6-1-c", "A6-1-c"),
    ("legal_bases", "Intérêt légitime", "A6-1-f"),
    ("legal_bases", "mission d’interet public", "A6-1-e"),
    ("legal_bases", "Legal obligation", "A6-1-c"),
    ("art9_conditions", "Santé publique", "A9-2-i"),
    ("safeguards", "Clauses contractuelles types (CCT)", "scc"),
    ("safeguards", "Regles d'entreprise contraignantes (BCR)", "bcr"),
    ("safeguards", "Dérogations (art 49)", "derogation_49"),
    ("safeguards", "Pays adéquat", "adequacy"),
    ("safeguards", "Privacy shield", None),
    ("security_measures", "Controle d'acces des utilisateurs", "access_control"),
    ("security_measures", "Autres mesures (à préciser)", "other"),
    ("recipient_kinds", "Service interne qui traite les données", "internal"),
    ("recipient_kinds", "Autre (Préciser)", "other"),
    (
        "recipient_kinds",
        "Destinataires dans des pays tiers ou organisations internationales",
        "third_country",
    ),
    ("countries", "fr", "FR"),
    ("countries", "Etats-Unis", "US"),
    ("countries", "Royaume-Uni", "GB"),
    ("countries", "United Kingdom", "GB"),
    ("countries", "Iles FEROE", "FO"),
    ("countries", "Ile de Man", "IM"),
    ("countries", "Corée du Sud", "KR"),
    ("countries", "Republic of Korea", "KR"),
    ("countries", "Russian Federation", "RU"),
    ("countries", "Côte d’Ivoire", "CI"),
    ("countries", "Allemagne", "DE"),
    ("roles", "Responsable du traitement", "controller"),
    ("final_actions", "Anonymisation", "anonymise"),
    ("statuses", "validée", "validated"),
    ("data_categories", "", None),
    ("data_categories", "   ", None),
    ("data_categories", "...", None),
    ("data_categories", "Données de santé mentale", None),
    ("countries", "Atlantis", None),
]


@pytest.mark.parametrize(("name", "text", "code"), FIND_CASES)
def test_find(voc: Vocabularies, name: str, text: str, code: str | None) -> None:
    term = _vocabulary(voc, name).find(text)
    assert (term.code if term else None) == code


def test_find_restricted_to_a_language(voc: Vocabularies) -> None:
    assert voc.legal_bases.find("Consent", lang="fr") is None
    assert voc.legal_bases.find("Consent", lang="en") is voc.legal_bases["A6-1-a"]
    assert voc.legal_bases.find("A6-1-a", lang="en") is voc.legal_bases["A6-1-a"]  # code: any lang


def test_every_label_finds_its_own_term(voc: Vocabularies) -> None:
    for field_ in fields(Vocabularies):
        vocabulary = _vocabulary(voc, field_.name)
        for term in vocabulary:
            for lang in ("fr", "en"):
                found = vocabulary.find(term.label(lang), lang=lang)
                assert found is term, (field_.name, term.code, lang)


def test_cnil_model_lists_resolve(voc: Vocabularies) -> None:
    """Every dropdown value and category row of the CNIL model register is understood."""
    safeguards = [
        "Clauses contractuelles types (CCT)",
        "Règles d'entreprise contraignantes (BCR)",
        "Pays adéquat",
        "Code de conduite",
        "Certification",
        "Dérogations (art 49)",
    ]
    recipients = [
        "Service interne qui traite les données",
        "Sous-traitants",
        "Destinataires dans des pays tiers ou organisations internationales",
        "Partenaires institutionnels ou commerciaux",
        "Autre (Préciser)",
    ]
    measures = [
        "Mesures de traçabilité",
        "Mesures de protection des logiciels",
        "Sauvegarde des données",
        "Chiffrement des données",
        "Contrôle d'accès des utilisateurs",
        "Contrôle des sous-traitants",
        "Autres mesures (à préciser)",
    ]
    countries = [
        "Andorre",
        "Argentine",
        "Canada",
        "Guernesey",
        "Israël",
        "Jersey",
        "Nouvelle-Zélande",
        "Suisse",
        "Uruguay",
        "Biélorussie",
        "Birmanie",
        "Hong-Kong",
        "Kirghizstan",
        "Kosovo",
        "Macédoine",
        "Rép. dém. du Congo",
        "Swaziland",
        "Timor oriental",
        "Viêt Nam",
        "Japon",
    ]
    for vocabulary, texts in (
        (voc.safeguards, safeguards),
        (voc.recipient_kinds, recipients),
        (voc.security_measures, measures),
        (voc.countries, countries),
    ):
        for text in texts:
            assert vocabulary.find(text) is not None, (vocabulary.name, text)


@pytest.mark.parametrize(
    ("text", "key"),
    [("  Données  de santé…\xa0", "donnees de sante"), ("L’intérêt", "l interet"), ("", "")],
)
def test_normalise_label(text: str, key: str) -> None:
    assert normalise_label(text) == key


# --- errors and read-only -----------------------------------------------------------------


def test_unknown_code_raises(voc: Vocabularies) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        voc.legal_bases["A6-1-z"]
    assert caught.value.code == "vocabulary.unknown_code"
    assert caught.value.vocabulary == "legal_bases"
    assert caught.value.value == "A6-1-z"
    assert "A6-1-z" in str(caught.value) and "legal_bases" in str(caught.value)
    assert isinstance(caught.value, KeyError)


def test_get_and_contains(voc: Vocabularies) -> None:
    assert voc.data_categories.get("health") is voc.data_categories["health"]
    assert voc.data_categories.get("nope") is None
    assert "health" in voc.data_categories
    assert "HEALTH" not in voc.data_categories  # codes are exact; find() is the forgiving one
    assert 3 not in voc.data_categories
    assert [t.code for t in voc.statuses] == ["draft", "validated"]


def test_terms_are_read_only(voc: Vocabularies) -> None:
    term = voc.countries["US"]
    with pytest.raises(TypeError):
        term.extra["eu_eea"] = True  # type: ignore[index]
    with pytest.raises(AttributeError):
        term.code = "XX"  # type: ignore[misc]
    assert isinstance(term.extra["aliases_en"], tuple)
    adequacy = term.extra["adequacy"]
    with pytest.raises(TypeError):
        adequacy["scope"] = "full"  # type: ignore[index]
    assert hash(term) == hash(voc.countries["US"])


def test_term_built_in_code_gets_frozen_extra() -> None:
    term = Term("x", "X fr", "X en", extra={"a": [1, {"b": 2}]})
    assert term.extra["a"] == (1, {"b": 2})
    with pytest.raises(TypeError):
        term.extra["a"] = 1  # type: ignore[index]


def test_load_is_cached() -> None:
    assert load_vocabularies() is load_vocabularies()


def _write(tmp_path: Path, content: object | str) -> Path:
    path = tmp_path / "broken.json"
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


OK = {"code": "a", "fr": "A", "en": "A"}
BROKEN: list[tuple[str, object | str, str, int | None]] = [
    ("bad json", '{"version": 1, "terms": [', "invalid JSON", None),
    ("not an object", [OK], "JSON object", None),
    ("wrong version", {"version": 2, "terms": [OK]}, "version", None),
    ("no terms", {"version": 1}, "terms", None),
    ("empty terms", {"version": 1, "terms": []}, "terms", None),
    ("term not object", {"version": 1, "terms": [OK, "b"]}, "JSON object", 1),
    ("missing code", {"version": 1, "terms": [OK, {"fr": "B", "en": "B"}]}, "'code'", 1),
    ("empty fr", {"version": 1, "terms": [OK, {"code": "b", "fr": " ", "en": "B"}]}, "'fr'", 1),
    (
        "missing en",
        {"version": 1, "terms": [OK, OK | {"code": "c"}, {"code": "b", "fr": "B"}]},
        "'en'",
        2,
    ),
    ("en not str", {"version": 1, "terms": [{"code": "b", "fr": "B", "en": 3}]}, "'en'", 0),
    ("duplicate", {"version": 1, "terms": [OK, OK]}, "duplicate code 'a'", 1),
    ("bad aliases", {"version": 1, "terms": [OK | {"aliases_fr": "x"}]}, "aliases_fr", 0),
    ("spaces in code", {"version": 1, "terms": [OK | {"code": " a"}]}, "spaces", 0),
]


@pytest.mark.parametrize(("case", "content", "reason", "index"), BROKEN, ids=[b[0] for b in BROKEN])
def test_malformed_file_raises_vocabulary_error(
    tmp_path: Path, case: str, content: object | str, reason: str, index: int | None
) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(VocabularyError) as caught:
        _load_vocabulary(path, "broken")
    error = caught.value
    assert error.code == "vocabulary.invalid"
    assert str(path) in str(error) and error.file == str(path)
    assert reason in str(error)
    assert error.index == index
    if index is not None:
        assert f"term {index}" in str(error)


def test_missing_file_raises_vocabulary_error(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match=r"nothing\.json"):
        _load_vocabulary(tmp_path / "nothing.json", "nothing")


def test_valid_tmp_file_loads(tmp_path: Path) -> None:
    path = _write(tmp_path, {"version": 1, "terms": [OK | {"description_fr": "d", "k": 1}]})
    vocabulary = _load_vocabulary(path, "mine")
    assert vocabulary.name == "mine" and vocabulary.codes() == ("a",)
    assert vocabulary["a"].description_fr == "d" and vocabulary["a"].extra == {"k": 1}


def test_retention_statuses_are_the_checks_statuses_in_order() -> None:
    from domain.check import STATUS_ORDER

    voc = load_vocabularies()
    assert voc.retention_statuses.codes() == tuple(s.value for s in STATUS_ORDER)
    assert voc.retention_statuses["overdue"].label("fr") == "En retard"
