"""gunicorn for the bench, the tests and the smoke script: start it on a free port, wait until
it answers, stop it; and read its processes from /proc: which are a master's workers, and what
memory each holds (the bench reports it; the production tests check the workers share their
master's). Only the standard library: deploy/smoke.py imports it without Django."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


class ServerFailed(RuntimeError):
    """The server exited, or did not answer in time (the message holds its log's tail)."""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def status_at(url, host=None, timeout=5):
    """The HTTP status a GET of `url` gets (redirects not followed), or None if nothing answers."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path or "/", headers={"Host": host or parts.netloc})
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def wait_until_up(url, process=None, seconds=60, wanted=None, log=None, host=None):
    """Until `url` answers (with the status `wanted`, when given; `host` as its Host header);
    fails early if `process` exits, with the tail of its `log` file."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServerFailed(f"the server exited ({process.returncode}){tail_of(log)}")
        # A slow first answer (a worker still warming up on a busy machine) is still an answer.
        status = status_at(url, host, timeout=max(1, min(30, deadline - time.monotonic())))
        if status is not None and wanted in (None, status):
            return status
        time.sleep(0.2)
    raise ServerFailed(f"nothing answered {wanted or ''} at {url} within {seconds} s{tail_of(log)}")


def tail_of(log, characters=3000):
    if log is None:
        return ""
    log.flush()
    with open(log.name, encoding="utf-8", errors="replace") as text:
        return ":\n" + text.read()[-characters:]


@contextlib.contextmanager
def stopping(process, seconds=20):
    """Yields `process` and always stops it on leaving: SIGTERM, then SIGKILL after `seconds`."""
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def gunicorn(
    environment,
    port,
    *,
    workers=2,
    threads=1,
    timeout=None,
    ready_path="/healthz",
    wanted=None,
    launcher=(sys.executable, "-m", "gunicorn"),
    log=None,
):
    """The project's WSGI application under gunicorn on 127.0.0.1:`port`, with the project's
    gunicorn.conf.py (`timeout=None` keeps the file's timeout). Yields the master's process once
    `ready_path` answers (with `wanted`, when given); always stops it on leaving. `launcher`
    replaces `python -m gunicorn` (the production tests patch reCAPTCHA first); `log`, a file,
    gets gunicorn's output."""
    options = ["--timeout", str(timeout)] if timeout is not None else []
    process = subprocess.Popen(
        [*launcher, "aicities.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(workers),
         "--threads", str(threads), *options, "--log-level", "warning"],
        cwd=PROJECT,
        env={**environment, "PYTHONPATH": str(PROJECT)},
        stdout=log,
        stderr=subprocess.STDOUT if log else None,
    )  # fmt: skip
    with stopping(process):
        wait_until_up(f"http://{HOST}:{port}{ready_path}", process, wanted=wanted, log=log)
        yield process


def worker_pids(master_pid):
    """gunicorn's workers: the processes whose parent is the master."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The command may hold spaces: the parent's pid follows the closing parenthesis.
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            pids.append(int(entry))
    return sorted(pids)


@dataclass
class Memory:
    """A process's memory in MiB, from /proc/<pid>/smaps_rollup.

    rss: every page it maps that is in memory, shared or not (what `ps` and `top` show);
    pss: its fair share: private pages plus each shared page divided by the processes sharing
         it (the workers share the modules gunicorn's master loaded before forking them);
    uss: the pages only it holds: what stopping it would give back.
    """

    rss: float
    pss: float
    uss: float


def memory_of(pid):
    kib = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                kib[name] = int(rest.split()[0])
    private = kib.get("Private_Clean", 0) + kib.get("Private_Dirty", 0)
    return Memory(rss=kib["Rss"] / 1024, pss=kib["Pss"] / 1024, uss=private / 1024)
