/* fuzz_parser.c - libFuzzer entry point for the GraphQL lexer, parser and value printer.
 *
 * Built by `make fuzz`, run with `make fuzz-run FUZZ=fuzz_parser` (tests/fuzz/README).
 *
 * Every input must either parse or fail with a "Syntax Error: " message at a position
 * inside the input (or just after it); anything else aborts so the fuzzer reports it.
 * A small max_depth keeps deep-nesting inputs cheap; a parsed document has each of its
 * argument values printed, which walks the whole value tree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "graphql/parser.h"
#include "graphql/print.h"

static void print_selections(const GqlSelectionSet *ss, Buf *b)
{
    if (!ss) return;
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *s = &ss->items[i];
        for (uint32_t k = 0; k < s->n_args; k++) gql_print_value(s->args[k].value, b);
        print_selections(s->selection_set, b);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Arena a;
    static int ready;
    if (!ready) {
        arena_init(&a, 0);
        ready = 1;
    }
    GqlParseOptions opts = {.max_depth = 64, .max_tokens = 100000};
    GqlParseError err;
    GqlDocument *d = gql_parse(&a, (const char *)data, size, &opts, &err);
    if (!d) {
        if (strncmp(err.message, "Syntax Error: ", 14) != 0) abort();
        if (err.loc.line == 0 || err.loc.col == 0 || err.loc.col > size + 1) abort();
    } else {
        Buf b;
        buf_init(&b, &a, 64);
        for (uint32_t i = 0; i < d->n_defs; i++) print_selections(d->defs[i].selection_set, &b);
    }
    arena_reset(&a);
    return 0;
}
