"""Idempotency-Key on API POSTs: a repeat replays the first answer and writes
nothing; the same key for another request is 409; keys expire after 24 hours; racing
repeats make one row."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    Followup,
    Group,
    IdempotencyKey,
    IntroductionRequest,
    Person,
    Relationship,
    Touch,
)
from tests import factories


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def _post(api, url, body, key="k-1"):
    return api.client.post(url, json=body, headers={**api._headers(), "Idempotency-Key": key})


@pytest.fixture
def pair(app, user):
    a = factories.make_person(db.session, user.team_id, "Ann Advocate")
    b = factories.make_person(db.session, user.team_id, "Pat Prospect", roles=["prospect"])
    db.session.commit()
    return a.id, b.id


def _cases(pair):
    a, b = pair
    today = date.today().isoformat()
    return [
        ("/api/v1/people", {"name": "Kim"}, Person),
        ("/api/v1/relationships", {"person_a": a, "person_b": b, "kind": "friend"},
         Relationship),
        ("/api/v1/groups", {"name": "Chamber", "kind": "association"}, Group),
        ("/api/v1/advocate-calls", {"advocate_id": a, "prospect_id": b, "occurred_on": today,
                                    "outcome": "Left a message"}, AdvocateCall),
        ("/api/v1/touches", {"person_id": b, "channel": "email"}, Touch),
        ("/api/v1/followups", {"person_id": b, "due_on": today, "reason": "Call back",
                               "kind": "call"}, Followup),
        ("/api/v1/introductions", {"helper_id": a, "prospect_id": b}, IntroductionRequest),
    ]


@pytest.mark.parametrize("case", range(7))
def test_a_repeat_replays_the_answer_and_writes_nothing(api, pair, case):
    url, body, model = _cases(pair)[case]
    first = _post(api, url, body)
    assert first.status_code == 201, first.get_json()
    rows = _count(model)
    second = _post(api, url, body)
    assert second.status_code == 201
    assert second.get_json() == first.get_json()
    assert second.headers["Location"] == first.headers["Location"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert _count(model) == rows


def test_without_a_key_each_post_creates(api):
    api.post("/api/v1/people", json={"name": "Kim"})
    api.post("/api/v1/people", json={"name": "Kim"})
    assert _count(Person) == 3  # the rep's own person and two Kims


def test_the_same_key_for_another_body_is_409_and_writes_nothing(api):
    assert _post(api, "/api/v1/people", {"name": "Kim"}).status_code == 201
    other = _post(api, "/api/v1/people", {"name": "Lee"})
    assert other.status_code == 409
    assert "different request" in other.get_json()["error"]
    assert _count(Person) == 2
    elsewhere = _post(api, "/api/v1/groups", {"name": "Kim", "kind": "event"})
    assert elsewhere.status_code == 409
    assert _count(Group) == 0


def test_a_refused_request_keeps_no_key_so_a_fixed_retry_runs(api):
    assert _post(api, "/api/v1/people", {"name": ""}).status_code == 400
    assert _count(IdempotencyKey) == 0
    retry = _post(api, "/api/v1/people", {"name": ""})
    assert retry.status_code == 400 and "Idempotent-Replayed" not in retry.headers


def test_keys_are_per_user(api, client, other_user):
    from referrals.auth.services import create_token

    token = create_token(db.session, other_user, "tests")
    db.session.commit()
    assert _post(api, "/api/v1/people", {"name": "Kim"}).status_code == 201
    theirs = client.post("/api/v1/people", json={"name": "Kim"},
                         headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k-1"})
    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs.headers
    assert _count(Person) == 4


def test_a_key_expires_after_24_hours(api):
    first = _post(api, "/api/v1/people", {"name": "Kim"})
    db.session.execute(update(IdempotencyKey).values(
        created_at=IdempotencyKey.created_at - timedelta(hours=24, minutes=1)))
    db.session.commit()
    again = _post(api, "/api/v1/people", {"name": "Kim"})
    assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers
    assert again.get_json()["id"] != first.get_json()["id"]
    assert _count(IdempotencyKey) == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "has space", "ünïcode"])
def test_a_malformed_key_is_400(api, key):
    response = api.client.post("/api/v1/people", json={"name": "Kim"},
                               headers={**api._headers(), "Idempotency-Key": key})
    assert response.status_code == 400
    assert _count(Person) == 1


def test_racing_repeats_make_one_row(api, pair, app):
    """Ten threads post the same advocate call with one key: one call, one set of follow-ups,
    ten identical answers (nine of them replays)."""
    url, body, _ = _cases(pair)[3]
    headers = {**api._headers(), "Idempotency-Key": "race"}
    answers: list = []
    barrier = threading.Barrier(10)

    def post() -> None:
        with app.test_client() as client:
            barrier.wait()
            response = client.post(url, json=body, headers=headers)
            answers.append((response.status_code, response.get_json(),
                            response.headers.get("Idempotent-Replayed")))

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _, _ in answers] == [201] * 10, answers
    assert len({str(body) for _, body, _ in answers}) == 1
    assert sorted(str(r) for _, _, r in answers) == ["None"] + ["true"] * 9
    assert _count(AdvocateCall) == 1
    assert _count(Followup) == 2
    assert _count(IdempotencyKey) == 1


def test_the_openapi_document_names_the_headers(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    post = doc["paths"]["/people"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header"
               for p in post["parameters"])
    assert "Idempotent-Replayed" in post["responses"]["201"]["headers"]
    assert "409" in post["responses"]
