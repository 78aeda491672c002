/* exec.h - the executor's contract with the server: one GraphQL request in, one JSON
 * response out.
 *
 * An Engine is built once at start-up (model, schema, store) and shared by all threads.
 * A Worker belongs to one thread and holds that thread's database connection and
 * caches. exec_request() runs parse -> validate -> coerce -> execute and writes the
 * complete response object ({"data":...,"errors":[...]}) into `out`. */
#ifndef RELATA_EXEC_EXEC_H
#define RELATA_EXEC_EXEC_H

#include <stdbool.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/str.h"
#include "model/model.h"
#include "schema/schema.h"

typedef struct Engine Engine;
typedef struct Worker Worker;

typedef struct EngineOptions {
    const char *db_url;        /* "sqlite:PATH", a plain path, or "postgres://..." */
    unsigned max_depth;        /* query depth limit after fragment expansion, 0 = none */
    unsigned parser_max_depth; /* 0 = GQL_DEFAULT_MAX_DEPTH */
    unsigned timeout_ms;       /* per request, 0 = none */
} EngineOptions;

/* Loads the model file, builds the schema, opens the store and creates/checks its
 * tables. Returns NULL with diagnostics in `d` (model errors, store errors). */
Engine *engine_new(const char *model_path, const EngineOptions *opts, Diag *d);
void engine_free(Engine *e);
const Schema *engine_schema(const Engine *e);

/* Opens a database connection for the calling thread. Returns NULL with a message in
 * `d` on failure. */
Worker *worker_new(Engine *e, Diag *d);
void worker_free(Worker *w);

typedef struct ExecRequest {
    Str query;                 /* the document; empty if absent */
    json_t *variables;         /* a JSON object or NULL (borrowed) */
    Str operation_name;        /* empty = absent */
    bool via_get;              /* only queries may run over GET */
    const char *request_id;    /* copied into error objects as requestId */
} ExecRequest;

typedef struct ExecOutcome {
    bool request_error;        /* the response has no "data" key (syntax, validation,
                                  variable coercion, operation selection) */
    bool method_not_allowed;   /* a mutation was sent over GET (HTTP 405) */
    bool is_subscription;      /* subscription sent over HTTP (already answered with the
                                  spec's request error) */
} ExecOutcome;

/* Executes one request. All allocation from `a` (the request arena). Writes the whole
 * JSON response object into `out`. Never fails: internal errors become error objects. */
void exec_request(Worker *w, Arena *a, const ExecRequest *req, Buf *out, ExecOutcome *res);

#endif
