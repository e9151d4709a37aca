"""One cell of an inventory: a date (ISO, French, a timestamp, an Excel date), a record
id, a stage. Each cell is validated here; ``BadCell`` says why one is refused."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from domain.rules import to_local_date
from storage.inventory.model import STAGES

_FRENCH = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?"
)
_SHORT_YEAR = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\s.*)?")
_LOOSE_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_ISO_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
    r"(?:\s*(?:Z|z|UTC|[+-]\d{2}(?::?\d{2})?))?"
)
_EXCEL_EPOCH: Final = date(1899, 12, 30)
_EXCEL_MAX: Final = (date(9999, 12, 31) - _EXCEL_EPOCH).days


class BadCell(ValueError):
    """A cell that is not what its column needs; the message says why."""


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    # A naive timestamp is a local time already (Excel cells, "2024-03-31 23:30"); an aware
    # one is converted to the zone first (T2 of retention-rules.md d.4).
    if moment.utcoffset() is None:
        return moment.date()
    return to_local_date(moment, zone)


def parse_timestamp(text: str, zone: ZoneInfo) -> date:
    cleaned = text.replace(",", ".")
    if cleaned.endswith("UTC"):
        cleaned = cleaned[:-3].rstrip() + "+00:00"
    cleaned = re.sub(r"\s+(?=[Zz+-]\d*)", "", cleaned)  # "...:00 +02:00" -> "...:00+02:00"
    if cleaned.endswith(("z", "Z")):
        cleaned = cleaned[:-1] + "+00:00"
    match = re.search(r"\.(\d+)", cleaned)
    if match and len(match.group(1)) > 6:  # nanoseconds: keep microseconds
        cleaned = cleaned[: match.start(1) + 6] + cleaned[match.end(1):]
    return local_date(datetime.fromisoformat(cleaned), zone)


def parse_date_text(text: str, zone: ZoneInfo) -> date | None:
    """A cell's text as a local date; None when empty. Raises ``BadCell``."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return date.fromisoformat(text)
        match = _FRENCH.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in match.group(1, 2, 3))
            if match.group(4) is not None:
                hour, minute = int(match.group(4)), int(match.group(5))
                second = int(match.group(6) or 0)
                datetime(year, month, day, hour, minute, second)  # validates the time too
            return date(year, month, day)
        if _SHORT_YEAR.fullmatch(text):
            raise BadCell("a two-digit year is ambiguous: write the year in full")
        if _ISO_TIMESTAMP.fullmatch(text):
            return parse_timestamp(text, zone)
        match = _LOOSE_ISO.fullmatch(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
    except BadCell:
        raise
    except ValueError as error:
        raise BadCell(f"not a valid date ({error})") from None
    raise BadCell("not a date (expected 2024-02-29, 29/02/2024 or a timestamp)")


def date_cell(value: object, zone: ZoneInfo) -> str | None:
    """Any cell (text, Excel date, Excel serial number) as the stored ISO text, or None."""
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_date_text(value, zone)
        return None if parsed is None else parsed.isoformat()
    if isinstance(value, datetime):
        return local_date(value, zone).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        raise BadCell("not a date (a true/false cell)")
    if isinstance(value, int | float):
        # An Excel serial number (days since 1899-12-30) in a cell not formatted as a date.
        if not math.isfinite(value) or not 1 <= value <= _EXCEL_MAX:
            raise BadCell("not a date (a number out of the range of Excel dates)")
        return (_EXCEL_EPOCH + timedelta(days=math.floor(value))).isoformat()
    raise BadCell(f"not a date (a {type(value).__name__} cell)")


def record_id_text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed in a numeric Excel cell: 12345.0 -> "12345"
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def stage_of(value: object) -> str:
    text = value.strip() if isinstance(value, str) else "" if value is None else str(value)
    key = unicodedata.normalize("NFC", " ".join(text.split()).casefold())
    stage = STAGES.get(key)
    if stage is None:
        raise BadCell("not a stage (expected active or archive; actif, archivé)")
    return stage
