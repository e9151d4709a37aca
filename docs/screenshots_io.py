"""Screenshot of the import preview, taken offscreen from the demo register, in French.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots_io.py [OUT_DIR]

Writes import-preview.png: the Dastra "shipbuilder" register (one of the real files of
shared/data/registers) previewed for import into the demo register — each activity found,
new or updating an existing one, and the warnings; and pdf-fiche.png: the first page of a
fiche of the demo register's PDF (menu Fichier > Imprimer en PDF), as Qt's PDF reader
renders it.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication
from shots import demo_register, demo_window

from gui.app import application
from gui.io_dialogs import IoActions
from gui.pdf import write_register_pdf

TODAY = date(2026, 11, 29)
SAMPLE = ROOT.parent / "shared" / "data" / "registers" / \
    "dastra_sample-datatreatments-shipbuilder.xlsx"


def main(out: Path) -> int:
    app: QApplication = application("fr")
    folder, register = demo_register(TODAY, actor="c.dubreuil")
    window = demo_window(register, folder, TODAY)
    window.show()
    actions: IoActions = window.io  # type: ignore[attr-defined]
    dialog = actions.open_import()
    assert dialog is not None  # no unsaved edit in a fresh window
    dialog.resize(980, 640)
    dialog.open_file(SAMPLE)
    deadline = time.monotonic() + 60
    while dialog.running and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(out / "import-preview.png"))

    with register.uow() as uow:
        entities = list(uow.entities.list())
    activities = [row.activity for row in (window.model.row_at(i)
                                           for i in range(window.model.rowCount()))]
    pdf = folder / "registre.pdf"
    write_register_pdf(pdf, entities, activities, as_of=TODAY)
    document = QPdfDocument()
    document.load(str(pdf))
    document.render(1, QSize(1240, 1754)).save(str(out / "pdf-fiche.png"))
    register.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent))
