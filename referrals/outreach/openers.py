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
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import networkx as nx
from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from referrals.graph.connection import Connection
from referrals.graph.paths import Path
from referrals.truth import unsupported_claims
from referrals.vocab import CONNECTION_KINDS, KIND_LABELS

__all__ = [
    "BUILTIN",
    "FILTERS",
    "MAX_OUTPUT",
    "MAX_SOURCE",
    "VARIABLES",
    "OpenerTemplate",
    "RenderedOpener",
    "TemplateProblem",
    "check_template",
    "opener_context",
    "openers_for",
    "render_opener",
    "truth_problem",
]

#: Longest opener a template may produce, in characters (after whitespace is collapsed).
MAX_OUTPUT = 1000
#: Longest template source accepted, in characters.
MAX_SOURCE = 5000
# Raw output (before collapsing whitespace) beyond which rendering squeezes out whitespace
# and stops early if the text is already too long.
_MAX_RAW = 10 * MAX_OUTPUT


@dataclass(frozen=True)
class OpenerTemplate:
    """One opener, for one kind of connection.

    Attributes
    ----------
    kind : str
        One of :data:`referrals.graph.connection.CONNECTION_KINDS`.
    key : str
        Stable id, e.g. ``"asked_to_call.promise"``.
    label : str
        Short name shown in a picker.
    source : str
        The Jinja source.
    """

    kind: str
    key: str
    label: str
    source: str


@dataclass(frozen=True)
class RenderedOpener:
    """A template and what came of rendering it: the text, or the problem in plain words."""

    template: OpenerTemplate
    text: str | None
    problem: str | None


class TemplateProblem(ValueError):
    """A template that can't be used, said in plain words (never a traceback).

    Attributes
    ----------
    line : int or None
        The template line the problem is on, when known.
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


#: Every variable a template may use, with what it holds (for the template edit page).
VARIABLES: dict[str, str] = {
    "prospect.name": "The prospect's full name, e.g. Dana Lee.",
    "prospect.first": "The prospect's first name, e.g. Dana.",
    "prospect.company": (
        "The prospect's company. May be empty: write {% if prospect.company %} … {% endif %} "
        "around it."
    ),
    "knower.name": (
        "Full name of the person the prospect knows, whose name the rep says. Empty when the "
        "rep knows the prospect directly or shares the group with them: test with "
        "{% if knower %}."
    ),
    "knower.first": "The knower's first name.",
    "knower.company": "The knower's company. May be empty.",
    "knower.endorsed": (
        "True when the knower vouched for you with this prospect: they agreed to or made the "
        "introduction, called ahead, or referred the prospect. Test with "
        "{% if knower.endorsed %} before saying they asked, suggested, recommended, "
        "mentioned you or are happy to talk; otherwise say only what is known."
    ),
    "knower.direct": (
        "True when the rep knows the knower personally (not only through a teammate or "
        "someone else): test with {% if knower.direct %} before saying \"I know …\"."
    ),
    "knower.close": (
        "True when the rep's own tie to the knower is strong: test with "
        "{% if knower.close %} before saying \"someone I know well\" or \"we go back\"."
    ),
    "knower.friend": (
        "True when both ties are friendships (yours with the knower, the knower's with the "
        "prospect): test with {% if knower.friend %} before saying \"a friend in common\"."
    ),
    "group.name": (
        "The association, event or company the prospect shares with the knower or the rep. "
        "Only for those kinds of connection."
    ),
    "group.kind": "What the group is: association, event or company.",
    "teammate.name": (
        "The rep's teammate at the start of the path, whom the rep can ask for the "
        "introduction. Empty unless the path starts with a teammate: test with "
        "{% if teammate %}. (For a teammate connection, the teammate is the knower.)"
    ),
    "teammate.first": "The teammate's first name.",
    "rep.name": "The rep's full name.",
    "rep.first": "The rep's first name.",
    "rep.company": "The rep's company. May be empty.",
    "hook": (
        "What the rep saw or read about the prospect, as the rep types it: a short phrase such "
        "as 'your talk at the spring conference' or 'the Business Journal piece on your new "
        "plant'. Always there for a public hook; may be empty for other kinds."
    ),
    "tie_kind": (
        "How the knower knows the prospect, in plain words: customer, referral, friend, "
        "family, colleague, former colleague, acquaintance or teammate (for a reconnect, how "
        "the rep knows them). Empty when the link is a group."
    ),
}

#: Filters a template may use.
FILTERS: tuple[str, ...] = (
    "capitalize",
    "count",
    "d",
    "default",
    "first",
    "last",
    "length",
    "lower",
    "title",
    "trim",
    "truncate",
    "upper",
    "wordcount",
)

# Variable roots: a namespace maps to its fields, a plain value to None.
_ROOTS: dict[str, frozenset[str] | None] = {}
for _name in VARIABLES:
    _root, _, _field = _name.partition(".")
    if _field:
        _ROOTS[_root] = (_ROOTS.get(_root) or frozenset()) | {_field}
    else:
        _ROOTS[_root] = None
del _name, _root, _field


def _finalize(value: Any) -> Any:
    # An empty company or hook is None in the context: print nothing, never "None".
    return "" if value is None else value


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        auto_reload=False,
    )
    env.globals.clear()  # no range, lipsum, cycler, ...: the only names are VARIABLES
    env.filters = {name: env.filters[name] for name in FILTERS}
    return env


#: The one sandbox every opener is rendered in.
_ENV = _environment()

# Nodes a template may contain (anything else is refused before compiling).
_ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Const,
    nodes.If,
    nodes.CondExpr,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Neg,
    nodes.Pos,
    nodes.Compare,
    nodes.Operand,
    nodes.Test,
    nodes.Filter,
    nodes.FilterBlock,
    nodes.Concat,
    nodes.Tuple,
    nodes.List,
    nodes.Keyword,
    nodes.Slice,
)
_REFUSED_NODES: tuple[tuple[tuple[type[nodes.Node], ...], str], ...] = (
    ((nodes.Call,), "templates can't call functions or methods; use a filter such as |upper"),
    ((nodes.For,), "templates can't use {% for %} loops: an opener is a sentence or two"),
    (
        (nodes.Assign, nodes.AssignBlock, nodes.With),
        "templates can't use {% set %} or {% with %}; write the variable where you need it",
    ),
    ((nodes.Macro, nodes.CallBlock), "templates can't define or call macros"),
    (
        (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends, nodes.Block),
        "templates can't include, import or extend other templates",
    ),
    ((nodes.BinExpr,), "templates can't do arithmetic; use ~ to join pieces of text"),
)


class _Refused(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class _Compiled:
    template: Any  # jinja2.Template, or None when there is a problem
    usages: tuple[tuple[str, int], ...]  # (dotted variable, line) for every variable used
    problem: str | None = None
    line: int | None = None


def _unknown(dotted: str, line: int) -> _Refused:
    return _Refused(
        f"The template uses '{dotted}' (line {line}), which is not one of the variables: "
        + ", ".join(VARIABLES)
        + ".",
        line,
    )


def _check_tree(tree: nodes.Template) -> tuple[tuple[str, int], ...]:
    """Refuse what an opener may not contain; return the variables it uses, with lines."""
    usages: list[tuple[str, int]] = []

    def chain(node: nodes.Expr) -> None:
        trail: list[nodes.Expr] = []
        root = node
        while isinstance(root, nodes.Getattr | nodes.Getitem):
            trail.append(root)
            root = root.node
        trail.reverse()
        if not isinstance(root, nodes.Name):
            # ''.__class__, (hook|upper)[0]: nothing of ours; the sandbox guards attributes
            visit(root)
            for step in trail:
                if isinstance(step, nodes.Getitem):
                    visit(step.arg)
            return
        line = root.lineno
        if root.name not in _ROOTS:
            raise _unknown(root.name, line)
        dotted = root.name
        fields = _ROOTS[root.name]
        for step in trail:
            if fields is not None:  # a namespace: the next step must name one of its fields
                if isinstance(step, nodes.Getattr):
                    key: object = step.attr
                elif isinstance(step.arg, nodes.Const):
                    key = step.arg.value
                else:
                    raise _unknown(f"{dotted}[…]", line)
                if key not in fields:
                    raise _unknown(f"{dotted}.{key}", line)
                dotted = f"{dotted}.{key}"
                fields = None
            elif isinstance(step, nodes.Getitem):  # text: hook[0], prospect.name[:1]
                visit(step.arg)
            else:
                raise _unknown(f"{dotted}.{step.attr}", line)
        usages.append((dotted, line))

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            chain(node)
            return
        if not isinstance(node, _ALLOWED_NODES):
            message = next(
                (text for types, text in _REFUSED_NODES if isinstance(node, types)),
                "templates can only use {{ … }}, {% if %} and {% filter %}, not this",
            )
            raise _Refused(_at(node.lineno, f"{message}."), node.lineno)
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.Name) and _ROOTS.get(child.name) is not None:
                    fields = " or ".join(f"{child.name}.{f}" for f in sorted(_ROOTS[child.name]))
                    raise _Refused(
                        f"Line {child.lineno}: write {fields}, not {child.name} alone.",
                        child.lineno,
                    )
        if isinstance(node, nodes.Filter) and node.name not in FILTERS:
            raise _Refused(
                f"Line {node.lineno}: there is no filter '{node.name}'; "
                f"templates can use: {', '.join(FILTERS)}.",
                node.lineno,
            )
        for child in node.iter_child_nodes():
            visit(child)

    visit(tree)
    return tuple(usages)


@functools.lru_cache(maxsize=512)
def _compile(source: str) -> _Compiled:
    """Parse, check and compile ``source`` once (openers are rendered on every person page)."""
    if len(source) > MAX_SOURCE:
        return _Compiled(
            None,
            (),
            f"The template is {len(source):,} characters long; keep it under {MAX_SOURCE:,}.",
        )
    try:
        tree = _ENV.parse(source)
        usages = _check_tree(tree)
        template = _ENV.from_string(tree)
    except _Refused as e:
        return _Compiled(None, (), e.message, e.line)
    except TemplateSyntaxError as e:
        return _Compiled(None, (), f"Line {e.lineno}: {e.message}", e.lineno)
    except TemplateError as e:  # anything else Jinja refuses while compiling
        return _Compiled(None, (), f"The template can't be read: {e.message}")
    return _Compiled(template, usages)


def _compiled(source: str) -> _Compiled:
    if not isinstance(source, str):
        raise TypeError(f"a template source is a str, not {type(source).__name__}")
    compiled = _compile(source)
    if compiled.problem is not None:
        raise TemplateProblem(compiled.problem, line=compiled.line)
    return compiled


def _template_line(tb: TracebackType | None) -> int | None:
    """Template line of the innermost template frame (Jinja rewrites tracebacks to show it)."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _at(line: int | None, text: str) -> str:
    """``text`` as a sentence, after "Line N: " when the line is known."""
    return f"Line {line}: {text}" if line is not None else text[:1].upper() + text[1:]


def _undefined_problem(
    e: UndefinedError, compiled: _Compiled, context: Mapping[str, Any], line: int | None
) -> TemplateProblem:
    text = e.message or ""
    match = re.fullmatch(r"'None' has no attribute '(.+)'", text)
    if match:  # knower.name, but this connection has no knower
        attr = match.group(1)
        found = [
            (dotted, at)
            for dotted, at in compiled.usages
            if "." in dotted
            and dotted.split(".")[1] == attr
            and context.get(dotted.split(".")[0], ...) is None
        ]
        found.sort(key=lambda usage: usage[1] != line)  # the one on the failing line first
        if found:
            dotted, at = found[0]
            root = dotted.split(".")[0]
            return TemplateProblem(
                f"Line {at}: this connection has no {root}, so '{dotted}' is empty; put it "
                f"inside {{% if {root} %}} … {{% endif %}}.",
                line=at,
            )
    return TemplateProblem(
        _at(line, f"the template uses something this connection doesn't have ({text})."),
        line=line,
    )


def _security_problem(e: SecurityError, line: int | None) -> TemplateProblem:
    text = e.message or str(e)
    match = re.search(r"attribute '(.+?)'", text)
    if match:
        what = f"templates can't use '{match.group(1)}' (the sandbox refuses it)."
    elif "callable" in text:
        what = "templates can't call that (the sandbox refuses it)."
    else:
        what = f"the sandbox refused this: {text}"
    return TemplateProblem(_at(line, what), line=line)


def _tidy(text: str) -> str:
    """Collapse runs of whitespace and drop the space an empty {% if %} leaves before a comma."""
    text = " ".join(text.split())
    return re.sub(r" (?=[,.;:!?])", "", text)


def _too_long(size: str) -> TemplateProblem:
    return TemplateProblem(
        f"The opener comes to {size} characters; keep it within {MAX_OUTPUT:,} "
        "(an opener is a sentence or two)."
    )


def render_opener(source: str, context: Mapping[str, Any]) -> str:
    """Render a template source in the sandbox, as one tidy line of plain text.

    Parameters
    ----------
    source : str
        Jinja source (see the module docstring for what it may contain).
    context : mapping
        Values for :data:`VARIABLES`, as from :func:`opener_context`.

    Returns
    -------
    str
        The text, with runs of whitespace collapsed to one space and no space before
        ``, . ; : ! ?`` (so an empty ``{% if %}`` leaves no gap); not escaped.

    Raises
    ------
    TemplateProblem
        On a syntax error, a variable that is not in :data:`VARIABLES` or is empty for this
        connection, anything the sandbox refuses, or output over :data:`MAX_OUTPUT`
        characters.

    Examples
    --------
    >>> ctx = {"knower": {"name": "Mike Kincaid", "first": "Mike", "company": None}}
    >>> render_opener("{{ knower.name }}{% if knower.company %} at {{ knower.company }}"
    ...               "{% endif %} asked me to call.", ctx)
    'Mike Kincaid asked me to call.'
    >>> render_opener("{{ knower.nmae }}", ctx)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    referrals.outreach.openers.TemplateProblem: The template uses 'knower.nmae' (line 1), ...
    """
    compiled = _compiled(source)
    pieces: list[str] = []
    size = 0
    stream = compiled.template.generate(dict(context))
    try:
        for piece in stream:
            pieces.append(piece)
            size += len(piece)
            if size > _MAX_RAW:  # squeeze the whitespace out as we go, and stop when too long
                joined = "".join(pieces)
                compact = " ".join(joined.split())
                if len(compact) > MAX_OUTPUT:
                    raise _too_long(f"more than {MAX_OUTPUT:,}")
                pieces = [compact + " " if joined[-1:].isspace() else compact]
                size = len(pieces[0])
    except TemplateProblem:
        raise
    except UndefinedError as e:
        problem = _undefined_problem(e, compiled, context, _template_line(e.__traceback__))
        raise problem from None
    except SecurityError as e:
        raise _security_problem(e, _template_line(e.__traceback__)) from None
    except Exception as e:  # a team's template is the team's code: report, don't crash
        line = _template_line(e.__traceback__)
        raise TemplateProblem(
            _at(line, f"the template couldn't be filled in ({e})."), line=line
        ) from None
    finally:
        stream.close()
    text = _tidy("".join(pieces))
    if len(text) > MAX_OUTPUT:
        raise _too_long(f"{len(text):,}")
    return text


def _first(name: str) -> str:
    words = name.split()
    return words[0] if words else ""


def _person(G: nx.Graph, node: int) -> dict[str, Any]:
    data = G.nodes[node]
    name = str(data.get("name") or "")
    return {"name": name, "first": _first(name), "company": data.get("company") or None}


def opener_context(
    G: nx.Graph,
    path: Path | None,
    connection: Connection,
    *,
    rep: int,
    rep_name: str | None = None,
    rep_company: str | None = None,
    hook: str | None = None,
) -> dict[str, Any]:
    """The values of :data:`VARIABLES` for one connection: plain dicts, strings and None.

    Parameters
    ----------
    G : networkx.Graph
        The team graph, for names and companies.
    path : Path or None
        The path the connection came from (None for a public hook); it must end at the
        connection's target.
    connection : Connection
        From :func:`referrals.graph.connection.classify` (or built by the caller for a
        public hook).
    rep : int
        The rep's person id.
    rep_name, rep_company : str, optional
        Override the rep's name and company in the graph (needed if the rep is not in it).
    hook : str, optional
        What the rep saw or read about the prospect, as typed.

    Returns
    -------
    dict
        ``prospect``, ``rep``, and ``knower``, ``group``, ``teammate`` (None when the
        connection has none) as dicts of their fields; ``hook`` and ``tie_kind`` (in plain
        words) as str or None.

    Raises
    ------
    ValueError
        If the connection's kind is unknown or the path does not end at its target.
    networkx.NodeNotFound
        If a person or group of the connection (or the rep, without ``rep_name``) is not in
        the graph.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> from referrals.graph.connection import classify
    >>> from referrals.graph.paths import make_path
    >>> G = build_graph([(1, "Sam Ortiz", "Acme Supply", False, ()),
    ...                  (2, "Mike Kincaid", "Quality Fabricators", False, ()),
    ...                  (3, "Dana Lee", None, False, ())],
    ...                 [(1, 2, "customer", 5, None), (2, 3, "former_colleague", 4, None)],
    ...                 [], [], today=date(2024, 6, 1))
    >>> path = make_path(G, [1, 2, 3])
    >>> ctx = opener_context(G, path, classify(G, path), rep=1)
    >>> ctx["knower"]["first"], ctx["prospect"]["company"], ctx["tie_kind"], ctx["group"]
    ('Mike', None, 'former colleague', None)
    """
    if connection.kind not in CONNECTION_KINDS:
        raise ValueError(f"unknown kind of connection {connection.kind!r}")
    if path is not None and (not path.nodes or path.nodes[-1] != connection.target):
        raise ValueError("the path does not end at the connection's target")
    for node in (connection.target, connection.knower, connection.group, connection.teammate):
        if node is not None and node not in G:
            raise nx.NodeNotFound(f"node {node} is not in the graph")
    if rep in G:
        me = _person(G, rep)
    elif rep_name is None:
        raise nx.NodeNotFound(f"the rep {rep} is not in the graph: pass rep_name")
    else:
        me = {"name": "", "first": "", "company": None}
    if rep_name is not None:
        me = {**me, "name": rep_name, "first": _first(rep_name)}
    if rep_company is not None:
        me["company"] = rep_company or None
    group = None
    if connection.group is not None:
        data = G.nodes[connection.group]
        group = {"name": str(data.get("name") or ""), "kind": data.get("gkind")}
    teammate = None
    if connection.teammate is not None:
        mate = _person(G, connection.teammate)
        teammate = {"name": mate["name"], "first": mate["first"]}
    tie_kind = connection.tie_kind
    knower = None
    if connection.knower is not None:
        # What the rep may claim about the knower is what classify found in the data
        # (referrals.truth): "suggested" needs an endorsement, "I know" a tie of the rep's
        # own, "well" a strong one, "a friend in common" two friendships.
        knower = {**_person(G, connection.knower), "endorsed": connection.endorsed,
                  "direct": connection.direct, "close": connection.close,
                  "friend": connection.friends}
    return {
        "prospect": _person(G, connection.target),
        "knower": knower,
        "group": group,
        "teammate": teammate,
        "rep": me,
        "hook": (hook or "").strip() or None,
        "tie_kind": KIND_LABELS.get(tie_kind, tie_kind.replace("_", " ")) if tie_kind else None,
    }


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
    over :data:`MAX_OUTPUT`.

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
    referrals.outreach.openers.TemplateProblem: Line 1: this connection has no knower, \
so 'knower.first' is empty; put it inside {% if knower %} … {% endif %}.
    """
    if kind not in CONNECTION_KINDS:
        raise ValueError(f"unknown kind of connection {kind!r}")
    _compiled(source)
    rendered = [(render_opener(source, context), context) for context in _samples(kind)]
    if not all(text for text, _ in rendered):
        raise TemplateProblem("The opener comes out empty for some connections of this kind.")
    for text, context in rendered:  # what it says, once it says something everywhere
        problem = truth_problem(text, context)
        if problem is not None:
            raise TemplateProblem(problem)


# The built-in openers. Each says of the knower only what the data holds (truth_problem):
# asked_to_call and called_ahead are endorsed by definition; for the rest, the endorsed
# wording sits behind knower.endorsed, "I know" behind knower.direct, "well" behind
# knower.close. Fragments used by several of them:
_KNOWER_AT = "{{ knower.name }}{% if knower.company %} at {{ knower.company }}{% endif %}"
_FORMER = "{% if tie_kind == 'former colleague' %}"
# "…, is someone I know well" / "…, is someone I know" (the rep knows the knower whenever an
# opener is offered without an endorsement).
_I_KNOW = "is someone I know{% if knower.close %} well{% endif %}"


def _t(kind: str, slug: str, label: str, source: str) -> OpenerTemplate:
    return OpenerTemplate(kind, f"{kind}.{slug}", label, source)


#: The built-in openers: at least three for every kind of connection.
BUILTIN: tuple[OpenerTemplate, ...] = (
    # Someone asked the rep to call, agreed to the introduction, or referred the prospect.
    _t(
        "asked_to_call",
        "promise",
        "A promise to call",
        _KNOWER_AT + " asked me to be sure to call you, and I promised {{ knower.first }} I would.",
    ),
    _t(
        "asked_to_call",
        "should_talk",
        "We should talk",
        _KNOWER_AT + " thought the two of us should talk, and asked me to reach out to you "
        "personally.",
    ),
    _t(
        "asked_to_call",
        "worth_your_while",
        "Worth your while",
        "{{ prospect.first }}, {{ knower.name }} asked me to give you a call – {{ knower.first }} "
        "felt a few minutes with me would be worth your while.",
    ),
    # An advocate called, or will call, ahead.
    _t(
        "called_ahead",
        "heads_up",
        "As promised",
        _KNOWER_AT + " said they'd give you a heads-up that I'd be calling, so here I am, "
        "as promised.",
    ),
    _t(
        "called_ahead",
        "heard_from",
        "You may have heard",
        "You may already have heard from " + _KNOWER_AT + " – {{ knower.first }} thought we "
        "should talk, and so do I.",
    ),
    _t(
        "called_ahead",
        "good_word",
        "A good word",
        "{{ knower.first }} offered to put in a good word for me with you, {{ prospect.first }}, "
        "and I'm glad to follow up on it myself.",
    ),
    # A reference the prospect knows. Being a reference doesn't mean they vouched to this
    # prospect: the rep offers to ask them, and says no more.
    _t(
        "reference",
        "call_them",
        "Hear it from them",
        "I believe you know " + _KNOWER_AT + ". {{ knower.first }} knows my work"
        "{% if knower.close %} well{% endif %}, so if you'd like to hear about it from someone "
        "you trust, I'd be glad to ask {{ knower.first }} to take your call.",
    ),
    _t(
        "reference",
        "not_my_word",
        "Not just my word",
        "Don't just take my word for it: you know " + _KNOWER_AT + ", who has worked with me"
        "{% if knower.close %} for a good while{% endif %} – I'm happy to ask {{ knower.first }} "
        "to give you a ring.",
    ),
    _t(
        "reference",
        "someone_you_know",
        "Someone you know",
        "If you'd rather hear about me from someone you already know, {{ knower.name }} has "
        "worked with me, and I'm happy to ask {{ knower.first }} to give you a call.",
    ),
    # A teammate of the rep knows the prospect.
    _t(
        "teammate",
        "my_colleague",
        "My colleague knows you",
        "I believe you know my colleague {{ knower.name }}, so I wanted to reach out to you "
        "myself.",
    ),
    _t(
        "teammate",
        "on_our_team",
        "On our team",
        "{{ knower.first }} on our team knows you, so it seemed right that you and I talked "
        "too{% if prospect.company %}, about what's ahead for {{ prospect.company }}"
        "{% endif %}.",
    ),
    _t(
        "teammate",
        "work_together",
        "We work together",
        "My colleague {{ knower.first }} and I work together{% if rep.company %} at "
        "{{ rep.company }}{% endif %}, and I believe you two know each other, so I wanted to "
        "reach out directly.",
    ),
    # A colleague or former colleague of the prospect, whom the rep knows.
    _t(
        "colleague",
        "works_with_you",
        "Works with you",
        _KNOWER_AT + ", who " + _FORMER + "used to work{% else %}works{% endif %} with you, "
        + _I_KNOW + ", so I thought I'd reach out.",
    ),
    _t(
        "colleague",
        "your_colleague",
        "Your colleague",
        "I know your " + _FORMER + "former {% endif %}colleague {{ knower.name }}"
        "{% if knower.close %} well{% endif %}, and it seemed time you and I spoke too.",
    ),
    _t(
        "colleague",
        "go_back",
        "Worked together",
        "I believe you and {{ knower.first }} " + _FORMER + "worked{% else %}work{% endif %} "
        "together, and {% if knower.close %}{{ knower.first }} and I go back a way"
        "{% else %}{{ knower.first }} and I know each other{% endif %}, so I wanted to say "
        "hello.",
    ),
    # Someone both know.
    _t(
        "mutual",
        "in_common",
        "Someone we both know",
        "{% if knower.friend %}We have a friend in common – " + _KNOWER_AT + " – so it seemed "
        "time you and I spoke.{% else %}I believe you know " + _KNOWER_AT + ", whom I know"
        "{% if knower.close %} well{% endif %}, so it seemed time you and I spoke.{% endif %}",
    ),
    _t(
        "mutual",
        "both_know",
        "We both know",
        "You and I both know {{ knower.name }}, and that seemed like a good reason to pick up "
        "the phone.",
    ),
    _t(
        "mutual",
        "say_hello",
        "Say hello",
        "{{ knower.first }}{% if knower.company %} over at {{ knower.company }}{% endif %} "
        "is someone we both know, so I wanted to reach out and say hello, {{ prospect.first }}.",
    ),
    # The same association.
    _t(
        "association",
        "fellow_member",
        "A fellow member",
        "{% if knower %}{{ knower.name }}, who's with you in {{ group.name }}, "
        "{% if knower.endorsed %}suggested I get in touch{% else %}" + _I_KNOW + ", so I "
        "thought I'd reach out{% endif %}.{% else %}We're both members of {{ group.name }}, "
        "so it seemed time we spoke.{% endif %}",
    ),
    _t(
        "association",
        "part_of",
        "Both part of it",
        "{% if knower %}You and {{ knower.first }} are both part of {{ group.name }}, and "
        "{% if knower.endorsed %}{{ knower.first }} thought we should talk{% elif knower.close %}"
        "{{ knower.first }} and I go back a way{% else %}{{ knower.first }} and I know each "
        "other{% endif %}{% else %}As a fellow member of {{ group.name }}, I've wanted to get "
        "in touch for a while{% endif %}, so I thought I'd call.",
    ),
    _t(
        "association",
        "say_hello",
        "Say hello",
        "{% if knower %}{{ knower.first }}{% if knower.endorsed %}, who suggested I call,"
        "{% elif knower.close %}, someone I know well,{% endif %} is a fellow member of "
        "{{ group.name }} with you, so I wanted to say hello.{% else %}I always enjoy meeting "
        "fellow members of {{ group.name }}, so I wanted to say hello.{% endif %}",
    ),
    # The same event.
    _t(
        "event",
        "follow_up",
        "Follow up on the event",
        "{% if knower %}" + _KNOWER_AT + " was at {{ group.name }} with you"
        "{% if knower.endorsed %} and suggested I get in touch{% else %}, and "
        "{{ knower.first }} " + _I_KNOW + ", so I wanted to reach out{% endif %}.{% else %}"
        "We were both at {{ group.name }}, and I wanted to follow up while it's still fresh."
        "{% endif %}",
    ),
    _t(
        "event",
        "what_you_made",
        "What you made of it",
        "{% if knower %}{% if knower.endorsed %}{{ knower.name }} mentioned you{% else %}"
        "I know {{ knower.name }}{% endif %} – you were both at {{ group.name }} – and I'd love "
        "to hear what you made of it.{% else %}I saw you were at {{ group.name }} as well – "
        "I'd love to hear what you made of it.{% endif %}",
    ),
    _t(
        "event",
        "quick_call",
        "A quick call",
        "{% if knower %}You and {{ knower.first }} were both at {{ group.name }}, and "
        "{% if knower.endorsed %}since {{ knower.first }} suggested it{% else %}since I know "
        "{{ knower.first }}{% if knower.close %} well{% endif %}{% endif %}, a quick call "
        "seemed in order.{% else %}Since we were both at {{ group.name }}, a quick call seemed "
        "in order.{% endif %}",
    ),
    # The same company.
    _t(
        "company",
        "both_work",
        "Both work there",
        "{% if knower %}{{ knower.name }} and you both work at {{ group.name }}, and "
        "{% if knower.endorsed %}{{ knower.first }} suggested I get in touch{% else %}I know "
        "{{ knower.first }}{% if knower.close %} well{% endif %}{% endif %}, so I thought I'd "
        "reach out.{% else %}We share a connection to {{ group.name }}, so I thought I'd reach "
        "out.{% endif %}",
    ),
    _t(
        "company",
        "knows_you_from",
        "Knows you from there",
        "{% if knower %}{{ knower.first }}, who knows you from {{ group.name }}, "
        "{% if knower.endorsed %}thought we should talk{% else %}" + _I_KNOW + "{% endif %}, "
        "and I wanted to say hello.{% else %}We both have ties to {{ group.name }}, and I "
        "wanted to say hello.{% endif %}",
    ),
    _t(
        "company",
        "get_to_know",
        "Get to know you",
        "{% if knower %}{% if knower.endorsed %}{{ knower.name }} told me about your work at "
        "{{ group.name }}{% else %}I've come to know {{ group.name }} through "
        "{{ knower.name }}{% endif %}, and I'd like to get to know you too.{% else %}With "
        "{{ group.name }} in both our backgrounds, I thought it was worth a quick call."
        "{% endif %}",
    ),
    # The rep knows the prospect already.
    _t(
        "reconnect",
        "catch_up",
        "Catch up",
        "It's been a while, {{ prospect.first }}, and I've been meaning to catch up on how "
        "things are going{% if prospect.company %} at {{ prospect.company }}{% endif %}.",
    ),
    _t(
        "reconnect",
        "came_to_mind",
        "You came to mind",
        "{{ prospect.first }}, you came to mind this week, and I wanted to hear what's new "
        "with you.",
    ),
    _t(
        "reconnect",
        "too_long",
        "It's been too long",
        "It's {{ rep.first }}{% if rep.company %} from {{ rep.company }}{% endif %} – it's been "
        "too long, {{ prospect.first }}, and I have something I think you'll like.",
    ),
    # A public hook: the rep saw them speak, or read about them.
    _t(
        "public_hook",
        "stayed_with_me",
        "It stayed with me",
        "I caught {{ hook }}, {{ prospect.first }}, and it's stayed with me – I'd love to hear "
        "more.",
    ),
    _t(
        "public_hook",
        "congratulations",
        "Congratulations",
        "Congratulations on {{ hook }} – that's a real achievement"
        "{% if prospect.company %} for {{ prospect.company }}{% endif %}.",
    ),
    _t(
        "public_hook",
        "enjoyed_it",
        "I enjoyed it",
        "I came across {{ hook }} and wanted to tell you how much I enjoyed it.",
    ),
)


def openers_for(
    G: nx.Graph,
    path: Path | None,
    connection: Connection,
    *,
    templates: Sequence[OpenerTemplate] = BUILTIN,
    **ctx: Any,
) -> list[RenderedOpener]:
    """Every template of the connection's kind, rendered for it (in the order given).

    A template that fails is not skipped: its :class:`RenderedOpener` carries the problem,
    in plain words, so the page can show it to the admin who wrote it.

    Parameters
    ----------
    G, path, connection
        As for :func:`opener_context`.
    templates : sequence of OpenerTemplate
        The templates to offer (the team's own, or :data:`BUILTIN`).
    **ctx
        ``rep`` (required), ``rep_name``, ``rep_company``, ``hook``: as for
        :func:`opener_context`.

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
    >>> mine = OpenerTemplate("asked_to_call", "mine", "Mine", "{{ knower.nmae }}")
    >>> found = openers_for(G, path, classify(G, path, asked={2}), templates=[mine], rep=1)
    >>> found[0].text, found[0].problem.startswith("The template uses 'knower.nmae' (line 1)")
    (None, True)
    """
    context = opener_context(G, path, connection, **ctx)
    out = []
    for template in templates:
        if template.kind != connection.kind:
            continue
        if connection.kind == "public_hook" and not context["hook"]:
            problem = "Type what you saw or read about them (the hook) to fill in this opener."
            out.append(RenderedOpener(template, None, problem))
            continue
        try:
            text = render_opener(template.source, context)
        except TemplateProblem as e:
            out.append(RenderedOpener(template, None, str(e)))
            continue
        if not text:
            out.append(RenderedOpener(template, None, "This opener comes out empty here."))
        elif (problem := truth_problem(text, context)) is not None:
            out.append(RenderedOpener(template, None, problem))
        else:
            out.append(RenderedOpener(template, text, None))
    return out
