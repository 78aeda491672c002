/* blog_db.h - the spec's blog model with a small data set in a fresh SQLite store,
 * shared by the store tests. Rows are inserted with plain SQL per the layout in store.h. */
#ifndef RELATA_TESTS_STORE_BLOG_DB_H
#define RELATA_TESTS_STORE_BLOG_DB_H

#include "store/plan_fixture.h"

static const char blog_src[] =
    "enum Role { ADMIN AUTHOR READER }\n"
    "enum PostStatus { DRAFT PUBLISHED ARCHIVED }\n"
    "type User @model {\n"
    "  id: ID! @isUnique\n  createdAt: DateTime!\n  updatedAt: DateTime!\n"
    "  email: String! @isUnique\n  name: String!\n"
    "  role: Role! @defaultValue(value: \"READER\")\n  settings: Json\n"
    "  posts: [Post!]! @relation(name: \"PostAuthor\")\n"
    "  pinnedPost: Post @relation(name: \"PinnedPost\")\n"
    "  comments: [Comment!]! @relation(name: \"CommentAuthor\")\n"
    "  followers: [User!]! @relation(name: \"UserFollows\")\n"
    "  following: [User!]! @relation(name: \"UserFollows\")\n}\n"
    "type Post @model {\n"
    "  id: ID! @isUnique\n  createdAt: DateTime!\n  updatedAt: DateTime!\n"
    "  title: String!\n  slug: String! @isUnique\n  body: String\n"
    "  status: PostStatus! @defaultValue(value: \"DRAFT\")\n  keywords: [String!]\n"
    "  viewCount: Int! @defaultValue(value: \"0\")\n  rating: Float\n"
    "  published: Boolean! @defaultValue(value: \"false\")\n  publishedAt: DateTime\n"
    "  metadata: Json\n"
    "  author: User! @relation(name: \"PostAuthor\")\n"
    "  pinnedBy: User @relation(name: \"PinnedPost\")\n"
    "  comments: [Comment!]! @relation(name: \"PostComments\")\n"
    "  tags: [Tag!]! @relation(name: \"PostTags\")\n}\n"
    "type Comment @model {\n"
    "  id: ID! @isUnique\n  createdAt: DateTime!\n  text: String!\n"
    "  post: Post! @relation(name: \"PostComments\")\n"
    "  author: User @relation(name: \"CommentAuthor\")\n}\n"
    "type Tag @model {\n"
    "  id: ID! @isUnique\n  name: String! @isUnique\n"
    "  posts: [Post!]! @relation(name: \"PostTags\")\n}\n";

#define TS "'2020-01-01T00:00:00.000Z'"

/* Sides: User's fields are side A of PostAuthor, PinnedPost, CommentAuthor; followers is
 * field A of UserFollows; Post.comments of PostComments; Post.tags of PostTags. */
static const char blog_rows[] =
    "INSERT INTO \"User\" (id, createdAt, updatedAt, email, name, role, settings) VALUES"
    " ('u1'," TS "," TS ",'alice@x.com','Alice','ADMIN','{\"theme\":\"dark\"}'),"
    " ('u2'," TS "," TS ",'BOB@x.com','bob','AUTHOR',NULL),"
    " ('u3'," TS "," TS ",'carol@x.com','Carol','READER',NULL);"
    "INSERT INTO \"Post\" (id, createdAt, updatedAt, title, slug, body, status, keywords,"
    " viewCount, rating, published, publishedAt, metadata) VALUES"
    " ('p1'," TS "," TS ",'Hello World','hello','First post 100%','PUBLISHED','[\"a\",\"b\"]',"
    "  10, 4.5, 1, '2020-01-01T00:00:00.000Z', '{\"x\":1}'),"
    " ('p2'," TS "," TS ",'apple pie','apple',NULL,'DRAFT',NULL, 0, NULL, 0, NULL, NULL),"
    " ('p3'," TS "," TS ",'Banana split','banana','with_underscore','ARCHIVED','[]',"
    "  5, 0.1 + 0.2, 0, '2021-06-15T12:30:00.000Z', NULL),"
    " ('p4'," TS "," TS ",'cherry','cherry','x','PUBLISHED',NULL, 5, 2.0, 1,"
    "  '2019-12-31T23:59:59.999Z', '[1,2]'),"
    " ('p5'," TS "," TS
    ",'Hello again','hello-again','HELLO','DRAFT',NULL, 7, NULL, 1, NULL, NULL);"
    "INSERT INTO \"Comment\" (id, createdAt, updatedAt, text) VALUES"
    " ('c1'," TS "," TS ",'nice'), ('c2'," TS "," TS ",'meh'), ('c3'," TS "," TS ",'anon'),"
    " ('c4'," TS "," TS ",'ok');"
    "INSERT INTO \"Tag\" (id, createdAt, updatedAt, name) VALUES"
    " ('t1'," TS "," TS ",'news'), ('t2'," TS "," TS ",'tech');"
    "INSERT INTO \"_PostAuthor\" (A, B) VALUES ('u1','p1'),('u1','p2'),('u2','p3'),('u2','p4'),"
    " ('u3','p5');"
    "INSERT INTO \"_PinnedPost\" (A, B) VALUES ('u1','p2');"
    "INSERT INTO \"_PostComments\" (A, B) VALUES ('p1','c1'),('p1','c2'),('p1','c3'),('p3','c4');"
    "INSERT INTO \"_CommentAuthor\" (A, B) VALUES ('u2','c1'),('u3','c2'),('u1','c4');"
    "INSERT INTO \"_PostTags\" (A, B) VALUES ('p1','t1'),('p3','t1'),('p1','t2');"
    "INSERT INTO \"_UserFollows\" (A, B) VALUES ('u1','u2'),('u1','u3'),('u2','u3');";

static DataModel *dm;
static Schema *schema;
static Store *store;
static StoreConn *conn;
static Arena arena;

static const char *q(const char *query)
{
    return pf_run(conn, &arena, schema, query);
}

static void setup(const char *tag)
{
    Arena da;
    arena_init(&da, 4096);
    Diag d;
    diag_init(&d, &da);
    dm = model_load(blog_src, strlen(blog_src), "blog.graphql", &d);
    if (!dm) {
        fprintf(stderr, "model_load failed (%u)\n", d.count);
        for (uint32_t i = 0; i < d.count; i++)
            fprintf(stderr, "  %s\n", d.items[i].message);
        exit(1);
    }
    schema = schema_build(dm);
    store = store_open(dm, schema, pf_tmp_db(tag), &d);
    if (!store) {
        fprintf(stderr, "store_open: %s\n", d.count ? d.items[0].message : "?");
        exit(1);
    }
    conn = store_connect(store, &d);
    char *msg = NULL;
    if (sqlite3_exec(conn->db, blog_rows, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "insert: %s\n", msg);
        exit(1);
    }
    arena_init(&arena, 1 << 16);
    arena_fini(&da);
}

static void teardown(void)
{
    store_disconnect(conn);
    store_close(store);
    schema_free(schema);
    model_free(dm);
    arena_fini(&arena);
}

#endif
