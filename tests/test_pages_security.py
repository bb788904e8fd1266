"""Every HTML page, taken from the URL map: sign-in required, team isolation, CSRF, escaping.

The routes are read from the application's URL map, so a page added later is checked too;
a route with an id argument this module does not know how to fill fails loudly.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from flask import url_for
from sqlalchemy import select

from referrals import create_app
from referrals.advocates.calls import log_advocate_call
from referrals.advocates.introductions import create_introduction_request
from referrals.advocates.references import offer_reference
from referrals.api import bp as api_bp
from referrals.auth.services import create_token
from referrals.extensions import db
from referrals.models import ApiToken, Base
from referrals.outreach.library import create_value_item
from referrals.outreach.wording import save_template
from tests import factories
from tests.conftest import csrf_token_from

# Only the URL map is needed at collection time; this app never touches a database.
_MAP_APP = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
# Pages for signed-out visitors; their own tests are in test_security_auth.py.
PUBLIC = {"static", "auth.login", "auth.forgot_password", "auth.reset_password",
          "auth.accept_invite", "ops.healthz",
          "followups.calendar",  # the secret calendar feed: its token is the key
          "reply.answer"}  # a helper's signed reply link (test_introductions_reply.py)
# JSON for the pages' own script (the type-ahead; test_people_search.py), not a page.
JSON_FOR_PAGES = {"people.lookup"}
PAGE_RULES = sorted(
    (
        rule
        for rule in _MAP_APP.url_map.iter_rules()
        if rule.endpoint not in PUBLIC and rule.endpoint.split(".")[0] != api_bp.name
    ),
    key=lambda rule: rule.endpoint,
)
CALLS = [
    (rule.endpoint, method)
    for rule in PAGE_RULES
    for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
]
GET_PAGES = [endpoint for endpoint, method in CALLS if method == "GET"]
POSTS = [endpoint for endpoint, method in CALLS if method == "POST"]
RULES = {rule.endpoint: rule for rule in PAGE_RULES}
assert len(RULES) == len(PAGE_RULES), "one URL per page endpoint, or extend these tests"
WITH_IDS = [(e, m) for e, m in CALLS if RULES[e].arguments]


def _rule(endpoint: str):
    return RULES[endpoint]


def make_world(team_user, names: tuple[str, str]) -> dict[str, int]:
    """Two people, a tie between them and a group holding the first, in the user's team."""
    team_id = team_user.team_id
    dana = factories.make_person(db.session, team_id, names[0], company="Harbor Foods")
    mike = factories.make_person(db.session, team_id, names[1], company="Quality Fabricators")
    rel = factories.make_relationship(db.session, dana, mike, kind="customer", rating=4)
    group = factories.make_group(db.session, team_id, members=[dana])
    teammate = factories.make_user(db.session, email=f"mate-{team_id}@example.net",
                                   team=team_user.team.name)
    create_token(db.session, team_user, "laptop")
    # An advocate call (with its follow-ups), an introduction request, a reference offer.
    call = log_advocate_call(db.session, team_user, {
        "advocate_id": mike.id, "prospect_id": dana.id, "occurred_on": date(2026, 1, 5)})
    intro = create_introduction_request(db.session, team_user, dana.id, mike.id)
    ask = offer_reference(db.session, team_user, dana, mike.id)
    # A value item and a team opener template.
    item = create_value_item(db.session, team_user, {
        "title": f"Study {team_id}", "kind": "research", "pitch": "p", "issues": ["costs"]})
    template = save_template(db.session, team_user, {
        "kind": "mutual", "label": f"Ours {team_id}", "source": "{{ knower.first }} says hi."})
    db.session.commit()
    token_id = db.session.scalar(
        select(ApiToken.id).where(ApiToken.user_id == team_user.id).order_by(ApiToken.id.desc())
    )
    return {"person_id": dana.id, "other_id": mike.id, "relationship_id": rel.id,
            "group_id": group.id, "user_id": teammate.id, "token_id": token_id,
            "followup_id": call.followups[0].id, "request_id": intro.id, "ask_id": ask.id,
            "item_id": item.id, "template_id": template.id}


@pytest.fixture
def world(user, other_user) -> dict[str, dict[str, int]]:
    return {
        "own": make_world(user, ("Dana Whitfield", "Mike Kincaid")),
        "other": make_world(other_user, ("Olga Secret", "Pavel Secret")),
    }


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: a refused request must leave all of it as it was."""
    db.session.expire_all()
    return {
        table.name: [
            tuple(row)
            for row in db.session.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in Base.metadata.sorted_tables
    }


def url(endpoint: str, ids: dict[str, int], **query: Any) -> str:
    args = {}
    for name in _rule(endpoint).arguments:
        assert name in ids, f"test_pages_security doesn't know how to fill <{name}> of {endpoint}"
        args[name] = ids[name]
    with _MAP_APP.test_request_context():
        return url_for(endpoint, **args, **query)


def payload(endpoint: str, ids: dict[str, int]) -> dict[str, str]:
    """Form data that the page would accept from its own team (so only isolation can refuse it)."""
    if endpoint.startswith("groups."):
        return {"name": "Renamed", "kind": "event", "notes": ""}
    if endpoint.startswith("relationships."):
        return {"kind": "friend", "rating": "5", "last_interaction": "", "notes": "x"}
    if endpoint == "person_groups.add":
        return {"group_id": str(ids["group_id"])}
    if endpoint == "account.create_api_token":
        return {"name": "CRM sync"}
    if endpoint == "account.invite":
        return {"email": "newcomer@example.com"}
    if endpoint.startswith("account."):
        return {}
    return {"name": "Renamed", "email": "renamed@example.com", "roles": "customer", "notes": ""}


def page_token(client) -> str:
    """The session's CSRF token, read from a page as a browser would."""
    page = client.get("/login")
    if page.status_code == 302:  # signed in already
        page = client.get("/people/")
    return csrf_token_from(page.get_data(as_text=True))


# --- signed out ------------------------------------------------------------------------

def test_the_url_map_lists_the_pages():
    endpoints = {rule.endpoint for rule in PAGE_RULES}
    assert {"people.index", "people.detail", "relationships.new", "groups.detail",
            "groups.add_member", "person_groups.add"} <= endpoints
    assert "auth.login" not in endpoints and not any(e.startswith("api.") for e in endpoints)


@pytest.mark.parametrize(("endpoint", "method"), CALLS)
def test_signed_out_visitors_are_sent_to_sign_in(client, world, endpoint, method):
    target = url(endpoint, world["own"])
    before = snapshot()
    if method == "GET":
        response = client.get(target)
    else:  # a real token, so it is the sign-in check that refuses, not CSRF
        data = {**payload(endpoint, world["own"]), "csrf_token": page_token(client)}
        response = client.post(target, data=data)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert snapshot() == before


# --- signed in -------------------------------------------------------------------------

@pytest.mark.parametrize("endpoint", GET_PAGES)
def test_every_page_renders_for_a_signed_in_rep(client, logged_in, world, endpoint):
    response = client.get(url(endpoint, world["own"]))
    if endpoint == "main.index":
        assert response.status_code == 302 and response.headers["Location"] == "/today"
        return
    assert response.status_code == 200, response.get_data(as_text=True)
    if endpoint in JSON_FOR_PAGES:
        assert response.is_json
        return
    html = response.get_data(as_text=True)
    assert "<title>" in html and 'name="csrf_token"' in html  # the sign-out form at least


def _variants(endpoint: str, own: dict[str, int], other: dict[str, int]) -> list[dict[str, int]]:
    """Every id from the other team, and for two-id routes each id alone from the other team."""
    names = _rule(endpoint).arguments
    variants = [{**own, **{n: other[n] for n in names}}]
    if len(names) > 1:
        variants += [{**own, n: other[n]} for n in names]
    return variants


@pytest.mark.parametrize(("endpoint", "method"), WITH_IDS)
def test_another_teams_ids_answer_404_and_change_nothing(
    client, logged_in, world, endpoint, method
):
    token = page_token(client)
    for ids in _variants(endpoint, world["own"], world["other"]):
        before = snapshot()
        target = url(endpoint, ids)
        if method == "GET":
            response = client.get(target)
        else:
            data = {**payload(endpoint, world["own"]), "csrf_token": token}
            response = client.post(target, data=data)
        assert response.status_code == 404, (target, response.status_code)
        assert "Secret" not in response.get_data(as_text=True)
        assert snapshot() == before


@pytest.mark.parametrize(
    "query",
    [
        {"person_id": "other.person_id"},
        {"person_id": "own.person_id", "other_id": "other.person_id"},
        {"person_id": "other.person_id", "other_id": "own.other_id"},
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_new_relationship_with_another_teams_person_is_404(client, logged_in, world, query, method):
    args = {k: world[v.split(".")[0]][v.split(".")[1]] for k, v in query.items()}
    before = snapshot()
    target = url("relationships.new", {}, **args)
    if method == "GET":
        response = client.get(target)
    else:
        data = {**payload("relationships.new", {}), "csrf_token": page_token(client)}
        response = client.post(target, data=data)
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("endpoint", sorted(set(POSTS) - {"auth.logout"}))
def test_a_post_without_csrf_token_is_refused_and_writes_nothing(
    client, logged_in, world, endpoint
):
    ids = world["own"]
    query = {}
    if endpoint == "relationships.new":
        query = {"person_id": ids["person_id"], "other_id": ids["other_id"]}
    before = snapshot()
    response = client.post(url(endpoint, ids, **query), data=payload(endpoint, ids))
    assert response.status_code == 400
    assert "could not be understood" in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_post_with_a_forged_csrf_token_is_refused(client, logged_in, world):
    before = snapshot()
    response = client.post(url("people.delete", world["own"]), data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert snapshot() == before


def test_sign_out_without_csrf_token_keeps_you_signed_in(client, logged_in):
    assert client.post("/logout").status_code == 400
    assert client.get("/people/").status_code == 200


# --- escaping --------------------------------------------------------------------------

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def scripted(user) -> dict[str, int]:
    person = factories.make_person(db.session, user.team_id, SCRIPT, company=SCRIPT, notes=SCRIPT)
    friend = factories.make_person(db.session, user.team_id, "Plain Friend")
    factories.make_relationship(db.session, person, friend, kind="friend")
    group = factories.make_group(db.session, user.team_id, name=SCRIPT, members=[person])
    db.session.commit()
    return {"person_id": person.id, "friend_id": friend.id, "group_id": group.id}


@pytest.mark.parametrize(
    "path",
    [
        "/people/",
        "/people/?q=script",
        "/people/{person_id}",
        "/people/{friend_id}",
        "/people/{person_id}/edit",
        "/people/{person_id}/delete",
        "/groups/",
        "/groups/{group_id}",
        "/groups/{group_id}?q=script",
        "/relationships/new?q=script",
        "/relationships/new?person_id={friend_id}&q=script",
        "/relationships/new?person_id={friend_id}&other_id={person_id}",
    ],
)
def test_user_text_is_escaped(client, logged_in, scripted, path):
    response = client.get(path.format(**scripted))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_a_query_with_markup_is_escaped(client, logged_in):
    html = client.get("/people/", query_string={"q": SCRIPT}).get_data(as_text=True)
    assert SCRIPT not in html and "&lt;script&gt;" in html


# --- ids that cannot name a row ------------------------------------------------------------

@pytest.mark.parametrize("endpoint", sorted({e for e, _ in WITH_IDS}))
@pytest.mark.parametrize("bad_id", [0, 2**31, 10**20])
def test_ids_out_of_range_answer_404(client, logged_in, world, endpoint, bad_id):
    rule = _rule(endpoint)
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(rf"<[^>]*:{name}>", str(bad_id), path)
    method = "GET" if "GET" in rule.methods else "POST"
    before = snapshot()
    response = client.open(path, method=method, data={"csrf_token": page_token(client)})
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("path", ["/people/", "/groups/", "/groups/{group_id}"])
@pytest.mark.parametrize("page", ["0", "-1", "999", str(10**20)])
def test_pages_out_of_range_answer_404(client, logged_in, world, path, page):
    target = path.format(**world["own"])
    assert client.get(target, query_string={"page": page}).status_code == 404


def test_a_page_that_is_not_a_number_is_the_first(client, logged_in, world):
    assert client.get("/people/?page=abc").status_code == 200
