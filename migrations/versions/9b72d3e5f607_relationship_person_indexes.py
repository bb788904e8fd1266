"""Relationships: index a person's ties within the team (the person page reads them by
team and side; without statistics SQLite otherwise scans the whole team's ties)

Revision ID: 9b72d3e5f607
Revises: 8a61c2d4e5f6
Create Date: 2026-12-01 18:48:20.443420

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b72d3e5f607'
down_revision = '8a61c2d4e5f6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('relationships', schema=None) as batch_op:
        batch_op.create_index('ix_relationships_team_id_person_a_id', ['team_id', 'person_a_id'], unique=False)
        batch_op.create_index('ix_relationships_team_id_person_b_id', ['team_id', 'person_b_id'], unique=False)



def downgrade():
    with op.batch_alter_table('relationships', schema=None) as batch_op:
        batch_op.drop_index('ix_relationships_team_id_person_b_id')
        batch_op.drop_index('ix_relationships_team_id_person_a_id')

