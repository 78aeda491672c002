/* ws.c - the WebSocket I/O thread: every upgraded socket, framed by wslay, polled by one
 * thread together with an eventfd.
 *
 * Who touches what: libmicrohttpd's threads only hand sockets over (ws_adopt: a locked
 * list + eventfd); mutating threads only append to a connection's queue (ws_push, with
 * the connection's queue lock, then eventfd); everything else - reading, protocol
 * state, wslay, closing - happens on this thread. A connection is freed only here and
 * only after its subscriptions left the hub, so a push never sees a freed connection.
 *
 * Back-pressure: the thread moves queued messages into wslay only while wslay holds
 * fewer than WS_WSLAY_WINDOW of them, so a client that does not read leaves them in the
 * bounded queue, which then overflows and the client is closed with 1008. Memory per
 * connection is therefore bounded by the limits, and no mutation ever waits.
 *
 * Memory: queue entries (WsOut) and the payloads they share (SubBlob) are heap objects,
 * not arena allocations: they are made on a mutating thread and freed on this one. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "server/ws.h"

#define WS_WSLAY_WINDOW 32
#define WS_CLOSE_GRACE_MS 2000
/* A slow consumer's close frame waits behind what its socket already holds; its queue
 * is gone by then, so it can be given longer to read it and learn why. */
#define WS_SLOW_CLOSE_GRACE_MS 10000

struct WsLoop {
    const Engine *engine;
    WsLimits limits;
    pthread_t thread;
    int evfd;
    atomic_bool stop;
    pthread_mutex_t lock;        /* `adopted` */
    WsConn **adopted;
    uint32_t n_adopted, cap_adopted;
    WsConn **conns;              /* loop thread only */
    uint32_t n_conns, cap_conns;
    uint64_t next_serial;
    Buf out;                     /* assembling one outgoing message */
    WsUpgradeCls cls[4];         /* per WsProto */
    Arena out_arena;
};

uint64_t ws_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

WsUpgradeCls *ws_upgrade_cls(WsLoop *l, WsProto p) { return &l->cls[p]; }
const Engine *ws_engine(const WsConn *c) { return c->loop->engine; }
const WsLimits *ws_limits(const WsConn *c) { return &c->loop->limits; }
uint64_t ws_next_serial(WsConn *c) { return ++c->loop->next_serial; }

static void wake(WsLoop *l)
{
    uint64_t one = 1;
    ssize_t r = write(l->evfd, &one, sizeof one);
    (void)r; /* a full counter means the loop is awake anyway */
}

/* ---- sending ---------------------------------------------------------------------------- */

void ws_send(WsConn *c, const char *text, size_t len)
{
    if (c->closing) return;
    struct wslay_event_msg m = {WSLAY_TEXT_FRAME, (const uint8_t *)text, len};
    wslay_event_queue_msg(c->ctx, &m);
}

void ws_close(WsConn *c, uint16_t code, const char *reason)
{
    if (c->closing) return;
    wslay_event_queue_close(c->ctx, code, (const uint8_t *)reason, reason ? strlen(reason) : 0);
    c->closing = true;
    c->close_deadline_ms = ws_now_ms() + WS_CLOSE_GRACE_MS;
}

static void free_queue(WsOut *o)
{
    while (o) {
        WsOut *next = o->next;
        sub_blob_unref(o->payload);
        free(o);
        o = next;
    }
}

void ws_push(void *conn, uint64_t serial, const char *prefix, size_t prefix_len, SubBlob *payload)
{
    WsConn *c = conn;
    WsLoop *l = c->loop;
    size_t len = prefix_len + payload->len + 1;
    pthread_mutex_lock(&c->qlock);
    if (c->overflow) {
        pthread_mutex_unlock(&c->qlock);
        return;
    }
    if (c->q_messages + 1 > l->limits.queue_messages || c->q_bytes + len > l->limits.queue_bytes) {
        /* a slow consumer: drop what waits and let the loop close it */
        c->overflow = true;
        free_queue(c->qhead);
        c->qhead = c->qtail = NULL;
        c->q_messages = c->q_bytes = 0;
    } else {
        WsOut *o = xmalloc(sizeof *o + prefix_len);
        o->next = NULL;
        o->serial = serial;
        o->payload = sub_blob_ref(payload);
        o->prefix_len = prefix_len;
        memcpy(o->prefix, prefix, prefix_len);
        if (c->qtail)
            c->qtail->next = o;
        else
            c->qhead = o;
        c->qtail = o;
        c->q_messages++;
        c->q_bytes += len;
    }
    pthread_mutex_unlock(&c->qlock);
    if (!atomic_exchange(&c->pending, true)) wake(l);
}

/* Moves queued messages into wslay, keeping at most WS_WSLAY_WINDOW there. */
static void flush_queue(WsConn *c)
{
    WsLoop *l = c->loop;
    atomic_store(&c->pending, false);
    for (;;) {
        if (c->closing) return;
        if (wslay_event_get_queued_msg_count(c->ctx) >= WS_WSLAY_WINDOW) {
            /* more is waiting: look again once wslay has sent some */
            atomic_store(&c->pending, true);
            return;
        }
        pthread_mutex_lock(&c->qlock);
        if (c->overflow) {
            pthread_mutex_unlock(&c->qlock);
            char reason[96];
            snprintf(reason, sizeof reason, "Slow consumer: more than %zu messages or %zu bytes waiting",
                     l->limits.queue_messages, l->limits.queue_bytes);
            ws_close(c, 1008, reason);
            c->close_deadline_ms = ws_now_ms() + WS_SLOW_CLOSE_GRACE_MS;
            return;
        }
        WsOut *o = c->qhead;
        if (o) {
            c->qhead = o->next;
            if (!c->qhead) c->qtail = NULL;
            c->q_messages--;
            c->q_bytes -= o->prefix_len + o->payload->len + 1;
        }
        pthread_mutex_unlock(&c->qlock);
        if (!o) return;
        /* a message for a subscription stopped meanwhile is dropped */
        if (gqlws_has_serial(c, o->serial)) {
            buf_clear(&l->out);
            buf_put(&l->out, o->prefix, o->prefix_len);
            buf_put(&l->out, o->payload->data, o->payload->len);
            buf_putc(&l->out, '}');
            ws_send(c, l->out.data, l->out.len);
        }
        sub_blob_unref(o->payload);
        free(o);
    }
}

/* ---- wslay callbacks ----------------------------------------------------------------------- */

static ssize_t on_recv(wslay_event_context_ptr ctx, uint8_t *buf, size_t len, int flags, void *ud)
{
    (void)flags;
    WsConn *c = ud;
    if (c->extra_pos < c->extra_len) {
        size_t n = c->extra_len - c->extra_pos;
        if (n > len) n = len;
        memcpy(buf, c->extra + c->extra_pos, n);
        c->extra_pos += n;
        return (ssize_t)n;
    }
    ssize_t r;
    do r = recv(c->fd, buf, len, 0);
    while (r < 0 && errno == EINTR);
    if (r > 0) return r;
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        wslay_event_set_error(ctx, WSLAY_ERR_WOULDBLOCK);
    else
        wslay_event_set_error(ctx, WSLAY_ERR_CALLBACK_FAILURE);
    return -1;
}

static ssize_t on_send(wslay_event_context_ptr ctx, const uint8_t *data, size_t len, int flags,
                       void *ud)
{
    (void)flags;
    WsConn *c = ud;
    ssize_t r;
    do r = send(c->fd, data, len, MSG_NOSIGNAL);
    while (r < 0 && errno == EINTR);
    if (r >= 0) return r;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
        wslay_event_set_error(ctx, WSLAY_ERR_WOULDBLOCK);
    else
        wslay_event_set_error(ctx, WSLAY_ERR_CALLBACK_FAILURE);
    return -1;
}

static void on_msg(wslay_event_context_ptr ctx, const struct wslay_event_on_msg_recv_arg *arg,
                   void *ud)
{
    (void)ctx;
    WsConn *c = ud;
    if (c->closing) return;
    if (arg->opcode == WSLAY_TEXT_FRAME) {
        gqlws_on_message(c, (const char *)arg->msg, arg->msg_length);
        arena_reset(&c->scratch);
    } else if (arg->opcode == WSLAY_BINARY_FRAME) {
        ws_close(c, 1003, "Only text messages are accepted");
    }
    /* ping/pong/close frames are answered by wslay itself */
}

/* ---- connections ---------------------------------------------------------------------------- */

static void conn_free(WsConn *c)
{
    gqlws_on_close(c); /* leaves the hub: no push can reach c after this */
    free_queue(c->qhead);
    pthread_mutex_destroy(&c->qlock);
    if (c->ctx) wslay_event_context_free(c->ctx);
    MHD_upgrade_action(c->urh, MHD_UPGRADE_ACTION_CLOSE);
    arena_fini(&c->scratch);
    free(c->extra);
    free(c->subs);
    free(c);
}

void ws_adopt(WsLoop *l, MHD_socket sock, struct MHD_UpgradeResponseHandle *urh,
              const char *extra, size_t extra_len, WsProto proto)
{
    WsConn *c = xcalloc(1, sizeof *c);
    c->loop = l;
    c->fd = sock;
    c->urh = urh;
    c->proto = proto;
    if (extra_len) {
        c->extra = xmalloc(extra_len);
        memcpy(c->extra, extra, extra_len);
        c->extra_len = extra_len;
    }
    arena_init(&c->scratch, 4096);
    pthread_mutex_init(&c->qlock, NULL);
    atomic_init(&c->pending, false);
    c->opened_ms = c->last_ka_ms = ws_now_ms();
    int fl = fcntl(sock, F_GETFL, 0);
    if (fl >= 0) fcntl(sock, F_SETFL, fl | O_NONBLOCK);
    struct wslay_event_callbacks cb = {.recv_callback = on_recv, .send_callback = on_send,
                                       .on_msg_recv_callback = on_msg};
    wslay_event_context_server_init(&c->ctx, &cb, c);
    wslay_event_config_set_max_recv_msg_length(c->ctx, l->limits.max_message);

    pthread_mutex_lock(&l->lock);
    if (atomic_load(&l->stop)) {
        pthread_mutex_unlock(&l->lock);
        conn_free(c);
        return;
    }
    if (l->n_adopted == l->cap_adopted) {
        l->cap_adopted = l->cap_adopted ? 2 * l->cap_adopted : 16;
        l->adopted = xrealloc(l->adopted, l->cap_adopted * sizeof *l->adopted);
    }
    l->adopted[l->n_adopted++] = c;
    pthread_mutex_unlock(&l->lock);
    wake(l);
}

static void take_adopted(WsLoop *l)
{
    pthread_mutex_lock(&l->lock);
    for (uint32_t i = 0; i < l->n_adopted; i++) {
        if (l->n_conns == l->cap_conns) {
            l->cap_conns = l->cap_conns ? 2 * l->cap_conns : 16;
            l->conns = xrealloc(l->conns, l->cap_conns * sizeof *l->conns);
        }
        l->conns[l->n_conns++] = l->adopted[i];
    }
    l->n_adopted = 0;
    pthread_mutex_unlock(&l->lock);
}

typedef enum Turn {
    TURN_KEEP,   /* still open */
    TURN_DONE,   /* the WebSocket is finished: drain the socket, then free */
    TURN_DEAD,   /* the socket failed or the peer went away: free now */
} Turn;

/* A finished connection may still have unread input (e.g. the rest of a message that
 * was too large); closing a socket with unread input resets it, and the peer would
 * never see our close frame. So the write side is shut down and input is read and
 * dropped until the peer closes too, for at most WS_CLOSE_GRACE_MS. */
static Turn drain(WsConn *c, uint64_t now)
{
    char sink[4096];
    for (;;) {
        ssize_t r = recv(c->fd, sink, sizeof sink, 0);
        if (r > 0) continue;
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return now >= c->close_deadline_ms ? TURN_DEAD : TURN_KEEP;
        return TURN_DEAD;
    }
}

/* One connection's turn: input, timers, queue, output. */
static Turn service(WsConn *c, short revents, uint64_t now)
{
    if (c->draining) return drain(c, now);
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
        if (wslay_event_recv(c->ctx) != 0) return TURN_DEAD;
    }
    if (!c->closing) gqlws_on_tick(c, now);
    /* (an overflow always sets `pending` too; flush_queue reads it under the lock) */
    if (atomic_load(&c->pending)) flush_queue(c);
    if (wslay_event_want_write(c->ctx) && wslay_event_send(c->ctx) != 0) return TURN_DEAD;
    /* what wslay sent made room for more */
    if (atomic_load(&c->pending) && !c->closing) {
        flush_queue(c);
        if (wslay_event_want_write(c->ctx) && wslay_event_send(c->ctx) != 0) return TURN_DEAD;
    }
    if (c->closing && now >= c->close_deadline_ms) return TURN_DEAD;
    if (wslay_event_want_read(c->ctx) || wslay_event_want_write(c->ctx)) return TURN_KEEP;
    return TURN_DONE;
}

static unsigned tick_ms(const WsLimits *lim)
{
    unsigned t = 250;
    if (lim->keepalive_ms / 2 && lim->keepalive_ms / 2 < t) t = lim->keepalive_ms / 2;
    if (lim->init_timeout_ms / 2 && lim->init_timeout_ms / 2 < t) t = lim->init_timeout_ms / 2;
    return t ? t : 1;
}

static void *loop_main(void *arg)
{
    WsLoop *l = arg;
    struct pollfd *fds = NULL;
    uint32_t cap = 0;
    unsigned tick = tick_ms(&l->limits);
    while (!atomic_load(&l->stop)) {
        take_adopted(l);
        if (cap < l->n_conns + 1) {
            cap = 2 * (l->n_conns + 1);
            fds = xrealloc(fds, cap * sizeof *fds);
        }
        fds[0] = (struct pollfd){.fd = l->evfd, .events = POLLIN};
        for (uint32_t i = 0; i < l->n_conns; i++) {
            WsConn *c = l->conns[i];
            short ev = 0;
            if (c->draining || wslay_event_want_read(c->ctx)) ev |= POLLIN;
            if (!c->draining && wslay_event_want_write(c->ctx)) ev |= POLLOUT;
            fds[i + 1] = (struct pollfd){.fd = c->fd, .events = ev};
        }
        int n = poll(fds, l->n_conns + 1, (int)tick);
        if (n < 0 && errno != EINTR) break;
        if (fds[0].revents & POLLIN) {
            uint64_t v;
            ssize_t r = read(l->evfd, &v, sizeof v);
            (void)r;
        }
        uint64_t now = ws_now_ms();
        uint32_t kept = 0;
        for (uint32_t i = 0; i < l->n_conns; i++) {
            WsConn *c = l->conns[i];
            short rev = n > 0 ? fds[i + 1].revents : 0;
            Turn t = service(c, rev, now);
            if (t == TURN_DONE) {
                /* leave the hub now; the socket lingers only to be drained */
                gqlws_on_close(c);
                shutdown(c->fd, SHUT_WR);
                c->draining = true;
                c->closing = true;
                c->close_deadline_ms = now + WS_CLOSE_GRACE_MS;
                t = drain(c, now);
            }
            if (t == TURN_KEEP)
                l->conns[kept++] = c;
            else
                conn_free(c);
        }
        l->n_conns = kept;
    }
    free(fds);
    return NULL;
}

/* ---- start and stop ----------------------------------------------------------------------- */

static size_t env_size(const char *name, size_t dflt)
{
    const char *v = getenv(name);
    if (!v || !*v) return dflt;
    char *end;
    unsigned long long x = strtoull(v, &end, 10);
    return *end || x == 0 ? dflt : (size_t)x;
}

WsLoop *ws_loop_start(const Engine *e, char *err, size_t errlen)
{
    WsLoop *l = xcalloc(1, sizeof *l);
    l->engine = e;
    l->limits = (WsLimits){
        .queue_messages = env_size("RELATA_WS_QUEUE_MESSAGES", 1000),
        .queue_bytes = env_size("RELATA_WS_QUEUE_BYTES", 4u << 20),
        .max_message = env_size("RELATA_WS_MAX_MESSAGE", 1u << 20),
        .max_subs = (unsigned)env_size("RELATA_WS_MAX_SUBSCRIPTIONS", 100),
        .keepalive_ms = (unsigned)env_size("RELATA_WS_KEEPALIVE_MS", 10000),
        .init_timeout_ms = (unsigned)env_size("RELATA_WS_INIT_TIMEOUT_MS", 10000),
    };
    for (int p = 0; p < 4; p++) l->cls[p] = (WsUpgradeCls){l, (WsProto)p};
    l->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (l->evfd < 0) {
        snprintf(err, errlen, "eventfd: %s", strerror(errno));
        free(l);
        return NULL;
    }
    pthread_mutex_init(&l->lock, NULL);
    atomic_init(&l->stop, false);
    arena_init(&l->out_arena, 4096);
    buf_init(&l->out, &l->out_arena, 4096);
    if (pthread_create(&l->thread, NULL, loop_main, l) != 0) {
        snprintf(err, errlen, "cannot start the WebSocket thread");
        close(l->evfd);
        pthread_mutex_destroy(&l->lock);
        arena_fini(&l->out_arena);
        free(l);
        return NULL;
    }
    return l;
}

void ws_loop_stop(WsLoop *l)
{
    if (!l) return;
    pthread_mutex_lock(&l->lock);
    atomic_store(&l->stop, true);
    pthread_mutex_unlock(&l->lock);
    wake(l);
    pthread_join(l->thread, NULL);
    take_adopted(l);
    /* A last close frame, sent best-effort without waiting for the answer. */
    for (uint32_t i = 0; i < l->n_conns; i++) {
        WsConn *c = l->conns[i];
        ws_close(c, 1001, "Server shutting down");
        wslay_event_send(c->ctx);
        conn_free(c);
    }
    free(l->conns);
    free(l->adopted);
    close(l->evfd);
    pthread_mutex_destroy(&l->lock);
    arena_fini(&l->out_arena);
    free(l);
}
