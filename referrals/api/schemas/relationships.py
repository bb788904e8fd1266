"""Relationships (ties) between two people, with their tie strength."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    ListQuery,
    PersonRef,
    Rating,
    RelationshipKind,
    RequestModel,
    ResponseModel,
    Text,
    Timestamp,
    UpdateModel,
)
from referrals.base import MAX_ID


class RelationshipCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid relationship."

    person_a: PersonRef
    person_b: PersonRef
    kind: RelationshipKind = Field(description="How the two know each other.")
    rating: Rating = 3
    last_interaction: date | None = Field(None, description="YYYY-MM-DD, not in the future.")
    notes: Text = ""


class RelationshipUpdate(UpdateModel):
    invalid_message: ClassVar[str] = "Invalid relationship."

    person_a: PersonRef = None  # type: ignore[assignment]
    person_b: PersonRef = None  # type: ignore[assignment]
    kind: RelationshipKind = None  # type: ignore[assignment]
    rating: Rating = None  # type: ignore[assignment]
    last_interaction: date | None = None
    notes: Text = None  # type: ignore[assignment]


class Relationship(ResponseModel):
    id: int
    person_a: int
    person_b: int
    kind: RelationshipKind
    rating: int = Field(ge=1, le=5)
    last_interaction: date | None
    notes: str
    tie_strength: float = Field(
        gt=0, le=1, description="The model's strength of this tie, in (0, 1]."
    )
    recorded_by: int | None = Field(description="The user who recorded the tie.")
    created_at: Timestamp
    updated_at: Timestamp


class RelationshipList(ResponseModel):
    items: list[Relationship]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class RelationshipsQuery(ListQuery):
    person_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only ties of this person (either side)."
    )
