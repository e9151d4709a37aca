"""Every setting the window keeps, declared once with its key, type and default (Picard's
``config.py``): nothing else in ``gui/`` spells a QSettings key.

``Settings`` wraps one ``QSettings``; the application uses the user's (organisation and
application "Registre"), tests give a file of their own under ``tmp_path``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from domain.vocabulary import Lang
from gui.i18n import system_language

T = TypeVar("T")

VERSION = 1  # bump with an upgrade step in Settings.upgrade() when a key changes meaning


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T


LANGUAGE: Setting[str] = Setting("ui/language", str, "")  # "": from the system locale
GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray, QByteArray())
SPLITTER: Setting[QByteArray] = Setting("window/splitter", QByteArray, QByteArray())
HEADER: Setting[QByteArray] = Setting("table/header", QByteArray, QByteArray())
# column keys of gui.activity_model.COLUMN_KEYS the user hid, comma-separated
HIDDEN_COLUMNS: Setting[str] = Setting("table/hidden_columns", str, "")
ENTITY: Setting[str] = Setting("register/entity", str, "")  # "": the whole group
# The register the window opens when neither --db nor $REGISTRE_DB says: a SQLite file's path
# or a PostgreSQL URL *without* its password (never stored; see gui/database_dialog.py).
# "": registre.db in the user data folder.
DATABASE: Setting[str] = Setting("register/database", str, "")
SETTINGS_VERSION: Setting[int] = Setting("settings/version", int, 0)


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings("Registre", "Registre")
        self.upgrade()

    def get(self, setting: Setting[T]) -> T:
        value = self.qsettings.value(setting.key, setting.default)
        if setting.type is QByteArray:
            return cast(T, value if isinstance(value, QByteArray) else setting.default)
        try:
            return cast(T, setting.type(value))
        except (TypeError, ValueError):  # a hand-edited or older file: fall back
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self.qsettings.setValue(setting.key, value)

    def sync(self) -> None:
        self.qsettings.sync()

    def upgrade(self) -> None:
        if self.get(SETTINGS_VERSION) < VERSION:
            self.set(SETTINGS_VERSION, VERSION)

    def language(self, fallback: Lang | None = None) -> Lang:
        """The chosen language (menu Langue), else ``fallback``, else the system's (French
        unless the user interface languages of the system put English before French)."""
        chosen = self.get(LANGUAGE)
        if chosen in ("fr", "en"):
            return "fr" if chosen == "fr" else "en"
        if fallback is not None:
            return fallback
        return "en" if system_language() == "en" else "fr"
