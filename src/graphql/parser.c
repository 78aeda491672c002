/* parser.c - recursive-descent parser for GraphQL documents: the document and its
 * executable definitions (operations, fragments, selections), plus the values, types and
 * directives that type-system definitions (sdl.c) share. See parser.h.
 *
 * The grammar functions mirror the spec's productions, and each failure produces the
 * message and position graphql-js v16 gives for the same input, since clients and the
 * conformance suite compare them verbatim. Nesting (selection sets, list and object
 * values, list types) is counted against max_depth before recursing, so the C stack is
 * bounded by the limit whatever the input. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "graphql/internal.h"

/* ---- errors ---- */

noreturn void gqlp_fail(GqlParser *p, GqlLoc loc, const char *fmt, ...)
{
    GqlParseError *e = p->err;
    int n = snprintf(e->message, sizeof e->message, "Syntax Error: ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message + n, sizeof e->message - (size_t)n, fmt, ap);
    va_end(ap);
    e->loc = loc;
    longjmp(p->fail, 1);
}

/* graphql-js getTokenDesc: the kind, then the value in quotes for tokens that have one. */
static void token_desc(GqlParser *p, const GqlToken *t, char *out, size_t cap)
{
    const char *kind = gql_tok_kind_desc(t->kind);
    if (t->kind < GQL_TOK_NAME) {
        snprintf(out, cap, "%s", kind);
        return;
    }
    Str v = gql_token_value(&p->lx, t, p->a);
    snprintf(out, cap, "%s \"%.*s\"", kind, STR_FMT(v));
}

noreturn void gqlp_unexpected(GqlParser *p, const GqlToken *t)
{
    char d[300];
    token_desc(p, t, d, sizeof d);
    gqlp_fail(p, t->loc, "Unexpected %s.", d);
}

/* ---- tokens ---- */

void gqlp_advance(GqlParser *p)
{
    if (!gql_lex_next(&p->lx, &p->tok)) longjmp(p->fail, 1);
    if (p->max_tokens && p->tok.kind != GQL_TOK_EOF && ++p->tokens > p->max_tokens)
        gqlp_fail(p, p->tok.loc, "Document contains more than %u tokens. Parsing aborted.",
                  p->max_tokens);
}

void gqlp_lookahead(GqlParser *p, GqlToken *out)
{
    GqlLexer saved = p->lx;
    if (!gql_lex_next(&p->lx, out)) longjmp(p->fail, 1);
    p->lx = saved;
}

void gqlp_expect(GqlParser *p, GqlTokKind k)
{
    if (p->tok.kind == k) {
        gqlp_advance(p);
        return;
    }
    char d[300];
    token_desc(p, &p->tok, d, sizeof d);
    gqlp_fail(p, p->tok.loc, "Expected %s, found %s.", gql_tok_kind_desc(k), d);
}

Str gqlp_name(GqlParser *p, GqlLoc *loc)
{
    if (p->tok.kind != GQL_TOK_NAME) gqlp_expect(p, GQL_TOK_NAME); /* fails */
    Str s = {p->lx.src + p->tok.start, p->tok.end - p->tok.start};
    if (loc) *loc = p->tok.loc;
    gqlp_advance(p);
    return s;
}

void gqlp_expect_keyword(GqlParser *p, const char *kw)
{
    if (gqlp_is_keyword(p, &p->tok, kw, strlen(kw))) {
        gqlp_advance(p);
        return;
    }
    char d[300];
    token_desc(p, &p->tok, d, sizeof d);
    gqlp_fail(p, p->tok.loc, "Expected \"%s\", found %s.", kw, d);
}

bool gqlp_tok_value_is(GqlParser *p, const GqlToken *t, const char *z)
{
    if (t->kind < GQL_TOK_NAME) return false;
    return str_eqz(gql_token_value(&p->lx, t, p->a), z);
}

/* ---- depth and lists ---- */

void gqlp_enter(GqlParser *p, GqlLoc loc)
{
    if (++p->depth > p->max_depth) gqlp_fail(p, loc, "Document is nested too deeply.");
}

void gqlp_grow(GqlParser *p, size_t need)
{
    /* Grow geometrically inside the arena; the old region is reclaimed with it. */
    size_t cap = p->scratch_cap ? p->scratch_cap * 2 : 4096;
    while (cap < p->scratch_top + need) cap *= 2;
    char *n = arena_alloc(p->a, cap);
    if (p->scratch_top) memcpy(n, p->scratch, p->scratch_top);
    p->scratch = n;
    p->scratch_cap = cap;
}

void *gqlp_pop(GqlParser *p, size_t mark, size_t size, uint32_t *n)
{
    size_t bytes = p->scratch_top - mark;
    *n = (uint32_t)(bytes / size);
    if (!bytes) return NULL;
    void *r = arena_alloc(p->a, bytes);
    memcpy(r, p->scratch + mark, bytes);
    p->scratch_top = mark;
    return r;
}

/* ---- values ---- */

static void arguments(GqlParser *p, bool is_const, GqlArgument **out, uint32_t *n);

GqlValue *gqlp_value(GqlParser *p, bool is_const)
{
    GqlValue *v = ARENA_NEW(p->a, GqlValue);
    v->loc = p->tok.loc;
    switch (p->tok.kind) {
    case GQL_TOK_BRACKET_L: {
        gqlp_enter(p, v->loc);
        gqlp_advance(p);
        v->kind = GQL_VAL_LIST;
        size_t mark = gqlp_mark(p);
        while (!gqlp_opt(p, GQL_TOK_BRACKET_R)) {
            GqlValue *item = gqlp_value(p, is_const);
            gqlp_push(p, &item, sizeof item);
        }
        v->items = gqlp_pop(p, mark, sizeof(GqlValue *), &v->n_items);
        gqlp_leave(p);
        return v;
    }
    case GQL_TOK_BRACE_L: {
        gqlp_enter(p, v->loc);
        gqlp_advance(p);
        v->kind = GQL_VAL_OBJECT;
        size_t mark = gqlp_mark(p);
        while (!gqlp_opt(p, GQL_TOK_BRACE_R)) {
            GqlArgument f;
            f.name = gqlp_name(p, &f.loc);
            gqlp_expect(p, GQL_TOK_COLON);
            f.value = gqlp_value(p, is_const);
            gqlp_push(p, &f, sizeof f);
        }
        v->fields = gqlp_pop(p, mark, sizeof(GqlArgument), &v->n_fields);
        gqlp_leave(p);
        return v;
    }
    case GQL_TOK_INT:
    case GQL_TOK_FLOAT:
        v->kind = p->tok.kind == GQL_TOK_INT ? GQL_VAL_INT : GQL_VAL_FLOAT;
        v->str = (Str){p->lx.src + p->tok.start, p->tok.end - p->tok.start};
        gqlp_advance(p);
        return v;
    case GQL_TOK_STRING:
    case GQL_TOK_BLOCK_STRING:
        v->kind = GQL_VAL_STRING;
        v->block = p->tok.kind == GQL_TOK_BLOCK_STRING;
        v->str = gql_token_value(&p->lx, &p->tok, p->a);
        gqlp_advance(p);
        return v;
    case GQL_TOK_NAME: {
        Str s = {p->lx.src + p->tok.start, p->tok.end - p->tok.start};
        if (str_eqz(s, "true") || str_eqz(s, "false")) {
            v->kind = GQL_VAL_BOOLEAN;
            v->boolean = s.len == 4;
        } else if (str_eqz(s, "null")) {
            v->kind = GQL_VAL_NULL;
        } else {
            v->kind = GQL_VAL_ENUM;
            v->str = s;
        }
        gqlp_advance(p);
        return v;
    }
    case GQL_TOK_DOLLAR: {
        GqlToken dollar = p->tok;
        gqlp_advance(p);
        if (is_const) {
            /* Both errors point at the `$`, but graphql-js reads the next token first
             * (so a lexical error there wins). */
            if (p->tok.kind == GQL_TOK_NAME)
                gqlp_fail(p, dollar.loc, "Unexpected variable \"$%.*s\" in constant value.",
                          (int)(p->tok.end - p->tok.start), p->lx.src + p->tok.start);
            gqlp_unexpected(p, &dollar);
        }
        v->kind = GQL_VAL_VARIABLE;
        v->str = gqlp_name(p, NULL);
        return v;
    }
    default:
        gqlp_unexpected(p, &p->tok);
    }
}

/* ---- types and directives ---- */

GqlTypeRef *gqlp_type(GqlParser *p)
{
    GqlLoc start = p->tok.loc;
    GqlTypeRef *t = ARENA_NEW(p->a, GqlTypeRef);
    t->loc = start;
    if (p->tok.kind == GQL_TOK_BRACKET_L) {
        gqlp_enter(p, start);
        gqlp_advance(p);
        t->kind = GQL_TYPE_LIST;
        t->of = gqlp_type(p);
        gqlp_expect(p, GQL_TOK_BRACKET_R);
        gqlp_leave(p);
    } else {
        t->kind = GQL_TYPE_NAMED;
        t->name = gqlp_name(p, NULL);
    }
    if (gqlp_opt(p, GQL_TOK_BANG)) {
        GqlTypeRef *nn = ARENA_NEW(p->a, GqlTypeRef);
        nn->kind = GQL_TYPE_NON_NULL;
        nn->loc = start;
        nn->of = t;
        return nn;
    }
    return t;
}

/* Arguments : ( Argument+ ) -- optional. */
static void arguments(GqlParser *p, bool is_const, GqlArgument **out, uint32_t *n)
{
    *out = NULL;
    *n = 0;
    if (!gqlp_opt(p, GQL_TOK_PAREN_L)) return;
    size_t mark = gqlp_mark(p);
    do {
        GqlArgument arg;
        arg.name = gqlp_name(p, &arg.loc);
        gqlp_expect(p, GQL_TOK_COLON);
        arg.value = gqlp_value(p, is_const);
        gqlp_push(p, &arg, sizeof arg);
    } while (!gqlp_opt(p, GQL_TOK_PAREN_R));
    *out = gqlp_pop(p, mark, sizeof(GqlArgument), n);
}

void gqlp_directives(GqlParser *p, bool is_const, GqlDirective **out, uint32_t *n)
{
    *out = NULL;
    *n = 0;
    if (p->tok.kind != GQL_TOK_AT) return;
    size_t mark = gqlp_mark(p);
    while (p->tok.kind == GQL_TOK_AT) {
        GqlDirective d;
        d.loc = p->tok.loc;
        gqlp_advance(p);
        d.name = gqlp_name(p, NULL);
        arguments(p, is_const, &d.args, &d.n_args);
        gqlp_push(p, &d, sizeof d);
    }
    *out = gqlp_pop(p, mark, sizeof(GqlDirective), n);
}

bool gqlp_description(GqlParser *p, Str *out)
{
    if (p->tok.kind != GQL_TOK_STRING && p->tok.kind != GQL_TOK_BLOCK_STRING) return false;
    *out = gql_token_value(&p->lx, &p->tok, p->a);
    gqlp_advance(p);
    return true;
}

GqlOpType gqlp_operation_type(GqlParser *p)
{
    GqlToken t = p->tok;
    gqlp_expect(p, GQL_TOK_NAME);
    if (GQLP_KW(p, &t, "query")) return GQL_OP_QUERY;
    if (GQLP_KW(p, &t, "mutation")) return GQL_OP_MUTATION;
    if (GQLP_KW(p, &t, "subscription")) return GQL_OP_SUBSCRIPTION;
    gqlp_unexpected(p, &t);
}

/* ---- selections ---- */

static GqlSelectionSet *selection_set(GqlParser *p);

/* FragmentName : Name but not `on` (graphql-js checks the token's value, whatever its
 * kind, so `fragment "on"` is also "Unexpected String"). */
static Str fragment_name(GqlParser *p, GqlLoc *loc)
{
    if (gqlp_tok_value_is(p, &p->tok, "on")) gqlp_unexpected(p, &p->tok);
    return gqlp_name(p, loc);
}

static void selection(GqlParser *p, GqlSelection *s)
{
    memset(s, 0, sizeof *s);
    s->loc = p->tok.loc;
    if (p->tok.kind == GQL_TOK_SPREAD) {
        gqlp_advance(p);
        bool has_cond = GQLP_OPT_KW(p, "on");
        if (!has_cond && p->tok.kind == GQL_TOK_NAME) {
            s->kind = GQL_SEL_FRAGMENT_SPREAD;
            s->name = fragment_name(p, &s->name_loc);
            gqlp_directives(p, false, &s->directives, &s->n_directives);
            return;
        }
        s->kind = GQL_SEL_INLINE_FRAGMENT;
        if (has_cond) s->name = gqlp_name(p, &s->name_loc);
        gqlp_directives(p, false, &s->directives, &s->n_directives);
        s->selection_set = selection_set(p);
        return;
    }
    s->kind = GQL_SEL_FIELD;
    s->name = gqlp_name(p, &s->name_loc);
    if (gqlp_opt(p, GQL_TOK_COLON)) {
        s->alias = s->name;
        s->name = gqlp_name(p, &s->name_loc);
    }
    arguments(p, false, &s->args, &s->n_args);
    gqlp_directives(p, false, &s->directives, &s->n_directives);
    if (p->tok.kind == GQL_TOK_BRACE_L) s->selection_set = selection_set(p);
}

/* SelectionSet : { Selection+ } */
static GqlSelectionSet *selection_set(GqlParser *p)
{
    GqlSelectionSet *ss = ARENA_NEW(p->a, GqlSelectionSet);
    ss->loc = p->tok.loc;
    if (p->tok.kind == GQL_TOK_BRACE_L) gqlp_enter(p, ss->loc);
    gqlp_expect(p, GQL_TOK_BRACE_L);
    size_t mark = gqlp_mark(p);
    do {
        GqlSelection s;
        selection(p, &s);
        gqlp_push(p, &s, sizeof s);
    } while (!gqlp_opt(p, GQL_TOK_BRACE_R));
    ss->items = gqlp_pop(p, mark, sizeof(GqlSelection), &ss->n);
    gqlp_leave(p);
    return ss;
}

/* ---- executable definitions ---- */

static void variable_definitions(GqlParser *p, GqlDefinition *d)
{
    if (!gqlp_opt(p, GQL_TOK_PAREN_L)) return;
    size_t mark = gqlp_mark(p);
    do {
        GqlVarDef v;
        memset(&v, 0, sizeof v);
        Str ignored; /* variable descriptions (spec 2025) are accepted but not kept */
        gqlp_description(p, &ignored);
        v.loc = p->tok.loc;
        gqlp_expect(p, GQL_TOK_DOLLAR);
        v.name = gqlp_name(p, NULL);
        gqlp_expect(p, GQL_TOK_COLON);
        v.type = gqlp_type(p);
        if (gqlp_opt(p, GQL_TOK_EQUALS)) v.default_value = gqlp_value(p, true);
        gqlp_directives(p, true, &v.directives, &v.n_directives);
        gqlp_push(p, &v, sizeof v);
    } while (!gqlp_opt(p, GQL_TOK_PAREN_R));
    d->var_defs = gqlp_pop(p, mark, sizeof(GqlVarDef), &d->n_var_defs);
}

static void operation_definition(GqlParser *p, GqlDefinition *d)
{
    d->kind = GQL_DEF_OPERATION;
    if (p->tok.kind == GQL_TOK_BRACE_L) {
        d->loc = p->tok.loc;
        d->op = GQL_OP_QUERY;
        d->shorthand = true;
        d->selection_set = selection_set(p);
        return;
    }
    d->has_description = gqlp_description(p, &d->description);
    d->loc = p->tok.loc;
    d->op = gqlp_operation_type(p);
    if (p->tok.kind == GQL_TOK_NAME) d->name = gqlp_name(p, &d->name_loc);
    variable_definitions(p, d);
    gqlp_directives(p, false, &d->directives, &d->n_directives);
    d->selection_set = selection_set(p);
}

static void fragment_definition(GqlParser *p, GqlDefinition *d)
{
    d->kind = GQL_DEF_FRAGMENT;
    d->has_description = gqlp_description(p, &d->description);
    d->loc = p->tok.loc;
    gqlp_expect_keyword(p, "fragment");
    d->name = fragment_name(p, &d->name_loc);
    gqlp_expect_keyword(p, "on");
    d->type_condition.name = gqlp_name(p, &d->type_condition.loc);
    gqlp_directives(p, false, &d->directives, &d->n_directives);
    d->selection_set = selection_set(p);
}

/* Definition: dispatches on the first keyword, looking past a description. */
static void definition(GqlParser *p, GqlDefinition *d)
{
    memset(d, 0, sizeof *d);
    if (p->tok.kind == GQL_TOK_BRACE_L) {
        operation_definition(p, d);
        return;
    }
    bool has_desc = p->tok.kind == GQL_TOK_STRING || p->tok.kind == GQL_TOK_BLOCK_STRING;
    GqlToken kw = p->tok;
    if (has_desc) gqlp_lookahead(p, &kw);
    if (has_desc && kw.kind == GQL_TOK_BRACE_L)
        gqlp_fail(p, p->tok.loc, "Unexpected description, descriptions are not supported on "
                                 "shorthand queries.");
    if (kw.kind == GQL_TOK_NAME) {
        if (GQLP_KW(p, &kw, "schema") || GQLP_KW(p, &kw, "scalar") || GQLP_KW(p, &kw, "type") ||
            GQLP_KW(p, &kw, "interface") || GQLP_KW(p, &kw, "union") ||
            GQLP_KW(p, &kw, "enum") || GQLP_KW(p, &kw, "input") ||
            GQLP_KW(p, &kw, "directive")) {
            gqlp_type_system_definition(p, &kw, d);
            return;
        }
        if (GQLP_KW(p, &kw, "query") || GQLP_KW(p, &kw, "mutation") ||
            GQLP_KW(p, &kw, "subscription")) {
            operation_definition(p, d);
            return;
        }
        if (GQLP_KW(p, &kw, "fragment")) {
            fragment_definition(p, d);
            return;
        }
        if (has_desc)
            gqlp_fail(p, p->tok.loc, "Unexpected description, only GraphQL definitions "
                                     "support descriptions.");
        if (GQLP_KW(p, &kw, "extend")) {
            gqlp_type_system_extension(p, d);
            return;
        }
    }
    gqlp_unexpected(p, &kw);
}

/* ---- entry point ---- */

GqlDocument *gql_parse(Arena *a, const char *src, size_t len, const GqlParseOptions *opts,
                       GqlParseError *err)
{
    GqlParseError ignored;
    if (!err) err = &ignored;
    GqlParser p;
    memset(&p, 0, sizeof p);
    p.a = a;
    p.err = err;
    p.max_depth = opts && opts->max_depth ? opts->max_depth : GQL_DEFAULT_MAX_DEPTH;
    p.max_tokens = opts ? opts->max_tokens : 0;
    err->message[0] = 0;
    err->loc = (GqlLoc){0, 0};
    gql_lexer_init(&p.lx, src, len, err);
    if (setjmp(p.fail)) return NULL;
    gqlp_advance(&p);
    GqlDocument *doc = ARENA_NEW(a, GqlDocument);
    size_t mark = gqlp_mark(&p);
    do {
        GqlDefinition d;
        definition(&p, &d);
        gqlp_push(&p, &d, sizeof d);
    } while (!gqlp_opt(&p, GQL_TOK_EOF));
    doc->defs = gqlp_pop(&p, mark, sizeof(GqlDefinition), &doc->n_defs);
    return doc;
}
