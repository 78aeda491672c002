/* ws.h - WebSocket subscriptions inside src/server/: the handshake helpers used by the
 * HTTP layer (ws_handshake.c), the WebSocket I/O thread (ws.c) and the GraphQL
 * subprotocols spoken on it (gql_ws.c).
 *
 * libmicrohttpd answers the upgrade request (101) and hands over the socket; from then
 * on one thread owns every upgraded socket: it polls them all plus an eventfd that
 * mutating threads poke when the hub has queued messages (sub/hub.h). Framing is
 * wslay's. Each connection has a bounded outgoing queue; a consumer that lets it fill
 * up is closed (1008) instead of slowing anyone else down or growing memory. */
#ifndef RELATA_SERVER_WS_H
#define RELATA_SERVER_WS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>
#include <wslay/wslay.h>

#include "base/arena.h"
#include "exec/exec.h"
#include "sub/hub.h"

/* ---- ws_handshake.c ---------------------------------------------------------------- */

typedef enum WsProto {
    WSP_NONE,
    WSP_TRANSPORT,  /* "graphql-transport-ws": the graphql-ws library */
    WSP_APOLLO,     /* "graphql-ws": subscriptions-transport-ws */
    WSP_LEGACY,     /* "graphql-subscriptions": Graphcool's oldest clients */
} WsProto;

/* The first protocol of a Sec-WebSocket-Protocol value (comma separated, in the client's
 * order of preference) that relata speaks; *name gets its token. WSP_NONE if none. */
WsProto ws_pick_protocol(const char *header, const char **name);

/* Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key + GUID)), 28 chars. */
void ws_accept_key(const char *key, char out[29]);

/* SHA-1 of n bytes (RFC 3174); exposed for tests. */
void ws_sha1(const void *data, size_t n, unsigned char out[20]);
/* Standard base64 with padding; out needs 4*ceil(n/3)+1 bytes. */
void ws_base64(const unsigned char *in, size_t n, char *out);

/* ---- ws.c ---------------------------------------------------------------------------- */

/* Limits (README "Subscriptions"). Defaults, overridable through the environment
 * variables named in ws.c for tests and tuning. */
typedef struct WsLimits {
    size_t queue_messages;   /* outgoing messages waiting per connection (1000) */
    size_t queue_bytes;      /* outgoing bytes waiting per connection (4 MiB) */
    size_t max_message;      /* largest incoming message (1 MiB) */
    unsigned max_subs;       /* subscriptions per connection (100) */
    unsigned keepalive_ms;   /* graphql-ws `ka` / legacy `keepalive` interval (10 s) */
    unsigned init_timeout_ms;/* connection_init must arrive within (10 s) */
} WsLimits;

typedef struct WsLoop WsLoop;

/* One subscription of a connection. */
typedef struct WsSub {
    char *id_json;           /* the client's id as JSON (string or number), heap */
    uint64_t serial;         /* unique in the process: queued messages name it */
    Subscriber *hub;
} WsSub;

/* A message waiting in a connection's queue: prefix + payload + "}". */
typedef struct WsOut {
    struct WsOut *next;
    uint64_t serial;         /* 0: a protocol message (prefix is the whole text) */
    SubBlob *payload;
    size_t prefix_len;
    char prefix[];
} WsOut;

typedef struct WsConn {
    WsLoop *loop;
    int fd;
    struct MHD_UpgradeResponseHandle *urh;
    wslay_event_context_ptr ctx;
    char *extra;             /* bytes MHD read past the HTTP header */
    size_t extra_len, extra_pos;
    Arena scratch;           /* one incoming message at a time */

    /* protocol state (gql_ws.c; loop thread only) */
    WsProto proto;
    bool init_received;      /* connection_init / init seen */
    bool acked;
    uint64_t opened_ms, last_ka_ms;
    WsSub *subs;
    uint32_t n_subs, cap_subs;

    /* closing: no more input is handled; dropped at close_deadline_ms */
    bool closing;
    bool draining;           /* finished; reading and dropping input until EOF */
    uint64_t close_deadline_ms;

    /* outgoing queue, filled by mutating threads through the hub */
    pthread_mutex_t qlock;
    WsOut *qhead, *qtail;
    size_t q_messages, q_bytes;
    bool overflow;           /* the queue overflowed: close 1008 */
    atomic_bool pending;     /* something was queued since the loop last looked */
} WsConn;

/* Starts the I/O thread for engine `e`. NULL with err filled on failure. */
WsLoop *ws_loop_start(const Engine *e, char *err, size_t errlen);
/* Closes every WebSocket (1001 going away), stops the thread, frees everything. */
void ws_loop_stop(WsLoop *l);

/* The closure given to MHD_create_response_for_upgrade for protocol `p`: lives as long
 * as the loop, so no per-request allocation is needed. */
typedef struct WsUpgradeCls {
    WsLoop *loop;
    WsProto proto;
} WsUpgradeCls;
WsUpgradeCls *ws_upgrade_cls(WsLoop *l, WsProto p);

/* ---- ws_http.c ------------------------------------------------------------------------- */

/* True when a request asks for a WebSocket upgrade (Upgrade: websocket). */
bool ws_is_upgrade(struct MHD_Connection *mc);
/* Answers an upgrade request: 101 with the chosen subprotocol, or 400 (no subprotocol
 * relata speaks, bad key) / 426 (WebSocket version) with a JSON error. */
enum MHD_Result ws_answer_upgrade(struct MHD_Connection *mc, WsLoop *l);

/* Hands an upgraded socket to the loop (called from libmicrohttpd's thread). */
void ws_adopt(WsLoop *l, MHD_socket sock, struct MHD_UpgradeResponseHandle *urh,
              const char *extra, size_t extra_len, WsProto proto);

/* For gql_ws.c, on the loop thread: */
const Engine *ws_engine(const WsConn *c);
const WsLimits *ws_limits(const WsConn *c);
uint64_t ws_next_serial(WsConn *c);
uint64_t ws_now_ms(void);
void ws_send(WsConn *c, const char *text, size_t len);
/* Sends a close frame and stops handling input. */
void ws_close(WsConn *c, uint16_t code, const char *reason);
/* The hub's SubPushFn for WebSocket connections. */
void ws_push(void *conn, uint64_t serial, const char *prefix, size_t prefix_len, SubBlob *payload);

/* ---- gql_ws.c -------------------------------------------------------------------------- */

/* One complete text message from the client. */
void gqlws_on_message(WsConn *c, const char *text, size_t len);
/* Timers: keep-alives and the init timeout (called a few times a second). */
void gqlws_on_tick(WsConn *c, uint64_t now_ms);
/* Whether subscription `serial` is still active on c (its queued messages are sent). */
bool gqlws_has_serial(const WsConn *c, uint64_t serial);
/* The connection is going away: drop every subscription. */
void gqlws_on_close(WsConn *c);

#endif
