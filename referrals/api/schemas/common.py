"""What the API's models share: base classes, field types and validators, errors, lists.

Request models are strict (a JSON string is not a number, 1 is not `true`) and reject
unknown fields; their limits mirror the database columns. Response models are what the views
serialise through, so the OpenAPI document built from them describes the real answers.
Class names are the component names in the OpenAPI document, so they are unique across the
modules of this package.
"""

from __future__ import annotations

from datetime import UTC, datetime
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
from referrals.database import max_amount, max_length
from referrals.models import Person
from referrals.people.services import is_valid_timezone
from referrals.text import one_line_problem, web_address_problem
from referrals.vocab import COMPANY_SIZES, GROUP_KINDS, ISSUES, RELATIONSHIP_KINDS, ROLES

MAX_DEAL_VALUE = max_amount(Person.deal_value)
NO_SUCH_PERSON = "No such person in your team."  # the services' words for an unknown person id

# The vocabularies as JSON Schema enums, straight from referrals.vocab (a tuple subscript
# spells out its values).
Role = Literal[ROLES]  # type: ignore[valid-type]
CompanySize = Literal[COMPANY_SIZES]  # type: ignore[valid-type]
RelationshipKind = Literal[RELATIONSHIP_KINDS]  # type: ignore[valid-type]
GroupKind = Literal[GROUP_KINDS]  # type: ignore[valid-type]
Issue = Literal[ISSUES]  # type: ignore[valid-type]


# --- field types -------------------------------------------------------------------------

def no_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000; refuse it here rather than fail in the database.
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "Remove the NUL (\\u0000) character.")
    return value


def _one_line(value: str) -> str:
    # Names, companies, titles, phones, e-mails: no line breaks, controls or bidi overrides.
    if problem := one_line_problem(value):
        raise PydanticCustomError("one_line", problem)
    return value


def _web_address(value: str) -> str:
    if problem := web_address_problem(value):
        raise PydanticCustomError("web_address", problem)
    return value


def blank_to_none(value: Any) -> Any:
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


def line(max_length: int) -> Any:
    return Annotated[str, Field(max_length=max_length), AfterValidator(no_nul)]


Text = Annotated[str, AfterValidator(no_nul)]
def required_line(max_length: int) -> Any:
    """A one-line string of 1 to `max_length` characters."""
    return Annotated[str, Field(min_length=1, max_length=max_length), AfterValidator(no_nul),
                     AfterValidator(_one_line)]


def optional_line(max_length: int) -> Any:
    """A one-line string of at most `max_length` characters; blank or absent is None."""
    return Annotated[Annotated[line(max_length), AfterValidator(_one_line)] | None,
                     BeforeValidator(blank_to_none)]


Name = required_line(200)
OptionalLine200 = Annotated[Annotated[line(200), AfterValidator(_one_line)] | None,
                            BeforeValidator(blank_to_none)]
Email = Annotated[
    Annotated[
        str, Field(max_length=max_length(Person.email), json_schema_extra={"format": "email"}),
        AfterValidator(_one_line), AfterValidator(_email)
    ]
    | None,
    BeforeValidator(blank_to_none),
]
Phone = optional_line(max_length(Person.phone))
ProfileUrl = Annotated[
    Annotated[
        str, Field(max_length=max_length(Person.profile_url), json_schema_extra={"format": "uri"}),
        AfterValidator(_web_address),
    ]
    | None,
    BeforeValidator(blank_to_none),
]
OptionalLine100 = Annotated[Annotated[line(100), AfterValidator(_one_line)] | None,
                            BeforeValidator(blank_to_none)]
Timezone = Annotated[
    Annotated[str, Field(max_length=max_length(Person.timezone)), AfterValidator(_timezone)]
    | None,
    BeforeValidator(blank_to_none),
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
AwareTimestamp = Annotated[datetime, Field(description="ISO 8601 with its offset.")]


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

def limit_field() -> Any:
    # The app's API_MAX_LIMIT is checked when paging (see pagination.py); these are the defaults.
    return Field(
        None,
        ge=1,
        description=f"Items per page, at most {Config.API_MAX_LIMIT}.",
        json_schema_extra={"default": Config.API_DEFAULT_LIMIT, "maximum": Config.API_MAX_LIMIT},
    )


class ListQuery(QueryModel):
    limit: int | None = limit_field()
    after: int | None = Field(
        None, ge=0, le=MAX_ID,
        description="Return items whose id is greater than this (the `next` link sets it).",
    )


NEXT_DESCRIPTION = "Absolute URL of the next page, keeping the filters; null on the last page."
