"""Outreach: value library, opener templates, saved openers, voicemail scripts, stall
reviews; pressing issues on people; value item, script and cadence override on touches (issue 4)

Revision ID: 8a61c2d4e5f6
Revises: 7f40a153d304
Create Date: 2026-12-01 17:58:03.574348

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8a61c2d4e5f6'
down_revision = '7f40a153d304'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('opener_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('replaces', sa.String(length=60), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_opener_templates_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opener_templates')),
    sa.UniqueConstraint('team_id', 'kind', 'label', name=op.f('uq_opener_templates_team_id_kind_label'))
    )
    with op.batch_alter_table('opener_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opener_templates_team_id'), ['team_id'], unique=False)

    op.create_table('saved_openers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('template_key', sa.String(length=60), nullable=True),
    sa.Column('via_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_saved_openers_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_saved_openers_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_saved_openers_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['via_id'], ['people.id'], name=op.f('fk_saved_openers_via_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_openers'))
    )
    with op.batch_alter_table('saved_openers', schema=None) as batch_op:
        batch_op.create_index('ix_saved_openers_team_id_person_id', ['team_id', 'person_id'], unique=False)

    op.create_table('stall_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('cause', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("cause IN ('no_reason', 'no_gain', 'no_need', 'no_trust', 'no_difference', 'too_busy', 'better_deal', 'no_authority')", name=op.f('ck_stall_reviews_cause_known')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_stall_reviews_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_stall_reviews_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_stall_reviews_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stall_reviews'))
    )
    with op.batch_alter_table('stall_reviews', schema=None) as batch_op:
        batch_op.create_index('ix_stall_reviews_team_id_person_id', ['team_id', 'person_id'], unique=False)

    op.create_table('value_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('pitch', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('issues', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('article', 'research', 'tip', 'technique', 'whitepaper', 'case_study')", name=op.f('ck_value_items_kind_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_value_items_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_value_items_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_value_items')),
    sa.UniqueConstraint('team_id', 'title', name=op.f('uq_value_items_team_id_title'))
    )
    with op.batch_alter_table('value_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_value_items_team_id'), ['team_id'], unique=False)

    op.create_table('voicemail_scripts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('call_to_action', sa.String(length=40), nullable=False),
    sa.Column('words', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Double(), nullable=False),
    sa.Column('over_length', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_voicemail_scripts_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_voicemail_scripts_team_id_teams'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_voicemail_scripts_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voicemail_scripts'))
    )
    with op.batch_alter_table('voicemail_scripts', schema=None) as batch_op:
        batch_op.create_index('ix_voicemail_scripts_team_id_person_id', ['team_id', 'person_id'], unique=False)

    op.create_table('script_value_items',
    sa.Column('script_id', sa.Integer(), nullable=False),
    sa.Column('value_item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['script_id'], ['voicemail_scripts.id'], name=op.f('fk_script_value_items_script_id_voicemail_scripts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['value_item_id'], ['value_items.id'], name=op.f('fk_script_value_items_value_item_id_value_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('script_id', 'value_item_id', name=op.f('pk_script_value_items'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        # Existing people have no pressing issues yet: an empty list, not NULL.
        batch_op.add_column(sa.Column('pressing_issues', sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))

    with op.batch_alter_table('touches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('value_item_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('script_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('broke_cadence', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.create_index(batch_op.f('ix_touches_value_item_id'), ['value_item_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_touches_value_item_id_value_items'), 'value_items', ['value_item_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_touches_script_id_voicemail_scripts'), 'voicemail_scripts', ['script_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('touches', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_touches_script_id_voicemail_scripts'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_touches_value_item_id_value_items'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_touches_value_item_id'))
        batch_op.drop_column('broke_cadence')
        batch_op.drop_column('script_id')
        batch_op.drop_column('value_item_id')

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('pressing_issues')

    op.drop_table('script_value_items')
    with op.batch_alter_table('voicemail_scripts', schema=None) as batch_op:
        batch_op.drop_index('ix_voicemail_scripts_team_id_person_id')

    op.drop_table('voicemail_scripts')
    with op.batch_alter_table('value_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_value_items_team_id'))

    op.drop_table('value_items')
    with op.batch_alter_table('stall_reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_stall_reviews_team_id_person_id')

    op.drop_table('stall_reviews')
    with op.batch_alter_table('saved_openers', schema=None) as batch_op:
        batch_op.drop_index('ix_saved_openers_team_id_person_id')

    op.drop_table('saved_openers')
    with op.batch_alter_table('opener_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opener_templates_team_id'))

    op.drop_table('opener_templates')
