/* hub.h - the process's subscription hub (SIMPLE-API.md §6): who is subscribed to what,
 * and the path of an event from a committed mutation to the connections' queues.
 *
 * Subscriptions are grouped by (model, normalised filter, selection): equal
 * subscriptions share one group, and an event is matched and rendered once per group,
 * however many connections hold it. A connection is anything that can take a message
 * (SubPushFn); the WebSocket layer (server/ws.c) is the only one today.
 *
 * Events travel in three steps, so that they reflect committed state and arrive in
 * commit order (see mutate/mutate.c):
 *   1. while the mutation writes, sub_event_*() record what happened (previous values
 *      are captured before the row changes);
 *   2. just before COMMIT, sub_prepare() matches every event against every group of its
 *      model (filters with `node` conditions: one SQL statement per event and distinct
 *      filter, on the mutating connection, so it sees the state after the mutation) and
 *      renders one payload per matching group;
 *   3. under sub_commit_lock(), COMMIT, then sub_deliver() pushes the payloads.
 * A rolled-back mutation calls sub_discard() instead: nothing is sent.
 *
 * event_publish() is steps 2+3 for events that did not come from this process's own
 * transaction; it is the seam for a future PostgreSQL LISTEN/NOTIFY bus. */
#ifndef RELATA_SUB_HUB_H
#define RELATA_SUB_HUB_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "exec/exec.h"
#include "exec/subscribe.h"
#include "store/store.h"

/* A rendered payload shared by every queue it is pushed to (reference counted). */
typedef struct SubBlob {
    atomic_int refs;
    size_t len;
    char data[];
} SubBlob;

SubBlob *sub_blob_new(const char *data, size_t len); /* refs = 1 */
SubBlob *sub_blob_ref(SubBlob *b);
void sub_blob_unref(SubBlob *b);

/* Called with the hub lock held, from a mutating thread: queue `prefix` + payload + "}"
 * for subscription `serial` of `conn`. Must not block and must not call back into the
 * hub; it takes its own reference on `payload` if it keeps it. */
typedef void (*SubPushFn)(void *conn, uint64_t serial, const char *prefix, size_t prefix_len,
                          SubBlob *payload);

typedef struct Subscriber Subscriber;

/* Starts the process-wide hub for engine `e` (borrowed); one engine per process. Calls
 * are counted: the hub goes when hub_stop has been called as often as hub_start. */
void hub_start(const Engine *e);
/* Stops it (the last call frees it; every subscriber must have been removed). */
void hub_stop(void);

/* Registers a prepared subscription. `plan_arena` (heap-allocated, holding `plan`) is
 * taken over: kept by a new group or freed when an equal group already exists.
 * Messages go to push(conn, serial, prefix, ...). Returns NULL with *msg set when the
 * filter cannot be evaluated (e.g. a to-many relation filtered by null). */
Subscriber *hub_subscribe(Arena *plan_arena, const SubPlan *plan, SubPushFn push, void *conn,
                          uint64_t serial, const char *prefix, size_t prefix_len,
                          const char **msg);
/* Removes a subscriber; after it returns no push for it is in progress or will come. */
void hub_unsubscribe(Subscriber *s);

/* Number of groups / subscribers (tests, logs). */
void hub_counts(unsigned *groups, unsigned *subscribers);

/* ---- publishing (mutate/) -------------------------------------------------------- */

typedef struct SubEvents SubEvents;
typedef struct SubPrepared SubPrepared;

/* The event recorder of one mutation, in arena `a`; NULL when no hub runs or nobody is
 * subscribed to anything (then the sub_event_* calls are no-ops). */
SubEvents *sub_events_begin(Arena *a);
/* Record events. _updated and _deleted must be called BEFORE the row is written: they
 * capture the previous values. `fields` are the updated scalar field names (any order;
 * sorted here). */
void sub_event_created(SubEvents *ev, const Model *m, Str id);
void sub_event_updated(SubEvents *ev, StoreConn *c, const Model *m, Str id,
                       const char *const *fields, uint32_t n_fields);
void sub_event_deleted(SubEvents *ev, StoreConn *c, const Model *m, Str id);

/* Step 2: matches and renders (NULL when there is nothing to deliver). */
SubPrepared *sub_prepare(SubEvents *ev, StoreConn *c);
/* Step 3. */
void sub_commit_lock(void);
void sub_commit_unlock(void);
void sub_deliver(SubPrepared *p);
void sub_discard(SubPrepared *p);

/* Matches, renders and delivers events whose transaction is already committed. */
void event_publish(SubEvents *ev, StoreConn *c);

#endif
