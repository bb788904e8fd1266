"""Forms of the import, export and merge pages."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from referrals.transfer.csvfiles import FIELD_LABELS
from referrals.vocab import ROLE_LABELS, ROLES
from referrals.web.forms import MultiCheckboxField, no_nul

FORMAT_LABELS = {
    "auto": "Detect it for me",
    "linkedin": "LinkedIn connections (Connections.csv)",
    "google": "Google Contacts (CSV)",
    "outlook": "Outlook contacts (CSV)",
    "vcard": "vCard (.vcf)",
    "csv": "Other CSV of contacts (choose the columns next)",
    "ties": "Relationships CSV (a_email, b_email, kind, rating, last_interaction)",
    "members": "Group memberships CSV (group, group_kind, email)",
    "team": "Team export (JSON from this app)",
}


class UploadForm(FlaskForm):
    file = FileField("File", validators=[FileRequired("Choose a file to import.")],
                     description="CSV, vCard or a team export from this app.")
    format = SelectField("What is in it", choices=[SelectChoice(k, v)
                                                   for k, v in FORMAT_LABELS.items()],
                         default="auto")


class ConfirmForm(FlaskForm):
    """Import the previewed file; a generic CSV adds one `col_N` choice per column."""

    upload = HiddenField()


class ContactsForm(ConfirmForm):
    """Import a file of contacts: optionally marking the people it brings in with roles."""

    roles = MultiCheckboxField(
        "Mark the people this import adds as",
        choices=[SelectChoice(role, ROLE_LABELS[role]) for role in ROLES],
        description="Only the people new to your list, unless you tick the box below.")
    roles_for_existing = BooleanField(
        "Also mark the people already in your list that this file names")

    def role_options(self) -> dict[str, Any]:
        """The roles chosen, as the import services take them (unknown ones left out: the
        field shows its own error)."""
        return {"roles": [role for role in self.roles.data or () if role in ROLES],
                "roles_for_existing": bool(self.roles_for_existing.data)}


def mapping_form(columns: list[str], mapping: dict[int, str]) -> type[ContactsForm]:
    """A ContactsForm with a field per column of the file, preset to `mapping`."""

    class MappingForm(ContactsForm):
        pass

    choices = [SelectChoice(k, v) for k, v in FIELD_LABELS.items()]
    for index, column in enumerate(columns):
        setattr(MappingForm, f"col_{index}", SelectField(
            column or f"Column {index + 1}", choices=choices, default=mapping.get(index, ""),
            validators=[Optional()]))
    return MappingForm


def mapping_from(form: ConfirmForm, columns: list[str]) -> dict[int, str]:
    mapping = {}
    for index in range(len(columns)):
        value = getattr(form, f"col_{index}").data
        if value:
            mapping[index] = value
    return mapping


class FindPersonForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search

    q = StringField("Find the duplicate", validators=[Optional(), Length(max=200), no_nul])


class MergeForm(FlaskForm):
    """Only the CSRF token: the people are in the URL."""
