"""Uploads waiting between their preview and the import, kept in instance/imports/
(or the folder `IMPORT_UPLOAD_FOLDER` names).

Only a random token travels in the URL; the file stays on the server, named after its
uploader, so nobody else's token opens it. Files older than a day are swept away.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

from referrals.errors import NotFound

MAX_AGE_SECONDS = 24 * 3600
TOKEN_RE = re.compile(r"[0-9a-f]{32}")


def _folder(folder_path: str) -> Path:
    folder = Path(folder_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _paths(folder_path: str, user_id: int, token: str) -> tuple[Path, Path]:
    if not TOKEN_RE.fullmatch(token):
        raise NotFound("That upload has expired; upload the file again.")
    stem = _folder(folder_path) / f"{int(user_id)}-{token}"
    return stem.with_suffix(".upload"), stem.with_suffix(".json")


def save_upload(folder_path: str, user_id: int, data: bytes, meta: dict[str, Any]) -> str:
    sweep(folder_path)
    token = secrets.token_hex(16)
    body, info = _paths(folder_path, user_id, token)
    body.write_bytes(data)
    info.write_text(json.dumps(meta))
    return token


def load_upload(folder_path: str, user_id: int, token: str) -> tuple[bytes, dict[str, Any]]:
    body, info = _paths(folder_path, user_id, token)
    try:
        return body.read_bytes(), json.loads(info.read_text())
    except (OSError, ValueError):
        raise NotFound("That upload has expired; upload the file again.") from None


def discard_upload(folder_path: str, user_id: int, token: str) -> None:
    for path in _paths(folder_path, user_id, token):
        path.unlink(missing_ok=True)


def sweep(folder_path: str, now: float | None = None) -> None:
    limit = (now or time.time()) - MAX_AGE_SECONDS
    for path in _folder(folder_path).iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue
