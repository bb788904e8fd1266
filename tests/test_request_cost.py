"""What a request costs the database: SQL statements counted per request.

Counts, never times (bench/requests.py measures CPU). Each counted request starts from a
fresh database session, as it does in production: the test app context would otherwise keep
the previous request's rows in its identity map and hide their reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from referrals.account.services import remove_member, revoke_token
from referrals.advocates.calls import log_advocate_call
from referrals.auth.services import create_token
from referrals.clock import today_for, utc_now, utc_today
from referrals.demo import DEMO_PASSWORD, REPS, seed_demo
from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    ApiToken,
    GroupMembership,
    IntroductionRequest,
    Person,
    Relationship,
    Touch,
    User,
)
from tests import factories

# The signed-in user (with the team's graph version and counters), the person with the team's
# reps, the page's rows (ties, groups, touches, follow-ups, introductions, advocate calls),
# and the rep's tie stories when the person knows the rep: 4–5 (was 17–20, then 6–7). The
# team's recent asks and opener templates are kept by the worker while its counters stand.
PERSON_PAGE_QUERIES = 5


@contextmanager
def counted(with_parameters: bool = False) -> Iterator[list]:
    """The SQL statements sent while the block runs, from a fresh session (each with its
    parameters if asked: the same statement with other values is not a repeated read)."""
    db.session.remove()
    statements: list = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append((statement, repr(parameters)) if with_parameters else statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


# --- the API token: one query ----------------------------------------------------------------

def test_an_api_request_reads_token_user_and_team_in_one_query(api):
    assert api.get("/api/v1/me").status_code == 200  # the first use moves "last used" on
    with counted() as statements:
        response = api.get("/api/v1/me")
    assert response.status_code == 200
    assert response.get_json()["team"]["name"] == "Acme Sales"
    assert len(statements) == 1, statements
    assert "JOIN" in statements[0] and "api_tokens" in statements[0]


def test_last_used_is_written_once_a_minute_not_per_request(api):
    with counted() as first:
        assert api.get("/api/v1/me").status_code == 200
    assert sum(s.startswith("UPDATE api_tokens") for s in first) == 1
    used = db.session.scalar(select(ApiToken.last_used_at))
    assert used is not None
    with counted() as second:
        assert api.get("/api/v1/me").status_code == 200
    assert not any(s.startswith("UPDATE") for s in second)
    db.session.remove()
    assert db.session.scalar(select(ApiToken.last_used_at)) == used


def test_a_revoked_token_is_refused_on_the_very_next_request(api, user):
    assert api.get("/api/v1/me").status_code == 200
    token = db.session.scalar(select(ApiToken))
    revoke_token(db.session, db.session.get(User, user.id), token.id)
    db.session.commit()
    assert api.get("/api/v1/me").status_code == 401


def test_a_removed_members_token_is_refused_on_the_very_next_request(client, user):
    member = factories.make_user(db.session, email="member@example.com")
    token = create_token(db.session, member, "cli")
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    remove_member(db.session, db.session.get(User, user.id), member.id)
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_token_of_a_deactivated_user_is_refused_without_a_second_read(api, user):
    db.session.get(User, user.id).deactivated_at = utc_now()
    db.session.commit()
    with counted() as statements:
        assert api.get("/api/v1/me").status_code == 401
    assert len(statements) == 1


# --- a signed-in page: the user, team and session row in one query ------------------------------

def test_a_signed_in_request_loads_its_user_in_one_query(client, logged_in):
    with counted() as statements:
        response = client.get("/")  # login_required, then a redirect: nothing else to read
    assert response.status_code == 302 and "/login" not in response.headers["Location"]
    assert len(statements) == 1, statements
    assert "user_sessions" in statements[0] and "teams" in statements[0]


def test_signing_out_still_ends_the_session_with_the_one_query_loader(client, auth, logged_in):
    cookie = client.get_cookie("session")
    auth.logout()
    client.set_cookie("session", cookie.value)
    assert client.get("/people/").status_code == 302  # back to the sign-in page


# --- /healthz: SELECT 1 once the schema was found current --------------------------------------

def test_healthz_checks_migrations_once_then_only_pings(app, client):
    app.extensions.pop("referrals_schema_heads", None)
    with counted() as first:
        assert client.get("/healthz").status_code == 200
    assert any("alembic_version" in s for s in first)
    for _ in range(3):
        with counted() as later:
            response = client.get("/healthz")
        assert response.status_code == 200 and response.get_json()["status"] == "ok"
        assert later == ["SELECT 1"]


def test_healthz_reads_a_schema_that_is_behind_on_every_probe(app, client):
    app.extensions.pop("referrals_schema_heads", None)
    saved = app.extensions.pop("referrals_migration_heads", None)
    app.extensions["referrals_migration_heads"] = {"ffffffffffff"}
    try:
        for _ in range(2):
            with counted() as statements:
                assert client.get("/healthz").status_code == 503
            assert any("alembic_version" in s for s in statements)
    finally:
        app.extensions.pop("referrals_migration_heads")
        if saved is not None:
            app.extensions["referrals_migration_heads"] = saved


# --- the person page -------------------------------------------------------------------------

@pytest.fixture
def demo(app, client, auth):
    seed_demo(db.session)
    db.session.commit()
    auth.login(REPS[0][0], DEMO_PASSWORD)
    rep = db.session.scalar(select(User).where(User.email == REPS[0][0]))
    return rep


def _typical_people(rep: User) -> list[Person]:
    """Prospects with paths and touches, a customer, a plain contact and the rep themself."""
    team = rep.team_id
    people = list(db.session.scalars(
        select(Person).where(Person.team_id == team, Person.is_prospect).order_by(Person.id)
        .limit(3)))
    people += db.session.scalars(
        select(Person).where(Person.team_id == team, Person.is_customer).order_by(Person.id)
        .limit(1))
    people += db.session.scalars(
        select(Person).where(Person.team_id == team, ~Person.is_prospect, ~Person.is_customer)
        .order_by(Person.id.desc()).limit(1))
    people.append(db.session.get(Person, rep.person_id))
    return people


def test_the_person_page_reads_each_thing_once(client, demo, capsys):
    people = _typical_people(demo)
    client.get(f"/people/{people[0].id}")  # the worker's first request builds the graph
    counts = {}
    for person in people:
        with counted(with_parameters=True) as statements:
            response = client.get(f"/people/{person.id}")
        assert response.status_code == 200
        counts[person.id] = len(statements)
        repeated = sorted({s for s, _ in statements if statements.count((s, _)) > 1})
        assert not repeated, repeated
    with capsys.disabled():
        print(f"\n  person page, demo team: SQL queries per page {sorted(counts.values())}")
    assert max(counts.values()) <= PERSON_PAGE_QUERIES


def test_a_busy_prospects_page_reads_everything_together(client, demo):
    """The demo prospect with the most going on – ties, groups, touches, introductions, and
    an advocate's call with its follow-ups – has every kind on its page, read together."""
    team = demo.team_id
    asked = db.session.scalar(select(IntroductionRequest).where(
        IntroductionRequest.team_id == team, IntroductionRequest.via_id != demo.person_id)
        .order_by(IntroductionRequest.id))
    log_advocate_call(db.session, demo, {
        "advocate_id": asked.via_id, "prospect_id": asked.prospect_id,
        "occurred_on": today_for(demo), "outcome": "Left a warm word", "notes": ""})
    db.session.commit()
    counts = {
        name: dict(db.session.execute(select(column, func.count()).where(
            table.team_id == team).group_by(column)).all())
        for name, table, column in (
            ("touches", Touch, Touch.person_id),
            ("calls", AdvocateCall, AdvocateCall.prospect_id),
            ("intros", IntroductionRequest, IntroductionRequest.prospect_id),
            ("groups", GroupMembership, GroupMembership.person_id),
            ("ties", Relationship, Relationship.person_b_id))}
    busy = [pid for pid in counts["calls"] if all(pid in found for found in counts.values())]
    assert busy, counts
    person = db.session.get(Person, max(busy, key=lambda pid: sum(
        found[pid] for found in counts.values())))
    client.get(f"/people/{person.id}")  # the worker's first request builds the graph
    with counted() as statements:
        html = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert person.name in html and "called" in html and "Follow-ups" in html
    assert len(statements) <= PERSON_PAGE_QUERIES, "\n".join(statements)


def test_advocates_who_called_a_prospect_are_read_together(client, user, logged_in):
    """Advocates who called the prospect but are not among their ties are named by the
    advocacy panel and the timeline: read in one query, not one each."""
    s = db.session
    prospect = factories.make_person(s, user.team_id, "Pat Prospect", roles=["prospect"])
    for name in ("Ann Advocate", "Bo Advocate", "Cy Advocate"):
        advocate = factories.make_person(s, user.team_id, name)
        s.add(AdvocateCall(team_id=user.team_id, advocate_id=advocate.id,
                           prospect_id=prospect.id, occurred_on=utc_today(), outcome="Left word"))
    s.commit()
    prospect_id = prospect.id
    client.get(f"/people/{prospect_id}")  # the worker's first request builds the graph
    with counted() as statements:
        html = client.get(f"/people/{prospect_id}").get_data(as_text=True)
    assert "Cy Advocate" in html
    people_reads = [st for st in statements if st.startswith("SELECT people.")]
    assert len(people_reads) == 2, people_reads  # the person (with the reps), the advocates
    assert len(statements) <= PERSON_PAGE_QUERIES, "\n".join(statements)


def test_the_person_page_lists_no_groups_until_asked(client, demo):
    person = _typical_people(demo)[0]
    client.get(f"/people/{person.id}")  # the worker's first request builds the graph
    with counted() as statements:
        html = client.get(f"/people/{person.id}").get_data(as_text=True)
    listed = [s for s in statements if "FROM groups" in s and "group_memberships" not in s]
    assert not listed, listed
    assert 'name="group_q"' in html and 'name="group_id"' not in html
    with counted() as statements:
        html = client.get(f"/people/{person.id}?group_q=expo").get_data(as_text=True)
    assert sum("FROM groups" in s and "LIMIT" in s for s in statements) == 1
    assert 'name="group_id"' in html


def test_the_network_picture_links_every_dot_to_its_page(client, demo):
    person = _typical_people(demo)[0]
    html = client.get(f"/people/{person.id}").get_data(as_text=True)
    picture = html[html.index('id="network"'):]
    assert f'<a href="/people/{person.id}">' in picture
    assert '<a href="/groups/' in picture  # the demo's groups are drawn as squares


# --- logging an advocate call ------------------------------------------------------------------

def test_logging_an_advocate_call_reads_each_person_once_and_answers_from_its_writes(api, user):
    """The advocate, the prospect and the rep's own person in one SELECT; the advocate's row
    written once (new role and last contact together); the answer made from the rows as
    written, not read back after the commit."""
    rep = db.session.get(Person, user.person_id)
    advocate = factories.make_person(db.session, user.team_id, "Ann Advocate")
    prospect = factories.make_person(db.session, user.team_id, "Pat Prospect", is_prospect=True)
    factories.make_relationship(db.session, rep, advocate, kind="friend", rating=4)
    db.session.commit()
    rep_id, advocate_id, prospect_id, today = rep.id, advocate.id, prospect.id, today_for(user)
    with counted() as statements:
        response = api.post("/api/v1/advocate-calls", json={
            "advocate_id": advocate_id, "prospect_id": prospect_id,
            "occurred_on": today.isoformat(), "outcome": "Left a voicemail"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/advocate-calls/{body['id']}")
    assert sorted(f["kind"] for f in body["followups"]) == ["feedback", "thank_you"]
    assert all(f["id"] for f in body["followups"])
    people_reads = [s for s in statements if s.startswith("SELECT people.")]
    assert len(people_reads) == 1, people_reads
    person_writes = [s for s in statements if s.startswith("UPDATE people SET")
                     and "version=people.version" not in s]  # not the row lock
    assert len(person_writes) == 1 and "is_advocate" in person_writes[0], person_writes
    assert sum(s.startswith("UPDATE teams SET graph_version") for s in statements) == 1
    assert not [s for s in statements if s.startswith("SELECT advocate_calls.")
                and "advocate_calls.id =" in s]
    db.session.remove()
    call = db.session.get(AdvocateCall, body["id"])
    assert [f.id for f in call.followups] == [f["id"] for f in body["followups"]]
    tie = db.session.scalar(select(Relationship).where(
        Relationship.pair_low == min(rep_id, advocate_id),
        Relationship.pair_high == max(rep_id, advocate_id)))
    assert tie.last_interaction == today
    assert db.session.get(Person, advocate_id).is_advocate


# --- templates ---------------------------------------------------------------------------------

def test_a_started_worker_has_every_template_compiled_before_its_first_page(
        app, client, demo, monkeypatch):
    """gunicorn.conf.py compiles the templates as a worker starts: no page compiles one."""
    from referrals.web.templating import compile_templates

    app.jinja_env.cache.clear()  # a fresh worker
    assert compile_templates(app) >= 50

    def compile_again(*args, **kwargs):
        raise AssertionError("a template was compiled during a request")

    monkeypatch.setattr(app.jinja_env, "compile", compile_again)
    for person in _typical_people(demo):
        assert client.get(f"/people/{person.id}").status_code == 200
    assert client.get("/", follow_redirects=True).status_code == 200


def test_gunicorns_worker_hook_compiles_templates_and_freezes_what_it_built(app):
    import gc
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", Path(__file__).resolve().parent.parent / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)

    class Worker:
        wsgi = app

        def notify(self) -> None:
            pass

    app.jinja_env.cache.clear()
    try:
        conf.post_worker_init(Worker())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert len(app.jinja_env.cache) >= 50


def test_paths_to_someone_out_of_reach_read_no_opener_wording(api, user):
    """With no path there is nothing to word: who stands where with the target (the
    introductions and calls the openers are chosen by) is not read."""
    s = db.session
    rep = s.get(Person, user.person_id)
    mike = factories.make_person(s, user.team_id, "Mike Kincaid")
    far = factories.make_person(s, user.team_id, "Far Away", roles=["prospect"])
    near = factories.make_person(s, user.team_id, "Dana Whitfield", roles=["prospect"])
    also = factories.make_person(s, user.team_id, "Ann Near", roles=["prospect"])
    factories.make_relationship(s, rep, mike, kind="customer", rating=5)
    factories.make_relationship(s, mike, near, kind="colleague", rating=4)
    factories.make_relationship(s, mike, also, kind="colleague", rating=4)
    s.commit()
    near_id, also_id, far_id = near.id, also.id, far.id
    # Builds the graph, and reads the team's asks (with Dana's askers) for the worker to keep.
    assert api.get(f"/api/v1/people/{near_id}/paths").status_code == 200
    with counted() as reachable:  # a target nobody asked about yet: its askers are read
        response = api.get(f"/api/v1/people/{also_id}/paths")
    assert response.status_code == 200 and response.get_json()["paths"]
    standing = "introduction_requests.status"
    assert any(standing in statement for statement in reachable)
    with counted() as unreachable:
        response = api.get(f"/api/v1/people/{far_id}/paths")
    assert response.status_code == 200 and response.get_json()["paths"] == []
    assert not any(standing in statement for statement in unreachable), unreachable
    assert len(unreachable) < len(reachable)


def test_warm_paths_read_the_rep_the_target_and_its_standing_only(api, user):
    """The team's recent asks (with who stands where with each target asked about) and its
    opener templates are kept by the worker while the team's counters stand (see
    tests/test_paths_kept_reads.py), and the rep's name and company come from the team
    graph: a warm paths call reads the token's user and team, and the target – 2 queries."""
    s = db.session
    rep = s.get(Person, user.person_id)
    mike = factories.make_person(s, user.team_id, "Mike Kincaid")
    dana = factories.make_person(s, user.team_id, "Dana Whitfield", roles=["prospect"])
    factories.make_relationship(s, rep, mike, kind="customer", rating=5)
    factories.make_relationship(s, mike, dana, kind="colleague", rating=4)
    s.commit()
    dana_id = dana.id
    assert api.get(f"/api/v1/people/{dana_id}/paths").status_code == 200  # builds the graph
    with counted() as statements:
        response = api.get(f"/api/v1/people/{dana_id}/paths")
    found = response.get_json()["paths"]
    assert found and found[0]["opener"] and "Mike" in found[0]["opener"]
    assert not any("opener_templates" in s or "introduction_requests" in s for s in statements)
    assert len(statements) == 2, "\n".join(statements)
