"""team_row: one row of a team by id; anything else is no such row."""

from __future__ import annotations

import pytest

from referrals.base import MAX_ID
from referrals.errors import NotFound
from referrals.extensions import db
from referrals.models import Person
from referrals.rows import get_team_row, team_row
from tests import factories


def test_only_the_teams_own_row_with_a_valid_id_is_found(app, user, other_user):
    ours = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    theirs = factories.make_person(db.session, other_user.team_id, "Dana Lee")
    db.session.commit()
    assert team_row(db.session, Person, user.team_id, ours.id) is ours
    for row_id in (theirs.id, True, 0, -1, MAX_ID + 1, str(ours.id), None, 10**30):
        assert team_row(db.session, Person, user.team_id, row_id) is None
    with pytest.raises(NotFound, match="No such person."):
        get_team_row(db.session, Person, user.team_id, theirs.id, "No such person.")
