/* fixture.h - a temp SQLite database for a model, and a small driver that runs GraphQL
 * documents against it without the executor: literal arguments are coerced to Values by
 * their schema types, selections become PlanSels, mutation fields go to mutate_execute and
 * query fields to store_resolve_query. Each call returns the "data" object as compact
 * JSON; the first field error is kept in fx->code / fx->message. */
#ifndef RELATA_TEST_MUTATE_FIXTURE_H
#define RELATA_TEST_MUTATE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "graphql/parser.h"
#include "model/model.h"
#include "mutate/mutate.h"
#include "schema/schema.h"
#include "store/store.h"

typedef struct Fx {
    Arena arena; /* fixture lifetime */
    Arena req;   /* one document */
    DataModel *dm;
    Schema *schema;
    Store *store;
    StoreConn *c;
    char path[64];
    int code; /* first field error of the last run, -1 if none */
    const char *message;
} Fx;

static bool fx_open(Fx *fx, const char *model_src)
{
    memset(fx, 0, sizeof *fx);
    arena_init(&fx->arena, 1 << 16);
    arena_init(&fx->req, 1 << 16);
    Diag d;
    diag_init(&d, &fx->arena);
    fx->dm = model_load(model_src, strlen(model_src), "types.graphql", &d);
    if (!fx->dm) {
        for (uint32_t i = 0; i < d.count; i++)
            fprintf(stderr, "model: %s\n", d.items[i].message);
        return false;
    }
    fx->schema = schema_build(fx->dm);
    snprintf(fx->path, sizeof fx->path, "/tmp/relata-mutate-XXXXXX");
    int fd = mkstemp(fx->path);
    if (fd < 0) return false;
    close(fd);
    unlink(fx->path);
    fx->store = store_open(fx->dm, fx->schema, fx->path, &d);
    if (!fx->store) {
        for (uint32_t i = 0; i < d.count; i++)
            fprintf(stderr, "store: %s\n", d.items[i].message);
        return false;
    }
    fx->c = store_connect(fx->store, &d);
    return fx->c != NULL;
}

static bool fx_open_file(Fx *fx, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return fx_open(fx, buf);
}

static void fx_close(Fx *fx)
{
    if (fx->c) store_disconnect(fx->c);
    if (fx->store) store_close(fx->store);
    if (fx->schema) schema_free(fx->schema);
    if (fx->dm) model_free(fx->dm);
    arena_fini(&fx->req);
    arena_fini(&fx->arena);
    char p[80];
    unlink(fx->path);
    snprintf(p, sizeof p, "%s-wal", fx->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", fx->path);
    unlink(p);
}

/* ---- literal coercion (the executor's job in the server) ---- */

static Value *fx_coerce(Arena *a, const GqlValue *g, const TypeRef *t)
{
    Value *v = ARENA_NEW(a, Value);
    if (t->kind == REF_NON_NULL) t = t->of;
    if (g->kind == GQL_VAL_NULL) {
        v->kind = VAL_NULL;
        return v;
    }
    if (t->kind == REF_LIST) {
        v->kind = VAL_LIST;
        if (g->kind != GQL_VAL_LIST) {
            v->n_items = 1;
            v->items = ARENA_ARRAY(a, Value *, 1);
            v->items[0] = fx_coerce(a, g, t->of);
            return v;
        }
        v->n_items = g->n_items;
        v->items = ARENA_ARRAY(a, Value *, g->n_items + 1);
        for (uint32_t i = 0; i < g->n_items; i++)
            v->items[i] = fx_coerce(a, g->items[i], t->of);
        return v;
    }
    const SType *nt = t->named;
    if (nt->kind == TK_INPUT_OBJECT) {
        v->kind = VAL_OBJECT;
        v->n_fields = g->n_fields;
        v->fields = ARENA_ARRAY(a, ValueField, g->n_fields + 1);
        for (uint32_t i = 0; i < g->n_fields; i++) {
            const SInputValue *def =
                stype_find_input_field(nt, g->fields[i].name.ptr, g->fields[i].name.len);
            if (!def) {
                fprintf(stderr, "fixture: unknown input field %.*s\n", STR_FMT(g->fields[i].name));
                abort();
            }
            v->fields[i].def = def;
            v->fields[i].value = fx_coerce(a, g->fields[i].value, def->type);
        }
        return v;
    }
    if (nt->kind == TK_ENUM) {
        v->kind = VAL_ENUM;
        v->s = g->str;
        v->ev = stype_find_value(nt, g->str.ptr, g->str.len);
        return v;
    }
    char *z = arena_strndup(a, g->str.ptr, g->str.len);
    if (strcmp(nt->name, "Int") == 0) {
        v->kind = VAL_INT;
        v->i = strtoll(z, NULL, 10);
    } else if (strcmp(nt->name, "Float") == 0) {
        v->kind = VAL_FLOAT;
        v->f = strtod(z, NULL);
    } else if (strcmp(nt->name, "Boolean") == 0) {
        v->kind = VAL_BOOLEAN;
        v->b = g->boolean;
    } else {
        v->kind = VAL_STRING; /* ID, String, DateTime, Json */
        v->s = g->str;
    }
    return v;
}

static PlanSel *fx_sel(Arena *a, const SType *type, const GqlSelectionSet *ss)
{
    if (!ss) return NULL;
    PlanSel *sel = ARENA_NEW(a, PlanSel);
    sel->type = type;
    sel->fields = ARENA_ARRAY(a, PlanField, ss->n + 1);
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *s = &ss->items[i];
        PlanField *pf = &sel->fields[sel->n++];
        pf->key = gql_response_key(s);
        pf->loc = s->loc;
        if (str_eqz(s->name, "__typename")) {
            pf->is_typename = true;
            continue;
        }
        pf->field = stype_find_field(type, s->name.ptr, s->name.len);
        if (!pf->field) {
            fprintf(stderr, "fixture: unknown field %.*s on %s\n", STR_FMT(s->name), type->name);
            abort();
        }
        pf->n_args = s->n_args;
        pf->args = ARENA_ARRAY(a, ValueField, s->n_args + 1);
        for (uint32_t k = 0; k < s->n_args; k++) {
            const SInputValue *def =
                sfield_find_arg(pf->field, s->args[k].name.ptr, s->args[k].name.len);
            if (!def) {
                fprintf(stderr, "fixture: unknown argument %.*s\n", STR_FMT(s->args[k].name));
                abort();
            }
            pf->args[k].def = def;
            pf->args[k].value = fx_coerce(a, s->args[k].value, def->type);
        }
        pf->sel = fx_sel(a, typeref_named(pf->field->type), s->selection_set);
    }
    return sel;
}

/* Parses and plans `doc` (printf format): the root selection; *is_mutation tells which. */
static PlanSel *fx_vplan(Fx *fx, bool *is_mutation, const char *fmt, va_list ap)
{
    Arena *a = &fx->req;
    Buf q;
    buf_init(&q, a, 256);
    buf_vprintf(&q, fmt, ap);
    GqlParseError perr;
    GqlDocument *doc = gql_parse(a, q.data, q.len, NULL, &perr);
    if (!doc) {
        fprintf(stderr, "fixture: %s\n", perr.message);
        abort();
    }
    const GqlDefinition *op = &doc->defs[0];
    *is_mutation = op->op == GQL_OP_MUTATION;
    return fx_sel(a, *is_mutation ? fx->schema->mutation : fx->schema->query, op->selection_set);
}

static PlanSel *fx_plan(Fx *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static PlanSel *fx_plan(Fx *fx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool m;
    PlanSel *sel = fx_vplan(fx, &m, fmt, ap);
    va_end(ap);
    return sel;
}

/* Executes the root fields of `sel`; returns the data object as JSON text. */
static const char *fx_exec(Fx *fx, const PlanSel *sel, bool is_mutation)
{
    Arena *a = &fx->req;
    fx->code = -1;
    fx->message = NULL;
    Buf out;
    buf_init(&out, a, 1024);
    buf_putc(&out, '{');
    for (uint32_t i = 0; i < sel->n; i++) {
        const PlanField *f = &sel->fields[i];
        if (i) buf_putc(&out, ',');
        json_put_str(&out, f->key);
        buf_putc(&out, ':');
        FieldError err = {0};
        size_t mark = out.len;
        bool ok = is_mutation ? mutate_execute(fx->c, a, f, &out, &err)
                              : store_resolve_query(fx->c, a, f, &out, &err);
        if (!ok) {
            if (out.len != mark) {
                fprintf(stderr, "fixture: a failed field wrote output\n");
                abort();
            }
            buf_puts(&out, "null");
            if (fx->code < 0) {
                fx->code = err.code;
                fx->message = err.message;
            }
        }
    }
    buf_putc(&out, '}');
    return out.data;
}

/* Runs `doc` (printf format) and returns the data object as JSON text (request arena). */
static const char *fx_run(Fx *fx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *fx_run(Fx *fx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool m;
    PlanSel *sel = fx_vplan(fx, &m, fmt, ap);
    va_end(ap);
    return fx_exec(fx, sel, m);
}

/* The string at a dotted path ("a.posts.0.id") of a JSON text, copied to the arena. */
static const char *fx_get(Fx *fx, const char *json, const char *path)
{
    json_t *root = json_loads(json, 0, NULL), *j = root;
    char seg[64];
    const char *p = path;
    while (j && *p) {
        size_t n = strcspn(p, ".");
        memcpy(seg, p, n);
        seg[n] = 0;
        j = json_is_array(j) ? json_array_get(j, (size_t)atoi(seg)) : json_object_get(j, seg);
        p += n + (p[n] == '.');
    }
    const char *r = j && json_is_string(j) ? arena_strdup(&fx->arena, json_string_value(j)) : NULL;
    json_decref(root);
    return r;
}

/* One integer from SQL (counts of rows, etc.). */
static long long fx_sql_int(Fx *fx, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(fx->c->db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "fixture: %s: %s\n", sql, sqlite3_errmsg(fx->c->db));
        return -1;
    }
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* One text from SQL, copied into the fixture arena ("" if no row). */
static const char *fx_sql_text(Fx *fx, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(fx->c->db, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
    const char *r = "";
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        r = arena_strdup(&fx->arena, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return r;
}

#endif
