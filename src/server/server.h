/* server.h - the HTTP front of relata: a libmicrohttpd daemon that serves the Simple API
 * (SIMPLE-API.md §1) for one Engine.
 *
 * The daemon runs its own thread pool; each pool thread lazily opens one Worker (its
 * database connection) on its first request. cli/serve.c starts the server, waits for
 * SIGINT/SIGTERM and stops it. */
#ifndef RELATA_SERVER_SERVER_H
#define RELATA_SERVER_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "exec/exec.h"

typedef struct ServerOptions {
    const char *host;       /* address to bind: IPv4/IPv6 literal or a host name */
    uint16_t port;          /* 0 = any free port (see server_port) */
    const char *service_id; /* the id accepted in /simple/v1/{id} */
    size_t max_body;        /* bytes of request body accepted; larger gets HTTP 413 */
    unsigned max_batch;     /* items in one batched request */
    unsigned threads;       /* size of the thread pool (>= 1) */
} ServerOptions;

#define SERVER_DEFAULT_MAX_BODY (1024 * 1024)
#define SERVER_DEFAULT_MAX_BATCH 100

typedef struct Server Server;

/* Binds and starts serving `e` (borrowed: it must outlive the server). Returns a new
 * Server; free with server_stop. On failure returns NULL and writes a one-line reason
 * into err. */
Server *server_start(Engine *e, const ServerOptions *opts, char *err, size_t errlen);

/* The port actually bound (differs from ServerOptions.port when that was 0). */
uint16_t server_port(const Server *s);

/* Stops accepting connections, lets requests in flight finish (waiting at most
 * `grace_ms`), then closes every connection, frees every Worker and the Server. */
void server_stop(Server *s, unsigned grace_ms);

#endif
