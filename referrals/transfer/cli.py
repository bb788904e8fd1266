"""`flask import-file`: import a file of any size from the command line, with progress."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from sqlalchemy import func, select

from referrals.clock import today_for
from referrals.errors import DomainError
from referrals.extensions import db
from referrals.models import Team, User
from referrals.transfer import services
from referrals.vocab import ROLES


def _progress(stage: str, done: int, total: int) -> None:
    click.echo(f"\r{stage}: {done:,}/{total:,}", nl=False, err=True)
    if done >= total:
        click.echo("", err=True)


@click.command("import-file")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "email", help="The importing rep (their team gets the data). "
              "Defaults to the team's first user.")
@click.option("--team", "team_name", help="The team, by name, when --user is not given.")
@click.option("--format", "fmt", type=click.Choice(services.FORMATS), default="auto",
              show_default=True, help="What the file holds.")
@click.option("--dry-run", is_flag=True, help="Only report what would happen.")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES),
              help="Give this role to the people the import creates (repeatable).")
@click.option("--role-existing", is_flag=True,
              help="Also give the --role roles to people already in the team that the file "
                   "names.")
def import_file_command(path: Path, email: str | None, team_name: str | None, fmt: str,
                        dry_run: bool, roles: tuple[str, ...], role_existing: bool) -> None:
    """Import PATH (contacts, ties, memberships or a team export) into a team."""
    user = _user(email, team_name)
    started = time.perf_counter()
    try:
        _, plan = services.import_upload(db.session, user, path.read_bytes(), fmt,
                                         today=today_for(user), dry_run=dry_run,
                                         progress=_progress, roles=roles,
                                         roles_for_existing=role_existing)
    except DomainError as exc:
        db.session.rollback()
        details = "; ".join(m for ms in exc.fields.values() for m in ms)
        raise click.ClickException(f"{exc.message} {details}".strip()) from None
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    for outcome in plan.errors:
        click.echo(f"row {outcome.row}: {outcome.message}", err=True)
    verb = "Would import" if dry_run else "Imported"
    click.echo(f"{verb} {path.name}: {plan.created} created, {plan.updated} updated, "
               f"{plan.skipped} skipped ({len(plan.errors)} errors) "
               f"in {time.perf_counter() - started:.1f} s.")
    if plan.errors:
        sys.exit(1 if not (plan.created or plan.updated) else 0)


def _user(email: str | None, team_name: str | None) -> User:
    if email:
        user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise click.ClickException(f"No user with e-mail {email}.")
        return user
    if not team_name:
        raise click.ClickException("Name the importing rep (--user) or the team (--team).")
    team = db.session.scalar(select(Team).where(func.lower(Team.name) == team_name.lower()))
    user = team and db.session.scalar(select(User).where(User.team_id == team.id)
                                      .order_by(User.id))
    if user is None:
        raise click.ClickException(f"No team named {team_name} with a user.")
    return user
