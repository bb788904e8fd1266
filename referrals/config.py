"""Configuration classes; every secret and address comes from the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


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
    """Return the development secret kept in `instance/`, creating it once."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


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
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024  # bytes; larger request bodies get 413
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
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
    PASSWORD_HASH_FAST = True


class ProductionConfig(Config):
    """Production under gunicorn: SECRET_KEY and DATABASE_URL must be set."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
