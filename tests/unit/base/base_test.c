/* base_test.c - arena, buffer/JSON writer, map and diagnostics. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/map.h"
#include "test.h"

TEST(arena_alloc_aligned_and_reset)
{
    Arena a;
    arena_init(&a, 1024);
    for (int i = 0; i < 1000; i++) {
        char *p = arena_alloc(&a, (size_t)(i % 37) + 1);
        CHECK(((uintptr_t)p & 15) == 0);
        p[0] = 'x';
    }
    void *big = arena_alloc(&a, 100000); /* own block */
    memset(big, 1, 100000);
    arena_reset(&a);
    char *q = arena_strdup(&a, "hello");
    CHECK_EQ_STR(q, "hello");
    CHECK_EQ_STR(arena_printf(&a, "%d-%s", 42, "x"), "42-x");
    arena_fini(&a);
}

static int deferred;
static void bump(void *arg) { deferred += *(int *)arg; }

TEST(arena_defer_runs_at_reset)
{
    Arena a;
    arena_init(&a, 0);
    int one = 1, ten = 10;
    deferred = 0;
    arena_defer(&a, bump, &one);
    arena_defer(&a, bump, &ten);
    arena_reset(&a);
    CHECK_EQ_INT(deferred, 11);
    arena_defer(&a, bump, &one);
    arena_fini(&a);
    CHECK_EQ_INT(deferred, 12);
}

TEST(buf_grows_and_formats)
{
    Arena a;
    arena_init(&a, 256);
    Buf b;
    buf_init(&b, &a, 4);
    for (int i = 0; i < 1000; i++) buf_printf(&b, "%d,", i);
    CHECK(b.len > 3000);
    CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
    CHECK_EQ_INT(strlen(b.data), b.len);
    arena_fini(&a);
}

/* buf_printf's direct path (simple conversions) must match snprintf exactly, and the
 * formats it does not take must still work through vsnprintf. */
#define SAME_AS_SNPRINTF(...)                                                      \
    do {                                                                           \
        char want[256];                                                            \
        snprintf(want, sizeof want, __VA_ARGS__);                                  \
        Buf b;                                                                     \
        buf_init(&b, &a, 1);                                                       \
        buf_puts(&b, "pre:");                                                      \
        buf_printf(&b, __VA_ARGS__);                                               \
        CHECK_EQ_STR(b.data + 4, want);                                            \
        CHECK_EQ_INT(b.len, 4 + strlen(want));                                     \
    } while (0)

TEST(buf_printf_matches_snprintf)
{
    Arena a;
    arena_init(&a, 64);
    SAME_AS_SNPRINTF(" AS t%u WHERE t%u.", 7u, 123456u);
    SAME_AS_SNPRINTF("?%u", 0u);
    SAME_AS_SNPRINTF("%s%s|%c|%%|%d|%d", "ab", "", 'x', -2147483647 - 1, 0);
    SAME_AS_SNPRINTF("%ld %lu %lld %llu %zu", -5L, 18446744073709551615UL, -9223372036854775807LL - 1,
                     18446744073709551615ULL, (size_t)42);
    SAME_AS_SNPRINTF("[%.*s][%.*s][%.*s]", 3, "abcdef", 0, "abc", 10, "ab");
    SAME_AS_SNPRINTF("no conversions at all, and a long tail to make the buffer grow %s",
                     "past its first block of memory for sure");
    SAME_AS_SNPRINTF("%04X|%5d|%-3s|%.3f|%x|%g", 0xAB, 42, "a", 1.5, 255u, 0.1);
    SAME_AS_SNPRINTF("%u%%", 100u);
    arena_fini(&a);
}

TEST(json_string_escapes)
{
    Arena a;
    arena_init(&a, 256);
    Buf b;
    buf_init(&b, &a, 16);
    json_put_cstr(&b, "a\"b\\c\n\x01é");
    CHECK_EQ_STR(b.data, "\"a\\\"b\\\\c\\n\\u0001é\"");
    buf_clear(&b);
    json_put_string(&b, "x\xff", 2); /* invalid UTF-8 -> U+FFFD */
    CHECK_EQ_STR(b.data, "\"x\xEF\xBF\xBD\"");
    arena_fini(&a);
}

TEST(json_doubles_round_trip)
{
    Arena a;
    arena_init(&a, 256);
    Buf b;
    buf_init(&b, &a, 16);
    json_put_double(&b, 0.1 + 0.2);
    CHECK_EQ_STR(b.data, "0.30000000000000004");
    buf_clear(&b);
    json_put_double(&b, 1.5);
    CHECK_EQ_STR(b.data, "1.5");
    buf_clear(&b);
    json_put_double(&b, NAN);
    CHECK_EQ_STR(b.data, "null");
    double vals[] = {1e300, -2.5e-300, 123456789.123, 3.141592653589793, 5e-324};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        buf_clear(&b);
        json_put_double(&b, vals[i]);
        CHECK(strtod(b.data, NULL) == vals[i]);
    }
    arena_fini(&a);
}

TEST(map_put_get_grow)
{
    Arena a;
    arena_init(&a, 4096);
    Map m;
    map_init(&m, &a, 2);
    char *keys[500];
    for (int i = 0; i < 500; i++) {
        keys[i] = arena_printf(&a, "key%d", i);
        CHECK(map_put(&m, keys[i], strlen(keys[i]), (void *)(intptr_t)(i + 1)) == NULL);
    }
    for (int i = 0; i < 500; i++) CHECK_EQ_INT((intptr_t)map_getz(&m, keys[i]), i + 1);
    CHECK(map_getz(&m, "nope") == NULL);
    CHECK_EQ_INT((intptr_t)map_put(&m, "key7", 4, (void *)99), 8);
    CHECK_EQ_INT((intptr_t)map_getz(&m, "key7"), 99);
    arena_fini(&a);
}

TEST(diag_collects_and_prints_caret)
{
    Arena a;
    arena_init(&a, 1024);
    Diag d;
    diag_init(&d, &a);
    diag_add(&d, "SDL-X", (SrcLoc){2, 3}, "bad %s", "thing");
    diag_add(&d, NULL, (SrcLoc){0, 0}, "no place");
    CHECK_EQ_INT(d.count, 2);
    CHECK_EQ_STR(d.items[0].message, "bad thing");
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    const char *src = "line one\nab cd\n";
    diag_print(&d, "m.graphql", src, strlen(src), f, false);
    fclose(f);
    CHECK_CONTAINS(out, "m.graphql:2:3: error[SDL-X]: bad thing\n");
    CHECK_CONTAINS(out, "    2 | ab cd\n      |   ^\n");
    CHECK_CONTAINS(out, "m.graphql: error: no place");
    free(out);
    arena_fini(&a);
}

int main(void)
{
    RUN(arena_alloc_aligned_and_reset);
    RUN(arena_defer_runs_at_reset);
    RUN(buf_grows_and_formats);
    RUN(buf_printf_matches_snprintf);
    RUN(json_string_escapes);
    RUN(json_doubles_round_trip);
    RUN(map_put_get_grow);
    RUN(diag_collects_and_prints_caret);
    return test_summary();
}
