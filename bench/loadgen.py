"""loadgen.py - one closed-loop load run with wrk (bench/wrk.lua), and a sampler of the
memory a target's processes hold while it runs."""

import os
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def wrk(url, body_file, conc, seconds, threads, raw_log=None, count_errors=True, expect_file=None):
    """Run wrk for `seconds` with `conc` connections; returns a dict (rps, p50_ms,
    p99_ms, max_ms, errors, requests, bytes_per_answer) or None when wrk printed no
    result (its output is then in raw_log). With expect_file, an answer that differs
    from its bytes is an error."""
    env = dict(os.environ, BODY=body_file, COUNT_ERRORS="1" if count_errors else "0")
    env.pop("EXPECT", None)
    if expect_file and count_errors:
        env["EXPECT"] = expect_file
    argv = ["wrk", "-t%d" % min(threads, conc), "-c%d" % conc, "-d%ds" % seconds,
            "--timeout", "10s", "-s", os.path.join(HERE, "wrk.lua"), url]
    r = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = r.stdout.decode(errors="replace")
    if raw_log:
        with open(raw_log, "w") as f:
            f.write(out)
    line = next((l for l in out.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        return None
    v = {k: int(x) for k, x in (kv.split("=") for kv in line.split()[1:])}
    secs = v["duration_us"] / 1e6
    if v["requests"] == 0:
        # wrk counts neither answers nor timeouts for requests still open at the end:
        # no answer at all in the run means every connection waited in vain
        v["timeout"] = max(v["timeout"], conc)
    return {"rps": v["requests"] / secs if secs else 0.0,
            "p50_ms": v["p50_us"] / 1000, "p99_ms": v["p99_us"] / 1000, "max_ms": v["max_us"] / 1000,
            # every answer with a non-200 status is also a wrong answer: count it once
            "errors": v["connect"] + v["read"] + v["write"] + v["timeout"] + max(v["wrong"], v["status"]),
            "requests": v["requests"],
            "bytes_per_answer": v["bytes"] // v["requests"] if v["requests"] else 0}


# ---------------------------------------------------------------- memory

def descendants(roots):
    """roots and every process below them (PostgreSQL forks a backend per connection)."""
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(d))
    seen, todo = set(), list(roots)
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            todo.extend(kids.get(p, ()))
    return seen


def cpu_ticks(pids):
    """CPU time (clock ticks, user + system) the processes have used so far."""
    total = 0
    for p in pids:
        try:
            with open("/proc/%d/stat" % p) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            pass
    return total


def wait_idle(roots, limit=60.0):
    """Wait until the processes use under 10% of a core over 0.2 s (a server may still
    work through requests whose client has gone: that must not slow the next run).
    Returns the seconds waited, or None when still busy after `limit`."""
    t0 = time.monotonic()
    hz = os.sysconf("SC_CLK_TCK")
    while time.monotonic() - t0 < limit:
        procs = descendants(roots)
        before = cpu_ticks(procs)
        time.sleep(0.2)
        if cpu_ticks(procs) - before <= 0.02 * hz:
            return time.monotonic() - t0
    return None


def rss_pss_kib(pid):
    rss = pss = 0
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def vm_hwm_kib(pid):
    """The kernel's high-water mark of the process's resident memory."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemSampler:
    """While running (start()/stop(), may be restarted), every 0.2 s sums RSS and PSS
    over the roots and their descendants and keeps the peaks. PSS shares pages among
    the processes mapping them: the honest sum for PostgreSQL's backends."""

    def __init__(self, roots):
        self.roots = list(roots)
        self.peak_rss = self.peak_pss = self.peak_procs = 0
        self._stop = threading.Event()
        self._thread = None

    def _loop(self):
        n, procs = 0, set()
        while not self._stop.is_set():
            if n % 10 == 0:
                procs = descendants(self.roots)  # re-scan every 2 s: new backends appear
            n += 1
            rss = pss = 0
            for p in procs:
                r, s = rss_pss_kib(p)
                rss, pss = rss + r, pss + s
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self._stop.wait(0.2)

    def start(self):
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self):
        if self._thread:
            self._stop.set()
            self._thread.join()
            self._thread = None
