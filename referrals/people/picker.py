"""A form field that picks one of the team's people by name, for every form that asks "who?".

The page shows a text box. With JavaScript (static/picker.js) it suggests people as the rep
types and puts the chosen person's id in a hidden input; without it the rep types a name and
the server resolves it (`search.resolve_person`): one person is that person, several are
offered as choices below the box, none is an error. Either way the form's `data` is a person
id, so the services behind the forms keep receiving ids.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_login import current_user
from markupsafe import Markup, escape
from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation
from wtforms.widgets import html_params

from referrals.base import MAX_ID
from referrals.extensions import db
from referrals.models import Person
from referrals.people.search import clean_query, resolve_person, role_label
from referrals.rows import team_row

#: The text box's name is the field's with this suffix; the id travels under the field's name.
TEXT_SUFFIX = "-name"


def describe(person: Person, prefer: str | None = None) -> str:
    """"Name (Company) · Role", as a choice shows a person."""
    text = person.name + (f" ({person.company})" if person.company else "")
    role = role_label(person, prefer)
    return f"{text} · {role}" if role else text


class PersonInput:
    """The text box, the hidden id, the (script-filled) list of suggestions and, after a name
    that matched several people, those people as choices."""

    def __call__(self, field: PersonField, **kwargs: Any) -> Markup:
        kwargs.setdefault("id", field.id)
        kwargs.setdefault("placeholder", "Start typing a name")
        box = html_params(type="text", name=field.name + TEXT_SUFFIX, value=field.text_value(),
                          autocomplete="off", spellcheck="false", maxlength=200, **kwargs)
        wrapper = html_params(
            class_="picker", data_picker="", data_lookup=url_for("people.lookup"),
            data_prefer=field.prefer or "", data_list=f"{field.id}-list")
        parts = [f"<span {wrapper}><input {box}>"]
        if not field.candidates:
            value = "" if field.data is None else str(field.data)
            parts.append(f"<input {html_params(type='hidden', name=field.name, value=value)} "
                         "data-picker-id>")
        parts.append("</span>")
        if field.candidates:
            parts.append(self._choices(field))
        return Markup("".join(parts))

    @staticmethod
    def _choices(field: PersonField) -> str:
        rows = []
        for person in field.candidates:
            radio = html_params(type="radio", name=field.name, value=person.id)
            rows.append(f'<label class="inline"><input {radio}> '
                        f"{escape(describe(person, field.prefer))}</label>")
        return ('<fieldset class="picker-choices" data-picker-choices>'
                f"<legend>Which one do you mean?</legend>{''.join(rows)}</fieldset>")


class PersonField(Field):
    """One of the team's people; `data` is their id (None when nobody is chosen).

    `required` is the message shown when the field is left empty (None: optional); `prefer`
    a role whose people are suggested first ("advocate" for an advocate). The form's `data`
    may also be set to an id before rendering: the box then shows that person's name.
    """

    widget = PersonInput()

    def __init__(self, label: str | None = None, validators: list | None = None, *,
                 required: str | None = None, prefer: str | None = None, **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.required, self.prefer = required, prefer
        self.flags.required = required is not None
        self.text = ""
        self.person: Person | None = None
        self.candidates: list[Person] = []
        self.more = False

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        self.process_errors = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        self.data = data if isinstance(data, int) and not isinstance(data, bool) else None
        if formdata is None:
            return
        self.raw_data = formdata.getlist(self.name)
        self.text = formdata.get(self.name + TEXT_SUFFIX, "") or ""
        ids = [v.strip() for v in self.raw_data if v and v.strip() not in ("", "0")]
        self.data = None
        if ids:
            if ids[0].isdigit() and 1 <= int(ids[0]) <= MAX_ID:
                self.data = int(ids[0])
            else:
                self.process_errors.append("Choose the person again.")

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            raise StopValidation()
        team_id = current_user.team_id
        if self.data is not None:
            person = team_row(db.session, Person, team_id, self.data)
            if person is None:  # another team's id, or a person deleted meanwhile
                self.data = None
                raise StopValidation("No such person in your team.")
            self._chose(person)
            return
        text = clean_query(self.text)
        if not text:
            if self.required:
                raise StopValidation(self.required)
            return
        found = resolve_person(db.session, team_id, text, prefer=self.prefer)
        if found.person is not None:
            self._chose(found.person)
            return
        self.candidates, self.more = found.candidates, found.more
        if not found.candidates:
            raise StopValidation(f"Nobody in your people matches “{text}”. Check the spelling, "
                                 "or add them first.")
        if found.more:
            raise StopValidation(f"More than {len(found.candidates)} people match “{text}”. "
                                 "Choose one below, or type more of the name.")
        raise StopValidation(f"{len(found.candidates)} people match “{text}”. "
                             "Choose one below.")

    def _chose(self, person: Person) -> None:
        self.person, self.data, self.text = person, person.id, person.name

    def text_value(self) -> str:
        """What the box shows: the typed text, or the chosen person's name."""
        if self.text:
            return self.text
        if self.data is not None and self.person is None:
            self.person = team_row(db.session, Person, current_user.team_id, self.data)
        return self.person.name if self.person is not None else ""
