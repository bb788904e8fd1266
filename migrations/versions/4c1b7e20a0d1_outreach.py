"""Outreach: value library, opener templates, cadence settings (issue 4)

Revision ID: 4c1b7e20a0d1
Revises: 209754f42ec6
Create Date: 2026-11-23 02:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4c1b7e20a0d1'
down_revision = '209754f42ec6'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
