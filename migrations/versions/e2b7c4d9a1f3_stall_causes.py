"""Two more reasons a prospect doesn't call back: no value in the relationship yet, and a
prospect who won't say no

Revision ID: e2b7c4d9a1f3
Revises: cdb65f6c1d0a
Create Date: 2026-12-03 09:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e2b7c4d9a1f3'
down_revision = 'cdb65f6c1d0a'
branch_labels = None
depends_on = None

OLD = ("no_reason", "no_gain", "no_need", "no_trust", "no_difference", "too_busy",
       "better_deal", "no_authority")
NEW = OLD + ("no_value", "wont_say_no")


def _in_list(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _recheck(values):
    # Drop and recreate the named CHECK (batch mode rebuilds the table on SQLite).
    with op.batch_alter_table('stall_reviews', schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_stall_reviews_cause_known"), type_="check")
        batch_op.create_check_constraint("cause_known", _in_list("cause", values))


def upgrade():
    _recheck(NEW)


def downgrade():
    op.execute(f"DELETE FROM stall_reviews WHERE NOT ({_in_list('cause', OLD)})")
    _recheck(OLD)
