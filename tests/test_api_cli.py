"""The CLI makes users and API tokens; the printed token works as a bearer token."""

from __future__ import annotations

from referrals.extensions import db
from referrals.models import ApiToken, Team, User
from tests.test_api_support import count


def _create_user(runner, email="new@example.com", team="New Team", password="password123456"):
    return runner.invoke(
        args=["create-user", email, "--team", team, "--password-stdin"], input=password + "\n"
    )


def test_create_user_then_token_then_call_the_api(runner, client):
    result = _create_user(runner)
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "new@example.com"))
    assert user is not None and user.team.name == "New Team" and user.is_admin

    result = runner.invoke(args=["create-token", "new@example.com"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    token = lines[0]
    assert len(token) >= 40 and " " not in token
    stored = db.session.scalar(db.select(ApiToken.token_hash))
    assert token not in stored  # only the digest is kept

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.get_json()["user"]["email"] == "new@example.com"
    assert response.get_json()["team"]["name"] == "New Team"


def test_a_second_user_joins_the_existing_team(runner):
    assert _create_user(runner).exit_code == 0
    assert _create_user(runner, email="second@example.com").exit_code == 0
    assert count(Team) == 1
    second = db.session.scalar(db.select(User).where(User.email == "second@example.com"))
    assert not second.is_admin


def test_each_token_is_new(runner):
    _create_user(runner)
    tokens = {runner.invoke(args=["create-token", "new@example.com"]).stdout for _ in range(3)}
    assert len(tokens) == 3 and count(ApiToken) == 3


def test_create_token_for_an_unknown_user_fails(runner):
    result = runner.invoke(args=["create-token", "nobody@example.com"])
    assert result.exit_code != 0 and result.stdout == ""
    assert count(ApiToken) == 0


def test_create_user_refuses_a_short_password(runner):
    result = _create_user(runner, password="short")
    assert result.exit_code != 0
    assert count(User) == 0 and count(Team) == 0


def test_create_user_refuses_a_duplicate(runner):
    assert _create_user(runner).exit_code == 0
    result = _create_user(runner, team="Other Team")
    assert result.exit_code != 0
    assert count(User) == 1 and count(Team) == 1
