"""How deeply JSON text nests, found with a cheap scan before any parser recurses into it.

A parser recurses once per `[` or `{`: `{"a":` repeated 100,000 times would exhaust Python's
stack (a RecursionError, a 500). The scan counts nesting outside strings without recursing and
stops at the first bracket past the limit, so a hostile document costs microseconds.
"""

from __future__ import annotations

import re

MAX_DEPTH = 64  # a team export nests 5 deep, an API body 3
# Possessive quantifiers, and an unterminated string runs to the end of the text: linear on
# any input (a backtracking pattern is quadratic on '"\\' repeated).
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"?', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether `text` opens more than `limit` arrays and objects inside one another.

    Brackets inside strings don't count; the text need not be valid JSON (the parser says
    what else is wrong with it).

    >>> too_deep('{"a": [1, {"b": "[[[["}]}', limit=3)
    False
    >>> too_deep('{"a":' * 100_000, limit=64)
    True
    >>> too_deep('[[[]]]', limit=2)
    True
    """
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False
