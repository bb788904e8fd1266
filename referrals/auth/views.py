"""Sign in and out, reset a forgotten password, accept an invitation."""

from __future__ import annotations

import hmac
import smtplib

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from referrals.account import services as account
from referrals.auth.forms import AcceptInviteForm, ForgotPasswordForm, LoginForm, NewPasswordForm
from referrals.auth.services import authenticate
from referrals.errors import NotFound
from referrals.extensions import db, limiter, login_manager
from referrals.mail import send_mail
from referrals.main.forms_util import call_service
from referrals.models import User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user named by the session: `<id>.<session token>` (see User.get_id)."""
    uid, _, token = user_id.partition(".")
    if not uid.isdigit() or not token or int(uid) > 2**31 - 1:
        return None
    user = db.session.get(User, int(uid))
    if user is None or not user.is_active:
        return None
    # A rotated token ("sign out everywhere", new password, removal) ends this session.
    return user if hmac.compare_digest(user.session_token, token) else None


def _fresh_session() -> None:
    """Empty the session, and forget this request's CSRF token, which named the old one."""
    session.clear()
    g.pop("csrf_token", None)


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an absolute URL here would make login an open redirect, and
    # browsers read a backslash as a slash ("/\\evil.example" is "//evil.example").
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("main.index")


# Only failed attempts count (a sign-in answers 302): per account, so one address can't be
# guessed at from many machines, and per client address, so one machine can't try many
# accounts. The limits come from the config (the tests raise them).
def _login_account_key() -> str:
    return "login-account:" + (request.form.get("email") or "").strip().lower()[:254]


def _failed(response: Response) -> bool:
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], methods=["POST"],
    key_func=_login_account_key, deduct_when=_failed,
)
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data or "", form.password.data or "")
        if user is not None:
            next_url = _safe_next(request.args.get("next"))
            # A fresh session on every sign-in: nothing from before it (a planted CSRF
            # token, a fixated session) survives.
            # Not a permanent session: the cookie ends with the browser, the server refuses it
            # PERMANENT_SESSION_LIFETIME after it was signed, and Flask-Login's "strong"
            # protection (which permanent sessions would weaken to "basic") applies.
            _fresh_session()
            login_user(user, remember=bool(form.remember.data))
            db.session.commit()
            flash(f"Welcome back, {user.person.name if user.person else user.email}.", "success")
            return redirect(next_url)
        form.password.errors.append("That e-mail and password don't match an account.")
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    logout_user()
    _fresh_session()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


# --- forgotten password -------------------------------------------------------------------

@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["MAIL_LIMIT_PER_ADDRESS"], methods=["POST"])
def forgot_password() -> ResponseReturnValue:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = account.user_for_email(db.session, form.email.data or "")
        if user is not None:
            token = account.make_reset_token(current_app.config["SECRET_KEY"], user)
            link = url_for("auth.reset_password", token=token, _external=True)
            minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
            body = (
                f"Someone (hopefully you) asked to reset the password of {user.email} on "
                f"referrals.\n\nChoose a new one here within {minutes} minutes:\n\n{link}\n\n"
                "If it wasn't you, ignore this message; your password stays as it is.\n"
            )
            _send(user.email, "Reset your referrals password", body)
        # The same answer whether or not the address has an account.
        flash("If that address has an account, a link to reset its password is on its way.",
              "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), 400 if form.errors else 200


def _send(to: str, subject: str, body: str) -> None:
    try:
        send_mail(current_app.config, to, subject, body)
    except (smtplib.SMTPException, OSError):
        current_app.logger.exception("could not send mail %r", subject)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    config = current_app.config
    try:
        user = account.user_for_reset_token(
            db.session, config["SECRET_KEY"], token, config["PASSWORD_RESET_MAX_AGE"]
        )
    except NotFound as exc:
        return render_template("auth/link_invalid.html", message=exc.message), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        call_service(form, account.set_password, user, form.password.data or "",
                     fast_hash=bool(config.get("PASSWORD_HASH_FAST")))
        if not form.errors:
            db.session.commit()
            logout_user()
            _fresh_session()
            flash("Password changed; every other session is signed out. Sign in now.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, email=user.email), (
        400 if form.errors else 200
    )


# --- invitations -------------------------------------------------------------------------

@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str) -> ResponseReturnValue:
    config = current_app.config
    try:
        invite = account.read_invite(
            db.session, config["SECRET_KEY"], token, config["INVITE_MAX_AGE"]
        )
    except NotFound as exc:
        return render_template("auth/link_invalid.html", message=exc.message), 404
    if current_user.is_authenticated:
        flash("Sign out first to accept an invitation for someone else.", "info")
        return redirect(url_for("main.index"))
    form = AcceptInviteForm()
    if form.validate_on_submit():
        user = call_service(form, account.accept_invite, invite, form.name.data or "",
                            form.password.data or "",
                            fast_hash=bool(config.get("PASSWORD_HASH_FAST")))
        if user is not None:
            db.session.commit()
            _fresh_session()
            login_user(user)
            flash(f"Welcome to {invite['team'].name}.", "success")
            return redirect(url_for("main.index"))
    return render_template("auth/invite.html", form=form, invite=invite), (
        400 if form.errors else 200
    )
