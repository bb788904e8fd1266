"""The person page's panels: each feature registers what it shows about a person, and the
page draws the registered panels in order – the page itself imports no feature above it.

Features also register what the page's header says at a glance (warmth, the next step), the
header's actions, and the events of the person's timeline (touches, advocate calls,
introductions …), all read from the panels' own context so the timeline costs no query of its
own where a panel has already loaded the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import Blueprint, Flask, current_app

from referrals.models import Person

#: Where a panel goes: in the header (a fact at a glance, or an action), above the person's
#: details, beside them, or below them.
SLOTS = ("glance", "actions", "top", "beside", "bottom")
_KEY = "referrals.person_panels"
_TIMELINE_KEY = "referrals.person_timeline"


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
    context: dict[str, Any] = {}
    # The lower panels read first: the relationships panel loads the people on the other side
    # of each tie in one query, and the panels above then find them in the session instead of
    # loading them one by one.
    for slot in ("beside", "bottom", "top"):
        for panel in panels:
            if panel.slot == slot and panel.context is not None:
                context.update(panel.context(person))
    context["panels"] = {slot: [p.template for p in panels if p.slot == slot] for slot in SLOTS}
    context["timeline"] = timeline(person, context, show)
    return context
