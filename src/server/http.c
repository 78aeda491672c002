/* http.c - the libmicrohttpd daemon in front of the executor: connection and request
 * life cycle, routing, methods and body limits of SIMPLE-API.md §1 (the answers
 * themselves are written by answer.c).
 *
 * Threads: libmicrohttpd runs a pool of polling threads; a connection stays on one of
 * them, and each thread opens its own Worker (database connection) on first use.
 * Memory: every connection owns an Arena; one request at a time lives in it (HTTP/1.1
 * answers in order) and it is reset once the response has been sent, so the body, the
 * parsed JSON, the executor's allocations and the response buffer all go at once.
 * Request bodies never take more than --max-body bytes of memory: a larger body is
 * read on but dropped (or, for a client waiting on 100-continue or an absurd declared
 * length, refused before reading), and answered with 413; see on_headers. */
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

#define CONN_ARENA_BLOCK (16 * 1024)
/* A connection that needed more than this for one request gives it back afterwards,
 * so idle keep-alive connections do not pin the memory of their largest request. */
#define CONN_ARENA_KEEP (256 * 1024)

/* See discard_limit(). */
#define DISCARD_MIN (64ULL * 1024 * 1024)

typedef enum Route {
    ROUTE_API,             /* /graphql or /simple/v1/{our id} */
    ROUTE_NOT_FOUND,       /* anything else */
    ROUTE_UNKNOWN_SERVICE, /* a Graphcool path with another service id */
} Route;

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
                *rc = answer_post(mc, s, r);
                return true;
            }
            return false;
        }
    }
    buf_init(&r->body, a, clen ? (size_t)declared + 1 : 4096);
    return false;
}

/* Last call for a request: the body (if any) is complete. */
static enum MHD_Result on_complete_request(struct MHD_Connection *mc, Server *s, Req *r)
{
    if (r->reject_status)
        return answer_error(mc, r, r->reject_status, r->reject_message, r->reject_code, false,
                            r->reject_allow ? MHD_HTTP_HEADER_ALLOW : NULL, r->reject_allow);
    if (r->preflight) return answer_preflight(mc, r);
    if (r->is_get) return answer_get(mc, s, r);
    return answer_post(mc, s, r);
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

    /* poll, not epoll (MHD_USE_AUTO picks epoll on Linux): with libmicrohttpd 0.9.75's
     * edge-triggered epoll, a client that closes mid-body is sometimes never noticed, so
     * its request stays in flight until the connection timeout (and holds a shutdown
     * for the whole grace period). tests/e2e/robustness.test.mjs drops 120 bodies. */
    unsigned flags =
        MHD_USE_POLL | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (ai->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
    unsigned threads = o->threads ? o->threads : 1;
    s->daemon = MHD_start_daemon(
        flags, o->port, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log,
        s, /* first, to catch option errors */
        MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(threads > 1 ? threads : 0), MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(128 * 1024), MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120, MHD_OPTION_END);
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
