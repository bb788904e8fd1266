"""Ids never reused on SQLite: AUTOINCREMENT on people, groups, relationships and
introduction requests, so a deleted row's id (in an old link, /people/3) never names another

SQLite only: without AUTOINCREMENT it may give a new row the largest id again once that row
was deleted. AUTOINCREMENT is a property of the table's definition, so each table is rebuilt
(batch mode, recreate="always") with every row, constraint, index and foreign key it had. On
PostgreSQL ids come from sequences, which never go back: nothing to do.

Rebuilding a table other tables point to is only safe with foreign key enforcement off –
otherwise SQLite's DROP TABLE of the old copy deletes every row that references it (ON
DELETE CASCADE: ties, memberships, calls...). The pragma cannot change inside a transaction,
so the migration commits what came before, switches it off, rebuilds, checks that every
reference still resolves (PRAGMA foreign_key_check) and switches enforcement back on.

Revision ID: e5b7c9d1f3a2
Revises: e2b7c4d9a1f3
Create Date: 2026-12-03 09:05:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e5b7c9d1f3a2'
down_revision = 'e2b7c4d9a1f3'
branch_labels = None
depends_on = None

TABLES = ("people", "groups", "relationships", "introduction_requests")


def _rebuild(autoincrement):
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    raw = bind.connection.dbapi_connection
    if raw.in_transaction:
        raw.commit()  # earlier revisions of this run are done; the pragma needs no transaction
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        for table in TABLES:
            with op.batch_alter_table(
                table, recreate="always",
                table_kwargs={"sqlite_autoincrement": autoincrement},
            ):
                pass
        problems = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"rebuilding {TABLES} broke foreign keys: {problems[:5]}")
        if raw.in_transaction:
            raw.commit()
    finally:
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")


def upgrade():
    _rebuild(autoincrement=True)


def downgrade():
    _rebuild(autoincrement=False)
