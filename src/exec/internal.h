/* internal.h - what the executor's files share: the Engine and Worker structures, the
 * per-request execution context, and the entry points of each step (operation
 * selection, variable coercion, argument coercion, field collection, introspection,
 * response writing). Not part of any contract outside src/exec/. */
#ifndef RELATA_EXEC_INTERNAL_H
#define RELATA_EXEC_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "exec/exec.h"
#include "exec/plan.h"
#include "graphql/ast.h"
#include "schema/schema.h"
#include "store/store.h"

struct Engine {
    DataModel *dm;
    Schema *schema;
    Store *store;
    EngineOptions opts;
    char *db_url; /* copy of opts.db_url */
};

typedef struct PlanCache PlanCache;

struct Worker {
    Engine *engine;
    StoreConn *conn;
    PlanCache *plans; /* this thread's plan cache (cache.c) */
};

/* Fragments can multiply a small document into a huge selection (each spread of a
 * fragment that spreads another twice doubles it), and aliases can repeat the whole
 * introspection output; both are capped so user input never exhausts memory. */
#define EXEC_MAX_PLAN_FIELDS 200000
#define EXEC_MAX_INTRO_BYTES (64u << 20)

/* A request error (no "data" key): a message and where it points. */
typedef struct ReqError {
    const char *message;
    GqlLoc *locations;
    uint32_t n_locations;
} ReqError;

/* One request's state, on the request arena. */
typedef struct ExecCtx {
    Arena *a;
    const Schema *schema;
    const GqlDocument *doc;
    const GqlDefinition *op;
    Map fragments; /* name -> GqlDefinition* */
    Map vars;      /* name -> Value*: variables provided or defaulted; an
                      absent key means "not provided" */
    const char *request_id;
    /* set by plan building when an argument cannot be coerced (after validation this
       only happens for values validation cannot see, such as a bad DateTime variable
       default); the root field that contains it fails with this message */
    const char *plan_error;
    GqlLoc plan_error_loc;
    const char **root_errors; /* per root field: its plan error, or NULL (lazily made) */
    uint32_t n_plan_fields;   /* plan size so far, against EXEC_MAX_PLAN_FIELDS */
    bool too_large;           /* introspection output passed EXEC_MAX_INTRO_BYTES */
    Buf errors;               /* error objects written so far, comma separated */
    uint32_t n_errors;
} ExecCtx;

/* ---- cache.c ---- */
/* Bounds of one worker's plan cache: entries, bytes of all entries, and the largest
 * entry kept (a bigger one serves its request and is dropped). */
#define PLAN_MAX_ENTRIES 512
#define PLAN_MAX_BYTES (4u << 20)
#define PLAN_ENTRY_MAX (256u << 10)

/* What one (query text, operation name) yields independently of variables. Everything
 * is in the entry's arena and read-only once built. */
typedef struct PlanEntry {
    struct PlanEntry *next;       /* hash bucket chain */
    unsigned long hash;
    Str query, op_name;           /* the key (copies) */
    Arena arena;
    size_t bytes;                 /* arena size when last counted */
    unsigned long long last_used;
    const char *error;            /* set: the whole request-error response body */
    const GqlDocument *doc;       /* else: the valid document, */
    const GqlDefinition *op;      /* its selected operation */
    Map fragments;                /* and fragment name -> GqlDefinition* */
    /* Operations without variable definitions: the plan (exec_collect_root) and its
     * root plan errors, and, once exec_plan_prepare() ran, the compiled SQL per root
     * field (NULL where not a cacheable read). */
    PlanSel *plan;
    const char **root_errors;
    StoreCompiled **prepared;
    bool prepared_done;
} PlanEntry;

PlanCache *plan_cache_new(void);
void plan_cache_free(PlanCache *c);
void plan_cache_stats(const PlanCache *c, unsigned long long *hits, unsigned long long *misses,
                      uint32_t *entries, size_t *bytes);
/* The entry for `req` (hit, or built now on a miss, with `scratch` for the work that
 * is not kept). Never NULL. Valid until the next call on the same cache. */
PlanEntry *exec_plan_get(PlanCache *c, const Engine *e, const ExecRequest *req,
                         Arena *scratch);
/* Compiles the SQL of e's cacheable root fields on first use. */
void exec_plan_prepare(PlanCache *c, PlanEntry *e, StoreConn *conn);

/* ---- operation.c ---- */
/* Picks the operation to run (GraphQL "GetOperation"). NULL with *msg set on error. */
const GqlDefinition *exec_select_operation(Arena *a, const GqlDocument *doc, Str name,
                                           const char **msg);

/* ---- vars.c ---- */
/* Coerces the request's variables (a JSON object or NULL) against the operation's
 * definitions into x->vars. Returns false with the errors appended to `errs`
 * (ReqError*), graphql-js getVariableValues wording. */
bool exec_coerce_variables(ExecCtx *x, json_t *vars, PtrVec *errs);
/* Writes a JSON value the way graphql-js's inspect() shows it in messages. */
void exec_inspect_json(Buf *b, json_t *j, int depth);
/* Writes `j` as compact JSON text. */
void exec_write_json(Buf *b, json_t *j);

/* ---- coerce.c ---- */
/* Coerces literal `g` (which may contain variables) to type `t`. Returns the Value,
 * or NULL when the result is "absent" (a variable that was not provided; *err stays
 * NULL), or NULL with *err set when the literal is not a valid `t`. */
Value *exec_coerce_literal(ExecCtx *x, const GqlValue *g, const TypeRef *t, const char **err);
/* Coerces the arguments given to a field or directive against their definitions:
 * given ones in definition order, explicit null kept, absent omitted, schema defaults
 * applied. Returns false with *err set on an invalid argument. */
bool exec_coerce_args(ExecCtx *x, const SInputValue *defs, uint32_t n_defs, const GqlArgument *args,
                      uint32_t n_args, ValueField **out, uint32_t *n_out, const char **err);
/* Scalar checks shared with variable coercion. */
bool exec_int32_ok(long long v);

/* ---- collect.c ---- */
/* CollectFields over `sets` for concrete (or, for Node, abstract) type `type` and
 * builds the whole sub-plan. NULL with x->plan_error set on an argument error. */
PlanSel *exec_collect(ExecCtx *x, const SType *type, const GqlSelectionSet *const *sets,
                      uint32_t n_sets);
/* The root selection: like exec_collect, but a root field whose plan fails is kept
 * (key and location set) with its message in x->root_errors[i]. Never NULL. */
PlanSel *exec_collect_root(ExecCtx *x, const SType *type, const GqlSelectionSet *set);

/* ---- introspect.c ---- */
/* Writes the value of Query.__schema / Query.__type for plan field `f`. */
void exec_intro_schema(ExecCtx *x, const PlanField *f, Buf *out);
void exec_intro_type(ExecCtx *x, const PlanField *f, Buf *out);

/* ---- response.c ---- */
/* Appends a field error object to x->errors: `message` (code 0: the "Whoops" text
 * instead; code < 0: a GraphQL error without a Graphcool code), the location, the path
 * `root` + rel[0..n), code and requestId. */
void exec_field_error(ExecCtx *x, const char *message, int code, GqlLoc loc, Str root,
                      const PathSeg *rel, uint32_t n_rel);
/* Writes {"errors":[...]} for request errors. */
void exec_write_request_errors(Buf *out, ReqError *const *errs, uint32_t n);
ReqError *exec_req_error(Arena *a, const char *message, GqlLoc loc);

#endif
