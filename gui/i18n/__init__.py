"""The window's languages through Qt's translation system.

French is the language of the code: every visible word is written once, in French, and
``QCoreApplication.translate(context, source)`` turns it into English when the English
translator is installed. The English lives in ``resources/i18n/registre_en.ts`` (Qt
Linguist edits it; ``python -m gui.i18n.extract`` writes it from the code), compiled by
lrelease to ``registre_en.qm`` at build time (``make``) or, when the .qm is missing or
older than the .ts, at the first start (here, ``compiled_catalogue``).

The context of a string is the module that writes it (``gui.main_window``,
``gui.retention.review_screen``): ``context_of_caller`` finds it at run time, the
extractor from the file's path. A string written in a table and shown elsewhere is marked
with ``tr_noop``, which remembers its module.

Vocabularies and error messages (``resources/vocabularies/*.json``, ``gui/messages.py``,
shared with the Qt-free command line) carry both languages as data and are not here.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

import resources

log = logging.getLogger(__name__)

FOLDER = Path(resources.__file__).parent / "i18n"
TS_FILE = FOLDER / "registre_en.ts"
QM_FILE = FOLDER / "registre_en.qm"
ENGLISH = "registre-en"  # object names of the translators installed on the application
QT_FRENCH = "qtbase-fr"
QT_FRENCH_COMPLEMENT = "qtbase-fr-complement"
# Qt's words that Qt 6's qtbase_fr.qm does not have (their source changed: "Look in:" has
# a French, "&Look in:" none): the file dialog's labels stayed English in a French window
QT_FRENCH_MISSING = {
    ("QFileDialog", "&Look in:"): "&Voir dans\u00a0:",
    ("QFileDialog", "Files of &type:"): "&Type de fichier\u00a0:",
}


class ComplementTranslator(QTranslator):
    """The few of Qt's own words its French catalogue lacks (``QT_FRENCH_MISSING``)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # type: ignore[override]
        # None, not "": Qt takes an empty string for a translation and shows nothing
        return QT_FRENCH_MISSING.get((context, source))

    def isEmpty(self) -> bool:
        return False
_SKIPPED = ("gui.widgets", "gui.i18n")  # forwarders: the context is their caller's


class Source(str):
    """A French string marked for translation where it is written (``tr_noop``), translated
    where it is shown; it remembers the module that wrote it (its context)."""

    context: str
    disambiguation: str | None


def tr_noop(source: str, en: str | None = None, disambiguation: str | None = None) -> Source:
    """Mark ``source`` for the extractor (Qt's QT_TRANSLATE_NOOP): words in a table
    (``en``: its English until ``python -m gui.i18n.extract`` moves it to the .ts)."""
    marked = Source(source)
    marked.context = context_of_caller()
    marked.disambiguation = disambiguation
    return marked


def context_of_caller() -> str:
    """The module that called into gui.i18n or gui.widgets.Texts (the string's context)."""
    frame = sys._getframe(1)
    while frame is not None:
        name = str(frame.f_globals.get("__name__", ""))
        if not name.startswith(_SKIPPED):
            return name
        frame = frame.f_back  # type: ignore[assignment]
    return ""


def translate(source: str, context: str | None = None, n: int = -1,
              disambiguation: str | None = None) -> str:
    """``source`` (French) in the application's language; ``n`` fills Qt's ``%n``;
    ``disambiguation`` tells two meanings of one French string apart."""
    if context is None:
        context = getattr(source, "context", None) or context_of_caller()
    if disambiguation is None:
        disambiguation = getattr(source, "disambiguation", None)
    return QCoreApplication.translate(context, str(source), disambiguation, n)


def lrelease() -> Path | None:
    """Qt's compiler of TS files, as shipped with PySide6 (or on the PATH)."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / "lrelease", folder / "lrelease.exe",
                      folder / "Qt" / "libexec" / "lrelease"):
        if candidate.is_file():
            return candidate
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return Path(found) if found else None


def compile_catalogue(ts_file: Path, qm_file: Path) -> None:
    """``ts_file`` compiled to ``qm_file`` by lrelease (raises OSError when it cannot)."""
    tool = lrelease()
    if tool is None:
        raise OSError("lrelease was not found (it comes with PySide6)")
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    # written aside, then renamed: another process starting at the same time never loads
    # half a file
    partial = qm_file.with_name(f".{qm_file.name}.{os.getpid()}.tmp")
    try:
        done = subprocess.run([str(tool), "-silent", str(ts_file), "-qm", str(partial)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0 or not partial.exists():
            raise OSError(f"lrelease failed on {ts_file}: {done.stderr.strip() or done.stdout}")
        os.replace(partial, qm_file)
    finally:
        partial.unlink(missing_ok=True)


def _fresh(qm_file: Path, ts_file: Path) -> bool:
    return qm_file.exists() and (not ts_file.exists()
                                 or qm_file.stat().st_mtime >= ts_file.stat().st_mtime)


def compiled_catalogue(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> Path | None:
    """The .qm to load: the one built with the .ts when it is up to date, else compiled
    now (next to the .ts, or in the user cache folder when the installation is read-only);
    None when there is neither a .qm nor a way to compile one (the window stays French)."""
    if _fresh(qm_file, ts_file):
        return qm_file
    if not ts_file.exists():
        return None
    from platformdirs import user_cache_path

    cached = user_cache_path("Registre", "Registre") / "i18n" / qm_file.name
    if _fresh(cached, ts_file):
        return cached
    for target in (qm_file, cached):
        try:
            compile_catalogue(ts_file, target)
            return target
        except OSError as error:
            log.warning("could not compile %s to %s: %s", ts_file, target, error)
    return qm_file if qm_file.exists() else None  # stale, still better than none


def use_language(lang: str) -> None:
    """Install the translators of ``lang`` on the application, remove the others' (a
    language switch: the widgets' words are re-applied by ``gui.widgets.Texts``), and make
    ``lang`` the default locale: the calendars' months and days, the file dialog's dates
    and sizes are Qt's, written in the default locale (the system's until now: an English
    calendar in a French window)."""
    app = QCoreApplication.instance()
    if app is None:
        return
    _use_locale(lang)
    # a native file dialog (the desktop's: GTK, KDE, Windows) speaks the system's language:
    # when the window speaks another, Qt's own dialog, in the window's language, is used
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs,
                                  lang != system_language())
    english, french = app.findChild(QTranslator, ENGLISH), app.findChild(QTranslator, QT_FRENCH)
    if (english is not None) == (lang == "en") and (lang == "en" or french is not None):
        return  # already in that language
    for installed in (english, french, app.findChild(QTranslator, QT_FRENCH_COMPLEMENT)):
        if installed is not None:
            app.removeTranslator(installed)
            installed.setParent(None)
            installed.deleteLater()
    translator = QTranslator(app)
    if lang == "en":
        translator.setObjectName(ENGLISH)
        catalogue = compiled_catalogue()
        loaded = catalogue is not None and translator.load(str(catalogue))
    else:  # Qt's own words (standard buttons, context menus, file dialogs) in French
        translator.setObjectName(QT_FRENCH)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        loaded = translator.load(QLocale(QLocale.Language.French), "qtbase", "_", folder)
        if not loaded:
            log.warning("Qt's French words were not found in %s", folder)
        complement = ComplementTranslator(app)
        complement.setObjectName(QT_FRENCH_COMPLEMENT)
        app.installTranslator(complement)  # before: asked after qtbase_fr
    if loaded:
        app.installTranslator(translator)
    elif lang == "en":
        log.warning("no English translation could be loaded (%s)", QM_FILE)


def _use_locale(lang: str) -> None:
    """``lang``'s locale as the default, and on the windows already open (a widget with no
    locale of its own follows its window's)."""
    locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom) if lang == "en" \
        else QLocale(QLocale.Language.French, QLocale.Country.France)
    if QLocale().name() == locale.name():
        return
    QLocale.setDefault(locale)
    from PySide6.QtWidgets import QApplication  # the command line never comes here

    app = QCoreApplication.instance()
    if isinstance(app, QApplication):
        for window in app.topLevelWidgets():
            window.setLocale(locale)


def system_language(locale: QLocale | None = None) -> str:
    """The first of French and English in the system's user interface languages (LANGUAGE,
    LC_MESSAGES, LANG on Linux; the preferred languages on Windows and macOS); French when
    neither is there (the first language of Registre)."""
    for name in (locale or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in ("fr", "en"):
            return code
    return "fr"
