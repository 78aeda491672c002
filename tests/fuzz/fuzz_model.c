/* fuzz_model.c - libFuzzer entry point for the data model path a `types.graphql` takes
 * at start-up: model_load (SDL parse + validation), then for a valid model
 * schema_build and schema_print_canonical.
 *
 * Invariants beyond "no crash": a rejected model carries at least one diagnostic with a
 * message, an accepted one none, and its canonical SDL is non-empty and NUL-free.
 * Build and run: see tests/fuzz/README. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "schema/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Arena a;
    static int ready;
    if (!ready) {
        arena_init(&a, 0);
        ready = 1;
    }
    Diag d;
    diag_init(&d, &a);
    DataModel *dm = model_load((const char *)data, size, "types.graphql", &d);
    if (!dm) {
        if (d.count == 0) {
            fprintf(stderr, "model rejected without a diagnostic\n");
            abort();
        }
        for (uint32_t i = 0; i < d.count; i++)
            if (!d.items[i].message || !d.items[i].message[0]) {
                fprintf(stderr, "diagnostic without a message\n");
                abort();
            }
        arena_reset(&a);
        return 0;
    }
    if (d.count) {
        fprintf(stderr, "model accepted with %u diagnostics\n", d.count);
        abort();
    }
    Schema *s = schema_build(dm);
    Buf out;
    buf_init(&out, &a, 1024);
    schema_print_canonical(s, &out);
    if (out.len == 0 || memchr(out.data, 0, out.len)) {
        fprintf(stderr, "canonical SDL empty or with a NUL\n");
        abort();
    }
    schema_free(s);
    model_free(dm);
    arena_reset(&a);
    return 0;
}
