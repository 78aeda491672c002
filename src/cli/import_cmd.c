/* import_cmd.c - `relata import MODEL --db URL DIR|FILE`: loads Graphcool's Normalized
 * Data Format into the store of MODEL (tables are created when missing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/model.h"
#include "ndf/ndf.h"
#include "schema/schema.h"
#include "store/store.h"

/* The model, schema, store and one connection a data command works on. */
typedef struct DataSession {
    Arena arena;
    Diag diag;
    DataModel *dm;
    Schema *schema;
    Store *store;
    StoreConn *conn;
} DataSession;

/* Opens everything for `model_path` on `db`; false after printing the diagnostics. */
static bool session_open(DataSession *s, const char *model_path, const char *db)
{
    *s = (DataSession){0};
    arena_init(&s->arena, 8192);
    diag_init(&s->diag, &s->arena);
    s->dm = model_load_file(model_path, &s->diag);
    if (s->dm) {
        s->schema = schema_build(s->dm);
        s->store = store_open(s->dm, s->schema, db, &s->diag);
        if (s->store) s->conn = store_connect(s->store, &s->diag);
    }
    if (s->conn) return true;
    diag_print(&s->diag, model_path, NULL, 0, stderr, isatty(2));
    return false;
}

static void session_close(DataSession *s)
{
    if (s->conn) store_disconnect(s->conn);
    if (s->store) store_close(s->store);
    if (s->schema) schema_free(s->schema);
    if (s->dm) model_free(s->dm);
    arena_fini(&s->arena);
}

static const char import_help[] =
    "usage: relata import MODEL [--db URL] [--quiet] DIR|FILE\n"
    "\n"
    "Imports data in Graphcool's Normalized Data Format: a directory with nodes/, lists/\n"
    "and relations/ folders of JSON files (applied in name order, all nodes first), or a\n"
    "single such file. Ids, createdAt and updatedAt are kept as given. Each file is one\n"
    "transaction: a bad record stops the import, naming the file and record, and nothing\n"
    "of that file is applied (earlier files stay).\n"
    "  --db URL     database (default sqlite:./relata.db; postgres://... for PostgreSQL)\n"
    "  --pg-schema NAME  PostgreSQL schema of the tables (default public)\n"
    "  -q, --quiet  no progress output\n"
    "Exit status: 0 imported, 1 failed, 2 usage error.\n";

int cli_import(int argc, char **argv)
{
    const char *model_path = NULL, *src = NULL, *db = "sqlite:./relata.db";
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(import_help, stdout);
            return 0;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strncmp(a, "--db=", 5)) {
            db = a + 5;
        } else if (!strcmp(a, "--pg-schema") && i + 1 < argc) {
            store_set_pg_schema(argv[++i]);
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "relata import: unknown option '%s'\n%s", a, import_help);
            return 2;
        } else if (!model_path) {
            model_path = a;
        } else if (!src) {
            src = a;
        } else {
            fprintf(stderr, "relata import: too many arguments\n%s", import_help);
            return 2;
        }
    }
    if (!model_path || !src) {
        fprintf(stderr, "relata import: MODEL and DIR|FILE are required\n%s", import_help);
        return 2;
    }
    DataSession ses;
    int rc = 1;
    if (!session_open(&ses, model_path, db)) {
        session_close(&ses);
        return 1;
    }
    NdfProgress p = {.stream = quiet ? NULL : stderr, .tty = isatty(2)};
    NdfStats stats = {0};
    char err[1024];
    if (ndf_import(ses.conn, ses.dm, src, &p, &stats, err, sizeof err)) {
        if (!quiet)
            fprintf(stderr, "relata import: %llu nodes, %llu list values, %llu relations from %llu files\n",
                    stats.nodes, stats.lists, stats.relations, stats.files);
        rc = 0;
    } else {
        fprintf(stderr, "relata import: %s\n", err);
    }
    session_close(&ses);
    return rc;
}

static const char export_help[] =
    "usage: relata export MODEL [--db URL] [--chunk N] DIR\n"
    "\n"
    "Writes every node and edge of the database as Graphcool's Normalized Data Format\n"
    "into DIR (nodes/, lists/, relations/; files of at most N values, default 1000), in\n"
    "a form `relata import` reads back exactly.\n"
    "Exit status: 0 exported, 1 failed, 2 usage error.\n";

int cli_export(int argc, char **argv)
{
    const char *model_path = NULL, *dir = NULL, *db = "sqlite:./relata.db";
    unsigned chunk = 1000;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(export_help, stdout);
            return 0;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strncmp(a, "--db=", 5)) {
            db = a + 5;
        } else if (!strcmp(a, "--pg-schema") && i + 1 < argc) {
            store_set_pg_schema(argv[++i]);
        } else if (!strcmp(a, "--chunk") && i + 1 < argc) {
            chunk = (unsigned)strtoul(argv[++i], NULL, 10);
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "relata export: unknown option '%s'\n%s", a, export_help);
            return 2;
        } else if (!model_path) {
            model_path = a;
        } else if (!dir) {
            dir = a;
        } else {
            fprintf(stderr, "relata export: too many arguments\n%s", export_help);
            return 2;
        }
    }
    if (!model_path || !dir || chunk == 0) {
        fprintf(stderr, "relata export: MODEL and DIR are required\n%s", export_help);
        return 2;
    }
    DataSession ses;
    int rc = 1;
    if (!session_open(&ses, model_path, db)) {
        session_close(&ses);
        return 1;
    }
    NdfStats stats = {0};
    char err[1024];
    if (ndf_export(ses.conn, ses.dm, dir, chunk, &stats, err, sizeof err)) {
        fprintf(stderr, "relata export: %llu nodes, %llu list values, %llu relations in %llu files\n",
                stats.nodes, stats.lists, stats.relations, stats.files);
        rc = 0;
    } else {
        fprintf(stderr, "relata export: %s\n", err);
    }
    session_close(&ses);
    return rc;
}
