/* loaded_test.c - the schema built from data model *text* through the real loader
 * (model_load): the blog example against its golden file, and small models whose
 * generated names depend on the loader's sides A/B and plurals. Run from the repo root. */
#include <stdio.h>

#include "model/model.h"
#include "schema/schema.h"
#include "test.h"

static Arena test_arena;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = arena_alloc(&test_arena, (size_t)n + 1);
    size_t got = fread(p, 1, (size_t)n, f);
    p[got] = 0;
    fclose(f);
    return p;
}

static DataModel *load(const char *src)
{
    Diag d;
    diag_init(&d, &test_arena);
    DataModel *dm = model_load(src, strlen(src), "test.graphql", &d);
    if (!dm) fprintf(stderr, "model_load failed with %u diagnostics\n", d.count);
    return dm;
}

/* "\n" + canonical SDL, so "\n<definition>" also matches the first definition. */
static const char *print(const Schema *s)
{
    Buf out;
    buf_init(&out, &test_arena, 4096);
    buf_putc(&out, '\n');
    schema_print_canonical(s, &out);
    return out.data;
}

static const char *field_names(const SType *t)
{
    Buf b;
    buf_init(&b, &test_arena, 256);
    for (uint32_t i = 0; t && i < t->n_fields; i++)
        buf_printf(&b, "%s%s", i ? " " : "", t->fields[i].name);
    return b.data;
}

TEST(blog_golden_from_file)
{
    const char *src = read_file("../shared/spec/examples/blog/types.graphql");
    const char *expected = read_file("../shared/spec/examples/blog/schema.expected.graphql");
    CHECK(src && expected);
    DataModel *dm = load(src);
    CHECK(dm != NULL);
    Schema *s = schema_build(dm);
    const char *got = print(s) + 1;
    bool same = strcmp(got, expected) == 0;
    if (!same) fprintf(stderr, "blog schema differs from the golden file\n");
    schema_free(s);
    model_free(dm);
    CHECK(same);
}

/* A relation's side A is the field that comes first in the file, whatever the model
 * names' order: here Post is declared first, so A = Post (DATA-MODEL.md §7.3), as in the
 * Graphcool documentation example addToAuthorPosts(authorUserId, postsPostId). */
TEST(sides_follow_document_order)
{
    DataModel *dm = load("type Post @model {\n  id: ID! @isUnique\n  title: String!\n"
                         "  author: User! @relation(name: \"AuthorPosts\")\n}\n"
                         "type User @model {\n  id: ID! @isUnique\n  name: String\n"
                         "  posts: [Post!]! @relation(name: \"AuthorPosts\")\n}\n");
    CHECK(dm != NULL);
    Schema *s = schema_build(dm);
    const char *p = print(s);
    CHECK_CONTAINS(p, "\n  addToAuthorPosts(authorUserId: ID!, postsPostId: ID!): "
                      "AddToAuthorPostsPayload\n");
    const SField *add = stype_find_field(s->mutation, "addToAuthorPosts", 16);
    CHECK(add && add->n_args == 2);
    CHECK_EQ_STR(add->args[0].name, "authorUserId"); /* aName = author + User */
    CHECK_EQ_INT(add->args[0].role, IROLE_REL_B_ID);
    CHECK_EQ_STR(field_names(stype_find_field(s->mutation, "addToAuthorPosts", 16)->type->named),
                 "postsPost authorUser");
    CHECK(strstr(p, "removeFromAuthorPosts") == NULL); /* author is required */
    CHECK_CONTAINS(p, "\ninput PostauthorUser {\n  name: String\n  posts: [UserpostsPost!]\n"
                      "  postsIds: [ID!]\n}\n");
    CHECK_CONTAINS(p, "\ninput UserpostsPost {\n  title: String!\n}\n");
    schema_free(s);
    model_free(dm);
}

TEST(single_field_self_relation_from_text)
{
    DataModel *dm = load("type User @model {\n  id: ID! @isUnique\n  name: String\n"
                         "  friend: User @relation(name: \"Friends\")\n}\n");
    CHECK(dm != NULL);
    Schema *s = schema_build(dm);
    const char *p = print(s);
    CHECK_CONTAINS(p,
                   "\n  setFriends(friend1UserId: ID!, friend2UserId: ID!): SetFriendsPayload\n");
    CHECK_CONTAINS(p, "\ntype SetFriendsPayload {\n  friend1User: User\n  friend2User: User\n}\n");
    CHECK_CONTAINS(p, "\ninput UserfriendUser {\n  name: String\n}\n");
    CHECK_EQ_STR(field_names(stype_find_field(s->mutation, "setFriends", 10)->type->named),
                 "friend2User friend1User");
    schema_free(s);
    model_free(dm);
}

TEST(plurals_and_unused_enum_from_text)
{
    DataModel *dm = load("enum Unused { A }\nenum Mood { HAPPY SAD }\n"
                         "type Hobby @model {\n  id: ID! @isUnique\n  mood: Mood\n}\n"
                         "type Todo @model {\n  id: ID! @isUnique\n  done: Boolean!\n}\n");
    CHECK(dm != NULL);
    Schema *s = schema_build(dm);
    const char *p = print(s);
    CHECK_CONTAINS(p, "\n  allHobbies(");
    CHECK_CONTAINS(p, "\n  _allTodoesMeta(");
    CHECK_CONTAINS(p, "\nenum Mood {\n  HAPPY\n  SAD\n}\n");
    CHECK(schema_find_type(s, "Unused", 6) == NULL);
    CHECK_CONTAINS(p, "\ninput TodoFilter {\n  AND: [TodoFilter!]\n  OR: [TodoFilter!]\n"
                      "  done: Boolean\n  done_not: Boolean\n  id: ID\n");
    schema_free(s);
    model_free(dm);
}

int main(void)
{
    arena_init(&test_arena, 65536);
    RUN(blog_golden_from_file);
    RUN(sides_follow_document_order);
    RUN(single_field_self_relation_from_text);
    RUN(plurals_and_unused_enum_from_text);
    arena_fini(&test_arena);
    return test_summary();
}
