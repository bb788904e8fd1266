"""Interactions feed the graph: they freshen the rep's tie (and only the graph columns cost a
replay), one-way ones don't, and a tie shows the interactions behind its strength."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    Followup,
    GraphChange,
    IntroductionRequest,
    IntroductionStatusChange,
    Person,
    Relationship,
    Team,
    Touch,
)
from referrals.models.changes import PERSON_GRAPH_COLUMNS
from referrals.paths import cache
from referrals.paths.cache import cached_entry, team_graph
from referrals.relationships.interactions import (
    interactions_with,
    note_interaction,
)
from referrals.words import day_label
from tests import factories
from tests.test_paths_views import text_of

TODAY = date.today()
LONG_AGO = TODAY - timedelta(days=730)


def _version(team_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(select(Team.graph_version).where(Team.id == team_id))


def _logged(team_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(GraphChange)
                             .where(GraphChange.team_id == team_id))


@pytest.fixture
def mike(user):
    s = db.session
    rep = s.get(Person, user.person_id)
    mike = factories.make_person(s, user.team_id, "Mike Kincaid", company="Quality Fabricators")
    factories.make_relationship(s, rep, mike, kind="customer", rating=4,
                                last_interaction=LONG_AGO)
    s.commit()
    return mike


def _tie(user, mike) -> Relationship:
    return db.session.scalar(select(Relationship).where(
        Relationship.pair_low == min(user.person_id, mike.id),
        Relationship.pair_high == max(user.person_id, mike.id)))


# --- what bumps the graph -----------------------------------------------------------------

def test_keep_in_touch_columns_are_not_graph_changes(user, mike):
    before, logged = _version(user.team_id), _logged(user.team_id)
    person = db.session.get(Person, mike.id)
    person.last_contact_on = TODAY
    person.keep_in_touch_days = 30
    person.notes = "Prefers mornings."
    db.session.commit()
    assert _version(user.team_id) == before
    assert _logged(user.team_id) == logged
    person = db.session.get(Person, mike.id)
    person.company = "Quality Fabricators Inc"  # a column the graph reads
    db.session.commit()
    assert _version(user.team_id) == before + 1


def test_a_ties_notes_are_not_a_graph_change_but_its_date_is(user, mike):
    before = _version(user.team_id)
    _tie(user, mike).notes = "Met at the trade show."
    db.session.commit()
    assert _version(user.team_id) == before
    _tie(user, mike).last_interaction = TODAY
    db.session.commit()
    assert _version(user.team_id) == before + 1
    logged = db.session.execute(select(GraphChange.entity, GraphChange.key1, GraphChange.key2)
                                .where(GraphChange.version == before + 1)).all()
    assert logged == [("pair", min(user.person_id, mike.id), max(user.person_id, mike.id))]


def test_the_graph_columns_are_the_ones_the_cache_reads():
    read = {c.name for c in cache._people_select().selected_columns} - {"id"}
    assert read <= set(PERSON_GRAPH_COLUMNS)
    assert set(PERSON_GRAPH_COLUMNS) - read == {"team_id"}


def test_an_interaction_freshens_the_tie_and_the_cached_graph_replays_it(user, mike):
    team = db.session.get(Team, user.team_id)
    old = team_graph(db.session, team)[user.person_id][mike.id]["strength"]
    before = _version(user.team_id)

    note_interaction(db.session, user, db.session.get(Person, mike.id), TODAY)
    db.session.commit()

    assert _version(user.team_id) == before + 1  # the tie, not the person's contact date
    assert db.session.get(Person, mike.id).last_contact_on == TODAY
    new = team_graph(db.session, db.session.get(Team, user.team_id))[user.person_id][mike.id]
    assert new["strength"] > old
    assert new["strength"] == pytest.approx(0.9 * 0.3 ** 0.25)  # recency back to 100%
    entry = cached_entry(user.team_id)
    assert (entry.rebuilds, entry.replays) == (1, 1)


def test_an_interaction_finds_the_tie_by_the_pairs_index(user, mike):
    """Not by the team's index, which holds every tie of the team (SQLite without ANALYZE
    picks it when the team is a term of the query)."""
    from sqlalchemy import event

    statements: list[tuple[str, tuple]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.startswith("SELECT relationships."):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        note_interaction(db.session, user, db.session.get(Person, mike.id), TODAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert _tie(user, mike).last_interaction == TODAY
    (statement, parameters), = statements
    assert "relationships.team_id" not in statement.split("WHERE", 1)[1]
    if db.engine.dialect.name == "sqlite":
        cursor = db.session.connection().connection.driver_connection.execute(
            "EXPLAIN QUERY PLAN " + statement, parameters)
        plan = " ".join(str(row) for row in cursor.fetchall())
        assert "pair_low" in plan and "team_id" not in plan, plan
    db.session.rollback()


def test_a_one_way_interaction_restarts_keep_in_touch_only(user, mike):
    before = _version(user.team_id)
    note_interaction(db.session, user, db.session.get(Person, mike.id), TODAY, two_way=False)
    db.session.commit()
    assert db.session.get(Person, mike.id).last_contact_on == TODAY
    assert _tie(user, mike).last_interaction == LONG_AGO
    assert _version(user.team_id) == before


def test_an_interaction_never_moves_dates_back(user, mike):
    note_interaction(db.session, user, db.session.get(Person, mike.id), TODAY)
    db.session.commit()
    before = _version(user.team_id)
    note_interaction(db.session, user, db.session.get(Person, mike.id), TODAY - timedelta(days=3))
    db.session.commit()
    assert db.session.get(Person, mike.id).last_contact_on == TODAY
    assert _tie(user, mike).last_interaction == TODAY
    assert _version(user.team_id) == before


# --- the interactions behind a tie --------------------------------------------------------

def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=12)


def _history(user, mike):
    """Everything the team logged with Mike, one-way and two-way, on distinct days."""
    s, tid = db.session, user.team_id
    dana = factories.make_person(s, tid, "Dana Whitfield", roles=["prospect"])
    day = lambda n: TODAY - timedelta(days=n)  # noqa: E731
    s.add_all([
        Touch(team_id=tid, person_id=mike.id, user_id=user.id, channel="call",
              outcome="spoke", occurred_at=_at(day(1))),
        Touch(team_id=tid, person_id=mike.id, user_id=user.id, channel="voicemail",
              outcome="voicemail_left", occurred_at=_at(day(0))),
        Touch(team_id=tid, person_id=mike.id, user_id=user.id, channel="letter",
              occurred_at=_at(day(0))),
        Touch(team_id=tid, person_id=dana.id, user_id=user.id, channel="call",
              outcome="spoke", occurred_at=_at(day(0))),
        AdvocateCall(team_id=tid, advocate_id=mike.id, prospect_id=dana.id,
                     occurred_on=day(10)),
        Followup(team_id=tid, person_id=mike.id, kind="thank_you", status="done",
                 due_on=day(8), completed_at=_at(day(9))),
        Followup(team_id=tid, person_id=mike.id, kind="nudge", status="done",
                 due_on=day(2), completed_at=_at(day(2))),
        Followup(team_id=tid, person_id=mike.id, kind="feedback", status="open",
                 due_on=day(0)),
    ])
    ask = IntroductionRequest(team_id=tid, prospect_id=dana.id, via_id=mike.id,
                              user_id=user.id, status="introduced", status_on=day(20))
    ask.history = [
        IntroductionStatusChange(status="asked", changed_on=day(30)),
        IntroductionStatusChange(status="agreed", changed_on=day(25)),
        IntroductionStatusChange(status="introduced", changed_on=day(20)),
    ]
    s.add(ask)
    s.commit()


def test_interactions_with_lists_the_two_way_ones_newest_first(user, mike, other_user):
    _history(user, mike)
    found = interactions_with(db.session, user.team_id, mike.id)
    assert [(i.on, i.words) for i in found] == [
        (TODAY - timedelta(days=1), "Spoke with them by phone"),
        (TODAY - timedelta(days=9), "The team thanked them"),
        (TODAY - timedelta(days=10), "Called Dana Whitfield on the team's behalf"),
        (TODAY - timedelta(days=20), "Introduced the team to Dana Whitfield"),
        (TODAY - timedelta(days=25), "Agreed to introduce the team to Dana Whitfield"),
    ]
    assert [i.on for i in interactions_with(db.session, user.team_id, mike.id, limit=2)] == [
        TODAY - timedelta(days=1), TODAY - timedelta(days=9)]
    # Another team's id for the same person answers nothing.
    assert interactions_with(db.session, other_user.team_id, mike.id) == []


def test_no_interactions_is_an_empty_list(user, mike):
    assert interactions_with(db.session, user.team_id, mike.id) == []


def test_the_person_page_shows_the_reps_tie_with_its_interactions_and_strength(
        client, auth, user, mike):
    _history(user, mike)
    auth.login()
    page = text_of(client.get(f"/people/{mike.id}").get_data(as_text=True))
    assert "Latest interactions your team logged with Mike Kincaid, newest first:" in page
    assert f"{day_label(TODAY - timedelta(days=1), TODAY)} – Spoke with them by phone" in page
    assert "Introduced the team to Dana Whitfield" in page
    assert "Voicemail" not in page.split("Who Mike Kincaid knows")[1]
    assert "customer 0.90 × 4 stars 74% × last contact 2 years ago 25%" in page
    # The rep's own page lists the same tie, from the rep's side.
    mine = text_of(client.get(f"/people/{user.person_id}").get_data(as_text=True))
    assert "Latest interactions your team logged with Mike Kincaid" in mine


def test_a_tie_between_two_others_shows_no_story(client, auth, user, mike):
    s = db.session
    dana = factories.make_person(s, user.team_id, "Dana Whitfield")
    factories.make_relationship(s, mike, dana, kind="colleague", rating=3)
    s.commit()
    auth.login()
    page = text_of(client.get(f"/people/{dana.id}").get_data(as_text=True))
    assert "Strength" not in page and "interactions" not in page


def test_the_relationship_page_explains_the_strength(client, auth, user, mike):
    auth.login()
    rel = _tie(user, mike)
    page = text_of(client.get(f"/relationships/{rel.id}/edit").get_data(as_text=True))
    assert "Why this tie is as strong as it is" in page
    assert "Strength 0.17: customer 0.90 × 4 stars 74% × last contact 2 years ago 25%." in page
    assert "No interactions with Mike Kincaid logged yet" in page
    _history(user, mike)
    page = text_of(client.get(f"/relationships/{rel.id}/edit").get_data(as_text=True))
    assert "Spoke with them by phone" in page
