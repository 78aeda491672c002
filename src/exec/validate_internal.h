/* validate_internal.h - shared state of the validator (validate*.c only).
 *
 * The validator mirrors graphql-js v16 (16.15, the version the e2e tests run): one walk
 * over the document that tracks the types at each position (graphql-js's TypeInfo)
 * and, at each node, runs the hooks of the rules in graphql-js's `specifiedRules`
 * order, so errors come out in the same order as graphql-js reports them. Rules that
 * need a view across the document (variable usages through fragments, fragment cycles,
 * field merging) use the helpers declared here. */
#ifndef RELATA_EXEC_VALIDATE_INTERNAL_H
#define RELATA_EXEC_VALIDATE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "base/str.h"
#include "exec/validate.h"
#include "graphql/ast.h"
#include "schema/schema.h"

/* ---- pointer-keyed map (caches keyed by AST node) ---- */

typedef struct PtrMap {
    const void **keys;
    void **vals;
    uint32_t cap, n; /* cap is a power of two */
} PtrMap;

void *ptrmap_get(const PtrMap *m, const void *key);
void ptrmap_put(Arena *a, PtrMap *m, const void *key, void *val);

/* ---- variable usages (graphql-js getVariableUsages) ---- */

typedef struct VarUsage {
    const GqlValue *node;          /* the GQL_VAL_VARIABLE */
    const TypeRef *type;           /* input type expected at the position, or NULL */
    const GqlValue *default_value; /* default of the argument/input field there, or NULL */
} VarUsage;

typedef struct VarUsages {
    VarUsage *items;
    uint32_t n, cap;
} VarUsages;

/* ---- the validation context ---- */

typedef struct VCtx {
    const Schema *schema;
    const GqlDocument *doc;
    Arena *a;
    unsigned max_errors;
    unsigned max_depth;
    ValidationError *errors;
    uint32_t n_errors, cap_errors;
    bool aborted;                 /* error limit or work budget reached: stop walking */
    long overlap_budget;          /* graphql-js 16.15 work meters: past them validation */
    long fragment_work;           /* is aborted with "Validation aborted." */

    Map fragments;                /* name -> GqlDefinition* (last one wins, as graphql-js) */
    Map operation_names;          /* UniqueOperationNames: name -> first operation */
    Map fragment_names;           /* UniqueFragmentNames: name -> first fragment */
    uint32_t n_operations;

    /* Introspection meta fields (graphql-js TypeNameMetaFieldDef etc.). */
    SField typename_def;
    const SField *schema_field, *type_field; /* Query.__schema, Query.__type */

    /* Caches. */
    PtrMap spreads_cache;         /* GqlSelectionSet* -> SpreadList* */
    PtrMap usage_cache;           /* GqlDefinition* -> VarUsages* (its own usages) */
    PtrMap recursive_usage_cache; /* operation -> VarUsages* (through its fragments) */
    PtrMap referenced_cache;      /* operation -> FragList* */
    PtrMap introspection_memo;    /* fragment -> depth bits already known not to exceed */
    PtrMap overlap_cache;         /* GqlSelectionSet* -> collected fields per parent type */
    Map compared_pairs;           /* fragment pair "a\0b" (a <= b) -> (void*)1 compared
                                     non-exclusively, (void*)2 only exclusively */

    bool subscription_work_done;  /* SingleFieldSubscriptions indexed the fragments */
    void *cycle_state;            /* NoFragmentCycles state (validate_frags.c) */
} VCtx;

/* ---- errors (validate.c) ---- */

/* Records an error with `n` locations (copied). The message is kept as given (arena). */
void v_error(VCtx *c, const char *msg, const GqlLoc *locs, uint32_t n);
void v_errorf(VCtx *c, GqlLoc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A work budget ran out: records "Validation aborted." (no locations, whatever the error
 * limit) and stops validation. */
void v_abort(VCtx *c);
/* graphql-js spendFragmentWork: false (and aborted) once the fragment budget is gone. */
bool v_spend_fragment_work(VCtx *c, long cost);

/* ---- types (validate_types.c) ---- */

bool vt_is_composite(const SType *t);
bool vt_is_leaf(const SType *t);
bool vt_is_input(const SType *t);
bool vt_is_output(const SType *t);
bool vt_is_abstract(const SType *t);
bool vt_ref_is_input(const TypeRef *r);
const TypeRef *vt_nullable(const TypeRef *r);
/* Named type of a GraphQL type reference in the document, or NULL when unknown. */
const SType *vt_lookup(const VCtx *c, Str name);
/* graphql-js typeFromAST: NULL when the named type is unknown. */
const TypeRef *vt_from_ast(VCtx *c, const GqlTypeRef *t);
/* graphql-js inspect(type): "[Post!]!". */
const char *vt_str(VCtx *c, const TypeRef *r);
/* print(typeNode) of a document type reference. */
const char *vt_ast_str(VCtx *c, const GqlTypeRef *t);
bool vt_equal(const TypeRef *a, const TypeRef *b);
/* isTypeSubTypeOf(schema, sub, super). */
bool vt_subtype(const TypeRef *sub, const TypeRef *super);
/* schema.isSubType(abstract, maybe_sub): maybe_sub is a possible type / implementation. */
bool vt_possible(const SType *abstract, const SType *maybe_sub);
/* doTypesOverlap. */
bool vt_overlap(const SType *a, const SType *b);
/* A field of an object/interface type by name (no meta fields). */
const SField *vt_field(const SType *t, Str name);
/* graphql-js TypeInfo getFieldDef: meta fields included. */
const SField *vt_field_def(const VCtx *c, const SType *parent, Str name);
const SInputValue *vt_arg(const SInputValue *args, uint32_t n, Str name);
const SInputValue *vt_input_field(const SType *t, Str name);
const SEnumValue *vt_enum_value(const SType *t, Str name);
const SDirective *vt_directive(const VCtx *c, Str name);
void vt_init_meta(VCtx *c);

/* ---- printing and suggestions (validate_print.c) ---- */

/* graphql-js print(valueNode) appended to `b`; `sorted` applies sortValueNode first. */
void vp_value(Buf *b, const GqlValue *v, bool sorted);
const char *vp_value_str(VCtx *c, const GqlValue *v);
/* suggestionList(input, options): the matching options sorted best first. */
uint32_t vp_suggest(VCtx *c, Str input, const char *const *options, uint32_t n,
                    const char ***out);
/* didYouMean(sub, suggestions) appended to `b` (nothing when n == 0). */
void vp_did_you_mean(Buf *b, const char *sub, const char *const *s, uint32_t n);
int vp_natural_compare(const char *a, size_t alen, const char *b, size_t blen);

/* ---- fragments and variable usages (validate_frags.c) ---- */

typedef struct SpreadList {
    const GqlSelection **items;
    uint32_t n;
} SpreadList;

const GqlDefinition *vf_fragment(const VCtx *c, Str name);
/* graphql-js getFragmentSpreads (its stack order). */
const SpreadList *vf_spreads(VCtx *c, const GqlSelectionSet *ss);
/* graphql-js getRecursivelyReferencedFragments (breadth first, as 16.15). */
typedef struct FragList {
    const GqlDefinition **items;
    uint32_t n;
} FragList;
const FragList *vf_referenced_fragments(VCtx *c, const GqlDefinition *const *ops, uint32_t n);
/* graphql-js getRecursiveVariableUsages (cached per operation). */
const VarUsages *vf_recursive_usages(VCtx *c, const GqlDefinition *op);
void vf_no_fragment_cycles(VCtx *c, const GqlDefinition *frag);
void vf_no_unused_fragments(VCtx *c);
void vf_single_field_subscription(VCtx *c, const GqlDefinition *op);
void vf_max_introspection_depth(VCtx *c, const GqlSelection *field);
void vf_max_depth(VCtx *c, const GqlDefinition *op);

/* ---- the walk (validate_walk.c) ---- */

/* Walks an operation or fragment definition. With `usages` non-NULL it only collects the
 * variable usages (graphql-js getVariableUsages: no rules, variable definitions skipped). */
void vw_definition(VCtx *c, const GqlDefinition *def, VarUsages *usages);

/* ---- values (validate_values.c) ---- */

/* ValuesOfCorrectType's isValidValueNode for a scalar/enum literal at `type`. */
void vv_check_leaf(VCtx *c, const GqlValue *v, const TypeRef *type);

/* ---- field merging (validate_overlap.c) ---- */

/* `in_inline`: the set belongs to an inline fragment (compared with its parent set). */
void vo_selection_set(VCtx *c, const SType *parent, const GqlSelectionSet *ss, bool in_inline);

#endif
