"""Advocates: advocate calls, introduction requests, reference asks, follow-ups and their
history, calendar feeds; industry, company size and region on people (issue 5)

Revision ID: 5d2e8f31b1e2
Revises: 209754f42ec6
Create Date: 2026-11-23 02:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d2e8f31b1e2'
down_revision = '209754f42ec6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('advocate_calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('advocate_id', sa.Integer(), nullable=False),
    sa.Column('prospect_id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('outcome', sa.String(length=500), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('prospect_outcome', sa.String(length=20), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("prospect_outcome IS NULL OR prospect_outcome IN ('meeting_set', 'won', 'lost')", name=op.f('ck_advocate_calls_prospect_outcome_known')),
    sa.CheckConstraint('advocate_id <> prospect_id', name=op.f('ck_advocate_calls_not_self')),
    sa.ForeignKeyConstraint(['advocate_id'], ['people.id'], name=op.f('fk_advocate_calls_advocate_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prospect_id'], ['people.id'], name=op.f('fk_advocate_calls_prospect_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_advocate_calls_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_advocate_calls_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advocate_calls'))
    )
    with op.batch_alter_table('advocate_calls', schema=None) as batch_op:
        batch_op.create_index('ix_advocate_calls_team_id_advocate_id', ['team_id', 'advocate_id'], unique=False)
        batch_op.create_index('ix_advocate_calls_team_id_prospect_id', ['team_id', 'prospect_id'], unique=False)

    op.create_table('calendar_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash')),
    sa.UniqueConstraint('user_id', name=op.f('uq_calendar_feeds_user_id'))
    )
    op.create_table('introduction_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('prospect_id', sa.Integer(), nullable=False),
    sa.Column('via_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_on', sa.Date(), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=True),
    sa.Column('introduced_on', sa.Date(), nullable=True),
    sa.Column('ask_text', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'asked', 'agreed', 'introduced', 'meeting_set', 'won', 'lost', 'declined')", name=op.f('ck_introduction_requests_status_known')),
    sa.CheckConstraint('via_id <> prospect_id', name=op.f('ck_introduction_requests_not_self')),
    sa.ForeignKeyConstraint(['prospect_id'], ['people.id'], name=op.f('fk_introduction_requests_prospect_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_introduction_requests_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_introduction_requests_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['via_id'], ['people.id'], name=op.f('fk_introduction_requests_via_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_introduction_requests'))
    )
    with op.batch_alter_table('introduction_requests', schema=None) as batch_op:
        batch_op.create_index('ix_introduction_requests_team_id_prospect_id', ['team_id', 'prospect_id'], unique=False)
        batch_op.create_index('ix_introduction_requests_team_id_via_id', ['team_id', 'via_id'], unique=False)

    op.create_table('reference_asks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('reference_id', sa.Integer(), nullable=False),
    sa.Column('prospect_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=False),
    sa.Column('phoned_on', sa.Date(), nullable=True),
    sa.Column('prospect_outcome', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("prospect_outcome IS NULL OR prospect_outcome IN ('meeting_set', 'won', 'lost')", name=op.f('ck_reference_asks_prospect_outcome_known')),
    sa.CheckConstraint("status IN ('offered', 'phoned', 'declined')", name=op.f('ck_reference_asks_status_known')),
    sa.CheckConstraint('reference_id <> prospect_id', name=op.f('ck_reference_asks_not_self')),
    sa.ForeignKeyConstraint(['prospect_id'], ['people.id'], name=op.f('fk_reference_asks_prospect_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reference_id'], ['people.id'], name=op.f('fk_reference_asks_reference_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_reference_asks_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reference_asks_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_asks'))
    )
    with op.batch_alter_table('reference_asks', schema=None) as batch_op:
        batch_op.create_index('ix_reference_asks_team_id_reference_id', ['team_id', 'reference_id'], unique=False)

    op.create_table('followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('prospect_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('advocate_call_id', sa.Integer(), nullable=True),
    sa.Column('introduction_id', sa.Integer(), nullable=True),
    sa.Column('reference_ask_id', sa.Integer(), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('thank_you', 'feedback')", name=op.f('ck_followups_kind_known')),
    sa.CheckConstraint("status IN ('open', 'done')", name=op.f('ck_followups_status_known')),
    sa.ForeignKeyConstraint(['advocate_call_id'], ['advocate_calls.id'], name=op.f('fk_followups_advocate_call_id_advocate_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['introduction_id'], ['introduction_requests.id'], name=op.f('fk_followups_introduction_id_introduction_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_followups_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prospect_id'], ['people.id'], name=op.f('fk_followups_prospect_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reference_ask_id'], ['reference_asks.id'], name=op.f('fk_followups_reference_ask_id_reference_asks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_followups_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_followups_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followups'))
    )
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followups_advocate_call_id'), ['advocate_call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followups_introduction_id'), ['introduction_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followups_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followups_prospect_id'), ['prospect_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followups_reference_ask_id'), ['reference_ask_id'], unique=False)
        batch_op.create_index('ix_followups_team_id_status_due_on', ['team_id', 'status', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_followups_user_id'), ['user_id'], unique=False)

    op.create_table('introduction_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'asked', 'agreed', 'introduced', 'meeting_set', 'won', 'lost', 'declined')", name=op.f('ck_introduction_status_changes_status_known')),
    sa.ForeignKeyConstraint(['request_id'], ['introduction_requests.id'], name=op.f('fk_introduction_status_changes_request_id_introduction_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_introduction_status_changes_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_introduction_status_changes'))
    )
    with op.batch_alter_table('introduction_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_introduction_status_changes_request_id'), ['request_id'], unique=False)

    op.create_table('followup_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('followup_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IN ('created', 'snoozed', 'brought_forward', 'completed')", name=op.f('ck_followup_events_action_known')),
    sa.ForeignKeyConstraint(['followup_id'], ['followups.id'], name=op.f('fk_followup_events_followup_id_followups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_followup_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followup_events'))
    )
    with op.batch_alter_table('followup_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followup_events_followup_id'), ['followup_id'], unique=False)

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('industry', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('company_size', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('region', sa.String(length=100), nullable=True))



def downgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('region')
        batch_op.drop_column('company_size')
        batch_op.drop_column('industry')

    with op.batch_alter_table('followup_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followup_events_followup_id'))

    op.drop_table('followup_events')
    with op.batch_alter_table('introduction_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_introduction_status_changes_request_id'))

    op.drop_table('introduction_status_changes')
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followups_user_id'))
        batch_op.drop_index('ix_followups_team_id_status_due_on')
        batch_op.drop_index(batch_op.f('ix_followups_reference_ask_id'))
        batch_op.drop_index(batch_op.f('ix_followups_prospect_id'))
        batch_op.drop_index(batch_op.f('ix_followups_person_id'))
        batch_op.drop_index(batch_op.f('ix_followups_introduction_id'))
        batch_op.drop_index(batch_op.f('ix_followups_advocate_call_id'))

    op.drop_table('followups')
    with op.batch_alter_table('reference_asks', schema=None) as batch_op:
        batch_op.drop_index('ix_reference_asks_team_id_reference_id')

    op.drop_table('reference_asks')
    with op.batch_alter_table('introduction_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_introduction_requests_team_id_via_id')
        batch_op.drop_index('ix_introduction_requests_team_id_prospect_id')

    op.drop_table('introduction_requests')
    op.drop_table('calendar_feeds')
    with op.batch_alter_table('advocate_calls', schema=None) as batch_op:
        batch_op.drop_index('ix_advocate_calls_team_id_prospect_id')
        batch_op.drop_index('ix_advocate_calls_team_id_advocate_id')

    op.drop_table('advocate_calls')
