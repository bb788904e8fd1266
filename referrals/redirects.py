"""Following a `next` (or "back") address from a request without making an open redirect."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_NEXT_LENGTH = 2000


def is_safe_path(target: str | None) -> bool:
    """Whether `target` is a path on this site that a browser cannot read as another site.

    Browsers drop tabs and newlines anywhere in a URL, strip leading controls and spaces,
    and read a backslash as a slash, so ``/\\t/evil.example`` and ``/\\\\evil.example`` both
    become ``//evil.example``: any control character or backslash is refused outright rather
    than cleaned up. What is left must be a path starting with one slash, with no scheme and
    no host.

    Examples
    --------
    >>> is_safe_path("/people/3?tab=ties#notes")
    True
    >>> [is_safe_path(t) for t in ("//evil.example", "/\\\\evil.example", "/\\t/evil.example",
    ...                            "/\\n/evil", "https://evil.example/", "javascript:alert(1)",
    ...                            " /x", "people/3", "", None)]
    [False, False, False, False, False, False, False, False, False, False]
    """
    if not target or len(target) > MAX_NEXT_LENGTH:
        return False
    if "\\" in target or any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in target):
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:  # e.g. an unbalanced "[" urlsplit reads as an IPv6 host
        return False
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default: str) -> str:
    """`target` when it is a safe path on this site (see `is_safe_path`), else `default`.

    >>> safe_next("/today", "/")
    '/today'
    >>> safe_next("//evil.example", "/")
    '/'
    """
    return target if is_safe_path(target) else default  # type: ignore[return-value]
