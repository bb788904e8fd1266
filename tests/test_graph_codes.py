"""Tie codes and group node keys: the graph's small encodings."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from referrals.graph.codes import decode_tie, group_id, group_node, is_group, tie_code
from referrals.vocab import TIE_KINDS


def test_a_group_node_is_its_id_negated_and_back():
    assert group_id(group_node(12)) == 12 and is_group(-12) and not is_group(12)
    with pytest.raises(ValueError):
        group_id(5)


@given(
    kind=st.sampled_from(TIE_KINDS),
    rating=st.integers(1, 5),
    last=st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
def test_a_tie_code_holds_its_kind_rating_and_date(kind, rating, last):
    code = tie_code(kind, rating, last)
    assert decode_tie(code) == (kind, rating, last)
    assert code < 2**31  # PostgreSQL computes it in 32-bit integers


@pytest.mark.parametrize("code", [-1, 0, 6, 15, 16 * 6, True, None, "80", 80.0])
def test_a_number_that_is_no_tie_code_raises(code):
    with pytest.raises(ValueError):
        decode_tie(code)
