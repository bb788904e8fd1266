"""The loop: introduction replies and "no reply", the rep's own follow-ups (call, custom,
keep in touch, nudge), and keep-in-touch on people

Revision ID: c7e4eafb013c
Revises: 8a61c2d4e5f6
Create Date: 2026-12-03 07:51:33.144711

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7e4eafb013c'
down_revision = '8a61c2d4e5f6'
branch_labels = None
depends_on = None

OLD_STATUSES = ("draft", "asked", "agreed", "introduced", "meeting_set", "won", "lost",
                "declined")
NEW_STATUSES = OLD_STATUSES + ("no_reply",)
OLD_KINDS = ("thank_you", "feedback")
NEW_KINDS = OLD_KINDS + ("call", "custom", "keep_in_touch", "nudge")


def _in_list(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _recheck(table, name, condition):
    # Drop and recreate a named CHECK (batch mode rebuilds the table on SQLite).
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
        batch_op.create_check_constraint(name, condition)


def upgrade():
    with op.batch_alter_table('introduction_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_nonce', sa.String(length=43), nullable=True))
        batch_op.add_column(sa.Column('reply_answer', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('replied_at', sa.DateTime(timezone=True), nullable=True))
    _recheck('introduction_requests', 'status_known', _in_list('status', NEW_STATUSES))
    _recheck('introduction_status_changes', 'status_known', _in_list('status', NEW_STATUSES))
    _recheck('followups', 'kind_known', _in_list('kind', NEW_KINDS))

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('keep_in_touch_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last_contact_on', sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            'keep_in_touch_days_range',
            'keep_in_touch_days IS NULL OR keep_in_touch_days BETWEEN 1 AND 3650')

    # The latest advocate call is the latest interaction we already know of.
    op.execute(
        "UPDATE people SET last_contact_on = (SELECT max(c.occurred_on) FROM advocate_calls c "
        "WHERE c.advocate_id = people.id)"
    )


def downgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_people_keep_in_touch_days_range"), type_="check")
        batch_op.drop_column('last_contact_on')
        batch_op.drop_column('keep_in_touch_days')

    # Rows that only the new vocabulary allows cannot stay.
    op.execute(f"DELETE FROM followups WHERE NOT ({_in_list('kind', OLD_KINDS)})")
    op.execute(f"UPDATE introduction_requests SET status = 'asked' WHERE status = 'no_reply'")
    op.execute(f"DELETE FROM introduction_status_changes WHERE status = 'no_reply'")
    _recheck('followups', 'kind_known', _in_list('kind', OLD_KINDS))
    _recheck('introduction_status_changes', 'status_known', _in_list('status', OLD_STATUSES))
    _recheck('introduction_requests', 'status_known', _in_list('status', OLD_STATUSES))
    with op.batch_alter_table('introduction_requests', schema=None) as batch_op:
        batch_op.drop_column('replied_at')
        batch_op.drop_column('reply_answer')
        batch_op.drop_column('reply_nonce')
