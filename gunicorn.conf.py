"""gunicorn settings for `make serve` and production: `gunicorn -c gunicorn.conf.py app:app`.

Everything can be overridden from the environment (or on the command line). Each worker
builds the app itself (no preload): the database pool and the graph cache belong to one
process, and the cache follows the team's `graph_version` in the database, so a change made
through one worker is seen by the next request to any other worker or machine.

A new worker (at start, and after every `max_requests` recycle) builds the busiest teams'
graphs (`REFERRALS_WARM_GRAPHS`, default 4; 0 for none) before it accepts a request, telling
the arbiter it is alive meanwhile, so no request waits for those builds: the other workers
serve while it builds. It also compiles every template then, so no page pays for that, and
freezes what it built for the garbage collector (`gc.freeze`). Requests do not build either:
a far-behind graph is rebuilt, and a new day's graph moved to the new day (no database read),
in a background thread while the previous version is served (`referrals.paths.cache`).
Background builds on one machine take turns (a file lock), so
only one extra graph is in memory at a time: per machine, budget the workers' graphs plus
one more (at 1,000,000 people / 10,000,000 ties ~2.9 GB a worker; bench/README.md).
"""

import gc
import multiprocessing
import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '5000')}")
# One worker per core. A request here is CPU in Python (the graph, templates), not a wait, so
# more processes than cores only take turns on them; and each worker keeps its own copy of
# the teams' graphs and replays every write into it. Measured (bench/README.md, "Workers per
# core"): 4 workers per core cost ~20 % more CPU a request than one, and with keep-alive
# connections pinned to workers unevenly, they doubled the slowest requests.
workers = int(os.environ.get("WORKERS", multiprocessing.cpu_count()))
# Threads let a worker answer other requests while one waits on PostgreSQL; the graph
# cache takes a lock per team, so threads are safe. THREADS=1 gives plain sync workers.
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))
timeout = int(os.environ.get("TIMEOUT", "60"))  # a stuck worker is killed and replaced
graceful_timeout = 30
keepalive = 5
# Behind a load balancer: which addresses may set X-Forwarded-* (see also TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The app writes one JSON line per request itself (referrals.access, with the request id);
# gunicorn only reports its own events on stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# Recycle workers now and then so memory stays flat; the jitter keeps them from all
# restarting (and rebuilding their graphs) at once.
max_requests = int(os.environ.get("MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10


def post_worker_init(worker):
    """Build the busiest teams' graphs, and compile the templates, before this worker takes
    its first request."""
    from referrals.paths.cache import warm_app  # the app's modules: in the worker, not master
    from referrals.web.templating import compile_templates

    done = warm_app(worker.wsgi)
    compile_templates(worker.wsgi)  # while the graphs build in their thread
    # A build can outlast `timeout`: keep the heartbeat going so the arbiter lets it finish.
    while not done.wait(1.0):
        worker.notify()
    # What the worker holds from now on (modules, templates, the graphs just built) is not
    # garbage: keep the cyclic collector from walking it again and again while requests run.
    gc.collect()
    gc.freeze()
