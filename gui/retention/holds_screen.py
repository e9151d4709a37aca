"""The legal holds screen.

Top: every hold of the register, active ones first (activity, what it covers, from, to,
reason, who created it, state), filtered by state. Below, left: a new hold on an activity,
one of its categories, or listed records (ids pasted as a column, or read from a CSV/XLSX
column off the GUI thread); right: end the selected hold on a date, or withdraw a hold put
by mistake (after saying why). Each action is one transaction of ``storage.holds``, audited
there; refusals are said inline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.errors import RegistreError
from domain.holds import HoldScope, LegalHold, parse_record_ids
from domain.model import ProcessingActivity
from domain.vocabulary import Lang, Vocabularies
from gui.clock import Clock, clock_of
from gui.i18n import tr_noop, translate
from gui.messages import category_words
from gui.retention import words
from gui.retention.today import DayField, date_edit, every_minute
from gui.retention.worker import BackgroundTask, Progress
from gui.typography import number
from gui.widgets import InlineMessages, Level, Texts, pydate, qdate
from storage.holds import (
    HoldRequest,
    IdColumns,
    add_hold,
    end_hold,
    list_holds,
    read_id_columns,
    unknown_record_ids,
    withdraw_hold,
)
from storage.register import Register

__all__ = ["HoldsScreen", "choose_ids_file", "describe"]

HOLD_ROLE = Qt.ItemDataRole.UserRole
SHOWN_IDS = 5  # ids said after the count of pasted ids

HOLD_TEMPLATES: dict[str, tuple[str, str]] = {
    "hold.ended": ("ce gel juridique est déjà terminé (le {value}) : il ne peut pas être "
                   "terminé de nouveau", "this legal hold has already ended (on {value}): it "
                   "cannot be ended again"),
    "hold.not_found": ("le gel juridique n° {key} n'existe plus",
                       "legal hold {key} no longer exists"),
    "hold.no_reason": ("un gel juridique a besoin de son motif", "a legal hold needs a reason"),
    "hold.no_why": ("dites pourquoi ce gel est retiré", "say why this hold is withdrawn"),
}


def _hold_code(error: RegistreError) -> str:
    if error.code == "field.required" and error.params.get("field") == "reason":
        return "hold.no_reason"
    if error.code == "field.required" and error.params.get("field") == "why":
        return "hold.no_why"
    if error.code == "register.not_found" and error.params.get("what") == "legal_hold":
        return "hold.not_found"
    return error.code


def describe(error: RegistreError, lang: Lang = "fr") -> str:
    """The words of a refused hold; any other error as the review screen says it."""
    template = HOLD_TEMPLATES.get(_hold_code(error))
    if template is None:
        return words.describe(error, lang)
    text = template[0 if lang == "fr" else 1].format_map(
        {k: str(v) for k, v in error.params.items()})
    return text[:1].upper() + text[1:]


def choose_ids_file(parent: QWidget | None, lang: Lang) -> Path | None:
    """Ask for a file of record ids (replaced in tests)."""
    title = translate("Choisir un fichier d'identifiants")
    name, _filter = QFileDialog.getOpenFileName(
        parent, title, "", "CSV, Excel, OpenDocument (*.csv *.txt *.xlsx *.xls *.ods)")
    return Path(name) if name else None


def ask_why_withdrawn(parent: QWidget, texts: Texts, hold: str) -> str | None:
    """Why the DPO withdraws ``hold`` (its description), or None: not withdrawn (replaced in
    tests)."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("withdraw-hold")
    dialog.setWindowTitle(texts.t("Retirer un gel saisi par erreur"))
    dialog.setLabelText(texts.t(
        "Retirer le gel {hold} ?\n\nIl disparaît de la liste et ses jours ne reportent plus "
        "aucune échéance, comme s'il n'avait jamais existé ; le journal d'audit garde tout ce "
        "qu'il disait. Un gel qui a pris fin se termine, il ne se retire pas.\n\n"
        "Pourquoi le retirer ?").format(hold=hold))
    for label in dialog.findChildren(QLabel):  # a paragraph, not one line a screen wide
        label.setWordWrap(True)
    dialog.resize(520, dialog.sizeHint().height())
    return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = date_edit(day, name)
    edit.setMaximumWidth(140)
    return edit


class HoldsScreen(QDialog):
    """See, create and end legal holds."""

    holds_changed = Signal()  # a hold was created, ended or withdrawn
    create_finished = Signal()  # a creation ended: stored or refused (the form says which)
    ids_read = Signal()  # a file of ids was read (or refused, or cancelled)

    def __init__(self, register: Register, voc: Vocabularies, texts: Texts,
                 today: date | Clock, activities: Sequence[ProcessingActivity], ref: str = "",
                 now: Callable[[], str] = _now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register, self.voc, self.texts, self.now = register, voc, texts, now
        self.clock = clock_of(today)  # "today" read at the moment of each action
        today = self.clock()
        self.activities = [a for a in activities if a.id is not None]
        self.holds: list[LegalHold] = []
        self.columns: IdColumns | None = None
        self.task: BackgroundTask | None = None  # reading a file of ids
        self.create_task: BackgroundTask | None = None
        self._scope_shown: HoldScope | None = None  # the scope the form was laid out for
        self._day_shown: date | None = None
        self.setObjectName("holds-screen")
        self.resize(1180, 760)
        t = texts
        t.bind(self.setWindowTitle, "Gels juridiques")

        # --- the list -------------------------------------------------------------------
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("state-filter")
        for key in ("all", "active", "ended"):
            self.state_filter.addItem("", key)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("holds")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        filter_row = QHBoxLayout()
        filter_label = QLabel()
        t.bind(filter_label.setText, "Afficher")
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.state_filter)
        filter_row.addStretch(1)
        filter_row.addWidget(self.count_label)

        # --- a new hold -----------------------------------------------------------------
        self.new_box = QGroupBox()
        self.new_box.setObjectName("new-hold")
        t.bind(self.new_box.setTitle, "Nouveau gel juridique")
        self.activity_combo = QComboBox()
        self.activity_combo.setObjectName("activity")
        for activity in self.activities:
            self.activity_combo.addItem(f"{activity.ref} — {activity.name}",
                                        (activity.entity_id, activity.ref))
        self.scope_buttons: dict[HoldScope, QRadioButton] = {}
        self.scope_group = QButtonGroup(self)
        scope_row = QHBoxLayout()
        for scope, label_text in (
                (HoldScope.ACTIVITY, tr_noop("Tout le traitement")),
                (HoldScope.CATEGORY, tr_noop("Une catégorie")),
                (HoldScope.RECORDS, tr_noop("Des enregistrements"))):
            button = QRadioButton()
            button.setObjectName(f"scope-{scope.value}")
            t.bind(button.setText, label_text)
            self.scope_buttons[scope] = button
            self.scope_group.addButton(button)
            scope_row.addWidget(button)
        scope_row.addStretch(1)
        self.scope_buttons[HoldScope.ACTIVITY].setChecked(True)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("category")
        self.ids_edit = QPlainTextEdit()
        self.ids_edit.setObjectName("record-ids")
        t.bind(self.ids_edit.setPlaceholderText,
               "Collez ici une colonne d'identifiants (un par ligne)")
        self.ids_edit.setFixedHeight(78)
        self.file_button = QPushButton()
        self.file_button.setObjectName("ids-file")
        t.bind(self.file_button.setText, "Depuis un fichier…")
        self.column_combo = QComboBox()
        self.column_combo.setObjectName("ids-column")
        self.column_label = QLabel()
        t.bind(self.column_label.setText, "Colonne")
        self.read_progress = QProgressBar()
        self.read_progress.setRange(0, 0)
        self.read_progress.setMaximumWidth(120)
        self.read_cancel = QPushButton()
        self.read_cancel.setObjectName("ids-cancel")
        t.bind(self.read_cancel.setText, "Annuler")
        self.ids_label = QLabel()
        self.ids_label.setObjectName("ids-count")
        self.ids_label.setWordWrap(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_button)
        file_row.addWidget(self.column_label)
        file_row.addWidget(self.column_combo, 1)
        file_row.addWidget(self.read_progress)
        file_row.addWidget(self.read_cancel)
        file_row.addStretch(0)
        self.records_widget = QWidget()
        records_layout = QVBoxLayout(self.records_widget)
        records_layout.setContentsMargins(0, 0, 0, 0)
        records_layout.addWidget(self.ids_edit)
        records_layout.addLayout(file_row)
        records_layout.addWidget(self.ids_label)
        self.starts_on = _date_edit(today, "starts-on")
        self.starts_day = DayField(self.starts_on, self.clock)
        self.has_end = QCheckBox()
        self.has_end.setObjectName("has-end")
        t.bind(self.has_end.setText, "jusqu'au")
        self.ends_on = _date_edit(today, "ends-on")
        self.ends_on.setEnabled(False)
        dates_row = QHBoxLayout()
        dates_row.addWidget(self.starts_on)
        dates_row.addWidget(self.has_end)
        dates_row.addWidget(self.ends_on)
        dates_row.addStretch(1)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        t.bind(self.reason.setPlaceholderText,
               "Recours, réquisition judiciaire, contrôle… (référence du dossier)")
        self.create_button = QPushButton()
        self.create_button.setObjectName("create")
        t.bind(self.create_button.setText, "Créer le gel")
        new_form = QFormLayout(self.new_box)
        self.category_label = QLabel()
        labels = []
        for label_text, item in ((tr_noop("Traitement"), self.activity_combo),
                                 (tr_noop("Portée"), scope_row),
                                 (tr_noop("Catégorie"), self.category_combo),
                                 (tr_noop("Enregistrements"), self.records_widget),
                                 (tr_noop("À partir du"), dates_row),
                                 (tr_noop("Motif"), self.reason)):
            label = self.category_label if item is self.category_combo else QLabel()
            t.bind(label.setText, label_text)
            labels.append(label)
            new_form.addRow(label, item)  # type: ignore[call-overload]
        self.records_label = labels[3]
        create_row = QHBoxLayout()
        create_row.addStretch(1)
        create_row.addWidget(self.create_button)
        new_form.addRow(create_row)

        # --- ending ---------------------------------------------------------------------
        self.end_box = QGroupBox()
        self.end_box.setObjectName("end-hold")
        t.bind(self.end_box.setTitle, "Gel sélectionné")
        self.selected_label = QLabel()
        self.selected_label.setObjectName("selected-hold")
        self.selected_label.setWordWrap(True)
        self.selected_label.setTextFormat(Qt.TextFormat.PlainText)
        self.end_on = _date_edit(today, "end-on")
        self.end_day = DayField(self.end_on, self.clock)
        self.end_button = QPushButton()
        self.end_button.setObjectName("end")
        t.bind(self.end_button.setText, "Terminer le gel")
        end_hint = QLabel()
        end_hint.setWordWrap(True)
        end_hint.setStyleSheet("color: palette(mid);")
        t.bind(end_hint.setText,
               "Le gel couvre les jours jusqu'à la veille de cette date ; les échéances "
               "sont reportées d'autant.")
        end_form = QFormLayout(self.end_box)
        end_form.addRow(self.selected_label)
        end_label = QLabel()
        t.bind(end_label.setText, "Fin le")
        end_form.addRow(end_label, self.end_on)
        end_form.addRow(end_hint)
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdraw")
        t.bind(self.withdraw_button.setText, "Retirer ce gel…")
        t.bind(self.withdraw_button.setToolTip,
               "Pour un gel saisi par erreur : il disparaît et ses jours ne comptent plus")
        end_row = QHBoxLayout()
        end_row.addWidget(self.withdraw_button)
        end_row.addStretch(1)
        end_row.addWidget(self.end_button)
        end_form.addRow(end_row)

        self.messages = InlineMessages()
        panels = QHBoxLayout()
        panels.addWidget(self.new_box, 3)
        panels.addWidget(self.end_box, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(panels)
        layout.addWidget(self.messages)

        self.state_filter.currentIndexChanged.connect(self._on_state_filter_changed)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.activity_combo.currentIndexChanged.connect(self._on_activity_changed)
        self.scope_group.buttonToggled.connect(self._on_scope_toggled)
        self.ids_edit.textChanged.connect(self._on_ids_text_changed)
        self.file_button.clicked.connect(self._on_file_clicked)
        self.column_combo.currentIndexChanged.connect(self._on_column_changed)
        self.read_cancel.clicked.connect(self._on_read_cancel_clicked)
        self.has_end.toggled.connect(self.ends_on.setEnabled)
        self.create_button.clicked.connect(self._on_create_clicked)
        self.end_button.clicked.connect(self._on_end_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_clicked)
        for button in self.findChildren(QPushButton):  # Enter never creates nor ends a hold
            button.setAutoDefault(False)
            button.setDefault(False)
        t.on_switch(self._relabel)

        if ref:
            self.activity_combo.setCurrentIndex(
                max(0, next((i for i, a in enumerate(self.activities) if a.ref == ref), 0)))
        self._relabel(t.lang)
        self._show_reading(False)
        self._on_activity_changed()
        self._on_scope_toggled()
        self.reload()
        self.day_timer = every_minute(self, self._on_day_timer_timeout)

    def _on_day_timer_timeout(self) -> None:
        """Midnight passed with the screen open: the dates left on today show the new day,
        and the states of the holds ("Actif depuis…") are said again."""
        self.starts_day.refresh()
        self.end_day.refresh()
        if self.today != self._day_shown:
            self._fill()
    @property
    def today(self) -> date:
        """Today's date, read now from the clock (a screen left open over midnight)."""
        return self.clock()

    # --- words ----------------------------------------------------------------------------
    def _t(self, fr: str, en: str | None = None) -> str:
        return self.texts.t(fr, en)

    def _relabel(self, lang: Lang) -> None:
        with QSignalBlocker(self.state_filter):
            for index, label_text in enumerate((
                    self._t("Actifs et terminés"), self._t("Actifs"),
                    self._t("Terminés"))):
                self.state_filter.setItemText(index, label_text)
        self.table.setHorizontalHeaderLabels([
            self._t("Traitement"), self._t("Portée"),
            self._t("Du"), self._t("Au"), self._t("Motif"),
            self._t("Créé par"), self._t("État")])
        if self.holds:
            self._fill()
        self._on_activity_changed()
        self._on_ids_text_changed()
        self._on_table_selection_changed()

    def _say(self, error: RegistreError) -> None:
        self.messages.show_message("error", describe(error, self.texts.lang))

    def scope_words(self, hold: LegalHold) -> str:
        if hold.scope is HoldScope.RECORDS:
            lang = self.texts.lang
            where = f" ({category_words(hold.category, lang)})" if hold.category else ""
            return self.texts.t("%n enregistrement(s){where}", n=hold.record_count).format(
                where=where)  # "1 record", "3 records" in English
        if hold.scope is HoldScope.CATEGORY:
            return self._t("Catégorie {category}").format(
                category=category_words(hold.category, self.texts.lang))
        return self._t("Tout le traitement")

    def state_words(self, hold: LegalHold) -> str:
        if hold.has_ended(self.today):
            return self._t("Terminé le {ends_on}").format(ends_on=hold.ends_on)
        if hold.starts_on > self.today:
            return self._t("À venir (le {starts_on})").format(starts_on=hold.starts_on)
        days = (self.today - hold.starts_on).days
        if hold.ends_on is not None:
            return self._t("Actif — fin le {ends_on}").format(ends_on=hold.ends_on)
        if days == 0:
            return self._t("Actif depuis aujourd'hui")
        if days == 1:
            return self._t("Actif depuis hier")
        return self._t("Actif depuis {days} jours").format(
            days=number(days, self.texts.lang))

    # --- the list -------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_hold_id()
        holds = list_holds(self.register.uow())
        # active (or to come) first, then ended; latest start first within each
        self.holds = sorted(holds, key=lambda h: (h.has_ended(self.today),
                                                  -h.starts_on.toordinal(), -h.id))
        self._fill(keep)

    def shown_holds(self) -> list[LegalHold]:
        state = self.state_filter.currentData()
        if state == "active":
            return [h for h in self.holds if not h.has_ended(self.today)]
        if state == "ended":
            return [h for h in self.holds if h.has_ended(self.today)]
        return list(self.holds)

    def _fill(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.selected_hold_id()
        self._day_shown = self.today  # the day the states are said for
        shown = self.shown_holds()
        with QSignalBlocker(self.table):
            self.table.clearSelection()
            self.table.setRowCount(len(shown))
            for row, hold in enumerate(shown):
                ended = hold.has_ended(self.today)
                created = hold.created_by + (f" ({hold.created_at[:10]})"
                                             if hold.created_at else "")
                cells = [hold.activity, self.scope_words(hold), hold.starts_on.isoformat(),
                         hold.ends_on.isoformat() if hold.ends_on else "—", hold.reason,
                         created, self.state_words(hold)]
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if column == 0:
                        item.setData(HOLD_ROLE, hold.id)
                        item.setToolTip(self._activity_name(hold))
                    if column == 1 and hold.record_ids:
                        more = "…" if hold.record_count > len(hold.record_ids) else ""
                        item.setToolTip(", ".join(hold.record_ids) + more)
                    if column == 4:
                        item.setToolTip(hold.reason)
                    if ended:
                        item.setForeground(self.palette().placeholderText())
                    self.table.setItem(row, column, item)
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(
                4, QHeaderView.ResizeMode.Stretch)
        active = sum(1 for h in self.holds if not h.has_ended(self.today))
        self.count_label.setText(self._t(
            "{active} actif(s), {holds} terminé(s)").format(
                active=active, holds=len(self.holds) - active))
        if keep is not None:
            self.select_hold(keep)
        self._on_table_selection_changed()

    def _activity_name(self, hold: LegalHold) -> str:
        return next((f"{a.ref} — {a.name}" for a in self.activities
                     if a.ref == hold.activity and a.entity_id == hold.entity_id),
                    hold.activity)

    def _on_state_filter_changed(self, _index: int = 0) -> None:
        self._fill()

    def select_hold(self, hold_id: int) -> bool:
        """Select the hold in the list (shown whatever the filter hides); False if unknown."""
        if not any(h.id == hold_id for h in self.shown_holds()):
            if not any(h.id == hold_id for h in self.holds):
                return False
            self.state_filter.setCurrentIndex(0)  # refills
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(HOLD_ROLE) == hold_id:
                self.table.selectRow(row)
                self.table.scrollToItem(item)
                return True
        return False

    def selected_hold_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(HOLD_ROLE)) if item is not None else None

    def selected_hold(self) -> LegalHold | None:
        hold_id = self.selected_hold_id()
        return next((h for h in self.holds if h.id == hold_id), None)

    def _on_table_selection_changed(self) -> None:
        hold = self.selected_hold()
        can_end = hold is not None and not hold.has_ended(self.today)
        self.end_button.setEnabled(can_end)
        self.withdraw_button.setEnabled(hold is not None)
        self.end_on.setEnabled(can_end)
        if hold is None:
            self.selected_label.setText(self._t("Choisissez un gel dans la liste."))
            return
        self.selected_label.setText(self._t(
            "{activity} — {scope_words}, depuis le {starts_on} : {reason}").format(
                activity=hold.activity, scope_words=self.scope_words(hold),
                starts_on=hold.starts_on, reason=hold.reason))
        if can_end:
            self.end_on.setMinimumDate(qdate(hold.starts_on).addDays(1))
            if hold.ends_on is not None and hold.ends_on > self.today:
                self.end_on.setMaximumDate(qdate(hold.ends_on).addDays(-1))
            else:
                self.end_on.clearMaximumDate()
            if self.today > hold.starts_on:
                self.end_day.reset()  # today, read again when the hold is ended
            else:
                self.end_on.setDate(qdate(hold.starts_on).addDays(1))

    # --- ending ---------------------------------------------------------------------------
    def _on_end_clicked(self) -> None:
        hold = self.selected_hold()
        if hold is None:
            return
        self.messages.clear_all()
        try:
            ended = end_hold(self.register.uow(), hold.id, self.end_day.value(),
                             self.now())
        except RegistreError as error:
            self._say(error)
            self.reload()
            return
        self.messages.show_message("done", self._t(
            "Gel juridique {activity} ({scope_words}) terminé le {ends_on}.").format(
                activity=ended.activity, scope_words=self.scope_words(ended),
                ends_on=ended.ends_on), Level.INFO)
        self.reload(ended.id)
        self.holds_changed.emit()

    def _on_withdraw_clicked(self) -> None:
        hold = self.selected_hold()
        if hold is None:
            return
        self.messages.clear_all()
        described = self._t("{activity} ({scope_words}, depuis le {starts_on})").format(
            activity=hold.activity, scope_words=self.scope_words(hold),
            starts_on=hold.starts_on)
        why = ask_why_withdrawn(self, self.texts, described)
        if why is None:
            return
        try:
            withdraw_hold(self.register.uow(), hold.id, why, self.now())
        except RegistreError as error:
            self._say(error)
            self.reload()
            return
        self.messages.show_message("done", self._t(
            "Gel juridique {hold} retiré : ses jours ne reportent plus aucune échéance."
        ).format(hold=described), Level.INFO)
        self.reload()
        self.holds_changed.emit()

    # --- a new hold -----------------------------------------------------------------------
    def activity(self) -> ProcessingActivity | None:
        index = self.activity_combo.currentIndex()
        return self.activities[index] if 0 <= index < len(self.activities) else None

    def scope(self) -> HoldScope:
        return next(s for s, b in self.scope_buttons.items() if b.isChecked())

    def _on_activity_changed(self, _index: int = 0) -> None:
        current = self.category_combo.currentData()
        with QSignalBlocker(self.category_combo):
            self.category_combo.clear()
            if self.scope() is HoldScope.RECORDS:
                self.category_combo.addItem(self._t("(toutes les catégories)"), "")
            activity = self.activity()
            for use in activity.data_categories if activity is not None else ():
                term = self.voc.data_categories.get(use.code)
                label = use.label or (term.label(self.texts.lang) if term else use.code)
                self.category_combo.addItem(f"{label} ({use.code})", use.code)
            self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(current)))

    def _on_scope_toggled(self, *_args: object) -> None:
        scope = self.scope()
        self._on_activity_changed()
        if scope is HoldScope.RECORDS and self._scope_shown is not HoldScope.RECORDS:
            # listed records are a person's or a case's file: every category by default,
            # not the category the combo happened to show for another scope
            self.category_combo.setCurrentIndex(0)
        self._scope_shown = scope
        self.category_combo.setEnabled(scope is not HoldScope.ACTIVITY)
        self.category_label.setEnabled(scope is not HoldScope.ACTIVITY)
        self.records_widget.setEnabled(scope is HoldScope.RECORDS)
        self.records_label.setEnabled(scope is HoldScope.RECORDS)

    def record_ids(self) -> list[str]:
        return parse_record_ids(self.ids_edit.toPlainText())

    def _on_ids_text_changed(self) -> None:
        ids = self.record_ids()
        if not ids:
            self.ids_label.setText(self._t("Aucun identifiant."))
            return
        shown = ", ".join(ids[:SHOWN_IDS]) + (", …" if len(ids) > SHOWN_IDS else "")
        self.ids_label.setText(self._t("{ids} identifiant(s) : {shown}").format(
                                           ids=number(len(ids), self.texts.lang), shown=shown))

    def _show_reading(self, reading: bool) -> None:
        self.read_progress.setVisible(reading)
        self.read_cancel.setVisible(reading)
        self.file_button.setEnabled(not reading)
        has_columns = self.columns is not None and len(self.columns.headers) > 1
        self.column_combo.setVisible(has_columns and not reading)
        self.column_label.setVisible(has_columns and not reading)

    def _on_file_clicked(self) -> None:
        path = choose_ids_file(self, self.texts.lang)  # a module global: tests replace it
        if path is not None:
            self.read_file(path)

    def read_file(self, path: Path) -> None:
        """Read the ids of ``path`` off the GUI thread; ``ids_read`` when done."""
        if self.task is not None and self.task.is_running:
            return
        self.messages.clear_message("file")

        def work(_progress: Progress, _cancelled: Callable[[], bool]) -> IdColumns:
            return read_id_columns(path)

        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(self._on_read_succeeded)
        self.task.failed.connect(self._on_read_failed)
        self.task.finished.connect(self._on_read_finished)
        self._show_reading(True)
        self.task.start()

    def _on_read_cancel_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()  # the file is dropped when read
            self._show_reading(False)

    def _on_read_succeeded(self, columns: IdColumns) -> None:
        if self.task is not None and self.task.is_cancelled:
            return
        self.columns = columns
        with QSignalBlocker(self.column_combo):
            self.column_combo.clear()
            for header in columns.headers:
                self.column_combo.addItem(header)
            self.column_combo.setCurrentIndex(columns.suggested())
        self._on_column_changed()

    def _on_column_changed(self, _index: int = 0) -> None:
        if self.columns is None:
            return
        self.scope_buttons[HoldScope.RECORDS].setChecked(True)
        self.ids_edit.setPlainText("\n".join(self.columns.ids(self.column_combo.currentIndex())))
        name = Path(self.columns.file).name
        self.messages.show_message("file", self._t(
            "{name} : colonne « {column_combo} » lue.").format(
                name=name, column_combo=self.column_combo.currentText()), Level.INFO)

    def _on_read_failed(self, error: RegistreError) -> None:
        if self.task is not None and self.task.is_cancelled:
            return
        self.messages.show_message("file", describe(error, self.texts.lang))

    def _on_read_finished(self) -> None:
        self._show_reading(False)
        self.ids_read.emit()

    def request(self) -> HoldRequest | None:
        """The hold the form describes, or None (said inline) when it misses something."""
        activity = self.activity()
        if activity is None:
            self.messages.show_message("error", self._t(
                "Choisissez d'abord un traitement."))
            return None
        scope = self.scope()
        category = str(self.category_combo.currentData() or "") \
            if scope is not HoldScope.ACTIVITY else ""
        if scope is HoldScope.CATEGORY and not category:
            self.messages.show_message("error", self._t(
                "Le traitement {ref} n'a pas de catégorie de données.").format(ref=activity.ref))
            return None
        ids = self.record_ids() if scope is HoldScope.RECORDS else []
        if scope is HoldScope.RECORDS and not ids:
            self.messages.show_message("error", self._t(
                "Collez les identifiants des enregistrements à geler, ou lisez-les d'un "
                "fichier."))
            return None
        return HoldRequest(
            entity_id=activity.entity_id, activity_ref=activity.ref,
            starts_on=self.starts_day.value(), reason=self.reason.text(),
            ends_on=pydate(self.ends_on.date()) if self.has_end.isChecked() else None,
            category=category, record_ids=ids)

    def _on_create_clicked(self) -> None:
        """Store the hold off the GUI thread (a requisition may list 100,000 ids), then
        check its ids against the inventories; ``create_finished`` when done."""
        if self.create_task is not None and self.create_task.is_running:
            return
        self.messages.clear_all()
        request = self.request()
        if request is None:
            self.create_finished.emit()
            return
        register, now = self.register, self.now()

        def work(_progress: Progress, _cancelled: Callable[[], bool]
                 ) -> tuple[HoldRequest, int, list[str] | None]:
            hold_id = add_hold(register.uow(), request, now)
            unknown = unknown_record_ids(register.uow(), request.entity_id,
                                         request.activity_ref, request.category,
                                         request.record_ids) if request.record_ids else []
            return request, hold_id, unknown

        self.create_task = BackgroundTask(work, self)
        self.create_task.succeeded.connect(self._on_create_succeeded)
        self.create_task.failed.connect(self._say)
        self.create_task.finished.connect(self._on_create_finished)
        self.create_button.setEnabled(False)
        self.create_task.start()

    def _on_create_succeeded(self, result: tuple[HoldRequest, int, list[str] | None]) -> None:
        request, hold_id, unknown = result
        self.reload(hold_id)
        hold = self.selected_hold()
        if hold is not None:
            self.messages.show_message("done", self._t(
                "Gel juridique créé : {activity} ({scope_words}) à partir du {starts_on}.").format(
                    activity=hold.activity, scope_words=self.scope_words(hold),
                    starts_on=hold.starts_on), Level.INFO)
        if request.record_ids:
            self._warn_unknown(request, unknown)
        self.reason.clear()
        self.ids_edit.clear()
        self.columns = None
        self._show_reading(False)
        self.holds_changed.emit()

    def _on_create_finished(self) -> None:
        self.create_button.setEnabled(True)
        self.create_finished.emit()

    def _warn_unknown(self, request: HoldRequest, unknown: list[str] | None) -> None:
        """Held ids that no inventory of the activity holds (a typo, another system's id;
        None: no inventory): said as a warning; the hold covers them all the same."""
        where = f"{request.activity_ref} — {category_words(request.category, self.texts.lang)}" \
            if request.category else request.activity_ref
        if unknown is None:
            self.messages.show_message("unknown", self._t(
                "Aucun inventaire n'est chargé pour {where} : les identifiants n'ont pas pu être "
                "vérifiés.").format(where=where),
                Level.WARNING)
        elif unknown:
            shown = ", ".join(unknown[:SHOWN_IDS]) + (", …" if len(unknown) > SHOWN_IDS
                                                      else "")
            count = len(unknown)
            self.messages.show_message("unknown", self._t(
                "{count} identifiant(s) absent(s) des inventaires de {where} : {shown}. "
                "Le gel les couvre tout de même ; vérifiez-les.").format(
                    count=number(count, self.texts.lang), where=where, shown=shown),
                Level.WARNING)

    def reject(self) -> None:
        if self.task is not None and self.task.is_running:
            self.task.cancel()
            self.task.wait(10)
        if self.create_task is not None and self.create_task.is_running:
            return  # the hold is being stored: the screen stays until it is
        super().reject()
