"""GET /me: the token's user, their person and their team."""

from __future__ import annotations

from pydantic import Field

from referrals.api.schemas.common import ResponseModel


class UserInfo(ResponseModel):
    id: int
    email: str
    is_admin: bool


class TeamInfo(ResponseModel):
    id: int
    name: str


class Me(ResponseModel):
    user: UserInfo
    person_id: int | None = Field(description="The rep's own person: their node in the graph.")
    team: TeamInfo
