"""docs/deployment.md's several hosts, on loopback: the production stack of
tests/stack with two app servers, a streaming replica and PgBouncer.

Everything tests/stack's ProductionStack does (users, TLS, Redis, the worker,
nginx as www-data, the shipped env and unit files) is reused; this adds:
- a PostgreSQL streaming replica: a second cluster made by `pg_basebackup -R`
  (primary_conninfo) from the primary, replaying with a fixed delay
  (recovery_min_apply_delay), so that a read of a just-made write from the
  replica would visibly be stale;
- PgBouncer in transaction mode in front of the primary (DATABASE_URL points
  at it, DB_PGBOUNCER_TRANSACTION=1); DATABASE_REPLICA_URL at the replica;
- two Granian app servers, both in nginx's `upstream ratusz_app`, each with its
  own PGAPPNAME, and every statement logged with its application name, so the
  servers' logs tell which app server read or wrote where.
The app cache and the read limits are off: every read reaches a database.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

from tests.stack.harness import ProductionStack, StackError, free_port, wait_until

APPS = ("app", "app2")  # the ports' keys; PGAPPNAME ratusz-app / ratusz-app2
REPLICA_DELAY_SECONDS = 3
STATEMENT = re.compile(r"\|(?P<app>[\w-]*)\|.*?(?:statement|execute [^:]*): (?P<sql>\w+)")


class Cluster(ProductionStack):
    def __init__(self):
        super().__init__()
        self.ports.update(replica=free_port(), bouncer=free_port(), app2=free_port())
        self.primary_url = f"postgres://postgres@127.0.0.1:{self.ports['pg']}/ratusz"
        self.env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{self.ports['bouncer']}/ratusz",
            DB_PGBOUNCER_TRANSACTION="1",
            DATABASE_REPLICA_URL=f"postgres://postgres@127.0.0.1:{self.ports['replica']}/ratusz",
            RATUSZ_DB_PIN_SECONDS="10",
            RATUSZ_DB_REPLICA_RETRY_SECONDS="5",
            RATUSZ_PAGE_CACHE_SECONDS="0",
            RATUSZ_RATELIMIT_ENABLED="false",
            PGAPPNAME="ratusz-other",
        )

    # --- set-up -------------------------------------------------------------

    def start(self):
        started = time.monotonic()
        self._users()
        self._tls()
        self.start_postgres()
        # Application name in every line; statements logged only in the database
        # "ratusz" and from its creation on (ALTER DATABASE below), not during set-up.
        self.psql_on("pg", "ALTER SYSTEM SET log_line_prefix = '%m [%p] |%a| '", db="postgres")
        self.psql_on("pg", "ALTER SYSTEM SET timezone = 'UTC'", db="postgres")
        self.psql_on("pg", "SELECT pg_reload_conf()", db="postgres")
        self.start_replica()
        self.start_redis()
        self.run(str(self.pg_bin / "createdb"), "-h", "127.0.0.1", "-p",
                 str(self.ports["pg"]), "-U", "postgres", "ratusz", user=None)  # fmt: skip
        self.var.mkdir(mode=0o750)
        shutil.chown(self.var, "ratusz", "ratusz")
        # Migrations and the demo straight on the primary, as a deploy runs `migrate`.
        serving = dict(self.env)
        self.env["DATABASE_URL"] = self.primary_url
        for key in ("DATABASE_REPLICA_URL", "DB_PGBOUNCER_TRANSACTION"):
            self.env.pop(key)
        try:
            self.manage("migrate", "--noinput", "-v0")
            self.manage("collectstatic", "--noinput", "-v0")
            self.manage("demo")
        finally:
            self.env = serving
        self.psql_on("pg", "ALTER DATABASE ratusz SET log_statement = 'all'", db="postgres")
        self.start_pgbouncer()
        self.wait_replica_caught_up()
        for name in APPS:
            self.start_app(name, {"PGAPPNAME": f"ratusz-{name}"})
        self.start_worker()
        self.start_nginx()
        self.setup_seconds = time.monotonic() - started

    def upstream(self) -> str:
        return "; server ".join(f"127.0.0.1:{self.ports[name]}" for name in APPS)

    def psql_on(self, server: str, sql: str, db: str = "ratusz") -> str:
        result = subprocess.run(
            [str(self.pg_bin / "psql"), "-h", "127.0.0.1", "-p", str(self.ports[server]),
             "-U", "postgres", "-d", db, "-XAtq", "-c", sql],
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        return result.stdout.strip()

    # --- the replica ------------------------------------------------------------

    @property
    def replica_data(self) -> Path:
        return self.dir / "replica" / "data"

    def start_replica(self):
        if not self.replica_data.exists():
            self.replica_data.parent.mkdir(mode=0o700)
            shutil.chown(self.replica_data.parent, "postgres", "postgres")
            # -R writes standby.signal and primary_conninfo: a streaming replica.
            self.run(str(self.pg_bin / "pg_basebackup"), "-h", "127.0.0.1", "-p",
                     str(self.ports["pg"]), "-U", "postgres", "-D", str(self.replica_data),
                     "-R", "-X", "stream", "--checkpoint=fast", "--no-sync",
                     user="postgres", timeout=300)  # fmt: skip
        options = (
            f"-p {self.ports['replica']} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.replica_data.parent} -c fsync=off "
            f"-c recovery_min_apply_delay={REPLICA_DELAY_SECONDS}s "
            # As docs/deployment.md sets it: without it, replaying the primary's
            # VACUUM cancels a read in progress ("conflict with recovery", a 503).
            "-c hot_standby_feedback=on"
        )
        self.run(str(self.pg_bin / "pg_ctl"), "-D", str(self.replica_data),
                 "-l", str(self.replica_data.parent / "log"), "-o", options, "-w", "-t", "60",
                 "start", user="postgres")  # fmt: skip
        wait_until(lambda: self.psql_on("replica", "SELECT pg_is_in_recovery()", "postgres")
                   == "t", 60, "replica")  # fmt: skip

    def stop_replica(self):
        self.run(str(self.pg_bin / "pg_ctl"), "-D", str(self.replica_data), "-m", "fast",
                 "-w", "-t", "60", "stop", user="postgres")  # fmt: skip

    def wait_replica_caught_up(self, limit: float = 120):
        def caught_up():
            primary = self.psql_on("pg", "SELECT pg_current_wal_lsn()")
            sql = f"SELECT pg_last_wal_replay_lsn() >= '{primary}'::pg_lsn"
            return self.psql_on("replica", sql) == "t"

        wait_until(caught_up, limit, "replica catching up", step=0.5)

    # --- PgBouncer ----------------------------------------------------------------

    def start_pgbouncer(self):
        home = self.dir / "pgbouncer"
        home.mkdir()
        (home / "userlist.txt").write_text('"postgres" ""\n')
        (home / "pgbouncer.ini").write_text(
            f"""[databases]
ratusz = host=127.0.0.1 port={self.ports["pg"]} dbname=ratusz
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.ports["bouncer"]}
unix_socket_dir =
auth_type = trust
auth_file = {home}/userlist.txt
pool_mode = transaction
default_pool_size = 10
max_client_conn = 200
server_lifetime = 300
logfile = {home}/pgbouncer.log
pidfile = {home}/pgbouncer.pid
ignore_startup_parameters = extra_float_digits,options
"""
        )
        shutil.chown(home, "postgres", "postgres")
        self.procs["pgbouncer"] = subprocess.Popen(
            self._as("postgres", [shutil.which("pgbouncer") or "pgbouncer", str(home / "pgbouncer.ini")]),
            stdout=self._log("pgbouncer-out"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: self.psql_on("bouncer", "SELECT 1") == "1", 30, "PgBouncer")

    # --- what the databases saw -----------------------------------------------------

    def log_path(self, server: str) -> Path:
        return (self.replica_data.parent if server == "replica" else self.dir / "pg") / "log"

    def log_offsets(self) -> dict[str, int]:
        return {server: self.log_path(server).stat().st_size for server in ("pg", "replica")}

    def statements(self, since: dict[str, int]) -> dict[str, Counter]:
        """Statements logged since `since`, per server, counted by (app, kind)."""
        counts: dict[str, Counter] = {}
        for server, offset in since.items():
            counter: Counter = Counter()
            with open(self.log_path(server), "rb") as log:
                log.seek(offset)
                for raw in log:
                    match = STATEMENT.search(raw.decode("utf-8", "replace"))
                    if match and match["app"].startswith("ratusz-app"):
                        kind = "read" if match["sql"].upper() == "SELECT" else "write"
                        if match["sql"].upper() in ("INSERT", "UPDATE", "DELETE", "SELECT"):
                            counter[(match["app"], kind)] += 1
            counts["primary" if server == "pg" else "replica"] = counter
        return counts

    # --- tear-down ------------------------------------------------------------

    def stop(self):
        for name in APPS[1:]:
            self._stop(name)
        self._stop("pgbouncer")
        try:
            self.stop_replica()
        except (StackError, subprocess.SubprocessError):
            pass
        super().stop()
