/* fixture.h - shared set-up for the executor's unit tests: the spec's blog model
 * (../shared/spec/examples/blog/types.graphql, copied) loaded and turned into a schema,
 * and a request context prepared the way exec_request() does up to execution (parse,
 * operation selection, fragments, variables), without validation or a store. */
#ifndef RELATA_TESTS_EXEC_FIXTURE_H
#define RELATA_TESTS_EXEC_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "exec/internal.h"
#include "graphql/parser.h"

static const char blog_src[] = "\n"
                               "enum Role {\n"
                               "  ADMIN\n"
                               "  AUTHOR\n"
                               "  READER\n"
                               "}\n"
                               "\n"
                               "enum PostStatus {\n"
                               "  DRAFT\n"
                               "  PUBLISHED\n"
                               "  ARCHIVED\n"
                               "}\n"
                               "\n"
                               "type User @model {\n"
                               "  id: ID! @isUnique\n"
                               "  createdAt: DateTime!\n"
                               "  updatedAt: DateTime!\n"
                               "  email: String! @isUnique\n"
                               "  name: String!\n"
                               "  role: Role! @defaultValue(value: \"READER\")\n"
                               "  settings: Json\n"
                               "  posts: [Post!]! @relation(name: \"PostAuthor\")\n"
                               "  pinnedPost: Post @relation(name: \"PinnedPost\")\n"
                               "  comments: [Comment!]! @relation(name: \"CommentAuthor\")\n"
                               "  followers: [User!]! @relation(name: \"UserFollows\")\n"
                               "  following: [User!]! @relation(name: \"UserFollows\")\n"
                               "}\n"
                               "\n"
                               "type Post @model {\n"
                               "  id: ID! @isUnique\n"
                               "  createdAt: DateTime!\n"
                               "  updatedAt: DateTime!\n"
                               "  title: String!\n"
                               "  slug: String! @isUnique\n"
                               "  body: String\n"
                               "  status: PostStatus! @defaultValue(value: \"DRAFT\")\n"
                               "  keywords: [String!]\n"
                               "  viewCount: Int! @defaultValue(value: \"0\")\n"
                               "  rating: Float\n"
                               "  published: Boolean! @defaultValue(value: \"false\")\n"
                               "  publishedAt: DateTime\n"
                               "  metadata: Json\n"
                               "  author: User! @relation(name: \"PostAuthor\")\n"
                               "  pinnedBy: User @relation(name: \"PinnedPost\")\n"
                               "  comments: [Comment!]! @relation(name: \"PostComments\")\n"
                               "  tags: [Tag!]! @relation(name: \"PostTags\")\n"
                               "}\n"
                               "\n"
                               "type Comment @model {\n"
                               "  id: ID! @isUnique\n"
                               "  createdAt: DateTime!\n"
                               "  text: String!\n"
                               "  post: Post! @relation(name: \"PostComments\")\n"
                               "  author: User @relation(name: \"CommentAuthor\")\n"
                               "}\n"
                               "\n"
                               "type Tag @model {\n"
                               "  id: ID! @isUnique\n"
                               "  name: String! @isUnique\n"
                               "  posts: [Post!]! @relation(name: \"PostTags\")\n"
                               "}\n"
                               "\n";

__attribute__((unused)) static Schema *blog_schema(void)
{
    static Arena da;
    static Diag d;
    static Schema *s;
    if (s) return s;
    arena_init(&da, 4096);
    diag_init(&d, &da);
    DataModel *dm = model_load(blog_src, strlen(blog_src), "types.graphql", &d);
    if (!dm) {
        for (uint32_t i = 0; i < d.count; i++)
            fprintf(stderr, "%s\n", d.items[i].message);
        return NULL;
    }
    s = schema_build(dm);
    return s;
}

/* Parses `query`, picks its operation and coerces `vars_json` (may be NULL). Returns the
 * context, or NULL with the request errors in `errs` (ReqError*). */
__attribute__((unused)) static ExecCtx *fx_prepare(Arena *a, const Schema *s, const char *query,
                                                   const char *vars_json, PtrVec *errs)
{
    ExecCtx *x = ARENA_NEW(a, ExecCtx);
    x->a = a;
    x->schema = s;
    x->request_id = "req-1";
    buf_init(&x->errors, a, 64);
    GqlParseError pe;
    char *q = arena_strdup(a, query);
    x->doc = gql_parse(a, q, strlen(q), NULL, &pe);
    if (!x->doc) {
        fprintf(stderr, "parse: %s\n", pe.message);
        return NULL;
    }
    const char *msg = NULL;
    x->op = exec_select_operation(a, x->doc, STR_NULL, &msg);
    if (!x->op) return NULL;
    map_init(&x->fragments, a, 8);
    for (uint32_t i = 0; i < x->doc->n_defs; i++)
        if (x->doc->defs[i].kind == GQL_DEF_FRAGMENT)
            map_put(&x->fragments, x->doc->defs[i].name.ptr, x->doc->defs[i].name.len,
                    &x->doc->defs[i]);
    json_t *vars = vars_json ? json_loads(vars_json, JSON_DECODE_ANY, NULL) : NULL;
    bool ok = exec_coerce_variables(x, vars, errs);
    json_decref(vars);
    return ok ? x : NULL;
}

/* The message of request error i. */
__attribute__((unused)) static const char *fx_err(const PtrVec *errs, uint32_t i)
{
    return i < errs->n ? ((ReqError *)errs->items[i])->message : "(none)";
}

#endif
