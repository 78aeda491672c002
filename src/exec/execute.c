/* execute.c - one GraphQL request from text to response: parse, validate, select the
 * operation, coerce variables, build the plan (collect.c), then resolve the root fields
 * in order (queries through the store, mutations serially through mutate/, the meta
 * fields through introspect.c) and write {"data":...,"errors":[...]} into the output.
 *
 * Request errors (before execution) give a body without "data". Field errors make their
 * field null; a failing non-null root field makes "data" null and stops execution, as
 * graphql-js does when resolvers are synchronous.
 *
 * The request timeout (EngineOptions.timeout_ms) is enforced inside SQLite: a progress
 * handler interrupts the running statement once the deadline has passed, the store or
 * mutation fails (rolling back its transaction), and the field gets error 1000. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "exec/internal.h"
#include "mutate/mutate.h"

static void request_error(Buf *out, ExecOutcome *res, ReqError *const *errs, uint32_t n)
{
    res->request_error = true;
    exec_write_request_errors(out, errs, n);
}

static void request_error1(Arena *a, Buf *out, ExecOutcome *res, const char *msg, GqlLoc loc)
{
    ReqError *e = exec_req_error(a, msg, loc);
    request_error(out, res, &e, 1);
}

/* ---- request deadline ---- */

typedef struct Deadline {
    struct timespec at;
    bool hit;
} Deadline;

static bool deadline_passed(Deadline *d)
{
    if (d->hit) return true;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > d->at.tv_sec || (now.tv_sec == d->at.tv_sec && now.tv_nsec >= d->at.tv_nsec))
        d->hit = true;
    return d->hit;
}

/* sqlite3 progress callback: non-zero interrupts the statement. */
static int deadline_progress(void *p)
{
    return deadline_passed(p);
}

static void deadline_start(Worker *w, Deadline *d, unsigned ms)
{
    clock_gettime(CLOCK_MONOTONIC, &d->at);
    d->at.tv_sec += ms / 1000;
    d->at.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (d->at.tv_nsec >= 1000000000L) {
        d->at.tv_sec++;
        d->at.tv_nsec -= 1000000000L;
    }
    d->hit = false;
    if (w->conn->db) sqlite3_progress_handler(w->conn->db, 1000, deadline_progress, d);
}

static void deadline_stop(Worker *w)
{
    if (w->conn->db) sqlite3_progress_handler(w->conn->db, 0, NULL, NULL);
}

/* SIMPLE-API.md §4.1: a single-node query needs at least one non-null argument. */
static const char *single_node_args_error(ExecCtx *x, const PlanField *f)
{
    for (uint32_t i = 0; i < f->n_args; i++)
        if (f->args[i].value->kind != VAL_NULL) return NULL;
    Buf b;
    buf_init(&b, x->a, 64);
    buf_puts(&b, "None of the following arguments provided: List(");
    for (uint32_t i = 0; i < f->field->n_args; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", f->field->args[i].name);
    buf_putc(&b, ')');
    return b.data;
}

/* Resolves root field `f` (index i of the root selection) and writes `"key":value`.
 * Returns false when the field failed and is non-null, so "data" itself becomes null. */
static bool run_root_field(Worker *w, ExecCtx *x, const SType *root, const PlanSel *sel, uint32_t i,
                           StoreCompiled *const *prepared, Deadline *dl, Buf *out)
{
    const PlanField *f = &sel->fields[i];
    if (i) buf_putc(out, ',');
    json_put_str(out, f->key);
    buf_putc(out, ':');
    size_t mark = out->len;

    if (x->root_errors && x->root_errors[i]) {
        exec_field_error(x, x->root_errors[i], -1, f->loc, f->key, NULL, 0);
        buf_puts(out, "null");
        return !(f->field && typeref_non_null(f->field->type));
    }
    if (f->is_typename) {
        json_put_cstr(out, root->name);
        return true;
    }

    FieldError err = {0};
    bool ok = true;
    switch (f->field->role) {
    case FROLE_QUERY_ONE: {
        const char *msg = single_node_args_error(x, f);
        if (msg) {
            err.code = 3000;
            err.message = msg;
            ok = false;
            break;
        }
    }
        /* fall through */
    case FROLE_QUERY_ALL:
    case FROLE_QUERY_META:
    case FROLE_QUERY_NODE:
        if (prepared && prepared[i])
            ok = store_run_compiled(w->conn, x->a, prepared[i], out, &err);
        else
            ok = store_resolve_query(w->conn, x->a, f, out, &err);
        break;
    case FROLE_QUERY_USER:
        /* no authentication yet: always null (SIMPLE-API.md §4.7) */
        buf_puts(out, "null");
        break;
    case FROLE_SCHEMA:
    case FROLE_TYPE:
        if (f->field->role == FROLE_SCHEMA)
            exec_intro_schema(x, f, out);
        else
            exec_intro_type(x, f, out);
        if (x->too_large) {
            err.code = -1;
            err.message = "The introspection result is too large.";
            ok = false;
        }
        break;
    case FROLE_MUT_CREATE:
    case FROLE_MUT_UPDATE:
    case FROLE_MUT_UPSERT:
    case FROLE_MUT_DELETE:
    case FROLE_MUT_SET:
    case FROLE_MUT_UNSET:
    case FROLE_MUT_ADD:
    case FROLE_MUT_REMOVE:
        ok = mutate_execute(w->conn, x->a, f, out, &err);
        break;
    default:
        /* a root field without a resolver is our fault: an internal error */
        fprintf(stderr, "relata: internal error: no resolver for root field %s (request %s)\n",
                f->field->name, x->request_id ? x->request_id : "-");
        err.code = 0;
        ok = false;
        break;
    }
    if (ok) return true;
    if (dl && dl->hit) {
        err = (FieldError){.code = 1000,
                           .message = "The query took too long to process. Either try again "
                                      "later or try a simpler query."};
    }
    out->len = mark;
    out->data[mark] = 0;
    buf_puts(out, "null");
    exec_field_error(x, err.message, err.code, err.loc.line ? err.loc : f->loc, f->key, err.path,
                     err.path_len);
    return !typeref_non_null(f->field->type);
}

/* Runs the operation; `pe` supplies the cached plan and compiled SQL when the
 * operation has no variables, else the plan is built now from the coerced variables. */
static void execute(Worker *w, ExecCtx *x, PlanEntry *pe, Deadline *dl, Buf *out)
{
    const Schema *s = x->schema;
    const SType *root = x->op->op == GQL_OP_MUTATION ? s->mutation : s->query;
    const PlanSel *sel;
    StoreCompiled *const *prepared = NULL;
    if (pe->plan) {
        exec_plan_prepare(w->plans, pe, w->conn);
        sel = pe->plan;
        x->root_errors = pe->root_errors;
        prepared = pe->prepared;
    } else {
        sel = exec_collect_root(x, root, x->op->selection_set);
    }

    buf_puts(out, "{\"data\":");
    size_t data_mark = out->len;
    buf_putc(out, '{');
    bool data_ok = true;
    for (uint32_t i = 0; i < sel->n && data_ok; i++)
        data_ok = run_root_field(w, x, root, sel, i, prepared, dl, out);
    if (data_ok) {
        buf_putc(out, '}');
    } else {
        out->len = data_mark;
        out->data[data_mark] = 0;
        buf_puts(out, "null");
    }
    if (x->n_errors) {
        buf_puts(out, ",\"errors\":[");
        buf_put_str(out, buf_str(&x->errors));
        buf_putc(out, ']');
    }
    buf_putc(out, '}');
}

void exec_request(Worker *w, Arena *a, const ExecRequest *req, Buf *out, ExecOutcome *res)
{
    const Engine *e = w->engine;
    memset(res, 0, sizeof *res);
    ExecCtx *x = ARENA_NEW(a, ExecCtx);
    x->a = a;
    x->schema = e->schema;
    x->request_id = req->request_id;
    buf_init(&x->errors, a, 256);

    /* Parsing, validation and operation selection depend on the text alone: done once
     * per (query, operationName) and kept in this thread's plan cache (cache.c). */
    PlanEntry *pe = exec_plan_get(w->plans, e, req, a);
    if (pe->error) {
        res->request_error = true;
        buf_puts(out, pe->error);
        return;
    }
    x->doc = pe->doc;
    x->op = pe->op;
    if (x->op->op == GQL_OP_SUBSCRIPTION) {
        res->is_subscription = true;
        request_error1(a, out, res, "Subscriptions are only supported over the WebSocket endpoint.",
                       x->op->loc);
        return;
    }
    if (x->op->op == GQL_OP_MUTATION && req->via_get) {
        res->method_not_allowed = true;
        request_error1(a, out, res, "Can only perform a mutation operation from a POST request.",
                       x->op->loc);
        return;
    }
    if (x->op->op == GQL_OP_MUTATION && !x->schema->mutation) {
        request_error1(a, out, res, "Schema is not configured to execute mutation operation.",
                       x->op->loc);
        return;
    }

    x->fragments = pe->fragments;

    PtrVec errs = {0};
    if (!exec_coerce_variables(x, req->variables, &errs)) {
        request_error(out, res, (ReqError *const *)errs.items, errs.n);
        return;
    }
    unsigned ms = e->opts.timeout_ms;
    Deadline dl;
    if (ms) deadline_start(w, &dl, ms);
    execute(w, x, pe, ms ? &dl : NULL, out);
    if (ms) deadline_stop(w);
}
