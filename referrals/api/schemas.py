"""Pydantic models of the API: what each request may send and what each response holds.

Request models are strict (a JSON string is not a number, 1 is not `true`) and reject
unknown fields; their limits mirror the database columns. Response models are what the views
serialise through, so the OpenAPI document built from them describes the real answers.
Class names are the component names in the OpenAPI document.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from referrals.base import MAX_ID
from referrals.config import Config
from referrals.people.services import is_valid_timezone
from referrals.text import one_line_problem
from referrals.vocab import COMPANY_SIZES, GROUP_KINDS, ISSUES, RELATIONSHIP_KINDS, ROLES

MAX_DEAL_VALUE = Decimal("999999999999.99")  # Numeric(14, 2)
NO_SUCH_PERSON = "No such person in your team."  # the services' words for an unknown person id

Role = Literal["customer", "reference", "advocate", "prospect"]
CompanySize = Literal["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+"]
RelationshipKind = Literal[
    "customer", "referral", "friend", "family", "colleague", "former_colleague", "acquaintance"
]
GroupKind = Literal["association", "event", "company"]
Issue = Literal["economy", "competitors", "loyalty", "profit", "productivity", "staffing", "costs"]
assert set(Role.__args__) == set(ROLES)  # type: ignore[attr-defined]
assert set(RelationshipKind.__args__) == set(RELATIONSHIP_KINDS)  # type: ignore[attr-defined]
assert set(GroupKind.__args__) == set(GROUP_KINDS)  # type: ignore[attr-defined]
assert CompanySize.__args__ == COMPANY_SIZES  # type: ignore[attr-defined]
assert Issue.__args__ == ISSUES  # type: ignore[attr-defined]


# --- field types -------------------------------------------------------------------------

def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000; refuse it here rather than fail in the database.
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "Remove the NUL (\\u0000) character.")
    return value


def _one_line(value: str) -> str:
    # Names, companies, titles, phones, e-mails: no line breaks, controls or bidi overrides.
    if problem := one_line_problem(value):
        raise PydanticCustomError("one_line", problem)
    return value


def _iso_date(value: Any) -> Any:
    # Lax pydantic reads "0" or 1700000000 as a Unix time; a filter takes YYYY-MM-DD only.
    if isinstance(value, date) or (
        isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-"
        and (value[:4] + value[5:7] + value[8:]).isdigit()
    ):
        return value
    raise PydanticCustomError("date_format", "Use a date as YYYY-MM-DD.")


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _email(value: str) -> str:
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise PydanticCustomError(
            "email", "Enter a valid e-mail address: {reason}", {"reason": str(exc)}
        ) from exc
    return result.normalized.lower()


def _timezone(value: str) -> str:
    if not is_valid_timezone(value):
        raise PydanticCustomError("timezone", "Use a time zone name such as America/Chicago.")
    return value


def _rating(value: int) -> int:
    if not 1 <= value <= 5:
        raise PydanticCustomError("rating", "Rate the tie from 1 (barely know) to 5 (close).")
    return value


def _person_id(value: int) -> int:
    # Out of range is simply "no such person" – the same words as an id of another team.
    if not 1 <= value <= MAX_ID:
        raise PydanticCustomError("no_such_person", NO_SUCH_PERSON)
    return value


def _money(value: float) -> float:
    amount = Decimal(repr(value))
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise PydanticCustomError("decimal_places", "Use at most 2 decimal places.")
    return value


def _utc_iso(value: datetime) -> str:
    # SQLite hands back naive datetimes; every timestamp is stored in UTC.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def _line(max_length: int) -> Any:
    return Annotated[str, Field(max_length=max_length), AfterValidator(_no_nul)]


Text = Annotated[str, AfterValidator(_no_nul)]
Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul),
                 AfterValidator(_one_line)]
OptionalLine200 = Annotated[Annotated[_line(200), AfterValidator(_one_line)] | None,
                            BeforeValidator(_blank_to_none)]
Email = Annotated[
    Annotated[
        str, Field(max_length=254, json_schema_extra={"format": "email"}),
        AfterValidator(_one_line), AfterValidator(_email)
    ]
    | None,
    BeforeValidator(_blank_to_none),
]
Phone = Annotated[Annotated[_line(50), AfterValidator(_one_line)] | None,
                  BeforeValidator(_blank_to_none)]
OptionalLine100 = Annotated[Annotated[_line(100), AfterValidator(_one_line)] | None,
                            BeforeValidator(_blank_to_none)]
Timezone = Annotated[
    Annotated[str, Field(max_length=64), AfterValidator(_timezone)] | None,
    BeforeValidator(_blank_to_none),
]
DealValue = Annotated[
    float,
    Field(ge=0, le=float(MAX_DEAL_VALUE), allow_inf_nan=False),
    AfterValidator(_money),
]
Rating = Annotated[
    int, Field(json_schema_extra={"minimum": 1, "maximum": 5}), AfterValidator(_rating)
]
PersonRef = Annotated[
    int, Field(json_schema_extra={"minimum": 1}, description="A person of your team."),
    AfterValidator(_person_id),
]
Timestamp = Annotated[
    datetime,
    PlainSerializer(_utc_iso, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def _drop_defaults(schema: dict[str, Any]) -> None:
    # Partial updates: an absent field is left alone, so no field has a default to document.
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


class RequestModel(BaseModel):
    """A JSON request body: strict types, no unknown fields, surrounding spaces dropped."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)
    invalid_message: ClassVar[str] = "Some fields are invalid."


class UpdateModel(RequestModel):
    """A partial update: only the fields sent are changed; null clears optional fields."""

    model_config = ConfigDict(json_schema_extra=_drop_defaults)


class QueryModel(BaseModel):
    """Query-string parameters: strings are converted (`?limit=10`), unknown names refused."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class ResponseModel(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)


# --- errors ------------------------------------------------------------------------------

class Error(ResponseModel):
    """Every error answer: a short message and, for invalid input, messages per field."""

    error: str = Field(description="A short message for people.")
    fields: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages per field; nested fields are joined with '.' (e.g. `roles.0`).",
    )


# --- lists -------------------------------------------------------------------------------

def _limit() -> Any:
    # The app's API_MAX_LIMIT is checked when paging (see pagination.py); these are the defaults.
    return Field(
        None,
        ge=1,
        description=f"Items per page, at most {Config.API_MAX_LIMIT}.",
        json_schema_extra={"default": Config.API_DEFAULT_LIMIT, "maximum": Config.API_MAX_LIMIT},
    )


class ListQuery(QueryModel):
    limit: int | None = _limit()
    after: int | None = Field(
        None, ge=0, le=MAX_ID,
        description="Return items whose id is greater than this (the `next` link sets it).",
    )


NEXT_DESCRIPTION = "Absolute URL of the next page, keeping the filters; null on the last page."


# --- me ----------------------------------------------------------------------------------

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


# --- people ------------------------------------------------------------------------------

KeepInTouchDays = Annotated[int, Field(ge=1, le=3650)]
KEEP_IN_TOUCH_DESCRIPTION = (
    "Stay in touch every this many days (1–3650); null: the team's default, which applies to "
    "advocates and customers. Any logged interaction with the person restarts the count.")


class PersonCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid person."

    name: Name
    company: OptionalLine200 = None
    title: OptionalLine200 = None
    email: Email = None
    phone: Phone = None
    timezone: Timezone = Field(None, description="IANA time zone name, e.g. America/Chicago.")
    roles: list[Role] = Field(default_factory=list)
    do_not_contact: bool = False
    deal_value: DealValue | None = None
    notes: Text = ""
    industry: OptionalLine100 = Field(None, description="For matching references.")
    company_size: CompanySize | None = Field(None, description="Head count band.")
    region: OptionalLine100 = Field(None, description="Where they do business.")
    pressing_issues: list[Issue] = Field(
        default_factory=list, description="What is on their mind: picks the value to offer.")
    keep_in_touch_days: KeepInTouchDays | None = Field(None, description=KEEP_IN_TOUCH_DESCRIPTION)


class PersonUpdate(UpdateModel):
    invalid_message: ClassVar[str] = "Invalid person."

    name: Name = None  # type: ignore[assignment]  (absent: unchanged; null: refused)
    company: OptionalLine200 = None
    title: OptionalLine200 = None
    email: Email = None
    phone: Phone = None
    timezone: Timezone = Field(None, description="IANA time zone name, e.g. America/Chicago.")
    roles: list[Role] = None  # type: ignore[assignment]
    do_not_contact: bool = None  # type: ignore[assignment]
    deal_value: DealValue | None = None
    notes: Text = None  # type: ignore[assignment]
    industry: OptionalLine100 = None
    company_size: CompanySize | None = None
    region: OptionalLine100 = None
    pressing_issues: list[Issue] = None  # type: ignore[assignment]
    keep_in_touch_days: KeepInTouchDays | None = None


class Person(ResponseModel):
    id: int
    name: str
    company: str | None
    title: str | None
    email: str | None
    phone: str | None
    timezone: str | None
    roles: list[Role]
    do_not_contact: bool
    deal_value: float | None
    notes: str
    industry: str | None
    company_size: CompanySize | None
    region: str | None
    pressing_issues: list[Issue]
    keep_in_touch_days: int | None = Field(description=KEEP_IN_TOUCH_DESCRIPTION)
    created_at: Timestamp
    updated_at: Timestamp


class PersonList(ResponseModel):
    items: list[Person]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class PeopleQuery(ListQuery):
    role: Role | None = Field(None, description="Only people with this role.")
    q: _line(200) | None = Field(
        None, description="Text found in the name, company or e-mail."
    )


# --- relationships -----------------------------------------------------------------------

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


# --- groups ------------------------------------------------------------------------------

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
    q: _line(200) | None = Field(
        None, description="Text found in the name."
    )


class MemberAdd(RequestModel):
    invalid_message: ClassVar[str] = "Invalid member."

    person_id: PersonRef


class Membership(ResponseModel):
    group_id: int
    person_id: int
    created_at: Timestamp


# --- warm paths and the prospect ranking -------------------------------------------------

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
    limit: int | None = _limit()
    offset: int = Field(0, ge=0, le=1_000_000, description="Skip this many (the `next` link sets it).")
    max_hops: int = Field(4, ge=1, le=6, description="The longest path to consider.")


# --- advocate calls and follow-ups -------------------------------------------------------

FollowupKind = Literal["thank_you", "feedback", "call", "custom", "keep_in_touch", "nudge"]


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
    reason: Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_no_nul)] = Field(
        description="What to do, e.g. \"send the price list\".")
    kind: Literal["call", "custom"] = Field("custom", description="`call`: a call you promised.")


class AdvocateCallCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid advocate call."

    advocate_id: PersonRef
    prospect_id: PersonRef
    occurred_on: date
    outcome: _line(500) = ""
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


# --- introduction requests ---------------------------------------------------------------

IntroStatus = Literal["draft", "asked", "agreed", "introduced", "meeting_set", "won", "lost",
                      "declined", "no_reply"]


class IntroductionCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid introduction request."

    helper_id: PersonRef = Field(description="Who is asked to make the introduction.")
    prospect_id: PersonRef
    status: Literal["draft", "asked"] = Field("draft", description="`asked` once it is sent.")
    message: Annotated[_line(20_000) | None, BeforeValidator(_blank_to_none)] = Field(
        None, description="The ask to send; absent: drafted from what the data says.")
    confirm_over_cap: bool = Field(
        False, description="Ask a helper already asked up to the team's cap (without it: 409).")


class IntroductionUpdate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid status change."

    status: IntroStatus
    note: _line(2000) = ""
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


# --- imports -----------------------------------------------------------------------------

class ImportUpload(BaseModel):
    """multipart/form-data: the file, and its format when it should not be detected."""

    file: bytes = Field(description="A CSV or vCard file of contacts, a CSV file of ties or of "
                                    "group memberships, or a team export (JSON).")
    format: Literal["csv", "vcard", "linkedin", "google", "outlook", "ties", "members",
                    "team"] | None = Field(
        None, description="Detected when absent. `csv` still tells LinkedIn, Google, Outlook, "
                          "ties and memberships files apart by their header.")
    dry_run: bool = Field(False, description="`true`: answer what the import would do and "
                                             "write nothing (a preview).")


class ImportRowError(ResponseModel):
    row: int = Field(description="The line number in the file, as a spreadsheet shows it "
                                 "(for a team export: the object's position in its list).")
    message: str


class ImportResult(ResponseModel):
    created: int = Field(ge=0)
    updated: int = Field(ge=0)
    skipped: int = Field(ge=0, description="Rows already up to date, repeated in the file, "
                                           "or with an error.")
    errors: list[ImportRowError]
    format: str = Field(description="The layout the file was read as, e.g. `linkedin`.")
    dry_run: bool = Field(description="True when nothing was written.")


# --- outreach: touches, value library, openers, voicemail scripts, message check, card --------

Channel = Literal["call", "voicemail", "email", "letter", "card", "postcard", "fax", "visit",
                  "social", "advocate_call"]
Outcome = Literal["no_answer", "voicemail_left", "spoke", "callback_received", "meeting_set"]
ValueKind = Literal["article", "research", "tip", "technique", "whitepaper", "case_study"]
ConnectionKind = Literal["asked_to_call", "called_ahead", "reference", "teammate", "colleague",
                         "mutual", "association", "event", "company", "reconnect",
                         "public_hook"]
CallToAction = Literal["call_back", "reply_email", "book_call", "expect_package"]
def _item_id(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise PydanticCustomError("no_such_item", "No such item in your value library.")
    return value


ItemRef = Annotated[int, Field(json_schema_extra={"minimum": 1},
                               description="An item of your team's value library."),
                    AfterValidator(_item_id)]
AwareTimestamp = Annotated[datetime, Field(description="ISO 8601 with its offset.")]


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


class ValueItemCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid value item."

    title: Name
    kind: ValueKind
    pitch: Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_no_nul)] = Field(
        description="One sentence on what's in it for the prospect; goes into voicemails.")
    url: Annotated[_line(500) | None, BeforeValidator(_blank_to_none)] = None
    issues: list[Issue] = Field(min_length=1, description="The issues it speaks to.")


class ValueItemUpdate(UpdateModel):
    invalid_message: ClassVar[str] = "Invalid value item."

    title: Name = None  # type: ignore[assignment]
    kind: ValueKind = None  # type: ignore[assignment]
    pitch: Annotated[str, Field(min_length=1, max_length=500),
                     AfterValidator(_no_nul)] = None  # type: ignore[assignment]
    url: Annotated[_line(500) | None, BeforeValidator(_blank_to_none)] = None
    issues: list[Issue] = Field(None, min_length=1)  # type: ignore[assignment]


class ValueItem(ResponseModel):
    id: int
    title: str
    kind: ValueKind
    pitch: str
    url: str | None
    issues: list[Issue]
    created_at: Timestamp
    updated_at: Timestamp


class ValueItemList(ResponseModel):
    items: list[ValueItem]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class ValueItemsQuery(ListQuery):
    issue: Issue | None = Field(None, description="Only items tagged with this issue.")
    q: _line(200) | None = Field(
        None, description="Text found in the title.")


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
    hook: _line(200) | None = Field(
        None, description="A public hook for the `public_hook` openers, e.g. `your talk at "
                          "the Expo`.")


class OpenerSave(RequestModel):
    invalid_message: ClassVar[str] = "Invalid opener."

    text: Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_no_nul)]
    kind: ConnectionKind = "mutual"
    template_key: _line(60) | None = None
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

    text: Annotated[str, Field(min_length=1, max_length=5000), AfterValidator(_no_nul)]
    channel: Literal["voicemail", "email"] = "voicemail"


class MessageCheck(ResponseModel):
    flags: list[Flag] = Field(description="Empty when the message passes.")
    length: SpokenLength


class VoicemailRequest(RequestModel):
    invalid_message: ClassVar[str] = "Invalid voicemail."

    opener: _line(1000) = Field(
        "", description="The connection sentence (your saved opener, a path's opener…).")
    value_item_ids: list[ItemRef] = Field(default_factory=list, max_length=3)
    issues: list[Issue] = Field(default_factory=list, max_length=3,
                                description="Reasons from the prospect's pressing issues.")
    call_to_action: CallToAction = "call_back"
    phone: Phone = Field(None, description="Absent: the rep's own person's phone.")
    text: _line(5000) = Field(
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
