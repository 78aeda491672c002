"""oracle.py - is a target's answer right? Sends each operation once, maps the answer to
the Simple API shape (PostGraphile names its fields differently), normalises timestamps
and compares it with the generator's expected.json. M1 and M2 have no fixed answer: they
are checked for their effect, by reading the created or updated post back."""

import json
import re
import time
import urllib.error
import urllib.request

import ops

# ---------------------------------------------------------------- HTTP


def post(url, body, timeout=30):
    """POST a JSON body; returns (status, raw bytes). Connection errors raise OSError."""
    req = urllib.request.Request(url, json.dumps(body).encode(),
                                 {"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def data_of(status, raw):
    """The `data` of a successful GraphQL answer, or (None, reason)."""
    try:
        resp = json.loads(raw)
    except ValueError:
        return None, "HTTP %d, not JSON: %r" % (status, raw[:200])
    if status != 200 or not isinstance(resp, dict) or resp.get("errors") or resp.get("data") is None:
        errs = resp.get("errors") if isinstance(resp, dict) else resp
        return None, "HTTP %d, errors %s" % (status, json.dumps(errs)[:300])
    return resp["data"], None


# ---------------------------------------------------------------- normalising

# Every system prints UTC instants its own way ('...:32.858Z', '...:32.858+00:00',
# '...:32.858000+00:00'); the oracle uses milliseconds and 'Z'.
INSTANT = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(?:Z|\+00:00|\+00)$")


def norm(v):
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, str):
        m = INSTANT.match(v)
        if m:
            return "%s.%sZ" % (m.group(1), (m.group(2) or "")[:3].ljust(3, "0"))
    return v


# PostGraphile field -> Simple API field, for the fields the mix selects.
PG_NAMES = {"postById": "Post", "userByAuthorId": "author", "commentsByPostId": "comments",
            "updatePostById": "updatePost"}


def pg_to_simple(v, root=True):
    """Rewrite a PostGraphile answer into the Simple API shape of ops/simple/:
    connections {nodes} become lists, {totalCount} becomes _...Meta {count}, the
    payloads {post} of mutations become the post itself."""
    if isinstance(v, list):
        return [pg_to_simple(x, False) for x in v]
    if not isinstance(v, dict):
        return v
    out = {}
    for k, x in v.items():
        keys = set(x) if isinstance(x, dict) else set()
        if k == "postsByPostTagTagIdAndPostId":  # n:m connection: count and rows
            out["_postsMeta"] = {"count": x["totalCount"]}
            out["posts"] = pg_to_simple(x["nodes"], False)
        elif root and k == "allPosts" and keys == {"totalCount"}:
            out["_allPostsMeta"] = {"count": x["totalCount"]}
        elif keys == {"nodes"}:
            out[PG_NAMES.get(k, k)] = pg_to_simple(x["nodes"], False)
        elif root and k in ("createPost", "updatePostById") and keys == {"post"}:
            out[PG_NAMES.get(k, k)] = pg_to_simple(x["post"], False)
        else:
            out[PG_NAMES.get(k, k)] = pg_to_simple(x, False)
    return out


def to_simple(dialect, data):
    return norm(pg_to_simple(data) if dialect == "postgraphile" else data)


def first_diff(want, got, path="data"):
    """Where two JSON values first differ, or None when equal (types must match too:
    1 is not 1.0 is not true)."""
    if type(want) is not type(got):
        return "%s: expected %s, got %s" % (path, json.dumps(want)[:120], json.dumps(got)[:120])
    if isinstance(want, dict):
        for k in list(want) + [k for k in got if k not in want]:
            if k not in got:
                return "%s.%s: missing" % (path, k)
            if k not in want:
                return "%s.%s: unexpected field" % (path, k)
            d = first_diff(want[k], got[k], path + "." + k)
            if d:
                return d
        return None
    if isinstance(want, list):
        for i, (x, y) in enumerate(zip(want, got)):
            d = first_diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        if len(want) != len(got):
            return "%s: expected %d items, got %d" % (path, len(want), len(got))
        return None
    return None if want == got else "%s: expected %s, got %s" % (path, json.dumps(want), json.dumps(got))


# ---------------------------------------------------------------- effects of M1, M2

READ_POST = {
    "simple": "query($id: ID!) { Post(id: $id) { id title published views author { id } } }",
    "postgraphile": "query($id: String!) { postById(id: $id) { id title published views userByAuthorId { id } } }",
}
COUNT_POSTS = {"simple": "{ _allPostsMeta { count } }", "postgraphile": "{ allPosts { totalCount } }"}


def read_post(url, dialect, pid):
    data, err = data_of(*post(url, {"query": READ_POST[dialect], "variables": {"id": pid}}))
    return (to_simple(dialect, data)["Post"] if data else None), err


def count_posts(url, dialect):
    data, err = data_of(*post(url, {"query": COUNT_POSTS[dialect]}))
    return (to_simple(dialect, data)["_allPostsMeta"]["count"] if data else None), err


def check_m1(url, dialect, params, answer, before):
    made = answer.get("createPost") or {}
    if (made.get("author") or {}).get("id") != params["authorId"] or made.get("title") != "bench post":
        return "createPost answered %s" % json.dumps(made)[:200]
    back, err = read_post(url, dialect, made.get("id"))
    if err:
        return "reading the created post back: " + err
    want = {"id": made["id"], "title": "bench post", "published": False, "views": 0,
            "author": {"id": params["authorId"]}}
    d = first_diff(want, back, "Post")
    if d:
        return "created post reads back wrong: " + d
    after, err = count_posts(url, dialect)
    if err or after != before + 1:
        return "post count went from %s to %s (%s)" % (before, after, err or "expected +1")
    return None


def check_m2(url, dialect, params, answer):
    upd = answer.get("updatePost") or {}
    if upd.get("id") != params["postId"] or upd.get("views") != params["views"]:
        return "updatePost answered %s" % json.dumps(upd)[:200]
    back, err = read_post(url, dialect, params["postId"])
    if err:
        return "reading the updated post back: " + err
    if back is None or back.get("views") != params["views"]:
        return "views read back as %s, not %s" % (back and back.get("views"), params["views"])
    return None


# ---------------------------------------------------------------- the check

def check(name, url, dialect, shared, params, expected, op_names, log=print, answers=None):
    """Send every operation in op_names once; print one line each; return the number of
    wrong answers. The exact bytes of each right answer of a query go into `answers`
    (op -> bytes) when given: under load every answer must equal them."""
    bad = 0
    for op in op_names:
        before = None
        if op == "M1":
            before, err = count_posts(url, dialect)
        elif op == "M2":
            before, err = read_post(url, dialect, params["postId"])
        t0 = time.monotonic()
        try:
            status, raw = post(url, ops.body(shared, dialect, op, params))
        except OSError as e:
            status, raw = 0, ("connection failed: %s" % e).encode()
        ms = (time.monotonic() - t0) * 1000
        data, err = data_of(status, raw)
        note = ""
        if data is not None:
            try:
                got = to_simple(dialect, data)
                if op in expected:
                    err = first_diff(norm(expected[op]), got)
                    note = describe(op, got)
                elif op == "M1":
                    err = check_m1(url, dialect, params, got, before)
                    note = "created %s, read back" % got["createPost"]["id"]
                elif op == "M2":
                    err = check_m2(url, dialect, params, got)
                    note = "views %s -> %s, read back" % (before and before.get("views"), params["views"])
                else:
                    err = "no oracle for %s" % op
            except (KeyError, TypeError, AttributeError) as e:
                err = "unexpected shape (%r): %s" % (e, raw[:200])
        line = "  %-13s %-3s %7d B %8.1f ms  " % (name, op, len(raw), ms)
        if err:
            bad += 1
            log(line + "WRONG " + err)
        else:
            log(line + "ok    " + note)
            if answers is not None and op in expected:
                answers[op] = raw
    return bad


def describe(op, got):
    """A few facts of a right answer, so that a log shows what was compared."""
    v = next(iter(got.values()))
    if isinstance(v, list):
        inner = sum(len(r.get("comments", r.get("posts", []))) for r in v)
        return "%d rows%s" % (len(v), ", %d nested" % inner if inner else "")
    if isinstance(v, dict) and "count" in v:
        return "count %d" % v["count"]
    return "1 node"
