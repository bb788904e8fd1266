"""Models and the database constraints behind them (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from referrals.extensions import db
from referrals.models import GraphChange, Group, GroupMembership, Person, Relationship, Team
from tests import factories


def test_person_roles_round_trip(user):
    person = factories.make_person(db.session, user.team_id, roles=["prospect", "advocate"])
    assert person.roles == ["advocate", "prospect"]
    assert person.is_prospect and person.is_advocate and not person.is_customer
    with pytest.raises(ValueError):
        person.roles = ["boss"]


def test_relationship_pair_is_unordered_for_uniqueness(user):
    a = factories.make_person(db.session, user.team_id, "A")
    b = factories.make_person(db.session, user.team_id, "B")
    factories.make_relationship(db.session, a, b, kind="friend")
    db.session.commit()
    twin = Relationship(team_id=user.team_id, kind="friend", rating=3, notes="")
    twin.set_people(b.id, a.id)
    db.session.add(twin)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    # Another kind for the same pair is allowed.
    factories.make_relationship(db.session, b, a, kind="colleague")
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Relationship)) == 2


@pytest.mark.parametrize("rating", [0, 6])
def test_rating_out_of_range_is_refused_by_the_database(user, rating):
    a = factories.make_person(db.session, user.team_id, "A")
    b = factories.make_person(db.session, user.team_id, "B")
    rel = Relationship(team_id=user.team_id, kind="friend", rating=rating, notes="")
    rel.set_people(a.id, b.id)
    db.session.add(rel)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_self_loop_is_refused_by_the_database(user):
    a = factories.make_person(db.session, user.team_id, "A")
    rel = Relationship(team_id=user.team_id, kind="friend", rating=3, notes="")
    rel.set_people(a.id, a.id)
    db.session.add(rel)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_deleting_a_person_cascades_to_ties_and_memberships(user):
    a = factories.make_person(db.session, user.team_id, "A")
    b = factories.make_person(db.session, user.team_id, "B")
    factories.make_relationship(db.session, a, b)
    factories.make_group(db.session, user.team_id, members=[a, b])
    db.session.commit()
    db.session.delete(a)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Relationship)) == 0
    assert db.session.scalar(select(func.count()).select_from(GroupMembership)) == 1
    assert db.session.scalar(select(func.count()).select_from(Group)) == 1


def test_every_graph_change_bumps_the_team_version_and_is_logged(user):
    def version() -> int:
        db.session.expire_all()
        return db.session.scalar(select(Team.graph_version).where(Team.id == user.team_id))

    start = version()
    a = factories.make_person(db.session, user.team_id, "A")
    b = factories.make_person(db.session, user.team_id, "B")
    db.session.commit()
    after_people = version()
    assert after_people > start
    rel = factories.make_relationship(db.session, a, b)
    db.session.commit()
    after_tie = version()
    assert after_tie == after_people + 1
    logged = db.session.execute(
        select(GraphChange.entity, GraphChange.key1, GraphChange.key2).where(
            GraphChange.version == after_tie
        )
    ).all()
    assert logged == [("pair", min(a.id, b.id), max(a.id, b.id))]
    rel.rating = 5
    db.session.commit()
    assert version() == after_tie + 1
    group = factories.make_group(db.session, user.team_id, members=[a])
    db.session.commit()
    entities = set(
        db.session.scalars(select(GraphChange.entity).where(GraphChange.version > after_tie + 1))
    )
    assert entities == {"group", "member"}
    db.session.delete(group)
    db.session.commit()
    # A flush that changes nothing graph-related does not bump.
    before = version()
    user.is_admin = not user.is_admin
    db.session.commit()
    assert version() == before


def test_other_teams_version_is_untouched(user, other_user):
    other_version = other_user.team.graph_version
    factories.make_person(db.session, user.team_id, "A")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Team, other_user.team_id).graph_version == other_version


def test_user_has_own_person_in_team(user):
    assert user.person is not None
    assert user.person.team_id == user.team_id
    assert user.person.email == user.email
    assert db.session.scalar(select(func.count()).select_from(Person)) == 1
