"""Domain exceptions raised by services; views and the API turn them into responses."""

from __future__ import annotations


class DomainError(Exception):
    """Base class: a request the domain refuses, with an optional message per field."""

    status = 400

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotFound(DomainError):
    """The object does not exist *or belongs to another team* – the two are indistinguishable."""

    status = 404


class ValidationFailed(DomainError):
    """Input that is well-formed but not acceptable (a field-level message says why)."""

    status = 400


class Conflict(DomainError):
    """The request would duplicate something that must be unique."""

    status = 409
