/* mutate.h - the write side of the Simple API: node mutations (create, update,
 * updateOrCreate, delete, with nested creates and connects to any depth) and relation
 * mutations (set, unset, addTo, removeFrom), with every relation rule of SIMPLE-API.md §5.
 *
 * Each root mutation field runs in its own transaction: all checks against the state
 * before the mutation, then the writes; any failure rolls everything back. */
#ifndef RELATA_MUTATE_MUTATE_H
#define RELATA_MUTATE_MUTATE_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"
#include "exec/plan.h"
#include "store/store.h"

/* Executes the root mutation field `f` (role FROLE_MUT_*) with its coerced arguments and
 * writes the field's JSON value (the returned node or payload rendered with
 * store_render_node after the writes, inside the same transaction) into `out`.
 * Returns false with `err` filled (Graphcool code, message) on a field error; then
 * nothing was changed and `out` is untouched. */
bool mutate_execute(StoreConn *c, Arena *a, const PlanField *f, Buf *out, FieldError *err);

/* Generates a new node id (SIMPLE-API.md §2.1: 25-char cuid, 'c' + 8 time + 4 counter +
 * 4 fingerprint + 8 random, base 36, strictly increasing within the process,
 * thread-safe). Writes 25 chars + NUL into out. */
void mutate_new_id(char out[26]);

#endif
