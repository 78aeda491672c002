/* validate.c - gql_validate(): sets up the validation context, runs the document-level
 * rules and the walk of each definition (validate_walk.c), and collects the errors with
 * graphql-js's error limit. */
#include "exec/validate.h"

#include <stdarg.h>
#include <string.h>

#include "exec/validate_internal.h"

#define DEFAULT_MAX_ERRORS 100

void v_error(VCtx *c, const char *msg, const GqlLoc *locs, uint32_t n)
{
    if (c->aborted) return;
    if (c->n_errors == c->cap_errors) {
        uint32_t cap = c->cap_errors ? c->cap_errors * 2 : 8;
        ValidationError *e = ARENA_ARRAY(c->a, ValidationError, cap);
        if (c->n_errors) memcpy(e, c->errors, c->n_errors * sizeof *e);
        c->errors = e;
        c->cap_errors = cap;
    }
    ValidationError *e = &c->errors[c->n_errors++];
    if (c->n_errors > c->max_errors) {
        /* graphql-js: once max_errors are recorded, the next one is replaced by this
         * notice (without locations) and validation stops. */
        e->message = "Too many validation errors, error limit reached. Validation aborted.";
        e->locations = NULL;
        e->n_locations = 0;
        c->aborted = true;
        return;
    }
    e->message = msg;
    e->locations = n ? arena_memdup(c->a, locs, n * sizeof *locs) : NULL;
    e->n_locations = n;
}

void v_errorf(VCtx *c, GqlLoc loc, const char *fmt, ...)
{
    if (c->aborted) return;
    Buf b;
    buf_init(&b, c->a, 96);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    v_error(c, b.data, &loc, 1);
}

static bool executable(const GqlDefinition *d)
{
    return d->kind == GQL_DEF_OPERATION || d->kind == GQL_DEF_FRAGMENT;
}

bool gql_validate(const Schema *schema, const GqlDocument *doc, const ValidateOptions *opts,
                  Arena *a, ValidationResult *out)
{
    VCtx c = {0};
    c.schema = schema;
    c.doc = doc;
    c.a = a;
    c.max_errors = opts && opts->max_errors ? opts->max_errors : DEFAULT_MAX_ERRORS;
    c.max_depth = opts ? opts->max_depth : 0;
    map_init(&c.fragments, a, doc->n_defs);
    map_init(&c.compared_pairs, a, 8);
    for (uint32_t i = 0; i < doc->n_defs; i++) {
        const GqlDefinition *d = &doc->defs[i];
        if (d->kind == GQL_DEF_FRAGMENT) map_put(&c.fragments, d->name.ptr, d->name.len, (void *)d);
        if (d->kind == GQL_DEF_OPERATION) c.n_operations++;
    }
    vt_init_meta(&c);

    /* R1 ExecutableDefinitions (on entering the document). Type-system definitions are
     * reported and not walked further. */
    for (uint32_t i = 0; i < doc->n_defs; i++) {
        const GqlDefinition *d = &doc->defs[i];
        if (executable(d)) continue;
        if (d->kind == GQL_DEF_SCHEMA)
            v_errorf(&c, d->loc, "The schema definition is not executable.");
        else
            v_errorf(&c, d->loc, "The \"%.*s\" definition is not executable.", STR_FMT(d->name));
    }
    for (uint32_t i = 0; i < doc->n_defs && !c.aborted; i++)
        if (executable(&doc->defs[i])) vw_definition(&c, &doc->defs[i], NULL);
    if (!c.aborted) vf_no_unused_fragments(&c); /* R12, on leaving the document */

    out->errors = c.errors;
    out->n_errors = c.n_errors;
    return c.n_errors == 0;
}
