"""Flask commands: thin wrappers over services."""

from __future__ import annotations

import sys

import click
from flask import Flask
from sqlalchemy import select

from referrals.advocates.cli import send_digest_command
from referrals.auth.services import create_token, create_user
from referrals.backup_cli import backup_command, restore_command
from referrals.demo import DEMO_PASSWORD, seed_demo
from referrals.errors import DomainError
from referrals.extensions import db
from referrals.models import User
from referrals.transfer.cli import import_file_command


def _fail(exc: DomainError) -> None:
    details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
    raise click.ClickException(f"{exc.message} {details}".strip())


@click.command("create-user")
@click.argument("email")
@click.option("--team", "team_name", required=True, help="Team name; created if new.")
@click.option("--name", default=None, help="The rep's name as shown in the graph.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--admin", is_flag=True, help="Make the user a team admin.")
def create_user_command(
    email: str, team_name: str, name: str | None, password_stdin: bool, admin: bool
) -> None:
    """Create a user (and the team, if new). The password is read from stdin or prompted."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(
            db.session, email, password, team_name=team_name, name=name, is_admin=admin
        )
    except DomainError as exc:
        db.session.rollback()
        _fail(exc)
    db.session.commit()
    click.echo(f"Created {user.email} in team {user.team.name}.", err=True)


@click.command("create-token")
@click.argument("email")
@click.option("--name", default="cli", help="A label to recognise the token by.")
def create_token_command(email: str, name: str) -> None:
    """Print a new API token for EMAIL – only the token, on stdout."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"No user with e-mail {email}.")
    token = create_token(db.session, user, name)
    db.session.commit()
    click.echo(token)


@click.command("seed-demo")
@click.option(
    "--seed", default=7, show_default=True, help="Random seed; the same seed gives the same team."
)
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
def seed_demo_command(seed: int, if_empty: bool) -> None:
    """Build a believable demo team and print how to sign in."""
    if if_empty and db.session.scalar(select(User.id).limit(1)) is not None:
        click.echo("Database already has users; not seeding demo data.")
        return
    summary = seed_demo(db.session, seed=seed)
    db.session.commit()
    click.echo(
        f"Seeded team {summary['team']!r}: {summary['people']} people, "
        f"{summary['relationships']} relationships, {summary['groups']} groups."
    )
    click.echo(f"Sign in as {summary['login']} with password {DEMO_PASSWORD}")


def register(app: Flask) -> None:
    """Every command: users and tokens, the demo team, imports, the e-mail digest, backups."""
    for command in (create_user_command, create_token_command, seed_demo_command,
                    import_file_command, send_digest_command, backup_command, restore_command):
        app.cli.add_command(command)
