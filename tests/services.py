"""Private Redis and PostgreSQL servers for the tests that need a server of their own.

Tests share the machine with other checkouts and CI runs: they never flush or freeze a server
they did not start. A test that needs Redis or PostgreSQL beyond pytest-django's own test
database starts one here, on a free port, in a temporary folder, and stops it at the end. The
fault tests freeze one (SIGSTOP) and resume it (SIGCONT) to play a hung dependency.

The binaries come from Debian's packages (redis-server; postgresql's initdb and postgres); a
test that needs one that is missing is skipped with the command that installs it.
"""

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from demo.processes import free_port

__all__ = ["free_port", "private_postgres", "private_redis", "public_temporary_folder"]


def _wait_for_port(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


def _process_tree(pid):
    """`pid` and its descendants, parents first (read from /proc)."""
    children = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            with open(stat) as file:
                # "pid (name) state ppid ...": the name may hold spaces, so split after ")".
                fields = file.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    tree, index = [pid], 0
    while index < len(tree):
        tree.extend(children.get(tree[index], []))
        index += 1
    return tree


@dataclass
class Server:
    """A server process of the tests' own: its address, and the means to hang and resume it."""

    process: subprocess.Popen
    port: int
    url: str

    def freeze(self):
        """Hang it as a stuck server hangs: connections are accepted by the kernel, never
        answered. Its child processes too (PostgreSQL's backends), so open connections hang
        as well as new ones."""
        for pid in _process_tree(self.process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)

    def thaw(self):
        for pid in reversed(_process_tree(self.process.pid)):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    @contextlib.contextmanager
    def frozen(self):
        self.freeze()
        try:
            yield self
        finally:
            self.thaw()

    def stop(self):
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGCONT)
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def _require(binary, package):
    if not binary or not os.access(binary, os.X_OK):
        pytest.skip(f"{binary or package} not found: apt-get install {package}")


@contextlib.contextmanager
def private_redis():
    """A Redis server of our own on a free port, keeping nothing on disk."""
    binary = shutil.which("redis-server")
    _require(binary, "redis-server")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="aicities-redis-") as folder:
        process = subprocess.Popen(
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                folder,
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = Server(process, port, f"redis://127.0.0.1:{port}/0")
        try:
            _wait_for_port(port, process)
            yield server
        finally:
            server.stop()


@dataclass
class PostgresServer(Server):
    """A private PostgreSQL cluster, which can also write its database to a file and read
    one back (pg_dump's custom format)."""

    binaries: Path

    def _client(self, program, *args):
        result = subprocess.run(
            [self.binaries / program, "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             *args],
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stderr[-3000:]}")

    def dump(self, path):
        self._client("pg_dump", "--format=custom", f"--file={path}", "aicities")

    def restore(self, path):
        self._client("pg_restore", "--no-owner", "--dbname=aicities", str(path))


def _postgres_binaries():
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    return Path(candidates[0]) if candidates else None


def _as_postgres_user():
    """PostgreSQL refuses to run as root: run it as the `postgres` system user when we are root."""
    if os.geteuid() != 0:
        return {}
    user = pwd.getpwnam("postgres")

    def demote():
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    return {"preexec_fn": demote, "user": user}


@contextlib.contextmanager
def private_postgres():
    """A PostgreSQL cluster of our own (initdb in a temporary folder, trust auth) on a free
    port; its URL names the database `aicities`, which exists."""
    binaries = _postgres_binaries()
    _require(str(binaries / "initdb") if binaries else None, "postgresql")
    port = free_port()
    demotion = _as_postgres_user()
    folder = tempfile.mkdtemp(prefix="aicities-postgres-")
    if "user" in demotion:
        os.chown(folder, demotion["user"].pw_uid, demotion["user"].pw_gid)
    data = Path(folder) / "data"
    run_as = {"preexec_fn": demotion["preexec_fn"]} if demotion else {}
    try:
        subprocess.run(
            [
                binaries / "initdb",
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
            **run_as,
        )
        process = subprocess.Popen(
            [
                binaries / "postgres",
                "-D",
                data,
                "-p",
                str(port),
                "-k",
                folder,
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **run_as,
        )
        server = PostgresServer(
            process, port, f"postgres://postgres@127.0.0.1:{port}/aicities", binaries
        )
        try:
            _wait_for_port(port, process)
            _create_database(binaries, port, folder, run_as)
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _create_database(binaries, port, folder, run_as):
    deadline = time.monotonic() + 30
    while True:
        result = subprocess.run(
            [binaries / "createdb", "-h", folder, "-p", str(port), "-U", "postgres", "aicities"],
            capture_output=True,
            text=True,
            **run_as,
        )
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"createdb failed: {result.stderr}")
        time.sleep(0.2)


@contextlib.contextmanager
def public_temporary_folder():
    """A temporary folder other users may enter (pytest's own are root's alone): for servers
    whose workers run as another user, as nginx's do, and commands run as a service user."""
    folder = Path(tempfile.mkdtemp(prefix="aicities-public-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
