/* parse_bench.c - parser throughput: builds a multi-megabyte document of realistic
 * queries, mutations, fragments and SDL in memory, parses it repeatedly into a reused
 * arena, and prints MB/s (best of the runs, so a busy machine disturbs it less).
 *
 *   make tools && build/release/tests/bench/parse_bench [megabytes] [runs]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "graphql/parser.h"
#include "unit/graphql/kitchen_sink.h"

/* Queries in the shape relata serves (Graphcool's Simple API), with arguments, aliases,
 * variables, nested relations, fragments and string escapes. */
static const char QUERIES[] =
    "query PostsWithAuthors($first: Int = 10, $skip: Int, $filter: PostFilter) {\n"
    "  allPosts(first: $first, skip: $skip, filter: $filter, orderBy: createdAt_DESC) {\n"
    "    id\n    title\n    published\n    createdAt\n"
    "    author { id name email posts(first: 3) { id title } }\n"
    "    comments(filter: {text_contains: \"graphql\", author: {name_not: null}}) {\n"
    "      ...CommentFields\n    }\n"
    "    _commentsMeta { count }\n  }\n}\n"
    "fragment CommentFields on Comment { id text createdAt author { id name } }\n"
    "mutation CreatePost($title: String!, $authorId: ID!) {\n"
    "  createPost(title: $title, published: false, authorId: $authorId,\n"
    "             tags: [\"news\", \"tech\"], text: \"Line one\\nLine \\\"two\\\" \\u00e9\") {\n"
    "    id title author { name }\n  }\n"
    "  second: updatePost(id: \"cjld2cjxh0000qzrmn831i7rn\", title: \"renamed\") { id }\n}\n"
    "{ Post(id: \"cjld2cyuq0000t3rmniod1foy\") { id title tags score: votes rating } "
    "  me: User(email: \"ada@example.com\") { ... on User { id name @include(if: true) } } }\n";

static const char SDL[] =
    "\"\"\"\n  A blog post.\n  Written by one author.\n\"\"\"\n"
    "type Post @model {\n  id: ID! @isUnique\n  createdAt: DateTime!\n  updatedAt: DateTime!\n"
    "  title: String!\n  text: String\n  published: Boolean! @defaultValue(value: false)\n"
    "  tags: [String!]\n  \"Score from votes\" score: Int @defaultValue(value: 0)\n"
    "  author: User! @relation(name: \"UserPosts\")\n"
    "  comments: [Comment!]! @relation(name: \"PostComments\")\n}\n"
    "type User @model {\n  id: ID! @isUnique\n  email: String! @isUnique\n  name: String\n"
    "  role: Role @defaultValue(value: READER)\n"
    "  posts(filter: PostFilter, orderBy: PostOrderBy, first: Int = 10): [Post!]! "
    "@relation(name: \"UserPosts\")\n}\n"
    "enum Role { ADMIN EDITOR READER }\n"
    "input PostFilter { AND: [PostFilter!] OR: [PostFilter!] title_contains: String "
    "published: Boolean = true }\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    double mb = argc > 1 ? atof(argv[1]) : 8;
    int runs = argc > 2 ? atoi(argv[2]) : 10;
    if (mb <= 0) mb = 8;
    if (runs <= 0) runs = 10;

    Arena doc_arena, a;
    arena_init(&doc_arena, 1 << 20);
    arena_init(&a, (size_t)256 << 20); /* one block, kept across resets: steady state */

    /* Mix: 3 parts queries, 1 part SDL, the kitchen sinks now and then. Names repeat,
     * which only validation would mind. */
    Buf doc;
    buf_init(&doc, &doc_arena, (size_t)(mb * 1048576) + 65536);
    for (unsigned i = 0; doc.len < (size_t)(mb * 1048576); i++) {
        for (int k = 0; k < 3; k++) buf_put(&doc, QUERIES, sizeof QUERIES - 1);
        buf_put(&doc, SDL, sizeof SDL - 1);
        if (i % 16 == 0) {
            buf_put(&doc, KITCHEN_SINK_EXEC, sizeof KITCHEN_SINK_EXEC - 1);
            buf_putc(&doc, '\n');
            buf_put(&doc, KITCHEN_SINK_SDL, sizeof KITCHEN_SINK_SDL - 1);
            buf_putc(&doc, '\n');
        }
    }

    GqlParseError err;
    uint32_t defs = 0;
    double best = 1e30, total = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        GqlDocument *d = gql_parse(&a, doc.data, doc.len, NULL, &err);
        double dt = now() - t0;
        if (!d) {
            fprintf(stderr, "parse failed: %u:%u %s\n", err.loc.line, err.loc.col, err.message);
            return 1;
        }
        defs = d->n_defs;
        arena_reset(&a);
        total += dt;
        if (dt < best) best = dt;
    }
    double size_mb = (double)doc.len / 1048576.0;
    printf("parse_bench: %.1f MB, %u definitions, %d runs: best %.1f MB/s, mean %.1f MB/s\n",
           size_mb, defs, runs, size_mb / best, size_mb * runs / total);

    /* The server's case: one small request at a time, arena reset after each. */
    const char *q = QUERIES;
    size_t qlen = sizeof QUERIES - 1;
    int reps = 20000 * runs;
    double t0 = now();
    for (int r = 0; r < reps; r++) {
        if (!gql_parse(&a, q, qlen, NULL, &err)) return 1;
        arena_reset(&a);
    }
    double dt = now() - t0;
    printf("parse_bench: %zu-byte request x %d: %.2f us each, %.1f MB/s\n", qlen, reps,
           dt / reps * 1e6, (double)qlen * reps / 1048576.0 / dt);
    arena_fini(&a);
    arena_fini(&doc_arena);
    return 0;
}
