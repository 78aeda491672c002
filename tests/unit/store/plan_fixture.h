/* plan_fixture.h - builds the PlanField trees that exec/ will build, from query text, so
 * store tests can be written as GraphQL. A deliberately small stand-in for the executor:
 * inline literals only (no variables), fields and inline fragments (for node), no
 * validation beyond what the tests need. Also opens a store on a fresh temp file. */
#ifndef RELATA_TESTS_STORE_PLAN_FIXTURE_H
#define RELATA_TESTS_STORE_PLAN_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "graphql/parser.h"
#include "model/model.h"
#include "schema/schema.h"
#include "store/store.h"

static Value *pf_coerce(Arena *a, const TypeRef *t, const GqlValue *gv)
{
    Value *v = ARENA_NEW(a, Value);
    if (t->kind == REF_NON_NULL) t = t->of;
    if (gv->kind == GQL_VAL_NULL) {
        v->kind = VAL_NULL;
        return v;
    }
    if (t->kind == REF_LIST) {
        v->kind = VAL_LIST;
        if (gv->kind != GQL_VAL_LIST) {
            v->n_items = 1;
            v->items = ARENA_ARRAY(a, Value *, 1);
            v->items[0] = pf_coerce(a, t->of, gv);
            return v;
        }
        v->n_items = gv->n_items;
        v->items = ARENA_ARRAY(a, Value *, gv->n_items + 1);
        for (uint32_t i = 0; i < gv->n_items; i++)
            v->items[i] = pf_coerce(a, t->of, gv->items[i]);
        return v;
    }
    const SType *named = t->named;
    if (named->kind == TK_INPUT_OBJECT) {
        v->kind = VAL_OBJECT;
        v->n_fields = gv->n_fields;
        v->fields = ARENA_ARRAY(a, ValueField, gv->n_fields + 1);
        for (uint32_t i = 0; i < gv->n_fields; i++) {
            const SInputValue *def =
                stype_find_input_field(named, gv->fields[i].name.ptr, gv->fields[i].name.len);
            if (!def) {
                fprintf(stderr, "unknown input field %.*s\n", STR_FMT(gv->fields[i].name));
                abort();
            }
            v->fields[i] = (ValueField){def, pf_coerce(a, def->type, gv->fields[i].value)};
        }
        return v;
    }
    if (named->kind == TK_ENUM) {
        v->kind = VAL_ENUM;
        v->s = gv->str;
        v->ev = stype_find_value(named, gv->str.ptr, gv->str.len);
        return v;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*s", STR_FMT(gv->str));
    if (!strcmp(named->name, "Int")) {
        v->kind = VAL_INT;
        v->i = strtoll(tmp, NULL, 10);
    } else if (!strcmp(named->name, "Float")) {
        v->kind = VAL_FLOAT;
        v->f = strtod(tmp, NULL);
    } else if (!strcmp(named->name, "Boolean")) {
        v->kind = VAL_BOOLEAN;
        v->b = gv->boolean;
    } else {
        v->kind = VAL_STRING;
        v->s = gv->str;
    }
    return v;
}

static PlanSel *pf_sel(Arena *a, const Schema *s, const SType *type, const GqlSelectionSet *ss);

/* Collects the fields of `ss` that apply to concrete object type `type`. */
static void pf_collect(Arena *a, const Schema *s, const SType *type, const GqlSelectionSet *ss,
                       PtrVec *out)
{
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *g = &ss->items[i];
        if (g->kind == GQL_SEL_INLINE_FRAGMENT) {
            if (!g->name.len || str_eqz(g->name, type->name))
                pf_collect(a, s, type, g->selection_set, out);
            continue;
        }
        if (g->kind != GQL_SEL_FIELD) continue;
        PlanField *f = ARENA_NEW(a, PlanField);
        f->key = gql_response_key(g);
        f->loc = g->loc;
        if (str_eqz(g->name, "__typename")) {
            f->is_typename = true;
            ptrvec_push(a, out, f);
            continue;
        }
        f->field = stype_find_field(type, g->name.ptr, g->name.len);
        if (!f->field) {
            fprintf(stderr, "unknown field %.*s on %s\n", STR_FMT(g->name), type->name);
            abort();
        }
        f->n_args = g->n_args;
        f->args = ARENA_ARRAY(a, ValueField, g->n_args + 1);
        for (uint32_t k = 0; k < g->n_args; k++) {
            const SInputValue *def =
                sfield_find_arg(f->field, g->args[k].name.ptr, g->args[k].name.len);
            if (!def) {
                fprintf(stderr, "unknown argument %.*s\n", STR_FMT(g->args[k].name));
                abort();
            }
            f->args[k] = (ValueField){def, pf_coerce(a, def->type, g->args[k].value)};
        }
        if (g->selection_set)
            f->sel = pf_sel(a, s, typeref_named(f->field->type), g->selection_set);
        ptrvec_push(a, out, f);
    }
}

static PlanSel *pf_sel(Arena *a, const Schema *s, const SType *type, const GqlSelectionSet *ss)
{
    PlanSel *sel = ARENA_NEW(a, PlanSel);
    sel->type = type;
    if (type->kind == TK_INTERFACE) {
        const DataModel *dm = s->dm;
        sel->by_type = ARENA_ARRAY(a, PlanSel *, dm->n_models);
        for (uint32_t m = 0; m < dm->n_models; m++)
            sel->by_type[m] = pf_sel(a, s, s->model_types[m], ss);
        return sel;
    }
    PtrVec v = {0};
    pf_collect(a, s, type, ss, &v);
    sel->n = v.n;
    sel->fields = ARENA_ARRAY(a, PlanField, v.n + 1);
    for (uint32_t i = 0; i < v.n; i++)
        sel->fields[i] = *(PlanField *)v.items[i];
    return sel;
}

/* The plan of the first root field of `query`. */
static PlanField *pf_root(Arena *a, const Schema *s, const char *query)
{
    GqlParseError perr;
    GqlDocument *doc = gql_parse(a, query, strlen(query), NULL, &perr);
    if (!doc) {
        fprintf(stderr, "parse error: %s\n", perr.message);
        abort();
    }
    PlanSel *sel = pf_sel(a, s, s->query, doc->defs[0].selection_set);
    return &sel->fields[0];
}

static void pf_put_error(Buf *out, const FieldError *err)
{
    buf_printf(out, "ERROR %d [", err->code);
    for (uint32_t i = 0; i < err->path_len; i++) {
        if (i) buf_putc(out, ',');
        if (err->path[i].key.ptr)
            buf_put_str(out, err->path[i].key);
        else
            buf_printf(out, "%d", err->path[i].index);
    }
    buf_printf(out, "]: %s", err->message ? err->message : "");
}

/* Runs the first root field of `query` and returns its JSON, or "ERROR <code> <path>: msg";
 * errors of nested fields (StoreConn.nested_errors) follow the JSON, each as
 * " | ERROR <code> <path>: msg" (code -1: a non-null violation). */
static const char *pf_run(StoreConn *c, Arena *a, const Schema *s, const char *query)
{
    PlanField *f = pf_root(a, s, query);
    Buf out;
    buf_init(&out, a, 256);
    FieldError err = {0};
    FieldErrors nested = {0};
    c->nested_errors = &nested;
    bool ok = store_resolve_query(c, a, f, &out, &err);
    c->nested_errors = NULL;
    if (ok) {
        for (uint32_t i = 0; i < nested.n; i++) {
            buf_puts(&out, " | ");
            pf_put_error(&out, &nested.items[i]);
        }
        return out.data;
    }
    buf_clear(&out);
    pf_put_error(&out, &err);
    return out.data;
}

/* A fresh database file name (removed with its WAL files first). */
static const char *pf_tmp_db(const char *tag)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/relata-store-%s-%d.db", tag, (int)getpid());
    char extra[300];
    unlink(path);
    snprintf(extra, sizeof extra, "%s-wal", path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-shm", path);
    unlink(extra);
    return path;
}

#endif
