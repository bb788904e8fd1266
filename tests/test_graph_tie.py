"""Tie strength: the formula's properties, its settings, and its plain-words description."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referrals.graph.tie import (
    DEFAULT_PARAMS,
    TieParams,
    describe_tie_model,
    membership_strength,
    tie_strength,
)
from referrals.vocab import GROUP_KINDS, TIE_KINDS

TODAY = date(2024, 6, 1)

dates = st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 1, 1)))
weights = st.floats(min_value=0.01, max_value=1.0)


@st.composite
def params(draw) -> TieParams:
    data = {kind: draw(weights) for kind in (*TIE_KINDS, *GROUP_KINDS)}
    data.update(
        rating_low=draw(weights),
        half_life_days=draw(st.floats(min_value=1, max_value=3650)),
        decay_floor=draw(weights),
        teammate_rating=draw(st.integers(1, 5)),
        small_group=draw(st.integers(1, 100)),
        size_exponent=draw(st.floats(min_value=0.05, max_value=2)),
    )
    return TieParams.from_dict(data)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TIE_KINDS), st.integers(1, 4), st.integers(1, 4), dates, params())
def test_higher_rating_never_weaker(kind, low, step, last, p):
    high = min(5, low + step)
    weak = tie_strength(kind, low, last, today=TODAY, params=p)
    strong = tie_strength(kind, high, last, today=TODAY, params=p)
    assert weak <= strong


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TIE_KINDS), st.integers(1, 5), dates, params())
def test_strength_is_in_unit_interval_and_never_zero(kind, rating, last, p):
    s = tie_strength(kind, rating, last, today=TODAY, params=p)
    assert 0 < s <= 1
    assert math.isfinite(-math.log(s))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TIE_KINDS), st.integers(1, 5), st.integers(0, 20000), st.integers(0, 20000))
def test_older_contact_never_stronger(kind, rating, days_a, days_b):
    near, far = sorted((days_a, days_b))
    recent = tie_strength(kind, rating, TODAY - timedelta(days=near), today=TODAY)
    older = tie_strength(kind, rating, TODAY - timedelta(days=far), today=TODAY)
    assert older <= recent


def test_half_life_floor_and_no_date():
    p = TieParams(half_life_days=100, decay_floor=0.2)
    fresh = tie_strength("friend", 5, None, today=TODAY, params=p)
    assert fresh == p.friend
    assert tie_strength(
        "friend", 5, TODAY - timedelta(days=100), today=TODAY, params=p
    ) == pytest.approx(fresh / 2)
    ancient = tie_strength("friend", 5, date(1900, 1, 1), today=TODAY, params=p)
    assert ancient == pytest.approx(fresh * 0.2)
    # a date in the future does not make a tie stronger than an undated one
    assert tie_strength("friend", 5, TODAY + timedelta(days=30), today=TODAY, params=p) == fresh


def test_kinds_and_ratings_shape_the_number():
    assert tie_strength("family", 5, None, today=TODAY) > tie_strength(
        "acquaintance", 5, None, today=TODAY
    )
    assert tie_strength("customer", 5, None, today=TODAY) == DEFAULT_PARAMS.customer
    one_star = tie_strength("customer", 1, None, today=TODAY)
    assert one_star == pytest.approx(DEFAULT_PARAMS.customer * DEFAULT_PARAMS.rating_low)


def test_small_group_beats_big_association():
    dinner = membership_strength("event", 20)
    association = membership_strength("association", 5000)
    assert dinner > 5 * association > 0
    assert membership_strength("association", 1) == DEFAULT_PARAMS.association


@given(st.sampled_from(GROUP_KINDS), st.integers(0, 10**6), st.integers(0, 10**6))
def test_membership_shrinks_with_size(kind, a, b):
    small, big = sorted((a, b))
    assert 0 < membership_strength(kind, big) <= membership_strength(kind, small) <= 1


@pytest.mark.parametrize(
    ("kind", "rating"),
    [("enemy", 3), ("friend", 0), ("friend", 6), ("friend", 2.5), ("friend", True)],
)
def test_bad_tie_input(kind, rating):
    with pytest.raises(ValueError):
        tie_strength(kind, rating, None, today=TODAY)


@pytest.mark.parametrize(("kind", "size"), [("club", 10), ("event", -1), ("event", 2.0)])
def test_bad_membership_input(kind, size):
    with pytest.raises(ValueError):
        membership_strength(kind, size)


def test_params_round_trip_and_partial():
    p = TieParams(friend=0.7, half_life_days=90)
    assert TieParams.from_dict(p.to_dict()) == p
    assert TieParams.from_dict({}) == DEFAULT_PARAMS
    assert TieParams.from_dict(None) == DEFAULT_PARAMS
    assert TieParams.from_dict({"teammate_rating": 3.0}).teammate_rating == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.friend = 0.1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("friend", 0),
        ("friend", 1.5),
        ("friend", -0.2),
        ("friend", "high"),
        ("friend", True),
        ("friend", float("nan")),
        ("rating_low", 0),
        ("half_life_days", 0),
        ("half_life_days", None),
        ("decay_floor", 2),
        ("teammate_rating", 6),
        ("teammate_rating", 2.5),
        ("small_group", 0),
        ("size_exponent", 0),
        ("colour", 0.5),
    ],
)
def test_from_dict_reports_bad_fields(field, value):
    with pytest.raises(ValueError) as err:
        TieParams.from_dict({field: value, "customer": 0.8})
    errors = err.value.args[0]
    assert isinstance(errors, dict)
    assert list(errors) == [field]
    assert isinstance(errors[field], list) and errors[field] and isinstance(errors[field][0], str)


def test_from_dict_rejects_non_dict():
    with pytest.raises(ValueError) as err:
        TieParams.from_dict([1, 2])  # type: ignore[arg-type]
    assert isinstance(err.value.args[0], dict)


def test_description_uses_the_actual_numbers():
    default = dict(describe_tie_model())
    custom = dict(describe_tie_model(TieParams(half_life_days=200, decay_floor=0.1, friend=0.55)))
    assert "365 days" in default["How recent"]
    assert "200 days" in custom["How recent"] and "10%" in custom["How recent"]
    assert "friend 0.55" in custom["Kind of relationship"]
    assert all(isinstance(h, str) and isinstance(t, str) and t for h, t in describe_tie_model())
    # no code names leak into the rep's page
    assert "former_colleague" not in " ".join(default.values())
