"""The retention dashboard: the register at a glance, as of a day the DPO chooses.

Four views, computed off the GUI thread by ``storage.dashboard.dashboard_figures`` (the
check's engine) with progress and Cancel:

* records by status per activity (stacked horizontal bars, the statuses' colours and words
  from ``resources/vocabularies/retention_statuses.json``; the activity with the most
  overdue records on top; a click on a bar selects the activity in the register);
* records reaching their last day of retention in each quarter of the next two years;
* completeness of the register (activities by completeness percentage);
* activities not reviewed for twelve months (a click selects the activity).

Every word goes through the window's ``Texts``: a language switch redraws the charts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from domain.check import STATUS_ORDER, Status
from domain.errors import RegistreError
from domain.vocabulary import Lang, Vocabularies
from gui.clock import Clock, clock_of
from gui.retention.today import DayField, date_edit, every_minute
from gui.retention.words import describe
from gui.retention.worker import BackgroundTask, Progress, show_progress
from gui.typography import number
from gui.widgets import InlineMessages, Level, Texts
from storage.dashboard import ActivityFigures, DashboardFigures, dashboard_figures
from storage.register import Register

# Completeness bins: (lowest percent, French, English, colour), best first.
COMPLETENESS_BINS: tuple[tuple[int, str, str, str], ...] = (
    (100, "100 %", "100%", "#009E73"),
    (90, "90–99 %", "90–99%", "#56B4E9"),
    (75, "75–89 %", "75–89%", "#E69F00"),
    (50, "50–74 %", "50–74%", "#D55E00"),
    (0, "0–49 %", "0–49%", "#A6341B"),
)
NAME_SHOWN = 24  # characters of an activity's name on the status chart's axis
REF_ROLE = Qt.ItemDataRole.UserRole


_number = number  # 12 408 in French, 12,408 in English


def completeness_bin(percent: int) -> int:
    """The index in ``COMPLETENESS_BINS`` of a completeness percentage."""
    return next(i for i, (low, *_rest) in enumerate(COMPLETENESS_BINS) if percent >= low)


def _chart(title_font: QFont | None = None) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    font = QFont(title_font) if title_font is not None else QFont()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    chart.setTitleFont(font)
    return chart


def _view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


class DashboardScreen(QDialog):
    """The dashboard as of a day; ``refresh()`` computes it (off the GUI thread)."""

    figures_shown = Signal(object)  # DashboardFigures, once drawn
    computation_ended = Signal()  # shown, refused or cancelled
    activity_chosen = Signal(int, str)  # entity id, activity ref: select it in the register

    def __init__(self, register: Register, texts: Texts, voc: Vocabularies,
                 today: date | Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock_of(today)  # "today" read at each computation
        today = self.clock()
        self.register, self.texts, self.voc = register, texts, voc
        self.figures: DashboardFigures | None = None
        self.task: BackgroundTask | None = None
        self._again = False  # the day changed while computing: compute again after
        self.status_refs: list[str] = []  # the status chart's activities, bottom first
        self.planned_refs: dict[str, int] = {}  # overdue with a planned purge, per activity
        self.completeness_order: list[int] = []  # the bins of the completeness bars
        self.setObjectName("dashboard")
        self.resize(1280, 800)
        t = texts
        t.bind(self.setWindowTitle, "Tableau de bord de la conservation")

        # --- the day, progress, cancel --------------------------------------------------
        self.as_of = date_edit(today, "as-of")
        self.as_of.setFixedWidth(130)
        self.as_of_day = DayField(self.as_of, self.clock)
        as_of_label = QLabel()
        t.bind(as_of_label.setText, "Au")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refresh")
        t.bind(self.refresh_button.setText, "Recalculer")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        t.bind(self.cancel_button.setText, "Annuler")
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.progress.setMaximumWidth(260)
        self.include_ok = QCheckBox()
        self.include_ok.setObjectName("include-ok")
        self.include_ok.setChecked(True)
        t.bind(self.include_ok.setText, "Montrer les conformes")
        self.shown_as_of = QLabel()
        self.shown_as_of.setObjectName("shown-as-of")
        font = self.shown_as_of.font()
        font.setBold(True)
        self.shown_as_of.setFont(font)
        top = QHBoxLayout()
        top.addWidget(as_of_label)
        top.addWidget(self.as_of)
        top.addWidget(self.refresh_button)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addSpacing(12)
        top.addWidget(self.shown_as_of, 1)
        top.addWidget(self.include_ok)
        self.messages = InlineMessages()

        # --- the totals by status: the legend of the status chart, with its figures ------
        self.status_tiles: dict[Status, QLabel] = {}
        tiles = QHBoxLayout()
        tiles.setSpacing(6)
        for status in STATUS_ORDER:
            tile = QLabel()
            tile.setObjectName(f"total-{status.value}")
            tile.setTextFormat(Qt.TextFormat.RichText)
            colour = self.status_colour(status).name()
            tile.setStyleSheet(f"QLabel {{ border-left: 14px solid {colour}; padding: 3px 8px;"
                               " background: palette(base); }")
            self.status_tiles[status] = tile
            tiles.addWidget(tile, 1)
            if status is Status.OVERDUE:  # overdue with a planned purge, counted apart
                self.planned_tile = QLabel()
                self.planned_tile.setObjectName("total-purge-planned")
                self.planned_tile.setTextFormat(Qt.TextFormat.RichText)
                light = self.status_colour(status).lighter(150).name()
                self.planned_tile.setStyleSheet(
                    f"QLabel {{ border-left: 14px solid {light}; padding: 3px 8px;"
                    " background: palette(base); }")
                tiles.addWidget(self.planned_tile, 1)

        # --- the charts -----------------------------------------------------------------
        self.status_chart = _chart(self.font())
        self.status_view = _view(self.status_chart, "status-chart")
        self.deadline_chart = _chart(self.font())
        self.deadline_view = _view(self.deadline_chart, "deadline-chart")
        self.completeness_chart = _chart(self.font())
        self.completeness_view = _view(self.completeness_chart, "completeness-chart")

        # --- activities not reviewed ----------------------------------------------------
        self.review_box = QGroupBox()
        self.review_box.setObjectName("not-reviewed-box")
        self.not_reviewed = QTableWidget(0, 3)
        self.not_reviewed.setObjectName("not-reviewed")
        self.not_reviewed.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.not_reviewed.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.not_reviewed.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.not_reviewed.verticalHeader().setVisible(False)
        header = self.not_reviewed.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.review_hint = QLabel()
        self.review_hint.setWordWrap(True)
        t.bind(self.review_hint.setText,
               "Dernière validation (ou création) il y a plus de 12 mois. Cliquez sur une "
               "ligne pour ouvrir le traitement dans le registre.")
        review_layout = QVBoxLayout(self.review_box)
        review_layout.addWidget(self.not_reviewed, 1)
        review_layout.addWidget(self.review_hint)

        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self.status_view, 0, 0, 2, 1)
        grid.addWidget(self.deadline_view, 0, 1, 1, 2)
        grid.addWidget(self.completeness_view, 1, 1)
        grid.addWidget(self.review_box, 1, 2)
        grid.setColumnStretch(0, 11)
        grid.setColumnStretch(1, 5)
        grid.setColumnStretch(2, 5)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)

        self.as_of.dateChanged.connect(self._on_as_of_date_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.cancel)
        self.include_ok.toggled.connect(self._on_include_ok_toggled)
        self.not_reviewed.itemClicked.connect(self._on_not_reviewed_item_activated)
        self.not_reviewed.itemActivated.connect(self._on_not_reviewed_item_activated)
        t.on_switch(self._on_language_switched)
        self._draw()
        self.refresh_button.setFocus()  # not the day's year selected, as if being typed
        # midnight passed with the screen open: the day left on today shows the new day (the
        # figures shown keep theirs, said above them, until computed again)
        self.day_timer = every_minute(self, self.as_of_day.refresh)

    # --- words ----------------------------------------------------------------------------
    def _t(self, fr: str, en: str | None = None) -> str:
        return self.texts.t(fr, en)

    def status_word(self, status: Status) -> str:
        return self.voc.retention_statuses[status.value].label(self.texts.lang)

    def status_colour(self, status: Status) -> QColor:
        return QColor(str(self.voc.retention_statuses[status.value].extra["colour"]))

    def quarter_word(self, index: int) -> str:
        assert self.figures is not None  # drawn from figures
        quarter = self.figures.deadlines.quarters[index]
        return self._t("T{number} {year}").format(number=quarter.number, year=quarter.year)

    def _on_language_switched(self, _lang: Lang) -> None:
        self._draw()

    # --- computing ------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.task is not None and self.task.is_running

    def refresh(self) -> None:
        """Compute the figures as of the chosen day, off the GUI thread."""
        if self.running:
            self._again = True
            assert self.task is not None  # running
            self.task.cancel()
            return
        as_of, register, voc = self.as_of_day.value(), self.register, self.voc

        def work(progress: Progress, cancelled: Callable[[], bool]) -> DashboardFigures:
            return dashboard_figures(register.uow(), as_of, voc, progress=progress,
                                     cancelled=cancelled)

        self._again = False
        self.messages.clear_message("error")
        self.messages.clear_message("cancelled")
        # No parent: a screen replaced (deleted) while computing must not delete the task
        # under its thread; the task stops at its next inventory and its results are lost.
        self.task = BackgroundTask(work)
        self.destroyed.connect(self.task.cancel)
        self.task.progressed.connect(self._on_task_progressed)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.finished.connect(self._on_task_finished)
        self.progress.setRange(0, 0)  # busy until the first inventory is counted
        self.progress.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.task.start()

    def cancel(self) -> None:
        self._again = False
        if self.task is not None:
            self.task.cancel()

    def _on_as_of_date_changed(self, _value: QDate) -> None:
        self.refresh()

    def _on_task_progressed(self, done: int, total: int) -> None:
        show_progress(self.progress, done, total)  # a method: gone with the screen

    def _on_task_succeeded(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self._draw()
        self.figures_shown.emit(figures)

    def _on_task_failed(self, error: RegistreError) -> None:
        if error.code == "check.cancelled":
            if self._again:
                return  # the day changed: the new computation says what it finds
            shown = self.figures.as_of.isoformat() if self.figures else None
            cancelled = self._t("Calcul annulé.")
            if shown:
                cancelled += self._t(" Les chiffres affichés restent ceux du {shown}.").format(
                                         shown=shown)
            self.messages.show_message("cancelled", cancelled, Level.WARNING)
            return
        self.messages.show_message("error", describe(error, self.texts.lang))

    def _on_task_finished(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.computation_ended.emit()
        if self._again:
            self.refresh()

    def done(self, result: int) -> None:
        """Closing stops a computation (at its next inventory) before the screen goes."""
        self.cancel()
        if self.task is not None:
            self.task.wait(30)
        super().done(result)

    # --- drawing --------------------------------------------------------------------------
    def _draw(self) -> None:
        figures = self.figures
        if figures is None:
            self.shown_as_of.setText(self._t("Calcul des chiffres…"))
        else:
            lang = self.texts.lang
            totals = figures.check.totals
            records = sum(totals.values())
            overdue = totals.get(Status.OVERDUE, 0) - figures.planned_total  # see the tiles
            self.shown_as_of.setText(self._t(
                "Chiffres au {as_of} : {records} enregistrements dans {groups} "
                "inventaires, dont {overdue} en retard").format(
                    as_of=figures.as_of.isoformat(), records=_number(records, lang),
                    groups=len(figures.check.groups), overdue=_number(overdue, lang)))
        self._fill_tiles()
        locale = QLocale(QLocale.Language.French if self.texts.lang == "fr"
                         else QLocale.Language.English)
        for chart in (self.status_chart, self.deadline_chart, self.completeness_chart):
            chart.setLocalizeNumbers(True)  # 3 183 on the bars and axes, as in the tiles
            chart.setLocale(locale)
        self._draw_statuses()
        self._draw_deadlines()
        self._draw_completeness()
        self._fill_not_reviewed()
        t = self.texts
        self.not_reviewed.setHorizontalHeaderLabels([
            t.t("Traitement"), t.t("Nom"),
            t.t("Dernière revue")])

    def _fill_tiles(self) -> None:
        lang = self.texts.lang
        totals = self.figures.check.totals if self.figures is not None else None
        planned = self.figures.planned_total if self.figures is not None else 0
        for status, tile in self.status_tiles.items():
            value = totals.get(status, 0) if totals is not None else 0
            if status is Status.OVERDUE:
                value -= planned  # a planned purge is a decision taken: counted apart
            count = _number(value, lang) if totals is not None else "…"
            tile.setText(f"{self.status_word(status)}<br><b style='font-size:14pt'>{count}</b>")
            tip = self.voc.retention_statuses[status.value].description(lang)
            if status is Status.OVERDUE:
                tip += "\n" + self._t(
                    "Sans les enregistrements dont une revue a planifié la purge, comptés à "
                    "part.")
            tile.setToolTip(tip)
        count = _number(planned, lang) if totals is not None else "…"
        self.planned_tile.setText(
            f"{self.planned_word()}<br><b style='font-size:14pt'>{count}</b>")
        self.planned_tile.setToolTip(self._t(
            "Enregistrements en retard dont une revue a planifié la purge, à une date qui n'est "
            "pas encore passée : une décision est prise. Une date passée sans purge les remet "
            "en retard."))

    @staticmethod
    def _reset(chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def _activity_label(self, ref: str) -> str:
        figures = self.figures
        found = self._activity(ref)
        if figures is None or found is None or not found.name:
            return ref
        name = found.name if len(found.name) <= NAME_SHOWN else \
            found.name[:NAME_SHOWN - 1].rstrip() + "…"
        return f"{ref}  {name}"

    def _activity(self, ref: str) -> ActivityFigures | None:
        if self.figures is None:
            return None
        return next((a for a in self.figures.activities if a.ref == ref), None)

    def shown_statuses(self) -> tuple[Status, ...]:
        return STATUS_ORDER if self.include_ok.isChecked() else STATUS_ORDER[:-1]

    def _draw_statuses(self) -> None:
        chart = self.status_chart
        self._reset(chart)
        chart.setTitle(self._t("Enregistrements par statut et par traitement"))
        if self.figures is None:
            self.status_refs = []
            return
        by_activity = self.figures.status_by_activity()
        planned = self.figures.planned_by_activity()
        for ref, count in planned.items():  # overdue without a decision, planned apart
            if ref in by_activity:
                by_activity[ref][Status.OVERDUE] = by_activity[ref].get(Status.OVERDUE, 0) \
                    - count
        self.planned_refs = planned
        statuses = self.shown_statuses()
        order = {s: i for i, s in enumerate(STATUS_ORDER)}

        def urgency(ref: str) -> tuple[int, ...]:
            counts = by_activity[ref]
            return tuple(counts.get(s, 0) for s in sorted(statuses, key=order.__getitem__))

        # Horizontal bars are drawn from the bottom: the most urgent activity last, on top.
        self.status_refs = sorted(by_activity, key=lambda r: (urgency(r), r))
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.7)
        for status in statuses:
            bar_set = QBarSet(self.status_word(status))
            bar_set.setColor(self.status_colour(status))
            bar_set.setBorderColor(self.status_colour(status))
            bar_set.append([float(by_activity[r].get(status, 0)) for r in self.status_refs])
            bar_set.hovered.connect(self._status_hover(status))
            bar_set.clicked.connect(self._on_status_bar_clicked)
            series.append(bar_set)
            if status is Status.OVERDUE and planned:
                planned_set = QBarSet(self.planned_word())
                colour = self.status_colour(Status.OVERDUE).lighter(150)
                planned_set.setColor(colour)
                planned_set.setBorderColor(self.status_colour(Status.OVERDUE))
                planned_set.append([float(planned.get(r, 0)) for r in self.status_refs])
                planned_set.hovered.connect(self._planned_hover)
                planned_set.clicked.connect(self._on_status_bar_clicked)
                series.append(planned_set)
        chart.addSeries(series)
        activities = QBarCategoryAxis()
        activities.append([self._activity_label(r) for r in self.status_refs])
        activities.setTitleText(self._t("Traitement (le plus en retard en haut)"))
        records = QValueAxis()
        records.setLabelFormat("%.0f")  # localized: "%d" draws nothing
        records.setTitleText(self._t("Enregistrements"))
        records.setMin(0)
        chart.addAxis(activities, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(records, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(activities)
        series.attachAxis(records)
        records.applyNiceNumbers()
        chart.legend().setVisible(False)  # the tiles above, in the same colours, with totals

    def planned_word(self) -> str:
        return self._t("Purge planifiée")

    def _planned_hover(self, inside: bool, index: int) -> None:
        if not inside or self.figures is None or index >= len(self.status_refs):
            QToolTip.hideText()
            return
        ref = self.status_refs[index]
        count = self.figures.planned_by_activity().get(ref, 0)
        QToolTip.showText(QCursor.pos(), self._t(
            "{activity_label}\n{word} : {count}\nCliquez pour l'ouvrir dans le registre.").format(
                activity_label=self._activity_label(ref), word=self.planned_word(),
                count=_number(count, self.texts.lang)))

    def _status_hover(self, status: Status) -> Callable[[bool, int], None]:
        def hovered(inside: bool, index: int) -> None:
            if not inside or self.figures is None or index >= len(self.status_refs):
                QToolTip.hideText()
                return
            ref = self.status_refs[index]
            count = self.figures.status_by_activity()[ref].get(status, 0)
            if status is Status.OVERDUE:
                count -= self.figures.planned_by_activity().get(ref, 0)
            QToolTip.showText(QCursor.pos(), self._t(
                "{activity_label}\n{status_word} : {count}\nCliquez pour l'ouvrir dans "
                "le registre.").format(
                    activity_label=self._activity_label(ref),
                    status_word=self.status_word(status), count=_number(count, self.texts.lang)))
        return hovered

    def _on_status_bar_clicked(self, index: int) -> None:
        if 0 <= index < len(self.status_refs):
            self.choose_activity(self.status_refs[index])

    def choose_activity(self, ref: str) -> None:
        """Ask the window to select ``ref`` in the register."""
        found = self._activity(ref)
        if found is not None:
            self.activity_chosen.emit(found.entity_id, found.ref)

    def _draw_deadlines(self) -> None:
        chart = self.deadline_chart
        self._reset(chart)
        chart.setTitle(self._t("Fins de conservation à venir, par trimestre (deux ans)"))
        if self.figures is None:
            return
        calendar = self.figures.deadlines
        bar_set = QBarSet(self._t("Enregistrements dont la conservation prend fin"))
        colour = self.status_colour(Status.DUE_SOON)
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour.darker(120))
        bar_set.append([float(n) for n in calendar.totals])
        bar_set.setLabelColor(QColor("#222222"))
        bar_set.hovered.connect(self._on_deadline_bar_hovered)
        series = QBarSeries()
        series.setBarWidth(0.75)
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        quarters = QBarCategoryAxis()
        quarters.append([self.quarter_word(i).replace(" ", "<br>")
                         for i in range(len(calendar.quarters))])
        quarters.setTitleText(self._t(
            "Trimestre de la fin de conservation (le premier à partir du {as_of})").format(
                as_of=calendar.as_of.isoformat()))
        records = QValueAxis()
        records.setLabelFormat("%.0f")  # localized: "%d" draws nothing
        records.setTitleText(self._t("Enregistrements"))
        records.setMin(0)
        records.setMax(max(calendar.totals, default=0) * 1.15 or 1)
        chart.addAxis(quarters, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(records, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(quarters)
        series.attachAxis(records)
        records.applyNiceNumbers()
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def _on_deadline_bar_hovered(self, inside: bool, index: int) -> None:
        if not inside or self.figures is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), self.deadline_tooltip(index))

    def deadline_tooltip(self, index: int) -> str:
        """The quarter's count and the activities it comes from (the five largest)."""
        assert self.figures is not None  # drawn from figures
        lang = self.texts.lang
        calendar = self.figures.deadlines
        start = calendar.start(index).isoformat()
        end = calendar.quarters[index].last_day.isoformat()
        lines = [self._t(
            "{quarter_word} (du {start} au {end}) : {totals} enregistrement(s)").format(
                quarter_word=self.quarter_word(index), start=start, end=end,
                totals=_number(calendar.totals[index], lang))]
        activities = calendar.by_activity(index)
        for ref, n in activities[:5]:
            label, count = self._activity_label(ref), _number(n, lang)
            lines.append(self._t("  {label} : {count}").format(label=label, count=count))
        if len(activities) > 5:
            lines.append(self._t("  et {activities} autre(s) traitement(s)").format(
                                     activities=len(activities) - 5))
        return "\n".join(lines)

    def completeness_counts(self) -> list[list[ActivityFigures]]:
        """The live activities in each completeness bin."""
        bins: list[list[ActivityFigures]] = [[] for _ in COMPLETENESS_BINS]
        for activity in self.figures.activities if self.figures else ():
            bins[completeness_bin(activity.completeness)].append(activity)
        return bins

    def _draw_completeness(self) -> None:
        chart = self.completeness_chart
        self._reset(chart)
        if self.figures is None:
            chart.setTitle(self._t("Complétude du registre"))
            return
        bins = self.completeness_counts()
        complete, total = len(bins[0]), len(self.figures.activities)
        chart.setTitle(self._t("Complétude : {complete} complets sur {total}").format(
                                   complete=complete, total=total))
        # One set per bin, each with its colour, stacked so that a bin has one bar; drawn
        # from the bottom: the best bin last, on top.
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.7)
        # "100 %" or "100%": the typography of each language, not words to translate
        words = [fr if self.texts.lang == "fr" else en
                 for _low, fr, en, _colour in COMPLETENESS_BINS]
        self.completeness_order = list(reversed(range(len(COMPLETENESS_BINS))))
        for index, (_low, _fr, _en, colour) in enumerate(COMPLETENESS_BINS):
            bar_set = QBarSet(words[index])
            bar_set.setColor(QColor(colour))
            bar_set.setBorderColor(QColor(colour))
            bar_set.append([float(len(bins[i])) if i == index else 0.0
                            for i in self.completeness_order])
            bar_set.hovered.connect(self._on_completeness_hovered)
            series.append(bar_set)
        chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append([f"{words[i]} ({len(bins[i])})" for i in self.completeness_order])
        axis.setTitleText(self._t("Contrôles satisfaits"))
        count = QValueAxis()
        count.setLabelFormat("%.0f")  # localized: "%d" draws nothing
        count.setTitleText(self._t("Traitements"))
        count.setMin(0)
        count.setMax(max((len(b) for b in bins), default=0) or 1)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(count, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        series.attachAxis(count)
        count.applyNiceNumbers()
        chart.legend().setVisible(False)  # the axis names each bar and its count

    def _on_completeness_hovered(self, inside: bool, index: int) -> None:
        if not inside or self.figures is None:
            QToolTip.hideText()
            return
        activities = self.completeness_counts()[self.completeness_order[index]]
        refs = ", ".join(self._t("{ref} ({completeness} %)").format(
                                     ref=a.ref, completeness=a.completeness)
                         for a in activities[:12])
        more = len(activities) - 12
        if more > 0:
            refs += self._t(" et {more} autre(s)").format(more=more)
        QToolTip.showText(QCursor.pos(), refs or self._t("Aucun traitement"))

    def _fill_not_reviewed(self) -> None:
        table = self.not_reviewed
        shown: Sequence[ActivityFigures] = self.figures.not_reviewed if self.figures else ()
        total = len(self.figures.activities) if self.figures else 0
        self.review_box.setTitle(self._t(
            "Non revus depuis 12 mois : {shown} traitement(s) sur {total}").format(
                shown=len(shown), total=total))
        table.setRowCount(len(shown))
        for row, activity in enumerate(shown):
            last = activity.last_reviewed_on.isoformat() if activity.last_reviewed_on \
                else self._t("jamais")
            for column, text in enumerate((activity.ref, activity.name, last)):
                item = QTableWidgetItem(text)
                item.setData(REF_ROLE, activity.ref)
                item.setToolTip(self._t("Cliquez pour ouvrir ce traitement dans le registre"))
                table.setItem(row, column, item)
        table.resizeRowsToContents()  # a long name wraps whole instead of ending in "…"

    def _on_not_reviewed_item_activated(self, item: QTableWidgetItem) -> None:
        self.choose_activity(str(item.data(REF_ROLE)))

    def _on_include_ok_toggled(self, _checked: bool) -> None:
        self._draw_statuses()
