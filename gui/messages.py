"""The words a user reads for each error code, in French and English.

Pure Python (no Qt): the command line and the window both say errors through
``describe(error, lang)``. Templates use the error's ``params``; a missing parameter leaves
its placeholder visible rather than failing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from domain.errors import RegistreError
from domain.rules.wording import event_label
from domain.vocabulary import load_vocabularies

Lang = Literal["fr", "en"]

FIELD_NAMES: Mapping[str, tuple[str, str]] = {
    "ref": ("référence", "reference"),
    "name": ("nom", "name"),
    "legal_bases": ("base légale", "legal basis"),
    "special_conditions": ("condition de l'article 9", "Art. 9 condition"),
    "data_categories": ("catégorie de données", "data category"),
    "data_categories.label": ("libellé de la catégorie", "category label"),
    "security_measures": ("mesure de sécurité", "security measure"),
    "dpia.criteria": ("critère d'AIPD", "DPIA criterion"),
    "dpia.mandatory_type": ("type d'AIPD obligatoire", "mandatory DPIA type"),
    "recipients.name": ("nom du destinataire", "recipient name"),
    "recipients.country": ("pays du destinataire", "recipient country"),
    "transfers.recipient": ("destinataire du transfert", "transfer recipient"),
    "transfers.country": ("pays du transfert", "transfer country"),
    "role": ("rôle", "role"),
    "siren": ("SIREN", "SIREN"),
    "finess": ("FINESS", "FINESS"),
    "delete_after": ("fin de conservation", "end of retention"),
    "active_until": ("fin de la phase active", "end of the active phase"),
    # the other fields of an activity, as an edit names them ("la modification de T-001
    # (finalité, destinataires)")
    "department": ("service", "department"),
    "owner": ("responsable opérationnel", "operational owner"),
    "purpose": ("finalité", "purpose"),
    "sub_purposes": ("sous-finalités", "sub-purposes"),
    "data_subjects": ("personnes concernées", "data subjects"),
    "data_sources": ("sources des données", "data sources"),
    "recipients": ("destinataires", "recipients"),
    "transfers": ("transferts hors UE", "transfers outside the EU"),
    "systems": ("logiciels et systèmes", "software and systems"),
    "dpia": ("analyse d'impact", "DPIA"),
    "joint_controllers": ("responsables conjoints", "joint controllers"),
    "controllers_acted_for": ("responsables pour le compte desquels on agit",
                              "controllers acted for"),
    "notes": ("notes", "notes"),
    # people's requests and breaches
    "received": ("date de réception", "date received"),
    "kind": ("type de demande", "kind of request"),
    "outcome": ("réponse", "outcome"),
    "authority": ("autorité", "authority"),
    "title": ("titre", "title"),
    "aware": ("prise de connaissance", "awareness"),
    "people": ("nombre de personnes concernées", "number of people concerned"),
    "records": ("nombre d'enregistrements concernés", "number of records concerned"),
    "nature": ("nature de la violation", "nature of the breach"),
    "older_than_5_years": ("informations de plus de cinq ans",
                           "information more than five years old"),
}

WHAT: Mapping[str, tuple[str, str]] = {
    "activity": ("le traitement", "activity"),
    "entity": ("l'entité", "entity"),
    "request": ("la demande", "request"),
    "breach": ("la violation", "breach"),
}

TEMPLATES: Mapping[str, tuple[str, str]] = {
    "field.required": ("le champ « {field} » est obligatoire", "the field '{field}' is required"),
    "field.unknown": ("champ inconnu : {field}", "unknown field: {field}"),
    "code.unknown": (
        "code inconnu « {value} » pour {field} (codes possibles : {allowed})",
        "unknown code '{value}' for {field} (allowed: {allowed})",
    ),
    "code.duplicate": (
        "« {value} » figure deux fois dans {field}", "'{value}' appears twice in {field}"
    ),
    "category.code": (
        "le code de catégorie « {value} » doit être en minuscules_avec_soulignés",
        "the category code '{value}' must be snake_case",
    ),
    "activity.ref": (
        "la référence « {value} » est invalide (40 caractères au plus, sans espace autour)",
        "the reference '{value}' is invalid (at most 40 characters, no surrounding spaces)",
    ),
    "activity.incomplete": (
        "le traitement {ref} ne peut pas être validé : {findings}",
        "activity {ref} cannot be validated: {findings}",
    ),
    "entity.siren": ("un numéro SIREN a 9 chiffres : « {value} »",
                     "a SIREN number has 9 digits: '{value}'"),
    "entity.finess": ("un numéro FINESS a 9 caractères : « {value} »",
                      "a FINESS number has 9 characters: '{value}'"),
    "register.not_found": ("{what} « {key} » n'existe pas", "no {what} '{key}'"),
    "register.duplicate": ("{what} « {key} » existe déjà", "{what} '{key}' already exists"),
    "register.conflict": (
        "{what} « {key} » a été modifié par quelqu'un d'autre depuis son ouverture ; "
        "rechargez-le avant d'enregistrer",
        "{what} '{key}' was changed by someone else since it was opened; reload it before "
        "saving",
    ),
    "register.ambiguous": (
        "la référence « {key} » existe dans plusieurs entités ({entities}) : précisez --entity",
        "reference '{key}' exists in several entities ({entities}): give --entity",
    ),
    "storage.not_a_file": ("{path} est un dossier, pas un registre",
                           "{path} is a folder, not a register"),
    "storage.no_folder": ("le dossier de {path} n'existe pas",
                          "the folder of {path} does not exist"),
    "storage.not_a_register": ("{path} n'est pas un registre Registre",
                               "{path} is not a Registre database"),
    "storage.too_new": (
        "{path} a été enregistré par une version plus récente de Registre",
        "{path} was saved by a newer version of Registre",
    ),
    "storage.driver_missing": (
        "aucun pilote de base de données installé pour {driver} ({path})",
        "no database driver installed for {driver} ({path})"),
    "storage.unavailable": ("impossible d'ouvrir {path} : {detail}",
                            "cannot open {path}: {detail}"),
    "storage.exists": (
        "{path} contient déjà un registre : il n'est pas remplacé",
        "{path} already holds a register: it is not replaced",
    ),
    "rule.syntax": ("règle : « {word} » inattendu à la position {position} (attendu : "
                    "{expected})", "unexpected '{word}' at {position}, expected {expected}"),
    "rule.empty": ("la règle est vide", "empty rule"),
    "rule.unexpected_end": ("règle incomplète à la position {position} (attendu : {expected})",
                            "unexpected end of rule at {position}, expected {expected}"),
    "rule.invalid_character": ("règle : caractère « {word} » invalide à la position {position}",
                               "invalid character '{word}' at {position}"),
    "rule.unknown_unit": ("règle : unité « {word} » inconnue à la position {position} "
                          "(ans, mois, semaines, jours)", "unknown unit '{word}' at {position}"),
    "rule.invalid_duration": ("règle : durée « {word} » invalide à la position {position}",
                              "invalid duration '{word}' at {position}"),
    "rule.number_too_large": ("règle : nombre « {word} » trop grand à la position {position}",
                              "number '{word}' at {position} is too large"),
    "rule.unknown_function": (
        "règle : fonction « {word} » inconnue à la position {position} (max, min, "
        "end_of_month, end_of_year)", "unknown function '{word}' at {position}"),
    "rule.arity": ("règle : mauvais nombre d'arguments pour « {word} » à la position "
                   "{position}", "function '{word}' at {position} takes {expected} argument(s)"),
    "rule.invalid_event_name": (
        "règle : nom d'événement « {word} » invalide à la position {position} (minuscules_"
        "avec_soulignés)", "invalid event name '{word}' at {position}"),
    "rule.too_deep": ("règle trop imbriquée à la position {position}",
                      "rule nested too deeply at {position}"),
    "rule.unknown_event": ("règle : événement « {word} » inconnu à la position {position}",
                           "unknown event '{word}' at {position}"),
    "rule.date_out_of_range": (
        "règle : date hors limites en appliquant « {word} » à la position {position}",
        "date out of range when applying '{word}' at {position}"),
    "template.unknown": ("modèle de règle inconnu : « {template_id} »",
                         "unknown rule template: '{template_id}'"),
    "category.not_in_activity": ("le traitement {ref} n'a pas de catégorie « {category} »",
                                 "activity {ref} has no category '{category}'"),
    "hold.dates": ("un gel juridique se termine après son début ({start} → {value})",
                   "a hold ends after it starts ({start} -> {value})"),
    "check.bad_rule": ("règle invalide pour {activity}, {category} : {detail}",
                       "invalid rule for {activity}, {category}: {detail}"),
    "check.cancelled": ("contrôle annulé", "check cancelled"),
    "json.unknown_field": ("champ inconnu : {field}", "unknown field: {field}"),
    "json.type": ("{field} : {value} n'est pas du type attendu",
                  "{field}: expected {expected}, got {value}"),
    "json.missing_field": ("champ manquant : {field}", "missing field: {field}"),
    "date.invalid": ("{field} : « {value} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)",
                     "{field}: '{value}' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    "export.suffix": ("{file} : le classeur d'inspection est un fichier .xlsx",
                      "{file}: the inspection workbook is an .xlsx file"),
    "export.no_folder": ("{file} : le dossier n'existe pas", "{file}: no such folder"),
    "export.write": ("impossible d'écrire {file} : {detail}", "cannot write {file}: {detail}"),
    "pdf.suffix": ("{file} : le nom d'un fichier PDF finit par .pdf",
                   "{file}: a PDF file name ends in .pdf"),
    "pdf.no_folder": ("{file} : le dossier n'existe pas", "{file}: no such folder"),
    "storage.locked": (
        "{path} est ouvert par {user} sur {host} (processus {pid}, depuis {since}) : "
        "modification refusée ; fermez-le puis réessayez",
        "{path} is open by {user} on {host} (process {pid}, since {since}): change refused; "
        "close it and try again"),
    "storage.open_elsewhere": (
        "{path} est déjà ouvert par {user} sur {host} (processus {pid}, depuis {since}). "
        "Vous pouvez le consulter ; une modification qui entrerait en conflit avec les siennes "
        "sera refusée, jamais écrasée",
        "{path} is already open by {user} on {host} (process {pid}, since {since}). You can "
        "read it; a change that would conflict with theirs is refused, never overwritten"),
    "storage.locked_upgrade": (
        "{path} doit être mis à jour mais il est ouvert par {user} sur {host} (processus "
        "{pid}, depuis {since}) ; fermez-le puis réessayez",
        "{path} needs an upgrade but is open by {user} on {host} (process {pid}, since "
        "{since}); close it and try again"),
    "storage.corrupt": (
        "{path} est endommagé ({detail}) ; rien n'a été modifié. Restaurez une sauvegarde : "
        "registre backup list, puis registre backup restore --latest",
        "{path} is damaged ({detail}); nothing was changed. Restore a backup: registre "
        "backup list, then registre backup restore --latest"),
    "backup.none": ("aucune sauvegarde de {path}", "no backup of {path}"),
    "backup.not_found": ("aucune sauvegarde « {name} » de {path} (voir registre backup list)",
                         "no backup '{name}' of {path} (see registre backup list)"),
    "backup.damaged": ("la sauvegarde {name} est endommagée ({detail}) : rien n'a été "
                       "restauré", "backup {name} is damaged ({detail}): nothing restored"),
    "backup.in_use": ("{path} est ouvert dans ce programme : fermez-le avant de restaurer",
                      "{path} is open in this program: close it before restoring"),
    "backup.not_sqlite": (
        "{path} n'est pas un fichier SQLite : les sauvegardes d'un registre PostgreSQL se font "
        "avec pg_dump", "{path} is not a SQLite file: back a PostgreSQL register up with "
        "pg_dump"),
    # people's requests and breaches (issue 16)
    "datetime.invalid": (
        "{field} : « {value} » n'est pas une date et une heure (AAAA-MM-JJ HH:MM, "
        "JJ/MM/AAAA HH:MM ou ISO 8601 avec son décalage)",
        "{field}: '{value}' is not a date and time (YYYY-MM-DD HH:MM, DD/MM/YYYY HH:MM or "
        "ISO 8601 with its offset)"),
    "datetime.nonexistent": (
        "{field} : « {value} » n'existe pas à Paris (heure sautée au passage à l'heure d'été)",
        "{field}: '{value}' does not exist in Paris (skipped when the clocks went forward)"),
    "datetime.ambiguous": (
        "{field} : « {value} » a eu lieu deux fois à Paris (passage à l'heure d'hiver) ; "
        "précisez le décalage, +02:00 ou +01:00",
        "{field}: '{value}' happened twice in Paris (the clocks went back); give the "
        "offset, +02:00 or +01:00"),
    "request.future": ("{field} : le {value} est dans le futur",
                       "{field}: {value} is in the future"),
    "request.medical_not_access": (
        "une demande de dossier médical est une demande d'accès",
        "a medical-record request is a request for access"),
    "request.older_without_medical": (
        "« informations de plus de cinq ans » ne vaut que pour un dossier médical",
        "'information more than five years old' applies to a medical record only"),
    "request.pause_dates": ("une suspension se termine après son début ({start} → {value})",
                            "a pause ends after it starts ({start} -> {value})"),
    "request.pause_before_receipt": (
        "une suspension commence après la réception de la demande (reçue le {received})",
        "a pause starts after the request was received (received on {received})"),
    "request.closed": ("la demande {id} est close depuis le {closed_on} : elle ne change plus",
                       "request {id} was closed on {closed_on}: it no longer changes"),
    "request.already_extended": ("le délai de la demande {id} est déjà prolongé",
                                 "request {id} is already extended"),
    "request.medical_extension": (
        "le délai d'accès au dossier médical (art. L1111-7 CSP) ne se prolonge pas",
        "the time limit for access to a medical record (CSP L1111-7) cannot be extended"),
    "request.refusal_reason": ("un refus, même partiel, est motivé : indiquez le motif",
                               "a refusal, even partial, gives its reason: give it"),
    "request.close_before_receipt": (
        "une demande reçue le {received} ne peut pas être close le {value}",
        "a request received on {received} cannot be closed on {value}"),
    "breach.future": ("{field} : {value} est dans le futur", "{field}: {value} is in the future"),
    "breach.before_awareness": (
        "{field} : {value} précède la prise de connaissance de la violation ({aware})",
        "{field}: {value} is before the breach became known ({aware})"),
    "breach.closed": ("la violation {id} est close depuis le {closed_at} : elle ne change plus",
                      "breach {id} was closed on {closed_at}: it no longer changes"),
    "breach.negative": ("{field} : un nombre ne peut pas être négatif ({value})",
                        "{field}: a number cannot be negative ({value})"),
    "breach.notify_what": ("indiquez la date et l'heure, ou le motif, pas les deux",
                           "give the date and time, or the reason, not both"),
    "breach.complement_not_needed": (
        "une notification complémentaire ({authority}) a une date et une heure",
        "a complementary notification to the {authority} has a date and time"),
    "breach.complement_first": (
        "une notification complémentaire ({authority}) suit la notification initiale, "
        "qui n'est pas enregistrée",
        "a complementary notification follows the initial notification to the {authority}, "
        "which is not recorded"),
    "breach.complement_before": (
        "la notification complémentaire ({value}) précède la notification initiale "
        "({authority}, {initial})",
        "the complementary notification ({value}) is before the initial notification to the "
        "{authority} ({initial})"),
    "breach.already_notified": (
        "la notification initiale ({authority}) ou le motif de ne pas notifier est déjà "
        "enregistré ; une suivante est complémentaire",
        "the initial notification to the {authority} (or the reason not to notify) is already "
        "recorded; a further one is complementary"),
    "breach.already_informed": (
        "l'information des personnes (ou le motif de ne pas les informer) est déjà "
        "enregistrée", "informing the people (or the reason not to) is already recorded"),
    "breach.close_without_cnil": (
        "avant de clore la violation {id}, enregistrez sa notification à la CNIL ou le motif "
        "de ne pas la notifier (art. 33)",
        "before closing breach {id}, record its notification to the CNIL or the reason not "
        "to notify it (Art. 33)"),
    "breach.close_without_informing": (
        "avant de clore la violation {id}, enregistrez l'information des personnes ou le "
        "motif de ne pas les informer (art. 34)",
        "before closing breach {id}, record that the people were informed or the reason "
        "not to inform them (Art. 34)"),
}


FINDINGS: Mapping[str, tuple[str, str]] = {
    "no_purpose": ("Finalité non renseignée", "No purpose"),
    "no_legal_basis": ("Aucune base légale (art. 6)", "No legal basis (Art. 6)"),
    "no_data_subjects": ("Personnes concernées non renseignées", "No data subjects"),
    "no_data_categories": ("Catégories de données non renseignées", "No data categories"),
    "sensitive_without_art9": (
        "Donnée sensible « {category} » sans condition de l'article 9",
        "Sensitive category '{category}' without an Art. 9 condition",
    ),
    "criminal_without_art10": (
        "Données pénales « {category} » sans base de l'article 10 (l'autorité publique ou le "
        "texte qui autorise le traitement)",
        "Criminal data '{category}' without an Art. 10 basis (the official authority or the "
        "law that authorises the processing)",
    ),
    "category_without_retention": (
        "Catégorie « {category} » sans durée de conservation",
        "Category '{category}' has no retention rule",
    ),
    "retention_imported_text": (
        "Catégorie « {category} » : la durée indiquée par l'import (« {text} ») n'est pas "
        "une règle calculable ; écrivez la règle de conservation",
        "Category '{category}': the retention given by the import ('{text}') is not a "
        "computable rule; write the retention rule",
    ),
    "transfer_without_safeguard": (
        "Transfert vers {country} ({recipient}) sans garantie appropriée",
        "Transfer to {country} ({recipient}) without an appropriate safeguard",
    ),
    "processor_without_contract": (
        "Sous-traitant « {recipient} » sans référence de contrat (art. 28)",
        "Processor '{recipient}' without a contract reference (Art. 28)",
    ),
    "dpia_required_not_done": ("AIPD requise mais non réalisée", "DPIA required but not done"),
    "no_security_measures": ("Aucune mesure de sécurité décrite", "No security measure"),
    "joint_without_partners": (
        "Responsables conjoints non désignés", "Joint controllers not named"
    ),
    "processor_without_controllers": (
        "Responsables de traitement pour le compte desquels on agit non désignés",
        "Controllers acted for not named",
    ),
    "review_overdue": ("Dernière revue il y a plus de 12 mois",
                       "Last review more than 12 months ago"),
}


def describe_finding(code: str, params: Mapping[str, object], lang: Lang = "fr") -> str:
    template = FINDINGS.get(code)
    if template is None:
        return code
    values = _Keep({k: _param(k, v, lang) for k, v in params.items()})
    return template[0 if lang == "fr" else 1].format_map(values)


def category_words(code: str, lang: Lang = "fr") -> str:
    """A data category in a few words where its code would be said (« Données de santé »
    for ``health``): its first short name, else its label without the examples in
    brackets; an activity's own category (not in the vocabulary) by its code."""
    term = load_vocabularies().data_categories.get(code)
    if term is None:
        return code
    short = next((a for a in term.aliases(lang) if "(" not in a), "")
    return short or term.label(lang).split(" (")[0]


def field_list(names: Iterable[str], lang: Lang = "fr") -> str:
    """Fields of an activity in words, in the order given ("finalité, destinataires")."""
    index = 0 if lang == "fr" else 1
    return ", ".join(FIELD_NAMES[n][index] if n in FIELD_NAMES else n for n in names)


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _param(key: str, value: object, lang: Lang) -> object:
    index = 0 if lang == "fr" else 1
    if key == "category" and isinstance(value, str):
        return category_words(value, lang)
    if key == "field" and isinstance(value, str) and value in FIELD_NAMES:
        return FIELD_NAMES[value][index]
    if key == "what" and isinstance(value, str) and value in WHAT:
        return WHAT[value][index]
    return value


def translate(code: str, params: Mapping[str, object], lang: Lang = "fr",
              fallback: str = "") -> str:
    template = TEMPLATES.get(code)
    if template is None:
        return fallback or code
    text = template[0 if lang == "fr" else 1]
    if code == "category.not_in_activity":  # its value is a category's code
        params = {**params, "category": params.get("value", "")}
    values = _Keep({k: _param(k, v, lang) for k, v in params.items()})
    message = text.format_map(values)
    return message[0].upper() + message[1:] if message else message


# Errors about a place in a file: said after "file, sheet, row, column: ".
LOCATED: Mapping[str, tuple[str, str]] = {
    "inventory.empty": ("le fichier est vide ou sans en-tête",
                        "the file is empty or has no header"),
    "inventory.encoding": ("le texte ne peut pas être lu en {encoding}",
                           "the text cannot be read as {encoding}"),
    "inventory.malformed": ("CSV mal formé", "malformed CSV"),
    "inventory.not_a_workbook": ("ce n'est pas un classeur Excel ou OpenDocument lisible",
                                 "not a readable Excel or OpenDocument workbook"),
    "inventory.unreadable": ("le fichier ne peut pas être lu", "the file cannot be read"),
    "inventory.too_large": ("refusé : le classeur se décompresse démesurément (bombe zip ?) "
                            "({detail})", "refused: the workbook inflates out of all "
                            "proportion (a zip bomb?) ({detail})"),
    "inventory.unknown_column": ("aucune colonne « {column} »", "no column '{column}'"),
    "inventory.missing_id_column": ("la première colonne (identifiants) n'a pas d'en-tête",
                                    "the first column (record ids) has no header"),
    "inventory.invalid_event": ("« {event} » n'est pas un nom d'événement "
                                "(minuscules_avec_soulignés)", "'{event}' is not an event name"),
    "inventory.missing_event": (
        "aucune colonne pour : {events} (la règle en a besoin ; nommez la colonne comme "
        "l'événement ou utilisez --map ÉVÉNEMENT=COLONNE)",
        "no column for: {events} (the rule needs it; name a column after the event, or use "
        "--map EVENT=COLUMN)"),
    "inventory.too_many_events": ("trop de colonnes de dates (8 au plus)",
                                  "too many date columns (at most 8)"),
    "inventory.invalid_date": ("« {value} » n'est pas une date valide",
                               "'{value}' is not a valid date"),
    "inventory.invalid_stage": ("« {value} » n'est pas une étape (actif ou archive)",
                                "'{value}' is not a stage (active or archive)"),
    "inventory.empty_id": ("identifiant vide", "empty record id"),
    "inventory.duplicate_id": ("l'identifiant « {value} » figure déjà à la ligne {first_row}",
                               "the record id '{value}' is already in row {first_row}"),
    "inventory.cancelled": ("chargement annulé ; rien n'a été modifié",
                            "loading cancelled; nothing changed"),
    "import.unreadable": ("le fichier ne peut pas être lu ({detail})",
                          "the file cannot be read ({detail})"),
    "import.empty": ("le fichier est vide", "the file is empty"),
    "import.too_large": ("le fichier est trop volumineux ({detail})",
                         "the file is too large ({detail})"),
    "import.not_a_workbook": (
        "ce n'est pas un classeur lisible : son contenu ne correspond pas à son extension",
        "not a readable workbook: its content does not match its extension"),
    "import.unsupported": ("type de fichier non pris en charge (.xlsx, .xls, .ods, .fods, "
                           ".csv)", "unsupported file type (.xlsx, .xls, .ods, .fods, .csv)"),
    "import.encoding": ("le texte ne peut pas être lu (encodage non reconnu)",
                        "the text cannot be read (unknown encoding)"),
    "import.malformed": ("CSV mal formé", "malformed CSV"),
    "import.unsafe_xml": ("refusé : le XML déclare des entités ou une DTD (risque de bombe "
                          "XML)", "refused: the XML declares entities or a DTD (XML bomb risk)"),
    "import.no_register": (
        "aucun registre trouvé (attendu : une colonne « Nom du traitement » ou « Label » et "
        "une autre comme « N° / RÉF », « Finalité » ou « Base légale », ou des fiches du "
        "modèle CNIL)",
        "no register found (expected a column 'Nom du traitement' or 'Label' and another "
        "such as 'N° / RÉF', 'Purpose' or 'Legal basis', or CNIL fiches)"),
    "import.bad_date": ("« {value} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)",
                        "'{value}' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    "import.bad_data": ("données de la feuille _registre endommagées ({detail})",
                        "damaged data in the _registre sheet ({detail})"),
    "import.unknown_country": ("pays inconnu « {value} »", "unknown country '{value}'"),
    "import.bad_value": ("valeur non reconnue « {value} »", "value not recognised: '{value}'"),
    "import.invalid_activity": ("traitement « {ref} » refusé : {detail}",
                                "activity '{ref}' refused: {detail}"),
}


def _location(params: Mapping[str, object], lang: Lang) -> str:
    words = (("feuille", "ligne", "colonne") if lang == "fr" else ("sheet", "row", "column"))
    parts = [Path(str(params["file"])).name] if params.get("file") else []
    for key, word in zip(("sheet", "row", "column"), words, strict=True):
        value = params.get(key)
        if value not in (None, ""):
            parts.append(f"{word} {value}")
    return ", ".join(parts)


# Warnings of an import (storage.import_layouts.ImportWarning): said with their place.
IMPORT_WARNINGS: Mapping[str, tuple[str, str]] = {
    "import.warn.recipient_kind": (
        "type de destinataire « {value} » non reconnu : enregistré comme « autre »",
        "recipient type '{value}' not recognised: recorded as 'other'"),
    "import.warn.actor_differs": (
        "{role} « {value} » différent de celui de {first} (« {kept} ») : le registre garde "
        "ce dernier", "{role} '{value}' differs from {first}'s ('{kept}'): the register keeps "
        "the latter"),
    "import.warn.safeguard": (
        "garantie « {value} » non reconnue : gardée dans le champ documentation",
        "safeguard '{value}' not recognised: kept in the documentation field"),
    "import.warn.legal_basis": ("base légale « {value} » non reconnue : non importée",
                                "legal basis '{value}' not recognised: not imported"),
    "import.warn.art9": ("condition de l'article 9 « {value} » non reconnue : non importée",
                         "Art. 9 condition '{value}' not recognised: not imported"),
    "import.warn.apdp_partial": (
        "fiche APDP : seule sa section 4 (l'activité) est importée ; saisissez données, "
        "destinataires et mesures dans le traitement",
        "APDP fiche: only its section 4 (activity) is imported; enter data, recipients and "
        "measures in the activity"),
    "import.warn.no_name": ("pas de nom de traitement : ligne ignorée",
                            "no activity name: row skipped"),
    "import.warn.retention_without_category": (
        "durée de conservation « {value} » non importée : le traitement ne nomme aucune "
        "catégorie de données",
        "retention '{value}' not imported: the activity names no data category"),
    "import.warn.transfers_text": (
        "transferts « {value} » non importés (pas de colonnes pays et garanties) : "
        "saisissez-les dans le traitement",
        "transfers '{value}' not imported (no country and safeguard columns): enter them in "
        "the activity"),
    "import.warn.unknown_country": ("« {name} » : pays inconnu « {value} » : non importé",
                                    "'{name}': unknown country '{value}': not imported"),
    "import.warn.columns_ignored": (
        "colonnes non importées (sans place dans le registre) : {columns}",
        "columns not imported (no place in the register): {columns}"),
    "import.warn.duplicate_ref": (
        "la référence « {ref} » figure deux fois dans le fichier : ce traitement reçoit la "
        "référence « {new} »",
        "reference '{ref}' is used twice in the file: this activity gets reference '{new}'"),
    "import.warn.blank_cnil": (
        "le fichier est le modèle de la CNIL sans aucune fiche remplie (son exemple et sa "
        "fiche vierge ne sont pas importés)",
        "the file is the CNIL model with no fiche filled in (its example and its blank fiche "
        "are not imported)"),
    "import.warn.blank_apdp": ("le fichier est le modèle de l'APDP sans aucune fiche remplie",
                               "the file is the APDP model with no fiche filled in"),
    "import.warn.no_rows": (
        "le tableau a ses en-têtes de colonnes mais aucune ligne qui nomme un traitement",
        "the table has its column headers but no row naming an activity"),
    "import.warn.kept_draft": ("{ref} : gardé en brouillon ({detail})",
                               "{ref}: kept as a draft ({detail})"),
}
_ACTOR_ROLES: Mapping[str, tuple[str, str]] = {
    "controller": ("responsable du traitement", "controller"), "dpo": ("DPO", "DPO"),
    "representative": ("représentant", "representative"),
}


def describe_warning(warning: str, lang: Lang = "fr") -> str:
    """A warning of an import in the user's words, with its sheet and row (a plain string,
    or a code this table does not know, is said as it is)."""
    code = getattr(warning, "code", None)
    template = IMPORT_WARNINGS.get(code) if isinstance(code, str) else None
    if template is None:
        return str(warning)
    params = dict(getattr(warning, "params", {}))
    index = 0 if lang == "fr" else 1
    role = _ACTOR_ROLES.get(str(params.get("role", "")))
    if role is not None:
        params["role"] = role[index]
    text = template[index].format_map(_Keep(params))
    where = _location(params, lang)
    return (f"{where} : {text}" if lang == "fr" else f"{where}: {text}") if where else text


def describe(error: RegistreError, lang: Lang = "fr") -> str:
    """One sentence for the user, in their language."""
    located = LOCATED.get(error.code)
    if located is not None:
        values = _Keep(dict(error.params))
        events = values.get("events")
        if isinstance(events, tuple | list):  # the rule's events, by their labels
            values["events"] = ", ".join(event_label(str(e), lang) for e in events)
        text = located[0 if lang == "fr" else 1].format_map(values)
        where = _location(error.params, lang)
        return f"{where} : {text}" if where and lang == "fr" else \
            f"{where}: {text}" if where else text
    params = error.params
    cause = error.__cause__
    if error.code == "check.bad_rule" and isinstance(cause, RegistreError):
        detail = describe(cause, lang)  # the rule's error in the user's language
        detail = detail[:1].lower() + detail[1:]
        params = {**params, "detail": detail.removeprefix("règle : ")}
    return translate(error.code, params, lang, fallback=str(error))
