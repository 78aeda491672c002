/* import.c - loads an NDF directory or file into the store (see ndf.h).
 *
 * One transaction per file; values are converted to the storage layout of store.h
 * (booleans 0/1, DateTime normalised to the output text form, Json and lists as compact
 * JSON text). Every statement is prepared once per connection and reused. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "model/datetime.h"
#include "ndf/ndf.h"
#include "store/stmt.h"

typedef struct Importer {
    StoreConn *c;
    const DataModel *dm;
    Arena arena;           /* SQL text, reset per file */
    const char *file;      /* file being applied (for messages) */
    size_t record;         /* 1-based record index in the file */
    char *err;
    size_t errlen;
    NdfStats *stats;
} Importer;

static bool fail(Importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(Importer *im, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (im->record)
        snprintf(im->err, im->errlen, "%s: record %zu: %s", im->file, im->record, msg);
    else
        snprintf(im->err, im->errlen, "%s: %s", im->file, msg);
    return false;
}

static bool sql_fail(Importer *im, const char *what)
{
    return fail(im, "%s: %s", what, store_errmsg(im->c));
}

/* ---- value conversion ---- */

/* Binds a copy of text that does not live as long as the statement's use. */
static void bind_copy(Importer *im, StoreStmt *st, int i, const char *s, size_t n)
{
    store_bind_text(st, i, arena_strndup(&im->arena, s, n), n);
}

/* Binds one JSON value of scalar field `f` (non-list element) to parameter `i`. */
static bool bind_scalar(Importer *im, StoreStmt *st, int i, const ModelField *f, json_t *v)
{
    if (json_is_null(v)) {
        store_bind_null(st, i);
        return true;
    }
    switch (f->scalar) {
    case SCALAR_ID:
    case SCALAR_STRING:
        if (!json_is_string(v)) return fail(im, "field %s: expected a string", f->name);
        bind_copy(im, st, i, json_string_value(v), json_string_length(v));
        return true;
    case SCALAR_ENUM: {
        if (!json_is_string(v)) return fail(im, "field %s: expected an enum value", f->name);
        const char *s = json_string_value(v);
        for (uint32_t k = 0; k < f->enum_type->n_values; k++)
            if (!strcmp(f->enum_type->values[k], s)) {
                bind_copy(im, st, i, s, strlen(s));
                return true;
            }
        return fail(im, "field %s: '%s' is not a value of enum %s", f->name, s, f->enum_type->name);
    }
    case SCALAR_INT: {
        if (!json_is_integer(v)) return fail(im, "field %s: expected an integer", f->name);
        json_int_t n = json_integer_value(v);
        if (n < INT32_MIN || n > INT32_MAX) return fail(im, "field %s: integer out of 32-bit range", f->name);
        store_bind_int(st, i, n);
        return true;
    }
    case SCALAR_FLOAT:
        if (!json_is_number(v)) return fail(im, "field %s: expected a number", f->name);
        store_bind_double(st, i, json_number_value(v));
        return true;
    case SCALAR_BOOLEAN:
        if (!json_is_boolean(v)) return fail(im, "field %s: expected true or false", f->name);
        store_bind_int(st, i, json_is_true(v));
        return true;
    case SCALAR_DATETIME: {
        long long ms;
        if (!json_is_string(v) || !datetime_parse(json_string_value(v), json_string_length(v), &ms))
            return fail(im, "field %s: expected a DateTime string", f->name);
        char out[32];
        datetime_format(ms, out);
        bind_copy(im, st, i, out, strlen(out));
        return true;
    }
    case SCALAR_JSON: {
        json_t *parsed = NULL;
        if (json_is_string(v)) { /* Json given as JSON text */
            parsed = json_loads(json_string_value(v), JSON_DECODE_ANY, NULL);
            v = parsed;
        }
        if (!v || !(json_is_object(v) || json_is_array(v))) {
            json_decref(parsed);
            return fail(im, "field %s: expected a JSON object or array", f->name);
        }
        char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
        bind_copy(im, st, i, text, strlen(text));
        free(text);
        json_decref(parsed);
        return true;
    }
    }
    return fail(im, "field %s: unsupported type", f->name);
}

/* Converts a list value to the stored JSON array text (elements normalised like
 * scalars: DateTime to the output form, booleans kept as JSON booleans). */
static char *list_text(Importer *im, const ModelField *f, json_t *arr)
{
    if (!json_is_array(arr)) {
        fail(im, "field %s: expected a list", f->name);
        return NULL;
    }
    size_t k;
    json_t *el;
    json_array_foreach(arr, k, el) {
        if (json_is_null(el)) {
            fail(im, "field %s: lists cannot contain null", f->name);
            return NULL;
        }
        if (f->scalar == SCALAR_DATETIME) {
            long long ms;
            if (!json_is_string(el) || !datetime_parse(json_string_value(el), json_string_length(el), &ms)) {
                fail(im, "field %s: expected DateTime strings", f->name);
                return NULL;
            }
            char out[32];
            datetime_format(ms, out);
            json_array_set_new(arr, k, json_string(out));
        }
    }
    return json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
}

static const Model *find_model(Importer *im, json_t *rec)
{
    json_t *tn = json_object_get(rec, "_typeName");
    if (!json_is_string(tn)) {
        fail(im, "missing \"_typeName\"");
        return NULL;
    }
    const Model *m = model_find(im->dm, json_string_value(tn), json_string_length(tn));
    if (!m) fail(im, "unknown type '%s'", json_string_value(tn));
    return m;
}

static const char *record_id(Importer *im, json_t *rec)
{
    json_t *id = json_object_get(rec, "id");
    if (!json_is_string(id) || json_string_length(id) == 0 || json_string_length(id) > 25) {
        fail(im, "missing or invalid \"id\"");
        return NULL;
    }
    return json_string_value(id);
}

/* ---- nodes ---- */

static bool import_node(Importer *im, json_t *rec)
{
    const Model *m = find_model(im, rec);
    if (!m) return false;
    const char *id = record_id(im, rec);
    if (!id) return false;
    /* Reject fields the model does not have, so typos do not vanish silently. */
    const char *key;
    json_t *val;
    json_object_foreach(rec, key, val) {
        if (!strcmp(key, "_typeName") || !strcmp(key, "createdAt") || !strcmp(key, "updatedAt"))
            continue;
        const ModelField *f = model_find_field(m, key, strlen(key));
        if (!f) return fail(im, "type %s has no field '%s'", m->name, key);
        if (f->is_relation) return fail(im, "'%s' is a relation field; relations belong in relations files", key);
    }
    Buf sql;
    buf_init(&sql, &im->arena, 256);
    buf_printf(&sql, "INSERT INTO \"%s\" (\"id\",\"createdAt\",\"updatedAt\"", m->name);
    int ncols = 3;
    for (uint32_t k = 0; k < m->n_fields; k++) {
        const ModelField *f = m->fields[k];
        if (f->is_relation || f->is_system) continue;
        buf_printf(&sql, ",\"%s\"", f->name);
        ncols++;
    }
    buf_puts(&sql, ") VALUES (?");
    for (int k = 1; k < ncols; k++) buf_puts(&sql, ",?");
    buf_puts(&sql, ")");
    StoreStmt *st = store_stmt(im->c, sql.data);
    if (!st) return sql_fail(im, "prepare");
    bind_copy(im, st, 1, id, strlen(id));
    /* Timestamps: kept as given, the current time when absent. */
    char now[32];
    datetime_format((long long)time(NULL) * 1000, now);
    static const char *ts[2] = {"createdAt", "updatedAt"};
    for (int t = 0; t < 2; t++) {
        json_t *v = json_object_get(rec, ts[t]);
        long long ms;
        if (!v || json_is_null(v)) {
            bind_copy(im, st, 2 + t, now, strlen(now));
        } else if (json_is_string(v) && datetime_parse(json_string_value(v), json_string_length(v), &ms)) {
            char out[32];
            datetime_format(ms, out);
            bind_copy(im, st, 2 + t, out, strlen(out));
        } else {
            return fail(im, "field %s: expected a DateTime string", ts[t]);
        }
    }
    int col = 4;
    for (uint32_t k = 0; k < m->n_fields; k++) {
        const ModelField *f = m->fields[k];
        if (f->is_relation || f->is_system) continue;
        json_t *v = json_object_get(rec, f->name);
        if (f->is_list) {
            if (!v || json_is_null(v)) {
                /* Lists usually arrive in lists files; a required list starts empty. */
                if (f->required) store_bind_text(st, col, "[]", 2);
                else store_bind_null(st, col);
            } else {
                char *text = list_text(im, f, v);
                if (!text) return false;
                bind_copy(im, st, col, text, strlen(text));
                free(text);
            }
        } else if (!v || json_is_null(v)) {
            if (f->required) return fail(im, "required field %s of %s is missing", f->name, m->name);
            store_bind_null(st, col);
        } else if (!bind_scalar(im, st, col, f, v)) {
            return false;
        }
        col++;
    }
    im->c->n_statements++;
    if (store_step(st) == STORE_ERROR) {
        const char *um, *uf;
        store_unique_where(im->c, &um, &uf);
        if (store_errkind(im->c) == STORE_ERR_UNIQUE && !strcmp(uf, "id"))
            return fail(im, "a %s with id '%s' exists already", m->name, id);
        return sql_fail(im, "insert");
    }
    store_stmt_done(st);
    im->stats->nodes++;
    return true;
}

/* ---- lists ---- */

static bool import_list(Importer *im, json_t *rec)
{
    const Model *m = find_model(im, rec);
    if (!m) return false;
    const char *id = record_id(im, rec);
    if (!id) return false;
    const char *key;
    json_t *val;
    json_object_foreach(rec, key, val) {
        if (!strcmp(key, "_typeName") || !strcmp(key, "id")) continue;
        const ModelField *f = model_find_field(m, key, strlen(key));
        if (!f || f->is_relation || !f->is_list) return fail(im, "type %s has no list field '%s'", m->name, key);
        if (!json_is_array(val)) return fail(im, "field %s: expected a list", key);
        char *sel = arena_printf(&im->arena, "SELECT \"%s\" FROM \"%s\" WHERE id = ?", f->name, m->name);
        StoreStmt *st = store_stmt(im->c, sel);
        if (!st) return sql_fail(im, "prepare");
        bind_copy(im, st, 1, id, strlen(id));
        im->c->n_statements++;
        if (store_step(st) != STORE_ROW) {
            store_stmt_done(st);
            return fail(im, "no %s with id '%s' (nodes must be imported first)", m->name, id);
        }
        json_t *cur = NULL;
        if (!store_col_null(st, 0)) cur = json_loads(store_col_text(st, 0), 0, NULL);
        store_stmt_done(st);
        if (!cur) cur = json_array();
        json_array_extend(cur, val); /* lists files append, as Graphcool's import did */
        char *text = list_text(im, f, cur);
        json_decref(cur);
        if (!text) return false;
        char *upd = arena_printf(&im->arena, "UPDATE \"%s\" SET \"%s\" = ? WHERE id = ?", m->name, f->name);
        st = store_stmt(im->c, upd);
        if (!st) {
            free(text);
            return sql_fail(im, "prepare");
        }
        bind_copy(im, st, 1, text, strlen(text));
        bind_copy(im, st, 2, id, strlen(id));
        free(text);
        im->c->n_statements++;
        if (store_step(st) == STORE_ERROR) return sql_fail(im, "update");
        store_stmt_done(st);
        im->stats->lists++;
    }
    return true;
}

/* ---- relations ---- */

static bool node_exists(Importer *im, const Model *m, const char *id)
{
    char *sql = arena_printf(&im->arena, "SELECT 1 FROM \"%s\" WHERE id = ?", m->name);
    StoreStmt *st = store_stmt(im->c, sql);
    if (!st) return false;
    bind_copy(im, st, 1, id, strlen(id));
    im->c->n_statements++;
    bool found = store_step(st) == STORE_ROW;
    store_stmt_done(st);
    return found;
}

static bool import_relation(Importer *im, json_t *rec)
{
    if (!json_is_array(rec) || json_array_size(rec) != 2)
        return fail(im, "a relation record is a list of two node references");
    json_t *e[2] = {json_array_get(rec, 0), json_array_get(rec, 1)};
    const Model *m[2];
    const char *id[2];
    const ModelField *f[2];
    for (int k = 0; k < 2; k++) {
        if (!json_is_object(e[k])) return fail(im, "a node reference must be an object");
        if (!(m[k] = find_model(im, e[k]))) return false;
        if (!(id[k] = record_id(im, e[k]))) return false;
        json_t *fn = json_object_get(e[k], "fieldName");
        if (!json_is_string(fn)) return fail(im, "missing \"fieldName\"");
        f[k] = model_find_field(m[k], json_string_value(fn), json_string_length(fn));
        if (!f[k] || !f[k]->is_relation)
            return fail(im, "type %s has no relation field '%s'", m[k]->name, json_string_value(fn));
    }
    const ModelRelation *rel = f[0]->relation;
    if (f[1]->relation != rel || f[0]->opposite != f[1])
        return fail(im, "%s.%s and %s.%s are not the two sides of one relation", m[0]->name,
                    f[0]->name, m[1]->name, f[1]->name);
    for (int k = 0; k < 2; k++)
        if (!node_exists(im, m[k], id[k]))
            return fail(im, "no %s with id '%s' (nodes must be imported first)", m[k]->name, id[k]);
    const char *a = id[0], *b = id[1];
    if (rel->single_field) {
        if (strcmp(a, b) > 0) a = id[1], b = id[0]; /* stored once, A < B (store.h) */
    } else if (f[0] != rel->field_a) {
        a = id[1], b = id[0];
    }
    char *sql = arena_printf(&im->arena,
                             "INSERT INTO \"_%s\" (\"A\", \"B\") VALUES (?, ?) ON CONFLICT (\"A\", \"B\") DO NOTHING",
                             rel->name);
    StoreStmt *st = store_stmt(im->c, sql);
    if (!st) return sql_fail(im, "prepare");
    bind_copy(im, st, 1, a, strlen(a));
    bind_copy(im, st, 2, b, strlen(b));
    im->c->n_statements++;
    if (store_step(st) == STORE_ERROR) {
        if (store_errkind(im->c) == STORE_ERR_UNIQUE)
            return fail(im, "relation %s: a node on a to-one side would get a second edge", rel->name);
        return sql_fail(im, "insert edge");
    }
    store_stmt_done(st);
    im->stats->relations++;
    return true;
}

/* ---- files ---- */

static bool apply_file(Importer *im, const char *path, const char *expect_kind)
{
    im->file = path;
    im->record = 0;
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    if (!doc) return fail(im, "invalid JSON at line %d: %s", jerr.line, jerr.text);
    bool ok = false;
    json_t *kind = json_object_get(doc, "valueType");
    json_t *values = json_object_get(doc, "values");
    if (!json_is_string(kind) || !json_is_array(values)) {
        fail(im, "expected {\"valueType\": ..., \"values\": [...]}");
        goto out;
    }
    const char *k = json_string_value(kind);
    if (expect_kind && strcmp(k, expect_kind) != 0) {
        fail(im, "valueType '%s' in the %s folder", k, expect_kind);
        goto out;
    }
    bool (*apply)(Importer *, json_t *) = !strcmp(k, "nodes")       ? import_node
                                          : !strcmp(k, "lists")     ? import_list
                                          : !strcmp(k, "relations") ? import_relation
                                                                    : NULL;
    if (!apply) {
        fail(im, "unknown valueType '%s'", k);
        goto out;
    }
    if (!store_begin(im->c)) {
        sql_fail(im, "begin");
        goto out;
    }
    size_t i;
    json_t *rec;
    json_array_foreach(values, i, rec) {
        im->record = i + 1;
        if (!apply(im, rec)) {
            store_rollback(im->c);
            goto out;
        }
    }
    im->record = 0;
    if (!store_commit(im->c)) {
        sql_fail(im, "commit");
        store_rollback(im->c);
        goto out;
    }
    im->stats->files++;
    ok = true;
out:
    json_decref(doc);
    arena_reset(&im->arena);
    return ok;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the *.json files of dir/sub in name order (arena strings). */
static char **list_files(Arena *a, const char *dir, const char *sub, size_t *n)
{
    *n = 0;
    char *path = arena_printf(a, "%s/%s", dir, sub);
    DIR *d = opendir(path);
    if (!d) return NULL;
    PtrVec v = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 5 && !strcmp(de->d_name + l - 5, ".json"))
            ptrvec_push(a, &v, arena_printf(a, "%s/%s", path, de->d_name));
    }
    closedir(d);
    qsort(v.items, v.n, sizeof(char *), name_cmp);
    *n = v.n;
    return (char **)v.items;
}

static void progress(const NdfProgress *p, const NdfStats *s, size_t done, size_t total,
                     const char *file)
{
    if (!p || !p->stream) return;
    if (p->tty) {
        int width = 30, fill = total ? (int)(done * width / total) : width;
        fprintf(p->stream, "\rimport [%.*s%*s] %zu/%zu files, %llu nodes, %llu relations",
                fill, "##############################", width - fill, "", done, total,
                s->nodes, s->relations);
        if (done == total) fputc('\n', p->stream);
    } else {
        fprintf(p->stream, "import: %s (%zu/%zu): %llu nodes, %llu lists, %llu relations so far\n",
                file, done, total, s->nodes, s->lists, s->relations);
    }
    fflush(p->stream);
}

bool ndf_import(StoreConn *c, const DataModel *dm, const char *path, const NdfProgress *p,
                NdfStats *stats, char *err, size_t errlen)
{
    NdfStats local = {0};
    if (!stats) stats = &local;
    Importer im = {.c = c, .dm = dm, .err = err, .errlen = errlen, .stats = stats, .file = path};
    arena_init(&im.arena, 16384);
    Arena names;
    arena_init(&names, 16384);
    bool ok = true;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        ok = fail(&im, "%s", strerror(errno));
    } else if (S_ISDIR(sb.st_mode)) {
        static const char *kinds[3] = {"nodes", "lists", "relations"};
        char **files[3];
        size_t n[3], total = 0, done = 0;
        for (int k = 0; k < 3; k++) {
            files[k] = list_files(&names, path, kinds[k], &n[k]);
            total += n[k];
        }
        if (total == 0) ok = fail(&im, "no nodes/, lists/ or relations/ files with .json names");
        for (int k = 0; k < 3 && ok; k++)
            for (size_t i = 0; i < n[k] && ok; i++) {
                ok = apply_file(&im, files[k][i], kinds[k]);
                if (ok) progress(p, stats, ++done, total, files[k][i]);
            }
    } else {
        ok = apply_file(&im, path, NULL);
        if (ok) progress(p, stats, 1, 1, path);
    }
    arena_fini(&names);
    arena_fini(&im.arena);
    return ok;
}
