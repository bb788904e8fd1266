"""The team graph's small encodings: a tie as one int, and the node key of a group.

A relationship's kind, rating and date of last interaction pack into one int, its *tie
code* (:func:`tie_code`), which the database computes too, so ties reach the build as three
ints each. A person's node is their (positive) id; a group's node is its id negated
(:func:`group_node`), so the two never collide.
"""

from __future__ import annotations

from datetime import date

from referrals.vocab import TIE_KINDS

__all__ = [
    "KIND_SLOTS",
    "MEMBER",
    "RATING_SLOTS",
    "TIE_CODE_KINDS",
    "decode_tie",
    "group_id",
    "group_node",
    "is_group",
    "tie_code",
]

#: Edge kind of a person-group edge.
MEMBER = "member"

#: Index of each kind in a tie code (see :func:`tie_code`); the database's SQL uses it too.
TIE_CODE_KINDS = {kind: i for i, kind in enumerate(TIE_KINDS)}
#: A tie code is ``(ordinal * RATING_SLOTS + rating) * KIND_SLOTS + kind index``.
RATING_SLOTS = 8
KIND_SLOTS = 16
assert len(TIE_KINDS) <= KIND_SLOTS


def tie_code(kind: str, rating: int, last: date | None) -> int:
    """A relationship's (kind, rating, last interaction) as one int.

    ``(ordinal * 8 + rating) * 16 + kind index``, where ordinal is ``last.toordinal()`` (0
    for no date) and the kind index is :data:`TIE_CODE_KINDS`. The database computes the same
    number in SQL (``referrals.paths.cache``), so a million ties reach Python as three ints
    each, and the build memoises edge attributes on an int rather than on a tuple of strings.

    Raises
    ------
    ValueError
        For an unknown kind or a rating that is not an int from 1 to 5.

    Examples
    --------
    >>> tie_code("customer", 5, None), tie_code("friend", 4, date(2024, 6, 1))
    (80, 94596930)
    >>> decode_tie(tie_code("friend", 4, date(2024, 6, 1)))
    ('friend', 4, datetime.date(2024, 6, 1))
    """
    index = TIE_CODE_KINDS.get(kind)
    if index is None:
        raise ValueError(f"unknown relationship kind {kind!r}")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValueError(f"rating must be an int from 1 to 5, not {rating!r}")
    ordinal = last.toordinal() if last is not None else 0
    return (ordinal * RATING_SLOTS + rating) * KIND_SLOTS + index


def decode_tie(code: int) -> tuple[str, int, date | None]:
    """The (kind, rating, last interaction) of a :func:`tie_code`.

    Raises
    ------
    ValueError
        If ``code`` is not one that :func:`tie_code` makes.

    Examples
    --------
    >>> decode_tie(80)
    ('customer', 5, None)
    >>> decode_tie(7)
    Traceback (most recent call last):
    ...
    ValueError: 7 is not a tie code
    """
    if isinstance(code, bool) or not isinstance(code, int) or code < 0:
        raise ValueError(f"{code!r} is not a tie code")
    rest, index = divmod(code, KIND_SLOTS)
    ordinal, rating = divmod(rest, RATING_SLOTS)
    if index >= len(TIE_KINDS) or not 1 <= rating <= 5:
        raise ValueError(f"{code!r} is not a tie code")
    return TIE_KINDS[index], rating, date.fromordinal(ordinal) if ordinal else None


def check_id(value: object, what: str) -> None:
    """Raise ValueError unless ``value`` is a positive int (a bool is not): a person or group id.

    Examples
    --------
    >>> check_id(7, "group id")
    >>> check_id(0, "group id")
    Traceback (most recent call last):
    ...
    ValueError: group id must be a positive int, not 0
    """
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{what} must be a positive int, not {value!r}")


def group_node(gid: int) -> int:
    """Node key of group ``gid``: its id negated, so it never collides with a person id.

    Examples
    --------
    >>> group_node(7)
    -7
    """
    check_id(gid, "group id")
    return -gid


def is_group(node: int) -> bool:
    """True for a group node (negative key).

    Examples
    --------
    >>> is_group(-7), is_group(7)
    (True, False)
    """
    return node < 0


def group_id(node: int) -> int:
    """Group id of a group node.

    Examples
    --------
    >>> group_id(-7)
    7
    """
    if node >= 0:
        raise ValueError(f"{node!r} is not a group node")
    return -node
