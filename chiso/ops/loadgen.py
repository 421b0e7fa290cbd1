"""A lean load generator that plays the deadline week against a running server.

Institution users log in, open their assessment, save facts through the htmx endpoint (with CSRF
and the optimistic version) and now and then upload a small PDF (then open the page it redirects
to, as a browser does); office users open their list and their dashboard, and now and then
download the consolidated XLSX. Bounded by time and by number of requests; optionally paced to
a target rate (requests are then sent on a schedule, so latency includes queueing).

The generator shares the machine's cores with the server: it speaks HTTP/1.1 itself over one
keep-alive connection per virtual user (asyncio streams, no HTTP library) and prints the CPU it
used per request beside the server's.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from chiso.ops.load_users import Target

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# The version the form of criterion 1.4 holds (saves are checked by criterion, as on the page).
VERSION = re.compile(
    rb'tieu-chi/1\.4/" hx-post=[^>]*>\s*<input[^>]*><input type="hidden" '
    rb'name="criterion_version" value="(\d+)"'
)
STALE = "Không lưu: tiêu chí".encode()
BOUNDARY = "chisoLoadBoundary7MA4YWxkTrZu0gW"
CRITERIA = ("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1", "2.2", "2.3", "2.4")  # 4725
# What each kind of user does and how often, by the level of their target ("" an institution).
ACTIONS: dict[str, dict[str, float]] = {
    "": {"open_assessment": 3, "save_fact": 7, "upload": 0.2},
    "district": {"office_list": 6, "dashboard": 4, "consolidated": 0.5},
    "province": {"office_list": 4, "dashboard": 6},
    "national": {"dashboard": 1},
}


def requests_of(action: str, level: str) -> list[str]:
    """The requests (by their name in the report) one action of a user at this level sends."""
    office_list = "province list (a district)" if level == "province" else "district list"
    return {
        "open_assessment": ["assessment page"],
        "save_fact": ["save fact (htmx)"],
        "upload": ["upload evidence", "assessment page"],  # the browser follows the redirect
        "office_list": [office_list],
        "dashboard": [f"{level} dashboard"],
        "consolidated": ["district xlsx"],
    }[action]


def nominal_mix(levels: Iterable[str]) -> dict[str, float]:
    """Each kind of request's share when every user gets the same number of turns. In a closed
    loop the users served faster send more requests, so the measured mix drifts with the code
    under test; the CPU priced at these shares compares two runs like for like."""
    levels = list(levels)
    shares: Counter[str] = Counter()
    for level in levels:
        actions = ACTIONS[level]
        total = sum(actions.values())
        for action, weight in actions.items():
            for name in requests_of(action, level):
                shares[name] += weight / total / len(levels)
    whole = sum(shares.values())
    return {name: share / whole for name, share in shares.items()}


TIMEOUT = 30.0  # seconds for one answer: the run stays bounded in time even if the server hangs
BARE = "bare page (yardstick)"
BARE_SHARE = 0.05


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    server_cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # ms
    errors: Counter[str] = field(default_factory=Counter)
    stale: int = 0
    requests: int = 0
    bytes_received: int = 0

    def add(self, name: str, seconds: float) -> None:
        self.latencies[name].append(seconds)
        self.requests += 1

    def reset(self) -> None:
        self.latencies.clear()
        self.server_cpu.clear()
        self.errors.clear()
        self.requests = self.stale = self.bytes_received = 0


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


class Response:
    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k == name), "")


class Connection:
    """One keep-alive HTTP/1.1 connection with its cookie jar (one browser)."""

    resent = 0  # requests sent again after a kept-alive connection closed (all connections)

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.authority = parts.netloc
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.answered = False

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: Iterable[tuple[str, str]] = ()
    ) -> Response:
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.authority}"]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        head += [f"{k}: {v}" for k, v in headers]
        if body or method == "POST":
            head.append(f"Content-Length: {len(body)}")
        raw = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        # A kept-alive connection may have been closed by the server meanwhile (keep-alive
        # timeout, worker recycling): reconnect and send again once, if no byte of an answer
        # came back (as browsers do); an answer cut short is an error, never sent again.
        for attempt in (1, 2):
            reused = self.writer is not None
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.answered = False
            try:
                self.writer.write(raw)
                response = await asyncio.wait_for(self._read(), TIMEOUT)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if reused and attempt == 1 and not self.answered:
                    Connection.resent += 1
                    continue
                raise
            break
        self._keep_cookies(response)
        if response.header("connection").lower() == "close":
            self.close()
        return response

    async def _read(self) -> Response:
        assert self.reader is not None
        first = await self.reader.readexactly(1)
        self.answered = True
        head = first + await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = []
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers.append((name.strip().lower(), value.strip()))
        response = Response(status, headers, b"")
        if response.header("transfer-encoding").lower() == "chunked":
            chunks = []
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                chunks.append(await self.reader.readexactly(size + 2))
            await self.reader.readuntil(b"\r\n")
            response.body = b"".join(c[:-2] for c in chunks)
        elif length := response.header("content-length"):
            response.body = await self.reader.readexactly(int(length))
        return response

    def _keep_cookies(self, response: Response) -> None:
        for name, value in response.headers:
            if name != "set-cookie":
                continue
            pair, *attributes = value.split(";")
            key, _, val = pair.strip().partition("=")
            expired = any(a.strip().lower() in ("max-age=0",) for a in attributes)
            if expired or val in ("", '""'):
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = val

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Pacer:
    """Hands out send times `1/rate` apart (rate 0: no pacing, as fast as the server answers)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1 / rate if rate > 0 else 0.0
        self.next = 0.0

    async def wait(self) -> None:
        if not self.interval:
            return
        now = time.perf_counter()
        slot = max(now, self.next)
        self.next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


class User:
    def __init__(self, base: str, target: Target, password: str, stats: Stats) -> None:
        self.target, self.password, self.stats = target, password, stats
        self.conn = Connection(base)
        self.csrf = ""
        self.version = 0
        self.pacer: Pacer | None = None

    async def call(
        self,
        name: str,
        method: str,
        path: str,
        ok: tuple[int, ...] = (200,),
        body: bytes = b"",
        headers: Iterable[tuple[str, str]] = (),
    ) -> Response | None:
        if self.pacer is not None:
            await self.pacer.wait()
        started = time.perf_counter()
        try:
            response = await self.conn.request(method, path, body, headers)
        except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            self.conn.close()
            self.stats.errors[f"{name}: {type(exc).__name__}"] += 1
            return None
        self.stats.add(name, time.perf_counter() - started)
        self.stats.bytes_received += len(response.body)
        if timing := response.header("server-timing"):  # "cpu;dur=3.1": the view's CPU time
            self.stats.server_cpu[name] += float(timing.rpartition("=")[2])
        if response.status not in ok:
            self.stats.errors[f"{name}: HTTP {response.status}"] += 1
            return None
        return response

    async def login(self) -> bool:
        page = await self.call("login page", "GET", "/dang-nhap/")
        token = CSRF.search(page.body) if page else None
        if token is None:
            return False
        form = {
            "username": self.target.username,
            "password": self.password,
            "csrfmiddlewaretoken": token.group(1).decode(),
        }
        response = await self.call(
            "login", "POST", "/dang-nhap/", ok=(302,), body=urlencode(form).encode(), headers=FORM
        )
        self.csrf = self.conn.cookies.get("csrftoken", "")
        return response is not None and "sessionid" in self.conn.cookies

    async def open_assessment(self) -> None:
        page = await self.call("assessment page", "GET", f"/danh-gia/{self.target.assessment_pk}/")
        if page is not None and (m := VERSION.search(page.body)):
            self.version = int(m.group(1))

    async def save_fact(self) -> None:
        # A value not saved before: every answer is a new section to render (nothing reused).
        value = random.randint(0, 1_000_000)
        form = {"fact_approved_digital_materials": value, "criterion_version": self.version}
        response = await self.call(
            "save fact (htmx)",
            "POST",
            f"/danh-gia/{self.target.assessment_pk}/tieu-chi/1.4/",
            body=urlencode(form).encode(),
            headers=(*FORM, ("HX-Request", "true"), ("X-CSRFToken", self.csrf)),
        )
        if response is None:
            return
        if STALE in response.body:
            self.stats.stale += 1
        if m := VERSION.search(response.body):
            self.version = int(m.group(1))
        else:
            self.stats.errors["save fact (htmx): no version in the answer"] += 1

    async def upload(self) -> None:
        # Evidence goes to any criterion (a section lists all of its own, so always the same
        # one would make that section, and every save of it, grow run after run).
        fields = {"target_id": random.choice(CRITERIA), "title": "Kế hoạch dạy học trực tuyến"}
        fields["csrfmiddlewaretoken"] = self.csrf
        response = await self.call(
            "upload evidence",
            "POST",
            f"/danh-gia/{self.target.assessment_pk}/minh-chung/",
            ok=(302,),
            body=multipart(fields, ("file", "ke-hoach.pdf", "application/pdf", PDF)),
            headers=(("Content-Type", f"multipart/form-data; boundary={BOUNDARY}"),),
        )
        if response is not None:  # the browser follows the redirect (and shows the message)
            await self.open_assessment()

    async def office_list(self) -> None:
        query = f"?truc_thuoc={self.target.sub_unit_pk}" if self.target.sub_unit_pk else ""
        name = "province list (a district)" if self.target.level == "province" else "district list"
        await self.call(name, "GET", f"/don-vi/{self.target.office_pk}/{query}")

    async def dashboard(self) -> None:
        name = f"{self.target.level} dashboard"
        await self.call(name, "GET", f"/tong-quan/{self.target.office_pk}/")

    async def consolidated(self) -> None:
        await self.call("district xlsx", "GET", f"/don-vi/{self.target.office_pk}/tong-hop.xlsx")

    async def bare(self) -> None:
        await self.call(BARE, "GET", "/van-hanh/trang-goc/")

    def next_action(self) -> Callable[[], object]:
        # The bare page, a yardstick, now and then for everyone (not part of the mix's figures).
        if random.random() < BARE_SHARE:
            return self.bare
        names, weights = zip(*ACTIONS[self.target.level].items(), strict=True)
        return getattr(self, random.choices(names, weights=weights)[0])  # type: ignore[no-any-return]


FORM = (("Content-Type", "application/x-www-form-urlencoded"),)


def multipart(fields: dict[str, str], file: tuple[str, str, str, bytes]) -> bytes:
    out = []
    for name, value in fields.items():
        out.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    name, filename, content_type, content = file
    out.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )
    return b"".join(out)


def rss_of(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def cpu_of(pid: int) -> float | None:
    """User + system CPU seconds of one process (from /proc), None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_pids(master: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                children.append(int(entry))
    return sorted(children)


def backend_pids(database: str) -> list[int]:
    """PostgreSQL backends connected to `database` (their title: "postgres: … user db host")."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                title = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if title.startswith(b"postgres: ") and f" {database} ".encode() in title:
                found.append(int(entry))
    return found


class CpuMeter:
    """CPU used by a changing set of processes since start: each process counted from when it
    was first seen (or from 0 if it appeared later). The processes are looked up in /proc only
    every few samples or when one has gone (a scan of /proc costs more than reading a few)."""

    def __init__(self, pids: Callable[[], Iterable[int]], rescan_every: int = 10) -> None:
        self.pids = pids
        self.rescan_every = rescan_every
        self.start: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.samples = 0
        self.known: list[int] = []
        self.gone = True

    def sample(self) -> None:
        if self.gone or self.samples % self.rescan_every == 0:
            self.known = list(self.pids())
        self.gone = False
        for pid in self.known:
            now = cpu_of(pid)
            if now is None:
                self.gone = True
                continue
            self.start.setdefault(pid, now if not self.samples else 0.0)
            self.last[pid] = now
        self.samples += 1

    @property
    def used(self) -> float:
        return sum(self.last[pid] - self.start[pid] for pid in self.last)


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(values) - idle) / tick, sum(values) / tick


async def run(
    base: str,
    targets: list[Target],
    password: str,
    *,
    duration: float,
    max_requests: int,
    concurrency: int,
    master_pid: int | None,
    report_every: float,
    out: Callable[[str], None],
    rate: float = 0,
    database_pids: Callable[[], Iterable[int]] | None = None,
) -> Stats:
    stats = Stats()
    users = [User(base, targets[i % len(targets)], password, stats) for i in range(concurrency)]
    # Everyone logs in first (the Monday morning rush), a few at a time: Argon2 is meant to be slow.
    semaphore = asyncio.Semaphore(8)

    async def login(user: User) -> None:
        async with semaphore:
            if await user.login() and user.target.assessment_pk:
                await user.open_assessment()

    t0 = time.perf_counter()
    await asyncio.gather(*(login(u) for u in users))
    out(f"{len(users)} người dùng đã đăng nhập trong {time.perf_counter() - t0:.1f} s")
    if stats.errors:
        out(f"errors while logging in: {dict(stats.errors)}")
    login_errors = sum(stats.errors.values())
    stats.reset()
    Connection.resent = 0
    pacer = Pacer(rate)
    for user in users:
        user.pacer = pacer
    server = CpuMeter(lambda: worker_pids(master_pid) if master_pid else [])
    database = CpuMeter(database_pids or (lambda: []))
    server.sample()
    database.sample()
    busy0, _ = machine_busy()
    own0 = time.process_time()
    started = time.perf_counter()
    deadline = started + duration
    memory: list[tuple[float, int]] = []

    def running() -> bool:
        return time.perf_counter() < deadline and stats.requests < max_requests

    async def loop(user: User) -> None:
        while running():
            await user.next_action()()

    async def monitor() -> None:
        last, last_n, next_report = started, 0, started + report_every
        while running():
            await asyncio.sleep(min(1.0, report_every))
            server.sample()
            database.sample()
            now = time.perf_counter()
            if now < next_report:
                continue
            next_report += report_every
            rate_now = (stats.requests - last_n) / (now - last)
            line = f"  t={now - started:5.0f}s  {rate_now:6.0f} req/s  errors={sum(stats.errors.values())}"
            if master_pid:
                pids = server.known
                rss = rss_of(pids)
                memory.append((now - started, rss))
                line += f"  RSS workers={rss / 1048576:.0f} MB ({len(pids)})"
            out(line)
            last, last_n = now, stats.requests

    await asyncio.gather(monitor(), *(loop(u) for u in users))
    elapsed = time.perf_counter() - started
    own = time.process_time() - own0
    server.sample()
    database.sample()
    busy1, _ = machine_busy()
    for u in users:
        u.conn.close()
    stats.errors["login"] += login_errors
    if not stats.errors["login"]:
        del stats.errors["login"]
    nominal = nominal_mix(user.target.level for user in users)
    _report(
        stats, elapsed, out, server.used, database.used, own, (busy1 - busy0) / elapsed, nominal
    )
    if memory:
        sizes = [rss for _, rss in memory]
        out(
            f"RSS of the workers over time: first {sizes[0] / 1048576:.0f} MB, "
            f"min {min(sizes) / 1048576:.0f}, max {max(sizes) / 1048576:.0f}, "
            f"last {sizes[-1] / 1048576:.0f} MB ({len(sizes)} samples)"
        )
    return stats


def _ratio(stats: Stats, out: Callable[[str], None], nominal: Mapping[str, float]) -> None:
    """The mix's server CPU per request against the bare page's, measured in the same run: a
    figure that holds from one machine to the next."""
    bare = stats.server_cpu.get(BARE, 0.0)
    bare_n = len(stats.latencies.get(BARE, []))
    mix_n = sum(len(v) for k, v in stats.latencies.items() if k != BARE)
    mix = sum(v for k, v in stats.server_cpu.items() if k != BARE)
    if bare and bare_n and mix_n:
        per_bare, per_mix = bare / bare_n, mix / mix_n
        out(
            f"server CPU per request: mix {per_mix:.2f} ms, bare signed-in page {per_bare:.2f} ms "
            f"({bare_n} requests): ratio {per_mix / per_bare:.2f}"
        )
        measured = {
            name: stats.server_cpu[name] / len(stats.latencies[name])
            for name, share in nominal.items()
            if stats.server_cpu.get(name) and stats.latencies.get(name)
        }
        if measured:
            shares = sum(nominal[name] for name in measured)
            priced = sum(nominal[name] * cpu for name, cpu in measured.items()) / shares
            out(
                f"at the nominal mix (every user the same number of turns): {priced:.2f} ms, "
                f"ratio {priced / per_bare:.2f}"
            )


def _report(
    stats: Stats,
    elapsed: float,
    out: Callable[[str], None],
    server_cpu: float,
    database_cpu: float,
    own_cpu: float,
    busy_cores: float,
    nominal: Mapping[str, float],
) -> None:
    every = [v for values in stats.latencies.values() for v in values]
    n = stats.requests
    out(f"\n{n} requests in {elapsed:.1f} s = {n / elapsed:.0f} req/s")
    cpu = {k: f"{v / len(stats.latencies[k]):8.2f}" for k, v in stats.server_cpu.items() if v}
    total_cpu = sum(stats.server_cpu.values())
    out(
        f"{'':28} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'cpu ms':>8}\n"
        + "\n".join(
            f"{name:28} {len(v):7} {pct(v, 50):8.1f} {pct(v, 95):8.1f} {pct(v, 99):8.1f}"
            f" {cpu.get(name, ''):>8}"
            for name, v in sorted(stats.latencies.items())
        )
        + f"\n{'all':28} {len(every):7} {pct(every, 50):8.1f} {pct(every, 95):8.1f} {pct(every, 99):8.1f}"
        + (f" {total_cpu / len(every):8.2f}" if total_cpu and every else "")
    )
    if total_cpu:
        out(
            "(cpu ms: the CPU time of the request's thread in Django, from its Server-Timing header)"
        )
        _ratio(stats, out, nominal)
    out(
        f"stale saves refused: {stats.stale}; requests sent again on a new connection after the "
        f"server closed a kept-alive one (as browsers do; worker recycling): {Connection.resent}"
    )
    out(f"errors: {sum(stats.errors.values())} {dict(stats.errors) if stats.errors else ''}")
    if not n:
        return
    cores = os.cpu_count() or 1
    per = {"server": server_cpu / n, "database": database_cpu / n, "generator": own_cpu / n}
    out(
        "CPU per request: "
        + ", ".join(f"{k} {v * 1000:.2f} ms" for k, v in per.items() if v or k == "generator")
        + f" (user+system); the machine was {busy_cores:.2f} of {cores} cores busy"
    )
    if server_cpu:
        quiet = cores / (per["server"] + per["database"])
        out(
            f"server + database alone on {cores} quiet cores: at most {quiet:.0f} req/s "
            f"(from the CPU per request)"
        )
    rate, p95, errors = n / elapsed, pct(every, 95), sum(stats.errors.values())
    met = rate >= 300 and p95 <= 200 and errors == 0
    out(
        f"floors (>= 300 req/s, p95 <= 200 ms, 0 errors): {'met' if met else 'NOT met'} "
        f"({rate:.0f} req/s, p95 {p95:.0f} ms, {errors} errors; load average "
        f"{os.getloadavg()[0]:.1f} on {cores} cores, shared with this generator)"
    )
