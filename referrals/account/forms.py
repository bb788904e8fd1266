"""Settings and team forms."""

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField
from wtforms.validators import DataRequired, Email, Length

from referrals.main.forms_util import no_nul


class NewTokenForm(FlaskForm):
    name = StringField(
        "Token name", validators=[DataRequired(), Length(max=120), no_nul],
        description="Say where it will be used, e.g. “CRM sync”.",
    )


class InviteForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email(), Length(max=254)])


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
