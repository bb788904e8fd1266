"""Forms for warm paths: the team's tie-strength settings."""

from __future__ import annotations

from dataclasses import fields

from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    IntegerField,
)
from wtforms.validators import InputRequired

from referrals.graph.tie import TieParams
from referrals.vocab import KIND_LABELS

_HELP = {
    "rating_low": "Share of its weight a 1-star tie keeps (5 stars keep all of it).",
    "half_life_days": "After this many days without contact a tie counts half.",
    "decay_floor": "However old a tie gets, it never counts less than this share.",
    "teammate_rating": "Stars assumed for the tie between two users of this team.",
    "small_group": "Groups this small or smaller give their members the full group weight.",
    "size_exponent": "How fast a bigger group thins the link (0.5: 4x the size, half the weight).",
}
_INTEGER = {"teammate_rating", "small_group"}


def tie_settings_form(params: TieParams, formdata=None) -> FlaskForm:
    """A form with one number field per tie-strength constant, prefilled with `params`."""

    class TieSettingsForm(FlaskForm):
        pass

    for f in fields(TieParams):
        if f.name in _INTEGER:
            field = IntegerField(
                f.name.replace("_", " ").capitalize(), validators=[InputRequired()],
                description=_HELP.get(f.name, ""),
            )
        else:
            label = (
                f"Weight of {KIND_LABELS[f.name]}" if f.name in KIND_LABELS
                else f.name.replace("_", " ").capitalize()
            )
            field = DecimalField(
                label, places=None, validators=[InputRequired()],
                description=_HELP.get(f.name, "A number above 0, at most 1."),
                render_kw={"step": "any", "inputmode": "decimal"},
            )
        setattr(TieSettingsForm, f.name, field)
    return TieSettingsForm(formdata=formdata, data=params.to_dict())


def tie_settings_data(form: FlaskForm) -> dict[str, float | int]:
    """The submitted numbers as plain floats and ints, ready for TieParams.from_dict."""
    data: dict[str, float | int] = {}
    for f in fields(TieParams):
        value = form[f.name].data
        data[f.name] = int(value) if f.name in _INTEGER else float(value)
    return data


