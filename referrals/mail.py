"""Outgoing e-mail over SMTP (password resets, invitations, digests), set up from the config."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

log = logging.getLogger("referrals.mail")


def build_message(app_config: Mapping[str, Any], to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = app_config.get("SMTP_FROM") or "referrals <no-reply@localhost>"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="referrals")
    message.set_content(body)
    return message


def readable(message: EmailMessage) -> str:
    """The message as a person reads it: its headers, then the decoded text body.

    ``as_string()`` shows the body as sent – quoted-printable or base64 once it holds a
    character beyond ASCII (an en dash will do) – which nobody can read in a log.
    """
    headers = "\n".join(f"{name}: {value}" for name, value in message.items()
                        if name.lower() not in ("content-type", "content-transfer-encoding",
                                                "mime-version"))
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    return f"{headers}\n\n{text}"


def log_message(message: EmailMessage) -> None:
    """Write a message that is not being sent (no SMTP_HOST) to the log, readably."""
    log.info("SMTP_HOST not set; not sending this mail:\n%s", readable(message))


def send_mail(app_config: Mapping[str, Any], to: str, subject: str, body: str) -> bool:
    """Send a plain-text message; returns True when handed to the SMTP server.

    Settings: SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS,
    SMTP_TIMEOUT. Without SMTP_HOST nothing is sent: the message is logged (development) and
    False returned. SMTP errors propagate (smtplib.SMTPException, OSError) – the caller
    decides whether a failed send fails the request.
    """
    message = build_message(app_config, to, subject, body)
    host = app_config.get("SMTP_HOST")
    if not host:
        log_message(message)
        return False
    port = int(app_config.get("SMTP_PORT") or 587)
    timeout = float(app_config.get("SMTP_TIMEOUT") or 10)
    with smtplib.SMTP(host, port, timeout=timeout) as smtp:
        if app_config.get("SMTP_STARTTLS"):
            smtp.starttls()
        username = app_config.get("SMTP_USERNAME")
        if username:
            smtp.login(username, app_config.get("SMTP_PASSWORD") or "")
        smtp.send_message(message)
    return True
