"""The team's value library: articles, research, tips and whitepapers, tagged by issue."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    Issue,
    ListQuery,
    Name,
    RequestModel,
    ResponseModel,
    Timestamp,
    UpdateModel,
    blank_to_none,
    line,
    no_nul,
    optional_line,
)
from referrals.base import MAX_ID

ValueKind = Literal["article", "research", "tip", "technique", "whitepaper", "case_study"]


def _item_id(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise PydanticCustomError("no_such_item", "No such item in your value library.")
    return value


Short = Annotated[optional_line(90), Field(
    description="The pitch said in about a dozen words (at most 90 characters), for a "
                "voicemail with two or three reasons; blank or null for none.")]

ItemRef = Annotated[int, Field(json_schema_extra={"minimum": 1},
                               description="An item of your team's value library."),
                    AfterValidator(_item_id)]


class ValueItemCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid value item."

    title: Name
    kind: ValueKind
    pitch: Annotated[str, Field(min_length=1, max_length=500), AfterValidator(no_nul)] = Field(
        description="One sentence on what's in it for the prospect; goes into voicemails.")
    short: Short = None
    url: Annotated[line(500) | None, BeforeValidator(blank_to_none)] = None
    issues: list[Issue] = Field(min_length=1, description="The issues it speaks to.")


class ValueItemUpdate(UpdateModel):
    invalid_message: ClassVar[str] = "Invalid value item."

    title: Name = None  # type: ignore[assignment]
    kind: ValueKind = None  # type: ignore[assignment]
    pitch: Annotated[str, Field(min_length=1, max_length=500),
                     AfterValidator(no_nul)] = None  # type: ignore[assignment]
    short: Short = None
    url: Annotated[line(500) | None, BeforeValidator(blank_to_none)] = None
    issues: list[Issue] = Field(None, min_length=1)  # type: ignore[assignment]


class ValueItem(ResponseModel):
    id: int
    title: str
    kind: ValueKind
    pitch: str
    short: str | None = Field(None, description="The pitch in about a dozen words; what a "
                                                "voicemail with more reasons says instead.")
    url: str | None
    issues: list[Issue]
    created_at: Timestamp
    updated_at: Timestamp


class ValueItemList(ResponseModel):
    items: list[ValueItem]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class ValueItemsQuery(ListQuery):
    issue: Issue | None = Field(None, description="Only items tagged with this issue.")
    q: line(200) | None = Field(
        None, description="Text found in the title.")
