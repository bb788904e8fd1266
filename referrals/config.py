"""Configuration classes; every secret and address comes from the environment."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


def normalize_database_url(url: str) -> str:
    """Point PostgreSQL URLs at the psycopg 3 driver, so `postgres://…` from a host works as is.

    >>> normalize_database_url("postgres://u@h/db")
    'postgresql+psycopg://u@h/db'
    >>> normalize_database_url("postgresql://u@h/db")
    'postgresql+psycopg://u@h/db'
    >>> normalize_database_url("sqlite:///x.db")
    'sqlite:///x.db'
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def development_secret_key(instance_path: str) -> str:
    """Return the development secret kept in `instance/`, creating it once (mode 0600 from
    the start: no moment when another user could read it)."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:  # another process made it first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()


PRIVATE_FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_sqlite_file(url: str, instance_path: str) -> None:
    """Make the SQLite database the app keeps under `instance/` readable by its owner only.

    SQLite would create the file with the process umask (usually 0644) and gives its WAL and
    journal files the database file's mode, so the file is created here first, as 0600; one
    left readable by an older version is tightened. Databases elsewhere are left alone.
    """
    if not url.startswith("sqlite:///"):
        return
    database = url.removeprefix("sqlite:///").partition("?")[0]
    if not database or database == ":memory:":
        return
    path = Path(database).resolve()
    if Path(instance_path).resolve() not in path.parents:
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        pass
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_SIDE_FILES)):
        if candidate.exists() and candidate.stat().st_mode & 0o077:
            candidate.chmod(PRIVATE_FILE_MODE)


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    DEBUG = False
    TESTING = False
    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI: str | None = None  # filled in by create_app from DATABASE_URL
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    MAX_CONTENT_LENGTH = 1024 * 1024  # bytes; larger request bodies (JSON, forms) get 413
    IMPORT_MAX_FILE_SIZE = 16 * 1024 * 1024  # an import file, page or API (transfer.limits)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Sessions expire: a signed-in browser is good for a working day, "keep me signed in"
    # for two weeks; "sign out everywhere" ends both at once (see User.session_token).
    PERMANENT_SESSION_LIFETIME = timedelta(hours=int(os.environ.get("SESSION_HOURS", "12")))
    REMEMBER_COOKIE_DURATION = timedelta(days=int(os.environ.get("REMEMBER_DAYS", "14")))
    # The address every link the app hands out starts with (password resets, invitations,
    # calendar feeds, reply links, digests), e.g. https://referrals.example.com. When it is
    # set, requests for any other Host are refused (TRUSTED_HOSTS), so no caller can aim a
    # link elsewhere. Production refuses to start without it, or with http://.
    BASE_URL: str | None = os.environ.get("BASE_URL") or None
    # More names the app answers to besides BASE_URL's host (comma-separated), e.g. the
    # address a load balancer's health check uses. Unset and no BASE_URL: any Host.
    TRUSTED_HOSTS: list[str] | None = [
        h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()
    ] or None
    # Failed sign-ins slow the guesser, never lock out the owner (see referrals.auth.throttle):
    # per account from one address, and per address for any account, some failures are free,
    # then each further one doubles the wait up to the ceiling. Kept in the database.
    LOGIN_FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5
    LOGIN_FREE_FAILURES_PER_ADDRESS = 30  # an office shares one address
    LOGIN_BACKOFF_BASE_SECONDS = 2
    LOGIN_BACKOFF_MAX_SECONDS = 15 * 60
    LOGIN_FAILURES_FORGOTTEN_AFTER = timedelta(hours=24)
    # Password-reset mail is limited with Flask-Limiter. Several workers or machines must share
    # the counters, so production points RATELIMIT_STORAGE_URI (or REDIS_URL) at Redis;
    # memory:// counts per process and is only for development and tests.
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = (
        os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    )
    RATELIMIT_HEADERS_ENABLED = True
    MAIL_LIMIT_PER_ADDRESS = "10 per hour"  # password-reset requests per client IP
    # Behind a load balancer: how many proxies set X-Forwarded-For/-Proto (0: trust none).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    PASSWORD_RESET_MAX_AGE = 60 * 60  # seconds a reset link stays valid
    INVITE_MAX_AGE = 7 * 24 * 60 * 60  # seconds an invitation stays valid
    # Outgoing mail (password resets, invitations, digests). Without SMTP_HOST the message
    # is written to the log instead, which is what development wants.
    SMTP_HOST = os.environ.get("SMTP_HOST")
    SMTP_PORT = int(os.environ.get("SMTP_PORT", "587"))
    SMTP_USERNAME = os.environ.get("SMTP_USERNAME")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")
    SMTP_FROM = os.environ.get("SMTP_FROM", "referrals <no-reply@localhost>")
    SMTP_STARTTLS = os.environ.get("SMTP_STARTTLS", "1").lower() not in {"0", "false", "no", ""}
    SMTP_TIMEOUT = 10
    LOG_JSON = True  # one JSON object per log line, each with the request id
    PEOPLE_PER_PAGE = 25
    API_DEFAULT_LIMIT = 50
    API_MAX_LIMIT = 500


class DevelopmentConfig(Config):
    """Local use: `make run`. A secret key is generated once and kept in `instance/`."""

    ENV_NAME = "development"


class TestingConfig(Config):
    """The test suite; the database URL comes from TEST_DATABASE_URL or a temporary SQLite file."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    BASE_URL = None  # links from the test client's host; the trust tests set one
    TRUSTED_HOSTS = None
    PASSWORD_HASH_FAST = True
    # The rate-limit tests lower this.
    MAIL_LIMIT_PER_ADDRESS = "100000 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    SMTP_HOST = None  # tests that send mail start their own SMTP server
    LOG_JSON = False


class ProductionConfig(Config):
    """Production under gunicorn: SECRET_KEY and DATABASE_URL must be set."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


def apply_base_url(config: dict[str, Any], env_name: str) -> None:
    """Check BASE_URL and trust only its host: production refuses to start without an
    https:// BASE_URL; wherever it is set, TRUSTED_HOSTS (unless given) becomes its host.

    >>> c = {"BASE_URL": "https://referrals.example.com/", "TRUSTED_HOSTS": None}
    >>> apply_base_url(c, "production"); c["TRUSTED_HOSTS"], c["BASE_URL"]
    (['referrals.example.com'], 'https://referrals.example.com')
    >>> apply_base_url({"BASE_URL": "http://referrals.example.com"}, "production")
    Traceback (most recent call last):
    ...
    RuntimeError: BASE_URL must start with https:// in production.
    """
    base = (config.get("BASE_URL") or "").strip()
    if not base:
        if env_name == "production":
            raise RuntimeError(
                "BASE_URL must be set in production (e.g. https://referrals.example.com): "
                "every link the app mails out starts with it."
            )
        config["BASE_URL"] = None
        return
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise RuntimeError(f"BASE_URL must look like https://host[:port][/path], not {base!r}.")
    if env_name == "production" and parts.scheme != "https":
        raise RuntimeError("BASE_URL must start with https:// in production.")
    config["BASE_URL"] = base.rstrip("/")
    extra = [h for h in config.get("TRUSTED_HOSTS") or [] if h != parts.hostname]
    config["TRUSTED_HOSTS"] = [parts.hostname, *extra]


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
