"""Imports anyone can trust: staged in the database (a preview made on one app machine is
confirmed on another), private files under instance/, size limits that fit the contract,
vCards that can't hold a worker, and JSON whose nesting can't exhaust the stack."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from referrals import create_app
from referrals.clock import utc_now
from referrals.errors import NotFound, ValidationFailed
from referrals.extensions import db
from referrals.models import ImportUpload, Person
from referrals.transfer import storage, vcards
from referrals.transfer.vcards import parse_vcards
from tests import factories
from tests import import_samples as s
from tests.conftest import AuthActions, csrf_token_from
from tests.test_api_support import count, snapshot

MiB = 1024 * 1024
IMPORT_LIMIT = 16 * MiB
JSON_LIMIT = 1 * MiB
EXPIRED = "That upload has expired; upload the file again."
UPLOAD_RE = re.compile(r'name="upload" type="hidden" value="([0-9a-f]+)"')


def multipart(fields: dict[str, str], data: bytes, name: str) -> dict:
    """A multipart body built in memory (the test client spools big ones to a temporary file
    that nothing closes when the app refuses the body unread)."""
    upload = FileStorage(io.BytesIO(data), filename=name)
    boundary, body = encode_multipart({**fields, "file": upload})
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def post_upload(client, data: bytes, name: str = "contacts.csv", fmt: str = "auto"):
    token = csrf_token_from(client.get("/transfer/").get_data(as_text=True))
    return client.post("/transfer/", **multipart({"csrf_token": token, "format": fmt}, data, name))


def preview_fields(response) -> dict[str, str]:
    html = response.get_data(as_text=True)
    return {"csrf_token": csrf_token_from(html), "upload": UPLOAD_RE.search(html).group(1)}


def api_upload(api, data: bytes, name: str = "contacts.csv", **fields):
    return api.post("/api/v1/imports", **multipart(fields, data, name))


def team_data() -> dict[str, list[tuple]]:
    """Every row but the staged uploads."""
    return {name: rows for name, rows in snapshot().items() if name != "import_uploads"}


# --- staging in the database: two app machines, one database --------------------------------


@pytest.fixture
def machines(app, database_url, tmp_path, monkeypatch):
    """Two app instances, each with its own instance/ folder, sharing the test database."""
    built = []
    for name in ("a", "b"):
        monkeypatch.setenv("REFERRALS_INSTANCE_PATH", str(tmp_path / name))
        built.append(create_app({"ENV_NAME": "testing",
                                 "SQLALCHEMY_DATABASE_URI": database_url}))
    yield built
    for machine in built:
        with machine.app_context():
            db.engine.dispose()


def signed_in_clients(machines, email=factories.EMAIL):
    clients = [machine.test_client() for machine in machines]
    for client in clients:
        assert AuthActions(client).login(email).status_code == 302
    return clients


def test_a_preview_made_on_one_machine_is_imported_on_another(machines, user):
    on_a, on_b = signed_in_clients(machines)
    page = post_upload(on_a, s.linkedin_csv().encode(), "Connections.csv")
    assert page.status_code == 200 and "3</strong> to create" in page.get_data(as_text=True)
    fields = preview_fields(page)
    assert count(Person) == 1  # the preview wrote nothing of the team
    on_b_token = csrf_token_from(on_b.get("/transfer/").get_data(as_text=True))
    done = on_b.post("/transfer/preview", data={**fields, "csrf_token": on_b_token,
                                                "action": "import"})
    assert done.status_code == 200, done.get_data(as_text=True)
    assert "3</strong> created" in done.get_data(as_text=True)
    assert count(Person) == 4
    assert count(ImportUpload) == 0  # claimed in the import's own transaction
    again = on_a.post("/transfer/preview", data={**fields, "action": "import"})
    assert again.status_code == 404 and EXPIRED in again.get_data(as_text=True)
    assert count(Person) == 4


def test_after_the_sweep_the_other_machine_says_the_upload_expired(machines, user):
    on_a, on_b = signed_in_clients(machines)
    fields = preview_fields(post_upload(on_a, s.linkedin_csv().encode()))
    db.session.execute(update(ImportUpload).values(created_at=utc_now() - timedelta(hours=25)))
    db.session.commit()
    fields["csrf_token"] = csrf_token_from(on_b.get("/transfer/").get_data(as_text=True))
    stale = on_b.post("/transfer/preview", data={**fields, "action": "import"})
    assert stale.status_code == 404 and EXPIRED in stale.get_data(as_text=True)
    # Any new upload sweeps what is older than a day, on whichever machine it lands.
    post_upload(on_b, s.linkedin_csv().encode())
    assert count(ImportUpload) == 1
    before = team_data()
    swept = on_b.post("/transfer/preview", data={**fields, "action": "import"})
    assert swept.status_code == 404 and EXPIRED in swept.get_data(as_text=True)
    assert team_data() == before and count(Person) == 1


def test_only_the_tokens_hash_is_stored_and_only_its_uploader_opens_it(
    client, auth, logged_in, other_user
):
    fields = preview_fields(post_upload(client, s.linkedin_csv().encode()))
    row = db.session.scalars(select(ImportUpload)).one()
    assert row.token_hash == hashlib.sha256(fields["upload"].encode()).hexdigest()
    assert row.user_id == logged_in.id
    stored = db.session.execute(text("SELECT * FROM import_uploads")).one()
    assert not any(fields["upload"] in str(value) for value in stored)
    auth.logout()
    auth.login(other_user.email)
    token = csrf_token_from(client.get("/transfer/").get_data(as_text=True))
    before = snapshot()
    for upload in (fields["upload"], row.token_hash, "0" * 32, "../secret_key"):
        response = client.post("/transfer/preview", data={"csrf_token": token, "upload": upload,
                                                          "action": "import"})
        assert response.status_code == 404 and EXPIRED in response.get_data(as_text=True)
    assert snapshot() == before  # the owner's upload is still there, untouched


def test_storage_functions_take_the_session(app, user):
    token = storage.save_upload(db.session, user.id, b"name\nKim\n", {"format": "csv"})
    assert storage.load_upload(db.session, user.id, token) == (b"name\nKim\n", {"format": "csv"})
    later = utc_now() + storage.MAX_AGE + timedelta(seconds=1)
    with pytest.raises(NotFound, match="expired"):
        storage.load_upload(db.session, user.id, token, now=later)
    assert storage.sweep(db.session, later) == 1
    assert storage.discard_upload(db.session, user.id, token) is False


# --- private files under instance/ ------------------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)  # the usual umask: files 0644 unless the app says otherwise
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_database_and_secret_key_the_app_creates_are_private(tmp_path, monkeypatch,
                                                                umask_022):
    instance = tmp_path / "instance"
    monkeypatch.setenv("REFERRALS_INSTANCE_PATH", str(instance))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    fresh = create_app({"ENV_NAME": "development", "SECRET_KEY": None,
                        "SQLALCHEMY_DATABASE_URI": None})
    with fresh.app_context():
        with db.engine.begin() as conn:  # WAL mode: SQLite makes -wal and -shm files too
            conn.execute(text("CREATE TABLE probe (x INTEGER)"))
            conn.execute(text("INSERT INTO probe VALUES (1)"))
        files = sorted(p.name for p in instance.iterdir())
        assert {"referrals.db", "secret_key"} <= set(files)
        assert {name: mode(instance / name) for name in files} == dict.fromkeys(files, 0o600)
        db.engine.dispose()
    assert mode(instance) == 0o700


def test_a_database_left_readable_is_made_private(tmp_path, monkeypatch, umask_022):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "referrals.db").touch(mode=0o644)
    os.chmod(instance / "referrals.db", 0o644)
    monkeypatch.setenv("REFERRALS_INSTANCE_PATH", str(instance))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": None})
    assert mode(instance / "referrals.db") == 0o600


# --- size limits: 16 MiB for an import file, 1 MiB for a JSON body --------------------------


def team_file(size: int) -> bytes:
    """A team export of one person, padded with whitespace to exactly `size` bytes."""
    doc = json.dumps({"format": "referrals-team", "version": 1,
                      "people": [{"id": 1, "name": "Kim Lee"}]}).encode()
    return doc + b" " * (size - len(doc))


def test_an_import_file_of_16_mib_is_accepted_by_the_api(app, api):
    assert app.config["IMPORT_MAX_FILE_SIZE"] == IMPORT_LIMIT
    response = api_upload(api, team_file(IMPORT_LIMIT), "team.json")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["created"] == 1


@pytest.mark.parametrize("size", [IMPORT_LIMIT + 1, IMPORT_LIMIT + 70 * 1024, 17 * MiB])
def test_an_import_file_over_16_mib_gets_413_and_writes_nothing(api, size):
    before = snapshot()
    response = api_upload(api, team_file(size), "team.json")
    assert response.status_code == 413
    assert response.get_json()["error"] == "The request body is larger than the 16 MB limit."
    assert snapshot() == before


def test_the_upload_page_takes_16_mib_and_refuses_more(client, logged_in):
    page = post_upload(client, team_file(IMPORT_LIMIT), "team.json")
    assert page.status_code == 200 and "Kim Lee" in page.get_data(as_text=True)
    assert count(ImportUpload) == 1
    before = snapshot()
    for size in (IMPORT_LIMIT + 1, 17 * MiB):
        response = post_upload(client, team_file(size), "team.json")
        assert response.status_code == 413
        assert "larger than the 16 MB limit" in response.get_data(as_text=True)
    assert snapshot() == before  # nothing staged, nothing imported


def json_body(size: int) -> bytes:
    body = b'{"name": "Kim Lee"}'
    return body[:-1] + b" " * (size - len(body)) + b"}"


def test_a_json_body_of_1_mib_is_read_and_one_byte_more_gets_413(app, api):
    assert app.config["MAX_CONTENT_LENGTH"] == JSON_LIMIT
    headers = {"Authorization": f"Bearer {api.token}", "Content-Type": "application/json"}
    before = snapshot()
    over = api.client.post("/api/v1/people", data=json_body(JSON_LIMIT + 1), headers=headers)
    assert over.status_code == 413
    assert over.get_json()["error"] == "The request body is larger than the 1 MB limit."
    assert snapshot() == before
    fits = api.client.post("/api/v1/people", data=json_body(JSON_LIMIT), headers=headers)
    assert fits.status_code == 201, fits.get_data(as_text=True)
    assert count(Person) == 2  # the rep and Kim


# --- vCards that can't hold a worker ----------------------------------------------------------


def ordinary_cards(n: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\nORG:Acme {i}\r\n"
        f"TITLE:VP\r\nEMAIL;TYPE=INTERNET:p{i}@x.example\r\nTEL;TYPE=CELL:+1 555 {i:04d}\r\n"
        "NOTE:Met at the dinner\\, keen on a pilot.\r\nEND:VCARD\r\n" for i in range(n))


PATHOLOGICAL = {
    # vobject took seconds on each of these (~2.7 s per MB, more for a card of many lines)
    "one card of 450,000 lines": (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\n" + "X-FOO:bar\r\n" * 450_000 + "END:VCARD\r\n",
        "The card has more than 1,000 lines."),
    "one line of 4.9 MB": (
        "BEGIN:VCARD\r\nFN:X\r\nNOTE:" + "a" * 4_900_000 + "\r\nEND:VCARD\r\n",
        "A line of the card is longer than 1,024 KiB."),
    "a line folded 1.2 million times": (
        "BEGIN:VCARD\r\nFN:X\r\nNOTE:" + "\r\n a" * 1_200_000 + "\r\nEND:VCARD\r\n",
        "A line of the card is longer than 1,024 KiB."),
    "170,000 empty cards": (
        "BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n" * 170_000,
        "The file has more than 100,000 cards; split it into smaller files."),
}


@pytest.mark.parametrize("case", list(PATHOLOGICAL))
def test_a_pathological_vcard_is_refused_and_writes_nothing(api, case, monkeypatch):
    # The message names the bound that stopped it: the file was refused by a structural
    # limit, not by the time budget (how fast is bench/, not a test – so the budget is
    # widened here: on a busy machine it could otherwise run out first).
    monkeypatch.setattr(vcards, "TIME_BUDGET", 3600.0)
    content, message = PATHOLOGICAL[case]
    data = content.encode()
    assert 2.5 * MiB < len(data) < 5 * MiB
    before = snapshot()
    response = api_upload(api, data, "contacts.vcf", format="vcard")
    assert response.status_code == 400
    assert message in response.get_json()["fields"]["file"]
    assert snapshot() == before


def test_a_file_past_the_time_budget_is_refused_with_a_clear_message():
    ticks = iter(range(1_000_000))  # a clock that moves a second per line read
    with pytest.raises(ValidationFailed) as refused:
        parse_vcards(ordinary_cards(5), time_budget=30, clock=lambda: float(next(ticks)))
    assert refused.value.fields["file"] == [
        "The vCard file took too long to read (stopped at line 31); split it into smaller files."]


def test_a_big_ordinary_vcard_file_is_read_whole():
    content = ordinary_cards(25_000)  # ~5 MB, the size that took vobject 12 s
    parsed = parse_vcards(content, time_budget=3600)  # whole, however busy the machine
    assert len(parsed.contacts) == 25_000
    assert parsed.contacts[-1].emails == ["p24999@x.example"]


# --- JSON nesting --------------------------------------------------------------------------


DEEP = '{"a":' * 100_000


def test_a_deeply_nested_team_file_is_400_not_a_crash(api):
    before = snapshot()
    for document in (DEEP, '{"format": "referrals-team", "people": ' + "[" * 65 + "]" * 65 + "}"):
        response = api_upload(api, document.encode(), "team.json", format="team")
        assert response.status_code == 400, response.get_data(as_text=True)
        assert response.get_json()["fields"]["file"] == [
            "It nests more than 64 levels deep; a team export nests 5."]
    assert snapshot() == before


def test_a_deeply_nested_team_file_on_the_upload_page_is_400(client, logged_in):
    before = snapshot()
    response = post_upload(client, DEEP.encode(), "team.json", fmt="team")
    assert response.status_code == 400
    assert "It nests more than 64 levels deep" in response.get_data(as_text=True)
    assert snapshot() == before


@pytest.mark.parametrize("body", [DEEP, '{"name": "Kim", "notes": ' + "[" * 100 + "]" * 100 + "}"])
def test_a_deeply_nested_json_body_is_400_with_a_clear_message(api, body):
    before = snapshot()
    response = api.client.post("/api/v1/people", data=body, headers={
        "Authorization": f"Bearer {api.token}", "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "The body nests more than 64 levels deep."
    assert snapshot() == before
    within = '{"name": "Kim", "notes": ' + "[" * 63 + "]" * 63 + "}"  # the usual validation
    response = api.client.post("/api/v1/people", data=within, headers={
        "Authorization": f"Bearer {api.token}", "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"notes": ["Enter text."]}
