"""Backups of a SQLite register (``registre backup list|restore``), and the one-instance
rule of the command line: a writing command first claims the register's lock."""

from __future__ import annotations

import argparse
from pathlib import Path

from gui.commands.context import Context, Failure

# the commands that change the register (argparse's command, sub-command attribute, value)
_WRITING: dict[str, tuple[str, tuple[str, ...]] | None] = {
    "activities": ("activities_command", ("add",)),
    "rules": ("rules_command", ("set",)),
    "inventory": None,
    "holds": None,
    "import": None,
    "requests": ("requests_command", ("add", "pause", "extend", "close")),
    "breaches": ("breaches_command", ("add", "notify", "inform", "close")),
}


def writes(args: argparse.Namespace) -> bool:
    """Whether the parsed command changes the register (a dry run does not)."""
    if args.command not in _WRITING or getattr(args, "dry_run", False):
        return False
    sub = _WRITING[args.command]
    return sub is None or getattr(args, sub[0], None) in sub[1]


def claim(ctx: Context) -> None:
    """Refuse a writing command while another instance has the register open (after
    waiting for another command to finish), naming who has it."""
    register = ctx.register()
    with ctx.refusing():
        register.claim()


def _database(ctx: Context) -> Path:
    from storage.backup import BackupError
    from storage.db import default_location, sqlite_path, to_url

    location = ctx.location or default_location()
    path = sqlite_path(to_url(location))
    if path is None:
        with ctx.refusing():
            raise BackupError("backup.not_sqlite", f"{location}: not a SQLite file",
                              path=location)
        raise AssertionError  # pragma: no cover - refusing() raised
    return path.expanduser()


def _size(size: int, lang: str) -> str:
    units = ("o", "Kio", "Mio", "Gio") if lang == "fr" else ("B", "KiB", "MiB", "GiB")
    if size < 1024:
        return f"{size} {units[0]}"
    value, index = float(size), 0
    while value >= 1024 and index < len(units) - 1:
        value, index = value / 1024, index + 1
    return f"{value:.1f} {units[index]}"


REASONS = {
    "migration": ("avant mise à jour du schéma", "before a schema upgrade"),
    "daily": ("quotidienne", "daily"),
    "restore": ("avant restauration", "before a restore"),
    "manual": ("manuelle", "manual"),
}


def list_backups(ctx: Context, as_json: bool) -> int:
    from storage.backup import list_backups as found

    database = _database(ctx)
    backups = found(database)
    if as_json:
        ctx.print_json([{"name": b.name, "taken": b.taken.isoformat(timespec="seconds"),
                         "size": b.size, "reason": b.reason, "revision": b.revision}
                        for b in backups])
        return 0
    if not backups:
        ctx.print(ctx.say(f"Aucune sauvegarde de {database}.", f"No backup of {database}."))
        return 0
    index = 0 if ctx.language == "fr" else 1
    rows = [ctx.say("date|taille|raison|nom", "date|size|reason|name").split("|")]
    rows += [[b.taken.strftime("%Y-%m-%d %H:%M:%S"), _size(b.size, ctx.language),
              REASONS.get(b.reason, (b.reason, b.reason))[index], b.name] for b in backups]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        ctx.print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def restore(ctx: Context, args: argparse.Namespace) -> int:
    from storage.backup import restore as restore_backup

    if bool(args.name) == bool(args.latest):
        raise Failure(ctx.say("registre backup restore : donnez NOM ou --latest",
                              "registre backup restore: give NAME or --latest"), 2)
    database = _database(ctx)
    with ctx.refusing():
        result = restore_backup(database, None if args.latest else args.name)
    ctx.print(ctx.say(
        f"{database} restauré depuis {result.restored.name} "
        f"({result.restored.taken:%Y-%m-%d %H:%M:%S}).",
        f"{database} restored from {result.restored.name} "
        f"({result.restored.taken:%Y-%m-%d %H:%M:%S})."))
    if result.previous is not None:
        ctx.print(ctx.say(
            f"L'état précédent est conservé dans {result.previous.name} "
            f"(registre backup restore {result.previous.name} pour revenir en arrière).",
            f"The previous state is kept in {result.previous.name} "
            f"(registre backup restore {result.previous.name} to undo)."))
    return 0
