"""Settings and team forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from referrals.web.forms import no_nul, one_line


class NewTokenForm(FlaskForm):
    name = StringField(
        "Token name", validators=[DataRequired(), Length(max=120), no_nul, one_line],
        description="Say where it will be used, e.g. “CRM sync”.",
    )
    # A token outlives the session: whoever holds only a browser's cookie can't mint one.
    password = PasswordField(
        "Your password", validators=[DataRequired(), Length(max=256)],
        description="Asked again because a token keeps working after you sign out.",
    )


class SignOutEverywhereForm(FlaskForm):
    revoke_keys = BooleanField(
        "Also revoke every API token and stop my calendar feed's address",
        description="Choose this if someone else may have used your account.",
    )


class InviteForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email(), Length(max=254)])


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class KeepInTouchForm(FlaskForm):
    """The team's default "stay in touch every N days" for advocates and customers."""

    keep_in_touch_days = IntegerField(
        "Stay in touch with advocates and customers every N days",
        validators=[Optional(), NumberRange(0, 3650, message="Use 1 to 3,650 days, or 0 to "
                                                             "turn it off.")],
        description="Empty or 0 turns it off. A person's own setting overrides it.",
        render_kw={"min": 0, "max": 3650, "inputmode": "numeric"},
    )
