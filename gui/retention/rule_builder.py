"""The rule builder of the rule editor: the DPO picks the shape of the rule, its event by
its label and types numbers; the builder writes the expression (``domain.rules.shapes``).

Every control stays where it is whatever the shape (those the shape does not use are
disabled, not hidden), so nothing moves under the pointer. An expression of a known shape
opens in the builder; any other is "Autre règle", kept as written.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from domain.rules.shapes import Shape, ShapedRule, Unit, recognise
from domain.rules.wording import event_label
from domain.vocabulary import Lang, Vocabularies
from gui.i18n import tr_noop
from gui.widgets import Texts

CUSTOM = ""  # the shape combo's "other rule": the expression says it
SHAPES: tuple[tuple[str, str, str], ...] = (
    (CUSTOM, "Autre règle (expression)", "Other rule (expression)"),
    (Shape.AFTER, "N ans (ou mois, jours) après un événement",
     "N years (or months, days) after an event"),
    (Shape.AGE, "Prolongée jusqu'à un âge", "Extended to an age"),
    (Shape.DEATH, "Avec une clause de décès", "With a death clause"),
    (Shape.YEAR_END, "À partir de la fin de l'année", "From the end of the year"),
    (Shape.ACTIVE, "Phase active, puis archive", "Active phase, then archive"),
)
UNITS: tuple[tuple[Unit, str, str], ...] = (
    ("years", "ans", "years"), ("months", "mois", "months"), ("days", "jours", "days"))
# the controls each shape uses (the others are disabled)
USES: dict[str, frozenset[str]] = {
    CUSTOM: frozenset(),
    Shape.AFTER: frozenset({"event", "amount"}),
    Shape.AGE: frozenset({"event", "amount", "age"}),
    Shape.DEATH: frozenset({"event", "amount", "age", "death"}),
    Shape.YEAR_END: frozenset({"event", "amount"}),
    Shape.ACTIVE: frozenset({"event", "amount", "active"}),
}


def _spin(name: str, low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not focused by the wheel
    return spin


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return combo


class RuleBuilder(QGroupBox):
    """Shape, event and numbers of a rule; ``built`` gives the expressions they write
    (end of retention, end of the active phase) each time the DPO changes one."""

    built = Signal(str, str)

    def __init__(self, texts: Texts, voc: Vocabularies, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts, self.voc = texts, voc
        self.setObjectName("rule-builder")
        t = texts
        t.bind(self.setTitle, "Assistant : forme de la règle")
        self.shape_combo = _combo("shape")
        for code, _fr, _en in SHAPES:
            self.shape_combo.addItem("", str(code))
        self.event_combo = _combo("event")
        self.event_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for term in voc.events:
            self.event_combo.addItem("", term.code)
        self.amount = _spin("amount", 1, 999, 5)
        self.unit_combo = _combo("unit")
        self.age = _spin("age", 0, 150, 28)
        self.death_years = _spin("death-years", 1, 150, 10)
        self.active_amount = _spin("active-amount", 0, 999, 2)
        self.active_unit = _combo("active-unit")
        for combo in (self.unit_combo, self.active_unit):
            for unit, _fr, _en in UNITS:
                combo.addItem("", unit)

        def line(*widgets: QWidget) -> QWidget:
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            return holder

        self.age_after = QLabel()
        self.death_after = QLabel()
        t.bind(self.age_after.setText, "ans (au moins jusqu'à cet âge)")
        t.bind(self.death_after.setText, "ans après le décès, s'il survient dans ce délai")
        self.death_after.setToolTip(texts.t(
            "Si le décès survient moins de ce nombre d'années après l'événement, la "
            "conservation s'arrête ce nombre d'années après le décès (CSP R1112-7)."))
        self.rows: dict[str, QWidget] = {
            "event": self.event_combo,
            "amount": line(self.amount, self.unit_combo),
            "age": line(self.age, self.age_after),
            "death": line(self.death_years, self.death_after),
            "active": line(self.active_amount, self.active_unit),
        }
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        for key, widget, words in (
            ("shape", self.shape_combo, tr_noop("Forme")),
            ("event", self.rows["event"], tr_noop("Événement de départ")),
            ("amount", self.rows["amount"], tr_noop("Durée après l'événement")),
            ("age", self.rows["age"], tr_noop("Âge atteint")),
            ("death", self.rows["death"], tr_noop("Clause de décès")),
            ("active", self.rows["active"], tr_noop("Phase active")),
        ):
            label = QLabel()
            t.bind(label.setText, words)
            self.labels[key] = label
            form.addRow(label, widget)

        self.shape_combo.currentIndexChanged.connect(self._on_control_changed)
        for combo in (self.event_combo, self.unit_combo, self.active_unit):
            combo.currentIndexChanged.connect(self._on_control_changed)
        for spin in (self.amount, self.age, self.death_years, self.active_amount):
            spin.valueChanged.connect(self._on_control_changed)
        self.relabel(t.lang)  # and again by the rule editor after each switch
        self._enable()

    def relabel(self, lang: Lang) -> None:
        """The words of the lists in ``lang`` (vocabulary labels)."""
        index = 0 if lang == "fr" else 1
        for row, (_code, *words) in enumerate(SHAPES):
            self.shape_combo.setItemText(row, words[index])
        for combo in (self.unit_combo, self.active_unit):
            for row, (_unit, *words) in enumerate(UNITS):
                combo.setItemText(row, words[index])
        for row in range(self.event_combo.count()):
            code = str(self.event_combo.itemData(row))
            label = event_label(code, lang)
            self.event_combo.setItemText(row, label[:1].upper() + label[1:])

    # --- reading and writing --------------------------------------------------------------
    @property
    def shape(self) -> str:
        return str(self.shape_combo.currentData() or CUSTOM)

    def shaped(self) -> ShapedRule | None:
        """The rule the controls say, None for "Autre règle"."""
        if self.shape == CUSTOM:
            return None
        return ShapedRule(
            Shape(self.shape), str(self.event_combo.currentData()), self.amount.value(),
            self._unit(self.unit_combo), age=self.age.value(),
            death_years=self.death_years.value(), active_amount=self.active_amount.value(),
            active_unit=self._unit(self.active_unit))

    @staticmethod
    def _unit(combo: QComboBox) -> Unit:
        data = str(combo.currentData())
        return next(unit for unit, _fr, _en in UNITS if unit == data)

    def set_rule(self, delete_after: str, active_until: str) -> ShapedRule | None:
        """Show the shape of a rule (without writing it back); "Autre règle" when it has
        none. Returns the shape found."""
        shaped = recognise(delete_after, active_until)
        blockers = [QSignalBlocker(w) for w in (
            self.shape_combo, self.event_combo, self.unit_combo, self.active_unit,
            self.amount, self.age, self.death_years, self.active_amount)]
        if shaped is None:
            self.shape_combo.setCurrentIndex(self.shape_combo.findData(CUSTOM))
        else:
            self.shape_combo.setCurrentIndex(self.shape_combo.findData(str(shaped.shape)))
            if self.event_combo.findData(shaped.event) < 0:  # an event of its own
                self.event_combo.addItem("", shaped.event)
                self.relabel(self.texts.lang)
            self.event_combo.setCurrentIndex(self.event_combo.findData(shaped.event))
            self.amount.setValue(shaped.amount)
            self.unit_combo.setCurrentIndex(self.unit_combo.findData(shaped.unit))
            if shaped.shape in (Shape.AGE, Shape.DEATH):
                self.age.setValue(shaped.age)
            if shaped.shape is Shape.DEATH:
                self.death_years.setValue(shaped.death_years)
            if shaped.shape is Shape.ACTIVE:
                self.active_amount.setValue(shaped.active_amount)
                self.active_unit.setCurrentIndex(self.active_unit.findData(shaped.active_unit))
        del blockers
        self._enable()
        return shaped

    def _enable(self) -> None:
        uses = USES[self.shape]
        for key, widget in self.rows.items():
            widget.setEnabled(key in uses)
            self.labels[key].setEnabled(key in uses)

    def _on_control_changed(self, *_args: object) -> None:
        self._enable()
        shaped = self.shaped()
        if shaped is not None:
            self.built.emit(shaped.delete_after(), shaped.active_until())
