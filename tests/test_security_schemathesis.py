"""Schemathesis drives every operation of /api/v1/openapi.json in-process: no answer is a 500.

Each operation gets a few valid and a few invalid requests (derandomized, so CI is stable and
quick); the property tests in test_security_input.py go deeper on the validation itself.
Schemathesis's own pytest plugin does not run under pytest 9, so the cases come from
`APIOperation.as_strategy` under Hypothesis's `@given`.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from referrals import create_app
from referrals.extensions import db
from tests import factories

SCHEMA_PATH = "/api/v1/openapi.json"


def _operations() -> list[str]:
    # Only the document is read here; this app never touches a database.
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, app)
    found = []
    for result in schema.get_all_operations():
        operation = result.ok()
        found.append(f"{operation.method.upper()} {operation.path}")
    return sorted(found)


OPERATIONS = _operations()


def test_the_document_lists_the_api():
    assert {"GET /people", "POST /people", "GET /me"} <= set(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_no_operation_answers_500(app, api, user, operation):
    # A few real objects of the team, so generated ids sometimes name one.
    a = factories.make_person(db.session, user.team_id, "Sam A")
    b = factories.make_person(db.session, user.team_id, "Sam B")
    factories.make_relationship(db.session, a, b)
    factories.make_group(db.session, user.team_id, members=[a])
    db.session.commit()
    method, path = operation.split(" ", 1)
    target = schemathesis.openapi.from_wsgi(SCHEMA_PATH, app)[path][method]
    cases = (target.as_strategy(GenerationMode.POSITIVE)
             | target.as_strategy(GenerationMode.NEGATIVE))
    auth = {"Authorization": f"Bearer {api.token}"}

    @given(case=cases)
    @settings(max_examples=15, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def call(case):
        response = case.call(headers=auth)
        case.validate_response(response, checks=[not_a_server_error])

    call()
