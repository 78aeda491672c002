/* ws_http.c - the HTTP side of a WebSocket upgrade on /graphql and
 * /subscriptions/v1/{serviceId} (SIMPLE-API.md §6.1): checks the handshake headers,
 * picks the subprotocol, answers 101 through libmicrohttpd's upgrade response and hands
 * the socket to the WebSocket thread. */
#define _GNU_SOURCE /* strcasestr */
#include <string.h>
#include <strings.h>

#include "server/ws.h"

bool ws_is_upgrade(struct MHD_Connection *mc)
{
    const char *up = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_UPGRADE);
    return up && strcasestr(up, "websocket") != NULL;
}

static enum MHD_Result refuse(struct MHD_Connection *mc, unsigned status, const char *json,
                              const char *xname, const char *xvalue)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(json), (void *)json, MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
    if (xname) MHD_add_response_header(r, xname, xvalue);
    enum MHD_Result rc = MHD_queue_response(mc, status, r);
    MHD_destroy_response(r);
    return rc;
}

static void on_upgraded(void *cls, struct MHD_Connection *mc, void *req_cls, const char *extra,
                        size_t extra_len, MHD_socket sock, struct MHD_UpgradeResponseHandle *urh)
{
    (void)mc;
    (void)req_cls;
    WsUpgradeCls *u = cls;
    ws_adopt(u->loop, sock, urh, extra, extra_len, u->proto);
}

enum MHD_Result ws_answer_upgrade(struct MHD_Connection *mc, WsLoop *l)
{
    const char *ver = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Sec-WebSocket-Version");
    if (!ver || strcmp(ver, "13") != 0)
        return refuse(mc, MHD_HTTP_UPGRADE_REQUIRED,
                      "{\"errors\":[{\"message\":\"Unsupported WebSocket version: use 13.\"}]}",
                      "Sec-WebSocket-Version", "13");
    const char *key = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Sec-WebSocket-Key");
    if (!key || strlen(key) != 24)
        return refuse(mc, MHD_HTTP_BAD_REQUEST,
                      "{\"errors\":[{\"message\":\"Missing or invalid Sec-WebSocket-Key.\"}]}",
                      NULL, NULL);
    const char *name;
    WsProto p = ws_pick_protocol(
        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Sec-WebSocket-Protocol"), &name);
    if (p == WSP_NONE || !l)
        return refuse(mc, MHD_HTTP_BAD_REQUEST,
                      "{\"errors\":[{\"message\":\"Unsupported WebSocket subprotocol: offer "
                      "graphql-transport-ws, graphql-ws or graphql-subscriptions in "
                      "Sec-WebSocket-Protocol.\"}]}",
                      NULL, NULL);
    char accept[29];
    ws_accept_key(key, accept);
    struct MHD_Response *r = MHD_create_response_for_upgrade(on_upgraded, ws_upgrade_cls(l, p));
    if (!r) return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_UPGRADE, "websocket");
    MHD_add_response_header(r, "Sec-WebSocket-Accept", accept);
    MHD_add_response_header(r, "Sec-WebSocket-Protocol", name);
    enum MHD_Result rc = MHD_queue_response(mc, MHD_HTTP_SWITCHING_PROTOCOLS, r);
    MHD_destroy_response(r);
    return rc;
}
