"""The reaper: a retired graph's rows are freed in its thread, a slice at a time, and only
once nobody else holds the graph; it never changes a graph."""

from __future__ import annotations

import threading
import time

import networkx as nx
import pytest

from referrals.graph import retire as retire_module
from referrals.graph.build import TeamGraph
from referrals.graph.retire import retire, wait_for_reaper

freed: list[tuple[str, float]] = []


class Row(dict):
    """An adjacency row that notes which thread freed it, and when."""

    def __del__(self) -> None:
        freed.append((threading.current_thread().name, time.perf_counter()))


def _graph(n: int) -> nx.Graph:
    G = nx.path_graph(n, create_using=TeamGraph)  # no cached views: no reference cycle
    for u in list(G._adj):
        G._adj[u] = Row(G._adj[u])
    return G


@pytest.fixture(autouse=True)
def _fresh():
    freed.clear()
    yield
    assert wait_for_reaper(timeout=10)


def test_a_retired_graphs_rows_are_freed_by_the_reaper_in_slices(monkeypatch):
    monkeypatch.setattr(retire_module, "STEP", 10)
    slept = []
    real_sleep = time.sleep
    monkeypatch.setattr(retire_module.time, "sleep", lambda s: (slept.append(s), real_sleep(s)))
    G = _graph(100)
    retire(G)
    del G  # the caller lets go: without the reaper, the rows would be freed here, at once
    assert wait_for_reaper(timeout=10)
    assert len(freed) == 100
    assert {name for name, _ in freed} == {"graph-reaper"}
    assert slept.count(0) >= 100 // 10  # the lock offered to others between slices


def test_a_graph_still_read_is_left_whole_until_its_reader_lets_go(monkeypatch):
    monkeypatch.setattr(retire_module, "POLL_SECONDS", 0.01)
    G = _graph(50)
    reader = G  # a request still reading the retired graph
    retire(G)
    del G
    time.sleep(0.1)
    assert freed == [] and len(reader) == 50 and reader.number_of_edges() == 49
    assert all(isinstance(row, Row) for row in reader._adj.values())
    del reader
    assert wait_for_reaper(timeout=10)
    assert len(freed) == 50 and {name for name, _ in freed} == {"graph-reaper"}


def test_the_reaper_gives_up_waiting_without_changing_the_graph(monkeypatch):
    monkeypatch.setattr(retire_module, "WAIT_SECONDS", 0.05)
    monkeypatch.setattr(retire_module, "POLL_SECONDS", 0.01)
    G = _graph(30)
    reader = G
    retire(G)
    del G
    assert wait_for_reaper(timeout=10)
    assert freed == [] and reader.number_of_edges() == 29  # nothing taken apart
    del reader
    assert len(freed) == 30 and {name for name, _ in freed} == {"MainThread"}
