"""A private PostgreSQL cluster in a temporary folder, from the system's PostgreSQL binaries.

Used by the hub's tests and by ``pos-app hub serve --demo``.  PostgreSQL refuses to run as root, so when
we are root (CI is) the cluster runs as a dedicated system user, created with ``useradd`` when missing.
It listens on 127.0.0.1 on a free port (and a unix socket in its folder), with a random password.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

CLUSTER_USER = "pos-app-pg"
DB_USER = "hub"
DB_NAME = "hub"


class NoPostgresError(RuntimeError):
    """The PostgreSQL server binaries (initdb, pg_ctl) are not installed."""


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin with initdb and pg_ctl (Debian), or the directory on PATH."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    for d in candidates:
        if os.access(Path(d, "initdb"), os.X_OK) and os.access(Path(d, "pg_ctl"), os.X_OK):
            return Path(d)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ensure_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pass
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam(name)


class Cluster:
    """``with Cluster() as pg: pg.url`` — initdb, start, and on exit stop and delete everything."""

    def __init__(self, *, fsync: bool = False, base: str | None = None) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise NoPostgresError("no PostgreSQL server binaries (initdb, pg_ctl); install Debian's `postgresql`")
        self.bindir = bindir
        self.fsync = fsync
        self.password = secrets.token_urlsafe(18)
        self.port = 0
        if base is None and os.geteuid() == 0 and os.path.isdir("/tmp"):
            base = "/tmp"  # the cluster's user must reach the folder: not a root-only $TMPDIR
        self.folder = Path(tempfile.mkdtemp(prefix="pos-app-pg-", dir=base))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self._uid: int | None = None
        self._gid: int | None = None
        if os.geteuid() == 0:
            user = _ensure_user(CLUSTER_USER)
            self._uid, self._gid = user.pw_uid, user.pw_gid
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self._initialised = False
        self._running = False
        self._watchdog: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"postgresql://{DB_USER}:{self.password}@127.0.0.1:{self.port}/{DB_NAME}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            text=True,
            user=self._uid,
            group=self._gid,
            extra_groups=[] if self._uid is not None else None,
            cwd=self.folder,
            env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "TZ": "UTC"},
        )

    def _initdb(self) -> None:
        pwfile = self.folder / "pw"
        pwfile.write_text(self.password + "\n")
        if self._uid is not None:
            os.chown(pwfile, self._uid, self._gid or 0)
        pwfile.chmod(0o600)
        try:
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                DB_USER,
                "--pwfile",
                str(pwfile),
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--no-instructions",
            )
        finally:
            pwfile.unlink(missing_ok=True)
        self._initialised = True

    def start(self) -> str:
        """Start (initdb on first use); return the connection URL."""
        if self._running:
            return self.url
        if not self._initialised:
            self._initdb()
        for _ in range(5):
            self.port = self.port or _free_port()
            options = (
                f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
                # fsync off (a throwaway cluster need not survive a power cut), but every commit is written
                # before it returns, so a killed server (pg_ctl -m immediate, as the fault tests do) loses none.
                f" -c fsync={'on' if self.fsync else 'off'} -c synchronous_commit=on"
                f" -c full_page_writes={'on' if self.fsync else 'off'} -c shared_buffers=64MB"
            )
            try:
                self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log), "-o", options)
            except subprocess.CalledProcessError:
                self.port = 0  # the port was taken in between: try another
                continue
            self._running = True
            self._watch()
            self._create_db()
            return self.url
        raise RuntimeError(f"PostgreSQL did not start; see {self.log}")

    def _watch(self) -> None:
        """A watchdog outliving us: if this process dies without destroy() (SIGKILL, a CI timeout), it
        stops the server and removes the folder, so no cluster is left running."""
        if getattr(self, "_watchdog", None) is not None:
            return
        pg_ctl = self.bindir / "pg_ctl"
        as_user = f"runuser -u {CLUSTER_USER} -- " if self._uid is not None else ""
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null && [ -d '{self.folder}' ]; do sleep 2; done; "
            f"[ -d '{self.data}' ] && {as_user}'{pg_ctl}' stop -m immediate -D '{self.data}' >/dev/null 2>&1; "
            f"rm -rf '{self.folder}'"
        )
        self._watchdog = subprocess.Popen(
            ["sh", "-c", script],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _create_db(self) -> None:
        import psycopg

        admin = f"postgresql://{DB_USER}:{self.password}@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone() is None:
                conn.execute(f"CREATE DATABASE {DB_NAME}")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (the data stays: start() again brings it back)."""
        if self._running:
            try:
                self._run("pg_ctl", "stop", "-w", "-t", "60", "-m", mode, "-D", str(self.data))
            except subprocess.CalledProcessError:
                pass
            self._running = False

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
        watchdog = getattr(self, "_watchdog", None)
        if watchdog is not None:  # it sees the folder gone and exits within 2 s
            try:
                watchdog.wait(5)
            except subprocess.TimeoutExpired:
                watchdog.kill()
                watchdog.wait(5)
            self._watchdog = None

    @property
    def running(self) -> bool:
        return self._running

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.destroy()
