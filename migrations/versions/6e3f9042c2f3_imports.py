"""Imports: import runs and merge support (issue 6)

Revision ID: 6e3f9042c2f3
Revises: 5d2e8f31b1e2
Create Date: 2026-11-23 02:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6e3f9042c2f3'
down_revision = '5d2e8f31b1e2'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
