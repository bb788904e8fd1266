"""Helpers the page blueprints share: form fields, validators, service errors, URL arguments."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import abort, request
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from referrals.base import MAX_ID
from referrals.database import unit_of_work
from referrals.errors import DomainError
from referrals.extensions import db
from referrals.text import one_line_problem

T = TypeVar("T")


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as checkboxes (the forms macro renders it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def no_nul(form: FlaskForm, field) -> None:
    """PostgreSQL text cannot hold U+0000: refuse it at the form, not in the database."""
    if isinstance(field.data, str) and "\x00" in field.data:
        raise ValidationError("Remove the invisible NUL character from this text.")


def one_line(form: FlaskForm, field) -> None:
    """A one-line field (name, company, title, phone, e-mail): no line breaks, control or
    text-direction characters (see referrals.text)."""
    if isinstance(field.data, str) and (problem := one_line_problem(field.data)):
        raise ValidationError(problem)


def attach_errors(
    form: FlaskForm, exc: DomainError, aliases: Mapping[str, str] | None = None
) -> None:
    """Show a service's field messages beside the matching form fields.

    `aliases` maps a service field name to the form's (e.g. `person_b` → `other`). Messages
    for fields the form does not have – or an error without any field – go to the top of
    the form, so nothing the service said is lost.
    """
    placed = False
    for name, messages in exc.fields.items():
        field = form._fields.get((aliases or {}).get(name, name))
        if field is None or field.type == "CSRFTokenField":
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]
        placed = True
    if not placed:
        form.form_errors.append(exc.message)


def joined_messages(fields: Mapping[str, list[str]], fallback: str = "") -> str:
    """Every field message in one line, for a flash where the form is not on the page.

    >>> joined_messages({"days": ["Snooze 1 to 30 days."], "x": ["Nope."]})
    'Snooze 1 to 30 days. Nope.'
    """
    return " ".join(m for messages in fields.values() for m in messages) or fallback


def call_service(
    form: FlaskForm,
    service: Callable[..., T],
    *args: Any,
    aliases: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> T | None:
    """Run `service(db.session, *args, **kwargs)` as one unit of work: committed when it
    succeeds; on a DomainError rolled back, None returned.

    The service's field messages land beside the form's fields (see `attach_errors`), so the
    view only has to re-render.
    """
    try:
        with unit_of_work(db.session):
            return service(db.session, *args, **kwargs)
    except DomainError as exc:
        attach_errors(form, exc, aliases)
        return None


# --- ids and page numbers from the URL ----------------------------------------------------

ID = f"int(min=1, max={MAX_ID})"  # the route converter for ids: `/<{ID}:person_id>`
MAX_PAGE = 100_000


def id_arg(name: str) -> int | None:
    """An id from the query string: None when absent, 404 when it cannot name a row."""
    value = request.args.get(name)
    if value is None or value == "":
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        abort(404)
    return int(value)


def page_arg() -> int:
    """The `page` query argument (1 when absent or not a number; 404 when absurdly large)."""
    page = request.args.get("page", 1, type=int)
    if page > MAX_PAGE:
        abort(404)
    return page
