"""Follow-ups: owed thank-yous and feedback, promised calls, the rep's own reminders."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    ListQuery,
    PersonRef,
    RequestModel,
    ResponseModel,
    no_nul,
)
from referrals.base import MAX_ID

FollowupKind = Literal["thank_you", "feedback", "call", "custom", "keep_in_touch", "nudge"]


def _iso_date(value: Any) -> Any:
    # Lax pydantic reads "0" or 1700000000 as a Unix time; a filter takes YYYY-MM-DD only.
    if isinstance(value, date) or (
        isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-"
        and (value[:4] + value[5:7] + value[8:]).isdigit()
    ):
        return value
    raise PydanticCustomError("date_format", "Use a date as YYYY-MM-DD.")


class Followup(ResponseModel):
    id: int
    kind: str = Field(description="`thank_you`, `feedback`, `call` (a call you promised), "
                                  "`custom` (your own reminder), `keep_in_touch` (a snoozed "
                                  "keep-in-touch reminder, due when it comes back), `nudge`.")
    person_id: int
    due_on: date
    status: Literal["open", "done"]
    reason: str


class FollowupList(ResponseModel):
    items: list[Followup]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class FollowupsQuery(ListQuery):
    status: Literal["open", "done"] | None = None
    due_before: Annotated[date, BeforeValidator(_iso_date)] | None = Field(
        None, description="Only follow-ups due before this date.")
    kind: FollowupKind | None = Field(None, description="Only follow-ups of this kind.")
    person_id: int | None = Field(None, ge=1, le=MAX_ID, description="Only this person's.")


class FollowupCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid follow-up."

    person_id: PersonRef
    due_on: date = Field(description="Today or later (in your time zone).")
    reason: Annotated[str, Field(min_length=1, max_length=500), AfterValidator(no_nul)] = Field(
        description="What to do, e.g. \"send the price list\".")
    kind: Literal["call", "custom"] = Field("custom", description="`call`: a call you promised.")
