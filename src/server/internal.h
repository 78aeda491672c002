/* internal.h - pieces of the HTTP layer shared inside src/server/ (and by its unit
 * tests): reading a request body or GET parameters into ExecRequests (body.c), the
 * header parsing behind content negotiation (media.c) and the playground page. */
#ifndef RELATA_SERVER_INTERNAL_H
#define RELATA_SERVER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "exec/exec.h"

/* ---- body.c ---------------------------------------------------------------------- */

/* One GraphQL request read from HTTP. When `error` is set the request is not executed:
 * it is answered with that request error (no "data" key) instead. */
typedef struct BodyItem {
    ExecRequest req;   /* query, variables, operation name; via_get/request_id are the
                          caller's to fill */
    const char *error; /* e.g. "Variables could not be parsed as json: ..." or NULL */
    int error_code;    /* Graphcool code of `error` (3024), 0 if none */
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

/* ---- media.c --------------------------------------------------------------------- */

/* True when an Accept header value asks for application/graphql-response+json in
 * preference to application/json (GraphQL over HTTP). NULL, wildcards only or a plain
 * application/json keep the legacy application/json answers. */
bool media_wants_graphql_response(const char *accept);

/* True when an Accept header lists text/html (a browser navigating to the endpoint). */
bool media_accepts_html(const char *accept);

typedef enum MediaBody {
    MEDIA_BODY_JSON,    /* application/json, or no Content-Type at all */
    MEDIA_BODY_GRAPHQL, /* application/graphql: the body is the query text */
    MEDIA_BODY_OTHER,   /* anything else: HTTP 415 */
} MediaBody;

/* Classifies a Content-Type header value (parameters such as charset are ignored). */
MediaBody media_body_kind(const char *content_type);

/* ---- playground.c ---------------------------------------------------------------- */

/* The static playground page (HTML); sets *len to its length. */
const char *playground_html(size_t *len);

#endif
