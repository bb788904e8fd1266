"""merge_people: every row pointing at the duplicate moves, unique rules hold."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    Base,
    GroupMembership,
    Person,
    Relationship,
    Team,
    Touch,
    User,
)
from referrals.transfer.services import merge_people, people_foreign_keys
from tests import factories


def test_every_foreign_key_to_people_is_found():
    found = {(t.name, c.name) for t, c in people_foreign_keys()}
    expected = {(t.name, fk.parent.name) for t in Base.metadata.sorted_tables
                for fk in t.foreign_keys if fk.column.table.name == "people"}
    assert found == expected
    assert {("touches", "person_id"), ("group_memberships", "person_id"),
            ("users", "person_id"), ("relationships", "person_a_id")} <= found


@pytest.fixture
def trio(user):
    team = user.team_id
    keep = factories.make_person(db.session, team, "Dana Whitfield", company="Acme",
                                 roles=["customer"], notes="Keeps notes.")
    dup = factories.make_person(db.session, team, "Dana W.", email="dana@acme.example",
                                phone="555", roles=["advocate"], notes="Met at OMA.")
    third = factories.make_person(db.session, team, "Pat Jones")
    db.session.commit()
    return keep, dup, third


def test_merge_moves_ties_groups_touches_and_calls(user, trio):
    keep, dup, third = trio
    team = user.team_id
    fourth = factories.make_person(db.session, team, "Lee Chan")
    factories.make_relationship(db.session, dup, third, "friend", rating=5,
                                last_interaction=date(2025, 1, 1))
    factories.make_relationship(db.session, third, keep, "friend", rating=2,
                                last_interaction=date(2025, 6, 1))
    factories.make_relationship(db.session, dup, fourth, "colleague")
    factories.make_relationship(db.session, dup, keep, "family")
    both = factories.make_group(db.session, team, "OMA", members=[keep, dup])
    only_dup = factories.make_group(db.session, team, "Chamber", members=[dup])
    db.session.add(Touch(team_id=team, person_id=dup.id, channel="call"))
    db.session.add(AdvocateCall(team_id=team, advocate_id=dup.id, prospect_id=fourth.id,
                                occurred_on=date(2025, 1, 2)))
    db.session.add(AdvocateCall(team_id=team, advocate_id=dup.id, prospect_id=keep.id,
                                occurred_on=date(2025, 1, 3)))
    db.session.commit()
    version = db.session.get(Team, team).graph_version
    keep_id, dup_id = keep.id, dup.id

    merged = merge_people(db.session, keep, dup)
    db.session.commit()

    assert db.session.get(Person, dup_id) is None
    assert (merged.name, merged.company, merged.email, merged.phone) == (
        "Dana Whitfield", "Acme", "dana@acme.example", "555")
    assert merged.roles == ["customer", "advocate"]
    assert merged.notes == "Keeps notes.\nMet at OMA."
    ties = {(t.pair_low, t.pair_high, t.kind): t for t in db.session.scalars(select(Relationship))}
    assert len(ties) == 2  # the two friend ties became one; the family tie between them went
    friend = ties[(min(keep_id, third.id), max(keep_id, third.id), "friend")]
    assert (friend.rating, friend.last_interaction) == (5, date(2025, 6, 1))
    colleague = ties[(min(keep_id, fourth.id), max(keep_id, fourth.id), "colleague")]
    assert keep_id in (colleague.person_a_id, colleague.person_b_id)
    members = set(db.session.execute(select(GroupMembership.group_id, GroupMembership.person_id)))
    assert members == {(both.id, keep_id), (only_dup.id, keep_id)}
    assert db.session.scalars(select(Touch.person_id)).all() == [keep_id]
    calls = db.session.scalars(select(AdvocateCall)).all()
    assert [(c.advocate_id, c.prospect_id) for c in calls] == [(keep_id, fourth.id)]
    assert db.session.get(Team, team).graph_version > version


def test_the_duplicate_may_be_a_reps_own_person(user, trio):
    keep, _, _ = trio
    rep = db.session.get(Person, user.person_id)
    merge_people(db.session, keep, rep)
    db.session.commit()
    assert db.session.get(User, user.id).person_id == keep.id


def test_two_reps_or_one_person_cannot_be_merged(user, other_user, trio):
    keep, _, _ = trio
    second = factories.make_user(db.session, "second@example.com", team="Acme Sales")
    db.session.commit()
    with pytest.raises(ValidationFailed):
        merge_people(db.session, db.session.get(Person, user.person_id),
                     db.session.get(Person, second.person_id))
    with pytest.raises(ValidationFailed):
        merge_people(db.session, keep, keep)
    with pytest.raises(ValidationFailed):
        merge_people(db.session, keep, db.session.get(Person, other_user.person_id))
