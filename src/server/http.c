/* http.c - the libmicrohttpd daemon in front of the executor: routing, methods, CORS,
 * body limits, content negotiation and status codes of SIMPLE-API.md §1 and ERRORS.md
 * §1.2.
 *
 * Threads: libmicrohttpd runs a pool of polling threads; a connection stays on one of
 * them, and each thread opens its own Worker (database connection) on first use.
 * Memory: every connection owns an Arena; one request at a time lives in it (HTTP/1.1
 * answers in order) and it is reset once the response has been sent, so the body, the
 * parsed JSON, the executor's allocations and the response buffer all go at once.
 * Request bodies never take more than --max-body bytes of memory: a declared larger
 * Content-Length is refused before reading, and a chunked body that grows past the
 * limit is read on but discarded. */
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "base/buf.h"
#include "server/internal.h"
#include "server/server.h"

/* One block holds a whole ordinary request (body, parsed request, plan, SQL text, response):
 * with 16 KiB a one-node query spilled into a second block, which arena_reset() frees,
 * so every request paid a malloc and a free of 16 KiB. */
#define CONN_ARENA_BLOCK (64 * 1024)
/* A connection that needed more than this for one request gives it back afterwards,
 * so idle keep-alive connections do not pin the memory of their largest request. */
#define CONN_ARENA_KEEP (256 * 1024)

/* libmicrohttpd's per-connection pool (request line, headers, read buffer). It zeroes
 * the unused part of the pool between the requests of a keep-alive connection, so its
 * size is paid on every request: 128 KiB cost ~200 000 instructions of memset per
 * request (callgrind), more than executing a one-node query. 32 KiB (the library's
 * default) still takes a GET whose URL-encoded query is ~12 KB; POST bodies do not
 * live in the pool (they are copied into the connection arena as they arrive). */
#define CONN_POOL_BYTES (32 * 1024)

/* See discard_limit(). */
#define DISCARD_MIN (64ULL * 1024 * 1024)

#define API_METHODS "GET, POST, HEAD, OPTIONS"

struct Server {
    struct MHD_Daemon *daemon;
    Engine *engine;   /* borrowed */
    char *service_id; /* copy of ServerOptions.service_id */
    size_t max_body;
    unsigned max_batch;
    uint16_t port;         /* bound port */
    char id_prefix[12];    /* random per process: request ids stay unique across
                              restarts */
    atomic_ullong next_id; /* request counter */
    atomic_int in_flight;  /* requests begun and not yet completed */
    pthread_mutex_t workers_lock;
    Worker **workers; /* every Worker opened by a pool thread, freed at stop */
    unsigned n_workers, cap_workers;
};

/* The Worker of the calling pool thread, tagged with its server so a stale value from
 * an earlier server in the same process (tests) is never used. */
static __thread Server *tls_server;
static __thread Worker *tls_worker;

/* Per connection (socket context). */
typedef struct Conn {
    Arena arena; /* request lifetime, reset after each response */
} Conn;

typedef enum Route {
    ROUTE_API,             /* /graphql or /simple/v1/{our id} */
    ROUTE_NOT_FOUND,       /* anything else */
    ROUTE_UNKNOWN_SERVICE, /* a Graphcool path with another service id */
} Route;

/* Per request (MHD's req_cls), in the connection arena. */
typedef struct Req {
    Conn *conn;
    const char *id;        /* Request-Id */
    bool graphql_response; /* answer as application/graphql-response+json */
    MediaBody body_kind;
    Buf body;       /* POST body read so far */
    bool too_large; /* the body passed max_body: discard the rest, answer 413 */
    /* A verdict reached from the headers alone, answered once the request is read
     * (answering earlier makes libmicrohttpd close the connection). */
    unsigned reject_status; /* 0 = none */
    const char *reject_message;
    int reject_code;
    const char *reject_allow; /* Allow header of a 405 */
    bool preflight;           /* OPTIONS */
    bool is_get;              /* GET or HEAD */
} Req;

/* ---- responses --------------------------------------------------------------------- */

static const char *reply_type(const Req *r)
{
    return r->graphql_response ? "application/graphql-response+json; charset=utf-8"
                               : "application/json; charset=utf-8";
}

/* Queues a response with the headers every answer carries (Request-Id, CORS) plus
 * Content-Type and the optional extra header pair. `data` must stay valid until the
 * request completes (it is in the connection arena, or static). */
static enum MHD_Result respond(struct MHD_Connection *mc, const Req *r, unsigned status,
                               const char *type, const char *data, size_t len, const char *xname,
                               const char *xvalue)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    if (type) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (r) MHD_add_response_header(resp, "Request-Id", r->id);
    const char *origin = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Origin");
    if (origin && *origin) {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", origin);
        MHD_add_response_header(resp, "Vary", "Origin");
    } else {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
    }
    MHD_add_response_header(resp, "Access-Control-Expose-Headers", "Request-Id");
    if (xname) MHD_add_response_header(resp, xname, xvalue);
    enum MHD_Result ok = MHD_queue_response(mc, status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* Answers {"errors":[{"message":..., "code":...}]} (code 0 = none); with_id adds the
 * requestId member (internal errors). */
static enum MHD_Result respond_error(struct MHD_Connection *mc, Req *r, unsigned status,
                                     const char *message, int code, bool with_id, const char *xname,
                                     const char *xvalue)
{
    Buf b;
    buf_init(&b, &r->conn->arena, 128 + strlen(message));
    buf_puts(&b, "{\"errors\":[{\"message\":");
    json_put_cstr(&b, message);
    if (code) buf_printf(&b, ",\"code\":%d", code);
    if (with_id) {
        buf_puts(&b, ",\"requestId\":");
        json_put_cstr(&b, r->id);
    }
    buf_puts(&b, "}]}");
    return respond(mc, r, status, reply_type(r), b.data, b.len, xname, xvalue);
}

static enum MHD_Result respond_internal(struct MHD_Connection *mc, Req *r, const char *why)
{
    fprintf(stderr, "relata: error: request %s: %s\n", r->id, why);
    const char *msg = arena_printf(&r->conn->arena,
                                   "Whoops. Looks like an internal server error. Search your "
                                   "server logs for request ID: %s",
                                   r->id);
    return respond_error(mc, r, MHD_HTTP_INTERNAL_SERVER_ERROR, msg, 0, true, NULL, NULL);
}

/* ---- execution --------------------------------------------------------------------- */

/* Returns the calling thread's Worker, opening it on first use. NULL with *why set
 * when the database cannot be opened (the next request tries again). */
static Worker *thread_worker(Server *s, Arena *a, const char **why)
{
    if (tls_server == s && tls_worker) return tls_worker;
    Diag d;
    diag_init(&d, a);
    Worker *w = worker_new(s->engine, &d);
    if (!w) {
        *why = d.count ? d.items[0].message : "could not open a database connection";
        return NULL;
    }
    pthread_mutex_lock(&s->workers_lock);
    if (s->n_workers == s->cap_workers) {
        s->cap_workers = s->cap_workers ? 2 * s->cap_workers : 8;
        s->workers = xrealloc(s->workers, s->cap_workers * sizeof *s->workers);
    }
    s->workers[s->n_workers++] = w;
    pthread_mutex_unlock(&s->workers_lock);
    tls_server = s;
    tls_worker = w;
    return w;
}

/* Runs one request into `out`; a request error found while reading it (3024) is
 * answered here without reaching the executor. */
static void run_one(Worker *w, Arena *a, BodyItem *it, Buf *out, ExecOutcome *res)
{
    *res = (ExecOutcome){0};
    if (it->error) {
        buf_puts(out, "{\"errors\":[{\"message\":");
        json_put_cstr(out, it->error);
        if (it->error_code) buf_printf(out, ",\"code\":%d", it->error_code);
        buf_puts(out, "}]}");
        res->request_error = true;
        return;
    }
    exec_request(w, a, &it->req, out, res);
}

/* Executes the requests of one HTTP request and answers: a single result, or for a
 * batch an array of results in request order. */
static enum MHD_Result answer_graphql(struct MHD_Connection *mc, Server *s, Req *r, BodyItem *items,
                                      unsigned n, bool batch, bool via_get)
{
    Arena *a = &r->conn->arena;
    const char *why = NULL;
    Worker *w = thread_worker(s, a, &why);
    if (!w) return respond_internal(mc, r, why);
    for (unsigned i = 0; i < n; i++) {
        items[i].req.via_get = via_get;
        items[i].req.request_id = r->id;
    }
    Buf out;
    buf_init(&out, a, 4096);
    if (!batch) {
        ExecOutcome res;
        run_one(w, a, &items[0], &out, &res);
        if (res.method_not_allowed) {
            if (out.len == 0)
                buf_puts(&out, "{\"errors\":[{\"message\":\"Can only perform a mutation "
                               "operation from a POST request.\"}]}");
            return respond(mc, r, MHD_HTTP_METHOD_NOT_ALLOWED, reply_type(r), out.data, out.len,
                           MHD_HTTP_HEADER_ALLOW, "POST");
        }
        unsigned status =
            r->graphql_response && res.request_error ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_OK;
        return respond(mc, r, status, reply_type(r), out.data, out.len, NULL, NULL);
    }
    /* Each item gets its own buffer: the executor owns the whole of `out` while it
     * writes one response object. */
    buf_putc(&out, '[');
    for (unsigned i = 0; i < n; i++) {
        Buf one;
        buf_init(&one, a, 1024);
        ExecOutcome res;
        run_one(w, a, &items[i], &one, &res);
        if (i) buf_putc(&out, ',');
        buf_put(&out, one.data, one.len);
    }
    buf_putc(&out, ']');
    return respond(mc, r, MHD_HTTP_OK, reply_type(r), out.data, out.len, NULL, NULL);
}

/* GET/HEAD: the query is in the URL; a browser without one gets the playground. */
static enum MHD_Result handle_get(struct MHD_Connection *mc, Server *s, Req *r)
{
    const char *query = MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "query");
    if (!query) {
        const char *accept = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Accept");
        if (media_accepts_html(accept)) {
            size_t len;
            const char *html = playground_html(&len);
            return respond(mc, r, MHD_HTTP_OK, "text/html; charset=utf-8", html, len, NULL, NULL);
        }
    }
    BodyItem *it = ARENA_NEW(&r->conn->arena, BodyItem);
    body_from_params(&r->conn->arena, query, query ? strlen(query) : 0,
                     MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "variables"),
                     MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "operationName"), it);
    return answer_graphql(mc, s, r, it, 1, false, true);
}

/* POST, once the whole body is in. */
static enum MHD_Result handle_post(struct MHD_Connection *mc, Server *s, Req *r)
{
    Arena *a = &r->conn->arena;
    if (r->too_large) {
        const char *msg =
            arena_printf(a, "Request body too large: the limit is %zu bytes", s->max_body);
        return respond_error(mc, r, MHD_HTTP_CONTENT_TOO_LARGE, msg, 0, false, NULL, NULL);
    }
    if (r->body_kind == MEDIA_BODY_GRAPHQL) {
        BodyItem *it = ARENA_NEW(a, BodyItem);
        body_from_params(a, r->body.data, r->body.len,
                         MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "variables"),
                         MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "operationName"),
                         it);
        return answer_graphql(mc, s, r, it, 1, false, false);
    }
    Body body;
    if (!body_parse_json(a, r->body.data, r->body.len, s->max_batch, &body))
        return respond_error(mc, r, MHD_HTTP_BAD_REQUEST, body.invalid, 0, false, NULL, NULL);
    if (body.batch && body.n == 0)
        return respond(mc, r, MHD_HTTP_OK, reply_type(r), "[]", 2, NULL, NULL);
    return answer_graphql(mc, s, r, body.items, body.n, body.batch, false);
}

/* ---- routing ------------------------------------------------------------------------- */

/* If `path` is `prefix` followed by one segment (and at most a trailing '/'), returns
 * that segment's length and sets *seg; else returns 0. */
static size_t graphcool_segment(const char *path, const char *prefix, const char **seg)
{
    size_t pn = strlen(prefix);
    if (strncmp(path, prefix, pn) != 0) return 0;
    const char *p = path + pn;
    size_t n = strcspn(p, "/");
    if (n == 0 || (p[n] == '/' && p[n + 1] != 0)) return 0;
    *seg = p;
    return n;
}

static Route route_of(const Server *s, const char *path, const char **seg, size_t *seg_len)
{
    if (!strcmp(path, "/graphql") || !strcmp(path, "/graphql/")) return ROUTE_API;
    static const char *const prefixes[] = {"/simple/v1/", "/relay/v1/", "/subscriptions/v1/"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t n = graphcool_segment(path, prefixes[i], seg);
        if (!n) continue;
        *seg_len = n;
        bool ours = n == strlen(s->service_id) && !memcmp(*seg, s->service_id, n);
        if (!ours) return ROUTE_UNKNOWN_SERVICE;
        /* The Relay API and WebSocket subscriptions are not served over plain HTTP. */
        return i == 0 ? ROUTE_API : ROUTE_NOT_FOUND;
    }
    return ROUTE_NOT_FOUND;
}

/* Largest refused body that is still read (and dropped) to keep the connection usable. */
static unsigned long long discard_limit(const Server *s)
{
    unsigned long long x = 16ULL * s->max_body;
    return x > DISCARD_MIN ? x : DISCARD_MIN;
}

/* Records an error answer decided from the headers; the body is not kept. */
static void reject(Req *r, unsigned status, const char *message, int code, const char *allow)
{
    r->reject_status = status;
    r->reject_message = message;
    r->reject_code = code;
    r->reject_allow = allow;
}

/* First call for a request: everything that can be decided from the headers. Returns
 * true when a response was queued right away (*rc says whether that worked): only a
 * declared body over the limit, which is then never read. */
static bool on_headers(struct MHD_Connection *mc, Server *s, Req *r, const char *url,
                       const char *method, enum MHD_Result *rc)
{
    Arena *a = &r->conn->arena;
    const char *seg = NULL;
    size_t seg_len = 0;
    switch (route_of(s, url, &seg, &seg_len)) {
    case ROUTE_API:
        break;
    case ROUTE_UNKNOWN_SERVICE:
        reject(r, MHD_HTTP_NOT_FOUND,
               arena_printf(a, "Project not found: '%.*s'", (int)seg_len, seg), 3016, NULL);
        return false;
    case ROUTE_NOT_FOUND:
        reject(r, MHD_HTTP_NOT_FOUND,
               arena_printf(a, "Not found: '%s'. The GraphQL endpoint is /graphql", url), 0, NULL);
        return false;
    }
    if (!strcmp(method, MHD_HTTP_METHOD_OPTIONS)) {
        r->preflight = true;
        return false;
    }
    if (!strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD)) {
        r->is_get = true;
        return false;
    }
    if (strcmp(method, MHD_HTTP_METHOD_POST) != 0) {
        reject(r, MHD_HTTP_METHOD_NOT_ALLOWED,
               arena_printf(a, "Method %s is not allowed; use POST or GET", method), 0,
               API_METHODS);
        return false;
    }
    const char *ctype = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Type");
    r->body_kind = media_body_kind(ctype);
    if (r->body_kind == MEDIA_BODY_OTHER) {
        reject(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
               arena_printf(a,
                            "Unsupported Content-Type '%s': send the request as "
                            "application/json (or the query as application/graphql)",
                            ctype),
               0, NULL);
        return false;
    }
    /* A declared length over the limit: a client waiting for "100 Continue" is refused
     * before it sends a byte. Others are already sending; answering before the body is
     * read would close the connection under them (they would see a broken pipe, not
     * the 413), so a body up to DISCARD_LIMIT is read and dropped, and only beyond that
     * is the connection cut short. */
    const char *clen = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Length");
    unsigned long long declared = 0;
    if (clen) {
        char *end;
        errno = 0;
        declared = strtoull(clen, &end, 10);
        if (errno || declared > s->max_body) {
            r->too_large = true;
            const char *expect = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Expect");
            bool waiting = expect && !strcasecmp(expect, "100-continue");
            if (errno || waiting || declared > discard_limit(s)) {
                *rc = handle_post(mc, s, r);
                return true;
            }
            return false;
        }
    }
    buf_init(&r->body, a, clen ? (size_t)declared + 1 : 4096);
    return false;
}

/* Answers an OPTIONS request: permissive CORS, like Graphcool. */
static enum MHD_Result handle_preflight(struct MHD_Connection *mc, Req *r)
{
    const char *req_headers =
        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Access-Control-Request-Headers");
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    const char *origin = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Origin");
    MHD_add_response_header(resp, "Access-Control-Allow-Origin", origin && *origin ? origin : "*");
    if (origin && *origin) MHD_add_response_header(resp, "Vary", "Origin");
    MHD_add_response_header(resp, "Access-Control-Allow-Methods", API_METHODS);
    MHD_add_response_header(resp, "Access-Control-Allow-Headers",
                            req_headers && *req_headers ? req_headers
                                                        : "Content-Type, Authorization");
    MHD_add_response_header(resp, "Access-Control-Max-Age", "86400");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, API_METHODS);
    MHD_add_response_header(resp, "Request-Id", r->id);
    enum MHD_Result rc = MHD_queue_response(mc, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return rc;
}

/* Last call for a request: the body (if any) is complete. */
static enum MHD_Result on_complete_request(struct MHD_Connection *mc, Server *s, Req *r)
{
    if (r->reject_status)
        return respond_error(mc, r, r->reject_status, r->reject_message, r->reject_code, false,
                             r->reject_allow ? MHD_HTTP_HEADER_ALLOW : NULL, r->reject_allow);
    if (r->preflight) return handle_preflight(mc, r);
    if (r->is_get) return handle_get(mc, s, r);
    return handle_post(mc, s, r);
}

/* ---- libmicrohttpd callbacks ----------------------------------------------------------- */

static void new_request_id(Server *s, Arena *a, const char **out)
{
    unsigned long long n = atomic_fetch_add(&s->next_id, 1) + 1;
    char digits[16];
    int k = 0;
    do {
        digits[k++] = "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36];
        n /= 36;
    } while (n && k < (int)sizeof digits);
    while (k < 6)
        digits[k++] = '0';
    char *id = arena_alloc(a, sizeof s->id_prefix + 1 + (size_t)k + 1);
    size_t pn = strlen(s->id_prefix);
    memcpy(id, s->id_prefix, pn);
    id[pn] = '-';
    for (int i = 0; i < k; i++)
        id[pn + 1 + (size_t)i] = digits[k - 1 - i];
    id[pn + 1 + (size_t)k] = 0;
    *out = id;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    (void)version;
    Server *s = cls;
    Req *r = *req_cls;
    if (!r) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        Conn *conn = ci ? ci->socket_context : NULL;
        if (!conn) return MHD_NO; /* cannot happen: set by on_connection */
        r = ARENA_NEW(&conn->arena, Req);
        r->conn = conn;
        new_request_id(s, &conn->arena, &r->id);
        r->graphql_response = media_wants_graphql_response(
            MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Accept"));
        *req_cls = r;
        atomic_fetch_add(&s->in_flight, 1);
        enum MHD_Result rc = MHD_YES;
        if (on_headers(mc, s, r, url, method, &rc)) return rc;
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        /* Bodies of requests already refused are not kept; past the limit the bytes
         * are consumed but dropped, so a chunked upload cannot make us hold more than
         * max_body. */
        if (r->reject_status || r->preflight || r->is_get) return MHD_YES;
        if (!r->too_large && r->body.len + n > s->max_body) r->too_large = true;
        if (!r->too_large) buf_put(&r->body, upload_data, n);
        return MHD_YES;
    }
    return on_complete_request(mc, s, r);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)mc;
    (void)toe;
    Server *s = cls;
    Req *r = *req_cls;
    if (!r) return;
    *req_cls = NULL;
    Arena *a = &r->conn->arena;
    if (a->total > CONN_ARENA_KEEP) {
        arena_fini(a);
        arena_init(a, CONN_ARENA_BLOCK);
    } else {
        arena_reset(a);
    }
    atomic_fetch_sub(&s->in_flight, 1);
}

/* Connection state lives outside any arena (it owns one): allocated once per
 * connection, not per request. */
static void on_connection(void *cls, struct MHD_Connection *mc, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    (void)mc;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        Conn *c = xmalloc(sizeof *c);
        arena_init(&c->arena, CONN_ARENA_BLOCK);
        *socket_context = c;
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        Conn *c = *socket_context;
        if (c) {
            arena_fini(&c->arena);
            free(c);
        }
        *socket_context = NULL;
    }
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("relata: http: ", stderr);
    vfprintf(stderr, fmt, ap);
    size_t n = strlen(fmt);
    if (n == 0 || fmt[n - 1] != '\n') fputc('\n', stderr);
}

/* ---- start and stop -------------------------------------------------------------------- */

static void random_prefix(char *out, size_t cap)
{
    unsigned char rnd[8];
    if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
        /* No entropy source: time and pid still make ids distinct across runs. */
        unsigned long long t =
            (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32);
        memcpy(rnd, &t, sizeof rnd);
    }
    size_t n = cap - 1 < sizeof rnd ? cap - 1 : sizeof rnd;
    for (size_t i = 0; i < n; i++)
        out[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[rnd[i] % 36];
    out[n] = 0;
}

Server *server_start(Engine *e, const ServerOptions *o, char *err, size_t errlen)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *ai = NULL;
    char portstr[8];
    snprintf(portstr, sizeof portstr, "%u", (unsigned)o->port);
    int gai = getaddrinfo(o->host, portstr, &hints, &ai);
    if (gai != 0 || !ai) {
        snprintf(err, errlen, "cannot resolve host '%s': %s", o->host, gai_strerror(gai));
        return NULL;
    }
    Server *s = xcalloc(1, sizeof *s);
    s->engine = e;
    s->service_id = xstrdup(o->service_id);
    s->max_body = o->max_body;
    s->max_batch = o->max_batch;
    random_prefix(s->id_prefix, sizeof s->id_prefix);
    pthread_mutex_init(&s->workers_lock, NULL);

    unsigned flags =
        MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (ai->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
    unsigned threads = o->threads ? o->threads : 1;
    s->daemon = MHD_start_daemon(
        flags, o->port, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log,
        s, /* first, to catch option errors */
        MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(threads > 1 ? threads : 0), MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)CONN_POOL_BYTES, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!s->daemon) {
        snprintf(err, errlen, "cannot listen on %s:%u (is the port in use?)", o->host,
                 (unsigned)o->port);
        pthread_mutex_destroy(&s->workers_lock);
        free(s->service_id);
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di && di->port ? di->port : o->port;
    return s;
}

uint16_t server_port(const Server *s)
{
    return s->port;
}

void server_stop(Server *s, unsigned grace_ms)
{
    if (!s) return;
    /* Stop accepting, then give requests already begun the grace period to finish. */
    MHD_socket lfd = MHD_quiesce_daemon(s->daemon);
    if (lfd != MHD_INVALID_SOCKET) close(lfd);
    struct timespec tick = {0, 5 * 1000 * 1000};
    for (unsigned waited = 0; atomic_load(&s->in_flight) > 0 && waited < grace_ms; waited += 5)
        nanosleep(&tick, NULL);
    MHD_stop_daemon(s->daemon);
    /* The pool threads are joined: their Workers can be closed from here. */
    for (unsigned i = 0; i < s->n_workers; i++)
        worker_free(s->workers[i]);
    free(s->workers);
    pthread_mutex_destroy(&s->workers_lock);
    free(s->service_id);
    free(s);
}
