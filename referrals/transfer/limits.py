"""How large an import may be: the one rule the upload page and `POST /api/v1/imports` share.

Every other request body stays within `MAX_CONTENT_LENGTH` (1 MiB: JSON and forms); an import
request may carry a file of up to `IMPORT_MAX_FILE_SIZE` (16 MiB) plus its multipart envelope.
"""

from __future__ import annotations

from flask import abort, current_app, request

ENVELOPE = 64 * 1024  # bytes around the file: part headers, the CSRF token, the format field


def allow_import_body() -> None:
    """Raise this request's body limit to an import file's. It must run before anything reads
    the body – CSRF protection reads the form in the first `before_request` – so the
    blueprints call it from a URL value preprocessor, which Flask runs earlier."""
    request.max_content_length = current_app.config["IMPORT_MAX_FILE_SIZE"] + ENVELOPE


def check_file_size(data: bytes) -> None:
    """413 when the file itself is over the limit (the envelope allowance is not for files)."""
    if len(data) > current_app.config["IMPORT_MAX_FILE_SIZE"]:
        abort(413)
