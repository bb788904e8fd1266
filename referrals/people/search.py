"""Finding a person by what the rep remembers: part of a name, the company, an e-mail, a phone
number written any way, a word from the notes or a group they belong to.

One matcher (`matches`) serves the People list, the type-ahead pickers and the header search,
so every way of looking someone up finds the same people. Services take the session and never
commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session

from referrals.database import contains
from referrals.models import Group, GroupMembership, Person
from referrals.vocab import ROLE_LABELS, ROLES

#: Fewer digits than this in a query are part of a name or an address, not a phone number.
PHONE_DIGITS = 3
#: What people write between the digits of a phone number.
PHONE_SEPARATORS = (" ", "-", "(", ")", ".", "+", "/")
MAX_QUERY = 200
MAX_LIMIT = 50
#: A name typed into a person field that matches more people than this asks for more of it.
CANDIDATES = 5


def digits_of(text: str) -> str:
    """The digits of `text`, for comparing phone numbers however they are written.

    >>> digits_of("+1 (555) 010-2030")
    '15550102030'
    """
    return "".join(ch for ch in text if ch.isdigit())


def bare_phone(column: ColumnElement[str | None] | object) -> ColumnElement[str]:
    """SQL for `column` with the usual phone separators removed (both databases)."""
    bare = column
    for sep in PHONE_SEPARATORS:
        bare = func.replace(bare, sep, "")
    return bare  # type: ignore[return-value]


def clean_query(q: str | None) -> str:
    """What a search box sent, made safe to search for: no NUL (PostgreSQL text can't hold
    one), no surrounding space, at most MAX_QUERY characters.

    >>> clean_query("  Ann\\x00 ")
    'Ann'
    """
    return (q or "").replace("\x00", "").strip()[:MAX_QUERY]


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _in_matching_group(team_id: int, q: str) -> ColumnElement[bool]:
    groups = select(Group.id).where(Group.team_id == team_id, contains(Group.name, q))
    members = select(GroupMembership.person_id).where(GroupMembership.group_id.in_(groups))
    return Person.id.in_(members)


def _name_starts(q: str) -> ColumnElement[bool]:
    return func.lower(Person.name).like(f"{_like_prefix(q.lower())}%", escape="\\")


def _word_starts(q: str) -> ColumnElement[bool]:
    return func.lower(Person.name).like(f"% {_like_prefix(q.lower())}%", escape="\\")


def matches(team_id: int, q: str) -> ColumnElement[bool]:
    """"This person matches `q`": name, company, e-mail, notes or a group's name contain it
    (any case, LIKE wildcards taken literally), or – when `q` has PHONE_DIGITS digits or
    more – the phone number's digits contain its digits, whatever the punctuation."""
    q = clean_query(q)
    conditions = [contains(column, q)
                  for column in (Person.name, Person.company, Person.email, Person.notes)]
    digits = digits_of(q)
    if len(digits) >= PHONE_DIGITS:
        conditions.append(bare_phone(Person.phone).like(f"%{digits}%"))
    conditions.append(_in_matching_group(team_id, q))
    return or_(*conditions)


def _rank(q: str) -> ColumnElement[int]:
    """0 the name starts with `q`, 1 a later word of it does, 2 the name contains it,
    3 another field matched."""
    return case((_name_starts(q), 0), (_word_starts(q), 1), (contains(Person.name, q), 2),
                else_=3)


def search_people(session: Session, team_id: int, q: str | None, *,
                  prefer: str | None = None, limit: int = 10) -> list[Person]:
    """The team's people matching `q` (see `matches`), best first: people whose name starts
    with it, then those with a later word of the name starting with it, then names that
    contain it, then matches in the other fields; ties by name. `prefer` (a role, such as
    "advocate") puts the people who have that role first. No query, no one; another team's
    people never.
    """
    q = clean_query(q)
    if not q:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    order = [_rank(q), func.lower(Person.name), Person.id]
    if prefer in ROLES:
        order.insert(0, case((getattr(Person, f"is_{prefer}").is_(True), 0), else_=1))
    stmt = (select(Person).where(Person.team_id == team_id, matches(team_id, q))
            .order_by(*order).limit(limit))
    return list(session.scalars(stmt))


def role_label(person: Person, prefer: str | None = None) -> str:
    """The role to show beside the person's name: the preferred one when they have it, else
    their first (customer, reference, advocate, prospect); "" when they have none.

    >>> role_label(Person(is_customer=True, is_advocate=True), prefer="advocate")
    'Advocate'
    >>> role_label(Person(is_customer=False, is_reference=False, is_advocate=False,
    ...                   is_prospect=False))
    ''
    """
    roles = [r for r in ROLES if getattr(person, f"is_{r}")]
    if prefer in roles:
        return ROLE_LABELS[prefer]  # type: ignore[index]
    return ROLE_LABELS[roles[0]] if roles else ""


# --- a name typed into a person field ------------------------------------------------------

@dataclass
class Resolved:
    """What a typed name stands for: `person` when it is one person, else the `candidates`
    to choose from (at most CANDIDATES) and `more` when even more people match."""

    person: Person | None = None
    candidates: list[Person] = field(default_factory=list)
    more: bool = False


def resolve_person(session: Session, team_id: int, text: str | None, *,
                   prefer: str | None = None) -> Resolved:
    """The person a rep means by `text`, typed where a person is asked for (a form without
    JavaScript).

    A name that is exactly one person's whole name (any case) is that person. Otherwise the
    people whose name contains the text count, or – when no name does – those matching it
    anywhere else (see `matches`): exactly one is that person, several are candidates, none
    is an empty result.
    """
    text = clean_query(text)
    if not text:
        return Resolved()
    exact = list(session.scalars(
        select(Person).where(Person.team_id == team_id,
                             func.lower(Person.name) == text.lower()).limit(2)))
    if len(exact) == 1:
        return Resolved(person=exact[0])
    found = search_people(session, team_id, text, prefer=prefer, limit=MAX_LIMIT)
    by_name = [p for p in found if text.lower() in p.name.lower()]
    found = by_name or found
    if len(found) == 1:
        return Resolved(person=found[0])
    return Resolved(candidates=found[:CANDIDATES], more=len(found) > CANDIDATES)

