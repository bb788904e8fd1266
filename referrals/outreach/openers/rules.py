"""The truth rule every opener passes, and the check a template passes before it is saved.

A template is checked by rendering it for sample contexts of every shape a connection of its
kind can take, and holding each text to the truth rule (DOMAIN.md rule 11).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from referrals.outreach.openers.sandbox import TemplateProblem, render_opener
from referrals.truth import unsupported_claims
from referrals.vocab import CONNECTION_KINDS

__all__ = ["check_template", "truth_problem"]


# Sample contexts for check_template: every shape of context, and every set of facts about
# the knower, that classify can give each kind of connection (see referrals.graph.connection):
# asked_to_call and called_ahead are always endorsed; reference, teammate, colleague and
# mutual never are, and reach an opener only when the rep knows the knower; a group link may
# be either, or have no knower at all.
def _sample(full: bool, facts: tuple[bool, bool, bool, bool] = (False, True, False, False),
            **parts: Any) -> dict[str, Any]:
    def company(name: str) -> str | None:
        return name if full else None

    endorsed, direct, close, friend = facts
    ctx: dict[str, Any] = {
        "prospect": {"name": "Dana Lee", "first": "Dana", "company": company("Harbor Foods")},
        "knower": None,
        "group": None,
        "teammate": None,
        "rep": {"name": "Sam Ortiz", "first": "Sam", "company": company("Acme Supply")},
        "hook": None if full else "your talk at the spring conference",
        "tie_kind": None,
    }
    said = {"endorsed": endorsed, "direct": direct, "close": close, "friend": friend}
    mike = {"name": "Mike Kincaid", "first": "Mike", "company": company("Quality Fabricators"),
            **said}
    ana = {"name": "Ana Ruiz", "first": "Ana", "company": company("Acme Supply"), **said}
    people = {"mike": mike, "ana": ana}
    for key, value in parts.items():
        ctx[key] = people[value] if isinstance(value, str) and value in people else value
    if ctx["teammate"] is not None:
        ctx["teammate"] = {"name": ctx["teammate"]["name"], "first": ctx["teammate"]["first"]}
    return ctx


_GROUP_NAMES = {
    "association": "Ohio Manufacturers Association",
    "event": "Midwest Packaging Expo",
    "company": "Harbor Foods",
}
# (endorsed, direct, close, friend)
_ENDORSED = ((True, True, True, False), (True, True, False, False), (True, False, False, False))
_KNOWN = ((False, True, True, False), (False, True, False, False))
_NO_KNOWER = (False, True, False, False)


def _facts_of(context: Mapping[str, Any]) -> dict[str, bool]:
    """What a sample (or real) context lets a sentence claim, for referrals.truth."""
    knower = context.get("knower")
    if knower is None:  # nobody is named: only the rep and the prospect themselves
        return {"direct": True}
    return {"endorsed": bool(knower.get("endorsed")), "direct": bool(knower.get("direct")),
            "close": bool(knower.get("close")), "friends": bool(knower.get("friend"))}


@functools.cache
def _samples(kind: str) -> tuple[dict[str, Any], ...]:
    if kind in _GROUP_NAMES:
        group = {"name": _GROUP_NAMES[kind], "kind": kind}
        with_knower = tuple(
            _sample(full, facts, group=group, knower="mike", **({} if full else {
                "teammate": "ana"}))
            for facts in _ENDORSED + _KNOWN for full in (True, False))
        return (*with_knower, _sample(False, _NO_KNOWER, group=group))
    if kind == "reconnect":
        return (_sample(True, _NO_KNOWER, tie_kind="customer"),
                _sample(False, _NO_KNOWER, tie_kind="friend"))
    if kind == "public_hook":
        hook = "the Business Journal piece on your new plant"
        return (_sample(True, _NO_KNOWER, hook=hook), _sample(False, _NO_KNOWER, hook=hook))
    if kind == "teammate":
        return tuple(
            _sample(full, facts, knower="ana", teammate="ana", tie_kind=tie)
            for facts in _KNOWN for full, tie in ((True, "friend"), (False, "acquaintance")))
    if kind in ("asked_to_call", "called_ahead"):
        choices = _ENDORSED + ((True, True, True, True),)
    elif kind == "mutual":
        choices = _KNOWN + ((False, True, True, True), (False, True, False, True))
    else:
        choices = _KNOWN
    ties = {"colleague": ("colleague", "former colleague"), "mutual": ("friend", "family")}
    first, second = ties.get(kind, ("customer", "referral"))
    return tuple(
        ctx for facts in choices for ctx in (
            _sample(True, facts, knower="mike", tie_kind=first),
            _sample(False, facts, knower="mike", teammate="ana",
                    tie_kind="friend" if facts[3] else second),
        )
    )


def truth_problem(text: str, context: Mapping[str, Any]) -> str | None:
    """Why ``text`` (rendered for ``context``) claims more than the data holds, or None.

    The one rule (DOMAIN.md rule 11, :mod:`referrals.truth`) every opener must pass: on save
    for every sample connection of its kind, and again each time it is rendered.

    Examples
    --------
    >>> ctx = _sample(True, (False, True, False, False), knower="mike")
    >>> print(truth_problem("Mike Kincaid suggested I get in touch.", ctx))
    “suggested” claims that they asked, suggested, referred or vouched, which isn't true for \
every connection of this kind (they haven't asked, agreed to or made an introduction, or \
called ahead) – say it only inside {% if knower.endorsed %} … {% endif %}, and otherwise \
only what is known, e.g. "I believe you know Mike Kincaid".
    >>> truth_problem("I believe you know Mike Kincaid.", ctx) is None
    True
    """
    found = unsupported_claims(text, _facts_of(context))
    if not found:
        return None
    problem = found[0]
    variable = {"endorsed": "knower.endorsed", "direct": "knower.direct",
                "close": "knower.close", "friends": "knower.friend"}[problem.claim.fact]
    knower = context.get("knower")
    example = (f'"I believe you know {knower["name"]}"' if knower else
               "what you and the prospect share")
    if knower is None:
        return (f"{problem.message()} – this connection names nobody who could have said "
                "so; write only what you and the prospect share.")
    return (f"{problem.message()} – say it only inside {{% if {variable} %}} … {{% endif %}}, "
            f"and otherwise only what is known, e.g. {example}.")


def check_template(source: str, kind: str) -> None:
    """Check a template for ``kind`` before saving it; raise :class:`TemplateProblem` if bad.

    The template is rendered against sample contexts of every shape a connection of that
    kind can take (with and without companies, a knower, a teammate, a hook), so a template
    that passes renders for every real connection of its kind, unless long names push it
    over :data:`.sandbox.MAX_OUTPUT`.

    Raises
    ------
    TemplateProblem
        If any sample fails to render, or renders to nothing.
    ValueError
        If ``kind`` is not a kind of connection.

    Examples
    --------
    >>> check_template("Hi {{ prospect.first }}!", "reconnect")
    >>> check_template("{{ knower.first }} asked me to call.", "event")
    Traceback (most recent call last):
    ...
    referrals.outreach.openers.sandbox.TemplateProblem: Line 1: this connection has no \
knower, so 'knower.first' is empty; put it inside {% if knower %} … {% endif %}.
    """
    if kind not in CONNECTION_KINDS:
        raise ValueError(f"unknown kind of connection {kind!r}")
    # The first sample compiles the template (once: compiling is cached), so a template that
    # can't compile is refused here with the sandbox's own words.
    rendered = [(render_opener(source, context), context) for context in _samples(kind)]
    if not all(text for text, _ in rendered):
        raise TemplateProblem("The opener comes out empty for some connections of this kind.")
    for text, context in rendered:  # what it says, once it says something everywhere
        problem = truth_problem(text, context)
        if problem is not None:
            raise TemplateProblem(problem)
