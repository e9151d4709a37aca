"""The README's screenshots, taken offscreen from the demo register, in French.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py [OUT_DIR]

Writes main-window.png, editor.png, entity.png, processor-register.png and first-start.png
(the setup a new register opens on; default: this folder).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from shots import demo_register, demo_window, settle

from gui.app import application
from gui.entity_dialog import install_entity
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gui.main_window import EDITOR_TAB, PROCESSOR_VIEW, MainWindow
from gui.settings import Settings
from storage.register import open_register

TODAY = date(2026, 3, 2)
SIZE = (1440, 900)


def main(out: Path) -> int:
    app = application("fr")
    folder, register = demo_register(TODAY)
    window = demo_window(register, folder, TODAY)
    window.resize(*SIZE)
    window.show()
    window.splitter.setSizes([860, 580])
    settle(app)

    window.select_activity(window.model.row_at(0).activity.entity_id, "SOIN-01")
    settle(app)
    window.grab().save(str(out / "main-window.png"))

    window.right.setCurrentIndex(EDITOR_TAB)
    narrow = ("department", "role", "legal_bases")  # what a DPO hides when editing
    for key in narrow:
        window.column_actions[key].setChecked(False)
    window.splitter.setSizes([620, 820])
    settle(app)
    window.grab().save(str(out / "editor.png"))

    entity_dialog = install_entity(window).edit_entity()  # Édition › Établissement…
    assert entity_dialog is not None
    settle(app)
    entity_dialog.grab().save(str(out / "entity.png"))
    entity_dialog.reject()

    for key in narrow:
        window.column_actions[key].setChecked(True)
    window.splitter.setSizes([900, 540])
    window.right.setCurrentIndex(0)
    window.view_tabs.setCurrentIndex(PROCESSOR_VIEW)
    settle(app)
    window.grab().save(str(out / "processor-register.png"))
    window.close()
    register.close()
    first_start(app, folder, out)
    for name in ("main-window.png", "editor.png", "entity.png", "processor-register.png",
                 "first-start.png"):
        print(out / name)
    return 0


def first_start(app: QApplication, folder: Path, out: Path) -> None:
    """A new, empty register: the window opens on the establishment's setup."""
    register = open_register(str(folder / "nouveau.db"))
    window = MainWindow(register, "fr", today=TODAY, settings=Settings(QSettings(
        str(folder / "first.ini"), QSettings.Format.IniFormat)))
    window.resize(*SIZE)
    window.show()
    settle(app)
    actions = window.entity_actions
    dialog = actions.setup_dialog or actions.offer_setup()  # opened once the register is read
    settle(app)
    assert dialog is not None
    dialog.grab().save(str(out / "first-start.png"))
    dialog.reject()
    window.close()
    register.close()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent))
