/* load_test.c - the built DataModel: the blog example (order, plurals, relation sides
 * and kinds, flags, defaults, lookups) and default values of every field type. */
#include <stdlib.h>

#include "model/model.h"
#include "test.h"

static Arena diag_arena;
static Diag diag;

static const char *shared_dir(void)
{
    const char *s = getenv("RELATA_SHARED");
    return s ? s : "../shared";
}

static void dump_diags(void)
{
    for (uint32_t i = 0; i < diag.count; i++)
        fprintf(stderr, "    %u:%u %s %s\n", diag.items[i].loc.line, diag.items[i].loc.col,
                diag.items[i].id, diag.items[i].message);
}

static DataModel *load(const char *src)
{
    arena_reset(&diag_arena);
    diag_init(&diag, &diag_arena);
    DataModel *dm = model_load(src, strlen(src), "types.graphql", &diag);
    if (!dm) dump_diags();
    return dm;
}

static const ModelField *field(const DataModel *dm, const char *model, const char *name)
{
    const Model *m = model_find(dm, model, strlen(model));
    return m ? model_find_field(m, name, strlen(name)) : NULL;
}

TEST(blog)
{
    char path[512];
    snprintf(path, sizeof path, "%s/spec/examples/blog/types.graphql", shared_dir());
    arena_reset(&diag_arena);
    diag_init(&diag, &diag_arena);
    DataModel *dm = model_load_file(path, &diag);
    if (!dm) dump_diags();
    CHECK(dm != NULL);

    /* models, enums and relations sorted by name, with their positions */
    CHECK_EQ_INT(dm->n_models, 4);
    const char *models[] = {"Comment", "Post", "Tag", "User"};
    const char *plurals[] = {"Comments", "Posts", "Tags", "Users"};
    for (uint32_t i = 0; i < 4; i++) {
        CHECK_EQ_STR(dm->models[i]->name, models[i]);
        CHECK_EQ_STR(dm->models[i]->plural, plurals[i]);
        CHECK_EQ_INT(dm->models[i]->index, i);
        CHECK(model_find(dm, models[i], strlen(models[i])) == dm->models[i]);
    }
    CHECK(model_find(dm, "Users", 5) == NULL);
    CHECK(model_find(dm, "Use", 3) == NULL);
    CHECK_EQ_INT(dm->n_enums, 2);
    CHECK_EQ_STR(dm->enums[0]->name, "PostStatus");
    CHECK_EQ_STR(dm->enums[1]->name, "Role");
    CHECK(dm->enums[0]->used && dm->enums[1]->used);
    CHECK_EQ_INT(dm->enums[1]->n_values, 3);
    CHECK_EQ_STR(dm->enums[1]->values[0], "ADMIN"); /* declaration order */
    CHECK_EQ_STR(dm->enums[0]->values[2], "ARCHIVED");

    /* field order: by name in byte order */
    const Model *user = model_find(dm, "User", 4);
    const char *user_fields[] = {"comments", "createdAt", "email",      "followers",
                                 "following", "id",       "name",       "pinnedPost",
                                 "posts",    "role",      "settings",   "updatedAt"};
    CHECK_EQ_INT(user->n_fields, 12);
    for (uint32_t i = 0; i < 12; i++) {
        CHECK_EQ_STR(user->fields[i]->name, user_fields[i]);
        CHECK_EQ_INT(user->fields[i]->index, i);
        CHECK(user->fields[i]->model == user);
    }
    CHECK(user->id_field == field(dm, "User", "id"));
    CHECK(user->declares_created_at && user->declares_updated_at);
    const Model *comment = model_find(dm, "Comment", 7);
    CHECK(comment->declares_created_at && !comment->declares_updated_at);

    /* relations */
    const char *rels[] = {"CommentAuthor", "PinnedPost", "PostAuthor", "PostComments",
                          "PostTags", "UserFollows"};
    CHECK_EQ_INT(dm->n_relations, 6);
    for (uint32_t i = 0; i < 6; i++) {
        CHECK_EQ_STR(dm->relations[i]->name, rels[i]);
        CHECK_EQ_INT(dm->relations[i]->index, i);
    }
    const ModelRelation *pa = dm->relations[2];
    CHECK_EQ_STR(pa->model_a->name, "User");
    CHECK_EQ_STR(pa->field_a->name, "posts");
    CHECK_EQ_STR(pa->model_b->name, "Post");
    CHECK_EQ_STR(pa->field_b->name, "author");
    CHECK_EQ_INT(pa->kind, REL_ONE_TO_MANY);
    CHECK(!pa->is_self && !pa->single_field);
    const ModelField *posts = field(dm, "User", "posts"), *author = field(dm, "Post", "author");
    CHECK(posts->is_relation && posts->is_side_a && posts->relation == pa);
    CHECK(posts->opposite == author && author->opposite == posts);
    CHECK(!author->is_side_a && author->relation == pa);
    CHECK(posts->related == model_find(dm, "Post", 4) && author->related == user);
    CHECK(posts->is_list && !posts->required);   /* to-many: never required */
    CHECK(!author->is_list && author->required);

    const ModelRelation *pin = dm->relations[1];
    CHECK_EQ_STR(pin->field_a->name, "pinnedPost"); /* User is declared before Post */
    CHECK_EQ_STR(pin->field_b->name, "pinnedBy");
    CHECK_EQ_INT(pin->kind, REL_ONE_TO_ONE);
    const ModelRelation *tags = dm->relations[4];
    CHECK_EQ_STR(tags->model_a->name, "Post");
    CHECK_EQ_STR(tags->field_b->name, "posts");
    CHECK_EQ_INT(tags->kind, REL_MANY_TO_MANY);
    const ModelRelation *ca = dm->relations[0];
    CHECK_EQ_STR(ca->field_a->name, "comments");
    CHECK_EQ_STR(ca->model_a->name, "User");
    CHECK_EQ_INT(ca->kind, REL_ONE_TO_MANY);
    const ModelRelation *pc = dm->relations[3];
    CHECK_EQ_STR(pc->model_a->name, "Post");
    CHECK_EQ_STR(pc->field_b->name, "post");
    const ModelRelation *uf = dm->relations[5];
    CHECK_EQ_STR(uf->field_a->name, "followers");
    CHECK_EQ_STR(uf->field_b->name, "following");
    CHECK(uf->is_self && !uf->single_field);
    CHECK_EQ_INT(uf->kind, REL_MANY_TO_MANY);
    CHECK(uf->field_a->is_side_a && !uf->field_b->is_side_a);

    /* scalar flags */
    const ModelField *id = field(dm, "Post", "id");
    CHECK(id->is_system && id->is_unique && id->required && id->scalar == SCALAR_ID);
    const ModelField *ca_f = field(dm, "Post", "createdAt");
    CHECK(ca_f->is_system && ca_f->scalar == SCALAR_DATETIME && !ca_f->is_unique);
    CHECK(field(dm, "User", "email")->is_unique && !field(dm, "User", "email")->is_system);
    CHECK(field(dm, "Post", "slug")->is_unique);
    CHECK(!field(dm, "Post", "title")->is_unique && field(dm, "Post", "title")->required);
    const ModelField *kw = field(dm, "Post", "keywords");
    CHECK(kw->is_list && !kw->required && kw->scalar == SCALAR_STRING);
    CHECK_EQ_INT(field(dm, "Post", "rating")->scalar, SCALAR_FLOAT);
    CHECK_EQ_INT(field(dm, "Post", "metadata")->scalar, SCALAR_JSON);
    CHECK_EQ_INT(field(dm, "Post", "publishedAt")->scalar, SCALAR_DATETIME);
    const ModelField *status = field(dm, "Post", "status");
    CHECK(status->scalar == SCALAR_ENUM && status->enum_type == dm->enums[0]);

    /* defaults */
    CHECK(status->has_default);
    CHECK_EQ_STR(status->default_text, "DRAFT");
    CHECK_EQ_INT(status->default_value->kind, GQL_VAL_ENUM);
    CHECK(str_eqz(status->default_value->str, "DRAFT"));
    const ModelField *role = field(dm, "User", "role");
    CHECK(role->has_default && str_eqz(role->default_value->str, "READER"));
    const ModelField *vc = field(dm, "Post", "viewCount");
    CHECK_EQ_INT(vc->default_value->kind, GQL_VAL_INT);
    CHECK(str_eqz(vc->default_value->str, "0"));
    const ModelField *pub = field(dm, "Post", "published");
    CHECK_EQ_INT(pub->default_value->kind, GQL_VAL_BOOLEAN);
    CHECK(!pub->default_value->boolean);
    CHECK_EQ_STR(pub->default_text, "false");
    CHECK(!field(dm, "Post", "title")->has_default);
    CHECK(field(dm, "Post", "title")->default_value == NULL);

    /* the source copy and filename */
    CHECK(dm->source_len > 0 && dm->source[dm->source_len] == 0);
    CHECK_CONTAINS(dm->filename, "types.graphql");
    model_free(dm);
}

TEST(single_field_self_relation)
{
    DataModel *dm = load("type User @model {\n  id: ID! @isUnique\n"
                         "  friend: User @relation(name: \"Friends\")\n"
                         "  tags: [Tag!]! @relation(name: \"Tagged\")\n}\n"
                         "type Tag @model {\n  id: ID! @isUnique\n"
                         "  peers: [Tag!]! @relation(name: \"Peers\")\n"
                         "  users: [User!]! @relation(name: \"Tagged\")\n}\n");
    CHECK(dm != NULL);
    const ModelField *friend = field(dm, "User", "friend");
    const ModelRelation *r = friend->relation;
    CHECK_EQ_STR(r->name, "Friends");
    CHECK(r->single_field && r->is_self);
    CHECK(r->field_a == friend && r->field_b == friend && friend->opposite == friend);
    CHECK(friend->is_side_a);
    CHECK_EQ_INT(r->kind, REL_ONE_TO_ONE);
    const ModelRelation *peers = field(dm, "Tag", "peers")->relation;
    CHECK(peers->single_field);
    CHECK_EQ_INT(peers->kind, REL_MANY_TO_MANY);
    /* Tagged: User.tags comes first in the file */
    const ModelRelation *t = field(dm, "User", "tags")->relation;
    CHECK_EQ_STR(t->field_a->name, "tags");
    CHECK_EQ_STR(t->model_b->name, "Tag");
    model_free(dm);
}

/* The default of field `name` in a model whose field block is `fields`. */
static const ModelField *default_of(DataModel **dm, const char *decl)
{
    char src[4096];
    snprintf(src, sizeof src,
             "enum Status {\n  DRAFT\n  PUBLISHED\n}\n"
             "type Post @model {\n  id: ID! @isUnique\n  %s\n}\n",
             decl);
    arena_reset(&diag_arena);
    diag_init(&diag, &diag_arena);
    *dm = model_load(src, strlen(src), "types.graphql", &diag);
    if (!*dm) return NULL;
    const Model *m = model_find(*dm, "Post", 4);
    for (uint32_t i = 0; i < m->n_fields; i++)
        if (!m->fields[i]->is_system) return m->fields[i];
    return NULL;
}

/* Loads `decl`; expects a default of `kind` whose str is `text` (NULL: don't check). */
static bool default_is(const char *decl, GqlValueKind kind, const char *text)
{
    DataModel *dm;
    const ModelField *f = default_of(&dm, decl);
    bool ok = f && f->has_default && f->default_value && f->default_value->kind == kind &&
              (!text || str_eqz(f->default_value->str, text));
    if (!ok) {
        fprintf(stderr, "  %s: ", decl);
        if (!f) {
            fprintf(stderr, "rejected\n");
            dump_diags();
        } else if (f->default_value) {
            fprintf(stderr, "kind %d text \"%.*s\"\n", f->default_value->kind,
                    STR_FMT(f->default_value->str));
        }
    }
    model_free(dm);
    return ok;
}

static bool default_rejected(const char *decl)
{
    DataModel *dm;
    const ModelField *f = default_of(&dm, decl);
    bool ok = !dm && diag.count == 1 && strcmp(diag.items[0].id, "SDL-DEFAULT-INVALID") == 0;
    if (!ok) {
        fprintf(stderr, "  %s: not rejected as SDL-DEFAULT-INVALID\n", decl);
        dump_diags();
    }
    (void)f;
    model_free(dm);
    return ok;
}

TEST(default_values)
{
    CHECK(default_is("a: String @defaultValue(value: \"New Post\")", GQL_VAL_STRING, "New Post"));
    CHECK(default_is("a: String @defaultValue(value: \"\")", GQL_VAL_STRING, ""));
    CHECK(default_is("a: String @defaultValue(value: 42)", GQL_VAL_STRING, "42"));
    CHECK(default_is("a: Int @defaultValue(value: \"42\")", GQL_VAL_INT, "42"));
    CHECK(default_is("a: Int @defaultValue(value: 42)", GQL_VAL_INT, "42"));
    CHECK(default_is("a: Int @defaultValue(value: \"-2147483648\")", GQL_VAL_INT, "-2147483648"));
    CHECK(default_is("a: Int @defaultValue(value: \"2147483647\")", GQL_VAL_INT, "2147483647"));
    CHECK(default_rejected("a: Int @defaultValue(value: \"2147483648\")"));
    CHECK(default_rejected("a: Int @defaultValue(value: \"1.5\")"));
    CHECK(default_rejected("a: Int @defaultValue(value: 1.0)"));
    CHECK(default_rejected("a: Int @defaultValue(value: \"\")"));
    CHECK(default_rejected("a: Int @defaultValue(value: \" 1\")"));
    CHECK(default_is("a: Float @defaultValue(value: \"1.5\")", GQL_VAL_FLOAT, "1.5"));
    CHECK(default_is("a: Float @defaultValue(value: 2)", GQL_VAL_FLOAT, "2"));
    CHECK(default_is("a: Float @defaultValue(value: -0.25)", GQL_VAL_FLOAT, "-0.25"));
    CHECK(default_is("a: Float @defaultValue(value: 1.5e3)", GQL_VAL_FLOAT, "1.5e3"));
    CHECK(default_rejected("a: Float @defaultValue(value: \"abc\")"));
    CHECK(default_rejected("a: Float @defaultValue(value: \"1e999\")"));
    CHECK(default_rejected("a: Float @defaultValue(value: \"NaN\")"));
    /* the Float range rule of SIMPLE-API.md §2.4 (35 characters in plain notation) */
    CHECK(default_is("a: Float @defaultValue(value: 1e34)", GQL_VAL_FLOAT, "1e34"));
    CHECK(default_is("a: Float @defaultValue(value: -1.5e33)", GQL_VAL_FLOAT, "-1.5e33"));
    CHECK(default_is("a: Float @defaultValue(value: 0.000000000000000000000000000000001)",
                     GQL_VAL_FLOAT, NULL));
    CHECK(default_rejected("a: Float @defaultValue(value: 1e35)"));
    CHECK(default_rejected("a: Float @defaultValue(value: -1e34)"));
    CHECK(default_rejected("a: Float @defaultValue(value: 1e-40)"));
    CHECK(default_rejected("a: Float @defaultValue(value: 1e-34)"));
    CHECK(default_rejected("a: Float @defaultValue(value: 1.25e35)"));
    CHECK(default_is("a: Boolean! @defaultValue(value: \"false\")", GQL_VAL_BOOLEAN, NULL));
    CHECK(default_is("a: Boolean! @defaultValue(value: true)", GQL_VAL_BOOLEAN, NULL));
    CHECK(default_rejected("a: Boolean @defaultValue(value: \"yes\")"));
    CHECK(default_rejected("a: Boolean @defaultValue(value: \"True\")"));
    CHECK(default_is("a: DateTime @defaultValue(value: \"2017-01-01T00:00:00.000Z\")",
                     GQL_VAL_STRING, "2017-01-01T00:00:00.000Z"));
    CHECK(default_is("a: DateTime @defaultValue(value: \"2017-03\")", GQL_VAL_STRING,
                     "2017-03-01T00:00:00.000Z"));
    CHECK(default_rejected("a: DateTime @defaultValue(value: \"2017-02-30\")"));
    CHECK(default_is("a: Status @defaultValue(value: \"DRAFT\")", GQL_VAL_ENUM, "DRAFT"));
    CHECK(default_is("a: Status @defaultValue(value: PUBLISHED)", GQL_VAL_ENUM, "PUBLISHED"));
    CHECK(default_rejected("a: Status @defaultValue(value: \"OTHER\")"));
    CHECK(default_rejected("a: Status @defaultValue(value: \"draft\")"));
    CHECK(default_is("a: Json @defaultValue(value: \"{\\\"a\\\": 1, \\\"b\\\": [true, null, 1.50]}\")",
                     GQL_VAL_STRING, "{\"a\":1,\"b\":[true,null,1.50]}"));
    CHECK(default_is("a: Json @defaultValue(value: \" [ ] \")", GQL_VAL_STRING, "[]"));
    CHECK(default_is("a: Json @defaultValue(value: \"{\\\"s\\\": \\\"x y\\\\\\\"\\\"}\")",
                     GQL_VAL_STRING, "{\"s\":\"x y\\\"\"}"));
    CHECK(default_rejected("a: Json @defaultValue(value: \"1\")"));
    CHECK(default_rejected("a: Json @defaultValue(value: \"\\\"x\\\"\")"));
    CHECK(default_rejected("a: Json @defaultValue(value: \"{a: 1}\")"));
    CHECK(default_rejected("a: Json @defaultValue(value: \"{\\\"a\\\": 1} x\")"));
    CHECK(default_rejected("a: Json @defaultValue(value: \"[1,]\")"));
    /* `null`, as text or literal, is rejected for every type */
    CHECK(default_rejected("a: String @defaultValue(value: \"null\")"));
    CHECK(default_rejected("a: Json @defaultValue(value: \"null\")"));
    CHECK(default_rejected("a: Int @defaultValue(value: null)"));
}

TEST(list_defaults)
{
    DataModel *dm;
    const ModelField *f = default_of(&dm, "a: [String!] @defaultValue(value: \"[\\\"a\\\", \\\"b,c\\\"]\")");
    CHECK(f && f->default_value->kind == GQL_VAL_LIST);
    CHECK_EQ_INT(f->default_value->n_items, 2);
    CHECK_EQ_INT(f->default_value->items[0]->kind, GQL_VAL_STRING);
    CHECK(str_eqz(f->default_value->items[1]->str, "b,c"));
    model_free(dm);

    f = default_of(&dm, "a: [Int!]! @defaultValue(value: \"[1, -2 3]\")");
    CHECK(f && f->default_value->n_items == 3);
    CHECK(str_eqz(f->default_value->items[1]->str, "-2"));
    CHECK_EQ_INT(f->default_value->items[2]->kind, GQL_VAL_INT);
    model_free(dm);

    f = default_of(&dm, "a: [Status!] @defaultValue(value: \"[DRAFT, PUBLISHED]\")");
    CHECK(f && f->default_value->n_items == 2);
    CHECK_EQ_INT(f->default_value->items[0]->kind, GQL_VAL_ENUM);
    model_free(dm);

    f = default_of(&dm, "a: [Json!] @defaultValue(value: \"[{\\\"a\\\": 1}, [2, {}]]\")");
    CHECK(f && f->default_value->kind == GQL_VAL_LIST && f->default_value->n_items == 2);
    CHECK(str_eqz(f->default_value->items[0]->str, "{\"a\":1}"));
    CHECK(str_eqz(f->default_value->items[1]->str, "[2,{}]"));
    model_free(dm);

    f = default_of(&dm, "a: [DateTime!] @defaultValue(value: \"[\\\"2017\\\"]\")");
    CHECK(f && str_eqz(f->default_value->items[0]->str, "2017-01-01T00:00:00.000Z"));
    model_free(dm);

    f = default_of(&dm, "a: [Boolean!] @defaultValue(value: \"[]\")");
    CHECK(f && f->default_value->kind == GQL_VAL_LIST && f->default_value->n_items == 0);
    model_free(dm);

    f = default_of(&dm, "a: [Float!] @defaultValue(value: \"[1, 2.5]\")");
    CHECK(f && f->default_value->items[0]->kind == GQL_VAL_FLOAT);
    model_free(dm);

    CHECK(default_rejected("a: [String!] @defaultValue(value: \"a\")"));
    CHECK(default_rejected("a: [String!] @defaultValue(value: \"[a]\")"));
    CHECK(default_rejected("a: [Int!] @defaultValue(value: \"[\\\"1\\\"]\")"));
    CHECK(default_rejected("a: [Int!] @defaultValue(value: \"[1, null]\")"));
    CHECK(default_rejected("a: [Int!] @defaultValue(value: \"[1\")"));
    CHECK(default_rejected("a: [Status!] @defaultValue(value: \"[\\\"DRAFT\\\"]\")"));
    CHECK(default_rejected("a: [Status!] @defaultValue(value: \"[OTHER]\")"));
    CHECK(default_rejected("a: [Json!] @defaultValue(value: \"[1]\")"));
    CHECK(default_rejected("a: [Json!] @defaultValue(value: \"{}\")"));
    CHECK(default_rejected("a: [Boolean!] @defaultValue(value: \"[true] x\")"));
}

TEST(value_from_text_contract)
{
    /* model_value_from_text is usable on its own (migration values) */
    Arena a;
    arena_init(&a, 1024);
    ModelField f = {0};
    f.scalar = SCALAR_INT;
    GqlValue *v = NULL;
    CHECK(model_value_from_text(&a, &f, "+7", 2, &v));
    CHECK(v->kind == GQL_VAL_INT && str_eqz(v->str, "7"));
    CHECK(!model_value_from_text(&a, &f, "7x", 2, &v));
    f.scalar = SCALAR_STRING;
    CHECK(model_value_from_text(&a, &f, "hello", 3, &v));
    CHECK(str_eqz(v->str, "hel"));
    arena_fini(&a);
}

TEST(migration_directives_recorded)
{
    DataModel *dm = load("enum S @rename(oldName: \"State\") @migrationValue(value: A) {\n  A\n}\n"
                         "type Post @model @rename(oldName: \"Article\") {\n  id: ID! @isUnique\n"
                         "  s: S @rename(oldName: \"state\") @migrationValue(value: \"A\")\n"
                         "  author: User @relation(name: \"Wrote\", oldName: \"PostAuthor\")\n}\n"
                         "type User @model {\n  id: ID! @isUnique\n"
                         "  posts: [Post!]! @relation(name: \"Wrote\", oldName: \"PostAuthor\")\n}\n");
    CHECK(dm != NULL);
    const Model *post = model_find(dm, "Post", 4);
    CHECK_EQ_STR(post->rename_from, "Article");
    CHECK_EQ_STR(dm->enums[0]->rename_from, "State");
    CHECK_EQ_STR(dm->enums[0]->migration_text, "A");
    const ModelField *s = field(dm, "Post", "s");
    CHECK_EQ_STR(s->rename_from, "state");
    CHECK_EQ_STR(s->migration_text, "A");
    CHECK_EQ_STR(field(dm, "Post", "author")->relation->old_name, "PostAuthor");
    CHECK(field(dm, "Post", "id")->rename_from == NULL);
    model_free(dm);
}

/* N(f) of every relation field of the blog is an input type of the expected schema, and
 * every nested create input type there is some N(f) (SIMPLE-API.md §3.6). */
TEST(blog_nested_names)
{
    char path[512];
    snprintf(path, sizeof path, "%s/spec/examples/blog/types.graphql", shared_dir());
    arena_reset(&diag_arena);
    diag_init(&diag, &diag_arena);
    DataModel *dm = model_load_file(path, &diag);
    CHECK(dm != NULL);
    snprintf(path, sizeof path, "%s/spec/examples/blog/schema.expected.graphql", shared_dir());
    FILE *fp = fopen(path, "r");
    CHECK(fp != NULL);
    static char expected[200000];
    size_t n = fread(expected, 1, sizeof expected - 1, fp);
    expected[n] = 0;
    fclose(fp);
    Arena a;
    arena_init(&a, 4096);
    int found = 0;
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        for (uint32_t k = 0; k < m->n_fields; k++) {
            const ModelField *f = m->fields[k];
            if (!f->is_relation) continue;
            CHECK(model_has_nested(f));
            const char *want = arena_printf(&a, "\ninput %s {\n", model_nested_type_name(&a, f));
            CHECK_CONTAINS(expected, want);
            found++;
        }
    }
    CHECK_EQ_STR(model_nested_type_name(&a, field(dm, "User", "followers")), "UserfollowingUser");
    CHECK_EQ_STR(model_nested_type_name(&a, field(dm, "User", "following")), "UserfollowingUser");
    CHECK_EQ_STR(model_nested_type_name(&a, field(dm, "Post", "author")), "PostauthorUser");
    CHECK_EQ_INT(found, 12); /* 11 distinct names: followers/following share one */
    arena_fini(&a);
    model_free(dm);
}

TEST(has_nested)
{
    /* Tag's only writable field is the to-one side of the same relation: no N(f) */
    DataModel *dm = load("type Post @model {\n  id: ID! @isUnique\n"
                         "  tags: [Tag!]! @relation(name: \"PostTags\")\n}\n"
                         "type Tag @model {\n  id: ID! @isUnique\n"
                         "  post: Post @relation(name: \"PostTags\")\n}\n");
    CHECK(dm != NULL);
    CHECK(!model_has_nested(field(dm, "Post", "tags")));
    CHECK(model_has_nested(field(dm, "Tag", "post"))); /* to-many stays in N(f) */
    model_free(dm);
}

int main(void)
{
    arena_init(&diag_arena, 4096);
    RUN(blog);
    RUN(single_field_self_relation);
    RUN(default_values);
    RUN(list_defaults);
    RUN(value_from_text_contract);
    RUN(migration_directives_recorded);
    RUN(blog_nested_names);
    RUN(has_nested);
    arena_fini(&diag_arena);
    return test_summary();
}
