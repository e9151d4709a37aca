"""An activity laid out as the CNIL model's "fiche de registre", as HTML for a text view."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from domain.completeness import Completeness, imported_text
from domain.model import ProcessingActivity
from domain.rules.wording import rule_sentence
from domain.vocabulary import Lang, Vocabularies
from gui.i18n import translate
from gui.messages import describe_finding
from gui.typography import colon, percent


def _t(lang: Lang, source: str, en: str | None = None) -> str:
    """``source`` translated by Qt (``lang`` is the vocabularies' language, the same)."""
    return translate(source) if en is None else source if lang == "fr" else en


def _article(extra: Mapping[str, object], code: str) -> str:
    """A legal basis or Art. 9 condition as a DPO cites it ("art. 6.1.e"), not its code."""
    article = extra.get("article")
    return f"art. {article}" if isinstance(article, str) and article else code


def _items(values: list[str]) -> str:
    if not values:
        return "<p class='empty'>—</p>"
    return "<ul>" + "".join(f"<li>{v}</li>" for v in values) + "</ul>"


def activity_html(activity: ProcessingActivity, entity: str, completeness: Completeness,
                  voc: Vocabularies, lang: Lang) -> str:
    e = escape
    c_ = colon(lang)
    sections: list[tuple[str, str]] = []

    def add(title: str, body: str) -> None:
        sections.append((title, body))

    general = [
        f"<b>{_t(lang, 'Entité')}</b>{c_}{e(entity)}",
        f"<b>{_t(lang, 'Rôle')}</b>{c_}{e(voc.roles[activity.role.value].label(lang))}",
        f"<b>{_t(lang, 'Statut')}</b>{c_}"
        f"{e(voc.statuses[activity.status.value].label(lang))}",
        f"<b>{_t(lang, 'Service')}</b>{c_}{e(activity.department or '—')}",
    ]
    if activity.owner.name:
        general.append(f"<b>{_t(lang, 'Responsable opérationnel')}</b>{c_}{e(activity.owner.name)}")
    if activity.joint_controllers:
        general.append(f"<b>{_t(lang, 'Responsables conjoints')}</b>{c_}"
                       f"{e(', '.join(activity.joint_controllers))}")
    if activity.controllers_acted_for:
        general.append(f"<b>{_t(lang, 'Pour le compte de')}</b>{c_}"
                       f"{e(', '.join(activity.controllers_acted_for))}")
    if activity.archived_on is not None:
        general.append(f"<b>{_t(lang, 'Terminé le')}</b>{c_}"
                       f"{activity.archived_on:%d/%m/%Y}")
    add(_t(lang, "Informations générales"), "<br>".join(general))
    add(_t(lang, "Finalité principale"),
        f"<p>{e(activity.purpose or '—')}</p>" + _items([e(p) for p in activity.sub_purposes]))
    add(_t(lang, "Bases légales"), _items([
        f"<b>{e(_article(voc.legal_bases[b.code].extra, b.code))}</b> "
        f"{e(voc.legal_bases[b.code].label(lang))}"
        + (f" — <i>{e(b.justification)}</i>" if b.justification else "")
        for b in activity.legal_bases
    ]))
    if activity.special_conditions:
        add(_t(lang, "Conditions de l'article 9"), _items([
            f"<b>{e(_article(voc.art9_conditions[c.code].extra, c.code))}</b> "
            f"{e(voc.art9_conditions[c.code].label(lang))}"
            for c in activity.special_conditions
        ]))
    add(_t(lang, "Personnes concernées"), _items([e(s) for s in activity.data_subjects]))
    categories = []
    for c in activity.data_categories:
        term = voc.data_categories.get(c.code)
        label = term.label(lang) if term else c.label
        line = f"<b>{e(label)}</b>" + (f" — {e(c.description)}" if c.description else "")
        rule = c.retention
        imported = imported_text(rule)
        if imported:  # a file's free text: no date can be computed from it
            said = _t(lang, "Durée indiquée par l'import")
            not_yet = _t(lang, "pas encore de règle calculable")
            line += f"<br><span class='imported'>{said}{c_}{e(imported)} ({not_yet})</span>"
        elif rule is not None and rule.is_defined():
            # the rule in words; its expression is the rule editor's (Conservation menu)
            words = rule_sentence(rule.delete_after, rule.active_until, lang)
            if not rule.delete_after.strip():
                words = (words + " " if words else "") + _t(
                    lang, "Durée non déterminable") + \
                    c_ + rule.undetermined_criteria.strip()
            line += (f"<br><span class='rule'>{e(words)}"
                     + (f" ({e(rule.legal_reference)})" if rule.legal_reference else "")
                     + "</span>")
        categories.append(line)
    add(_t(lang, "Catégories de données"), _items(categories))
    add(_t(lang, "Destinataires"), _items([
        f"{e(voc.recipient_kinds[r.kind.value].label(lang))}{c_}{e(r.name)}"
        + (f" <i>({e(r.contract_reference)})</i>" if r.contract_reference else "")
        for r in activity.recipients
    ]))
    if activity.transfers:
        add(_t(lang, "Transferts hors UE"), _items([
            f"{e(t.recipient)} — {e(voc.countries[t.country].label(lang))} — "
            + (e(voc.safeguards[t.safeguard.value].label(lang)) if t.safeguard else "—")
            for t in activity.transfers
        ]))
    add(_t(lang, "Mesures de sécurité"), _items([
        f"{e(voc.security_measures[m.code].label(lang))}"
        + (f" — {e(m.detail)}" if m.detail else "")
        for m in activity.security_measures
    ]))
    if activity.notes:
        add(_t(lang, "Notes"), "<p>" + e(activity.notes).replace("\n", "<br>") + "</p>")
    findings = [e(describe_finding(f.code, f.params, lang)) for f in completeness.findings]
    add(_t(lang, "Complétude"),
        f"<p><b>{percent(completeness.percent, lang)}</b></p>"
        + (_items(findings) if findings else ""))
    body = "".join(f"<h3>{e(title)}</h3>{content}" for title, content in sections)
    return (
        "<html><head><style>"
        "h2 { margin-bottom: 2px; } h3 { color: #2b4c7e; margin: 10px 0 2px 0; }"
        "ul { margin-top: 0; } .empty { color: #888; } .rule { color: #444; }"
        " .imported { color: #8a5a00; }"
        "</style></head><body>"
        f"<h2>{e(activity.ref)} — {e(activity.name)}</h2>{body}</body></html>"
    )
