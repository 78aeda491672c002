"""report.py - the tables of a run: per operation and concurrency the medians over the
rounds, the ratio subject/peer per round (adjacent runs), then start-up, load and memory
of each target."""

import statistics

import ops

med = statistics.median


def fmt_ratio(r):
    """1.97x; small ratios keep a significant digit (0.004x, not 0.00x)."""
    return "-" if not r else "%.2fx" % r if r >= 0.1 else "%.2gx" % r


def results_table(rows, targets):
    """rows: dicts with target, op, conc, round, rps, p50_ms, p99_ms, errors.
    targets: names in order, the subject first. Returns the table as lines."""
    subject, peer = targets[0], (targets[1] if len(targets) > 1 else None)
    cells = {}
    for r in rows:
        cells.setdefault((r["op"], r["conc"]), {}).setdefault(r["target"], {})[r["round"]] = r
    head = "| operation | conc | target | req/s | p50 ms | p99 ms | errors |"
    if peer:
        head += " %s/%s |" % (subject, peer)
    out = [head, "|" + "---|" * (head.count("|") - 1)]
    for key in sorted(cells, key=lambda k: (ops.ALL.index(k[0]), k[1])):
        by_t = cells[key]
        for t in targets:
            runs = by_t.get(t)
            if not runs:
                continue
            rs = list(runs.values())
            line = "| %s | %d | %s | %.0f | %.2f | %.2f | %d |" % (
                key[0], key[1], t, med(r["rps"] for r in rs), med(r["p50_ms"] for r in rs),
                med(r["p99_ms"] for r in rs), sum(r["errors"] for r in rs))
            if peer:
                ratio = ratio_of(by_t, subject, peer) if t == subject else None
                line += " %s |" % (fmt_ratio(ratio) if ratio else "")
            out.append(line)
    return out


def ratio_of(by_t, subject, peer):
    """Median over rounds of subject req/s / peer req/s, each from the same round."""
    a, b = by_t.get(subject, {}), by_t.get(peer, {})
    rs = [a[n]["rps"] / b[n]["rps"] for n in a if n in b and b[n]["rps"] > 0]
    return med(rs) if rs else None


def ratio_table(rows, targets, concs):
    """One line per operation: subject/peer at each concurrency."""
    subject, peer = targets[0], targets[1]
    cells = {}
    for r in rows:
        cells.setdefault((r["op"], r["conc"]), {}).setdefault(r["target"], {})[r["round"]] = r
    head = "| operation | " + " | ".join("%s/%s c=%d" % (subject, peer, c) for c in concs) + " |"
    out = [head, "|" + "---|" * (len(concs) + 1)]
    for op in ops.ALL:
        vals = []
        for c in concs:
            ratio = ratio_of(cells.get((op, c), {}), subject, peer)
            vals.append(fmt_ratio(ratio))
        if any(v != "-" for v in vals):
            out.append("| %s | %s |" % (op, " | ".join(vals)))
    return out


def process_table(targets, mem):
    """targets: Target objects; mem: name -> MemSampler of its c=64 runs (or None)."""
    out = ["| target | load s | start-up ms (median) | peak RSS MiB at c=64 | peak PSS MiB at c=64 | processes "
           "| VmHWM MiB (server pid) |", "|---|---|---|---|---|---|---|"]
    for t in targets:
        m = mem.get(t.name)
        what = "import" if t.name == "relata" else "load"
        out.append("| %s | %s %.1f | %.0f | %s | %s | %s | %s |" % (
            t.name, what, t.load_s or 0, med(t.startups_ms) if t.startups_ms else 0,
            "%.1f" % (m.peak_rss / 1024) if m and m.peak_rss else "-",
            "%.1f" % (m.peak_pss / 1024) if m and m.peak_pss else "-",
            m.peak_procs if m and m.peak_procs else "-",
            "%.1f" % (t.hwm_kib / 1024) if t.hwm_kib else "-"))
    return out
