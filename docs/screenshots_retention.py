"""Screenshots of the retention screens, taken offscreen from the demo register, in French.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots_retention.py [OUT_DIR]

Writes retention-rule-editor.png (a template with its live preview), retention-inventory.png
(the wizard with a file previewed and its columns mapped), retention-review.png (a review
with decisions, compared with the previous quarter), retention-holds.png (the legal holds,
a hold on listed records being prepared) and retention-dashboard.png (the dashboard as of
the day, at 1280×800) into OUT_DIR (default: this folder).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QDate, Qt
from shots import demo_register, demo_window, settle, wait

from domain.holds import HoldScope
from domain.review import Decision, FindingDecision
from gui.app import application
from gui.retention import RetentionActions, install_retention
from storage.review import FindingScope, decide, sign_off, start_review

TODAY = date(2026, 11, 29)
NOW = "2026-11-29T09:30:00+00:00"


def main(out: Path) -> int:
    app = application("fr")
    folder, register = demo_register(TODAY, actor="c.dubreuil")
    window = demo_window(register, folder, TODAY)
    install_retention(window)
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    window.show()
    settle(app)

    # The rule editor: the medical record template, an example patient.
    window.select_activity(window.model.row_at(0).activity.entity_id, "SOIN-02")
    editor = actions.open_rule_editor()
    assert editor is not None
    editor.resize(1280, 720)
    editor.category_combo.setCurrentIndex(editor.category_combo.findData("health"))
    editor.search.setText("dossier médical")
    editor.templates.setCurrentRow(0)
    editor.use_template(editor.library["SANTE-DM-01"])
    for name, value in (("last_stay", "2005-03-15"), ("birth", "12/05/1998"),
                        ("death", "")):
        editor.event_edits[name].setText(value)
    settle(app)
    editor.grab().save(str(out / "retention-rule-editor.png"))
    editor.close()

    # The inventory wizard: a file previewed, its columns suggested.
    extract = folder / "extraction-pastel.csv"
    extract.write_text("IPP;Date de sortie;Date de naissance;Date décès;Service\n" + "".join(
        f"90{i:04d};{1 + i % 28:02d}/{1 + i % 12:02d}/{2000 + i % 25};"
        f"19{40 + i % 50}-0{1 + i % 9}-1{i % 9};{'2015-06-02' if i % 7 == 0 else ''};"
        f"{['Cardiologie', 'Urgences', 'Pédiatrie', 'Maternité'][i % 4]}\n"
        for i in range(240)), encoding="utf-8")
    window.select_activity(window.model.row_at(0).activity.entity_id, "ADM-01")
    wizard = actions.open_inventory_wizard()
    wizard.resize(1000, 680)
    wizard.open_file(extract)
    wait(app, lambda: wizard.preview.rowCount() > 0, seconds=20)
    wizard.verify()  # the whole file checked: no row refused
    wait(app, lambda: "prêts à charger" in " ".join(wizard.messages.texts()), seconds=20)
    settle(app)
    wizard.grab().save(str(out / "retention-inventory.png"))
    wizard.close()

    # The review: last quarter signed, this quarter with decisions.
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
    screen = actions.open_review()
    screen.resize(1440, 900)
    screen.as_of.setDate(QDate(2027, 2, 26))
    screen.reload(now.id)
    screen.tree.collapseAll()
    for index in range(screen.tree.topLevelItemCount()):
        item = screen.tree.topLevelItem(index)
        if item is not None and item.text(0) in ("SOIN-01", "SEC-01"):
            item.setExpanded(True)
            for child in range(item.childCount()):
                sub = item.child(child)
                if sub is not None:
                    sub.setExpanded(True)
    screen._select_path(["SOIN-01", "Données de santé", "En retard"])  # health, in words
    screen.decision.setCurrentIndex(screen.decision.findData(Decision.PURGE_PLANNED.value))
    screen.purge_on.setDate(QDate(2027, 1, 31))
    settle(app)
    screen.grab().save(str(out / "retention-review.png"))
    screen.close()

    # The legal holds: the demo's three, a hold on listed records being prepared.
    holds = actions.open_holds()
    holds.resize(1280, 760)
    holds.activity_combo.setCurrentIndex(
        holds.activity_combo.findText("SEC-01", Qt.MatchFlag.MatchStartsWith))
    holds.scope_buttons[HoldScope.RECORDS].setChecked(True)
    holds.category_combo.setCurrentIndex(holds.category_combo.findData("location"))
    holds.ids_edit.setPlainText("\n".join(f"CLIP-2026-11-{n:04d}" for n in range(14, 22)))
    holds.reason.setText("Réquisition OPJ n° 2026/4471 — vol au parking P2")
    holds.select_hold(holds.holds[0].id)
    settle(app)
    holds.grab().save(str(out / "retention-holds.png"))
    holds.close()

    # The dashboard as of the day, at the size of a 1280×800 screen.
    dashboard = actions.open_dashboard()
    dashboard.resize(1280, 800)
    assert dashboard.task is not None and dashboard.task.wait(300)
    settle(app)  # the figures arrive through a queued signal
    assert dashboard.figures is not None, dashboard.messages.texts()
    dashboard.grab().save(str(out / "retention-dashboard.png"))
    dashboard.close()

    window.close()
    register.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent))
