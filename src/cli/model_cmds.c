/* model_cmds.c - `relata schema FILE` (print the generated Simple API schema as
 * canonical SDL) and `relata check FILE` (validate a data model), the two commands that
 * only need the model and the schema, not the store. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "cli/cli.h"
#include "model/model.h"
#include "schema/schema.h"

static const char schema_help[] =
    "usage: relata schema FILE\n"
    "\n"
    "Prints the Simple API schema generated from the data model FILE (types.graphql)\n"
    "as GraphQL SDL in canonical order (types, fields and arguments sorted by name).\n"
    "Exit status: 0 printed, 1 the model is invalid (errors on stderr), 2 usage error.\n";

static const char check_help[] =
    "usage: relata check [--quiet] FILE\n"
    "\n"
    "Validates the data model FILE (types.graphql) and reports every violation with its\n"
    "identifier (e.g. SDL-RELATION-COUNT), file, line and column.\n"
    "  -q, --quiet   print nothing, only set the exit status\n"
    "Exit status: 0 valid, 1 invalid, 2 usage error.\n";

/* Parses `CMD [--quiet] FILE`; returns the file or NULL after printing usage. */
static const char *one_file_arg(int argc, char **argv, const char *help, bool *quiet, int *rc)
{
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(help, stdout);
            *rc = 0;
            return NULL;
        } else if (quiet && (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))) {
            *quiet = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "relata %s: unknown option '%s'\n%s", argv[0], argv[i], help);
            *rc = 2;
            return NULL;
        } else if (file) {
            fprintf(stderr, "relata %s: too many arguments\n%s", argv[0], help);
            *rc = 2;
            return NULL;
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        fprintf(stderr, "relata %s: missing FILE\n%s", argv[0], help);
        *rc = 2;
    }
    return file;
}

/* Loads the model, printing diagnostics (with source line and caret) on failure. */
static DataModel *load_or_report(const char *file, bool quiet)
{
    Arena a;
    arena_init(&a, 8192);
    Diag d;
    diag_init(&d, &a);
    DataModel *dm = model_load_file(file, &d);
    if (!dm && !quiet) {
        /* Re-read the source for the caret lines; failure just drops them. */
        FILE *f = fopen(file, "rb");
        char *src = NULL;
        size_t n = 0;
        if (f) {
            Buf b;
            buf_init(&b, &a, 4096);
            char chunk[4096];
            size_t k;
            while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, k);
            fclose(f);
            src = b.data;
            n = b.len;
        }
        diag_print(&d, file, src, n, stderr, isatty(2));
        fprintf(stderr, "%u error%s in %s\n", d.count, d.count == 1 ? "" : "s", file);
    }
    arena_fini(&a);
    return dm;
}

int cli_schema(int argc, char **argv)
{
    int rc = 0;
    const char *file = one_file_arg(argc, argv, schema_help, NULL, &rc);
    if (!file) return rc;
    DataModel *dm = load_or_report(file, false);
    if (!dm) return 1;
    Schema *s = schema_build(dm);
    Arena a;
    arena_init(&a, 65536);
    Buf out;
    buf_init(&out, &a, 65536);
    schema_print_canonical(s, &out);
    fwrite(out.data, 1, out.len, stdout);
    arena_fini(&a);
    schema_free(s);
    model_free(dm);
    return fflush(stdout) == 0 ? 0 : 1;
}

int cli_check(int argc, char **argv)
{
    int rc = 0;
    bool quiet = false;
    const char *file = one_file_arg(argc, argv, check_help, &quiet, &rc);
    if (!file) return rc;
    DataModel *dm = load_or_report(file, quiet);
    if (!dm) return 1;
    if (!quiet)
        printf("%s: valid (%u model%s, %u enum%s, %u relation%s)\n", file, dm->n_models,
               dm->n_models == 1 ? "" : "s", dm->n_enums, dm->n_enums == 1 ? "" : "s",
               dm->n_relations, dm->n_relations == 1 ? "" : "s");
    model_free(dm);
    return 0;
}
