"""Export files as downloads, for the pages and the API alike."""

from __future__ import annotations

import json
from datetime import date

from flask import Response
from sqlalchemy.orm import Session

from referrals.errors import NotFound
from referrals.transfer import services, teamcopy, vcards, writers
from referrals.transfer.planning import EXTRA_FIELDS

EXPORTS = {
    "people.csv": "text/csv",
    "people.vcf": "text/vcard",
    "relationships.csv": "text/csv",
    "team.json": "application/json",
}


def export_text(session: Session, team_id: int, name: str) -> str:
    """The text of export `name` for the team."""
    if name == "people.csv":
        return writers.people_csv(services.people_rows(session, team_id), EXTRA_FIELDS)
    if name == "people.vcf":
        return vcards.people_to_vcards(services.people_rows(session, team_id))
    if name == "relationships.csv":
        return writers.ties_csv(services.relationship_rows(session, team_id))
    if name == "team.json":
        return json.dumps(teamcopy.export_team(session, team_id), ensure_ascii=False, indent=1)
    raise NotFound("No such export.")


def attachment(session: Session, team_id: int, name: str, today: date) -> Response:
    """Export `name` as a download named after the day, e.g. people-2026-11-23.csv."""
    if name not in EXPORTS:
        raise NotFound("No such export.")
    stem, _, extension = name.partition(".")
    text = export_text(session, team_id, name)
    if extension == "csv":
        text = "\ufeff" + text  # so spreadsheets read the accents as UTF-8
    response = Response(text, mimetype=EXPORTS[name])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{stem}-{today.isoformat()}.{extension}"')
    response.headers["Cache-Control"] = "no-store"
    return response
