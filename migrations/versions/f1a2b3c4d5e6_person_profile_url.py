"""A person's profile address (a LinkedIn page, say), so a LinkedIn import keeps it in its own
field instead of the notes

Revision ID: f1a2b3c4d5e6
Revises: e5b7c9d1f3a2
Create Date: 2026-12-04 03:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f1a2b3c4d5e6'
down_revision = 'e5b7c9d1f3a2'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: batch would rebuild `people` on SQLite, and dropping the
# old copy with foreign keys enforced cascades to every tie, call and membership (see
# e5b7c9d1f3a2), besides losing its AUTOINCREMENT. SQLite adds and drops (since 3.35) a
# column with no index or constraint in place; PostgreSQL rewrites no row for a nullable
# column without a default.


def upgrade():
    op.add_column('people', sa.Column('profile_url', sa.String(length=500), nullable=True))


def downgrade():
    # The addresses go with the column (before this revision a LinkedIn import kept them in
    # the notes; importing the file again after an upgrade fills them in).
    op.drop_column('people', 'profile_url')
