"""Bytes of an uploaded file to text: BOMs, UTF-8, UTF-16, a detected legacy encoding, Latin-1."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from referrals.errors import ValidationFailed

# Checked longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of files people upload by mistake, with what to do instead.
SIGNATURES = (
    (b"PK\x03\x04", "That is a spreadsheet or ZIP file; save it as CSV and upload that."),
    (b"\xd0\xcf\x11\xe0", "That is an old Excel or Word file; save it as CSV and upload that."),
    (b"%PDF", "That is a PDF; upload a CSV or vCard file instead."),
)
DETECT_SAMPLE = 256 * 1024  # bytes handed to the detector; enough to tell, fast on big files
MAX_CONTROL_RATIO = 0.01
WESTERN = ("cp1252", "latin_1", "iso8859_15", "mac_roman")


class UnreadableFile(ValidationFailed):
    """The upload is empty, binary or not text in any encoding we can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message, {"file": [message]})


def decode(data: bytes) -> str:
    """The text of `data`, whatever its encoding; `UnreadableFile` when it is not text.

    >>> decode("Zoë".encode("utf-8-sig")), decode("Zoë".encode("utf-16"))
    ('Zoë', 'Zoë')
    >>> decode("Zoë Ångström, Café Olé".encode("latin-1"))
    'Zoë Ångström, Café Olé'
    """
    if not data.strip():
        raise UnreadableFile("The file is empty.")
    for signature, message in SIGNATURES:
        if data.startswith(signature):
            raise UnreadableFile(message)
    text = _decode(data)
    if text is None or "\x00" in text or _control_ratio(text) > MAX_CONTROL_RATIO:
        raise UnreadableFile("That file is not text; upload a CSV or vCard file.")
    if not text.strip():
        raise UnreadableFile("The file is empty.")
    return text


def _decode(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data[:DETECT_SAMPLE]))
    if matches:
        # A short file with a few accents reads as well in several code pages; exports
        # from Western Windows and Mac tools are cp1252 or Latin-1, so those win a near tie.
        best = matches[0]
        western = [m for m in matches if m.encoding in WESTERN and m.chaos <= best.chaos + 0.05]
        for match in western[:1] + [best]:
            try:
                return data.decode(match.encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    if b"\x00" in data:
        return None  # not UTF-16 (the detector would have said), so binary
    return data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _control_ratio(text: str) -> float:
    sample = text[:DETECT_SAMPLE]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls / max(len(sample), 1)
