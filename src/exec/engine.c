/* engine.c - start-up and per-thread state of the executor: the Engine (model, schema,
 * store: built once, shared read-only by every thread) and the Worker (one thread's
 * database connection). */
#include <stdlib.h>

#include "exec/internal.h"

Engine *engine_new(const char *model_path, const EngineOptions *opts, Diag *d)
{
    DataModel *dm = model_load_file(model_path, d);
    if (!dm) return NULL;
    Engine *e = xcalloc(1, sizeof *e);
    e->dm = dm;
    if (opts) e->opts = *opts;
    e->db_url = xstrdup(opts && opts->db_url ? opts->db_url : "sqlite:relata.db");
    e->opts.db_url = e->db_url;
    e->schema = schema_build(dm);
    e->store = store_open(dm, e->schema, e->db_url, d);
    if (!e->store) {
        engine_free(e);
        return NULL;
    }
    return e;
}

void engine_free(Engine *e)
{
    if (!e) return;
    if (e->store) store_close(e->store);
    if (e->schema) schema_free(e->schema);
    if (e->dm) model_free(e->dm);
    free(e->db_url);
    free(e);
}

const Schema *engine_schema(const Engine *e)
{
    return e->schema;
}

Worker *worker_new(Engine *e, Diag *d)
{
    StoreConn *c = store_connect(e->store, d);
    if (!c) return NULL;
    Worker *w = xcalloc(1, sizeof *w);
    w->engine = e;
    w->conn = c;
    w->plans = plan_cache_new();
    return w;
}

void worker_free(Worker *w)
{
    if (!w) return;
    plan_cache_free(w->plans);
    store_disconnect(w->conn);
    free(w);
}
