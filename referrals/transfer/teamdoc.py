"""The whole team as one JSON document: people, ties, groups, memberships and touches.

It imports back without loss. Ids inside the document only link its own objects together;
importing gives everyone new ids. For an import, `row` is an object's position in its list.
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
VERSION = 1


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


class TeamRelationship(_Strict):
    person_a: int
    person_b: int
    kind: str
    rating: int = 3
    last_interaction: date | None = None
    notes: str = ""


class TeamGroup(_Strict):
    name: str
    kind: str
    notes: str = ""
    members: list[int] = []


class TeamTouch(_Strict):
    person: int
    channel: str
    outcome: str | None = None
    occurred_at: datetime
    notes: str = ""


class TeamDocument(_Strict):
    """The whole team: `GET /exports/team.json`, and a file `POST /imports` reads back."""

    format: Literal["referrals-team"] = FORMAT
    version: Literal[1] = VERSION
    team: str = ""
    exported_at: datetime | None = None
    people: list[TeamPerson] = []
    relationships: list[TeamRelationship] = []
    groups: list[TeamGroup] = []
    touches: list[TeamTouch] = []


def is_team_document(text: str) -> bool:
    return text.lstrip().startswith("{")


def parse_team_document(text: str) -> ParsedFile:
    if too_deep(text):
        raise ValidationFailed(
            "This JSON is not a team export.",
            {"file": [f"It nests more than {MAX_DEPTH} levels deep; a team export nests 4."]},
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
    parsed = ParsedFile("team", "team")
    for row, p in enumerate(doc.people, start=1):
        parsed.contacts.append(ContactRecord(
            row=row, name=p.name, company=p.company, title=p.title,
            emails=[p.email] if p.email else [], phones=[p.phone] if p.phone else [],
            notes=p.notes, timezone=p.timezone, roles=list(p.roles),
            do_not_contact=p.do_not_contact, deal_value=p.deal_value, ref=str(p.id),
            extra={"industry": p.industry, "company_size": p.company_size, "region": p.region},
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
        for member in g.members:
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


def team_document(team: str, people: list[dict[str, Any]], relationships: list[dict[str, Any]],
                  groups: list[dict[str, Any]], touches: list[dict[str, Any]],
                  exported_at: datetime) -> dict[str, Any]:
    doc = TeamDocument(team=team, exported_at=exported_at, people=people,
                       relationships=relationships, groups=groups, touches=touches)
    return doc.model_dump(mode="json")
