#!/usr/bin/env python3
"""oracle_test.py - the oracle's own checks, offline: timestamps normalise, PostGraphile
answers map to the Simple API shape, and first_diff finds (only) real differences.
Run by `make bench-smoke` before it trusts the oracle; exit 1 on a failure."""

import sys

sys.dont_write_bytecode = True
import oracle  # noqa: E402

failures = 0


def expect(what, cond):
    global failures
    if not cond:
        failures += 1
        print("FAIL", what)


n = oracle.norm
expect("Z with ms kept", n("2024-07-01T16:00:32.858Z") == "2024-07-01T16:00:32.858Z")
expect("+00:00 and microseconds", n("2024-07-01T16:00:32.858123+00:00") == "2024-07-01T16:00:32.858Z")
expect("no fraction", n("2024-07-01T16:00:32Z") == "2024-07-01T16:00:32.000Z")
expect("one digit", n("2024-07-01T16:00:32.8Z") == "2024-07-01T16:00:32.800Z")
expect("other offsets are not UTC: untouched", n("2024-07-01T16:00:32+02:00") == "2024-07-01T16:00:32+02:00")
expect("plain text untouched", n("kiludi tidofa") == "kiludi tidofa")

pg = {"allTags": {"nodes": [{"id": "t1", "name": "a-b", "postsByPostTagTagIdAndPostId": {
    "totalCount": 7, "nodes": [{"id": "p1", "title": "x"}]}}]}}
expect("n:m connection -> _postsMeta + posts", oracle.to_simple("postgraphile", pg) == {
    "allTags": [{"id": "t1", "name": "a-b", "_postsMeta": {"count": 7}, "posts": [{"id": "p1", "title": "x"}]}]})
pg = {"allPosts": {"nodes": [{"id": "p1", "userByAuthorId": {"id": "u1"},
                              "commentsByPostId": {"nodes": [{"id": "c1", "userByAuthorId": {"id": "u2"}}]}}]}}
expect("nested connections and to-one", oracle.to_simple("postgraphile", pg) == {
    "allPosts": [{"id": "p1", "author": {"id": "u1"}, "comments": [{"id": "c1", "author": {"id": "u2"}}]}]})
expect("root count", oracle.to_simple("postgraphile", {"allPosts": {"totalCount": 3}}) ==
       {"_allPostsMeta": {"count": 3}})
expect("mutation payload", oracle.to_simple("postgraphile", {"updatePostById": {"post": {"views": 1}}}) ==
       {"updatePost": {"views": 1}})
expect("by id", oracle.to_simple("postgraphile", {"postById": None}) == {"Post": None})

d = oracle.first_diff
expect("equal", d({"a": [1, {"b": "x"}]}, {"a": [1, {"b": "x"}]}) is None)
expect("value", d({"a": [1, 2]}, {"a": [1, 3]}) == "data.a[1]: expected 2, got 3")
expect("order matters", d([{"id": 1}, {"id": 2}], [{"id": 2}, {"id": 1}]) is not None)
expect("missing row", "2 items, got 1" in d([1, 2], [1]))
expect("extra field", "unexpected field" in d({"a": 1}, {"a": 1, "b": 2}))
expect("missing field", "missing" in d({"a": 1, "b": 2}, {"a": 1}))
expect("true is not 1", d(True, 1) is not None)
expect("1 is not 1.0", d(1, 1.0) is not None)
expect("null is not an object", d({"a": 1}, None) is not None)

print("oracle_test: %s" % ("ok" if not failures else "%d failed" % failures))
sys.exit(1 if failures else 0)
