"""French and English through Qt's translation system: the window, the editor and a
retention screen switch FR -> EN -> FR with the English of resources/i18n/registre_en.qm;
the system's languages choose the first one; every French string of gui/ has its English
in the .ts; the .qm is compiled again when the .ts is newer; the extractor rewrites
two-language calls and keeps the .ts (idempotent, vanished strings kept as obsolete)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import ProcessingActivity, Role
from domain.review import Decision
from gui import i18n
from gui.i18n import extract, ts
from gui.main_window import EDITOR_TAB, MainWindow
from gui.retention.review_screen import ReviewScreen
from gui.settings import LANGUAGE, Settings
from storage.register import Register
from tests.builders import entity, full_activity

TODAY = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _french_afterwards() -> Iterator[None]:
    """The translator is the application's: leave it French for the next test."""
    yield
    i18n.use_language("fr")


@pytest.fixture
def window(qtbot: QtBot, register: Register, settings: Settings) -> MainWindow:
    owner = services.add_entity(register.uow(), entity())
    other = services.add_entity(register.uow(), entity("EHPAD Les Tilleuls"))
    assert owner.id is not None and other.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "RH-01", "Paie des agents", department="DRH"), TODAY)
    services.add_activity(register.uow(), ProcessingActivity(
        other.id, "EHPAD-01", "Paie pour le compte du CCAS", role=Role.PROCESSOR,
        controllers_acted_for=("CCAS de Valmont",)), TODAY)
    shown = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _menus(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _menu_items(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _headers(window: MainWindow) -> list[str]:
    model = window.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def _english_installed() -> bool:
    app = QCoreApplication.instance()
    return app is not None and app.findChild(QTranslator, i18n.ENGLISH) is not None


def _french_sources() -> set[str]:
    """French strings whose English differs (what must not be seen in English)."""
    catalogue = ts.read(i18n.TS_FILE)
    english = {t for _c, m in catalogue.messages() if not m.vanished for t in m.translations}
    return {m.source for _c, m in catalogue.messages()
            if not m.vanished and m.translated and m.translations[0] != m.source
            and "{" not in m.source and "%n" not in m.source} - english  # "Date"


def _visible_words(root: QWidget) -> list[str]:
    words = [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root)]
    words += [w.text() for w in root.findChildren(QAbstractButton) if w.isVisibleTo(root)]
    words += [w.title() for w in root.findChildren(QGroupBox) if w.isVisibleTo(root)]
    return [w for w in words if w]


def test_the_window_switches_to_english_and_back(qtbot: QtBot, window: MainWindow) -> None:
    assert _menus(window)[:4] == ["&Fichier", "É&dition", "&Affichage", "&Langue"]
    assert window.count_label.text() == "3 traitement(s) sur 3"
    assert not _english_installed()

    with qtbot.waitSignal(window.language_changed):
        window.language_actions["en"].trigger()
    assert _english_installed()  # the words below come from registre_en.qm
    assert _menus(window)[:5] == ["&File", "&Edit", "&View", "&Language", "&Retention"]
    assert {"&New activity", "&Save", "&Reload", "&Quit"} <= set(_menu_items(window, "&File"))
    assert "&Delete activity…" in _menu_items(window, "&Edit")
    assert _headers(window)[:4] == ["Ref.", "Activity", "Entity", "Department"]
    assert window.count_label.text() == "3 of 3 activities"  # a placeholder filled
    assert window.search.placeholderText() == "Search an activity, a department, a system…"
    assert [window.right.tabText(i) for i in range(3)] == ["Record", "Edit", "History"]
    assert window.status_filter.itemText(0) == "Any status"
    assert [window.history_model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(3)] == ["When", "Who", "Action"]
    assert window.archived_filter.text() == "Ended"
    window.search.setText("paie")
    assert window.count_label.text() == "2 of 3 activities"
    french = _french_sources()
    left = [w for w in _visible_words(window) if w in french]
    assert left == [], f"French words left in English: {left}"

    window.set_language("fr")
    assert not _english_installed()
    assert _menus(window)[:5] == ["&Fichier", "É&dition", "&Affichage", "&Langue",
                                  "&Conservation"]
    assert _headers(window)[:2] == ["Réf.", "Traitement"]
    assert window.count_label.text() == "2 traitement(s) sur 3"
    assert window.right.tabText(EDITOR_TAB) == "Modifier"


def test_the_editor_switches_to_english_and_back(window: MainWindow) -> None:
    editor = window.editor
    window.right.setCurrentIndex(EDITOR_TAB)
    assert editor.save_button.text() == "Enregistrer"
    window.set_language("en")
    assert editor.groups["purposes"].title() == "Purposes and legal bases"
    assert editor.groups["dpia"].title() == "Impact assessment (DPIA)"
    assert [editor.revert_button.text(), editor.save_button.text(),
            editor.validate_button.text()] == ["Revert", "Save", "Validate"]
    assert editor.score_label.text() == "Completeness"
    assert editor.recipients.add_button.text() == "Add a recipient"
    labels = {label.text() for label in editor.findChildren(QLabel)}
    assert {"Main purpose", "Legal bases (Art. 6)", "Recipients", "DPIA reference"} <= labels
    left = [w for w in _visible_words(editor) if w in _french_sources()]
    assert left == [], f"French words left in English: {left}"
    window.set_language("fr")
    assert editor.groups["purposes"].title() == "Finalités et bases légales"
    assert editor.save_button.text() == "Enregistrer"


def test_a_retention_screen_switches_with_the_window(qtbot: QtBot, window: MainWindow,
                                                    register: Register) -> None:
    screen = ReviewScreen(register, window.texts, TODAY, "Élise Durand",
                          now=lambda: "2026-11-29T10:00:00+00:00")
    qtbot.addWidget(screen)
    screen.show()
    legal_hold = list(Decision).index(Decision.LEGAL_HOLD)
    assert screen.windowTitle() == "Revue trimestrielle de conservation"
    assert screen.decision.itemText(legal_hold) == "Gel juridique"
    window.set_language("en")
    assert screen.windowTitle() == "Quarterly retention review"
    assert screen.start_button.text() == "Start the review 2026-Q4"  # placeholder
    assert screen.cancel_button.text() == "Cancel"
    assert screen.tree.headerItem().text(1) == "Records"
    # one French word, two meanings told apart by Qt's disambiguation
    assert screen.decision.itemText(legal_hold) == "Legal hold"
    assert screen.history.horizontalHeaderItem(5).toolTip() == "On legal hold"
    assert screen.records.horizontalHeaderItem(2).text() == "Deadline"
    assert screen.history.horizontalHeaderItem(3).text() == "Due"
    window.set_language("fr")
    assert screen.windowTitle() == "Revue trimestrielle de conservation"
    assert screen.start_button.text() == "Démarrer la revue 2026-Q4"
    assert screen.decision.itemText(legal_hold) == "Gel juridique"


def test_counts_use_the_english_plural_forms() -> None:
    i18n.use_language("en")
    context = "gui.retention.review_screen"
    source = "Décision enregistrée pour %n enregistrement(s)."
    assert i18n.translate(source, context, n=1) == "Decision recorded for 1 record."
    assert i18n.translate(source, context, n=12) == "Decision recorded for 12 records."
    i18n.use_language("fr")
    assert i18n.translate(source, context, n=12) == \
        "Décision enregistrée pour 12 enregistrement(s)."


def test_the_chosen_language_is_remembered(window: MainWindow, settings: Settings,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gui.settings.system_language", lambda: "en")  # an English system
    assert settings.get(LANGUAGE) == ""
    assert settings.language() == "en"
    window.close()  # no choice made: the next start asks the system again
    assert settings.get(LANGUAGE) == ""
    window.language_actions["fr"].trigger()  # the DPO chooses French on an English system
    window.close()
    assert settings.get(LANGUAGE) == "fr" and settings.language() == "fr"


def test_the_system_language_can_be_chosen_again(qtbot: QtBot, window: MainWindow,
                                                 settings: Settings,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gui.main_window.system_language", lambda: "en")
    assert _menu_items(window, "&Langue") == ["Français", "English", "Langue du &système"]
    window.set_language("fr")
    assert settings.get(LANGUAGE) == "fr"
    with qtbot.waitSignal(window.language_changed):
        window.system_language_action.trigger()
    assert settings.get(LANGUAGE) == ""  # forgotten: each start follows the system
    assert window.lang == "en" and window.language_actions["en"].isChecked()
    assert _menu_items(window, "&Language") == ["Français", "English", "&System language"]


@pytest.mark.parametrize(("locale", "expected"), [
    ("en_GB", "en"), ("en_US", "en"), ("fr_FR", "fr"), ("fr_CA", "fr"), ("de_DE", "fr")])
def test_the_system_locale_picks_the_language(locale: str, expected: str) -> None:
    assert i18n.system_language(QLocale(locale)) == expected


@pytest.mark.parametrize(("lang_env", "expected"), [
    ("en_GB.UTF-8", "en &File"), ("fr_FR.UTF-8", "fr &Fichier")])
def test_a_first_start_follows_the_system_locale(tmp_path: Path, lang_env: str,
                                                 expected: str) -> None:
    """A new process (QLocale.system() is read once): no saved choice, the system's
    languages decide, and the window's words follow."""
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QSettings
        from gui.app import application
        from gui.i18n import translate
        from gui.settings import Settings
        settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
        lang = settings.language()
        application(lang)
        print(lang, translate("&Fichier", "gui.main_window"))
    """)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LANG=lang_env, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "s.ini")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


def test_every_french_string_of_the_window_has_its_english(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The extractor's check over gui/: no string without English (the calls still
    written in two languages, others' work in progress, are only counted)."""
    assert extract.main(["--check", "--lenient"]) == 0, capsys.readouterr().out
    assert "has no English" not in capsys.readouterr().out


def test_the_qm_is_compiled_again_when_the_ts_is_newer(tmp_path: Path) -> None:
    ts_file, qm_file = tmp_path / "registre_en.ts", tmp_path / "registre_en.qm"
    catalogue = ts.Catalogue()
    catalogue.contexts["gui.x"] = {"Fiche": ts.Message("Fiche", ["Record"])}
    ts.write(catalogue, ts_file)
    assert i18n.compiled_catalogue(ts_file, qm_file) == qm_file  # missing: compiled
    first = qm_file.stat().st_mtime_ns
    assert i18n.compiled_catalogue(ts_file, qm_file) == qm_file
    assert qm_file.stat().st_mtime_ns == first  # up to date: left alone

    catalogue.contexts["gui.x"]["Fiche"].translations = ["Sheet"]
    ts.write(catalogue, ts_file)
    os.utime(ts_file, ns=(first + 10**9, first + 10**9))  # the .ts is newer
    assert i18n.compiled_catalogue(ts_file, qm_file) == qm_file
    translator = QTranslator()
    assert translator.load(str(qm_file))
    assert translator.translate("gui.x", "Fiche") == "Sheet"


def test_make_builds_the_qm_again_when_the_ts_is_newer(tmp_path: Path) -> None:
    """The Makefile's rule (what make run and make test use), on a .ts of the test's own."""
    ts_file, qm_file = tmp_path / "registre_en.ts", tmp_path / "registre_en.qm"
    catalogue = ts.Catalogue()
    catalogue.contexts["gui.x"] = {"Fiche": ts.Message("Fiche", ["Record"])}
    ts.write(catalogue, ts_file)

    def make(*options: str) -> int:
        # -o: the installed virtual env is taken as it is (never reinstalled by a test)
        return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed",
                               *options, f"TS={ts_file}",
                               f"QM={qm_file}", str(qm_file)], cwd=ROOT, capture_output=True,
                              timeout=120, check=False).returncode

    assert make() == 0 and qm_file.exists()
    assert make("-q") == 0  # up to date
    catalogue.contexts["gui.x"]["Fiche"].translations = ["Sheet"]
    ts.write(catalogue, ts_file)
    later = qm_file.stat().st_mtime_ns + 10**9
    os.utime(ts_file, ns=(later, later))
    assert make("-q") == 1  # the .ts is newer: to be built
    assert make() == 0
    translator = QTranslator()
    assert translator.load(str(qm_file))
    assert translator.translate("gui.x", "Fiche") == "Sheet"


# --- the extractor on a small tree of its own --------------------------------------------
SCREEN = '''\
from PySide6.QtCore import QCoreApplication


class Screen:
    def __init__(self, texts, activity, count):
        t = texts
        t.bind(self.setWindowTitle, "Revue trimestrielle", "Quarterly review")
        t.bind(self.label.setText, f"Règle de {activity.ref}", f"Rule of {activity.ref}")
        self.hint = t.t(f"{count} lignes ; aperçu des {len(self.rows)} premières",
                        f"{count} rows; preview of the first {len(self.rows)}")
        self.save = self._t("Enregistrer", "Save")
        self.qt = QCoreApplication.translate("QDialogButtonBox", "Cancel")

    def _t(self, fr, en):
        return self.texts.t(fr, en)
'''


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "gui").mkdir()
    (tmp_path / "gui" / "screen.py").write_text(SCREEN, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.setattr(extract, "ROOT", tmp_path)
    monkeypatch.setattr(extract, "GUI", tmp_path / "gui")
    monkeypatch.setattr(extract, "TS_FILE", tmp_path / "registre_en.ts")
    return tmp_path


def test_the_extractor_rewrites_two_language_calls(tree: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert extract.main(["--check"]) == 1  # two-language calls remain
    assert extract.main([]) == 0
    code = (tree / "gui" / "screen.py").read_text(encoding="utf-8")
    assert 't.bind(self.setWindowTitle, "Revue trimestrielle")' in code
    assert 't.bind(self.label.setText, "Règle de {ref}", ref=activity.ref)' in code
    assert '"{count} lignes ; aperçu des {rows} premières").format(' in code
    assert "count=count, rows=len(self.rows))" in code
    assert 'self.save = self._t("Enregistrer")' in code
    assert "def _t(self, fr, en: str | None = None):" in code
    assert 'QCoreApplication.translate("QDialogButtonBox", "Cancel")' in code  # Qt's, not ours
    compile(code, "screen.py", "exec")
    catalogue = ts.read(tree / "registre_en.ts")
    assert catalogue.get("gui.screen", "Règle de {ref}").translations == ["Rule of {ref}"]
    assert catalogue.get("gui.screen", "{count} lignes ; aperçu des {rows} premières") \
        .translations == ["{count} rows; preview of the first {rows}"]
    subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "--no-cache",
                    "--line-length", "100", str(tree / "gui")], check=True)
    capsys.readouterr()
    assert extract.main(["--check"]) == 0

    text = (tree / "registre_en.ts").read_text(encoding="utf-8")
    assert extract.main([]) == 0  # again: nothing changes
    assert (tree / "registre_en.ts").read_text(encoding="utf-8") == text
    assert (tree / "gui" / "screen.py").read_text(encoding="utf-8") == code


def test_the_extractor_keeps_translations_and_marks_vanished_ones(tree: Path) -> None:
    assert extract.main([]) == 0
    screen = tree / "gui" / "screen.py"
    code = screen.read_text(encoding="utf-8")
    screen.write_text(code.replace('self._t("Enregistrer")', 'self._t("Valider")')
                      + '        self.other = self._t("Revue trimestrielle", "Quarterly REVIEW")\n',
                      encoding="utf-8")
    assert extract.main(["--check"]) == 1  # « Valider » has no English yet
    assert extract.main([]) == 1  # extracted, still without English: said, exit 1
    catalogue = ts.read(tree / "registre_en.ts")
    saved = catalogue.get("gui.screen", "Enregistrer")
    assert saved is not None and saved.vanished and saved.translations == ["Save"]
    new = catalogue.get("gui.screen", "Valider")
    assert new is not None and new.unfinished
    # the French already means something else in a call of gui/: left for a human
    assert '"Revue trimestrielle", "Quarterly REVIEW")' in screen.read_text(encoding="utf-8")
    assert catalogue.get("gui.screen", "Revue trimestrielle").translations == \
        ["Quarterly review"]

    new.translations, new.unfinished = ["Validate"], False  # as in Qt Linguist
    ts.write(catalogue, tree / "registre_en.ts")
    screen.write_text(screen.read_text(encoding="utf-8").replace(
        '"Revue trimestrielle", "Quarterly REVIEW")', '"Revue trimestrielle")'),
        encoding="utf-8")
    assert extract.main(["--check"]) == 0
    screen.write_text(screen.read_text(encoding="utf-8").replace(
        'self._t("Valider")', 'self._t("Enregistrer")'), encoding="utf-8")
    assert extract.main([]) == 0
    back = ts.read(tree / "registre_en.ts").get("gui.screen", "Enregistrer")
    assert back is not None and not back.vanished and back.translations == ["Save"]

    # written again in two languages (no one-language call left): its newest English wins
    screen.write_text(screen.read_text(encoding="utf-8").replace(
        'self._t("Enregistrer")', 'self._t("Enregistrer", "Save it")'), encoding="utf-8")
    assert extract.main([]) == 0
    assert ts.read(tree / "registre_en.ts").get("gui.screen", "Enregistrer").translations \
        == ["Save it"]


def test_the_extractor_finds_two_language_calls_it_cannot_rewrite(
        tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert extract.main([]) == 0
    (tree / "gui" / "table.py").write_text(textwrap.dedent('''\
        WORDS = (("Actifs", "Active"), ("Terminés", "Ended"))


        class Table:
            def _t(self, fr, en=None):
                return self.texts.t(fr, en)

            def fill(self, t, setter, shown):
                t.bind(setter, *WORDS[0])
                return [self._t(fr, en) for fr, en in WORDS] + [
                    t.t("Calcul annulé." + (f" Au {shown}." if shown else ""),
                        "Cancelled." + (f" As of {shown}." if shown else ""))]
        '''), encoding="utf-8")
    capsys.readouterr()
    assert extract.main(["--check", "--lenient"]) == 0  # only warned about
    capsys.readouterr()
    assert extract.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert [line.split(":")[1] for line in out.splitlines() if "gui/table.py" in line] == \
        ["9", "10", "11"]  # the helper's own body (line 6) is not one


def test_the_extractor_leaves_files_with_uncommitted_changes(tree: Path) -> None:
    subprocess.run(["git", "add", "-A"], cwd=tree, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                   cwd=tree, check=True)
    screen = tree / "gui" / "screen.py"
    screen.write_text(screen.read_text(encoding="utf-8") + "# someone's edit\n",
                      encoding="utf-8")
    assert extract.main(["--skip-dirty"]) == 0
    assert '"Revue trimestrielle", "Quarterly review")' in screen.read_text(encoding="utf-8")


def test_lrelease_is_found() -> None:
    tool = i18n.lrelease()
    assert tool is not None and shutil.which(str(tool)) is not None


# --- every screen, in each language ------------------------------------------------------
def _select_soin(window: MainWindow) -> bool:
    """The full activity (SOIN-01) selected."""
    row = next(r for r in window.model.all_rows() if r.activity.ref == "SOIN-01")
    return window.select_activity(row.activity.entity_id, "SOIN-01")


SCREENS = ("rule", "inventory", "review", "holds", "dashboard", "import", "export", "pdf",
           "database", "backups")


def _open(window: MainWindow, name: str) -> QWidget:
    """The screen ``name`` as its menu item opens it, on the first activity."""
    from gui.backup_dialog import BackupActions
    from gui.database_dialog import DatabaseActions

    assert _select_soin(window)
    retention, io = window.retention, window.io  # type: ignore[attr-defined]
    opened: QWidget | None = {
        "rule": retention.open_rule_editor, "inventory": retention.open_inventory_wizard,
        "review": retention.open_review, "holds": retention.open_holds,
        "dashboard": retention.open_dashboard, "import": io.open_import,
        "export": io.open_export, "pdf": io.open_pdf,
        "database": lambda: window.findChild(DatabaseActions).open_dialog(),
        "backups": lambda: window.findChild(BackupActions).open_dialog(),
    }[name]()
    assert opened is not None
    task = getattr(opened, "task", None)
    if task is not None:
        task.wait(60)
    QCoreApplication.processEvents()
    return opened


def _all_words(root: QWidget) -> list[str]:
    """What the screen shows: labels, buttons, group titles, tabs, headers, placeholders."""
    from PySide6.QtWidgets import QLineEdit, QTabBar, QTableView, QTabWidget, QTreeView

    words = _visible_words(root)
    words += [w.placeholderText() for w in root.findChildren(QLineEdit)
              if w.isVisibleTo(root)]
    for tabs in root.findChildren(QTabWidget):
        words += [tabs.tabText(i) for i in range(tabs.count())]
    for bar in root.findChildren(QTabBar):
        words += [bar.tabText(i) for i in range(bar.count())]
    for view in [*root.findChildren(QTableView), *root.findChildren(QTreeView)]:
        model = view.model()
        if model is None or not view.isVisibleTo(root):
            continue
        words += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                  for c in range(model.columnCount(QModelIndex()))]
    return [w for w in words if w]


def _mnemonics(texts: list[str]) -> dict[str, list[str]]:
    """The letters after a single & (case folded), with the texts that use each."""
    found: dict[str, list[str]] = {}
    for text in texts:
        plain = text.replace("&&", "")
        at = plain.find("&")
        if at >= 0 and at + 1 < len(plain):
            found.setdefault(plain[at + 1].casefold(), []).append(text)
    return found


def _clashes(texts: list[str]) -> list[list[str]]:
    return [users for users in _mnemonics(texts).values() if len(users) > 1]


def _screen_mnemonic_texts(root: QWidget) -> list[str]:
    """The texts of one keyboard scope: the screen's buttons, labels with a buddy, group
    boxes and tabs (a menu has its own scope)."""
    from PySide6.QtWidgets import QTabWidget

    texts = [w.text() for w in root.findChildren(QAbstractButton) if w.isVisibleTo(root)]
    texts += [w.text() for w in root.findChildren(QLabel)
              if w.isVisibleTo(root) and w.buddy() is not None]
    texts += [w.title() for w in root.findChildren(QGroupBox) if w.isVisibleTo(root)]
    for tabs in root.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    return texts


def _menus_of(window: MainWindow) -> list[tuple[str, list[str]]]:
    from PySide6.QtWidgets import QMenu

    scopes = [("menu bar", _menus(window))]
    pending = [a.menu() for a in window.menuBar().actions()]
    while pending:
        menu = pending.pop()
        if not isinstance(menu, QMenu):
            continue
        scopes.append((menu.title(), [a.text() for a in menu.actions()
                                      if not a.isSeparator() and a.isVisible()]))
        pending += [a.menu() for a in menu.actions() if a.menu() is not None]
    return scopes


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_two_items_of_a_menu_share_a_mnemonic(window: MainWindow, lang: str) -> None:
    window.set_language(lang)
    clashes = [(title, users) for title, texts in _menus_of(window)
               for users in _clashes(texts)]
    assert clashes == []
    if lang == "en":  # the letters a DPO learnt, one per item
        assert set(_menu_items(window, "&Retention")) == {
            "Retention &rule…", "Load an &inventory…", "&Quarterly review…",
            "Legal &holds…", "&Dashboard…", "Show the re&minders"}
        assert {"&Reload", "Restore a &backup…"} <= set(_menu_items(window, "&File"))
    else:
        assert "Afficher les ra&ppels" in _menu_items(window, "&Conservation")


@pytest.mark.parametrize("name", SCREENS)
def test_each_screen_in_english_shows_no_french_word(window: MainWindow, name: str) -> None:
    window.set_language("en")
    screen = _open(window, name)
    french = _french_sources()
    left = [w for w in _all_words(screen) if w in french]
    assert left == [], f"French words left in English on {name}: {left}"
    assert screen.windowTitle() and screen.windowTitle() not in french
    assert _clashes(_screen_mnemonic_texts(screen)) == []
    screen.close()


@pytest.mark.parametrize("name", SCREENS)
def test_each_screen_switches_to_english_while_open(window: MainWindow, name: str) -> None:
    """Opened in French, then the language changed: its words follow."""
    screen = _open(window, name)
    assert _clashes(_screen_mnemonic_texts(screen)) == []
    title = screen.windowTitle()
    assert title
    window.set_language("en")
    QCoreApplication.processEvents()
    french = _french_sources()
    left = [w for w in _all_words(screen) if w in french]
    assert left == [], f"French words left after the switch on {name}: {left}"
    assert screen.windowTitle() != title
    screen.close()


def test_numbers_and_labels_follow_each_language_typography() -> None:
    from gui.typography import colon, number, percent

    assert [number(49_667, "fr"), number(49_667, "en"), number(148, "fr")] == \
        ["49\u202f667", "49,667", "148"]
    assert [percent(89, "fr"), percent(89, "en")] == ["89 %", "89%"]
    assert [colon("fr"), colon("en")] == ["\u00a0: ", ": "]


def test_the_fiche_is_written_in_each_language_typography(window: MainWindow) -> None:
    """« Rôle : » in French, "Role:" in English (no French space before a colon), the
    completeness as "100%" in English, and the owner called as the editor calls it."""
    from PySide6.QtWidgets import QFormLayout

    assert _select_soin(window)
    french = window.details.document().toRawText()
    assert "Rôle\u00a0: " in french and "Responsable opérationnel\u00a0: " in french
    editor_labels = [label.text() for label in window.editor.findChildren(QLabel)]
    assert "Responsable opérationnel" in editor_labels  # one name for one field
    assert window.editor.findChildren(QFormLayout)
    window.set_language("en")
    english = window.details.document().toRawText()
    assert "Role: Controller" in english and "Owner: " in english
    assert " :" not in english.replace("https:", "")
    assert "100%" in english and "100 %" not in english
    assert window.model.data(window.model.index(0, 7)).endswith("%")
    assert " %" not in window.model.data(window.model.index(0, 7))


def test_revert_and_redo_are_two_words(window: MainWindow) -> None:
    """The editor's button that drops the changes is not called like Édition › Rétablir."""
    window.right.setCurrentIndex(EDITOR_TAB)
    redo = window.redo_action.text()
    assert redo.startswith("Rétablir")
    assert window.editor.revert_button.text() == "Abandonner les modifications"
    window.set_language("en")
    assert window.editor.revert_button.text() == "Revert"
    assert window.editor.score.format() == "%p%"
    window.set_language("fr")
    assert window.editor.score.format() == "%p %"


def test_the_history_says_fields_and_values_in_words(window: MainWindow) -> None:
    """Not the code's names (legal_bases, draft): the editor's words, in each language."""
    from gui.main_window import HISTORY_TAB

    assert _select_soin(window)
    window.right.setCurrentIndex(HISTORY_TAB)
    model = window.history_model

    def column(c: int) -> list[str]:
        return [model.data(model.index(r, c)) for r in range(model.rowCount())]

    fields, values = column(3), column(5)
    assert {"Bases légales (art. 6)", "Statut", "Rôle", "Nom du traitement"} <= set(fields)
    assert not [f for f in fields if "_" in f or f.islower()], fields
    assert values[fields.index("Statut")] == "Brouillon"
    assert values[fields.index("Rôle")] == "Responsable de traitement"
    bases = fields.index("Bases légales (art. 6)")  # their words, not codes nor JSON
    assert values[bases].startswith("Mission d'intérêt public") and "{" not in values[bases]
    tooltip = model.data(model.index(bases, 5), Qt.ItemDataRole.ToolTipRole)
    assert "Mission d'intérêt public" in tooltip and "{" not in tooltip and "A6-1" not in tooltip
    assert "{" not in values[fields.index("Responsable opérationnel")]
    assert values[fields.index("Entité")] == "Centre hospitalier d'Essai"  # not its id
    categories = values[fields.index("Catégories de données")]
    assert "Données de santé" in categories and "health" not in categories
    window.set_language("en")
    fields, values = column(3), column(5)
    assert {"Legal bases (Art. 6)", "Status", "Role", "Name"} <= set(fields)
    assert values[fields.index("Status")] == "Draft"
    assert values[fields.index("Role")] == "Controller"
    assert column(2)[0] == "created"


def test_the_inventory_wizard_says_what_to_do_before_a_file(window: MainWindow) -> None:
    wizard = _open(window, "inventory")
    assert wizard.preview.rowCount() == 0  # type: ignore[attr-defined]
    label = wizard.findChild(QLabel, "preview-label")
    assert label is not None and label.isVisibleTo(wizard)
    assert label.text().startswith("Choisissez le fichier de l'inventaire (CSV ou XLSX")
    window.set_language("en")
    assert label.text().startswith("Choose the inventory file (CSV or XLSX")
    wizard.close()


def test_a_category_is_shown_in_words_not_by_its_code() -> None:
    from gui.messages import category_words

    assert [category_words("health", "fr"), category_words("health", "en")] == \
        ["Données de santé", "Health data"]
    assert category_words("connection", "fr") == "Données de connexion"  # no "(…)"
    assert category_words("own-category", "fr") == "own-category"  # the activity's own


def test_the_processor_register_leaves_the_name_room(qtbot: QtBot, window: MainWindow) -> None:
    """At 1280×800, "Pour le compte de" takes at most half of what it shares with the
    activity's name (it took 280 px and cut the name to « Paie de… »)."""
    from gui.activity_model import CONTROLLERS_COLUMN, NAME_COLUMN
    from gui.main_window import PROCESSOR_VIEW

    window.resize(1280, 800)
    window.splitter.setSizes([740, 540])
    QCoreApplication.processEvents()
    window.view_tabs.setCurrentIndex(PROCESSOR_VIEW)
    QCoreApplication.processEvents()
    table = window.table
    assert not table.isColumnHidden(CONTROLLERS_COLUMN)
    name, controllers = table.columnWidth(NAME_COLUMN), table.columnWidth(CONTROLLERS_COLUMN)
    assert 120 <= controllers <= 280
    assert name >= controllers - 2, (name, controllers)


def _focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``root``, in order."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and widget not in chain:
        if widget.isVisibleTo(root) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


@pytest.mark.parametrize(("name", "last_field", "first_button"), [
    ("rule", "justification", "apply"), ("inventory", "stage-column", "verify")])
def test_tab_reaches_the_rule_dates_before_the_buttons(window: MainWindow, name: str,
                                                       last_field: str,
                                                       first_button: str) -> None:
    """The rows made for the rule's events (added after the buttons) come before them."""
    screen = _open(window, name)
    names = [w.objectName() for w in _focus_chain(screen)]
    events = [i for i, n in enumerate(names) if n.startswith("event-")]
    assert events, names
    assert names.index(last_field) < min(events) and max(events) < names.index(first_button)
    screen.close()


def test_rows_of_the_previous_activity_are_not_drawn_over_the_next(
        window: MainWindow, register: Register) -> None:
    """A recipient row removed when another activity is loaded disappears at once (out of
    the layout, it stayed drawn over the new rows until the event loop deleted it)."""
    from gui.editor import RecipientRow

    editor = window.editor
    window.right.setCurrentIndex(EDITOR_TAB)
    assert _select_soin(window)
    assert len(editor.recipients.rows) >= 1
    row = next(r for r in window.model.all_rows() if r.activity.ref == "RH-01")
    assert window.select_activity(row.activity.entity_id, "RH-01")  # no recipient
    drawn = [r for r in editor.recipients.findChildren(RecipientRow) if r.isVisible()]
    assert drawn == editor.recipients.rows == []


def test_a_count_of_records_in_english_plural() -> None:
    i18n.use_language("en")
    context = "gui.retention.review_screen"
    assert [i18n.translate("%n enregistrement(s)", context, n=n) for n in (1, 3)] == \
        ["1 record", "3 records"]


def test_the_dashboard_charts_write_numbers_as_the_language_does(qtbot: QtBot,
                                                                window: MainWindow) -> None:
    """3 183 on a French chart's bars and axes, 3,183 on an English one (as the tiles), with a
    format the localized axes draw ("%d" drew no label at all once localized)."""
    from PySide6.QtCharts import QValueAxis

    dashboard = _open(window, "dashboard")
    charts = [dashboard.status_chart, dashboard.deadline_chart,  # type: ignore[attr-defined]
              dashboard.completeness_chart]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dashboard.figures is not None)  # type: ignore[attr-defined]
    for chart in charts:
        assert chart.localizeNumbers()
        assert chart.locale().language() == QLocale.Language.French
        for axis in chart.axes():
            if isinstance(axis, QValueAxis):
                assert axis.labelFormat() == "%.0f"
    window.set_language("en")
    QCoreApplication.processEvents()
    assert all(c.locale().language() == QLocale.Language.English for c in charts)
    dashboard.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_toolbar_button_fits_a_1280_window(window: MainWindow, lang: str) -> None:
    """Short words on the toolbars (the menu item as tooltip): in French the menu's words
    pushed « Tableau de bord » behind the toolbar's » at the default 1280×800."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    window.set_language(lang)
    window.resize(1280, 800)
    QCoreApplication.processEvents()
    shown = []
    for toolbar in window.findChildren(QToolBar):
        extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert extension is None or not extension.isVisible(), toolbar.objectName()
        shown += [toolbar.widgetForAction(a) for a in toolbar.actions() if not a.isSeparator()]
    words = {b.text(): b.toolTip() for b in shown if isinstance(b, QToolButton)}
    if lang == "fr":
        assert words["Tableau de bord"] == "Tableau de bord"
        assert words["Modifier"] == "Modifier le traitement"
        assert words["Règle"] == "Règle de conservation"
    else:
        assert words["Dashboard"] == "Dashboard"
        assert words["Edit"] == "Edit activity" and words["Rule"] == "Retention rule"


def test_the_table_says_a_cut_cell_and_the_completeness_in_its_tooltip(
        window: MainWindow) -> None:
    """A role cut to « Responsable d… » reads whole on hover; the completeness tooltip says
    what the number is (it was the bare count of findings)."""
    from gui.activity_model import COMPLETENESS_COLUMN, ROLE_COLUMN

    model = window.model
    row = next(r for r in range(model.rowCount())
               if model.row_at(r).activity.ref == "RH-01")  # incomplete, controller
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(row, ROLE_COLUMN), tip) == "Responsable de traitement"
    findings = len(model.row_at(row).completeness.findings)
    assert findings > 1
    assert model.data(model.index(row, COMPLETENESS_COLUMN), tip) == \
        f"{findings} point(s) à compléter"
    window.set_language("en")
    assert model.data(model.index(row, COMPLETENESS_COLUMN), tip) == \
        f"{findings} points to complete"


def test_the_count_of_activities_has_thousands_separators(window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """A group's register: « 12 408 traitement(s) sur 50 000 », "12,408 of 50,000"."""
    def count_of_a_group() -> str:
        with monkeypatch.context() as patched:  # only while the label is written
            patched.setattr(window.model, "rowCount", lambda *_args: 12_408)
            patched.setattr(window.model, "count", lambda: 50_000)
            window._update_count()
        return window.count_label.text()

    assert count_of_a_group() == "12\u202f408 traitement(s) sur 50\u202f000"
    window.set_language("en")
    assert count_of_a_group() == "12,408 of 50,000 activities"


def test_a_hold_on_records_counts_them_in_english_plural() -> None:
    i18n.use_language("en")
    context = "gui.retention.holds_screen"
    source = "%n enregistrement(s){where}"
    assert [i18n.translate(source, context, n=n).format(where=" (Health data)")
            for n in (1, 3)] == ["1 record (Health data)", "3 records (Health data)"]
