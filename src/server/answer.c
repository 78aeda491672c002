/* answer.c - the answers of the API: runs the GraphQL requests of one HTTP request on
 * the calling thread's Worker and picks status and media type (SIMPLE-API.md §1.4),
 * writes the JSON error bodies of ERRORS.md §1.2 and the CORS preflight. Every answer
 * carries the Request-Id and CORS headers (credentialed requests allowed: the Origin is
 * echoed with Access-Control-Allow-Credentials, as Graphcool's permissive CORS did).
 *
 * Response bodies live in the connection arena, which http.c resets only once the
 * response has been sent, so they are handed to libmicrohttpd without a copy. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

#include "base/buf.h"
#include "server/internal.h"

/* The Worker of the calling pool thread, tagged with its server so a stale value from
 * an earlier server in the same process (tests) is never used. */
static __thread Server *tls_server;
static __thread Worker *tls_worker;

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
        MHD_add_response_header(resp, "Access-Control-Allow-Credentials", "true");
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
enum MHD_Result answer_error(struct MHD_Connection *mc, Req *r, unsigned status,
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
    return answer_error(mc, r, MHD_HTTP_INTERNAL_SERVER_ERROR, msg, 0, true, NULL, NULL);
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
        if (it->error_ext_code) {
            buf_puts(out, ",\"extensions\":{\"code\":");
            json_put_cstr(out, it->error_ext_code);
            buf_putc(out, '}');
        }
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
        apq_resolve(&s->apq, a, &items[i]);
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
enum MHD_Result answer_get(struct MHD_Connection *mc, Server *s, Req *r)
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
    body_extensions_from_text(&r->conn->arena,
                              MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, "extensions"),
                              it);
    return answer_graphql(mc, s, r, it, 1, false, true);
}

/* POST, once the whole body is in. */
enum MHD_Result answer_post(struct MHD_Connection *mc, Server *s, Req *r)
{
    Arena *a = &r->conn->arena;
    if (r->too_large) {
        const char *msg =
            arena_printf(a, "Request body too large: the limit is %zu bytes", s->max_body);
        return answer_error(mc, r, MHD_HTTP_CONTENT_TOO_LARGE, msg, 0, false, NULL, NULL);
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
        return answer_error(mc, r, MHD_HTTP_BAD_REQUEST, body.invalid, 0, false, NULL, NULL);
    if (body.batch && body.n == 0)
        return respond(mc, r, MHD_HTTP_OK, reply_type(r), "[]", 2, NULL, NULL);
    return answer_graphql(mc, s, r, body.items, body.n, body.batch, false);
}

/* Answers an OPTIONS request: permissive CORS, like Graphcool. */
enum MHD_Result answer_preflight(struct MHD_Connection *mc, Req *r)
{
    const char *req_headers =
        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Access-Control-Request-Headers");
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    const char *origin = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Origin");
    MHD_add_response_header(resp, "Access-Control-Allow-Origin", origin && *origin ? origin : "*");
    if (origin && *origin) {
        /* A browser app fetching with credentials: 'include' (cookies, or Apollo's
         * HttpLink configured so) is refused by the browser unless this is "true";
         * echoing the Origin instead of "*" is what makes it allowed. */
        MHD_add_response_header(resp, "Access-Control-Allow-Credentials", "true");
        MHD_add_response_header(resp, "Vary", "Origin");
    }
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
