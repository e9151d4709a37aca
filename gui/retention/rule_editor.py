"""The retention rule editor of one data category of an activity.

Left, the template library searched as the DPO types (each template shows its legal
reference); right, the rule: end of retention and end of the active phase as expressions,
checked as they are typed (a syntax error is said inline with its position, and the
caret is put there), a live preview that computes both phases for example dates, the final
action, the legal reference and the justification. Applying goes through
``services.set_retention_rule`` in an undoable command.

The rule is said in words above the form (``domain.rules.wording``), and the builder
(``gui.retention.rule_builder``) writes the expressions of the usual shapes; the
expressions themselves are shown to whoever asks ("Voir l'expression"), and always for a
rule of no known shape.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.dates import parse_user_date
from domain.errors import ConflictError, RegistreError
from domain.model import FinalAction, ProcessingActivity, RetentionRule
from domain.rules import Rule, RuleError, parse
from domain.rules.wording import event_label, rule_sentence
from domain.templates import RetentionTemplate, TemplateLibrary, load_templates
from domain.vocabulary import Lang, Vocabularies
from gui.i18n import tr_noop, translate
from gui.messages import category_words, describe
from gui.retention.rule_builder import CUSTOM, RuleBuilder
from gui.typography import colon
from gui.undo import RegisterCommand, UndoContext
from gui.widgets import InlineMessages, Level, Texts

FINAL_ACTIONS: tuple[tuple[FinalAction, str], ...] = (
    (FinalAction.DELETE, tr_noop("Suppression")),
    (FinalAction.ANONYMISE, tr_noop("Anonymisation")),
    (FinalAction.ARCHIVE, tr_noop("Versement aux archives publiques")),
    (FinalAction.SORT, tr_noop("Tri (sort final T)")),
    (FinalAction.ELIMINATE_WITH_VISA, tr_noop("Élimination soumise au visa des archives")),
)
TEMPLATE_ROLE = Qt.ItemDataRole.UserRole


class SetRetentionRuleCommand(RegisterCommand):
    """Attach a rule to a category; undo puts the previous rule (or none) back."""

    def __init__(self, context: UndoContext, activity: ProcessingActivity, category: str,
                 rule: RetentionRule, text: str) -> None:
        super().__init__(context, text)
        self.entity_id, self.ref, self.category = activity.entity_id, activity.ref, category
        existing = activity.category(category)
        self.had_category = existing is not None
        self.before = existing.retention if existing is not None else None
        self.after = rule

    def _current(self) -> ProcessingActivity:
        return services.get_activity(self.context.register.uow(), self.entity_id, self.ref)

    def _rule_now(self, activity: ProcessingActivity) -> RetentionRule | None:
        use = activity.category(self.category)
        return use.retention if use is not None else None

    def _redo(self) -> None:
        current = self._current()
        if self._rule_now(current) != self.before:
            raise ConflictError("activity", self.ref)
        stored = services.set_retention_rule(self.context.register.uow(), self.entity_id,
                                             self.ref, self.category, self.after,
                                             self.context.today(), self.context.voc)
        self.context.changed(self.entity_id, self.ref, stored)

    def _undo(self) -> None:
        current = self._current()
        if self._rule_now(current) != self.after:
            raise ConflictError("activity", self.ref)
        if self.before is not None and self.before.is_defined():
            stored = services.set_retention_rule(self.context.register.uow(), self.entity_id,
                                                 self.ref, self.category, self.before,
                                                 self.context.today(), self.context.voc)
        else:
            if self.had_category:
                categories = tuple(
                    dataclasses.replace(c, retention=self.before) if c.code == self.category
                    else c for c in current.data_categories)
            else:  # the rule added the category: take it away again
                categories = tuple(c for c in current.data_categories
                                   if c.code != self.category)
            stored = services.edit_activity(self.context.register.uow(), self.entity_id,
                                            self.ref, {"data_categories": categories},
                                            self.context.today(),
                                            expected_version=current.version,
                                            voc=self.context.voc)
        self.context.changed(self.entity_id, self.ref, stored)


class ExpressionField(QWidget):
    """A rule expression typed in a line, checked at each keystroke: the error is said
    under it with its position (and a caret under the offending character)."""

    rule_changed = Signal()

    def __init__(self, texts: Texts, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        self.optional = optional
        self.edit = QLineEdit()
        self.edit.setObjectName("expression")
        font = self.edit.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.edit.setFont(font)
        self.pointer = QLabel()
        self.pointer.setObjectName("pointer")
        self.pointer.setFont(font)
        self.pointer.setTextFormat(Qt.TextFormat.PlainText)
        self.pointer.setStyleSheet("color:#8c1d18;")
        self.pointer.setVisible(False)
        self.messages = InlineMessages()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.pointer)
        layout.addWidget(self.messages)
        self.rule: Rule | None = None
        self.error: RuleError | None = None
        self.edit.textChanged.connect(self._on_edit_text_changed)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)
        self.edit.setCursorPosition(0)  # a long rule shows its beginning
        self.edit.setToolTip(text)
        self._on_edit_text_changed(text)

    def _on_edit_text_changed(self, text: str) -> None:
        self.rule, self.error = None, None
        if text.strip():
            try:
                self.rule = parse(text)
            except RuleError as error:
                self.error = error
        self.refresh()
        self.rule_changed.emit()

    def refresh(self) -> None:
        if self.error is None:
            self.messages.clear_message("syntax")
            self.pointer.setVisible(False)
            return
        position = max(0, min(self.error.position, len(self.edit.text())))
        self.pointer.setText(" " * position + "^")
        self.pointer.setVisible(True)
        self.messages.show_message("syntax", describe(self.error, self.texts.lang), Level.ERROR)

    @property
    def valid(self) -> bool:
        return self.error is None and (self.optional or self.rule is not None)


class RuleEditorDialog(QDialog):
    """Edit the retention rule of ``category`` of ``activity`` (its categories to choose)."""

    rule_applied = Signal(str, str)  # activity ref, category

    def __init__(self, context: UndoContext, undo_stack: QUndoStack, texts: Texts,
                 activity: ProcessingActivity, category: str = "",
                 library: TemplateLibrary | None = None,
                 parent: QWidget | None = None, entity_status: str | None = None) -> None:
        super().__init__(parent)
        self.context, self.undo_stack, self.texts = context, undo_stack, texts
        self.activity = activity
        self.entity_status = entity_status  # public, espic, private; None: unknown (public)
        self.library = library if library is not None else load_templates()
        self.voc: Vocabularies = context.voc
        self.setObjectName("rule-editor")
        self.resize(1060, 720)
        t = texts
        t.bind(self.setWindowTitle, "Règle de conservation — {ref}", ref=activity.ref)

        # --- left: the library --------------------------------------------------------
        self.search = QLineEdit()
        self.search.setObjectName("template-search")
        self.search.setClearButtonEnabled(True)
        t.bind(self.search.setPlaceholderText, "Chercher un modèle (ex. dossier médical)")
        self.templates = QListWidget()
        self.templates.setObjectName("templates")
        self.templates.setWordWrap(True)
        self.templates.setSpacing(3)
        self.templates.setAlternatingRowColors(True)
        self.template_details = QLabel()
        self.template_details.setObjectName("template-details")
        self.template_details.setWordWrap(True)
        self.template_details.setTextFormat(Qt.TextFormat.PlainText)
        self.template_details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        library_label = QLabel()
        t.bind(library_label.setText, "Bibliothèque de règles")
        left_layout.addWidget(library_label)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.templates, 1)
        left_layout.addWidget(self.template_details)

        # --- right: the rule ----------------------------------------------------------
        # The activity's categories, each saying whether it has a rule (and a rule being
        # edited in this dialog and not applied yet is kept when another is chosen).
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("category")
        self.category_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._drafts: dict[str, RetentionRule] = {}
        self._shown_category = ""
        for use in activity.data_categories:
            self.category_combo.addItem("", use.code)
        if category and self.category_combo.findData(category) < 0:
            self.category_combo.addItem("", category)
        self.delete_after = ExpressionField(t, optional=False)
        self.delete_after.setObjectName("delete-after")
        self.active_until = ExpressionField(t, optional=True)
        self.active_until.setObjectName("active-until")
        self.final_action = QComboBox()
        self.final_action.setObjectName("final-action")
        for action, _words in FINAL_ACTIONS:
            self.final_action.addItem("", action.value)
        self.reference = QLineEdit()
        self.reference.setObjectName("legal-reference")
        self.justification = QPlainTextEdit()
        self.justification.setObjectName("justification")
        self.justification.setMaximumHeight(70)
        self.template_id = ""
        self.template_version = 1  # the version of the template the form's rule is from
        self.builder = RuleBuilder(t, self.voc)
        self.words = QLabel()
        self.words.setObjectName("rule-words")
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words.setMinimumHeight(3 * self.words.fontMetrics().lineSpacing())
        self.words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.show_expression = QPushButton()
        self.show_expression.setObjectName("show-expression")
        self.show_expression.setCheckable(True)
        self.show_expression.setAutoDefault(False)  # Enter in the form never toggles it
        t.bind(self.show_expression.setText, "Voir l'expression")
        t.bind(self.show_expression.setToolTip,
               "Les expressions de la règle, telles que le moteur les calcule")
        self._building = False  # the builder is writing both expressions

        rule_box = QGroupBox()
        t.bind(rule_box.setTitle, "Règle")
        form = self.form = QFormLayout(rule_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        in_words = QLabel()
        t.bind(in_words.setText, "En clair")
        words_line = QHBoxLayout()
        words_line.addWidget(self.words, 1)
        words_line.addWidget(self.show_expression, 0, Qt.AlignmentFlag.AlignTop)
        category_form = QFormLayout()
        category_label = QLabel()
        t.bind(category_label.setText, "Catégorie")
        category_form.addRow(category_label, self.category_combo)
        form.addRow(in_words, words_line)
        for words, widget in (
            (tr_noop("Fin de conservation"), self.delete_after),
            (tr_noop("Fin de la phase active"), self.active_until),
            (tr_noop("Sort final"), self.final_action),
            (tr_noop("Référence légale"), self.reference),
            (tr_noop("Justification"), self.justification),
        ):
            row_label = QLabel()
            t.bind(row_label.setText, words)
            form.addRow(row_label, widget)

        # --- the live preview ---------------------------------------------------------
        self.preview_box = QGroupBox()
        self.preview_box.setObjectName("preview")
        t.bind(self.preview_box.setTitle, "Aperçu : dates d'exemple")
        self.preview_form = QFormLayout(self.preview_box)
        self.event_edits: dict[str, QLineEdit] = {}
        self.preview_result = QLabel()
        self.preview_result.setObjectName("preview-result")
        self.preview_result.setWordWrap(True)
        self.preview_result.setTextFormat(Qt.TextFormat.PlainText)
        result_font = self.preview_result.font()
        result_font.setBold(True)
        self.preview_result.setFont(result_font)

        self.messages = InlineMessages()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setObjectName("apply")
        # Enter in the form neither closes the editor (losing what was typed) nor applies
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        t.bind(self.apply_button.setText, "Appliquer")
        t.bind(self.buttons.button(QDialogButtonBox.StandardButton.Close).setText,
               "Fermer")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(category_form)
        right_layout.addWidget(self.builder)
        right_layout.addWidget(rule_box)
        right_layout.addWidget(self.preview_box)
        right_layout.addWidget(self.preview_result)
        right_layout.addStretch(1)
        right_layout.addWidget(self.messages)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self._on_search_text_changed)
        self.templates.currentItemChanged.connect(self._on_templates_current_changed)
        self.templates.itemDoubleClicked.connect(self._on_templates_double_clicked)
        self.builder.built.connect(self._on_builder_built)
        self.builder.shape_combo.currentIndexChanged.connect(self._on_builder_shape_changed)
        self.show_expression.toggled.connect(self._on_show_expression_toggled)
        self.delete_after.rule_changed.connect(self._on_rule_changed)
        self.active_until.rule_changed.connect(self._on_rule_changed)
        self.category_combo.currentIndexChanged.connect(self._on_category_changed)
        self.apply_button.clicked.connect(self.apply)
        undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self.final_action.currentIndexChanged.connect(self._on_form_edited)
        self.reference.textChanged.connect(self._on_form_edited)
        self.justification.textChanged.connect(self._on_form_edited)
        self.buttons.rejected.connect(self.reject)
        t.on_switch(self._relabel)

        # Tab: the category, the builder, then the rule's fields (the builder was made
        # after them); the example dates follow (_sync_event_edits)
        b = self.builder
        chain = [self.category_combo, b.shape_combo, b.event_combo, b.amount, b.unit_combo,
                 b.age, b.death_years, b.active_amount, b.active_unit, self.show_expression,
                 self.delete_after.edit, self.active_until.edit, self.final_action,
                 self.reference, self.justification]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._fill_templates("")
        if category:
            with QSignalBlocker(self.category_combo):
                self.category_combo.setCurrentIndex(self.category_combo.findData(category))
        self._on_category_changed()
        self._relabel(t.lang)

    # --- language -------------------------------------------------------------------------
    def _relabel(self, lang: Lang) -> None:
        if not shiboken6.isValid(self):  # closed and deleted: its hook outlives it
            return
        self.builder.relabel(lang)
        for index, (_action, words) in enumerate(FINAL_ACTIONS):
            self.final_action.setItemText(index, translate(words))
        self._label_categories()
        self._fill_templates(self.search.text())
        self._show_library_notice()
        self.delete_after.refresh()
        self.active_until.refresh()
        for name, edit in self.event_edits.items():
            edit.setPlaceholderText(self.texts.t("AAAA-MM-JJ"))
            label = self.preview_form.labelForField(edit)
            if isinstance(label, QLabel):
                label.setText(self._event_words(name))
        self._update_preview()
        self._update_words()

    # --- the library ----------------------------------------------------------------------
    def _fill_templates(self, text: str) -> None:
        lang = self.texts.lang
        current = self.templates.currentItem()
        keep = current.data(TEMPLATE_ROLE) if current is not None else None
        self.templates.clear()
        for template in self.library.search(text):
            warning = "⚠ " if template.needs_warning else ""
            item = QListWidgetItem(f"{warning}{template.title(lang)}\n"
                                   f"{template.legal_reference} — {template.force_label(lang)}")
            item.setData(TEMPLATE_ROLE, template.id)
            item.setToolTip(f"{rule_sentence(template.delete_after, template.active_until, lang)}"
                            f"\n\n{template.id} : {template.delete_after}")
            self.templates.addItem(item)
            if template.id == keep:
                self.templates.setCurrentItem(item)

    def _on_search_text_changed(self, text: str) -> None:
        self._fill_templates(text)

    def _on_templates_current_changed(self, current: QListWidgetItem | None,
                                      _previous: QListWidgetItem | None = None) -> None:
        if current is None:
            self.template_details.clear()
            return
        template = self.library[current.data(TEMPLATE_ROLE)]
        t = self.texts.t
        lines = [template.id, rule_sentence(template.delete_after, template.active_until,
                                            self.texts.lang)]
        lines.append(f"{t('Référence')} : {template.legal_reference}")
        lines.append(t("Valeur : {force}").format(
            force=template.force_label(self.texts.lang)))
        if template.needs_warning:
            lines.append(self._template_warning(template))
        self.template_details.setText("\n".join(lines))

    def _template_warning(self, template: RetentionTemplate) -> str:
        return self.texts.t(
            "⚠ Ce modèle ne repose pas sur un texte vérifié ({force}) : vérifiez-le avec "
            "votre service juridique avant de l'appliquer.").format(
                force=template.force_label(self.texts.lang))

    def _on_templates_double_clicked(self, item: QListWidgetItem) -> None:
        self.use_template(self.library[item.data(TEMPLATE_ROLE)])

    def use_template(self, template: RetentionTemplate) -> None:
        """Fill the form from a template (the DPO may then adapt it)."""
        self.delete_after.set_text(template.delete_after)
        self.active_until.set_text(template.active_until)
        # public establishments and ESPIC (and an unknown status) eliminate with the visa
        action = template.final_action_for(self.entity_status)
        self.final_action.setCurrentIndex(self.final_action.findData(action.value))
        if template.needs_warning:
            self.messages.show_message("template", self._template_warning(template),
                                       Level.WARNING)
        else:
            self.messages.clear_message("template")
        self.reference.setText(template.legal_reference)
        self.justification.setPlainText(template.notes_fr)
        self.template_id, self.template_version = template.id, template.version
        self.show_expression.setChecked(self.builder.shape == CUSTOM)
        for name, day in template.example.events.items():
            edit = self.event_edits.get(name)
            if edit is not None and not edit.text():
                edit.setText(day.isoformat())
        for name, edit in self.event_edits.items():  # what the template means by each date
            label = self.preview_form.labelForField(edit)
            if isinstance(label, QLabel) and name in template.events:
                label.setToolTip(f"{template.events[name]} ({name})")
        self._update_preview()
        self._on_form_edited()

    # --- the form -------------------------------------------------------------------------
    @property
    def category(self) -> str:
        return str(self.category_combo.currentData() or "")

    def stored_rule(self, code: str) -> RetentionRule | None:
        """The rule stored for category ``code`` (as the dialog last read the activity)."""
        use = self.activity.category(code)
        return use.retention if use is not None else None

    def category_state(self, code: str) -> str:
        """``draft`` (edited here, not applied), ``rule`` (has one) or ``none``."""
        stored = self.stored_rule(code)
        if code in self._drafts or (code == self._shown_category
                                     and self._differs(self.rule(), stored)):
            return "draft"
        return "rule" if stored is not None and stored.is_defined() else "none"

    def _label_categories(self) -> None:
        t = self.texts
        for index in range(self.category_combo.count()):
            code = str(self.category_combo.itemData(index))
            use = self.activity.category(code)
            term = self.voc.data_categories.get(code)
            label = (use.label if use is not None and use.label else None) or (
                term.label(t.lang) if term is not None else code)
            state = self.category_state(code)
            stored = self.stored_rule(code)
            if state == "draft":
                mark = t.t("✎ modifiée, non appliquée")
            elif state == "rule":
                mark = t.t("✔ règle définie")
            else:
                mark = t.t("✘ sans règle")
            self.category_combo.setItemText(index, f"{label} — {mark}")
            self.category_combo.setItemData(
                index, rule_sentence(stored.delete_after, stored.active_until, t.lang)
                if stored is not None and stored.delete_after else mark,
                Qt.ItemDataRole.ToolTipRole)
            self.category_combo.setItemData(
                index, QColor("#8c1d18") if state == "none" else None,
                Qt.ItemDataRole.ForegroundRole)

    @staticmethod
    def _differs(edited: RetentionRule, stored: RetentionRule | None) -> bool:
        """Whether the form says something else than the stored rule (an empty form and no
        rule say the same)."""
        stored = stored or RetentionRule()
        return edited != stored and not (edited == RetentionRule(
            undetermined_criteria=stored.undetermined_criteria) and not stored.is_defined())

    def _on_category_changed(self, _index: int = 0) -> None:
        shown = self._shown_category
        if shown and shown != self.category:
            edited = self.rule(shown)
            if self._differs(edited, self.stored_rule(shown)):
                self._drafts[shown] = edited  # kept for when the DPO comes back to it
            else:
                self._drafts.pop(shown, None)
        self._shown_category = ""  # loading: the form is not the category's yet
        rule = self._drafts.get(self.category) or self.stored_rule(self.category) \
            or RetentionRule()
        self.delete_after.set_text(rule.delete_after)
        self.active_until.set_text(rule.active_until)
        self.final_action.setCurrentIndex(self.final_action.findData(rule.final_action.value))
        self.reference.setText(rule.legal_reference)
        self.justification.setPlainText(rule.justification)
        self.template_id, self.template_version = rule.template_id, rule.template_version
        self.messages.clear_all()
        self._show_library_notice()
        self.show_expression.setChecked(self.builder.shape == CUSTOM)
        self._on_show_expression_toggled(self.show_expression.isChecked())
        self._shown_category = self.category
        self._label_categories()

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        """An undo or redo (of this rule or another edit): say each category's rule as
        stored now; the form follows unless the DPO has typed something not applied."""
        shown = self._shown_category
        clean = bool(shown) and not self._differs(self.rule(), self.stored_rule(shown))
        try:
            self.activity = services.get_activity(self.context.register.uow(),
                                                  self.activity.entity_id, self.activity.ref)
        except RegistreError:  # the activity itself was undone: nothing left to say
            return
        if clean and self._differs(self.rule(), self.stored_rule(shown)):
            self._shown_category = ""  # reload the form from the stored rule
            self._on_category_changed()
        else:
            self._label_categories()

    def _on_form_edited(self, *_args: object) -> None:
        if self._shown_category:  # not while a category is being loaded
            self._label_categories()

    def _on_rule_changed(self) -> None:
        self.template_id, self.template_version = "", 1  # by hand: not the template as is
        if self._building:
            return  # the builder writes the other expression too, then says it once
        self.builder.set_rule(self.delete_after.text(), self.active_until.text())
        self._on_form_edited()
        self._sync_event_edits()
        self._update_preview()
        self._update_words()
        self._on_show_expression_toggled(self.show_expression.isChecked())
        self.apply_button.setEnabled(self.delete_after.valid and self.active_until.valid)

    # --- the builder, the words and the expression ----------------------------------------
    def _on_builder_built(self, delete_after: str, active_until: str) -> None:
        self._building = True
        try:
            self.delete_after.set_text(delete_after)
            self.active_until.set_text(active_until)
        finally:
            self._building = False
        self._on_rule_changed()

    def _on_builder_shape_changed(self, _index: int) -> None:
        """A shape chosen: the builder says the rule (its expression behind "Voir
        l'expression"); "Autre règle": the DPO writes the expression."""
        self.show_expression.setChecked(self.builder.shape == CUSTOM)

    def _on_show_expression_toggled(self, checked: bool) -> None:
        for field in (self.delete_after, self.active_until):
            self.form.setRowVisible(field, checked or field.error is not None)

    def _update_words(self) -> None:
        t = self.texts
        if self.delete_after.error is not None or self.active_until.error is not None:
            words = t.t("La règle n'est pas encore lisible : voyez le message sous son "
                        "expression.")
        elif not self.delete_after.text().strip():
            words = t.t("Aucune règle : choisissez une forme ci-dessus ou un modèle de la "
                        "bibliothèque.")
        else:
            words = rule_sentence(self.delete_after.text(), self.active_until.text(), t.lang)
        self.words.setText(words)
        self.words.setToolTip(self.delete_after.text())

    def _event_words(self, name: str) -> str:
        """An event as the preview names it ("Date du dernier séjour")."""
        label = event_label(name, self.texts.lang)
        return label[:1].upper() + label[1:]

    def _sync_event_edits(self) -> None:
        names: list[str] = []
        for field in (self.delete_after, self.active_until):
            if field.rule is not None:
                names += [n for n in dict.fromkeys(e.name for e in field.rule.event_nodes)
                          if n not in names]
        for name in list(self.event_edits):
            if name not in names:
                edit = self.event_edits.pop(name)
                row, _role = self.preview_form.getWidgetPosition(edit)
                if row >= 0:
                    self.preview_form.removeRow(row)
        for name in names:
            if name not in self.event_edits:
                edit = QLineEdit()
                edit.setObjectName(f"event-{name}")
                edit.setPlaceholderText(self.texts.t("AAAA-MM-JJ"))
                edit.textChanged.connect(self._on_event_text_changed)
                self.event_edits[name] = edit
                self.preview_form.addRow(self._event_words(name), edit)
                label = self.preview_form.labelForField(edit)
                if isinstance(label, QWidget):
                    label.setToolTip(name)  # the expression's name, for the expert
        # Tab: the rule's fields, the example dates, then the buttons (a row added later
        # would otherwise come after them)
        chain = [self.justification, *self.event_edits.values(),
                 *(self.buttons.button(b) for b in (QDialogButtonBox.StandardButton.Close,
                                                    QDialogButtonBox.StandardButton.Apply))]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _on_event_text_changed(self, _text: str) -> None:
        self._update_preview()

    def _update_preview(self) -> None:
        t = self.texts.t
        events: dict[str, date | None] = {}
        bad: list[str] = []
        for name, edit in self.event_edits.items():
            text = edit.text().strip()
            if not text:
                events[name] = None
                continue
            try:
                events[name] = parse_user_date(text, name)
            except RegistreError:
                bad.append(name)
                events[name] = None
        lines: list[str] = []
        if bad:
            lines.append(t("Date illisible : ") + ", ".join(self._event_words(n) for n in bad))
        for label, field in (
            (tr_noop("Fin de la phase active"), self.active_until),
            (tr_noop("Dernier jour de conservation"),
             self.delete_after),
        ):
            if field.rule is None:
                continue
            try:
                deadline = field.rule.deadline(events)
            except RuleError as error:
                lines.append(f"{t(label)}{colon(self.texts.lang)}"
                             f"{describe(error, self.texts.lang)}")
                continue
            if deadline.date is None:
                value = t("indéterminé, il manque : ") + \
                    ", ".join(event_label(n, self.texts.lang) for n in deadline.missing)
            else:
                value = deadline.date.isoformat()
            lines.append(f"{t(label)}{colon(self.texts.lang)}{value}")
        self.preview_result.setText("\n".join(lines))

    def rule(self, code: str | None = None) -> RetentionRule:
        """The rule as the form says it, for the category shown (``code``: the category the
        form was showing); the written criteria of an undetermined period are kept."""
        stored = self.stored_rule(self.category if code is None else code)
        same = stored is not None and (stored.template_id, stored.template_version) == (
            self.template_id, self.template_version)  # a kept old version stays kept
        return RetentionRule(
            undetermined_criteria=stored.undetermined_criteria if stored else "",
            delete_after=self.delete_after.text().strip(),
            active_until=self.active_until.text().strip(),
            final_action=FinalAction(self.final_action.currentData()),
            legal_reference=self.reference.text().strip(),
            justification=self.justification.toPlainText().strip(),
            template_id=self.template_id,
            template_version=self.template_version,
            kept_template_version=stored.kept_template_version if stored and same else 0,
            kept_reason=stored.kept_reason if stored and same else "",
        )

    def _show_library_notice(self) -> None:
        """Say so when the category's rule comes from an older version of a template the
        library has corrected since (or why it was kept)."""
        from gui.retention.library_updates import library_notice  # it imports this module

        notice = library_notice(self.texts, self.stored_rule(self.category), self.library)
        if notice is not None:
            self.messages.show_message("library", *notice)

    def apply(self) -> bool:
        """Store the rule through an undoable command; errors are said on the form."""
        self.messages.clear_all()
        try:
            current = services.get_activity(self.context.register.uow(),
                                            self.activity.entity_id, self.activity.ref)
            command = SetRetentionRuleCommand(
                self.context, current, self.category, self.rule(),
                self.texts.t("règle de {ref} ({category})").format(
                    ref=self.activity.ref, category=category_words(self.category,
                                                                   self.texts.lang)))
            command.apply()  # what ``push`` does, with the refusal said on the form
        except RegistreError as error:
            self.messages.show_message("apply", describe(error, self.texts.lang))
            return False
        self.undo_stack.push(command)
        self.activity = services.get_activity(self.context.register.uow(),
                                              self.activity.entity_id, self.activity.ref)
        self._drafts.pop(self.category, None)
        self._label_categories()
        self.messages.show_message("applied", self.texts.t("Règle enregistrée."),
                                   Level.INFO)
        self._show_library_notice()
        self.rule_applied.emit(self.activity.ref, self.category)
        return True
