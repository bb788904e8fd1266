"""Opener templates: the built-in ones for every kind, the sandbox, and the problems it reports."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import networkx as nx
import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from referrals.graph.build import build_graph
from referrals.graph.connection import Connection, classify
from referrals.graph.paths import make_path
from referrals.outreach.openers import (
    BUILTIN,
    MAX_OUTPUT,
    VARIABLES,
    RenderedOpener,
    TemplateProblem,
    TemplateSpec,
    check_template,
    openers_for,
    path_context,
    render_opener,
    sandbox,
)
from referrals.vocab import CONNECTION_KINDS

pytestmark = pytest.mark.graph

TODAY = date(2024, 6, 1)
REP, ANA, MIKE, DANA, RITA, JOE = 1, 2, 3, 4, 5, 6
ASSOC, EVENT, COMPANY = -7, -8, -9
GROUP_NAMES = {
    ASSOC: "Ohio Manufacturers Association",
    EVENT: "Midwest Packaging Expo",
    COMPANY: "Harbor Foods",
}
FIRST = {ANA: "Ana", MIKE: "Mike", RITA: "Rita", JOE: "Joe"}
HOOK = "your talk on lean scheduling at the spring conference"


def network(*, mike_company="Quality Fabricators", rep_company="Acme Supply"):
    people = [
        (REP, "Sam Ortiz", rep_company, False, ()),
        (ANA, "Ana Ruiz", rep_company, False, ()),
        (MIKE, "Mike Kincaid", mike_company, False, ("customer",)),
        (DANA, "Dana Lee", "Harbor Foods", False, ("prospect",)),
        (RITA, "Rita Gomez", "Gomez Tooling", False, ("reference",)),
        (JOE, "Joe Park", None, False, ()),
    ]
    ties = [
        (REP, MIKE, "customer", 5, None),
        (REP, RITA, "customer", 5, None),
        (REP, JOE, "friend", 5, None),
        (REP, DANA, "acquaintance", 3, None),
        (MIKE, DANA, "friend", 4, None),
        (RITA, DANA, "friend", 4, None),
        (JOE, DANA, "former_colleague", 4, None),
        (ANA, DANA, "friend", 4, None),
        (ANA, MIKE, "friend", 4, None),
    ]
    groups = [
        (-g, name, kind)
        for g, name, kind in zip(
            GROUP_NAMES, GROUP_NAMES.values(), ("association", "event", "company"), strict=True
        )
    ]
    memberships = [(g, p) for g in (7, 8, 9) for p in (MIKE, DANA, REP)]
    return build_graph(people, ties, groups, memberships, teammates=(REP, ANA), today=TODAY)


# (kind, path, classify keywords): every shape of connection, including groups with and
# without a knower and a teammate at the start.
CASES = [
    ("asked_to_call", [REP, MIKE, DANA], {"asked": {MIKE}}),
    ("asked_to_call", [REP, ANA, MIKE, DANA], {"asked": {MIKE}}),
    ("called_ahead", [REP, MIKE, DANA], {"called_ahead": {MIKE}}),
    ("reference", [REP, RITA, DANA], {}),
    ("teammate", [REP, ANA, DANA], {}),
    ("colleague", [REP, JOE, DANA], {}),
    ("mutual", [REP, MIKE, DANA], {}),
    ("mutual", [REP, ANA, MIKE, DANA], {}),
    ("association", [REP, MIKE, ASSOC, DANA], {}),
    ("association", [REP, ASSOC, DANA], {}),
    ("association", [REP, ANA, MIKE, ASSOC, DANA], {}),
    ("event", [REP, MIKE, EVENT, DANA], {}),
    ("event", [REP, EVENT, DANA], {}),
    ("company", [REP, MIKE, COMPANY, DANA], {}),
    ("company", [REP, COMPANY, DANA], {}),
    ("reconnect", [REP, DANA], {}),
]


def cases_for(kind, G):
    """(path, connection, hook) for every case of ``kind`` in graph G."""
    if kind == "public_hook":
        return [(None, Connection("public_hook", DANA, None, None, None, None), HOOK)]
    found = []
    for case_kind, nodes, kwargs in CASES:
        if case_kind == kind:
            path = make_path(G, nodes)
            connection = classify(G, path, **kwargs)
            assert connection.kind == kind  # the case really is of that kind
            found.append((path, connection, None))
    assert found
    return found


def expected_names(connection):
    """Words the opener must contain for this connection."""
    if connection.kind == "public_hook":
        return [HOOK]
    if connection.kind == "reconnect":
        return []  # checked separately: the prospect's first name, or the rep's
    names = []
    if connection.knower is not None:
        names.append(FIRST[connection.knower])
    if connection.group is not None:
        names.append(GROUP_NAMES[connection.group])
    return names


def sentences(text):
    return len(re.findall(r"[.!?](?=\s|$)", text))


# -- the built-in templates -----------------------------------------------------------------


def test_at_least_three_builtins_for_every_kind_with_unique_keys():
    counts = Counter(t.kind for t in BUILTIN)
    assert set(counts) == set(CONNECTION_KINDS)
    assert min(counts.values()) >= 3
    keys = [t.key for t in BUILTIN]
    assert len(set(keys)) == len(keys)
    for t in BUILTIN:
        assert t.key.startswith(t.kind + ".") and t.label.strip()


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: t.key)
def test_builtin_renders_for_its_kind_with_the_names(template):
    G = network()
    for path, connection, hook in cases_for(template.kind, G):
        ctx = path_context(G, path, connection, rep=REP, hook=hook)
        text = render_opener(template.source, ctx)
        for name in expected_names(connection):
            assert name in text, (template.key, connection, text)
        if template.kind == "reconnect":
            assert "Dana" in text or "Sam" in text
        for leftover in ("{{", "}}", "{%", "%}", "None", "  ", " ,", " ."):
            assert leftover not in text, (template.key, text)
        assert text == text.strip() and text[-1] in ".!?"
        assert 1 <= sentences(text) <= 2 and len(text.split()) <= 40, text
        assert "introduce myself" not in text.lower()


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: t.key)
def test_check_template_accepts_every_builtin(template):
    assert check_template(template.source, template.kind) is None


@pytest.mark.parametrize("template", BUILTIN, ids=lambda t: t.key)
def test_builtin_without_companies_never_says_at_none(template):
    G = network(mike_company=None, rep_company=None)
    for path, connection, hook in cases_for(template.kind, G):
        text = render_opener(
            template.source, path_context(G, path, connection, rep=REP, hook=hook)
        )
        assert "None" not in text and not re.search(r"\b(at|from|with) [.,–]", text), text
        assert " at ." not in text and " at ," not in text


def test_knower_company_is_said_when_known_and_left_out_when_not():
    G = network()
    path = make_path(G, [REP, MIKE, DANA])
    connection = classify(G, path, asked={MIKE})
    promise = next(t for t in BUILTIN if t.key == "asked_to_call.promise")
    with_company = render_opener(promise.source, path_context(G, path, connection, rep=REP))
    assert with_company.startswith("Mike Kincaid at Quality Fabricators asked me to")
    assert "promised" in with_company
    G = network(mike_company=None)
    without = render_opener(promise.source, path_context(G, path, connection, rep=REP))
    assert without.startswith("Mike Kincaid asked me to") and "None" not in without


def test_reference_openers_invite_the_prospect_to_call_the_reference():
    for t in BUILTIN:
        if t.kind == "reference":
            assert re.search(r"\b(call|ring|phone)\b", t.source), t.key


def test_a_teammate_opener_says_my_colleague():
    G = network()
    path = make_path(G, [REP, ANA, DANA])
    texts = [o.text for o in openers_for(G, path, classify(G, path), rep=REP)]
    assert len(texts) >= 3
    assert any(text.startswith("My colleague Ana") for text in texts)


def test_public_hook_builtins_use_the_hook():
    hooks = [t for t in BUILTIN if t.kind == "public_hook"]
    assert hooks and all("{{ hook }}" in t.source for t in hooks)


# -- rendering ------------------------------------------------------------------------------


def sample(**changes):
    ctx = {
        "prospect": {"name": "Dana Lee", "first": "Dana", "company": "Harbor Foods"},
        "knower": {"name": "Mike Kincaid", "first": "Mike", "company": None, "direct": True,
                   "close": False, "endorsed": False, "friend": False},
        "group": None,
        "teammate": None,
        "rep": {"name": "Sam Ortiz", "first": "Sam", "company": "Acme Supply"},
        "hook": None,
        "tie_kind": "friend",
    }
    ctx.update(changes)
    return ctx


def test_none_renders_as_nothing_not_as_none():
    assert render_opener("{{ knower.name }} at {{ knower.company }}!", sample()) == (
        "Mike Kincaid at!"
    )


def test_output_is_plain_text_not_escaped():
    ctx = sample(knower={"name": "Tom & <Jerry>", "first": "Tom", "company": None})
    assert render_opener("{{ knower.name }}", ctx) == "Tom & <Jerry>"


def test_whitespace_is_collapsed_and_no_space_is_left_before_punctuation():
    source = "  Hi\n\n{{ prospect.first }}{% if knower.company %} at X{% endif %} ,  there\t. "
    assert render_opener(source, sample()) == "Hi Dana, there."


def test_a_missing_knower_is_reported_with_the_fix():
    with pytest.raises(TemplateProblem) as info:
        render_opener("Hello.\n{{ knower.first }} said hi.", sample(knower=None))
    message = str(info.value)
    assert message.startswith("Line 2: ") and info.value.line == 2
    assert "no knower" in message and "'knower.first'" in message and "{% if knower %}" in message


def test_a_guarded_knower_renders_without_one():
    source = "{% if knower %}{{ knower.first }} says hi.{% else %}Hi.{% endif %}"
    assert render_opener(source, sample(knower=None)) == "Hi."
    assert render_opener(source, sample()) == "Mike says hi."


def test_a_variable_missing_from_the_context_is_a_problem_not_a_crash():
    with pytest.raises(TemplateProblem, match="hook"):
        render_opener("{{ hook }}", {})


def test_syntax_error_message_names_the_line():
    with pytest.raises(TemplateProblem) as info:
        render_opener("Hi {{ prospect.first }},\n{{ knower.name }", sample())
    assert str(info.value) == "Line 2: unexpected '}'"
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("{{ knower.nmae }}", "'knower.nmae'"),
        ("{{ foo }}", "'foo'"),
        ("{% if prospect.title %}x{% endif %}", "'prospect.title'"),
        ("{{ prospect.name.upper }}", "'prospect.name.upper'"),
        ("{{ prospect[hook] }}", "'prospect[…]'"),
    ],
)
def test_an_unknown_variable_is_named(source, named):
    with pytest.raises(TemplateProblem) as info:
        render_opener(source, sample())
    message = str(info.value)
    assert message.startswith(f"The template uses {named} (line 1), which is not one of")
    assert "knower.name" in message and "Traceback" not in message


def test_every_documented_variable_is_accepted():
    ctx = sample(
        group={"name": "OMA", "kind": "association"},
        teammate={"name": "Ana Ruiz", "first": "Ana"},
        hook="your talk",
    )
    source = " ".join("{{ " + name + " }}" for name in VARIABLES)
    text = render_opener(source, ctx)
    assert "Dana Lee" in text and "OMA association" in text and "your talk" in text


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ (prospect.name|upper).__class__ }}",
        "{{ (hook|default('x')).__class__.__base__ }}",
        "{{ prospect.name.__class__ }}",
        "{{ prospect.name|attr('__class__') }}",
        "{{ knower.__init__.__globals__ }}",
        "{{ self }}",
        "{{ range(10) }}",
        "{{ lipsum() }}",
    ],
)
def test_the_sandbox_refuses_reaching_into_python(source):
    with pytest.raises(TemplateProblem) as info:
        render_opener(source, sample(hook="x"))
    message = str(info.value)
    assert "Traceback" not in message and "File " not in message
    assert info.value.__suppress_context__ or info.value.__context__ is None


@pytest.mark.parametrize(
    "source", ["{{ ''.__class__.__mro__ }}", "{{ (prospect.name|upper).__class__ }}"]
)
def test_attribute_access_is_stopped_by_the_sandbox_itself(source):
    with pytest.raises(TemplateProblem, match=r"^Line 1: templates can't use '__class__'"):
        render_opener(source, sample())


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% for c in prospect.name %}{{ c }}{% endfor %}", "for"),
        ("{% set x = prospect.name %}{{ x }}", "set"),
        ("{% with x = 1 %}{% endwith %}", "set"),
        ("{% macro m() %}x{% endmacro %}", "macros"),
        ("{% include 'other' %}", "include"),
        ("{% extends 'base' %}", "extend"),
        ("{{ hook.upper() }}", "call"),
        ("{{ prospect.name * 1000000 }}", "arithmetic"),
        ("{{ 9 ** 9 ** 9 }}", "arithmetic"),
        ("{{ prospect.name|center(1000000000) }}", "filter 'center'"),
        ("{{ prospect }}", "prospect.name"),
        ("{% autoescape true %}x{% endautoescape %}", "only use"),
    ],
)
def test_constructs_an_opener_does_not_need_are_refused(source, words):
    with pytest.raises(TemplateProblem) as info:
        render_opener(source, sample())
    assert words in str(info.value)


def test_allowed_filters_and_expressions_work():
    source = (
        "{{ prospect.first|upper }} {{ knower.company|default('x', true) }} "
        "{{ 'yes' if tie_kind == 'friend' else 'no' }} {{ prospect.name[:4] ~ '!' }}"
    )
    assert render_opener(source, sample()) == "DANA x yes Dana!"


def test_output_is_capped():
    assert len(render_opener("x" * MAX_OUTPUT, sample())) == MAX_OUTPUT
    with pytest.raises(TemplateProblem, match="1,001 characters"):
        render_opener("x" * (MAX_OUTPUT + 1), sample())
    with pytest.raises(TemplateProblem, match="keep it within 1,000"):
        render_opener("{{ prospect.name }} " * 200, sample())


def test_huge_raw_output_stops_early():
    ctx = sample(hook="y" * 4000)
    with pytest.raises(TemplateProblem, match="more than 1,000"):
        render_opener("{{ hook }}" * 4, ctx)


def test_whitespace_does_not_count_towards_the_cap():
    assert render_opener(" " * 900 + "hi" + "\n" * 900, sample()) == "hi"
    ctx = sample(hook=" " * 30_000)
    source = "{{ hook }}a{{ hook }}b {{ hook }}{{ hook }}c{{ hook }}"
    assert render_opener(source, ctx) == "a b c"


def test_compiled_templates_are_cached():
    source = "Cached {{ prospect.first }}."
    render_opener(source, sample())
    hits = sandbox._compile.cache_info().hits
    assert render_opener(source, sample()) == "Cached Dana."
    assert sandbox._compile.cache_info().hits == hits + 1


def test_a_non_string_source_is_a_type_error():
    with pytest.raises(TypeError):
        render_opener(None, sample())


# -- check_template -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kind", "words"),
    [
        ("{{ knower.name }", "mutual", "Line 1: unexpected '}'"),
        ("{{ knower.nmae }} asked me to call.", "asked_to_call", "'knower.nmae'"),
        ("{{ knower.first }} was there too.", "event", "no knower"),
        ("{{ knower.first }} is a fellow member.", "association", "no knower"),
        ("{{ knower.first }} says hi.", "reconnect", "no knower"),
        ("{{ teammate.first }} knows {{ knower.first }}.", "mutual", "no teammate"),
        ("We both know {{ group.name }}.", "mutual", "no group"),
        ("{% if knower %}{{ knower.name }}{% endif %}", "reconnect", "empty"),
        ("x" * 1001, "reconnect", "1,001"),
        ("{{ ''.__class__ }}", "reconnect", "__class__"),
    ],
)
def test_check_template_refuses_broken_ones(source, kind, words):
    with pytest.raises(TemplateProblem) as info:
        check_template(source, kind)
    assert words in str(info.value)


def test_check_template_accepts_a_careful_team_template():
    source = (
        "{% if knower %}{{ knower.first }}{% if knower.company %} at {{ knower.company }}"
        "{% endif %} and you were both at {{ group.name }}.{% else %}We were both at "
        "{{ group.name }}.{% endif %}"
    )
    check_template(source, "event")
    with pytest.raises(TemplateProblem):
        check_template(source, "mutual")  # no group for a mutual connection


def test_check_template_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown kind") as info:
        check_template("Hi.", "cold_call")
    assert not isinstance(info.value, TemplateProblem)


# -- path_context and openers_for -----------------------------------------------------------


def plain(value):
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return value is None or isinstance(value, (str, bool))


def test_path_context_is_plain_values_for_every_case():
    G = network()
    for kind in CONNECTION_KINDS:
        for path, connection, hook in cases_for(kind, G):
            ctx = path_context(G, path, connection, rep=REP, hook=hook)
            assert plain(ctx)
            assert set(ctx) == {name.split(".")[0] for name in VARIABLES}


def test_path_context_fields():
    G = network()
    path = make_path(G, [REP, ANA, MIKE, ASSOC, DANA])
    ctx = path_context(G, path, classify(G, path), rep=REP, hook="  ")
    assert ctx["prospect"] == {"name": "Dana Lee", "first": "Dana", "company": "Harbor Foods"}
    assert ctx["knower"] == {
        "name": "Mike Kincaid",
        "first": "Mike",
        "company": "Quality Fabricators",
        "direct": True,  # the path goes through Ana, but the rep's own tie to Mike counts
        "close": True,
        "endorsed": False,
        "friend": False,
    }
    assert ctx["group"] == {"name": "Ohio Manufacturers Association", "kind": "association"}
    assert ctx["teammate"] == {"name": "Ana Ruiz", "first": "Ana"}
    assert ctx["rep"] == {"name": "Sam Ortiz", "first": "Sam", "company": "Acme Supply"}
    assert ctx["hook"] is None and ctx["tie_kind"] is None


def test_path_context_says_the_tie_kind_in_plain_words():
    G = network()
    path = make_path(G, [REP, JOE, DANA])
    assert path_context(G, path, classify(G, path), rep=REP)["tie_kind"] == "former colleague"


def test_path_context_rep_overrides_and_missing_rep():
    G = network()
    path = make_path(G, [REP, DANA])
    connection = classify(G, path)
    ctx = path_context(G, path, connection, rep=REP, rep_name="Samuel Ortiz", rep_company="")
    assert ctx["rep"] == {"name": "Samuel Ortiz", "first": "Samuel", "company": None}
    ctx = path_context(G, path, connection, rep=99, rep_name="Lee Wu")
    assert ctx["rep"]["first"] == "Lee"
    with pytest.raises(nx.NodeNotFound):
        path_context(G, path, connection, rep=99)


def test_path_context_refuses_a_mismatched_path_or_kind():
    G = network()
    path = make_path(G, [REP, MIKE, DANA])
    with pytest.raises(ValueError, match="target"):
        path_context(G, make_path(G, [REP, MIKE]), classify(G, path), rep=REP)
    with pytest.raises(ValueError, match="kind"):
        path_context(G, path, Connection("cold", DANA, None, None, None, None), rep=REP)
    G.remove_node(MIKE)
    with pytest.raises(nx.NodeNotFound):
        path_context(G, None, Connection("mutual", DANA, MIKE, None, None, "friend"), rep=REP)


def test_openers_for_renders_every_template_of_the_kind_in_order():
    G = network()
    path = make_path(G, [REP, MIKE, EVENT, DANA])
    found = openers_for(G, path, classify(G, path), rep=REP)
    assert [o.template for o in found] == [t for t in BUILTIN if t.kind == "event"]
    assert all(isinstance(o, RenderedOpener) and o.problem is None for o in found)
    assert all("Midwest Packaging Expo" in o.text for o in found)


def test_openers_for_reports_a_broken_team_template_instead_of_raising():
    G = network()
    path = make_path(G, [REP, EVENT, DANA])  # the rep shares the event: no knower
    team = [
        TemplateSpec("event", "team.good", "Good", "See you at {{ group.name }} again!"),
        TemplateSpec("event", "team.bad", "Bad", "{{ knower.first }} was there."),
        TemplateSpec("mutual", "team.other", "Other kind", "{{ knower.first }}"),
    ]
    found = openers_for(G, path, classify(G, path), templates=team, rep=REP)
    assert [o.template.key for o in found] == ["team.good", "team.bad"]
    assert found[0] == RenderedOpener(team[0], "See you at Midwest Packaging Expo again!", None)
    assert found[1].text is None and "no knower" in found[1].problem


def test_openers_for_an_empty_list_is_empty():
    G = network()
    path = make_path(G, [REP, DANA])
    assert openers_for(G, path, classify(G, path), templates=[], rep=REP) == []


def test_openers_for_a_public_hook_needs_the_hook():
    G = network()
    connection = Connection("public_hook", DANA, None, None, None, None)
    without = openers_for(G, None, connection, rep=REP)
    assert len(without) >= 3
    assert all(o.text is None and "hook" in o.problem for o in without)
    found = openers_for(G, None, connection, rep=REP, hook=HOOK)
    assert all(o.problem is None and HOOK in o.text for o in found)


def test_one_sandbox_with_strict_undefined_no_autoescape_and_no_globals():
    env = sandbox._ENV
    assert isinstance(env, SandboxedEnvironment)
    assert env.undefined is StrictUndefined and not env.autoescape
    assert env.globals == {}  # no range, lipsum, cycler, ...
    assert sorted(env.filters) == sorted(sandbox.FILTERS)


@pytest.mark.parametrize(
    ("endorsed", "direct", "close", "must", "must_not"),
    [
        (True, True, False, "suggested I get in touch", "know"),
        (True, False, False, "suggested I get in touch", "know"),
        (False, True, True, "someone I know well", "suggested"),
        (False, True, False, "someone I know,", "well"),
    ],
)
def test_openers_claim_only_what_the_data_holds(endorsed, direct, close, must, must_not):
    fellow = next(t for t in BUILTIN if t.key == "association.fellow_member")
    knower = {"name": "Mike Kincaid", "first": "Mike", "company": None, "direct": direct,
              "close": close, "endorsed": endorsed, "friend": False}
    ctx = sample(knower=knower, tie_kind=None, group={"name": "OMA", "kind": "association"})
    text = render_opener(fellow.source, ctx)
    assert must in text and must_not not in text, text
    if not endorsed:  # no built-in opener of a kind that may go unendorsed claims a word
        for template in BUILTIN:
            if template.kind in ("reference", "teammate", "colleague", "mutual", "association",
                                 "event", "company"):
                rendered = render_opener(template.source, sample(
                    knower=knower, tie_kind="colleague",
                    group={"name": "OMA", "kind": template.kind}))
                for word in ("suggest", "asked", "recommend", "mentioned", "happy to tell",
                             "thought we should", "referred", "in common"):
                    assert word not in rendered, (template.key, rendered)
                if not close:
                    assert "well" not in rendered and "go back" not in rendered, rendered


