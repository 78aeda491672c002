/* serve.c - `relata serve FILE [options]`: builds the Engine for a data model, serves
 * the Simple API over HTTP until SIGINT/SIGTERM, then shuts down cleanly.
 *
 * Shutdown: the signals are blocked in every thread and taken synchronously here with
 * sigwait, so no handler runs in the middle of a request; the server then stops
 * accepting, lets requests in flight finish and frees everything (exit 0). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "cli/cli.h"
#include "exec/exec.h"
#include "server/server.h"
#include "store/store.h"

/* How long requests in flight may take to finish after SIGTERM. */
#define SHUTDOWN_GRACE_MS 10000
/* Execution time limit of one request (SIMPLE-API.md §1.2.1). */
#define REQUEST_TIMEOUT_MS 30000

static const char serve_help[] =
    "usage: relata serve FILE [options]\n"
    "\n"
    "Serves the Simple API for the data model FILE (types.graphql) over HTTP at\n"
    "/graphql (and Graphcool's /simple/v1/SERVICE). Stops on SIGINT or SIGTERM.\n"
    "\n"
    "Options:\n"
    "  --db URL           database: sqlite:PATH (default sqlite:./relata.db), or\n"
    "                     PostgreSQL: postgres://USER:PASS@HOST:PORT/DB (also\n"
    "                     postgresql://... or \"host=... dbname=...\")\n"
    "  --pg-schema NAME   PostgreSQL schema holding the tables (default public)\n"
    "  --port N           TCP port (default 4000; 0 picks a free one)\n"
    "  --host ADDR        address to listen on (default 127.0.0.1)\n"
    "  --service ID       service id of the /simple/v1/ID path (default 'default')\n"
    "  --max-body BYTES   largest request body, e.g. 1048576, 512k, 4m (default 1m)\n"
    "  --max-batch N      most requests in one batch (default 100)\n"
    "  --max-depth N      reject queries nested deeper than N (default: no limit)\n"
    "  --max-parse-depth N  nesting accepted by the parser (default 256)\n"
    "  --timeout SECONDS  cancel a request after this long (default 30, 0 = none)\n"
    "  --threads N        HTTP worker threads (default: number of cores); each has\n"
    "                     its own database connection (the PostgreSQL pool size)\n"
    "  -h, --help         show this help\n"
    "Exit status: 0 stopped by a signal, 1 the model, database or port failed,\n"
    "2 usage error.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("relata serve: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n\n", stderr);
    fputs(serve_help, stderr);
    return 2;
}

/* Parses a non-negative integer with an optional k/m/g (binary) suffix when
 * `sizes` is set. */
static bool parse_count(const char *s, bool sizes, unsigned long long max, unsigned long long *out)
{
    if (!s || !*s || *s == '-' || *s == '+') return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s) return false;
    if (sizes && *end) {
        unsigned shift = 0;
        switch (*end) {
        case 'k':
        case 'K':
            shift = 10;
            break;
        case 'm':
        case 'M':
            shift = 20;
            break;
        case 'g':
        case 'G':
            shift = 30;
            break;
        default:
            return false;
        }
        end++;
        if (*end == 'b' || *end == 'B') end++;
        if (v > (max >> shift)) return false;
        v <<= shift;
    }
    if (*end || v > max) return false;
    *out = v;
    return true;
}

static bool valid_service_id(const char *s)
{
    if (!*s) return false;
    for (const char *p = s; *p; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

/* Prints engine diagnostics; model errors get their source line and a caret. */
static void report(const Diag *d, const char *file)
{
    Arena a;
    arena_init(&a, 4096);
    Buf b;
    buf_init(&b, &a, 4096);
    FILE *f = fopen(file, "rb");
    if (f) {
        char chunk[4096];
        size_t k;
        while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
            buf_put(&b, chunk, k);
        fclose(f);
    }
    diag_print(d, file, f ? b.data : NULL, b.len, stderr, isatty(2));
    arena_fini(&a);
}

int cli_serve(int argc, char **argv)
{
    const char *file = NULL;
    const char *db = "sqlite:./relata.db";
    long nproc = sysconf(_SC_NPROCESSORS_ONLN);
    ServerOptions so = {
        .host = "127.0.0.1",
        .port = 4000,
        .service_id = "default",
        .max_body = SERVER_DEFAULT_MAX_BODY,
        .max_batch = SERVER_DEFAULT_MAX_BATCH,
        .threads = nproc > 0 ? (unsigned)nproc : 1,
    };
    EngineOptions eo = {.timeout_ms = REQUEST_TIMEOUT_MS};

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            fputs(serve_help, stdout);
            return 0;
        }
        if (arg[0] != '-' || !arg[1]) {
            if (file) return usage_error("too many arguments: '%s'", arg);
            file = arg;
            continue;
        }
        /* --name VALUE or --name=VALUE */
        static const char *const names[] = {
            "--db",        "--port",      "--host",    "--service", "--max-body",
            "--max-batch", "--max-depth", "--threads", "--timeout", "--max-parse-depth",
            "--pg-schema"};
        const char *name = NULL, *val = NULL;
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            size_t n = strlen(names[k]);
            if (!strncmp(arg, names[k], n) && (arg[n] == 0 || arg[n] == '=')) {
                name = names[k];
                if (arg[n] == '=') val = arg + n + 1;
                break;
            }
        }
        if (!name) return usage_error("unknown option '%s'", arg);
        if (!val) {
            if (i + 1 >= argc) return usage_error("option %s needs a value", name);
            val = argv[++i];
        }
        unsigned long long v = 0;
        if (!strcmp(name, "--db")) {
            if (!*val)
                return usage_error("--db needs a database URL, e.g. sqlite:%s", "./relata.db");
            db = val;
        } else if (!strcmp(name, "--pg-schema")) {
            if (!*val) return usage_error("--pg-schema needs a schema name%s", "");
            store_set_pg_schema(val);
        } else if (!strcmp(name, "--host")) {
            if (!*val) return usage_error("--host needs an address%s", "");
            so.host = val;
        } else if (!strcmp(name, "--service")) {
            if (!valid_service_id(val))
                return usage_error("invalid service id '%s' (letters, digits, '_' and '-')", val);
            so.service_id = val;
        } else if (!strcmp(name, "--port")) {
            if (!parse_count(val, false, 65535, &v)) return usage_error("invalid port '%s'", val);
            so.port = (uint16_t)v;
        } else if (!strcmp(name, "--max-body")) {
            if (!parse_count(val, true, 1ULL << 40, &v) || v == 0)
                return usage_error("invalid --max-body '%s' (bytes, e.g. 1048576 or 1m)", val);
            so.max_body = (size_t)v;
        } else if (!strcmp(name, "--max-batch")) {
            if (!parse_count(val, false, UINT_MAX, &v))
                return usage_error("invalid --max-batch '%s'", val);
            so.max_batch = (unsigned)v;
        } else if (!strcmp(name, "--max-depth")) {
            if (!parse_count(val, false, UINT_MAX, &v))
                return usage_error("invalid --max-depth '%s' (0 = no limit)", val);
            eo.max_depth = (unsigned)v;
        } else if (!strcmp(name, "--timeout")) {
            if (!parse_count(val, false, 86400, &v))
                return usage_error("invalid --timeout '%s' (seconds, 0 = none)", val);
            eo.timeout_ms = (unsigned)v * 1000;
        } else if (!strcmp(name, "--max-parse-depth")) {
            if (!parse_count(val, false, 100000, &v) || v == 0)
                return usage_error("invalid --max-parse-depth '%s'", val);
            eo.parser_max_depth = (unsigned)v;
        } else if (!strcmp(name, "--threads")) {
            if (!parse_count(val, false, 1024, &v) || v == 0)
                return usage_error("invalid --threads '%s' (1 to 1024)", val);
            so.threads = (unsigned)v;
        }
    }
    if (!file) return usage_error("missing the model FILE%s", "");
    eo.db_url = db;

    /* Block the stop signals before any thread starts, so every thread inherits the
     * mask and only sigwait below sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    Arena a;
    arena_init(&a, 4096);
    Diag d;
    diag_init(&d, &a);
    Engine *e = engine_new(file, &eo, &d);
    if (!e) {
        if (d.count)
            report(&d, file);
        else
            fprintf(stderr, "relata serve: cannot start the engine for '%s'\n", file);
        arena_fini(&a);
        return 1;
    }
    char err[256];
    Server *srv = server_start(e, &so, err, sizeof err);
    if (!srv) {
        fprintf(stderr, "relata serve: %s\n", err);
        engine_free(e);
        arena_fini(&a);
        return 1;
    }
    bool v6 = strchr(so.host, ':') != NULL;
    fprintf(stderr, "relata: serving %s at http://%s%s%s:%u/graphql (%s)\n", file, v6 ? "[" : "",
            so.host, v6 ? "]" : "", (unsigned)server_port(srv), db);
    fflush(stderr);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0) {
    }
    server_stop(srv, SHUTDOWN_GRACE_MS);
    engine_free(e);
    arena_fini(&a);
    return 0;
}
