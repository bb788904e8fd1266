"""Importing contacts, ties, group memberships or a team export from an uploaded file."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.typing import ResponseReturnValue

from referrals.api import bp
from referrals.api.auth import current_user
from referrals.api.responses import to_json
from referrals.api.schemas import imports as schemas
from referrals.clock import today_for
from referrals.database import unit_of_work
from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.transfer import services
from referrals.transfer.limits import allow_import_body, check_file_size
from referrals.vocab import ROLES
from referrals.web.errors import error_response

TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no", "")
FORM_FIELDS = ("format", "dry_run", "roles", "roles_for_existing")
API_FORMATS = ("csv", "vcard", "linkedin", "google", "outlook", "ties", "members", "team")


@bp.url_value_preprocessor
def _import_body_limit(endpoint: str | None, values: dict | None) -> None:
    """Only this route takes an import file (see `transfer.limits`); JSON stays at 1 MiB."""
    if endpoint == "api.create_import":
        allow_import_body()


@bp.post("/imports")
def create_import() -> ResponseReturnValue:
    if request.mimetype != "multipart/form-data":
        return error_response(415, "Send the file as multipart/form-data in the field 'file'.")
    upload = request.files.get("file")  # past the import body limit this raises 413
    fmt, dry_run, roles, roles_for_existing = _options()
    if upload is None:
        raise ValidationFailed("Send a file.", {"file": ["This field is required."]})
    data = upload.read()
    check_file_size(data)
    with unit_of_work(db.session):
        user = current_user()
        parsed, plan = services.import_upload(db.session, user, data, fmt,
                                              today=today_for(user), dry_run=dry_run,
                                              roles=roles,
                                              roles_for_existing=roles_for_existing)
        if dry_run:
            db.session.rollback()  # a preview writes nothing: its transaction is dropped
    body: dict[str, Any] = {**plan.summary(), "format": parsed.format, "dry_run": dry_run}
    return to_json(schemas.ImportResult, body)


def _options() -> tuple[str | None, bool, list[str], bool]:
    """The form fields beside the file; every one checked before anything is read."""
    fields: dict[str, list[str]] = {}
    fmt = request.form.get("format") or None
    if fmt is not None and fmt not in API_FORMATS:
        fields["format"] = [f"Choose one of: {', '.join(API_FORMATS)}."]
    dry_run = request.form.get("dry_run", "").strip().lower()
    if dry_run not in TRUE + FALSE:
        fields["dry_run"] = ["Use true or false."]
    roles = [role.strip().lower() for role in request.form.getlist("roles") if role.strip()]
    if set(roles) - set(ROLES):
        unknown_roles = ", ".join(sorted(set(roles) - set(ROLES)))
        fields["roles"] = [f"{unknown_roles}: not a role; use any of: {', '.join(ROLES)}."]
    for_existing = request.form.get("roles_for_existing", "").strip().lower()
    if for_existing not in TRUE + FALSE:
        fields["roles_for_existing"] = ["Use true or false."]
    unknown = set(request.form) - set(FORM_FIELDS) | set(request.files) - {"file"}
    for name in unknown:
        fields[name] = ["Unknown field."]
    if fields:
        raise ValidationFailed("Some fields are invalid.", fields)
    return fmt, dry_run in TRUE, roles, for_existing in TRUE
