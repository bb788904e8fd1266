"""`flask import-file`: imports with a progress line, by user or team."""

from __future__ import annotations

from sqlalchemy import select

from referrals.extensions import db
from referrals.models import Person, Relationship
from tests import import_samples as s
from tests.test_api_support import count, snapshot


def test_import_file_by_team_with_progress(runner, user, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(s.linkedin_csv().encode("utf-8-sig"))
    result = runner.invoke(args=["import-file", str(path), "--team", "acme sales"])
    assert result.exit_code == 0, result.output
    assert "Imported Connections.csv: 3 created, 0 updated, 0 skipped" in result.stdout
    assert "people: 3/3" in result.stderr
    assert count(Person) == 4 and count(Relationship) == 3
    db.session.expire_all()


def test_import_file_dry_run_and_errors(runner, user, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\x00\x01\x02\x03")
    before = snapshot()
    result = runner.invoke(args=["import-file", str(path), "--user", user.email])
    assert result.exit_code != 0 and "not text" in result.output
    good = tmp_path / "c.vcf"
    good.write_text(s.VCARD_30)
    result = runner.invoke(args=["import-file", str(good), "--user", user.email, "--dry-run"])
    assert "Would import c.vcf: 2 created" in result.stdout
    assert snapshot() == before
    result = runner.invoke(args=["import-file", str(good), "--team", "No such team"])
    assert result.exit_code != 0


def test_import_file_gives_roles_to_the_people_it_creates(runner, user, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(s.linkedin_csv().encode())
    result = runner.invoke(args=["import-file", str(path), "--user", user.email,
                                 "--role", "prospect", "--role", "advocate"])
    assert result.exit_code == 0, result.output
    people = db.session.scalars(select(Person).where(Person.id != user.person_id)).all()
    assert len(people) == 3 and all(p.roles == ["advocate", "prospect"] for p in people)
    refused = runner.invoke(args=["import-file", str(path), "--user", user.email,
                                  "--role", "boss"])
    assert refused.exit_code != 0 and "boss" in refused.output
