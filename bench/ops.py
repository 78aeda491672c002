"""ops.py - the operation mix: names, and one JSON request body per operation and
dialect, built from the shared operation files and the dataset's params.json."""

import json
import os
import re

QUERIES = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]
MUTATIONS = ["M1", "M2"]
ALL = QUERIES + MUTATIONS

# A variable definition in the operation header: "$name:" (a use is "$name" without ':').
VAR_DEF = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)\s*:")


def parse_list(text):
    """'Q1 Q3,M1' -> ['Q1', 'Q3', 'M1'] in mix order; unknown names are an error."""
    names = [w for w in re.split(r"[\s,]+", text or "") if w]
    bad = [n for n in names if n not in ALL]
    if bad:
        raise SystemExit("unknown operation(s) %s (known: %s)" % (", ".join(bad), " ".join(ALL)))
    return [n for n in ALL if n in names] if names else list(ALL)


def body(shared, dialect, op, params):
    """The request body {query, variables, operationName} of `op` in `dialect`
    ('simple' for relata and yoga, 'postgraphile')."""
    with open(os.path.join(shared, "bench", "ops", dialect, op + ".graphql")) as f:
        text = f.read()
    variables = {}
    for name in VAR_DEF.findall(text):
        if name not in params:
            raise SystemExit("%s/%s uses $%s, which params.json lacks" % (dialect, op, name))
        variables[name] = params[name]
    return {"query": text, "variables": variables, "operationName": op}


def write_bodies(shared, dialect, params, outdir):
    """Write OUTDIR/<op>.json for every operation (wrk posts these files as they are)."""
    os.makedirs(outdir, exist_ok=True)
    paths = {}
    for op in ALL:
        paths[op] = os.path.join(outdir, op + ".json")
        with open(paths[op], "w") as f:
            json.dump(body(shared, dialect, op, params), f, separators=(",", ":"))
    return paths
