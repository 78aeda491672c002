/* validate.h - the validation rules of the GraphQL specification (section 5) applied to
 * an executable document against the generated schema, with graphql-js v16 messages.
 *
 * Runs after parsing and before any variable is looked at. Reports every violation found
 * (document order), each with its locations; the executor turns them into request errors
 * (no "data" key). */
#ifndef RELATA_EXEC_VALIDATE_H
#define RELATA_EXEC_VALIDATE_H

#include <stdbool.h>

#include "base/arena.h"
#include "graphql/ast.h"
#include "schema/schema.h"

typedef struct ValidationError {
    const char *message;
    GqlLoc *locations;   /* one or more (e.g. both fields of a conflict) */
    uint32_t n_locations;
} ValidationError;

typedef struct ValidationResult {
    ValidationError *errors;
    uint32_t n_errors;
} ValidationResult;

typedef struct ValidateOptions {
    unsigned max_depth;  /* 0 = no limit; else selection depth after fragment expansion */
    unsigned max_errors; /* 0 = 100 (graphql-js stops at 100 with "Too many validation errors, error limit reached. Validation aborted.") */
} ValidateOptions;

/* Validates `doc` against `schema`. Allocates from `a`. Returns true when valid; else
 * false with `out` holding the errors. `opts` may be NULL. */
bool gql_validate(const Schema *schema, const GqlDocument *doc, const ValidateOptions *opts,
                  Arena *a, ValidationResult *out);

#endif
