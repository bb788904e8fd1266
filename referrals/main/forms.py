"""Forms of the composed pages: the Warmest prospects table's filters and sort."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import NumberRange, Optional

from referrals.main.prospects import SORT_LABELS, SORTS


class ProspectTableForm(FlaskForm):
    """GET filters and sort of the Warmest prospects table (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    company = StringField("Company", validators=[Optional()])
    max_hops = IntegerField(
        "Steps away, at most", default=4, validators=[Optional(), NumberRange(min=1, max=6)],
        render_kw={"inputmode": "numeric", "min": 1, "max": 6},
    )
    not_contacted = BooleanField("Not yet contacted")
    sort = SelectField("Sort by", choices=[SelectChoice(s, SORT_LABELS[s]) for s in SORTS],
                       default="warmth", validators=[Optional()])
    order = SelectField("Order", choices=[SelectChoice("", "As the column reads"),
                                          SelectChoice("desc", "High to low"),
                                          SelectChoice("asc", "Low to high")],
                        default="", validators=[Optional()])
