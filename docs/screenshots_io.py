"""Screenshot of the import preview, taken offscreen from the demo register, in French.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots_io.py [OUT_DIR]

Writes import-preview.png: the Dastra "shipbuilder" register (one of the real files of
shared/data/registers) previewed for import into the demo register — each activity found,
new or updating an existing one, and the warnings.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gui.app import application
from gui.io_dialogs import IoActions
from gui.main_window import MainWindow
from gui.settings import Settings
from storage.demo import write_demo
from storage.register import open_register

TODAY = date(2026, 11, 29)
SAMPLE = ROOT.parent / "shared" / "data" / "registers" / \
    "dastra_sample-datatreatments-shipbuilder.xlsx"


def main(out: Path) -> int:
    app: QApplication = application("fr")
    folder = Path(tempfile.mkdtemp(prefix="registre-shots-"))
    db = folder / "demo-registre.db"
    write_demo(db, TODAY)
    register = open_register(str(db), actor="c.dubreuil")
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(register, "fr", today=TODAY, settings=settings)
    window.show()
    actions: IoActions = window.io  # type: ignore[attr-defined]
    dialog = actions.open_import()
    dialog.resize(980, 640)
    dialog.open_file(SAMPLE)
    deadline = time.monotonic() + 60
    while dialog.running and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(out / "import-preview.png"))
    register.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent))
