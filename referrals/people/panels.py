"""The person page's panels: each feature registers what it shows about a person, and the
page draws the registered panels in order – the page itself imports no feature above it.

Features also register what the page's header says at a glance (warmth, the next step), the
header's actions, and the events of the person's timeline (touches, advocate calls,
introductions …), all read from the panels' own context so the timeline costs no query of its
own where a panel has already loaded the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from flask import Blueprint, Flask, current_app, g
from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    bindparam,
    cast,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from referrals.extensions import db
from referrals.models import Person

#: Where a panel goes: in the header (a fact at a glance, or an action), above the person's
#: details, beside them, or below them.
SLOTS = ("glance", "actions", "top", "beside", "bottom")
_KEY = "referrals.person_panels"
_TIMELINE_KEY = "referrals.person_timeline"
_ROWS_KEY = "referrals.person_rows"
_WARMTH_KEY = "referrals.person_warmth"
_SHARED = "_person_page_reads"
T = TypeVar("T")


@dataclass(frozen=True)
class Panel:
    """One section of the person page.

    `template` is included in the page; `context(person)` returns the names it needs (read
    once per page view, so a panel's queries run only when it is drawn).
    """

    name: str
    template: str
    context: Callable[[Person], Mapping[str, Any]] | None = None
    slot: str = "top"
    order: int = 100


def register_panel(app: Flask, panel: Panel) -> None:
    """Add `panel` to the person page of `app` (a second panel of the same name replaces it)."""
    if panel.slot not in SLOTS:
        raise ValueError(f"unknown slot {panel.slot!r}; use one of {SLOTS}")
    panels = [p for p in app.extensions.get(_KEY, []) if p.name != panel.name]
    app.extensions[_KEY] = sorted([*panels, panel], key=lambda p: (p.order, p.name))


def panel_of(bp: Blueprint, panel: Panel) -> None:
    """Register `panel` when the blueprint `bp` is registered on an app."""
    bp.record_once(lambda state: register_panel(state.app, panel))


#: How warm the rep's best way to each of some people is (0–1; absent: no way in). The paths
#: feature registers it; people/ only shows what it answers.
WarmthOf = Callable[[Sequence[Person]], Mapping[int, float]]


def warmth_of(bp: Blueprint, read: WarmthOf) -> None:
    """Let the people list and the type-ahead show warmth, read by `read`."""
    bp.record_once(lambda state: state.app.extensions.__setitem__(_WARMTH_KEY, read))


def warmth_for(people: Sequence[Person]) -> Mapping[int, float]:
    """The rep's warmth to each of `people` that has a way in (nothing if no feature says)."""
    read = current_app.extensions.get(_WARMTH_KEY)
    return read(people) if read is not None and people else {}


@dataclass(frozen=True)
class Event:
    """One dated thing that happened with a person: a line of their timeline."""

    on: date
    kind: str
    title: str
    detail: str = ""
    url: str | None = None
    #: The moment, when known: it orders the events of one day.
    at: datetime | None = None


@dataclass(frozen=True)
class TimelineSource:
    """Events of one kind for the timeline: `events(person, context)` reads them from the
    panels' merged context (or the database, when no panel has them)."""

    kind: str
    label: str
    events: Callable[[Person, Mapping[str, Any]], Iterable[Event]]
    order: int = 100


def register_timeline(app: Flask, source: TimelineSource) -> None:
    sources = [s for s in app.extensions.get(_TIMELINE_KEY, []) if s.kind != source.kind]
    app.extensions[_TIMELINE_KEY] = sorted([*sources, source], key=lambda s: (s.order, s.kind))


def timeline_of(bp: Blueprint, source: TimelineSource) -> None:
    """Add `source` to the person page's timeline when `bp` is registered on an app."""
    bp.record_once(lambda state: register_timeline(state.app, source))


@dataclass(frozen=True)
class PersonRows:
    """Rows of one kind that a panel shows about a person: their touches, ties, groups …

    The page reads every registered kind in one statement (see `person_rows`), one line of a
    small table of tags per kind, outer-joined to the kind's table (through `through`, a
    table and its join condition, when there is one) on `on(key, team_id)`. `key` holds the
    person's id on this kind's line and NULL on every other line: an equality the planner
    answers from the kind's index, where a NULL misses at once, so the kinds' rows are not
    multiplied together; the join also names its line's tag, so that PostgreSQL's estimate
    is not multiplied either (`key` and `team_id` are bound parameters: the statement is
    built once). `sort` orders a kind's rows (`newest_first`: descending) – in Python, after
    the read: an ORDER BY over every kind's columns led PostgreSQL to a parallel plan. A
    kind with many rows per person (a person's ties) is read `alone`: PostgreSQL cannot tell
    that the lines exclude each other, and multiplies the kinds' estimates (hash joins over
    every person of the team, then). Rows of another team are dropped after the read, where
    the kind leaves the team out of its join.
    """

    name: str
    entity: type[Any]
    on: Callable[[ColumnElement[Any], ColumnElement[Any]], ColumnElement[bool]]
    sort: Callable[[Any], Any] | None = None
    newest_first: bool = False
    options: Sequence[Any] = ()
    through: tuple[Any, Callable[[ColumnElement[Any]], ColumnElement[bool]]] | None = None
    alone: bool = False
    #: Rows for display only, read as plain values instead of ORM objects (an ORM instance
    #: costs ~25 µs to load, a page has dozens): `columns` to read in place of `entity` – the
    #: first one NULL where the kind has no row, its primary key say – with the further
    #: `joins` (a table, its join condition) they need, and `make` to build a row from them.
    columns: Sequence[Any] = ()
    joins: Sequence[tuple[Any, ColumnElement[bool]]] = ()
    make: Callable[[Sequence[Any]], Any] | None = None


def register_rows(app: Flask, rows: PersonRows) -> None:
    kinds = [k for k in app.extensions.get(_ROWS_KEY, []) if k.name != rows.name]
    app.extensions[_ROWS_KEY] = [*kinds, rows]


def rows_of(bp: Blueprint, rows: PersonRows) -> None:
    """Read `rows` with the person page's other rows when `bp` is registered on an app."""
    bp.record_once(lambda state: register_rows(state.app, rows))


#: A batch's statement and where each kind's values are in its rows (start, end).
_Built = tuple[Select[Any], tuple[tuple[int, int], ...]]


def _rows_statement(kinds: Sequence[PersonRows]) -> _Built:
    n = len(kinds)
    person_id = bindparam("person_id", type_=Integer)
    lines = [select(literal_column(str(i)).label("tag"), *(
        (person_id if j == i else cast(null(), Integer)).label(f"key{j}")
        for j in range(n))) for i in range(n)]
    tags = union_all(*lines).subquery("person_rows")
    selected: list[Any] = []
    spans: list[tuple[int, int]] = []
    for kind in kinds:
        start = 1 + len(selected)
        selected.extend(kind.columns or (kind.entity,))
        spans.append((start, 1 + len(selected)))
    stmt: Select[Any] = select(tags.c.tag, *selected).select_from(tags)
    team_id = bindparam("team_id", type_=Integer)
    for i, kind in enumerate(kinds):
        key, line = tags.c[f"key{i}"], tags.c.tag == literal_column(str(i))
        if kind.through is not None:
            table, joined = kind.through
            stmt = stmt.outerjoin(table, line & joined(key))
        stmt = stmt.outerjoin(kind.entity, line & kind.on(key, team_id))
        for target, onclause in kind.joins:
            stmt = stmt.outerjoin(target, onclause)
    return stmt.options(*(o for k in kinds for o in k.options)), tuple(spans)


def read_person_rows(session: Session, person: Person,
                     kinds: Sequence[PersonRows]) -> dict[str, list[Any]]:
    """The person's rows of each of `kinds`, by name: the kinds read `alone` in a statement
    each, the others together in one (each statement built once per app: it is the same
    for every person)."""
    found: dict[str, list[Any]] = {}
    together = tuple(k for k in kinds if not k.alone)
    for batch in [together] * bool(together) + [(k,) for k in kinds if k.alone]:
        found.update(_read_batch(session, person, batch))
    return found


def _read_batch(session: Session, person: Person,
                kinds: tuple[PersonRows, ...]) -> dict[str, list[Any]]:
    built: dict[tuple[str, ...], _Built] = current_app.extensions.setdefault(
        _ROWS_KEY + ".statements", {})
    names = tuple(k.name for k in kinds)
    if names not in built:
        built[names] = _rows_statement(kinds)
    stmt, spans = built[names]
    found: dict[str, list[Any]] = {name: [] for name in names}
    for row in session.execute(stmt, {"person_id": person.id, "team_id": person.team_id}):
        tag = int(row[0])
        start, end = spans[tag]
        entity = row[start]
        make = kinds[tag].make
        if entity is not None and make is not None:
            entity = make(row[start:end])
        if entity is not None and getattr(entity, "team_id", person.team_id) == person.team_id:
            found[names[tag]].append(entity)
    for kind in kinds:
        if kind.sort is not None:
            found[kind.name].sort(key=kind.sort, reverse=kind.newest_first)
    return found


@contextmanager
def page_reads() -> Iterator[None]:
    """While drawing one person page: reads that several panels need are read once (see
    `shared_read`), and forgotten afterwards (a later request reads afresh)."""
    if g.get(_SHARED) is not None:  # already drawing one
        yield
        return
    setattr(g, _SHARED, {})
    try:
        yield
    finally:
        g.pop(_SHARED, None)


def shared_read(key: Any, read: Callable[[], T]) -> T:
    """`read()`, once per person page drawn (every time outside one)."""
    memo: dict[Any, Any] | None = g.get(_SHARED)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def person_rows(person: Person, name: str) -> list[Any]:
    """The person's rows of the registered kind `name`; on the person page every kind is
    read in the one statement of `read_person_rows`, the first time a panel asks."""
    kinds: list[PersonRows] = current_app.extensions.get(_ROWS_KEY, [])
    if g.get(_SHARED) is None:
        return read_person_rows(db.session, person, [k for k in kinds if k.name == name])[name]
    return shared_read(("rows", person.id),
                       lambda: read_person_rows(db.session, person, kinds))[name]


def _sort_key(event: Event) -> tuple[date, float]:
    return event.on, event.at.timestamp() if event.at is not None else 0.0


def timeline(person: Person, context: Mapping[str, Any], show: str | None = None,
             limit: int = 50) -> dict[str, Any]:
    """The person's events newest first (only those of kind `show` when it names one), the
    filters that have events, and how many events were left off."""
    sources: list[TimelineSource] = current_app.extensions.get(_TIMELINE_KEY, [])
    by_kind = {s.kind: list(s.events(person, context)) for s in sources}
    filters = [(s.kind, s.label, len(by_kind[s.kind])) for s in sources if by_kind[s.kind]]
    shown = show if show in by_kind else None
    events = by_kind[shown] if shown else [e for found in by_kind.values() for e in found]
    events.sort(key=_sort_key, reverse=True)
    return {"events": events[:limit], "filters": filters, "show": shown,
            "more": max(0, len(events) - limit)}


def panels_for(person: Person, show: str | None = None) -> dict[str, Any]:
    """The page's panel templates by slot, every panel's names merged for the template, and
    the person's timeline (see `timeline`)."""
    panels: list[Panel] = current_app.extensions.get(_KEY, [])
    with page_reads():
        return _panels_for(person, panels, show)


def _panels_for(person: Person, panels: list[Panel], show: str | None) -> dict[str, Any]:
    context: dict[str, Any] = {}
    # The lower panels read first (they used to load people the panels above then found in
    # the session; the rows are plain values now, the order is kept as it was).
    for slot in ("beside", "bottom", "top"):
        for panel in panels:
            if panel.slot == slot and panel.context is not None:
                context.update(panel.context(person))
    context["panels"] = {slot: [p.template for p in panels if p.slot == slot] for slot in SLOTS}
    context["timeline"] = timeline(person, context, show)
    return context
