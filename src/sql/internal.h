/* internal.h - state shared by the parts of the query compiler (compile.c: selections,
 * lists and pagination; filter.c: WHERE conditions). */
#ifndef RELATA_SQL_INTERNAL_H
#define RELATA_SQL_INTERNAL_H

#include "sql/compile.h"
#include "sql/dialect.h"

/* The response path from the root field down to the field being compiled, as a chain
 * on the C stack; copied into the FieldError only when an error is raised. */
typedef struct PathNode {
    const struct PathNode *up;
    Str key;
    int index;     /* list position when key.ptr is NULL */
    bool non_null; /* the field's type (list position: the items) is non-null */
} PathNode;

typedef struct Cx {
    Arena *a;
    StoreDialect d;
    SqlQuery *q;
    Buf *b; /* == &q->sql */
    FieldError *err;
    unsigned n_alias; /* table aliases t1, t2, ... and r1, r2, ... are unique per statement */
    SqlPlan *plan;
    unsigned cost;   /* nesting used so far (see field_cost in compile.c) */
    unsigned budget; /* sql_nesting_budget */
} Cx;

/* Raises a field error at `path` (NULL: the root field itself) located at `loc`. */
bool cx_fail(Cx *cx, const PathNode *path, GqlLoc loc, int code, const char *message);

/* Appends a parameter and returns its number (for placeholders written more than once). */
unsigned cx_add_param(Cx *cx, SqlParam p);
/* Appends a parameter and writes its placeholder; returns its number. */
unsigned cx_param(Cx *cx, SqlParam p);
void cx_param_text(Cx *cx, Str s);

/* The parameter for operand `v` of scalar field `f` (DateTime normalised to the stored
 * text form). False if it can match nothing (an unparsable DateTime). */
bool cx_operand(Cx *cx, const ModelField *f, const Value *v, SqlParam *out);

/* Writes `tN."col"`. */
void cx_col(Cx *cx, unsigned alias, const char *col);
/* Returns `tN."col"` as a string in the arena (for the dialect's expression wrappers). */
const char *cx_col_str(Cx *cx, unsigned alias, const char *col);

/* Writes the condition that node `child` (a row of f->related) is related to node
 * `parent` (a row of f->model) through relation field `f`; both directions for a
 * single-field self-relation. */
void cx_related(Cx *cx, const ModelField *f, unsigned parent, unsigned child);

/* Writes the boolean SQL condition of `filter` (an <M>Filter value, or NULL/VAL_NULL for
 * none) on the row `alias` of model `m`. The condition is never SQL NULL-valued in a way
 * that matters: operators treat a null column explicitly. `path`/`loc` locate 3033. */
bool cx_filter(Cx *cx, const Model *m, unsigned alias, const Value *filter, const PathNode *path,
               GqlLoc loc);

/* Records nested field pf at `path` for the post-pass (nested.c): with code/message/loc
 * an error, with code SQL_NESTED_NON_NULL a required to-one field. */
void cx_nested(Cx *cx, const PlanField *pf, const PathNode *path, int code, const char *message,
               GqlLoc loc);

/* Starts compiling a separate statement of the same plan, at nesting `cost`. */
void cx_init(Cx *cx, SqlPlan *p, SqlQuery *q, FieldError *err, unsigned cost);

#endif
