"""Forms for relationships: how two people know each other, and finding the other person."""

from __future__ import annotations

from typing import Any

from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from referrals.clock import today_for
from referrals.people.forms import VersionedForm
from referrals.vocab import RELATIONSHIP_KINDS
from referrals.web.forms import no_nul

KIND_CHOICES = {
    "customer": "Customer – one buys from the other",
    "referral": "Referral – one asked you to call the other",
    "friend": "Friend",
    "family": "Family",
    "colleague": "Colleague – they work together now",
    "former_colleague": "Former colleague",
    "acquaintance": "Acquaintance",
}
assert set(KIND_CHOICES) == set(RELATIONSHIP_KINDS)
RATING_CHOICES = [
    SelectChoice(5, "★★★★★ Close – would do them a favour any time"),
    SelectChoice(4, "★★★★ Good – talk often"),
    SelectChoice(3, "★★★ Friendly – know each other well enough"),
    SelectChoice(2, "★★ Loose – have met a few times"),
    SelectChoice(1, "★ Barely – know the name"),
]


def not_in_future(form: FlaskForm, field: DateField) -> None:
    if field.data and field.data > today_for(current_user):
        raise ValidationError("The last interaction can't be in the future.")


class RelationshipForm(VersionedForm):
    kind = SelectField(
        "How they know each other",
        choices=[SelectChoice(k, KIND_CHOICES[k]) for k in RELATIONSHIP_KINDS],
        validators=[InputRequired(message="Choose how they know each other.")],
    )
    rating = SelectField(
        "How close they are",
        choices=RATING_CHOICES,
        coerce=int,
        default=3,
        validators=[
            InputRequired(), NumberRange(min=1, max=5, message="Rate the tie from 1 to 5.")
        ],
    )
    last_interaction = DateField(
        "Last in touch",
        validators=[Optional(), not_in_future],
        description="When they last spoke or met, as far as you know.",
    )
    notes = TextAreaField(
        "Notes",
        validators=[Length(max=20_000), no_nul],
        description=(
            "How they met, what they worked on together – anything that makes a good opener."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Today, not the day the module was imported: lets the date picker stop at today.
        self.last_interaction.render_kw = {"max": today_for(current_user).isoformat()}

    def service_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind.data,
            "rating": self.rating.data,
            "last_interaction": self.last_interaction.data,
            "notes": self.notes.data or "",
        }


class FindPersonForm(FlaskForm):
    """The GET search that picks a person for a new relationship (changes nothing: no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(
        "Name, company or e-mail",
        validators=[Optional(), Length(max=200), no_nul],
        render_kw={"type": "search", "autofocus": True, "autocomplete": "off"},
    )
