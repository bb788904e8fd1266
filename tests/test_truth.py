"""Name-drop only the truth (DOMAIN.md rule 11): every generated sentence, over every kind of
connection, hop count and state of the ask, claims only what the data holds."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest

from referrals.graph.build import build_graph
from referrals.graph.connection import classify
from referrals.graph.explain import basic_opener
from referrals.graph.paths import make_path
from referrals.outreach.openers import (
    BUILTIN,
    TemplateProblem,
    TemplateSpec,
    check_template,
    openers_for,
    path_context,
)
from referrals.outreach.scripts import ISSUE_LINES, ISSUE_SHORT_LINES, callback_script
from referrals.truth import CLAIMS, unsupported_claims
from referrals.vocab import CONNECTION_KINDS

pytestmark = pytest.mark.graph

TODAY = date(2026, 12, 3)
REP, MATE, GUS, KIM, DANA, PRIYA, RAJ, LUIS = 1, 2, 3, 4, 5, 6, 7, 8
ASSOC, EVENT, COMPANY = -7, -8, -9
NAMES = {REP: "Sam Ortiz", MATE: "Ana Ruiz", GUS: "Gus Ortega", KIM: "Kim Soto",
         DANA: "Dana Lee", PRIYA: "Priya Shah", RAJ: "Raj Patel", LUIS: "Luis Abbott"}
ENDORSING = ("asked", "suggest", "recommend", "referred", "vouch", "mentioned",
             "happy to tell", "glad to take", "thought we should", "thought the two of us",
             "thought it was time", "good word", "heads-up", "told me", "promised")


def graph(ties, memberships=(), *, roles=None):
    roles = roles or {}
    people = [(pid, name, "Hale Tools" if pid == GUS else None, False, roles.get(pid, ()))
              for pid, name in NAMES.items()]
    groups = [(7, "Ohio Manufacturers Association", "association"),
              (8, "Midwest Packaging Expo", "event"), (9, "Hale Tools", "company")]
    return build_graph(people, ties, groups, memberships, teammates=(REP, MATE), today=TODAY)


def stale(years=6):
    return TODAY - timedelta(days=365 * years)


# Every shape of path: (label, ties, memberships, roles, nodes). The knower is the person just
# before the prospect (or before the shared group).
SHAPES = [
    ("reconnect", [(REP, DANA, "acquaintance", 4, None)], (), {}, [REP, DANA]),
    ("mutual, friends both ways", [(REP, PRIYA, "friend", 5, None),
                                   (PRIYA, DANA, "friend", 4, None)], (), {},
     [REP, PRIYA, DANA]),
    ("mutual, Priya is the rep's customer", [(REP, PRIYA, "customer", 5, None),
                                             (PRIYA, DANA, "friend", 4, None)], (), {},
     [REP, PRIYA, DANA]),
    ("colleague", [(REP, LUIS, "customer", 3, None), (LUIS, DANA, "colleague", 4, None)],
     (), {}, [REP, LUIS, DANA]),
    ("former colleague, known well", [(REP, GUS, "friend", 5, None),
                                      (GUS, DANA, "former_colleague", 4, None)], (), {},
     [REP, GUS, DANA]),
    ("reference", [(REP, RAJ, "customer", 5, None), (RAJ, DANA, "acquaintance", 4, None)],
     (), {RAJ: ("reference",)}, [REP, RAJ, DANA]),
    ("teammate", [(MATE, DANA, "friend", 4, None)], (), {}, [REP, MATE, DANA]),
    ("referral, rep knows the referrer well", [(REP, GUS, "customer", 5, None),
                                               (GUS, DANA, "referral", 4, None)], (), {},
     [REP, GUS, DANA]),
    ("referral, rep's tie gone stale", [(REP, GUS, "acquaintance", 1, stale()),
                                        (GUS, DANA, "referral", 4, None)], (), {},
     [REP, GUS, DANA]),
    ("three hops, never met Kim", [(REP, GUS, "friend", 5, None), (GUS, KIM, "friend", 4, None),
                                   (KIM, DANA, "colleague", 4, None)], (), {},
     [REP, GUS, KIM, DANA]),
    ("three hops through a teammate", [(MATE, KIM, "friend", 4, None),
                                       (KIM, DANA, "friend", 4, None)], (), {},
     [REP, MATE, KIM, DANA]),
    ("four hops", [(REP, GUS, "friend", 5, None), (GUS, KIM, "friend", 4, None),
                   (KIM, LUIS, "friend", 4, None), (LUIS, DANA, "friend", 4, None)], (), {},
     [REP, GUS, KIM, LUIS, DANA]),
    ("shared association, rep is a member", [], [(7, REP), (7, DANA)], {}, [REP, ASSOC, DANA]),
    ("association through Gus", [(REP, GUS, "customer", 4, None)], [(7, GUS), (7, DANA)], {},
     [REP, GUS, ASSOC, DANA]),
    ("event through Gus", [(REP, GUS, "friend", 5, None)], [(8, GUS), (8, DANA)], {},
     [REP, GUS, EVENT, DANA]),
    ("company through Gus", [(REP, GUS, "acquaintance", 3, None)], [(9, GUS), (9, DANA)], {},
     [REP, GUS, COMPANY, DANA]),
    ("event through someone the rep never met", [(REP, GUS, "friend", 5, None),
                                                 (GUS, KIM, "friend", 4, None)],
     [(8, KIM), (8, DANA)], {}, [REP, GUS, KIM, EVENT, DANA]),
]

# The states of the rep's asks and of advocate calls, as classify receives them.
STATES = {
    "nothing yet": {},
    "asked the knower, no answer": {"pending": "knower"},
    "asked the first step, no answer": {"pending": "first"},
    "knower agreed or introduced": {"asked": "knower"},
    "knower called ahead": {"called_ahead": "knower"},
    "knower declined": {"declined": "knower"},
    "first step declined": {"declined": "first"},
}


def _who(nodes, which):
    people = [n for n in nodes[1:-1] if n > 0]
    if not people:
        return set()
    return {people[-1] if which == "knower" else people[0]}


def cases():
    for (label, ties, members, roles, nodes), (state, said) in itertools.product(
            SHAPES, STATES.items()):
        yield pytest.param(ties, members, roles, nodes, said, id=f"{label} / {state}")


@pytest.mark.parametrize(("ties", "members", "roles", "nodes", "said"), list(cases()))
def test_every_opener_claims_only_what_the_data_holds(ties, members, roles, nodes, said):
    G = graph(ties, members, roles=roles)
    path = make_path(G, nodes)
    keywords = {key: _who(nodes, which) for key, which in said.items()}
    c = classify(G, path, **keywords)
    knower = c.knower
    rep_knows_knower = knower is None or G.has_edge(REP, knower)
    vouched = knower is not None and (knower in keywords.get("asked", ())
                                      or knower in keywords.get("called_ahead", ()))

    # The facts are what the data holds, nothing more.
    assert c.endorsed == (vouched or (c.kind == "asked_to_call"))
    if c.kind == "asked_to_call" and not vouched:  # only a referral the rep can stand behind
        assert G.edges[knower, DANA]["kind"] == "referral"
        assert G.edges[REP, knower]["strength"] >= 0.3
    assert c.direct == rep_knows_knower
    if c.friends:
        assert G.edges[REP, knower]["kind"] == "friend" == G.edges[knower, DANA]["kind"]

    # Someone the rep never met, who hasn't vouched, is never named to the prospect: the rep
    # asks the first person on the path instead.
    if knower is not None and not rep_knows_knower and not c.endorsed:
        assert c.stage in ("ask", "declined")
        assert c.ask == next(n for n in nodes[1:] if n > 0)
    # Before the helper answers: the ask, not the opener.
    if c.ask is not None and c.ask in keywords.get("pending", ()):
        assert c.stage == "ask" and c.waiting

    rendered = openers_for(G, path, c, rep=REP)
    if c.stage in ("ask", "declined"):
        return  # the pages and API offer no opener here (see test_truth_pages)
    texts = [r.text for r in rendered if r.text]
    # every built-in variant renders here, and none is held back for claiming too much
    assert texts and len(texts) == len(rendered), [r.problem for r in rendered]
    for text in texts:
        assert unsupported_claims(text, c.facts) == [], text
        if not c.endorsed:
            lowered = text.lower()
            assert not any(word in lowered for word in ENDORSING), text
        if not c.friends:
            assert "in common" not in text, text
        if knower is not None and not c.close:
            assert " well" not in text and "go back" not in text, text


@pytest.mark.parametrize("shape", SHAPES, ids=[s[0] for s in SHAPES])
def test_the_plain_opener_never_claims_an_endorsement(shape):
    _, ties, members, roles, nodes = shape
    G = graph(ties, members, roles=roles)
    text = basic_opener(G, make_path(G, nodes))
    assert unsupported_claims(text, {"direct": True}) == [], text


# -- the cases the issue names ------------------------------------------------------------

def _texts(G, nodes, **keywords):
    path = make_path(G, nodes)
    c = classify(G, path, **keywords)
    return c, [r.text for r in openers_for(G, path, c, rep=REP) if r.text]


def test_a_reference_is_not_said_to_be_happy_to_talk_until_they_agreed():
    G = graph([(REP, RAJ, "customer", 5, None), (RAJ, DANA, "acquaintance", 4, None)],
              roles={RAJ: ("reference",)})
    c, texts = _texts(G, [REP, RAJ, DANA])
    assert c.kind == "reference" and texts
    assert not any("happy to tell" in t or "glad to take your call" in t for t in texts)
    c, texts = _texts(G, [REP, RAJ, DANA], asked={RAJ})
    assert c.stage == "warm" and any("asked" in t for t in texts)


def test_a_colleague_the_rep_barely_knows_did_not_suggest_anything():
    G = graph([(REP, LUIS, "acquaintance", 1, None), (LUIS, DANA, "colleague", 4, None)])
    c, texts = _texts(G, [REP, LUIS, DANA])
    assert c.kind == "colleague" and c.stage == "known" and not c.close
    assert texts and not any("suggested" in t or "well" in t for t in texts)


def test_nobody_the_rep_never_met_is_named_and_the_first_step_is_asked():
    G = graph([(REP, GUS, "friend", 5, None), (GUS, KIM, "friend", 4, None),
               (KIM, DANA, "colleague", 4, None)])
    c, texts = _texts(G, [REP, GUS, KIM, DANA])
    assert (c.stage, c.ask, texts) == ("ask", GUS, [])


def test_asked_me_to_call_needs_the_knower_to_have_asked():
    G = graph([(REP, GUS, "friend", 5, None), (GUS, DANA, "friend", 4, None)])
    c, texts = _texts(G, [REP, GUS, DANA])
    assert c.kind == "mutual" and not any("asked me" in t for t in texts)
    c, texts = _texts(G, [REP, GUS, DANA], asked={GUS})
    assert c.kind == "asked_to_call" and any("asked me" in t for t in texts)


def test_a_friend_in_common_only_when_both_ties_are_friendships():
    customer = graph([(REP, PRIYA, "customer", 5, None), (PRIYA, DANA, "friend", 4, None)])
    c, texts = _texts(customer, [REP, PRIYA, DANA])
    assert not c.friends and texts and not any("friend in common" in t for t in texts)
    friends = graph([(REP, PRIYA, "friend", 5, None), (PRIYA, DANA, "friend", 4, None)])
    c, texts = _texts(friends, [REP, PRIYA, DANA])
    assert c.friends and any("friend in common" in t for t in texts)


def test_a_referral_counts_only_while_the_reps_own_tie_is_good():
    good = graph([(REP, GUS, "customer", 5, None), (GUS, DANA, "referral", 4, None)])
    assert classify(good, make_path(good, [REP, GUS, DANA])).stage == "warm"
    cold = graph([(REP, GUS, "acquaintance", 1, stale()), (GUS, DANA, "referral", 4, None)])
    c = classify(cold, make_path(cold, [REP, GUS, DANA]))
    assert c.kind != "asked_to_call" and not c.endorsed


def test_the_opener_follows_the_state_of_the_ask():
    G = graph([(REP, GUS, "friend", 5, None), (GUS, DANA, "colleague", 4, None)])
    path = make_path(G, [REP, GUS, DANA])
    stages = [classify(G, path, **kw).stage for kw in (
        {}, {"pending": {GUS}}, {"asked": {GUS}}, {"declined": {GUS}})]
    assert stages == ["known", "ask", "warm", "declined"]


# -- the rule, written once, refuses a template that breaks it ---------------------------------

@pytest.mark.parametrize(
    ("kind", "source", "words"),
    [
        ("mutual", "{{ knower.name }} suggested I get in touch.", "suggested"),
        ("colleague", "Your colleague {{ knower.name }} thought it was time you and I spoke.",
         "thought it was time"),
        ("reference", "{{ knower.first }} is happy to tell you about my work.", "happy to tell"),
        ("mutual", "We have a friend in common – {{ knower.name }}.", "friend in common"),
        ("teammate", "I know {{ knower.name }} well.", "know"),
        ("event", "{% if knower %}{{ knower.name }} mentioned you.{% else %}Hi.{% endif %}",
         "mentioned"),
    ],
)
def test_a_template_that_claims_too_much_is_refused_with_the_way_out(kind, source, words):
    with pytest.raises(TemplateProblem) as raised:
        check_template(source, kind)
    message = str(raised.value)
    assert words in message and "{% if knower." in message


@pytest.mark.parametrize(
    ("kind", "source"),
    [
        ("mutual", "{% if knower.endorsed %}{{ knower.name }} suggested I get in touch."
                   "{% else %}I believe you know {{ knower.name }}.{% endif %}"),
        ("mutual", "{% if knower.friend %}We have a friend in common – {{ knower.name }}."
                   "{% else %}I believe you know {{ knower.name }}.{% endif %}"),
        ("asked_to_call", "{{ knower.name }} asked me to call you."),
    ],
)
def test_a_template_that_gates_its_claims_is_accepted(kind, source):
    check_template(source, kind)


def test_every_builtin_passes_the_rule_and_every_kind_has_one():
    for template in BUILTIN:
        check_template(template.source, template.kind)
    assert {t.kind for t in BUILTIN} == set(CONNECTION_KINDS)


def test_a_saved_team_template_that_breaks_the_rule_is_not_shown():
    G = graph([(REP, GUS, "friend", 5, None), (GUS, DANA, "friend", 4, None)])
    path = make_path(G, [REP, GUS, DANA])
    old = TemplateSpec("mutual", "team.1", "Old", "{{ knower.name }} recommended you to me.")
    rendered = openers_for(G, path, classify(G, path), templates=[old], rep=REP)
    assert rendered[0].text is None and "recommended" in rendered[0].problem


def test_every_claim_names_a_fact_a_template_can_test():
    G = graph([(REP, GUS, "friend", 5, None), (GUS, DANA, "friend", 4, None)])
    path = make_path(G, [REP, GUS, DANA])
    ctx = path_context(G, path, classify(G, path), rep=REP)
    assert {c.fact for c in CLAIMS} == {"endorsed", "direct", "close", "friends"}
    assert {"endorsed", "direct", "close", "friend"} <= set(ctx["knower"])


# -- call-back scripts never name-drop a cold or stale path ------------------------------------

@pytest.mark.parametrize(
    ("name", "endorsed", "says"),
    [("Gus Ortega", True, "Gus Ortega thought we should talk"),
     ("Gus Ortega", False, "I believe you know Gus Ortega"),
     (None, False, None)],
)
def test_the_callback_script_says_only_what_it_is_given(name, endorsed, says):
    lines = callback_script(prospect_name="Dana Lee", knower_name=name, last_offer=None,
                            issue=None, endorsed=endorsed)
    text = " ".join(lines)
    if says:
        assert says in text
    else:
        assert "believe you know" not in text and "thought we should" not in text
    facts = {"endorsed": endorsed, "direct": True}
    assert unsupported_claims(text, facts) == [], text


def test_a_stale_path_is_not_good_enough_to_name():
    G = graph([(REP, GUS, "acquaintance", 2, stale(8)), (GUS, DANA, "friend", 4, None)])
    c = classify(G, make_path(G, [REP, GUS, DANA]))
    assert c.stage == "known" and not c.good
    warm = graph([(REP, GUS, "friend", 5, None), (GUS, DANA, "friend", 4, None)])
    assert classify(warm, make_path(warm, [REP, GUS, DANA])).good


@pytest.mark.parametrize("line", [*ISSUE_LINES.values(), *ISSUE_SHORT_LINES.values()])
def test_an_issue_line_offers_what_the_rep_brings_and_claims_no_result(line: str) -> None:
    # Said when no library item fits, so nothing in the data says what the idea did for
    # anyone: no saving, no one it helped, no "plants like yours", no figure – and nothing
    # the rep is said to hold or have seen (numbers, what competitors did): only an idea.
    assert line.startswith("I have ")
    assert not re.search(r"\b(?:saves?|saved|help(?:s|ed)|others|like yours|most|numbers?|"
                         r"figures?|data|seen|saw)\b|\d", line, re.I), line
