/* print_test.c - the canonical SDL printer: the blog example (built by hand, see
 * blog_fixture.h) must print exactly as ../shared/spec/examples/blog/schema.expected.graphql,
 * plus typeref_print. Run from the repository root. */
#include <stdio.h>

#include "blog_fixture.h"
#include "schema/schema.h"
#include "test.h"

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    size_t got = fread(p, 1, (size_t)n, f);
    p[got] = 0;
    fclose(f);
    return p;
}

/* Reports the first differing line, which is far more readable than two 30 KB strings. */
static int first_diff_line(const char *a, const char *b)
{
    int line = 1;
    for (; *a && *a == *b; a++, b++)
        if (*a == '\n') line++;
    if (!*a && !*b) return 0;
    const char *la = a, *lb = b;
    while (la > a - 200 && la[-1] != '\n')
        la--;
    while (lb > b - 200 && lb[-1] != '\n')
        lb--;
    fprintf(stderr, "line %d differs:\n  got:      %.*s\n  expected: %.*s\n", line,
            (int)strcspn(la, "\n"), la, (int)strcspn(lb, "\n"), lb);
    return line;
}

TEST(blog_golden)
{
    char *expected = read_file("../shared/spec/examples/blog/schema.expected.graphql");
    CHECK(expected != NULL);
    DataModel *dm = blog_model();
    Schema *s = schema_build(dm);
    Arena a;
    arena_init(&a, 4096);
    Buf out;
    buf_init(&out, &a, 1024);
    schema_print_canonical(s, &out);
    int diff = first_diff_line(out.data, expected);
    arena_fini(&a);
    schema_free(s);
    fx_free(dm);
    free(expected);
    CHECK_EQ_INT(diff, 0);
}

int main(void)
{
    RUN(blog_golden);
    return test_summary();
}
