"""Touches (every outreach to a person) and where the rep stands with the cadence."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    AwareTimestamp,
    ListQuery,
    PersonRef,
    RequestModel,
    ResponseModel,
    Text,
    Timestamp,
)
from referrals.api.schemas.value_items import ItemRef
from referrals.base import MAX_ID

Channel = Literal["call", "voicemail", "email", "letter", "card", "postcard", "fax", "visit",
                  "social", "advocate_call"]
Outcome = Literal["no_answer", "voicemail_left", "spoke", "callback_received", "meeting_set"]


class TouchCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid touch."

    person_id: PersonRef
    channel: Literal["call", "voicemail", "email", "letter", "card", "postcard", "fax", "visit",
                     "social"] = Field(description="An advocate's call is an advocate call.")
    occurred_at: AwareTimestamp | None = Field(None, description="Absent: now. Not in the "
                                                                 "future; with its offset.")
    outcome: Outcome | None = Field(None, description="A voicemail's is `voicemail_left`.")
    value_item_id: ItemRef | None = None
    script_id: Annotated[int, Field(json_schema_extra={"minimum": 1})] | None = Field(
        None, description="The voicemail script that was left.")
    notes: Text = ""
    confirm: bool = Field(False, description="Log a voicemail that breaks the team's cadence "
                                             "(without it: 409).")
    call_on: date | None = Field(None, description="The person expects your call this day "
                                                   "(today or later): adds a `call` follow-up.")


class Touch(ResponseModel):
    id: int
    person_id: int
    user_id: int | None
    channel: Channel
    outcome: Outcome | None
    occurred_at: Timestamp
    value_item_id: int | None
    script_id: int | None
    notes: str
    broke_cadence: bool = Field(description="Logged although it broke the team's cadence.")
    created_at: Timestamp


class TouchList(ResponseModel):
    items: list[Touch]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class TouchesQuery(ListQuery):
    person_id: int | None = Field(None, ge=1, le=MAX_ID, description="Only this person's.")


class CallWindow(ResponseModel):
    start: AwareTimestamp
    end: AwareTimestamp
    label: str


class VoicemailRule(ResponseModel):
    allowed: bool = Field(description="Whether another voicemail keeps the cadence.")
    reason: str | None
    in_window: int
    layoff_until: AwareTimestamp | None


class Cadence(ResponseModel):
    attempts: int = Field(ge=0, description="The rep's attempts since the last response.")
    budget: int = Field(ge=1, description="Call attempts (calls and voicemails) the deal value "
                                          "is worth.")
    budget_spent: bool = Field(description="The call attempts are used up.")
    call_attempts: int = Field(ge=0, description="Calls and voicemails since the last response.")
    other_attempts: int = Field(ge=0, description="E-mails, letters, cards, postcards, faxes, "
                                                  "visits and social messages since the last "
                                                  "response; they never spend a call attempt.")
    other_budget: int = Field(ge=1, description="Touches by those other channels the deal "
                                                "value is worth.")
    other_budget_spent: bool
    appointment: AwareTimestamp | None = Field(description="The phone appointment `next_step` "
                                                           "offers: always ahead of now.")
    timezone_known: bool = Field(description="False when the prospect's time zone is unknown: "
                                             "the windows are then in the rep's own zone.")
    windows_zone: str = Field(description="The time zone the windows are given in.")
    unanswered_voicemails: int
    voicemail: VoicemailRule
    suggest_email: bool = Field(description="Switch to e-mail and offer a phone appointment.")
    responded: bool
    stalled: bool
    windows: list[CallWindow] = Field(description="The next off-hours call windows, in the "
                                                  "prospect's time zone (`windows_zone`; the "
                                                  "rep's when `timezone_known` is false).")
    next_step: str
