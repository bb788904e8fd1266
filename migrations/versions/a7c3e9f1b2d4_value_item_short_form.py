"""A value item's short form: its pitch in about a dozen words, so a voicemail with three
reasons still fits in 30 seconds

Revision ID: a7c3e9f1b2d4
Revises: f1a2b3c4d5e6
Create Date: 2026-12-04 05:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9f1b2d4'
down_revision = 'f1a2b3c4d5e6'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode (see f1a2b3c4d5e6): a nullable column with no default,
# index or constraint is added and dropped in place on SQLite, and PostgreSQL rewrites no
# row for it. Existing items have none; the builder falls back to their pitch when it is
# short enough, and otherwise asks for one.


def upgrade():
    op.add_column('value_items', sa.Column('short', sa.String(length=90), nullable=True))


def downgrade():
    # The short forms go with the column; the pitches they shortened stay.
    op.drop_column('value_items', 'short')
