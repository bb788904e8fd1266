"""Exports of the caller's team: people as CSV or vCard, ties as CSV, the team as JSON."""

from __future__ import annotations

from flask import Response

from referrals.api import bp
from referrals.api.auth import current_user, team_id
from referrals.clock import today_for
from referrals.extensions import db
from referrals.transfer.exports import attachment


def _export(name: str) -> Response:
    return attachment(db.session, team_id(), name, today_for(current_user()))


@bp.get("/exports/people.csv")
def export_people_csv() -> Response:
    return _export("people.csv")


@bp.get("/exports/people.vcf")
def export_people_vcard() -> Response:
    return _export("people.vcf")


@bp.get("/exports/relationships.csv")
def export_relationships_csv() -> Response:
    return _export("relationships.csv")


@bp.get("/exports/team.json")
def export_team() -> Response:
    return _export("team.json")
