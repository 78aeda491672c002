/* fuzz_request.c - libFuzzer entry point for one whole GraphQL request: exec_request
 * (parse, validate, coerce variables, execute, write the response) against the blog
 * model on a temporary SQLite database. Mutations run too and write to that database.
 *
 * Input: query text, NUL, variables JSON text, NUL, operation name (missing parts are
 * empty). The variables follow the server's rule (server/body.c): JSON holding an
 * object gives the variables, anything else none.
 *
 * Beyond "no crash", every response must be a JSON object with "data" or "errors";
 * a request error (ExecOutcome.request_error) has no "data" key; every error object has
 * a string "message". A violation aborts so the fuzzer keeps the input.
 *
 * The database is thrown away and made afresh every RESET_EVERY inputs so that rows
 * created by mutations do not slow the run down. Build and run: see tests/fuzz/README. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "exec/exec.h"

#define RESET_EVERY 5000

static char model_path[4096];
static char db_dir[64];
static char db_url[128];
static Engine *engine;
static Worker *worker;
static unsigned runs;

static void die(const char *what, const Diag *d)
{
    fprintf(stderr, "fuzz_request: %s\n", what);
    if (d && d->count) fprintf(stderr, "  %s\n", d->items[0].message);
    abort();
}

static void remove_db(void)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s/fuzz.db%s", db_dir, suffixes[i]);
        unlink(p);
    }
}

static void open_engine(void)
{
    Arena a;
    arena_init(&a, 0);
    Diag d;
    diag_init(&d, &a);
    remove_db();
    EngineOptions eo = {.db_url = db_url, .timeout_ms = 5000};
    engine = engine_new(model_path, &eo, &d);
    if (!engine) die("engine_new failed", &d);
    worker = worker_new(engine, &d);
    if (!worker) die("worker_new failed", &d);
    arena_fini(&a);
}

static void close_engine(void)
{
    worker_free(worker);
    engine_free(engine);
    worker = NULL;
    engine = NULL;
}

static void cleanup(void)
{
    close_engine();
    remove_db();
    rmdir(db_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *shared = getenv("RELATA_SHARED");
    if (!shared) shared = "../shared";
    snprintf(model_path, sizeof model_path, "%s/spec/examples/blog/types.graphql", shared);
    snprintf(db_dir, sizeof db_dir, "/tmp/relata-fuzz-XXXXXX");
    if (!mkdtemp(db_dir)) die("mkdtemp failed", NULL);
    snprintf(db_url, sizeof db_url, "sqlite:%s/fuzz.db", db_dir);
    open_engine();
    atexit(cleanup);
    return 0;
}

/* The next NUL-terminated part of the input: [*pos, end) up to a NUL or the end. */
static Str next_part(const uint8_t *data, size_t size, size_t *pos)
{
    size_t i = *pos;
    if (i >= size) return (Str){"", 0};
    size_t j = i;
    while (j < size && data[j]) j++;
    *pos = j + 1;
    return (Str){(const char *)data + i, j - i};
}

static void check_response(const Buf *out, const ExecOutcome *res)
{
    json_error_t err;
    json_t *root = json_loadb(out->data, out->len, 0, &err);
    if (!root) {
        fprintf(stderr, "response is not JSON (%s): %.*s\n", err.text, (int)out->len, out->data);
        abort();
    }
    json_t *data = json_object_get(root, "data");
    json_t *errors = json_object_get(root, "errors");
    if (!json_is_object(root) || (!data && !errors)) {
        fprintf(stderr, "response has neither data nor errors: %.*s\n", (int)out->len, out->data);
        abort();
    }
    if (res->request_error && data) {
        fprintf(stderr, "request error with a data key: %.*s\n", (int)out->len, out->data);
        abort();
    }
    if (errors) {
        if (!json_is_array(errors) || json_array_size(errors) == 0) {
            fprintf(stderr, "errors is not a non-empty array: %.*s\n", (int)out->len, out->data);
            abort();
        }
        size_t i;
        json_t *e;
        json_array_foreach(errors, i, e)
        {
            if (!json_is_string(json_object_get(e, "message"))) {
                fprintf(stderr, "error without a message: %.*s\n", (int)out->len, out->data);
                abort();
            }
        }
    }
    json_decref(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (++runs % RESET_EVERY == 0) {
        close_engine();
        open_engine();
    }
    static Arena a;
    static int ready;
    if (!ready) {
        arena_init(&a, 0);
        ready = 1;
    }
    size_t pos = 0;
    Str query = next_part(data, size, &pos);
    Str vars_text = next_part(data, size, &pos);
    Str op = next_part(data, size, &pos);

    json_t *vars = NULL;
    if (vars_text.len) {
        json_error_t jerr;
        vars = json_loadb(vars_text.ptr, vars_text.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
        if (vars && !json_is_object(vars)) {
            json_decref(vars);
            vars = NULL;
        }
    }
    ExecRequest req = {
        .query = query,
        .variables = vars,
        .operation_name = op,
        .request_id = "fuzz",
    };
    Buf out;
    buf_init(&out, &a, 256);
    ExecOutcome res = {0};
    exec_request(worker, &a, &req, &out, &res);
    check_response(&out, &res);
    json_decref(vars);
    arena_reset(&a);
    return 0;
}
