"""The quarterly retention review screen.

Top: start a review as of a date (the check runs off the GUI thread, with progress and
Cancel). Left: past reviews with their figures. Right: the selected review: how it compares
with the previous signed one ("42 en retard au trimestre précédent, 3 maintenant"), its
findings grouped by activity, category and status with how many are decided, the records
of a group with their deadlines, the decision panel, and the sign-off. A signed review is
read-only: the panels are disabled and the storage refuses any change anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.check import DEFAULT_HORIZON_DAYS, STATUS_ORDER, Status
from domain.errors import RegistreError
from domain.holds import LegalHold
from domain.review import (
    DEFAULT_NEXT_REVIEW,
    Decision,
    FindingDecision,
    ReviewCampaign,
    ReviewFinding,
    compare,
    current_of,
    open_duplicates,
    previous_of,
    quarter_label,
)
from domain.vocabulary import Lang
from gui import dialogs
from gui.clock import Clock, clock_of
from gui.i18n import tr_noop, translate
from gui.messages import category_words
from gui.retention.review_words import (
    ask_abandon_reason,
    left_out_of,
    left_out_words,
    refused_purge_words,
)
from gui.retention.today import DayField, date_edit, every_minute
from gui.retention.words import describe
from gui.retention.worker import BackgroundTask, Progress, show_progress
from gui.typography import number
from gui.widgets import InlineMessages, Level, Texts, pydate, qdate
from storage.register import Register
from storage.review import (
    DecisionRecorded,
    FindingScope,
    PurgeLeftOut,
    abandon_review,
    decision_progress,
    findings,
    list_reviews,
    record_decision,
    sign_off,
    start_review,
)

STATUS_WORDS: dict[Status, str] = {
    Status.OVERDUE: tr_noop("En retard"),
    Status.DUE_SOON: tr_noop("À échéance (trimestre)"),
    Status.ARCHIVE_DUE: tr_noop("À archiver"),
    Status.ON_HOLD: tr_noop("Gel juridique"),
    Status.UNDETERMINED: tr_noop("Indéterminés"),
    Status.OK: tr_noop("Conformes"),
}
DECISION_WORDS: dict[Decision, str] = {
    Decision.PURGE_PLANNED: tr_noop("Purge planifiée"),
    Decision.PURGE_DONE: tr_noop("Purge effectuée"),
    Decision.LEGAL_HOLD: tr_noop("Gel juridique", disambiguation="décision"),
    Decision.RULE_REVISED: tr_noop("Règle révisée"),
    Decision.ACCEPTED: tr_noop("Accepté (justifié)"),
}
NOTE_HINTS: dict[Decision, str] = {
    Decision.PURGE_PLANNED: tr_noop("Commentaire (facultatif)"),
    Decision.PURGE_DONE: tr_noop("Référence de la preuve (PV de destruction…)"),
    Decision.LEGAL_HOLD: tr_noop("Motif du gel (le gel juridique est créé)"),
    Decision.RULE_REVISED: tr_noop("Ce qui a été révisé"),
    Decision.ACCEPTED: tr_noop("Justification"),
}
FIGURE_STATUSES = STATUS_ORDER[:5]  # the table of past reviews leaves "ok" out
SHORT_STATUS_WORDS: dict[Status, str] = {
    Status.OVERDUE: tr_noop("Retard"),
    Status.DUE_SOON: tr_noop("Échéance"),
    Status.ARCHIVE_DUE: tr_noop("Archiver"),
    Status.ON_HOLD: tr_noop("Gel"),
    Status.UNDETERMINED: tr_noop("Indét."),
    Status.OK: tr_noop("OK"),
}
SCOPE_ROLE = Qt.ItemDataRole.UserRole
ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 1
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 2
RECORDS_SHOWN = 1000


def _words(source: str, lang: Lang) -> str:
    """Words of the tables above, translated by Qt (``lang``: the vocabularies', the same)."""
    return translate(source)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ReviewScreen(QDialog):
    """Start, decide, sign off and read past reviews."""

    review_started = Signal(object)  # ReviewCampaign
    review_finished = Signal()  # a start ended: stored, refused or cancelled
    review_changed = Signal(int)  # decisions recorded, signed off or abandoned (review id)
    holds_changed = Signal()  # a legal-hold decision put holds in place
    rule_requested = Signal(str, str)  # activity ref, category: open its retention rule

    def __init__(self, register: Register, texts: Texts, today: date | Clock,
                 signer: str = "", now: Callable[[], str] = _now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register, self.texts, self.now = register, texts, now
        self.clock = clock_of(today)  # "today" read at the moment of each action
        today = self.clock()
        self.reviews: list[ReviewCampaign] = []
        self.current: ReviewCampaign | None = None
        self.task: BackgroundTask | None = None
        self._kept_path: list[str] | None = None  # the group chosen again after a decision
        self.setObjectName("review-screen")
        self.resize(1280, 780)
        t = texts
        t.bind(self.setWindowTitle, "Revue trimestrielle de conservation")

        # --- start ----------------------------------------------------------------------
        self.as_of = date_edit(today, "as-of")
        self.as_of_day = DayField(self.as_of, self.clock)
        self.horizon = QSpinBox()
        self.horizon.setRange(0, 3650)
        self.horizon.setValue(DEFAULT_HORIZON_DAYS)
        self.start_button = QPushButton()
        self.start_button.setObjectName("start")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        t.bind(self.cancel_button.setText, "Annuler")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.start_hint = QLabel()  # why Start is off: the quarter's review is open
        self.start_hint.setObjectName("start-hint")
        self.start_hint.setWordWrap(True)
        start_row = QHBoxLayout()
        for words, widget in ((tr_noop("Au"), self.as_of),
                              (tr_noop("Horizon (jours)"), self.horizon)):
            label = QLabel()
            t.bind(label.setText, words)
            start_row.addWidget(label)
            start_row.addWidget(widget)
        self.as_of.setFixedWidth(130)
        self.horizon.setFixedWidth(80)
        start_row.addWidget(self.start_button)
        start_row.addWidget(self.progress, 1)
        start_row.addWidget(self.start_hint, 3)
        start_row.addWidget(self.cancel_button)

        # --- past reviews ---------------------------------------------------------------
        self.history = QTableWidget(0, 3 + len(FIGURE_STATUSES))
        self.history.setObjectName("reviews")
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)

        # --- the selected review --------------------------------------------------------
        self.title_label = QLabel()
        self.title_label.setObjectName("review-title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.comparison = QLabel()
        self.comparison.setObjectName("comparison")
        self.comparison.setWordWrap(True)
        self.banner = InlineMessages()
        self.tree = QTreeWidget()
        self.tree.setObjectName("findings")
        self.tree.setColumnCount(3)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.records_label = QLabel()  # what the records table shows, or how to fill it
        self.records_label.setObjectName("records-label")
        self.records_label.setWordWrap(True)
        self.records = QTableWidget(0, 6)
        self.records.setObjectName("records")
        self.records.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records.verticalHeader().setVisible(False)
        self.records.horizontalHeader().setStretchLastSection(True)

        self.decision_box = QGroupBox()
        self.decision_box.setObjectName("decision")
        t.bind(self.decision_box.setTitle, "Décision")
        self.decision = QComboBox()
        self.decision.setObjectName("decision-kind")
        for kind in Decision:
            self.decision.addItem("", kind.value)
        self.purge_on = date_edit(today, "purge-on")
        self.purge_day = DayField(self.purge_on, self.clock)
        self.open_rule = QPushButton()  # "Règle révisée": the rule editor on the group
        self.open_rule.setObjectName("open-rule")
        t.bind(self.open_rule.setText, "Ouvrir la règle…")
        self.hold_every_category = QCheckBox()
        self.hold_every_category.setObjectName("hold-every-category")
        t.bind(self.hold_every_category.setText,
               "Lignes choisies : les geler dans toutes les catégories du traitement")
        self.hold_every_category.setChecked(True)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.apply_group = QPushButton()
        self.apply_group.setObjectName("apply-group")
        self.apply_selected = QPushButton()
        self.apply_selected.setObjectName("apply-selected")
        t.bind(self.apply_group.setText, "Appliquer à tout le groupe")
        t.bind(self.apply_selected.setText, "Appliquer aux lignes choisies")
        decision_form = QFormLayout(self.decision_box)
        self.purge_label = QLabel()
        t.bind(self.purge_label.setText, "Purge le")
        kind_label, note_label = QLabel(), QLabel()
        t.bind(kind_label.setText, "Décision")
        t.bind(note_label.setText, "Note")
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.decision, 1)
        kind_row.addWidget(self.open_rule)
        decision_form.addRow(kind_label, kind_row)
        decision_form.addRow(self.purge_label, self.purge_on)
        decision_form.addRow(self.hold_every_category)
        decision_form.addRow(note_label, self.note)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.apply_group)
        apply_row.addWidget(self.apply_selected)
        decision_form.addRow(apply_row)

        self.sign_box = QGroupBox()
        self.sign_box.setObjectName("sign-off")
        t.bind(self.sign_box.setTitle, "Signature")
        self.signer = QLineEdit(signer)
        self.signer.setObjectName("signer")
        self.next_review = date_edit(today, "next-review")
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("sign")
        t.bind(self.sign_button.setText, "Signer la revue")
        sign_form = QFormLayout(self.sign_box)
        signer_label, next_label = QLabel(), QLabel()
        t.bind(signer_label.setText, "DPO signataire")
        t.bind(next_label.setText, "Prochaine revue")
        sign_form.addRow(signer_label, self.signer)
        sign_form.addRow(next_label, self.next_review)
        self.abandon_button = QPushButton()
        self.abandon_button.setObjectName("abandon")
        t.bind(self.abandon_button.setText, "Abandonner cette revue…")
        t.bind(self.abandon_button.setToolTip,
               "Pour une revue démarrée par erreur ou en double : elle disparaît de la liste "
               "et son trimestre peut être revu de nouveau")
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.abandon_button)
        sign_row.addStretch(1)
        sign_row.addWidget(self.sign_button)
        sign_form.addRow(sign_row)

        self.messages = InlineMessages()

        panels = QHBoxLayout()
        panels.addWidget(self.decision_box, 3)
        panels.addWidget(self.sign_box, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title_label)
        right_layout.addWidget(self.comparison)
        right_layout.addWidget(self.banner)
        detail = QSplitter(Qt.Orientation.Vertical)
        detail.addWidget(self.tree)
        records_box = QWidget()
        records_layout = QVBoxLayout(records_box)
        records_layout.setContentsMargins(0, 0, 0, 0)
        records_layout.addWidget(self.records_label)
        records_layout.addWidget(self.records, 1)
        detail.addWidget(records_box)
        detail.setSizes([260, 220])
        right_layout.addWidget(detail, 1)
        right_layout.addLayout(panels)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.history)
        splitter.addWidget(right)
        splitter.setSizes([560, 880])
        layout = QVBoxLayout(self)
        layout.addLayout(start_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.messages)

        self.as_of.dateChanged.connect(self._on_as_of_date_changed)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.history.itemSelectionChanged.connect(self._on_history_selection_changed)
        self.tree.currentItemChanged.connect(self._on_tree_current_changed)
        self.records.itemSelectionChanged.connect(self._on_records_selection)
        self.decision.currentIndexChanged.connect(self._on_decision_changed)
        self.apply_group.clicked.connect(self._on_apply_group_clicked)
        self.apply_selected.clicked.connect(self._on_apply_selected_clicked)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        self.abandon_button.clicked.connect(self._on_abandon_clicked)
        self.open_rule.clicked.connect(self._on_open_rule_clicked)
        for button in self.findChildren(QPushButton):  # Enter never starts nor signs
            button.setAutoDefault(False)
            button.setDefault(False)
        t.on_switch(self._relabel)
        self._relabel(t.lang)
        self.reload()
        self.day_timer = every_minute(self, self._on_day_timer_timeout)

    def _on_day_timer_timeout(self) -> None:
        """Midnight passed with the screen open: the fields the DPO left on today show the
        new day, and Start names the quarter it will review."""
        if self.as_of_day.refresh():
            self._on_as_of_date_changed()
        self.purge_day.refresh()

    # --- words ----------------------------------------------------------------------------
    def _t(self, fr: str, en: str | None = None) -> str:
        return self.texts.t(fr, en)

    def _relabel(self, lang: Lang) -> None:
        self._on_as_of_date_changed()
        self.history.setHorizontalHeaderLabels(
            [self._t("Revue"), self._t("Au")]
            + [_words(SHORT_STATUS_WORDS[s], lang) for s in FIGURE_STATUSES]
            + [self._t("Signée par")])
        for column, status in enumerate(FIGURE_STATUSES, start=2):
            header = self.history.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(_words(STATUS_WORDS[status], lang))
        self.tree.setHeaderLabels([self._t("Traitement / catégorie / statut"),
                                   self._t("Enregistrements"),
                                   self._t("Décidés")])
        self.records.setHorizontalHeaderLabels([
            self._t("Identifiant"), self._t("Statut"),
            self.texts.t("Échéance", disambiguation="colonne"), self._t("Jours de retard"),
            self._t("Décision"), self._t("Note")])
        for index, kind in enumerate(Decision):
            self.decision.setItemText(index, _words(DECISION_WORDS[kind], lang))
        self._on_decision_changed()
        if self.reviews:
            self._fill_history()
        self._show(self.current)  # its words, or "Aucune revue pour l'instant"

    def _on_as_of_date_changed(self, _value: QDate | None = None) -> None:
        quarter = quarter_label(pydate(self.as_of.date()))  # the title it will be kept under
        self.start_button.setText(self._t("Démarrer la revue {quarter}").format(quarter=quarter))
        self._update_enabled()

    def open_review_of_quarter(self) -> ReviewCampaign | None:
        """The open review of the quarter of the day chosen to start one, if any."""
        quarter = quarter_label(pydate(self.as_of.date()))
        return next((r for r in self.reviews
                     if not r.is_signed and quarter_label(r.as_of) == quarter), None)

    def _on_decision_changed(self, _index: int = 0) -> None:
        kind = Decision(self.decision.currentData())
        self.purge_on.setEnabled(kind is Decision.PURGE_PLANNED)
        self.purge_label.setEnabled(kind is Decision.PURGE_PLANNED)
        # shown always, on only for their decision: the form never moves under the pointer
        self.hold_every_category.setEnabled(kind is Decision.LEGAL_HOLD)
        self.note.setPlaceholderText(_words(NOTE_HINTS[kind], self.texts.lang))
        self._update_enabled()

    def _say(self, error: RegistreError) -> None:
        self.messages.show_message("error", describe(error, self.texts.lang))

    # --- past reviews ---------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else (self.current.id if self.current else None)
        self.reviews = list_reviews(self.register.uow())
        self._fill_history()
        if keep is None or all(r.id != keep for r in self.reviews):
            chosen = current_of(self.reviews)  # the open review worked on, else the latest
            keep = chosen.id if chosen is not None else None
        row = next((i for i, r in enumerate(self.reviews) if r.id == keep), 0)
        if self.reviews:
            self.history.blockSignals(True)
            self.history.selectRow(row)
            self.history.blockSignals(False)
        self._show(self.reviews[row] if self.reviews else None)

    def _fill_history(self) -> None:
        self.history.blockSignals(True)
        self.history.setRowCount(len(self.reviews))
        duplicates = open_duplicates(self.reviews)
        for row, review in enumerate(self.reviews):
            totals = review.totals
            cells = [review.title, review.as_of.isoformat()]
            cells += [number(totals.get(s, 0), self.texts.lang) for s in FIGURE_STATUSES]
            if review.id in duplicates:
                cells.append(self._t("(en double : à abandonner)"))
            else:
                cells.append(review.sign_off.by if review.sign_off else
                             self._t("(en cours)"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 2 <= column < 2 + len(FIGURE_STATUSES):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.history.setItem(row, column, item)
        self.history.resizeColumnsToContents()
        self.history.blockSignals(False)

    def _on_history_selection_changed(self) -> None:
        rows = self.history.selectionModel().selectedRows()
        self._show(self.reviews[rows[0].row()] if rows else None)

    # --- one review -----------------------------------------------------------------------
    def _show(self, review: ReviewCampaign | None) -> None:
        self.current = review
        self.tree.clear()
        self.records.setRowCount(0)
        self.banner.clear_all()
        if review is None:
            self.title_label.setText(self._t("Aucune revue pour l'instant"))
            self.comparison.clear()
            self._fill_records()
            self._update_enabled()
            return
        lang = self.texts.lang
        self.title_label.setText(self._t(
            "Revue {title} au {as_of}").format(title=review.title, as_of=review.as_of.isoformat()))
        self.comparison.setText(self.comparison_text(review))
        if review.sign_off is not None:
            self.banner.show_message("signed", self._t(
                "Signée par {by} le {at} — lecture seule. Prochaine revue : "
                "{next_review_on}.").format(
                    by=review.sign_off.by, at=review.sign_off.at[:10],
                    next_review_on=review.sign_off.next_review_on), Level.INFO)
            self.signer.setText(review.sign_off.by)
        elif review.id in open_duplicates(self.reviews):
            self.banner.show_message("duplicate", self._t(
                "Une autre revue {title} est en cours : celle-ci est en double. Abandonnez-la "
                "(bouton « Abandonner cette revue… ») et poursuivez l'autre.").format(
                    title=review.title), Level.WARNING)
        if review.sign_off is not None and review.sign_off.next_review_on is not None:
            self.next_review.setDate(qdate(review.sign_off.next_review_on))
        else:
            self.next_review.setDate(qdate(review.as_of + DEFAULT_NEXT_REVIEW))
        assert review.id is not None  # stored
        progress = decision_progress(self.register.uow(), review.id)
        activities: dict[str, QTreeWidgetItem] = {}
        categories: dict[tuple[str, str], QTreeWidgetItem] = {}
        sums: dict[int, list[int]] = {}  # id of a group's item: records, decided
        order = {s: i for i, s in enumerate(STATUS_ORDER)}
        for group in sorted(progress, key=lambda g: (g.activity, g.category,
                                                     order[g.status])):
            top = activities.get(group.activity)
            if top is None:
                top = QTreeWidgetItem(self.tree, [group.activity, "0", "0"])
                top.setData(0, SCOPE_ROLE, FindingScope(activity=group.activity))
                activities[group.activity] = top
            middle = categories.get((group.activity, group.category))
            if middle is None:
                middle = QTreeWidgetItem(top, [category_words(group.category, lang), "0", "0"])
                middle.setToolTip(0, group.category)
                middle.setData(0, SCOPE_ROLE, FindingScope(activity=group.activity,
                                                           category=group.category))
                categories[(group.activity, group.category)] = middle
            leaf = QTreeWidgetItem(middle, [_words(STATUS_WORDS[group.status], lang),
                                            number(group.findings, lang),
                                            number(group.decided, lang)])
            leaf.setData(0, SCOPE_ROLE, FindingScope(activity=group.activity,
                                                     category=group.category,
                                                     status=group.status))
            for item in (top, middle):
                total = sums.setdefault(id(item), [0, 0])
                total[0] += group.findings
                total[1] += group.decided
                item.setText(1, number(total[0], lang))
                item.setText(2, number(total[1], lang))
        for column in (1, 2):
            items = [*activities.values(), *categories.values()]
            items += [c.child(i) for c in categories.values() for i in range(c.childCount())]
            for item in items:
                if item is not None:
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.resizeColumnToContents(2)
        self._fill_records()  # the chosen group's records, or how to choose one
        self._update_enabled()

    def comparison_text(self, review: ReviewCampaign) -> str:
        """``42 en retard au trimestre précédent (2026-Q3), 3 maintenant`` for each status
        that has records now or had some then."""
        previous = previous_of(self.reviews, review)
        lang = self.texts.lang
        parts: list[str] = []
        for item in compare(previous, review):
            if item.status is Status.OK or (item.before == 0 and item.now == 0):
                continue
            word = _words(STATUS_WORDS[item.status], lang)
            if previous is None:
                parts.append(f"{number(item.now, lang)} {word.lower()}")
            else:
                parts.append(self._t("{word} : {before} à la revue {title}, {now} "
                                     "maintenant").format(
                                         word=word, before=number(item.before, lang),
                                         title=previous.title, now=number(item.now, lang)))
        if previous is None and any(r.is_signed for r in self.reviews if r.id != review.id):
            return self._t("Aucune revue signée avant celle-ci : ") + ", ".join(parts)
        if previous is None:
            return self._t("Première revue : ") + ", ".join(parts)
        return "\n".join(parts)

    def _update_enabled(self) -> None:
        focus = self.focusWidget()
        self._enable()
        moved = self.focusWidget()
        if focus is not None and moved is not focus and not focus.isEnabled() and \
                moved is not None and self.sign_box.isAncestorOf(moved):
            # a control the DPO used was switched off: Qt gives focus to the next in the
            # chain, the signer's name; it goes back to where the DPO works instead
            (self.records if self.records.rowCount() else self.tree).setFocus()

    def _enable(self) -> None:
        running = self.task is not None and self.task.is_running
        open_review = self.current is not None and not self.current.is_signed
        has_scope = self.tree.currentItem() is not None
        self.decision_box.setEnabled(open_review and not running)
        self.apply_group.setEnabled(open_review and has_scope and not running)
        self.apply_selected.setEnabled(open_review and not running
                                       and bool(self.records.selectionModel().selectedRows()))
        self.sign_box.setEnabled(open_review and not running)
        self.open_rule.setEnabled(open_review and not running
                                  and Decision(self.decision.currentData())
                                  is Decision.RULE_REVISED
                                  and self.rule_target() is not None)
        busy = self.open_review_of_quarter()
        self.start_button.setEnabled(not running and busy is None)
        if busy is not None and not running:
            self.start_hint.setText(self._t(
                "La revue {title} est en cours : poursuivez-la, ou abandonnez-la pour la "
                "recommencer."
            ).format(title=busy.title))
        else:
            self.start_hint.clear()
        self.cancel_button.setEnabled(running)

    def _on_tree_current_changed(self, current: QTreeWidgetItem | None,
                                 _previous: QTreeWidgetItem | None = None) -> None:
        if self._path(current) != self._kept_path:
            self.note.clear()  # a note is about one group: it does not follow to the next
        self._fill_records()
        self._update_enabled()

    def rule_target(self) -> tuple[str, str] | None:
        """The activity and category whose rule "Règle révisée" opens: the chosen group's,
        or the chosen rows' when they are all of one category."""
        scope = self.scope()
        if scope is not None and scope.activity and scope.category:
            return scope.activity, scope.category
        rows = {(self.records.item(i.row(), 0).data(ACTIVITY_ROLE),
                 self.records.item(i.row(), 0).data(CATEGORY_ROLE))
                for i in self.records.selectionModel().selectedRows()}
        if len(rows) == 1:
            activity, category = next(iter(rows))
            return str(activity), str(category)
        return None

    def _on_open_rule_clicked(self) -> None:
        target = self.rule_target()
        if target is not None:
            self.rule_requested.emit(*target)

    def scope(self) -> FindingScope | None:
        item = self.tree.currentItem()
        scope = item.data(0, SCOPE_ROLE) if item is not None else None
        return scope if isinstance(scope, FindingScope) else None

    def _fill_records(self) -> None:
        scope = self.scope()
        self.records.setRowCount(0)
        if scope is None or self.current is None or self.current.id is None:
            hint = self._t(
                "Choisissez une ligne de l'arbre (un traitement, une catégorie ou un statut) "
                "pour voir ses enregistrements et décider pour eux.")
            self.records_label.setText(hint if self.current is not None else "")
            return
        shown = findings(self.register.uow(), self.current.id, scope, limit=RECORDS_SHOWN)
        lang = self.texts.lang
        if len(shown) >= RECORDS_SHOWN:
            self.records_label.setText(self._t(
                "Les {shown} premiers enregistrements ; une décision pour tout le groupe "
                "s'applique aussi aux autres.").format(shown=number(len(shown), lang)))
        else:
            self.records_label.setText(self.texts.t(
                "%n enregistrement(s)", n=len(shown)))
        self.records.setRowCount(len(shown))
        for row, finding in enumerate(shown):
            decision = finding.decision
            decided = ""
            if decision is not None:
                decided = _words(DECISION_WORDS[decision.kind], lang)
                if decision.purge_on is not None:
                    decided += f" ({decision.purge_on.isoformat()})"
            cells = [finding.record_id, _words(STATUS_WORDS[finding.status], lang),
                     finding.deadline.isoformat() if finding.deadline else "—",
                     number(finding.days_overdue, lang) if finding.days_overdue else "",
                     decided, decision.note if decision is not None else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(SCOPE_ROLE, finding.id)
                    item.setData(ACTIVITY_ROLE, finding.activity)
                    item.setData(CATEGORY_ROLE, finding.category)
                self.records.setItem(row, column, item)
        self.records.resizeColumnsToContents()

    def _on_records_selection(self, *_args: object) -> None:
        self._update_enabled()

    def selected_findings(self) -> list[int]:
        return [int(self.records.item(i.row(), 0).data(SCOPE_ROLE))
                for i in self.records.selectionModel().selectedRows()]

    # --- decisions ------------------------------------------------------------------------
    def decision_value(self) -> FindingDecision:
        kind = Decision(self.decision.currentData())
        return FindingDecision(kind, self.purge_day.value()
                               if kind is Decision.PURGE_PLANNED else None, self.note.text())

    def _record(self, scope: FindingScope) -> int | None:
        self.messages.clear_all()
        if self.current is None or self.current.id is None:
            return None
        every = self.hold_every_category.isChecked() and scope.finding_ids is not None
        try:
            done = record_decision(self.register.uow(), self.current.id,
                                   self.decision_value(), scope, now=self.now(),
                                   hold_every_category=every)
        except RegistreError as error:
            if error.code == "review.purge_none":  # how many, and why, in words
                self._say_left_out(left_out_of(error), str(error.params.get("value")))
            else:
                self._say(error)
            return None
        count = done.records
        self.messages.show_message("decided", self.texts.t(
            "Décision enregistrée pour %n enregistrement(s).", n=count), Level.INFO)
        self._say_left_out(done.left_out)
        self._say_holds(done)
        keep = self.tree.currentItem()
        path = self._path(keep)
        focus = self.focusWidget()
        self._kept_path = path  # the same group again: its note stays
        try:
            self.reload(self.current.id)
            self._select_path(path)
        finally:
            self._kept_path = None
        self._keep_focus(focus)
        self.review_changed.emit(self.current.id if self.current else 0)
        return count

    def _keep_focus(self, focus: QWidget | None) -> None:
        """After a decision, focus stays where the DPO works: on the control they used if it
        can still act, else on the records or the tree, never on the signer's name."""
        if focus is not None and focus.isEnabled() and focus.isVisible():
            focus.setFocus()
        elif self.records.rowCount():
            self.records.setFocus()
        else:
            self.tree.setFocus()

    def _say_left_out(self, left: PurgeLeftOut, refused_on: str = "") -> None:
        """A planned purge left records out (``refused_on``: it was refused for them all, on
        that day): how many, and why, in words."""
        if not left.total:
            return
        if refused_on:
            self.messages.show_message("error", refused_purge_words(self.texts, left,
                                                                    refused_on))
            return
        self.messages.show_message("left-out", left_out_words(self.texts, left),
                                   Level.WARNING)

    def _say_holds(self, done: DecisionRecorded) -> None:
        """A legal-hold decision put holds in place (or found them): say which."""
        def covers(hold: LegalHold) -> str:
            lang = self.texts.lang
            category = category_words(hold.category, lang) if hold.category else self._t(
                "toutes catégories")
            if hold.record_count:
                return self._t("{activity} — {category}, {record_count} enregistrement(s)").format(
                                   activity=hold.activity, category=category,
                                   record_count=hold.record_count)
            return f"{hold.activity} — {category}" if hold.category else hold.activity

        if done.created:
            which = " ; ".join(covers(h) for h in done.created)
            start = done.created[0].starts_on.isoformat()
            self.messages.show_message("hold", self._t(
                "Gel juridique créé sur {which} à compter du {start} (motif : {reason}). "
                "Il se termine dans l'écran Gels juridiques.").format(
                    which=which, start=start, reason=done.created[0].reason), Level.INFO)
        if done.kept:
            which = " ; ".join(f"{covers(h)} ({h.starts_on.isoformat()})" for h in done.kept)
            self.messages.show_message("hold-kept", self._t(
                "Déjà sous gel juridique : {which} ; aucun nouveau gel.").format(
                    which=which), Level.INFO)
        if done.created or done.kept:
            self.holds_changed.emit()

    def _on_apply_group_clicked(self) -> None:
        scope = self.scope()
        if scope is not None:
            self._record(scope)

    def _on_apply_selected_clicked(self) -> None:
        ids = self.selected_findings()
        if ids:
            self._record(FindingScope(finding_ids=ids))

    @staticmethod
    def _path(item: QTreeWidgetItem | None) -> list[str]:
        path: list[str] = []
        while item is not None:
            path.insert(0, item.text(0))
            item = item.parent()
        return path

    def _select_path(self, path: list[str]) -> None:
        parent: QTreeWidgetItem | None = None
        for name in path:
            count = self.tree.topLevelItemCount() if parent is None else parent.childCount()
            children = [self.tree.topLevelItem(i) if parent is None else parent.child(i)
                        for i in range(count)]
            parent = next((c for c in children if c.text(0) == name), None)
            if parent is None:
                return
        self.tree.setCurrentItem(parent)

    # --- sign-off -------------------------------------------------------------------------
    def _on_abandon_clicked(self) -> None:
        review = self.current
        if review is None or review.id is None or review.is_signed:
            return
        self.messages.clear_all()
        why = ask_abandon_reason(self, self.texts, review.title,
                                 review.findings_count - review.undecided)
        if why is None:
            return
        try:
            abandon_review(self.register.uow(), review.id, why, now=self.now())
        except RegistreError as error:
            self._say(error)
            return
        self.current = None
        self.reload()
        self.messages.show_message("abandoned", self._t(
            "Revue {title} abandonnée : son trimestre peut être revu de nouveau.").format(
                title=review.title), Level.INFO)
        self.review_changed.emit(review.id)

    def _on_sign_clicked(self) -> None:
        review = self.current
        if review is None or review.id is None:
            return
        self.messages.clear_all()
        undecided = review.undecided
        question = self._t(
            "Signer la revue {title} en tant que « {signer} » ? Elle ne pourra plus être "
            "modifiée.").format(
                title=review.title, signer=self.signer.text().strip())
        if undecided:
            question += self._t(" {undecided} constat(s) restent sans décision.").format(
                                    undecided=undecided)
        if not dialogs.confirm(self, question, self.texts.lang):
            return
        try:
            sign_off(self.register.uow(), review.id, self.signer.text(), now=self.now(),
                     next_review_on=pydate(self.next_review.date()))
        except RegistreError as error:
            self._say(error)
            return
        self.reload(review.id)
        self.review_changed.emit(review.id)

    # --- starting -------------------------------------------------------------------------
    def start(self) -> None:
        if self.task is not None and self.task.is_running:
            return
        as_of, horizon = self.as_of_day.value(), self.horizon.value()
        register, now = self.register, self.now()

        def work(progress: Progress, cancelled: Callable[[], bool]) -> ReviewCampaign:
            return start_review(register.uow(), as_of, horizon, now=now, progress=progress,
                                cancelled=cancelled)

        self.messages.clear_all()
        self.task = BackgroundTask(work, self)
        self.task.progressed.connect(self._on_task_progressed)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.finished.connect(self._on_task_finished)
        self.progress.setRange(0, 0)  # busy until the first inventory is checked
        self.progress.setVisible(True)
        self.task.start()
        self._update_enabled()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def _on_task_progressed(self, done: int, total: int) -> None:
        show_progress(self.progress, done, total)  # a method: gone with the screen

    def _on_task_succeeded(self, review: ReviewCampaign) -> None:
        self.reload(review.id)
        self.review_started.emit(review)

    def _on_task_failed(self, error: RegistreError) -> None:
        level = Level.WARNING if error.code == "check.cancelled" else Level.ERROR
        self.messages.show_message("error", describe(error, self.texts.lang), level)

    def _on_task_finished(self) -> None:
        self.progress.setVisible(False)
        self._update_enabled()
        self.review_finished.emit()

    def reject(self) -> None:
        if self.task is not None and self.task.is_running:
            return  # Cancel first
        super().reject()

    def finding_rows(self) -> list[ReviewFinding]:
        """The findings shown in the records table (for the dashboard and tests)."""
        if self.current is None or self.current.id is None or self.scope() is None:
            return []
        scope = self.scope()
        assert scope is not None
        return findings(self.register.uow(), self.current.id, scope, limit=RECORDS_SHOWN)
