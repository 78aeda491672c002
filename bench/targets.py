"""targets.py - the servers a run measures: relata and its peers (yoga, PostGraphile).
Each target loads the dataset fresh into its own database, is started by exec, timed
until it answers its first request (start-up), and stopped at the end. The peers'
server code, package pins and the PostgreSQL cluster script are the shared ones
($SHARED/bench/peers/); only how they are driven lives here."""

import os
import socket
import sqlite3
import subprocess
import time

import oracle


def free_port():
    """A TCP port nobody listens on now (other sessions share this machine)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(argv, env=None, log=None):
    """Run a setup command; its output goes to the log; a failure ends the run."""
    with open(log, "ab") as out:
        r = subprocess.run(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise SystemExit("%s failed (exit %d), see %s" % (" ".join(argv), r.returncode, log))


class Target:
    dialect = "simple"

    def __init__(self, name, cfg):
        self.name, self.cfg = name, cfg
        self.port = free_port()
        self.url = "http://127.0.0.1:%d/graphql" % self.port
        self.log = os.path.join(cfg.logs, name + ".log")
        self.proc = None
        self.load_s = self.hwm_kib = None
        self.startups_ms = []  # one per start; the report gives the median

    # subclasses: load() fills the database, command() -> (argv, extra env)
    def mem_pids(self):
        """The processes whose memory the target costs (their descendants count too)."""
        return [self.proc.pid]

    def start(self, probe_body):
        """exec the server, then POST probe_body every 2 ms until an HTTP 200 answer:
        the time from exec to that answer is the start-up time."""
        argv, env = self.command()
        out = open(self.log, "ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(argv, env=dict(os.environ, **env), stdout=out,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        out.close()
        deadline = t0 + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("%s exited with %d while starting, see %s"
                                 % (self.name, self.proc.returncode, self.log))
            try:
                status, _ = oracle.post(self.url, probe_body, timeout=10)
                if status == 200:
                    self.startups_ms.append((time.monotonic() - t0) * 1000)
                    return
            except OSError:
                pass  # not listening yet
            time.sleep(0.002)
        raise SystemExit("%s did not answer within 60 s, see %s" % (self.name, self.log))

    def stop_server(self):
        """Stop the server process (to start it again)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def stop(self):
        """Stop everything the target started."""
        self.stop_server()


class Relata(Target):
    """build/relata: `import` the NDF files into a fresh SQLite file, then `serve`."""

    def __init__(self, name, cfg):
        super().__init__(name, cfg)
        self.db = os.path.join(cfg.dbdir, "relata.db")
        self.model = os.path.join(cfg.shared, "bench", "blog.graphql")

    def load(self):
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)
        t0 = time.monotonic()
        run([self.cfg.bin, "import", self.model, "--db", "sqlite:" + self.db, "--quiet",
             os.path.join(self.cfg.data, "ndf")], log=self.log)
        self.load_s = time.monotonic() - t0

    def command(self):
        return ([self.cfg.bin, "serve", self.model, "--port", str(self.port), "--host", "127.0.0.1",
                 "--db", "sqlite:" + self.db], {})


class Yoga(Target):
    """graphql-yoga + better-sqlite3 with DataLoader (the shared peer), on a fresh SQLite
    file made from the shared schema and the generated INSERTs."""

    def __init__(self, name, cfg):
        super().__init__(name, cfg)
        self.db = os.path.join(cfg.dbdir, "yoga.sqlite")

    def load(self):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)
        t0 = time.monotonic()
        con = sqlite3.connect(self.db)
        for path in (os.path.join(self.cfg.shared, "bench", "sql", "sqlite.sql"),
                     os.path.join(self.cfg.data, "sqlite-data.sql")):
            with open(path) as f:
                con.executescript(f.read())
        con.close()
        self.load_s = time.monotonic() - t0

    def command(self):
        peers = self.cfg.peers
        return (["node", os.path.join(self.cfg.shared, "bench", "peers", "yoga", "server.js")],
                {"NODE_PATH": os.path.join(peers, "yoga", "node_modules"), "NODE_ENV": "production",
                 "PORT": str(self.port), "DB": self.db, "BATCH": "1"})


class PostGraphile(Target):
    """PostGraphile 4 (the shared peer) over a private PostgreSQL cluster started with
    the shared peers/pg.sh, reloaded from the shared schema and the generated COPY data."""
    dialect = "postgraphile"

    def __init__(self, name, cfg):
        super().__init__(name, cfg)
        self.pgroot = os.path.join(cfg.work, "pg")
        self.pgport = free_port()
        self.pgsh = os.path.join(cfg.shared, "bench", "peers", "pg.sh")
        self.env = dict(os.environ, PGROOT=self.pgroot, PGPORT=str(self.pgport))
        self.postmaster = None

    def load(self):
        if os.path.exists(os.path.join(self.pgroot, "data", "postmaster.pid")):
            subprocess.run([self.pgsh, "stop"], env=self.env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # left over from an interrupted run
        run([self.pgsh, "start"], env=self.env, log=self.log)
        with open(os.path.join(self.pgroot, "data", "postmaster.pid")) as f:
            self.postmaster = int(f.readline())
        t0 = time.monotonic()
        for path in (os.path.join(self.cfg.shared, "bench", "sql", "postgres.sql"),
                     os.path.join(self.cfg.data, "postgres-data.sql")):
            run([self.pgsh, "psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", path], env=self.env, log=self.log)
        self.load_s = time.monotonic() - t0

    def command(self):
        peers = self.cfg.peers
        return (["node", os.path.join(self.cfg.shared, "bench", "peers", "postgraphile", "server.js")],
                {"NODE_PATH": os.path.join(peers, "postgraphile", "node_modules"), "NODE_ENV": "production",
                 "PORT": str(self.port),
                 "DATABASE_URL": "postgres://postgres@127.0.0.1:%d/relata_bench" % self.pgport})

    def mem_pids(self):
        return [self.proc.pid, self.postmaster]

    def stop(self):
        self.stop_server()
        if self.postmaster:
            subprocess.run([self.pgsh, "stop"], env=self.env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            self.postmaster = None


KINDS = {"relata": Relata, "yoga": Yoga, "postgraphile": PostGraphile}
