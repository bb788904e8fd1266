"""Search columns on people – the lower-cased name, one lower-cased text of name, company,
e-mail and notes, the phone number's digits – and the indexes that make a type-ahead lookup
read an index instead of every row

Revision ID: 5432bd4dffba
Revises: a7c3e9f1b2d4
Create Date: 2026-12-04 05:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5432bd4dffba'
down_revision = 'a7c3e9f1b2d4'
branch_labels = None
depends_on = None

BATCH = 2000
# A frozen copy of referrals.models.search_keys as of this revision (a migration must not
# change when the app's code does); tests/test_people_search_columns.py checks they agree.
SEPARATOR = "\x1f"


def _columns(name, company, email, notes, phone):
    key = (name or "").lower()
    text = SEPARATOR.join((v or "").lower() for v in (name, company, email, notes))
    return {"k": key, "t": text, "d": "".join(ch for ch in phone or "" if ch.isdigit())}


def _backfill(bind):
    people = sa.table("people", sa.column("id"), sa.column("name"), sa.column("company"),
                      sa.column("email"), sa.column("notes"), sa.column("phone"),
                      sa.column("name_key"), sa.column("search_text"),
                      sa.column("phone_digits"))
    fill = (sa.update(people).where(people.c.id == sa.bindparam("i"))
            .values(name_key=sa.bindparam("k"), search_text=sa.bindparam("t"),
                    phone_digits=sa.bindparam("d")))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(people.c.id, people.c.name, people.c.company, people.c.email,
                      people.c.notes, people.c.phone)
            .where(people.c.id > last).order_by(people.c.id).limit(BATCH)).all()
        if not rows:
            return
        bind.execute(fill, [{"i": row[0], **_columns(*row[1:])} for row in rows])
        last = rows[-1][0]


def _trigrams(bind):
    """pg_trgm, when the server has it and this role may create it: without it the search
    still works (by reading every row of the team), only slower."""
    if not bind.execute(sa.text(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first():
        return False
    try:
        with bind.begin_nested():  # a refused CREATE EXTENSION must not abort the migration
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return False
    return True


# SQLite: a trigram full-text index over the three columns (FTS5, SQLite 3.34 or later), for
# "contains" – SQLite has no trigram index of its own: external content (it stores no
# copy of the text, only the index), kept by triggers on `people`, so every write – the ORM's,
# a bulk import's, a cascade from a deleted team – keeps it right. A later migration that
# rebuilds `people` (batch mode) must create the triggers again and run 'rebuild'.
SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE people_search USING fts5(name_key, search_text, phone_digits, "
    "content='people', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN "
    "INSERT INTO people_search(rowid, name_key, search_text, phone_digits) "
    "VALUES (new.id, new.name_key, new.search_text, new.phone_digits); END",
    "CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN "
    "INSERT INTO people_search(people_search, rowid, name_key, search_text, phone_digits) "
    "VALUES ('delete', old.id, old.name_key, old.search_text, old.phone_digits); END",
    "CREATE TRIGGER people_search_update "
    "AFTER UPDATE OF name_key, search_text, phone_digits ON people BEGIN "
    "INSERT INTO people_search(people_search, rowid, name_key, search_text, phone_digits) "
    "VALUES ('delete', old.id, old.name_key, old.search_text, old.phone_digits); "
    "INSERT INTO people_search(rowid, name_key, search_text, phone_digits) "
    "VALUES (new.id, new.name_key, new.search_text, new.phone_digits); END",
    "INSERT INTO people_search(people_search) VALUES ('rebuild')",
)


def upgrade():
    # Plain ADD COLUMN, not batch mode (see f1a2b3c4d5e6): no rebuild of `people` on SQLite.
    op.add_column('people', sa.Column('name_key', sa.Text(), server_default='', nullable=False))
    op.add_column('people', sa.Column('search_text', sa.Text(), server_default='',
                                      nullable=False))
    op.add_column('people', sa.Column('phone_digits', sa.String(length=50), server_default='',
                                      nullable=False))
    bind = op.get_bind()
    _backfill(bind)
    op.create_index('ix_people_team_id_name_key', 'people', ['team_id', 'name_key'],
                    postgresql_ops={'name_key': 'text_pattern_ops'})
    if bind.dialect.name == 'postgresql' and _trigrams(bind):
        op.create_index('ix_people_name_key_trgm', 'people', ['name_key'],
                        postgresql_using='gin', postgresql_ops={'name_key': 'gin_trgm_ops'})
        op.create_index('ix_people_search_text_trgm', 'people', ['search_text', 'phone_digits'],
                        postgresql_using='gin',
                        postgresql_ops={'search_text': 'gin_trgm_ops',
                                        'phone_digits': 'gin_trgm_ops'})
    else:
        # No trigram index here (SQLite has none; PostgreSQL without pg_trgm): an empty
        # stand-in of the same name, so the schema matches the models everywhere. It holds no
        # row (WHERE false), costs nothing to keep and is never chosen by the planner.
        where = {'sqlite_where': sa.text('0'), 'postgresql_where': sa.text('false')}
        op.create_index('ix_people_name_key_trgm', 'people', ['name_key'], **where)
        op.create_index('ix_people_search_text_trgm', 'people', ['search_text', 'phone_digits'],
                        **where)
    if bind.dialect.name == 'sqlite':
        for statement in SQLITE_SEARCH:
            op.execute(statement)


def downgrade():
    # The columns are derived data: nothing is lost. The pg_trgm extension stays (other
    # schemas of the database may use it).
    if op.get_bind().dialect.name == 'sqlite':
        for trigger in ('insert', 'delete', 'update'):
            op.execute(f'DROP TRIGGER people_search_{trigger}')
        op.execute('DROP TABLE people_search')
    op.drop_index('ix_people_search_text_trgm', table_name='people')
    op.drop_index('ix_people_name_key_trgm', table_name='people')
    op.drop_index('ix_people_team_id_name_key', table_name='people')
    op.drop_column('people', 'phone_digits')
    op.drop_column('people', 'search_text')
    op.drop_column('people', 'name_key')
