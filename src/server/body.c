/* body.c - turns what an HTTP request carries (a JSON body, GET parameters, or an
 * application/graphql body) into ExecRequests for the executor (SIMPLE-API.md §1.2,
 * §1.3).
 *
 * jansson parses the body; the parsed tree is tied to the request arena with
 * arena_defer, so the query text and the variables object the ExecRequest borrows
 * stay valid until the response has been sent. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "server/internal.h"

static void decref(void *p)
{
    json_decref((json_t *)p);
}

/* Parses JSON text and ties the tree to the arena. NULL with `err` filled on failure. */
static json_t *load_owned(Arena *a, const char *text, size_t len, size_t flags, json_error_t *err)
{
    json_t *root = json_loadb(text, len, flags, err);
    if (root) arena_defer(a, decref, root);
    return root;
}

/* True when the text holds only JSON whitespace. */
static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return false;
    return true;
}

/* Applies the variables rule of §1.2 to a variables string: JSON text holding an
 * object gives the variables; blank text or valid JSON that is not an object means no
 * variables; text that is not JSON is error 3024 (a request error). */
static void variables_from_text(Arena *a, const char *text, size_t len, BodyItem *out)
{
    if (blank(text, len)) return;
    json_error_t jerr;
    json_t *v = load_owned(a, text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!v) {
        out->error = arena_printf(a, "Variables could not be parsed as json: %.*s", (int)len, text);
        out->error_code = 3024;
        return;
    }
    if (json_is_object(v)) out->req.variables = v;
}

/* Reads extensions.persistedQuery (Apollo's automatic persisted queries); other
 * extensions are ignored. */
static void extensions_from_json(json_t *ext, BodyItem *out)
{
    json_t *pq = json_object_get(ext, "persistedQuery");
    if (!json_is_object(pq)) return;
    out->apq = true;
    json_t *v = json_object_get(pq, "version");
    out->apq_version = json_is_integer(v) ? (int)json_integer_value(v) : 0;
    json_t *h = json_object_get(pq, "sha256Hash");
    if (json_is_string(h)) out->apq_hash = (Str){json_string_value(h), json_string_length(h)};
}

void body_extensions_from_text(Arena *a, const char *text, BodyItem *out)
{
    if (!text) return;
    json_error_t jerr;
    json_t *ext = load_owned(a, text, strlen(text), 0, &jerr);
    if (json_is_object(ext)) extensions_from_json(ext, out);
}

/* Reads one request object {"query", "variables", "operationName", "extensions"}. */
static void item_from_object(Arena *a, json_t *obj, BodyItem *out)
{
    *out = (BodyItem){0};
    json_t *q = json_object_get(obj, "query");
    /* A missing or non-string query is the empty document: the executor answers with
     * the syntax error `Unexpected <EOF>`. */
    if (json_is_string(q)) out->req.query = (Str){json_string_value(q), json_string_length(q)};
    json_t *op = json_object_get(obj, "operationName");
    if (json_is_string(op))
        out->req.operation_name = (Str){json_string_value(op), json_string_length(op)};
    json_t *vars = json_object_get(obj, "variables");
    if (json_is_object(vars))
        out->req.variables = vars;
    else if (json_is_string(vars))
        variables_from_text(a, json_string_value(vars), json_string_length(vars), out);
    /* null, absent, or any other JSON value: no variables. */
    extensions_from_json(json_object_get(obj, "extensions"), out);
}

bool body_parse_json(Arena *a, const char *data, size_t len, unsigned max_batch, Body *out)
{
    *out = (Body){0};
    json_error_t jerr;
    /* Without JSON_DECODE_ANY jansson accepts only an object or an array at the top,
     * which is exactly the rule of §1.2. NULs are allowed inside strings so that the
     * GraphQL lexer, not the body reader, reports them with a location. */
    json_t *root = load_owned(a, data, len, JSON_ALLOW_NUL, &jerr);
    if (!root) {
        out->invalid = arena_printf(a, "Invalid request body: %s (line %d, column %d)", jerr.text,
                                    jerr.line, jerr.column);
        return false;
    }
    if (json_is_object(root)) {
        out->n = 1;
        out->items = ARENA_NEW(a, BodyItem);
        item_from_object(a, root, &out->items[0]);
        return true;
    }
    out->batch = true;
    size_t n = json_array_size(root);
    if (n > max_batch) {
        out->invalid = arena_printf(a,
                                    "Invalid request body: a batch may hold at most %u "
                                    "requests, this one has %zu",
                                    max_batch, n);
        return false;
    }
    out->n = (unsigned)n;
    out->items = ARENA_ARRAY(a, BodyItem, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        json_t *it = json_array_get(root, i);
        if (!json_is_object(it)) {
            out->invalid = arena_printf(a,
                                        "Invalid request body: item %zu of the batch is not "
                                        "a request object",
                                        i);
            return false;
        }
        item_from_object(a, it, &out->items[i]);
    }
    return true;
}

void body_from_params(Arena *a, const char *query, size_t query_len, const char *variables,
                      const char *operation_name, BodyItem *out)
{
    *out = (BodyItem){0};
    if (query) out->req.query = (Str){query, query_len};
    if (operation_name) out->req.operation_name = str_from(operation_name);
    if (variables) variables_from_text(a, variables, strlen(variables), out);
}
