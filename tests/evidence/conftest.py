"""A real local HTTP server that plays the web pages evidence links point to."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE = "<html><head><meta charset='utf-8'><title> Kế hoạch  dạy học trực tuyến </title></head><body>ok</body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        **headers: str,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, data: bytes) -> None:
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.25)
        except OSError:  # the client gave up
            pass

    def do_GET(self) -> None:
        if self.path == "/ke-hoach":
            self.send(200, PAGE)
        elif self.path == "/moved":
            self.send(302, b"", Location="/ke-hoach")
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send(200, PAGE)
        elif self.path == "/control-title":
            self.send(200, "<title>Kế\x00 hoạch\x01 năm</title>".encode())
        elif self.path == "/big":
            self.send(200, b"x" * 5000, "application/octet-stream")
        elif self.path == "/host":
            self.send(200, f"<title>{self.headers.get('Host')}</title>".encode())
        elif self.path == "/drip":  # a body of 40 bytes, one every quarter of a second
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "40")
            self.end_headers()
            self._drip(b"x" * 40)
        elif self.path == "/drip-headers":  # the headers themselves, one byte at a time
            self._drip(b"HTTP/1.1 200 OK\r\nX-Chiso: " + b"y" * 40 + b"\r\n\r\nok")
        elif self.path == "/file.pdf":
            self.send(200, b"%PDF-1.4\n%%EOF\n", "application/pdf")
        else:
            self.send(404, b"<title>Not found</title>")


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()
