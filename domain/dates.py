"""Dates as a French DPO writes them: ISO (2026-11-29) or dd/mm/yyyy (29/11/2026)."""

from __future__ import annotations

import re
from datetime import date

from domain.errors import ValidationError

_FRENCH = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_user_date(text: str, field: str = "date") -> date:
    """Parse ``text``; an impossible date (31/02/2024) is refused, not normalised."""
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _FRENCH.match(text)
        if not match:
            raise ValidationError(
                "date.invalid", f"{field}: {text!r} is not a date", field=field, value=text
            )
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            "date.invalid", f"{field}: {text!r} is not a date", field=field, value=text
        ) from None
