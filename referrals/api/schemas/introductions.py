"""Introduction requests: asking a helper to introduce the rep to a prospect."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    ListQuery,
    PersonRef,
    RequestModel,
    ResponseModel,
    Timestamp,
    blank_to_none,
    line,
)
from referrals.base import MAX_ID

IntroStatus = Literal["draft", "asked", "agreed", "introduced", "meeting_set", "won", "lost",
                      "declined", "no_reply"]


class IntroductionCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid introduction request."

    helper_id: PersonRef = Field(description="Who is asked to make the introduction.")
    prospect_id: PersonRef
    status: Literal["draft", "asked"] = Field("draft", description="`asked` once it is sent.")
    message: Annotated[line(20_000) | None, BeforeValidator(blank_to_none)] = Field(
        None, description="The ask to send; absent: drafted from what the data says.")
    confirm_over_cap: bool = Field(
        False, description="Ask a helper already asked up to the team's cap (without it: 409).")


class IntroductionUpdate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid status change."

    status: IntroStatus
    note: line(2000) = ""
    confirm_over_cap: bool = Field(
        False, description="Leaving `draft` for a helper asked up to the team's cap (without "
                           "it: 409).")


class IntroductionStep(ResponseModel):
    status: IntroStatus
    at: date = Field(description="The day of the change.")
    note: str


class Introduction(ResponseModel):
    id: int
    helper_id: int
    prospect_id: int
    status: IntroStatus
    message: str
    created_at: Timestamp
    history: list[IntroductionStep] = Field(description="Oldest first.")


class IntroductionList(ResponseModel):
    items: list[Introduction]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class IntroductionsQuery(ListQuery):
    status: IntroStatus | None = None
    person_id: int | None = Field(None, ge=1, le=MAX_ID,
                                  description="Only requests with this helper or prospect.")
