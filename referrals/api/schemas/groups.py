"""Groups (associations, events, companies) and their members."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    GroupKind,
    ListQuery,
    Name,
    PersonRef,
    RequestModel,
    ResponseModel,
    Text,
    Timestamp,
    UpdateModel,
    line,
)


class GroupCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid group."

    name: Name
    kind: GroupKind
    notes: Text = ""


class GroupUpdate(UpdateModel):
    invalid_message: ClassVar[str] = "Invalid group."

    name: Name = None  # type: ignore[assignment]
    kind: GroupKind = None  # type: ignore[assignment]
    notes: Text = None  # type: ignore[assignment]


class Group(ResponseModel):
    id: int
    name: str
    kind: GroupKind
    notes: str
    member_count: int = Field(ge=0)
    created_at: Timestamp
    updated_at: Timestamp


class GroupList(ResponseModel):
    items: list[Group]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class GroupsQuery(ListQuery):
    kind: GroupKind | None = Field(None, description="Only groups of this kind.")
    q: line(200) | None = Field(
        None, description="Text found in the name."
    )


class MemberAdd(RequestModel):
    invalid_message: ClassVar[str] = "Invalid member."

    person_id: PersonRef


class Membership(ResponseModel):
    group_id: int
    person_id: int
    created_at: Timestamp
