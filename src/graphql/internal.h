/* internal.h - parser state and helpers shared by parser.c (documents, operations,
 * values, types) and sdl.c (type-system definitions). Not a contract outside
 * src/graphql/.
 *
 * Errors unwind with longjmp to gql_parse() (as Lua's parser does): parsing stops at the
 * first error, every node lives in the arena, so there is nothing to clean up on the way
 * out, and the grammar functions stay free of error plumbing. */
#ifndef RELATA_GRAPHQL_INTERNAL_H
#define RELATA_GRAPHQL_INTERNAL_H

#include <setjmp.h>
#include <string.h>
#include <stdnoreturn.h>

#include "graphql/ast.h"
#include "graphql/lexer.h"
#include "graphql/parser.h"

typedef struct GqlParser {
    Arena *a;
    GqlLexer lx;
    GqlToken tok;         /* current token */
    GqlParseError *err;
    jmp_buf fail;         /* where errors unwind to */
    unsigned depth, max_depth;
    unsigned tokens, max_tokens;
    /* Scratch stack where list items collect before being copied into an exact-size
     * arena array; nested lists push above their parent's items and pop before the
     * parent pushes its next one. */
    char *scratch;
    size_t scratch_top, scratch_cap;
} GqlParser;

/* ---- errors (do not return) ---- */
noreturn void gqlp_fail(GqlParser *p, GqlLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "Unexpected <token>." at the token. */
noreturn void gqlp_unexpected(GqlParser *p, const GqlToken *t);

/* ---- tokens ---- */
void gqlp_advance(GqlParser *p);
/* Scans the token after the current one without consuming anything. */
void gqlp_lookahead(GqlParser *p, GqlToken *out);
/* Consumes a token of kind k, else fails with "Expected K, found T.". */
void gqlp_expect(GqlParser *p, GqlTokKind k);
/* Consumes a Name and returns it (its location in *loc if loc is not NULL). */
Str gqlp_name(GqlParser *p, GqlLoc *loc);
/* Consumes the keyword, else fails with "Expected \"kw\", found T.". */
void gqlp_expect_keyword(GqlParser *p, const char *kw);
/* True when the current token's value (as graphql-js compares token.value) is `z`. */
bool gqlp_tok_value_is(GqlParser *p, const GqlToken *t, const char *z);

static inline bool gqlp_peek(const GqlParser *p, GqlTokKind k) { return p->tok.kind == k; }
static inline bool gqlp_opt(GqlParser *p, GqlTokKind k)
{
    if (p->tok.kind != k) return false;
    gqlp_advance(p);
    return true;
}
static inline bool gqlp_is_keyword(const GqlParser *p, const GqlToken *t, const char *kw,
                                   size_t kwlen)
{
    return t->kind == GQL_TOK_NAME && t->end - t->start == kwlen &&
           memcmp(p->lx.src + t->start, kw, kwlen) == 0;
}
#define GQLP_KW(p, t, lit) gqlp_is_keyword((p), (t), lit, sizeof(lit) - 1)
static inline bool gqlp_opt_keyword(GqlParser *p, const char *kw, size_t kwlen)
{
    if (!gqlp_is_keyword(p, &p->tok, kw, kwlen)) return false;
    gqlp_advance(p);
    return true;
}
#define GQLP_OPT_KW(p, lit) gqlp_opt_keyword((p), lit, sizeof(lit) - 1)

/* ---- depth ---- */
void gqlp_enter(GqlParser *p, GqlLoc loc);
static inline void gqlp_leave(GqlParser *p) { p->depth--; }

/* ---- lists ---- */
static inline size_t gqlp_mark(const GqlParser *p) { return p->scratch_top; }
void gqlp_grow(GqlParser *p, size_t need);
/* Inline so that each call site copies its fixed-size item without a libc call. */
static inline void gqlp_push(GqlParser *p, const void *item, size_t size)
{
    if (p->scratch_top + size > p->scratch_cap) gqlp_grow(p, size);
    memcpy(p->scratch + p->scratch_top, item, size);
    p->scratch_top += size;
}
/* Copies the items pushed since `mark` into a new arena array (NULL when none), stores
 * their count in *n and pops them. */
void *gqlp_pop(GqlParser *p, size_t mark, size_t size, uint32_t *n);

/* ---- shared grammar (parser.c) ---- */
GqlValue *gqlp_value(GqlParser *p, bool is_const);
GqlTypeRef *gqlp_type(GqlParser *p);
void gqlp_directives(GqlParser *p, bool is_const, GqlDirective **out, uint32_t *n);
/* Parses an optional description; returns whether there was one. */
bool gqlp_description(GqlParser *p, Str *out);
GqlOpType gqlp_operation_type(GqlParser *p);

/* ---- type system (sdl.c) ---- */
/* Parses the definition starting at the current keyword token `kw` (after an optional
 * description, not yet consumed) into *d. */
void gqlp_type_system_definition(GqlParser *p, const GqlToken *kw, GqlDefinition *d);
/* Parses an `extend ...` definition into *d. */
void gqlp_type_system_extension(GqlParser *p, GqlDefinition *d);

#endif
