"""Every opener template of a connection's kind, rendered for it, or the reason it can't be."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from referrals.graph.connection import Connection
from referrals.graph.paths import Path
from referrals.outreach.openers.builtin import BUILTIN, TemplateSpec
from referrals.outreach.openers.context import path_context
from referrals.outreach.openers.rules import truth_problem
from referrals.outreach.openers.sandbox import TemplateProblem, render_opener

__all__ = ["RenderedOpener", "openers_for"]


@dataclass(frozen=True)
class RenderedOpener:
    """A template and what came of rendering it: the text, or the problem in plain words."""

    template: TemplateSpec
    text: str | None
    problem: str | None


def openers_for(
    G: nx.Graph,
    path: Path | None,
    connection: Connection,
    *,
    templates: Sequence[TemplateSpec] = BUILTIN,
    **ctx: Any,
) -> list[RenderedOpener]:
    """Every template of the connection's kind, rendered for it (in the order given).

    A template that fails is not skipped: its :class:`RenderedOpener` carries the problem,
    in plain words, so the page can show it to the admin who wrote it.

    Parameters
    ----------
    G, path, connection
        As for :func:`.context.path_context`.
    templates : sequence of TemplateSpec
        The templates to offer (the team's own, or :data:`BUILTIN`).
    **ctx
        ``rep`` (required), ``rep_name``, ``rep_company``, ``hook``: as for
        :func:`.context.path_context`.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> from referrals.graph.connection import classify
    >>> from referrals.graph.paths import make_path
    >>> G = build_graph([(1, "Sam Ortiz", None, False, ()),
    ...                  (2, "Mike Kincaid", "Quality Fabricators", False, ()),
    ...                  (3, "Dana Lee", None, False, ())],
    ...                 [(1, 2, "customer", 5, None), (2, 3, "friend", 4, None)],
    ...                 [], [], today=date(2024, 6, 1))
    >>> path = make_path(G, [1, 2, 3])
    >>> found = openers_for(G, path, classify(G, path, asked={2}), rep=1)
    >>> [rendered.template.key for rendered in found]
    ['asked_to_call.promise', 'asked_to_call.should_talk', 'asked_to_call.worth_your_while']
    >>> print(found[0].text)  # doctest: +NORMALIZE_WHITESPACE
    Mike Kincaid at Quality Fabricators asked me to be sure to call you,
    and I promised Mike I would.
    >>> mine = TemplateSpec("asked_to_call", "mine", "Mine", "{{ knower.nmae }}")
    >>> found = openers_for(G, path, classify(G, path, asked={2}), templates=[mine], rep=1)
    >>> found[0].text, found[0].problem.startswith("The template uses 'knower.nmae' (line 1)")
    (None, True)
    """
    context = path_context(G, path, connection, **ctx)
    return [_rendered(template, context) for template in templates
            if template.kind == connection.kind]


def _rendered(template: TemplateSpec, context: dict[str, Any]) -> RenderedOpener:
    """One template rendered for ``context``: its text, or why it can't be offered here."""
    if template.kind == "public_hook" and not context["hook"]:
        problem = "Type what you saw or read about them (the hook) to fill in this opener."
        return RenderedOpener(template, None, problem)
    try:
        text = render_opener(template.source, context)
    except TemplateProblem as e:
        return RenderedOpener(template, None, str(e))
    if not text:
        return RenderedOpener(template, None, "This opener comes out empty here.")
    if (problem := truth_problem(text, context)) is not None:
        return RenderedOpener(template, None, problem)
    return RenderedOpener(template, text, None)
