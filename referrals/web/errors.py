"""Friendly error pages for people, JSON errors for the API."""

from __future__ import annotations

from contextlib import suppress

import psycopg
from flask import Flask, jsonify, render_template, request
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from referrals.errors import DomainError
from referrals.extensions import db

MESSAGES = {
    400: "That request could not be understood.",
    401: "Sign in first.",
    403: "That isn't allowed.",
    404: "There is nothing here.",
    405: "That method isn't allowed here.",
    409: "That conflicts with something already saved.",
    413: "That upload is too large.",
    415: "Send JSON with Content-Type: application/json.",
    429: "Too many requests; wait a moment and try again.",
    503: "The service is briefly unavailable; try again in a few seconds.",
    500: "Something went wrong on our side.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, message: str | None = None, fields: dict | None = None):
    message = message or MESSAGES.get(status, "Error.")
    if wants_json():
        body: dict = {"error": message}
        if fields:
            # Keys come from the request (e.g. unknown form field names): always strings, so
            # a malformed request (a nameless multipart part) can't turn a 400 into a 500.
            body["fields"] = {"" if k is None else str(k): v for k, v in fields.items()}
        return jsonify(body), status
    return render_template("errors/error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def handle_http(exc: HTTPException):
        if exc.code == 500:
            db.session.rollback()
        message = MESSAGES.get(exc.code or 500)
        if exc.code == 413:
            limit = request.max_content_length or 0  # per request: imports allow more
            message = f"The request body is larger than the {limit // (1024 * 1024)} MB limit."
        if exc.code == 400 and exc.description and wants_json():
            message = exc.description if len(exc.description) < 200 else message
        return error_response(exc.code or 500, message)

    @app.errorhandler(SecurityError)
    def handle_untrusted_host(exc: SecurityError):
        # A Host outside TRUSTED_HOSTS: no URL can be built for it, so not the site template.
        message = "This site does not answer to that host name."
        if wants_json():
            return jsonify(error=message), 400
        return f"<!doctype html><title>Bad request · referrals</title><p>{message}</p>", 400

    @app.errorhandler(DomainError)
    def handle_domain(exc: DomainError):
        db.session.rollback()
        return error_response(exc.status, exc.message, exc.fields)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(psycopg.OperationalError)  # raw driver use (the graph cache streams rows)
    @app.errorhandler(psycopg.InterfaceError)
    def handle_database_unavailable(exc: Exception):
        # The database is restarting, failing over or unreachable: a clean, retryable answer
        # (the pool reconnects on its own; pool_pre_ping checks each connection it hands out).
        with suppress(Exception):  # rolling back over a dead connection may fail too
            db.session.rollback()
        app.logger.warning("database unavailable on %s %s: %s", request.method, request.path,
                           exc.__class__.__name__)
        headers = {"Retry-After": "5"}
        if wants_json():
            return jsonify(error=MESSAGES[503]), 503, headers
        # Not the site template: it would ask the database who is signed in.
        page = f"<!doctype html><title>Unavailable · referrals</title><p>{MESSAGES[503]}</p>"
        return page, 503, headers

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        with suppress(Exception):  # the error may be the connection itself
            db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(InternalServerError.code)
