"""Checks on text the app stores: what a one-line field (a name, company, title, phone,
e-mail) must not hold, and what makes a web address. Pure functions; the forms, the API
schemas and the import share them."""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_ADDRESS_MESSAGE = "Enter a web address that starts with https:// or http://."

LINE_BREAKS = frozenset("\r\n\x0b\x0c\x85\u2028\u2029")
# Embeddings, overrides and isolates: they reorder how the text around them is shown, so
# "Acme\u202egnp.exe" displays as "Acmeexe.png" – a name can pretend to be something else.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F  # C0, DEL and C1


def one_line_problem(value: str) -> str | None:
    """What is wrong with `value` as one line of text, in words for the person who typed it,
    or None when nothing is.

    Examples
    --------
    >>> one_line_problem("Zoë O'Brien-Åberg, 日本")
    >>> one_line_problem("Ann\\r\\nBcc: x@example.com")
    'Keep this on one line: remove the line break.'
    >>> one_line_problem("Acme\\u202egnp.exe")[:54]
    'Remove the invisible text-direction character (U+202E)'
    >>> one_line_problem("a\\tb")
    'Remove the invisible control character (U+0009).'
    """
    for char in value:
        if char in LINE_BREAKS:
            return "Keep this on one line: remove the line break."
        if char in BIDI_CONTROLS:
            return (f"Remove the invisible text-direction character (U+{ord(char):04X}); "
                    "it can make text read in a misleading order.")
        if _is_control(char):
            return f"Remove the invisible control character (U+{ord(char):04X})."
    return None


def web_address_problem(value: str) -> str | None:
    """What keeps `value` from being an http(s) address a browser can open, or None.

    Only http and https: a link shown on a page must not run script (``javascript:``) or
    open a file or an app.

    Examples
    --------
    >>> web_address_problem("https://www.linkedin.com/in/zoe-angstrom")
    >>> web_address_problem("javascript:alert(1)") == WEB_ADDRESS_MESSAGE
    True
    >>> web_address_problem("www.linkedin.com/in/zoe") == WEB_ADDRESS_MESSAGE
    True
    >>> web_address_problem("https://exa mple.com") == WEB_ADDRESS_MESSAGE
    True
    """
    if one_line_problem(value) or any(char.isspace() for char in value):
        return WEB_ADDRESS_MESSAGE
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # a malformed port or IPv6 address
        return WEB_ADDRESS_MESSAGE
    if parts.scheme.lower() not in ("http", "https") or not host:
        return WEB_ADDRESS_MESSAGE
    return None
