"""What the person search reads instead of the person's own fields: the lower-cased name, one
lower-cased text of everything else it matches, and the phone number's digits.

Pure functions of a person's fields. The columns they fill (`Person.name_key`,
`Person.search_text`, `Person.phone_digits`) are derived data: they are computed in Python –
the same `str.lower` on both databases, where SQLite's `lower()` knows ASCII only – and
indexed, so a lookup reads an index or one narrow column instead of lower-casing and
stripping every row's fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The person fields the search columns are made of; a write that changes any of them must
#: refill the columns (see `models.network`).
SOURCE_FIELDS = ("name", "company", "email", "notes", "phone")
#: Between two fields of `search_text`, so a query never matches across the end of one and
#: the start of the next (a control character nobody types into a search box).
FIELD_SEPARATOR = "\x1f"
#: SQLite's trigram index over `search_text` and `phone_digits` (an FTS5 table kept by
#: triggers, made by the migration) and the tables FTS5 keeps it in. The models don't declare
#: them – nothing but the search reads them – so autogenerate and the models-match-migrations
#: test leave them out (`include_name`).
SQLITE_SEARCH_TABLE = "people_search"
SQLITE_SEARCH_TABLES = frozenset(
    [SQLITE_SEARCH_TABLE, *(f"{SQLITE_SEARCH_TABLE}_{part}"
                            for part in ("data", "idx", "content", "docsize", "config"))])


def include_name(name: str | None, type_: str, parent_names: Mapping[str, Any]) -> bool:
    """Alembic's filter: compare every schema object but SQLite's search index tables.

    >>> include_name("people_search_idx", "table", {}), include_name("people", "table", {})
    (False, True)
    """
    return not (type_ == "table" and name in SQLITE_SEARCH_TABLES)


def digits_of(text: str | None) -> str:
    """The digits of `text`, for comparing phone numbers however they are written.

    >>> digits_of("+1 (555) 010-2030")
    '15550102030'
    >>> digits_of(None)
    ''
    """
    return "".join(ch for ch in text or "" if ch.isdigit())


def search_key(text: str | None) -> str:
    """`text` as the search compares it: lower-cased, any alphabet.

    >>> search_key("Zoë ÅBERG")
    'zoë åberg'
    """
    return (text or "").lower()


def search_columns(fields: Mapping[str, Any]) -> dict[str, str]:
    """The three search columns for a person with these `fields` (missing ones are empty).

    >>> cols = search_columns({"name": "Ann Berg", "company": "Harbor Foods",
    ...                        "email": "ann@harbor.example", "phone": "+1 (555) 010-2030"})
    >>> cols["name_key"], cols["phone_digits"]
    ('ann berg', '15550102030')
    >>> cols["search_text"].split(FIELD_SEPARATOR)
    ['ann berg', 'harbor foods', 'ann@harbor.example', '']
    """
    text = FIELD_SEPARATOR.join(search_key(fields.get(name))
                                for name in ("name", "company", "email", "notes"))
    return {"name_key": search_key(fields.get("name")), "search_text": text,
            "phone_digits": digits_of(fields.get("phone"))}
