/* open.c - store_open/store_close: the database file, its tables, and the check that an
 * existing database was created for the same model. */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

#define FORMAT_VERSION "1"

static bool fail_sql(sqlite3 *db, Diag *d, const char *what)
{
    diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "%s: %s", what, sqlite3_errmsg(db));
    return false;
}

/* Returns the stored model source (sqlite3_malloc'd) or NULL if the database has no
 * _relata_meta table yet; *ok=false on a SQL error. */
static char *stored_model(sqlite3 *db, bool *ok)
{
    *ok = true;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM sqlite_master WHERE type='table' AND "
                           "name='_relata_meta'",
                           -1, &st, NULL) != SQLITE_OK) {
        *ok = false;
        return NULL;
    }
    bool exists = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (!exists) return NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM \"_relata_meta\" WHERE key='model'", -1, &st,
                           NULL) != SQLITE_OK) {
        *ok = false;
        return NULL;
    }
    char *src = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        src = sqlite3_mprintf("%s", t ? t : "");
    } else {
        src = sqlite3_mprintf("");
    }
    sqlite3_finalize(st);
    return src;
}

static bool setup(sqlite3 *db, const DataModel *dm, const char *path, Diag *d)
{
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail_sql(db, d, "cannot start a transaction");
    bool ok;
    char *old = stored_model(db, &ok);
    if (!ok) {
        fail_sql(db, d, "cannot read the database");
        goto rollback;
    }
    if (old) {
        bool same = strlen(old) == dm->source_len && memcmp(old, dm->source, dm->source_len) == 0;
        sqlite3_free(old);
        if (!same) {
            diag_add(d, "STORE-MODEL-CHANGED", (SrcLoc){0, 0},
                     "%s: the database holds a different model; migrations are not "
                     "supported yet",
                     path);
            goto rollback;
        }
    } else {
        if (!store_create_tables(db, dm, d)) goto rollback;
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db,
                               "INSERT INTO \"_relata_meta\" (key, value) VALUES "
                               "('model', ?1), ('version', '" FORMAT_VERSION "')",
                               -1, &st, NULL) != SQLITE_OK) {
            fail_sql(db, d, "cannot record the model");
            goto rollback;
        }
        sqlite3_bind_text(st, 1, dm->source, (int)dm->source_len, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            fail_sql(db, d, "cannot record the model");
            goto rollback;
        }
    }
    if (!store_create_indexes(db, dm, d)) goto rollback;
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fail_sql(db, d, "cannot commit");
        goto rollback;
    }
    return true;
rollback:
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

Store *store_open(const DataModel *dm, const Schema *schema, const char *url, Diag *d)
{
    const char *path = url;
    if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0) {
        diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "PostgreSQL is not supported yet: %s", url);
        return NULL;
    }
    if (strncmp(url, "sqlite:", 7) == 0) path = url + 7;
    if (!*path) {
        diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "no database path in '%s'", url);
        return NULL;
    }
    sqlite3 *db = store_sqlite_open(path, true, d);
    if (!db) return NULL;
    bool ok = setup(db, dm, path, d);
    sqlite3_close(db);
    if (!ok) return NULL;
    Store *s = xcalloc(1, sizeof *s);
    s->dm = dm;
    s->schema = schema;
    s->dialect = DIALECT_SQLITE;
    s->path = xstrdup(path);
    return s;
}

void store_close(Store *s)
{
    if (!s) return;
    free(s->path);
    free(s);
}
