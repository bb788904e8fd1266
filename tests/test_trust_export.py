"""The team export holds everything a team owns, and restores losslessly.

A random team (people, ties, groups, memberships, advocacy and outreach rows) is exported,
restored into an empty team and exported again: the two documents are the same. Run with
TEST_DATABASE_URL=postgresql://… for PostgreSQL.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from referrals.backup import restore_team_document
from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    Followup,
    FollowupEvent,
    Group,
    GroupMembership,
    IntroductionRequest,
    IntroductionStatusChange,
    OpenerTemplate,
    Person,
    PersonNote,
    ReferenceAsk,
    Relationship,
    SavedOpener,
    StallReview,
    Team,
    Touch,
    User,
    ValueItem,
    VoicemailScript,
)
from referrals.transfer.services import people_foreign_keys
from referrals.transfer.teamcopy import export_team
from referrals.vocab import (
    FOLLOWUP_KINDS,
    GROUP_KINDS,
    INTRO_STATUSES,
    ISSUES,
    PROSPECT_OUTCOMES,
    RELATIONSHIP_KINDS,
    STALL_CAUSES,
    TOUCH_CHANNELS,
    TOUCH_OUTCOMES,
    VALUE_KINDS,
)
from tests import factories
from tests.test_api_support import snapshot

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=12)
NAME = TEXT.filter(str.strip)
MOMENT = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2035, 1, 1),
                      timezones=st.just(UTC))
DAY = st.dates(min_value=date(2001, 1, 1), max_value=date(2035, 1, 1))
MAYBE_DAY = st.none() | DAY
ISSUE_LIST = st.lists(st.sampled_from(ISSUES), unique=True, max_size=3)
COUNTER = itertools.count(1)


def build_team(draw, team_id: int, users: list[User], stranger: User) -> None:
    """A random team: every table a team owns gets rows, pointing at one another."""
    s = db.session
    anyone = st.sampled_from([None, stranger.id, *(u.id for u in users)])

    def add(model, **fields):
        row = model(**fields)
        s.add(row)
        s.flush()
        return row

    people = []
    for i in range(draw(st.integers(2, 6))):
        people.append(add(
            Person, team_id=team_id, name=draw(NAME), company=draw(st.none() | TEXT),
            title=draw(st.none() | TEXT), phone=draw(st.none() | TEXT),
            timezone=draw(st.none() | TEXT),
            email=draw(st.sampled_from([None, f"p{i}-{next(COUNTER)}@x.example"])),
            roles=draw(st.lists(st.sampled_from(("customer", "reference", "advocate",
                                                 "prospect")), unique=True)),
            do_not_contact=draw(st.booleans()), notes=draw(TEXT),
            deal_value=draw(st.none() | st.decimals(0, 10**9, places=2).map(Decimal)),
            industry=draw(st.none() | TEXT), company_size=draw(st.none() | TEXT),
            region=draw(st.none() | TEXT), pressing_issues=draw(ISSUE_LIST),
            profile_url=draw(st.none() | TEXT.map(lambda t: f"https://x.example/{t}"[:500])),
            keep_in_touch_days=draw(st.none() | st.integers(1, 3650)),
            last_contact_on=draw(MAYBE_DAY), created_at=draw(MOMENT), updated_at=draw(MOMENT)))
    pick = st.sampled_from(people)

    def two():
        return draw(st.lists(pick, min_size=2, max_size=2, unique_by=lambda p: p.id))

    for user, person in zip(users, draw(st.permutations([None, *people]))[:len(users)],
                            strict=False):
        user.person_id = person.id if person else None
    s.flush()
    pairs = draw(st.lists(st.tuples(st.integers(0, len(people) - 1),
                                    st.integers(0, len(people) - 1),
                                    st.sampled_from(RELATIONSHIP_KINDS)),
                          max_size=5, unique_by=lambda t: (min(t[:2]), max(t[:2]), t[2])))
    for i, j, kind in pairs:
        if i == j:
            continue
        tie = Relationship(team_id=team_id, kind=kind, rating=draw(st.integers(1, 5)),
                           last_interaction=draw(MAYBE_DAY), notes=draw(TEXT),
                           recorded_by_id=draw(anyone), created_at=draw(MOMENT),
                           updated_at=draw(MOMENT))
        tie.set_people(people[i].id, people[j].id)
        s.add(tie)
    for name, kind in draw(st.lists(st.tuples(NAME, st.sampled_from(GROUP_KINDS)), max_size=3,
                                    unique_by=lambda g: (g[0], g[1]))):
        group = add(Group, team_id=team_id, name=name, kind=kind, notes=draw(TEXT),
                    created_at=draw(MOMENT), updated_at=draw(MOMENT))
        for member in draw(st.lists(pick, unique_by=lambda p: p.id, max_size=4)):
            add(GroupMembership, team_id=team_id, group_id=group.id, person_id=member.id,
                created_at=draw(MOMENT))
    for _ in range(draw(st.integers(0, 3))):
        add(PersonNote, team_id=team_id, person_id=draw(pick).id, user_id=draw(anyone),
            body=draw(NAME), created_at=draw(MOMENT))
    values = [add(ValueItem, team_id=team_id, title=title, kind=draw(st.sampled_from(VALUE_KINDS)),
                  pitch=draw(TEXT), short=draw(st.none() | TEXT.map(lambda t: t[:90])),
                  url=draw(st.none() | TEXT), issues=draw(ISSUE_LIST),
                  created_by_id=draw(anyone), created_at=draw(MOMENT), updated_at=draw(MOMENT))
              for title in draw(st.lists(NAME, unique=True, max_size=3))]
    scripts = []
    for _ in range(draw(st.integers(0, 2))):
        script = add(VoicemailScript, team_id=team_id, person_id=draw(pick).id,
                     user_id=draw(anyone), text=draw(TEXT), call_to_action="call_back",
                     words=draw(st.integers(0, 200)),
                     seconds=draw(st.floats(0, 120, allow_nan=False)),
                     over_length=draw(st.booleans()), created_at=draw(MOMENT))
        script.value_items = draw(st.lists(st.sampled_from(values), unique_by=id)) \
            if values else []
        scripts.append(script)
    for _ in range(draw(st.integers(0, 4))):
        add(Touch, team_id=team_id, person_id=draw(pick).id, user_id=draw(anyone),
            channel=draw(st.sampled_from(TOUCH_CHANNELS)),
            outcome=draw(st.none() | st.sampled_from(TOUCH_OUTCOMES)),
            occurred_at=draw(MOMENT), notes=draw(TEXT),
            value_item=draw(st.sampled_from([None, *values])),
            script=draw(st.sampled_from([None, *scripts])),
            broke_cadence=draw(st.booleans()), created_at=draw(MOMENT))
    for kind, label in draw(st.lists(st.tuples(st.sampled_from(RELATIONSHIP_KINDS), NAME),
                                     max_size=2, unique=True)):
        add(OpenerTemplate, team_id=team_id, kind=kind, label=label, source=draw(TEXT),
            replaces=draw(st.none() | TEXT), created_at=draw(MOMENT), updated_at=draw(MOMENT))
    for _ in range(draw(st.integers(0, 2))):
        add(SavedOpener, team_id=team_id, person_id=draw(pick).id, user_id=draw(anyone),
            kind=draw(st.sampled_from(RELATIONSHIP_KINDS)), template_key=draw(st.none() | TEXT),
            via_id=draw(pick).id if draw(st.booleans()) else None, text=draw(TEXT),
            created_at=draw(MOMENT))
        add(StallReview, team_id=team_id, person_id=draw(pick).id, user_id=draw(anyone),
            cause=draw(st.sampled_from(STALL_CAUSES)), created_at=draw(MOMENT))
    calls, intros, asks = [], [], []
    for _ in range(draw(st.integers(0, 2))):
        advocate, prospect = two()
        calls.append(add(AdvocateCall, team_id=team_id, advocate_id=advocate.id,
                         prospect_id=prospect.id, occurred_on=draw(DAY), outcome=draw(TEXT),
                         notes=draw(TEXT),
                         prospect_outcome=draw(st.none() | st.sampled_from(PROSPECT_OUTCOMES)),
                         recorded_by_id=draw(anyone), created_at=draw(MOMENT)))
        via, prospect = two()
        intro = add(IntroductionRequest, team_id=team_id, prospect_id=prospect.id,
                    via_id=via.id, user_id=draw(anyone),
                    status=draw(st.sampled_from(INTRO_STATUSES)), status_on=draw(DAY),
                    asked_on=draw(MAYBE_DAY), introduced_on=draw(MAYBE_DAY),
                    ask_text=draw(TEXT), notes=draw(TEXT), reply_nonce="secret-nonce",
                    reply_answer=draw(st.sampled_from([None, "introduced", "not_a_fit"])),
                    replied_at=draw(st.none() | MOMENT), created_at=draw(MOMENT),
                    updated_at=draw(MOMENT))
        for _ in range(draw(st.integers(0, 2))):
            add(IntroductionStatusChange, request_id=intro.id,
                status=draw(st.sampled_from(INTRO_STATUSES)), changed_on=draw(DAY),
                user_id=draw(anyone), note=draw(TEXT), created_at=draw(MOMENT))
        intros.append(intro)
        reference, prospect = two()
        asks.append(add(ReferenceAsk, team_id=team_id, reference_id=reference.id,
                        prospect_id=prospect.id, user_id=draw(anyone),
                        status=draw(st.sampled_from(("offered", "phoned", "declined"))),
                        asked_on=draw(DAY), phoned_on=draw(MAYBE_DAY),
                        prospect_outcome=draw(st.none() | st.sampled_from(PROSPECT_OUTCOMES)),
                        reason=draw(TEXT), created_at=draw(MOMENT)))
    for _ in range(draw(st.integers(0, 3))):
        followup = add(
            Followup, team_id=team_id, user_id=draw(anyone), person_id=draw(pick).id,
            prospect_id=draw(pick).id if draw(st.booleans()) else None,
            kind=draw(st.sampled_from(FOLLOWUP_KINDS)),
            status=draw(st.sampled_from(("open", "done"))), due_on=draw(DAY),
            reason=draw(TEXT), message=draw(TEXT),
            advocate_call_id=draw(st.sampled_from([None, *(c.id for c in calls)])),
            introduction_id=draw(st.sampled_from([None, *(r.id for r in intros)])),
            reference_ask_id=draw(st.sampled_from([None, *(a.id for a in asks)])),
            completed_at=draw(st.none() | MOMENT), created_at=draw(MOMENT))
        for _ in range(draw(st.integers(0, 2))):
            add(FollowupEvent, followup_id=followup.id,
                action=draw(st.sampled_from(("created", "snoozed", "brought_forward",
                                             "completed"))),
                due_on=draw(MAYBE_DAY), user_id=draw(anyone), note=draw(TEXT),
                created_at=draw(MOMENT))
    s.flush()


def without_moment(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in ("exported_at", "team")}


def rows_point_inside(team_id: int) -> bool:
    """Every person a row of the team names is a person of the team."""
    inside = select(Person.id).where(Person.team_id == team_id)
    for table, column in people_foreign_keys():
        if "team_id" not in table.c:
            continue
        stray = db.session.scalar(select(func.count()).select_from(table).where(
            table.c.team_id == team_id, column.is_not(None), column.not_in(inside)))
        if stray:
            return False
    return True


# No shrinking: a failure prints every draw, and shrinking a database-backed case takes minutes.
@settings(max_examples=15, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_export_restore_export_gives_the_same_document(app, other_user, data):
    n = next(COUNTER)
    source = Team(name=f"Source {n}", settings={"tie": {}, "keep_in_touch_days": 30,
                                                  "cadence": {"any": ["thing", 1]}})
    db.session.add(source)
    db.session.flush()
    users = [User(team_id=source.id, email=f"u{i}-{n}@x.example", password_hash="x")
             for i in range(data.draw(st.integers(0, 2)))]
    db.session.add_all(users)
    db.session.flush()
    build_team(data.draw, source.id, users, other_user)
    db.session.commit()
    first = json.loads(json.dumps(export_team(db.session, source.id)))
    profiles = db.session.scalars(select(Person.profile_url).where(Person.team_id == source.id))
    assert sorted(filter(None, profiles)) == sorted(
        p["profile_url"] for p in first["people"] if p["profile_url"])  # exported, all of them
    assert other_user.email not in json.dumps(first)  # another team's user never appears
    assert "secret-nonce" not in json.dumps(first)
    assert [p["id"] for p in first["people"]] == list(range(1, len(first["people"]) + 1))

    # The reps move to the new team (their own records stay behind), which is empty.
    target = Team(name=f"Target {n}", settings={})
    db.session.add(target)
    db.session.flush()
    for user in users:
        user.team_id, user.person_id = target.id, None
    db.session.commit()
    others = {t: export_team(db.session, t) for t in (source.id, other_user.team_id)}

    done = restore_team_document(db.session, json.dumps(first).encode(), target.name)
    db.session.commit()
    assert done.counts["people"] == len(first["people"]) and not done.created_team
    again = export_team(db.session, target.id)
    assert without_moment(again) == without_moment(first)
    shorts = select(ValueItem.title, ValueItem.short).order_by(ValueItem.title)
    assert first["person_notes"] == again["person_notes"] and len(first["person_notes"]) == \
        db.session.scalar(select(func.count(PersonNote.id)).where(
            PersonNote.team_id == source.id))  # every note, out and back in
    assert db.session.execute(shorts.where(ValueItem.team_id == target.id)).all() == \
        db.session.execute(shorts.where(ValueItem.team_id == source.id)).all()
    assert rows_point_inside(target.id)
    # Restoring touched no other team.
    for team, before in others.items():
        assert without_moment(export_team(db.session, team)) == without_moment(before)


def test_the_export_holds_what_it_used_to_leave_out(app, user):
    """Advocacy, outreach, settings and users: the sections the old export lacked."""
    ana = factories.make_person(db.session, user.team_id, "Ana", pressing_issues=["costs"])
    ben = factories.make_person(db.session, user.team_id, "Ben")
    db.session.add(AdvocateCall(team_id=user.team_id, advocate_id=ana.id, prospect_id=ben.id,
                                occurred_on=date(2026, 1, 5), outcome="Warm",
                                recorded_by_id=user.id))
    db.session.add(ValueItem(team_id=user.team_id, title="Cost study", kind="research",
                             issues=["costs"]))
    db.session.get(Team, user.team_id).settings = {"keep_in_touch_days": 45}
    db.session.commit()
    doc = export_team(db.session, user.team_id)
    assert doc["version"] == 2 and doc["settings"] == {"keep_in_touch_days": 45}
    assert doc["users"] == [{"email": user.email, "person": 1}]
    assert [p["pressing_issues"] for p in doc["people"]] == [[], ["costs"], []]
    (call,) = doc["advocate_calls"]
    assert (call["advocate"], call["prospect"], call["outcome"], call["recorded_by"]) == (
        2, 3, "Warm", user.email)
    assert [v["title"] for v in doc["value_items"]] == ["Cost study"]
    assert "password" not in json.dumps(doc) and user.password_hash not in json.dumps(doc)


def test_a_user_of_another_team_is_not_linked_or_credited(app, user, other_user):
    """A document naming another team's user by e-mail: the restored rows keep no user, and
    that user's own record is left alone."""
    doc = {"format": "referrals-team", "version": 2,
           "users": [{"email": other_user.email, "person": 1}],
           "people": [{"id": 1, "name": "Ana"}, {"id": 2, "name": "Ben"}],
           "advocate_calls": [{"id": 1, "advocate": 1, "prospect": 2,
                               "occurred_on": "2026-01-05", "recorded_by": other_user.email}]}
    person_before = other_user.person_id
    done = restore_team_document(db.session, json.dumps(doc).encode(), "Fresh")
    db.session.commit()
    call = db.session.scalar(select(AdvocateCall).where(AdvocateCall.team_id == done.team.id))
    assert call.recorded_by_id is None
    assert db.session.get(User, other_user.id).person_id == person_before


@pytest.mark.parametrize(("doc", "message"), [
    ({"people": [{"id": 1, "name": "Ana"}],
      "advocate_calls": [{"id": 1, "advocate": 1, "prospect": 7, "occurred_on": "2026-01-05"}]},
     "advocate_calls.0.prospect: 7 is not in the document"),
    ({"people": [{"id": 1, "name": "Ana"}, {"id": 1, "name": "Ben"}]}, "people: an id is used"),
    ({"people": [{"id": 1, "name": "Ana", "email": "a@x.example"},
                 {"id": 2, "name": "Ben", "email": "a@x.example"}]}, "fit the database"),
    ({"people": [{"id": 1, "name": "Ana"}],
      "advocate_calls": [{"id": 1, "advocate": 1, "prospect": 1, "occurred_on": "2026-01-05"}]},
     "fit the database"),
    ({"people": [{"id": 1, "name": "Ana", "pressing_issues": ["weather"]}]}, "unknown issue"),
    ({"followups": [{"person": 3, "kind": "call", "due_on": "2026-01-05"}]},
     "followups.0.person"),
])
def test_a_damaged_document_restores_nothing(app, user, doc, message):
    before = snapshot()
    body = json.dumps({"format": "referrals-team", "version": 2, **doc}).encode()
    with pytest.raises(ValidationFailed) as caught:
        restore_team_document(db.session, body, "Fresh")
    db.session.rollback()
    assert message in caught.value.message + " ".join(caught.value.fields.get("file", []))
    assert snapshot() == before
