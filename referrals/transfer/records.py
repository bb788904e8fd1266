"""What a parsed file holds, whatever its format: contacts, ties or group memberships.

Every record carries `row`, the line number a spreadsheet shows for it, so each message
can point at the right line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from referrals.text import web_address_problem

Kind = Literal["contacts", "ties", "members", "team"]

PERSON_LIMITS = {"name": 200, "company": 200, "title": 200, "email": 254, "phone": 50,
                 "timezone": 64}
COMPANY_SUFFIXES = {"inc", "llc", "ltd", "limited", "corp", "corporation", "co", "gmbh", "plc",
                    "sa", "ag", "bv", "srl"}
DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d",
                "%d.%m.%Y")


@dataclass
class ContactRecord:
    row: int
    name: str = ""
    company: str | None = None
    title: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    notes: str = ""
    timezone: str | None = None
    roles: list[str] | None = None
    do_not_contact: bool | None = None
    deal_value: Decimal | None = None
    ref: str | None = None  # the id a team document gives this person
    connected_on: date | None = None  # LinkedIn's "Connected On"
    extra: dict[str, str | None] = field(default_factory=dict)  # firmographics, team exports
    problem: str | None = None  # a value the parser could not read


@dataclass
class PersonRef:
    """A person named by a ties or members file: by e-mail, else by name and company."""

    email: str | None = None
    name: str | None = None
    company: str | None = None
    ref: str | None = None  # a team document's own id

    def describe(self) -> str:
        if self.email:
            return self.email
        if self.name:
            return f"{self.name} ({self.company})" if self.company else self.name
        return f"person {self.ref}" if self.ref else "an unnamed person"


@dataclass
class TieRecord:
    row: int
    a: PersonRef
    b: PersonRef
    kind: str = ""
    rating: int | None = None
    last_interaction: date | None = None
    notes: str = ""
    problem: str | None = None


@dataclass
class MemberRecord:
    row: int
    group: str
    group_kind: str
    person: PersonRef
    group_notes: str = ""
    problem: str | None = None


@dataclass
class TouchRecord:
    """One outreach to a person (team exports only)."""

    row: int
    person: PersonRef
    channel: str
    outcome: str | None
    occurred_at: datetime
    notes: str = ""


@dataclass
class ParsedFile:
    """A file read into records; `columns` and `mapping` are set for a generic CSV."""

    kind: Kind
    format: str
    contacts: list[ContactRecord] = field(default_factory=list)
    ties: list[TieRecord] = field(default_factory=list)
    members: list[MemberRecord] = field(default_factory=list)
    touches: list[TouchRecord] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    mapping: dict[int, str] = field(default_factory=dict)
    needs_mapping: bool = False


def normalize(text: str | None) -> str:
    """Case, accents, punctuation and spacing removed, to compare names.

    >>> normalize("  Zoë  O'Brien-Smith ")
    'zoe obrien smith'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"['’`]", "", plain)
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def normalize_company(text: str | None) -> str:
    """A company name without its legal form, to compare companies.

    >>> normalize_company("Acme, Inc."), normalize_company("ACME")
    ('acme', 'acme')
    """
    words = normalize(text).split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def person_key(name: str | None, company: str | None) -> tuple[str, str]:
    return normalize(name), normalize_company(company)


def clean(value: str | None) -> str:
    """A cell's text stripped, with a spreadsheet's protective leading quote removed."""
    if value is None:
        return ""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        value = value[1:]
    return value


def web_pages(values: list[str]) -> tuple[str | None, str]:
    """The first of a contact's web pages that is an http(s) address, for the profile field,
    and a note keeping the others (a bare "www.acme.example" is no link, but worth keeping).

    >>> web_pages(["www.acme.example", "https://acme.example/ann"])
    ('https://acme.example/ann', 'Web page: www.acme.example')
    """
    found = None
    others = []
    for value in (v.strip() for v in values):
        if found is None and value and web_address_problem(value) is None:
            found = value
        elif value:
            others.append(value)
    return found, ("Web page: " + ", ".join(others)) if others else ""


def parse_date(value: str) -> date | None:
    """A date in ISO or a common spreadsheet form; None when blank; ValueError when unreadable.

    >>> parse_date("15 Mar 2021"), parse_date("2021-03-15"), parse_date("")
    (datetime.date(2021, 3, 15), datetime.date(2021, 3, 15), None)
    """
    value = value.strip()
    if not value:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' is not a date; use YYYY-MM-DD.")


def parse_bool(value: str) -> bool | None:
    value = value.strip().lower()
    if not value:
        return None
    if value in ("1", "true", "yes", "y", "x"):
        return True
    if value in ("0", "false", "no", "n"):
        return False
    raise ValueError(f"'{value}' is not yes or no.")
