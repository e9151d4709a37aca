"""Our lupdate: the window's French strings into ``resources/i18n/registre_en.ts``.

    python -m gui.i18n.extract                  rewrite two-language calls, then extract
    python -m gui.i18n.extract --skip-dirty     the same, leaving files with uncommitted
                                                changes (someone's work in progress) alone
    python -m gui.i18n.extract --no-rewrite     extract only
    python -m gui.i18n.extract --no-obsolete    drop the strings gone from the code
    python -m gui.i18n.extract --check          exit 1 when a string lacks its English or a
                                                two-language call remains (nothing written)
    python -m gui.i18n.extract --check --lenient   two-language calls only warned about

pyside6-lupdate knows ``self.tr()`` but not our call forms, hence this script. It reads
``gui/**/*.py`` (not the Qt-free command line nor ``gui/messages.py``, whose messages are
data in both languages) and finds the calls of ``CALL_FORMS``: ``texts.bind(setter, "…")``,
``texts.t("…")``, ``self._t("…")``, ``t("…")``, the window's ``_action("…", …)``, the
editor's ``_group(key, "…", …)`` and ``_row(form, "…", …)``, and ``tr_noop("…")`` for
words in tables. The context of a string is its module (``gui.main_window``).

**Rewrite.** A call still written in two languages, ``texts.bind(setter, "Fiche",
"Record")``, loses its English argument, which goes to the .ts as the translation of
(``gui.main_window``, ``Fiche``). An f-string pair becomes a template with named
placeholders filled after translation: ``self._t(f"Lecture de {path}", f"Reading {path}")``
becomes ``self._t("Lecture de {path}").format(path=path)`` (``bind`` takes them as keyword
arguments). A helper of the file that forwards ``fr, en`` to Texts (``def _t(self, fr,
en)``) gets ``en: str | None = None``; the calls of other helpers are left and reported. A
pair whose French another one-language call of the module already uses, with another
English, is left and reported: two meanings of one French word in one module are told apart
with Qt's disambiguation, ``tr_noop("Gel juridique", "Legal hold", disambiguation="décision")``;
otherwise the pair's English, the newest, replaces what the .ts held.

**Extract.** Every French string found gets a message in the .ts; translations already
there are kept (Linguist's work included); a message whose string left the code is marked
vanished (obsolete), and revived if the string comes back. Re-running changes nothing.
"""

from __future__ import annotations

import argparse
import ast
import keyword
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from gui.i18n import ts

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "gui"
TS_FILE = ROOT / "resources" / "i18n" / "registre_en.ts"
EXCLUDED = ("gui/cli.py", "gui/commands/", "gui/messages.py", "gui/i18n/")
# call name -> positions where its French may be (the first that holds a string literal)
CALL_FORMS: dict[str, tuple[int, ...]] = {
    "bind": (1,), "t": (0,), "_t": (0, 1), "tr_noop": (0,), "translate": (0,),
    "_action": (0,), "_group": (1,), "_row": (1,),
}
BARE_ONLY = frozenset({"translate", "tr_noop"})  # gui.i18n's, imported by name
# forms that return the words (placeholders filled by .format); the others take keywords
RETURNS_WORDS = frozenset({"t", "_t", "translate"})
TAKES_PARAMS = frozenset({"bind"})
RESERVED = frozenset({"setter", "source", "en", "n", "context", "disambiguation", "self"})
LINE = 100  # ruff's line-length


@dataclass
class Found:
    """One translatable call in a file."""
    context: str
    source: str
    line: int
    numerus: bool = False
    english: str | None = None  # a two-language call's English, still in the code
    fstring: bool = False  # the French is an f-string (only fine in a two-language call)
    call: ast.Call | None = None
    french: ast.expr | None = None
    english_node: ast.expr | None = None
    names: dict[str, str] = field(default_factory=dict)  # placeholder -> expression
    disambiguation: str = ""  # Qt's disambiguation: a keyword argument of the call

    @property
    def key(self) -> str:
        return ts.key_of(self.source, self.disambiguation)


@dataclass
class Report:
    rewritten: dict[Path, int] = field(default_factory=dict)
    skipped: dict[Path, list[str]] = field(default_factory=dict)
    pairs_left: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def module_of(path: Path) -> str:
    parts = list(path.resolve().relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def gui_files() -> list[Path]:
    files = []
    for path in sorted(GUI.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith(EXCLUDED):
            files.append(path)
    return files


def _is_text(node: ast.expr | None) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str))


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


# --- f-strings into templates ------------------------------------------------------------
class Unsupported(Exception):
    pass


def _named_part(expression: ast.expr) -> ast.expr:
    """What names a value: ``review.as_of`` for ``review.as_of.isoformat()``, ``shown`` for
    ``shown[0]`` (collisions are told apart by a longer name)."""
    while True:
        if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute):
            owner = expression.func.value  # ", ".join(missing): missing
            if isinstance(owner, ast.Name) and owner.id == "self":  # self.scope_words(x)
                return ast.Name(expression.func.attr)
            expression = expression.args[0] if isinstance(owner, ast.Constant) \
                and expression.args else owner
        elif isinstance(expression, ast.Call) and expression.args:  # _number(count, "fr")
            expression = expression.args[0]
        elif isinstance(expression, ast.BoolOp):  # hold.category or "*": category
            expression = expression.values[0]
        elif isinstance(expression, ast.IfExp):
            expression = expression.body
        elif isinstance(expression, ast.BinOp):
            expression = expression.left
        elif isinstance(expression, ast.Subscript) and not isinstance(
                expression.slice, ast.Constant):
            expression = expression.value
        else:
            return expression


def _name_for(expression: ast.expr, taken: dict[str, str], text: str) -> str:
    """A placeholder name for ``expression``: its last attribute or its own name."""
    known = {value: key for key, value in taken.items()}
    if text in known:
        return known[text]
    part = _named_part(expression)
    chain = [piece.lower().strip("_") for piece in
             re.findall(r"[A-Za-z_]\w*|\d+", ast.unparse(part)) if piece != "self"]
    chain = [piece for piece in chain if piece] or ["value"]
    candidates = ["_".join(chain[-k:]) for k in range(1, len(chain) + 1)]
    candidates = [c for c in candidates if c[0].isalpha() and not keyword.iskeyword(c)] \
        or [f"v_{candidates[-1]}"]
    for candidate in candidates:
        if candidate not in taken and candidate not in RESERVED:
            return candidate
    number = 2
    while f"{candidates[-1]}_{number}" in taken:
        number += 1
    return f"{candidates[-1]}_{number}"


def template_of(node: ast.expr, names: dict[str, str]) -> str:
    """The text of a string literal; an f-string's fields become ``{name}`` (``names``:
    placeholder -> expression source, shared by the French and the English)."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    if not isinstance(node, ast.JoinedStr):
        raise Unsupported("not a string")
    out = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            out.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            continue
        if not isinstance(value, ast.FormattedValue):
            raise Unsupported("unexpected f-string part")
        text = ast.unparse(value.value)
        name = _name_for(value.value, names, text)
        names[name] = text
        field_text = name
        if value.conversion != -1:
            field_text += "!" + chr(value.conversion)
        if value.format_spec is not None:
            spec = value.format_spec
            if not isinstance(spec, ast.JoinedStr) or not all(
                    isinstance(part, ast.Constant) for part in spec.values):
                raise Unsupported("a computed format spec")
            field_text += ":" + "".join(str(part.value) for part in spec.values)  # type: ignore[attr-defined]
        out.append("{" + field_text + "}")
    return "".join(out)


# --- finding the calls ----------------------------------------------------------------------
INDIRECT = frozenset({"bind", "t", "_t", "tr_noop"})  # forms whose English may be a variable


def indirect_pairs(tree: ast.AST) -> list[int]:
    """Lines of two-language calls whose words are variables (``texts.bind(setter,
    *pair)``, ``self._t(fr, en)`` over a table): the extractor cannot see their words; the
    table's should be marked with ``tr_noop``. The body of a helper that takes ``en`` and
    hands it on (``def _t(self, fr, en=None)``) is not one."""
    lines: list[int] = []

    def visit(node: ast.AST, helper: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            helper = helper or "en" in [a.arg for a in node.args.args]
        if isinstance(node, ast.Call) and _call_name(node) in INDIRECT and not helper:
            position = CALL_FORMS[_call_name(node)][-1] if _call_name(node) == "_t" \
                else CALL_FORMS[_call_name(node)][0]
            args = node.args
            starred = any(isinstance(a, ast.Starred) for a in args[:position + 1])
            if _call_name(node) == "_t" and args and not _is_text(args[0]) \
                    and len(args) == 2:
                position = 0  # self._t(fr, en)
            second = args[position + 1] if position + 1 < len(args) else None
            if starred or (second is not None and not _is_text(second)
                           and not _is_text(args[position])):
                lines.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, helper)

    visit(tree, False)
    return sorted(lines)


def find_calls(path: Path, tree: ast.AST | None = None) -> list[Found]:
    if tree is None:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    context = module_of(path)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        positions = CALL_FORMS.get(name)
        if positions is None or (name in BARE_ONLY and not isinstance(node.func, ast.Name)):
            continue  # QCoreApplication.translate(context, source) is not ours
        for position in positions:
            args = node.args
            if any(isinstance(a, ast.Starred) for a in args[:position + 1]):
                break
            if position >= len(args) or not _is_text(args[position]):
                continue
            french = args[position]
            following = args[position + 1] if position + 1 < len(args) else None
            english = following if _is_text(following) else None
            numerus = any(k.arg == "n" for k in node.keywords)
            disambiguation = next((str(k.value.value) for k in node.keywords
                                   if k.arg == "disambiguation"
                                   and isinstance(k.value, ast.Constant)), "")
            item = Found(context, "", node.lineno, numerus=numerus, call=node, french=french,
                         english_node=english, fstring=isinstance(french, ast.JoinedStr),
                         disambiguation=disambiguation)
            try:
                item.source = template_of(french, item.names)
                if english is not None:
                    item.english = template_of(english, item.names)
            except Unsupported as error:
                item.source = ast.unparse(french)
                item.english = "" if english is not None else None
                item.names = {"?": str(error)}
            found.append(item)
            break
    found.sort(key=lambda f: (f.line, f.call.col_offset if f.call else 0))
    return found


# --- rewriting ------------------------------------------------------------------------------
def _literal(text: str) -> str:
    """``text`` as a double-quoted Python literal (the project's style)."""
    body = repr(text)
    if body.startswith("'"):
        body = '"' + body[1:-1].replace("\\'", "'").replace('"', '\\"') + '"'
    return body


def _chunks(text: str, first: int, rest: int) -> list[str]:
    """``text`` cut at spaces into literals of at most ``first`` then ``rest`` characters."""
    words = re.findall(r"\S+\s*|\s+", text) or [""]
    out: list[str] = []
    current = ""
    for word in words:
        width = first if not out else rest
        if current and (len(_literal(current + word)) > width or current.endswith("\n")):
            out.append(current)  # a line of the text ends a line of the code too
            current = word
        else:
            current += word
    out.append(current)
    return [_literal(piece) for piece in out]


class _Source:
    """A file's text addressed by (line, column in UTF-8 bytes), as ast gives positions."""

    def __init__(self, text: str) -> None:
        self.lines = text.encode("utf-8").splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.data = b"".join(self.lines)

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column

    def column(self, offset: int) -> int:
        """The column, in characters, of a byte offset (for line lengths)."""
        line_start = max(s for s in self.starts if s <= offset)
        return len(self.data[line_start:offset].decode("utf-8"))


def _edits_for(item: Found, source: _Source) -> list[tuple[int, int, str]] | None:
    """(start, end, new text) byte edits that make ``item`` a one-language call."""
    call, french, english = item.call, item.french, item.english_node
    assert call is not None and french is not None and english is not None
    assert french.end_lineno is not None and english.end_lineno is not None
    french_start = source.offset(french.lineno, french.col_offset)
    french_end = source.offset(french.end_lineno, french.end_col_offset or 0)
    english_end = source.offset(english.end_lineno, english.end_col_offset or 0)
    name = _call_name(call)
    if not item.fstring and not item.names:
        english_start = source.offset(english.lineno, english.col_offset)
        rest = source.data[english_end:].split(b"\n", 1)[0]
        following = re.match(rb",\s*", rest)
        if english.lineno > french.end_lineno and following and rest[following.end():] \
                and not rest[following.end():].startswith((b")", b"#")):
            # the English on its own line before more arguments: they take its place
            return [(english_start, english_end + following.end(), "")]
        return [(french_end, english_end, "")]
    if "?" in item.names or (name not in RETURNS_WORDS and name not in TAKES_PARAMS):
        return None
    indent = source.column(french_start)
    assert call.end_lineno is not None
    call_end = source.offset(call.end_lineno, call.end_col_offset or 0)
    after_call = source.data[call_end:].split(b"\n", 1)[0].decode("utf-8")
    # what follows the French on its last line once the English is gone
    tail = source.data[english_end:call_end].decode("utf-8")
    params = [f"{key}={value}" for key, value in item.names.items()]
    pad = "\n" + " " * indent
    if name in TAKES_PARAMS:
        opening, inner, closing = ",", indent, tail
    else:
        opening, inner, closing = f"{tail}.format(", indent + 4, ")"
    one_line = f"{opening} {', '.join(params)}{closing}" if name in TAKES_PARAMS else \
        f"{opening}{', '.join(params)}{closing}"
    pieces = _chunks(item.source, LINE - indent - 1, LINE - indent - 1)
    if not params:
        ending = tail
    elif indent + len(pieces[-1]) + len(one_line) + len(after_call) <= LINE:
        ending = one_line
    else:  # the placeholders on lines of their own
        room = LINE - indent - 1 - len(opening)
        pieces = _chunks(item.source, room, room)
        lines, current = [], ""
        width = LINE - len(closing) - len(after_call)
        for param in params:
            candidate = f"{current} {param}," if current else f"{param},"
            if current and inner + len(candidate) > width:
                lines.append(current)
                current = f"{param},"
            else:
                current = candidate
        lines.append(current[:-1] + closing)
        ending = opening + "".join("\n" + " " * inner + line for line in lines)
    text = pad.join(pieces) + ending
    return [(french_start, call_end, text)]


def _helpers(tree: ast.AST, source: _Source, path: Path, report: Report,
             edits: list[tuple[int, int, str]]) -> set[str]:
    """The file's own two-language helpers (``def _t(self, fr, en)``). One that only hands
    ``fr, en`` on to Texts (``return self.texts.t(fr, en)``), ``en`` last, gets
    ``en: str | None = None`` (Texts takes None as the French form); the others are
    returned, their calls left alone until a human changes them."""
    blocked: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) \
                or node.name not in CALL_FORMS:
            continue
        names = [a.arg for a in node.args.args]
        if "en" not in names:
            continue
        en = node.args.args[names.index("en")]
        if names.index("en") >= len(names) - len(node.args.defaults):
            continue  # already optional: calls in one language or two both work
        forwards = any(
            isinstance(call, ast.Call) and _call_name(call) in ("t", "bind", "_t", "translate")
            and any(isinstance(a, ast.Name) and a.id == "en" for a in call.args)
            for call in ast.walk(node))
        last = names[-1] == "en" and not node.args.defaults
        if forwards and last and en.end_lineno is not None:
            start = source.offset(en.lineno, en.col_offset)
            end = source.offset(en.end_lineno, en.end_col_offset or 0)
            edits.append((start, end, "en: str | None = None"))
        else:
            blocked.add(node.name)
            report.skipped.setdefault(path, []).append(
                f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}(…, en, …) is this "
                f"file's own helper: make it take the French alone, then run again")
    return blocked


def rewrite_file(path: Path, catalogue: ts.Catalogue, report: Report,
                 live: set[tuple[str, str]] | None = None) -> bool:
    """Rewrite the two-language calls of ``path`` and put their English in ``catalogue``.

    ``live``: the (context, key) of the one-language calls of gui/; a pair whose French is
    one of them with another English is a conflict; otherwise its English is the newest
    word and replaces what the .ts held."""
    text = path.read_text(encoding="utf-8")
    source = _Source(text)
    edits: list[tuple[int, int, str]] = []
    taken: dict[tuple[str, str], str] = {}
    tree = ast.parse(text, filename=str(path))
    blocked = _helpers(tree, source, path, report, edits)
    for item in find_calls(path, tree):
        if item.english is None or (item.call and _call_name(item.call) in blocked):
            continue
        where = f"{path.relative_to(ROOT)}:{item.line}"
        known = catalogue.get(item.context, item.key)
        previous = taken.get((item.context, item.key))
        if previous is None and known is not None and known.translated and not known.vanished \
                and (live is None or (item.context, item.key) in live):
            previous = known.translations[0]
        if previous is not None and previous != item.english:
            report.skipped.setdefault(path, []).append(
                f"{where}: « {item.source} » already means '{previous}' in {item.context}, "
                f"here '{item.english}': give one of them disambiguation=\"…\"")
            continue
        if item.numerus:
            report.skipped.setdefault(path, []).append(f"{where}: a count (n=) with English")
            continue
        changes = _edits_for(item, source)
        if changes is None:
            report.skipped.setdefault(path, []).append(
                f"{where}: f-string pair in a call that cannot take placeholders")
            continue
        taken[(item.context, item.key)] = item.english
        edits.extend(changes)
        messages = catalogue.contexts.setdefault(item.context, {})
        message = messages.get(item.key)
        if message is None:
            message = messages[item.key] = ts.Message(item.source,
                                                      disambiguation=item.disambiguation)
        message.translations, message.unfinished, message.vanished = [item.english], False, False
    if not edits:
        return False
    edits.sort()
    for (start, end, _), (next_start, _, _) in pairwise(edits):
        if end > next_start:  # nested two-language calls: the outer one next time
            raise SystemExit(f"{path}: overlapping rewrites at byte {start}")
    data = source.data
    for start, end, new in reversed(edits):
        data = data[:start] + new.encode("utf-8") + data[end:]
    try:
        ast.parse(data, filename=str(path))
    except SyntaxError as error:  # a bug here: say so, and leave the file as it was
        report.problems.append(f"{path.relative_to(ROOT)}: not rewritten, the result would "
                               f"not parse ({error.msg}, line {error.lineno})")
        return False
    path.write_text(data.decode("utf-8"), encoding="utf-8")
    report.rewritten[path] = len(edits)
    before = {line for line in text.splitlines() if len(line) > LINE}
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if len(line) > LINE and line not in before:
            report.skipped.setdefault(path, []).append(
                f"{path.relative_to(ROOT)}:{number}: longer than {LINE} characters: lay it out")
    return True


# --- extracting -----------------------------------------------------------------------------
def extract(files: list[Path], catalogue: ts.Catalogue, report: Report) -> ts.Catalogue:
    """The catalogue with one message per French string of ``files``; the others vanished."""
    seen: dict[tuple[str, str], Found] = {}
    locations: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        report.pairs_left += [f"{path.relative_to(ROOT)}:{line}: a two-language call the "
                              "rewrite cannot read (words in variables or expressions): write "
                              "them as literals, or mark a table's words with tr_noop"
                              for line in indirect_pairs(tree)]
        for item in find_calls(path, tree):
            where = f"{path.relative_to(ROOT)}:{item.line}"
            if item.english is not None:
                report.pairs_left.append(f"{where}: « {item.source} » still has its English "
                                         "in the code")
                continue
            if item.fstring:
                report.problems.append(f"{where}: an f-string cannot be translated; write "
                                       "named placeholders and fill them after translation")
                continue
            key = (item.context, item.key)
            seen.setdefault(key, item)
            locations.setdefault(key, []).append((str(path), item.line))
    for context, message in catalogue.messages():
        if (context, message.key) not in seen:
            message.vanished, message.locations = True, []
    for key, item in seen.items():
        messages = catalogue.contexts.setdefault(key[0], {})
        message = messages.get(key[1])
        if message is None:
            message = messages[key[1]] = ts.Message(
                item.source, [""] * (ts.ENGLISH_FORMS if item.numerus else 1),
                numerus=item.numerus, unfinished=True, disambiguation=item.disambiguation)
        if message.numerus != item.numerus:  # became (or stopped being) a count
            first = message.translations[0] if message.translations else ""
            message.numerus = item.numerus
            message.translations = [first] * (ts.ENGLISH_FORMS if item.numerus else 1)
            message.unfinished = True
        message.vanished = False
        message.locations = locations[key]
        if not message.translated:
            report.problems.append(
                f"{item.context}: « {item.source} » has no English yet: give it in "
                f"{TS_FILE.relative_to(ROOT)} (.venv/bin/pyside6-linguist), or write the call "
                "in French and English and run python -m gui.i18n.extract")
    return catalogue


def dirty_files() -> set[Path]:
    """The gui files with uncommitted changes (git status), to be left alone."""
    done = subprocess.run(["git", "status", "--porcelain", "--", "gui"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return {(ROOT / line[3:].split(" -> ")[-1]).resolve()
            for line in done.stdout.splitlines() if line[:2].strip()}


def _lines(title: str, items: list[str]) -> Iterator[str]:
    if items:
        yield title
        yield from (f"  {item}" for item in items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.i18n.extract",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when a string lacks its English or a "
                             "two-language call remains")
    parser.add_argument("--lenient", action="store_true",
                        help="with --check: two-language calls are only a warning")
    parser.add_argument("--no-rewrite", action="store_true",
                        help="leave two-language calls in the code")
    parser.add_argument("--skip-dirty", action="store_true",
                        help="do not rewrite files with uncommitted changes")
    parser.add_argument("--no-obsolete", action="store_true",
                        help="drop the messages whose string left the code (as lupdate's)")
    parser.add_argument("--ts", type=Path, default=TS_FILE, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", type=Path,
                        help="rewrite only these files (all of gui/ is extracted)")
    args = parser.parse_args(argv)
    report = Report()
    catalogue = ts.read(args.ts)
    files = gui_files()
    if not args.check and not args.no_rewrite:
        chosen = {p.resolve() for p in args.files} if args.files else set(files)
        dirty = dirty_files() if args.skip_dirty else set()
        live = {(item.context, item.key) for path in files for item in find_calls(path)
                if item.english is None}
        for path in files:
            if path.resolve() in dirty and path.resolve() in chosen:
                report.skipped.setdefault(path, []).append(
                    f"{path.relative_to(ROOT)}: uncommitted changes, not rewritten")
            elif path.resolve() in chosen:
                rewrite_file(path, catalogue, report, live)
    catalogue = extract(files, catalogue, report)
    if args.no_obsolete:
        for messages in catalogue.contexts.values():
            for key in [key for key, message in messages.items() if message.vanished]:
                del messages[key]
    out = sys.stdout
    for path, count in report.rewritten.items():
        print(f"rewritten: {path.relative_to(ROOT)} ({count} call(s))", file=out)
    for lines in report.skipped.values():
        for line in lines:
            print(f"left: {line}", file=out)
    if not args.check or args.lenient:  # a summary: the lines are for --check
        counts: dict[str, int] = {}
        for line in report.pairs_left:
            counts[line.split(":", 1)[0]] = counts.get(line.split(":", 1)[0], 0) + 1
        for line in _lines("two-language calls left:", [f"{name}: {count}" for name, count
                                                        in counts.items()]):
            print(line, file=out)
    else:
        for line in _lines("two-language calls left:", report.pairs_left):
            print(line, file=out)
    for line in _lines("problems:", report.problems):
        print(line, file=out)
    if args.check:
        if report.problems or (report.pairs_left and not args.lenient):
            return 1
        if report.pairs_left:
            print(f"warning: {len(report.pairs_left)} two-language call(s) left: run "
                  "python -m gui.i18n.extract", file=out)
        return 0
    if ts.write(catalogue, args.ts):
        print(f"written: {args.ts.relative_to(ROOT) if args.ts.is_relative_to(ROOT) else args.ts}",
              file=out)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
