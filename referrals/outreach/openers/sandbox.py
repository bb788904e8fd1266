"""The sandbox every opener template is rendered in: what a template may contain, compiled once.

A template may use the names in :data:`VARIABLES`, the filters in :data:`FILTERS`, ``{% if %}``
and the expressions an opener needs; everything else is refused when it is compiled (see the
package docstring). Problems are said as :class:`TemplateProblem`, in words an admin can act on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

__all__ = [
    "FILTERS",
    "MAX_OUTPUT",
    "MAX_SOURCE",
    "VARIABLES",
    "TemplateProblem",
    "render_opener",
]

#: Longest opener a template may produce, in characters (after whitespace is collapsed).
MAX_OUTPUT = 1000
#: Longest template source accepted, in characters.
MAX_SOURCE = 5000
# Raw output (before collapsing whitespace) beyond which rendering squeezes out whitespace
# and stops early if the text is already too long.
_MAX_RAW = 10 * MAX_OUTPUT


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
    _visit(tree, usages)
    return tuple(usages)


def _visit(node: nodes.Node, usages: list[tuple[str, int]]) -> None:
    """Check ``node`` and everything under it, adding the variables used to ``usages``."""
    if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
        _visit_chain(node, usages)
        return
    _check_node(node)
    for child in node.iter_child_nodes():
        _visit(child, usages)


def _check_node(node: nodes.Node) -> None:
    """Refuse a node an opener may not contain, a namespace printed whole or an unknown filter."""
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


def _visit_chain(node: nodes.Expr, usages: list[tuple[str, int]]) -> None:
    """Check a name and the attributes or items taken from it (``knower.name``, ``hook[0]``)."""
    trail: list[nodes.Expr] = []
    root = node
    while isinstance(root, nodes.Getattr | nodes.Getitem):
        trail.append(root)
        root = root.node
    trail.reverse()
    if not isinstance(root, nodes.Name):
        # ''.__class__, (hook|upper)[0]: nothing of ours; the sandbox guards attributes
        _visit(root, usages)
        for step in trail:
            if isinstance(step, nodes.Getitem):
                _visit(step.arg, usages)
        return
    dotted = _variable(root, trail, usages)
    usages.append((dotted, root.lineno))


def _variable(root: nodes.Name, trail: list[nodes.Expr], usages: list[tuple[str, int]]) -> str:
    """The variable of :data:`VARIABLES` that ``root`` and the steps after it name, e.g.
    ``knower.name``; refuse any other. An index into text (``hook[0]``) is visited too."""
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
            _visit(step.arg, usages)
        else:
            raise _unknown(f"{dotted}.{step.attr}", line)
    return dotted


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
        Jinja source (see the package docstring for what it may contain).
    context : mapping
        Values for :data:`VARIABLES`, as from :func:`.context.path_context`.

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
    referrals.outreach.openers.sandbox.TemplateProblem: The template uses 'knower.nmae' (line 1)...
    """
    compiled = _compiled(source)
    text = _tidy(_fill_in(compiled, context))
    if len(text) > MAX_OUTPUT:
        raise _too_long(f"{len(text):,}")
    return text


def _fill_in(compiled: _Compiled, context: Mapping[str, Any]) -> str:
    """The template's raw output for ``context``; anything that goes wrong, as a problem."""
    stream = compiled.template.generate(dict(context))
    try:
        pieces = _capped(stream)
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
    return "".join(pieces)


def _capped(stream: Iterator[str]) -> list[str]:
    """The pieces of ``stream``; past :data:`_MAX_RAW` characters, whitespace is squeezed out
    as they come, and a text already over :data:`MAX_OUTPUT` stops the template early."""
    pieces: list[str] = []
    size = 0
    for piece in stream:
        pieces.append(piece)
        size += len(piece)
        if size > _MAX_RAW:
            joined = "".join(pieces)
            compact = " ".join(joined.split())
            if len(compact) > MAX_OUTPUT:
                raise _too_long(f"more than {MAX_OUTPUT:,}")
            pieces = [compact + " " if joined[-1:].isspace() else compact]
            size = len(pieces[0])
    return pieces
