"""No lost updates (a version on people and ties, checked by the
edit forms and by If-Match in the API) and no doubled advocate calls from racing posts."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select, update

from referrals.advocates.calls import log_advocate_call
from referrals.extensions import db
from referrals.models import AdvocateCall, Followup, Person, Relationship
from tests import factories
from tests.conftest import AuthActions


class _Form(HTMLParser):
    """The values a browser would submit from the page's first POST form with fields."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(a["name"], []).append(a.get("value") or "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[a["name"]] = [""]
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = [a.get("value", "")]

    def handle_endtag(self, tag):
        if tag == "textarea":  # a browser drops the newline that starts a textarea's text
            value = self.data[self._textarea][0]
            self.data[self._textarea][0] = value.removeprefix("\r\n").removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and "version" in self.data:
            self._done = True

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def form_of(html: str) -> dict[str, list[str]]:
    parser = _Form()
    parser.feed(html)
    assert "version" in parser.data, "no version in the edit form"
    return parser.data


@pytest.fixture
def two_reps(app, user):
    """Two signed-in browsers of one team: the rep of most tests and a teammate."""
    teammate = factories.make_user(db.session, email="mate@example.com", team="Acme Sales")
    db.session.commit()
    first, second = app.test_client(), app.test_client()
    assert AuthActions(first).login().status_code == 302
    assert AuthActions(second).login("mate@example.com").status_code == 302
    return first, second, teammate


def _reload(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id)


def test_two_reps_edit_one_person_and_the_second_save_does_not_undo_the_first(two_reps, user):
    first, second, _ = two_reps
    person = factories.make_person(db.session, user.team_id, "Dana Whitfield",
                                   title="Buyer", phone="555-0100")
    db.session.commit()
    url = f"/people/{person.id}/edit"
    mine, theirs = form_of(first.get(url).get_data(as_text=True)), \
        form_of(second.get(url).get_data(as_text=True))
    assert mine["version"] == ["1"]

    mine["title"] = ["Head of Purchasing"]
    assert first.post(url, data=mine).status_code == 302
    theirs["phone"] = ["555-0199"]
    stale = second.post(url, data=theirs)

    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert "Someone else changed Dana Whitfield while you were editing" in page
    assert "<td>Buyer</td><td>Head of Purchasing</td>" in page  # yours, saved now
    assert "<td>555-0199</td><td>555-0100</td>" in page
    assert "Save mine anyway" in page
    kept = form_of(page)
    assert kept["phone"] == ["555-0199"] and kept["title"] == ["Buyer"]  # their input stays
    assert kept["version"] == ["2"]  # saving again goes over the new version, knowingly
    saved = _reload(Person, person.id)
    assert (saved.title, saved.phone, saved.version) == ("Head of Purchasing", "555-0100", 2)

    kept["title"] = ["Head of Purchasing"]  # they take the other change and keep their own
    assert second.post(url, data=kept).status_code == 302
    saved = _reload(Person, person.id)
    assert (saved.title, saved.phone, saved.version) == ("Head of Purchasing", "555-0199", 3)


def test_an_edit_form_without_a_version_still_saves(client, logged_in):
    person = factories.make_person(db.session, logged_in.team_id, "Old")
    db.session.commit()
    data = form_of(client.get(f"/people/{person.id}/edit").get_data(as_text=True))
    del data["version"]
    data["name"] = ["New"]
    assert client.post(f"/people/{person.id}/edit", data=data).status_code == 302
    assert _reload(Person, person.id).name == "New"


def test_two_reps_edit_one_relationship(two_reps, user):
    first, second, _ = two_reps
    a = factories.make_person(db.session, user.team_id, "Ann")
    b = factories.make_person(db.session, user.team_id, "Bob")
    rel = factories.make_relationship(db.session, a, b, "colleague", 3)
    db.session.commit()
    url = f"/relationships/{rel.id}/edit"
    mine, theirs = form_of(first.get(url).get_data(as_text=True)), \
        form_of(second.get(url).get_data(as_text=True))
    mine["rating"] = ["5"]
    assert first.post(url, data=mine).status_code == 302
    theirs["notes"] = ["Met at the trade show."]
    stale = second.post(url, data=theirs)
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert "Someone else changed this relationship" in page
    assert "Close – would do them a favour any time" in page  # the rating saved now, as words
    assert form_of(page)["notes"] == ["Met at the trade show."]
    saved = _reload(Relationship, rel.id)
    assert (saved.rating, saved.notes, saved.version) == (5, "", 2)


# --- the API: ETag and If-Match -----------------------------------------------------------

def test_get_gives_an_etag_and_a_stale_if_match_is_412_writing_nothing(api):
    person = api.post("/api/v1/people", json={"name": "Kim"})
    url = person.headers["Location"]
    etag = api.get(url).headers["ETag"]
    assert etag == '"1"'
    headers = {**api._headers(), "If-Match": etag}
    changed = api.client.patch(url, json={"title": "CFO"}, headers=headers)
    assert changed.status_code == 200 and changed.headers["ETag"] == '"2"'
    stale = api.client.patch(url, json={"title": "CEO"}, headers=headers)
    assert stale.status_code == 412
    assert "changed since" in stale.get_json()["error"]
    assert api.get(url).get_json()["title"] == "CFO"
    assert api.client.delete(url, headers=headers).status_code == 412
    assert api.get(url).status_code == 200
    weak = api.client.patch(url, json={"title": "CEO"},
                            headers={**api._headers(), "If-Match": 'W/"2"'})
    assert weak.status_code == 200  # a proxy that compresses may weaken the tag
    assert api.patch(url, json={"title": "COO"}).status_code == 200  # no If-Match: as before
    assert api.client.delete(url, headers={**api._headers(), "If-Match": '"4"'}
                             ).status_code == 204


def test_relationship_if_match(api, user):
    a = factories.make_person(db.session, user.team_id, "Ann")
    b = factories.make_person(db.session, user.team_id, "Bob")
    db.session.commit()
    created = api.post("/api/v1/relationships",
                       json={"person_a": a.id, "person_b": b.id, "kind": "friend"})
    url, etag = created.headers["Location"], api.get(created.headers["Location"]).headers["ETag"]
    assert api.patch(url, json={"rating": 4}).status_code == 200
    stale = api.client.patch(url, json={"rating": 1},
                             headers={**api._headers(), "If-Match": etag})
    assert stale.status_code == 412
    assert api.get(url).get_json()["rating"] == 4
    assert api.client.delete(url, headers={**api._headers(), "If-Match": etag}
                             ).status_code == 412
    assert _reload(Relationship, created.get_json()["id"]) is not None


def test_racing_patches_from_one_version_let_exactly_one_through(api, app):
    url = api.post("/api/v1/people", json={"name": "Kim"}).headers["Location"]
    headers = {**api._headers(), "If-Match": '"1"'}
    statuses: list[int] = []
    barrier = threading.Barrier(6)

    def patch(n: int) -> None:
        with app.test_client() as client:
            barrier.wait()
            statuses.append(client.patch(url, json={"title": f"T{n}"}, headers=headers
                                         ).status_code)

    threads = [threading.Thread(target=patch, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [412] * 5, statuses
    assert api.get(url).headers["ETag"] == '"2"'


def test_the_openapi_document_names_etag_and_if_match(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    person = doc["paths"]["/people/{person_id}"]
    assert "ETag" in person["get"]["responses"]["200"]["headers"]
    for method in ("patch", "delete"):
        assert any(p["name"] == "If-Match" for p in person[method]["parameters"])
        assert "412" in person[method]["responses"]


# --- advocate calls: the same call posted twice at once -----------------------------------

@pytest.fixture
def call_body(user):
    a = factories.make_person(db.session, user.team_id, "Ann Advocate")
    b = factories.make_person(db.session, user.team_id, "Pat Prospect", roles=["prospect"])
    db.session.commit()
    return {"advocate_id": a.id, "prospect_id": b.id, "occurred_on": date.today().isoformat(),
            "outcome": "Booked a meeting"}


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_ten_identical_concurrent_advocate_call_posts_make_one_call(api, app, call_body):
    answers: list = []
    barrier = threading.Barrier(10)

    def post() -> None:
        with app.test_client() as client:
            barrier.wait()
            response = client.post("/api/v1/advocate-calls", json=call_body,
                                   headers=api._headers())
            answers.append((response.status_code, response.get_json().get("id")))

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _ in answers) == [200] * 9 + [201], answers
    assert len({call_id for _, call_id in answers}) == 1
    assert _count(AdvocateCall) == 1
    assert _count(Followup) == 2


def test_a_different_call_or_a_later_one_is_logged(app, user, call_body):
    data = {**call_body, "occurred_on": date.today()}
    first = log_advocate_call(db.session, user, data)
    assert log_advocate_call(db.session, user, data).id == first.id
    other = log_advocate_call(db.session, user, {**data, "outcome": "No answer"})
    yesterday = log_advocate_call(db.session, user, {**data, "occurred_on": date.today()
                                                     - timedelta(days=1)})
    assert len({first.id, other.id, yesterday.id}) == 3
    db.session.execute(update(AdvocateCall).values(
        created_at=AdvocateCall.created_at - timedelta(minutes=11)))
    assert log_advocate_call(db.session, user, data).id not in (first.id, other.id,
                                                                 yesterday.id)
    db.session.commit()
    assert _count(AdvocateCall) == 4

