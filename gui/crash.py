"""The unexpected: an exception nobody caught reaches one crash dialog (qutebrowser's
``misc/crashdialog.py``), in the user's words, with an offer to save a report.

``install(window)`` makes ``sys.excepthook`` call ``handle``; PySide6 hands exceptions raised
in slots and in overridden Qt methods to ``sys.excepthook`` too, so both arrive here. The
register loses nothing: every action is committed when it is done; only a form not yet
saved is lost if the user chooses to quit.

The dialog and the file chooser are looked up as ``crash.show_crash`` and
``dialogs.ask_save_path`` when used, so tests replace them.
"""

from __future__ import annotations

import platform
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from domain.vocabulary import Lang
from gui import dialogs
from storage.atomic import replaced_on_success

# what the user can answer: keep working, or quit
CONTINUE, QUIT = "continue", "quit"


def report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
           location: str = "") -> str:
    """The text saved for whoever supports the application: versions, then the traceback."""
    from gui.cli import version  # the one place that knows the package version

    lines = [
        f"Registre {version()}",
        f"Date: {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} ({sys.executable})",
        f"PySide6 {PySide6.__version__}, Qt {qVersion()}",
        f"System: {platform.platform()}",
        f"Register: {location or '-'}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
        "",
    ]
    return "\n".join(lines)


def words(lang: Lang) -> dict[str, str]:
    fr = lang == "fr"
    return {
        "title": "Registre — erreur inattendue" if fr else "Registre — unexpected error",
        "text": (
            "Registre a rencontré une erreur qu'il ne sait pas traiter."
            if fr else "Registre ran into an error it cannot handle."),
        "informative": (
            "Vos données ne sont pas perdues : chaque modification est enregistrée dans le "
            "registre au moment où vous la faites. Seul un formulaire en cours de saisie, "
            "pas encore enregistré, serait perdu si vous quittez.\n\n"
            "Vous pouvez enregistrer un rapport (versions et détail technique, sans le contenu "
            "du registre) pour votre support informatique."
            if fr else
            "Your data is not lost: every change is saved in the register when you make it. "
            "Only a form being filled in and not yet saved would be lost if you quit.\n\n"
            "You can save a report (versions and technical detail, without the register's "
            "content) for your IT support."),
        "save": "Enregistrer le rapport…" if fr else "Save the report…",
        "continue": "Continuer" if fr else "Continue",
        "quit": "Quitter Registre" if fr else "Quit Registre",
        "saved": "Rapport enregistré : {path}" if fr else "Report saved: {path}",
        "not_saved": ("Le rapport n'a pas pu être enregistré ({reason})."
                      if fr else "The report could not be saved ({reason})."),
        "file_filter": "Rapport texte (*.txt)" if fr else "Text report (*.txt)",
    }


def save_report(text: str, path: Path) -> None:
    """Write the report whole or not at all (a temporary file renamed over the target)."""
    with replaced_on_success(path) as temporary:
        temporary.write_text(text, encoding="utf-8")


def show_crash(parent: QWidget | None, text: str, lang: Lang) -> str:
    """The crash dialog; returns CONTINUE or QUIT. Saving the report happens inside, and
    the dialog comes back so the user still chooses."""
    w = words(lang)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(w["title"])
    box.setText(w["text"])
    box.setInformativeText(w["informative"])
    box.setDetailedText(text)
    save = box.addButton(w["save"], QMessageBox.ButtonRole.ActionRole)
    carry_on = box.addButton(w["continue"], QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(w["quit"], QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(carry_on)
    while True:
        box.exec()
        if box.clickedButton() is not save:
            return QUIT if box.clickedButton() is quit_button else CONTINUE
        offer_save(box, text, lang, box.setInformativeText)  # then the choice again


def offer_save(parent: QWidget | None, text: str, lang: Lang,
               tell: Callable[[str], object]) -> Path | None:
    """Ask where to save the report and save it; ``tell`` says what happened."""
    w = words(lang)
    suggested = Path.home() / f"registre-rapport-{datetime.now():%Y%m%d-%H%M%S}.txt"
    chosen = dialogs.ask_save_path(parent, w["save"].rstrip("…"), str(suggested),
                                   w["file_filter"], lang)
    if not chosen:
        return None
    path = Path(chosen)
    try:
        save_report(text, path)
    except OSError as error:
        tell(w["not_saved"].format(reason=error.strerror or error))
        return None
    tell(w["saved"].format(path=path))
    return path


class CrashHandler:
    """What ``sys.excepthook`` becomes while the window runs."""

    def __init__(self, parent: Callable[[], QWidget | None], lang: Callable[[], Lang],
                 location: str = "") -> None:
        self._parent, self._lang, self._location = parent, lang, location
        self._showing = False
        self.previous = sys.excepthook

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        text = report(exc_type, exc, tb, self._location)
        sys.stderr.write(text)  # a trace in the terminal or the log, whatever happens next
        if self._showing:  # an error while the dialog is up: the trace above is enough
            return
        self._showing = True
        try:
            answer = sys.modules[__name__].show_crash(self._parent(), text, self._lang())
        except Exception:  # the dialog itself failed: never loop through the hook again
            traceback.print_exc()
            answer = CONTINUE
        finally:
            self._showing = False
        if answer == QUIT:
            app = QCoreApplication.instance()
            if app is not None:
                app.exit(1)


def install(parent: Callable[[], QWidget | None], lang: Callable[[], Lang],
            location: str = "") -> CrashHandler:
    handler = CrashHandler(parent, lang, location)
    sys.excepthook = handler
    return handler
