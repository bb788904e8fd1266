"""The host and session rules on every route of the URL map, so a page added later is covered:
with BASE_URL set, another Host header is refused everywhere (pages, the API, public pages);
a session cookie copied before sign-out opens no signed-in page afterwards."""

from __future__ import annotations

import pytest
from flask import url_for

from tests.test_pages_security import _MAP_APP, GET_PAGES, make_world, url
from tests.test_trust_links import BASE, _configure
from tests.test_trust_sessions import _copy, _post, _signed_in

EVERY_GET = sorted({
    rule.endpoint for rule in _MAP_APP.url_map.iter_rules()
    if "GET" in rule.methods and rule.endpoint != "static"
})


def _any_url(endpoint: str, ids: dict[str, int]) -> str:
    rule = next(r for r in _MAP_APP.url_map.iter_rules() if r.endpoint == endpoint)
    fill = {"token": "x" * 32, "person_id": ids["person_id"], "request_id": ids["request_id"],
            **ids}
    values = {name: fill.get(name, 1) for name in rule.arguments}
    with _MAP_APP.test_request_context():
        return url_for(endpoint, **values)


@pytest.fixture
def world(user, other_user) -> dict[str, dict[str, int]]:
    return {"own": make_world(user, ("Dana Whitfield", "Mike Kincaid")),
            "other": make_world(other_user, ("Olga Secret", "Pavel Secret"))}


@pytest.fixture
def only_base_url_host(app):
    saved = {k: app.config.get(k) for k in ("BASE_URL", "TRUSTED_HOSTS")}
    _configure(app, BASE)
    yield
    app.config.update(saved)


@pytest.mark.parametrize("endpoint", EVERY_GET)
def test_another_host_is_refused_on_every_route(client, world, only_base_url_host, endpoint):
    target = _any_url(endpoint, world["own"])
    response = client.get(target, headers={"Host": "attacker.example"})
    assert response.status_code == 400, (target, response.status_code)
    assert "attacker.example" not in response.get_data(as_text=True)


@pytest.fixture
def stolen(app, user):
    """A signed-in browser's cookies, copied by someone else, then the owner signs out."""
    browser = _signed_in(app)
    thief = _copy(app, browser, "session")
    assert thief.get("/settings").status_code == 200  # the copy works while signed in
    assert _post(browser, "/settings", "/logout").status_code == 302
    return thief


@pytest.mark.parametrize("endpoint", GET_PAGES)
def test_a_cookie_copied_before_sign_out_opens_no_page(stolen, world, endpoint):
    response = stolen.get(url(endpoint, world["own"]))
    assert response.status_code == 302, (endpoint, response.status_code)
    assert response.headers["Location"].startswith("/login")
