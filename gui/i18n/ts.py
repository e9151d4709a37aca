"""Reading and writing Qt's TS files (the XML that Qt Linguist edits and lrelease compiles).

Pure Python, no Qt: the extractor (``python -m gui.i18n.extract``) and its check run in
``make lint``. One ``Message`` per (context, source); a plural message (Qt's ``%n``) has one
translation per English form (singular, plural). Messages whose source left the code are
kept, marked ``vanished`` (what lupdate does: Linguist shows them as obsolete and lrelease
leaves them out), so that a string put back gets its translation back.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_LANGUAGE = "fr_FR"
ENGLISH_FORMS = 2  # English plural forms in Qt's numerus rules: singular, plural


@dataclass
class Message:
    source: str
    translations: list[str] = field(default_factory=lambda: [""])
    numerus: bool = False
    vanished: bool = False
    unfinished: bool = False
    comment: str = ""  # the translator's comment, kept as written in Linguist
    locations: list[tuple[str, int]] = field(default_factory=list)
    disambiguation: str = ""  # two meanings of one French string in one context

    @property
    def key(self) -> str:
        return key_of(self.source, self.disambiguation)

    @property
    def translated(self) -> bool:
        return not self.unfinished and all(text for text in self.translations)


def key_of(source: str, disambiguation: str = "") -> str:
    """A message's key in its context: the source, and its disambiguation if any."""
    return f"{source}\x04{disambiguation}" if disambiguation else source


@dataclass
class Catalogue:
    language: str = "en_GB"
    # context -> key (``key_of``) -> message, in the order they were read or added
    contexts: dict[str, dict[str, Message]] = field(default_factory=dict)

    def get(self, context: str, key: str) -> Message | None:
        return self.contexts.get(context, {}).get(key)

    def messages(self) -> list[tuple[str, Message]]:
        return [(context, message) for context, messages in self.contexts.items()
                for message in messages.values()]


def read(path: Path) -> Catalogue:
    """The catalogue in ``path``; an empty one when the file does not exist yet."""
    if not path.exists():
        return Catalogue()
    root = ET.parse(path).getroot()
    catalogue = Catalogue(language=root.get("language", "en_GB"))
    for context in root.iter("context"):
        name = context.findtext("name", "")
        messages = catalogue.contexts.setdefault(name, {})
        for element in context.iter("message"):
            source = element.findtext("source", "")
            translation = element.find("translation")
            numerus = element.get("numerus") == "yes"
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if numerus and translation is not None:
                texts = [form.text or "" for form in translation.iter("numerusform")]
                texts += [""] * (ENGLISH_FORMS - len(texts))
            else:
                texts = [(translation.text or "") if translation is not None else ""]
            disambiguation = element.findtext("comment", "")
            messages[key_of(source, disambiguation)] = Message(
                source=source, translations=texts, numerus=numerus,
                disambiguation=disambiguation,
                vanished=kind in ("vanished", "obsolete"), unfinished=kind == "unfinished",
                comment=element.findtext("translatorcomment", ""),
                locations=[(str(path.parent / loc.get("filename", "")),
                            int(loc.get("line", "0") or 0))
                           for loc in element.iter("location")])
    return catalogue


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def render(catalogue: Catalogue, folder: Path) -> str:
    """The TS text, laid out as lupdate writes it (Linguist and lrelease read it unchanged);
    locations are relative to ``folder`` (the TS file's folder)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{catalogue.language}" '
             f'sourcelanguage="{SOURCE_LANGUAGE}">']
    for name in sorted(catalogue.contexts):
        messages = catalogue.contexts[name]
        if not messages:
            continue
        lines += ["<context>", f"    <name>{_escape(name)}</name>"]
        for message in sorted(messages.values(), key=lambda m: m.vanished):
            lines.append('    <message numerus="yes">' if message.numerus else "    <message>")
            for filename, line in message.locations:
                relative = os.path.relpath(filename, folder).replace(os.sep, "/")
                lines.append(f'        <location filename="{_escape(relative)}" line="{line}"/>')
            lines.append(f"        <source>{_escape(message.source)}</source>")
            if message.disambiguation:
                lines.append(f"        <comment>{_escape(message.disambiguation)}</comment>")
            if message.comment:
                lines.append(f"        <translatorcomment>{_escape(message.comment)}"
                             "</translatorcomment>")
            kind = ' type="vanished"' if message.vanished else \
                ' type="unfinished"' if not message.translated else ""
            if message.numerus:
                lines.append(f"        <translation{kind}>")
                forms = (message.translations + [""] * ENGLISH_FORMS)[:ENGLISH_FORMS]
                lines += [f"            <numerusform>{_escape(form)}</numerusform>"
                          for form in forms]
                lines.append("        </translation>")
            else:
                lines.append(f"        <translation{kind}>{_escape(message.translations[0])}"
                             "</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def write(catalogue: Catalogue, path: Path) -> bool:
    """Write ``catalogue`` to ``path`` (a temporary file, then one rename); False when the
    file already holds exactly that text (its date is left alone, so make does not rebuild
    the .qm)."""
    text = render(catalogue, path.parent.resolve())
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".ts.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return True
