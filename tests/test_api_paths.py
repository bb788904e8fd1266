"""GET /api/v1/people/{id}/paths and GET /api/v1/prospects/ranking, as API.md says."""

from __future__ import annotations

import math

import pytest

from referrals.extensions import db
from referrals.graph import ranking
from referrals.graph.explain import explain_path
from referrals.graph.index import SourceState
from referrals.graph.paths import make_path
from referrals.models import Person, Touch
from referrals.paths import cache, services
from tests import factories
from tests.test_api_support import CheckedApi


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def network(user):
    """Rep -customer-> Mike -colleague-> Dana (prospect); Rep -friend-> Lee -friend-> Dana."""
    s, tid = db.session, user.team_id
    rep = s.get(Person, user.person_id)
    mike = factories.make_person(s, tid, "Mike Kincaid", company="Quality Fabricators",
                                 roles=["customer"])
    lee = factories.make_person(s, tid, "Lee Park", company="Harbor Foods")
    dana = factories.make_person(s, tid, "Dana Whitfield", company="Harbor Foods",
                                 roles=["prospect"])
    far = factories.make_person(s, tid, "Far Away", roles=["prospect"])
    dnc = factories.make_person(s, tid, "Do Not Call", roles=["prospect"], do_not_contact=True)
    factories.make_relationship(s, rep, mike, kind="customer", rating=5)
    factories.make_relationship(s, mike, dana, kind="colleague", rating=4)
    factories.make_relationship(s, rep, lee, kind="friend", rating=2)
    factories.make_relationship(s, lee, dana, kind="friend", rating=2)
    factories.make_relationship(s, mike, dnc, kind="friend", rating=5)
    s.commit()
    return {"rep": rep, "mike": mike, "lee": lee, "dana": dana, "far": far, "dnc": dnc}


def test_paths_are_best_first_with_steps_ties_and_words(api, network):
    dana = network["dana"]
    response = api.get(f"/api/v1/people/{dana.id}/paths?k=3&max_hops=4&from=me")
    assert response.status_code == 200
    paths = response.get_json()["paths"]
    assert [[s["name"] for s in p["steps"]] for p in paths] == [
        ["Rep", "Mike Kincaid", "Dana Whitfield"],
        ["Rep", "Lee Park", "Dana Whitfield"],
    ]
    best = paths[0]
    assert best["steps"][0]["id"] == network["rep"].id and best["steps"][-1]["id"] == dana.id
    assert best["hops"] == 2 == len(best["ties"])
    assert [t["kind"] for t in best["ties"]] == ["customer", "colleague"]
    assert math.isclose(best["warmth"], math.prod(t["tie_strength"] for t in best["ties"]))
    assert [p["warmth"] for p in paths] == sorted((p["warmth"] for p in paths), reverse=True)
    assert "Mike" in best["explanation"] and "Mike Kincaid" in best["opener"]
    # Nobody on these paths was asked too often: the sorted-by warmth is the plain one.
    assert all(p["penalty"] is None and p["penalised_warmth"] == p["warmth"] for p in paths)


def test_max_hops_limits_the_paths(api, network):
    response = api.get(f"/api/v1/people/{network['dana'].id}/paths?max_hops=1")
    assert response.get_json() == {"paths": []}


def test_from_another_person_of_the_team(api, network):
    response = api.get(f"/api/v1/people/{network['dana'].id}/paths?from={network['mike'].id}")
    best = response.get_json()["paths"][0]
    assert [s["name"] for s in best["steps"]] == ["Mike Kincaid", "Dana Whitfield"]


def test_a_do_not_contact_target_gets_no_paths(api, network):
    response = api.get(f"/api/v1/people/{network['dnc'].id}/paths")
    assert response.status_code == 200 and response.get_json() == {"paths": []}


def test_do_not_contact_people_are_never_intermediaries(api, network):
    s = db.session
    far = network["far"]
    factories.make_relationship(s, network["dnc"], far, kind="family", rating=5)
    s.commit()
    assert api.get(f"/api/v1/people/{far.id}/paths").get_json() == {"paths": []}


def test_a_change_shows_on_the_very_next_request(api, network):
    far = network["far"]
    assert api.get(f"/api/v1/people/{far.id}/paths").get_json() == {"paths": []}
    response = api.post("/api/v1/relationships", json={
        "person_a": network["lee"].id, "person_b": far.id, "kind": "friend", "rating": 4})
    assert response.status_code == 201
    paths = api.get(f"/api/v1/people/{far.id}/paths").get_json()["paths"]
    assert [s["name"] for s in paths[0]["steps"]] == ["Rep", "Lee Park", "Far Away"]


@pytest.mark.parametrize("query, field", [
    ("k=0", "k"), ("k=11", "k"), ("max_hops=7", "max_hops"), ("max_hops=0", "max_hops"),
    ("from=abc", "from"), ("k=x", "k"),
])
def test_bad_options_get_field_messages(api, network, query, field):
    response = api.get(f"/api/v1/people/{network['dana'].id}/paths?{query}")
    assert response.status_code == 400
    assert field in response.get_json()["fields"]


def test_from_another_teams_person_is_not_found(api, network, other_user):
    response = api.get(f"/api/v1/people/{network['dana'].id}/paths?from={other_user.person_id}")
    assert response.status_code == 404


def test_the_ranking_is_warmest_first_with_first_steps(api, network):
    response = api.get("/api/v1/prospects/ranking")
    assert response.status_code == 200
    items = response.get_json()["items"]
    names = [i["prospect"]["name"] for i in items]
    assert names[0] == "Dana Whitfield"
    assert items[0]["first_step"] == {"type": "person", "id": network["mike"].id,
                                      "name": "Mike Kincaid"}
    assert items[0]["hops"] == 2 and 0 < items[0]["warmth"] <= 1
    unreachable = {i["prospect"]["name"]: i for i in items[1:]}
    assert set(unreachable) == {"Far Away", "Do Not Call"}
    assert all(i["warmth"] is None and i["first_step"] is None for i in unreachable.values())
    assert response.get_json()["next"] is None


def test_the_ranking_pages_with_next_links(api, network):
    first = api.get("/api/v1/prospects/ranking?limit=2").get_json()
    assert len(first["items"]) == 2 and first["next"]
    second = api.get(first["next"]).get_json()
    assert len(second["items"]) == 1 and second["next"] is None
    seen = [i["prospect"]["id"] for i in first["items"] + second["items"]]
    assert len(set(seen)) == 3


def test_the_ranking_matches_each_best_path(api, network):
    items = api.get("/api/v1/prospects/ranking").get_json()["items"]
    for item in items:
        paths = api.get(f"/api/v1/people/{item['prospect']['id']}/paths?k=1").get_json()["paths"]
        if item["warmth"] is None:
            assert paths == []
        else:
            assert math.isclose(paths[0]["warmth"], item["warmth"])
            assert paths[0]["steps"][1]["id"] == item["first_step"]["id"]


def test_the_ranking_never_shows_another_team(api, network, other_user):
    factories.make_person(db.session, other_user.team_id, "Their Prospect", roles=["prospect"])
    db.session.add(Touch(team_id=other_user.team_id, person_id=other_user.person_id,
                         channel="call"))
    db.session.commit()
    items = api.get("/api/v1/prospects/ranking").get_json()["items"]
    names = [i["prospect"]["name"] for i in items]
    assert "Their Prospect" not in names


def test_the_ranking_builds_paths_for_the_page_it_returns_only(api, network, monkeypatch):
    """Ten reachable prospects, a page of two: two best paths walked back (in one pass) and
    two path objects, no explanation – every prospect is ranked on numbers alone."""
    s, tid = db.session, network["rep"].team_id
    for i in range(8):
        prospect = factories.make_person(s, tid, f"Prospect {i}", roles=["prospect"])
        factories.make_relationship(s, network["lee"], prospect, kind="friend", rating=1 + i % 5)
    s.commit()
    api.get("/api/v1/prospects/ranking?limit=2")  # the graph and the rep's layers, built
    built, explained, walked = [], [], []
    chain = SourceState.chain
    monkeypatch.setattr(SourceState, "chain",
                        lambda st, h, preds: walked.append(len(preds)) or chain(st, h, preds))
    monkeypatch.setattr(ranking, "make_path",
                        lambda G, nodes: built.append(nodes) or make_path(G, nodes))
    monkeypatch.setattr(services, "explain_path",
                        lambda *a, **k: explained.append(a) or explain_path(*a, **k))
    body = api.get("/api/v1/prospects/ranking?limit=2").get_json()
    assert len(body["items"]) == 2 and body["next"]
    assert walked == [2] and len(built) == 2 and not explained
    walked.clear()
    last = api.get("/api/v1/prospects/ranking?limit=2&offset=8").get_json()
    assert walked == [1] and len(last["items"]) == 2  # a reachable one, then unreachable
    assert last["items"][1]["warmth"] is None
    everyone = api.get("/api/v1/prospects/ranking?limit=50").get_json()["items"]
    assert [i["prospect"]["id"] for i in everyone[:2]] == [
        i["prospect"]["id"] for i in body["items"]]
    assert sum(i["warmth"] is not None for i in everyone) == 9


def _ranked_names(api):
    return {i["prospect"]["name"] for i in api.get("/api/v1/prospects/ranking").get_json()["items"]}


def test_the_ranking_reads_prospects_from_the_current_graph_and_sees_role_changes(
        api, network, monkeypatch):
    """Who is a prospect comes from the team graph's roles, not a SQL read – and a role
    changed a moment ago is in the very next ranking (the change publishes a new graph)."""
    assert _ranked_names(api) == {"Dana Whitfield", "Far Away", "Do Not Call"}
    monkeypatch.setattr(services, "rankable_ids", lambda *a, **k: pytest.fail("read by SQL"))
    assert _ranked_names(api) == {"Dana Whitfield", "Far Away", "Do Not Call"}
    network["lee"].is_prospect = True
    network["far"].is_prospect = False
    db.session.commit()
    assert _ranked_names(api) == {"Dana Whitfield", "Lee Park", "Do Not Call"}


def test_a_ranking_on_a_graph_behind_the_database_reads_prospects_by_sql(
        api, network, monkeypatch):
    """A large team far behind is served its previous graph while a new one is built: its
    roles may be old, so the ranking reads who is a prospect from the database."""
    monkeypatch.setattr(cache, "SYNC_REBUILD_NODES", 0)  # every graph counts as large
    monkeypatch.setattr(cache, "MAX_REPLAY", 0)  # and every change too many to replay
    monkeypatch.setattr(cache, "rebuild_later", lambda *a, **k: None)  # still building
    assert _ranked_names(api) == {"Dana Whitfield", "Far Away", "Do Not Call"}
    served = cache.cached_entry(network["rep"].team_id).graph
    network["lee"].is_prospect = True
    network["far"].is_prospect = False
    db.session.commit()
    assert _ranked_names(api) == {"Dana Whitfield", "Lee Park", "Do Not Call"}
    assert cache.cached_entry(network["rep"].team_id).graph is served  # the old graph
