"""Commands that move the register in and out of files: import and export."""

from __future__ import annotations

import argparse
from pathlib import Path

from domain.dates import parse_user_date
from domain.errors import CodedError, RegistreError
from gui.commands.context import Context, Failure
from gui.messages import describe, describe_warning


def _refusal(ctx: Context, error: RegistreError) -> Failure:
    """One line naming file, sheet, row and column; a refused activity says why in the
    user's language (the register's own words for the value it refused)."""
    cause = getattr(error, "cause", None)
    if isinstance(error, CodedError) and error.code == "import.invalid_activity" \
            and isinstance(cause, RegistreError):
        params = dict(error.params)
        detail = describe(cause, ctx.language)
        params["detail"] = detail[:1].lower() + detail[1:]
        error = type(error)(error.code, str(error), **params)
    return Failure(describe(error, ctx.language), 2)


def export(ctx: Context, args: argparse.Namespace) -> int:
    from storage.export import export_register

    as_of = ctx.today
    if args.as_of:
        with ctx.refusing():
            as_of = parse_user_date(args.as_of, "--as-of")
    register = ctx.register()
    try:
        result = export_register(register, Path(args.file), as_of=as_of, entity=args.entity)
    except RegistreError as error:
        raise _refusal(ctx, error) from error
    ctx.print(ctx.say(
        f"Registre exporté dans {result.path} ({result.activities} traitements, "
        f"{result.sheets} feuilles).",
        f"Register exported to {result.path} ({result.activities} activities, "
        f"{result.sheets} sheets)."))
    return 0


def import_file(ctx: Context, args: argparse.Namespace) -> int:
    from storage.importer import import_register

    register = ctx.register()
    try:
        report = import_register(register, Path(args.file), today=ctx.today,
                                 entity=args.entity, dry_run=args.dry_run)
    except RegistreError as error:
        raise _refusal(ctx, error) from error
    layout = {"registre": ("export Registre", "Registre export"),
              "cnil": ("modèle CNIL", "CNIL model"),
              "apdp": ("modèle APDP", "APDP model"),
              "flat": ("tableau (un traitement par ligne)", "table (one activity per row)"),
              }[report.layout][0 if ctx.language == "fr" else 1]
    if report.dry_run:
        ctx.print(ctx.say(
            f"Simulation ({layout}) : {len(report.added)} traitement(s) seraient ajoutés, "
            f"{len(report.updated)} mis à jour, {len(report.unchanged)} inchangés dans "
            f"« {report.entity} ». Rien n'a été modifié.",
            f"Dry run ({layout}): {len(report.added)} activities would be added, "
            f"{len(report.updated)} updated, {len(report.unchanged)} unchanged in "
            f"'{report.entity}'. Nothing was changed."))
    else:
        ctx.print(ctx.say(
            f"Importé ({layout}) : {len(report.added)} traitement(s) ajoutés, "
            f"{len(report.updated)} mis à jour, {len(report.unchanged)} inchangés dans "
            f"« {report.entity} ».",
            f"Imported ({layout}): {len(report.added)} activities added, "
            f"{len(report.updated)} updated, {len(report.unchanged)} unchanged in "
            f"'{report.entity}'."))
    for ref in report.added:
        ctx.print(f"  + {ref}")
    for ref in report.updated:
        ctx.print(f"  ~ {ref}")
    for warning in report.warnings:  # in the user's language, with its sheet and row
        print(ctx.say("registre: attention : ", "registre: warning: ")
              + describe_warning(warning, ctx.language), file=ctx.err)
    return 0
