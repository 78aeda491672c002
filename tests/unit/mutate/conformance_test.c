/* conformance_test.c - the public conformance cases about mutations, run in-process
 * through exec_request (no HTTP): each case gets a fresh SQLite file; steps substitute
 * captured values ({{name}} in queries, "$name" in variables and expectations), and the
 * answer is compared as the suite's README says (deep equality with numeric comparison,
 * $type/$any matchers, `unordered` lists, error matchers code/messageContains/path).
 *
 * Usage: conformance_test [CASES_DIR [FILTER]]; the default directory is
 * $RELATA_SHARED/conformance/cases or /work/shared/conformance/cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../test.h"
#include "exec/exec.h"

static const char *FILES[] = {"crud",
                              "one-to-one",
                              "one-to-many",
                              "many-to-many",
                              "self-relations",
                              "relation-mutations",
                              "nested-mutations",
                              "required-relations",
                              "delete-edges",
                              "unique",
                              "defaults"};

static const char *filter;

/* ---- substitution ---- */

static json_t *captures;

/* "$name" strings replaced by captured values (recursively, fresh copy). */
static json_t *subst(json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (s[0] == '$' && s[1] == '$') return json_string(s + 1);
        if (s[0] == '$' && json_object_get(captures, s + 1))
            return json_deep_copy(json_object_get(captures, s + 1));
        return json_incref(v);
    }
    if (json_is_array(v)) {
        json_t *r = json_array();
        for (size_t i = 0; i < json_array_size(v); i++)
            json_array_append_new(r, subst(json_array_get(v, i)));
        return r;
    }
    if (json_is_object(v)) {
        json_t *r = json_object();
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) json_object_set_new(r, k, subst(x));
        return r;
    }
    return json_incref(v);
}

/* {{name}} in the query text. */
static char *subst_query(const char *q)
{
    size_t cap = strlen(q) * 2 + 256, n = 0;
    char *out = malloc(cap);
    while (*q) {
        const char *end;
        if (q[0] == '{' && q[1] == '{' && (end = strstr(q, "}}"))) {
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(end - q - 2), q + 2);
            json_t *v = json_object_get(captures, name);
            char *text = v && json_is_string(v) ? strdup(json_string_value(v))
                                                : json_dumps(v, JSON_ENCODE_ANY);
            size_t tl = text ? strlen(text) : 0;
            if (n + tl + 1 >= cap) out = realloc(out, cap = (n + tl) * 2 + 64);
            if (text) memcpy(out + n, text, tl);
            n += tl;
            free(text);
            q = end + 2;
            continue;
        }
        if (n + 2 >= cap) out = realloc(out, cap *= 2);
        out[n++] = *q++;
    }
    out[n] = 0;
    return out;
}

static json_t *at_path(json_t *v, const char *path)
{
    char seg[128];
    while (v && *path) {
        size_t n = strcspn(path, ".");
        snprintf(seg, sizeof seg, "%.*s", (int)n, path);
        v = json_is_array(v) ? json_array_get(v, (size_t)atoi(seg)) : json_object_get(v, seg);
        path += n + (path[n] == '.');
    }
    return v;
}

/* ---- comparison ---- */

static char diff[512];

static bool matches(json_t *exp, json_t *got, const char *where, json_t *unordered,
                    const char *upath);

static bool type_matches(const char *t, json_t *got)
{
    if (!strcmp(t, "id") || !strcmp(t, "string"))
        return json_is_string(got) && (strcmp(t, "id") || json_string_length(got));
    if (!strcmp(t, "datetime")) return json_is_string(got) && json_string_length(got) >= 20;
    if (!strcmp(t, "number")) return json_is_number(got);
    if (!strcmp(t, "int")) return json_is_integer(got);
    if (!strcmp(t, "boolean")) return json_is_boolean(got);
    if (!strcmp(t, "object")) return json_is_object(got);
    if (!strcmp(t, "array")) return json_is_array(got);
    if (!strcmp(t, "nonNull")) return got && !json_is_null(got);
    return false;
}

/* Whether the list at unordered-path `upath` (data.x.*.y) is listed as unordered. */
static bool is_unordered(json_t *unordered, const char *upath)
{
    for (size_t i = 0; i < json_array_size(unordered); i++)
        if (!strcmp(json_string_value(json_array_get(unordered, i)), upath)) return true;
    return false;
}

static bool matches(json_t *exp, json_t *got, const char *where, json_t *unordered,
                    const char *upath)
{
    char w[512], u[512];
    if (json_is_object(exp) && json_object_get(exp, "$type"))
        if (type_matches(json_string_value(json_object_get(exp, "$type")), got)) return true;
    if (json_is_object(exp) && json_object_get(exp, "$any") && got) return true;
    if (json_is_number(exp) && json_is_number(got) &&
        json_number_value(exp) == json_number_value(got))
        return true;
    if (json_is_object(exp) && json_is_object(got) && !json_object_get(exp, "$type")) {
        if (json_object_size(exp) != json_object_size(got)) {
            snprintf(diff, sizeof diff, "%s: key count %zu != %zu", where, json_object_size(got),
                     json_object_size(exp));
            return false;
        }
        const char *k;
        json_t *x;
        json_object_foreach(exp, k, x)
        {
            snprintf(w, sizeof w, "%s.%s", where, k);
            snprintf(u, sizeof u, "%s.%s", upath, k);
            if (!matches(x, json_object_get(got, k), w, unordered, u)) return false;
        }
        return true;
    }
    if (json_is_array(exp) && json_is_array(got)) {
        size_t n = json_array_size(exp);
        if (n != json_array_size(got)) {
            snprintf(diff, sizeof diff, "%s: length %zu != %zu", where, json_array_size(got), n);
            return false;
        }
        snprintf(u, sizeof u, "%s.*", upath);
        if (is_unordered(unordered, upath)) {
            bool used[256] = {0};
            for (size_t i = 0; i < n && i < 256; i++) {
                bool found = false;
                for (size_t k = 0; k < n && !found; k++)
                    if (!used[k] && matches(json_array_get(exp, i), json_array_get(got, k), where,
                                            unordered, u))
                        used[k] = found = true;
                if (!found) {
                    snprintf(diff, sizeof diff, "%s: unordered element %zu not found", where, i);
                    return false;
                }
            }
            return true;
        }
        for (size_t i = 0; i < n; i++) {
            snprintf(w, sizeof w, "%s.%zu", where, i);
            if (!matches(json_array_get(exp, i), json_array_get(got, i), w, unordered, u))
                return false;
        }
        return true;
    }
    if (got && json_equal(exp, got)) return true;
    char *e = json_dumps(exp, JSON_ENCODE_ANY),
         *g = got ? json_dumps(got, JSON_ENCODE_ANY) : strdup("(absent)");
    snprintf(diff, sizeof diff, "%s: expected %s, got %s", where, e, g);
    free(e);
    free(g);
    return false;
}

static bool errors_match(json_t *exp, json_t *errs)
{
    if (json_is_true(exp)) {
        if (json_array_size(errs) == 0) {
            snprintf(diff, sizeof diff, "expected errors, got none");
            return false;
        }
        return true;
    }
    for (size_t i = 0; i < json_array_size(exp); i++) {
        json_t *m = json_array_get(exp, i);
        bool ok = false;
        for (size_t k = 0; k < json_array_size(errs) && !ok; k++) {
            json_t *e = json_array_get(errs, k);
            json_t *code = json_object_get(m, "code"), *mc = json_object_get(m, "messageContains"),
                   *path = json_object_get(m, "path");
            ok = (!code || json_equal(code, json_object_get(e, "code"))) &&
                 (!mc || strstr(json_string_value(json_object_get(e, "message")),
                                json_string_value(mc))) &&
                 (!path || json_equal(path, json_object_get(e, "path")));
        }
        if (!ok) {
            char *ms = json_dumps(m, 0);
            snprintf(diff, sizeof diff, "no error matches %s", ms);
            free(ms);
            return false;
        }
    }
    return true;
}

/* ---- one case ---- */

static bool run_case(json_t *c, const char *dir)
{
    const char *name = json_string_value(json_object_get(c, "name"));
    char schema_path[256], db_path[256];
    snprintf(schema_path, sizeof schema_path, "%s/schema.graphql", dir);
    snprintf(db_path, sizeof db_path, "%s/data.db", dir);
    unlink(db_path);
    FILE *f = fopen(schema_path, "w");
    fputs(json_string_value(json_object_get(c, "schema")), f);
    fclose(f);

    Arena a;
    arena_init(&a, 1 << 16);
    Diag d;
    diag_init(&d, &a);
    EngineOptions opts = {.db_url = db_path};
    Engine *e = engine_new(schema_path, &opts, &d);
    if (!e) {
        fprintf(stderr, "FAIL %s: engine: %s\n", name, d.count ? d.items[0].message : "?");
        arena_fini(&a);
        return false;
    }
    Worker *w = worker_new(e, &d);
    captures = json_object();
    bool ok = true;
    json_t *steps = json_object_get(c, "steps");
    for (size_t i = 0; ok && i < json_array_size(steps); i++) {
        json_t *s = json_array_get(steps, i);
        char *q = subst_query(json_string_value(json_object_get(s, "query")));
        json_t *vars =
            json_object_get(s, "variables") ? subst(json_object_get(s, "variables")) : NULL;
        Arena ra;
        arena_init(&ra, 1 << 16);
        json_t *opname = json_object_get(s, "operationName");
        ExecRequest req = {.query = str_from(q),
                           .variables = vars,
                           .request_id = "test",
                           .operation_name = str_from(opname ? json_string_value(opname) : "")};
        Buf out;
        buf_init(&out, &ra, 1024);
        ExecOutcome res = {0};
        exec_request(w, &ra, &req, &out, &res);
        json_t *resp = json_loads(out.data, 0, NULL);
        json_t *exp = json_object_get(s, "expect");
        json_t *errs = json_object_get(resp, "errors");
        diff[0] = 0;
        if (exp && json_object_get(exp, "errors")) {
            ok = errors_match(json_object_get(exp, "errors"), errs);
        } else if (json_array_size(errs) > 0) {
            snprintf(diff, sizeof diff, "unexpected errors");
            ok = false;
        }
        if (ok && exp && json_object_get(exp, "data")) {
            json_t *ed = subst(json_object_get(exp, "data"));
            ok = matches(ed, json_object_get(resp, "data"), "data", json_object_get(s, "unordered"),
                         "data");
            json_decref(ed);
        }
        json_t *cap = json_object_get(s, "capture");
        const char *k;
        json_t *p;
        json_object_foreach(cap, k, p)
        {
            json_t *v = at_path(resp, json_string_value(p));
            if (v)
                json_object_set(captures, k, v);
            else {
                ok = false;
                snprintf(diff, sizeof diff, "capture %s missing", k);
            }
        }
        if (!ok)
            fprintf(stderr, "FAIL %s step %zu: %s\n  query: %s\n  response: %s\n", name, i, diff, q,
                    out.data);
        json_decref(resp);
        json_decref(vars);
        free(q);
        arena_fini(&ra);
    }
    json_decref(captures);
    worker_free(w);
    engine_free(e);
    arena_fini(&a);
    return ok;
}

TEST(conformance_cases)
{
    const char *shared = getenv("RELATA_SHARED");
    char cases_dir[512];
    snprintf(cases_dir, sizeof cases_dir, "%s/conformance/cases", shared ? shared : "/work/shared");
    char dir[] = "/tmp/relata-conf-XXXXXX";
    CHECK(mkdtemp(dir));
    int passed = 0, failed = 0;
    /* RELATA_CONF_FILES="scalars errors" runs other case files (for a look beyond mutations) */
    const char *names[64];
    size_t n_names = 0;
    char *env = getenv("RELATA_CONF_FILES") ? strdup(getenv("RELATA_CONF_FILES")) : NULL;
    if (env) {
        for (char *t = strtok(env, " "); t && n_names < 64; t = strtok(NULL, " "))
            names[n_names++] = t;
    } else {
        for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++)
            names[n_names++] = FILES[i];
    }
    for (size_t i = 0; i < n_names; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s.json", cases_dir, names[i]);
        json_t *cases = json_load_file(path, 0, NULL);
        if (!cases) {
            fprintf(stderr, "skip %s (not found)\n", path);
            continue;
        }
        for (size_t k = 0; k < json_array_size(cases); k++) {
            json_t *c = json_array_get(cases, k);
            const char *name = json_string_value(json_object_get(c, "name"));
            if (filter && !strstr(name, filter)) continue;
            if (json_object_get(c, "skip") || json_object_get(c, "schemaError")) continue;
            if (run_case(c, dir))
                passed++;
            else
                failed++;
        }
        json_decref(cases);
    }
    free(env);
    char p[600];
    snprintf(p, sizeof p, "%s/schema.graphql", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/data.db", dir);
    unlink(p);
    rmdir(dir);
    fprintf(stderr, "conformance: %d passed, %d failed\n", passed, failed);
    CHECK_EQ_INT(failed, 0);
}

int main(int argc, char **argv)
{
    if (argc > 1) filter = argv[1];
    RUN(conformance_cases);
    return test_summary();
}
