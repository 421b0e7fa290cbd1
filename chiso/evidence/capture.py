"""Fetch an evidence link once, at submission, and keep what it showed (status, title, small body).

Standard library only. Never raises on network trouble: the result says what went wrong, in
Vietnamese. Only globally routable addresses are fetched unless told otherwise (no server-side
request forgery), every resolved address of every hop checked; the whole capture, redirects
included, ends at one deadline however slowly a server answers.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

USER_AGENT = "chiso-evidence/1.0"
MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class Capture:
    url: str
    ok: bool
    status: int | None
    title: str
    content_type: str
    content: bytes | None
    size: int | None
    truncated: bool
    error: str
    final_url: str


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_title = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.parts.append(data)


def _over(timeout: float, total: float | None) -> str:
    seconds = total if total is not None else 3 * timeout
    return f"Hết thời gian chờ (cả lần lấy quá {seconds:g} giây)"


def _failure(url: str, error: str, *, status: int | None = None, final_url: str = "") -> Capture:
    return Capture(url, False, status, "", "", None, None, False, error, final_url or url)


# Global by the registry's tables, yet a way into other networks: 6to4 (2002::/16) wraps any
# IPv4 address; NAT64 (64:ff9b::/96, 64:ff9b:1::/48) maps one, so its IPv4 part is checked.
SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def _is_internal(address: str) -> bool:
    """Whether `address` is anything but a globally routable one (shared 100.64.0.0/10, the
    cloud metadata address, private, loopback, link-local, 6to4 and the like)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return _is_internal(str(ip.ipv4_mapped))
        if ip in SIX_TO_FOUR:
            return True
        if any(ip in network for network in NAT64):
            return _is_internal(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    return not ip.is_global


def _resolve(host: str, port: int) -> tuple[str | None, bool]:
    """The address to connect to, and whether the name resolves to any internal address.

    The name is resolved once and the connection goes to that address: a second lookup could
    answer differently (DNS rebinding) and reach an internal server after the check."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError:
        return None, False
    addresses = [str(info[4][0]) for info in infos]
    return (addresses[0] if addresses else None), any(_is_internal(a) for a in addresses)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a resolved address, with the original host name in the Host header."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a resolved address; the certificate is still checked against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = sock  # the deadline can cut it during the handshake too
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _charset(content_type_header: str, body: bytes) -> str:
    match = re.search(r"charset=([\w-]+)", content_type_header, re.IGNORECASE)
    if not match:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:4096], re.IGNORECASE)  # type: ignore[assignment]
        if match:
            return match.group(1).decode("ascii", "replace")  # type: ignore[union-attr]
    return match.group(1) if match else "utf-8"


def _title(body: bytes, content_type_header: str) -> str:
    try:
        text = body.decode(_charset(content_type_header, body), errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    parser = _TitleParser()
    try:
        parser.feed(text[:200_000])
    except Exception:
        return ""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", "".join(parser.parts))
    return " ".join(text.split())[:300]


class _Deadline:
    """Cuts a connection's socket when the capture's time is up: a server that answers one
    byte at a time never times out a read, but cannot outlive the shutdown."""

    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    @property
    def left(self) -> float:
        return self.ends - time.monotonic()

    @property
    def passed(self) -> bool:
        return self.left <= 0

    def guard(self, connection: http.client.HTTPConnection) -> threading.Timer:
        timer = threading.Timer(max(0.0, self.left), _cut, [connection])
        timer.daemon = True
        timer.start()
        return timer


def _cut(connection: http.client.HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _read_body(response: http.client.HTTPResponse, limit: int, deadline: _Deadline) -> bytes:
    parts: list[bytes] = []
    size = 0
    while size < limit and not deadline.passed:
        part = response.read1(min(65_536, limit - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def capture_link(
    url: str,
    *,
    timeout: float = 5.0,
    total: float | None = None,
    max_bytes: int = 2_000_000,
    keep_bytes: int = 500_000,
    allow_private: bool = False,
) -> Capture:
    """What `url` showed now: follows up to 5 redirects, reads at most `max_bytes`; `timeout`
    bounds each wait, `total` (default three times `timeout`) the whole capture."""
    current = url
    deadline = _Deadline(total if total is not None else 3 * timeout)
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return _failure(url, "Địa chỉ không hợp lệ", final_url=current)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address, internal = _resolve(parts.hostname, port)
        if internal and not allow_private:
            return _failure(url, "Địa chỉ nội bộ không được phép", final_url=current)
        if address is None:
            return _failure(
                url,
                f"Không kết nối được: không tìm thấy máy chủ {parts.hostname}",
                final_url=current,
            )
        connection_class = (
            _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        )
        if deadline.passed:
            return _failure(url, _over(timeout, total), final_url=current)
        wait = min(timeout, deadline.left)
        connection = connection_class(parts.hostname, port, address, wait)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        guard = None
        try:
            guard = deadline.guard(connection)
            connection.connect()
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                current = urljoin(current, response.getheader("Location", ""))
                continue
            body = _read_body(response, max_bytes + 1, deadline)
        except TimeoutError:
            return _failure(url, f"Hết thời gian chờ ({timeout:g} giây)", final_url=current)
        except (OSError, http.client.HTTPException) as exc:
            if deadline.passed:
                return _failure(url, _over(timeout, total), final_url=current)
            return _failure(url, f"Không kết nối được: {exc}", final_url=current)
        finally:
            if guard is not None:
                guard.cancel()
            connection.close()
        if deadline.passed:
            return _failure(url, _over(timeout, total), final_url=current)
        truncated = len(body) > max_bytes
        body = body[:max_bytes]
        header = response.getheader("Content-Type", "") or ""
        content_type = header.split(";")[0].strip().lower()
        ok = 200 <= response.status < 300
        return Capture(
            url=url,
            ok=ok,
            status=response.status,
            title=_title(body, header)
            if content_type in ("text/html", "application/xhtml+xml")
            else "",
            content_type=content_type,
            content=body if not truncated and len(body) <= keep_bytes else None,
            size=len(body),
            truncated=truncated,
            error="" if ok else f"Trang trả về mã {response.status}",
            final_url=current,
        )
    return _failure(url, "Chuyển hướng quá nhiều lần", final_url=current)
