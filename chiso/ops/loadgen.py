"""A lean load generator (asyncio + httpx) that plays the deadline week against a running server.

Institution users log in, open their assessment, save facts through the htmx endpoint (with CSRF
and the optimistic version) and now and then upload a small PDF; office users open their list and
download the consolidated XLSX. Bounded by time and by number of requests.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import re
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from chiso.ops.load_users import Target

logging.getLogger("httpx").setLevel(logging.WARNING)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'id="version" name="version" value="(\d+)"')


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    stale: int = 0
    requests: int = 0

    def add(self, name: str, seconds: float) -> None:
        self.latencies[name].append(seconds)
        self.requests += 1


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


class User:
    def __init__(self, base: str, target: Target, password: str, stats: Stats) -> None:
        self.target, self.password, self.stats = target, password, stats
        self.client = httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False)
        self.csrf = ""
        self.version = 0

    async def call(self, name: str, method: str, url: str, ok: tuple[int, ...] = (200,), **kw):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, **kw)
        except httpx.HTTPError as exc:
            self.stats.errors[f"{name}: {type(exc).__name__}"] += 1
            return None
        self.stats.add(name, time.perf_counter() - started)
        if response.status_code not in ok:
            self.stats.errors[f"{name}: HTTP {response.status_code}"] += 1
            return None
        return response

    async def login(self) -> bool:
        page = await self.call("login page", "GET", "/dang-nhap/")
        if page is None:
            return False
        token = CSRF.search(page.text)
        response = await self.call(
            "login",
            "POST",
            "/dang-nhap/",
            ok=(302,),
            data={
                "username": self.target.username,
                "password": self.password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.client.base_url}dang-nhap/"},
        )
        self.csrf = self.client.cookies.get("csrftoken", "")
        return response is not None

    async def open_assessment(self) -> None:
        page = await self.call("assessment page", "GET", f"/danh-gia/{self.target.assessment_pk}/")
        if page is not None and (m := VERSION.search(page.text)):
            self.version = int(m.group(1))

    async def save_fact(self) -> None:
        response = await self.call(
            "save fact (htmx)",
            "POST",
            f"/danh-gia/{self.target.assessment_pk}/tieu-chi/1.4/",
            data={
                "fact_approved_digital_materials": str(random.randint(0, 80)),
                "version": self.version,
            },
            headers={
                "HX-Request": "true",
                "X-CSRFToken": self.csrf,
                "Referer": str(self.client.base_url),
            },
        )
        if response is None:
            return
        if "vừa được người khác lưu" in response.text:
            self.stats.stale += 1
        if m := VERSION.search(response.text):
            self.version = int(m.group(1))

    async def upload(self) -> None:
        await self.call(
            "upload evidence",
            "POST",
            f"/danh-gia/{self.target.assessment_pk}/minh-chung/",
            ok=(302,),
            data={
                "target_id": "1.4",
                "title": "Kế hoạch dạy học trực tuyến",
                "csrfmiddlewaretoken": self.csrf,
            },
            files={"file": ("ke-hoach.pdf", PDF, "application/pdf")},
            headers={"Referer": str(self.client.base_url)},
        )

    async def office_list(self) -> None:
        await self.call("office list", "GET", f"/don-vi/{self.target.office_pk}/")

    async def consolidated(self) -> None:
        await self.call(
            "consolidated xlsx", "GET", f"/don-vi/{self.target.office_pk}/tong-hop.xlsx"
        )

    def next_action(self) -> Callable[[], object]:
        if self.target.office_pk:
            return random.choices([self.office_list, self.consolidated], weights=[8, 1])[0]
        return random.choices(
            [self.open_assessment, self.save_fact, self.upload], weights=[3, 6, 0.3]
        )[0]


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


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (from /proc), in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


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
    for values in stats.latencies.values():
        values.clear()
    stats.requests = 0
    cpu_before = cpu_seconds(worker_pids(master_pid)) if master_pid else 0.0
    started = time.perf_counter()
    deadline = started + duration

    async def loop(user: User) -> None:
        while time.perf_counter() < deadline and stats.requests < max_requests:
            await user.next_action()()

    async def monitor() -> None:
        last, last_n = started, 0
        while time.perf_counter() < deadline and stats.requests < max_requests:
            await asyncio.sleep(report_every)
            now = time.perf_counter()
            rate = (stats.requests - last_n) / (now - last)
            line = (
                f"  t={now - started:5.0f}s  {rate:6.0f} req/s  errors={sum(stats.errors.values())}"
            )
            if master_pid:
                pids = worker_pids(master_pid)
                line += f"  RSS workers={rss_of(pids) / 1048576:.0f} MB ({len(pids)})"
            out(line)
            last, last_n = now, stats.requests

    await asyncio.gather(monitor(), *(loop(u) for u in users))
    elapsed = time.perf_counter() - started
    cpu_used = cpu_seconds(worker_pids(master_pid)) - cpu_before if master_pid else 0.0
    for u in users:
        await u.client.aclose()
    every = [v for values in stats.latencies.values() for v in values]
    out(f"\n{stats.requests} requests in {elapsed:.1f} s = {stats.requests / elapsed:.0f} req/s")
    out(
        f"{'':24} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}\n"
        + "\n".join(
            f"{name:24} {len(v):7} {pct(v, 50):8.1f} {pct(v, 95):8.1f} {pct(v, 99):8.1f}"
            for name, v in sorted(stats.latencies.items())
        )
        + f"\n{'all':24} {len(every):7} {pct(every, 50):8.1f} {pct(every, 95):8.1f} {pct(every, 99):8.1f}"
    )
    out(f"stale saves refused (expected with shared drafts): {stats.stale}")
    out(f"errors: {sum(stats.errors.values())} {dict(stats.errors) if stats.errors else ''}")
    if cpu_used > 0 and stats.requests:
        per = cpu_used / stats.requests
        out(
            f"server CPU: {per * 1000:.1f} ms per request (gunicorn workers, user+system) "
            f"= at most {os.cpu_count() / per:.0f} req/s if they had every core to themselves"
        )
    if every:
        out(f"mean {statistics.fmean(every) * 1000:.1f} ms")
        rate, p95, errors = stats.requests / elapsed, pct(every, 95), sum(stats.errors.values())
        met = rate >= 300 and p95 <= 200 and errors == 0
        out(
            f"floors (>= 300 req/s, p95 <= 200 ms, 0 errors): {'met' if met else 'NOT met'} "
            f"({rate:.0f} req/s, p95 {p95:.0f} ms, {errors} errors; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, shared with this generator)"
        )
    return stats
