"""People: what a request may send about a person and what the answers hold."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from referrals.api.schemas.common import (
    NEXT_DESCRIPTION,
    CompanySize,
    DealValue,
    Email,
    Issue,
    ListQuery,
    PersonRef,
    Phone,
    ProfileUrl,
    RequestModel,
    ResponseModel,
    Role,
    Text,
    Timestamp,
    Timezone,
    UpdateModel,
    line,
    optional_line,
    required_line,
)
from referrals.database import max_length
from referrals.models import Person
from referrals.people.services import BULK_MAX

KeepInTouchDays = Annotated[int, Field(ge=1, le=3650)]
KEEP_IN_TOUCH_DESCRIPTION = (
    "Stay in touch every this many days (1–3650); null: the team's default, which applies to "
    "advocates and customers. Any logged interaction with the person restarts the count.")

PROFILE_URL_DESCRIPTION = (
    "Their public profile (LinkedIn, say): an http:// or https:// address; anything else is "
    "refused. A LinkedIn import fills it from the connection's profile.")

# Every limit is the column's (referrals.models.Person).
PersonName = required_line(max_length(Person.name))
Company = optional_line(max_length(Person.company))
Title = optional_line(max_length(Person.title))
Industry = optional_line(max_length(Person.industry))
Region = optional_line(max_length(Person.region))


class PersonCreate(RequestModel):
    invalid_message: ClassVar[str] = "Invalid person."

    name: PersonName
    company: Company = None
    title: Title = None
    email: Email = None
    phone: Phone = None
    timezone: Timezone = Field(None, description="IANA time zone name, e.g. America/Chicago.")
    roles: list[Role] = Field(default_factory=list)
    do_not_contact: bool = False
    deal_value: DealValue | None = None
    notes: Text = ""
    industry: Industry = Field(None, description="For matching references.")
    company_size: CompanySize | None = Field(None, description="Head count band.")
    region: Region = Field(None, description="Where they do business.")
    pressing_issues: list[Issue] = Field(
        default_factory=list, description="What is on their mind: picks the value to offer.")
    keep_in_touch_days: KeepInTouchDays | None = Field(None, description=KEEP_IN_TOUCH_DESCRIPTION)
    profile_url: ProfileUrl = Field(None, description=PROFILE_URL_DESCRIPTION)


class PersonUpdate(UpdateModel):
    invalid_message: ClassVar[str] = "Invalid person."

    name: PersonName = None  # type: ignore[assignment]  (absent: unchanged; null: refused)
    company: Company = None
    title: Title = None
    email: Email = None
    phone: Phone = None
    timezone: Timezone = Field(None, description="IANA time zone name, e.g. America/Chicago.")
    roles: list[Role] = None  # type: ignore[assignment]
    do_not_contact: bool = None  # type: ignore[assignment]
    deal_value: DealValue | None = None
    notes: Text = None  # type: ignore[assignment]
    industry: Industry = None
    company_size: CompanySize | None = None
    region: Region = None
    pressing_issues: list[Issue] = None  # type: ignore[assignment]
    keep_in_touch_days: KeepInTouchDays | None = None
    profile_url: ProfileUrl = None


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
    profile_url: str | None = Field(description=PROFILE_URL_DESCRIPTION)
    created_at: Timestamp
    updated_at: Timestamp


class PersonList(ResponseModel):
    items: list[Person]
    next: str | None = Field(description=NEXT_DESCRIPTION)


class PeopleQuery(ListQuery):
    role: Role | None = Field(None, description="Only people with this role.")
    q: line(200) | None = Field(
        None, description="Text found in the name, company or e-mail."
    )


class RolesChange(RequestModel):
    """Give one role to several people at once, or take it from them."""

    invalid_message: ClassVar[str] = "Invalid role change."

    person_ids: list[PersonRef] = Field(
        min_length=1, max_length=BULK_MAX,
        description=f"The people to change (1–{BULK_MAX}); an id outside your team answers "
                    "404 and nothing is changed.")
    role: Role
    action: Literal["add", "remove"] = Field(
        description="`add` gives them the role, `remove` takes it away; their other roles stay.")


class RolesChanged(ResponseModel):
    changed: list[int] = Field(description="The people whose roles changed, by id.")
    unchanged: list[int] = Field(
        description="The people who already had the role (add) or did not have it (remove).")
