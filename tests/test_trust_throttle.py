"""Sign-in throttling slows a guesser without locking out the owner; per
account-and-address and per address, with a growing wait, a message saying when to try again
and a reset link; the counters live in the database every worker shares."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from referrals.auth import throttle
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models import LoginThrottle
from tests import factories
from tests.conftest import csrf_token_from

ATTACKER = "198.51.100.7"
OWNER = "203.0.113.20"


def _login(client, address: str, password: str = factories.PASSWORD,
           email: str = factories.EMAIL):
    env = {"REMOTE_ADDR": address}
    page = client.get("/login", environ_base=env)
    return client.post("/login", environ_base=env, data={
        "email": email, "password": password,
        "csrf_token": csrf_token_from(page.get_data(as_text=True))})


def _let_time_pass() -> None:
    """Every wait is over (as if the attacker waited each one out)."""
    db.session.execute(update(LoginThrottle).values(
        blocked_until=utc_now() - timedelta(seconds=1)))
    db.session.commit()


def test_ten_wrong_passwords_slow_the_attacker_not_the_owner_elsewhere(app, user):
    attacker, owner = app.test_client(), app.test_client()
    answers = [_login(attacker, ATTACKER, "wrong password!").status_code for _ in range(10)]
    assert 429 in answers  # slowed: no ten guesses in a row
    assert answers[:5] == [400] * 5  # a few typos cost the owner nothing
    response = _login(owner, OWNER)
    assert response.status_code == 302  # the owner, from another address, is not locked out


def test_the_slowed_answer_says_when_and_offers_the_reset_link(app, user):
    attacker = app.test_client()
    for _ in range(6):
        _login(attacker, ATTACKER, "wrong password!")
    response = _login(attacker, ATTACKER)  # even the right password waits its turn
    assert response.status_code == 429
    wait = int(response.headers["Retry-After"])
    assert 1 <= wait <= 2
    html = response.get_data(as_text=True)
    assert "Try again in" in html and "second" in html
    assert 'href="/forgot-password"' in html and "Reset your password" in html


def test_each_further_failure_doubles_the_wait_up_to_the_ceiling(app, user):
    attacker = app.test_client()
    waits = []
    for _ in range(16):
        _let_time_pass()
        _login(attacker, ATTACKER, "wrong password!")
        response = _login(attacker, ATTACKER, "wrong password!")
        waits.append(int(response.headers.get("Retry-After", 0)))
    grown = [w for w in waits if w]
    assert grown == sorted(grown) and grown[0] <= 4 and grown[-1] == 15 * 60
    assert "minutes" in response.get_data(as_text=True)


def test_the_owner_gets_in_once_the_wait_is_over_and_starts_afresh(app, user):
    client = app.test_client()
    for _ in range(7):
        _login(client, OWNER, "wrong password!")
    assert _login(client, OWNER).status_code == 429
    _let_time_pass()
    assert _login(client, OWNER).status_code == 302
    # the success cleared this account's counter here: a typo no longer costs a wait
    again = app.test_client()
    assert _login(again, OWNER, "wrong password!").status_code == 400
    assert _login(again, OWNER).status_code == 302


def test_one_address_trying_many_accounts_is_slowed(app, user):
    app.config["LOGIN_FREE_FAILURES_PER_ADDRESS"], saved = 3, app.config[
        "LOGIN_FREE_FAILURES_PER_ADDRESS"]
    try:
        attacker = app.test_client()
        answers = [_login(attacker, ATTACKER, "guess", email=f"rep{i}@example.com").status_code
                   for i in range(5)]
        assert answers[:3] == [400] * 3 and 429 in answers
        assert _login(attacker, ATTACKER).status_code == 429  # from there, for anyone
        assert _login(app.test_client(), OWNER).status_code == 302
    finally:
        app.config["LOGIN_FREE_FAILURES_PER_ADDRESS"] = saved


def test_counters_hold_no_address_or_email(app, user):
    _login(app.test_client(), ATTACKER, "wrong password!")
    keys = db.session.scalars(select(LoginThrottle.key_hash)).all()
    assert len(keys) == 2 and all(len(k) == 64 and "@" not in k and "." not in k for k in keys)


def test_old_failures_are_forgotten(app, user):
    policy = throttle.Policy(2, 2, 60, timedelta(hours=1))
    counters = [("acct:x", policy)]
    start = utc_now()
    for _ in range(3):
        throttle.record_failure(db.session, counters, now=start)
    assert throttle.seconds_to_wait(db.session, counters, now=start) == 2
    later = start + timedelta(hours=2)
    throttle.record_failure(db.session, counters, now=later)
    assert throttle.seconds_to_wait(db.session, counters, now=later) == 0
    assert db.session.scalar(select(LoginThrottle.failures)) == 1


@pytest.mark.parametrize("failures, wait", [(0, 0), (5, 0), (6, 2), (7, 4), (10, 32), (50, 900)])
def test_the_default_policy(app, failures, wait):
    per_account, _ = throttle.policies(app.config)
    assert per_account.wait_after(failures) == wait
