/* export.c - writes the whole store as an NDF directory (see ndf.h), so that
 * `relata export` followed by `relata import` into an empty database round-trips
 * exactly: every node with id and timestamps, scalar lists in lists/, every edge once
 * in relations/. Rows are streamed from SQLite and written out in files of `chunk`
 * values, so memory stays bounded by one file. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "ndf/ndf.h"
#include "store/stmt.h"

typedef struct Writer {
    const char *dir;      /* dir/kind */
    const char *kind;     /* "nodes", "lists", "relations" */
    unsigned chunk;
    unsigned file_no;     /* files written so far */
    json_t *values;       /* the open file's values */
    char *err;
    size_t errlen;
} Writer;

static bool werr(Writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool werr(Writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->err, w->errlen, fmt, ap);
    va_end(ap);
    return false;
}

static bool flush_file(Writer *w)
{
    if (!w->values || json_array_size(w->values) == 0) return true;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", w->dir, w->kind);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) return werr(w, "%s: %s", path, strerror(errno));
    snprintf(path, sizeof path, "%s/%s/%06u.json", w->dir, w->kind, ++w->file_no);
    json_t *doc = json_pack("{s:s,s:O}", "valueType", w->kind, "values", w->values);
    int rc = json_dump_file(doc, path, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(doc);
    json_array_clear(w->values);
    if (rc != 0) return werr(w, "%s: cannot write", path);
    return true;
}

static bool push(Writer *w, json_t *value)
{
    if (!w->values) w->values = json_array();
    json_array_append_new(w->values, value);
    return json_array_size(w->values) >= w->chunk ? flush_file(w) : true;
}

/* Converts column `i` of the current row, stored for field f, back to its JSON value. */
static json_t *column_json(StoreStmt *st, int i, const ModelField *f)
{
    if (store_col_null(st, i)) return json_null();
    if (f && (f->is_list || f->scalar == SCALAR_JSON))
        return json_loads(store_col_text(st, i), JSON_DECODE_ANY, NULL);
    if (f && f->scalar == SCALAR_INT) return json_integer(store_col_int(st, i));
    if (f && f->scalar == SCALAR_FLOAT) return json_real(store_col_double(st, i));
    if (f && f->scalar == SCALAR_BOOLEAN) return json_boolean(store_col_int(st, i));
    return json_stringn(store_col_text(st, i), store_col_bytes(st, i));
}

static bool export_model(StoreConn *c, const Model *m, Writer *nodes, Writer *lists, NdfStats *stats)
{
    Arena a;
    arena_init(&a, 4096);
    Buf sql;
    buf_init(&sql, &a, 256);
    buf_puts(&sql, "SELECT \"id\",\"createdAt\",\"updatedAt\"");
    const ModelField *cols[m->n_fields + 1];
    int n = 0;
    for (uint32_t k = 0; k < m->n_fields; k++) {
        const ModelField *f = m->fields[k];
        if (f->is_relation || f->is_system) continue;
        buf_printf(&sql, ",\"%s\"", f->name);
        cols[n++] = f;
    }
    buf_printf(&sql, " FROM \"%s\" ORDER BY \"id\"", m->name);
    StoreStmt *st = store_stmt(c, sql.data);
    arena_fini(&a);
    if (!st) return werr(nodes, "export %s: %s", m->name, store_errmsg(c));
    c->n_statements++;
    bool ok = true;
    while (ok && store_step(st) == STORE_ROW) {
        json_t *node = json_object();
        json_object_set_new(node, "_typeName", json_string(m->name));
        json_object_set_new(node, "id", column_json(st, 0, NULL));
        json_object_set_new(node, "createdAt", column_json(st, 1, NULL));
        json_object_set_new(node, "updatedAt", column_json(st, 2, NULL));
        json_t *list = NULL;
        for (int k = 0; k < n; k++) {
            json_t *v = column_json(st, 3 + k, cols[k]);
            if (cols[k]->is_list) {
                /* Lists go to lists/ (as Graphcool's export did); null lists stay out. */
                if (json_is_null(v)) {
                    json_decref(v);
                    continue;
                }
                if (!list) {
                    list = json_object();
                    json_object_set_new(list, "_typeName", json_string(m->name));
                    json_object_set(list, "id", json_object_get(node, "id"));
                }
                json_object_set_new(list, cols[k]->name, v);
            } else {
                json_object_set_new(node, cols[k]->name, v);
            }
        }
        ok = push(nodes, node);
        stats->nodes++;
        if (ok && list) {
            ok = push(lists, list);
            stats->lists++;
        }
    }
    store_stmt_done(st);
    return ok;
}

static bool export_relation(StoreConn *c, const ModelRelation *r, Writer *w, NdfStats *stats)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT \"A\", \"B\" FROM \"_%s\" ORDER BY \"A\", \"B\"", r->name);
    StoreStmt *st = store_stmt(c, sql);
    if (!st) return werr(w, "export %s: %s", r->name, store_errmsg(c));
    c->n_statements++;
    bool ok = true;
    while (ok && store_step(st) == STORE_ROW) {
        json_t *pair = json_pack("[{s:s,s:s,s:s},{s:s,s:s,s:s}]",
                                 "_typeName", r->model_a->name, "id", store_col_text(st, 0),
                                 "fieldName", r->field_a->name,
                                 "_typeName", r->model_b->name, "id", store_col_text(st, 1),
                                 "fieldName", r->field_b->name);
        ok = push(w, pair);
        stats->relations++;
    }
    store_stmt_done(st);
    return ok;
}

bool ndf_export(StoreConn *c, const DataModel *dm, const char *dir, unsigned chunk,
                NdfStats *stats, char *err, size_t errlen)
{
    NdfStats local = {0};
    if (!stats) stats = &local;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return false;
    }
    if (chunk == 0) chunk = 1000;
    Writer nodes = {dir, "nodes", chunk, 0, NULL, err, errlen};
    Writer lists = {dir, "lists", chunk, 0, NULL, err, errlen};
    Writer rels = {dir, "relations", chunk, 0, NULL, err, errlen};
    /* One read transaction: a consistent snapshot even while a server writes. */
    bool ok = store_begin(c);
    if (!ok) snprintf(err, errlen, "begin: %s", store_errmsg(c));
    for (uint32_t k = 0; ok && k < dm->n_models; k++)
        ok = export_model(c, dm->models[k], &nodes, &lists, stats);
    for (uint32_t k = 0; ok && k < dm->n_relations; k++)
        ok = export_relation(c, dm->relations[k], &rels, stats);
    ok = ok && flush_file(&nodes) && flush_file(&lists) && flush_file(&rels);
    if (ok) store_commit(c);
    else store_rollback(c);
    json_decref(nodes.values);
    json_decref(lists.values);
    json_decref(rels.values);
    stats->files = nodes.file_no + lists.file_no + rels.file_no;
    return ok;
}
