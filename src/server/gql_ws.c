/* gql_ws.c - the three GraphQL-over-WebSocket subprotocols (SIMPLE-API.md §6.1,
 * ERRORS.md §6) on top of ws.c:
 *   graphql-transport-ws  (graphql-ws library): connection_init/ack, subscribe, next,
 *       error, complete, ping/pong; protocol violations close the socket with 4400,
 *       4401, 4403, 4408, 4409, 4429 as that protocol defines;
 *   graphql-ws  (subscriptions-transport-ws): connection_init/ack/error, start, data,
 *       error, complete, stop, connection_terminate, `ka` every keep-alive interval;
 *   graphql-subscriptions  (legacy): init/init_success/init_fail,
 *       subscription_start/success/fail/data/end, keepalive.
 * All run on the WebSocket thread. A subscription is prepared by the executor
 * (exec/subscribe.h) and registered in the hub, which later pushes its events with the
 * per-subscription prefix built here ({"id":..,"type":"next","payload": ...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "server/ws.h"

#define MSG_BEFORE_INIT "You have to send an init message before sending anything else."
#define MSG_BAD_AUTH "No Authorization field was provided in payload."

static void send_buf(WsConn *c, Buf *b)
{
    ws_send(c, b->data, b->len);
}

/* Sends {"type":T} plus an optional "id" (JSON text) and "payload" (JSON text). */
static void send_msg(WsConn *c, const char *id_json, const char *type, const char *payload)
{
    Buf b;
    buf_init(&b, &c->scratch, 128);
    buf_putc(&b, '{');
    if (id_json) buf_printf(&b, "\"id\":%s,", id_json);
    buf_printf(&b, "\"type\":\"%s\"", type);
    if (payload) buf_printf(&b, ",\"payload\":%s", payload);
    buf_putc(&b, '}');
    send_buf(c, &b);
}

/* {"message":M} as JSON text in the scratch arena. */
static const char *message_obj(WsConn *c, const char *msg)
{
    Buf b;
    buf_init(&b, &c->scratch, 64 + strlen(msg));
    buf_puts(&b, "{\"message\":");
    json_put_cstr(&b, msg);
    buf_putc(&b, '}');
    return b.data;
}

/* A subscription could not start: each protocol has its own error shape. */
static void send_sub_error(WsConn *c, const char *id_json, const char *msg)
{
    const char *m = message_obj(c, msg);
    switch (c->proto) {
    case WSP_TRANSPORT:
        send_msg(c, id_json, "error", arena_printf(&c->scratch, "[%s]", m));
        break;
    case WSP_APOLLO:
        send_msg(c, id_json, "error", m);
        break;
    default:
        send_msg(c, id_json, "subscription_fail", arena_printf(&c->scratch, "{\"errors\":[%s]}", m));
        break;
    }
}

/* ---- subscriptions of the connection ---------------------------------------------------- */

static WsSub *find_sub(WsConn *c, const char *id_json)
{
    for (uint32_t i = 0; i < c->n_subs; i++)
        if (!strcmp(c->subs[i].id_json, id_json)) return &c->subs[i];
    return NULL;
}

bool gqlws_has_serial(const WsConn *c, uint64_t serial)
{
    for (uint32_t i = 0; i < c->n_subs; i++)
        if (c->subs[i].serial == serial) return true;
    return false;
}

static void drop_sub(WsConn *c, WsSub *s)
{
    hub_unsubscribe(s->hub);
    free(s->id_json);
    *s = c->subs[--c->n_subs];
}

void gqlws_on_close(WsConn *c)
{
    while (c->n_subs) drop_sub(c, &c->subs[c->n_subs - 1]);
}

/* The JSON text of an id (string or number), or NULL if it is neither. */
static const char *id_text(WsConn *c, json_t *id, bool strings_only)
{
    if (!id || !(json_is_string(id) || (!strings_only && json_is_number(id)))) return NULL;
    char *t = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!t) return NULL;
    const char *r = arena_strdup(&c->scratch, t);
    free(t);
    return r;
}

/* Starts subscription `id_json` with the request in `req` (an object with query,
 * variables, operationName). Errors are answered in the protocol's shape. */
static void start(WsConn *c, const char *id_json, json_t *req)
{
    const WsLimits *lim = ws_limits(c);
    if (c->n_subs >= lim->max_subs) {
        send_sub_error(c, id_json,
                       arena_printf(&c->scratch,
                                    "Too many subscriptions on this connection: the limit is %u.",
                                    lim->max_subs));
        return;
    }
    json_t *q = json_object_get(req, "query");
    json_t *vars = json_object_get(req, "variables");
    json_t *op = json_object_get(req, "operationName");
    if (!json_is_string(q)) {
        send_sub_error(c, id_json, "the GraphQL Query was not valid");
        return;
    }
    json_t *parsed_vars = NULL;
    if (json_is_string(vars)) /* some clients send the variables as JSON text */
        vars = parsed_vars = json_loads(json_string_value(vars), 0, NULL);
    if (vars && !json_is_object(vars)) vars = NULL;
    ExecRequest er = {
        .query = {json_string_value(q), json_string_length(q)},
        .variables = vars,
        .operation_name = json_is_string(op) ? (Str){json_string_value(op), json_string_length(op)}
                                             : STR_NULL,
    };
    Arena *pa = xmalloc(sizeof *pa);
    arena_init(pa, 8192);
    SubPlan plan;
    const char *msg = NULL;
    bool ok = exec_sub_prepare(ws_engine(c), pa, &er, &plan, &msg);
    json_decref(parsed_vars);
    if (!ok) {
        send_sub_error(c, id_json, msg);
        arena_fini(pa);
        free(pa);
        return;
    }
    const char *type = c->proto == WSP_TRANSPORT ? "next"
                       : c->proto == WSP_APOLLO  ? "data"
                                                 : "subscription_data";
    const char *prefix = arena_printf(&c->scratch, "{\"id\":%s,\"type\":\"%s\",\"payload\":",
                                      id_json, type);
    uint64_t serial = ws_next_serial(c);
    Subscriber *hs = hub_subscribe(pa, &plan, ws_push, c, serial, prefix, strlen(prefix), &msg);
    if (!hs) {
        send_sub_error(c, id_json, msg);
        return;
    }
    if (c->n_subs == c->cap_subs) {
        c->cap_subs = c->cap_subs ? 2 * c->cap_subs : 4;
        c->subs = xrealloc(c->subs, c->cap_subs * sizeof *c->subs);
    }
    c->subs[c->n_subs++] = (WsSub){xstrdup(id_json), serial, hs};
    if (c->proto == WSP_LEGACY) send_msg(c, id_json, "subscription_success", NULL);
}

static void stop(WsConn *c, const char *id_json)
{
    WsSub *s = id_json ? find_sub(c, id_json) : NULL;
    if (s) drop_sub(c, s);
}

/* The init payload's Authorization (either spelling) must be a string when present. */
static bool auth_ok(json_t *payload)
{
    if (!json_is_object(payload)) return true;
    json_t *a = json_object_get(payload, "Authorization");
    if (!a) a = json_object_get(payload, "authorization");
    return !a || json_is_string(a);
}

/* ---- graphql-transport-ws ----------------------------------------------------------------- */

static void transport_message(WsConn *c, json_t *m, const char *type)
{
    json_t *payload = json_object_get(m, "payload");
    if (!strcmp(type, "connection_init")) {
        if (c->init_received) {
            ws_close(c, 4429, "Too many initialisation requests");
            return;
        }
        c->init_received = true;
        if (payload && !json_is_object(payload) && !json_is_null(payload)) {
            ws_close(c, 4400, "Invalid message received");
            return;
        }
        if (!auth_ok(payload)) {
            ws_close(c, 4403, MSG_BAD_AUTH);
            return;
        }
        c->acked = true;
        send_msg(c, NULL, "connection_ack", NULL);
    } else if (!strcmp(type, "ping")) {
        send_msg(c, NULL, "pong", NULL);
    } else if (!strcmp(type, "pong")) {
        /* nothing */
    } else if (!strcmp(type, "subscribe")) {
        const char *id = id_text(c, json_object_get(m, "id"), true);
        if (!id || !json_is_object(payload) || !json_is_string(json_object_get(payload, "query"))) {
            ws_close(c, 4400, "Invalid message received");
            return;
        }
        if (!c->acked) {
            ws_close(c, 4401, "Unauthorized");
            return;
        }
        if (find_sub(c, id)) {
            const char *why = arena_printf(&c->scratch, "Subscriber for %s already exists", id);
            ws_close(c, 4409, why);
            return;
        }
        start(c, id, payload);
    } else if (!strcmp(type, "complete")) {
        const char *id = id_text(c, json_object_get(m, "id"), true);
        if (!id) {
            ws_close(c, 4400, "Invalid message received");
            return;
        }
        stop(c, id);
    } else {
        ws_close(c, 4400, "Invalid message received");
    }
}

/* ---- graphql-ws (subscriptions-transport-ws) and legacy ------------------------------------ */

static void apollo_message(WsConn *c, json_t *m, const char *type)
{
    json_t *payload = json_object_get(m, "payload");
    const char *id = id_text(c, json_object_get(m, "id"), false);
    if (!strcmp(type, "connection_init")) {
        if (!auth_ok(payload)) {
            send_msg(c, NULL, "connection_error", message_obj(c, MSG_BAD_AUTH));
            return;
        }
        c->init_received = c->acked = true;
        send_msg(c, NULL, "connection_ack", NULL);
        send_msg(c, NULL, "ka", NULL);
        c->last_ka_ms = ws_now_ms();
        return;
    }
    if (!strcmp(type, "connection_terminate")) {
        ws_close(c, 1000, "connection_terminate");
        return;
    }
    if (!c->acked) {
        send_msg(c, NULL, "connection_error", message_obj(c, MSG_BEFORE_INIT));
        return;
    }
    if (!strcmp(type, "start")) {
        if (!id) {
            send_msg(c, NULL, "error", message_obj(c, "A start message needs an id."));
            return;
        }
        if (!json_is_object(payload)) {
            send_sub_error(c, id, "the GraphQL Query was not valid");
            return;
        }
        stop(c, id); /* a start with an id in use replaces that subscription */
        start(c, id, payload);
    } else if (!strcmp(type, "stop")) {
        if (id && find_sub(c, id)) {
            stop(c, id);
            send_msg(c, id, "complete", NULL);
        }
    } else {
        send_msg(c, id, "error", message_obj(c, "Invalid message type!"));
    }
}

static void legacy_message(WsConn *c, json_t *m, const char *type)
{
    json_t *payload = json_object_get(m, "payload");
    const char *id = id_text(c, json_object_get(m, "id"), false);
    if (!strcmp(type, "init")) {
        if (!auth_ok(payload)) {
            send_msg(c, NULL, "init_fail", arena_printf(&c->scratch, "{\"error\":%s}",
                                                        message_obj(c, MSG_BAD_AUTH)));
            return;
        }
        c->init_received = c->acked = true;
        send_msg(c, NULL, "init_success", NULL);
        c->last_ka_ms = ws_now_ms();
        return;
    }
    if (!c->acked) {
        send_msg(c, NULL, "init_fail",
                 arena_printf(&c->scratch, "{\"error\":%s}", message_obj(c, MSG_BEFORE_INIT)));
        return;
    }
    if (!strcmp(type, "subscription_start")) {
        if (!id) {
            send_msg(c, NULL, "subscription_fail",
                     "{\"errors\":[{\"message\":\"A subscription_start message needs an id.\"}]}");
            return;
        }
        stop(c, id);
        start(c, id, m); /* query, variables, operationName are top-level here */
    } else if (!strcmp(type, "subscription_end")) {
        stop(c, id);
    } else {
        send_msg(c, id, "subscription_fail",
                 "{\"errors\":[{\"message\":\"Invalid message type!\"}]}");
    }
}

void gqlws_on_message(WsConn *c, const char *text, size_t len)
{
    json_error_t je;
    json_t *m = json_loadb(text, len, 0, &je);
    json_t *t = json_is_object(m) ? json_object_get(m, "type") : NULL;
    if (!json_is_string(t)) {
        if (c->proto == WSP_TRANSPORT)
            ws_close(c, 4400, "Invalid message received");
        else if (c->proto == WSP_APOLLO)
            send_msg(c, NULL, "error",
                     message_obj(c, "Invalid message: expected a JSON object with a \"type\"."));
        else
            send_msg(c, NULL, "subscription_fail",
                     "{\"errors\":[{\"message\":\"Invalid message: expected a JSON object with a "
                     "\\\"type\\\".\"}]}");
        json_decref(m);
        return;
    }
    const char *type = json_string_value(t);
    switch (c->proto) {
    case WSP_TRANSPORT: transport_message(c, m, type); break;
    case WSP_APOLLO: apollo_message(c, m, type); break;
    default: legacy_message(c, m, type); break;
    }
    json_decref(m);
}

void gqlws_on_tick(WsConn *c, uint64_t now)
{
    const WsLimits *lim = ws_limits(c);
    if (!c->init_received && lim->init_timeout_ms && now - c->opened_ms >= lim->init_timeout_ms) {
        ws_close(c, 4408, "Connection initialisation timeout");
        return;
    }
    if (!c->acked || c->proto == WSP_TRANSPORT || !lim->keepalive_ms) return;
    if (now - c->last_ka_ms >= lim->keepalive_ms) {
        c->last_ka_ms = now;
        send_msg(c, NULL, c->proto == WSP_APOLLO ? "ka" : "keepalive", NULL);
        arena_reset(&c->scratch);
    }
}
