"""Backups and restores: each team's JSON export, a consistent SQLite copy and a manifest.

Plain functions over an engine or a session; `referrals.backup_cli` wraps them in commands.
A backup is one folder, `referrals-<UTC time>/`, holding `team-<id>-<slug>.json` per team
(the document `GET /api/v1/exports/team.json` gives: everything the team owns),
`referrals.db` when the database is SQLite (made with SQLite's online backup API) and
`manifest.json` describing it all, with each file's size and SHA-256. A file of a backup
folder is restored only once it matches the manifest, whichever way it is named.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, func, inspect, literal, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from referrals.clock import utc_now, utc_today
from referrals.errors import Conflict, ValidationFailed
from referrals.models import Person, Team, bump_graph_version
from referrals.transfer import services as transfer
from referrals.transfer import teamcopy
from referrals.transfer.decoding import decode
from referrals.transfer.exports import export_text
from referrals.transfer.planning import Plan
from referrals.transfer.teamdoc import SECTIONS, read_team_document

FORMAT = "referrals-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILE = "referrals.db"
SQLITE_HEADER = b"SQLite format 3\x00"
PG_NOTE = ("Note: on PostgreSQL this backup holds the team exports only; the full database "
           "backup there is pg_dump (see README, Backups).")
TEAMS_SQL = ("SELECT t.id, t.name, (SELECT count(*) FROM people p WHERE p.team_id = t.id) "
             "FROM teams t ORDER BY t.id")


# --- names ---------------------------------------------------------------------------------


def backup_name(now: datetime) -> str:
    """The folder name of a backup made at `now`, in UTC.

    >>> backup_name(datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
    'referrals-20261201T180000Z'
    """
    return "referrals-" + now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def slugify(name: str) -> str:
    """A file-name-safe form of a team name.

    >>> slugify("Café Olé Sales, Inc.")
    'cafe-ole-sales-inc'
    >>> slugify("***")
    'team'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    return slug or "team"


def team_file_name(team_id: int, name: str) -> str:
    """The name of a team's export in a backup folder.

    >>> team_file_name(3, "Acme Sales")
    'team-3-acme-sales.json'
    """
    return f"team-{team_id}-{slugify(name)}.json"


# --- making a backup -----------------------------------------------------------------------


@dataclass
class Backup:
    folder: Path
    manifest: dict[str, Any]


def create_backup(engine: Engine, out_dir: Path, *, now: datetime | None = None) -> Backup:
    """Write a backup folder under `out_dir` and return it with its manifest.

    It is written under a hidden name and renamed when complete, so a folder named
    `referrals-…` is never a half-written backup.
    """
    now = now or utc_now()
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / backup_name(now)
    suffix = 1
    while final.exists():  # two backups in one second
        suffix += 1
        final = out_dir / f"{backup_name(now)}-{suffix}"
    partial = out_dir / f".{final.name}.partial"
    partial.mkdir(mode=0o700)  # people's names, e-mails and notes: owner only
    try:
        manifest = _write_backup(engine, partial, now)
        (partial / MANIFEST).write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Backup(final, manifest)


def _write_backup(engine: Engine, folder: Path, now: datetime) -> dict[str, Any]:
    dialect = engine.dialect.name
    database_file = None
    source = engine
    if dialect == "sqlite":
        copy_sqlite_database(engine, folder / DATABASE_FILE)
        database_file = DATABASE_FILE
        # The team files are read from the copy, so they and the copy are the same moment.
        source = create_engine(f"sqlite:///{folder / DATABASE_FILE}", poolclass=NullPool)
    try:
        with read_snapshot(source) as session:
            revision = database_revision(session.connection())
            teams = [_write_team(session, folder, team_id, name)
                     for team_id, name in session.execute(
                         select(Team.id, Team.name).order_by(Team.id))]
    finally:
        if source is not engine:
            source.dispose()
    names = [t["file"] for t in teams] + ([database_file] if database_file else [])
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": now.astimezone(UTC).isoformat(timespec="seconds"),
        "alembic_revision": revision,
        "dialect": dialect,
        "database_file": database_file,
        "files": [file_entry(folder / name) for name in sorted(names)],
        "teams": teams,
    }


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Session]:
    """A read-only session seeing one moment of the database (REPEATABLE READ on
    PostgreSQL), so every team file of a backup agrees with the others."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with Session(bind=conn) as session:
            yield session
            session.rollback()


def _write_team(session: Session, folder: Path, team_id: int, name: str) -> dict[str, Any]:
    document = export_text(session, team_id, "team.json")
    file_name = team_file_name(team_id, name)
    (folder / file_name).write_text(document, encoding="utf-8")
    return {"id": team_id, "name": name, "file": file_name, **document_counts(json.loads(document))}


def document_counts(doc: dict[str, Any]) -> dict[str, int]:
    """How many rows each list of a team document holds (memberships after groups)."""
    counts = {}
    for section in SECTIONS:
        counts[section] = len(doc.get(section, []))
        if section == "groups":
            counts["memberships"] = sum(len(g.get("members", [])) for g in doc.get("groups", []))
    return counts


def copy_sqlite_database(engine: Engine, target: Path) -> None:
    """Copy the live SQLite database to `target` with SQLite's online backup API.

    Safe while the app writes: the backup reads one consistent state. A plain file copy of
    a WAL database can miss commits still in the `-wal` file, or catch a page half-written.
    """
    raw = engine.raw_connection()
    try:
        with closing(sqlite3.connect(target)) as copy:
            raw.driver_connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            check = copy.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        raw.close()
    if check != "ok":
        raise ValidationFailed("The database copy failed its integrity check.",
                               {"database": [str(check)]})


def database_revision(conn: Any) -> str | None:
    """The Alembic revision the database is at (None before the first migration)."""
    heads = sorted(MigrationContext.configure(conn).get_current_heads())
    return ",".join(heads) or None


def file_entry(path: Path) -> dict[str, Any]:
    return {"name": path.name, "size": path.stat().st_size, "sha256": sha256_of(path)}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- reading a backup ----------------------------------------------------------------------


def is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a backup folder; `ValidationFailed` when it is not one."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationFailed(f"{folder} is not a backup folder: it has no {MANIFEST}.",
                               {"path": [f"No {MANIFEST}."]}) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationFailed(f"{path} is damaged.", {"path": [str(exc)]}) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationFailed(f"{path} is not a referrals backup manifest.",
                               {"path": [f"A manifest has \"format\": \"{FORMAT}\"."]})
    return manifest


def _manifest_entry(folder: Path, manifest: dict[str, Any], name: str) -> dict[str, Any]:
    files = manifest.get("files")
    entry = next((f for f in files if isinstance(f, dict) and f.get("name") == name), None) \
        if isinstance(files, list) else None
    if entry is None or not (folder / name).is_file():
        raise ValidationFailed(f"The backup has no {name} (its {MANIFEST} does not list it).",
                               {"path": [f"No {name}."]})
    return entry


def _mismatch(path: Path) -> ValidationFailed:
    return ValidationFailed(f"{path} does not match the SHA-256 checksum in {MANIFEST}: it is "
                            "damaged or was changed after the backup. Nothing was restored.",
                            {"path": ["Checksum."]})


def verified_file(folder: Path, manifest: dict[str, Any], name: str) -> Path:
    """`folder/name`, once its size and SHA-256 match the manifest."""
    entry = _manifest_entry(folder, manifest, name)
    path = folder / name
    if path.stat().st_size != entry.get("size") or sha256_of(path) != entry.get("sha256"):
        raise _mismatch(path)
    return path


def manifest_beside(path: Path) -> dict[str, Any] | None:
    """The backup manifest of the folder holding the file `path`, if that is a backup folder:
    a file of a backup is checked against it however it is named on the command line. A
    `manifest.json` of some other program is no concern of ours; a damaged one is refused."""
    beside = path.parent / MANIFEST
    if not beside.is_file():
        return None
    try:
        raw = json.loads(beside.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationFailed(f"{beside} is damaged, so {path.name} can't be checked against "
                               f"it: {exc}.", {"path": [str(exc)]}) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return None
    return read_manifest(path.parent)


def read_team_file(path: Path) -> bytes:
    """The bytes of a team export; in a backup folder, only once they match its manifest.

    The bytes checked are the bytes returned, so the file cannot change between the check
    and the restore."""
    data = path.read_bytes()
    manifest = manifest_beside(path)
    if manifest is not None:
        entry = _manifest_entry(path.parent, manifest, path.name)
        if len(data) != entry.get("size") or \
                hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise _mismatch(path)
    return data


def check_backup(folder: Path) -> list[str]:
    """What is wrong with a backup folder: each file its manifest lists that is missing or
    does not match its size and SHA-256 (empty when the backup is sound)."""
    manifest = read_manifest(folder)
    files = manifest.get("files")
    if not isinstance(files, list):
        return [f"{MANIFEST} lists no files."]
    problems = []
    for entry in files:
        name = entry.get("name") if isinstance(entry, dict) else None
        try:
            if not isinstance(name, str) or Path(name).name != name:
                raise ValidationFailed(f"The manifest lists a bad file name {name!r}.")
            verified_file(folder, manifest, name)
        except ValidationFailed as exc:
            problems.append(exc.message)
    return problems


def team_file(folder: Path, source_team_id: int) -> Path:
    """The checked team export of team `source_team_id` in a backup folder."""
    manifest = read_manifest(folder)
    team = next((t for t in manifest.get("teams", []) if t.get("id") == source_team_id), None)
    if team is None or Path(str(team.get("file"))).name != team.get("file"):
        known = ", ".join(f"{t['id']} ({t['name']})" for t in manifest.get("teams", []))
        raise ValidationFailed(f"The backup has no team {source_team_id}; it has: "
                               f"{known or 'no teams'}.", {"source_team": ["Unknown team."]})
    return verified_file(folder, manifest, team["file"])


def database_file(path: Path) -> Path:
    """The SQLite copy: `path` itself, or the checked copy inside a backup folder."""
    if not path.is_dir():
        beside = manifest_beside(path)
        return path if beside is None else verified_file(path.parent, beside, path.name)
    manifest = read_manifest(path)
    if not isinstance(manifest.get("database_file"), str) or \
            Path(manifest["database_file"]).name != manifest["database_file"]:
        raise ValidationFailed(
            f"The backup {path.name} has no database copy (it was made on "
            f"{manifest.get('dialect')}); restore a team from it with --source-team.",
            {"path": ["No database copy."]})
    return verified_file(path, manifest, manifest["database_file"])


# --- restoring a team ----------------------------------------------------------------------


@dataclass
class _Importer:
    """Who a merge (`--into-existing`) is recorded as. The team document's touches name no
    rep for the import, so none is credited: merged ties get no `recorded_by`, and no rep is
    tied to the people (that is for LinkedIn imports only)."""

    team_id: int
    id: int | None = None
    person_id: int | None = None


@dataclass
class TeamRestore:
    team: Team
    created_team: bool
    counts: dict[str, int] | None = None  # a whole team restored into an empty one
    plan: Plan | None = None  # a merge into a team with people (`into_existing`)


def restore_team_document(session: Session, data: bytes, team_name: str, *,
                          into_existing: bool = False) -> TeamRestore:
    """Restore a team export into team `team_name` (created if new).

    Into a new or empty team everything in the document is written as it was, with new ids
    (`teamcopy.restore_team`). A team with people is refused unless `into_existing`; then
    the document's people, ties, groups and touches are merged by the ordinary team-document
    import and its duplicate rules (the rest of the document is not merged). Everything is
    checked before anything is written; the caller commits, or rolls back on an error.
    """
    text = decode(data)  # refuses anything but a team export, before any write
    document = read_team_document(text)
    name = " ".join(team_name.split())
    if not name or len(name) > 120:
        raise ValidationFailed("Invalid team name.", {"team": ["Give 1–120 characters."]})
    team = session.scalar(select(Team).where(func.lower(Team.name) == name.lower()))
    created = team is None
    people = 0
    if team is None:
        team = Team(name=name, settings={})
        session.add(team)
        session.flush()
    else:
        people = session.scalar(select(func.count()).select_from(Person)
                                .where(Person.team_id == team.id)) or 0
    if not people:
        return TeamRestore(team, created, counts=teamcopy.restore_team(session, team, document))
    if not into_existing:
        raise Conflict(f"Team {team.name!r} already has {people} people; a restore goes "
                       "into a new or empty team.", {"team": ["Not empty."]})
    parsed = transfer.read_upload(data, "team")
    plan = transfer.import_records(session, _Importer(team.id), parsed, today=utc_today())  # type: ignore[arg-type]
    return TeamRestore(team, created, plan=plan)


# --- restoring the whole SQLite database ---------------------------------------------------


@dataclass
class DatabaseBackup:
    path: Path
    revision: str
    at_head: bool
    teams: list[tuple[int, str, int]]  # id, name, people


def check_database_backup(path: Path, dialect: str, script: ScriptDirectory) -> DatabaseBackup:
    """Can the SQLite file at `path` (or in the backup folder `path`) replace the configured
    database? `ValidationFailed` says why not: PostgreSQL configured, not a SQLite database,
    damaged, or at a schema revision this code does not know (made by newer code)."""
    if dialect != "sqlite":
        raise ValidationFailed(
            f"The configured database is {dialect}, not SQLite: a SQLite copy can't replace "
            "it. Restore a pg_dump backup with pg_restore (see README, Backups), or one team "
            "with --team and --source-team.", {"path": ["Not a SQLite database configured."]})
    path = database_file(path)
    if not path.is_file() or not is_sqlite_file(path):
        raise ValidationFailed(f"{path} is not a SQLite database.", {"path": ["Not SQLite."]})
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                                 "WHERE type = 'table'")}
            revisions = ([r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
                         if "alembic_version" in tables else [])
            teams = list(conn.execute(TEAMS_SQL)) if {"teams", "people"} <= tables else []
    except sqlite3.Error as exc:
        raise ValidationFailed(f"{path} can't be read as a SQLite database: {exc}.",
                               {"path": [str(exc)]}) from None
    if check != "ok":
        raise ValidationFailed(f"{path} is damaged: {check}.", {"path": [str(check)]})
    if len(revisions) != 1 or "teams" not in tables:
        raise ValidationFailed(f"{path} is not a referrals database (no schema revision).",
                               {"path": ["No alembic_version."]})
    revision = revisions[0]
    try:
        script.get_revision(revision)
    except CommandError:
        raise ValidationFailed(
            f"{path} is at schema revision {revision}, which this code does not know: it was "
            "made by a newer version of referrals. Restore it with that version.",
            {"path": ["Unknown revision."]}) from None
    return DatabaseBackup(path, revision, revision in set(script.get_heads()),
                          [tuple(t) for t in teams])


def current_teams(engine: Engine) -> list[tuple[int, str, int]]:
    """(id, name, people) of each team in the configured database, empty before migrations."""
    if not inspect(engine).has_table("teams"):
        return []
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(TEAMS_SQL))]


def restore_database(engine: Engine, backup: DatabaseBackup) -> None:
    """Replace the configured SQLite database by the checked copy, through SQLite's backup
    API into a connection of the live database (so running workers see the new content on
    their next query; no file is swapped under them). The session must be closed first.

    Each team's graph version is then moved past anything a worker may have cached, and a
    rebuild logged, so no worker keeps serving the graph from before the restore.
    """
    before = _graph_versions(engine)
    raw = engine.raw_connection()
    try:
        with closing(sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro",
                                     uri=True)) as source:
            source.backup(raw.driver_connection)
    except sqlite3.Error as exc:
        raise ValidationFailed(f"The restore failed: {exc}.", {"path": [str(exc)]}) from None
    finally:
        raw.close()
    engine.dispose()  # pooled connections opened before the restore are not reused
    if backup.at_head:  # an older schema gets `db upgrade` first; a restart clears caches
        _force_graph_rebuild(engine, before)


# Each is moved past its value before the restore: a worker keeps what it read under them.
_TEAM_VERSIONS = ("graph_version", "asks_version", "openers_version")


def _graph_versions(engine: Engine) -> dict[int, tuple[int, ...]]:
    if not inspect(engine).has_table("teams"):
        return {}
    table = Team.__table__
    present = {c["name"] for c in inspect(engine).get_columns("teams")}
    columns = [table.c[c] if c in present else literal(0) for c in _TEAM_VERSIONS]
    with engine.connect() as conn:  # a database at an older revision lacks some: 0
        return {team_id: tuple(versions) for team_id, *versions
                in conn.execute(select(table.c.id, *columns))}


def _force_graph_rebuild(engine: Engine, before: dict[int, tuple[int, ...]]) -> None:
    table = Team.__table__
    with Session(engine) as session:
        for team_id, *versions in session.execute(
                select(table.c.id, *(table.c[c] for c in _TEAM_VERSIONS))).all():
            old = before.get(team_id, (0,) * len(_TEAM_VERSIONS))
            session.execute(update(table).where(table.c.id == team_id).values({
                column: max(now, then)
                for column, now, then in zip(_TEAM_VERSIONS, versions, old, strict=True)}))
            bump_graph_version(session, team_id)  # logged without changes: "rebuild"
        session.commit()
