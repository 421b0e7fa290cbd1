"""Job kinds: a plain function per kind, registered by the app that owns the work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chiso.jobs.models import Job
    from chiso.jobs.runner import Progress


@dataclass
class Outcome:
    """What a job leaves behind: a message, an optional file to download, a summary to show."""

    message: str
    file_name: str = ""
    file_content: bytes = b""
    summary: dict[str, Any] = field(default_factory=dict)


JobFunction = Callable[["Job", "Progress"], Outcome]
KINDS: dict[str, JobFunction] = {}


class JobFailed(Exception):
    """A job that cannot finish for a reason the user can act on; the message is shown as is."""


def job(kind: str) -> Callable[[JobFunction], JobFunction]:
    def register(function: JobFunction) -> JobFunction:
        KINDS[kind] = function
        return function

    return register
