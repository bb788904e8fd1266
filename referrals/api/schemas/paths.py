"""Warm paths to a person and the prospect ranking."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from referrals.api.schemas.common import NEXT_DESCRIPTION, QueryModel, ResponseModel, limit_field
from referrals.api.schemas.people import Person


class Step(ResponseModel):
    type: Literal["person", "group"]
    id: int
    name: str


class Tie(ResponseModel):
    kind: str = Field(description="The relationship kind, or how a person belongs to a group.")
    tie_strength: float = Field(gt=0, le=1)


class FatiguedHelper(ResponseModel):
    id: int = Field(description="The helper's person id.")
    name: str
    asks: int = Field(ge=0, description="Times the team asked them within `window_days`.")
    window_days: int = Field(ge=1, description="The team's window for counting asks.")
    cap: int = Field(ge=1, description="The team's ask cap: from this many asks on, paths "
                                       "through the helper are lowered.")
    factor: float = Field(gt=0, le=1, description="What paths through them are multiplied by.")


class Penalty(ResponseModel):
    factor: float = Field(gt=0, le=1, description="The product of the helpers' factors.")
    reason: str = Field(description="Why, in words, e.g. `Gus Ortega was asked 3 times in "
                                    "the last 90 days; the team's cap is 2.`")
    helpers: list[FatiguedHelper] = Field(description="The over-asked people on the path.")


class WarmPath(ResponseModel):
    warmth: float = Field(gt=0, le=1, description="The product of the path's tie strengths.")
    # Added after API.md's contract: optional in the schema so its bodies stay valid, though
    # every answer carries both.
    penalised_warmth: float | None = Field(
        None, gt=0, le=1, description="`warmth` times `penalty.factor`: what the paths are "
                                      "sorted by. Equal to `warmth` when `penalty` is null. "
                                      "Always sent.")
    penalty: Penalty | None = Field(
        None, description="Set when the path runs through someone the team asked too often.")
    hops: int = Field(ge=1)
    steps: list[Step] = Field(description="From the source to the target.")
    ties: list[Tie] = Field(description="`ties[i]` joins `steps[i]` and `steps[i+1]`.")
    explanation: str
    opener: str | None = Field(None, description=(
        "What to say to the target, claiming only what the data holds; null while the rep "
        "should ask someone for an introduction first (`stage` `ask` or `declined`)."))
    stage: Literal["warm", "known", "ask", "declined"] = Field("known", description=(
        "`warm`: the go-between vouched (agreed to or made the introduction, called ahead, "
        "or referred the target); `known`: the rep knows the go-between but holds no "
        "endorsement, so the opener says only what is known; `ask`: the rep hasn't met the "
        "go-between, or asked and awaits the answer – ask `ask` first; `declined`: the person "
        "to ask said no."))
    ask: Step | None = Field(None, description="Whom to ask for the introduction, when asking "
                                         "first is the next step or warmer.")


class PathList(ResponseModel):
    paths: list[WarmPath] = Field(description="Best first; empty when there is no path.")


class PathsQuery(QueryModel):
    k: int = Field(3, ge=1, le=10, description="How many paths, at most.")
    max_hops: int = Field(4, ge=1, le=6, description="The longest path to consider.")
    from_: str = Field(
        "me", alias="from", pattern=r"^(me|[1-9][0-9]{0,9})$",
        description="`me` (the rep's own person) or the id of a person of your team.",
    )


class RankedProspect(ResponseModel):
    prospect: Person
    warmth: float | None = Field(description="Best warmth from the rep; null when unreachable.")
    penalised_warmth: float | None = Field(
        None, description="`warmth` times `penalty.factor`: what the ranking is sorted by. "
                          "Equal to `warmth` when `penalty` is null; null when unreachable. "
                          "Always sent.")
    penalty: Penalty | None = Field(
        None, description="Set when the best path runs through someone the team asked too "
                          "often.")
    hops: int | None
    first_step: Step | None = Field(description="Whom the best path goes through first.")


class RankingList(ResponseModel):
    items: list[RankedProspect] = Field(
        description="Warmest first by `penalised_warmth` (which is `warmth` unless an "
                    "over-asked helper is on the path); unreachable last.")
    next: str | None = Field(description=NEXT_DESCRIPTION)


class RankingQuery(QueryModel):
    limit: int | None = limit_field()
    offset: int = Field(0, ge=0, le=1_000_000,
                        description="Skip this many (the `next` link sets it).")
    max_hops: int = Field(4, ge=1, le=6, description="The longest path to consider.")
