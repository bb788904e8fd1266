"""Opener sentences, one set per kind of connection, as Jinja templates a team admin may edit.

An opener is the first sentence or two of a call or voicemail: it names the connection
("Mike Kincaid at Quality Fabricators asked me to ...") so the prospect hears a reason to
listen. The built-in openers are :data:`BUILTIN`; a team may add or edit its own, so every
template is rendered in Jinja's sandbox with :class:`jinja2.StrictUndefined`, from a small
language an opener needs and no more:

* ``{{ variable }}`` for the names in :data:`VARIABLES`, with the filters in :data:`FILTERS`
  (``{{ prospect.company|upper }}``);
* ``{% if %}`` / ``{% elif %}`` / ``{% else %}``, comparisons, ``and`` / ``or`` / ``not``,
  ``~`` to join text and ``x if y else z``.

Loops, ``{% set %}``, macros, includes, arithmetic and calling functions or methods are
refused when the template is compiled, so a template's work is bounded by its length
(it is rendered on every person page). Output is plain text (no autoescaping: pages escape
it), with runs of whitespace collapsed, and at most :data:`MAX_OUTPUT` characters.
Problems come back as :class:`TemplateProblem`, in words an admin can act on.

The package, from the bottom up: :mod:`.sandbox` compiles and renders a template;
:mod:`.context` builds what it is rendered with for a path; :mod:`.rules` holds the truth
rule and checks a template before it is saved; :mod:`.builtin` is the built-in copy;
:mod:`.variants` renders every template of a connection's kind.
"""

from referrals.outreach.openers.builtin import BUILTIN, TemplateSpec
from referrals.outreach.openers.context import path_context
from referrals.outreach.openers.rules import check_template, truth_problem
from referrals.outreach.openers.sandbox import (
    FILTERS,
    MAX_OUTPUT,
    MAX_SOURCE,
    VARIABLES,
    TemplateProblem,
    render_opener,
)
from referrals.outreach.openers.variants import RenderedOpener, openers_for

__all__ = [
    "BUILTIN",
    "FILTERS",
    "MAX_OUTPUT",
    "MAX_SOURCE",
    "VARIABLES",
    "RenderedOpener",
    "TemplateProblem",
    "TemplateSpec",
    "check_template",
    "openers_for",
    "path_context",
    "render_opener",
    "truth_problem",
]
