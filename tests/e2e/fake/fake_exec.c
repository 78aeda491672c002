/* fake_exec.c - a test-only stand-in for src/exec/ (engine, worker, exec_request) so the
 * HTTP layer and tests/e2e/http.test.mjs can be exercised before the real executor is
 * merged. It recognises the handful of documents http.test.mjs sends and answers them
 * the way the real executor does per SIMPLE-API.md / ERRORS.md. Never linked into the
 * real binary: build with tests/e2e/fake/build.sh (output build/fake/relata). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/exec.h"

struct Engine { int unused; };
struct Worker { Engine *e; };

Engine *engine_new(const char *model_path, const EngineOptions *opts, Diag *d)
{
    (void)opts;
    FILE *f = fopen(model_path, "rb");
    if (!f) {
        diag_add(d, "MODEL-FILE", (SrcLoc){0, 0}, "cannot read '%s'", model_path);
        return NULL;
    }
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    if (!strstr(buf, "@model")) {
        diag_add(d, "SDL-NO-MODEL", (SrcLoc){1, 1}, "no type with @model");
        return NULL;
    }
    return xcalloc(1, sizeof(Engine));
}

void engine_free(Engine *e) { free(e); }
const Schema *engine_schema(const Engine *e) { (void)e; return NULL; }

Worker *worker_new(Engine *e, Diag *d)
{
    (void)d;
    Worker *w = xcalloc(1, sizeof *w);
    w->e = e;
    return w;
}

void worker_free(Worker *w) { free(w); }

static bool has(Str q, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= q.len; i++)
        if (!memcmp(q.ptr + i, needle, n)) return true;
    return false;
}

static void request_error(Buf *out, ExecOutcome *res, const char *msg)
{
    buf_puts(out, "{\"errors\":[{\"message\":");
    json_put_cstr(out, msg);
    buf_puts(out, ",\"locations\":[{\"line\":1,\"column\":1}]}]}");
    res->request_error = true;
}

void exec_request(Worker *w, Arena *a, const ExecRequest *req, Buf *out, ExecOutcome *res)
{
    (void)w;
    (void)a;
    *res = (ExecOutcome){0};
    Str q = req->query;
    size_t i = 0;
    while (i < q.len && (q.ptr[i] == ' ' || q.ptr[i] == '\n' || q.ptr[i] == '\t')) i++;
    if (i == q.len) return request_error(out, res, "Syntax Error: Unexpected <EOF>.");
    if (has(q, "sleep")) {
        struct timespec t = {0, 300 * 1000 * 1000};
        nanosleep(&t, NULL);
    }
    if (has(q, "subscription")) {
        res->is_subscription = true;
        return request_error(out, res,
                             "Subscriptions are only supported over the WebSocket endpoint.");
    }
    if (has(q, "mutation")) {
        if (req->via_get) {
            res->method_not_allowed = true;
            buf_puts(out, "{\"errors\":[{\"message\":\"Can only perform a mutation operation "
                          "from a POST request.\"}]}");
            return;
        }
        if (has(q, "updatePost")) {
            buf_puts(out, "{\"data\":{\"updatePost\":null},\"errors\":[{\"message\":\"'Post' has "
                          "no item with id 'nope'\",\"code\":3002,\"requestId\":");
            json_put_cstr(out, req->request_id);
            buf_puts(out, ",\"path\":[\"updatePost\"],\"locations\":[{\"line\":1,\"column\":12}]}]}");
            return;
        }
        buf_puts(out, "{\"data\":{\"createPost\":{\"id\":\"cjfake0000000000000000001\"}}}");
        return;
    }
    if (has(q, "query A")) {
        if (str_eqz(req->operation_name, "A")) return buf_puts(out, "{\"data\":{\"a\":\"Query\"}}");
        if (str_eqz(req->operation_name, "B")) return buf_puts(out, "{\"data\":{\"b\":\"Query\"}}");
        if (req->operation_name.len) return request_error(out, res, "Unknown operation named \"X\".");
        return request_error(out, res,
                             "Must provide operation name if query contains multiple operations.");
    }
    if (has(q, "$skip")) {
        json_t *v = req->variables ? json_object_get(req->variables, "skip") : NULL;
        if (!v)
            return request_error(out, res,
                                 "Variable \"$skip\" of required type \"Boolean!\" was not provided.");
        if (json_is_true(v)) return buf_puts(out, "{\"data\":{}}");
        return buf_puts(out, "{\"data\":{\"__typename\":\"Query\"}}");
    }
    if (has(q, "_allPostsMeta")) return buf_puts(out, "{\"data\":{\"_allPostsMeta\":{\"count\":0}}}");
    if (has(q, "__typename")) return buf_puts(out, "{\"data\":{\"__typename\":\"Query\"}}");
    request_error(out, res, "Syntax Error: Unexpected Name \"fake\".");
}

/* serve.c's --pg-schema: the fake has no store. */
void store_set_pg_schema(const char *schema);
void store_set_pg_schema(const char *schema)
{
    (void)schema;
}
