"""Words for outreach: openers, voicemail scripts, the message check, the call-back card
and the stall diagnosis."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    AwareTimestamp,
    Issue,
    PersonRef,
    Phone,
    QueryModel,
    RequestModel,
    ResponseModel,
    Timestamp,
    line,
    no_nul,
)
from referrals.api.schemas.followups import Followup
from referrals.api.schemas.paths import Step, WarmPath
from referrals.api.schemas.people import Person
from referrals.api.schemas.touches import Cadence, Channel, Outcome
from referrals.api.schemas.value_items import ItemRef, ValueItem

ConnectionKind = Literal["asked_to_call", "called_ahead", "reference", "teammate", "colleague",
                         "mutual", "association", "event", "company", "reconnect",
                         "public_hook"]
CallToAction = Literal["call_back", "reply_email", "book_call", "expect_package"]


class OpenerOption(ResponseModel):
    key: str = Field(description="The template's key (`team.<id>` for a team's own).")
    label: str
    text: str | None = Field(description="The opener; null when the template failed.")
    problem: str | None = Field(description="Why a team template could not be filled in.")


class PathOpeners(ResponseModel):
    path: WarmPath
    kind: ConnectionKind
    knower: Step | None = Field(description="The person the prospect knows, whose name the "
                                            "rep says.")
    teammate: Step | None = Field(description="A teammate to ask first, if the path runs "
                                              "through one.")
    options: list[OpenerOption]


class SavedOpener(ResponseModel):
    id: int
    person_id: int
    kind: ConnectionKind
    template_key: str | None
    via_id: int | None
    text: str
    created_at: Timestamp


class OpenersAnswer(ResponseModel):
    paths: list[PathOpeners] = Field(description="For each warm path, best first.")
    public_hook: list[OpenerOption] = Field(description="Openers from a public hook (`hook`).")
    saved: SavedOpener | None = Field(description="The latest opener saved for this person.")


class OpenersQuery(QueryModel):
    k: int = Field(3, ge=1, le=10, description="How many paths.")
    hook: line(200) | None = Field(
        None, description="A public hook for the `public_hook` openers, e.g. `your talk at "
                          "the Expo`.")


class OpenerSave(RequestModel):
    invalid_message: ClassVar[str] = "Invalid opener."

    text: Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(no_nul)]
    kind: ConnectionKind = "mutual"
    template_key: line(60) | None = None
    via_id: PersonRef | None = Field(None, description="The person the opener names.")


class Flag(ResponseModel):
    code: Literal["only_name_number", "no_reason", "empty_claim", "blames", "desperate",
                  "about_me", "repeated", "too_long"]
    message: str = Field(description="Why it is a problem.")
    suggestion: str = Field(description="What to do instead.")
    excerpt: str | None = Field(description="The phrase found, when there is one.")


class SpokenLength(ResponseModel):
    words: int = Field(ge=0)
    seconds: float = Field(ge=0, description="At about 150 words a minute.")
    level: Literal["ok", "warn", "too_long"] = Field(
        description="`warn` past 20 seconds, `too_long` past 30.")
    message: str | None


class MessageCheckRequest(RequestModel):
    invalid_message: ClassVar[str] = "Invalid message."

    text: Annotated[str, Field(min_length=1, max_length=5000), AfterValidator(no_nul)]
    channel: Literal["voicemail", "email"] = "voicemail"


class MessageCheck(ResponseModel):
    flags: list[Flag] = Field(description="Empty when the message passes.")
    length: SpokenLength


class VoicemailRequest(RequestModel):
    invalid_message: ClassVar[str] = "Invalid voicemail."

    opener: line(1000) = Field(
        "", description="The connection sentence (your saved opener, a path's opener…).")
    value_item_ids: list[ItemRef] = Field(default_factory=list, max_length=3)
    issues: list[Issue] = Field(default_factory=list, max_length=3,
                                description="Reasons from the prospect's pressing issues.")
    call_to_action: CallToAction = "call_back"
    phone: Phone = Field(None, description="Absent: the rep's own person's phone.")
    text: line(5000) = Field(
        "", description="Your own edit of the script; absent: the app composes it.")
    override: bool = Field(False, description="Save although it runs over 30 seconds.")
    preview: bool = Field(False, description="Answer the draft (200) and save nothing.")


class VoicemailDraft(ResponseModel):
    text: str
    length: SpokenLength
    flags: list[Flag]
    value_item_ids: list[int]
    issues: list[Issue]
    call_to_action: CallToAction
    warnings: list[str]


class VoicemailScript(ResponseModel):
    id: int
    person_id: int
    text: str
    call_to_action: CallToAction
    words: int
    seconds: float
    over_length: bool = Field(description="Saved over 30 seconds with `override`.")
    value_item_ids: list[int]
    created_at: Timestamp


class VoicemailScriptList(ResponseModel):
    items: list[VoicemailScript]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class CallbackTouch(ResponseModel):
    id: int
    channel: Channel
    outcome: Outcome | None
    occurred_at: Timestamp
    notes: str
    value_item: str | None = Field(description="The title of what went with it.")
    script: str | None = Field(description="The voicemail script that was left.")


StallCause = Literal["no_reason", "no_gain", "no_need", "no_trust", "no_difference", "too_busy",
                     "better_deal", "no_authority", "no_value", "wont_say_no"]



class LikelyCause(ResponseModel):
    cause: StallCause
    label: str
    evidence: str = Field(description="What in the history points to it, in plain words.")


class Approach(ResponseModel):
    kind: Literal["path", "channel", "value", "reference", "colleague", "message"]
    text: str
    person_id: int | None = Field(description="Whom to ask, call or try (path, reference, "
                                              "colleague).")
    value_item_id: int | None
    channel: str | None


class StallAdvice(ResponseModel):
    cause: StallCause
    label: str
    advice: str = Field(description="What this cause asks of the next attempt.")
    approaches: list[Approach] = Field(description="The approaches that answer this cause, "
                                                   "in the order to try them.")


class StallDiagnosis(ResponseModel):
    stalled: bool = Field(description="Three or more unanswered attempts, or the budget spent.")
    attempts: int
    likely_causes: list[LikelyCause] = Field(
        description="The causes the history points to, the strongest evidence first; empty "
                    "when nothing stands out.")
    advice: StallAdvice | None = Field(
        description="For `cause` if given, else the likeliest cause; null when neither.")


class StallQuery(QueryModel):
    cause: StallCause | None = Field(None, description="Advice for this cause instead of the "
                                                       "likeliest one.")


class StallReviewCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid stall review."

    cause: StallCause


class StallReview(ResponseModel):
    id: int
    person_id: int
    cause: StallCause
    created_at: Timestamp


class CallbackCard(ResponseModel):
    person: Person
    local_time: AwareTimestamp = Field(description="The time where the prospect is.")
    connection: WarmPath | None = Field(description="The best warm path from the rep.")
    opener: str | None
    last_messages: list[CallbackTouch] = Field(description="Latest first.")
    offered: list[ValueItem] = Field(description="Everything offered so far, in order.")
    open_followups: list[Followup]
    cadence: Cadence
    next_step: str
    script: list[str] = Field(description="What to say, line by line.")
    promised: list[str] = Field(default_factory=list, description=(
        "The sentences of your latest message that promised something, in its own words."))
    promised_at: AwareTimestamp | None = Field(None, description="When that message went.")
    they_said: str | None = Field(None, description=(
        "The notes of the last conversation with them (what they asked for, what they said)."))
