"""`flask backup` / `flask restore`: team exports, the SQLite copy, the manifest, refusals."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import func, select

from referrals import ROOT, create_app
from referrals.backup import check_database_backup
from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    Base,
    Followup,
    FollowupEvent,
    Group,
    GroupMembership,
    IntroductionRequest,
    IntroductionStatusChange,
    Person,
    Relationship,
    Team,
    Touch,
    ValueItem,
)
from referrals.transfer.planning import as_utc
from tests import factories
from tests.test_api_support import snapshot

FOLDER_RE = re.compile(r"^referrals-\d{8}T\d{6}Z$")
SCRIPT = ScriptDirectory(str(ROOT / "migrations"))


def dialect() -> str:
    return db.engine.dialect.name


def require(name: str) -> None:
    """Skip unless the suite's database is `name` (checked inside the test: it needs the app)."""
    if dialect() != name:
        pytest.skip(f"needs {name}; the suite runs on {dialect()}")


@pytest.fixture
def network(user):
    team = user.team_id
    ana = factories.make_person(db.session, team, "Ana María Pérez", company="Café Olé",
                                email="ana@cafeole.example", roles=["customer", "advocate"])
    ben = factories.make_person(db.session, team, "Ben Ortiz", company="Initech")
    cai = factories.make_person(db.session, team, "Cai Lee", company="Initech")
    factories.make_relationship(db.session, ana, ben, "former_colleague", rating=4,
                                last_interaction=date(2025, 3, 1))
    factories.make_relationship(db.session, ben, cai, "friend", rating=5)
    factories.make_group(db.session, team, "OMA", members=[ana, cai])
    factories.make_group(db.session, team, "Empty event", kind="event")
    db.session.add(Touch(team_id=team, person_id=ben.id, channel="call", outcome="spoke",
                         occurred_at=datetime(2025, 4, 1, 15, 30, tzinfo=UTC), notes="Café?"))
    db.session.commit()
    return user


def backup(runner, out: Path) -> Path:
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    folders = list(out.iterdir())
    assert len(folders) == 1 and FOLDER_RE.match(folders[0].name), folders
    return folders[0]


def team_id(name: str) -> int:
    return db.session.scalar(select(Team.id).where(Team.name == name))


def team_state(team: int) -> tuple:
    """The team by names (ids differ after a restore): people, ties, groups, touches."""
    db.session.expire_all()
    names = {pid: name for pid, name in db.session.execute(
        select(Person.id, Person.name).where(Person.team_id == team))}
    ties = sorted((tuple(sorted((names[t.person_a_id], names[t.person_b_id]))), t.kind, t.rating,
                   t.last_interaction) for t in db.session.scalars(
                       select(Relationship).where(Relationship.team_id == team)))
    groups = {(g.name, g.kind): sorted(names[p] for p in db.session.scalars(
        select(GroupMembership.person_id).where(GroupMembership.group_id == g.id)))
        for g in db.session.scalars(select(Group).where(Group.team_id == team))}
    touches = sorted((names[t.person_id], t.channel, t.outcome, as_utc(t.occurred_at), t.notes)
                     for t in db.session.scalars(select(Touch).where(Touch.team_id == team)))
    return sorted(names.values()), ties, groups, touches


# --- backup -----------------------------------------------------------------------------


def test_backup_writes_manifest_and_one_team_export_each(runner, api, network, other_user,
                                                         tmp_path):
    result = runner.invoke(args=["backup", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = next(tmp_path.iterdir())
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]  # no half-written folder
    assert FOLDER_RE.match(folder.name) and str(folder) in result.stdout
    manifest = json.loads((folder / "manifest.json").read_text())
    created = datetime.fromisoformat(manifest["created_at"])
    assert created.utcoffset().total_seconds() == 0
    assert folder.name == created.strftime("referrals-%Y%m%dT%H%M%SZ")
    with db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_heads()
    assert [manifest["alembic_revision"]] == list(current) == SCRIPT.get_heads()
    assert manifest["dialect"] == dialect()
    acme, rival = team_id("Acme Sales"), team_id("Rival Co")
    rest = dict.fromkeys(("value_items", "opener_templates", "saved_openers",
                          "voicemail_scripts", "stall_reviews", "advocate_calls",
                          "introduction_requests", "reference_asks", "followups",
                          "person_notes"), 0)
    assert manifest["teams"] == [
        {"id": acme, "name": "Acme Sales", "file": f"team-{acme}-acme-sales.json", "people": 4,
         "relationships": 2, "groups": 2, "memberships": 2, "touches": 1, **rest},
        {"id": rival, "name": "Rival Co", "file": f"team-{rival}-rival-co.json", "people": 1,
         "relationships": 0, "groups": 0, "memberships": 0, "touches": 0, **rest},
    ]
    listed = {f["name"]: f for f in manifest["files"]}
    expected = {t["file"] for t in manifest["teams"]}
    if dialect() == "sqlite":
        expected.add("referrals.db")
    assert set(listed) == expected == {p.name for p in folder.iterdir()} - {"manifest.json"}
    for name, entry in listed.items():
        data = (folder / name).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert name in result.stdout
    # The same document as the API's export, but for the moment it was made.
    exported = api.get("/api/v1/exports/team.json").get_json()
    saved = json.loads((folder / f"team-{acme}-acme-sales.json").read_text())
    assert saved.pop("exported_at") and exported.pop("exported_at")
    assert saved == exported


def test_backup_goes_to_instance_backups_by_default(runner, app, user, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    (folder,) = (tmp_path / "backups").iterdir()
    assert FOLDER_RE.match(folder.name) and (folder / "manifest.json").is_file()


def test_sqlite_backup_holds_a_copy_with_the_same_rows(runner, network, tmp_path):
    require("sqlite")
    folder = backup(runner, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database_file"] == "referrals.db"
    live = {}
    with db.engine.connect() as conn:
        for table in [*Base.metadata.sorted_tables]:
            live[table.name] = conn.execute(select(func.count()).select_from(table)).scalar()
    uri = f"{(folder / 'referrals.db').as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as copy:
        copied = {name: copy.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                  for name in live}
        revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        journal = copy.execute("PRAGMA journal_mode").fetchone()[0]
    assert copied == live and live["people"] == 4 and live["touches"] == 1
    assert revision == manifest["alembic_revision"]
    assert journal == "delete"  # a single self-contained file
    assert "referrals.db" in runner.invoke(args=["backup", "--out", str(tmp_path)]).stdout


def test_postgresql_backup_has_the_team_files_and_points_to_pg_dump(runner, network, tmp_path):
    require("postgresql")
    result = runner.invoke(args=["backup", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "pg_dump" in result.stdout
    folder = next(tmp_path.iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database_file"] is None and manifest["dialect"] == "postgresql"
    assert sorted(p.name for p in folder.iterdir()) == [
        "manifest.json", f"team-{network.team_id}-acme-sales.json"]


# --- restoring a team -----------------------------------------------------------------


def test_team_export_restores_into_a_new_team(runner, network, tmp_path):
    folder = backup(runner, tmp_path)
    acme = network.team_id
    result = runner.invoke(args=["restore", str(folder / f"team-{acme}-acme-sales.json"),
                                 "--team", "Acme Restored"])
    assert result.exit_code == 0, result.output
    assert "into new team 'Acme Restored'" in result.stdout
    assert "4 people, 2 relationships, 2 groups, 2 memberships, 1 touches." in result.stdout
    restored = team_state(team_id("Acme Restored"))
    assert restored == team_state(acme)
    people, ties, groups, touches = restored
    assert (len(people), len(ties), len(groups), sum(map(len, groups.values())),
            len(touches)) == (4, 2, 2, 2, 1)
    assert "Ana María Pérez" in people
    # From the folder, by the team's id in the manifest.
    result = runner.invoke(args=["restore", str(folder), "--source-team", str(acme),
                                 "--team", "Via Folder"])
    assert result.exit_code == 0, result.output
    assert team_state(team_id("Via Folder")) == team_state(acme)


def test_restore_into_an_empty_existing_team(runner, network, tmp_path):
    folder = backup(runner, tmp_path)
    db.session.add(Team(name="Empty Team", settings={}))
    db.session.commit()
    result = runner.invoke(args=["restore", str(folder), "--source-team", str(network.team_id),
                                 "--team", "empty team"])
    assert result.exit_code == 0, result.output
    assert "into team 'Empty Team'" in result.stdout
    assert team_state(team_id("Empty Team")) == team_state(network.team_id)


def test_restore_refuses_a_team_that_has_people(runner, network, tmp_path):
    folder = backup(runner, tmp_path)
    path = str(folder / f"team-{network.team_id}-acme-sales.json")
    before, state = snapshot(), team_state(network.team_id)
    result = runner.invoke(args=["restore", path, "--team", "Acme Sales"])
    assert result.exit_code == 1
    assert "already has 4 people" in result.stderr and "--into-existing" in result.stderr
    assert snapshot() == before
    # Asked for, the ordinary import rules apply: everyone is already there.
    result = runner.invoke(args=["restore", path, "--team", "Acme Sales", "--into-existing"])
    assert result.exit_code == 0, result.output
    assert "Merged" in result.stdout and "0 created" in result.stdout
    assert team_state(network.team_id) == state
    assert db.session.scalar(select(func.count()).select_from(Team)) == 1


@pytest.mark.parametrize(("content", "args", "message"), [
    (b"\x00\x01\x02garbage\xff", ["--team", "New Team"], "not text"),
    (b"this is not json", ["--team", "New Team"], "not valid JSON"),
    (b'{"format": "something-else"}', ["--team", "New Team"], "not a team export"),
    (b'{"format": "referrals-team", "people": [{"id": "x"}]}', ["--team", "New Team"],
     "damaged"),
    (b'{"format": "referrals-team"}', [], "Name the team"),
    (b'{"format": "referrals-team"}', ["--team", "New Team", "--source-team", "1"],
     "--source-team is for a backup folder"),
])
def test_restore_refuses_a_bad_file_and_writes_nothing(runner, network, tmp_path, content,
                                                       args, message):
    path = tmp_path / "upload.json"
    path.write_bytes(content)
    before = snapshot()
    result = runner.invoke(args=["restore", str(path), *args])
    assert result.exit_code == 1
    assert message in result.stderr and result.stdout == ""
    assert snapshot() == before


def test_restore_refuses_a_changed_file_in_a_backup_folder(runner, network, tmp_path):
    folder = backup(runner, tmp_path)
    path = folder / f"team-{network.team_id}-acme-sales.json"
    path.write_text(path.read_text().replace("Cai Lee", "Cai Leeds"))
    before = snapshot()
    result = runner.invoke(args=["restore", str(folder), "--source-team",
                                 str(network.team_id), "--team", "New Team"])
    assert result.exit_code == 1 and "checksum" in result.stderr
    result = runner.invoke(args=["restore", str(folder), "--source-team", "999999",
                                 "--team", "New Team"])
    assert result.exit_code == 1 and "has no team 999999" in result.stderr
    result = runner.invoke(args=["restore", str(folder), "--team", "New Team"])
    assert result.exit_code == 1 and "--source-team" in result.stderr
    result = runner.invoke(args=["restore", str(tmp_path), "--team", "New", "--source-team", "1"])
    assert result.exit_code == 1 and "not a backup folder" in result.stderr
    assert snapshot() == before


def test_a_changed_file_named_directly_inside_its_backup_folder_is_refused(runner, network,
                                                                           tmp_path):
    """The manifest is checked however the file is named: a team file or the SQLite copy
    given by its own path, with the same size (one letter changed) or not."""
    folder = backup(runner, tmp_path)
    path = folder / f"team-{network.team_id}-acme-sales.json"
    path.write_text(path.read_text().replace("Cai Lee", "Cai Lex"))
    before = snapshot()
    result = runner.invoke(args=["restore", str(path), "--team", "New Team"])
    assert result.exit_code == 1
    assert "does not match the SHA-256 checksum in manifest.json" in result.stderr
    assert "Nothing was restored" in result.stderr and result.stdout == ""
    assert snapshot() == before
    # Described, the folder says which file is damaged.
    result = runner.invoke(args=["restore", str(folder)])
    assert "DAMAGED" in result.stderr and path.name in result.stderr
    if dialect() == "sqlite":
        copy = folder / "referrals.db"
        with closing(sqlite3.connect(copy)) as conn, conn:
            conn.execute("UPDATE people SET name = 'Mallory' WHERE name = 'Cai Lee'")
        for target in (copy, folder):
            result = runner.invoke(args=["restore", str(target), "--yes"])
            assert result.exit_code == 1 and "checksum" in result.stderr, result.output
        assert snapshot() == before


@pytest.mark.parametrize("tamper", ["unlisted", "outside", "damaged manifest"])
def test_a_tampered_manifest_is_refused(runner, network, tmp_path, tamper):
    folder = backup(runner, tmp_path)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    name = f"team-{network.team_id}-acme-sales.json"
    if tamper == "unlisted":  # the file is in the folder but the manifest doesn't list it
        manifest["files"] = [f for f in manifest["files"] if f["name"] != name]
        manifest_path.write_text(json.dumps(manifest))
        args = [str(folder / name), "--team", "New Team"]
    elif tamper == "outside":  # the manifest points out of the folder
        outside = tmp_path / "elsewhere.json"
        outside.write_bytes((folder / name).read_bytes())
        manifest["teams"][0]["file"] = "../elsewhere.json"
        manifest_path.write_text(json.dumps(manifest))
        args = [str(folder), "--source-team", str(network.team_id), "--team", "New Team"]
    else:
        manifest_path.write_text(manifest_path.read_text()[:-20])
        args = [str(folder / name), "--team", "New Team"]
    before = snapshot()
    result = runner.invoke(args=["restore", *args])
    assert result.exit_code == 1, result.output
    assert result.stdout == "" and result.stderr.startswith("Error:")
    assert snapshot() == before


def test_a_backup_restores_the_advocacy_history(runner, network, tmp_path):
    """Finding 7: a restored team keeps its advocate calls, introductions and their history,
    follow-ups and their events, the value library, pressing issues and settings."""
    team = network.team_id
    ana, ben, cai = (db.session.scalar(select(Person).where(Person.team_id == team,
                                                            Person.name == n))
                     for n in ("Ana María Pérez", "Ben Ortiz", "Cai Lee"))
    ben.pressing_issues = ["costs"]
    call = AdvocateCall(team_id=team, advocate_id=ana.id, prospect_id=ben.id,
                        occurred_on=date(2026, 1, 5), outcome="Warm", recorded_by_id=network.id)
    intro = IntroductionRequest(team_id=team, prospect_id=cai.id, via_id=ana.id,
                                status="asked", status_on=date(2026, 1, 6))
    intro.history = [IntroductionStatusChange(status="asked", changed_on=date(2026, 1, 6))]
    db.session.add_all([call, intro, ValueItem(team_id=team, title="Cost study",
                                               kind="research", issues=["costs"])])
    db.session.flush()
    followup = Followup(team_id=team, person_id=ana.id, kind="thank_you",
                        due_on=date(2026, 1, 8), advocate_call_id=call.id)
    followup.events = [FollowupEvent(action="created", due_on=date(2026, 1, 8))]
    db.session.add(followup)
    db.session.get(Team, team).settings = {"keep_in_touch_days": 45}
    db.session.commit()
    folder = backup(runner, tmp_path)
    result = runner.invoke(args=["restore", str(folder), "--source-team", str(team),
                                 "--team", "Restored"])
    assert result.exit_code == 0, result.output
    assert "1 advocate calls, 1 introduction requests, 1 followups" in result.stdout
    restored = team_id("Restored")
    assert db.session.get(Team, restored).settings == {"keep_in_touch_days": 45}
    (call,) = db.session.scalars(select(AdvocateCall).where(AdvocateCall.team_id == restored))
    assert (call.advocate.name, call.prospect.name, call.outcome) == (
        "Ana María Pérez", "Ben Ortiz", "Warm")
    assert call.recorded_by_id is None  # the rep is a user of the old team, not this one
    assert call.prospect.pressing_issues == ["costs"]
    (followup,) = call.followups
    assert [e.action for e in followup.events] == ["created"]
    (intro,) = db.session.scalars(select(IntroductionRequest)
                                  .where(IntroductionRequest.team_id == restored))
    assert [h.status for h in intro.history] == ["asked"]
    assert db.session.scalar(select(ValueItem.title).where(ValueItem.team_id == restored)) \
        == "Cost study"


def test_a_backup_folder_alone_is_described(runner, network, tmp_path):
    folder = backup(runner, tmp_path)
    before = snapshot()
    result = runner.invoke(args=["restore", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"team {network.team_id} 'Acme Sales'" in result.stdout
    assert "4 people, 2 relationships, 2 groups, 2 memberships, 1 touches" in result.stdout
    assert f"restore {folder} --source-team ID --team" in result.stdout
    assert (f"restore {folder} --yes" in result.stdout) == (dialect() == "sqlite")
    assert snapshot() == before


# --- restoring the whole SQLite database ----------------------------------------------


@pytest.fixture
def sqlite_app(tmp_path):
    """An app of its own on a SQLite file, whatever database the suite runs on: the test
    replaces its whole database."""
    app = create_app({"ENV_NAME": "testing",
                      "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "live.db")})
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


def test_sqlite_restore_brings_back_a_person_deleted_after_the_backup(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    user = factories.make_user(db.session)
    team = user.team_id
    factories.make_person(db.session, team, "Dana Whitfield", email="dana@example.com")
    db.session.commit()
    folder = backup(runner, tmp_path / "out")
    db.session.delete(db.session.scalar(select(Person).where(Person.name == "Dana Whitfield")))
    factories.make_person(db.session, team, "Eve After")
    db.session.commit()
    version_before = db.session.get(Team, team).graph_version

    def names() -> list[str]:
        db.session.expire_all()
        return sorted(db.session.scalars(select(Person.name)))

    assert names() == ["Eve After", "Rep"]
    result = runner.invoke(args=["restore", str(folder)])  # described, nothing replaced
    assert result.exit_code == 0 and "--yes" in result.stdout
    result = runner.invoke(args=["restore", str(folder / "referrals.db")])
    assert result.exit_code == 1
    assert "would replace the whole database" in result.stderr and "--yes" in result.stderr
    assert names() == ["Eve After", "Rep"]
    result = runner.invoke(args=["restore", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    assert "Restored" in result.stdout and "db upgrade" not in result.stdout
    assert names() == ["Dana Whitfield", "Rep"]
    # Past any version a worker may have cached, so every worker rebuilds its graph.
    assert db.session.get(Team, team).graph_version > version_before
    with db.engine.connect() as conn:
        assert list(MigrationContext.configure(conn).get_current_heads()) == SCRIPT.get_heads()


def test_sqlite_restore_of_an_older_revision_asks_for_an_upgrade(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    factories.make_user(db.session)
    db.session.commit()
    # Changed inside its backup folder it would fail the manifest's checksum: a copy taken
    # out of the folder is restored as it is.
    copy = tmp_path / "older.db"
    copy.write_bytes((backup(runner, tmp_path / "out") / "referrals.db").read_bytes())
    oldest = list(SCRIPT.walk_revisions())[-1].revision
    with closing(sqlite3.connect(copy)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (oldest,))
    result = runner.invoke(args=["restore", str(copy), "--yes"])
    assert result.exit_code == 0, result.output
    assert "flask --app app db upgrade" in result.stdout


def _sqlite_file(path: Path, revision: str | None, tables: bool = True) -> Path:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE other (x)")
        if tables:
            conn.execute("CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT)")
            conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, team_id INTEGER)")
            conn.execute("INSERT INTO teams VALUES (1, 'Acme')")
        if revision:
            conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
            conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    return path


def test_checking_a_sqlite_backup(tmp_path):
    head = SCRIPT.get_heads()[0]
    oldest = list(SCRIPT.walk_revisions())[-1].revision
    current = check_database_backup(_sqlite_file(tmp_path / "a.db", head), "sqlite", SCRIPT)
    assert current.at_head and current.revision == head and current.teams == [(1, "Acme", 0)]
    older = check_database_backup(_sqlite_file(tmp_path / "b.db", oldest), "sqlite", SCRIPT)
    assert not older.at_head


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: _sqlite_file(p, "ffffffffffff"), "newer version"),
    (lambda p: _sqlite_file(p, None), "not a referrals database"),
    (lambda p: _sqlite_file(p, SCRIPT.get_heads()[0], tables=False), "not a referrals database"),
    (lambda p: _bytes(p, b"SQLite format 3\x00" + b"\x07" * 4000), "can't be read|damaged"),
    (lambda p: _bytes(p, b'{"format": "referrals-team"}'), "not a SQLite database"),
])
def test_checking_refuses_what_is_not_a_known_referrals_database(tmp_path, make, message):
    path = make(tmp_path / "x.db")
    with pytest.raises(ValidationFailed, match=message):
        check_database_backup(path, "sqlite", SCRIPT)


def test_a_sqlite_backup_is_refused_on_postgresql(tmp_path):
    path = _sqlite_file(tmp_path / "a.db", SCRIPT.get_heads()[0])
    with pytest.raises(ValidationFailed, match="pg_restore"):
        check_database_backup(path, "postgresql", SCRIPT)
    assert check_database_backup(path, "sqlite", SCRIPT).at_head  # only the dialect refused


def test_restoring_a_sqlite_file_on_postgresql_refuses(runner, network, tmp_path):
    require("postgresql")
    path = _sqlite_file(tmp_path / "a.db", SCRIPT.get_heads()[0])
    before = snapshot()
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 1 and "pg_restore" in result.stderr
    assert snapshot() == before
