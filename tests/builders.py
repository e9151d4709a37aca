"""Activities and entities filled the way a DPO fills them, for tests of every layer."""

from __future__ import annotations

from datetime import date

from domain.model import (
    Contact,
    DataCategoryUse,
    DpiaScreening,
    Entity,
    FinalAction,
    LegalBasis,
    ProcessingActivity,
    Recipient,
    RecipientKind,
    RetentionRule,
    Role,
    Safeguard,
    SecurityMeasure,
    SpecialCondition,
    Transfer,
)

R1112_7 = "min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)"


def entity(name: str = "Centre hospitalier d'Essai") -> Entity:
    return Entity(
        name=name,
        siren="261300000",
        finess="130000001",
        address="1 rue de l'Hôpital, 13000 Essai",
        group="GHT d'Essai",
        dpo=Contact(name="Élise Durand", email="dpo@ch-essai.fr", phone="04 00 00 00 00"),
    )


def full_activity(entity_id: int, ref: str = "SOIN-01") -> ProcessingActivity:
    """An activity with every field filled, complete (100 %) as of 2026-11-01."""
    return ProcessingActivity(
        entity_id=entity_id,
        ref=ref,
        name="Dossier patient informatisé — prise en charge",
        role=Role.CONTROLLER,
        department="Direction des soins",
        owner=Contact(name="Dr Anne Lefèvre", email="dim@ch-essai.fr"),
        purpose="Assurer la prise en charge médicale et paramédicale des patients",
        sub_purposes=("Tenue du dossier médical (R1112-2 CSP)", "Coordination des soins"),
        legal_bases=(LegalBasis("A6-1-e", "Mission de service public hospitalier"),),
        special_conditions=(SpecialCondition("A9-2-h", "Diagnostic et prise en charge"),),
        data_subjects=("Patients", "Ayants droit"),
        data_categories=(
            DataCategoryUse("identity", "Nom, prénom, date de naissance, IPP",
                            retention=RetentionRule(delete_after=R1112_7,
                                                    legal_reference="CSP R1112-7",
                                                    template_id="SANTE-DM-01")),
            DataCategoryUse("health", "Observations, comptes rendus, prescriptions",
                            retention=RetentionRule(delete_after=R1112_7,
                                                    final_action=FinalAction.SORT,
                                                    legal_reference="CSP R1112-7")),
            DataCategoryUse("imaging_metadata", "Métadonnées DICOM", label="Imagerie",
                            retention=RetentionRule(undetermined_criteria="Suit le dossier")),
        ),
        data_sources=("Patient", "Médecin traitant"),
        recipients=(
            Recipient(RecipientKind.INTERNAL, "Équipes de soins"),
            Recipient(RecipientKind.PROCESSOR, "Hébergeur HDS", "Contrat HDS n° 2023-014"),
        ),
        transfers=(Transfer("Éditeur (support)", "CH", Safeguard.ADEQUACY, "Décision 2000/518"),),
        security_measures=(SecurityMeasure("access_control", "Carte CPS"),
                           SecurityMeasure("traceability", "Journal des accès au DPI")),
        systems=("DPI", "PACS"),
        dpia=DpiaScreening(criteria=("sensitive_data", "large_scale", "vulnerable_subjects"),
                           done_on=date(2024, 5, 2), reference="AIPD-2024-03"),
        created_on=date(2020, 1, 6),
        updated_on=date(2026, 3, 1),
        last_reviewed_on=date(2026, 3, 1),
    )
