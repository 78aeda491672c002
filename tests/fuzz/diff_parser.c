/* diff_parser.c - the C side of the differential test against graphql-js
 * (tests/fuzz/diff_parser.mjs): reads NUL-separated documents from the file argv[1] and
 * prints one line per document, "OK <definitions>" or "<line>:<col> <message>", with
 * newlines in messages written as \n and messages cut at 200 bytes (graphql-js does
 * not truncate; our message buffer does).
 *
 *   gcc -std=gnu11 -Isrc tests/fuzz/diff_parser.c build/debug/librelata.a -o build/diff_parser
 */
#include <stdio.h>
#include <stdlib.h>

#include "graphql/parser.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: diff_parser CASES\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 2;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (size_t got; (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    Arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && buf[j]) j++;
        GqlParseError e;
        GqlDocument *d = gql_parse(&a, buf + i, j - i, NULL, &e);
        if (d) {
            printf("OK %u\n", d->n_defs);
        } else {
            printf("%u:%u ", e.loc.line, e.loc.col);
            int out = 0;
            for (const char *m = e.message; *m && out < 200; m++, out++) {
                if (*m == '\n' || *m == '\r') {
                    putchar('\\');
                    if (++out < 200) putchar(*m == '\n' ? 'n' : 'r');
                } else {
                    putchar(*m);
                }
            }
            putchar('\n');
        }
        arena_reset(&a);
        i = j + 1;
    }
    arena_fini(&a);
    free(buf);
    return 0;
}
