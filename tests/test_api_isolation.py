"""Cross-team isolation on every /api/v1 route with an id in its path.

The routes come from the URL map, so a new route is tested as soon as it exists; an id
argument nobody taught this test to make fails it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from referrals.advocates.calls import log_advocate_call
from referrals.advocates.introductions import create_introduction_request
from referrals.extensions import db
from referrals.models import Touch
from referrals.outreach.library import create_value_item
from tests import factories
from tests.test_api_support import api_routes, fill, snapshot


def _arguments(rule: str) -> list[str]:
    return [part.split(">")[0].split(":")[-1] for part in rule.split("<")[1:]]


CASES = [
    (rule, method, argument)
    for rule, method, _ in api_routes()
    for argument in _arguments(rule)
]
MISSING = 999_999


def _world(user: Any, other_user: Any) -> dict[str, dict[str, int | None]]:
    """Ids of each kind of object, of our team and of the other team."""
    session = db.session
    ours_a = factories.make_person(session, user.team_id, "Our A")
    ours_b = factories.make_person(session, user.team_id, "Our B")
    our_group = factories.make_group(session, user.team_id, "Our Group", members=[ours_a])
    our_tie = factories.make_relationship(session, ours_a, ours_b)
    theirs_a = factories.make_person(session, other_user.team_id, "Their A")
    theirs_b = factories.make_person(session, other_user.team_id, "Their B")
    their_group = factories.make_group(session, other_user.team_id, "Their Group",
                                       members=[theirs_a])
    their_tie = factories.make_relationship(session, theirs_a, theirs_b)
    our_call = log_advocate_call(session, user, {
        "advocate_id": ours_a.id, "prospect_id": ours_b.id, "occurred_on": date(2026, 1, 5)})
    their_call = log_advocate_call(session, other_user, {
        "advocate_id": theirs_a.id, "prospect_id": theirs_b.id, "occurred_on": date(2026, 1, 5)})
    our_item, their_item = (
        create_value_item(session, u, {"title": f"{who} study", "kind": "research",
                                        "pitch": "p", "issues": ["costs"]})
        for u, who in ((user, "Our"), (other_user, "Their")))
    our_intro = create_introduction_request(session, user, ours_b.id, ours_a.id)
    their_intro = create_introduction_request(session, other_user, theirs_b.id, theirs_a.id)
    session.commit()
    return {
        "person_id": {"ours": ours_a.id, "theirs": theirs_a.id},
        "group_id": {"ours": our_group.id, "theirs": their_group.id},
        "relationship_id": {"ours": our_tie.id, "theirs": their_tie.id},
        "followup_id": {"ours": our_call.followups[0].id, "theirs": their_call.followups[0].id},
        "call_id": {"ours": our_call.id, "theirs": their_call.id},
        # the advocate call's touch on the prospect
        "touch_id": {"ours": _touch_of(ours_b), "theirs": _touch_of(theirs_b)},
        "item_id": {"ours": our_item.id, "theirs": their_item.id},
        "introduction_id": {"ours": our_intro.id, "theirs": their_intro.id},
    }


def _touch_of(person: Any) -> int:
    return db.session.scalar(select(Touch.id).where(Touch.person_id == person.id))


def test_every_id_route_is_covered():
    assert CASES, "no route with an id?"
    assert {argument for _, _, argument in CASES} <= {
        "person_id", "group_id", "relationship_id", "followup_id", "call_id", "touch_id",
        "item_id", "introduction_id",
    }


@pytest.mark.parametrize(("rule", "method", "argument"), CASES)
def test_another_teams_id_is_not_found(api, user, other_user, rule, method, argument):
    world = _world(user, other_user)
    assert argument in world, f"teach this test to make a {argument} of each team"
    ours = {name: ids["ours"] for name, ids in world.items()}
    before = snapshot()
    answers = []
    for value in (world[argument]["theirs"], MISSING):
        url = fill(rule, **{**ours, argument: value})
        answers.append(api.client.open(url, method=method, headers=api._headers(), json={}))
    theirs, missing = answers
    assert (theirs.status_code, missing.status_code) == (404, 404)
    assert theirs.get_json() == missing.get_json()
    assert "Their" not in theirs.get_data(as_text=True)
    assert snapshot() == before
    if ours[argument] is not None:  # the same URL with our own id does reach the object
        url = fill(rule, **ours)
        response = api.client.open(url, method=method, headers=api._headers(), json={})
        assert response.status_code != 404


@pytest.mark.parametrize("huge", [2**31, 2**63, 10**30])
def test_ids_past_the_integer_range_read_as_missing(api, user, huge):
    missing = api.get(f"/api/v1/people/{MISSING}")
    response = api.get(f"/api/v1/people/{huge}")
    assert response.status_code == 404 and response.get_json() == missing.get_json()
    group = factories.make_group(db.session, user.team_id)
    db.session.commit()
    response = api.delete(f"/api/v1/groups/{group.id}/members/{huge}")
    assert response.status_code == 404
