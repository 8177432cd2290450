"""The production profile on loopback, started the way deploy/ configures it.

Every service is this suite's own: a PostgreSQL cluster in a temp dir
(initdb/pg_ctl), a redis-server, Granian with deploy/granian.env, the task
worker and nginx with deploy/nginx/ratusz.conf behind TLS (a self-signed
certificate), each on its own port, so the fault tests may stop any of them
without disturbing anything else on the machine. The environment is
deploy/env.example with only the site-specific values (secrets, addresses,
paths) replaced. The app writes its files in the `ratusz` group with the
umask of its systemd units (root's uid by default, the `ratusz` user with
RATUSZ_STACK_APP_USER=1) and nginx's workers run as `www-data`, in the
groups docs/deployment.md sets up. Daemons write to files, never to our pipes.
"""

from __future__ import annotations

import base64
import glob
import json
import os
import pwd
import shutil
import signal
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
APP_USER = "ratusz"
NGINX_USER = "www-data"
# Site-specific values of deploy/env.example that a loopback stack must replace;
# everything else (settings module, proxy count, task backend…) is used as shipped.
SITE_SPECIFIC = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "FRONTEND_CACHE_URL",
    "RATUSZ_HMAC_KEY",
    "RATUSZ_ENCRYPTION_KEY",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_USE_TLS",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "WAGTAILADMIN_BASE_URL",
}


class StackError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value
    return values


def pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise StackError("brak initdb (apt-get install postgresql)")
    preferred = [p for p in found if "/15/" in p]
    return Path((preferred or found)[-1]).parent


def missing_tools(extra: tuple[str, ...] = ()) -> list[str]:
    """What the production stack needs and this machine lacks."""
    tools = ("nginx", "redis-server", "openssl", "ogr2ogr", *extra)
    missing = [tool for tool in tools if not shutil.which(tool)]
    try:
        pg_bin()
    except StackError:
        missing.append("postgresql")
    if os.geteuid() != 0:
        missing.append("root (runuser)")
    return missing


def wait_until(check, limit: float, what: str, step: float = 0.3):
    deadline = time.monotonic() + limit
    while True:
        try:
            result = check()
            if result:
                return result
        except Exception:  # noqa: BLE001 - anything means "not yet"
            pass
        if time.monotonic() > deadline:
            raise StackError(f"{what}: no answer within {limit:.0f} s")
        time.sleep(step)


class SourceAddressAdapter(HTTPAdapter):
    """Connect from a chosen loopback address: one simulated client per address."""

    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def worker_unit_commands() -> tuple[list[str], list[str]]:
    """ExecStartPre and ExecStart of the worker's systemd unit, for this machine."""
    commands = {}
    for line in (DEPLOY / "systemd" / "ratusz-worker.service").read_text().splitlines():
        key, _, value = line.partition("=")
        if key in ("ExecStartPre", "ExecStart"):
            argv = value.replace("%H", socket.gethostname()).split()
            commands[key] = [str(BIN / "python"), *argv[1:]]  # the unit's venv python
    return commands["ExecStartPre"], commands["ExecStart"]


class SmtpSink(socketserver.ThreadingTCPServer):
    """A minimal SMTP server that records every accepted message's recipients.

    `delay` slows each message before it is accepted, so a worker can be killed
    in the middle of sending one.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.received: list[tuple[str, bytes]] = []  # (recipient, message)
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def recipients(self) -> Counter:
        with self.lock:
            return Counter(rcpt for rcpt, _ in self.received)


class _SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink ESMTP")
        rcpts: list[str] = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("latin-1").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                rcpts = []
                # A slow server: the message is not accepted until DATA ends, so a
                # worker killed now has sent nothing.
                time.sleep(self.server.delay)
                self.reply("250 OK")
            elif verb == "RCPT":
                rcpts.append(command.split(":", 1)[1].strip().strip("<>").lower())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go on")
                body = []
                while True:
                    chunk = self.rfile.readline()
                    if not chunk or chunk in (b".\r\n", b".\n"):
                        break
                    body.append(chunk)
                with self.server.lock:
                    for rcpt in rcpts:
                        self.server.received.append((rcpt, b"".join(body)))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # RSET, NOOP
                self.reply("250 OK")


class ProductionStack:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="ratusz-stack."))
        self.dir.chmod(0o755)
        self.as_root = os.geteuid() == 0
        self.app_as_user = False
        self.ports = {name: free_port() for name in ("pg", "redis", "app", "https", "http")}
        self.procs: dict[str, subprocess.Popen] = {}
        self.attached = False
        self.saved_pids: dict[str, int] = {}
        self.smtp = SmtpSink()
        self.pg_bin = pg_bin()
        self.var = self.dir / "var"
        self.cert = self.dir / "tls" / "cert.pem"
        self.base = f"https://127.0.0.1:{self.ports['https']}"
        self.app_base = f"http://127.0.0.1:{self.ports['app']}"
        self.env = self._environment()

    # --- set-up -------------------------------------------------------------

    def _environment(self) -> dict[str, str]:
        shipped = env_file(DEPLOY / "env.example")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "RATUSZ_"))}
        for key in ("DATABASE_URL", "REDIS_URL", "CACHE_URL", "DATABASE_REPLICA_URL"):
            env.pop(key, None)
        env.update({k: v for k, v in shipped.items() if k not in SITE_SPECIFIC})
        env.update(
            SECRET_KEY="stack-" + os.urandom(32).hex(),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{self.ports['https']}",
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{self.ports['pg']}/ratusz",
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis']}/0",
            # Wagtail's PURGE goes to nginx's loopback listener, as in production.
            FRONTEND_CACHE_URL=f"http://127.0.0.1:{self.ports['http']}",
            RATUSZ_HMAC_KEY=os.urandom(32).hex(),
            RATUSZ_ENCRYPTION_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
            STATIC_ROOT=str(self.var / "static"),
            MEDIA_ROOT=str(self.var / "media"),
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.smtp.port),
            EMAIL_USE_TLS="false",
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            WAGTAILADMIN_BASE_URL=f"https://127.0.0.1:{self.ports['https']}",
            PYTHONPATH=str(ROOT),
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONUNBUFFERED="1",
            HOME=str(self.dir),
        )
        assert env["DJANGO_SETTINGS_MODULE"] == "ratusz.settings.production", env
        return env

    def _as(self, user: str | None, argv: list[str]) -> list[str]:
        """argv run as `user` (with the app's systemd umask) when we are root."""
        if user == "postgres" or not self.as_root or user is None:
            prefix = ["runuser", "-u", user, "--"] if self.as_root and user else []
            return [*prefix, *argv]
        umask = self.unit_umask()
        if self.app_as_user:
            switch = ["runuser", "-u", user, "--"]
        else:  # root's uid in the app's group: the files as production writes them
            switch = ["setpriv", f"--regid={user}", "--clear-groups", "--"]
        return [*switch, "sh", "-c", f'umask {umask}; exec "$@"', "sh", *argv]

    def _app_user_can_run(self) -> bool:
        probe = subprocess.run(
            ["runuser", "-u", APP_USER, "--", str(BIN / "python"), "-c", "import django, ratusz"],
            cwd=ROOT, env=self.env, capture_output=True, timeout=60,
        )  # fmt: skip
        return probe.returncode == 0

    @staticmethod
    def unit_umask() -> str:
        for line in (DEPLOY / "systemd" / "ratusz-web.service").read_text().splitlines():
            if line.startswith("UMask="):
                return line.split("=", 1)[1].strip()
        return "0022"  # systemd's default

    def _users(self):
        """The accounts of docs/deployment.md (step 2), created if missing."""
        if not self.as_root:
            return
        try:
            pwd.getpwnam(APP_USER)
        except KeyError:
            subprocess.run(
                ["useradd", "--system", "--user-group", "--no-create-home",
                 "--shell", "/usr/sbin/nologin", APP_USER],
                check=True,
            )  # fmt: skip
        # nginx reads static files, renditions and uploads through the app's group.
        subprocess.run(["usermod", "-aG", APP_USER, NGINX_USER], check=True)
        # By default the app keeps root's uid but writes its files with the `ratusz`
        # group and the units' umask, exactly as nginx sees them in production, on any
        # machine (the virtualenv may live under /root). RATUSZ_STACK_APP_USER=1 runs
        # it as the `ratusz` user itself where that user can read the code and venv.
        if os.environ.get("RATUSZ_STACK_APP_USER"):
            self.app_as_user = self._app_user_can_run()

    def _log(self, name: str):
        return open(self.dir / f"{name}.log", "ab")

    def run(self, *argv: str, user: str | None = APP_USER, timeout: float = 900, **kw):
        with self._log("setup") as log:
            result = subprocess.run(
                self._as(user, list(argv)),
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
                **kw,
            )
        if result.returncode:
            tail = (self.dir / "setup.log").read_text(errors="replace")[-3000:]
            raise StackError(f"{argv} exited {result.returncode}:\n{tail}")

    def manage(self, *args: str, timeout: float = 900):
        self.run(str(BIN / "python"), "manage.py", *args, timeout=timeout)

    def manage_output(self, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(
            self._as(APP_USER, [str(BIN / "python"), "manage.py", *args]),
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise StackError(f"manage {args} exited {result.returncode}:\n{result.stderr[-3000:]}")
        return result.stdout

    def shell(self, code: str, timeout: float = 120) -> str:
        return self.manage_output("shell", "-c", code, timeout=timeout)

    def start(self):
        started = time.monotonic()
        self._users()
        self._tls()
        self.start_postgres()
        self.start_redis()
        self.run(str(self.pg_bin / "createdb"), "-h", "127.0.0.1", "-p",
                 str(self.ports["pg"]), "-U", "postgres", "ratusz", user=None)  # fmt: skip
        self.var.mkdir(mode=0o750)
        if self.as_root:
            shutil.chown(self.var, APP_USER, APP_USER)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("demo")
        self.start_app()
        self.start_worker()
        self.start_nginx()
        self.setup_seconds = time.monotonic() - started

    def _tls(self):
        (self.dir / "tls").mkdir()
        key = self.dir / "tls" / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(key), "-out", str(self.cert)],
            check=True, capture_output=True,
        )  # fmt: skip

    # --- PostgreSQL (own cluster) --------------------------------------------

    def start_postgres(self):
        data = self.dir / "pg" / "data"
        if not data.exists():
            data.parent.mkdir(mode=0o700)
            if self.as_root:
                shutil.chown(data.parent, "postgres", "postgres")
            self.run(str(self.pg_bin / "initdb"), "-D", str(data), "-U", "postgres",
                     "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
                     user="postgres" if self.as_root else None)  # fmt: skip
        options = (
            f"-p {self.ports['pg']} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={data.parent} -c fsync=off -c full_page_writes=off"
        )
        self.run(str(self.pg_bin / "pg_ctl"), "-D", str(data), "-l", str(data.parent / "log"),
                 "-o", options, "-w", "-t", "60", "start",
                 user="postgres" if self.as_root else None)  # fmt: skip

    def stop_postgres(self, mode: str = "fast"):
        self.run(str(self.pg_bin / "pg_ctl"), "-D", str(self.dir / "pg" / "data"), "-m", mode,
                 "-w", "-t", "60", "stop", user="postgres" if self.as_root else None)  # fmt: skip

    def psql(self, sql: str) -> str:
        result = subprocess.run(
            [str(self.pg_bin / "psql"), "-h", "127.0.0.1", "-p", str(self.ports["pg"]),
             "-U", "postgres", "-d", "ratusz", "-XAtq", "-c", sql],
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        return result.stdout.strip()

    # --- Redis (own server) ---------------------------------------------------

    def start_redis(self):
        self.procs["redis"] = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.ports["redis"]),
             "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
            stdout=self._log("redis"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self._redis_ping, 20, "redis-server")

    def _redis_ping(self):
        with socket.create_connection(("127.0.0.1", self.ports["redis"]), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def stop_redis(self):
        self._stop("redis")

    # --- Granian, the task worker ----------------------------------------------

    def start_app(self, name: str = "app", extra_env: dict[str, str] | None = None):
        """Granian as deploy/granian.env runs it; `name` is its port's and log's key
        (tests/cluster starts several app servers)."""
        env = dict(self.env)
        env.update(env_file(DEPLOY / "granian.env"))
        env.update(
            GRANIAN_HOST="127.0.0.1",
            GRANIAN_PORT=str(self.ports[name]),
            GRANIAN_PID_FILE=str(self.dir / f"{name}.pid"),
            **(extra_env or {}),
        )
        self.procs[name] = subprocess.Popen(
            self._as(APP_USER, [str(BIN / "granian"), "ratusz.wsgi:application"]),
            cwd=ROOT, env=env, stdout=self._log(name), stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{self.ports[name]}"
        wait_until(
            lambda: (
                requests.get(base + "/robots.txt", timeout=3, allow_redirects=False).status_code
                < 500
            ),
            120,
            "Granian",
        )

    def app_workers(self) -> list[int]:
        """Granian's worker processes (children of its main process)."""
        main = self._granian_main()
        found = []
        for task in Path(f"/proc/{main}/task").glob("*"):
            found += [int(pid) for pid in (task / "children").read_text().split()]
        return found

    def _granian_main(self) -> int:
        return int((self.dir / "app.pid").read_text().strip())  # GRANIAN_PID_FILE

    def start_worker(self):
        """Start the worker as deploy/systemd/ratusz-worker.service does: its start
        hook (ExecStartPre) first, then ExecStart, with the same arguments."""
        pre, main = worker_unit_commands()
        with self._log("worker") as log:
            subprocess.run(
                self._as(APP_USER, pre), cwd=ROOT, env=self.env, stdout=log,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=True, timeout=120,
            )  # fmt: skip
        self.procs["worker"] = subprocess.Popen(
            self._as(APP_USER, main),
            cwd=ROOT, env=self.env, stdout=self._log("worker"), stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip

    def stop_worker(self):
        self._stop("worker")

    def kill_worker(self):
        """SIGKILL the task worker (an OOM kill, a power cut of that process)."""
        self._stop("worker", signal.SIGKILL)

    # --- nginx ----------------------------------------------------------------

    def start_nginx(self):
        cache = self.dir / "nginx"
        for sub in ("cache", "body", "proxy", "fcgi", "uwsgi", "scgi"):
            (cache / sub).mkdir(parents=True, exist_ok=True)
            if self.as_root:
                shutil.chown(cache / sub, NGINX_USER)
        https, http = self.ports["https"], self.ports["http"]
        site = (DEPLOY / "nginx" / "ratusz.conf").read_text()
        # Only ports and paths change: TLS on one loopback port (as the documented
        # TLS server), plain HTTP on another for the app's PURGE requests.
        for placeholder, value in {
            "@CACHE_DIR@": str(cache / "cache"),
            "@UPSTREAM@": self.upstream(),
            "@LISTEN@": f"127.0.0.1:{https} ssl; listen 127.0.0.1:{http}",
            "@STATIC_ROOT@": self.env["STATIC_ROOT"],
            "@MEDIA_ROOT@": self.env["MEDIA_ROOT"],
        }.items():
            site = site.replace(placeholder, value)
        (self.dir / "site.conf").write_text(site)
        user = f"user {NGINX_USER};" if self.as_root else ""
        (self.dir / "nginx.conf").write_text(
            f"""{user}
worker_processes 2;
pid {self.dir}/nginx.pid;
error_log {self.dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log {self.dir}/nginx-access.log;
  client_body_temp_path {cache}/body;
  proxy_temp_path {cache}/proxy;
  fastcgi_temp_path {cache}/fcgi;
  uwsgi_temp_path {cache}/uwsgi;
  scgi_temp_path {cache}/scgi;
  ssl_certificate {self.cert};
  ssl_certificate_key {self.cert.parent / "key.pem"};
  ssl_protocols TLSv1.2 TLSv1.3;
  include {self.dir}/site.conf;
}}
"""
        )
        self.nginx("-t")
        self.nginx()
        wait_until(lambda: self.get("/robots.txt").status_code == 200, 30, "nginx")

    def upstream(self) -> str:
        """The `server` lines of nginx's upstream (the first one's address only)."""
        return f"127.0.0.1:{self.ports['app']}"

    def nginx(self, *args: str):
        result = subprocess.run(
            ["nginx", "-c", str(self.dir / "nginx.conf"), *args],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        if result.returncode:
            raise StackError(f"nginx {args}: {result.stderr}")

    # --- clients --------------------------------------------------------------

    def client(self, address: str = "127.0.0.1") -> requests.Session:
        """A browser-like client from its own loopback address, trusting our CA."""
        session = requests.Session()
        session.trust_env = False  # REQUESTS_CA_BUNDLE would override `verify`
        session.verify = str(self.cert)
        adapter = SourceAddressAdapter(address, pool_maxsize=4)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.headers["User-Agent"] = "ratusz-stack-test"
        return session

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return requests.get(self.base + path, verify=str(self.cert), **kwargs)

    def wait_worker_idle(self, limit: float = 180):
        """Until no task waits or runs (the demo queues search indexing)."""
        sql = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY','RUNNING')"
        wait_until(lambda: self.psql(sql) == "0", limit, "task queue", step=1)

    # --- tear-down ------------------------------------------------------------

    def pid(self, name: str) -> int:
        return self.procs[name].pid if name in self.procs else self.saved_pids[name]

    def _stop(self, name: str, sig=signal.SIGTERM):
        proc = self.procs.pop(name, None)
        pid = proc.pid if proc else self.saved_pids.pop(name, None)
        if pid is None:
            return
        try:  # app servers and worker lead their own process group (runuser and its child)
            os.killpg(pid, sig) if name.startswith(("app", "worker")) else os.kill(pid, sig)
        except ProcessLookupError:
            return
        if proc is None:
            wait_until(lambda: not Path(f"/proc/{pid}").exists(), 30, f"{name} stopping")
            return
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    # --- attaching to a kept stack (developing the suite) ---------------------

    def save(self):
        state = {
            "ports": self.ports,
            "env": self.env,
            "pids": {name: proc.pid for name, proc in self.procs.items()},
            "app_as_user": self.app_as_user,
        }
        (self.dir / "state.json").write_text(json.dumps(state))

    @classmethod
    def attach(cls, directory: str) -> ProductionStack:
        """A stack kept by RATUSZ_STACK_KEEP=1, reused by RATUSZ_STACK_ATTACH=dir."""
        state = json.loads((Path(directory) / "state.json").read_text())
        self = cls.__new__(cls)
        self.dir = Path(directory)
        self.as_root = os.geteuid() == 0
        self.ports = state["ports"]
        self.env = state["env"]
        self.saved_pids = state["pids"]
        self.app_as_user = state["app_as_user"]
        self.procs = {}
        self.attached = True
        self.smtp = SmtpSink()
        self.pg_bin = pg_bin()
        self.var = self.dir / "var"
        self.cert = self.dir / "tls" / "cert.pem"
        self.base = f"https://127.0.0.1:{self.ports['https']}"
        self.app_base = f"http://127.0.0.1:{self.ports['app']}"
        self.setup_seconds = 0.0
        # The e-mail sink lives in the test process: a new one, a worker that uses it.
        self.env["EMAIL_PORT"] = str(self.smtp.port)
        self.stop_worker()
        self.start_worker()
        return self

    def stop(self):
        try:
            self.nginx("-s", "stop")
        except StackError:
            pass
        for name in ("worker", "app", "redis"):
            self._stop(name)
        try:
            self.stop_postgres("immediate")
        except (StackError, subprocess.SubprocessError):
            pass
        self.smtp.shutdown()
        if not os.environ.get("RATUSZ_STACK_KEEP"):
            shutil.rmtree(self.dir, ignore_errors=True)


def tls_context(stack: ProductionStack) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(stack.cert))
