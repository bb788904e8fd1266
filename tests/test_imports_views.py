"""The import pages: upload, preview (nothing written), column mapping, import; merging."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from referrals.extensions import db
from referrals.models import GroupMembership, Person, Relationship, Touch
from tests import factories
from tests import import_samples as s
from tests.conftest import csrf_token_from
from tests.test_api_support import count, snapshot

UPLOAD_RE = re.compile(r'name="upload" type="hidden" value="([0-9a-f]+)"')


def post_upload(client, data: bytes, name="contacts.csv", fmt="auto"):
    token = csrf_token_from(client.get("/transfer/").get_data(as_text=True))
    return client.post("/transfer/", data={"csrf_token": token, "format": fmt,
                                          "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def preview_form(response) -> dict[str, str]:
    """The hidden fields of a preview page: what its buttons post back."""
    html = response.get_data(as_text=True)
    return {"csrf_token": csrf_token_from(html), "upload": UPLOAD_RE.search(html).group(1)}


def team_data() -> dict[str, list[tuple]]:
    """Every row but the staged uploads: a preview stages its file, nothing of the team."""
    return {name: rows for name, rows in snapshot().items() if name != "import_uploads"}


def test_signed_out_is_sent_to_login(client):
    assert client.get("/transfer/").status_code == 302


def test_upload_preview_then_import(client, logged_in):
    before = team_data()
    page = post_upload(client, s.linkedin_csv().encode(), "Connections.csv")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "New person: Zoë Ångström." in html and ">5<" in html  # the spreadsheet row
    assert "3</strong> to create" in html
    assert team_data() == before  # a preview writes nothing
    fields = preview_form(page)
    again = client.post("/transfer/preview", data={**fields, "action": "preview"})
    assert again.status_code == 200 and team_data() == before
    done = client.post("/transfer/preview", data={**fields, "action": "import"})
    assert done.status_code == 200
    assert "3</strong> created" in done.get_data(as_text=True)
    assert count(Person) == 4  # the rep and three connections
    gone = client.post("/transfer/preview", data={**fields, "action": "import"})
    assert gone.status_code == 404  # the upload is discarded once imported
    assert count(Person) == 4


def test_import_without_csrf_is_refused(client, logged_in):
    fields = preview_form(post_upload(client, s.linkedin_csv().encode()))
    before = snapshot()
    response = client.post("/transfer/preview", data={"upload": fields["upload"],
                                                      "action": "import"})
    assert response.status_code == 400
    assert snapshot() == before


def test_generic_csv_asks_which_column_is_the_name(client, logged_in):
    data = s.csv_text([["who", "mail", "firm"], ["Kim Lee", "kim@u.example", "Umbrella"]])
    page = post_upload(client, data.encode(), "list.csv")
    html = page.get_data(as_text=True)
    assert "Choose the column with the name" in html
    assert 'name="col_0"' in html
    fields = preview_form(page)
    mapped = client.post("/transfer/preview", data={**fields, "action": "preview",
                                                    "col_0": "name", "col_1": "email",
                                                    "col_2": "company"})
    assert "New person: Kim Lee." in mapped.get_data(as_text=True)
    assert count(Person) == 1
    client.post("/transfer/preview", data={**fields, "action": "import", "col_0": "name",
                                           "col_1": "email", "col_2": "company"})
    kim = db.session.scalar(select(Person).where(Person.name == "Kim Lee"))
    assert (kim.email, kim.company) == ("kim@u.example", "Umbrella")


def test_import_without_a_name_mapping_shows_the_error(client, logged_in):
    data = s.csv_text([["who", "mail"], ["Kim Lee", "kim@u.example"]])
    fields = preview_form(post_upload(client, data.encode()))
    response = client.post("/transfer/preview", data={**fields, "action": "import"})
    assert response.status_code == 400
    assert "no name column" in response.get_data(as_text=True)
    assert count(Person) == 1


@pytest.mark.parametrize(("data", "words"), [(b"", "file"), (b"\x00\x01\x02\xff" * 10, "not text")])
def test_bad_files_are_refused_on_the_page(client, logged_in, data, words):
    before = snapshot()
    response = post_upload(client, data)
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)
    assert snapshot() == before


def test_another_users_upload_is_not_found(client, auth, logged_in, other_user):
    fields = preview_form(post_upload(client, s.linkedin_csv().encode()))
    auth.logout()
    auth.login(other_user.email)
    token = csrf_token_from(client.get("/transfer/").get_data(as_text=True))
    before = snapshot()
    for upload in (fields["upload"], "not-a-token", "../../secret_key"):
        response = client.post("/transfer/preview", data={"csrf_token": token, "upload": upload,
                                                          "action": "import"})
        assert response.status_code == 404
    assert snapshot() == before


def test_merge_pages(client, logged_in):
    team = logged_in.team_id
    keep = factories.make_person(db.session, team, "Dana Whitfield", company="Acme")
    dup = factories.make_person(db.session, team, "Dana Whitfield", email="dana@acme.example")
    third = factories.make_person(db.session, team, "Pat Jones")
    factories.make_relationship(db.session, dup, third, "friend", rating=4)
    factories.make_relationship(db.session, keep, third, "friend", rating=2)
    factories.make_relationship(db.session, keep, dup, "colleague")
    group = factories.make_group(db.session, team, members=[keep, dup])
    db.session.add(Touch(team_id=team, person_id=dup.id, channel="call"))
    db.session.commit()
    keep_id, dup_id = keep.id, dup.id
    pick = client.get(f"/transfer/merge/{keep_id}").get_data(as_text=True)
    assert f"/transfer/merge/{keep_id}/{dup_id}" in pick
    page = client.get(f"/transfer/merge/{keep_id}/{dup_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Merge" in html
    response = client.post(f"/transfer/merge/{keep_id}/{dup_id}",
                           data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, dup_id) is None
    kept = db.session.get(Person, keep_id)
    assert (kept.email, kept.company) == ("dana@acme.example", "Acme")
    ties = db.session.scalars(select(Relationship)).all()
    assert [(t.pair_low, t.pair_high, t.kind, t.rating) for t in ties] == [
        (min(keep_id, third.id), max(keep_id, third.id), "friend", 4)]
    assert db.session.scalars(select(GroupMembership.person_id)
                              .where(GroupMembership.group_id == group.id)).all() == [keep_id]
    assert db.session.scalar(select(Touch.person_id)) == keep_id


def test_merge_of_another_teams_person_is_404(client, logged_in, other_user):
    mine = factories.make_person(db.session, logged_in.team_id, "Mine")
    theirs = factories.make_person(db.session, other_user.team_id, "Theirs")
    db.session.commit()
    assert client.get(f"/transfer/merge/{mine.id}/{theirs.id}").status_code == 404
    assert client.get(f"/transfer/merge/{theirs.id}").status_code == 404
    before = snapshot()
    page = client.get("/people/").get_data(as_text=True)
    response = client.post(f"/transfer/merge/{mine.id}/{theirs.id}",
                           data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 404
    assert snapshot() == before


def test_nav_link(client, logged_in):
    html = client.get("/people/").get_data(as_text=True)
    assert re.search(r'href="/transfer/"[^>]*>Import / export<', html)


@pytest.mark.parametrize("query", [{"q": "x" * 10_000}, {"q": "a\x00"}, {"page": "9" * 50},
                                   {"file": "../secret_key"}, {"file": "a\x00"}])
def test_odd_queries_never_fail(client, logged_in, query):
    person = factories.make_person(db.session, logged_in.team_id, "Kim Lee")
    db.session.commit()
    for path in ("/transfer/", "/transfer/exports", f"/transfer/merge/{person.id}"):
        response = client.get(path, query_string=query)
        assert response.status_code in (200, 400, 404), (path, query)


def test_too_large_upload_on_the_page_is_413(client, logged_in, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_FILE_SIZE", 4096)
    before = snapshot()
    response = post_upload(client, s.linkedin_csv(
        [["Ann", f"Number{n}", "", "", "", "", ""] for n in range(400)]).encode())
    assert response.status_code == 413
    assert "larger than" in response.get_data(as_text=True)
    assert snapshot() == before
