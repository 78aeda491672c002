/* mutate.c - the root mutation fields: create, update, updateOrCreate, delete and the
 * relation mutations set/unset/addTo/removeFrom (SIMPLE-API.md §5).
 *
 * Each runs in its own transaction: the passes of internal.h (build with value checks,
 * ids, required relations) against the state before, then the writes, then the result
 * rendered by the store inside the same transaction; any failure rolls back. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mutate/internal.h"
#include "mutate/mutate.h"

bool mutate_fail(MutCtx *x, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Buf b;
    buf_init(&b, x->a, 128);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    memset(x->err, 0, sizeof *x->err);
    x->err->code = code;
    x->err->message = b.data;
    return false;
}

bool mutate_internal(MutCtx *x, const char *what)
{
    if (store_errkind(x->c) == STORE_ERR_LOST)
        fprintf(stderr, "relata: mutation failed: the connection to the database was lost "
                        "(re-established for the next request); %s\n", what ? what : "?");
    else
        fprintf(stderr, "relata: mutation failed: %s\n", what ? what : "?");
    memset(x->err, 0, sizeof *x->err);
    x->err->code = 0;
    x->err->message = "internal error";
    return false;
}

static ArgSet field_args(const PlanField *f)
{
    return (ArgSet){f->args, f->n_args, f->field->args, f->field->n_args};
}

/* The value of the argument with role `role`, or NULL. */
static const Value *arg_by_role(const PlanField *f, InputRole role)
{
    for (uint32_t i = 0; i < f->field->n_args; i++)
        if (f->field->args[i].role == role) return mutate_arg(field_args(f), &f->field->args[i]);
    return NULL;
}

static bool fail_missing(MutCtx *x, const Model *m, Str id)
{
    return mutate_fail(x, 3002, "'%s' has no item with id '%.*s'", m->name, STR_FMT(id));
}

/* The id argument (role IROLE_ID) among `args`. */
static Str id_arg(ArgSet args)
{
    for (uint32_t i = 0; i < args.n_defs; i++) {
        if (args.defs[i].role != IROLE_ID) continue;
        const Value *v = mutate_arg(args, &args.defs[i]);
        if (v && v->kind == VAL_STRING) return v->s;
    }
    return STR_NULL;
}

/* Runs the checks and writes of a create or update; `*id` receives the node's id. */
static bool run_node(MutCtx *x, const Model *m, ArgSet args, bool create, Str *id)
{
    if (!create) {
        *id = id_arg(args);
        int e = mutate_node_exists(x, m, *id);
        if (e < 0) return false;
        if (!e) return fail_missing(x, m, *id);
    }
    WNode *n = mutate_build(x, m, args, create, NULL);
    if (!n) return false;
    if (!create) n->id = *id;
    if (!mutate_check_ids(x, n) || !mutate_check_required(x, n) || !mutate_write(x, n))
        return false;
    *id = n->id;
    return true;
}

static bool run_upsert(MutCtx *x, const PlanField *f, Str *id)
{
    const Model *m = f->field->model;
    const Value *upd = NULL, *cre = NULL;
    const SInputValue *upd_def = NULL, *cre_def = NULL;
    for (uint32_t i = 0; i < f->field->n_args; i++) {
        const SInputValue *d = &f->field->args[i];
        if (d->role == IROLE_UPSERT_UPDATE) upd_def = d, upd = mutate_arg(field_args(f), d);
        if (d->role == IROLE_UPSERT_CREATE) cre_def = d, cre = mutate_arg(field_args(f), d);
    }
    ArgSet none = {0};
    ArgSet uargs = none, cargs = none;
    if (upd && upd->kind == VAL_OBJECT) {
        const SType *t = typeref_named(upd_def->type);
        uargs = (ArgSet){upd->fields, upd->n_fields, t->input_fields, t->n_input_fields};
    }
    if (cre && cre->kind == VAL_OBJECT) {
        const SType *t = typeref_named(cre_def->type);
        cargs = (ArgSet){cre->fields, cre->n_fields, t->input_fields, t->n_input_fields};
    }
    Str target = id_arg(uargs);
    int e = target.ptr ? mutate_node_exists(x, m, target) : 0;
    if (e < 0) return false;
    return run_node(x, m, e ? uargs : cargs, !e, id);
}

static bool run_delete(MutCtx *x, const PlanField *f, Buf *out)
{
    const Model *m = f->field->model;
    const Value *v = arg_by_role(f, IROLE_ID);
    Str id = v && v->kind == VAL_STRING ? v->s : STR_NULL;
    if (!mutate_id_shaped(id))
        return mutate_fail(x, 3001, "The given id '%.*s' is invalid.", STR_FMT(id));
    int e = mutate_node_exists(x, m, id);
    if (e < 0) return false;
    if (!e) return fail_missing(x, m, id);
    if (!mutate_check_delete(x, m, id)) return false;
    sub_event_deleted(x->events, x->c, m, id);
    /* edges first, so relation fields of the result show the new state while its
     * scalar fields are still there (§5.5 step 5) */
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *mf = m->fields[i];
        if (mf->is_relation && !mutate_edges_remove_all(x, mf, id)) return false;
    }
    if (!store_render_node(x->c, x->a, m, id, f->sel, out, x->err)) return false;
    return mutate_delete_row(x, m, id);
}

/* set/unset/addTo/removeFrom<Rel> (§5.7); a is the A node, b the B node. */
static bool run_relation(MutCtx *x, const PlanField *f, Str *pa, Str *pb)
{
    const ModelRelation *r = f->field->relation;
    FieldRole role = f->field->role;
    const Value *va = arg_by_role(f, IROLE_REL_A_ID), *vb = arg_by_role(f, IROLE_REL_B_ID);
    Str a = va && va->kind == VAL_STRING ? va->s : STR_NULL;
    Str b = vb && vb->kind == VAL_STRING ? vb->s : STR_NULL;
    *pa = a;
    *pb = b;
    /* argument order: <aName>Id (the B node) first */
    if (!mutate_id_shaped(b))
        return mutate_fail(x, 3001, "The given id '%.*s' is invalid.", STR_FMT(b));
    if (!mutate_id_shaped(a))
        return mutate_fail(x, 3001, "The given id '%.*s' is invalid.", STR_FMT(a));
    bool removing = role == FROLE_MUT_UNSET || role == FROLE_MUT_REMOVE;
    const Model *models[2] = {r->model_b, r->model_a};
    Str ids[2] = {b, a};
    for (int i = 0; i < 2; i++) {
        int e = mutate_node_exists(x, models[i], ids[i]);
        if (e < 0) return false;
        if (e) continue;
        if (removing) return mutate_fail(x, 3013, "Node with id %.*s not found", STR_FMT(ids[i]));
        return mutate_fail(x, 3011,
                           "You are referencing a node that does not exist. Please check your "
                           "mutation to make sure you are only creating edges between existing "
                           "nodes. Id if available: %.*s",
                           STR_FMT(ids[i]));
    }
    const ModelField *fa = r->field_a, *fb = r->field_b;
    if (removing) return mutate_edge_remove(x, fa, a, b);

    /* set, addTo: a node losing its only partner must not have a required to-one field */
    Str *ps;
    int np;
    if (!fa->is_list) {
        if ((np = mutate_partners(x, fa, a, &ps)) < 0) return false;
        for (int i = 0; i < np; i++)
            if (!str_eq(ps[i], b) && !fb->is_list && fb->required)
                return mutate_fail(x, 3032,
                                   "The field '%s' on type '%s' is required. Performing this "
                                   "mutation would violate the constraint",
                                   fb->name, r->model_b->name);
    }
    if (!fb->is_list) {
        if ((np = mutate_partners(x, fb, b, &ps)) < 0) return false;
        for (int i = 0; i < np; i++)
            if (!str_eq(ps[i], a) && !fa->is_list && fa->required)
                return mutate_fail(x, 3032,
                                   "The field '%s' on type '%s' is required. Performing this "
                                   "mutation would violate the constraint",
                                   fa->name, r->model_a->name);
    }
    if (!fa->is_list && !mutate_edges_remove_all(x, fa, a)) return false;
    if (!fb->is_list && !mutate_edges_remove_all(x, fb, b)) return false;
    return mutate_edge_add(x, fa, a, b);
}

/* {"<bName>": A node, "<aName>": B node} following the payload's selection. */
static bool render_payload(MutCtx *x, const PlanField *f, Str a, Str b, Buf *out)
{
    const ModelRelation *r = f->field->relation;
    const PlanSel *sel = f->sel;
    buf_putc(out, '{');
    for (uint32_t i = 0; sel && i < sel->n; i++) {
        const PlanField *pf = &sel->fields[i];
        if (i) buf_putc(out, ',');
        json_put_str(out, pf->key);
        buf_putc(out, ':');
        if (pf->is_typename) {
            json_put_cstr(out, sel->type->name);
            continue;
        }
        bool is_a = pf->field->role == FROLE_PAYLOAD_NODE_A;
        FieldErrors *fe = x->c->nested_errors;
        uint32_t n_before = fe ? fe->n : 0;
        if (!store_render_node(x->c, x->a, is_a ? r->model_a : r->model_b, is_a ? a : b, pf->sel,
                               out, x->err))
            return false;
        /* errors inside the node: their paths start below this payload field */
        for (uint32_t k = n_before; fe && k < fe->n; k++) {
            FieldError *e = &fe->items[k];
            PathSeg *p = ARENA_ARRAY(x->a, PathSeg, e->path_len + 1);
            p[0] = (PathSeg){pf->key, 0};
            if (e->path_len) memcpy(p + 1, e->path, sizeof *p * e->path_len);
            e->path = p;
            e->path_len++;
        }
    }
    buf_putc(out, '}');
    return true;
}

bool mutate_execute(StoreConn *c, Arena *a, const PlanField *f, Buf *out, FieldError *err)
{
    MutCtx x = {.c = c, .a = a, .err = err};
    /* A transaction that fails to start on a lost connection (reconnected since), or
     * that PostgreSQL aborted as a serialization failure or deadlock, applied nothing
     * and is run again from the start; a few attempts, then the error stands. */
    int attempts = 0;
again:
    attempts++;
    mutate_now(x.now);
    if (!store_begin(c)) {
        if (store_errkind(c) == STORE_ERR_LOST && attempts < 3) goto again;
        return mutate_internal(&x, "BEGIN failed");
    }
    x.events = sub_events_begin(a);

    Buf res;
    buf_init(&res, a, 256);
    const Model *m = f->field->model;
    Str id = STR_NULL, ra, rb;
    bool ok;
    switch (f->field->role) {
    case FROLE_MUT_CREATE:
        ok = run_node(&x, m, field_args(f), true, &id) &&
             store_render_node(c, a, m, id, f->sel, &res, err);
        break;
    case FROLE_MUT_UPDATE:
        ok = run_node(&x, m, field_args(f), false, &id) &&
             store_render_node(c, a, m, id, f->sel, &res, err);
        break;
    case FROLE_MUT_UPSERT:
        ok = run_upsert(&x, f, &id) && store_render_node(c, a, m, id, f->sel, &res, err);
        break;
    case FROLE_MUT_DELETE:
        ok = run_delete(&x, f, &res);
        break;
    case FROLE_MUT_SET:
    case FROLE_MUT_UNSET:
    case FROLE_MUT_ADD:
    case FROLE_MUT_REMOVE:
        ok = run_relation(&x, f, &ra, &rb) && render_payload(&x, f, ra, rb, &res);
        break;
    default:
        ok = mutate_internal(&x, "not a mutation field");
        break;
    }
    if (!ok) {
        bool retry = store_errkind(c) == STORE_ERR_RETRY && attempts < 4;
        store_rollback(c);
        if (retry) goto again;
        return false;
    }
    /* Subscription events: matched and rendered against the state inside the
     * transaction, sent only once COMMIT succeeded, in commit order (sub/hub.h). */
    SubPrepared *events = sub_prepare(x.events, c);
    if (events) sub_commit_lock();
    if (!store_commit(c)) {
        bool retry = store_errkind(c) == STORE_ERR_RETRY && attempts < 4;
        if (events) {
            sub_commit_unlock();
            sub_discard(events);
        }
        store_rollback(c);
        if (retry) goto again;
        return mutate_internal(&x, "COMMIT failed");
    }
    if (events) {
        sub_deliver(events);
        sub_commit_unlock();
    }
    /* After a delete the node has no edges left: a selected required to-one field of it
     * is a non-null violation that nulls the payload (SIMPLE-API.md §5.5 step 5), which
     * store_render_node has applied and reported (StoreConn.nested_errors). The delete
     * itself stands. */
    buf_put(out, res.data, res.len);
    return true;
}
