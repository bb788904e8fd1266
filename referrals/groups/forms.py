"""Forms for groups: the group itself and the filters of the group list."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from referrals.vocab import GROUP_KIND_LABELS as KIND_LABELS
from referrals.vocab import GROUP_KIND_PLURALS as KIND_PLURALS
from referrals.vocab import GROUP_KINDS
from referrals.web.forms import no_nul, one_line

KIND_HELP = "An association they belong to, an event they attended, or a company they work for."


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class GroupForm(FlaskForm):
    name = StringField(
        "Name", filters=[_strip], validators=[DataRequired(), Length(max=200), no_nul, one_line],
        render_kw={"placeholder": "e.g. Ohio Manufacturers Association"},
    )
    kind = SelectField(
        "Kind", choices=[SelectChoice(k, KIND_LABELS[k]) for k in GROUP_KINDS],
        validators=[InputRequired(message="Choose a kind.")], description=KIND_HELP,
    )
    notes = TextAreaField("Notes", validators=[Length(max=20_000), no_nul])

    def service_data(self) -> dict[str, Any]:
        return {"name": self.name.data, "kind": self.kind.data, "notes": self.notes.data or ""}


class GroupFilterForm(FlaskForm):
    """GET filters on the group list (changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField("Search", validators=[Optional(), Length(max=200), no_nul],
                    render_kw={"type": "search", "placeholder": "Group name"})
    kind = SelectField(
        "Kind", choices=[SelectChoice("", "All kinds")]
        + [SelectChoice(k, KIND_PLURALS[k]) for k in GROUP_KINDS],
        validators=[Optional()],
    )


class FindMemberForm(FlaskForm):
    """The GET search for people to add to a group."""

    class Meta:
        csrf = False

    q = StringField("Find someone to add", validators=[Optional(), Length(max=200), no_nul],
                    render_kw={"type": "search", "placeholder": "Name, company or e-mail",
                               "autocomplete": "off"})


class AddToGroupForm(FlaskForm):
    """Put the person into one of the team's groups (choices are filled in by the view)."""

    group_id = SelectField(
        "Group", coerce=int, validators=[DataRequired(message="Choose a group.")]
    )
