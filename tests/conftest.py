"""Fixtures in the flaskr style: `app`, `client`, `runner`, plus `auth`, `api` and factories.

The schema comes from the Alembic migrations (as in production), applied once per test
session to TEST_DATABASE_URL (PostgreSQL in CI) or to a temporary SQLite file. Every test
starts from empty tables.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text

from referrals import create_app
from referrals.extensions import db
from referrals.models import Base
from referrals.models.counters import forget_kept
from referrals.paths.cache import clear_cache
from tests import factories


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # `make test` runs two processes
    if not worker:
        yield url
        return
    # Each test empties every table, so parallel workers need databases of their own:
    # TEST_DATABASE_URL's name with the worker's suffix, made here and dropped afterwards.
    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        # A test database need not survive a crash: commits don't wait for the disk.
        conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def _migrated_app(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
        }
    )
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


# Every sequence back to 1, in one statement.
_RESTART_SEQUENCES = text(
    "SELECT count(setval(c.oid, 1, false)) FROM pg_class c"
    " WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace"
)


def _empty_all_tables() -> None:
    # DELETE, children first, not TRUNCATE: a test leaves a few rows, and PostgreSQL's
    # TRUNCATE makes new files for every table (~0.8 s a test on a busy CI machine against
    # ~6 ms), which was most of the PostgreSQL pass.
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        for name in tables:
            conn.execute(text(f"DELETE FROM {name}"))
        if db.engine.dialect.name == "postgresql":
            conn.execute(_RESTART_SEQUENCES)


@pytest.fixture
def app(_migrated_app: Flask) -> Iterator[Flask]:
    # Ids restart in every test (emptied tables, PostgreSQL's RESTART IDENTITY): a team graph
    # cached by an earlier test for the same team id and version must not be reused, nor
    # its asks and opener templates kept under the same counters.
    clear_cache()
    forget_kept()
    with _migrated_app.app_context():
        yield _migrated_app
        db.session.remove()
        _empty_all_tables()
    clear_cache()
    forget_kept()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


CSRF_RE = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def csrf_token_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1) or match.group(2)


class AuthActions:
    """Sign in through the real login form (CSRF included), as a browser would."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, email: str = factories.EMAIL, password: str = factories.PASSWORD):
        page = self._client.get("/login")
        token = csrf_token_from(page.get_data(as_text=True))
        return self._client.post(
            "/login", data={"email": email, "password": password, "csrf_token": token}
        )

    def logout(self):
        page = self._client.get("/people/")
        token = csrf_token_from(page.get_data(as_text=True))
        return self._client.post("/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


class Api:
    """JSON calls with a bearer token."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client = client
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, url: str, **kw):
        return self.client.get(url, headers=self._headers(), **kw)

    def post(self, url: str, json=None, **kw):
        return self.client.post(url, headers=self._headers(), json=json, **kw)

    def patch(self, url: str, json=None, **kw):
        return self.client.patch(url, headers=self._headers(), json=json, **kw)

    def delete(self, url: str, **kw):
        return self.client.delete(url, headers=self._headers(), **kw)


@pytest.fixture
def user(app: Flask):
    """The signed-in rep of most tests: team 'Acme Sales', e-mail factories.EMAIL."""
    u = factories.make_user(db.session)
    db.session.commit()
    return u


@pytest.fixture
def other_user(app: Flask):
    """A rep of another team, whose data must never show through."""
    u = factories.make_user(db.session, email="rival@example.org", team="Rival Co")
    db.session.commit()
    return u


@pytest.fixture
def api(client: FlaskClient, user) -> Api:
    from referrals.auth.services import create_token

    token = create_token(db.session, user, "tests")
    db.session.commit()
    return Api(client, token)


@pytest.fixture
def logged_in(auth: AuthActions, user):
    response = auth.login()
    assert response.status_code == 302, response.get_data(as_text=True)
    return user


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Graph tests and doctests need no database; the rest share one migrated database.
    for item in items:
        if Path(str(item.fspath)).name.startswith("test_graph_"):
            item.add_marker(pytest.mark.graph)
    # The tests of a minute or more start first: the processes then take the short ones in
    # turns behind them and finish together, instead of one of them starting a long test
    # when the other has nothing left to do. A stable sort keeps every process's order the
    # same, which pytest-xdist requires.
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)
