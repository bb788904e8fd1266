"""Dated notes on people: what a person said and what to remember, one row per note, so the
person page's timeline can show them in order (the old `people.notes` stays as the person's
standing background)

Revision ID: bb3650a18d4e
Revises: 5432bd4dffba
Create Date: 2026-12-04 07:26:48
"""
import sqlalchemy as sa
from alembic import op

revision = "bb3650a18d4e"
down_revision = "5432bd4dffba"
branch_labels = None
depends_on = None


def upgrade():
    # A new table only: nothing existing is rebuilt or rewritten.
    op.create_table(
        "person_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_person_notes_person_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"],
                                name=op.f("fk_person_notes_team_id_teams"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_person_notes_user_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_notes")),
    )
    op.create_index("ix_person_notes_person_id_created_at", "person_notes",
                    ["person_id", "created_at"])
    op.create_index(op.f("ix_person_notes_team_id"), "person_notes", ["team_id"])


def downgrade():
    op.drop_index(op.f("ix_person_notes_team_id"), table_name="person_notes")
    op.drop_index("ix_person_notes_person_id_created_at", table_name="person_notes")
    op.drop_table("person_notes")
