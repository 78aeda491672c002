/* stmt.c - the statement interface of stmt.h for both engines.
 *
 * A StoreStmt is a small connection-lifetime wrapper: on SQLite around a cached
 * sqlite3_stmt (store_prepare), on PostgreSQL around a prepared statement name, the
 * parameter texts and the PGresult of the execution. Wrappers are recycled through a
 * free list, so the steady state allocates nothing per statement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg.h"
#include "store/stmt.h"

typedef struct Param {
    const char *p;
    int len;
    char num[32]; /* the text of a bound number */
    char *own;    /* a NUL-terminated copy of bound text (libpq wants C strings) */
    size_t owncap;
} Param;

struct StoreStmt {
    StoreConn *c;
    StoreStmt *next; /* free list or in-use list of the connection */
    bool in_use;
    sqlite3_stmt *lite;
    /* PostgreSQL */
    PgPrepared *pp;
    Param *params;
    int cap;
    PGresult *res;
    int row, nrows;
    bool executed;
};

typedef struct StmtState {
    StoreStmt *free, *used;
    StoreErrKind kind;
    unsigned timeout_ms; /* statement_timeout of the PostgreSQL session */
    char msg[512];
    char umodel[128], ufield[128];
} StmtState;

static StmtState *state(StoreConn *c)
{
    if (!c->stmt_state) c->stmt_state = xcalloc(1, sizeof(StmtState));
    return c->stmt_state;
}

static void set_error(StoreConn *c, StoreErrKind k, const char *msg)
{
    StmtState *s = state(c);
    s->kind = k;
    snprintf(s->msg, sizeof s->msg, "%s", msg ? msg : "?");
    size_t n = strlen(s->msg);
    while (n && (s->msg[n - 1] == '\n' || s->msg[n - 1] == ' '))
        s->msg[--n] = 0;
}

static void unlink_used(StmtState *s, StoreStmt *st)
{
    for (StoreStmt **p = &s->used; *p; p = &(*p)->next)
        if (*p == st) {
            *p = st->next;
            return;
        }
}

static void clear_rows(StoreStmt *st)
{
    if (st->res) PQclear(st->res);
    st->res = NULL;
    st->executed = false;
    st->row = st->nrows = 0;
}

void store_stmt_done(StoreStmt *st)
{
    if (!st || !st->in_use) return; /* already finished (reclaimed) */
    st->in_use = false;
    StmtState *s = state(st->c);
    if (st->lite) {
        sqlite3_reset(st->lite);
        sqlite3_clear_bindings(st->lite);
    }
    clear_rows(st);
    st->lite = NULL;
    st->pp = NULL;
    unlink_used(s, st);
    st->next = s->free;
    s->free = st;
}

/* Statements a caller left unfinished (an early error return) are finished here, at
 * the start of a transaction or read, when none can be in use. */
void store_stmt_reclaim(StoreConn *c)
{
    StmtState *s = state(c);
    while (s->used)
        store_stmt_done(s->used);
}

void store_stmt_free_all(StoreConn *c)
{
    if (!c->stmt_state) return;
    store_stmt_reclaim(c);
    StmtState *s = c->stmt_state;
    while (s->free) {
        StoreStmt *st = s->free;
        s->free = st->next;
        for (int i = 0; i < st->cap; i++)
            free(st->params[i].own);
        free(st->params);
        free(st);
    }
    free(s);
    c->stmt_state = NULL;
}

StoreStmt *store_stmt(StoreConn *c, const char *sql)
{
    StmtState *s = state(c);
    s->kind = STORE_ERR_NONE;
    sqlite3_stmt *lite = NULL;
    PgPrepared *pp = NULL;
    if (c->dialect == DIALECT_POSTGRES) {
        pp = pg_prepared(c, sql);
        if (!pp) return NULL;
        c->n_statements++;
    } else {
        lite = store_prepare(c, sql);
        if (!lite) {
            set_error(c, STORE_ERR_OTHER, sqlite3_errmsg(c->db));
            return NULL;
        }
    }
    StoreStmt *st = s->free;
    if (st)
        s->free = st->next;
    else
        st = xcalloc(1, sizeof *st);
    st->c = c;
    st->in_use = true;
    st->lite = lite;
    st->pp = pp;
    st->next = s->used;
    s->used = st;
    clear_rows(st);
    if (pp) {
        int old = st->cap;
        if (st->cap < pp->n_params) {
            st->params = xrealloc(st->params, sizeof *st->params * (size_t)pp->n_params);
            st->cap = pp->n_params;
        }
        for (int i = old; i < pp->n_params; i++)
            st->params[i] = (Param){0};
        for (int i = 0; i < pp->n_params; i++)
            st->params[i].p = NULL;
    }
    return st;
}

static Param *param(StoreStmt *st, int i)
{
    return st->pp && i >= 1 && i <= st->pp->n_params ? &st->params[i - 1] : NULL;
}

void store_bind_null(StoreStmt *st, int i)
{
    if (st->lite) {
        sqlite3_bind_null(st->lite, i);
        return;
    }
    Param *p = param(st, i);
    if (p) p->p = NULL;
}

void store_bind_int(StoreStmt *st, int i, long long v)
{
    if (st->lite) {
        sqlite3_bind_int64(st->lite, i, v);
        return;
    }
    Param *p = param(st, i);
    if (!p) return;
    p->len = snprintf(p->num, sizeof p->num, "%lld", v);
    p->p = p->num;
}

void store_bind_double(StoreStmt *st, int i, double v)
{
    if (st->lite) {
        sqlite3_bind_double(st->lite, i, v);
        return;
    }
    Param *p = param(st, i);
    if (!p) return;
    p->len = fmt_double_shortest(p->num, sizeof p->num, v);
    p->p = p->num;
}

void store_bind_text(StoreStmt *st, int i, const char *s, size_t len)
{
    if (st->lite) {
        sqlite3_bind_text(st->lite, i, s ? s : "", (int)len, SQLITE_STATIC);
        return;
    }
    Param *p = param(st, i);
    if (!p) return;
    if (len + 1 > p->owncap) {
        p->owncap = len + 1 > 64 ? len + 1 : 64;
        p->own = xrealloc(p->own, p->owncap);
    }
    if (len) memcpy(p->own, s, len);
    p->own[len] = 0;
    p->p = p->own;
    p->len = (int)len;
}

void store_bind_str(StoreStmt *st, int i, Str s)
{
    store_bind_text(st, i, s.ptr, s.len);
}

/* "UNIQUE constraint failed: Model.field" (SQLite's message). */
static void sqlite_unique_where(StmtState *s, const char *msg)
{
    snprintf(s->umodel, sizeof s->umodel, "?");
    snprintf(s->ufield, sizeof s->ufield, "?");
    const char *p = strstr(msg, "failed: ");
    if (!p) return;
    p += 8;
    const char *dot = strchr(p, '.');
    if (!dot || (size_t)(dot - p) >= sizeof s->umodel) return;
    memcpy(s->umodel, p, (size_t)(dot - p));
    s->umodel[dot - p] = 0;
    size_t fl = strcspn(dot + 1, ", ");
    if (fl < sizeof s->ufield) {
        memcpy(s->ufield, dot + 1, fl);
        s->ufield[fl] = 0;
    }
}

static StoreStep step_sqlite(StoreStmt *st)
{
    int rc = sqlite3_step(st->lite);
    if (rc == SQLITE_ROW) return STORE_ROW;
    if (rc == SQLITE_DONE) return STORE_DONE;
    StoreConn *c = st->c;
    int ext = sqlite3_extended_errcode(c->db);
    const char *msg = sqlite3_errmsg(c->db);
    StoreErrKind k = STORE_ERR_OTHER;
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
        k = STORE_ERR_UNIQUE;
        sqlite_unique_where(state(c), msg);
    } else if (rc == SQLITE_INTERRUPT) {
        k = STORE_ERR_TIMEOUT;
    }
    set_error(c, k, msg);
    sqlite3_reset(st->lite);
    return STORE_ERROR;
}

/* The field whose unique index PostgreSQL reports (pg_open.c names the indexes). */
static void pg_unique_where(StoreConn *c, const PGresult *res)
{
    StmtState *s = state(c);
    const char *table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
    const char *cons = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    snprintf(s->umodel, sizeof s->umodel, "%s", table ? table : "?");
    snprintf(s->ufield, sizeof s->ufield, "?");
    if (!table || !cons) return;
    const DataModel *dm = c->store->dm;
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        if (strcmp(m->name, table) != 0) continue;
        for (uint32_t k = 0; k < m->n_fields; k++) {
            char name[64];
            pg_unique_index_name(m->name, m->fields[k]->name, name);
            if (strcmp(name, cons) == 0 || (m->fields[k] == m->id_field && strstr(cons, "_pkey"))) {
                snprintf(s->ufield, sizeof s->ufield, "%s", m->fields[k]->name);
                return;
            }
        }
    }
}

/* Classifies a failed libpq result; `res` may be NULL (out of memory / no connection). */
void pg_error(StoreConn *c, PGresult *res)
{
    PgConn *pc = c->pg;
    const char *state_code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pc->conn);
    StoreErrKind k = STORE_ERR_OTHER;
    if (state_code && !strcmp(state_code, "23505")) {
        k = STORE_ERR_UNIQUE;
        pg_unique_where(c, res);
    } else if (state_code && (!strcmp(state_code, "40001") || !strcmp(state_code, "40P01"))) {
        k = STORE_ERR_RETRY;
    } else if (state_code && !strcmp(state_code, "57014")) {
        k = STORE_ERR_TIMEOUT;
    }
    set_error(c, k, msg && *msg ? msg : PQerrorMessage(pc->conn));
    if (pg_recover(c)) set_error(c, STORE_ERR_LOST, "the connection to the database was lost");
}

static StoreStep step_pg(StoreStmt *st)
{
    StoreConn *c = st->c;
    if (!st->executed) {
        PgConn *pc = c->pg;
        int n = st->pp->n_params;
        const char *vals[n ? n : 1];
        int lens[n ? n : 1];
        for (int i = 0; i < n; i++) {
            vals[i] = st->params[i].p;
            lens[i] = st->params[i].len;
        }
        st->res = PQexecPrepared(pc->conn, st->pp->name, n, vals, lens, NULL, 0);
        st->executed = true;
        ExecStatusType es = st->res ? PQresultStatus(st->res) : PGRES_FATAL_ERROR;
        if (es != PGRES_TUPLES_OK && es != PGRES_COMMAND_OK) {
            pg_error(c, st->res);
            clear_rows(st);
            st->executed = true;
            return STORE_ERROR;
        }
        st->nrows = es == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
        st->row = -1;
    }
    if (st->row + 1 < st->nrows) {
        st->row++;
        return STORE_ROW;
    }
    st->row = st->nrows;
    return STORE_DONE;
}

StoreStep store_step(StoreStmt *st)
{
    return st->lite ? step_sqlite(st) : step_pg(st);
}

bool store_col_null(StoreStmt *st, int col)
{
    if (st->lite) return sqlite3_column_type(st->lite, col) == SQLITE_NULL;
    return !st->res || st->row < 0 || st->row >= st->nrows || PQgetisnull(st->res, st->row, col);
}

const char *store_col_text(StoreStmt *st, int col)
{
    if (st->lite) return (const char *)sqlite3_column_text(st->lite, col);
    if (store_col_null(st, col)) return NULL;
    return PQgetvalue(st->res, st->row, col);
}

size_t store_col_bytes(StoreStmt *st, int col)
{
    if (st->lite) return (size_t)sqlite3_column_bytes(st->lite, col);
    if (store_col_null(st, col)) return 0;
    return (size_t)PQgetlength(st->res, st->row, col);
}

long long store_col_int(StoreStmt *st, int col)
{
    if (st->lite) return sqlite3_column_int64(st->lite, col);
    const char *t = store_col_text(st, col);
    if (!t) return 0;
    if (!strcmp(t, "t")) return 1; /* boolean */
    if (!strcmp(t, "f")) return 0;
    return strtoll(t, NULL, 10);
}

double store_col_double(StoreStmt *st, int col)
{
    if (st->lite) return sqlite3_column_double(st->lite, col);
    const char *t = store_col_text(st, col);
    return t ? strtod(t, NULL) : 0;
}

bool store_exec(StoreConn *c, const char *sql)
{
    if (c->dialect == DIALECT_POSTGRES) {
        PgConn *pc = c->pg;
        PGresult *r = PQexec(pc->conn, sql);
        ExecStatusType es = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        bool ok = es == PGRES_COMMAND_OK || es == PGRES_TUPLES_OK;
        if (!ok) pg_error(c, r);
        PQclear(r);
        return ok;
    }
    char *msg = NULL;
    if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) == SQLITE_OK) return true;
    set_error(c, STORE_ERR_OTHER, msg);
    sqlite3_free(msg);
    return false;
}

StoreErrKind store_errkind(StoreConn *c)
{
    return state(c)->kind;
}

const char *store_errmsg(StoreConn *c)
{
    return state(c)->msg;
}

void store_unique_where(StoreConn *c, const char **model, const char **field)
{
    StmtState *s = state(c);
    *model = s->umodel[0] ? s->umodel : "?";
    *field = s->ufield[0] ? s->ufield : "?";
}

void store_set_timeout(StoreConn *c, unsigned ms)
{
    StmtState *s = state(c);
    if (c->dialect != DIALECT_POSTGRES || s->timeout_ms == ms) return;
    char sql[64];
    snprintf(sql, sizeof sql, "SET statement_timeout = %u", ms);
    if (store_exec(c, sql)) s->timeout_ms = ms;
}

void store_forget_timeout(StoreConn *c)
{
    if (c->stmt_state) ((StmtState *)c->stmt_state)->timeout_ms = 0;
}

bool store_in_tx(StoreConn *c)
{
    if (c->dialect == DIALECT_POSTGRES) {
        PgConn *pc = c->pg;
        return PQtransactionStatus(pc->conn) != PQTRANS_IDLE;
    }
    return !sqlite3_get_autocommit(c->db);
}
