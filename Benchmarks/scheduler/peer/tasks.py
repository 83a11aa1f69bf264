"""Benchmark B2 peer: a Celery app with a Redis broker and one no-op task.

The task writes one line per run -- "<index> <lateness s> <start epoch s>" -- to a file of its own worker process
(one unbuffered O_APPEND write, a few microseconds), so that peer.py can count duplicates and lateness from the eta
to the moment the task started. Settings are Celery's defaults except that results are not stored.
"""
import os
import time

from celery import Celery

app = Celery("b2", broker=os.environ.get("B2_BROKER", "redis://127.0.0.1:6379/0"))
app.conf.update(
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)

_fd = None


def _out():
    global _fd
    if _fd is None:
        path = os.path.join(os.environ["B2_OUT"], f"dispatch-{os.getpid()}.log")
        _fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    return _fd


@app.task(name="b2.noop")
def noop(index, eta):
    started = time.time()
    os.write(_out(), f"{index} {started - eta:.6f} {started:.6f}\n".encode())
