"""Text files of unknown origin: their encoding (UTF-8, UTF-16, or the Western single-byte
encodings Windows writes) and their CSV delimiter, for inventories and registers alike."""

from __future__ import annotations

import codecs
from pathlib import Path


def detect_encoding(sample: bytes, whole_file: bool) -> tuple[str, bool]:
    """(encoding, guessed_from_ascii). Charset-normalizer decides between the Western
    single-byte encodings, once UTF-8 (with or without BOM) and UTF-16 are ruled out."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=whole_file)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", sample.isascii() and not whole_file
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=["cp1252", "latin_1"]).best()
    return (best.encoding if best is not None else "latin_1"), False


def sniff_delimiter(line: str) -> str:
    counts = {delimiter: line.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def undecodable_line(path: Path, encoding: str) -> int:
    """The number of the first line of ``path`` that does not decode (error path only)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    number = 0
    with path.open("rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError:
                return number
    return max(number, 1)
