"""``minhchung serve``: migrations, API + web UI (uvicorn) and N worker processes in one command."""

from __future__ import annotations

import argparse
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import uuid

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="chạy dịch vụ web (API, giao diện, worker) / run the service"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers", type=int, default=1, help="worker processes for the job queue (0 = none)"
    )
    parser.set_defaults(func=run)


def _announce_first_admin(username: str, password: str) -> None:
    """Print the first admin's name and password (or where the password came from)."""
    shown = "(from MINHCHUNG_ADMIN_PASSWORD)" if os.environ.get("MINHCHUNG_ADMIN_PASSWORD") else password
    print("=" * 70)
    print(f"  Đã tạo quản trị viên đầu tiên / first admin created: {username}  password: {shown}")
    print(
        "  Đổi mật khẩu hoặc tạo người dùng: minhchung user add --username U --role assessor "
        "--province 'Sơn La' --password-stdin"
    )
    print("=" * 70, flush=True)


PORT_IN_USE_EXIT = 2  # the --port given cannot be used: a bad argument


def bind_listening_socket(host: str, port: int) -> socket.socket:
    """Bind ``host:port`` now, before anything is started or announced (raises ``OSError`` when the port is
    taken or the address is not this machine's). The socket is handed to uvicorn, so nothing can take the
    port between this check and serving."""
    family, kind, proto, _name, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        # As uvicorn does: a restart may reuse a port still in TIME_WAIT; a port another program listens
        # on stays refused.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def port_error_message(host: str, port: int, error: OSError) -> str:
    """The Vietnamese/English message for a port that cannot be used."""
    import errno

    if error.errno == errno.EADDRINUSE:
        return (
            f"Lỗi: cổng {port} trên {host} đang được chương trình khác dùng (có thể Minh Chứng đã chạy rồi). "
            f"Dừng chương trình đó hoặc chọn cổng khác: minhchung serve --port {port + 1}\n"
            f"Error: port {port} on {host} is already in use (Minh Chứng may already be running). "
            f"Stop that program or choose another port: minhchung serve --port {port + 1}"
        )
    return (
        f"Lỗi: không mở được {host}:{port} ({error.strerror or error}). Kiểm tra --host và --port.\n"
        f"Error: cannot listen on {host}:{port} ({error.strerror or error}). Check --host and --port."
    )


def forwarded_allow_ips(trusted_proxies: tuple[str, ...]) -> list[str] | None:
    """The proxies whose ``X-Forwarded-*`` uvicorn may believe, under the one rule of
    ``MINHCHUNG_TRUSTED_PROXIES`` (``api.client_address``): the listed ones; ``None`` when none is listed, and
    then proxy headers are off. uvicorn's own default would believe any request from this machine."""
    from api.client_address import trusted_networks

    return [str(network) for network in trusted_networks(trusted_proxies)] or None


def database_description(database_url: str) -> str:
    """What the start line says about the database: the absolute file of a SQLite database, else the
    URL without its credentials."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return "SQLite (in memory)"
        return f"SQLite {os.path.abspath(url.database)}"
    return database_url.split("@")[-1] if "@" in database_url else database_url


class WorkerPool:
    """Keeps N ``python -m api.worker`` processes alive (a dead one is restarted).

    Each worker gets this process's pid (``MINHCHUNG_PARENT_PID``) and the instance id: it asks the kernel
    to kill it when this process dies (even by ``kill -9``), and ``/ready`` counts only this instance's
    workers. The kernel ties that signal to the *thread* that started the worker, so workers are started
    only by threads that live as long as the process (the main thread, and the watch thread, which never
    returns)."""

    def __init__(self, count: int, env: dict[str, str]) -> None:
        self.count = count
        self.env = {**env, "MINHCHUNG_PARENT_PID": str(os.getpid())}
        self.processes: list[subprocess.Popen] = []
        self.stopping = threading.Event()

    def _spawn(self) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "api.worker"], env=self.env)

    def start(self) -> None:
        self.processes = [self._spawn() for _ in range(self.count)]
        threading.Thread(target=self._watch, daemon=True, name="worker-watch").start()

    def _watch(self) -> None:
        while True:  # never returns: a worker started here would be killed when this thread ends
            time.sleep(2.0)
            if self.stopping.is_set():
                continue
            for index, process in enumerate(self.processes):
                if process.poll() is not None and not self.stopping.is_set():
                    log.warning("worker pid %d exited (%s); restarting", process.pid, process.returncode)
                    self.processes[index] = self._spawn()

    def stop(self) -> None:
        self.stopping.set()
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def run(args: argparse.Namespace) -> int:
    """Start the service. It is imported here, not at the top: the library imports without it."""
    import secrets

    import uvicorn

    from api.app import create_app
    from api.settings import Settings
    from api.users import create_first_admin

    # The port first: a port in use stops here, before migrations, workers or any start line.
    try:
        sock = bind_listening_socket(args.host, args.port)
    except OSError as error:
        print(port_error_message(args.host, args.port, error), file=sys.stderr, flush=True)
        return PORT_IN_USE_EXIT
    try:
        settings = Settings.from_env()
        settings.instance_id = uuid.uuid4().hex  # this run's workers; /ready counts only them
        app = create_app(settings, migrate=True)
        # With no user at all: ``admin`` (password from MINHCHUNG_ADMIN_PASSWORD or a random one).
        username = os.environ.get("MINHCHUNG_ADMIN_USERNAME", "admin")
        password = os.environ.get("MINHCHUNG_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        if create_first_admin(app.state.mc.engine, username, password):
            _announce_first_admin(username, password)
    except BaseException:
        sock.close()
        raise
    pool = WorkerPool(max(0, args.workers), {**os.environ, **settings.to_env()})
    pool.start()
    database = database_description(settings.database_url)
    print(f"Cơ sở dữ liệu / database: {database}")
    print(
        f"Minh Chứng: http://{args.host}:{args.port}/  (API docs: /docs; "
        f"storage: {settings.storage_dir}; workers: {args.workers})"
    )
    print(
        "Đăng nhập / log in: mở địa chỉ trên, hoặc: curl -X POST "
        f"http://{args.host}:{args.port}/api/auth/login -H 'Content-Type: application/json' "
        '-d \'{"username":"admin","password":"…"}\''
    )
    print("Dừng / stop: Ctrl+C (các worker dừng theo / the workers stop with it)", flush=True)
    allowed = forwarded_allow_ips(settings.trusted_proxies)
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        log_level="info",
        proxy_headers=allowed is not None,
        forwarded_allow_ips=allowed,
    )
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])  # the socket bound above: no second bind, no race for the port
    finally:
        pool.stop()
        sock.close()
    return 0 if server.started else 1  # as uvicorn.run: the application failed to start
