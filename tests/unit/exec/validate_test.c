/* validate_test.c - gql_validate() against the blog example's generated schema: every
 * validation rule with its exact graphql-js message and locations, documents that must
 * pass, the error limit, the work budget and relata's depth limit.
 *
 * The expectations of the rule tests were produced by graphql-js 16.15 validate() on the
 * same documents and the same schema (buildSchema of schema.expected.graphql, with
 * DateTime/Json parseLiteral throwing "Date value expected" / "Not valid JSON"), so they
 * pin relata to graphql-js's wording, locations and error order. Errors are rendered one
 * per line as "message @line:col,line:col". */
#include <stdio.h>

#include "exec/validate.h"
#include "graphql/parser.h"
#include "model/model.h"
#include "schema/schema.h"
#include "test.h"

/* The data model of spec/examples/blog/types.graphql. */
static const char BLOG[] =
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
    "}\n";

static Arena arena;
static DataModel *blog_model;
static Schema *blog;

/* Validates `q`, returning its errors rendered one per line ("" when valid), or
 * "SYNTAX <message>" when it does not parse. */
static const char *errors_of(const char *q, const ValidateOptions *opts)
{
    GqlParseError pe;
    GqlDocument *doc = gql_parse(&arena, q, strlen(q), NULL, &pe);
    if (!doc) return arena_printf(&arena, "SYNTAX %s", pe.message);
    ValidationResult r;
    bool ok = gql_validate(blog, doc, opts, &arena, &r);
    if (ok != (r.n_errors == 0)) return "gql_validate's result disagrees with its error count";
    Buf b;
    buf_init(&b, &arena, 256);
    for (uint32_t i = 0; i < r.n_errors; i++) {
        buf_printf(&b, "%s @", r.errors[i].message);
        for (uint32_t k = 0; k < r.errors[i].n_locations; k++)
            buf_printf(&b, "%s%u:%u", k ? "," : "", r.errors[i].locations[k].line,
                       r.errors[i].locations[k].col);
        buf_putc(&b, '\n');
    }
    return b.data;
}

#define EXPECT(q, want) CHECK_EQ_STR(errors_of((q), NULL), (want))
#define EXPECT_MAX(max, q, want)                                                   \
    do {                                                                           \
        ValidateOptions o_ = {.max_errors = (max)};                                \
        CHECK_EQ_STR(errors_of((q), &o_), (want));                                 \
    } while (0)
#define EXPECT_DEPTH(depth, q, want)                                               \
    do {                                                                           \
        ValidateOptions o_ = {.max_depth = (depth)};                               \
        CHECK_EQ_STR(errors_of((q), &o_), (want));                                 \
    } while (0)

/* ---- documents that must validate ---- */

TEST(valid_realistic_query)
{
    EXPECT("query Big($first: Int = 10, $skip: Int, $status: PostStatus = PUBLISHED,\n"
           "          $withAuthor: Boolean!, $ids: [ID!]) {\n"
           "  recent: allPosts(first: $first, skip: $skip, orderBy: createdAt_DESC,\n"
           "      filter: { status: $status, OR: [{ title_contains: \"GraphQL\" },\n"
           "                { slug_starts_with: \"graphql\" }],\n"
           "                author: { role_in: [ADMIN, AUTHOR] } }) {\n"
           "    ...PostFields\n"
           "    author @include(if: $withAuthor) { ...UserFields }\n"
           "    comments(first: 3, orderBy: createdAt_ASC) { id text author { name } }\n"
           "    _commentsMeta { count }\n"
           "  }\n"
           "  byIds: allPosts(filter: { id_in: $ids }) { id ... on Node { id } }\n"
           "  node(id: \"cj1\") {\n"
           "    id __typename\n"
           "    ... on Post { title } ... on User { name } ...UserFields\n"
           "  }\n"
           "  _allPostsMeta(filter: { published: true, createdAt_gt: \"2017-01-01T00:00:00Z\" }) { count }\n"
           "  me: user { id email role settings }\n"
           "}\n"
           "fragment PostFields on Post {\n"
           "  id title slug status publishedAt metadata keywords rating\n"
           "  tags(orderBy: name_ASC) { name } t2: tags { id }\n"
           "}\n"
           "fragment UserFields on User { id name email followers(first: 5) { id } }\n",
           "");
}

TEST(valid_mutation_and_subscription)
{
    EXPECT("mutation M($title: String!, $slug: String!, $meta: Json, $when: DateTime) {\n"
           "  createPost(title: $title, slug: $slug, metadata: $meta, publishedAt: $when,\n"
           "             status: DRAFT, keywords: [\"a\", \"b\"], tags: [{ name: \"x\" }],\n"
           "             author: { email: \"e\", name: \"n\", settings: \"{\\\"k\\\": [1]}\" }) {\n"
           "    id author { id }\n"
           "  }\n"
           "  updatePost(id: \"p1\", title: \"t\", viewCount: -5, rating: 2) { id }\n"
           "  addToPostTags(postsPostId: \"p\", tagsTagId: 7) { postsPost { id } tagsTag { id } }\n"
           "  deleteTag(id: \"t\") { id }\n"
           "}\n",
           "");
    EXPECT("subscription OnPost($f: PostSubscriptionFilter) {\n"
           "  Post(filter: $f) { mutation node { id title } updatedFields previousValues { id } }\n"
           "}\n",
           "");
    EXPECT("subscription { Post(filter: { mutation_in: [CREATED, DELETED],\n"
           "                                node: { title_contains: \"x\" } }) { mutation } }",
           "");
}

/* The query GraphiQL and graphql-js's getIntrospectionQuery() send. */
TEST(valid_introspection_query)
{
    EXPECT("query IntrospectionQuery { __schema { queryType { name } mutationType { name }\n"
           "  subscriptionType { name } types { ...FullType }\n"
           "  directives { name description locations args { ...InputValue } } } }\n"
           "fragment FullType on __Type { kind name description\n"
           "  fields(includeDeprecated: true) { name description args { ...InputValue }\n"
           "    type { ...TypeRef } isDeprecated deprecationReason }\n"
           "  inputFields { ...InputValue } interfaces { ...TypeRef }\n"
           "  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }\n"
           "  possibleTypes { ...TypeRef } }\n"
           "fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }\n"
           "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType {\n"
           "  kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name\n"
           "  } } } } } } } }\n",
           "");
}

/* ---- the rules (expectations from graphql-js) ---- */

TEST(executable_definitions)
{
    EXPECT(
        "type Foo { a: Int }\n"
        "schema { query: Query }\n"
        "{ user { id } }\n"
        "extend type Post { x: Int }",
        "The \"Foo\" definition is not executable. @1:1\n"
        "The schema definition is not executable. @2:1\n"
        "The \"Post\" definition is not executable. @4:1\n");
}

TEST(unique_operation_names)
{
    EXPECT(
        "query A { user { id } }\n"
        "query A { user { name } }\n"
        "query B { user { id } }\n"
        "query A { user { email } }",
        "There can be only one operation named \"A\". @1:7,2:7\n"
        "There can be only one operation named \"A\". @1:7,4:7\n");
}

TEST(lone_anonymous_operation)
{
    EXPECT(
        "{ user { id } }\n"
        "{ user { name } }\n"
        "query X { user { id } }",
        "This anonymous operation must be the only defined operation. @1:1\n"
        "This anonymous operation must be the only defined operation. @2:1\n");
}

TEST(single_field_subscriptions)
{
    EXPECT(
        "subscription { Post { node { id } } Comment { node { id } } }",
        "Anonymous Subscription must select only one top level field. @1:37\n");
    EXPECT(
        "subscription S { Post { node { id } } a: Post { mutation } ...F }\n"
        "fragment F on Subscription { Tag { mutation } }",
        "Subscription \"S\" must select only one top level field. @1:39,2:30\n");
    EXPECT(
        "subscription S { __typename }",
        "Subscription \"S\" must not select an introspection top level field. @1:18\n");
    EXPECT(
        "subscription { ... on Subscription { Post { mutation } } Post @skip(if: true) { node { id } } }",
        "");
}

TEST(known_type_names)
{
    EXPECT(
        "query ($a: Psot, $b: [Strin!]) { allPosts { ... on Pots { id } ...F } }\n"
        "fragment F on Usre { id }",
        "Unknown type \"Psot\". Did you mean \"Post\" or \"Json\"? @1:12\n"
        "Unknown type \"Strin\". Did you mean \"String\"? @1:23\n"
        "Unknown type \"Pots\". Did you mean \"Post\"? @1:52\n"
        "Variable \"$a\" is never used. @1:8\n"
        "Variable \"$b\" is never used. @1:18\n"
        "Unknown type \"Usre\". Did you mean \"User\"? @2:15\n");
}

TEST(fragments_on_composite_types)
{
    EXPECT(
        "fragment F on String { id }\n"
        "fragment G on PostFilter { id }\n"
        "{ allPosts { ... on Int { id } ...F ...G } }",
        "Fragment \"F\" cannot condition on non composite type \"String\". @1:15\n"
        "Fragment \"G\" cannot condition on non composite type \"PostFilter\". @2:15\n"
        "Fragment cannot condition on non composite type \"Int\". @3:21\n");
}

TEST(variables_are_input_types)
{
    EXPECT(
        "query ($a: Post, $b: [User!]!, $c: PostFilter) { allPosts(filter: $c) { id } }",
        "Variable \"$a\" cannot be non-input type \"Post\". @1:12\n"
        "Variable \"$b\" cannot be non-input type \"[User!]!\". @1:22\n"
        "Variable \"$a\" is never used. @1:8\n"
        "Variable \"$b\" is never used. @1:18\n");
}

TEST(scalar_leafs)
{
    EXPECT(
        "{ allPosts { id { foo } title author } }",
        "Field \"id\" must not have a selection since type \"ID!\" has no subfields. @1:17\n"
        "Field \"author\" of type \"User!\" must have a selection of subfields. Did you mean \"author { ... }\"? @1:31\n");
    EXPECT(
        "{ allPosts { status { x } tags } Post { metadata { a } } }",
        "Field \"status\" must not have a selection since type \"PostStatus!\" has no subfields. @1:21\n"
        "Field \"tags\" of type \"[Tag!]\" must have a selection of subfields. Did you mean \"tags { ... }\"? @1:27\n"
        "Field \"metadata\" must not have a selection since type \"Json\" has no subfields. @1:50\n");
}

TEST(fields_on_correct_type)
{
    EXPECT(
        "{ allPosts { titel autor { nme } } node(id: \"1\") { title slug } user { _postsMeta { cuont } } }",
        "Cannot query field \"titel\" on type \"Post\". Did you mean \"title\"? @1:14\n"
        "Cannot query field \"autor\" on type \"Post\". Did you mean \"author\"? @1:20\n"
        "Cannot query field \"title\" on type \"Node\". Did you mean to use an inline fragment on \"Post\"? @1:52\n"
        "Cannot query field \"slug\" on type \"Node\". Did you mean to use an inline fragment on \"Post\"? @1:58\n"
        "Cannot query field \"cuont\" on type \"_QueryMeta\". Did you mean \"count\"? @1:85\n");
    EXPECT(
        "{ allPosts { __schema { types { name } } } }",
        "Cannot query field \"__schema\" on type \"Post\". @1:14\n");
}

TEST(meta_fields)
{
    EXPECT(
        "{ __typename allPosts { __typename } node(id: \"x\") { __typename } _allPostsMeta { count __typename } }",
        "");
    EXPECT(
        "{ __schema { types { name } } __type(name: \"Post\") { name fields { name } } }",
        "");
    EXPECT(
        "{ __type { name } t2: __type(name: 1) { name } }",
        "Field \"__type\" argument \"name\" of type \"String!\" is required, but it was not provided. @1:3\n"
        "String cannot represent a non string value: 1 @1:36\n");
}

TEST(unique_fragment_names)
{
    EXPECT(
        "fragment F on Post { id }\n"
        "fragment F on Post { title }\n"
        "fragment G on Post { id }\n"
        "fragment F on User { id }\n"
        "{ allPosts { ...F ...G } }",
        "There can be only one fragment named \"F\". @1:10,2:10\n"
        "There can be only one fragment named \"F\". @1:10,4:10\n"
        "Fragment \"F\" cannot be spread here as objects of type \"Post\" can never be of type \"User\". @5:14\n");
}

TEST(known_fragment_names)
{
    EXPECT(
        "{ allPosts { ...Nope ...F } }\n"
        "fragment F on Post { ...Other }",
        "Unknown fragment \"Nope\". @1:17\n"
        "Unknown fragment \"Other\". @2:25\n");
}

TEST(no_unused_fragments)
{
    EXPECT(
        "fragment Unused on Post { id }\n"
        "{ allPosts { id } }\n"
        "fragment Unused2 on User { id }",
        "Fragment \"Unused\" is never used. @1:1\n"
        "Fragment \"Unused2\" is never used. @3:1\n");
}

TEST(possible_fragment_spreads)
{
    EXPECT(
        "{ allPosts { ...U } node(id: \"1\") { ...U ... on User { id } } allUsers { ... on Post { id } ... on Node { id } } }\n"
        "fragment U on User { id }",
        "Fragment \"U\" cannot be spread here as objects of type \"Post\" can never be of type \"User\". @1:14\n"
        "Fragment cannot be spread here as objects of type \"User\" can never be of type \"Post\". @1:74\n");
    EXPECT(
        "{ node(id: \"1\") { ... on Post { id } ... on Tag { id } } }",
        "");
}

TEST(no_fragment_cycles)
{
    EXPECT(
        "fragment A on Post { ...B }\n"
        "fragment B on Post { ...C }\n"
        "fragment C on Post { ...A }\n"
        "fragment D on Post { ...D }\n"
        "fragment E on Post { author { posts { ...E } } }\n"
        "{ allPosts { ...A ...D ...E } }",
        "Cannot spread fragment \"A\" within itself via \"B\", \"C\". @1:22,2:22,3:22\n"
        "Cannot spread fragment \"D\" within itself. @4:22\n"
        "Cannot spread fragment \"E\" within itself. @5:39\n");
}

TEST(unique_variable_names)
{
    EXPECT(
        "query ($a: Int, $b: String, $a: Int, $b: ID, $a: Int) { allPosts(first: $a, after: $b) { id } }",
        "There can be only one variable named \"$a\". @1:9,1:30,1:47\n"
        "There can be only one variable named \"$b\". @1:18,1:39\n"
        "Variable \"$b\" of type \"ID\" used in position expecting type \"String\". @1:38,1:84\n");
}

TEST(no_undefined_variables)
{
    EXPECT(
        "query Q($a: Int) { allPosts(first: $a, skip: $b, filter: { title: $c, AND: [{ id: $d }] }) { id ...F } }\n"
        "fragment F on Post { comments(first: $e) { id } }",
        "Variable \"$b\" is not defined by operation \"Q\". @1:46,1:1\n"
        "Variable \"$c\" is not defined by operation \"Q\". @1:67,1:1\n"
        "Variable \"$d\" is not defined by operation \"Q\". @1:83,1:1\n"
        "Variable \"$e\" is not defined by operation \"Q\". @2:38,1:1\n");
    EXPECT(
        "{ allPosts(first: $x) { id } }",
        "Variable \"$x\" is not defined. @1:19,1:1\n");
    EXPECT(
        "query A($v: Int) { ...F }\n"
        "query B { ...F }\n"
        "fragment F on Query { allPosts(first: $v) { id } }",
        "Variable \"$v\" is not defined by operation \"B\". @3:39,2:1\n");
}

TEST(no_unused_variables)
{
    EXPECT(
        "query Q($a: Int, $b: Int, $c: String) { allPosts(first: $a) { id } }\n"
        "query ($d: Int) { user { id } }",
        "Variable \"$b\" is never used in operation \"Q\". @1:18\n"
        "Variable \"$c\" is never used in operation \"Q\". @1:27\n"
        "This anonymous operation must be the only defined operation. @2:1\n"
        "Variable \"$d\" is never used. @2:8\n");
    EXPECT(
        "query Q($a: Int, $u: String, $t: String, $l: ID) { allPosts(first: $a, filter: { AND: [{ title: $t, id_in: [$l] }] }) { ...F } }\n"
        "fragment F on Post { comments(filter: { text: $u }) { id } }",
        "Variable \"$l\" of type \"ID\" used in position expecting type \"ID!\". @1:42,1:109\n");
}

TEST(known_directives)
{
    EXPECT(
        "query Q($a: Boolean!) @skip(if: $a) { allPosts @foo @include(if: $a) { id @deprecated } ...F @include(if: true) @bar }\n"
        "fragment F on Post @skip(if: true) { id }",
        "Directive \"@skip\" may not be used on QUERY. @1:23\n"
        "Unknown directive \"@foo\". @1:48\n"
        "Directive \"@deprecated\" may not be used on FIELD. @1:75\n"
        "Fragment \"F\" cannot be spread here as objects of type \"Query\" can never be of type \"Post\". @1:89\n"
        "Unknown directive \"@bar\". @1:113\n"
        "Directive \"@skip\" may not be used on FRAGMENT_DEFINITION. @2:20\n");
    EXPECT(
        "query ($v: Int @deprecated) { allPosts @deprecated { id } }",
        "Directive \"@deprecated\" may not be used on VARIABLE_DEFINITION. @1:16\n"
        "Directive \"@deprecated\" may not be used on FIELD. @1:40\n"
        "Variable \"$v\" is never used. @1:8\n");
}

TEST(unique_directives_per_location)
{
    EXPECT(
        "query ($v: Int @skip(if: true)) { allPosts @skip(if: true) @skip(if: false) @include(if: true) @include(if: true) @skip(if: true) { id } }",
        "Directive \"@skip\" may not be used on VARIABLE_DEFINITION. @1:16\n"
        "The directive \"@skip\" can only be used once at this location. @1:44,1:60\n"
        "The directive \"@include\" can only be used once at this location. @1:77,1:96\n"
        "The directive \"@skip\" can only be used once at this location. @1:44,1:115\n"
        "Variable \"$v\" is never used. @1:8\n");
}

TEST(known_argument_names)
{
    EXPECT(
        "{ allPosts(first: 1, frist: 2, filter: {}) { id @skip(iff: true, if: false) title(x: 1) } }",
        "Unknown argument \"frist\" on field \"Query.allPosts\". Did you mean \"first\" or \"last\"? @1:22\n"
        "Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"? @1:55\n"
        "Unknown argument \"x\" on field \"Post.title\". @1:83\n");
    EXPECT(
        "{ allPosts @unknown(a: 1, b: \"x\") { id } }",
        "Unknown directive \"@unknown\". @1:12\n");
}

TEST(unique_argument_names)
{
    EXPECT(
        "{ allPosts(first: 1, first: 2, skip: 1, first: 3, skip: 2) { id @skip(if: true, if: false) } }",
        "There can be only one argument named \"first\". @1:12,1:22,1:41\n"
        "There can be only one argument named \"skip\". @1:32,1:51\n"
        "There can be only one argument named \"if\". @1:71,1:81\n");
}

TEST(values_builtin_scalars)
{
    EXPECT(
        "{ allPosts(first: \"x\", skip: 1.5, after: 3, last: 4294967296, before: true) { id } }",
        "Int cannot represent non-integer value: \"x\" @1:19\n"
        "Int cannot represent non-integer value: 1.5 @1:30\n"
        "String cannot represent a non string value: 3 @1:42\n"
        "Int cannot represent non 32-bit signed integer value: 4294967296 @1:51\n"
        "String cannot represent a non string value: true @1:71\n");
    EXPECT(
        "{ allPosts(first: 2147483647, skip: -2147483648, last: 2147483648) { id } }",
        "Int cannot represent non 32-bit signed integer value: 2147483648 @1:56\n");
    EXPECT(
        "mutation { createPost(title: 1, slug: \"s\", keywords: \"a\", status: PUBLISHED, viewCount: 1, rating: 1, published: \"true\") { id } }",
        "String cannot represent a non string value: 1 @1:30\n"
        "Boolean cannot represent a non boolean value: \"true\" @1:114\n");
    EXPECT(
        "mutation { createPost(title: \"t\", slug: \"s\", rating: \"1.5\", published: 1, viewCount: 99999999999999999999) { id } }",
        "Float cannot represent non numeric value: \"1.5\" @1:54\n"
        "Boolean cannot represent a non boolean value: 1 @1:72\n"
        "Int cannot represent non 32-bit signed integer value: 99999999999999999999 @1:86\n");
    EXPECT(
        "{ node(id: 1) { id } n2: node(id: 1.5) { id } n3: node(id: ID1) { id } }",
        "ID cannot represent a non-string and non-integer value: 1.5 @1:35\n"
        "ID cannot represent a non-string and non-integer value: ID1 @1:60\n");
}

TEST(values_enums)
{
    EXPECT(
        "{ allPosts(orderBy: title_asc, filter: { status: DRAFT, status_in: [DRAFT, \"PUBLISHED\", 3], id: 1, id_in: [1, \"2\", 1.5, true] }) { id } }",
        "Value \"title_asc\" does not exist in \"PostOrderBy\" enum. Did you mean the enum value \"title_ASC\", \"title_DESC\", \"id_ASC\", or \"status_ASC\"? @1:21\n"
        "Enum \"PostStatus\" cannot represent non-enum value: \"PUBLISHED\". Did you mean the enum value \"PUBLISHED\"? @1:76\n"
        "Enum \"PostStatus\" cannot represent non-enum value: 3. @1:89\n"
        "ID cannot represent a non-string and non-integer value: 1.5 @1:116\n"
        "ID cannot represent a non-string and non-integer value: true @1:121\n");
    EXPECT(
        "{ allPosts(orderBy: \"title_ASC\") { id } p2: allPosts(orderBy: [title_ASC]) { id } }",
        "Enum \"PostOrderBy\" cannot represent non-enum value: \"title_ASC\". Did you mean the enum value \"title_ASC\", \"title_DESC\", or \"status_ASC\"? @1:21\n"
        "Enum \"PostOrderBy\" cannot represent non-enum value: [title_ASC]. Did you mean the enum value \"title_ASC\", \"title_DESC\", or \"status_ASC\"? @1:63\n");
    EXPECT(
        "{ allUsers(filter: { posts_every: { status_in: [DRAFT, PUBLISHD] }, role: ADMI }) { id } }",
        "Value \"PUBLISHD\" does not exist in \"PostStatus\" enum. Did you mean the enum value \"PUBLISHED\"? @1:56\n"
        "Value \"ADMI\" does not exist in \"Role\" enum. Did you mean the enum value \"ADMIN\"? @1:75\n");
}

TEST(values_datetime_and_json)
{
    EXPECT(
        "mutation { createPost(title: \"t\", slug: \"s\", publishedAt: \"2017-11-22T13:57:31.123Z\", metadata: \"{\\\"a\\\": 1}\") { id } }",
        "");
    EXPECT(
        "mutation { createPost(title: \"t\", slug: \"s\", publishedAt: \"not a date\", metadata: \"{bad\") { id } b: createPost(title: \"t\", slug: \"s\", publishedAt: 123, metadata: 5) { id } }",
        "Expected value of type \"DateTime\", found \"not a date\"; Date value expected @1:59\n"
        "Expected value of type \"Json\", found \"{bad\"; Not valid JSON @1:83\n"
        "Expected value of type \"DateTime\", found 123; Date value expected @1:148\n"
        "Expected value of type \"Json\", found 5; Not valid JSON @1:163\n");
    EXPECT(
        "mutation { createPost(title: \"t\", slug: \"s\", publishedAt: \"2017\", metadata: \"[1,2]\") { id } b: createPost(title: \"t\", slug: \"s\", publishedAt: \"2017-11-22T13:57\", metadata: \"3\") { id } }",
        "");
    EXPECT(
        "{ allPosts(filter: { createdAt_gt: \"2020-01-01\", createdAt_in: [\"2020\", \"x\", 5], publishedAt: 2020 }) { id } }",
        "Expected value of type \"DateTime!\", found \"x\"; Date value expected @1:73\n"
        "Expected value of type \"DateTime!\", found 5; Date value expected @1:78\n"
        "Expected value of type \"DateTime\", found 2020; Date value expected @1:95\n");
    EXPECT(
        "mutation { createUser(email: \"a\", name: \"b\", settings: \"\"\"{\"a\": 1}\"\"\") { id } b: createUser(email: \"a\", name: \"b\", settings: \"\"\"\n"
        "  not json\n"
        "\"\"\") { id } }",
        "Expected value of type \"Json\", found \"\"\"not json\"\"\"; Not valid JSON @1:126\n");
}

TEST(values_input_objects)
{
    EXPECT(
        "{ allPosts(filter: { titel: \"x\", AND: [{ tilte: \"y\" }], author: { nmae: \"z\" } }) { id } }",
        "Field \"titel\" is not defined by type \"PostFilter\". Did you mean \"title\" or \"title_lt\"? @1:22\n"
        "Field \"tilte\" is not defined by type \"PostFilter\". Did you mean \"title\" or \"id_lte\"? @1:42\n"
        "Field \"nmae\" is not defined by type \"UserFilter\". Did you mean \"name\"? @1:67\n");
    EXPECT(
        "{ allPosts(filter: \"x\") { id } p2: allPosts(filter: [1]) { id } p3: allPosts(filter: 3) { id } p4: allPosts(filter: null) { id } }",
        "Expected value of type \"PostFilter\", found \"x\". @1:20\n"
        "Expected value of type \"PostFilter\", found [1]. @1:53\n"
        "Expected value of type \"PostFilter\", found 3. @1:86\n");
    EXPECT(
        "mutation { createPost(slug: \"s\") { id } updateOrCreatePost(update: { id: \"1\" }, create: { title: \"x\" }) { id } }",
        "Field \"createPost\" argument \"title\" of type \"String!\" is required, but it was not provided. @1:12\n"
        "Field \"CreatePost.slug\" of required type \"String!\" was not provided. @1:89\n");
    EXPECT(
        "mutation { createPost(title: \"t\", slug: \"s\", tags: [{}], comments: [{ text: null }], author: {}) { id } }",
        "Field \"PosttagsTag.name\" of required type \"String!\" was not provided. @1:53\n"
        "Expected value of type \"String!\", found null. @1:77\n"
        "Field \"PostauthorUser.email\" of required type \"String!\" was not provided. @1:94\n"
        "Field \"PostauthorUser.name\" of required type \"String!\" was not provided. @1:94\n");
    EXPECT(
        "mutation { createPost(title: \"t\", slug: \"s\", keywords: [\"a\", 1, null], tags: [{ name: \"x\" }, { nam: \"y\" }], author: { create: 1 }) { id } }",
        "String cannot represent a non string value: 1 @1:62\n"
        "Expected value of type \"String!\", found null. @1:65\n"
        "Field \"PosttagsTag.name\" of required type \"String!\" was not provided. @1:94\n"
        "Field \"nam\" is not defined by type \"PosttagsTag\". Did you mean \"name\"? @1:96\n"
        "Field \"PostauthorUser.email\" of required type \"String!\" was not provided. @1:117\n"
        "Field \"PostauthorUser.name\" of required type \"String!\" was not provided. @1:117\n"
        "Field \"create\" is not defined by type \"PostauthorUser\". @1:119\n");
}

TEST(values_null)
{
    EXPECT(
        "{ node(id: null) { id } p: node { id } }",
        "Expected value of type \"ID!\", found null. @1:12\n"
        "Field \"node\" argument \"id\" of type \"ID!\" is required, but it was not provided. @1:25\n");
    EXPECT(
        "{ allPosts(filter: { keywords_contains: null, AND: [null, { id: null }], id_in: [null] }) { id } }",
        "Field \"keywords_contains\" is not defined by type \"PostFilter\". Did you mean \"body_contains\", \"id_contains\", or \"id_not_contains\"? @1:22\n"
        "Expected value of type \"PostFilter!\", found null. @1:53\n"
        "Expected value of type \"ID!\", found null. @1:82\n");
}

TEST(values_in_variable_defaults)
{
    EXPECT(
        "query ($a: Int = \"x\", $b: PostFilter = { titel: 1 }, $c: [Int!] = [1, null]) { allPosts(first: $a, filter: $b) { id } x: allPosts(first: 1) { id } }",
        "Int cannot represent non-integer value: \"x\" @1:18\n"
        "Field \"titel\" is not defined by type \"PostFilter\". Did you mean \"title\" or \"title_lt\"? @1:42\n"
        "Expected value of type \"Int!\", found null. @1:71\n"
        "Variable \"$c\" is never used. @1:54\n");
}

TEST(provided_required_arguments)
{
    EXPECT(
        "mutation { updateOrCreatePost(create: { slug: \"s\" }) { id } deletePost { id } }",
        "Field \"CreatePost.title\" of required type \"String!\" was not provided. @1:39\n"
        "Field \"updateOrCreatePost\" argument \"update\" of type \"UpdatePost!\" is required, but it was not provided. @1:12\n"
        "Field \"deletePost\" argument \"id\" of type \"ID!\" is required, but it was not provided. @1:61\n");
    EXPECT(
        "{ allPosts @skip { id } a: allPosts @include(if: null) { id } b: allPosts @skip(if: \"yes\") { id } }",
        "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. @1:12\n"
        "Expected value of type \"Boolean!\", found null. @1:50\n"
        "Boolean cannot represent a non boolean value: \"yes\" @1:85\n");
}

TEST(variables_in_allowed_position)
{
    EXPECT(
        "query ($a: Int, $b: Int!, $c: Int = 3, $d: [ID], $e: ID, $f: String, $g: Boolean) { allPosts(first: $a, skip: $b, last: $c) { id } node(id: $e) { id } Post(id: $f) { id } x: allPosts(filter: { id_in: $d, published: $g }) { id } }",
        "Variable \"$e\" of type \"ID\" used in position expecting type \"ID!\". @1:50,1:141\n"
        "Variable \"$f\" of type \"String\" used in position expecting type \"ID\". @1:58,1:161\n"
        "Variable \"$d\" of type \"[ID]\" used in position expecting type \"[ID!]\". @1:40,1:201\n");
    EXPECT(
        "query ($e: ID = \"1\", $f: ID = null, $g: [ID!], $h: [ID]) { node(id: $e) { id } n2: node(id: $f) { id } allPosts(filter: { id_in: $g }) { id } a2: allPosts(filter: { id_in: $h, AND: [{ id_in: [$e, $f] }] }) { id } }",
        "Variable \"$f\" of type \"ID\" used in position expecting type \"ID!\". @1:22,1:93\n"
        "Variable \"$h\" of type \"[ID]\" used in position expecting type \"[ID!]\". @1:48,1:173\n"
        "Variable \"$f\" of type \"ID\" used in position expecting type \"ID!\". @1:22,1:197\n");
    EXPECT(
        "query ($s: String, $i: Int, $st: PostStatus, $f: PostFilter, $o: PostOrderBy) { allPosts(first: $s, filter: $f, orderBy: $o) { id } a: allPosts(filter: { status: $st, viewCount: $i, title: $i }) { id } }",
        "Variable \"$s\" of type \"String\" used in position expecting type \"Int\". @1:8,1:97\n"
        "Variable \"$i\" of type \"Int\" used in position expecting type \"String\". @1:20,1:190\n");
    EXPECT(
        "query ($a: Boolean = true, $b: Boolean) { allPosts @skip(if: $a) { id } x: allPosts @include(if: $b) { id } }",
        "Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\". @1:28,1:98\n");
}

TEST(overlapping_fields)
{
    EXPECT(
        "{ allPosts { id: title id } }",
        "Fields \"id\" conflict because \"title\" and \"id\" are different fields. Use different aliases on the fields to fetch both if this was intentional. @1:14,1:24\n");
    EXPECT(
        "{ allPosts { x: title x: body } a: allPosts { x: id x: id } }",
        "Fields \"x\" conflict because \"title\" and \"body\" are different fields. Use different aliases on the fields to fetch both if this was intentional. @1:14,1:23\n");
    EXPECT(
        "{ allPosts(first: 1) { id } allPosts(first: 2) { id } b: allPosts(filter: { id: \"1\", title: \"x\" }) { id } b: allPosts(filter: { title: \"x\", id: \"1\" }) { id } }",
        "Fields \"allPosts\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. @1:3,1:29\n");
    EXPECT(
        "{ node(id: \"1\") { ... on Post { x: title } ... on User { x: name } ... on Comment { x: createdAt } } }",
        "Fields \"x\" conflict because they return conflicting types \"String!\" and \"DateTime!\". Use different aliases on the fields to fetch both if this was intentional. @1:33,1:85\n"
        "Fields \"x\" conflict because they return conflicting types \"String!\" and \"DateTime!\". Use different aliases on the fields to fetch both if this was intentional. @1:58,1:85\n");
    EXPECT(
        "{ node(id: \"1\") { ... on Post { x: rating } ... on Node { x: id } } }",
        "Fields \"x\" conflict because \"rating\" and \"id\" are different fields. Use different aliases on the fields to fetch both if this was intentional. @1:33,1:59\n");
    EXPECT(
        "{ allPosts { author { x: name y: id } author { x: email y: name } } }",
        "Fields \"author\" conflict because subfields \"x\" conflict because \"name\" and \"email\" are different fields and subfields \"y\" conflict because \"id\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional. @1:14,1:23,1:31,1:39,1:48,1:57\n");
    EXPECT(
        "{ allPosts { x: id ...A } }\n"
        "fragment A on Post { x: title ...B }\n"
        "fragment B on Post { x: slug }",
        "Fields \"x\" conflict because \"id\" and \"title\" are different fields. Use different aliases on the fields to fetch both if this was intentional. @1:14,2:22\n"
        "Fields \"x\" conflict because \"id\" and \"slug\" are different fields. Use different aliases on the fields to fetch both if this was intentional. @1:14,3:22\n"
        "Fields \"x\" conflict because \"title\" and \"slug\" are different fields. Use different aliases on the fields to fetch both if this was intentional. @2:22,3:22\n");
    EXPECT(
        "{ a: allPosts { keywords } a: allPosts { tags { id } } b: allPosts { comments { id } } b: allPosts { author { id } } }",
        "");
}

TEST(unique_input_field_names)
{
    EXPECT(
        "{ allPosts(filter: { title: \"a\", title: \"b\", AND: [{ id: 1, id: 2 }] }) { id } }",
        "There can be only one input field named \"title\". @1:22,1:34\n"
        "There can be only one input field named \"id\". @1:54,1:61\n");
}

TEST(max_introspection_depth)
{
    EXPECT(
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }",
        "Maximum introspection depth exceeded @1:3\n");
    EXPECT(
        "{ __type(name: \"Post\") { ...T } }\n"
        "fragment T on __Type { fields { type { ...U } } }\n"
        "fragment U on __Type { inputFields { type { name } } interfaces { name } }",
        "");
}

/* ---- limits ---- */

/* 150 unknown fields: 100 errors, then graphql-js's notice, then nothing more. */
TEST(error_limit_default)
{
    Buf q;
    buf_init(&q, &arena, 2048);
    buf_puts(&q, "{");
    for (int i = 0; i < 150; i++) buf_printf(&q, " f%d", i);
    buf_puts(&q, " }");
    GqlParseError pe;
    GqlDocument *doc = gql_parse(&arena, q.data, q.len, NULL, &pe);
    CHECK(doc);
    ValidationResult r;
    CHECK(!gql_validate(blog, doc, NULL, &arena, &r));
    CHECK_EQ_INT(r.n_errors, 101);
    CHECK_EQ_STR(r.errors[0].message, "Cannot query field \"f0\" on type \"Query\".");
    CHECK_EQ_INT(r.errors[0].n_locations, 1);
    CHECK_EQ_INT(r.errors[0].locations[0].col, 3);
    CHECK_EQ_STR(r.errors[99].message, "Cannot query field \"f99\" on type \"Query\".");
    CHECK_EQ_STR(r.errors[100].message,
                 "Too many validation errors, error limit reached. Validation aborted.");
    CHECK_EQ_INT(r.errors[100].n_locations, 0);
}

TEST(error_limit_option)
{
    EXPECT_MAX(3, "{ a b c d e }",
               "Cannot query field \"a\" on type \"Query\". @1:3\n"
               "Cannot query field \"b\" on type \"Query\". @1:5\n"
               "Cannot query field \"c\" on type \"Query\". @1:7\n"
               "Too many validation errors, error limit reached. Validation aborted. @\n");
    EXPECT_MAX(5, "{ a b }",
               "Cannot query field \"a\" on type \"Query\". @1:3\n"
               "Cannot query field \"b\" on type \"Query\". @1:5\n");
}

/* 800 fields under one response key would take 320 000 comparisons: graphql-js 16.15
 * gives up past its work budget, and so does relata. */
TEST(work_budget)
{
    Buf q;
    buf_init(&q, &arena, 8192);
    buf_puts(&q, "{ allPosts {");
    for (int i = 0; i < 800; i++) buf_puts(&q, " a: title");
    buf_puts(&q, " } }");
    CHECK_EQ_STR(errors_of(q.data, NULL), "Validation aborted. @\n");
    /* 700 identical fields stay under the budget and are fine. */
    buf_clear(&q);
    buf_puts(&q, "{ allPosts {");
    for (int i = 0; i < 700; i++) buf_puts(&q, " a: title");
    buf_puts(&q, " } }");
    CHECK_EQ_STR(errors_of(q.data, NULL), "");
}

/* Repeated names are grouped with maps, not compared pairwise: 20 000 copies of one
 * argument make one error with 20 000 locations, as in graphql-js. */
TEST(large_documents)
{
    Buf q;
    buf_init(&q, &arena, 1 << 18);
    buf_puts(&q, "{ allPosts(");
    for (int i = 0; i < 20000; i++) buf_puts(&q, i ? ", first: 1" : "first: 1");
    buf_puts(&q, ") { id } }");
    GqlParseError pe;
    GqlDocument *doc = gql_parse(&arena, q.data, q.len, NULL, &pe);
    CHECK(doc);
    ValidationResult r;
    CHECK(!gql_validate(blog, doc, NULL, &arena, &r));
    CHECK_EQ_INT(r.n_errors, 1);
    CHECK_EQ_STR(r.errors[0].message, "There can be only one argument named \"first\".");
    CHECK_EQ_INT(r.errors[0].n_locations, 20000);
    CHECK_EQ_INT(r.errors[0].locations[19999].col, 12 + 19999 * 10);
}

TEST(max_depth)
{
    const char *q = "{ allPosts { author { posts { id } } } }"; /* depth 4 */
    EXPECT_DEPTH(4, q, "");
    EXPECT_DEPTH(3, q, "Query is nested too deeply (max depth 3). @1:31\n");
    EXPECT_DEPTH(2, q, "Query is nested too deeply (max depth 2). @1:23\n");
    EXPECT_DEPTH(0, q, "");
    /* Depth counts through fragment spreads and inline fragments. */
    EXPECT_DEPTH(3,
                 "{ allPosts { ...P } }\n"
                 "fragment P on Post { ... on Post { author { ...U } } }\n"
                 "fragment U on User { name posts { id } }",
                 "Query is nested too deeply (max depth 3). @3:35\n");
    /* One error per operation, after graphql-js's own errors. */
    EXPECT_DEPTH(1,
                 "query A { user { id } }\n"
                 "query B { user { nope } }",
                 "Query is nested too deeply (max depth 1). @1:18\n"
                 "Cannot query field \"nope\" on type \"User\". Did you mean \"name\" or \"role\"? @2:18\n"
                 "Query is nested too deeply (max depth 1). @2:18\n");
    /* Measuring through a fragment cycle terminates (the operation comes first in the
     * document, so its depth error precedes the cycle error of the fragment). */
    EXPECT_DEPTH(2,
                 "{ allPosts { ...A } }\n"
                 "fragment A on Post { author { posts { ...A } } }",
                 "Query is nested too deeply (max depth 2). @2:31\n"
                 "Cannot spread fragment \"A\" within itself. @2:39\n");
}

/* Where relata decides what graphql-js leaves open. */
TEST(relata_specific)
{
    /* graphql-js throws from SingleFieldSubscriptions when @skip/@include take a
     * variable (it collects fields without variable values); relata keeps the field. */
    EXPECT("subscription ($v: Boolean!) { Post @skip(if: $v) { mutation } Tag { mutation } }",
           "Anonymous Subscription must select only one top level field. @1:63\n");
    /* DateTime literals are checked by the real parser of SIMPLE-API.md §2.5 (ranges,
     * leap years, fractions, zones). */
    EXPECT("mutation { a: createPost(title: \"t\", slug: \"s\", publishedAt: \"2017-13-01\") { id }\n"
           "  b: createPost(title: \"t\", slug: \"s\", publishedAt: \"2017-02-29T10:00\") { id }\n"
           "  c: createPost(title: \"t\", slug: \"s\",\n"
           "               publishedAt: \"2016-02-29T10:00:00,123456789+02:30\") { id } }",
           "Expected value of type \"DateTime\", found \"2017-13-01\"; Date value expected @1:62\n"
           "Expected value of type \"DateTime\", found \"2017-02-29T10:00\"; Date value expected "
           "@2:53\n");
    /* A Json literal only has to hold JSON text here; that it is an object or array is
     * checked when the value is stored (error 3037). */
    EXPECT("mutation { createUser(email: \"e\", name: \"n\", settings: \" \\\"text\\\" \") { id } }", "");
}

/* Type-system definitions are reported, not walked; syntax errors never get here. */
TEST(not_executable_only)
{
    EXPECT("scalar Foo", "The \"Foo\" definition is not executable. @1:1\n");
    CHECK_EQ_STR(errors_of("{ user { id }", NULL), "SYNTAX Syntax Error: Expected Name, found <EOF>.");
}

int main(void)
{
    arena_init(&arena, 1 << 16);
    Diag d;
    diag_init(&d, &arena);
    blog_model = model_load(BLOG, sizeof BLOG - 1, "types.graphql", &d);
    if (!blog_model) {
        fprintf(stderr, "the blog model did not load (%u diagnostics)\n", d.count);
        return 1;
    }
    blog = schema_build(blog_model);

    RUN(valid_realistic_query);
    RUN(valid_mutation_and_subscription);
    RUN(valid_introspection_query);
    RUN(executable_definitions);
    RUN(unique_operation_names);
    RUN(lone_anonymous_operation);
    RUN(single_field_subscriptions);
    RUN(known_type_names);
    RUN(fragments_on_composite_types);
    RUN(variables_are_input_types);
    RUN(scalar_leafs);
    RUN(fields_on_correct_type);
    RUN(meta_fields);
    RUN(unique_fragment_names);
    RUN(known_fragment_names);
    RUN(no_unused_fragments);
    RUN(possible_fragment_spreads);
    RUN(no_fragment_cycles);
    RUN(unique_variable_names);
    RUN(no_undefined_variables);
    RUN(no_unused_variables);
    RUN(known_directives);
    RUN(unique_directives_per_location);
    RUN(known_argument_names);
    RUN(unique_argument_names);
    RUN(values_builtin_scalars);
    RUN(values_enums);
    RUN(values_datetime_and_json);
    RUN(values_input_objects);
    RUN(values_null);
    RUN(values_in_variable_defaults);
    RUN(provided_required_arguments);
    RUN(variables_in_allowed_position);
    RUN(overlapping_fields);
    RUN(unique_input_field_names);
    RUN(max_introspection_depth);
    RUN(error_limit_default);
    RUN(error_limit_option);
    RUN(work_budget);
    RUN(large_documents);
    RUN(max_depth);
    RUN(relata_specific);
    RUN(not_executable_only);

    schema_free(blog);
    model_free(blog_model);
    arena_fini(&arena);
    return test_summary();
}
