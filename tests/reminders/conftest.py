"""A real local SMTP server (aiosmtpd) that receives the reminder emails, and an address for
every user of the test world."""

from __future__ import annotations

import email
import socket
from email.header import decode_header, make_header
from typing import Any

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """What the SMTP server received: (recipients, subject, body) per message."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], str, str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content)
        subject = str(make_header(decode_header(message["Subject"])))
        body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
        self.received.append((sorted(envelope.rcpt_tos), subject, body))
        return "250 OK"

    def to(self, address: str) -> list[tuple[str, str]]:
        return [(s, b) for rcpt, s, b in self.received if address in rcpt]


@pytest.fixture
def inbox(settings: Any) -> Any:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.SITE_URL = "https://chiso.example.vn"
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def addresses(world: Any) -> dict[str, str]:
    """Every demo user gets an address of their own."""
    out = {}
    for name, user in world.users.items():
        user.email = f"{name}@truong.edu.vn"
        user.save(update_fields=["email"])
        out[name] = user.email
    return out
