"""The rules of the register that differ from the corrected template library.

``LibraryUpdatesDialog`` (opened from the reminders bar) lists the rules copied from a
template the library has corrected since (``domain.library_updates``): activity, category,
template, the version stored and the library's. For the rule chosen it shows the current
rule and the corrected one side by side, in words, with the reason of the correction, and
two actions: adopt the corrected version, or keep the current rule with a justification.
Each is one undoable command on the window's stack; Ctrl+Z works in the dialog too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import RegistreError
from domain.library_updates import (
    LibraryUpdate,
    find_library_updates,
    kept_rule,
    library_updates,
    outdated_template,
)
from domain.model import ProcessingActivity, RetentionRule
from domain.rules.wording import rule_sentence
from domain.templates import TemplateLibrary, load_templates
from domain.vocabulary import Lang
from gui.messages import category_words, describe
from gui.retention.rule_editor import SetRetentionRuleCommand
from gui.typography import colon
from gui.undo import UndoContext
from gui.widgets import InlineMessages, Level, Texts

__all__ = ["LibraryUpdatesDialog", "library_notice"]

_KEY = Qt.ItemDataRole.UserRole  # (activity ref, category) of a listed rule


def library_notice(texts: Texts, rule: RetentionRule | None,
                   library: TemplateLibrary) -> tuple[str, Level] | None:
    """What the rule editor says of a rule copied from a template the library has corrected
    since: a warning while the DPO has not decided, a reminder of the reason once they kept
    it; None for any other rule."""
    template = library.get(rule.template_id) if rule is not None else None
    if rule is None or template is None or template.version <= rule.template_version:
        return None
    if outdated_template(rule, library) is None:  # kept for this version of the library
        return texts.t(
            "Règle gardée malgré la version {new} du modèle « {title} » : {reason}").format(
                new=template.version, title=template.title(texts.lang),
                reason=rule.kept_reason), Level.INFO
    return texts.t(
        "Cette règle vient de la version {old} du modèle « {title} », corrigé depuis "
        "(version {new}) : {changes} Pour adopter la correction, choisissez ce modèle dans "
        "la bibliothèque ; pour garder la règle, passez par le rappel « règles qui diffèrent "
        "de la bibliothèque corrigée ».").format(
            old=rule.template_version, new=template.version,
            title=template.title(texts.lang), changes=template.changes(texts.lang)), \
        Level.WARNING


class LibraryUpdatesDialog(QDialog):
    """The rules to review after a correction of the library, and what to do with each."""

    updates_listed = Signal(int)  # how many rules are listed, after each refresh

    def __init__(self, context: UndoContext, undo_stack: QUndoStack, texts: Texts,
                 library: TemplateLibrary | None = None,
                 entity_statuses: Mapping[int, str] | None = None,
                 parent: QWidget | None = None,
                 activities: Callable[[], Sequence[ProcessingActivity]] | None = None
                 ) -> None:
        super().__init__(parent)
        self.context, self.undo_stack, self.texts = context, undo_stack, texts
        # the window's activities, kept up to date by its commands (no read of the register
        # on the GUI thread); None: read through the services
        self.activities = activities
        self.library = library if library is not None else load_templates()
        # each entity's status (public, espic, private) by id; not given: public, the stricter
        self.entity_statuses = entity_statuses
        self.updates: tuple[LibraryUpdate, ...] = ()
        self.setObjectName("library-updates")
        self.resize(980, 620)
        t = texts
        t.bind(self.setWindowTitle, "Règles à revoir après la correction de la bibliothèque")

        intro = QLabel()
        intro.setWordWrap(True)
        t.bind(intro.setText,
               "La bibliothèque de règles a été corrigée depuis que ces règles en ont été "
               "copiées. Pour chacune, adoptez la version corrigée ou gardez la règle "
               "actuelle en disant pourquoi.")
        self.list = QListWidget()
        self.list.setObjectName("updates")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setMaximumWidth(330)

        self.current_box, self.current_words = self._rule_box("current-rule")
        self.new_box, self.new_words = self._rule_box("corrected-rule")
        sides = QHBoxLayout()
        sides.addWidget(self.current_box, 1)
        sides.addWidget(self.new_box, 1)
        self.reason_box = QGroupBox()
        t.bind(self.reason_box.setTitle, "Pourquoi la bibliothèque a été corrigée")
        self.reason = QLabel()
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.reason_box).addWidget(self.reason)
        justification_label = QLabel()
        t.bind(justification_label.setText,
               "Pour garder la règle actuelle, dites pourquoi (gardé au registre et au "
               "journal) :")
        self.justification = QPlainTextEdit()
        self.justification.setObjectName("keep-justification")
        self.justification.setMaximumHeight(64)
        self.justification.setTabChangesFocus(True)
        justification_label.setBuddy(self.justification)
        self.adopt_button = QPushButton()
        self.adopt_button.setObjectName("adopt")
        t.bind(self.adopt_button.setText, "Adopter la version corrigée")
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("keep")
        t.bind(self.keep_button.setText, "Garder la règle actuelle")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        t.bind(self.close_button.setText, "Fermer")
        # Enter neither adopts, keeps nor closes (losing a justification being typed):
        # only a click or the button's own key does
        for button in (self.adopt_button, self.keep_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.messages = InlineMessages()

        details = QVBoxLayout()
        details.addLayout(sides)
        details.addWidget(self.reason_box)
        details.addWidget(justification_label)
        details.addWidget(self.justification)
        actions = QHBoxLayout()
        actions.addWidget(self.adopt_button)
        actions.addWidget(self.keep_button)
        actions.addStretch(1)
        details.addLayout(actions)
        details.addStretch(1)
        details.addWidget(self.messages)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addLayout(details, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        # Ctrl+Z / Ctrl+Shift+Z here too: the window's actions do not reach a dialog
        self.undo_action = undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = undo_stack.createRedoAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([self.undo_action, self.redo_action])

        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.adopt_button.clicked.connect(self.adopt)
        self.keep_button.clicked.connect(self.keep)
        self.buttons.rejected.connect(self.reject)
        undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        t.on_switch(self._on_texts_switched)
        self.refresh()

    def _rule_box(self, name: str) -> tuple[QGroupBox, QLabel]:
        box = QGroupBox()
        box.setObjectName(name)
        words = QLabel()
        words.setObjectName(f"{name}-words")
        words.setWordWrap(True)
        words.setTextFormat(Qt.TextFormat.PlainText)
        words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QVBoxLayout(box).addWidget(words)
        return box, words

    # --- the list ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the register again; the rule shown stays chosen while it is listed."""
        try:
            self.updates = library_updates(
                self.context.register.uow(), self.library, statuses=self.entity_statuses
            ) if self.activities is None else find_library_updates(
                self.activities(), self.library, self.entity_statuses)
        except RegistreError as error:
            self.messages.show_message("read", describe(error, self.texts.lang))
            return
        chosen = self.current()
        keep = (chosen.activity_ref, chosen.category) if chosen is not None else None
        old_row = max(self.list.currentRow(), 0)  # the next one takes the place of one gone
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for update in self.updates:
                item = QListWidgetItem(self._item_text(update))
                item.setData(_KEY, (update.activity_ref, update.category))
                self.list.addItem(item)
            keys = [(u.activity_ref, u.category) for u in self.updates]
            row = keys.index(keep) if keep in keys else min(old_row, len(keys) - 1)
            self.list.setCurrentRow(row)
        finally:
            self.list.blockSignals(False)
        self._show_current()
        self.updates_listed.emit(len(self.updates))

    def _item_text(self, update: LibraryUpdate) -> str:
        lang = self.texts.lang
        return (f"{update.activity_ref} — {category_words(update.category, lang)}\n"
                f"{update.template.title(lang)}\n" + self.texts.t(
                    "version {old} → {new}").format(
                        old=update.stored_version, new=update.library_version))

    def current(self) -> LibraryUpdate | None:
        """The rule chosen in the list."""
        item = self.list.currentItem()
        if item is None:
            return None
        key = tuple(item.data(_KEY))
        return next((u for u in self.updates if (u.activity_ref, u.category) == key), None)

    def choose(self, ref: str, category: str) -> bool:
        for row in range(self.list.count()):
            if tuple(self.list.item(row).data(_KEY)) == (ref, category):
                self.list.setCurrentRow(row)
                return True
        return False

    def _on_list_current_changed(self, *_args: object) -> None:
        self.messages.clear_all()
        self.justification.clear()
        self._show_current()

    def _show_current(self) -> None:
        update = self.current()
        t = self.texts
        for widget in (self.adopt_button, self.keep_button, self.justification):
            widget.setEnabled(update is not None)
        if update is None:
            self.current_box.setTitle(t.t("Règle actuelle"))
            self.new_box.setTitle(t.t("Version corrigée"))
            for label in (self.current_words, self.new_words, self.reason):
                label.clear()
            self.messages.show_message("none", t.t(
                "Aucune règle ne diffère de la bibliothèque corrigée."), Level.INFO)
            return
        self.messages.clear_message("none")
        self.current_box.setTitle(t.t("Règle actuelle (modèle version {version})").format(
                                          version=update.stored_version))
        self.new_box.setTitle(t.t("Version corrigée (version {version})").format(
                                      version=update.library_version))
        self.current_words.setText(self._rule_words(update.old))
        self.new_words.setText(self._rule_words(update.new))
        self.reason.setText(update.reason(t.lang))

    def _rule_words(self, rule: RetentionRule) -> str:
        lang: Lang = self.texts.lang
        sep = colon(lang)
        action = self.context.voc.final_actions[rule.final_action.value].label(lang)
        lines = [rule_sentence(rule.delete_after, rule.active_until, lang)
                 or rule.undetermined_criteria,
                 f"{self.texts.t('Sort final')}{sep}{action}",
                 f"{self.texts.t('Référence')}{sep}{rule.legal_reference}"]
        return "\n\n".join(lines)

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self.refresh()  # an action here, its undo, or any other edit of the register

    def _on_texts_switched(self, _lang: Lang) -> None:
        self.refresh()

    # --- the actions -------------------------------------------------------------------------
    def adopt(self) -> bool:
        """Replace the chosen rule by the template's corrected version (undoable)."""
        update = self.current()
        if update is None:
            return False
        return self._push(update, update.new, self.texts.t(
            "adoption du modèle corrigé pour {ref} ({category})"))

    def keep(self) -> bool:
        """Keep the chosen rule, with the justification typed (undoable)."""
        update = self.current()
        if update is None:
            return False
        try:
            rule = kept_rule(update.old, update.template, self.justification.toPlainText())
        except RegistreError:
            self.messages.show_message("keep", self.texts.t(
                "Dites pourquoi vous gardez la règle actuelle : la justification est "
                "gardée au registre."), Level.WARNING)
            self.justification.setFocus()
            return False
        return self._push(update, rule, self.texts.t(
            "règle gardée malgré la correction pour {ref} ({category})"))

    def _push(self, update: LibraryUpdate, rule: RetentionRule, text: str) -> bool:
        self.messages.clear_all()
        try:
            activity = services.get_activity(self.context.register.uow(), update.entity_id,
                                             update.activity_ref)
            command = SetRetentionRuleCommand(
                self.context, activity, update.category, rule, text.format(
                    ref=update.activity_ref,
                    category=category_words(update.category, self.texts.lang)))
            command.apply()  # what ``push`` does, with the refusal said here
        except RegistreError as error:
            self.messages.show_message("action", describe(error, self.texts.lang))
            return False
        self.undo_stack.push(command)  # the list follows (indexChanged)
        return True
