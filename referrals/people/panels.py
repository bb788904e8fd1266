"""The person page's panels: each feature registers what it shows about a person, and the
page draws the registered panels in order – the page itself imports no feature above it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, current_app

from referrals.models import Person

#: Where a panel goes: above the person's details, beside them, or below them.
SLOTS = ("top", "beside", "bottom")
_KEY = "referrals.person_panels"


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


def panels_for(person: Person) -> dict[str, Any]:
    """The page's panel templates by slot, and every panel's names merged for the template."""
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
    return context
