"""Addresses the app hands out to be opened later, elsewhere: reset and invitation links, reply
links, calendar feeds, digests. They are built from the configured ``BASE_URL`` when it is set,
never from the request's Host header, which a caller controls."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute address of ``endpoint``: ``BASE_URL`` + its path, or the request's own
    scheme and host when no ``BASE_URL`` is configured (development and tests)."""
    base = (current_app.config.get("BASE_URL") or "").rstrip("/")
    if base:
        return base + url_for(endpoint, **values, _external=False)
    return url_for(endpoint, **values, _external=True)
