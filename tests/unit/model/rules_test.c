/* rules_test.c - one schema per SDL-* rule of DATA-MODEL.md §10: each must be rejected
 * with that id, a message naming the offending things, the right line:column and the
 * type/field of the diagnostic. Also: several errors are all reported, and schemas close
 * to the rules are accepted. */
#include "model/model.h"
#include "test.h"

static Arena diag_arena;
static Diag diag;

static DataModel *load(const char *src)
{
    arena_reset(&diag_arena);
    diag_init(&diag, &diag_arena);
    return model_load(src, strlen(src), "types.graphql", &diag);
}

static const DiagItem *find_diag(const char *id)
{
    for (uint32_t i = 0; i < diag.count; i++)
        if (diag.items[i].id && strcmp(diag.items[i].id, id) == 0) return &diag.items[i];
    return NULL;
}

static void dump_diags(void)
{
    for (uint32_t i = 0; i < diag.count; i++)
        fprintf(stderr, "    %u:%u %s %s [type=%s field=%s]\n", diag.items[i].loc.line,
                diag.items[i].loc.col, diag.items[i].id, diag.items[i].message,
                diag.items[i].type ? diag.items[i].type : "-",
                diag.items[i].field ? diag.items[i].field : "-");
}

/* Column (1-based) of the first occurrence of `at` on line `line` of `src`. */
static unsigned col_of(const char *src, unsigned line, const char *at)
{
    const char *p = src;
    for (unsigned l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return 0;
    const char *eol = strchr(p, '\n');
    const char *hit = strstr(p, at);
    if (!hit || (eol && hit > eol)) return 0;
    return (unsigned)(hit - p) + 1;
}

typedef struct Rule {
    const char *id;
    const char *src;
    unsigned line;
    const char *at;        /* text at the reported column on that line */
    const char *names[3];  /* must all appear in the message */
    const char *type, *field;
} Rule;

#define ID_ "  id: ID! @isUnique\n"

static const Rule rules[] = {
    {"SDL-DEF", "interface Foo {\n  id: ID!\n}\n", 1, "interface", {"interface Foo"}, "Foo", NULL},
    {"SDL-MODEL-DIRECTIVE", "type Post {\n" ID_ "  title: String!\n}\n", 1, "type", {"Post"},
     "Post", NULL},
    {"SDL-IMPLEMENTS-NODE", "type Post implements Node @model {\n" ID_ "}\n", 1, "Node",
     {"Post", "implements Node"}, "Post", NULL},
    {"SDL-IMPLEMENTS", "type Post implements Entity @model {\n" ID_ "}\n", 1, "Entity",
     {"Post"}, "Post", NULL},
    {"SDL-DUPLICATE-TYPE",
     "type Post @model {\n" ID_ "}\n\nenum Post {\n  A\n}\n", 5, "Post", {"Post"}, "Post", NULL},
    {"SDL-DUPLICATE-FIELD",
     "type Post @model {\n" ID_ "  title: String\n  title: String!\n}\n", 4, "title",
     {"Post", "title"}, "Post", "title"},
    {"SDL-ID-MISSING", "type Post @model {\n  title: String!\n}\n", 1, "type", {"Post"}, "Post",
     NULL},
    {"SDL-ID-UNIQUE", "type Post @model {\n  id: ID!\n  title: String!\n}\n", 2, "id",
     {"@isUnique"}, "Post", "id"},
    {"SDL-ID-FORMAT", "type Post @model {\n  id: String! @isUnique\n}\n", 2, "id",
     {"id: ID! @isUnique"}, "Post", "id"},
    {"SDL-ID-TYPE", "type Post @model {\n" ID_ "  externalId: ID\n}\n", 3, "externalId",
     {"externalId"}, "Post", "externalId"},
    {"SDL-SYSTEM-FIELD-FORMAT", "type Post @model {\n" ID_ "  createdAt: DateTime\n}\n", 3,
     "createdAt", {"createdAt: DateTime!"}, "Post", "createdAt"},
    {"SDL-UNKNOWN-TYPE", "type Post @model {\n" ID_ "  body: Markdown\n}\n", 3, "body",
     {"body", "Markdown"}, "Post", "body"},
    {"SDL-SCALAR-SHAPE", "type Post @model {\n" ID_ "  tags: [String]\n}\n", 3, "tags",
     {"tags", "[String]"}, "Post", "tags"},
    {"SDL-RELATION-SHAPE",
     "type User @model {\n" ID_ "  posts: [Post!] @relation(name: \"UserPosts\")\n}\n"
     "type Post @model {\n" ID_ "  author: User @relation(name: \"UserPosts\")\n}\n",
     3, "posts", {"posts", "[Post!]"}, "User", "posts"},
    {"SDL-RELATION-MISSING",
     "type User @model {\n" ID_ "  posts: [Post!]!\n}\n"
     "type Post @model {\n" ID_ "  author: User @relation(name: \"UserPosts\")\n}\n",
     3, "posts", {"posts"}, "User", "posts"},
    {"SDL-RELATION-ON-SCALAR",
     "type Post @model {\n" ID_ "  title: String @relation(name: \"Weird\")\n}\n", 3,
     "@relation", {"title"}, "Post", "title"},
    {"SDL-RELATION-COUNT",
     "type User @model {\n" ID_ "  name: String!\n}\n"
     "type Post @model {\n" ID_ "  author: User @relation(name: \"PostAuthor\")\n}\n",
     7, "author", {"PostAuthor"}, "Post", "author"},
    {"SDL-SELF-RELATION-COUNT",
     "type User @model {\n" ID_ "  a: User @relation(name: \"Self\")\n"
     "  b: User @relation(name: \"Self\")\n  c: User @relation(name: \"Self\")\n}\n",
     3, "a", {"Self"}, "User", "a"},
    {"SDL-RELATION-TYPES",
     "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"Authorship\")\n}\n\n"
     "type Post @model {\n" ID_ "  title: String\n}\n\n"
     "type Comment @model {\n" ID_ "  author: User @relation(name: \"Authorship\")\n}\n",
     3, "posts", {"posts", "Authorship", "Comment"}, "User", "posts"},
    {"SDL-RELATION-NAME",
     "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"post_author\")\n}\n"
     "type Post @model {\n" ID_ "  author: User @relation(name: \"post_author\")\n}\n",
     3, "posts", {"post_author"}, "User", "posts"},
    {"SDL-RELATION-DUPLICATE",
     "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"PostAuthor\")\n"
     "  drafts: [Post!]! @relation(name: \"Postauthor\")\n}\n"
     "type Post @model {\n" ID_ "  author: User @relation(name: \"PostAuthor\")\n"
     "  editor: User @relation(name: \"Postauthor\")\n}\n",
     4, "drafts", {"Postauthor"}, "User", "drafts"},
    {"SDL-DIRECTIVE-TWICE", "type Post @model {\n" ID_ "  slug: String @isUnique @isUnique\n}\n",
     3, "@isUnique\n", {"slug", "@isUnique"}, "Post", "slug"},
    {"SDL-DIRECTIVE-ARGUMENT", "type Post @model {\n" ID_ "  votes: Int @defaultValue\n}\n", 3,
     "@defaultValue", {"@defaultValue", "votes", "value"}, "Post", "votes"},
    {"SDL-DIRECTIVE-PLACEMENT",
     "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"UserPosts\")\n}\n"
     "type Post @model {\n" ID_ "  author: User @relation(name: \"UserPosts\") @isUnique\n}\n",
     7, "@isUnique", {"@isUnique", "author"}, "Post", "author"},
    {"SDL-UNIQUE-PLACEMENT", "type Post @model {\n" ID_ "  tags: [String!] @isUnique\n}\n", 3,
     "@isUnique", {"tags"}, "Post", "tags"},
    {"SDL-UNKNOWN-DIRECTIVE", "type Post @model {\n" ID_ "  title: String @deprecated\n}\n", 3,
     "@deprecated", {"@deprecated"}, "Post", "title"},
    {"SDL-DEFAULT-INVALID",
     "type Post @model {\n" ID_ "  votes: Int @defaultValue(value: \"many\")\n}\n", 3,
     "\"many\"", {"'many'", "votes", "Int"}, "Post", "votes"},
    {"SDL-ENUM-EMPTY", "type Post @model {\n" ID_ "}\n\nenum Color\n", 5, "enum", {"Color"},
     "Color", NULL},
    {"SDL-ENUM-VALUE-CASE",
     "type Post @model {\n" ID_ "  state: State\n}\n\nenum State {\n  draft\n  PUBLISHED\n}\n",
     7, "draft", {"State"}, "State", NULL},
    {"SDL-ENUM-VALUE",
     "enum State {\n  DRAFT\n  _HIDDEN\n  _X\n}\n", 3, "_HIDDEN", {"State", "_HIDDEN, _X"},
     "State", NULL},
    {"SDL-ENUM-DUPLICATE", "enum State {\n  DRAFT\n  PUBLISHED\n  DRAFT\n}\n", 4, "DRAFT",
     {"State", "DRAFT"}, "State", NULL},
    {"SDL-MODEL-NAME", "type post @model {\n" ID_ "  title: String\n}\n", 1, "post",
     {"'post'", "model"}, "post", NULL},
    {"SDL-ENUM-NAME", "enum status {\n  A\n}\n", 1, "status", {"'status'", "enum"}, "status",
     NULL},
    {"SDL-FIELD-NAME", "type Post @model {\n" ID_ "  Title: String\n}\n", 3, "Title",
     {"'Title'", "field"}, "Post", "Title"},
    {"SDL-RESERVED-NAME", "type Viewer @model {\n" ID_ "}\n", 1, "Viewer", {"Viewer"}, "Viewer",
     NULL},
    {"SDL-NAME-COLLISION",
     "type Post @model {\n" ID_ "  title: String\n}\n\ntype PostFilter @model {\n" ID_ "}\n", 6,
     "type", {"PostFilter", "Post"}, "PostFilter", NULL},
};

static const char *const all_ids[] = {
    "SDL-SYNTAX", "SDL-DEF", "SDL-MODEL-DIRECTIVE", "SDL-IMPLEMENTS-NODE", "SDL-IMPLEMENTS",
    "SDL-DUPLICATE-TYPE", "SDL-DUPLICATE-FIELD", "SDL-ID-MISSING", "SDL-ID-UNIQUE",
    "SDL-ID-FORMAT", "SDL-ID-TYPE", "SDL-SYSTEM-FIELD-FORMAT", "SDL-UNKNOWN-TYPE",
    "SDL-SCALAR-SHAPE", "SDL-RELATION-SHAPE", "SDL-RELATION-MISSING", "SDL-RELATION-ON-SCALAR",
    "SDL-RELATION-COUNT", "SDL-SELF-RELATION-COUNT", "SDL-RELATION-TYPES", "SDL-RELATION-NAME",
    "SDL-RELATION-DUPLICATE", "SDL-DIRECTIVE-TWICE", "SDL-DIRECTIVE-ARGUMENT",
    "SDL-DIRECTIVE-PLACEMENT", "SDL-UNIQUE-PLACEMENT", "SDL-UNKNOWN-DIRECTIVE",
    "SDL-DEFAULT-INVALID", "SDL-ENUM-EMPTY", "SDL-ENUM-VALUE-CASE", "SDL-ENUM-VALUE",
    "SDL-ENUM-DUPLICATE", "SDL-MODEL-NAME", "SDL-ENUM-NAME", "SDL-FIELD-NAME",
    "SDL-RESERVED-NAME", "SDL-NAME-COLLISION", NULL};

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Checks one rule; prints what is wrong and returns false on a mismatch. */
static bool check_rule(const Rule *r)
{
    DataModel *dm = load(r->src);
    if (dm) {
        fprintf(stderr, "  %s: schema accepted\n", r->id);
        model_free(dm);
        return false;
    }
    const DiagItem *it = find_diag(r->id);
    bool ok = it != NULL;
    if (it) {
        unsigned col = col_of(r->src, r->line, r->at);
        if (it->loc.line != r->line || it->loc.col != col) {
            fprintf(stderr, "  %s: at %u:%u, expected %u:%u\n", r->id, it->loc.line, it->loc.col,
                    r->line, col);
            ok = false;
        }
        for (int k = 0; k < 3 && r->names[k]; k++)
            if (!strstr(it->message, r->names[k])) {
                fprintf(stderr, "  %s: message lacks \"%s\"\n", r->id, r->names[k]);
                ok = false;
            }
        if (!same(it->type, r->type) || !same(it->field, r->field)) {
            fprintf(stderr, "  %s: type/field %s/%s, expected %s/%s\n", r->id,
                    it->type ? it->type : "-", it->field ? it->field : "-",
                    r->type ? r->type : "-", r->field ? r->field : "-");
            ok = false;
        }
    }
    if (!ok) {
        fprintf(stderr, "  %s: diagnostics were:\n", r->id);
        dump_diags();
    }
    return ok;
}

TEST(every_rule)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (!check_rule(&rules[i])) bad++;
    CHECK_EQ_INT(bad, 0);
}

TEST(every_id_has_a_case)
{
    for (const char *const *id = all_ids; *id; id++) {
        if (strcmp(*id, "SDL-SYNTAX") == 0) continue; /* see syntax_error */
        bool found = false;
        for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
            if (strcmp(rules[i].id, *id) == 0) found = true;
        if (!found) fprintf(stderr, "  no case for %s\n", *id);
        CHECK(found);
    }
}

TEST(graphcool_codes)
{
    CHECK(load("type Post @model {\n" ID_ "  n: Int @defaultValue(value: \"x\")\n}\n") == NULL);
    CHECK_EQ_INT(find_diag("SDL-DEFAULT-INVALID")->code, 2011);
    CHECK(load("enum E {\n  A\n}\ntype Post @model {\n" ID_ "  e: E @defaultValue(value: B)\n}\n") == NULL);
    CHECK_EQ_INT(find_diag("SDL-DEFAULT-INVALID")->code, 2025);
    CHECK(load("type Post @model {\n" ID_ "  updatedAt: DateTime\n}\n") == NULL);
    CHECK_EQ_INT(find_diag("SDL-SYSTEM-FIELD-FORMAT")->code, 4050);
    CHECK(load("type Post @model {\n  title: String\n}\n") == NULL);
    CHECK_EQ_INT(find_diag("SDL-ID-MISSING")->code, 0);
}

TEST(syntax_error)
{
    DataModel *dm = load("type Post @model {\n  id: ID! @isUnique\n  title: String!\n");
    CHECK(dm == NULL);
    CHECK_EQ_INT(diag.count, 1);
    CHECK_EQ_STR(diag.items[0].id, "SDL-SYNTAX");
    CHECK_CONTAINS(diag.items[0].message, "Syntax error in the schema: Syntax Error");
    CHECK_EQ_STR(diag.items[0].type, "Global");
    CHECK_EQ_INT(diag.items[0].loc.line, 4);
    CHECK_EQ_INT(diag.items[0].loc.col, 1);
    /* nothing else is validated: the bad name below is not reported */
    dm = load("type post {\n  Title: Strin\n  x: [Int\n}\n");
    CHECK(dm == NULL);
    CHECK_EQ_INT(diag.count, 1);
    CHECK_EQ_STR(diag.items[0].id, "SDL-SYNTAX");
    CHECK_EQ_INT(diag.items[0].loc.line, 4);
}

TEST(other_definitions)
{
    static const char *const defs[][2] = {
        {"scalar Markdown\n", "found scalar Markdown"},
        {"input PostInput {\n  a: Int\n}\n", "found input PostInput"},
        {"union U = A | B\n", "found union U"},
        {"schema {\n  query: Q\n}\n", "found schema"},
        {"directive @foo on FIELD_DEFINITION\n", "found directive @foo"},
        {"extend type Post @model {\n  x: Int\n}\n", "found extend type Post"},
        {"query Q {\n  a\n}\n", "found query Q"},
        {"{\n  a\n}\n", "found query"},
        {"fragment F on Post {\n  a\n}\n", "found fragment F"},
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        DataModel *dm = load(defs[i][0]);
        CHECK(dm == NULL);
        const DiagItem *it = find_diag("SDL-DEF");
        if (!it) dump_diags();
        CHECK(it != NULL);
        CHECK_CONTAINS(it->message, defs[i][1]);
        CHECK_EQ_INT(it->loc.line, 1);
        CHECK_EQ_INT(it->loc.col, 1);
    }
}

TEST(all_errors_reported)
{
    const char *src =
        "type post @model {\n"            /* 1: SDL-MODEL-NAME */
        "  title: String\n"               /* (no id) SDL-ID-MISSING */
        "}\n"
        "type Comment {\n"                /* 4: SDL-MODEL-DIRECTIVE */
        "  id: ID! @isUnique\n"
        "  Text: String\n"                /* 6: SDL-FIELD-NAME */
        "  body: Markdown\n"              /* 7: SDL-UNKNOWN-TYPE */
        "  tags: [String] @isUnique\n"    /* 8: SDL-SCALAR-SHAPE, SDL-UNIQUE-PLACEMENT */
        "  votes: Int @defaultValue(value: \"x\") @foo\n" /* 9: DEFAULT-INVALID, UNKNOWN */
        "  author: User @relation(name: \"CommentAuthor\")\n" /* 10: RELATION-COUNT */
        "}\n"
        "type User @model {\n"
        "  id: ID! @isUnique\n"
        "}\n"
        "enum Mood {\n"
        "  happy\n"                       /* 16: SDL-ENUM-VALUE-CASE */
        "  SAD\n"
        "  SAD\n"                         /* 18: SDL-ENUM-DUPLICATE */
        "}\n";
    DataModel *dm = load(src);
    CHECK(dm == NULL);
    static const struct { const char *id; unsigned line; } want[] = {
        {"SDL-MODEL-NAME", 1},        {"SDL-ID-MISSING", 1},     {"SDL-MODEL-DIRECTIVE", 4},
        {"SDL-FIELD-NAME", 6},        {"SDL-UNKNOWN-TYPE", 7},   {"SDL-SCALAR-SHAPE", 8},
        {"SDL-UNIQUE-PLACEMENT", 8},  {"SDL-DEFAULT-INVALID", 9}, {"SDL-UNKNOWN-DIRECTIVE", 9},
        {"SDL-RELATION-COUNT", 10},   {"SDL-ENUM-VALUE-CASE", 16}, {"SDL-ENUM-DUPLICATE", 18},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const DiagItem *it = find_diag(want[i].id);
        if (!it) {
            fprintf(stderr, "  missing %s\n", want[i].id);
            dump_diags();
        }
        CHECK(it != NULL);
        CHECK_EQ_INT(it->loc.line, want[i].line);
    }
    CHECK_EQ_INT(diag.count, sizeof want / sizeof want[0]);
}

/* More cases of the rules whose conditions have several forms. */
TEST(rule_variants)
{
    static const struct { const char *id; const char *src; } cases[] = {
        {"SDL-DUPLICATE-FIELD", "type Post @model {\n" ID_ "  aB: String\n  ab: Int\n}\n"},
        {"SDL-ID-FORMAT", "type Post @model {\n  id: ID @isUnique\n}\n"},
        {"SDL-ID-FORMAT", "type Post @model {\n  id: ID! @isUnique @defaultValue(value: \"x\")\n}\n"},
        {"SDL-SYSTEM-FIELD-FORMAT", "type Post @model {\n" ID_ "  updatedAt: String!\n}\n"},
        {"SDL-SYSTEM-FIELD-FORMAT", "type Post @model {\n" ID_ "  updatedAt: DateTime! @isUnique\n}\n"},
        {"SDL-SCALAR-SHAPE", "type Post @model {\n" ID_ "  tags: [String]!\n}\n"},
        {"SDL-SCALAR-SHAPE", "type Post @model {\n" ID_ "  tags: [[String!]!]\n}\n"},
        {"SDL-RELATION-SHAPE",
         "type User @model {\n" ID_ "  posts: [Post]! @relation(name: \"UserPosts\")\n}\n"
         "type Post @model {\n" ID_ "  author: User @relation(name: \"UserPosts\")\n}\n"},
        {"SDL-RELATION-COUNT",
         "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"UserPosts\")\n"
         "  drafts: [Post!]! @relation(name: \"UserPosts\")\n}\n"
         "type Post @model {\n" ID_ "  author: User @relation(name: \"UserPosts\")\n}\n"},
        {"SDL-DIRECTIVE-ARGUMENT",
         "type User @model {\n" ID_ "  posts: [Post!]! @relation\n}\n"
         "type Post @model {\n" ID_ "  author: User @relation\n}\n"},
        {"SDL-DIRECTIVE-ARGUMENT",
         "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: PostAuthor)\n}\n"
         "type Post @model {\n" ID_ "  author: User @relation(name: \"PostAuthor\")\n}\n"},
        {"SDL-DIRECTIVE-ARGUMENT", "type Post @model {\n" ID_ "  a: Int @isUnique(really: true)\n}\n"},
        {"SDL-DIRECTIVE-ARGUMENT", "type Post @model {\n" ID_ "  a: Int @defaultValue(value: [1])\n}\n"},
        {"SDL-DIRECTIVE-ARGUMENT", "type Post @model {\n" ID_ "  a: Int @rename\n}\n"},
        {"SDL-DIRECTIVE-ARGUMENT", "type Post @model(x: 1) {\n" ID_ "}\n"},
        {"SDL-DIRECTIVE-PLACEMENT",
         "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"UserPosts\") @defaultValue(value: \"x\")\n}\n"
         "type Post @model {\n" ID_ "  author: User @relation(name: \"UserPosts\")\n}\n"},
        {"SDL-UNIQUE-PLACEMENT", "type Post @model {\n" ID_ "  meta: Json @isUnique\n}\n"},
        {"SDL-UNKNOWN-DIRECTIVE", "type Post @model @auth {\n" ID_ "}\n"},
        {"SDL-UNKNOWN-DIRECTIVE", "enum E @deprecated {\n  A\n}\n"},
        {"SDL-DIRECTIVE-TWICE", "type Post @model @model {\n" ID_ "}\n"},
        {"SDL-DEFAULT-INVALID", "type Post @model {\n" ID_ "  a: String @defaultValue(value: null)\n}\n"},
        {"SDL-DEFAULT-INVALID", "type Post @model {\n" ID_ "  a: Int @defaultValue(value: \"null\")\n}\n"},
        {"SDL-MODEL-NAME", "type Post_2 @model {\n" ID_ "}\n"},
        {"SDL-RESERVED-NAME", "enum DateTime {\n  A\n}\n"},
        {"SDL-RESERVED-NAME", "type Node @model {\n" ID_ "}\n"},
        {"SDL-UNKNOWN-TYPE", "type Post @model {\n" ID_ "  p: Password\n}\n"},
        {"SDL-ID-TYPE", "type Post @model {\n" ID_ "  ids: [ID!]\n}\n"},
        /* generated names: two plurals coincide, tagsIds next to tags, mutation names */
        {"SDL-NAME-COLLISION", "type Leaf @model {\n" ID_ "}\ntype Leave @model {\n" ID_ "}\n"},
        {"SDL-NAME-COLLISION", "type Codex @model {\n" ID_ "}\ntype Codice @model {\n" ID_ "}\n"},
        {"SDL-NAME-COLLISION",
         "type Post @model {\n" ID_ "  tagsIds: [String!]\n  tags: [Tag!]! @relation(name: \"PostTags\")\n}\n"
         "type Tag @model {\n" ID_ "  posts: [Post!]! @relation(name: \"PostTags\")\n}\n"},
        {"SDL-NAME-COLLISION",
         "type Post @model {\n" ID_ "  authorId: String\n  author: User @relation(name: \"PostAuthor\")\n}\n"
         "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"PostAuthor\")\n}\n"},
        {"SDL-NAME-COLLISION", "type Post @model {\n" ID_ "}\ntype OrCreatePost @model {\n" ID_ "}\n"},
        {"SDL-NAME-COLLISION", "type Post @model {\n" ID_ "}\ntype UpdatePost @model {\n" ID_ "}\n"},
        {"SDL-NAME-COLLISION", "type Post @model {\n" ID_ "}\nenum PostOrderBy {\n  A\n}\n"},
        {"SDL-NAME-COLLISION",
         "type User @model {\n" ID_ "  pinned: Post @relation(name: \"Pin\")\n}\n"
         "type Post @model {\n" ID_ "  pinnedBy: User @relation(name: \"Pin\")\n}\n"
         "type SetPinPayload @model {\n" ID_ "}\n"},
        /* a nested create input type name (§3.6) taken by a model */
        {"SDL-NAME-COLLISION",
         "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"PostAuthor\")\n}\n"
         "type Post @model {\n" ID_ "  title: String\n  author: User @relation(name: \"PostAuthor\")\n}\n"
         "type UserpostsPost @model {\n" ID_ "}\n"},
        /* aName == bName of a relation: xB+Cd == x+BCd */
        {"SDL-NAME-COLLISION",
         "type Cd @model {\n" ID_ "  x: BCd @relation(name: \"R\")\n}\n"
         "type BCd @model {\n" ID_ "  xB: Cd @relation(name: \"R\")\n}\n"},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DataModel *dm = load(cases[i].src);
        if (dm || !find_diag(cases[i].id)) {
            fprintf(stderr, "  case %zu (%s) not reported; got:\n", i, cases[i].id);
            dump_diags();
            bad++;
        }
        model_free(dm);
    }
    CHECK_EQ_INT(bad, 0);
}

/* Schemas at the edge of the rules that must load. */
TEST(accepted)
{
    static const char *const ok[] = {
        "",
        "  # only a comment\n\n",
        "\"\"\"described\"\"\"\ntype Post @model {\n  \"the id\"\n  id: ID! @isUnique\n}\n",
        "type Post @model @rename(oldName: \"Article\") {\n"
        "  id: ID! @isUnique\n  title: String @rename(oldName: \"name\") @migrationValue(value: \"x\")\n}\n",
        /* single-field and two-field self-relations */
        "type User @model {\n" ID_ "  friend: User @relation(name: \"Friends\")\n"
        "  followers: [User!]! @relation(name: \"UserFollows\")\n"
        "  following: [User!]! @relation(name: \"UserFollows\")\n}\n",
        /* an unused enum; enum values with digits and underscores */
        "type Post @model {\n" ID_ "}\nenum Unused_1 {\n  A_1\n  B2\n}\n",
        /* relation renaming argument */
        "type User @model {\n" ID_ "  posts: [Post!]! @relation(name: \"Writes\", oldName: \"PostAuthor\")\n}\n"
        "type Post @model {\n" ID_ "  author: User! @relation(name: \"Writes\", oldName: \"PostAuthor\")\n}\n",
        /* a 64-character model name */
        "type Abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd @model {\n" ID_ "}\n",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        DataModel *dm = load(ok[i]);
        if (!dm) {
            fprintf(stderr, "  case %zu rejected:\n", i);
            dump_diags();
        }
        CHECK(dm != NULL);
        model_free(dm);
    }
    DataModel *dm = load("type Abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcde @model {\n" ID_ "}\n");
    CHECK(dm == NULL);
    CHECK(find_diag("SDL-MODEL-NAME") != NULL);
}

int main(void)
{
    arena_init(&diag_arena, 4096);
    RUN(every_rule);
    RUN(every_id_has_a_case);
    RUN(graphcool_codes);
    RUN(syntax_error);
    RUN(other_definitions);
    RUN(all_errors_reported);
    RUN(rule_variants);
    RUN(accepted);
    arena_fini(&diag_arena);
    return test_summary();
}
