"""The team's recent asks and opener templates kept by a worker under the team's counters
(`referrals.models.counters`): a write anywhere – another worker's session included – is
seen by the next request, a rolled-back write is never kept, and no team sees another's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from referrals.clock import utc_today
from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    IntroductionRequest,
    OpenerTemplate,
    Person,
    ReferenceAsk,
    Team,
    User,
)
from referrals.outreach.openers import BUILTIN
from referrals.paths.asks import recent_ask_dates
from tests import factories

OPENER = "A kept-reads test opener for {{ prospect.first }}."


@contextmanager
def another_worker() -> Iterator[Session]:
    """A session of its own on the same database, committed at the end: what a write in
    another gunicorn worker looks like to this one (nothing of this process is told)."""
    with Session(db.engine) as session:
        yield session
        session.commit()


def _network(user: User) -> tuple[int, int, int]:
    """The rep knows Mike, who knows the prospect Dana: (mike, dana, another prospect)."""
    s = db.session
    rep = s.get(Person, user.person_id)
    mike = factories.make_person(s, user.team_id, "Mike Kincaid")
    dana = factories.make_person(s, user.team_id, "Dana Whitfield", roles=["prospect"])
    other = factories.make_person(s, user.team_id, "Omar Lee", roles=["prospect"])
    factories.make_relationship(s, rep, mike, kind="customer", rating=5)
    factories.make_relationship(s, mike, dana, kind="colleague", rating=4)
    s.commit()
    return mike.id, dana.id, other.id


def _paths(api, dana: int) -> list[dict]:
    response = api.get(f"/api/v1/people/{dana}/paths")
    assert response.status_code == 200
    db.session.remove()  # the next request starts from a fresh session, as in production
    return response.get_json()["paths"]


def _replacing_every_builtin(team_id: int) -> list[OpenerTemplate]:
    return [OpenerTemplate(team_id=team_id, kind=t.kind, label=t.label, source=OPENER,
                           replaces=t.key) for t in BUILTIN]


@pytest.mark.parametrize("ask", ["introduction", "reference", "call"])
def test_an_ask_written_by_another_worker_is_counted_on_the_next_paths(api, user, ask):
    mike, dana, other = _network(user)
    team, today = user.team_id, utc_today()
    assert _paths(api, dana)[0]["penalty"] is None  # the asks are kept now
    assert _paths(api, dana)[0]["penalty"] is None
    with another_worker() as s:
        for days in (3, 10):  # the default cap: two asks in 90 days
            day = today - timedelta(days=days)
            s.add({"introduction": IntroductionRequest(
                       team_id=team, prospect_id=other, via_id=mike, status="asked",
                       status_on=day, asked_on=day),
                   "reference": ReferenceAsk(team_id=team, reference_id=mike,
                                             prospect_id=other, asked_on=day),
                   "call": AdvocateCall(team_id=team, advocate_id=mike, prospect_id=other,
                                        occurred_on=day)}[ask])
    penalty = _paths(api, dana)[0]["penalty"]
    assert penalty is not None and [h["id"] for h in penalty["helpers"]] == [mike]
    assert penalty["helpers"][0]["asks"] == 2


def test_a_deleted_ask_and_a_deleted_person_are_no_longer_counted(api, user):
    mike, dana, other = _network(user)
    team, day = user.team_id, utc_today() - timedelta(days=2)
    with another_worker() as s:
        s.add_all([AdvocateCall(team_id=team, advocate_id=mike, prospect_id=other,
                                occurred_on=day) for _ in range(3)])
    assert _paths(api, dana)[0]["penalty"]["helpers"][0]["asks"] == 3
    with another_worker() as s:
        s.delete(s.scalars(select(AdvocateCall)).first())
    assert _paths(api, dana)[0]["penalty"]["helpers"][0]["asks"] == 2
    with another_worker() as s:  # the database's cascade takes the other two calls
        s.delete(s.get(Person, other))
    assert _paths(api, dana)[0]["penalty"] is None


def test_a_template_written_by_another_worker_words_the_next_paths(api, user):
    _, dana, _ = _network(user)
    before = _paths(api, dana)[0]["opener"]
    assert before and "kept-reads" not in before
    assert _paths(api, dana)[0]["opener"] == before  # kept: the same words, no read
    with another_worker() as s:
        s.add_all(_replacing_every_builtin(user.team_id))
    assert _paths(api, dana)[0]["opener"] == "A kept-reads test opener for Dana."
    with another_worker() as s:
        for row in s.scalars(select(OpenerTemplate)):
            s.delete(row)
    assert _paths(api, dana)[0]["opener"] == before


def test_a_team_never_gets_another_teams_kept_templates(client, api, user):
    """Both teams' counters start alike: what a worker keeps is the team's own."""
    from referrals.auth.services import create_token

    rival = factories.make_user(db.session, email="rival@example.org", team="Rival Co")
    db.session.add_all(_replacing_every_builtin(rival.team_id))
    db.session.commit()
    rival_token = create_token(db.session, rival, "tests")
    db.session.commit()
    _, dana, _ = _network(user)
    rival_id = rival.id
    rival_rep = db.session.get(Person, db.session.get(User, rival_id).person_id)
    rival_dana = factories.make_person(db.session, rival.team_id, "Dana Rival",
                                       roles=["prospect"])
    rival_mike = factories.make_person(db.session, rival.team_id, "Mike Rival")
    factories.make_relationship(db.session, rival_rep, rival_mike, kind="customer", rating=5)
    factories.make_relationship(db.session, rival_mike, rival_dana, kind="colleague", rating=4)
    db.session.commit()
    rival_dana_id = rival_dana.id
    db.session.execute(update(Team).values(asks_version=7, openers_version=7))  # alike
    db.session.commit()
    db.session.remove()
    response = client.get(f"/api/v1/people/{rival_dana_id}/paths",
                          headers={"Authorization": f"Bearer {rival_token}"})
    assert response.get_json()["paths"][0]["opener"] == "A kept-reads test opener for Dana."
    db.session.remove()
    assert "kept-reads" not in _paths(api, dana)[0]["opener"]


def test_asks_read_by_a_transaction_that_rolls_back_are_never_kept(app, user):
    """A session that wrote an ask reads its own write, uncommitted: it keeps nothing, so
    another worker's ask committed under the same counter value is what the next read sees."""
    mike, dana, other = _network(user)
    team_id, today = user.team_id, utc_today()
    db.session.remove()
    team = db.session.get(Team, team_id)
    assert recent_ask_dates(db.session, team, today) == {}  # kept at the counter's value
    db.session.add(AdvocateCall(team_id=team_id, advocate_id=mike, prospect_id=other,
                                occurred_on=today))
    db.session.flush()
    assert list(recent_ask_dates(db.session, team, today)) == [mike]
    db.session.rollback()
    with another_worker() as s:  # the same counter value as the rolled-back write had
        s.add(AdvocateCall(team_id=team_id, advocate_id=dana, prospect_id=other,
                           occurred_on=today))
    db.session.remove()
    team = db.session.get(Team, team_id)
    assert list(recent_ask_dates(db.session, team, today)) == [dana]


def test_writes_around_the_orm_move_the_counters_with_the_graph_rebuild(app, user):
    """Imports, merges, team copies and restores write with bulk statements and then call
    `bump_graph_version` without a change list: the counters move with it; a logged graph
    change (a tie's rating) leaves them."""
    from referrals.models import bump_graph_version

    team_id = user.team_id

    def counters() -> tuple[int, int]:
        db.session.remove()
        team = db.session.get(Team, team_id)
        return team.asks_version, team.openers_version

    start = counters()
    bump_graph_version(db.session, team_id, {("pair", 1, 2)})
    db.session.commit()
    assert counters() == start
    bump_graph_version(db.session, team_id)
    db.session.commit()
    assert counters() == (start[0] + 1, start[1] + 1)


def test_an_introduction_agreed_in_another_worker_changes_the_next_opener(api, user):
    """Who stands where with a target is kept with the team's asks: an introduction to the
    target agreed elsewhere words the next paths call as a promise to call."""
    mike, dana, _ = _network(user)
    before = _paths(api, dana)[0]
    assert "asked me" not in before["opener"]
    assert _paths(api, dana)[0]["opener"] == before["opener"]  # kept
    day = utc_today() - timedelta(days=1)
    with another_worker() as s:
        s.add(IntroductionRequest(team_id=user.team_id, prospect_id=dana, via_id=mike,
                                  status="agreed", status_on=day, asked_on=day))
    after = _paths(api, dana)[0]
    assert "asked me" in after["opener"], after
