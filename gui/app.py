"""Starting the window: the application object, the register, the main window."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from domain.errors import RegistreError
from gui import crash
from gui.database_dialog import remembered_location
from gui.dialogs import show_error
from gui.i18n import use_language
from gui.main_window import MainWindow
from gui.messages import Lang
from gui.settings import Settings
from gui.widgets import guard_wheel
from storage.demo import write_demo
from storage.register import StorageError, open_register


def application(lang: Lang = "fr") -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Registre")
    app.setOrganizationName("Registre")
    guard_wheel(app)  # the wheel changes a combo, spin box or date edit only when focused
    use_language(lang)  # ours in English (resources/i18n), Qt's own words in French
    return app


def run(location: str | None, demo: bool = False, lang: str | None = None) -> int:
    """Open the window on ``location``; ``demo``: on the demo register, written to
    ``location`` (a new SQLite file, which stays: the command line refuses an existing
    one) or, without a location, to a throw-away copy removed when the window closes.
    The window says it is the demo (a banner, the title).

    The language is ``lang`` when the user gave one (``--lang``), else the choice saved
    from the window's Langue menu, else the system's.
    """
    settings = Settings()
    language: Lang = ("en" if lang == "en" else "fr") if lang else settings.language()
    app = application(language)
    remembered = remembered_location(settings) if location is None and not demo else None
    throw_away: Path | None = None  # the demo's folder, removed when the window closes
    try:
        if demo:
            if location is None:
                throw_away = Path(tempfile.mkdtemp(prefix="registre-demo-"))
                location = str(throw_away / "demo-registre.db")
            write_demo(Path(location), date.today())
        try:
            register = open_register(remembered or location, kind="window")
        except RegistreError as error:
            if remembered is None:
                raise
            # the register chosen in Fichier › Base de données… cannot be opened (server
            # down, no ~/.pgpass): say why, and open the local one so the DPO can choose again
            show_error(None, error, language)
            register = open_register(location, kind="window")
    except RegistreError as error:
        show_error(None, error, language)
        _remove(throw_away)
        return 2
    holder = register.lock_holder
    if holder is not None:  # another instance has it open: say so before anything is edited
        show_error(None, StorageError(
            "storage.open_elsewhere", f"{register.location} is open elsewhere",
            path=register.location, user=holder.user, host=holder.host, pid=holder.pid,
            since=holder.since), language)
    window = MainWindow(register, language, settings=settings, read_in_background=True,
                        demo=demo)
    # a register with no establishment described: the first-run setup, once it is read
    window.register_loaded.connect(window.offer_setup)
    handler = crash.install(lambda: window, lambda: window.lang, register.location)
    window.show()
    try:
        return app.exec()
    finally:
        sys.excepthook = handler.previous
        register.close()
        _remove(throw_away)


def _remove(folder: Path | None) -> None:
    """The demo's throw-away folder (its register, journal, lock and backups)."""
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
