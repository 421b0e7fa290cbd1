"""gunicorn for chiso: `gunicorn -c deploy/gunicorn.conf.py chiso.wsgi` (docs/deploy.md).

Processes rather than threads: a request is mostly Python (the ORM, the templates), and the
threads of one process take turns on its interpreter lock; each of the requests' round trips to
PostgreSQL and Redis hands the lock over once more. On 2 cores, 4 workers with one thread each
served about 14% more of the deadline-week mix than 3 workers with 4 threads each
(docs/deploy.md, "Load").

gunicorn's plain synchronous workers, behind nginx (which buffers slow clients): each request
comes on its own connection from nginx and goes to whichever worker is free, where a kept-alive
connection would tie a client to one worker however busy it is. Against the threaded worker with
one thread, six pairs on the same machine and mix: 8% more requests/s, and a p95 of 139-170 ms
instead of 204-305 ms (docs/deploy.md, "Load"). A worker waiting on LibreOffice (a PDF) serves
nothing meanwhile: GUNICORN_THREADS=2 where many people export PDFs at once (gunicorn then runs
its threaded worker). Every value can be set from the environment (GUNICORN_*), e.g. in the
systemd unit's EnvironmentFile.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")  # "gthread" if THREADS > 1
threads = int(os.environ.get("GUNICORN_THREADS", 1))  # persistent connections are per thread
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = max_requests // 10
# DOCX/PDF/XLSX exports of an office; a synchronous worker still busy after this is restarted
# (nginx gives up after the same time: proxy_read_timeout).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5  # the threaded worker only: the synchronous one closes after each answer
# nginx on the same machine: trust its X-Forwarded-* headers only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# chiso.lib.middleware writes one JSON access line per request (with request id and timing).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
proc_name = "chiso"


def post_worker_init(worker: object) -> None:
    """Once a worker has loaded Django, move everything it loaded out of the collector's sight:
    the collector then scans only what requests allocate, not the ~130,000 objects of the
    framework and its modules at every full collection (Python's gc.freeze, made for this)."""
    gc.collect()
    gc.freeze()
