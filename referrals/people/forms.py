"""Forms for people: the person form, the list filters, roles in bulk and adding a person to a
group."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    Field,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from referrals.base import MAX_ID
from referrals.database import max_amount, max_length
from referrals.models import Person
from referrals.people.services import BULK_MAX, NOTE_MAX, is_valid_timezone, timezone_names
from referrals.text import web_address_problem
from referrals.vocab import COMPANY_SIZES, ISSUE_LABELS, ISSUES, ROLE_LABELS, ROLES
from referrals.web.forms import MultiCheckboxField, no_nul, one_line

# Limits come from the model's columns; notes are Text, so theirs is a policy.
MAX_DEAL_VALUE = max_amount(Person.deal_value)
NOTES_MAX = 20_000


def valid_timezone(form: FlaskForm, field: StringField) -> None:
    if field.data and not is_valid_timezone(field.data.strip()):
        # A rep types the city ("Chicago", "new york"): point to the zone that ends with it.
        city = "/" + field.data.strip().replace(" ", "_").lower()
        matches = sorted(n for n in timezone_names() if n.lower().endswith(city))
        hint = f"Did you mean {matches[0]}?" if matches else "Use a name such as America/Chicago."
        raise ValidationError(f"Not a time zone name. {hint}")


def web_address(form: FlaskForm, field: StringField) -> None:
    if field.data and (problem := web_address_problem(field.data)):
        raise ValidationError(problem)


def finite_amount(form: FlaskForm, field: DecimalField) -> None:
    # Decimal accepts "NaN" and "Infinity", which compare badly and mean nothing as money.
    if field.data is not None and not field.data.is_finite():
        raise StopValidation("Enter an amount such as 25000.")
    if field.data is not None and field.data.as_tuple().exponent < -2:
        raise StopValidation("Use at most 2 decimal places (cents).")


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class VersionedForm(FlaskForm):
    """An edit form that carries the version of the row it was loaded from, so a save over
    someone else's newer change is caught (optimistic concurrency)."""

    version = HiddenField()

    def expected_version(self) -> int | None:
        """The version the page was loaded at; None when the post carries none."""
        value = (self.version.data or "").strip() if isinstance(self.version.data, str) \
            else self.version.data
        return int(value) if isinstance(value, int) or (value and value.isdigit()) else None


def _shown(value: Any, choices: dict[str, str]) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return ", ".join(choices.get(str(v), str(v)) for v in value) or "(empty)"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return choices.get(str(value), str(value))


def conflict_rows(
    form: FlaskForm, diffs: Iterable[tuple[str, Any, Any]]
) -> list[tuple[str, str, str]]:
    """`(label, yours, saved now)` for the fields a stale edit differs in, as the page shows
    them (choice labels, not codes)."""
    rows = []
    for name, submitted, saved in diffs:
        field = form[name]
        choices = {str(c.value): str(c.label) for c in getattr(field, "choices", None) or ()
                   if isinstance(c, SelectChoice)}
        rows.append((str(field.label.text), _shown(submitted, choices), _shown(saved, choices)))
    return rows


class PersonForm(VersionedForm):
    name = StringField(
        "Name",
        filters=[_strip],
        validators=[DataRequired(), Length(max=max_length(Person.name)), no_nul, one_line],
    )
    company = StringField("Company", filters=[_strip],
                          validators=[Length(max=max_length(Person.company)), no_nul, one_line])
    title = StringField("Job title", filters=[_strip],
                        validators=[Length(max=max_length(Person.title)), no_nul, one_line])
    email = EmailField(
        "E-mail",
        filters=[_strip],
        validators=[Optional(), Length(max=max_length(Person.email)), one_line,
                    Email(message="Enter a valid e-mail address.")],
    )
    phone = TelField("Phone", filters=[_strip],
                     validators=[Length(max=max_length(Person.phone)), no_nul, one_line])
    timezone = StringField(
        "Time zone",
        filters=[_strip],
        validators=[Optional(), Length(max=max_length(Person.timezone)), valid_timezone],
        description="Where they work, e.g. America/Chicago – so you call at a good hour.",
        render_kw={"list": "timezones", "autocomplete": "off"},
    )
    profile_url = URLField(
        "Profile address", filters=[_strip],
        validators=[Optional(), Length(max=max_length(Person.profile_url)), web_address],
        description="Their LinkedIn or other public profile, e.g. https://www.linkedin.com/in/…",
    )
    roles = MultiCheckboxField("Roles", choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES])
    do_not_contact = BooleanField("Do not contact")
    deal_value = DecimalField(
        "Deal value ($)",
        places=2,
        validators=[
            Optional(),
            finite_amount,
            NumberRange(min=0, message="Enter an amount of 0 or more."),
            NumberRange(max=MAX_DEAL_VALUE, message="That amount is too large."),
        ],
        description="What a sale to them is worth – it tells you how long to persist.",
        render_kw={"inputmode": "decimal", "min": "0", "step": "0.01"},
    )
    notes = TextAreaField("Notes", validators=[Length(max=NOTES_MAX), no_nul])
    # Like recommends like – these match a prospect with references.
    industry = StringField("Industry", filters=[_strip],
                           validators=[Length(max=max_length(Person.industry)), no_nul,
                                       one_line],
                           description="E.g. metal fabrication, food distribution.")
    company_size = SelectField(
        "Company size",
        choices=[SelectChoice("", "Not known")]
        + [SelectChoice(size, f"{size} people") for size in COMPANY_SIZES],
        validators=[Optional()],
    )
    region = StringField("Region", filters=[_strip],
                         validators=[Length(max=max_length(Person.region)), no_nul, one_line],
                         description="Where they do business, e.g. Ohio or the Midwest.")
    # The issues on their mind pick the value items a voicemail offers them.
    pressing_issues = MultiCheckboxField(
        "Pressing issues", choices=[SelectChoice(i, ISSUE_LABELS[i]) for i in ISSUES],
        description="What keeps them up at night – it decides which articles, research and "
                    "tips you offer.",
    )

    keep_in_touch_days = IntegerField(
        "Stay in touch every N days",
        validators=[Optional(), NumberRange(1, 3650, message="Use 1 to 3,650 days.")],
        description="Leave empty for the team's default (advocates and customers).",
        render_kw={"min": 1, "max": 3650, "inputmode": "numeric"},
    )

    def service_data(self) -> dict[str, Any]:
        """The submitted values in the shape `create_person`/`update_person` take."""
        return {
            "name": self.name.data,
            "company": self.company.data,
            "title": self.title.data,
            "email": self.email.data,
            "phone": self.phone.data,
            "timezone": self.timezone.data,
            "roles": list(self.roles.data or []),
            "do_not_contact": bool(self.do_not_contact.data),
            "deal_value": self.deal_value.data,
            "notes": self.notes.data or "",
            "industry": self.industry.data,
            "company_size": self.company_size.data or None,
            "region": self.region.data,
            "pressing_issues": list(self.pressing_issues.data or []),
            "keep_in_touch_days": self.keep_in_touch_days.data,
            "profile_url": self.profile_url.data or None,
        }


class PeopleFilterForm(FlaskForm):
    """GET filters on the people list (changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField("Search", validators=[Optional(), Length(max=200), no_nul],
                    render_kw={"placeholder": "Name, company, e-mail, phone, notes or group",
                               "type": "search"})
    role = SelectField(
        "Role",
        choices=[SelectChoice("", "Everyone")]
        + [SelectChoice(r, ROLE_LABELS[r] + "s") for r in ROLES],
        validators=[Optional()],
    )


class IdListField(Field):
    """The ids posted under one name by a list's checkboxes (rendered by the page itself).
    Anything that is not an id makes the field's one error; repeats count once."""

    def __init__(self, label: str | None = None, validators: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validators, default=list, **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        ids: list[int] = []
        for value in valuelist:
            value = (value or "").strip()
            if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
                self.data = []
                raise ValueError("Choose people from the list.")
            if int(value) not in ids:
                ids.append(int(value))
        self.data = ids


# The roles a rep hands out in bulk most, first: a list of leads becomes prospects.
_BULK_ORDER = sorted(ROLES, key=("prospect", "customer", "advocate", "reference").index)
#: "add:prospect" … "remove:reference", grouped as the menu shows them.
ROLE_CHANGES: list[SelectChoice] = [
    *(SelectChoice(f"add:{r}", f"Mark as {ROLE_LABELS[r].lower()}s", optgroup="Add a role")
      for r in _BULK_ORDER),
    *(SelectChoice(f"remove:{r}", f"Remove the {ROLE_LABELS[r].lower()} role",
                   optgroup="Remove a role") for r in _BULK_ORDER),
]


class BulkRolesForm(FlaskForm):
    """Add a role to, or remove it from, the people ticked on the People list. "Select all on
    this page" works without a script: the page posts its own ids too, and the box picks them."""

    person_ids = IdListField("People")
    page_ids = IdListField()
    all_on_page = BooleanField("Select all on this page")
    change = SelectField("With the people ticked", choices=ROLE_CHANGES)

    def chosen_ids(self) -> list[int]:
        """The people ticked, or everyone on the page with "Select all" ticked."""
        chosen = list(self.person_ids.data)
        if self.all_on_page.data:
            chosen += [i for i in self.page_ids.data if i not in chosen]
        return chosen

    def add_and_role(self) -> tuple[bool, str]:
        """(True, role) to add the role, (False, role) to remove it."""
        verb, _, role = (self.change.data or "").partition(":")
        return verb == "add", role

    def problems(self) -> list[str]:
        """Every message of the form once, for the one place the list shows them."""
        found: list[str] = [*self.form_errors]
        for field in self:
            found += [m for m in field.errors if isinstance(m, str) and m not in found]
        return found

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not self.chosen_ids():
            self.person_ids.errors = ["Tick the people to change, or “Select all on this page”."]
            return False
        if len(self.chosen_ids()) > BULK_MAX:
            self.person_ids.errors = [f"Change at most {BULK_MAX} people at a time."]
            return False
        return True


class NoteForm(FlaskForm):
    """A dated note on the person page's timeline."""

    body = TextAreaField("Add a note", validators=[DataRequired("Write the note first."),
                                                   Length(max=NOTE_MAX), no_nul],
                         render_kw={"rows": 2})
