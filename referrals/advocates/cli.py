"""`flask send-digest`: e-mail each rep the follow-ups due today (a thin wrapper)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from referrals.advocates import reminders
from referrals.extensions import db
from referrals.mail import log_message, readable


@click.command("send-digest")
@click.option("--base-url", envvar="REFERRALS_BASE_URL", default="http://localhost:5000",
              show_default=True, help="The app's address, for the link to the Today page.")
@click.option("--dry-run", is_flag=True, help="Print the messages instead of sending them.")
@with_appcontext
def send_digest_command(base_url: str, dry_run: bool) -> None:
    """Send each rep the list of follow-ups due today or overdue (SMTP_* settings)."""
    settings = reminders.SmtpSettings.from_config(current_app.config)
    messages = reminders.digest_messages(db.session, settings.sender if settings else
                                         current_app.config.get("SMTP_FROM", "referrals"),
                                         base_url.rstrip("/") + "/today")
    if dry_run:
        for msg in messages:
            click.echo(readable(msg))
        click.echo(f"{len(messages)} digest(s) not sent (dry run).", err=True)
        return
    if settings is None:
        for msg in messages:  # as the other mail does without a server: into the log
            log_message(msg)
        raise click.ClickException(
            f"SMTP_HOST is not set: {len(messages)} digest(s) written to the log, not sent. "
            "Set SMTP_HOST (and SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM, "
            "SMTP_STARTTLS) to send the digest.")
    try:
        sent = reminders.send_messages(settings, messages)
    except (OSError, reminders.smtplib.SMTPException) as exc:
        raise click.ClickException(f"Could not send the digest: {exc}") from exc
    click.echo(f"Sent {sent} digest(s).")
