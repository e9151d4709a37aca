"""Every screen and dialog of the window in French and in English, taken offscreen from the
demo register, to look for words left in the other language, clipped texts and the like.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots_languages.py OUT_DIR [fr|en]

Writes OUT_DIR/fr/*.png and OUT_DIR/en/*.png (one language when given): the main window at
1440×900 and at 1280×800, its Fiche, Modifier and Historique tabs, the processor register,
each menu of the menu bar, the retention screens (rule editor, inventory wizard, quarterly
review, legal holds, dashboard) and the File menu's dialogs (import with its preview,
export, PDF, database, backups), each at 1280×800 or at its own size when smaller.
Prints the path of each file written.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from shots import demo_register, demo_window, settle, wait

from domain.holds import HoldScope
from domain.review import Decision, FindingDecision
from gui.app import application
from gui.database_dialog import DatabaseActions
from gui.main_window import EDITOR_TAB, HISTORY_TAB, PROCESSOR_VIEW
from storage.register import Register
from storage.review import FindingScope, decide, sign_off, start_review

TODAY = date(2026, 11, 29)
NOW = "2026-11-29T09:30:00+00:00"
SCREEN = (1280, 800)
SAMPLE = ROOT.parent / "shared" / "data" / "registers" / \
    "dastra_sample-datatreatments-shipbuilder.xlsx"


class Shots:
    def __init__(self, app: QApplication, out: Path) -> None:
        self.app, self.out = app, out
        out.mkdir(parents=True, exist_ok=True)

    def save(self, widget: QWidget, name: str) -> None:
        settle(self.app)
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)


def _reviews(register: Register) -> int:
    """Last quarter signed, this quarter with decisions (as docs/screenshots_retention.py)."""
    last = start_review(register.uow(), date(2026, 8, 31), now=NOW)
    assert last.id is not None
    decide(register.uow(), last.id, FindingDecision(Decision.PURGE_PLANNED, date(2026, 10, 15)),
           FindingScope(status=None), now=NOW)
    sign_off(register.uow(), last.id, "Claire Dubreuil", now="2026-09-04T15:12:00+00:00")
    now = start_review(register.uow(), TODAY, now=NOW)
    assert now.id is not None
    decide(register.uow(), now.id, FindingDecision(Decision.PURGE_DONE,
                                                   note="PV de destruction n° 2026-114"),
           FindingScope(activity="SEC-01"), now=NOW)
    decide(register.uow(), now.id, FindingDecision(Decision.PURGE_PLANNED, date(2027, 1, 31)),
           FindingScope(activity="SOIN-01", status=None), now=NOW)
    return now.id


def shoot(lang: str, out: Path, folder: Path, register: Register, review_id: int) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shots = Shots(app, out)
    window = demo_window(register, folder, TODAY, f"settings-{lang}.ini")
    window.set_language(lang, remember=False)
    window.resize(1440, 900)
    window.show()
    window.splitter.setSizes([860, 580])
    settle(app)
    entity = window.model.row_at(0).activity.entity_id
    window.select_activity(entity, "SOIN-01")
    shots.save(window, "main-window-1440")
    window.resize(*SCREEN)
    window.splitter.setSizes([740, 540])
    shots.save(window, "main-window-1280")
    window.right.setCurrentIndex(EDITOR_TAB)
    shots.save(window, "editor")
    window.right.setCurrentIndex(HISTORY_TAB)
    shots.save(window, "history")
    window.right.setCurrentIndex(0)
    window.view_tabs.setCurrentIndex(PROCESSOR_VIEW)
    shots.save(window, "processor-register")
    window.view_tabs.setCurrentIndex(0)
    window.select_activity(entity, "SOIN-01")

    for index, action in enumerate(window.menuBar().actions()):
        menu = action.menu()
        if isinstance(menu, QMenu):
            menu.popup(window.mapToGlobal(QPoint(10 + 80 * index, 30)))
            settle(app)
            shots.save(menu, f"menu-{index}-{menu.objectName() or index}")
            menu.hide()
    view_menu = window.menuBar().actions()[2].menu()
    columns = view_menu.actions()[0].menu() if isinstance(view_menu, QMenu) else None
    if isinstance(columns, QMenu):
        columns.popup(window.mapToGlobal(QPoint(10, 30)))
        shots.save(columns, "menu-columns")
        columns.hide()

    actions = window.retention  # type: ignore[attr-defined]
    window.select_activity(entity, "SOIN-02")
    editor = actions.open_rule_editor()
    editor.resize(*SCREEN)
    editor.category_combo.setCurrentIndex(editor.category_combo.findData("health"))
    editor.use_template(editor.library["SANTE-DM-01"])
    for name, value in (("last_stay", "2005-03-15"), ("birth", "12/05/1998"),
                        ("death", "")):
        editor.event_edits[name].setText(value)
    shots.save(editor, "rule-editor")
    editor.close()

    extract = folder / "extraction-pastel.csv"
    extract.write_text("IPP;Date de sortie;Date de naissance;Date décès;Service\n" + "".join(
        f"90{i:04d};{1 + i % 28:02d}/{1 + i % 12:02d}/{2000 + i % 25};"
        f"19{40 + i % 50}-0{1 + i % 9}-1{i % 9};{'2015-06-02' if i % 7 == 0 else ''};"
        f"{['Cardiologie', 'Urgences', 'Pédiatrie', 'Maternité'][i % 4]}\n"
        for i in range(240)), encoding="utf-8")
    window.select_activity(entity, "ADM-01")
    wizard = actions.open_inventory_wizard()
    wizard.resize(*SCREEN)
    shots.save(wizard, "inventory-empty")
    wizard.open_file(extract)
    wait(app, lambda: wizard.preview.rowCount() > 0)
    wizard.verify()
    wait(app, lambda: not wizard._busy())
    shots.save(wizard, "inventory")
    wizard.close()

    screen = actions.open_review()
    screen.resize(*SCREEN)
    screen.as_of.setDate(QDate(2027, 2, 26))
    screen.reload(review_id)
    screen.tree.collapseAll()
    for index in range(screen.tree.topLevelItemCount()):
        item = screen.tree.topLevelItem(index)
        if item is not None and item.text(0) in ("SOIN-01", "SEC-01"):
            item.setExpanded(True)
            for child in range(item.childCount()):
                sub = item.child(child)
                if sub is not None:
                    sub.setExpanded(True)
    screen.decision.setCurrentIndex(screen.decision.findData(Decision.PURGE_PLANNED.value))
    shots.save(screen, "review")
    screen.close()

    holds = actions.open_holds()
    holds.resize(*SCREEN)
    holds.activity_combo.setCurrentIndex(
        holds.activity_combo.findText("SEC-01", Qt.MatchFlag.MatchStartsWith))
    holds.scope_buttons[HoldScope.RECORDS].setChecked(True)
    holds.category_combo.setCurrentIndex(holds.category_combo.findData("location"))
    holds.ids_edit.setPlainText("\n".join(f"CLIP-2026-11-{n:04d}" for n in range(14, 22)))
    holds.reason.setText("Réquisition OPJ n° 2026/4471 — vol au parking P2")
    if holds.holds:
        holds.select_hold(holds.holds[0].id)
    shots.save(holds, "holds")
    holds.close()

    dashboard = actions.open_dashboard()
    dashboard.resize(*SCREEN)
    assert dashboard.task is not None and dashboard.task.wait(300)
    settle(app)
    shots.save(dashboard, "dashboard")
    dashboard.close()

    io = window.io  # type: ignore[attr-defined]
    dialog = io.open_import()
    assert dialog is not None
    dialog.resize(980, 640)
    shots.save(dialog, "import-empty")
    if SAMPLE.exists():
        dialog.open_file(SAMPLE)
        wait(app, lambda: not dialog.running)
        shots.save(dialog, "import-preview")
    dialog.close()
    export = io.open_export()
    shots.save(export, "export")
    export.close()
    pdf = io.open_pdf()
    shots.save(pdf, "pdf")
    pdf.close()

    database = window.findChild(DatabaseActions)
    assert database is not None
    chosen = database.open_dialog()
    shots.save(chosen, "database")
    chosen.postgres_radio.setChecked(True)
    shots.save(chosen, "database-postgresql")
    chosen.reject()
    from gui.backup_dialog import BackupActions
    backups = window.findChild(BackupActions)
    assert backups is not None
    backup = backups.open_dialog()
    shots.save(backup, "backups")
    backup.reject()

    window.close()


def main(out: Path, langs: list[str]) -> int:
    app = application("fr")
    folder, register = demo_register(TODAY, actor="c.dubreuil")
    review_id = _reviews(register)
    for lang in langs:
        shoot(lang, out / lang, folder, register, review_id)
    register.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:] or ["fr", "en"]))
