/* introspect_test.c - Query.__schema / __type (src/exec/introspect.c) on the blog schema:
 * graphql-js's full introspection query (getIntrospectionQuery with every option on)
 * and targeted checks of kinds, ofType chains, arguments and default values.
 *
 * With an argument, writes the full introspection response to that file, so the e2e
 * suite (or a developer) can feed it to graphql-js buildClientSchema. */
#include "test.h"

#include "fixture.h"

static Arena A;

#include "intro_query.h"

/* Runs the meta fields of `q` the way execute.c does and returns {"data":{...}}. */
static const char *run(const char *q)
{
    arena_reset(&A);
    PtrVec errs = {0};
    ExecCtx *x = fx_prepare(&A, blog_schema(), q, NULL, &errs);
    if (!x) return NULL;
    PlanSel *s = exec_collect_root(x, x->schema->query, x->op->selection_set);
    Buf out;
    buf_init(&out, &A, 1 << 16);
    buf_puts(&out, "{\"data\":{");
    for (uint32_t i = 0; i < s->n; i++) {
        const PlanField *f = &s->fields[i];
        if (i) buf_putc(&out, ',');
        json_put_str(&out, f->key);
        buf_putc(&out, ':');
        if (f->is_typename)
            json_put_cstr(&out, "Query");
        else if (f->field->role == FROLE_SCHEMA)
            exec_intro_schema(x, f, &out);
        else if (f->field->role == FROLE_TYPE)
            exec_intro_type(x, f, &out);
        else
            return NULL;
    }
    buf_puts(&out, "}}");
    return out.data;
}

static json_t *run_json(const char *q)
{
    const char *r = run(q);
    if (!r) return NULL;
    json_error_t e;
    json_t *j = json_loads(r, 0, &e);
    if (!j) fprintf(stderr, "invalid JSON: %s at %d\n", e.text, e.position);
    return j;
}

static json_t *find_named(json_t *list, const char *name)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        if (strcmp(json_string_value(json_object_get(v, "name")), name) == 0) return v;
    }
    return NULL;
}

TEST(full_query_is_valid_json)
{
    json_t *j = run_json(full_query);
    CHECK(j);
    json_t *schema = json_object_get(json_object_get(j, "data"), "__schema");
    CHECK(json_is_null(json_object_get(schema, "description")));
    CHECK_EQ_STR(json_string_value(json_object_get(json_object_get(schema, "queryType"), "name")),
                 "Query");
    CHECK_EQ_STR(
        json_string_value(json_object_get(json_object_get(schema, "mutationType"), "name")),
        "Mutation");
    json_t *types = json_object_get(schema, "types");
    CHECK_EQ_INT(json_array_size(types), blog_schema()->n_types);
    /* Post implements Node; Node's possible types are the models */
    json_t *post = find_named(types, "Post");
    CHECK(post);
    CHECK_EQ_STR(json_string_value(json_object_get(post, "kind")), "OBJECT");
    CHECK_EQ_INT(json_array_size(json_object_get(post, "interfaces")), 1);
    CHECK(json_is_null(json_object_get(post, "inputFields")));
    json_t *node = find_named(types, "Node");
    CHECK_EQ_INT(json_array_size(json_object_get(node, "possibleTypes")), 4);
    /* directives */
    json_t *dirs = json_object_get(schema, "directives");
    json_t *dep = find_named(dirs, "deprecated");
    CHECK(dep);
    json_t *reason = json_array_get(json_object_get(dep, "args"), 0);
    CHECK_EQ_STR(json_string_value(json_object_get(reason, "defaultValue")),
                 "\"No longer supported\"");
    CHECK(json_is_false(json_object_get(dep, "isRepeatable")));
    json_decref(j);
}

TEST(type_ref_chains)
{
    json_t *j = run_json("{ __type(name: \"Query\") { name fields { name type { kind name ofType "
                         "{ kind name ofType { kind name ofType { kind name } } } } args { name "
                         "defaultValue type { name kind } } } } }");
    CHECK(j);
    json_t *t = json_object_get(json_object_get(j, "data"), "__type");
    json_t *all = find_named(json_object_get(t, "fields"), "allPosts");
    CHECK(all);
    json_t *ty = json_object_get(all, "type"); /* [Post!]! */
    CHECK_EQ_STR(json_string_value(json_object_get(ty, "kind")), "NON_NULL");
    CHECK(json_is_null(json_object_get(ty, "name")));
    ty = json_object_get(ty, "ofType");
    CHECK_EQ_STR(json_string_value(json_object_get(ty, "kind")), "LIST");
    ty = json_object_get(ty, "ofType");
    CHECK_EQ_STR(json_string_value(json_object_get(ty, "kind")), "NON_NULL");
    ty = json_object_get(ty, "ofType");
    CHECK_EQ_STR(json_string_value(json_object_get(ty, "kind")), "OBJECT");
    CHECK_EQ_STR(json_string_value(json_object_get(ty, "name")), "Post");
    json_t *args = json_object_get(all, "args");
    CHECK_EQ_STR(json_string_value(json_object_get(json_array_get(args, 0), "name")), "filter");
    CHECK(json_is_null(json_object_get(json_array_get(args, 0), "defaultValue")));
    /* the meta fields are not listed */
    CHECK(!find_named(json_object_get(t, "fields"), "__schema"));
    CHECK(!find_named(json_object_get(t, "fields"), "__type"));
    json_decref(j);
}

TEST(unknown_type_is_null_and_aliases)
{
    const char *r = run("{ a: __type(name: \"Nope\") { name } b: __type(name: \"PostStatus\") { "
                        "kind n: name enumValues { name isDeprecated } fields { name } "
                        "__typename } __typename }");
    CHECK(r);
    CHECK_EQ_STR(r, "{\"data\":{\"a\":null,\"b\":{\"kind\":\"ENUM\",\"n\":\"PostStatus\","
                    "\"enumValues\":[{\"name\":\"DRAFT\",\"isDeprecated\":false},{\"name\":"
                    "\"PUBLISHED\",\"isDeprecated\":false},{\"name\":\"ARCHIVED\","
                    "\"isDeprecated\":false}],\"fields\":null,\"__typename\":\"__Type\"},"
                    "\"__typename\":\"Query\"}}");
}

TEST(input_fields)
{
    json_t *j = run_json("{ __type(name: \"CreatePost\") { kind inputFields { name type { kind "
                         "ofType { name } } } fields { name } interfaces { name } } }");
    CHECK(j);
    json_t *t = json_object_get(json_object_get(j, "data"), "__type");
    CHECK_EQ_STR(json_string_value(json_object_get(t, "kind")), "INPUT_OBJECT");
    json_t *title = find_named(json_object_get(t, "inputFields"), "title");
    CHECK(title);
    CHECK_EQ_STR(json_string_value(json_object_get(json_object_get(title, "type"), "kind")),
                 "NON_NULL");
    CHECK(json_is_null(json_object_get(t, "fields")));
    CHECK(json_is_null(json_object_get(t, "interfaces")));
    json_decref(j);
}

int main(int argc, char **argv)
{
    arena_init(&A, 1 << 16);
    if (!blog_schema()) return 1;
    if (argc > 1) {
        FILE *f = fopen(argv[1], "w");
        if (!f) return 1;
        fputs(run(full_query), f);
        fclose(f);
    }
    RUN(full_query_is_valid_json);
    RUN(type_ref_chains);
    RUN(unknown_type_is_null_and_aliases);
    RUN(input_fields);
    arena_fini(&A);
    return test_summary();
}
