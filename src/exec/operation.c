/* operation.c - operation selection (GraphQL "GetOperation"): the one operation of the
 * document, or the one named by the request's operationName. */
#include "exec/internal.h"

const GqlDefinition *exec_select_operation(Arena *a, const GqlDocument *doc, Str name,
                                           const char **msg)
{
    const GqlDefinition *found = NULL;
    uint32_t n_ops = 0;
    for (uint32_t i = 0; i < doc->n_defs; i++) {
        const GqlDefinition *d = &doc->defs[i];
        if (d->kind != GQL_DEF_OPERATION) continue;
        n_ops++;
        if (name.len) {
            if (str_eq(d->name, name)) return d;
        } else if (!found) {
            found = d;
        }
    }
    if (name.len) {
        *msg = arena_printf(a, "Unknown operation named \"%.*s\".", STR_FMT(name));
        return NULL;
    }
    if (n_ops > 1) {
        *msg = "Must provide operation name if query contains multiple operations.";
        return NULL;
    }
    if (!found) *msg = "Must provide an operation.";
    return found;
}
