/* internal.h - pieces of the HTTP layer shared inside src/server/ (and by its unit
 * tests): the server, connection and request state (http.c), the answers (answer.c),
 * reading a request body or GET parameters into ExecRequests (body.c), the header
 * parsing behind content negotiation (media.c) and the playground page. */
#ifndef RELATA_SERVER_INTERNAL_H
#define RELATA_SERVER_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "exec/exec.h"
#include "server/server.h"

/* ---- media.c (types) ------------------------------------------------------------- */

typedef enum MediaBody {
    MEDIA_BODY_JSON,    /* application/json, or no Content-Type at all */
    MEDIA_BODY_GRAPHQL, /* application/graphql: the body is the query text */
    MEDIA_BODY_OTHER,   /* anything else: HTTP 415 */
} MediaBody;

/* ---- apq.c (types) --------------------------------------------------------------- */

/* The automatic persisted queries of every client: sha256 hex -> query text. */
typedef struct ApqCache {
    pthread_mutex_t lock;
    Arena arena; /* the map and the stored texts; reset when it grows too large */
    Map map;     /* 64 lower-case hex digits -> Str (the query text) */
} ApqCache;

/* ---- http.c: state -------------------------------------------------------------- */

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
    struct WsLoop *ws; /* WebSocket subscriptions (ws.c) */
    ApqCache apq;      /* persisted queries, shared by the pool threads */
};

/* Per connection (socket context). */
typedef struct Conn {
    Arena arena; /* request lifetime, reset after each response */
} Conn;

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
    bool ws_upgrade;          /* GET with Upgrade: websocket (ws_http.c) */
} Req;

/* ---- answer.c ------------------------------------------------------------------- */

/* Each queues the response for request `r` on `mc` (libmicrohttpd's result). */

/* {"errors":[{"message":..., "code":...}]} with `status` (code 0 = none); with_id adds
 * requestId. xname/xvalue: one extra header (e.g. Allow), or NULL. */
enum MHD_Result answer_error(struct MHD_Connection *mc, Req *r, unsigned status,
                             const char *message, int code, bool with_id, const char *xname,
                             const char *xvalue);
/* GET/HEAD: the query from the URL, or the playground page for a browser. */
enum MHD_Result answer_get(struct MHD_Connection *mc, Server *s, Req *r);
/* POST with the whole body in r->body (or 413 when r->too_large). */
enum MHD_Result answer_post(struct MHD_Connection *mc, Server *s, Req *r);
/* OPTIONS: the CORS preflight. */
enum MHD_Result answer_preflight(struct MHD_Connection *mc, Req *r);

/* ---- body.c ---------------------------------------------------------------------- */

/* One GraphQL request read from HTTP. When `error` is set the request is not executed:
 * it is answered with that request error (no "data" key) instead. */
typedef struct BodyItem {
    ExecRequest req;   /* query, variables, operation name; via_get/request_id are the
                          caller's to fill */
    const char *error; /* e.g. "Variables could not be parsed as json: ..." or NULL */
    int error_code;    /* Graphcool code of `error` (3024), 0 if none */
    const char *error_ext_code; /* extensions.code of `error` (persisted queries), or NULL */
    bool apq;                   /* extensions.persistedQuery was sent (see apq.c) */
    int apq_version;            /* its version (only 1 is known) */
    Str apq_hash;               /* its sha256Hash, as sent */
} BodyItem;

typedef struct Body {
    bool batch; /* the body was a JSON array: the answer is an array too */
    BodyItem *items;
    unsigned n;
    const char *invalid; /* set: the body is unusable; the message for an HTTP 400 */
} Body;

/* Parses an application/json body: one request object or an array of at most
 * `max_batch` of them (SIMPLE-API.md §1.2, §1.3). Allocates from `a`; the jansson
 * trees the items borrow are released when `a` is reset. Returns false with
 * out->invalid set when the body is not JSON, not an object/array, an array item is
 * not an object, or the batch is too large. */
bool body_parse_json(Arena *a, const char *data, size_t len, unsigned max_batch, Body *out);

/* Fills one request from separate strings (GET parameters, or an application/graphql
 * body plus URL parameters). NULL means absent; `variables` is JSON text. */
void body_from_params(Arena *a, const char *query, size_t query_len, const char *variables,
                      const char *operation_name, BodyItem *out);

/* Reads `extensions.persistedQuery` from the JSON text of a GET request's extensions
 * parameter into `out` (text that is not a JSON object is ignored). */
void body_extensions_from_text(Arena *a, const char *text, BodyItem *out);

/* ---- apq.c ----------------------------------------------------------------------- */

void apq_init(ApqCache *c);
void apq_fini(ApqCache *c);

/* Applies the persisted-query protocol to a request that carried
 * extensions.persistedQuery: a hash alone is replaced by the stored query text (copied
 * into `a`) or answered with PersistedQueryNotFound; a query with a hash is verified
 * against it and stored. Sets it->error on failure; no-op for other requests. */
void apq_resolve(ApqCache *c, Arena *a, BodyItem *it);

/* ---- media.c --------------------------------------------------------------------- */

/* True when an Accept header value asks for application/graphql-response+json in
 * preference to application/json (GraphQL over HTTP). NULL, wildcards only or a plain
 * application/json keep the legacy application/json answers. */
bool media_wants_graphql_response(const char *accept);

/* True when an Accept header lists text/html (a browser navigating to the endpoint). */
bool media_accepts_html(const char *accept);

/* Classifies a Content-Type header value (parameters such as charset are ignored). */
MediaBody media_body_kind(const char *content_type);

/* ---- playground.c ---------------------------------------------------------------- */

/* The static playground page (HTML); sets *len to its length. */
const char *playground_html(size_t *len);

#endif
