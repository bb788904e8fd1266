"""The voicemail builder over every combination of the demo library: one, two and three
reasons (value items and issues), each call to action, with and without an opener, with no
touch logged, with each item mailed, and with each item e-mailed. Every draft it writes
passes its own message check and fits in 30 seconds; where none fits, it names a reason to
drop, and dropping it gives a draft that fits."""

from __future__ import annotations

from datetime import timedelta
from itertools import combinations

import pytest
from sqlalchemy import select

from referrals.clock import utc_now
from referrals.demo import REPS, seed_demo
from referrals.extensions import db
from referrals.models import Person, Touch, User, ValueItem
from referrals.outreach import library, wording
from referrals.outreach.checks import spoken_length
from referrals.outreach.scripts import CALLS_TO_ACTION, ISSUE_LINES

SENT = (None, "letter", "email")
# Reasons (13: 6 demo items, 7 issues) taken 1, 2 and 3 at a time, times the actions: what
# one touch state and opener cover. Three touch states, two openers: 6 x 1,508 = 9,048.
COMBINATIONS = 13 + 78 + 286
PER_CASE = COMBINATIONS * len(CALLS_TO_ACTION)


@pytest.fixture
def demo(app):
    seed_demo(db.session)
    db.session.commit()
    return db.session.scalar(select(User).where(User.email == REPS[0][0]))


def _fresh_prospect(rep: User) -> Person:
    """A prospect the demo's touches left alone, with the warmest path that has an opener."""
    touched = select(Touch.person_id)
    prospects = db.session.scalars(select(Person).where(
        Person.team_id == rep.team_id, Person.is_prospect, ~Person.do_not_contact,
        Person.id.not_in(touched)).order_by(Person.id))
    for person in prospects:
        paths = wording.warm_paths_for(db.session, rep, person, k=1)
        if paths and paths[0].opener:
            return person
    raise AssertionError("the demo has no prospect with an opener")


def _log(rep: User, person: Person, channel: str, items: list[ValueItem]) -> None:
    for item in items:
        db.session.add(Touch(team_id=rep.team_id, person_id=person.id, user_id=rep.id,
                             channel=channel, value_item_id=item.id,
                             occurred_at=utc_now() - timedelta(days=3)))
    db.session.commit()


def _draft(rep, person, opener, combo, cta):
    return wording.draft_voicemail(db.session, rep, person, {
        "opener": opener, "value_item_ids": [r for kind, r in combo if kind == "item"],
        "issues": [r for kind, r in combo if kind == "issue"], "call_to_action": cta})


# The words are the subject, not the database: the PostgreSQL pass leaves it out (`words`).
@pytest.mark.heavy
@pytest.mark.words
@pytest.mark.parametrize("with_opener", [False, True])
@pytest.mark.parametrize("sent", SENT)
def test_every_library_combination_fits_and_passes_its_own_check(demo, sent, with_opener):
    rep = demo
    person = _fresh_prospect(rep)
    # The builder's default: the warmest path's opener (two sentences in the demo).
    opener = wording.warm_paths_for(db.session, rep, person, k=1)[0].opener if with_opener else ""
    items = library.list_value_items(db.session, rep.team_id)
    assert len(items) == 6 and all(i.short for i in items)  # the demo fills every short form
    if sent:
        _log(rep, person, sent, items)
    reasons = [("item", i.id) for i in items] + [("issue", k) for k in ISSUE_LINES]
    written = refused = 0
    for n in (1, 2, 3):
        for combo in combinations(reasons, n):
            for cta in CALLS_TO_ACTION:
                try:
                    draft = _draft(rep, person, opener, combo, cta)
                except library.NoRoom as exc:
                    # Said before writing: which reason to drop; without it, it fits.
                    refused += 1
                    assert n > 1 and exc.drop is not None, (combo, cta)
                    draft = _draft(rep, person, opener,
                                   [r for j, r in enumerate(combo) if j != exc.drop], cta)
                else:
                    written += 1
                # The builder's own check (check_message) finds nothing, and it fits.
                assert draft.flags == [] and draft.composed, draft.text
                assert spoken_length(draft.text).level != "too_long", draft.text
                if sent is None:  # nothing logged: nothing claimed as sent
                    assert not any(w in draft.text for w in ("mailed", "e-mailed you"))
    assert written + refused == PER_CASE == 1508
    print(f"\n  sent by {sent}, opener {with_opener}: {written} written, {refused} told "
          "which reason to drop")
    if not with_opener or sent is None:
        assert refused == 0  # three reasons really fit
