"""Calls an advocate made on the rep's behalf, with the follow-ups they created."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    PersonRef,
    RequestModel,
    ResponseModel,
    Text,
    Timestamp,
    line,
)
from referrals.api.schemas.followups import Followup


class AdvocateCallCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid advocate call."

    advocate_id: PersonRef
    prospect_id: PersonRef
    occurred_on: date
    outcome: line(500) = ""
    notes: Text = ""


class AdvocateCall(ResponseModel):
    id: int
    advocate_id: int
    prospect_id: int
    occurred_on: date
    outcome: str
    notes: str
    recorded_by: int | None
    followups: list[Followup] = Field(description="The follow-ups the call created.")
    created_at: Timestamp


class AdvocateCallList(ResponseModel):
    items: list[AdvocateCall]
    next: str | None = Field(description=NEXT_DESCRIPTION)
