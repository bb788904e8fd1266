"""Finding a person by what the rep remembers: part of a name, the company, an e-mail, a phone
number written any way, a word from the notes or a group they belong to.

One matcher (`matches`) serves the People list, the type-ahead pickers and the header search,
so every way of looking someone up finds the same people. Services take the session and never
commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, column, func, or_, select, table, union
from sqlalchemy.orm import Session

from referrals.database import contains
from referrals.models import Group, GroupMembership, Person
from referrals.models.search_keys import SQLITE_SEARCH_TABLE, digits_of, search_key
from referrals.vocab import ROLE_LABELS, ROLES

#: Fewer digits than this in a query are part of a name or an address, not a phone number.
PHONE_DIGITS = 3
MAX_QUERY = 200
MAX_LIMIT = 50
#: A name typed into a person field that matches more people than this asks for more of it.
CANDIDATES = 5
#: SQLite's trigram index of the search columns (FTS5; see models.search_keys).
SEARCH_INDEX = table(SQLITE_SEARCH_TABLE, column("rowid"), column("name_key"),
                     column("search_text"), column("phone_digits"))
#: Ids read from SQLite's trigram index before a tier counts as common (see `_Search`).
PROBE = 400
#: What people write between the digits of a phone number (see `bare_phone`).
PHONE_SEPARATORS = (" ", "-", "(", ")", ".", "+", "/")
#: Sorts after every character: "starts with q" is the range [q, q + TOP) of `name_key`.
TOP = "\U0010ffff"


def bare_phone(column: ColumnElement[str | None] | object) -> ColumnElement[str]:
    """SQL for `column` with the usual phone separators removed (both databases), for a
    search over phone numbers other than the person search (which reads `phone_digits`)."""
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


def _escaped(key: str) -> str:
    return key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has(column: ColumnElement[str] | object, pattern: str) -> ColumnElement[bool]:
    # The search columns are lower-cased already: a plain LIKE, which an index can serve.
    return column.like(pattern, escape="\\")  # type: ignore[attr-defined]


def _name_starts(key: str, dialect: str) -> ColumnElement[bool]:
    """`name_key` starts with `key`, in the form the dialect's index serves: LIKE 'key%' on
    PostgreSQL (text_pattern_ops), a range on SQLite (its LIKE ignores ASCII case, so it
    can't use an index without changing the connection's `case_sensitive_like`)."""
    if dialect == "postgresql":
        return _has(Person.name_key, f"{_escaped(key)}%")
    return and_(Person.name_key >= key, Person.name_key < key + TOP)


def _in_matching_group(team_id: int, q: str) -> ColumnElement[bool]:
    groups = select(Group.id).where(Group.team_id == team_id, contains(Group.name, q))
    members = select(GroupMembership.person_id).where(GroupMembership.group_id.in_(groups))
    return Person.id.in_(members)


def _elsewhere(team_id: int, q: str) -> ColumnElement[bool]:
    """Name, company, e-mail or notes contain `q`, the phone's digits contain its digits, or
    a group of the person's is named with it."""
    key = _escaped(search_key(q))
    conditions = [_has(Person.search_text, f"%{key}%")]
    digits = digits_of(q)
    if len(digits) >= PHONE_DIGITS:
        conditions.append(_has(Person.phone_digits, f"%{digits}%"))
    conditions.append(_in_matching_group(team_id, q))
    return or_(*conditions)


def _elsewhere_ids(team_id: int, q: str) -> ColumnElement[bool]:
    """`_elsewhere` as one list of ids, each part read by its own index (PostgreSQL: a group
    sub-query inside an OR would make it read every row)."""
    key = _escaped(search_key(q))
    ids = [select(Person.id).where(Person.team_id == team_id,
                                   _has(Person.search_text, f"%{key}%"))]
    digits = digits_of(q)
    if len(digits) >= PHONE_DIGITS:
        ids.append(select(Person.id).where(Person.team_id == team_id,
                                           _has(Person.phone_digits, f"%{digits}%")))
    groups = select(Group.id).where(Group.team_id == team_id, contains(Group.name, q))
    ids.append(select(GroupMembership.person_id).where(GroupMembership.group_id.in_(groups)))
    return Person.id.in_(union(*ids))


def matches(team_id: int, q: str) -> ColumnElement[bool]:
    """"This person matches `q`": name, company, e-mail, notes or a group's name contain it
    (any case, LIKE wildcards taken literally), or – when `q` has PHONE_DIGITS digits or
    more – the phone number's digits contain its digits, whatever the punctuation."""
    return _elsewhere(team_id, clean_query(q))


@dataclass
class _Tier:
    """One tier of `search_people`: its condition; the (column, before, text, after) LIKE
    patterns whose matches together are the tier's people, for a trigram index to serve
    (None: too short for one); and the query whose groups' members count too."""

    condition: ColumnElement[bool]
    probes: list[tuple[str, str, str, str]] | None = None
    group_query: str | None = None


def _tiers(team_id: int, q: str, dialect: str) -> list[list[_Tier]]:
    """The tiers of `search_people`, best first, in groups within which the preferred role
    comes first (see there)."""
    key = search_key(q)
    esc = _escaped(key)
    # A trigram index serves a pattern with three characters in a row (" an" for a word
    # starting with "an"); SQLite's takes no ESCAPE, so no LIKE wildcard in the query there.
    usable = dialect != "sqlite" or not any(ch in key for ch in "%_")
    long_enough = usable and len(key) >= 3
    groups = [[_Tier(Person.name_key == key)]]
    if any(ch.isalpha() for ch in key):
        groups += [[_Tier(_name_starts(key, dialect)),
                    _Tier(_has(Person.name_key, f"% {esc}%"),
                          [("name_key", "% ", key, "%")] if usable and len(key) >= 2 else None)],
                   [_Tier(_has(Person.name_key, f"%{esc}%"),
                          [("name_key", "%", key, "%")] if long_enough else None)]]
    probes = [("search_text", "%", key, "%")]
    digits = digits_of(q)
    if len(digits) >= PHONE_DIGITS:
        probes.append(("phone_digits", "%", digits, "%"))
    # SQLite walks the name index testing the OR on each row, and stops early; PostgreSQL
    # collects the ids of each part from its trigram index.
    elsewhere = _elsewhere(team_id, q) if dialect == "sqlite" else _elsewhere_ids(team_id, q)
    groups.append([_Tier(elsewhere, probes if long_enough else None, q)])
    return groups


class _Search:
    """One `search_people` call: its queries, each ordered by name and stopped early."""

    def __init__(self, session: Session, team_id: int, prefer: str | None, limit: int) -> None:
        self.session, self.team_id, self.limit = session, team_id, limit
        self.preferred = (getattr(Person, f"is_{prefer}").is_(True) if prefer in ROLES
                          else None)
        self.prefer = prefer
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        self.found: list[Person] = []
        self.probed: dict[int, tuple[ColumnElement[bool], bool] | None] = {}

    def _condition(self, tier: _Tier) -> tuple[ColumnElement[bool], bool] | None:
        """The tier's condition as the quickest query reads it, and whether it is a list of
        ids; None when the tier has nobody.

        A tier a trigram index serves first asks it for at most PROBE ids: fewer, and they
        are all of the tier's people (a list of ids to read, whatever their names); as many,
        and the tier is common, so reading in name order meets `limit` of them soon – on
        SQLite a walk of the (team, name) index. (Reading thousands of ids from the index and
        sorting their people by name would cost more than either.)"""
        if not tier.probes:
            return tier.condition, False
        if id(tier) not in self.probed:  # the preferred-role pass asks again
            self.probed[id(tier)] = self._probe(tier)
        return self.probed[id(tier)]

    def _probe(self, tier: _Tier) -> tuple[ColumnElement[bool], bool] | None:
        assert tier.probes is not None
        if self.sqlite:  # FTS5: its own table, ids of every team (the query filters them)
            asks = [select(SEARCH_INDEX.c.rowid).where(
                SEARCH_INDEX.c[column].like(before + text + after))
                for column, before, text, after in tier.probes]
        else:  # pg_trgm: GIN indexes on the people table's own columns
            asks = [select(Person.id).where(Person.team_id == self.team_id, _has(
                getattr(Person, column), before + _escaped(text) + after))
                for column, before, text, after in tier.probes]
        if tier.group_query is not None:
            groups = select(Group.id).where(Group.team_id == self.team_id,
                                            contains(Group.name, tier.group_query))
            asks.append(select(GroupMembership.person_id)
                        .where(GroupMembership.group_id.in_(groups)))
        ids: set[int] = set()
        for ask in asks:
            ids.update(self.session.scalars(ask.limit(PROBE)))
            if len(ids) >= PROBE:
                return tier.condition, False
        return (Person.id.in_(sorted(ids)), True) if ids else None

    def _ask(self, condition: ColumnElement[bool], by_id: bool, skip: list[Person],
             limit: int) -> list[Person]:
        stmt = select(Person).where(Person.team_id == self.team_id, condition)
        if skip:
            stmt = stmt.where(Person.id.not_in([p.id for p in skip]))
        # By id: order by an expression, not the column, so that SQLite reads those rows by
        # id and sorts them; ordered by the column it would rather walk the whole name index
        # (no statistics tell it the ids are few), testing each row's id.
        name = Person.name_key.concat("") if by_id else Person.name_key
        return list(self.session.scalars(stmt.order_by(name, Person.id).limit(limit)))

    def _first(self, tiers: list[_Tier], want: int,
               extra: ColumnElement[bool] | None = None) -> tuple[list[Person], bool]:
        """The first `want` people of `tiers` in order (tier, name), none found before, and
        whether that is all of them."""
        got: list[Person] = []
        for tier in tiers:
            found = self._condition(tier)
            if found is None:
                continue
            condition, by_id = found
            if extra is not None:
                condition = and_(extra, condition)
            got += self._ask(condition, by_id, self.found + got, want - len(got))
            if len(got) >= want:
                return got, False
        return got, True

    def group(self, tiers: list[_Tier]) -> None:
        """Add the best of `tiers` (their matches: preferred role first, then tier, then
        name). When the tiers hold fewer people than are missing, the plain queries found
        them all and Python puts the preferred first; only when they hold more is the
        preferred role asked for on its own."""
        want = self.limit - len(self.found)
        got, complete = self._first(tiers, want)
        if self.preferred is not None:
            key = f"is_{self.prefer}"
            if complete:
                got.sort(key=lambda person: not getattr(person, key))  # stable: tier, name
            else:
                chosen, _ = self._first(tiers, want, self.preferred)
                got = chosen + [p for p in got if not getattr(p, key)]
        self.found += got[:want]


def search_people(session: Session, team_id: int, q: str | None, *,
                  prefer: str | None = None, limit: int = 10) -> list[Person]:
    """The team's people matching `q` (see `matches`), best first. No query, no one; another
    team's people never.

    First the person whose whole name is `q`; then, in tiers,

    1. the name starts with `q`,
    2. a later word of the name starts with it,
    3. the name contains it,
    4. another field matches (company, e-mail, notes, phone digits, a group's name),

    except that with `prefer` (a role, such as "advocate") the people who have it come first
    within tiers 1 and 2 together, then within 3 and within 4; ties by name. A query without
    a letter (a phone number) skips the name tiers: a name holding it is still found in 4.

    Each tier is its own query, ordered by name and stopped at the number still missing, and
    a tier is only asked when the ones before found too few: on SQLite a tier walks the (team,
    name) index in name order and stops early, so no query sorts thousands of matches; tier 4
    reads a trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL).
    """
    q = clean_query(q)
    if not q:
        return []
    search = _Search(session, team_id, prefer, max(1, min(limit, MAX_LIMIT)))
    for tiers in _tiers(team_id, q, session.get_bind().dialect.name):
        search.group(tiers)
        if len(search.found) >= search.limit:
            break
    return search.found


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
                             Person.name_key == search_key(text)).limit(2)))
    if len(exact) == 1:
        return Resolved(person=exact[0])
    found = search_people(session, team_id, text, prefer=prefer, limit=MAX_LIMIT)
    by_name = [p for p in found if search_key(text) in p.name_key]
    found = by_name or found
    if len(found) == 1:
        return Resolved(person=found[0])
    return Resolved(candidates=found[:CANDIDATES], more=len(found) > CANDIDATES)

