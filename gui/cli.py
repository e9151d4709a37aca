"""The ``registre`` command line (a contract: see DESIGN.md, "Command line").

It never imports Qt: the window is loaded by name only when asked for, so scheduled jobs
(the quarterly ``check`` run by cron) and scripts start fast on machines with no display.
Exit codes: 0 success, 1 a check found something (overdue records, a tampered audit log),
2 refused input or usage error, with one line on stderr and nothing changed.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn, TextIO

from gui.commands.context import Context, Failure

EXIT_OK, EXIT_FOUND, EXIT_REFUSED, EXIT_BUG = 0, 1, 2, 3


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("registre")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_REFUSED, f"{self.prog}: {message} (see {self.prog.split()[0]} --help)\n")


def _default_lang() -> str:
    for name in ("REGISTRE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="registre",
        description="Registre: the GDPR register of processing activities and its retention "
        "deadlines. With no command, opens the window.",
    )
    parser.add_argument("--db", metavar="PATH|URL",
                        help="SQLite file or SQLAlchemy URL (default: $REGISTRE_DB, else "
                        "registre.db in the user data folder)")
    parser.add_argument("--lang", choices=("fr", "en"), default=None,
                        help="language of messages (default: from the environment, else fr)")
    parser.add_argument("--version", action="version", version=f"registre {version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    gui = commands.add_parser("gui", help="open the window")
    gui.add_argument("--demo", action="store_true",
                     help="open the demo register: a throw-away copy removed on quit, or "
                     "written to --db PATH (a new file, kept)")

    demo = commands.add_parser("demo", help="write the demo register to PATH")
    demo.add_argument("path", metavar="PATH")

    activities = commands.add_parser("activities", help="list the processing activities")
    activities.add_argument("--json", action="store_true")
    activities_commands = activities.add_subparsers(dest="activities_command", metavar="ACTION",
                                                    parser_class=_Parser)
    show = activities_commands.add_parser("show", help="everything about one activity")
    show.add_argument("ref", metavar="REF")
    show.add_argument("--json", action="store_true")
    show.add_argument("--entity", metavar="NAME")
    add = activities_commands.add_parser("add", help="add an activity (a draft)")
    add.add_argument("--ref", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--purpose", default="")
    add.add_argument("--legal-basis", action="append", default=[], metavar="CODE",
                     dest="legal_bases")
    add.add_argument("--role", choices=("controller", "processor", "joint"), default="controller")
    add.add_argument("--entity", metavar="NAME")

    rules = commands.add_parser("rules", help="retention rules and the template library")
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True,
                                          parser_class=_Parser)
    rules_list = rules_commands.add_parser("list", help="the template library")
    rules_list.add_argument("--json", action="store_true")
    rules_eval = rules_commands.add_parser("eval", help="compute a deadline")
    rules_eval.add_argument("expression", metavar="EXPR")
    rules_eval.add_argument("--set", action="append", default=[], metavar="EVENT=DATE")
    rules_eval.add_argument("--suspend", action="append", default=[], metavar="START..END")
    rules_set = rules_commands.add_parser("set", help="attach a rule to an activity's category")
    rules_set.add_argument("--activity", required=True, metavar="REF")
    rules_set.add_argument("--category", required=True, metavar="CODE")
    rules_set.add_argument("--delete-after", metavar="EXPR")
    rules_set.add_argument("--active-until", metavar="EXPR")
    rules_set.add_argument("--final-action", choices=("delete", "anonymise", "archive", "sort",
                                                      "eliminate_with_visa"))
    rules_set.add_argument("--reference", metavar="TEXT")
    rules_set.add_argument("--template", metavar="ID")

    inventory = commands.add_parser("inventory", help="inventories of records")
    inventory_commands = inventory.add_subparsers(dest="inventory_command", metavar="ACTION",
                                                  required=True, parser_class=_Parser)
    inventory_import = inventory_commands.add_parser("import", help="load an inventory")
    inventory_import.add_argument("file", metavar="FILE")
    inventory_import.add_argument("--activity", required=True, metavar="REF")
    inventory_import.add_argument("--category", required=True, metavar="CODE")
    inventory_import.add_argument("--id-column", metavar="COL")
    inventory_import.add_argument("--map", action="append", default=[], metavar="EVENT=COLUMN")
    inventory_import.add_argument("--stage-column", metavar="COL")

    holds = commands.add_parser("holds", help="legal holds")
    holds_commands = holds.add_subparsers(dest="holds_command", metavar="ACTION", required=True,
                                          parser_class=_Parser)
    holds_add = holds_commands.add_parser("add", help="put records on legal hold")
    holds_add.add_argument("--activity", required=True, metavar="REF")
    holds_add.add_argument("--category", metavar="CODE")
    holds_add.add_argument("--record", action="append", default=[], metavar="ID")
    holds_add.add_argument("--from", dest="from_", required=True, metavar="DATE")
    holds_add.add_argument("--to", metavar="DATE")
    holds_add.add_argument("--reason", required=True, metavar="TEXT")

    check = commands.add_parser("check", help="the retention check")
    check.add_argument("--as-of", metavar="DATE")
    check.add_argument("--horizon", type=int, default=92, metavar="DAYS")
    check.add_argument("--json", action="store_true")
    check.add_argument("--records", metavar="FILE.csv")

    import_ = commands.add_parser("import", help="import a register (CNIL model, flat table, "
                                  "CSV, our own export)")
    import_.add_argument("file", metavar="FILE")
    import_.add_argument("--entity", metavar="NAME")
    import_.add_argument("--dry-run", action="store_true",
                         help="say what would be imported; change nothing")

    export = commands.add_parser("export", help="write the inspection workbook (.xlsx)")
    export.add_argument("file", metavar="FILE.xlsx")
    export.add_argument("--entity", metavar="NAME")
    export.add_argument("--as-of", metavar="DATE")

    audit = commands.add_parser("audit", help="the audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True,
                                          parser_class=_Parser)
    audit_commands.add_parser("verify", help="check the audit log's hash chain")

    _add_deadline_commands(commands)

    backup = commands.add_parser("backup", help="backups of a SQLite register")
    backup_commands = backup.add_subparsers(dest="backup_command", metavar="ACTION",
                                            required=True, parser_class=_Parser)
    backup_list = backup_commands.add_parser("list", help="the backups: date, size, reason")
    backup_list.add_argument("--json", action="store_true")
    backup_restore = backup_commands.add_parser(
        "restore", help="put a backup in place of the register (the current state is backed "
        "up first)")
    backup_restore.add_argument("name", nargs="?", metavar="NAME")
    backup_restore.add_argument("--latest", action="store_true", help="the newest backup")
    return parser


def _add_deadline_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    """``requests``, ``breaches`` and ``due`` (DESIGN.md, command line, second part)."""
    requests = commands.add_parser("requests", help="people's requests and their deadlines")
    actions = requests.add_subparsers(dest="requests_command", metavar="ACTION",
                                      required=True, parser_class=_Parser)
    add = actions.add_parser("add", help="record a request (first line: its id)")
    add.add_argument("--kind", required=True, choices=("access", "rectification", "erasure",
                                                       "restriction", "portability",
                                                       "objection"))
    add.add_argument("--received", required=True, metavar="DATE")
    add.add_argument("--medical-record", action="store_true",
                     help="access to a medical record (CSP L1111-7: 8 days)")
    add.add_argument("--older-than-5-years", action="store_true",
                     help="the medical information is more than five years old (2 months)")
    add.add_argument("--subject", default="", metavar="TEXT",
                     help="a reference to the person, no more than needed")
    add.add_argument("--activity", action="append", default=[], metavar="REF")
    add.add_argument("--entity", metavar="NAME")
    add.add_argument("--json", action="store_true")
    pause = actions.add_parser("pause", help="stop the clock from one day to another")
    pause.add_argument("id", type=int, metavar="ID")
    pause.add_argument("--from", dest="from_", required=True, metavar="DATE")
    pause.add_argument("--to", required=True, metavar="DATE",
                       help="the day the clock starts again")
    pause.add_argument("--reason", required=True, metavar="TEXT")
    extend = actions.add_parser("extend", help="two further months (Art. 12(3))")
    extend.add_argument("id", type=int, metavar="ID")
    extend.add_argument("--reason", required=True, metavar="TEXT")
    close = actions.add_parser("close", help="record the answer")
    close.add_argument("id", type=int, metavar="ID")
    close.add_argument("--on", required=True, metavar="DATE")
    close.add_argument("--outcome", required=True, choices=("granted", "partial", "refused"))
    close.add_argument("--reason", default="", metavar="TEXT")
    lookup = actions.add_parser("lookup", help="where a person's record id is kept, and until "
                                "when (the inventories)")
    lookup.add_argument("record_id", metavar="RECORD_ID")
    lookup.add_argument("--as-of", metavar="DATE")
    lookup.add_argument("--entity", metavar="NAME")
    lookup.add_argument("--json", action="store_true")
    listing = actions.add_parser("list", help="every request, its deadline, late or not")
    listing.add_argument("--as-of", metavar="DATE")
    listing.add_argument("--entity", metavar="NAME")
    listing.add_argument("--json", action="store_true")

    breaches = commands.add_parser("breaches", help="personal data breaches (Art. 33, 34)")
    actions = breaches.add_subparsers(dest="breaches_command", metavar="ACTION",
                                      required=True, parser_class=_Parser)
    add = actions.add_parser("add", help="record a breach (first line: its id)")
    add.add_argument("--title", required=True, metavar="TEXT")
    add.add_argument("--aware", required=True, metavar="DATETIME",
                     help="when the establishment became aware of it (Paris time, or ISO "
                     "8601 with an offset)")
    add.add_argument("--activity", action="append", default=[], metavar="REF")
    add.add_argument("--category", action="append", default=[], metavar="CODE")
    add.add_argument("--people", type=int, metavar="N",
                     help="approximate number of people concerned")
    add.add_argument("--records", type=int, metavar="N",
                     help="approximate number of records concerned")
    add.add_argument("--nature", action="append", default=[],
                     choices=("confidentiality", "integrity", "availability"))
    add.add_argument("--data-subjects", action="append", default=[], metavar="TEXT",
                     help="a category of people concerned (patients, staff...)")
    add.add_argument("--description", default="", metavar="TEXT")
    add.add_argument("--consequences", default="", metavar="TEXT")
    add.add_argument("--measures", default="", metavar="TEXT")
    add.add_argument("--entity", metavar="NAME")
    add.add_argument("--json", action="store_true")
    notify = actions.add_parser("notify", help="notification to the CNIL or the ARS")
    notify.add_argument("id", type=int, metavar="ID")
    notify.add_argument("--authority", required=True, choices=("cnil", "ars"))
    how = notify.add_mutually_exclusive_group(required=True)
    how.add_argument("--at", metavar="DATETIME")
    how.add_argument("--not-needed", metavar="REASON")
    notify.add_argument("--complement", action="store_true",
                        help="a complementary notification")
    inform = actions.add_parser("inform", help="the people were informed (Art. 34), or why not")
    inform.add_argument("id", type=int, metavar="ID")
    how = inform.add_mutually_exclusive_group(required=True)
    how.add_argument("--at", metavar="DATETIME")
    how.add_argument("--not-needed", metavar="REASON")
    close = actions.add_parser("close", help="close a breach")
    close.add_argument("id", type=int, metavar="ID")
    close.add_argument("--at", required=True, metavar="DATETIME")
    show = actions.add_parser("show", help="a breach, summarised as the CNIL's notification "
                              "form asks")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")
    listing = actions.add_parser("list", help="every breach, its 72-hour deadline")
    listing.add_argument("--as-of", metavar="DATETIME",
                         help="a moment, or a date (then its end, Paris time)")
    listing.add_argument("--entity", metavar="NAME")
    listing.add_argument("--json", action="store_true")

    due = commands.add_parser("due", help="every open deadline; exit 1 when one is late")
    due.add_argument("--as-of", metavar="DATE")
    due.add_argument("--entity", metavar="NAME")
    due.add_argument("--json", action="store_true")


def _dispatch(args: argparse.Namespace, ctx: Context) -> int:
    from gui.commands import backup, register, retention

    if backup.writes(args):
        backup.claim(ctx)  # one instance at a time: refused while another has it open
    if args.command == "backup":
        if args.backup_command == "list":
            return backup.list_backups(ctx, as_json=args.json)
        return backup.restore(ctx, args)
    if args.command in (None, "gui"):
        demo = bool(getattr(args, "demo", False))
        if demo and ctx.location is not None:
            _refuse_demo_over(ctx, ctx.location)
        app = importlib.import_module("gui.app")  # by name: the command line never loads Qt
        # --lang when given; otherwise the window's saved choice, then the system's language
        return int(app.run(ctx.location, demo=demo, lang=args.lang))
    if args.command == "demo":
        return register.write_demo(ctx, Path(args.path))
    if args.command == "activities":
        if args.activities_command == "show":
            return register.show_activity(ctx, args.ref, args.entity, as_json=args.json)
        if args.activities_command == "add":
            return register.add_activity(ctx, args)
        return register.list_activities(ctx, as_json=args.json)
    if args.command == "audit":
        return register.verify_audit(ctx)
    if args.command == "rules":
        if args.rules_command == "list":
            return retention.list_rules(ctx, as_json=args.json)
        if args.rules_command == "eval":
            return retention.eval_rule(ctx, args.expression, args.set, args.suspend)
        return retention.set_rule(ctx, args)
    if args.command == "inventory":
        return retention.import_inventory(ctx, args)
    if args.command == "holds":
        return retention.add_hold(ctx, args)
    if args.command == "check":
        return retention.check(ctx, args)
    if args.command in ("requests", "breaches", "due"):
        from gui.commands import deadlines

        return deadlines.run(ctx, args)
    if args.command == "import":
        from gui.commands import io

        return io.import_file(ctx, args)
    if args.command == "export":
        from gui.commands import io

        return io.export(ctx, args)
    raise AssertionError(f"unhandled command {args.command}")  # argparse refuses the others


def _refuse_demo_over(ctx: Context, location: str) -> None:
    """``gui --demo --db X`` writes the demo to X: a new SQLite file, never over a register."""
    if "://" in location:
        raise Failure(ctx.say(
            f"--demo écrit le registre de démonstration dans un fichier SQLite, pas dans "
            f"{location} ; donnez un chemin de fichier (--db demo.db) ou retirez --db",
            f"--demo writes the demo register to a SQLite file, not to {location}; give a "
            f"file path (--db demo.db) or drop --db"))
    if Path(location).expanduser().exists():
        raise Failure(ctx.say(
            f"--demo n'écrase pas un registre : {location} existe déjà ; choisissez un "
            f"autre fichier ou retirez --demo pour l'ouvrir",
            f"--demo does not overwrite a register: {location} already exists; choose "
            f"another file, or drop --demo to open it"))


def main(
    argv: Sequence[str] | None = None,
    *,
    today: date | None = None,
    now: datetime | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    lang = args.lang or _default_lang()
    ctx = Context(location=args.db, lang=lang, today=today or date.today(), out=out, err=err,
                  now=now)
    try:
        return _dispatch(args, ctx)
    except Failure as failure:
        print(f"registre: {failure.message}", file=err)
        return failure.exit_code
    except BrokenPipeError:  # the reader went away (`registre rules list | head`)
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("registre: interrompu" if lang == "fr" else "registre: interrupted", file=err)
        return 130
    except Exception as error:  # a bug: one line for the user, the details in a report
        report = ctx.save_crash_report(traceback.format_exc())
        print(f"registre: internal error ({type(error).__name__}: {error}); "
              f"report saved to {report}", file=err)
        return EXIT_BUG
    finally:
        ctx.close()


def entry_point() -> NoReturn:
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
