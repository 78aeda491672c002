/* blog_fixture.h - the spec's example model (../shared/spec/examples/blog/types.graphql)
 * built by hand with fixture.h, so the schema can be checked without the loader. Sides
 * A/B follow document order: User comes first, so User's field is side A of PostAuthor,
 * PinnedPost and CommentAuthor; followers is field A of UserFollows. */
#ifndef RELATA_TESTS_SCHEMA_BLOG_FIXTURE_H
#define RELATA_TESTS_SCHEMA_BLOG_FIXTURE_H

#include "fixture.h"

static const char *blog_roles[] = {"ADMIN", "AUTHOR", "READER"};
static const char *blog_statuses[] = {"DRAFT", "PUBLISHED", "ARCHIVED"};

static DataModel *blog_model(void)
{
    Fx *fx = fx_new();
    ModelEnum *role = fx_enum(fx, "Role", blog_roles, 3);
    ModelEnum *status = fx_enum(fx, "PostStatus", blog_statuses, 3);

    Model *user = fx_model(fx, "User", "Users");
    fx_scalar(fx, user, "createdAt", SCALAR_DATETIME, FX_REQ);
    fx_scalar(fx, user, "updatedAt", SCALAR_DATETIME, FX_REQ);
    fx_scalar(fx, user, "email", SCALAR_STRING, FX_REQ | FX_UNIQUE);
    fx_scalar(fx, user, "name", SCALAR_STRING, FX_REQ);
    fx_enum_field(fx, user, "role", role, FX_REQ | FX_DEFAULT);
    fx_scalar(fx, user, "settings", SCALAR_JSON, FX_OPT);

    Model *post = fx_model(fx, "Post", "Posts");
    fx_scalar(fx, post, "createdAt", SCALAR_DATETIME, FX_REQ);
    fx_scalar(fx, post, "updatedAt", SCALAR_DATETIME, FX_REQ);
    fx_scalar(fx, post, "title", SCALAR_STRING, FX_REQ);
    fx_scalar(fx, post, "slug", SCALAR_STRING, FX_REQ | FX_UNIQUE);
    fx_scalar(fx, post, "body", SCALAR_STRING, FX_OPT);
    fx_enum_field(fx, post, "status", status, FX_REQ | FX_DEFAULT);
    fx_scalar(fx, post, "keywords", SCALAR_STRING, FX_LIST);
    fx_scalar(fx, post, "viewCount", SCALAR_INT, FX_REQ | FX_DEFAULT);
    fx_scalar(fx, post, "rating", SCALAR_FLOAT, FX_OPT);
    fx_scalar(fx, post, "published", SCALAR_BOOLEAN, FX_REQ | FX_DEFAULT);
    fx_scalar(fx, post, "publishedAt", SCALAR_DATETIME, FX_OPT);
    fx_scalar(fx, post, "metadata", SCALAR_JSON, FX_OPT);

    Model *comment = fx_model(fx, "Comment", "Comments");
    fx_scalar(fx, comment, "createdAt", SCALAR_DATETIME, FX_REQ);
    fx_scalar(fx, comment, "text", SCALAR_STRING, FX_REQ);

    Model *tag = fx_model(fx, "Tag", "Tags");
    fx_scalar(fx, tag, "name", SCALAR_STRING, FX_REQ | FX_UNIQUE);

    fx_relation(fx, "PostAuthor", user, "posts", FX_MANY, post, "author", FX_ONE_REQ);
    fx_relation(fx, "PinnedPost", user, "pinnedPost", FX_ONE, post, "pinnedBy", FX_ONE);
    fx_relation(fx, "CommentAuthor", user, "comments", FX_MANY, comment, "author", FX_ONE);
    fx_relation(fx, "UserFollows", user, "followers", FX_MANY, user, "following", FX_MANY);
    fx_relation(fx, "PostComments", post, "comments", FX_MANY, comment, "post", FX_ONE_REQ);
    fx_relation(fx, "PostTags", post, "tags", FX_MANY, tag, "posts", FX_MANY);
    return fx_finish(fx);
}

#endif
