/* lexer.h - GraphQL tokens and the lexer that produces them, one at a time, on demand.
 *
 * The parser pulls tokens with gql_lex_next(). A token is a kind plus byte offsets into
 * the source and its 1-based line:column (columns count code points); nothing is
 * allocated per token. String tokens are fully validated while lexing, but their value is
 * decoded only when the parser asks for it (gql_token_string), so strings nobody reads
 * cost one scan. Invalid UTF-8 is read as U+FFFD, the way a JavaScript server decoding
 * the request body would see it. */
#ifndef RELATA_GRAPHQL_LEXER_H
#define RELATA_GRAPHQL_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/str.h"
#include "graphql/ast.h"
#include "graphql/parser.h"

typedef enum GqlTokKind {
    GQL_TOK_EOF,
    GQL_TOK_BANG,        /* ! */
    GQL_TOK_DOLLAR,      /* $ */
    GQL_TOK_AMP,         /* & */
    GQL_TOK_PAREN_L,     /* ( */
    GQL_TOK_PAREN_R,     /* ) */
    GQL_TOK_SPREAD,      /* ... */
    GQL_TOK_COLON,       /* : */
    GQL_TOK_EQUALS,      /* = */
    GQL_TOK_AT,          /* @ */
    GQL_TOK_BRACKET_L,   /* [ */
    GQL_TOK_BRACKET_R,   /* ] */
    GQL_TOK_BRACE_L,     /* { */
    GQL_TOK_PIPE,        /* | */
    GQL_TOK_BRACE_R,     /* } */
    GQL_TOK_NAME,
    GQL_TOK_INT,
    GQL_TOK_FLOAT,
    GQL_TOK_STRING,
    GQL_TOK_BLOCK_STRING,
} GqlTokKind;

/* Token flags. */
enum {
    GQL_TOKF_ESCAPES = 1, /* STRING: contains a backslash escape (value must be decoded) */
    GQL_TOKF_BADUTF8 = 2, /* STRING, BLOCK_STRING: contains invalid UTF-8 (becomes U+FFFD) */
};

typedef struct GqlToken {
    GqlTokKind kind;
    unsigned flags;   /* GQL_TOKF_* */
    size_t start, end; /* byte offsets: src[start..end) is the token text */
    GqlLoc loc;       /* of src[start] */
} GqlToken;

typedef struct GqlLexer {
    const char *src;
    size_t len;
    size_t pos;        /* next byte to scan */
    uint32_t line;     /* 1-based line of `pos` */
    size_t col_base;   /* column of byte offset o on this line is 1 + o - col_base: the
                          line start, moved right by every extra byte of a multi-byte
                          character seen on the line */
    GqlParseError *err; /* where lexical errors are written */
} GqlLexer;

/* Starts lexing src[0..len) (borrowed; need not be NUL-terminated). Errors go to *err. */
void gql_lexer_init(GqlLexer *lx, const char *src, size_t len, GqlParseError *err);

/* Scans the next token into *t (EOF forever at the end). Returns false after writing a
 * "Syntax Error: ..." message with its location to lx->err on a lexical error. */
bool gql_lex_scan(GqlLexer *lx, GqlToken *t);

/* Byte tables shared with the inline fast path below. */
extern const uint8_t gql_fast_kind[256]; /* punctuator kind + 1, 0 if not one byte punct */
extern const bool gql_name_char[256];

/* gql_lex_scan with the common cases inline: blanks, one-byte punctuators and names,
 * which are most tokens of a typical document. */
static inline bool gql_lex_next(GqlLexer *lx, GqlToken *t)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    size_t i = lx->pos, n = lx->len;
    for (; i < n; i++) {
        if (s[i] == '\n') {
            lx->line++;
            lx->col_base = i + 1;
        } else if (s[i] != ' ' && s[i] != ',') {
            break;
        }
    }
    if (i < n) {
        unsigned c = s[i];
        if (gql_fast_kind[c]) {
            t->kind = (GqlTokKind)(gql_fast_kind[c] - 1);
            t->flags = 0;
            t->start = i;
            t->loc = (GqlLoc){lx->line, (uint32_t)(1 + i - lx->col_base)};
            if (t->kind == GQL_TOK_NAME) {
                size_t j = i + 1;
                while (j < n && gql_name_char[s[j]]) j++;
                t->end = lx->pos = j;
            } else {
                t->end = lx->pos = i + 1;
            }
            return true;
        }
    }
    lx->pos = i;
    return gql_lex_scan(lx, t);
}

/* The value of a NAME, INT or FLOAT token (the text itself) or of a STRING or
 * BLOCK_STRING token (decoded: escapes, block-string indentation, U+FFFD for invalid
 * UTF-8). Plain strings are slices of the source; others are decoded into `a`. */
Str gql_token_value(const GqlLexer *lx, const GqlToken *t, Arena *a);

/* "Name", "Int", "\"{\"", "<EOF>", ... as graphql-js names token kinds in messages. */
const char *gql_tok_kind_desc(GqlTokKind k);

/* Writes graphql-js's printCodePointAt(pos) into out (at least 16 bytes): "<EOF>" at the
 * end, "\"a\"" for printable ASCII, "'\"'" for a quote, else "U+00E9". */
void gql_lex_describe_char(const GqlLexer *lx, size_t pos, char *out, size_t cap);

/* Decodes one UTF-8 character at p[0..n) (n >= 1). Returns the bytes used; an invalid
 * sequence yields U+FFFD and the length of its longest valid-looking prefix (>= 1). */
size_t gql_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* Appends the UTF-8 encoding of cp to out; returns the byte count (1..4). */
size_t gql_utf8_encode(uint32_t cp, char *out);

#endif
