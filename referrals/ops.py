"""Running in production: request ids, JSON logs, security headers, proxies and /healthz."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, current_app, g, has_request_context, jsonify, request
from flask.logging import default_handler
from flask.typing import ResponseReturnValue
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.exc import NoInspectionAvailable
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

from referrals.extensions import db, limiter

bp = Blueprint("ops", __name__)

# A request id from the load balancer is kept if it looks like one (it ends up in logs).
REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

# Written by hand rather than with flask-talisman: we need six fixed headers, and Talisman
# would also force HTTPS redirects and rewrite cookie flags, which the load balancer and
# our config already own. Every template loads its CSS and JS from /static and uses no
# inline script, no on* handlers and no style attributes, so 'self' is enough everywhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

access_log = logging.getLogger("referrals.access")


# --- request ids and logs ------------------------------------------------------------------

def request_id() -> str | None:
    """The current request's id (None outside a request)."""
    return g.get("request_id") if has_request_context() else None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id and any extras."""

    STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or request_id()
        if rid:
            entry["request_id"] = rid
        for key, value in vars(record).items():
            if key not in self.STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(app: Flask) -> None:
    """JSON lines on stderr for the app's and the access logger (once per process)."""
    if not app.config.get("LOG_JSON"):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.set_name("referrals-json")
    for logger in (app.logger, access_log):
        if not any(h.get_name() == "referrals-json" for h in logger.handlers):
            logger.handlers = [h for h in logger.handlers if h.get_name() != "default"]
            logger.removeHandler(default_handler)
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _start_request() -> None:
    # `g` belongs to the app context, which outlives a request when one was pushed already
    # (the test suite, scripts): drop what Flask-Login and Flask-WTF cache per request.
    for key in ("_login_user", "csrf_token"):
        g.pop(key, None)
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish_request(response: Response) -> Response:
    rid = g.get("request_id")
    if rid:
        response.headers["X-Request-ID"] = rid
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("SESSION_COOKIE_SECURE"):  # production: HTTPS only
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    started = g.get("request_started")
    if started is not None and request.endpoint != "static":
        user_id = _loaded_user_id(g.get("_login_user")) or _loaded_user_id(g.get("api_user"))
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user_id,
                "remote_addr": request.remote_addr,
            },
        )
    return response


def _loaded_user_id(user: Any) -> int | None:
    """The id of a user already loaded, read from the identity map: logging must not query
    (after a failed request the session is rolled back, and the database may be down)."""
    if user is None:
        return None
    try:
        state = sa_inspect(user)
    except NoInspectionAvailable:  # Flask-Login's anonymous user
        return None
    return state.identity[0] if state.identity else None


# --- health ------------------------------------------------------------------------------

def migration_heads(app: Flask) -> set[str]:
    """The head revisions of the migrations shipped with this code (read once per process)."""
    heads = app.extensions.get("referrals_migration_heads")
    if heads is None:
        directory = app.extensions["migrate"].directory
        heads = set(ScriptDirectory(directory).get_heads())
        app.extensions["referrals_migration_heads"] = heads
    return heads


# How long a probe trusts the last migration check that found the schema current. The
# probe itself is a `SELECT 1`; reading alembic_version (and, through Alembic, the table's
# columns) on every probe cost three queries and most of the probe's CPU.
MIGRATIONS_RECHECK_SECONDS = 300.0


def _schema_heads(app: Flask, conn: Any, expected: set[str]) -> set[str]:
    """The database's migration heads: read on the first probe of the process, then
    remembered for MIGRATIONS_RECHECK_SECONDS once they match the code's (a schema that is
    behind, or ahead, is read again on every probe until it matches)."""
    cached = app.extensions.get("referrals_schema_heads")
    now = time.monotonic()
    if cached is not None and now - cached[1] < MIGRATIONS_RECHECK_SECONDS:
        return cached[0]
    current = set(MigrationContext.configure(conn).get_current_heads())
    if current == expected:
        app.extensions["referrals_schema_heads"] = (current, now)
    else:
        app.extensions.pop("referrals_schema_heads", None)
    return current


def check_health(app: Flask) -> tuple[bool, dict[str, Any]]:
    """Is the database reachable, and is its schema at the code's migration head?"""
    expected = migration_heads(app)
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            current = _schema_heads(app, conn, expected)
    except Exception as exc:  # any failure to reach the database is "unhealthy"
        app.logger.warning("health check: database unreachable: %s", exc.__class__.__name__)
        return False, {"status": "error", "reason": "database unreachable"}
    body: dict[str, Any] = {"database": "ok", "migrations": sorted(current)}
    if current != expected:
        return False, {
            **body,
            "status": "error",
            "reason": "migrations not current; run `flask --app app db upgrade`",
            "expected": sorted(expected),
        }
    return True, {**body, "status": "ok"}


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    """For the load balancer: 200 when this machine can serve, 503 with the reason when not."""
    ok, body = check_health(current_app)
    response = jsonify(body)
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def close_session(exc: BaseException | None = None) -> None:
    """End the request's database session even when its connection died under it.

    Flask-SQLAlchemy's own teardown rolls back on close; when PostgreSQL restarted or failed
    over during the request that ROLLBACK raises, and gunicorn turns an answered request
    into a 500. Registered after Flask-SQLAlchemy, so it runs first (teardowns run in
    reverse): a dead connection is invalidated instead, and the pool replaces it.
    """
    try:
        db.session.remove()
    except Exception:
        current_app.logger.warning("database connection lost at the end of a request")
        with suppress(Exception):
            db.session.invalidate()
        with suppress(Exception):
            db.session.remove()


# --- wiring ------------------------------------------------------------------------------

def register(app: Flask) -> None:
    configure_logging(app)
    if app.config.get("TRUSTED_PROXIES"):
        n = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.teardown_appcontext(close_session)
    app.register_blueprint(bp)
    limiter.exempt(bp)
    if app.config.get("ENV_NAME") == "production" and str(
        app.config.get("RATELIMIT_STORAGE_URI", "")
    ).startswith("memory://"):
        app.logger.warning(
            "RATELIMIT_STORAGE_URI is memory://: each worker counts password-reset requests on its "
            "own. Set it (or REDIS_URL) to redis://… when running several workers."
        )
