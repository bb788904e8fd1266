"""Tie strength: the one place where a relationship or a group membership becomes a number.

Every constant of the model lives in :class:`TieParams`; teams may override them (stored as
JSON via :meth:`TieParams.to_dict` / :meth:`TieParams.from_dict`), and
:func:`describe_tie_model` explains the model, with the team's actual numbers, in words a
sales rep reads.

The model, for a relationship::

    strength = kind weight x rating factor x recency factor

* kind weight: one number in (0, 1] per kind of relationship;
* rating factor: ``rating_low ** ((5 - rating) / 4)``, so a 5-star tie keeps its full
  weight and a 1-star tie keeps ``rating_low`` of it (geometric steps in between);
* recency factor: ``max(decay_floor, 0.5 ** (days since last interaction / half_life_days))``,
  and 1 when the date is unknown (no date means no decay) or in the future.

For a group membership (association, event, company)::

    strength = group kind weight x min(1, (small_group / size) ** size_exponent)

so a 20-person dinner makes a stronger bond than a 5,000-member association. A path through a
group uses two membership edges (person -> group -> person).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

import numpy as np

from referrals.vocab import GROUP_KINDS, KIND_LABELS, TIE_KINDS


@dataclass(frozen=True)
class TieParams:
    """Every constant of the tie-strength model.

    Kind weights (``customer`` ... ``teammate``, ``association``, ``event``, ``company``) are in
    (0, 1]. ``rating_low`` is the share of its kind weight a 1-star tie keeps (5 stars keep
    all of it). ``half_life_days``: after this many days without contact a tie counts half.
    ``decay_floor``: an old tie never falls below this share, so it never reaches 0.
    ``teammate_rating``: the rating assumed for the implicit tie between two users of a team.
    ``small_group`` and ``size_exponent``: a group of ``small_group`` members or fewer keeps
    its full weight; a bigger one is scaled by ``(small_group / size) ** size_exponent``.

    Examples
    --------
    >>> p = TieParams()
    >>> p.half_life_days
    365.0
    >>> TieParams.from_dict({"half_life_days": 180}).half_life_days
    180.0
    >>> TieParams.from_dict(p.to_dict()) == p
    True
    """

    customer: float = 0.9
    referral: float = 0.85
    friend: float = 0.85
    family: float = 0.9
    colleague: float = 0.75
    former_colleague: float = 0.6
    acquaintance: float = 0.4
    teammate: float = 0.8
    association: float = 0.5
    event: float = 0.6
    company: float = 0.7
    rating_low: float = 0.3
    half_life_days: float = 365.0
    decay_floor: float = 0.25
    teammate_rating: int = 4
    small_group: int = 10
    size_exponent: float = 0.5

    def to_dict(self) -> dict[str, float | int]:
        """The parameters as a JSON-ready dict (every field, even the defaults).

        Examples
        --------
        >>> TieParams().to_dict()["rating_low"]
        0.3
        """
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> TieParams:
        """Validated parameters from a (possibly partial) dict; missing fields keep defaults.

        Raises
        ------
        ValueError
            With ``args[0]`` a dict ``{field: [message, ...]}`` naming every bad field
            (unknown names included).

        Examples
        --------
        >>> TieParams.from_dict({"friend": 0.7}).friend
        0.7
        >>> try:
        ...     TieParams.from_dict({"friend": 2, "colour": "red"})
        ... except ValueError as exc:
        ...     sorted(exc.args[0])
        ['colour', 'friend']
        """
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError({"__all__": ["Settings must be an object of named numbers."]})
        errors: dict[str, list[str]] = {}
        values: dict[str, float | int] = {}
        known = {f.name for f in fields(cls)}
        for name in sorted(set(data) - known, key=str):
            errors[str(name)] = ["Unknown setting."]
        for name in sorted(known & set(data)):
            message, value = _check_field(name, data[name])
            if message:
                errors[name] = [message]
            else:
                values[name] = value
        if errors:
            raise ValueError(errors)
        return cls(**values)

    def kind_weight(self, kind: str) -> float:
        """Weight of a relationship or group kind; ValueError for an unknown kind."""
        if kind not in _KIND_FIELDS:
            raise ValueError(f"unknown kind {kind!r}")
        return float(getattr(self, kind))


_KIND_FIELDS = frozenset(TIE_KINDS) | frozenset(GROUP_KINDS)
_RANGES: dict[str, tuple[float, float, str]] = {
    # name: (low exclusive, high inclusive, message)
    "rating_low": (0.0, 1.0, "Must be more than 0 and at most 1."),
    "half_life_days": (0.0, 36500.0, "Must be more than 0 and at most 36500 days."),
    "decay_floor": (0.0, 1.0, "Must be more than 0 and at most 1."),
    "size_exponent": (0.0, 2.0, "Must be more than 0 and at most 2."),
}


def _check_field(name: str, value: Any) -> tuple[str | None, float | int]:
    """(error message or None, cleaned value) for one field of TieParams."""
    # bool is an int subclass; true/false in JSON is never a meaningful number here.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "Must be a number.", 0
    if not math.isfinite(value):
        return "Must be a finite number.", 0
    if name == "teammate_rating":
        if value != int(value) or not 1 <= value <= 5:
            return "Must be a whole number from 1 to 5.", 0
        return None, int(value)
    if name == "small_group":
        if value != int(value) or not 1 <= value <= 100_000:
            return "Must be a whole number from 1 to 100000.", 0
        return None, int(value)
    low, high, message = _RANGES.get(name, (0.0, 1.0, "Must be more than 0 and at most 1."))
    if not low < value <= high:
        return message, 0
    return None, float(value)


DEFAULT_PARAMS = TieParams()


def rating_factor(rating: int, params: TieParams = DEFAULT_PARAMS) -> float:
    """Share of the kind weight a tie of this rating keeps: 1 at 5 stars, ``rating_low`` at 1.

    Examples
    --------
    >>> rating_factor(5)
    1.0
    >>> round(rating_factor(1), 2)
    0.3
    """
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValueError(f"rating must be an int from 1 to 5, not {rating!r}")
    return float(params.rating_low ** ((5 - rating) / 4))


def recency_factor(
    last_interaction: date | None, today: date, params: TieParams = DEFAULT_PARAMS
) -> float:
    """Decay for time since the last interaction: halves every ``half_life_days``, floored.

    Examples
    --------
    >>> recency_factor(None, date(2024, 1, 1))
    1.0
    >>> recency_factor(date(2023, 1, 1), date(2024, 1, 1))
    0.5
    >>> recency_factor(date(1990, 1, 1), date(2024, 1, 1))
    0.25
    """
    if last_interaction is None:
        return 1.0
    days = (today - last_interaction).days
    if days <= 0:  # a date in the future (typo or time zone) must not make a tie stronger
        return 1.0
    return max(params.decay_floor, 0.5 ** (days / params.half_life_days))


def tie_strength(
    kind: str,
    rating: int,
    last_interaction: date | None,
    *,
    today: date,
    params: TieParams = DEFAULT_PARAMS,
) -> float:
    """Strength in (0, 1] of one relationship.

    Parameters
    ----------
    kind : str
        One of :data:`TIE_KINDS` (the relationship kinds plus ``"teammate"``).
    rating : int
        1 (barely know) to 5 (close).
    last_interaction : date or None
        Date of the last contact; None means unknown, which does not decay.
    today : date
        The day the strength is computed for.
    params : TieParams
        The model's constants.

    Returns
    -------
    float
        ``kind weight x rating factor x recency factor``; a higher rating never gives a
        weaker tie, all else equal.

    Raises
    ------
    ValueError
        For an unknown kind or a rating outside 1..5.

    Examples
    --------
    >>> tie_strength("customer", 5, None, today=date(2024, 6, 1))
    0.9
    >>> round(tie_strength("friend", 3, date(2023, 6, 1), today=date(2024, 6, 1)), 3)
    0.232
    """
    if kind not in TIE_KINDS:
        raise ValueError(f"unknown relationship kind {kind!r}")
    return (
        params.kind_weight(kind)
        * rating_factor(rating, params)
        * recency_factor(last_interaction, today, params)
    )


def tie_strengths(
    kinds: np.ndarray, ratings: np.ndarray, lasts: np.ndarray, *, today: date,
    params: TieParams = DEFAULT_PARAMS,
) -> np.ndarray:
    """:func:`tie_strength` of many ties at once: the very same floats, vectorised.

    ``kinds`` are indexes into :data:`TIE_KINDS`, ``ratings`` 1 to 5, ``lasts`` the dates'
    ``toordinal()`` (0 for none). Each strength is the same three factors multiplied in the
    same order (a float64 product rounds as Python's does); the kind-and-rating factor and
    the recency of each distinct date are computed by the scalar functions above. Inputs are
    not checked: they come from ties that were.

    Examples
    --------
    >>> day, last = date(2024, 6, 1), date(2023, 6, 1)
    >>> kinds = np.array([TIE_KINDS.index("friend"), TIE_KINDS.index("customer")])
    >>> got = tie_strengths(kinds, np.array([3, 5]), np.array([last.toordinal(), 0]), today=day)
    >>> got.tolist() == [tie_strength("friend", 3, last, today=day), 0.9]
    True
    """
    base = np.array([[params.kind_weight(kind) * rating_factor(rating, params)
                      for rating in range(1, 6)] for kind in TIE_KINDS])
    days, at = np.unique(lasts, return_inverse=True)
    recency = np.array([recency_factor(date.fromordinal(d) if d else None, today, params)
                        for d in days.tolist()], dtype=np.float64)
    return base[kinds, ratings - 1] * recency[at.reshape(-1)]


def membership_strength(
    group_kind: str, group_size: int, params: TieParams = DEFAULT_PARAMS
) -> float:
    """Strength in (0, 1] of one person's membership of a group of ``group_size`` members.

    Raises
    ------
    ValueError
        For an unknown group kind or a negative size.

    Examples
    --------
    >>> round(membership_strength("event", 20), 3)
    0.424
    >>> round(membership_strength("association", 5000), 4)
    0.0224
    """
    if group_kind not in GROUP_KINDS:
        raise ValueError(f"unknown group kind {group_kind!r}")
    if isinstance(group_size, bool) or not isinstance(group_size, int) or group_size < 0:
        raise ValueError(f"group size must be a non-negative int, not {group_size!r}")
    size_factor = min(1.0, (params.small_group / max(group_size, 1)) ** params.size_exponent)
    return params.kind_weight(group_kind) * size_factor


def describe_tie_model(params: TieParams = DEFAULT_PARAMS) -> list[tuple[str, str]]:
    """Headings and sentences explaining the model with the team's numbers, for a sales rep.

    Examples
    --------
    >>> sections = describe_tie_model()
    >>> sections[0][0]
    'What a tie strength is'
    >>> any("365 days" in text for _, text in sections)
    True
    """
    return [
        _WHAT_A_STRENGTH_IS,
        _kind_section(params),
        _rating_section(params),
        _recency_section(params),
        _group_section(params),
        _WARM_PATHS,
        _example_section(params),
    ]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


_WHAT_A_STRENGTH_IS = (
    "What a tie strength is",
    "Every relationship gets a number between 0 and 1: close to 1 means the person "
    "would gladly take a call for you, close to 0 means they barely know the other "
    "person. It is the kind of relationship, times its rating, times how recent the "
    "last contact was.",
)

_WARM_PATHS = (
    "Warm paths",
    "A path's warmth is the product of the strengths of its links, so every extra "
    "introduction costs warmth. Going through a group counts as two links (you to "
    "the group, the group to them). People who asked not to be contacted are never "
    "asked to pass you on.",
)


def _kind_section(p: TieParams) -> tuple[str, str]:
    kinds = sorted(TIE_KINDS, key=lambda k: (-p.kind_weight(k), k))
    kind_list = ", ".join(f"{KIND_LABELS[k]} {p.kind_weight(k):.2f}" for k in kinds)
    return (
        "Kind of relationship",
        f"Each kind starts from its own weight: {kind_list}. Two users of the same team "
        f"are joined as teammates, rated {p.teammate_rating} stars.",
    )


def _rating_section(p: TieParams) -> tuple[str, str]:
    stars = ", ".join(f"{r} stars {_pct(rating_factor(r, p))}" for r in (5, 4, 3, 2, 1))
    return (
        "Rating",
        f"The 1-to-5 rating keeps part of that weight: {stars}. A better rating never "
        "makes a tie weaker.",
    )


def _recency_section(p: TieParams) -> tuple[str, str]:
    one_hl = 0.5
    two_hl = max(p.decay_floor, 0.25)
    return (
        "How recent",
        f"A tie fades when you stop talking: after {p.half_life_days:g} days without "
        f"contact it counts {_pct(one_hl)}, after {2 * p.half_life_days:g} days "
        f"{_pct(two_hl)}, and however old it gets it never drops below "
        f"{_pct(p.decay_floor)}. A relationship with no date of last contact does not fade.",
    )


def _group_section(p: TieParams) -> tuple[str, str]:
    group_list = ", ".join(f"{KIND_LABELS[k]} {p.kind_weight(k):.2f}" for k in GROUP_KINDS)
    sizes = (p.small_group, 20, 200, 5000)
    size_list = ", ".join(
        f"{s} members {_pct(min(1.0, (p.small_group / s) ** p.size_exponent))}" for s in sizes
    )
    dinner = membership_strength("event", 20, p)
    big = membership_strength("association", 5000, p)
    return (
        "Shared groups",
        f"Belonging to the same group is a weaker link, and weaker the bigger the group. "
        f"Weights: {group_list}; the group's size then keeps {size_list}. So a "
        f"20-person event gives each member a link of {dinner:.2f}, a 5,000-member "
        f"association only {big:.3f}.",
    )


def _example_section(p: TieParams) -> tuple[str, str]:
    example_day = date(2024, 7, 1)
    example = tie_strength("customer", 4, date(2024, 1, 1), today=example_day, params=p)
    return (
        "An example",
        f"A customer rated 4 stars whom you last spoke to six months ago: "
        f"{p.customer:.2f} x {_pct(rating_factor(4, p))} x "
        f"{_pct(recency_factor(date(2024, 1, 1), example_day, p))} = {example:.2f}.",
    )
