"""A long alternation of phrases, regrouped by the letter each phrase can start with.

Python's ``re`` tries every alternative of ``(?:a|b|…)`` in turn at each place it looks, and
with ``IGNORECASE`` it cannot skip one by its first letter. The phrase families of the
message check (:func:`referrals.outreach.phrases.families`) have two to three hundred
alternatives and were most of the check's time. :func:`by_first_letter` writes the same
alternation as one group per first letter, each behind a one-character look-ahead, so a
place is tried against the dozen alternatives that can start there instead of all of them.

It matches exactly what the plain alternation matches, at the same place and with the same
extent: at any place, the group of its character holds every alternative that could match
there, in their first order (an alternative whose first letter is not known is in every
group, and in a last group of its own), so the first that matches is the one the plain
alternation would have taken.

>>> plain = re.compile(r"\\bno reply\\b|\\b(?:just )?checking in\\b|\\b\\w+ed you twice\\b", re.I)
>>> grouped = re.compile(by_first_letter(alternatives(plain.pattern)), re.I)
>>> grouped.pattern.startswith("(?=c)")
True
>>> [grouped.search(s).group(0) for s in ("No reply yet", "Just checking in", "I called you twice")]
['No reply', 'Just checking in', 'called you twice']
"""

from __future__ import annotations

import re
from re import _constants as _c  # the parser's own names: there is no public AST
from re import _parser
from typing import Any

__all__ = ["alternatives", "by_first_letter", "first_letters"]

_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_SURE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789#")


def alternatives(pattern: str) -> list[str]:
    """`pattern` cut at its top-level bars (not those in groups, classes or escaped).

    >>> alternatives(r"no (?:reply|word)|[|] bar|a\\|b|c")
    ['no (?:reply|word)', '[|] bar', 'a\\\\|b', 'c']
    """
    pieces, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i + 1)  # "[]…]" and "[^]…]" hold a literal "]"
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    pieces.append(pattern[start:])
    return pieces


def _chars(op: Any, av: Any) -> frozenset[str] | None:
    # One character, or a class of them: lower-cased when all are letters, digits or "#".
    items = [(op, av)] if op is _c.LITERAL else av
    got: set[str] = set()
    for kind, value in items:
        if kind is _c.LITERAL:
            got.add(chr(value).lower())
        elif kind is _c.RANGE and value[1] < 128:
            got.update(chr(c).lower() for c in range(value[0], value[1] + 1))
        else:
            return None
    return frozenset(got) if got <= _SURE else None


def _starts(items: Any) -> tuple[frozenset[str] | None, bool]:
    """The characters a match of the parsed `items` can start with (None: not known), and
    whether it can match the empty string."""
    firsts: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL or op is _c.IN:
            got = _chars(op, av)
            return (None if got is None else frozenset(firsts | got)), False
        if op is _c.SUBPATTERN:
            got, empty = _starts(av[-1])
        elif op is _c.BRANCH:
            starts = [_starts(alt) for alt in av[1]]
            got = (None if any(s is None for s, _ in starts)
                   else frozenset().union(*(s for s, _ in starts if s is not None)))
            empty = any(e for _, e in starts)
        elif op in _REPEATS:
            got, empty = _starts(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if got is None:
            return None, False
        firsts |= got
        if not empty:
            return frozenset(firsts), False
    return frozenset(firsts), True


def first_letters(piece: str, flags: int = re.I) -> frozenset[str] | None:
    """The characters (lower-case letters, digits, "#") a match of `piece` can start with;
    None when it could start with any other or match the empty string.

    >>> sorted(first_letters(r"\\b(?:just |to )?check(?:ing)? in\\b"))
    ['c', 'j', 't']
    >>> first_letters(r"\\b\\w+ed you twice"), first_letters(r"(?:and )?")
    (None, None)
    """
    letters, empty = _starts(_parser.parse(piece, flags))
    return None if empty else letters


def by_first_letter(pieces: list[str], flags: int = re.I) -> str:
    """The alternation of `pieces` (in this order) as one group per first character, for a
    case-insensitive pattern (the groups' look-aheads are written in lower case)."""
    if not flags & re.I:
        raise ValueError("by_first_letter needs re.IGNORECASE")
    starts = [first_letters(piece, flags) for piece in pieces]
    letters = sorted(set().union(*(s for s in starts if s is not None)))
    groups = [f"(?={re.escape(c)})(?:"
              + "|".join(p for p, s in zip(pieces, starts, strict=True) if s is None or c in s)
              + ")" for c in letters]
    anywhere = [p for p, s in zip(pieces, starts, strict=True) if s is None]
    if anywhere:
        groups.append("(?:" + "|".join(anywhere) + ")")
    return "|".join(groups)
