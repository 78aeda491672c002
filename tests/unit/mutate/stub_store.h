/* stub_store.h - TEMPORARY test-only stand-in for store/ until the store branch lands:
 * the storage layout of store/store.h, a statement cache, transactions, and a naive
 * node renderer (one query per node and relation). Removed once the real store merges. */
#ifndef RELATA_TEST_STUB_STORE_H
#define RELATA_TEST_STUB_STORE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct Store {
    const DataModel *dm;
    char path[128];
};

typedef struct StubStmt {
    char *sql;
    sqlite3_stmt *st;
    struct StubStmt *next;
} StubStmt;

static void stub_exec(sqlite3 *db, const char *sql)
{
    char *e = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK) {
        fprintf(stderr, "stub store: %s: %s\n", sql, e);
        sqlite3_free(e);
    }
}

Store *store_open(const DataModel *dm, const Schema *schema, const char *url, Diag *d)
{
    (void)schema, (void)d;
    Store *s = calloc(1, sizeof *s);
    s->dm = dm;
    snprintf(s->path, sizeof s->path, "%s", url);
    sqlite3 *db;
    sqlite3_open(url, &db);
    char sql[4096];
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        int n = snprintf(sql, sizeof sql, "CREATE TABLE \"%s\" (id TEXT PRIMARY KEY, createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL", m->name);
        for (uint32_t k = 0; k < m->n_fields; k++) {
            const ModelField *f = m->fields[k];
            if (f->is_relation || f->is_system) continue;
            const char *t = "TEXT COLLATE NOCASE";
            if (!f->is_list && (f->scalar == SCALAR_INT || f->scalar == SCALAR_BOOLEAN)) t = "INTEGER";
            if (!f->is_list && f->scalar == SCALAR_FLOAT) t = "REAL";
            if (!f->is_list && f->scalar == SCALAR_DATETIME) t = "TEXT";
            n += snprintf(sql + n, sizeof sql - (size_t)n, ", \"%s\" %s%s", f->name, t, f->is_unique ? " UNIQUE" : "");
        }
        snprintf(sql + n, sizeof sql - (size_t)n, ")");
        stub_exec(db, sql);
    }
    for (uint32_t i = 0; i < dm->n_relations; i++) {
        const ModelRelation *r = dm->relations[i];
        snprintf(sql, sizeof sql, "CREATE TABLE \"_%s\" (A TEXT NOT NULL, B TEXT NOT NULL, PRIMARY KEY (A, B)%s%s) WITHOUT ROWID",
                 r->name, !r->field_a->is_list && !r->single_field ? ", UNIQUE(A)" : "",
                 !r->field_b->is_list && !r->single_field ? ", UNIQUE(B)" : "");
        stub_exec(db, sql);
    }
    sqlite3_close(db);
    return s;
}

void store_close(Store *s) { free(s); }

StoreConn *store_connect(Store *s, Diag *d)
{
    (void)d;
    StoreConn *c = calloc(1, sizeof *c);
    c->store = s;
    sqlite3_open(s->path, &c->db);
    return c;
}

void store_disconnect(StoreConn *c)
{
    for (StubStmt *p = c->stmt_cache, *next; p; p = next) {
        next = p->next;
        sqlite3_finalize(p->st);
        free(p->sql);
        free(p);
    }
    sqlite3_close(c->db);
    free(c);
}

sqlite3_stmt *store_prepare(StoreConn *c, const char *sql)
{
    for (StubStmt *p = c->stmt_cache; p; p = p->next)
        if (strcmp(p->sql, sql) == 0) {
            sqlite3_reset(p->st);
            sqlite3_clear_bindings(p->st);
            return p->st;
        }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "stub store: prepare %s: %s\n", sql, sqlite3_errmsg(c->db));
        return NULL;
    }
    StubStmt *p = calloc(1, sizeof *p);
    p->sql = strdup(sql);
    p->st = st;
    p->next = c->stmt_cache;
    c->stmt_cache = p;
    return st;
}

bool store_begin(StoreConn *c) { return sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK; }
bool store_commit(StoreConn *c) { return sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK; }
void store_rollback(StoreConn *c) { sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL); }

static int stub_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

bool store_render_node(StoreConn *c, Arena *a, const Model *m, Str id, const PlanSel *sel, Buf *out,
                       FieldError *err)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" WHERE id = ?1", m->name);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
    sqlite3_bind_text(st, 1, id.ptr, (int)id.len, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        buf_puts(out, "null");
        return true;
    }
    buf_putc(out, '{');
    for (uint32_t i = 0; i < sel->n; i++) {
        const PlanField *pf = &sel->fields[i];
        if (i) buf_putc(out, ',');
        json_put_str(out, pf->key);
        buf_putc(out, ':');
        if (pf->is_typename) {
            json_put_cstr(out, m->name);
            continue;
        }
        const ModelField *f = pf->field->mfield;
        if (!f->is_relation) {
            int col = -1;
            for (int k = 0; k < sqlite3_column_count(st); k++)
                if (strcmp(sqlite3_column_name(st, k), f->name) == 0) col = k;
            int t = sqlite3_column_type(st, col);
            if (t == SQLITE_NULL) buf_puts(out, "null");
            else if (f->is_list || f->scalar == SCALAR_JSON) buf_puts(out, (const char *)sqlite3_column_text(st, col));
            else if (f->scalar == SCALAR_BOOLEAN) buf_puts(out, sqlite3_column_int(st, col) ? "true" : "false");
            else if (f->scalar == SCALAR_INT) json_put_int(out, sqlite3_column_int64(st, col));
            else if (f->scalar == SCALAR_FLOAT) json_put_double(out, sqlite3_column_double(st, col));
            else json_put_cstr(out, (const char *)sqlite3_column_text(st, col));
            continue;
        }
        const ModelRelation *r = f->relation;
        char q[512];
        if (r->single_field)
            snprintf(q, sizeof q, "SELECT B FROM \"_%s\" WHERE A = ?1 UNION ALL SELECT A FROM \"_%s\" WHERE B = ?1", r->name, r->name);
        else
            snprintf(q, sizeof q, "SELECT %s FROM \"_%s\" WHERE %s = ?1", f->is_side_a ? "B" : "A", r->name, f->is_side_a ? "A" : "B");
        sqlite3_stmt *rs;
        sqlite3_prepare_v2(c->db, q, -1, &rs, NULL);
        sqlite3_bind_text(rs, 1, id.ptr, (int)id.len, SQLITE_TRANSIENT);
        char *ids[256];
        int n = 0;
        while (sqlite3_step(rs) == SQLITE_ROW && n < 256) ids[n++] = arena_strdup(a, (const char *)sqlite3_column_text(rs, 0));
        sqlite3_finalize(rs);
        qsort(ids, (size_t)n, sizeof ids[0], stub_cmp);
        if (!f->is_list) {
            if (n == 0) buf_puts(out, "null");
            else if (!store_render_node(c, a, f->related, str_from(ids[0]), pf->sel, out, err)) return false;
            continue;
        }
        buf_putc(out, '[');
        for (int k = 0; k < n; k++) {
            if (k) buf_putc(out, ',');
            if (!store_render_node(c, a, f->related, str_from(ids[k]), pf->sel, out, err)) return false;
        }
        buf_putc(out, ']');
    }
    buf_putc(out, '}');
    sqlite3_finalize(st);
    return true;
}

bool store_resolve_query(StoreConn *c, Arena *a, const PlanField *f, Buf *out, FieldError *err)
{
    /* only <M>(id: ...) */
    const Value *v = f->args[0].value;
    return store_render_node(c, a, f->field->model, v->s, f->sel, out, err);
}

#endif
