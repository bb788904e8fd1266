"""Exports as text: people and ties as CSV a spreadsheet opens and this app imports back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

PEOPLE_COLUMNS = ("name", "company", "title", "email", "phone", "timezone", "roles",
                  "do_not_contact", "deal_value", "notes")
TIE_COLUMNS = ("a_email", "a_name", "a_company", "b_email", "b_name", "b_company", "kind",
               "rating", "last_interaction", "notes")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A value as a CSV cell; text a spreadsheet would run as a formula gets a leading quote.

    >>> cell("=HYPERLINK(1)"), cell("+1 555 0100"), cell(None), cell(True)
    ("'=HYPERLINK(1)", '+1 555 0100', '', 'yes')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number_like(text):
        return "'" + text
    return text


def _is_number_like(text: str) -> bool:
    # Phone numbers and negative amounts start with + or - and are harmless.
    return all(ch.isdigit() or ch in " +-().,/" for ch in text) and any(c.isdigit() for c in text)


def _csv(columns: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return out.getvalue()


def people_csv(people: Iterable[Mapping[str, Any]], extra: tuple[str, ...] = ()) -> str:
    """People as CSV; `extra` names further columns (firmographics) to append."""
    return _csv((*PEOPLE_COLUMNS, *extra),
                ({**p, "roles": ";".join(p["roles"])} for p in people))


def ties_csv(ties: Iterable[Mapping[str, Any]]) -> str:
    return _csv(TIE_COLUMNS, ties)
