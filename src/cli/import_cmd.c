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
    Arena a;
    arena_init(&a, 8192);
    Diag d;
    diag_init(&d, &a);
    int rc = 1;
    DataModel *dm = model_load_file(model_path, &d);
    Schema *schema = NULL;
    Store *store = NULL;
    StoreConn *conn = NULL;
    if (!dm) goto report;
    schema = schema_build(dm);
    store = store_open(dm, schema, db, &d);
    if (!store) goto report;
    conn = store_connect(store, &d);
    if (!conn) goto report;
    NdfProgress p = {.stream = quiet ? NULL : stderr, .tty = isatty(2)};
    NdfStats stats = {0};
    char err[1024];
    if (ndf_import(conn, dm, src, &p, &stats, err, sizeof err)) {
        if (!quiet)
            fprintf(stderr, "relata import: %llu nodes, %llu list values, %llu relations from %llu files\n",
                    stats.nodes, stats.lists, stats.relations, stats.files);
        rc = 0;
    } else {
        fprintf(stderr, "relata import: %s\n", err);
    }
report:
    if (d.count) diag_print(&d, model_path, NULL, 0, stderr, isatty(2));
    if (conn) store_disconnect(conn);
    if (store) store_close(store);
    if (schema) schema_free(schema);
    if (dm) model_free(dm);
    arena_fini(&a);
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
    Arena a;
    arena_init(&a, 8192);
    Diag d;
    diag_init(&d, &a);
    int rc = 1;
    DataModel *dm = model_load_file(model_path, &d);
    Schema *schema = NULL;
    Store *store = NULL;
    StoreConn *conn = NULL;
    if (!dm) goto report;
    schema = schema_build(dm);
    store = store_open(dm, schema, db, &d);
    if (!store) goto report;
    conn = store_connect(store, &d);
    if (!conn) goto report;
    NdfStats stats = {0};
    char err[1024];
    if (ndf_export(conn, dm, dir, chunk, &stats, err, sizeof err)) {
        fprintf(stderr, "relata export: %llu nodes, %llu list values, %llu relations in %llu files\n",
                stats.nodes, stats.lists, stats.relations, stats.files);
        rc = 0;
    } else {
        fprintf(stderr, "relata export: %s\n", err);
    }
report:
    if (d.count) diag_print(&d, model_path, NULL, 0, stderr, isatty(2));
    if (conn) store_disconnect(conn);
    if (store) store_close(store);
    if (schema) schema_free(schema);
    if (dm) model_free(dm);
    arena_fini(&a);
    return rc;
}
