"""Load and faults: gunicorn + PostgreSQL on loopback with the 10,000-person benchmark graph.

    python -m bench.load [--clients 50] [--duration 60] [--workers N] [--instances 2]
                         [--no-faults]

Makes a fresh PostgreSQL database (dropped afterwards unless --keep-db), migrates it, loads
bench/generate.py's network (bench/dbload.py), starts gunicorn with gunicorn.conf.py in the
production config, and runs N clients for D seconds, each on its own keep-alive connection,
mixing person pages (HTML, signed in), warm paths (GET /api/v1/people/{id}/paths), the ranking
(GET /api/v1/prospects/ranking) and writes (POST /api/v1/advocate-calls, which creates the
call's follow-ups; POST /api/v1/relationships where the advocates API is not built).

Two app instances (--instances) run side by side on their own ports, each with its own
instance folder, sharing the one database, the way two app machines would; the clients are
spread over them. An import previewed on the first is confirmed on the second, before the
faults and again after them.

Faults (unless --no-faults): a quarter of the way in one gunicorn worker is killed with
SIGKILL; half way PostgreSQL is restarted (`pg_ctlcluster … restart`). Requests in
flight may fail; afterwards every write the server acknowledged must be in the database and
whole (an advocate call with its follow-ups), and the app must be answering again by itself.

Reports throughput, p50/p95/p99 latency and errors per kind of request and per phase, the
server's CPU per request (gunicorn's processes, PostgreSQL's background processes and its
connections to this database – not other databases' – read from /proc over the measured
run and divided by the requests made; with the faults on, the killed worker's last half
second is lost) and the load average, and writes the figures to bench/out/load.json. Not a
test: it needs PostgreSQL on 127.0.0.1:5432 (user postgres) and takes about two minutes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG = "postgresql://postgres@127.0.0.1:5432"
TARGET_P95_MS = 300


# --- set-up ---------------------------------------------------------------------------------

def psql(sql: str, database: str = "postgres") -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql, database],
                   check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(url: str, size: int, seed: int):
    """Migrate the fresh database and load the network; returns (loaded, people ids, prospects)."""
    import logging

    from flask_migrate import upgrade

    from bench.dbload import load
    from bench.generate import generate
    from referrals import create_app
    from referrals.extensions import db

    os.environ.setdefault("REFERRALS_INSTANCE_PATH", str(OUT / "instance"))
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    logging.getLogger("alembic").setLevel(logging.WARNING)
    net = generate(size, size * 10, seed=seed)
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        loaded = load(db.session, net)
        db.session.commit()
        db.engine.dispose()
    took = time.perf_counter() - started
    print(f"  loaded {net.n:,} people, {len(net.a):,} ties in {took:.1f} s")
    people = sorted(loaded.person_id.values())
    prospects = [loaded.person_id[i + 1] for i in range(net.n)
                 if net.prospect[i] and not net.dnc[i]]
    return loaded, people, prospects


def start_gunicorn(url: str, port: int, workers: int, log, instance: int = 0
                   ) -> subprocess.Popen:
    env = {
        **os.environ,
        "REFERRALS_ENV": "production",
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-" + "k" * 40,
        "BASE_URL": "https://127.0.0.1",  # production requires one; its host is trusted
        "WORKERS": str(workers),
        "PORT": str(port),
        "BIND": f"127.0.0.1:{port}",
        # Each instance has a folder of its own, like another machine: nothing it keeps
        # there (an upload waiting for its confirmation, say) is visible to the other.
        "REFERRALS_INSTANCE_PATH": str(OUT / f"instance-{instance}"),
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    return subprocess.Popen([gunicorn, "-c", "gunicorn.conf.py", "app:app"], cwd=ROOT, env=env,
                            stdout=log, stderr=log, start_new_session=True)


def wait_healthy(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not become healthy")


def machine_busy() -> tuple[float, float]:
    """Seconds of CPU time the whole machine spent busy, and in all, since boot (/proc/stat;
    iowait counts as idle)."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


# --- the server's CPU -------------------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> tuple[str, int, int, float] | None:
    """(command, parent pid, start tick, CPU seconds used) of a process, from /proc."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = raw[raw.index("(") + 1: raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2:].split()
    # fields[0] is the state (field 3 of proc(5)): ppid is 4, utime 14, stime 15, starttime 22
    return comm, int(fields[1]), int(fields[19]), (int(fields[11]) + int(fields[12])) / TICKS


class ServerCpu:
    """CPU seconds used by the app's gunicorn processes (masters and workers) and by
    PostgreSQL (its background processes and its connections to `database`), over a run:
    /proc is read every `every` seconds, and a process that starts during the run (a worker
    replacing a killed one, PostgreSQL after its restart) counts from zero. A process that
    ends loses at most its last interval."""

    def __init__(self, masters: list[int], database: str, every: float = 0.5) -> None:
        self.masters, self.database, self.every = set(masters), database, every
        self.first: dict[tuple[int, int], float] = {}
        self.last: dict[tuple[int, int], tuple[str, float]] = {}
        self.started = False
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _read(self) -> None:
        stats = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit() and (st := _proc_stat(int(entry))) is not None:
                stats[int(entry)] = st
        for pid, (comm, ppid, start, cpu) in stats.items():
            if comm.startswith("postgres") and self._ours(pid):
                who = "postgres"
            elif pid in self.masters or ppid in self.masters:
                who = "gunicorn"
            else:
                continue
            key = (pid, start)
            self.first.setdefault(key, cpu if not self.started else 0.0)
            self.last[key] = (who, cpu)
        self.started = True

    def _ours(self, pid: int) -> bool:
        """A background process, or a connection to this run's database (the cluster may
        serve other work at the same time)."""
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return False
        if "127.0.0.1(" not in title and "[local]" not in title:
            return True
        return f" {self.database} " in title

    def _loop(self) -> None:
        while not self.stop.wait(self.every):
            self._read()

    def __enter__(self) -> ServerCpu:
        self._read()
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self._read()

    def seconds(self) -> dict[str, float]:
        used: dict[str, float] = defaultdict(float)
        for key, (who, cpu) in self.last.items():
            used[who] += cpu - self.first[key]
        return dict(used)


# --- clients --------------------------------------------------------------------------------

@dataclass
class Sample:
    t: float  # seconds since the start, at the end of the request
    kind: str
    status: int  # 0: no answer (connection refused, reset, timeout)
    ms: float


@dataclass
class Shared:
    samples: list[Sample] = field(default_factory=list)
    acked: set[str] = field(default_factory=set)  # markers of writes answered 201
    sent: set[str] = field(default_factory=set)  # markers of every write sent
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    """One user's browser/script: a keep-alive connection, a session cookie and a token."""

    def __init__(self, port: int, email: str, password: str, token: str) -> None:
        self.port, self.email, self.password, self.token = port, email, password, token
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None
        self.last_used = time.monotonic()

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes, object]:
        # gunicorn closes keep-alive connections idle for 5 s; reconnect before that, or a
        # POST would race the close and count as an error the server never saw.
        if self.conn is not None and time.monotonic() - self.last_used > 4:
            self.conn.close()
            self.conn = None
        self.last_used = time.monotonic()
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            all_headers = dict(headers or {})
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            try:
                self.conn.request(method, path, body=body, headers=all_headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
                self.conn.close()
                self.conn = None
                # A keep-alive connection the server closed while idle: retry once, but only
                # if the request cannot have been processed (never retry a POST).
                if attempt == 0 and method == "GET":
                    continue
                raise exc
            except OSError:
                self.conn.close()
                self.conn = None
                raise
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return response.status, data, response
        raise AssertionError("unreachable")

    def sign_in(self) -> None:
        status, html, _ = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
        body = urlencode({"email": self.email, "password": self.password,
                          "csrf_token": token.decode()}).encode()
        status, _, _ = self.request("POST", "/login", body,
                                    {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, f"sign-in failed: {status}"

    def api(self, method: str, path: str, payload: dict | None = None) -> int:
        headers = {"Authorization": f"Bearer {self.token}"}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        return self.request(method, path, body, headers)[0]


def run_client(number: int, client: Client, ctx: dict, shared: Shared, stop: threading.Event,
               t0: float) -> None:
    rng = random.Random(number)
    people, prospects, advocates = ctx["people"], ctx["prospects"], ctx["advocates"]
    writes = 0
    if ctx["think"]:  # independent reps don't all click in the same millisecond
        stop.wait(rng.uniform(0, ctx["think"] / 1000))
    while not stop.is_set():
        roll = rng.random()
        marker = None
        started = time.perf_counter()
        try:
            w = ctx["write_share"]
            if ctx["ceiling"]:
                kind = "signed-in floor (/me)"
                status = client.api("GET", "/api/v1/me")
            elif roll < 0.30 * (1 - w) / 0.8:
                kind = "person page"
                status = client.request("GET", f"/people/{rng.choice(people)}")[0]
                if status == 302:  # the session was lost (e.g. a worker restarted): sign in
                    client.cookies.clear()
                    client.sign_in()
            elif roll < 0.65 * (1 - w) / 0.8:
                kind = "warm paths"
                status = client.api("GET", f"/api/v1/people/{rng.choice(prospects)}/paths?k=3")
            elif roll < 1 - w:
                kind = "ranking"
                status = client.api("GET", "/api/v1/prospects/ranking?limit=50")
            else:
                writes += 1
                marker = f"load:{number}:{writes}"
                with shared.lock:
                    shared.sent.add(marker)
                if ctx["advocates_api"]:
                    kind = "advocate call (write)"
                    a, p = rng.choice(advocates), rng.choice(prospects)
                    status = client.api("POST", "/api/v1/advocate-calls", {
                        "advocate_id": a, "prospect_id": p,
                        "occurred_on": date.today().isoformat(),
                        "outcome": "Left a voicemail", "notes": marker})
                else:
                    kind = "relationship (write)"
                    a, b = rng.sample(people, 2)
                    status = client.api("POST", "/api/v1/relationships", {
                        "person_a": a, "person_b": b, "kind": "acquaintance", "rating": 2,
                        "notes": marker})
                    if status == 409:  # the pair already has that kind of tie: no write
                        with shared.lock:
                            shared.sent.discard(marker)
        except (OSError, http.client.HTTPException, AssertionError):
            status = 0
        ms = (time.perf_counter() - started) * 1000
        with shared.lock:
            shared.samples.append(Sample(time.perf_counter() - t0, kind, status, ms))
            if marker and status == 201:
                shared.acked.add(marker)
        if ctx["think"]:
            stop.wait(rng.expovariate(1000 / ctx["think"]))


# --- an import previewed on one instance, confirmed on another -----------------------------

class _Form(HTMLParser):
    """The fields of the import preview's form, as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._first: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button",
                                                                      "checkbox", "file"):
            self.fields[a["name"]] = a.get("value") or ""
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.fields[a["name"]] = a.get("value") or "y"
        elif tag == "select" and a.get("name"):
            self._select, self._first = a["name"], None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
                self.fields.setdefault(self._select, self._first)
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def _multipart(fields: dict[str, str], name: str, filename: str, data: bytes
               ) -> tuple[bytes, str]:
    boundary = "----referrals-bench-" + os.urandom(8).hex()
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                 f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                 + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def cross_instance_import(first: Client, second: Client, url: str, label: str) -> dict:
    """Preview a small contacts file on `first`'s instance, confirm it on `second`'s (the same
    user, signed in on each); report whether the people arrived, exactly once."""
    import psycopg

    marker = f"load-import-{label}-{os.getpid()}"
    rows = "".join(f"{marker} {i},Cross Machine Co,{marker}-{i}@example.org\n" for i in range(3))
    _, page, _ = first.request("GET", "/transfer/")
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body, ctype = _multipart({"csrf_token": token.decode(), "format": "auto"}, "file",
                             "contacts.csv", f"name,company,email\n{rows}".encode())
    status, preview, _ = first.request("POST", "/transfer/", body, {"Content-Type": ctype})
    form = _Form()
    form.feed(preview.decode("utf-8", "replace"))
    fields = {**form.fields, "action": "import"}
    _, page, _ = second.request("GET", "/transfer/")  # the second instance's own CSRF token
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page)
    if token:
        fields["csrf_token"] = token.group(1).decode()
    confirm, answer, _ = second.request(
        "POST", "/transfer/preview", urlencode(fields).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    with psycopg.connect(url) as conn:
        arrived = conn.execute("SELECT count(*) FROM people WHERE name LIKE %s",
                               (marker + " %",)).fetchone()[0]
    expired = b"has expired" in answer
    return {"preview": status, "confirm": confirm, "people created": arrived,
            "ok": status == 200 and arrived == 3 and not expired,
            "said": "That upload has expired" if expired else ""}


# --- faults ---------------------------------------------------------------------------------

def faults(master: int, duration: float, t0: float, events: list, stop: threading.Event,
           pg_version: str) -> None:
    def at(fraction: float) -> bool:
        while time.perf_counter() - t0 < duration * fraction:
            if stop.wait(0.1):
                return False
        return True

    if at(1 / 4):
        pids = worker_pids(master)
        if pids:
            victim = random.Random(1).choice(pids)
            os.kill(victim, signal.SIGKILL)
            events.append((time.perf_counter() - t0, f"killed gunicorn worker {victim}"))
    if at(1 / 2):
        started = time.perf_counter() - t0
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", pg_version, "main",
                        "restart"], check=True, capture_output=True)
        events.append((started, f"restarted PostgreSQL {pg_version} "
                                f"({time.perf_counter() - t0 - started:.1f} s)"))


# --- report ---------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def summarize(samples: list[Sample], seconds: float) -> dict:
    ok = [s.ms for s in samples if 200 <= s.status < 500 and s.status != 429]
    errors = [s for s in samples if not (200 <= s.status < 500) or s.status == 429]
    return {
        "requests": len(samples),
        "per_second": round(len(samples) / seconds, 1),
        "p50_ms": round(pct(ok, 50), 1),
        "p95_ms": round(pct(ok, 95), 1),
        "p99_ms": round(pct(ok, 99), 1),
        "errors": len(errors),
        "error_statuses": dict(sorted(defaultdict(int, {
            str(k): sum(1 for e in errors if e.status == k) for k in {e.status for e in errors}
        }).items())),
        "statuses": {str(k): sum(1 for s in samples if s.status == k)
                     for k in sorted({s.status for s in samples})},
    }


def verify_writes(url: str, shared: Shared, advocates_api: bool) -> dict:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        if advocates_api:
            rows = conn.execute(
                "SELECT c.notes, count(f.id) FROM advocate_calls c "
                "LEFT JOIN followups f ON f.advocate_call_id = c.id "
                "WHERE c.notes LIKE 'load:%' GROUP BY c.id, c.notes").fetchall()
        else:
            rows = conn.execute(
                "SELECT notes, 1 FROM relationships WHERE notes LIKE 'load:%'").fetchall()
    present = {notes for notes, _ in rows}
    half_done = sorted(notes for notes, n in rows if n == 0)
    duplicates = len(rows) - len(present)
    return {
        "acknowledged": len(shared.acked),
        "in_database": len(present),
        "lost (acknowledged, not in the database)": len(shared.acked - present),
        "half-done (call without its follow-ups)": len(half_done),
        "duplicated": duplicates,
        "committed but unanswered (in flight at a fault)": len(present - shared.acked),
        "sent but neither (refused or never arrived)": len(shared.sent - shared.acked - present),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers per instance (default: this machine's cores "
                             "shared out among the instances, gunicorn.conf.py's one per core)")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write-share", type=float, default=0.2,
                        help="share of requests that write (default 0.2)")
    parser.add_argument("--think-ms", type=float, default=0,
                        help="mean pause between a client's requests (default 0: back to back)")
    parser.add_argument("--instances", type=int, default=2,
                        help="app instances on their own ports sharing the database (default 2)")
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--ceiling", action="store_true",
                        help="every request is GET /api/v1/me, the cheapest signed-in "
                             "request: the throughput no mix of real requests can pass")
    parser.add_argument("--keep-db", action="store_true")
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    parser.add_argument("--pg-version", default=(versions or ["15"])[-1])
    args = parser.parse_args()
    if args.workers is None:  # each instance stands for a machine with its share of the cores
        args.workers = max(1, (os.cpu_count() or 1) // args.instances)

    OUT.mkdir(parents=True, exist_ok=True)
    name = f"referrals_load_{os.getpid()}"
    url = f"{PG}/{name}"
    print(f"== load: {args.clients} clients, {args.duration:.0f} s, {args.instances} x "
          f"gunicorn {args.workers} workers, PostgreSQL database {name} ==")
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    servers: list[subprocess.Popen] = []
    try:
        loaded, people, prospects = prepare_database(url, args.people, args.seed)
        # Statistics, as a server that has been up a while has them (and autovacuum's first
        # look at the loaded tables would otherwise fall in the measured minute).
        psql("VACUUM ANALYZE", name)
        psql("CHECKPOINT")  # so the restart's shutdown checkpoint has little left to write
        ports = [free_port() for _ in range(max(1, args.instances))]
        log = open(OUT / "load-gunicorn.log", "w")
        for i, port in enumerate(ports):
            servers.append(start_gunicorn(url, port, args.workers, log, instance=i))
        for port in ports:
            wait_healthy(port)
        server, port = servers[0], ports[0]

        from bench.dbload import PASSWORD

        clients = []
        for i in range(args.clients):
            email, _, token = loaded.users[i % len(loaded.users)]
            client = Client(ports[i % len(ports)], email, PASSWORD, token)
            client.sign_in()
            clients.append(client)
        imports = []
        if len(ports) > 1:
            email, _, token = loaded.users[0]
            first, second = (Client(p, email, PASSWORD, token) for p in ports[:2])
            first.sign_in()
            second.sign_in()
            imports.append(("before the faults",
                            cross_instance_import(first, second, url, "before")))
        probe = clients[0].api("GET", "/api/v1/advocate-calls?limit=1")
        rng = random.Random(args.seed)
        ctx = {"people": people, "prospects": prospects,
               "advocates": rng.sample([p for p in people if p not in set(prospects)], 200),
               "advocates_api": probe == 200, "write_share": args.write_share,
               "think": args.think_ms, "ceiling": args.ceiling}
        print(f"  writes: {'advocate calls' if ctx['advocates_api'] else 'relationships'}; "
              "warming every worker's graph and every rep's search layers…")
        # A server that has been up for a while has each worker's graph and index built and
        # each rep's layers and half-path tables cached; the measured minute should start
        # there, not from a cold start (the faults then show what a cold worker costs).
        warm_started = time.perf_counter()
        warm_rng = random.Random(args.seed + 1)
        for client in clients:
            client.api("GET", "/api/v1/prospects/ranking?limit=5")
            client.api("GET", f"/api/v1/people/{warm_rng.choice(prospects)}/paths?k=3")
        print(f"  warm-up: {2 * len(clients)} requests in "
              f"{time.perf_counter() - warm_started:.1f} s")

        shared, stop, events = Shared(), threading.Event(), []
        t0 = time.perf_counter()
        threads = [threading.Thread(target=run_client, args=(i, c, ctx, shared, stop, t0))
                   for i, c in enumerate(clients)]
        if not args.no_faults:
            threads.append(threading.Thread(target=faults, args=(
                server.pid, args.duration, t0, events, stop, args.pg_version)))
        load_before = os.getloadavg()
        # The clients run on the same cores as the servers: their CPU (this process, all
        # its threads) and the machine's busy time bound what any server cost can buy.
        client_cpu_before, machine_before = time.process_time(), machine_busy()
        with ServerCpu([server.pid for server in servers], name) as cpu:
            for t in threads:
                t.start()
            time.sleep(args.duration)
            stop.set()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - t0
        client_cpu = time.process_time() - client_cpu_before
        machine_busy_s, machine_all_s = (
            after - before for after, before in zip(machine_busy(), machine_before, strict=True))
        load_after = os.getloadavg()

        samples = shared.samples
        report: dict = {"clients": args.clients, "seconds": round(elapsed, 1),
                        "workers": args.workers, "people": args.people,
                        "events": [f"{t:.1f} s: {what}" for t, what in events]}
        report["all"] = summarize(samples, elapsed)
        used = cpu.seconds()
        report["server cpu"] = {
            "gunicorn_s": round(used.get("gunicorn", 0.0), 1),
            "postgres_s": round(used.get("postgres", 0.0), 1),
            "ms_per_request": round(1000 * sum(used.values()) / max(1, len(samples)), 2),
            "gunicorn_ms_per_request": round(
                1000 * used.get("gunicorn", 0.0) / max(1, len(samples)), 2),
            "postgres_ms_per_request": round(
                1000 * used.get("postgres", 0.0) / max(1, len(samples)), 2),
            "clients_ms_per_request": round(1000 * client_cpu / max(1, len(samples)), 2),
            "machine_ms_per_request": round(1000 * machine_busy_s / max(1, len(samples)), 2),
            "machine_busy_share": round(machine_busy_s / max(machine_all_s, 1e-9), 3),
            "load_average_before": [round(v, 2) for v in load_before],
            "load_average_after": [round(v, 2) for v in load_after],
            "cpus": os.cpu_count(),
        }
        report["by kind"] = {k: summarize([s for s in samples if s.kind == k], elapsed)
                             for k in sorted({s.kind for s in samples})}
        if events:
            kill_t = events[0][0]
            pg_t = events[-1][0]
            phases = {
                "steady (before the first fault)": (0, kill_t),
                "after the worker kill": (kill_t, pg_t),
                "after the database restart": (pg_t, elapsed),
                "last 10 s (recovered?)": (elapsed - 10, elapsed),
            }
            report["by phase"] = {
                name: summarize([s for s in samples if lo <= s.t < hi], max(hi - lo, 0.001))
                for name, (lo, hi) in phases.items()
            }
        report["writes"] = verify_writes(url, shared, ctx["advocates_api"])
        if len(ports) > 1:
            first, second = (Client(p, email, PASSWORD, token) for p in ports[:2])
            first.sign_in()
            second.sign_in()
            imports.append(("after the faults",
                            cross_instance_import(first, second, url, "after")))
        report["instances"] = len(ports)
        report["import previewed on one instance, confirmed on another"] = dict(imports)
        report["healthz after"] = {}
        for p in ports:
            health = http.client.HTTPConnection("127.0.0.1", p, timeout=10)
            health.request("GET", "/healthz")
            report["healthz after"][str(p)] = health.getresponse().status
        (OUT / "load.json").write_text(json.dumps(report, indent=2))
        print_report(report)
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if not args.keep_db:
            for _ in range(10):
                try:
                    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                    break
                except subprocess.CalledProcessError:
                    time.sleep(1)


def print_report(report: dict) -> None:
    def row(label: str, s: dict) -> None:
        print(f"  {label:<34} {s['requests']:>7} {s['per_second']:>8} {s['p50_ms']:>8} "
              f"{s['p95_ms']:>8} {s['p99_ms']:>8} {s['errors']:>6}  {s['error_statuses'] or ''}")

    print(f"\n  {'':<34} {'reqs':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'errors':>6}")
    row("all", report["all"])
    for kind, s in report["by kind"].items():
        row(kind, s)
    for phase, s in report.get("by phase", {}).items():
        row(phase, s)
    cpu = report["server cpu"]
    print(f"  server CPU: {cpu['ms_per_request']} ms a request all told (gunicorn "
          f"{cpu['gunicorn_ms_per_request']} + PostgreSQL {cpu['postgres_ms_per_request']}; "
          f"{cpu['gunicorn_s']} + {cpu['postgres_s']} CPU s over the run); load average "
          f"{' '.join(map(str, cpu['load_average_before']))} before, "
          f"{' '.join(map(str, cpu['load_average_after']))} after ({cpu['cpus']} CPUs)")
    print(f"  the clients (this process): {cpu['clients_ms_per_request']} ms a request; "
          f"the whole machine: {cpu['machine_ms_per_request']} ms a request, busy "
          f"{100 * cpu['machine_busy_share']:.0f}% of its CPU time")
    for event in report["events"]:
        print("  fault:", event)
    print("  writes:", json.dumps(report["writes"], indent=None))
    for when, result in report.get(
            "import previewed on one instance, confirmed on another", {}).items():
        print(f"  import previewed on instance 1, confirmed on instance 2, {when}: "
              f"{'ok' if result['ok'] else 'FAILED'} {json.dumps(result)}")
    print("  /healthz after the run:", report["healthz after"])
    p95 = report["all"]["p95_ms"]
    print(f"  target p95 < {TARGET_P95_MS} ms: {'met' if p95 < TARGET_P95_MS else 'NOT met'} "
          f"({p95} ms); details in bench/out/load.json")


if __name__ == "__main__":
    main()
