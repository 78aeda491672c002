#!/usr/bin/env python3
"""bench.py - relata's benchmark run (what `make bench` and `make bench-smoke` call).

  bench.py [--smoke] [--vs yoga|postgraphile] [--scale S] [--ops "Q1 Q2 .."]
           [--conc "16 64"] [--duration S] [--warmup S] [--rounds N] [--threads N]

1. generates the dataset (the shared generator, cached per scale and seed),
2. loads it fresh into every target (relata: `relata import` into a new SQLite file),
3. starts every target and times exec -> first answered request (start-up),
4. sends each operation once and compares the answer with expected.json (M1, M2 by
   their effect); any wrong answer ends the run with exit status 1,
5. (not --smoke) for each operation and concurrency, round by round, runs wrk against
   each target in turn (A B A B: a ratio comes from adjacent runs), sampling memory
   during the c=64 runs, then checks the answers again and prints the tables.

Everything it writes goes under --work (default /tmp/relata-bench-make)."""

import argparse
import json
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True
import loadgen  # noqa: E402
import oracle  # noqa: E402
import ops  # noqa: E402
import report  # noqa: E402
import targets  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="import, start, check every answer; no load")
    ap.add_argument("--subject", default="relata", choices=sorted(targets.KINDS),
                    help="the system under test (default relata)")
    ap.add_argument("--vs", default="", help="peer to compare with: yoga or postgraphile")
    ap.add_argument("--scale", default="1")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--ops", default="")
    ap.add_argument("--conc", default="16 64")
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--starts", type=int, default=3, help="starts of each server to time start-up")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "relata"))
    ap.add_argument("--work", default="/tmp/relata-bench-make")
    ap.add_argument("--peers", default="", help="node_modules of the peers (default WORK/peers)")
    a = ap.parse_args(argv)
    if a.vs and a.vs not in targets.KINDS:
        ap.error("--vs must be one of %s" % ", ".join(k for k in targets.KINDS if k != "relata"))
    if a.vs == a.subject:
        ap.error("--vs names the subject itself")
    a.shared = os.path.abspath(a.shared)
    a.bin = os.path.abspath(a.bin)
    a.peers = a.peers or os.path.join(a.work, "peers")
    a.data = os.path.join(a.work, "data-seed%s-scale%s" % (a.seed, a.scale))
    # a smoke run may overlap a measured one (CI, a developer): separate database files
    a.dbdir = os.path.join(a.work, "db-smoke" if a.smoke else "db")
    a.op_names = ops.parse_list(a.ops)
    a.concs = [int(c) for c in a.conc.replace(",", " ").split()]
    return a


def say(*parts):
    print(*parts, flush=True)


def dataset(cfg):
    """The generator's output for (seed, scale); generated once, then reused (the
    generator is deterministic: same seed and scale, same bytes)."""
    if not os.path.exists(os.path.join(cfg.data, "expected.json")):
        say("# generating the dataset (seed %s, scale %s) into %s" % (cfg.seed, cfg.scale, cfg.data))
        tmp = cfg.data + ".partial"
        subprocess.run(["rm", "-rf", tmp], check=True)
        subprocess.run([sys.executable, os.path.join(cfg.shared, "bench", "gen", "generate.py"),
                        "--seed", cfg.seed, "--scale", cfg.scale, "--out", tmp], check=True)
        os.rename(tmp, cfg.data)
    with open(os.path.join(cfg.data, "manifest.json")) as f:
        counts = json.load(f)["counts"]
    say("# dataset %s: %s" % (cfg.data, ", ".join("%s %d" % kv for kv in counts.items())))
    with open(os.path.join(cfg.data, "params.json")) as f:
        params = json.load(f)
    with open(os.path.join(cfg.data, "expected.json")) as f:
        expected = json.load(f)
    return params, expected


def main(argv):
    cfg = parse_args(argv)
    os.makedirs(cfg.dbdir, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    res = os.path.join(cfg.work, "results", stamp + ("-smoke" if cfg.smoke else ""))
    cfg.logs = os.path.join(res, "logs")
    os.makedirs(os.path.join(res, "raw"), exist_ok=True)
    os.makedirs(cfg.logs, exist_ok=True)
    params, expected = dataset(cfg)

    names = [cfg.subject] + ([cfg.vs] if cfg.vs else [])
    tgts = [targets.KINDS[n](n, cfg) for n in names]
    bodies = {t.name: ops.write_bodies(cfg.shared, t.dialect, params, os.path.join(res, "bodies", t.name))
              for t in tgts}
    try:
        for t in tgts:
            t.load()
            say("# %s: dataset loaded in %.1f s" % (t.name, t.load_s))
            probe = ops.body(cfg.shared, t.dialect, "Q1", params)
            for n in range(cfg.starts):  # start-up varies from start to start: several, median
                if n:
                    t.stop_server()
                t.start(probe)
            say("# %s: %s (pid %d), start-up %s ms (exec -> first answered request)"
                % (t.name, t.url, t.proc.pid, ", ".join("%.0f" % x for x in t.startups_ms)))
        say("# checking every answer against the oracle (%s)" % os.path.join(cfg.data, "expected.json"))
        wrong = 0
        for t in tgts:
            t.answers = {}
            wrong += oracle.check(t.name, t.url, t.dialect, cfg.shared, params, expected,
                                  cfg.op_names, log=say, answers=t.answers)
        if not wrong and cfg.smoke:
            # the mutations must not have disturbed the reads (M1 posts are unpublished)
            say("# checking the reads again after the mutations")
            for t in tgts:
                wrong += oracle.check(t.name, t.url, t.dialect, cfg.shared, params, expected,
                                      [o for o in cfg.op_names if o in ops.QUERIES], log=say)
        if wrong:
            say("# %d wrong answer(s): no measurement (server logs in %s)" % (wrong, cfg.logs))
            return 1
        if cfg.smoke:
            say("# smoke: every answer equals the oracle")
            return 0
        rows, mem = measure(cfg, tgts, bodies, res)
        say("# checking the reads again after the load")
        for t in tgts:
            wrong += oracle.check(t.name, t.url, t.dialect, cfg.shared, params, expected,
                                  [o for o in cfg.op_names if o in ops.QUERIES], log=say)
        for t in tgts:
            t.hwm_kib = loadgen.vm_hwm_kib(t.proc.pid)
    finally:
        for t in reversed(tgts):
            t.stop()
    write_results(cfg, res, rows, tgts, mem)
    if wrong:
        say("# %d wrong answer(s) after the load" % wrong)
    # errors of the subject fail the run; a peer's (say, timeouts) are its own business
    failed = sum(r["errors"] for r in rows if r["target"] == cfg.subject)
    if failed:
        say("# %s: %d error(s) under load (raw wrk output in %s)" % (cfg.subject, failed, res))
    return 1 if wrong or failed else 0


def measure(cfg, tgts, bodies, res):
    """The alternating wrk runs; returns (rows, {target name: MemSampler of c=64})."""
    rows = []
    mem = {t.name: loadgen.MemSampler(t.mem_pids()) for t in tgts}
    answer_files = {}  # the checked answers of the queries: every answer under load must equal them
    for t in tgts:
        answer_files[t.name] = {}
        os.makedirs(os.path.join(res, "answers", t.name), exist_ok=True)
        for op, raw in t.answers.items():
            answer_files[t.name][op] = os.path.join(res, "answers", t.name, op + ".json")
            with open(answer_files[t.name][op], "wb") as f:
                f.write(raw)
    total = len(cfg.op_names) * len(cfg.concs) * cfg.rounds * len(tgts)
    n = 0
    say("# load: %s; conc %s; %d s warm-up + %d s measured per run; %d round(s); %d runs, ~%d min"
        % (" ".join(cfg.op_names), " ".join(map(str, cfg.concs)), cfg.warmup, cfg.duration, cfg.rounds,
           total, (total * (cfg.warmup + cfg.duration) + 59) // 60))
    for op in cfg.op_names:
        for conc in cfg.concs:
            for rnd in range(1, cfg.rounds + 1):
                for t in tgts:
                    n += 1
                    body = bodies[t.name][op]
                    if cfg.warmup:
                        loadgen.wrk(t.url, body, conc, cfg.warmup, cfg.threads, count_errors=False)
                        settle(t, "the warm-up")
                    watch = conc == max(cfg.concs) and conc >= 64
                    if watch:
                        mem[t.name].start()
                    raw = os.path.join(res, "raw", "%s-%s-c%d-r%d.txt" % (t.name, op, conc, rnd))
                    r = loadgen.wrk(t.url, body, conc, cfg.duration, cfg.threads, raw_log=raw,
                                    expect_file=answer_files[t.name].get(op))
                    if watch:
                        mem[t.name].stop()
                    settle(t, "the run")
                    if t.proc.poll() is not None:
                        raise SystemExit("%s exited (status %d; negative: killed by that signal) during "
                                         "%s c=%d round %d, see %s"
                                         % (t.name, t.proc.returncode, op, conc, rnd, t.log))
                    if r is None:
                        say("[%d/%d] %s %s c=%d: wrk gave no result, see %s" % (n, total, t.name, op, conc, raw))
                        continue
                    r.update(target=t.name, op=op, conc=conc, round=rnd)
                    rows.append(r)
                    say("[%d/%d] %-12s %-3s c=%-3d r%d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d"
                        % (n, total, t.name, op, conc, rnd, r["rps"], r["p50_ms"], r["p99_ms"], r["errors"]))
    return rows, {k: v for k, v in mem.items() if v.peak_rss}


def settle(t, what):
    """Let the target finish the requests left over from `what` before anything else
    is measured; say so when that takes long."""
    waited = loadgen.wait_idle(t.mem_pids())
    if waited is None:
        say("  (%s still busy 60 s after %s)" % (t.name, what))
    elif waited > 1:
        say("  (%s needed %.1f s after %s to become idle)" % (t.name, waited, what))


def write_results(cfg, res, rows, tgts, mem):
    cols = ["target", "op", "conc", "round", "rps", "p50_ms", "p99_ms", "max_ms", "errors", "requests",
            "bytes_per_answer"]
    with open(os.path.join(res, "results.tsv"), "w") as f:
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(str(round(r[c], 3)) if isinstance(r[c], float) else str(r[c]) for c in cols) + "\n")
    names = [t.name for t in tgts]
    lines = ["# relata benchmark, %s" % time.strftime("%Y-%m-%d %H:%M:%S"),
             "",
             "scale %s (seed %s); ops %s; conc %s; wrk %d threads; %d s warm-up, %d s measured; %d round(s); "
             "%s, %d cores" % (cfg.scale, cfg.seed, " ".join(cfg.op_names), " ".join(map(str, cfg.concs)),
                               cfg.threads, cfg.warmup, cfg.duration, cfg.rounds, os.uname().release,
                               os.cpu_count()),
             ""]
    lines += report.results_table(rows, names)
    if len(names) > 1:
        lines += [""] + report.ratio_table(rows, names, cfg.concs)
    lines += [""] + report.process_table(tgts, mem)
    lines += ["", "Results and raw wrk output: %s" % res]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(res, "table.md"), "w") as f:
        f.write(text)
    say("")
    sys.stdout.write(text)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
