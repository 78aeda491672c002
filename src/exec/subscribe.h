/* subscribe.h - the executor's side of subscriptions (SIMPLE-API.md §6): turning a
 * subscription document into a plan that lives as long as the subscription, and
 * executing its selection on one event (the <M>SubscriptionPayload value of §6.4).
 *
 * Matching an event against the filter is src/sub/'s job; this only prepares and
 * renders. */
#ifndef RELATA_EXEC_SUBSCRIBE_H
#define RELATA_EXEC_SUBSCRIBE_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"
#include "exec/exec.h"
#include "exec/plan.h"
#include "store/store.h"

typedef enum SubKind { SUB_CREATED, SUB_UPDATED, SUB_DELETED } SubKind;

/* "CREATED", "UPDATED", "DELETED". */
const char *sub_kind_name(SubKind k);

/* A prepared subscription: the one root field Subscription.<M>(filter:) with its coerced
 * filter and collected selection. Everything is in the arena given to exec_sub_prepare
 * (the query text included), so the plan lives exactly as long as that arena. */
typedef struct SubPlan {
    const Model *model;
    const PlanField *root;   /* key = response key of the root field, sel = the payload
                                selection */
    const Value *filter;     /* the coerced filter argument, NULL when absent/null */
} SubPlan;

/* Parses, validates and coerces a subscription request (ERRORS.md §6). On failure
 * returns false with *msg set: `the GraphQL Query was not valid` for a syntax error,
 * else the validation / coercion message. The query text is copied into `a`. */
bool exec_sub_prepare(const Engine *e, Arena *a, const ExecRequest *req, SubPlan *out,
                      const char **msg);

/* One event as the renderer sees it. `previous` is the JSON object text of every scalar
 * field of the node before the mutation (as written by exec_sub_scalar_sel's selection),
 * or empty for CREATED. */
typedef struct SubEventView {
    SubKind kind;
    const Model *model;
    Str id;
    const char *const *updated; /* UPDATED: the updated scalar field names, sorted */
    uint32_t n_updated;
    Str previous;
} SubEventView;

/* Writes the message payload {"data":{"<key>":{...}}} for event `ev`: the plan's
 * selection executed on the event (node through store_render_node on connection `c`,
 * so inside the mutation's transaction it shows the state after the mutation). */
bool exec_sub_render(StoreConn *c, Arena *a, const SubPlan *p, const SubEventView *ev, Buf *out);

/* A selection of every scalar field of model object type `obj` (response key = field
 * name): what previousValues are captured with. */
PlanSel *exec_sub_scalar_sel(Arena *a, const SType *obj);

#endif
