"""The activity editor: every field of an activity, grouped as the CNIL fiche groups them.

The form edits a copy: ``load(activity)`` fills it, ``activity()`` builds the edited value
back (fields the form does not show — id, status, dates, version, retention details — come
from the activity it was opened on), ``changes()`` is what ``services.edit_activity``
receives. The window owns saving (an undoable command) and validation (``services.validate``).

Live as the user types: the domain's ``validate_activity`` (what is *wrong*: shown inline in
the group of the field at fault), each retention rule parsed (its error under the rule), and
``assess`` (what is *missing*: the completeness score and its findings at the top).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from domain.completeness import (
    SENSITIVE_DATA_CRITERION,
    Completeness,
    Severity,
    assess,
    imported_text,
)
from domain.errors import RegistreError, ValidationError
from domain.model import (
    DataCategoryUse,
    DpiaScreening,
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
from domain.rules.wording import deadline_words, rule_sentence
from domain.validation import validate_activity
from domain.vocabulary import Lang, Term, Vocabularies, Vocabulary, normalise_label
from gui.i18n import tr_noop
from gui.messages import describe, describe_finding
from gui.widgets import CheckLabel, InlineMessages, Level, Texts

LEGITIMATE_INTEREST = "A6-1-f"
FINDING_LINES = 2  # the findings shown without scrolling

# The CNIL fiche's groups, in its order; each field of a validation error names its group.
GROUPS: tuple[tuple[str, str], ...] = (
    ("identification", tr_noop("Identification et acteurs")),
    ("purposes", tr_noop("Finalités et bases légales")),
    ("data", tr_noop("Personnes et données concernées")),
    ("recipients", tr_noop("Destinataires et transferts")),
    ("security", tr_noop("Mesures de sécurité")),
    ("dpia", tr_noop("Analyse d'impact (AIPD)")),
    ("notes", tr_noop("Notes")),
)
FIELD_GROUP: dict[str, str] = {
    "ref": "identification", "name": "identification", "role": "identification",
    "legal_bases": "purposes", "special_conditions": "purposes",
    "data_categories": "data", "data_categories.label": "data",
    "recipients.name": "recipients", "recipients.country": "recipients",
    "transfers.recipient": "recipients", "transfers.country": "recipients",
    "security_measures": "security", "dpia.criteria": "dpia", "dpia.mandatory_type": "dpia",
}


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


def _lines_edit(rows: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * rows + 12
    edit.setFixedHeight(height)
    return edit


def fill_combo(combo: QComboBox, vocabulary: Vocabulary, lang: Lang, empty: str | None = None,
               sort: bool = False, offered: Callable[[Term], bool] | None = None,
               keep: str | None = None) -> None:
    """(Re)label ``combo`` with a vocabulary's terms, keeping the selected code (or
    ``keep``). ``sort``: in alphabetical order as a reader expects it (accents and case
    folded: "États-Unis" among the E's); ``offered``: the terms the user may choose (the
    kept code is listed even when it is not one of them: a value read is never lost)."""
    current = combo.currentData() if keep is None else keep
    with QSignalBlocker(combo):
        combo.clear()
        if empty is not None:
            combo.addItem(empty, "")
        terms = [t for t in vocabulary if offered is None or offered(t) or t.code == current]
        if sort:
            terms.sort(key=lambda t: (normalise_label(t.label(lang)), t.label(lang)))
        for term in terms:
            combo.addItem(term.label(lang), term.code)
            if term.description(lang):
                combo.setItemData(combo.count() - 1, term.description(lang),
                                  Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(current if current is not None else "")
        combo.setCurrentIndex(max(index, 0))
    if combo.minimumContentsLength():  # a compact combo (filled above without signals)
        combo.setToolTip(combo.currentText())
        metrics = combo.fontMetrics()
        widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
                     default=0)
        combo.view().setMinimumWidth(widest + 2 * metrics.averageCharWidth()
                                     + combo.view().verticalScrollBar().sizeHint().width())


def compact_combo(combo: QComboBox, length: int = 14) -> QComboBox:
    """A combo whose width does not follow its longest label (countries, CNIL wording):
    the label it shows may be cut, so its tooltip is the whole label, and its list is as
    wide as the longest one."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(length)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    combo.currentTextChanged.connect(combo.setToolTip)
    return combo


def select_code(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(max(index, 0))


class CodeChecks(QWidget):
    """One checkbox per term of a vocabulary, each with an optional detail line shown when
    ticked. Keeps the order the activity listed its codes in (no spurious reordering).

    The detail lines come after every box, each under the term's name: a line that appears
    never pushes down a box the user is about to tick."""

    edited = Signal()

    def __init__(self, vocabulary: Vocabulary, texts: Texts,
                 detail: str | None = None, name: str = "") -> None:
        super().__init__()
        self.setObjectName(name)
        self._vocabulary = vocabulary
        self._texts = texts
        self._order: list[str] = []
        self.boxes: dict[str, QCheckBox] = {}
        self.details: dict[str, QLineEdit] = {}
        self.labels: dict[str, CheckLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self._shown: set[str] | None = None  # None: every term
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        row = 0
        for term in vocabulary:
            box = QCheckBox()
            box.setObjectName(f"{name}-{term.code}")
            label = CheckLabel(box)
            box.toggled.connect(self._on_box_toggled)
            grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
            self.boxes[term.code], self.labels[term.code] = box, label
            row += 1
        for term in vocabulary if detail is not None else ():
            caption, line = QLabel(), QLineEdit()
            caption.setObjectName(f"{name}-{term.code}-caption")
            caption.setStyleSheet("color:#555;")
            caption.setWordWrap(True)
            caption.setBuddy(line)
            line.setObjectName(f"{name}-{term.code}-detail")
            texts.bind(line.setPlaceholderText, detail or "")
            caption.setVisible(False)
            line.setVisible(False)
            line.textEdited.connect(lambda _text: self.edited.emit())
            grid.addWidget(caption, row, 1)
            grid.addWidget(line, row + 1, 1)
            self.captions[term.code], self.details[term.code] = caption, line
            row += 2
        self._relabel(texts.lang)
        texts.on_switch(self._relabel)

    def _relabel(self, lang: Lang) -> None:
        for term in self._vocabulary:
            self.labels[term.code].setText(term.label(lang))
            self.labels[term.code].setToolTip(term.description(lang))
            if term.code in self.captions:
                self.captions[term.code].setText(term.label(lang))

    def _on_box_toggled(self, checked: bool) -> None:
        self._show_details()
        self.edited.emit()

    def _show_details(self) -> None:
        for code, box in self.boxes.items():
            shown = box.isChecked() or self._shown is None or code in self._shown
            box.setVisible(shown)
            self.labels[code].setVisible(shown)
            if code in self.details:
                self.details[code].setVisible(box.isChecked())
                self.captions[code].setVisible(box.isChecked())

    def show_only(self, codes: set[str] | None) -> None:
        """Offer only the terms ``codes`` (None: all); a ticked term stays shown."""
        if codes != self._shown:
            self._shown = codes
            self._show_details()

    def shown_codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if not box.isHidden()]

    def set_values(self, values: Sequence[tuple[str, str]]) -> None:
        self._order = [code for code, _ in values]
        given = dict(values)
        for code, box in self.boxes.items():
            with QSignalBlocker(box):
                box.setChecked(code in given)
            if code in self.details:
                self.details[code].setText(given.get(code, ""))
        self._show_details()

    def values(self) -> list[tuple[str, str]]:
        checked = [code for code, box in self.boxes.items() if box.isChecked()]
        ranked = sorted(checked, key=lambda c: (c not in self._order,
                                                self._order.index(c) if c in self._order else 0))
        return [(c, self.details[c].text().strip() if c in self.details else "")
                for c in ranked]


class CategoryRow(QWidget):
    """One data category: ticked or not, its description, its retention rule (checked by
    the rule language as it is typed) and the rule's legal reference.

    The row is the box and its name; ``details`` (under the category's name) is placed by
    the editor below every category's box, so that details which appear never push down
    a box the user is about to tick."""

    edited = Signal()
    rule_editor_requested = Signal(str)  # the category's code: open the rule editor on it

    def __init__(self, code: str, texts: Texts, voc: Vocabularies, own_label: str = "") -> None:
        super().__init__()
        self.code, self.own_label = code, own_label
        self._voc, self._texts = voc, texts
        self._rule: RetentionRule | None = None
        self.setObjectName(f"category-{code}")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        layout.setColumnStretch(1, 1)
        self.box = QCheckBox()
        self.box.setObjectName(f"category-{code}-box")
        self.label = CheckLabel(self.box)
        layout.addWidget(self.box, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 0, 1)
        self.details = QWidget()
        self.details.setObjectName(f"category-{code}-details")
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 4, 0, 4)
        form.setVerticalSpacing(2)
        self.heading = QLabel()
        self.heading.setObjectName(f"category-{code}-heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight:600;")
        form.addRow(self.heading)
        self.description = QLineEdit()
        self.description.setObjectName(f"category-{code}-description")
        self.rule = QLineEdit()
        self.rule.setObjectName(f"category-{code}-rule")
        self.rule.setPlaceholderText("last_stay + 20 years")
        self.reference = QLineEdit()
        self.reference.setObjectName(f"category-{code}-reference")
        self.rule_message = InlineMessages()
        description_label, rule_label, reference_label = QLabel(), QLabel(), QLabel()
        texts.bind(description_label.setText, "Description")
        texts.bind(rule_label.setText, "Conservation")
        texts.bind(reference_label.setText, "Référence")
        texts.bind(self.description.setPlaceholderText, "Données précises, champs…")
        texts.bind(self.reference.setPlaceholderText, "Texte qui fixe la durée (ex. CSP R1112-7)")
        form.addRow(description_label, self.description)
        self.rule_button = QPushButton()
        self.rule_button.setObjectName(f"category-{code}-rule-editor")
        texts.bind(self.rule_button.setText, "Règle de conservation…")
        texts.bind(self.rule_button.setToolTip,
                   "Ouvrir l'éditeur de règles sur cette catégorie (bibliothèque de modèles, "
                   "aperçu des échéances)")
        self.rule_button.clicked.connect(lambda: self.rule_editor_requested.emit(self.code))
        # the rule in words; its expression for whoever asks (or when it has an error)
        self.rule_words = QLabel()
        self.rule_words.setObjectName(f"category-{code}-rule-words")
        self.rule_words.setWordWrap(True)
        self.rule_words.setTextFormat(Qt.TextFormat.PlainText)
        self.rule_words.setSizePolicy(QSizePolicy.Policy.Ignored,
                                      QSizePolicy.Policy.Preferred)  # wraps, never widens
        self.expression_button = QToolButton()
        self.expression_button.setObjectName(f"category-{code}-show-rule")
        self.expression_button.setCheckable(True)
        texts.bind(self.expression_button.setText, "Expression")
        texts.bind(self.expression_button.setToolTip, "Voir et écrire l'expression de la règle")
        self.expression_button.toggled.connect(lambda _on: self._show_rule_words())
        rule_line = QHBoxLayout()
        rule_line.setContentsMargins(0, 0, 0, 0)
        rule_line.addWidget(self.rule_words, 1)
        rule_line.addWidget(self.expression_button, 0, Qt.AlignmentFlag.AlignTop)
        rule_line.addWidget(self.rule_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(rule_label, rule_line)
        form.addRow("", self.rule)
        form.addRow("", self.rule_message)
        self._form = form
        self.rule.textChanged.connect(lambda _text: self._show_rule_words())
        form.addRow(reference_label, self.reference)
        self.details.setVisible(False)  # placed by the editor, below every category's box
        self.box.toggled.connect(self._on_box_toggled)
        for line in (self.description, self.rule, self.reference):
            line.textEdited.connect(lambda _text: self.edited.emit())
        self._relabel(texts.lang)
        texts.on_switch(self._relabel)

    def _relabel(self, lang: Lang) -> None:
        term = self._voc.data_categories.get(self.code)
        text = term.label(lang) if term is not None else f"{self.own_label} ({self.code})"
        self.heading.setText(text)
        article = self._voc.category_article(self.code)
        if article == "9":
            text += self._texts.t(" — sensible (art. 9)")
        elif article == "10":
            text += self._texts.t(" — pénale (art. 10)")
        self.label.setText(text)
        self._show_rule_words()

    def _show_rule_words(self) -> None:
        """Say the rule in words; show its expression when asked or when it has an error."""
        t = self._texts
        expression = self.rule.text().strip()
        active = self._rule.active_until if self._rule is not None else ""
        broken = bool(expression) and self._broken(expression)
        if broken:  # its message, under the expression, says why
            words = t.t("Expression à corriger")
        elif expression:  # the row says "Conservation": "Jusqu'à 20 ans après …"
            words = deadline_words(expression, t.lang)
            words = words[:1].upper() + words[1:] + "."
            if active.strip():
                words += " " + rule_sentence("", active, t.lang)
        elif imported_text(self._rule):  # a file's free text: no date can be computed
            words = t.t("Durée indiquée par l'import : {text} (pas encore de règle calculable : "
                        "écrivez la règle)").format(
                text=imported_text(self._rule))
        elif self._rule is not None and self._rule.undetermined_criteria.strip():
            words = t.t("Durée non déterminable : {criteria}").format(
                criteria=self._rule.undetermined_criteria.strip())
        else:
            words = t.t("Aucune règle de conservation")
        self.rule_words.setText(words)
        self.rule_words.setToolTip(expression)
        self._form.setRowVisible(self.rule, self.expression_button.isChecked() or broken)

    @staticmethod
    def _broken(expression: str) -> bool:
        from domain.rules import RuleError, parse  # as rule_errors: only the editor needs it

        try:
            parse(expression)
        except RuleError:
            return True
        return False

    def _on_box_toggled(self, checked: bool) -> None:
        self.details.setVisible(checked)
        self.edited.emit()

    def set_value(self, use: DataCategoryUse | None) -> None:
        with QSignalBlocker(self.box):
            self.box.setChecked(use is not None)
        self.details.setVisible(use is not None)
        self._rule = use.retention if use else None
        self.description.setText(use.description if use else "")
        self.rule.setText(use.retention.delete_after if use and use.retention else "")
        self.reference.setText(use.retention.legal_reference if use and use.retention else "")
        self._show_rule_words()  # the same expression may come with other criteria

    def value(self) -> DataCategoryUse | None:
        if not self.box.isChecked():
            return None
        rule = self._rule
        expression, reference = self.rule.text().strip(), self.reference.text().strip()
        if rule is not None or expression or reference:
            rule = dataclasses.replace(rule or RetentionRule(), delete_after=expression,
                                       legal_reference=reference)
            if rule == RetentionRule():
                rule = None
        return DataCategoryUse(self.code, self.description.text().strip(), self.own_label, rule)


class RowList(QWidget):
    """Rows of small forms (recipients, transfers) with an add button and a remove button
    on each row. ``make_row`` builds a row widget with ``value()`` / ``set_value()``."""

    edited = Signal()

    def __init__(self, make_row: Callable[[], Any], texts: Texts, add_words: str,
                 name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._make_row = make_row
        self._texts = texts
        self.rows: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(3)
        layout.addLayout(self._rows_layout)
        self.add_button = QPushButton()
        self.add_button.setObjectName(f"{name}-add")
        texts.bind(self.add_button.setText, add_words)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        layout.addLayout(bar)

    def _on_add_button_clicked(self) -> None:
        self.add_row()
        self.edited.emit()

    def add_row(self, value: Any = None) -> Any:
        row = self._make_row()
        if value is not None:
            row.set_value(value)
        row.edited.connect(self.edited.emit)
        row.remove_button.clicked.connect(lambda: self._remove(row))
        self._rows_layout.addWidget(row)
        row.show()  # a layout shows a new child of a visible parent only later
        self.rows.append(row)
        return row

    def _remove(self, row: Any) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()  # gone at once: deleteLater waits for the event loop, and until then the
        row.deleteLater()  # row, out of the layout, stayed drawn over the next ones
        self.edited.emit()

    def set_values(self, values: Sequence[Any]) -> None:
        for row in self.rows:
            self._rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        for value in values:
            self.add_row(value)

    def values(self) -> list[Any]:
        return [row.value() for row in self.rows]


def _remove_button(texts: Texts) -> QToolButton:
    button = QToolButton()
    button.setText("✕")
    button.setAutoRaise(True)
    texts.bind(button.setToolTip, "Retirer")
    return button


class RecipientRow(QFrame):
    edited = Signal()

    def __init__(self, voc: Vocabularies, texts: Texts) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.kind, self.name, self.contract = compact_combo(QComboBox()), QLineEdit(), QLineEdit()
        self.country = compact_combo(QComboBox())
        self.kind.setObjectName("recipient-kind")
        self.name.setObjectName("recipient-name")
        self.contract.setObjectName("recipient-contract")
        self.remove_button = _remove_button(texts)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.kind, 0, 0)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.remove_button, 0, 2)
        grid.addWidget(self.contract, 1, 0)
        grid.addWidget(self.country, 1, 1)
        # The kind's CNIL labels are long ("Service interne qui traite les données"): two
        # fifths of the row, the name the rest.
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        texts.bind(self.name.setPlaceholderText, "Nom du destinataire")
        texts.bind(self.contract.setPlaceholderText, "Contrat (art. 28)")

        def relabel(lang: Lang) -> None:
            fill_combo(self.kind, voc.recipient_kinds, lang)
            fill_combo(self.country, voc.countries, lang, texts.t("France / UE"),
                       sort=True)
        relabel(texts.lang)
        texts.on_switch(relabel, owner=self)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.country.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.name.textEdited.connect(lambda _t: self.edited.emit())
        self.contract.textEdited.connect(lambda _t: self.edited.emit())
        self._on_kind_changed()

    def _on_kind_changed(self, _index: int = 0) -> None:
        self.contract.setVisible(self.kind.currentData() == RecipientKind.PROCESSOR.value)
        self.edited.emit()

    def set_value(self, recipient: Recipient) -> None:
        select_code(self.kind, recipient.kind.value)
        select_code(self.country, recipient.country)
        self.name.setText(recipient.name)
        self.contract.setText(recipient.contract_reference)
        self._on_kind_changed()

    def value(self) -> Recipient:
        kind = RecipientKind(self.kind.currentData() or RecipientKind.INTERNAL.value)
        contract = self.contract.text().strip() if kind is RecipientKind.PROCESSOR else ""
        return Recipient(kind, self.name.text().strip(), contract, self.country.currentData())


class TransferRow(QFrame):
    """A transfer outside the EU: the safeguard is asked only when the country is not
    covered by an adequacy decision for every recipient (``Vocabularies.adequacy_scope``)."""

    edited = Signal()

    def __init__(self, voc: Vocabularies, texts: Texts) -> None:
        super().__init__()
        self._voc = voc
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.recipient, self.country = QLineEdit(), compact_combo(QComboBox())
        self.safeguard, self.documentation = compact_combo(QComboBox()), QLineEdit()
        self.recipient.setObjectName("transfer-recipient")
        self.country.setObjectName("transfer-country")
        self.safeguard.setObjectName("transfer-safeguard")
        self.adequacy = QLabel()
        self.adequacy.setObjectName("transfer-adequacy")
        self.adequacy.setStyleSheet("color:#1b7f3b;")
        self.remove_button = _remove_button(texts)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.recipient, 0, 0)
        grid.addWidget(self.country, 0, 1)
        grid.addWidget(self.remove_button, 0, 2)
        grid.addWidget(self.safeguard, 1, 0)
        grid.addWidget(self.documentation, 1, 1)
        grid.addWidget(self.adequacy, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._texts = texts
        texts.bind(self.recipient.setPlaceholderText, "Destinataire")
        texts.bind(self.documentation.setPlaceholderText, "Documentation de la garantie")

        def relabel(lang: Lang) -> None:
            self._fill_countries(lang)
            fill_combo(self.safeguard, voc.safeguards, lang,
                       texts.t("— garantie —"))
            self._on_country_changed()
        relabel(texts.lang)
        texts.on_switch(relabel, owner=self)
        self.country.currentIndexChanged.connect(self._on_country_changed)
        self.safeguard.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.recipient.textEdited.connect(lambda _t: self.edited.emit())
        self.documentation.textEdited.connect(lambda _t: self.edited.emit())

    def _fill_countries(self, lang: Lang, keep: str | None = None) -> None:
        """Countries outside the EU/EEA (a transfer inside is no transfer); a country of
        the EU read from the register stays shown, so that it can be corrected."""
        fill_combo(self.country, self._voc.countries, lang, self._texts.t("— pays —"),
                   sort=True, offered=lambda term: term.extra.get("eu_eea") is not True,
                   keep=keep)

    def needs_safeguard(self) -> bool:
        code = self.country.currentData() or ""
        return self._voc.adequacy_scope(code) not in ("eu_eea", "full")

    def _on_country_changed(self, _index: int = 0) -> None:
        needs = self.needs_safeguard()
        self.safeguard.setVisible(needs or bool(self.safeguard.currentData()))
        scope = self._voc.adequacy_scope(self.country.currentData() or "")
        self.adequacy.setText(
            "" if needs else self._texts.t("Pays adéquat : aucune garantie supplémentaire"))
        self.adequacy.setVisible(not needs and scope is not None)
        self.edited.emit()

    def set_value(self, transfer: Transfer) -> None:
        self.recipient.setText(transfer.recipient)
        self._fill_countries(self._texts.lang, keep=transfer.country)
        select_code(self.safeguard, transfer.safeguard.value if transfer.safeguard else "")
        self.documentation.setText(transfer.documentation)
        self._on_country_changed()

    def value(self) -> Transfer:
        code = self.safeguard.currentData()
        return Transfer(self.recipient.text().strip(), self.country.currentData() or "",
                        Safeguard(code) if code else None, self.documentation.text().strip())


class ActivityEditor(QWidget):
    """The form. Signals: ``edited`` (any change by the user), ``save_requested``,
    ``revert_requested``, ``validate_requested`` (its buttons), ``assessed`` (new score)."""

    edited = Signal()
    rule_editor_requested = Signal(str)  # a category's "Règle de conservation…" (its code)
    save_requested = Signal()
    validate_requested = Signal()
    assessed = Signal(int)

    def __init__(self, voc: Vocabularies, texts: Texts, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voc, self.texts, self.today = voc, texts, today
        self.original: ProcessingActivity | None = None
        self._category_order: list[str] = []
        self.completeness: Completeness | None = None
        self._loading = False
        self._last_seen: ProcessingActivity | None = None  # as the last check saw it
        self._criterion_ticked_for = ""  # the category that ticked the DPIA criterion
        self._title = ""
        self.groups: dict[str, QGroupBox] = {}
        self.group_messages: dict[str, InlineMessages] = {}
        self._build()
        texts.on_switch(lambda _lang: self._refresh())
        self.setEnabled(False)

    # --- building ---------------------------------------------------------------------
    def _group(self, key: str, source: str, parent_layout: QVBoxLayout) -> QFormLayout:
        box = QGroupBox()
        box.setObjectName(f"group-{key}")
        self.texts.bind(box.setTitle, source)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(8, 6, 8, 8)
        messages = InlineMessages()
        messages.setObjectName(f"messages-{key}")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        outer.addWidget(messages)  # below the fields: appearing, it moves none of them
        outer.addStretch(1)  # a group taller for a moment (a message gone) spreads no field
        parent_layout.addWidget(box)
        self.groups[key], self.group_messages[key] = box, messages
        return form

    def _row(self, form: QFormLayout, source: str, widget: QWidget, name: str) -> QLabel:
        label = QLabel()
        self.texts.bind(label.setText, source)
        widget.setObjectName(name)
        label.setBuddy(widget)
        form.addRow(label, widget)
        return label

    def _build(self) -> None:
        t = self.texts
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)

        head = QWidget()
        head.setObjectName("editor-head")
        head_layout = QVBoxLayout(head)
        head_layout.setContentsMargins(8, 6, 8, 4)
        self.title = QLabel()
        self.title.setObjectName("editor-title")
        self.title.setStyleSheet("font-weight:600; font-size:13pt;")
        # one line, cut with "…" (whole in its tooltip): a name typed long enough to wrap
        # would push the whole form down under the pointer
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        score_row = QHBoxLayout()
        self.score_label = QLabel()
        self.score_label.setObjectName("score-label")
        self.score = QProgressBar()
        self.score.setObjectName("score")
        self.score.setRange(0, 100)
        self.score.setTextVisible(True)
        self.score.setFormat("%p %")
        self.score.setMaximumHeight(16)
        self.status_label = QLabel()
        self.status_label.setObjectName("status-label")
        score_row.addWidget(self.score_label)
        score_row.addWidget(self.score, 1)
        score_row.addWidget(self.status_label)
        self.findings = InlineMessages()
        self.findings.setObjectName("findings")
        # what is missing, in a place of fixed height that scrolls: a finding that comes or
        # goes never moves the form under the pointer
        self.findings_area = QScrollArea()
        self.findings_area.setObjectName("findings-area")
        self.findings_area.setWidget(self.findings)
        self.findings_area.setWidgetResizable(True)
        self.findings_area.setFrameShape(QFrame.Shape.NoFrame)
        self.findings_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_area.setFixedHeight(FINDING_LINES * (self.fontMetrics().lineSpacing() + 11))
        self.findings_area.setStyleSheet(  # the head's own colour
            "QScrollArea, QScrollArea > QWidget, QWidget#findings { background: transparent; }")
        head_layout.addWidget(self.title)
        head_layout.addLayout(score_row)
        head_layout.addWidget(self.findings_area)
        outer.addWidget(head)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(6, 0, 6, 6)

        # 1. Identification and actors
        form = self._group(*GROUPS[0], body_layout)
        self.ref, self.name, self.role = QLineEdit(), QLineEdit(), compact_combo(QComboBox())
        self.department, self.systems = QLineEdit(), _lines_edit(2)
        self.owner_name, self.owner_email, self.owner_phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.joint_controllers, self.controllers_acted_for = _lines_edit(2), _lines_edit(2)
        self._row(form, "Référence", self.ref, "ref")
        self._row(form, "Nom du traitement", self.name, "name")
        self._row(form, "Rôle", self.role, "role")
        self.joint_label = self._row(form, "Responsables conjoints (un par ligne)",
                                     self.joint_controllers, "joint_controllers")
        self.acted_for_label = self._row(
            form, "Pour le compte de (un par ligne)",
            self.controllers_acted_for, "controllers_acted_for")
        self._row(form, "Service", self.department, "department")
        self._row(form, "Responsable opérationnel", self.owner_name, "owner_name")
        self._row(form, "Courriel", self.owner_email, "owner_email")
        self._row(form, "Téléphone", self.owner_phone, "owner_phone")
        self._row(form, "Logiciels et systèmes (un par ligne)", self.systems, "systems")
        t.on_switch(lambda lang: fill_combo(self.role, self.voc.roles, lang))
        fill_combo(self.role, self.voc.roles, t.lang)

        # 2. Purposes and legal bases
        form = self._group(*GROUPS[1], body_layout)
        self.purpose, self.sub_purposes = _lines_edit(3), _lines_edit(3)
        self.legal_bases = CodeChecks(self.voc.legal_bases, t,
                                      tr_noop("Justification (pourquoi cette base)"), "legal_bases")
        self.special_conditions = CodeChecks(
            self.voc.art9_conditions, t, tr_noop("Justification"),
            "special_conditions")
        self._row(form, "Finalité principale", self.purpose, "purpose")
        self._row(form, "Sous-finalités (une par ligne)",
                  self.sub_purposes, "sub_purposes")
        self._row(form, "Bases légales (art. 6)", self.legal_bases,
                  "legal_bases")

        # 3. Data subjects and data categories
        form = self._group(*GROUPS[2], body_layout)
        self.data_subjects, self.data_sources = _lines_edit(3), _lines_edit(2)
        self._row(form, "Personnes concernées (une par ligne)",
                  self.data_subjects, "data_subjects")
        self._row(form, "Sources des données (une par ligne)",
                  self.data_sources, "data_sources")
        self.categories_box = QWidget()
        self.categories_box.setObjectName("data_categories")
        self._categories_layout = QVBoxLayout(self.categories_box)
        self._categories_layout.setContentsMargins(0, 0, 0, 0)
        self._categories_layout.setSpacing(2)
        self.categories: dict[str, CategoryRow] = {}
        for term in self.voc.data_categories:
            self._add_category_row(term.code)
        categories_label = QLabel()
        t.bind(categories_label.setText, "Catégories de données et conservation")
        # below every box, in this order: the Art. 9 / Art. 10 block, then the details of
        # each ticked category; what appears when a box is ticked is below it
        self.art9_label = QLabel()  # its words follow the categories ticked (_refresh)
        self.art9_label.setObjectName("special_conditions-label")
        self.art9_label.setBuddy(self.special_conditions)
        self.special_conditions.setContentsMargins(12, 0, 0, 6)
        self.special_conditions.setVisible(False)  # until a sensitive category is ticked
        self.art9_label.setVisible(False)
        self.category_details = QWidget()
        self.category_details.setObjectName("category-details")
        self._details_layout = QVBoxLayout(self.category_details)
        self._details_layout.setContentsMargins(0, 0, 0, 0)
        self._details_layout.setSpacing(2)
        for row in self.categories.values():
            self._details_layout.addWidget(row.details)
        # in the group's column, not in its form: a form lays rows of wrapped words out at
        # a height that changed with what was shown below them (the boxes moved)
        column = self.groups["data"].layout()
        if isinstance(column, QVBoxLayout):
            for widget in (categories_label, self.categories_box, self.art9_label,
                           self.special_conditions, self.category_details):
                column.insertWidget(column.indexOf(self.group_messages["data"]), widget)

        # 4. Recipients and transfers
        form = self._group(*GROUPS[3], body_layout)
        self.recipients = RowList(lambda: RecipientRow(self.voc, t), t,
                                  tr_noop("Ajouter un destinataire"),
                                  "recipients")
        self.transfers = RowList(lambda: TransferRow(self.voc, t), t,
                                 tr_noop("Ajouter un transfert hors UE"),
                                 "transfers")
        self._row(form, "Destinataires", self.recipients, "recipients")
        self._row(form, "Transferts hors UE", self.transfers,
                  "transfers")

        # 5. Security measures
        form = self._group(*GROUPS[4], body_layout)
        self.security_measures = CodeChecks(self.voc.security_measures, t,
                                            tr_noop("Précisions (outil, procédure…)"),
                                            "security_measures")
        form.addRow(self.security_measures)

        # 6. DPIA screening
        form = self._group(*GROUPS[5], body_layout)
        self.dpia_criteria = CodeChecks(self.voc.dpia_criteria, t, None, "dpia_criteria")
        self.dpia_type = compact_combo(QComboBox(), 20)
        self.dpia_done, self.dpia_date = QCheckBox(), QDateEdit()
        self.dpia_date.setCalendarPopup(True)
        self.dpia_date.setDisplayFormat("dd/MM/yyyy")
        self.dpia_date.setDate(QDate(self.today))
        self.dpia_reference, self.dpia_notes = QLineEdit(), _lines_edit(2)
        self.dpia_required = QLabel()
        self.dpia_required.setObjectName("dpia-required")
        self.dpia_required.setWordWrap(True)
        form.addRow(self.dpia_required)
        self._row(form, "Critères du CEPD", self.dpia_criteria, "dpia.criteria")
        self._row(form, "Liste CNIL (AIPD obligatoire)",
                  self.dpia_type, "dpia_type")
        done_row = QWidget()
        done_layout = QHBoxLayout(done_row)
        done_layout.setContentsMargins(0, 0, 0, 0)
        done_layout.addWidget(self.dpia_done)
        done_layout.addWidget(self.dpia_date)
        done_layout.addStretch(1)
        t.bind(self.dpia_done.setText, "Réalisée le")
        self.dpia_done.setObjectName("dpia_done")
        self._row(form, "AIPD", done_row, "dpia_done_row")
        self._row(form, "Référence de l'AIPD", self.dpia_reference,
                  "dpia_reference")
        self._row(form, "Notes sur l'AIPD", self.dpia_notes, "dpia_notes")

        def relabel_dpia(lang: Lang) -> None:
            fill_combo(self.dpia_type, self.voc.dpia_mandatory_types, lang,
                       t.t("— non concerné —"))
            for index in range(self.dpia_type.count()):
                self.dpia_type.setItemData(index, self.dpia_type.itemText(index),
                                           Qt.ItemDataRole.ToolTipRole)
        relabel_dpia(t.lang)
        t.on_switch(relabel_dpia)

        # 7. Notes
        form = self._group(*GROUPS[6], body_layout)
        self.notes = _lines_edit(4)
        self._row(form, "Notes du DPO sur le traitement",
                  self.notes, "notes")
        body_layout.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("editor-scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 2, 8, 6)
        self.revert_button, self.save_button = QPushButton(), QPushButton()
        self.validate_button = QPushButton()
        self.revert_button.setObjectName("revert")
        self.save_button.setObjectName("save")
        self.validate_button.setObjectName("validate")
        t.bind(self.revert_button.setText, "Abandonner les modifications")
        t.bind(self.save_button.setText, "Enregistrer")
        t.bind(self.validate_button.setText, "Valider")
        t.bind(self.validate_button.setToolTip,
               "Marquer le traitement comme vérifié par le DPO (Art. 30 complet)")
        self.save_button.setDefault(True)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.validate_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self.revert_button.clicked.connect(self.revert)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.validate_button.clicked.connect(self.validate_requested.emit)

        # every edit re-checks the form
        for line in (self.ref, self.name, self.department, self.owner_name, self.owner_email,
                     self.owner_phone, self.dpia_reference):
            line.textEdited.connect(self._on_form_edited)
        for text in (self.purpose, self.sub_purposes, self.data_subjects, self.data_sources,
                     self.systems, self.joint_controllers, self.controllers_acted_for,
                     self.dpia_notes, self.notes):
            text.textChanged.connect(self._on_form_edited)
        for combo in (self.role, self.dpia_type):
            combo.currentIndexChanged.connect(self._on_form_edited)
        for widget in (self.legal_bases, self.special_conditions, self.security_measures,
                       self.dpia_criteria, self.recipients, self.transfers):
            widget.edited.connect(self._on_form_edited)
        self.dpia_done.toggled.connect(self._on_form_edited)
        self.dpia_date.dateChanged.connect(self._on_form_edited)

    def _add_category_row(self, code: str, own_label: str = "") -> CategoryRow:
        row = CategoryRow(code, self.texts, self.voc, own_label)
        row.edited.connect(self._on_form_edited)
        row.rule_editor_requested.connect(self.rule_editor_requested)
        self._categories_layout.addWidget(row)
        if hasattr(self, "_details_layout"):  # else placed when the layout is built
            self._details_layout.addWidget(row.details)
        self.categories[code] = row
        return row

    # --- the activity in and out ------------------------------------------------------
    def load(self, activity: ProcessingActivity | None) -> None:
        """Show ``activity`` (None: nothing to edit); the form is clean afterwards."""
        self.original = activity
        self.setEnabled(activity is not None)
        if activity is None:
            self._title = ""
            self.title.clear()
            self.findings.clear_all()
            for messages in self.group_messages.values():
                messages.clear_all()
            return
        self._loading = True
        self._criterion_ticked_for = ""
        try:
            self._fill(activity)
        finally:
            self._loading = False
        self._refresh()

    def _fill(self, a: ProcessingActivity) -> None:
        self.ref.setText(a.ref)
        self.name.setText(a.name)
        with QSignalBlocker(self.role):
            select_code(self.role, a.role.value)
        self.department.setText(a.department)
        self.owner_name.setText(a.owner.name)
        self.owner_email.setText(a.owner.email)
        self.owner_phone.setText(a.owner.phone)
        self.systems.setPlainText("\n".join(a.systems))
        self.joint_controllers.setPlainText("\n".join(a.joint_controllers))
        self.controllers_acted_for.setPlainText("\n".join(a.controllers_acted_for))
        self.purpose.setPlainText(a.purpose)
        self.sub_purposes.setPlainText("\n".join(a.sub_purposes))
        self.legal_bases.set_values([(b.code, b.justification) for b in a.legal_bases])
        self.special_conditions.set_values([(c.code, c.justification)
                                            for c in a.special_conditions])
        self.data_subjects.setPlainText("\n".join(a.data_subjects))
        self.data_sources.setPlainText("\n".join(a.data_sources))
        for code in [c for c in self.categories if c not in self.voc.data_categories]:
            row = self.categories.pop(code)  # an own category of the previous activity
            self._categories_layout.removeWidget(row)
            self._details_layout.removeWidget(row.details)
            row.details.hide()
            row.details.deleteLater()
            row.hide()
            row.deleteLater()
        self._category_order = [c.code for c in a.data_categories]
        for use in a.data_categories:
            if use.code not in self.categories:
                self._add_category_row(use.code, use.label)
        for code, row in self.categories.items():
            row.set_value(a.category(code))
        self.recipients.set_values(a.recipients)
        self.transfers.set_values(a.transfers)
        self.security_measures.set_values([(m.code, m.detail) for m in a.security_measures])
        self.dpia_criteria.set_values([(c, "") for c in a.dpia.criteria])
        with QSignalBlocker(self.dpia_type):
            select_code(self.dpia_type, a.dpia.mandatory_type)
        with QSignalBlocker(self.dpia_done), QSignalBlocker(self.dpia_date):
            self.dpia_done.setChecked(a.dpia.done_on is not None)
            self.dpia_date.setDate(QDate(a.dpia.done_on or self.today))
        self.dpia_reference.setText(a.dpia.reference)
        self.dpia_notes.setPlainText(a.dpia.notes)
        self.notes.setPlainText(a.notes)
        for line in self.findChildren(QLineEdit):
            line.setCursorPosition(0)  # a long text shows its beginning, not its end

    def activity(self) -> ProcessingActivity:
        """The activity as the form now says it."""
        if self.original is None:
            raise RuntimeError("no activity is being edited")
        a = self.original
        uses = [row.value() for row in self.categories.values()]
        chosen = {u.code: u for u in uses if u is not None}
        order = self._category_order
        codes = [c for c in order if c in chosen] + [c for c in chosen if c not in order]
        done = self.dpia_done.isChecked()
        return dataclasses.replace(
            a,
            ref=self.ref.text().strip(),
            name=self.name.text().strip(),
            role=Role(self.role.currentData() or Role.CONTROLLER.value),
            department=self.department.text().strip(),
            owner=dataclasses.replace(a.owner, name=self.owner_name.text().strip(),
                                      email=self.owner_email.text().strip(),
                                      phone=self.owner_phone.text().strip()),
            systems=_lines(self.systems),
            joint_controllers=_lines(self.joint_controllers),
            controllers_acted_for=_lines(self.controllers_acted_for),
            purpose=self.purpose.toPlainText().strip(),
            sub_purposes=_lines(self.sub_purposes),
            legal_bases=tuple(LegalBasis(c, j) for c, j in self.legal_bases.values()),
            special_conditions=tuple(SpecialCondition(c, j)
                                     for c, j in self.special_conditions.values()),
            data_subjects=_lines(self.data_subjects),
            data_sources=_lines(self.data_sources),
            data_categories=tuple(chosen[c] for c in codes),
            recipients=tuple(self.recipients.values()),
            transfers=tuple(self.transfers.values()),
            security_measures=tuple(SecurityMeasure(c, d)
                                    for c, d in self.security_measures.values()),
            dpia=DpiaScreening(
                criteria=tuple(c for c, _ in self.dpia_criteria.values()),
                mandatory_type=self.dpia_type.currentData() or "",
                done_on=self.dpia_date.date().toPython() if done else None,
                reference=self.dpia_reference.text().strip(),
                notes=self.dpia_notes.toPlainText().strip(),
            ),
            notes=self.notes.toPlainText().strip(),
        )

    def changes(self) -> dict[str, object]:
        """The edited fields and their new values (what ``edit_activity`` takes)."""
        if self.original is None:
            return {}
        edited = self.activity()
        return {f.name: getattr(edited, f.name) for f in dataclasses.fields(edited)
                if getattr(edited, f.name) != getattr(self.original, f.name)}

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def revert(self) -> None:
        self.load(self.original)
        self.edited.emit()

    # --- live checks --------------------------------------------------------------------
    def _on_form_edited(self, *_args: object) -> None:
        if self._loading:
            return
        self._mark_sensitive_criterion(self._last_seen)
        self._refresh()
        self.edited.emit()

    def rule_errors(self) -> dict[str, RegistreError]:
        from domain.rules import parse  # the rule language: only the editor needs it here

        errors = {}
        for code, row in self.categories.items():
            text = row.rule.text().strip()
            if row.box.isChecked() and text:
                try:
                    parse(text)
                except RegistreError as error:
                    errors[code] = error
        return errors

    def validation_error(self) -> ValidationError | None:
        try:
            validate_activity(self.activity(), self.voc)
        except ValidationError as error:
            return error
        return None

    def _refresh(self) -> None:
        if self.original is None:
            return
        t, lang = self.texts, self.texts.lang
        activity = self.activity()
        self._title = (f"{activity.ref} — {activity.name}" if activity.ref or activity.name
                       else t.t("Nouveau traitement"))
        self._show_title()
        role = activity.role
        for widget, label, shown in (
                (self.joint_controllers, self.joint_label, role is Role.JOINT),
                (self.controllers_acted_for, self.acted_for_label, role is Role.PROCESSOR)):
            visible = shown or bool(_lines(widget))
            widget.setVisible(visible)
            label.setVisible(visible)
        self._show_conditions(activity)

        # what is wrong: in the group of the field at fault
        for messages in self.group_messages.values():
            messages.clear_message("invalid")
        error = self.validation_error()
        if error is not None:
            group = FIELD_GROUP.get(str(error.params.get("field", "")), "identification")
            self.group_messages[group].show_message("invalid", describe(error, lang))
        for row in self.categories.values():
            row.rule_message.clear_all()
        for code, rule_error in self.rule_errors().items():
            self.categories[code].rule_message.show_message("rule", describe(rule_error, lang))
        purposes = self.group_messages["purposes"]
        bases = dict(self.legal_bases.values())
        if LEGITIMATE_INTEREST in bases and not bases[LEGITIMATE_INTEREST]:
            purposes.show_message("legitimate_interest", t.t(
                "Intérêt légitime : décrivez l'intérêt poursuivi et la mise en balance"),
                Level.WARNING)
        else:
            purposes.clear_message("legitimate_interest")

        # what is missing: the completeness score and its findings
        completeness = assess(activity, self.voc, self.today)
        self.completeness = completeness
        self.score.setValue(completeness.percent)
        self.score.setFormat("%p %" if lang == "fr" else "%p%")  # typography: gui.typography
        color = ("#1b7f3b" if completeness.percent == 100
                 else "#b26a00" if completeness.percent >= 75 else "#b3261e")
        self.score.setStyleSheet(f"QProgressBar::chunk {{ background:{color}; }}")
        self.score_label.setText(t.t("Complétude"))
        status = self.voc.statuses[activity.status.value].label(lang)
        dirty = self.is_dirty()
        self.status_label.setText(status + (t.t(" — modifié") if dirty else ""))
        self.findings.clear_all()
        self._show_criterion_ticked()
        for index, finding in enumerate(completeness.findings):
            level = Level.ERROR if finding.severity is Severity.ERROR else Level.WARNING
            self.findings.show_message(f"{finding.code}-{index}",
                                       describe_finding(finding.code, finding.params, lang), level)
        if not completeness.findings:
            self.findings.show_message("complete", t.t(
                "Rien ne manque au regard de l'article 30."), Level.INFO)
        required = activity.dpia.required
        self.dpia_required.setText(
            t.t("AIPD requise (2 critères ou plus, ou type de la liste CNIL)") if required
            else t.t("AIPD non requise au vu des critères cochés"))
        self.dpia_required.setStyleSheet("color:#b3261e;" if required and not
                                         activity.dpia.done_on else "color:#555;")
        self.save_button.setEnabled(dirty and error is None and not self.rule_errors())
        self.revert_button.setEnabled(dirty)
        self._last_seen = activity
        self.assessed.emit(completeness.percent)

    def _show_title(self) -> None:
        """The title on one line, cut with "…" when the pane is narrow (whole in its tip)."""
        text = getattr(self, "_title", "")
        width = self.title.contentsRect().width()
        self.title.setText(self.title.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, width) if width > 40 else text)
        self.title.setToolTip(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_title()

    def _show_conditions(self, activity: ProcessingActivity) -> None:
        """The Art. 9(2) conditions when an Art. 9 category is ticked, the basis of
        Art. 10 when criminal data is (each also when one of its codes is ticked)."""
        articles = {self.voc.category_article(u.code) for u in activity.data_categories}
        ticked = {c.code for c in activity.special_conditions}
        art10 = {c for c in self.special_conditions.boxes if self.voc.is_art10_condition(c)}
        offered = (set(self.special_conditions.boxes) - art10 if "9" in articles else set())
        offered |= art10 if "10" in articles else set()
        self.special_conditions.show_only(offered)
        shown = offered | ticked
        self.special_conditions.setVisible(bool(shown))
        self.art9_label.setVisible(bool(shown))
        t = self.texts
        self.art9_label.setText(
            t.t("Conditions de l'art. 9") if not shown & art10 else
            t.t("Base de l'art. 10 (données pénales)")
            if not shown - art10 else
            t.t("Conditions de l'art. 9 et base de l'art. 10"))

    def _mark_sensitive_criterion(self, before: ProcessingActivity | None) -> None:
        """A sensitive category (Art. 9 or 10) just ticked ticks the DPIA criterion
        "sensitive data" (EDPB), and says so; unticked again before the form is saved, the
        criterion it ticked goes too. Saved, the form is one edit: Ctrl+Z undoes both."""
        box = self.dpia_criteria.boxes.get(SENSITIVE_DATA_CRITERION)
        if box is None or before is None:
            return
        now = self.activity()
        sensitive_now = [u.code for u in now.data_categories
                         if self.voc.is_sensitive_category(u.code)]
        sensitive_before = {u.code for u in before.data_categories
                            if self.voc.is_sensitive_category(u.code)}
        added = [code for code in sensitive_now if code not in sensitive_before]
        if added and not box.isChecked():
            with QSignalBlocker(box):
                box.setChecked(True)
            self._criterion_ticked_for = added[0]
        elif not sensitive_now and self._criterion_ticked_for and box.isChecked():
            with QSignalBlocker(box):
                box.setChecked(False)
            self._criterion_ticked_for = ""
        if not box.isChecked():
            self._criterion_ticked_for = ""

    def _show_criterion_ticked(self) -> None:
        """Say, first of the findings, that the DPIA criterion was ticked for the user."""
        if not self._criterion_ticked_for:
            return
        lang = self.texts.lang
        term = self.voc.data_categories.get(self._criterion_ticked_for)
        name = term.label(lang) if term else self._criterion_ticked_for
        self.findings.show_message("dpia_criterion", self.texts.t(
            "Critère d'AIPD « données sensibles » coché pour « {category} » (modifiable "
            "dans l'analyse d'impact, plus bas).").format(category=name), Level.INFO)

    def has_errors(self) -> bool:
        return self.validation_error() is not None or bool(self.rule_errors())
