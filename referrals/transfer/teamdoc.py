"""The whole team as one JSON document: everything the team owns (see `TeamDocument`).

Ids inside the document only link its own objects together (an export numbers each list
from 1); restoring or importing gives everything new ids. Users appear by e-mail only. For an
import, `row` is an object's position in its list.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from referrals.errors import ValidationFailed
from referrals.transfer.jsondepth import MAX_DEPTH, too_deep
from referrals.transfer.records import (
    ContactRecord,
    MemberRecord,
    ParsedFile,
    PersonRef,
    TieRecord,
    TouchRecord,
)

FORMAT = "referrals-team"
VERSION = 2


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore")


class TeamPerson(_Strict):
    id: int
    name: str
    company: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    timezone: str | None = None
    roles: list[Literal["customer", "reference", "advocate", "prospect"]] = []
    do_not_contact: bool = False
    deal_value: Decimal | None = Field(None, description="A decimal string, e.g. \"1200.00\".")
    notes: str = ""
    industry: str | None = None
    company_size: str | None = None
    region: str | None = None
    profile_url: str | None = None
    pressing_issues: list[str] = []
    keep_in_touch_days: int | None = None
    last_contact_on: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class TeamUser(_Strict):
    """A user of the team, by e-mail only: no password hash, token, session or feed."""

    email: str
    person: int | None = Field(None, description="The user's own record in `people`.")


UserRef = str | None  # a user's e-mail; a row whose user is not in the target team gets none


class TeamRelationship(_Strict):
    person_a: int
    person_b: int
    kind: str
    rating: int = 3
    last_interaction: date | None = None
    notes: str = ""
    recorded_by: UserRef = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class TeamMember(_Strict):
    person: int
    created_at: datetime | None = None


class TeamGroup(_Strict):
    name: str
    kind: str
    notes: str = ""
    members: list[int | TeamMember] = Field(
        [], description="Version 1: people's ids; version 2: {person, created_at}.")
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def member_ids(self) -> list[int]:
        return [m if isinstance(m, int) else m.person for m in self.members]


class TeamTouch(_Strict):
    person: int
    channel: str
    outcome: str | None = None
    occurred_at: datetime
    notes: str = ""
    user: UserRef = None
    value_item: int | None = None
    script: int | None = None
    broke_cadence: bool = False
    created_at: datetime | None = None


class TeamPersonNote(_Strict):
    person: int
    body: str
    user: UserRef = None
    created_at: datetime | None = None


class TeamValueItem(_Strict):
    id: int
    title: str
    kind: str
    pitch: str = ""
    short: str | None = Field(default=None, max_length=90)
    url: str | None = None
    issues: list[str] = []
    created_by: UserRef = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class TeamOpenerTemplate(_Strict):
    kind: str
    label: str
    source: str
    replaces: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class TeamSavedOpener(_Strict):
    person: int
    user: UserRef = None
    kind: str
    template_key: str | None = None
    via: int | None = None
    text: str
    created_at: datetime | None = None


class TeamVoicemailScript(_Strict):
    id: int
    person: int
    user: UserRef = None
    text: str
    call_to_action: str
    words: int
    seconds: float
    over_length: bool = False
    value_items: list[int] = []
    created_at: datetime | None = None


class TeamStallReview(_Strict):
    person: int
    user: UserRef = None
    cause: str
    created_at: datetime | None = None


class TeamAdvocateCall(_Strict):
    id: int
    advocate: int
    prospect: int
    occurred_on: date
    outcome: str = ""
    notes: str = ""
    prospect_outcome: str | None = None
    recorded_by: UserRef = None
    created_at: datetime | None = None


class TeamStatusChange(_Strict):
    status: str
    changed_on: date
    user: UserRef = None
    note: str = ""
    created_at: datetime | None = None


class TeamIntroduction(_Strict):
    """An introduction request. Its reply link's secret is not exported: a restored request
    needs a new link."""

    id: int
    prospect: int
    via: int
    user: UserRef = None
    status: str = "draft"
    status_on: date
    asked_on: date | None = None
    introduced_on: date | None = None
    ask_text: str = ""
    notes: str = ""
    reply_answer: str | None = None
    replied_at: datetime | None = None
    history: list[TeamStatusChange] = []
    created_at: datetime | None = None
    updated_at: datetime | None = None


class TeamReferenceAsk(_Strict):
    id: int
    reference: int
    prospect: int
    user: UserRef = None
    status: str = "offered"
    asked_on: date
    phoned_on: date | None = None
    prospect_outcome: str | None = None
    reason: str = ""
    created_at: datetime | None = None


class TeamFollowupEvent(_Strict):
    action: str
    due_on: date | None = None
    user: UserRef = None
    note: str = ""
    created_at: datetime | None = None


class TeamFollowup(_Strict):
    person: int
    prospect: int | None = None
    user: UserRef = None
    kind: str
    status: str = "open"
    due_on: date
    reason: str = ""
    message: str = ""
    advocate_call: int | None = None
    introduction: int | None = None
    reference_ask: int | None = None
    completed_at: datetime | None = None
    events: list[TeamFollowupEvent] = []
    created_at: datetime | None = None


class TeamDocument(_Strict):
    """The whole team: `GET /exports/team.json`, and a file `POST /imports` reads back.

    Version 2 carries everything the team owns; `flask restore` writes all of it into an
    empty team, while `POST /imports` merges only its people, ties, groups and touches.
    """

    format: Literal["referrals-team"] = FORMAT
    version: Literal[1, 2] = VERSION
    team: str = ""
    exported_at: datetime | None = None
    settings: dict[str, Any] = {}
    users: list[TeamUser] = []
    people: list[TeamPerson] = []
    relationships: list[TeamRelationship] = []
    groups: list[TeamGroup] = []
    touches: list[TeamTouch] = []
    person_notes: list[TeamPersonNote] = []
    value_items: list[TeamValueItem] = []
    opener_templates: list[TeamOpenerTemplate] = []
    saved_openers: list[TeamSavedOpener] = []
    voicemail_scripts: list[TeamVoicemailScript] = []
    stall_reviews: list[TeamStallReview] = []
    advocate_calls: list[TeamAdvocateCall] = []
    introduction_requests: list[TeamIntroduction] = []
    reference_asks: list[TeamReferenceAsk] = []
    followups: list[TeamFollowup] = []


#: The lists of a document a backup's manifest counts, in this order.
SECTIONS = ("people", "relationships", "groups", "touches", "value_items", "opener_templates",
            "saved_openers", "voicemail_scripts", "stall_reviews", "advocate_calls",
            "introduction_requests", "reference_asks", "followups", "person_notes")


def is_team_document(text: str) -> bool:
    return text.lstrip().startswith("{")


def read_team_document(text: str) -> TeamDocument:
    """The validated document; `ValidationFailed` when the text is not a team export."""
    if too_deep(text):
        raise ValidationFailed(
            "This JSON is not a team export.",
            {"file": [f"It nests more than {MAX_DEPTH} levels deep; a team export nests 5."]},
        )
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationFailed("The file is not valid JSON.", {"file": [str(exc)]}) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValidationFailed(
            "This JSON is not a team export.",
            {"file": [f"A team export has \"format\": \"{FORMAT}\"."]},
        )
    try:
        doc = TeamDocument.model_validate(raw)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"])
        raise ValidationFailed("The team export is damaged.",
                               {"file": [f"{where}: {exc.errors()[0]['msg']}"]}) from None
    return doc


def parse_team_document(text: str) -> ParsedFile:
    """The people, ties, memberships and touches of a team export, as records to import."""
    doc = read_team_document(text)
    parsed = ParsedFile("team", "team")
    for row, p in enumerate(doc.people, start=1):
        parsed.contacts.append(ContactRecord(
            row=row, name=p.name, company=p.company, title=p.title,
            emails=[p.email] if p.email else [], phones=[p.phone] if p.phone else [],
            notes=p.notes, timezone=p.timezone, roles=list(p.roles),
            do_not_contact=p.do_not_contact, deal_value=p.deal_value, ref=str(p.id),
            extra={"industry": p.industry, "company_size": p.company_size, "region": p.region,
                   "profile_url": p.profile_url},
        ))
    for row, r in enumerate(doc.relationships, start=1):
        parsed.ties.append(TieRecord(
            row=row, a=PersonRef(ref=str(r.person_a)), b=PersonRef(ref=str(r.person_b)),
            kind=r.kind, rating=r.rating, last_interaction=r.last_interaction, notes=r.notes,
        ))
    row = 0
    for g in doc.groups:
        if not g.members:
            row += 1
            parsed.members.append(MemberRecord(row=row, group=g.name, group_kind=g.kind,
                                               person=PersonRef(), group_notes=g.notes))
        for member in g.member_ids():
            row += 1
            parsed.members.append(MemberRecord(row=row, group=g.name, group_kind=g.kind,
                                               person=PersonRef(ref=str(member)),
                                               group_notes=g.notes))
    for row, t in enumerate(doc.touches, start=1):
        parsed.touches.append(TouchRecord(
            row=row, person=PersonRef(ref=str(t.person)), channel=t.channel, outcome=t.outcome,
            occurred_at=t.occurred_at, notes=t.notes,
        ))
    return parsed


def team_document(**sections: Any) -> dict[str, Any]:
    """The JSON-ready document of `sections` (see `TeamDocument`), validated on the way."""
    return TeamDocument(**sections).model_dump(mode="json")


def check_references(doc: TeamDocument) -> None:
    """Refuse a document whose rows point at people, users, value items, scripts, calls,
    introductions or reference asks it does not hold (`ValidationFailed`, naming the row),
    so a restore can check everything before it writes anything."""
    people = _ids("people", [p.id for p in doc.people])
    values = _ids("value_items", [v.id for v in doc.value_items])
    scripts = _ids("voicemail_scripts", [s.id for s in doc.voicemail_scripts])
    calls = _ids("advocate_calls", [c.id for c in doc.advocate_calls])
    intros = _ids("introduction_requests", [r.id for r in doc.introduction_requests])
    asks = _ids("reference_asks", [a.id for a in doc.reference_asks])
    emails = [u.email.casefold() for u in doc.users]
    if len(set(emails)) != len(emails):
        _damaged("users", "an e-mail address is listed twice")
    refs: list[tuple[str, set[int], int | None]] = []
    refs += [(f"users.{i}.person", people, u.person) for i, u in enumerate(doc.users)]
    for i, r in enumerate(doc.relationships):
        refs += [(f"relationships.{i}.person_a", people, r.person_a),
                 (f"relationships.{i}.person_b", people, r.person_b)]
    for i, g in enumerate(doc.groups):
        refs += [(f"groups.{i}.members", people, m) for m in g.member_ids()]
    for i, t in enumerate(doc.touches):
        refs += [(f"touches.{i}.person", people, t.person),
                 (f"touches.{i}.value_item", values, t.value_item),
                 (f"touches.{i}.script", scripts, t.script)]
    refs += [(f"person_notes.{i}.person", people, n.person)
             for i, n in enumerate(doc.person_notes)]
    for i, o in enumerate(doc.saved_openers):
        refs += [(f"saved_openers.{i}.person", people, o.person),
                 (f"saved_openers.{i}.via", people, o.via)]
    for i, v in enumerate(doc.voicemail_scripts):
        refs += [(f"voicemail_scripts.{i}.person", people, v.person)]
        refs += [(f"voicemail_scripts.{i}.value_items", values, x) for x in v.value_items]
    refs += [(f"stall_reviews.{i}.person", people, r.person)
             for i, r in enumerate(doc.stall_reviews)]
    for i, c in enumerate(doc.advocate_calls):
        refs += [(f"advocate_calls.{i}.advocate", people, c.advocate),
                 (f"advocate_calls.{i}.prospect", people, c.prospect)]
    for i, r in enumerate(doc.introduction_requests):
        refs += [(f"introduction_requests.{i}.prospect", people, r.prospect),
                 (f"introduction_requests.{i}.via", people, r.via)]
    for i, a in enumerate(doc.reference_asks):
        refs += [(f"reference_asks.{i}.reference", people, a.reference),
                 (f"reference_asks.{i}.prospect", people, a.prospect)]
    for i, f in enumerate(doc.followups):
        refs += [(f"followups.{i}.person", people, f.person),
                 (f"followups.{i}.prospect", people, f.prospect),
                 (f"followups.{i}.advocate_call", calls, f.advocate_call),
                 (f"followups.{i}.introduction", intros, f.introduction),
                 (f"followups.{i}.reference_ask", asks, f.reference_ask)]
    for where, known, ref in refs:
        if ref is not None and ref not in known:
            _damaged(where, f"{ref} is not in the document")


def _ids(section: str, ids: list[int]) -> set[int]:
    if len(set(ids)) != len(ids):
        _damaged(section, "an id is used twice")
    return set(ids)


def _damaged(where: str, message: str) -> None:
    raise ValidationFailed("The team export is damaged.", {"file": [f"{where}: {message}"]})
