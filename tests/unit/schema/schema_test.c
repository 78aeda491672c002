/* schema_test.c - the generated schema for small hand-built models: printed blocks of
 * SIMPLE-API.md §3 worked out from the spec text, natural order (§3.11) of the in-memory
 * schema, roles, interning, introspection types and the meta fields. */
#include <stdio.h>

#include "blog_fixture.h"
#include "schema/schema.h"
#include "test.h"

/* ---- helpers ---- */

static Arena test_arena;

/* Canonical SDL of `s`, in test_arena. */
static const char *sdl(const Schema *s)
{
    Buf out;
    buf_init(&out, &test_arena, 1024);
    schema_print_canonical(s, &out);
    return out.data;
}

/* The SDL after a newline, so that "\n<definition>" matches the first one too. */
static const char *sdl_nl(const Schema *s)
{
    Buf out;
    buf_init(&out, &test_arena, 1024);
    buf_putc(&out, '\n');
    schema_print_canonical(s, &out);
    return out.data;
}

static const SType *type(const Schema *s, const char *name)
{
    return schema_find_type(s, name, strlen(name));
}

static const SField *field(const SType *t, const char *name)
{
    return t ? stype_find_field(t, name, strlen(name)) : NULL;
}

static const SInputValue *input(const SType *t, const char *name)
{
    return t ? stype_find_input_field(t, name, strlen(name)) : NULL;
}

static const SInputValue *arg(const SField *f, const char *name)
{
    return f ? sfield_find_arg(f, name, strlen(name)) : NULL;
}

/* Names in natural order, space separated. */
static const char *field_names(const SType *t)
{
    Buf b;
    buf_init(&b, &test_arena, 256);
    for (uint32_t i = 0; t && i < t->n_fields; i++)
        buf_printf(&b, "%s%s", i ? " " : "", t->fields[i].name);
    return b.data;
}

static const char *input_names(const SInputValue *v, uint32_t n)
{
    Buf b;
    buf_init(&b, &test_arena, 256);
    for (uint32_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? " " : "", v[i].name);
    return b.data;
}

static const char *arg_names(const SField *f)
{
    return f ? input_names(f->args, f->n_args) : "";
}

static const char *value_names(const SType *t)
{
    Buf b;
    buf_init(&b, &test_arena, 256);
    for (uint32_t i = 0; t && i < t->n_values; i++)
        buf_printf(&b, "%s%s", i ? " " : "", t->values[i].name);
    return b.data;
}

static const char *tref(const TypeRef *r)
{
    Buf b;
    buf_init(&b, &test_arena, 32);
    typeref_print(r, &b);
    return b.data;
}

/* ---- models ---- */

/* type Thing @model { id: ID! @isUnique } */
static DataModel *only_id_model(void)
{
    Fx *fx = fx_new();
    fx_model(fx, "Thing", "Things");
    return fx_finish(fx);
}

/* type User @model { id: ID! @isUnique  name: String  friend: User @relation(name: "Friends") } */
static DataModel *friend_model(bool many)
{
    Fx *fx = fx_new();
    Model *u = fx_model(fx, "User", "Users");
    fx_scalar(fx, u, "name", SCALAR_STRING, FX_OPT);
    fx_relation(fx, "Friends", u, many ? "friends" : "friend", many ? FX_MANY : FX_ONE, u, NULL, 0);
    return fx_finish(fx);
}

/* One-to-one, required on one side, and a model with nothing to nest:
 *   type Author  @model { id  name: String!  profile: Profile @relation(name: "AuthorProfile")
 *                         card: Card @relation(name: "AuthorCard") }
 *   type Profile @model { id  bio: String  author: Author! @relation(name: "AuthorProfile") }
 *   type Card    @model { id  author: Author @relation(name: "AuthorCard") } */
static DataModel *one_to_one_model(void)
{
    Fx *fx = fx_new();
    Model *a = fx_model(fx, "Author", "Authors");
    fx_scalar(fx, a, "name", SCALAR_STRING, FX_REQ);
    Model *p = fx_model(fx, "Profile", "Profiles");
    fx_scalar(fx, p, "bio", SCALAR_STRING, FX_OPT);
    Model *c = fx_model(fx, "Card", "Cards");
    fx_relation(fx, "AuthorProfile", a, "profile", FX_ONE, p, "author", FX_ONE_REQ);
    fx_relation(fx, "AuthorCard", a, "card", FX_ONE, c, "author", FX_ONE);
    return fx_finish(fx);
}

/* enum Color { RED GREEN }   enum Unused { X }
 * type Paint @model { id  color: Color!  colors: [Color!]!  tags: [String!]
 *                     counts: [Int!]! @defaultValue(value: "[1]")  shade: Color @isUnique } */
static const char *colors[] = {"RED", "GREEN"};
static const char *unused_values[] = {"X"};
static DataModel *paint_model(void)
{
    Fx *fx = fx_new();
    ModelEnum *color = fx_enum(fx, "Color", colors, 2);
    fx_enum(fx, "Unused", unused_values, 1);
    Model *p = fx_model(fx, "Paint", "Paints");
    fx_enum_field(fx, p, "color", color, FX_REQ);
    fx_enum_field(fx, p, "colors", color, FX_REQ | FX_LIST);
    fx_scalar(fx, p, "tags", SCALAR_STRING, FX_LIST);
    fx_scalar(fx, p, "counts", SCALAR_INT, FX_REQ | FX_LIST | FX_DEFAULT);
    fx_enum_field(fx, p, "shade", color, FX_UNIQUE);
    return fx_finish(fx);
}

/* type Stamp @model { id: ID! @isUnique  createdAt: DateTime!  updatedAt: DateTime! } */
static DataModel *stamp_model(void)
{
    Fx *fx = fx_new();
    Model *m = fx_model(fx, "Stamp", "Stamps");
    fx_scalar(fx, m, "createdAt", SCALAR_DATETIME, FX_REQ);
    fx_scalar(fx, m, "updatedAt", SCALAR_DATETIME, FX_REQ);
    return fx_finish(fx);
}

/* ---- tests ---- */

static const char *fixed_tail = "enum _ModelMutationType {\n  CREATED\n  DELETED\n  UPDATED\n}\n\n"
                                "type _QueryMeta {\n  count: Int!\n}\n";

TEST(only_id_full_print)
{
    DataModel *dm = only_id_model();
    Schema *s = schema_build(dm);
    const char *conn = "(after: String, before: String, filter: ThingFilter, first: Int, "
                       "last: Int, orderBy: ThingOrderBy, skip: Int)";
    const char *id_ops = "  id: ID\n  id_contains: ID\n  id_ends_with: ID\n  id_gt: ID\n"
                         "  id_gte: ID\n  id_in: [ID!]\n  id_lt: ID\n  id_lte: ID\n"
                         "  id_not: ID\n  id_not_contains: ID\n  id_not_ends_with: ID\n"
                         "  id_not_in: [ID!]\n  id_not_starts_with: ID\n  id_starts_with: ID\n";
    Buf e;
    buf_init(&e, &test_arena, 4096);
    buf_printf(&e,
               "type Mutation {\n"
               "  createThing: Thing\n"
               "  deleteThing(id: ID!): Thing\n"
               "  updateOrCreateThing(update: UpdateThing!): Thing\n"
               "  updateThing(id: ID!): Thing\n"
               "}\n\n"
               "interface Node {\n  id: ID!\n}\n\n"
               "type Query {\n"
               "  Thing(id: ID): Thing\n"
               "  _allThingsMeta%s: _QueryMeta!\n"
               "  allThings%s: [Thing!]!\n"
               "  node(id: ID!): Node\n"
               "}\n\n"
               "type Subscription {\n"
               "  Thing(filter: ThingSubscriptionFilter): ThingSubscriptionPayload\n"
               "}\n\n"
               "type Thing implements Node {\n  id: ID!\n}\n\n"
               "input ThingFilter {\n  AND: [ThingFilter!]\n  OR: [ThingFilter!]\n%s}\n\n"
               "enum ThingOrderBy {\n  id_ASC\n  id_DESC\n}\n\n"
               "type ThingPreviousValues {\n  id: ID!\n}\n\n"
               "input ThingSubscriptionFilter {\n"
               "  AND: [ThingSubscriptionFilter!]\n"
               "  OR: [ThingSubscriptionFilter!]\n"
               "  mutation_in: [_ModelMutationType!]\n"
               "  node: ThingSubscriptionFilterNode\n"
               "  updatedFields_contains: String\n"
               "  updatedFields_contains_every: [String!]\n"
               "  updatedFields_contains_some: [String!]\n"
               "}\n\n"
               "input ThingSubscriptionFilterNode {\n%s}\n\n"
               "type ThingSubscriptionPayload {\n"
               "  mutation: _ModelMutationType!\n"
               "  node: Thing\n"
               "  previousValues: ThingPreviousValues\n"
               "  updatedFields: [String!]\n"
               "}\n\n"
               "input UpdateThing {\n  id: ID!\n}\n\n%s",
               conn, conn, id_ops, id_ops, fixed_tail);
    CHECK_EQ_STR(sdl(s), e.data);
    /* No Create<M> and no DateTime/Json when nothing needs them. */
    CHECK(type(s, "CreateThing") == NULL);
    CHECK(type(s, "DateTime") == NULL);
    CHECK(type(s, "Json") == NULL);
    CHECK_EQ_INT(field(s->mutation, "createThing")->n_args, 0);
    CHECK_EQ_STR(arg_names(field(s->mutation, "updateOrCreateThing")), "update");
    schema_free(s);
    fx_free(dm);
}

TEST(no_models)
{
    Fx *fx = fx_new();
    DataModel *dm = fx_finish(fx);
    Schema *s = schema_build(dm);
    CHECK_EQ_STR(sdl(s), "interface Node {\n  id: ID!\n}\n\n"
                         "type Query {\n  node(id: ID!): Node\n}\n");
    CHECK(s->mutation == NULL);
    CHECK(s->subscription == NULL);
    CHECK(type(s, "_QueryMeta") == NULL);
    CHECK(type(s, "_ModelMutationType") == NULL);
    CHECK_EQ_INT(type(s, "Node")->n_possible_types, 0);
    schema_free(s);
    fx_free(dm);
}

TEST(single_field_self_relation_to_one)
{
    DataModel *dm = friend_model(false);
    Schema *s = schema_build(dm);
    const char *p = sdl_nl(s);
    CHECK_CONTAINS(p,
                   "\n  setFriends(friend1UserId: ID!, friend2UserId: ID!): SetFriendsPayload\n");
    CHECK_CONTAINS(
        p, "\n  unsetFriends(friend1UserId: ID!, friend2UserId: ID!): UnsetFriendsPayload\n");
    CHECK_CONTAINS(p, "\ntype SetFriendsPayload {\n  friend1User: User\n  friend2User: User\n}\n");
    CHECK_CONTAINS(p, "\ninput UserfriendUser {\n  name: String\n}\n");
    CHECK_CONTAINS(p, "\n  createUser(friend: UserfriendUser, friendId: ID, name: String): User\n");
    CHECK_CONTAINS(p, "\ninput CreateUser {\n  friend: UserfriendUser\n  friendId: ID\n"
                      "  name: String\n}\n");
    CHECK_CONTAINS(p, "\ntype User implements Node {\n  friend(filter: UserFilter): User\n"
                      "  id: ID!\n  name: String\n}\n");
    CHECK_CONTAINS(p, "\n  friend: UserFilter\n  id: ID\n");
    CHECK(strstr(p, "addToFriends") == NULL);

    /* Natural order: aName first in arguments, bName first in the payload. */
    const SField *set = field(s->mutation, "setFriends");
    CHECK_EQ_STR(arg_names(set), "friend1UserId friend2UserId");
    CHECK_EQ_INT(set->role, FROLE_MUT_SET);
    CHECK(set->relation == dm->relations[0]);
    CHECK_EQ_INT(arg(set, "friend1UserId")->role, IROLE_REL_B_ID);
    CHECK_EQ_INT(arg(set, "friend2UserId")->role, IROLE_REL_A_ID);
    const SType *payload = type(s, "SetFriendsPayload");
    CHECK_EQ_STR(field_names(payload), "friend2User friend1User");
    CHECK_EQ_INT(field(payload, "friend2User")->role, FROLE_PAYLOAD_NODE_A);
    CHECK_EQ_INT(field(payload, "friend1User")->role, FROLE_PAYLOAD_NODE_B);
    CHECK_EQ_INT(payload->role, TROLE_RELATION_PAYLOAD);
    CHECK(payload->relation == dm->relations[0]);

    /* Model named User: `user` query, createUser last among mutations. */
    CHECK_EQ_STR(field_names(s->query), "allUsers _allUsersMeta User user node");
    CHECK_EQ_INT(field(s->query, "user")->role, FROLE_QUERY_USER);
    CHECK_EQ_STR(field_names(s->mutation),
                 "updateUser updateOrCreateUser deleteUser setFriends unsetFriends createUser");
    CHECK_EQ_STR(arg_names(field(s->mutation, "createUser")), "name friendId friend");
    const SType *nested = type(s, "UserfriendUser");
    CHECK_EQ_INT(nested->role, TROLE_NESTED_CREATE);
    CHECK(nested->nested_field == dm->models[0]->fields[0]);
    CHECK(nested->model == dm->models[0]);
    schema_free(s);
    fx_free(dm);
}

TEST(single_field_self_relation_to_many)
{
    DataModel *dm = friend_model(true);
    Schema *s = schema_build(dm);
    const char *p = sdl_nl(s);
    CHECK_CONTAINS(p, "\n  addToFriends(friends1UserId: ID!, friends2UserId: ID!): "
                      "AddToFriendsPayload\n");
    CHECK_CONTAINS(p, "\n  removeFromFriends(friends1UserId: ID!, friends2UserId: ID!): "
                      "RemoveFromFriendsPayload\n");
    /* To-many arguments of the same relation stay in the nested type. */
    CHECK_CONTAINS(p, "\ninput UserfriendsUser {\n  friends: [UserfriendsUser!]\n"
                      "  friendsIds: [ID!]\n  name: String\n}\n");
    CHECK_CONTAINS(p, "\n  _friendsMeta(after: String, before: String, filter: UserFilter, "
                      "first: Int, last: Int, orderBy: UserOrderBy, skip: Int): _QueryMeta!\n");
    CHECK_CONTAINS(p, "\n  friends_every: UserFilter\n  friends_none: UserFilter\n"
                      "  friends_some: UserFilter\n");
    CHECK(strstr(p, "setFriends") == NULL);
    CHECK_EQ_STR(field_names(s->mutation), "updateUser updateOrCreateUser deleteUser "
                                           "addToFriends removeFromFriends createUser");
    CHECK_EQ_STR(field_names(type(s, "AddToFriendsPayload")), "friends2User friends1User");
    schema_free(s);
    fx_free(dm);
}

TEST(one_to_one_and_has_nested)
{
    DataModel *dm = one_to_one_model();
    Schema *s = schema_build(dm);
    const char *p = sdl_nl(s);
    /* AuthorProfile: A = Author (profile), B = Profile (author, required): no unset. */
    CHECK_CONTAINS(p, "\n  setAuthorProfile(authorAuthorId: ID!, profileProfileId: ID!): "
                      "SetAuthorProfilePayload\n");
    CHECK(strstr(p, "unsetAuthorProfile") == NULL);
    CHECK_CONTAINS(p, "\n  unsetAuthorCard(authorAuthorId: ID!, cardCardId: ID!): "
                      "UnsetAuthorCardPayload\n");
    CHECK_EQ_STR(arg_names(field(s->mutation, "setAuthorProfile")),
                 "profileProfileId authorAuthorId");
    /* Nested types omit the to-one argument of their own relation. */
    CHECK_CONTAINS(p, "\ninput AuthorprofileProfile {\n  bio: String\n}\n");
    /* Card has no writable field besides its author: no AuthorcardCard... */
    CHECK_CONTAINS(p, "\ninput ProfileauthorAuthor {\n  cardId: ID\n  name: String!\n}\n");
    CHECK(type(s, "AuthorcardCard") == NULL);
    CHECK_CONTAINS(p, "\n  createAuthor(cardId: ID, name: String!, profile: AuthorprofileProfile, "
                      "profileId: ID): Author\n");
    /* ...but Author has (name), so Card.author nests. */
    CHECK_CONTAINS(p, "\ninput CardauthorAuthor {\n  name: String!\n  profile: "
                      "AuthorprofileProfile\n  profileId: ID\n}\n");
    CHECK_CONTAINS(p, "\ninput CreateCard {\n  author: CardauthorAuthor\n  authorId: ID\n}\n");
    CHECK_CONTAINS(p, "\n  author(filter: AuthorFilter): Author!\n");
    CHECK(strstr(p, "input AuthorcardCard") == NULL);
    /* Relation arguments: to-one fields in field order, Id before the nested one. */
    CHECK_EQ_STR(arg_names(field(s->mutation, "createAuthor")), "name cardId profileId profile");
    CHECK_EQ_STR(arg_names(field(s->mutation, "updateProfile")), "bio id authorId author");
    const SField *ca = field(s->mutation, "createAuthor");
    CHECK_EQ_INT(arg(ca, "cardId")->role, IROLE_CONNECT_ONE);
    CHECK_EQ_INT(arg(ca, "profile")->role, IROLE_CREATE_ONE);
    CHECK_EQ_STR(arg(ca, "profile")->mfield->name, "profile");
    CHECK_EQ_INT(arg(ca, "name")->role, IROLE_SCALAR_VALUE);
    CHECK_EQ_STR(field_names(s->mutation),
                 "createAuthor createCard createProfile updateAuthor updateCard updateProfile "
                 "updateOrCreateAuthor updateOrCreateCard updateOrCreateProfile deleteAuthor "
                 "deleteCard deleteProfile setAuthorCard setAuthorProfile unsetAuthorCard");
    CHECK(field(s->query, "user") == NULL);
    schema_free(s);
    fx_free(dm);
}

TEST(enums_and_scalar_lists)
{
    DataModel *dm = paint_model();
    Schema *s = schema_build(dm);
    const char *p = sdl_nl(s);
    CHECK_CONTAINS(p, "\nenum Color {\n  GREEN\n  RED\n}\n");
    CHECK_EQ_STR(value_names(type(s, "Color")), "RED GREEN"); /* declaration order */
    CHECK_EQ_INT(type(s, "Color")->role, TROLE_USER_ENUM);
    CHECK(type(s, "Unused") == NULL);
    CHECK(strstr(p, "Unused") == NULL);
    CHECK(type(s, "DateTime") == NULL);
    CHECK_CONTAINS(p, "\ntype Paint implements Node {\n  color: Color!\n  colors: [Color!]!\n"
                      "  counts: [Int!]!\n  id: ID!\n  shade: Color\n  tags: [String!]\n}\n");
    /* A list with a default is optional on create; lists keep their shape on update. */
    CHECK_CONTAINS(p, "\n  createPaint(color: Color!, colors: [Color!]!, counts: [Int!], "
                      "shade: Color, tags: [String!]): Paint\n");
    CHECK_CONTAINS(p, "\n  updatePaint(color: Color, colors: [Color!], counts: [Int!], id: ID!, "
                      "shade: Color, tags: [String!]): Paint\n");
    CHECK_CONTAINS(p, "\n  Paint(id: ID, shade: Color): Paint\n");
    /* Lists have no filter conditions and no orderBy values. */
    const SType *f = type(s, "PaintFilter");
    CHECK_EQ_STR(input_names(f->input_fields, f->n_input_fields),
                 "AND OR color color_not color_in color_not_in id id_not id_in id_not_in id_lt "
                 "id_lte id_gt id_gte id_contains id_not_contains id_starts_with "
                 "id_not_starts_with id_ends_with id_not_ends_with shade shade_not shade_in "
                 "shade_not_in");
    CHECK_EQ_STR(tref(input(f, "color_in")->type), "[Color!]");
    CHECK_EQ_STR(value_names(type(s, "PaintOrderBy")),
                 "color_ASC color_DESC id_ASC id_DESC shade_ASC shade_DESC");
    schema_free(s);
    fx_free(dm);
}

TEST(model_without_writable_fields)
{
    DataModel *dm = stamp_model();
    Schema *s = schema_build(dm);
    const char *p = sdl_nl(s);
    CHECK_CONTAINS(p, "\n  createStamp: Stamp\n");
    CHECK_CONTAINS(p, "\n  updateOrCreateStamp(update: UpdateStamp!): Stamp\n");
    CHECK_CONTAINS(p, "\n  updateStamp(id: ID!): Stamp\n");
    CHECK_CONTAINS(p, "\nscalar DateTime\n\ntype Mutation {\n");
    CHECK_CONTAINS(p, "\ntype StampPreviousValues {\n  createdAt: DateTime!\n  id: ID!\n"
                      "  updatedAt: DateTime!\n}\n");
    CHECK(type(s, "CreateStamp") == NULL);
    CHECK(strstr(p, "input CreateStamp") == NULL); /* updateOrCreateStamp contains the name */
    CHECK_EQ_INT(type(s, "DateTime")->role, TROLE_DATETIME);
    schema_free(s);
    fx_free(dm);
}

TEST(blog_natural_order)
{
    DataModel *dm = blog_model();
    Schema *s = schema_build(dm);
    CHECK_EQ_STR(field_names(s->query),
                 "allComments allPosts allTags allUsers _allCommentsMeta _allPostsMeta "
                 "_allTagsMeta _allUsersMeta Comment Post Tag User user node");
    CHECK_EQ_STR(field_names(s->mutation),
                 "createComment createPost createTag updateComment updatePost updateTag "
                 "updateUser updateOrCreateComment updateOrCreatePost updateOrCreateTag "
                 "updateOrCreateUser deleteComment deletePost deleteTag deleteUser "
                 "setPinnedPost unsetPinnedPost addToCommentAuthor addToPostAuthor "
                 "addToPostComments addToPostTags addToUserFollows removeFromCommentAuthor "
                 "removeFromPostTags removeFromUserFollows createUser");
    CHECK_EQ_STR(field_names(s->subscription), "Comment Post Tag User");
    CHECK_EQ_STR(arg_names(field(s->mutation, "createUser")),
                 "email name role settings pinnedPostId pinnedPost commentsIds comments "
                 "followersIds followers followingIds following postsIds posts");
    CHECK_EQ_STR(arg_names(field(s->mutation, "updateUser")),
                 "email id name role settings pinnedPostId pinnedPost commentsIds comments "
                 "followersIds followers followingIds following postsIds posts");
    CHECK_EQ_STR(arg_names(field(s->mutation, "updateOrCreateUser")), "update create");
    CHECK_EQ_STR(arg_names(field(s->mutation, "addToPostAuthor")), "postsPostId authorUserId");
    CHECK_EQ_STR(arg_names(field(s->query, "allPosts")),
                 "filter orderBy skip after before first last");
    CHECK_EQ_STR(arg_names(field(s->query, "User")), "email id");
    CHECK_EQ_STR(field_names(type(s, "User")),
                 "comments createdAt email followers following id name pinnedPost posts role "
                 "settings updatedAt _commentsMeta _followersMeta _followingMeta _postsMeta");
    CHECK_EQ_STR(field_names(type(s, "UserSubscriptionPayload")),
                 "mutation node updatedFields previousValues");
    const SType *sf = type(s, "UserSubscriptionFilter");
    CHECK_EQ_STR(input_names(sf->input_fields, sf->n_input_fields),
                 "AND OR mutation_in updatedFields_contains updatedFields_contains_every "
                 "updatedFields_contains_some node");
    CHECK_EQ_STR(value_names(type(s, "Role")), "ADMIN AUTHOR READER");
    CHECK_EQ_STR(value_names(type(s, "PostStatus")), "DRAFT PUBLISHED ARCHIVED");
    CHECK_EQ_STR(value_names(type(s, "_ModelMutationType")), "CREATED UPDATED DELETED");
    CHECK_EQ_STR(value_names(type(s, "TagOrderBy")), "id_ASC id_DESC name_ASC name_DESC");
    /* Filter: AND, OR, scalar conditions by field, then relation conditions. */
    const SType *pf = type(s, "PostFilter");
    CHECK_EQ_INT(pf->n_input_fields, 112);
    CHECK_EQ_STR(pf->input_fields[0].name, "AND");
    CHECK_EQ_STR(pf->input_fields[2].name, "body");
    CHECK_EQ_STR(pf->input_fields[16].name, "createdAt");
    CHECK_EQ_STR(pf->input_fields[38].name, "published");
    CHECK_EQ_STR(pf->input_fields[39].name, "published_not");
    CHECK_EQ_STR(pf->input_fields[40].name, "publishedAt");
    CHECK_EQ_STR(input_names(pf->input_fields + 104, 8),
                 "author comments_every comments_some comments_none pinnedBy tags_every "
                 "tags_some tags_none");
    CHECK_EQ_INT(type(s, "PostSubscriptionFilterNode")->n_input_fields, 110);
    /* Nested types shared by both fields of a two-field self-relation. */
    const SField *cu = field(s->mutation, "createUser");
    CHECK_EQ_STR(tref(arg(cu, "followers")->type), "[UserfollowingUser!]");
    CHECK_EQ_STR(tref(arg(cu, "following")->type), "[UserfollowingUser!]");
    CHECK_EQ_STR(type(s, "UserfollowingUser")->nested_field->name, "following");
    schema_free(s);
    fx_free(dm);
}

TEST(blog_roles)
{
    DataModel *dm = blog_model();
    Schema *s = schema_build(dm);
    const Model *post = dm->models[1]; /* Comment Post Tag User */
    CHECK_EQ_STR(post->name, "Post");
    const SType *pf = type(s, "PostFilter");
    CHECK_EQ_INT(pf->role, TROLE_FILTER);
    CHECK(pf->model == post);
    CHECK(s->filter_types[post->index] == pf);
    CHECK(s->model_types[post->index] == type(s, "Post"));
    const SInputValue *v = input(pf, "title_not_in");
    CHECK_EQ_INT(v->role, IROLE_FILTER_SCALAR);
    CHECK_EQ_INT(v->op, FOP_NOT_IN);
    CHECK_EQ_STR(v->mfield->name, "title");
    CHECK_EQ_STR(tref(v->type), "[String!]");
    CHECK_EQ_INT(input(pf, "viewCount_gte")->op, FOP_GTE);
    CHECK_EQ_INT(input(pf, "id_not_ends_with")->op, FOP_NOT_ENDS_WITH);
    CHECK_EQ_INT(input(pf, "published")->op, FOP_EQ);
    CHECK_EQ_INT(input(pf, "AND")->role, IROLE_FILTER_AND);
    CHECK_EQ_INT(input(pf, "author")->role, IROLE_FILTER_TO_ONE);
    CHECK_EQ_INT(input(pf, "comments_some")->role, IROLE_FILTER_SOME);
    CHECK_EQ_INT(input(pf, "tags_none")->role, IROLE_FILTER_NONE);
    CHECK_EQ_STR(input(pf, "tags_every")->mfield->name, "tags");
    const SEnumValue *ev = stype_find_value(type(s, "PostOrderBy"), "viewCount_DESC", 14);
    CHECK(ev && ev->desc && !strcmp(ev->mfield->name, "viewCount"));
    ev = stype_find_value(type(s, "PostOrderBy"), "metadata_ASC", 12);
    CHECK(ev && !ev->desc && ev->mfield->scalar == SCALAR_JSON);
    /* Query fields. */
    const SField *all = field(s->query, "allPosts");
    CHECK_EQ_INT(all->role, FROLE_QUERY_ALL);
    CHECK(all->model == post);
    CHECK_EQ_INT(arg(all, "orderBy")->role, IROLE_ORDER_BY);
    CHECK_EQ_INT(arg(all, "last")->role, IROLE_LAST);
    CHECK_EQ_INT(field(s->query, "_allPostsMeta")->role, FROLE_QUERY_META);
    CHECK_EQ_INT(field(s->query, "Post")->role, FROLE_QUERY_ONE);
    CHECK_EQ_INT(arg(field(s->query, "Post"), "slug")->role, IROLE_UNIQUE);
    CHECK_EQ_INT(field(s->query, "node")->role, FROLE_QUERY_NODE);
    CHECK_EQ_INT(arg(field(s->query, "node"), "id")->role, IROLE_NODE_ID);
    /* Object fields. */
    const SType *pt = type(s, "Post");
    CHECK_EQ_INT(pt->role, TROLE_MODEL);
    CHECK_EQ_INT(field(pt, "title")->role, FROLE_SCALAR);
    CHECK_EQ_INT(field(pt, "author")->role, FROLE_RELATION);
    CHECK(field(pt, "author")->relation == field(pt, "author")->mfield->relation);
    CHECK_EQ_INT(field(pt, "_tagsMeta")->role, FROLE_RELATION_META);
    CHECK_EQ_STR(field(pt, "_tagsMeta")->mfield->name, "tags");
    CHECK_EQ_INT(field(type(s, "_QueryMeta"), "count")->role, FROLE_META_COUNT);
    /* Mutations. */
    const SField *cp = field(s->mutation, "createPost");
    CHECK_EQ_INT(cp->role, FROLE_MUT_CREATE);
    CHECK_EQ_INT(arg(cp, "tagsIds")->role, IROLE_CONNECT_MANY);
    CHECK_EQ_INT(arg(cp, "tags")->role, IROLE_CREATE_MANY);
    CHECK_EQ_INT(arg(cp, "authorId")->role, IROLE_CONNECT_ONE);
    CHECK_EQ_INT(arg(field(s->mutation, "updatePost"), "id")->role, IROLE_ID);
    const SField *up = field(s->mutation, "updateOrCreatePost");
    CHECK_EQ_INT(up->role, FROLE_MUT_UPSERT);
    CHECK_EQ_INT(arg(up, "update")->role, IROLE_UPSERT_UPDATE);
    CHECK_EQ_INT(arg(up, "create")->role, IROLE_UPSERT_CREATE);
    CHECK_EQ_INT(field(s->mutation, "deletePost")->role, FROLE_MUT_DELETE);
    CHECK_EQ_INT(field(s->mutation, "unsetPinnedPost")->role, FROLE_MUT_UNSET);
    CHECK_EQ_INT(field(s->mutation, "addToPostTags")->role, FROLE_MUT_ADD);
    CHECK_EQ_INT(field(s->mutation, "removeFromPostTags")->role, FROLE_MUT_REMOVE);
    const SField *add = field(s->mutation, "addToPostAuthor");
    CHECK_EQ_STR(add->relation->name, "PostAuthor");
    CHECK_EQ_INT(arg(add, "postsPostId")->role, IROLE_REL_B_ID);
    CHECK_EQ_INT(arg(add, "authorUserId")->role, IROLE_REL_A_ID);
    const SType *pay = type(s, "AddToPostAuthorPayload");
    CHECK_EQ_INT(field(pay, "authorUser")->role, FROLE_PAYLOAD_NODE_A);
    CHECK_EQ_STR(tref(field(pay, "authorUser")->type), "User");
    CHECK_EQ_INT(field(pay, "postsPost")->role, FROLE_PAYLOAD_NODE_B);
    /* Subscriptions. */
    const SField *sub = field(s->subscription, "Post");
    CHECK_EQ_INT(sub->role, FROLE_SUBSCRIBE);
    CHECK_EQ_INT(arg(sub, "filter")->role, IROLE_FILTER);
    const SType *sp = type(s, "PostSubscriptionPayload");
    CHECK_EQ_INT(sp->role, TROLE_SUB_PAYLOAD);
    CHECK_EQ_INT(field(sp, "previousValues")->role, FROLE_SUB_PREVIOUS);
    CHECK_EQ_INT(field(sp, "updatedFields")->role, FROLE_SUB_UPDATED_FIELDS);
    const SType *psf = type(s, "PostSubscriptionFilter");
    CHECK_EQ_INT(input(psf, "mutation_in")->role, IROLE_SUB_MUTATION_IN);
    CHECK_EQ_INT(input(psf, "updatedFields_contains_every")->role, IROLE_SUB_UPDATED_EVERY);
    CHECK_EQ_INT(input(psf, "node")->role, IROLE_SUB_NODE);
    /* Other type roles. */
    CHECK_EQ_INT(type(s, "CreatePost")->role, TROLE_CREATE_INPUT);
    CHECK_EQ_INT(type(s, "UpdatePost")->role, TROLE_UPDATE_INPUT);
    CHECK_EQ_INT(type(s, "PostPreviousValues")->role, TROLE_PREVIOUS_VALUES);
    CHECK_EQ_INT(type(s, "PostOrderBy")->role, TROLE_ORDER_BY);
    CHECK_EQ_INT(type(s, "Json")->role, TROLE_JSON);
    CHECK_EQ_INT(type(s, "Node")->role, TROLE_NODE);
    CHECK_EQ_INT(type(s, "Node")->n_possible_types, 4);
    CHECK_EQ_INT(s->query->role, TROLE_ROOT_QUERY);
    const SType *nested = type(s, "PostauthorUser");
    CHECK_EQ_INT(nested->role, TROLE_NESTED_CREATE);
    CHECK_EQ_STR(nested->model->name, "User");
    CHECK_EQ_STR(nested->nested_field->name, "author");
    schema_free(s);
    fx_free(dm);
}

TEST(interned_names_and_sorted_types)
{
    DataModel *dm = blog_model();
    Schema *s = schema_build(dm);
    /* The same name from different places is one pointer. */
    CHECK(field(type(s, "Post"), "title")->name == input(type(s, "PostFilter"), "title")->name);
    CHECK(field(type(s, "Post"), "id")->name == field(type(s, "Node"), "id")->name);
    CHECK(field(s->query, "Post")->name == type(s, "Post")->name);
    CHECK(field(type(s, "Post"), "author")->name != dm->models[1]->fields[0]->name);
    /* types: sorted by name, built-in scalars and introspection types included. */
    for (uint32_t i = 1; i < s->n_types; i++)
        CHECK(strcmp(s->types[i - 1]->name, s->types[i]->name) < 0);
    const char *must[] = {
        "ID",           "String",      "Int",         "Float",      "Boolean",
        "DateTime",     "Json",        "__Schema",    "__Type",     "__Field",
        "__InputValue", "__EnumValue", "__Directive", "__TypeKind", "__DirectiveLocation"};
    for (size_t i = 0; i < sizeof must / sizeof *must; i++) {
        const SType *t = type(s, must[i]);
        CHECK(t != NULL);
        bool listed = false;
        for (uint32_t k = 0; k < s->n_types; k++)
            listed |= s->types[k] == t;
        CHECK(listed);
    }
    CHECK(s->t_boolean == type(s, "Boolean"));
    CHECK_EQ_INT(s->t_id->role, TROLE_BUILTIN_SCALAR);
    schema_free(s);
    fx_free(dm);
}

TEST(introspection_types)
{
    DataModel *dm = only_id_model();
    Schema *s = schema_build(dm);
    CHECK_EQ_STR(field_names(type(s, "__Schema")),
                 "description types queryType mutationType subscriptionType directives");
    CHECK_EQ_STR(field_names(type(s, "__Type")),
                 "kind name description specifiedByURL fields interfaces possibleTypes "
                 "enumValues inputFields ofType");
    CHECK_EQ_STR(field_names(type(s, "__Field")),
                 "name description args type isDeprecated deprecationReason");
    CHECK_EQ_STR(field_names(type(s, "__InputValue")),
                 "name description type defaultValue isDeprecated deprecationReason");
    CHECK_EQ_STR(field_names(type(s, "__EnumValue")),
                 "name description isDeprecated deprecationReason");
    CHECK_EQ_STR(field_names(type(s, "__Directive")),
                 "name description isRepeatable locations args");
    CHECK_EQ_STR(value_names(type(s, "__TypeKind")),
                 "SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL");
    CHECK_EQ_INT(type(s, "__DirectiveLocation")->n_values, 19);
    const SField *fields = field(type(s, "__Type"), "fields");
    CHECK_EQ_INT(fields->role, FROLE_INTROSPECTION);
    CHECK_EQ_STR(tref(fields->type), "[__Field!]");
    const SInputValue *inc = arg(fields, "includeDeprecated");
    CHECK(inc && inc->default_value && inc->default_value->kind == GQL_VAL_BOOLEAN &&
          !inc->default_value->boolean);
    CHECK(arg(field(type(s, "__Type"), "inputFields"), "includeDeprecated") != NULL);
    CHECK(arg(field(type(s, "__Field"), "args"), "includeDeprecated") != NULL);
    CHECK(arg(field(type(s, "__Directive"), "args"), "includeDeprecated") != NULL);
    CHECK_EQ_STR(tref(field(type(s, "__Schema"), "types")->type), "[__Type!]!");
    CHECK_EQ_INT(type(s, "__Type")->role, TROLE_INTROSPECTION);
    /* Meta fields: findable on Query, not listed. */
    const SField *ms = field(s->query, "__schema");
    CHECK(ms && ms == s->meta_schema);
    CHECK_EQ_INT(ms->role, FROLE_SCHEMA);
    CHECK_EQ_STR(tref(ms->type), "__Schema!");
    const SField *mt = field(s->query, "__type");
    CHECK(mt && mt == s->meta_type);
    CHECK_EQ_INT(mt->role, FROLE_TYPE);
    CHECK_EQ_STR(tref(arg(mt, "name")->type), "String!");
    CHECK_EQ_STR(tref(mt->type), "__Type");
    CHECK_EQ_STR(field_names(s->query), "allThings _allThingsMeta Thing node");
    CHECK(field(s->mutation, "__schema") == NULL);
    CHECK(strstr(sdl(s), "__") == NULL);
    /* Directives. */
    CHECK_EQ_INT(s->n_directives, 4);
    const SDirective *dep = schema_find_directive(s, "deprecated", 10);
    CHECK(dep != NULL);
    const SInputValue *reason = sfield_find_arg(&(SField){.arg_map = dep->arg_map}, "reason", 6);
    CHECK(reason && reason->default_value);
    CHECK(str_eqz(reason->default_value->str, "No longer supported"));
    CHECK_EQ_STR(tref(reason->type), "String");
    CHECK_EQ_INT(dep->n_locations, 4);
    const SDirective *skip = schema_find_directive(s, "skip", 4);
    CHECK(skip && skip->n_args == 1 && !strcmp(tref(skip->args[0].type), "Boolean!"));
    CHECK_EQ_STR(skip->locations[0], "FIELD");
    CHECK(schema_find_directive(s, "include", 7) != NULL);
    const SDirective *sb = schema_find_directive(s, "specifiedBy", 11);
    CHECK(sb && sb->n_locations == 1 && !strcmp(sb->locations[0], "SCALAR"));
    CHECK(!sb->repeatable);
    CHECK(schema_find_directive(s, "model", 5) == NULL);
    schema_free(s);
    fx_free(dm);
}

int main(void)
{
    arena_init(&test_arena, 65536);
    RUN(only_id_full_print);
    RUN(no_models);
    RUN(single_field_self_relation_to_one);
    RUN(single_field_self_relation_to_many);
    RUN(one_to_one_and_has_nested);
    RUN(enums_and_scalar_lists);
    RUN(model_without_writable_fields);
    RUN(blog_natural_order);
    RUN(blog_roles);
    RUN(interned_names_and_sorted_types);
    RUN(introspection_types);
    arena_fini(&test_arena);
    return test_summary();
}
