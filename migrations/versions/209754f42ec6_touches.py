"""Touches: each outreach to a person (channel, time, outcome)

Revision ID: 209754f42ec6
Revises: 292bd53373a3
Create Date: 2026-11-22 21:13:22.423024

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '209754f42ec6'
down_revision = '292bd53373a3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('touches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("channel IN ('call', 'voicemail', 'email', 'letter', 'card', 'postcard', 'fax', 'visit', 'social', 'advocate_call')", name=op.f('ck_touches_channel_known')),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('no_answer', 'voicemail_left', 'spoke', 'callback_received', 'meeting_set')", name=op.f('ck_touches_outcome_known')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_touches_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_touches_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_touches_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_touches'))
    )
    with op.batch_alter_table('touches', schema=None) as batch_op:
        batch_op.create_index('ix_touches_team_id_person_id_occurred_at', ['team_id', 'person_id', 'occurred_at'], unique=False)



def downgrade():
    with op.batch_alter_table('touches', schema=None) as batch_op:
        batch_op.drop_index('ix_touches_team_id_person_id_occurred_at')

    op.drop_table('touches')
