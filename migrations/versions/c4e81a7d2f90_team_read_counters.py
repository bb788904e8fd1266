"""Counters on teams for what every worker keeps in memory besides the graph: the team's asks
(introductions asked for, references offered, advocate calls) and its opener templates, each
bumped in the transaction that writes them

Revision ID: c4e81a7d2f90
Revises: bb3650a18d4e
Create Date: 2026-12-04 11:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "c4e81a7d2f90"
down_revision = "bb3650a18d4e"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode (see f1a2b3c4d5e6): SQLite adds a column with a constant
# default in place; PostgreSQL (11+) stores the default once instead of rewriting the rows.


def upgrade():
    op.add_column("teams", sa.Column("asks_version", sa.Integer(), server_default="1",
                                     nullable=False))
    op.add_column("teams", sa.Column("openers_version", sa.Integer(), server_default="1",
                                     nullable=False))


def downgrade():
    op.drop_column("teams", "openers_version")
    op.drop_column("teams", "asks_version")
