"""`flask backup` and `flask restore`: thin commands over `referrals.backup`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click
from alembic.script import ScriptDirectory
from flask import current_app

from referrals import backup as services
from referrals.errors import Conflict, DomainError
from referrals.extensions import db


def _refuse(message: str) -> NoReturn:
    raise click.ClickException(message)


def _fail(exc: DomainError) -> NoReturn:
    db.session.rollback()
    _refuse(exc.message)


BASIC = ("people", "relationships", "groups", "memberships", "touches")


def _counts(team: dict[str, Any]) -> str:
    """The five network counts always, then any other list that holds something."""
    parts = [f"{team.get(k, 0)} {k}" for k in BASIC]
    parts += [f"{n} {k.replace('_', ' ')}" for k, n in team.items()
              if k not in BASIC and isinstance(n, int) and not isinstance(n, bool)
              and k != "id" and n]
    return ", ".join(parts)


@click.command("backup")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the backup folder in.  [default: instance/backups/]")
def backup_command(out_dir: Path | None) -> None:
    """Write a timestamped backup folder: each team's JSON export, a copy of a SQLite
    database and a manifest."""
    out_dir = out_dir or Path(current_app.instance_path) / "backups"
    try:
        made = services.create_backup(db.engine, out_dir)
    except DomainError as exc:
        _fail(exc)
    manifest = made.manifest
    click.echo(f"Backed up to {made.folder}/ (schema revision {manifest['alembic_revision']}):")
    if manifest["database_file"]:
        name = manifest["database_file"]
        size = next(f["size"] for f in manifest["files"] if f["name"] == name)
        click.echo(f"  {name}  the whole SQLite database, {size:,} bytes")
    for team in manifest["teams"]:
        click.echo(f"  {team['file']}  {team['name']}: {_counts(team)}")
    click.echo(f"  {services.MANIFEST}  what is where, with sizes and SHA-256 checksums")
    if manifest["dialect"] != "sqlite":
        click.echo(services.PG_NOTE)


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--team", "team_name", help="Restore a team export into this team (new or empty).")
@click.option("--source-team", type=int, help="With a backup folder: the id of the team to "
              "restore, as listed in its manifest.")
@click.option("--into-existing", is_flag=True, help="Allow a team that already has people; "
              "the import's duplicate rules apply.")
@click.option("--yes", is_flag=True, help="Really replace the whole SQLite database.")
def restore_command(path: Path, team_name: str | None, source_team: int | None,
                    into_existing: bool, yes: bool) -> None:
    """Restore PATH: a team export (with --team), a SQLite backup file (with --yes), or a
    backup folder (with --team and --source-team, or --yes; alone, it is described)."""
    try:
        if path.is_dir():
            _restore_folder(path, team_name, source_team, into_existing, yes)
        elif services.is_sqlite_file(path):
            _restore_database(path, yes)
        else:
            if source_team is not None:
                _refuse("--source-team is for a backup folder; PATH is a file.")
            _restore_team(path, team_name, into_existing)
    except DomainError as exc:
        _fail(exc)


def _restore_folder(folder: Path, team_name: str | None, source_team: int | None,
                    into_existing: bool, yes: bool) -> None:
    if team_name or source_team is not None:
        if not (team_name and source_team is not None):
            _refuse("Give both --team (the team to restore into) and --source-team (the id "
                    "of the team in the backup).")
        _restore_team(services.team_file(folder, source_team), team_name, into_existing)
    elif yes:
        _restore_database(folder, yes)
    else:
        _describe(folder)


def _describe(folder: Path) -> None:
    manifest = services.read_manifest(folder)
    problems = services.check_backup(folder)
    click.echo(f"Backup {folder.name}: made {manifest.get('created_at')} on "
               f"{manifest.get('dialect')}, schema revision {manifest.get('alembic_revision')}.")
    if manifest.get("database_file"):
        click.echo(f"  {manifest['database_file']}: a copy of the whole SQLite database")
    for team in manifest.get("teams", []):
        click.echo(f"  team {team['id']} {team['name']!r} ({team['file']}): {_counts(team)}")
    if problems:
        for problem in problems:
            click.echo(f"DAMAGED: {problem}", err=True)
        click.echo("A damaged file is refused on restore.", err=True)
    click.echo("To restore one team into a new or empty team:")
    click.echo(f"  flask --app app restore {folder} --source-team ID --team 'NEW NAME'")
    if manifest.get("database_file"):
        click.echo("To replace the whole (SQLite) database with the copy:")
        click.echo(f"  flask --app app restore {folder} --yes")


def _restore_team(path: Path, team_name: str | None, into_existing: bool) -> None:
    if not team_name:
        _refuse(f"Name the team to restore {path.name} into with --team (a new or empty "
                "team; it is created if new).")
    try:
        done = services.restore_team_document(db.session, services.read_team_file(path),
                                              team_name, into_existing=into_existing)
    except Conflict as exc:
        db.session.rollback()
        _refuse(f"{exc.message} Choose another --team, or pass --into-existing to merge "
                "by the import's duplicate rules.")
    except DomainError as exc:
        db.session.rollback()
        details = "; ".join(m for ms in exc.fields.values() for m in ms)
        _refuse(f"{path.name}: {exc.message} {details}".strip())
    db.session.commit()
    where = "new team" if done.created_team else "team"
    if done.counts is not None:
        click.echo(f"Restored {path.name} into {where} {done.team.name!r}: "
                   f"{_counts(done.counts)}.")
        return
    plan = done.plan
    assert plan is not None
    for outcome in plan.errors:
        click.echo(f"row {outcome.row}: {outcome.message}", err=True)
    click.echo(f"Merged {path.name} into {where} {done.team.name!r}: {plan.created} created, "
               f"{plan.updated} updated, {plan.skipped} skipped ({len(plan.errors)} errors).")
    if plan.errors and not (plan.created or plan.updated):
        sys.exit(1)


def _restore_database(path: Path, yes: bool) -> None:
    script = ScriptDirectory(current_app.extensions["migrate"].directory)
    checked = services.check_database_backup(path, db.engine.dialect.name, script)
    target = db.engine.url.database or "(in memory)"
    if not yes:
        now = services.current_teams(db.engine)
        click.echo(f"This would replace the whole database {target} ({_teams(now)}) with "
                   f"{checked.path} (schema revision {checked.revision}; {_teams(checked.teams)})."
                   " Everything written since that backup, in every table, would be lost. "
                   "Make a backup first (flask --app app backup), then run again with --yes.",
                   err=True)
        sys.exit(1)
    db.session.remove()  # no open transaction may hold the database during the copy
    services.restore_database(db.engine, checked)
    click.echo(f"Restored {target} from {checked.path} ({_teams(checked.teams)}).")
    if not checked.at_head:
        click.echo(f"The backup is at schema revision {checked.revision}, older than this "
                   "code: run `flask --app app db upgrade` now, then restart the app.")


def _teams(teams: list[tuple[int, str, int]]) -> str:
    if not teams:
        return "no teams"
    return "; ".join(f"team {i} {name!r}: {people} people" for i, name, people in teams)
