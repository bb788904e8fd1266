"""Sign-in, password-reset and invitation forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from referrals.main.forms_util import no_nul


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


class AcceptInviteForm(NewPasswordForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=200), no_nul])
