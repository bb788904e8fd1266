"""The schema comes only from Alembic, and the models match it."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from referrals.extensions import db
from referrals.models import Base
from referrals.models.search_keys import include_name


def test_migrations_create_every_model_table(app):
    names = set(inspect(db.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= names
    assert "alembic_version" in names


def test_models_and_migrations_agree(app):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"render_as_batch": True,
                                                      "include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models differ from the migrations: {diff}"


def test_upgrade_from_empty_and_downgrade(tmp_path):
    from referrals import create_app

    url = "sqlite:///" + str(tmp_path / "fresh.db")
    fresh = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with fresh.app_context():
        upgrade()
        assert "people" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert "people" not in inspect(db.engine).get_table_names()
        upgrade()
        assert "relationships" in inspect(db.engine).get_table_names()
        db.engine.dispose()
