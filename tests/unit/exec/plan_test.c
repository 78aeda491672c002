/* plan_test.c - argument coercion (src/exec/coerce.c) and field collection
 * (src/exec/collect.c): the plan built for blog-schema queries. */
#include "test.h"

#include "fixture.h"

static Arena A;

static PlanSel *plan(const char *q, const char *vars, ExecCtx **xp)
{
    arena_reset(&A);
    PtrVec errs = {0};
    ExecCtx *x = fx_prepare(&A, blog_schema(), q, vars, &errs);
    if (!x) return NULL;
    if (xp) *xp = x;
    const SType *root = x->op->op == GQL_OP_MUTATION ? x->schema->mutation : x->schema->query;
    return exec_collect_root(x, root, x->op->selection_set);
}

static bool key_is(const PlanField *f, const char *k)
{
    return str_eqz(f->key, k);
}

TEST(arguments_in_definition_order)
{
    PlanSel *s = plan("{ allPosts(first: 2, filter: {title_in: \"a\", AND: [{slug: \"x\"}]}, "
                      "orderBy: title_DESC) { id } }",
                      NULL, NULL);
    CHECK(s);
    CHECK_EQ_INT(s->n, 1);
    const PlanField *f = &s->fields[0];
    CHECK_EQ_INT(f->field->role, FROLE_QUERY_ALL);
    CHECK_EQ_INT(f->n_args, 3);
    CHECK_EQ_STR(f->args[0].def->name, "filter");
    CHECK_EQ_STR(f->args[1].def->name, "orderBy");
    CHECK_EQ_STR(f->args[2].def->name, "first");
    CHECK_EQ_INT(plan_arg(f, "first")->i, 2);
    const Value *ob = plan_arg(f, "orderBy");
    CHECK_EQ_INT(ob->kind, VAL_ENUM);
    CHECK(ob->ev->desc);
    CHECK_EQ_STR(ob->ev->mfield->name, "title");
    const Value *filter = plan_arg(f, "filter");
    CHECK_EQ_INT(filter->kind, VAL_OBJECT);
    const Value *in = value_field(filter, "title_in");
    CHECK_EQ_INT(in->kind, VAL_LIST); /* single value wrapped into a list */
    CHECK_EQ_INT(in->n_items, 1);
    const Value *and = value_field(filter, "AND");
    CHECK_EQ_INT(and->n_items, 1);
    CHECK(str_eqz(value_field(and->items[0], "slug")->s, "x"));
    CHECK_EQ_INT(filter->fields[0].def->role, IROLE_FILTER_SCALAR);
    CHECK_EQ_INT(filter->fields[0].def->op, FOP_IN);
}

TEST(fragments_merge_in_order)
{
    PlanSel *s = plan("{ allPosts { id t: title ...F ... on Post { body id } author { name } "
                      "author { email } } } fragment F on Post { id slug }",
                      NULL, NULL);
    CHECK(s);
    const PlanSel *p = s->fields[0].sel;
    CHECK(p);
    CHECK_EQ_STR(p->type->name, "Post");
    CHECK_EQ_INT(p->n, 5);
    CHECK(key_is(&p->fields[0], "id"));
    CHECK(key_is(&p->fields[1], "t"));
    CHECK_EQ_STR(p->fields[1].field->name, "title");
    CHECK(key_is(&p->fields[2], "slug"));
    CHECK(key_is(&p->fields[3], "body"));
    CHECK(key_is(&p->fields[4], "author"));
    const PlanSel *a = p->fields[4].sel;
    CHECK_EQ_INT(a->n, 2); /* both sub-selections merged */
    CHECK(key_is(&a->fields[0], "name"));
    CHECK(key_is(&a->fields[1], "email"));
    CHECK_EQ_INT(p->fields[1].loc.line, 1);
    CHECK_EQ_INT(p->fields[1].loc.col, 17);
}

TEST(skip_include)
{
    PlanSel *s = plan("query ($no: Boolean!, $yes: Boolean!) { allPosts { id @skip(if: $yes) "
                      "title @include(if: $no) slug @include(if: $yes) body @skip(if: false) "
                      "...F @skip(if: true) } } fragment F on Post { rating }",
                      "{\"no\": false, \"yes\": true}", NULL);
    CHECK(s);
    const PlanSel *p = s->fields[0].sel;
    CHECK_EQ_INT(p->n, 2);
    CHECK(key_is(&p->fields[0], "slug"));
    CHECK(key_is(&p->fields[1], "body"));
}

TEST(absent_versus_null)
{
    ExecCtx *x;
    PlanSel *s = plan("query ($a: Int, $b: Int) { allPosts(first: $a, skip: $b) { id } }",
                      "{\"b\": null}", &x);
    CHECK(s);
    const PlanField *f = &s->fields[0];
    CHECK(plan_arg(f, "first") == NULL);
    CHECK(plan_arg(f, "skip") != NULL);
    CHECK_EQ_INT(plan_arg(f, "skip")->kind, VAL_NULL);
    /* inside an input object too */
    s = plan("query ($t: String) { allPosts(filter: {title: $t, body: null}) { id } }", "{}", &x);
    CHECK(s);
    const Value *filter = plan_arg(&s->fields[0], "filter");
    CHECK_EQ_INT(filter->n_fields, 1);
    CHECK_EQ_STR(filter->fields[0].def->name, "body");
    CHECK_EQ_INT(filter->fields[0].value->kind, VAL_NULL);
}

TEST(node_by_type)
{
    PlanSel *s = plan("{ node(id: 42) { id __typename ... on Post { title } ... on User { name } "
                      "...C } } fragment C on Comment { text }",
                      NULL, NULL);
    CHECK(s);
    const PlanField *f = &s->fields[0];
    CHECK_EQ_INT(f->field->role, FROLE_QUERY_NODE);
    CHECK(str_eqz(plan_arg(f, "id")->s, "42")); /* ID from an integer literal */
    CHECK_EQ_INT(plan_arg(f, "id")->kind, VAL_STRING);
    CHECK(f->sel->by_type);
    const DataModel *dm = blog_schema()->dm;
    const Model *post = model_find(dm, "Post", 4), *user = model_find(dm, "User", 4);
    const Model *comment = model_find(dm, "Comment", 7), *tag = model_find(dm, "Tag", 3);
    const PlanSel *ps = f->sel->by_type[post->index];
    CHECK_EQ_STR(ps->type->name, "Post");
    CHECK_EQ_INT(ps->n, 3);
    CHECK(ps->fields[1].is_typename);
    CHECK(key_is(&ps->fields[2], "title"));
    CHECK_EQ_INT(f->sel->by_type[user->index]->n, 3);
    CHECK(key_is(&f->sel->by_type[user->index]->fields[2], "name"));
    CHECK(key_is(&f->sel->by_type[comment->index]->fields[2], "text"));
    CHECK_EQ_INT(f->sel->by_type[tag->index]->n, 2);
    CHECK_EQ_INT(f->sel->n, 2); /* on Node itself: id, __typename */
}

TEST(schema_defaults_applied)
{
    PlanSel *s = plan("{ __type(name: \"Post\") { fields { name } } }", NULL, NULL);
    CHECK(s);
    CHECK_EQ_INT(s->fields[0].field->role, FROLE_TYPE);
    const PlanField *fields = &s->fields[0].sel->fields[0];
    const Value *inc = plan_arg(fields, "includeDeprecated");
    CHECK(inc);
    CHECK_EQ_INT(inc->kind, VAL_BOOLEAN);
    CHECK(!inc->b);
}

TEST(mutation_arguments)
{
    PlanSel *s =
        plan("mutation ($m: Json) { a: createPost(title: \"t\", slug: \"s\", metadata: $m, "
             "status: PUBLISHED, keywords: [\"x\", \"y\"], publishedAt: \"2017\", rating: 2, "
             "author: {email: \"e\", name: \"n\"}) { id } b: deletePost(id: \"c1\") { id } }",
             "{\"m\": [1]}", NULL);
    CHECK(s);
    CHECK_EQ_INT(s->n, 2);
    const PlanField *c = &s->fields[0];
    CHECK_EQ_INT(c->field->role, FROLE_MUT_CREATE);
    CHECK_EQ_INT(plan_arg(c, "metadata")->kind, VAL_JSON);
    CHECK_EQ_INT(plan_arg(c, "rating")->kind, VAL_FLOAT);
    CHECK_EQ_INT(plan_arg(c, "keywords")->n_items, 2);
    CHECK(str_eqz(plan_arg(c, "publishedAt")->s, "2017"));
    const Value *author = plan_arg(c, "author");
    CHECK_EQ_INT(author->kind, VAL_OBJECT);
    CHECK_EQ_INT(author->n_fields, 2);
    CHECK_EQ_INT(s->fields[1].field->role, FROLE_MUT_DELETE);
}

TEST(bad_literal_is_a_root_field_error)
{
    ExecCtx *x;
    PlanSel *s = plan("{ a: allPosts(filter: {publishedAt: \"nope\"}) { id } b: allPosts { id } }",
                      NULL, &x);
    CHECK(s);
    CHECK_EQ_INT(s->n, 2);
    CHECK(x->root_errors);
    CHECK_CONTAINS(x->root_errors[0], "Date value expected");
    CHECK(x->root_errors[1] == NULL);
    s = plan("mutation { createPost(title: \"t\", slug: \"s\", metadata: 3) { id } }", NULL, &x);
    CHECK(s);
    CHECK(x->root_errors);
    CHECK_CONTAINS(x->root_errors[0], "Expected value of type \"Json\", found 3; Not valid JSON");
}

TEST(null_variable_for_non_null_argument)
{
    ExecCtx *x;
    PlanSel *s = plan("query ($id: ID = \"c1\") { node(id: $id) { id } }", "{\"id\": null}", &x);
    CHECK(s);
    CHECK(x->root_errors);
    CHECK_EQ_STR(x->root_errors[0], "Argument \"id\" of non-null type \"ID!\" must not be null.");
    s = plan("query ($id: ID = \"c1\") { node(id: $id) { id } }", "{}", &x);
    CHECK(s);
    CHECK(!x->root_errors);
    CHECK(str_eqz(plan_arg(&s->fields[0], "id")->s, "c1"));
}

int main(void)
{
    arena_init(&A, 8192);
    if (!blog_schema()) return 1;
    RUN(arguments_in_definition_order);
    RUN(fragments_merge_in_order);
    RUN(skip_include);
    RUN(absent_versus_null);
    RUN(node_by_type);
    RUN(schema_defaults_applied);
    RUN(mutation_arguments);
    RUN(bad_literal_is_a_root_field_error);
    RUN(null_variable_for_non_null_argument);
    arena_fini(&A);
    return test_summary();
}
