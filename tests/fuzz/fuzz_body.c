/* fuzz_body.c - libFuzzer entry point for reading an HTTP request body into
 * ExecRequests (server/body.c): body_parse_json on the raw bytes, and body_from_params
 * with the bytes as the variables text of a GET request.
 *
 * Invariants: a rejected body has a message and no items; an accepted one has 1..max
 * items, a single object is not a batch, and each item either carries an error with its
 * code or (optional) variables that are a JSON object. Build and run: see
 * tests/fuzz/README. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/internal.h"

#define MAX_BATCH 8

static void check_item(const BodyItem *it)
{
    if (it->error && it->error_code != 3024) abort();
    if (!it->error && it->error_code) abort();
    if (it->req.variables && !json_is_object(it->req.variables)) abort();
    if (it->req.query.len && !it->req.query.ptr) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Arena a;
    static int ready;
    if (!ready) {
        arena_init(&a, 0);
        ready = 1;
    }
    Body b;
    bool ok = body_parse_json(&a, (const char *)data, size, MAX_BATCH, &b);
    if (!ok) {
        if (!b.invalid || !b.invalid[0]) abort();
    } else {
        if (b.invalid || b.n > MAX_BATCH || (!b.batch && b.n != 1)) abort();
        for (unsigned i = 0; i < b.n; i++) check_item(&b.items[i]);
    }

    /* GET parameters arrive as C strings (libmicrohttpd decodes them). */
    char *vars = arena_alloc(&a, size + 1);
    memcpy(vars, data, size);
    vars[size] = 0;
    BodyItem it;
    body_from_params(&a, "{ __typename }", 14, vars, "op", &it);
    check_item(&it);
    arena_reset(&a);
    return 0;
}
