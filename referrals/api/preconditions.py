"""ETag and If-Match for rows with a version (people, relationships): optimistic concurrency.

The ETag is the row's version, `"<version>"`. A PATCH or DELETE with `If-Match` goes ahead only
while the row is still at a version it names (`*` names any); otherwise 412 and nothing is
written. The service's conditional UPDATE makes the check and the write one step, so two
requests racing from the same version cannot both pass. Without If-Match nothing is checked.
"""

from __future__ import annotations

from typing import Protocol

from flask import Response, request

from referrals.people.services import StaleVersion


class Versioned(Protocol):
    version: int


def etag(row: Versioned) -> str:
    return str(row.version)


def with_etag(response: Response, row: Versioned) -> Response:
    response.set_etag(etag(row))
    return response


def expected_version(row: Versioned) -> int | None:
    """The version the request's If-Match holds the row to: None without If-Match (or `*`),
    the row's current version when one of its tags matches, else StaleVersion (412).

    Tags compare weakly: a proxy that compresses the answer may weaken the ETag to W/"3"
    (nginx does), and the version says the same thing either way.
    """
    if_match = request.if_match
    if not request.headers.get("If-Match"):
        return None
    if if_match.star_tag:
        return None
    if if_match.contains_weak(etag(row)):
        return row.version
    raise StaleVersion("The object has changed since the version in If-Match: read it again "
                       "(GET gives its current ETag) and retry with that.")
