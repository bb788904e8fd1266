"""Retired graphs are freed a slice at a time, in a thread of their own.

When a rebuilt graph (or one moved to a new day) replaces a team's graph, the old one is
freed as soon as nobody holds it. Freeing a million people's rows, and their index's, is
one long run of deallocations – about a second at 1,000,000 people / 10,000,000 ties –
that holds the interpreter's lock throughout, in whichever thread lets go last: often a
request that was reading the old graph.

:func:`retire` hands the old graph to a reaper thread instead. The reaper takes its own
references to the graph's rows and attribute dicts, waits until nobody else holds the
graph (a request may still be reading it), lets the graph go – its top-level dicts and its
index then go, while the rows themselves live on in the reaper's list – and then drops the
rows :data:`STEP` at a time, yielding the lock between slices. The reaper never changes a
graph: a graph still read by someone when the reaper gives up waiting
(:data:`WAIT_SECONDS`) is only let go, and freed whenever its last reader lets go, as
before.

A graph in a reference cycle (networkx caches views of a graph on the graph itself; the
build's :class:`~referrals.graph.build.TeamGraph` does not) is always held by someone, so
the reaper waits out :data:`WAIT_SECONDS` for it.

Examples
--------
>>> from referrals.graph.build import TeamGraph
>>> import networkx as nx
>>> G = nx.path_graph(5, create_using=TeamGraph)
>>> retire(G)
>>> del G
>>> wait_for_reaper(timeout=5)
True
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque

import networkx as nx

__all__ = ["STEP", "WAIT_SECONDS", "retire", "wait_for_reaper"]

#: Rows (or attribute dicts) freed per slice: about a millisecond of deallocation.
STEP = 2_000
#: How long the reaper waits for the graph's last reader before it just lets go.
WAIT_SECONDS = 300.0
#: How often it looks whether the last reader is done.
POLL_SECONDS = 0.05

_queue: deque[nx.Graph] = deque()
_lock = threading.Lock()
_idle = threading.Event()
_idle.set()
_thread: threading.Thread | None = None


def retire(G: nx.Graph) -> None:
    """Let the reaper free ``G`` once nobody else holds it (the caller should let go too)."""
    global _thread
    with _lock:
        _queue.append(G)
        _idle.clear()
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_reap, name="graph-reaper", daemon=True)
            _thread.start()


def wait_for_reaper(timeout: float | None = None) -> bool:
    """True once every retired graph has been freed (for tests and benchmarks)."""
    return _idle.wait(timeout)


def _reap() -> None:
    while True:
        with _lock:
            if not _queue:
                _idle.set()
                return
            graph = _queue.popleft()
        # Our own references to what takes long to free: the rows and attribute dicts.
        held = [*graph._adj.values(), *graph._node.values()]
        deadline = time.monotonic() + WAIT_SECONDS
        # 2: the name `graph` and getrefcount's own argument – nobody else holds it then.
        while sys.getrefcount(graph) > 2 and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
        del graph  # the top-level dicts and the index go now; the rows are still in `held`
        while held:
            del held[-STEP:]
            time.sleep(0)  # let a waiting request have the lock between slices
