"""The referrals application factory.

The register_* functions import the features when an app is built, not when this package
is: `import referrals.graph` (pure networkx) or `referrals.vocab` must not load every view,
form and model. It is the top of the house, so nothing here dodges a cycle.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from referrals.config import (
    CONFIGS,
    apply_base_url,
    development_secret_key,
    normalize_database_url,
    private_sqlite_file,
)

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. `config` overrides settings (tests pass their database URL here)."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("REFERRALS_INSTANCE_PATH", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
        static_folder="static",
    )
    configure(app, config or {})
    register_extensions(app)
    register_operations(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_helpers(app)
    return app


def configure(app: Flask, overrides: dict[str, Any]) -> None:
    env_name = overrides.get("ENV_NAME") or os.environ.get("REFERRALS_ENV", "development")
    if env_name not in CONFIGS:
        raise RuntimeError(f"REFERRALS_ENV must be one of {sorted(CONFIGS)}, not {env_name!r}")
    app.config.from_object(CONFIGS[env_name])
    app.config.update(overrides)
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)
    url = app.config.get("SQLALCHEMY_DATABASE_URI") or os.environ.get("DATABASE_URL")
    if not url:
        url = "sqlite:///" + os.path.join(app.instance_path, "referrals.db")
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(url)
    private_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path)
    if not app.config.get("SECRET_KEY"):
        if env_name != "development":
            raise RuntimeError("SECRET_KEY must be set in the environment outside development.")
        app.config["SECRET_KEY"] = development_secret_key(app.instance_path)
    apply_base_url(app.config, env_name)
    if env_name == "production" and app.debug:
        raise RuntimeError("Refusing to run the production config with debug on.")


def register_extensions(app: Flask) -> None:
    from referrals import models  # noqa: F401  (registers the models and the ORM events)
    from referrals.database import enable_sqlite_pragmas
    from referrals.extensions import csrf, db, limiter, login_manager, migrate
    from referrals.models.search_keys import include_name

    db.init_app(app)
    with app.app_context():
        enable_sqlite_pragmas(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     include_name=include_name)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    # "strong": a session cookie replayed from another address or browser is dropped.
    login_manager.session_protection = "strong"
    limiter.init_app(app)


def register_operations(app: Flask) -> None:
    from referrals.ops import register

    register(app)


def register_blueprints(app: Flask) -> None:
    from referrals.account.views import bp as account_bp
    from referrals.advocates.followup_views import bp as followups_bp
    from referrals.advocates.intro_views import bp as introductions_bp
    from referrals.advocates.reply import bp as reply_bp
    from referrals.advocates.views import bp as advocates_bp
    from referrals.api import bp as api_bp
    from referrals.auth.views import bp as auth_bp
    from referrals.extensions import csrf
    from referrals.groups.views import bp as groups_bp
    from referrals.groups.views import person_bp as person_groups_bp
    from referrals.main.views import bp as main_bp
    from referrals.outreach.views import bp as outreach_bp
    from referrals.paths.views import bp as paths_bp
    from referrals.people.views import bp as people_bp
    from referrals.relationships.views import bp as relationships_bp
    from referrals.transfer.views import bp as transfer_bp

    for bp in (
        auth_bp, main_bp, people_bp, relationships_bp, groups_bp, person_groups_bp, paths_bp,
        account_bp,
        transfer_bp, advocates_bp, introductions_bp, followups_bp, outreach_bp,
        reply_bp,  # public: the signed link is the key; CSRF still applies
    ):
        app.register_blueprint(bp)
    csrf.exempt(api_bp)  # bearer tokens, not cookies: no cross-site forgery to guard against
    app.register_blueprint(api_bp)


def register_errorhandlers(app: Flask) -> None:
    from referrals.web.errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from referrals.cli import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from referrals.web.templating import register

    register(app)
