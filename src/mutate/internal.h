/* internal.h - what the files of mutate/ share: the write tree built from the coerced
 * arguments of one mutation, and the helpers that check and apply it.
 *
 * A mutation runs in four passes over one tree of WNodes (SIMPLE-API.md §5.9):
 *   1. build (build.c): arguments -> WNodes, with the value checks 3000, 3036, 3020, 3037,
 *      3007, walking the argument tree in natural order, parent before nested;
 *   2. ids (check.c): 3001 id shape and 3011 existence of referenced nodes;
 *   3. required relations (check.c): 3032, against the state before the mutation;
 *   4. writes (write.c): rows and edges; a UNIQUE failure becomes 3010.
 * Everything lives in the request arena. */
#ifndef RELATA_MUTATE_INTERNAL_H
#define RELATA_MUTATE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "exec/plan.h"
#include "model/model.h"
#include "store/stmt.h"
#include "store/store.h"
#include "sub/hub.h"

/* Limits of SIMPLE-API.md §2.2, §2.7, §2.9. */
#define MUTATE_MAX_TEXT 262144

/* The context of one root mutation. */
typedef struct MutCtx {
    StoreConn *c;
    Arena *a;
    FieldError *err;
    char now[32]; /* transaction time, DateTime text form, whole seconds */
    SubEvents *events; /* subscription events of this mutation (NULL: nobody listens) */
} MutCtx;

/* A scalar column value ready to bind. */
typedef enum WKind { W_NULL, W_INT, W_REAL, W_TEXT } WKind;

typedef struct WScalar {
    const ModelField *mf;
    WKind kind;
    long long i;
    double d;
    Str t;
} WScalar;

typedef struct WNode WNode;

/* The relation arguments given for one relation field f of a node. */
typedef struct WRel {
    const ModelField *f;
    bool has_ids;    /* <f>Id / <f>Ids present (null included) */
    bool has_nested; /* <f> present (null included) */
    bool ids_null, nested_null;
    Str *ids; /* to-one: at most one; duplicates removed */
    uint32_t n_ids;
    WNode **children; /* nested creates, in input order */
    uint32_t n_children;
} WRel;

struct WNode {
    const Model *m;
    bool create;
    Str id;                 /* update: the target; create: set when written */
    const ModelField *link; /* nested create: the field of m linking to the parent */
    WScalar *scalars;       /* given values (create: defaults added) */
    uint32_t n_scalars;
    WRel *rels; /* in natural argument order */
    uint32_t n_rels;
};

/* ---- errors (mutate.c) ---- */
bool mutate_fail(MutCtx *x, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool mutate_internal(MutCtx *x, const char *what);

/* ---- values.c ---- */
/* Converts the coerced value `v` of scalar field `mf` into a column value, with the size,
 * range and Json checks (3007, 3037). Null handling is the caller's. */
bool mutate_scalar_value(MutCtx *x, const ModelField *mf, const Value *v, WScalar *out);
/* The field's @defaultValue as a coerced Value. */
const Value *mutate_default_value(Arena *a, const ModelField *mf);
/* SIMPLE-API.md §2.1: at most 25 characters of [a-zA-Z0-9_-]. */
bool mutate_id_shaped(Str id);
/* Writes the current time truncated to seconds as YYYY-MM-DDTHH:MM:SS.000Z. */
void mutate_now(char out[32]);

/* ---- build.c ---- */
/* The argument list of a create/update: the given fields and, for natural order, the
 * definitions they come from. */
typedef struct ArgSet {
    const ValueField *given;
    uint32_t n_given;
    const SInputValue *defs;
    uint32_t n_defs;
} ArgSet;

WNode *mutate_build(MutCtx *x, const Model *m, ArgSet args, bool create, const ModelField *link);
/* The given value of definition `def` (matched by pointer, else by name), or NULL. */
const Value *mutate_arg(ArgSet args, const SInputValue *def);

/* ---- check.c ---- */
bool mutate_check_ids(MutCtx *x, const WNode *n);
bool mutate_check_required(MutCtx *x, const WNode *n);
bool mutate_check_delete(MutCtx *x, const Model *m, Str id);

/* ---- write.c ---- */
bool mutate_write(MutCtx *x, WNode *n);

/* ---- edges.c: rows and edges through prepared statements ---- */
/* Whether a node of model m has this id: 1 yes, 0 no, -1 database error (err set). */
int mutate_node_exists(MutCtx *x, const Model *m, Str id);
/* The partners of node n through its relation field f. -1 on error. */
int mutate_partners(MutCtx *x, const ModelField *f, Str n, Str **out);
/* Removes every edge of n through f. */
bool mutate_edges_remove_all(MutCtx *x, const ModelField *f, Str n);
/* Removes / adds the edge between n (through f) and t; adding an existing one is a no-op. */
bool mutate_edge_remove(MutCtx *x, const ModelField *f, Str n, Str t);
bool mutate_edge_add(MutCtx *x, const ModelField *f, Str n, Str t);
bool mutate_delete_row(MutCtx *x, const Model *m, Str id);
/* Steps a write statement and finishes it; a unique violation becomes 3010. */
bool mutate_step_write(MutCtx *x, StoreStmt *st);

#endif
