"""Sign-in, password-reset and invitation forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from referrals.web.forms import no_nul, one_line


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])
    remember = BooleanField("Keep me signed in on this device")


class ForgotPasswordForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Email(), Length(max=254)])


class NewPasswordForm(FlaskForm):
    """Choose a password: after a reset link, or when accepting an invitation."""

    password = PasswordField(
        "New password", validators=[DataRequired(), Length(min=10, max=256)],
        description="At least 10 characters.",
    )
    confirm = PasswordField(
        "Repeat it", validators=[DataRequired(), EqualTo("password", "The two don't match.")]
    )


class ResetPasswordForm(NewPasswordForm):
    # The one step that cleans up an account someone else may have used: on by default.
    revoke_keys = BooleanField(
        "Also revoke my API tokens and stop my calendar feed's address",
        default=True,
        description="Choose this if someone else may have had your password or a device of "
                    "yours. Scripts using a token, and calendars subscribed to the feed, "
                    "stop until you make new ones.",
    )


class AcceptInviteForm(NewPasswordForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=200), no_nul, one_line])
