/* mutate_test.c - the mutations of SIMPLE-API.md §5 on a temp SQLite database: values,
 * defaults, errors and their precedence, every relation rule on both sides (one-to-one,
 * one-to-many, many-to-many, single- and two-field self-relations), atomicity. */
#include "../test.h"
#include "fixture.h"

#define BLOG "/work/shared/spec/examples/blog/types.graphql"

static const char *ONE_TO_ONE = "type User @model { id: ID! @isUnique  name: String!  profile: "
                                "Profile @relation(name: \"UserProfile\") }\n"
                                "type Profile @model { id: ID! @isUnique  bio: String!  user: User "
                                "@relation(name: \"UserProfile\") }\n";

static const char *ONE_TO_ONE_REQUIRED = "type Car @model { id: ID! @isUnique  name: String!  "
                                         "engine: Engine! @relation(name: \"CarEngine\") }\n"
                                         "type Engine @model { id: ID! @isUnique  serial: String!  "
                                         "car: Car @relation(name: \"CarEngine\") }\n";

static const char *SELF = "type Person @model { id: ID! @isUnique  name: String!\n"
                          "  friend: Person @relation(name: \"Friends\")\n"
                          "  knows: [Person!]! @relation(name: \"Knows\") }\n"
                          "type Category @model { id: ID! @isUnique  name: String!\n"
                          "  parent: Category @relation(name: \"CategoryTree\")\n"
                          "  children: [Category!]! @relation(name: \"CategoryTree\") }\n";

static const char *DEFAULTS =
    "enum Color { RED GREEN }\n"
    "type Thing @model { id: ID! @isUnique\n"
    "  words: [String!] @defaultValue(value: \"[\\\"a\\\", \\\"b\\\"]\")\n"
    "  colors: [Color!]! @defaultValue(value: \"[RED, GREEN]\")\n"
    "  meta: Json @defaultValue(value: \"{\\\"a\\\": [1, 2.5]}\")\n"
    "  metas: [Json!] @defaultValue(value: \"[{\\\"x\\\": 1}, []]\")\n"
    "  when: DateTime @defaultValue(value: \"2017-03-01T10:00:00+02:00\")\n"
    "  score: Float @defaultValue(value: \"1.5\")\n"
    "  color: Color! @defaultValue(value: \"GREEN\")\n"
    "  n: Int @defaultValue(value: 7)\n"
    "  ok: Boolean! @defaultValue(value: true) }\n"
    "type Bare @model { id: ID! @isUnique  createdAt: DateTime! }\n";

static Fx fx;

#define OPEN(src) CHECK(fx_open(&fx, src))
#define OPEN_BLOG() CHECK(fx_open_file(&fx, BLOG))
#define RUN_OK(out, ...)                                                                           \
    do {                                                                                           \
        out = fx_run(&fx, __VA_ARGS__);                                                            \
        if (fx.code >= 0) fprintf(stderr, "unexpected error %d: %s\n", fx.code, fx.message);       \
        CHECK(fx.code < 0);                                                                        \
    } while (0)
#define RUN_ERR(code_, ...)                                                                        \
    do {                                                                                           \
        const char *out_ = fx_run(&fx, __VA_ARGS__);                                               \
        if (fx.code != (code_))                                                                    \
            fprintf(stderr, "got %s, error %d: %s\n", out_, fx.code,                               \
                    fx.message ? fx.message : "");                                                 \
        CHECK_EQ_INT(fx.code, code_);                                                              \
    } while (0)

/* ---- node mutations, values, defaults ---- */

TEST(create_defaults_and_timestamps)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { createUser(email: \"a@x.io\", name: \"Ann\") { id name role createdAt "
              "updatedAt } }");
    const char *id = fx_get(&fx, r, "createUser.id");
    CHECK(id && strlen(id) == 25);
    CHECK_EQ_STR(fx_get(&fx, r, "createUser.role"), "READER");
    const char *ca = fx_get(&fx, r, "createUser.createdAt");
    CHECK(ca && strlen(ca) == 24 && strcmp(ca + 19, ".000Z") == 0);
    CHECK_EQ_STR(ca, fx_get(&fx, r, "createUser.updatedAt"));
    RUN_OK(r,
           "mutation { createPost(title: \"T\", slug: \"t\", authorId: \"%s\") { status viewCount "
           "published body } }",
           id);
    CHECK_EQ_STR(r, "{\"createPost\":{\"status\":\"DRAFT\",\"viewCount\":0,\"published\":false,"
                    "\"body\":null}}");
    fx_close(&fx);
}

TEST(explicit_null_and_required_fields)
{
    OPEN_BLOG();
    /* null on a required field with a default: 3036, the default is not used */
    RUN_ERR(3036, "mutation { createUser(email: \"a@x.io\", name: \"Ann\", role: null) { id } }");
    CHECK_EQ_STR(fx.message, "The input value null was not valid for field role of type User.");
    const char *r;
    RUN_OK(r, "mutation { createUser(email: \"a@x.io\", name: \"Ann\", settings: null) { id "
              "settings } }");
    const char *id = fx_get(&fx, r, "createUser.id");
    /* update: null on a required field is 3020, on an optional one stores null */
    RUN_ERR(3020, "mutation { updateUser(id: \"%s\", name: null) { id } }", id);
    CHECK_EQ_STR(fx.message,
                 "You are trying to set a required field to null. If you are using GraphQL "
                 "arguments, make sure that you specify a value for all arguments. "
                 "Fieldname if known: name");
    RUN_OK(r,
           "mutation { updateUser(id: \"%s\", settings: \"{\\\"a\\\": [1, 2.5]}\") { settings } }",
           id);
    CHECK_EQ_STR(r, "{\"updateUser\":{\"settings\":{\"a\":[1,2.5]}}}");
    RUN_OK(r, "mutation { updateUser(id: \"%s\", settings: null) { settings name } }", id);
    CHECK_EQ_STR(r, "{\"updateUser\":{\"settings\":null,\"name\":\"Ann\"}}");
    fx_close(&fx);
}

TEST(value_checks)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { createUser(email: \"a@x.io\", name: \"Ann\") { id } }");
    const char *u = fx_get(&fx, r, "createUser.id");
    /* Float range rule: 1e34 has 35 characters in plain notation, 1e35 36 */
    RUN_OK(
        r,
        "mutation { createPost(title: \"a\", slug: \"a\", rating: 1e34, authorId: \"%s\") { id } }",
        u);
    RUN_ERR(
        3007,
        "mutation { createPost(title: \"b\", slug: \"b\", rating: 1e35, authorId: \"%s\") { id } }",
        u);
    CHECK_EQ_STR(fx.message, "Value for field rating is too long.");
    RUN_ERR(3007,
            "mutation { createPost(title: \"b\", slug: \"b\", rating: -1e34, authorId: \"%s\") { "
            "id } }",
            u);
    RUN_ERR(3007,
            "mutation { createPost(title: \"b\", slug: \"b\", rating: 1e-40, authorId: \"%s\") { "
            "id } }",
            u);
    RUN_OK(r,
           "mutation { createPost(title: \"c\", slug: \"c\", rating: 0.1, authorId: \"%s\") { "
           "rating } }",
           u);
    CHECK_EQ_STR(r, "{\"createPost\":{\"rating\":0.1}}");
    /* Json: the string content is parsed once more; must be an object or array */
    RUN_ERR(3037, "mutation { updateUser(id: \"%s\", settings: \"42\") { id } }", u);
    CHECK_EQ_STR(fx.message, "The value in the field 'settings' is not a valid Json: '42'");
    RUN_ERR(3037, "mutation { updateUser(id: \"%s\", settings: \"\\\"abc\\\"\") { id } }", u);
    RUN_OK(r, "mutation { updateUser(id: \"%s\", settings: \"\\\"[1,{}]\\\"\") { settings } }", u);
    CHECK_EQ_STR(r, "{\"updateUser\":{\"settings\":[1,{}]}}");
    /* strings: 262144 UTF-16 code units at most */
    char *big = malloc(262146);
    memset(big, 'x', 262145);
    big[262145] = 0;
    RUN_ERR(3007, "mutation { updateUser(id: \"%s\", name: \"%s\") { id } }", u, big);
    CHECK_EQ_STR(fx.message, "Value for field name is too long.");
    big[262144] = 0;
    RUN_OK(r, "mutation { updateUser(id: \"%s\", name: \"%s\") { id } }", u, big);
    free(big);
    /* scalar lists are stored as JSON arrays; DateTime is normalised */
    RUN_OK(
        r,
        "mutation { createPost(title: \"d\", slug: \"d\", keywords: [\"x\", \"y\"], publishedAt: "
        "\"2017-11-22T13:57:31.12345+01:00\", authorId: \"%s\") { keywords publishedAt } }",
        u);
    CHECK_EQ_STR(r, "{\"createPost\":{\"keywords\":[\"x\",\"y\"],\"publishedAt\":\"2017-11-22T12:"
                    "57:31.123Z\"}}");
    CHECK_EQ_STR(fx_sql_text(&fx, "SELECT keywords FROM Post WHERE slug = 'd'"), "[\"x\",\"y\"]");
    fx_close(&fx);
}

/* Json from variables arrives as VAL_JSON (any JSON value as compact text) */
TEST(json_from_variables)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { createUser(email: \"a@x.io\", name: \"Ann\") { id } }");
    const char *u = fx_get(&fx, r, "createUser.id");
    static const struct {
        const char *json;
        int code;
        const char *stored;
    } cases[] = {
        {"{\"a\":{\"b\":[true,null,\"x\"]}}", -1, "{\"a\":{\"b\":[true,null,\"x\"]}}"},
        {"\"[1,2]\"", -1, "[1,2]"}, /* a JSON string holding JSON text */
        {"true", 3037, NULL},
        {"\"plain\"", 3037, NULL},
        {"null", 3037, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PlanSel *sel =
            fx_plan(&fx, "mutation { updateUser(id: \"%s\", settings: \"{}\") { settings } }", u);
        PlanField *f = &sel->fields[0];
        for (uint32_t k = 0; k < f->n_args; k++)
            if (strcmp(f->args[k].def->name, "settings") == 0) {
                f->args[k].value->kind = VAL_JSON;
                f->args[k].value->s = str_from(cases[i].json);
            }
        r = fx_exec(&fx, sel, true);
        CHECK_EQ_INT(fx.code, cases[i].code);
        if (cases[i].stored)
            CHECK_EQ_STR(fx_sql_text(&fx, "SELECT settings FROM User"), cases[i].stored);
    }
    CHECK_EQ_STR(fx.message, "The value in the field 'settings' is not a valid Json: 'null'");
    fx_close(&fx);
}

/* defaults of every kind, stored in the column forms of store.h */
TEST(defaults_of_every_type)
{
    OPEN(DEFAULTS);
    const char *r;
    RUN_OK(r, "mutation { createThing { words colors meta metas when score color n ok } }");
    CHECK_EQ_STR(
        r,
        "{\"createThing\":{\"words\":[\"a\",\"b\"],\"colors\":[\"RED\",\"GREEN\"],"
        "\"meta\":{\"a\":[1,2.5]},\"metas\":[{\"x\":1},[]],\"when\":\"2017-03-01T08:00:00.000Z\","
        "\"score\":1.5,\"color\":\"GREEN\",\"n\":7,\"ok\":true}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT ok FROM Thing"), 1);
    /* explicit values win, explicit null on an optional field stores null */
    RUN_OK(r, "mutation { createThing(words: \"single\", colors: [], n: null, ok: false, "
              "metas: [\"[3]\"]) { words colors n ok metas } }");
    CHECK_EQ_STR(r, "{\"createThing\":{\"words\":[\"single\"],\"colors\":[],\"n\":null,\"ok\":"
                    "false,\"metas\":[[3]]}}");
    RUN_ERR(3036, "mutation { createThing(colors: null) { id } }");
    RUN_ERR(3037, "mutation { createThing(metas: [\"[3]\", \"3\"]) { id } }");
    /* a model without create arguments: updateOrCreate creates with defaults only */
    RUN_OK(r, "mutation { updateOrCreateBare(update: {id: \"cjdoesnotexist00000000000\"}) { id "
              "createdAt } }");
    CHECK(fx_get(&fx, r, "updateOrCreateBare.id"));
    RUN_OK(r, "mutation { createBare { id } }");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM Bare"), 2);
    fx_close(&fx);
}

TEST(update_and_updated_at)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { createUser(email: \"a@x.io\", name: \"Ann\") { id } }");
    const char *u = fx_get(&fx, r, "createUser.id");
    char sql[200];
    snprintf(sql, sizeof sql,
             "UPDATE User SET updatedAt = '2001-01-01T00:00:00.000Z' WHERE id = '%s'", u);
    CHECK_EQ_INT(sqlite3_exec(fx.c->db, sql, NULL, NULL, NULL), SQLITE_OK);
    /* same values, or no scalar at all: updatedAt stays */
    RUN_OK(r, "mutation { updateUser(id: \"%s\", name: \"Ann\", email: \"a@x.io\") { updatedAt } }",
           u);
    CHECK_EQ_STR(fx_get(&fx, r, "updateUser.updatedAt"), "2001-01-01T00:00:00.000Z");
    RUN_OK(r, "mutation { updateUser(id: \"%s\") { name updatedAt } }", u);
    CHECK_EQ_STR(fx_get(&fx, r, "updateUser.updatedAt"), "2001-01-01T00:00:00.000Z");
    /* connecting is not a scalar change */
    RUN_OK(r,
           "mutation { updateUser(id: \"%s\", pinnedPost: {title: \"t\", slug: \"t\", authorId: "
           "\"%s\"}) { updatedAt pinnedPost { title } } }",
           u, u);
    CHECK_EQ_STR(fx_get(&fx, r, "updateUser.updatedAt"), "2001-01-01T00:00:00.000Z");
    CHECK_EQ_STR(fx_get(&fx, r, "updateUser.pinnedPost.title"), "t");
    /* a case change is a change */
    RUN_OK(r, "mutation { updateUser(id: \"%s\", name: \"ANN\") { name updatedAt } }", u);
    CHECK_EQ_STR(fx_get(&fx, r, "updateUser.name"), "ANN");
    CHECK(strcmp(fx_get(&fx, r, "updateUser.updatedAt"), "2001-01-01T00:00:00.000Z") != 0);
    /* 3002 precedes everything else */
    RUN_ERR(3002, "mutation { updatePost(id: \"wrong-id\", title: null) { id } }");
    CHECK_EQ_STR(fx.message, "'Post' has no item with id 'wrong-id'");
    fx_close(&fx);
}

TEST(upsert)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { updateOrCreateTag(update: {id: \"cjdoesnotexist00000000000\", name: "
              "\"u\"}, create: {name: \"c\"}) { id name } }");
    const char *t = fx_get(&fx, r, "updateOrCreateTag.id");
    CHECK(strcmp(t, "cjdoesnotexist00000000000") != 0);
    CHECK_EQ_STR(fx_get(&fx, r, "updateOrCreateTag.name"), "c");
    RUN_OK(r,
           "mutation { updateOrCreateTag(update: {id: \"%s\", name: \"u\"}, create: {name: "
           "\"c2\"}) { id name } }",
           t);
    CHECK_EQ_STR(fx_get(&fx, r, "updateOrCreateTag.id"), t);
    CHECK_EQ_STR(fx_get(&fx, r, "updateOrCreateTag.name"), "u");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM Tag"), 1);
    fx_close(&fx);
}

TEST(delete_node)
{
    OPEN_BLOG();
    const char *r;
    RUN_ERR(3001, "mutation { deleteTag(id: \"not an id!\") { id } }");
    CHECK_EQ_STR(fx.message, "The given id 'not an id!' is invalid.");
    RUN_ERR(3002, "mutation { deleteTag(id: \"cjdoesnotexist00000000000\") { id } }");
    RUN_OK(r, "mutation { createTag(name: \"t\", posts: []) { id } }");
    const char *t = fx_get(&fx, r, "createTag.id");
    RUN_OK(r, "mutation { deleteTag(id: \"%s\") { name posts { id } } }", t);
    CHECK_EQ_STR(r, "{\"deleteTag\":{\"name\":\"t\",\"posts\":[]}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM Tag"), 0);
    RUN_ERR(3002, "mutation { deleteTag(id: \"%s\") { id } }", t);
    fx_close(&fx);
}

TEST(unique_violation)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { createUser(email: \"ann@example.com\", name: \"A\") { id } }");
    const char *a = fx_get(&fx, r, "createUser.id");
    RUN_ERR(3010, "mutation { createUser(email: \"Ann@Example.COM\", name: \"B\") { id } }");
    CHECK_EQ_STR(fx.message,
                 "A unique constraint would be violated on User. Details: Field name = email");
    RUN_OK(r, "mutation { createUser(email: \"bob@example.com\", name: \"B\") { id } }");
    const char *b = fx_get(&fx, r, "createUser.id");
    RUN_ERR(3010, "mutation { updateUser(id: \"%s\", email: \"ann@example.com\") { id } }", b);
    RUN_OK(r,
           "mutation { updateUser(id: \"%s\", email: \"ann@example.com\", name: \"A2\") { name } }",
           a);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM User"), 2);
    fx_close(&fx);
}

/* ---- errors in nested arguments, precedence, atomicity ---- */

TEST(nested_create_is_atomic)
{
    OPEN_BLOG();
    /* the second post's slug collides with the first: nothing at all is left */
    RUN_ERR(
        3010,
        "mutation { createUser(email: \"a@x.io\", name: \"A\", posts: [{title: \"1\", slug: \"s\", "
        "tags: [{name: \"t1\"}]}, {title: \"2\", slug: \"S\", comments: [{text: \"c\"}]}]) { id } "
        "}");
    CHECK_EQ_STR(fx.message,
                 "A unique constraint would be violated on Post. Details: Field name = slug");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM User"), 0);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM Post"), 0);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM Tag"), 0);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _PostTags"), 0);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _PostAuthor"), 0);
    /* three levels down: the comment's new author repeats the top user's email */
    RUN_ERR(
        3010,
        "mutation { createUser(email: \"a@x.io\", name: \"A\", posts: [{title: \"1\", slug: \"s\", "
        "tags: [{name: \"t1\"}], comments: [{text: \"c\", author: {email: \"A@X.io\", name: "
        "\"B\"}}]}]) { id } }");
    CHECK_EQ_STR(fx.message,
                 "A unique constraint would be violated on User. Details: Field name = email");
    CHECK_EQ_INT(
        fx_sql_int(&fx,
                   "SELECT (SELECT count(*) FROM User) + (SELECT count(*) FROM Post) + "
                   "(SELECT count(*) FROM Tag) + (SELECT count(*) FROM Comment) + "
                   "(SELECT count(*) FROM _PostTags) + (SELECT count(*) FROM _PostAuthor) + "
                   "(SELECT count(*) FROM _PostComments) + (SELECT count(*) FROM _CommentAuthor)"),
        0);
    /* deep nesting works: user -> post -> comment (whose author is left empty) and tags */
    const char *r;
    RUN_OK(
        r,
        "mutation { createUser(email: \"a@x.io\", name: \"A\", posts: [{title: \"1\", slug: \"s\", "
        "tags: [{name: \"t1\"}, {name: \"t2\"}], comments: [{text: \"c\"}]}]) "
        "{ posts { title author { name } tags { name } comments { text post { slug } } } } }");
    CHECK_EQ_STR(r, "{\"createUser\":{\"posts\":[{\"title\":\"1\",\"author\":{\"name\":\"A\"},"
                    "\"tags\":[{\"name\":\"t1\"},{\"name\":\"t2\"}],"
                    "\"comments\":[{\"text\":\"c\",\"post\":{\"slug\":\"s\"}}]}]}}");
    fx_close(&fx);
}

TEST(error_precedence)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { createUser(email: \"a@x.io\", name: \"A\") { id } }");
    const char *u = fx_get(&fx, r, "createUser.id");
    /* value errors (even nested) before referenced ids before required relations */
    RUN_ERR(
        3007,
        "mutation { createPost(title: \"t\", slug: \"s\", authorId: \"cjdoesnotexist00000000000\", "
        "comments: [{text: \"c\", author: {email: \"b@x.io\", name: \"n\", settings: null}}], "
        "rating: 1e40) { id } }");
    RUN_ERR(
        3037,
        "mutation { createPost(title: \"t\", slug: \"s\", authorId: \"cjdoesnotexist00000000000\", "
        "comments: [{text: \"c\", author: {email: \"b@x.io\", name: \"n\", settings: \"1\"}}]) { "
        "id } }");
    RUN_ERR(3000,
            "mutation { createPost(title: \"t\", slug: \"s\", authorId: \"%s\", pinnedById: \"bad "
            "id!\", "
            "pinnedBy: {email: \"b@x.io\", name: \"n\"}) { id } }",
            u);
    CHECK_EQ_STR(fx.message, "The arguments 'pinnedById' and 'pinnedBy' cannot be used together.");
    RUN_ERR(3001,
            "mutation { createPost(title: \"t\", slug: \"s\", pinnedById: \"bad id!\") { id } }");
    RUN_ERR(3011, "mutation { createPost(title: \"t\", slug: \"s\", tagsIds: "
                  "[\"cjdoesnotexist00000000000\"]) { id } }");
    CHECK_EQ_STR(fx.message,
                 "You are referencing a node that does not exist. Please check your mutation to "
                 "make sure you are only creating edges between existing nodes. Id if "
                 "available: cjdoesnotexist00000000000");
    RUN_ERR(3032, "mutation { createPost(title: \"t\", slug: \"s\") { id } }");
    CHECK_EQ_STR(fx.message, "The field 'author' on type 'Post' is required. Performing this "
                             "mutation would violate the constraint");
    /* a nested create of the same relation satisfies the required side */
    RUN_OK(r, "mutation { createPost(title: \"t\", slug: \"s\", author: {email: \"n@x.io\", name: "
              "\"N\"}) { author { name } } }");
    CHECK_EQ_STR(r, "{\"createPost\":{\"author\":{\"name\":\"N\"}}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM Post"), 1);
    fx_close(&fx);
}

/* ---- one-to-many (blog PostAuthor: User.posts, required Post.author) ---- */

TEST(one_to_many)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { a: createUser(email: \"a@x.io\", name: \"a\", posts: [{title: \"p1\", "
              "slug: \"p1\"}, "
              "{title: \"p2\", slug: \"p2\"}]) { id posts { id } } b: createUser(email: "
              "\"b@x.io\", name: \"b\") { id } }");
    const char *a = fx_get(&fx, r, "a.id"), *b = fx_get(&fx, r, "b.id");
    const char *p1 = fx_get(&fx, r, "a.posts.0.id"), *p2 = fx_get(&fx, r, "a.posts.1.id");
    /* delete a user whose posts require it: 3032 on the other side */
    RUN_ERR(3032, "mutation { deleteUser(id: \"%s\") { id } }", a);
    CHECK_EQ_STR(fx.message, "The field 'author' on type 'Post' is required. Performing this "
                             "mutation would violate the constraint");
    /* replacing a's posts without p2 would orphan p2 */
    RUN_ERR(3032, "mutation { updateUser(id: \"%s\", postsIds: [\"%s\"]) { id } }", a, p1);
    RUN_ERR(3032,
            "mutation { updateUser(id: \"%s\", posts: [{title: \"p3\", slug: \"p3\"}]) { id } }",
            a);
    RUN_OK(r,
           "mutation { updateUser(id: \"%s\", postsIds: [\"%s\", \"%s\", \"%s\"], posts: [{title: "
           "\"p3\", slug: \"p3\"}]) { posts { title } } }",
           a, p2, p1, p2);
    CHECK_EQ_STR(
        r,
        "{\"updateUser\":{\"posts\":[{\"title\":\"p1\"},{\"title\":\"p2\"},{\"title\":\"p3\"}]}}");
    /* moving a post by authorId from the to-one side */
    RUN_OK(r, "mutation { updatePost(id: \"%s\", authorId: \"%s\") { author { name } } }", p1, b);
    CHECK_EQ_STR(r, "{\"updatePost\":{\"author\":{\"name\":\"b\"}}}");
    /* a required to-one cannot be cleared */
    RUN_ERR(3032, "mutation { updatePost(id: \"%s\", authorId: null) { id } }", p1);
    RUN_ERR(3032, "mutation { updatePost(id: \"%s\", author: null) { id } }", p1);
    /* taking a post with postsIds on create moves it */
    RUN_OK(r,
           "mutation { createUser(email: \"c@x.io\", name: \"c\", postsIds: [\"%s\"]) { posts { "
           "title } } }",
           p2);
    CHECK_EQ_STR(r, "{\"createUser\":{\"posts\":[{\"title\":\"p2\"}]}}");
    /* addTo moves too, and adding an existing edge is a no-op */
    RUN_OK(r,
           "mutation { addToPostAuthor(postsPostId: \"%s\", authorUserId: \"%s\") { authorUser { "
           "name } postsPost { author { name } } } }",
           p2, b);
    CHECK_EQ_STR(r, "{\"addToPostAuthor\":{\"authorUser\":{\"name\":\"b\"},\"postsPost\":{"
                    "\"author\":{\"name\":\"b\"}}}}");
    RUN_OK(r,
           "mutation { addToPostAuthor(postsPostId: \"%s\", authorUserId: \"%s\") { __typename "
           "authorUser { name } } }",
           p2, b);
    CHECK_EQ_STR(r, "{\"addToPostAuthor\":{\"__typename\":\"AddToPostAuthorPayload\","
                    "\"authorUser\":{\"name\":\"b\"}}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _PostAuthor"), 3);
    RUN_ERR(3011, "mutation { addToPostAuthor(postsPostId: \"cjdoesnotexist00000000000\", "
                  "authorUserId: \"x\") { authorUser { id } } }");
    CHECK(strstr(fx.message, "cjdoesnotexist00000000000"));
    /* a now has only p3; deleting the user b needs its posts gone first */
    RUN_OK(r, "mutation { deletePost(id: \"%s\") { title author { name } } }", p1);
    CHECK_EQ_STR(fx_sql_text(&fx, "SELECT group_concat(title) FROM Post"), "p2,p3");
    fx_close(&fx);
}

/* optional one-to-many (blog CommentAuthor): removeFrom, unknown nodes 3013 */
TEST(one_to_many_optional)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r, "mutation { u: createUser(email: \"a@x.io\", name: \"a\", posts: [{title: \"p\", "
              "slug: \"p\", "
              "comments: [{text: \"c1\"}, {text: \"c2\"}]}]) { id posts { comments { id } } } }");
    const char *u = fx_get(&fx, r, "u.id"), *c1 = fx_get(&fx, r, "u.posts.0.comments.0.id");
    RUN_OK(r, "mutation { updateComment(id: \"%s\", authorId: \"%s\") { author { name } } }", c1,
           u);
    CHECK_EQ_STR(r, "{\"updateComment\":{\"author\":{\"name\":\"a\"}}}");
    RUN_ERR(3013,
            "mutation { removeFromCommentAuthor(commentsCommentId: \"cjdoesnotexist00000000000\", "
            "authorUserId: \"%s\") { authorUser { id } } }",
            u);
    CHECK_EQ_STR(fx.message, "Node with id cjdoesnotexist00000000000 not found");
    RUN_OK(r,
           "mutation { removeFromCommentAuthor(commentsCommentId: \"%s\", authorUserId: \"%s\") { "
           "commentsComment { author { id } } } }",
           c1, u);
    CHECK_EQ_STR(r, "{\"removeFromCommentAuthor\":{\"commentsComment\":{\"author\":null}}}");
    /* removing an edge that does not exist is harmless */
    RUN_OK(r,
           "mutation { removeFromCommentAuthor(commentsCommentId: \"%s\", authorUserId: \"%s\") { "
           "authorUser { name } } }",
           c1, u);
    /* deleting a user with optional comments just drops the edges */
    RUN_OK(r,
           "mutation { updateComment(id: \"%s\", author: {email: \"n@x.io\", name: \"n\"}) { "
           "author { name } } }",
           c1);
    CHECK_EQ_STR(r, "{\"updateComment\":{\"author\":{\"name\":\"n\"}}}");
    const char *n = fx_sql_text(&fx, "SELECT id FROM User WHERE name = 'n'");
    RUN_OK(r, "mutation { deleteUser(id: \"%s\") { name comments { id } } }", n);
    CHECK_EQ_STR(r, "{\"deleteUser\":{\"name\":\"n\",\"comments\":[]}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _CommentAuthor"), 0);
    fx_close(&fx);
}

/* ---- many-to-many (blog PostTags) ---- */

TEST(many_to_many)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(
        r,
        "mutation { u: createUser(email: \"a@x.io\", name: \"a\", posts: [{title: \"p\", slug: "
        "\"p\"}, {title: \"q\", slug: \"q\"}]) "
        "{ posts { id } } t1: createTag(name: \"t1\") { id } t2: createTag(name: \"t2\") { id } }");
    const char *p = fx_get(&fx, r, "u.posts.0.id"), *q = fx_get(&fx, r, "u.posts.1.id");
    const char *t1 = fx_get(&fx, r, "t1.id"), *t2 = fx_get(&fx, r, "t2.id");
    /* duplicates in …Ids are ignored */
    RUN_OK(
        r,
        "mutation { updatePost(id: \"%s\", tagsIds: [\"%s\", \"%s\", \"%s\"]) { tags { name } } }",
        p, t2, t1, t2);
    CHECK_EQ_STR(r, "{\"updatePost\":{\"tags\":[{\"name\":\"t1\"},{\"name\":\"t2\"}]}}");
    RUN_OK(r,
           "mutation { addToPostTags(tagsTagId: \"%s\", postsPostId: \"%s\") { postsPost { title } "
           "tagsTag { name } } }",
           t1, q);
    RUN_OK(r,
           "mutation { addToPostTags(tagsTagId: \"%s\", postsPostId: \"%s\") { postsPost { title } "
           "} }",
           t1, q);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _PostTags"), 3);
    /* replace from the other side */
    RUN_OK(r, "mutation { updateTag(id: \"%s\", postsIds: [\"%s\"]) { posts { title } } }", t1, q);
    CHECK_EQ_STR(r, "{\"updateTag\":{\"posts\":[{\"title\":\"q\"}]}}");
    RUN_OK(r,
           "mutation { removeFromPostTags(tagsTagId: \"%s\", postsPostId: \"%s\") { postsPost { "
           "tags { name } } } }",
           t2, p);
    CHECK_EQ_STR(r, "{\"removeFromPostTags\":{\"postsPost\":{\"tags\":[]}}}");
    /* deleting a tag removes its edges, not the posts */
    RUN_OK(r, "mutation { deleteTag(id: \"%s\") { name } }", t1);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _PostTags"), 0);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM Post"), 2);
    fx_close(&fx);
}

/* ---- one-to-one ---- */

TEST(one_to_one)
{
    OPEN(ONE_TO_ONE);
    const char *r;
    RUN_OK(r, "mutation { u1: createUser(name: \"u1\") { id } u2: createUser(name: \"u2\") { id } "
              "p1: createProfile(bio: \"p1\") { id } p2: createProfile(bio: \"p2\") { id } }");
    const char *u1 = fx_get(&fx, r, "u1.id"), *u2 = fx_get(&fx, r, "u2.id");
    const char *p1 = fx_get(&fx, r, "p1.id"), *p2 = fx_get(&fx, r, "p2.id");
    RUN_OK(
        r,
        "mutation { a: setUserProfile(userUserId: \"%s\", profileProfileId: \"%s\") { userUser { "
        "name } profileProfile { bio } } "
        "b: setUserProfile(userUserId: \"%s\", profileProfileId: \"%s\") { userUser { name } } }",
        u1, p1, u2, p2);
    CHECK_EQ_STR(r, "{\"a\":{\"userUser\":{\"name\":\"u1\"},\"profileProfile\":{\"bio\":\"p1\"}},"
                    "\"b\":{\"userUser\":{\"name\":\"u2\"}}}");
    /* set removes both previous connections */
    RUN_OK(r,
           "mutation { setUserProfile(userUserId: \"%s\", profileProfileId: \"%s\") { userUser { "
           "profile { bio } } } }",
           u1, p2);
    CHECK_EQ_STR(r, "{\"setUserProfile\":{\"userUser\":{\"profile\":{\"bio\":\"p2\"}}}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _UserProfile"), 1);
    /* connect on create takes the profile over from the other side */
    RUN_OK(
        r,
        "mutation { createProfile(bio: \"p3\", userId: \"%s\") { user { name profile { bio } } } }",
        u1);
    CHECK_EQ_STR(r,
                 "{\"createProfile\":{\"user\":{\"name\":\"u1\",\"profile\":{\"bio\":\"p3\"}}}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _UserProfile"), 1);
    /* update connects and replaces; null disconnects */
    RUN_OK(
        r,
        "mutation { updateUser(id: \"%s\", profileId: \"%s\") { profile { bio user { name } } } }",
        u2, p1);
    CHECK_EQ_STR(r, "{\"updateUser\":{\"profile\":{\"bio\":\"p1\",\"user\":{\"name\":\"u2\"}}}}");
    RUN_OK(r, "mutation { updateUser(id: \"%s\", profile: {bio: \"fresh\"}) { profile { bio } } }",
           u2);
    CHECK_EQ_STR(r, "{\"updateUser\":{\"profile\":{\"bio\":\"fresh\"}}}");
    RUN_OK(r, "mutation { updateUser(id: \"%s\", profileId: null) { profile { bio } } }", u2);
    CHECK_EQ_STR(r, "{\"updateUser\":{\"profile\":null}}");
    RUN_OK(r,
           "mutation { unsetUserProfile(userUserId: \"%s\", profileProfileId: \"%s\") { userUser { "
           "profile { id } } } }",
           u1, fx_sql_text(&fx, "SELECT id FROM Profile WHERE bio = 'p3'"));
    CHECK_EQ_STR(r, "{\"unsetUserProfile\":{\"userUser\":{\"profile\":null}}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _UserProfile"), 0);
    RUN_ERR(3013,
            "mutation { unsetUserProfile(userUserId: \"cjdoesnotexist00000000000\", "
            "profileProfileId: \"%s\") { userUser { id } } }",
            p1);
    RUN_ERR(3011,
            "mutation { setUserProfile(userUserId: \"%s\", profileProfileId: "
            "\"cjdoesnotexist00000000001\") { userUser { id } } }",
            u1);
    CHECK(strstr(fx.message, "cjdoesnotexist00000000001"));
    fx_close(&fx);
}

TEST(one_to_one_required)
{
    OPEN(ONE_TO_ONE_REQUIRED);
    const char *r;
    RUN_ERR(3032, "mutation { createCar(name: \"c\") { id } }");
    CHECK_EQ_STR(fx.message, "The field 'engine' on type 'Car' is required. Performing this "
                             "mutation would violate the constraint");
    RUN_OK(r,
           "mutation { c1: createCar(name: \"c1\", engine: {serial: \"e1\"}) { id engine { id } } "
           "e2: createEngine(serial: \"e2\") { id } e3: createEngine(serial: \"e3\") { id } }");
    const char *c1 = fx_get(&fx, r, "c1.id"), *e1 = fx_get(&fx, r, "c1.engine.id");
    const char *e2 = fx_get(&fx, r, "e2.id"), *e3 = fx_get(&fx, r, "e3.id");
    /* taking e1 away from c1 would leave c1 without its required engine */
    RUN_ERR(3032, "mutation { createCar(name: \"c2\", engineId: \"%s\") { id } }", e1);
    RUN_ERR(3032, "mutation { updateEngine(id: \"%s\", carId: null) { id } }", e1);
    CHECK_EQ_STR(fx.message, "The field 'engine' on type 'Car' is required. Performing this "
                             "mutation would violate the constraint");
    RUN_ERR(3032, "mutation { deleteEngine(id: \"%s\") { id } }", e1);
    RUN_ERR(3032, "mutation { updateCar(id: \"%s\", engineId: null) { id } }", c1);
    /* switching c1 to a free engine is fine; the old engine is left alone */
    RUN_OK(r, "mutation { updateCar(id: \"%s\", engineId: \"%s\") { engine { serial } } }", c1, e2);
    CHECK_EQ_STR(r, "{\"updateCar\":{\"engine\":{\"serial\":\"e2\"}}}");
    RUN_OK(r,
           "mutation { setCarEngine(carCarId: \"%s\", engineEngineId: \"%s\") { carCar { engine { "
           "serial } } engineEngine { car { name } } } }",
           c1, e3);
    CHECK_EQ_STR(r, "{\"setCarEngine\":{\"carCar\":{\"engine\":{\"serial\":\"e3\"}},"
                    "\"engineEngine\":{\"car\":{\"name\":\"c1\"}}}}");
    RUN_OK(r, "mutation { c2: createCar(name: \"c2\", engineId: \"%s\") { id } }", e1);
    const char *c2 = fx_get(&fx, r, "c2.id");
    /* set taking e3 from c1 for c2: c1 would lose its required engine */
    RUN_ERR(3032,
            "mutation { setCarEngine(carCarId: \"%s\", engineEngineId: \"%s\") { carCar { id } } }",
            c2, e3);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _CarEngine"), 2);
    /* deleting the car frees its engine */
    RUN_OK(r, "mutation { deleteCar(id: \"%s\") { name } }", c2);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM Engine"), 3);
    fx_close(&fx);
}

/* ---- self-relations ---- */

TEST(single_field_self_relation)
{
    OPEN(SELF);
    const char *r;
    RUN_OK(r, "mutation { a: createPerson(name: \"a\") { id } b: createPerson(name: \"b\") { id } "
              "c: createPerson(name: \"c\") { id } }");
    const char *a = fx_get(&fx, r, "a.id"), *b = fx_get(&fx, r, "b.id"),
               *c = fx_get(&fx, r, "c.id");
    /* stored once with A < B, whichever way round it is given */
    RUN_OK(r,
           "mutation { setFriends(friend1PersonId: \"%s\", friend2PersonId: \"%s\") { "
           "friend2Person { name } friend1Person { name } } }",
           a, b);
    CHECK_EQ_STR(
        r,
        "{\"setFriends\":{\"friend2Person\":{\"name\":\"b\"},\"friend1Person\":{\"name\":\"a\"}}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _Friends WHERE A < B"), 1);
    RUN_OK(r,
           "query { x: Person(id: \"%s\") { friend { name } } y: Person(id: \"%s\") { friend { "
           "name } } }",
           a, b);
    CHECK_EQ_STR(r, "{\"x\":{\"friend\":{\"name\":\"b\"}},\"y\":{\"friend\":{\"name\":\"a\"}}}");
    /* the one-to-one rule applies to both ends of a symmetric edge */
    RUN_OK(r,
           "mutation { updatePerson(id: \"%s\", friendId: \"%s\") { friend { name friend { name } "
           "} } }",
           c, a);
    CHECK_EQ_STR(r, "{\"updatePerson\":{\"friend\":{\"name\":\"a\",\"friend\":{\"name\":\"c\"}}}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _Friends"), 1);
    /* many-to-many single field */
    RUN_OK(r,
           "mutation { updatePerson(id: \"%s\", knowsIds: [\"%s\", \"%s\"]) { knows { name } } }",
           b, a, c);
    CHECK_EQ_STR(r, "{\"updatePerson\":{\"knows\":[{\"name\":\"a\"},{\"name\":\"c\"}]}}");
    RUN_OK(r,
           "mutation { addToKnows(knows1PersonId: \"%s\", knows2PersonId: \"%s\") { knows1Person { "
           "name } } }",
           a, b);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _Knows"), 2);
    RUN_OK(r,
           "mutation { removeFromKnows(knows1PersonId: \"%s\", knows2PersonId: \"%s\") { "
           "knows1Person { knows { name } } } }",
           c, b);
    CHECK_EQ_STR(r, "{\"removeFromKnows\":{\"knows1Person\":{\"knows\":[]}}}");
    RUN_OK(r, "mutation { deletePerson(id: \"%s\") { name } }", a);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _Knows"), 0);
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _Friends"), 0);
    fx_close(&fx);
}

TEST(two_field_self_relation)
{
    OPEN(SELF);
    const char *r;
    RUN_OK(r, "mutation { createCategory(name: \"root\", children: [{name: \"x\", children: "
              "[{name: \"x1\"}]}, {name: \"y\"}]) "
              "{ id name children { name parent { name } children { name } } } }");
    const char *root = fx_get(&fx, r, "createCategory.id");
    CHECK(strstr(r, "\"children\":[{\"name\":\"x\",\"parent\":{\"name\":\"root\"},\"children\":[{"
                    "\"name\":\"x1\"}]},"
                    "{\"name\":\"y\",\"parent\":{\"name\":\"root\"},\"children\":[]}]"));
    RUN_OK(r,
           "mutation { createCategory(name: \"z\", parentId: \"%s\") { parent { children { name } "
           "} } }",
           root);
    CHECK_EQ_STR(r, "{\"createCategory\":{\"parent\":{\"children\":[{\"name\":\"x\"},{\"name\":"
                    "\"y\"},{\"name\":\"z\"}]}}}");
    const char *x1 = fx_sql_text(&fx, "SELECT id FROM Category WHERE name = 'x1'");
    RUN_OK(r,
           "mutation { addToCategoryTree(parentCategoryId: \"%s\", childrenCategoryId: \"%s\") "
           "{ parentCategory { name } childrenCategory { name parent { name } } } }",
           root, x1);
    CHECK_EQ_STR(r, "{\"addToCategoryTree\":{\"parentCategory\":{\"name\":\"root\"},"
                    "\"childrenCategory\":{\"name\":\"x1\",\"parent\":{\"name\":\"root\"}}}}");
    CHECK_EQ_INT(fx_sql_int(&fx, "SELECT count(*) FROM _CategoryTree"), 4);
    fx_close(&fx);
}

TEST(blog_followers)
{
    OPEN_BLOG();
    const char *r;
    RUN_OK(r,
           "mutation { a: createUser(email: \"a@x.io\", name: \"a\") { id } b: createUser(email: "
           "\"b@x.io\", name: \"b\", followers: [{email: \"c@x.io\", name: \"c\"}]) { id } }");
    const char *a = fx_get(&fx, r, "a.id"), *b = fx_get(&fx, r, "b.id");
    RUN_OK(r,
           "mutation { addToUserFollows(followersUserId: \"%s\", followingUserId: \"%s\") { "
           "followersUser { name } followingUser { name } } }",
           a, b);
    RUN_OK(r, "query { User(id: \"%s\") { followers { name } following { name } } }", b);
    /* <field><Type>Id names the node that ends up in <field> of the other node */
    CHECK_EQ_STR(r,
                 "{\"User\":{\"followers\":[{\"name\":\"a\"},{\"name\":\"c\"}],\"following\":[]}}");
    fx_close(&fx);
}

int main(void)
{
    RUN(create_defaults_and_timestamps);
    RUN(explicit_null_and_required_fields);
    RUN(value_checks);
    RUN(json_from_variables);
    RUN(defaults_of_every_type);
    RUN(update_and_updated_at);
    RUN(upsert);
    RUN(delete_node);
    RUN(unique_violation);
    RUN(nested_create_is_atomic);
    RUN(error_precedence);
    RUN(one_to_many);
    RUN(one_to_many_optional);
    RUN(many_to_many);
    RUN(one_to_one);
    RUN(one_to_one_required);
    RUN(single_field_self_relation);
    RUN(two_field_self_relation);
    RUN(blog_followers);
    return test_summary();
}
