/* parser.h - hand-written recursive-descent parser for the whole GraphQL language
 * (executable documents and SDL) into the AST of ast.h. */
#ifndef RELATA_GRAPHQL_PARSER_H
#define RELATA_GRAPHQL_PARSER_H

#include <stddef.h>

#include "graphql/ast.h"

/* Default nesting limit (selections, inline fragments, list/object values, type refs):
 * deeper input fails with "Syntax Error: Document is nested too deeply." */
#define GQL_DEFAULT_MAX_DEPTH 256

typedef struct GqlParseError {
    char message[320]; /* "Syntax Error: Unexpected Name \"quer\"." (graphql-js wording) */
    GqlLoc loc;        /* position of the offending token; end of input for <EOF> */
} GqlParseError;

typedef struct GqlParseOptions {
    unsigned max_depth;   /* 0 = GQL_DEFAULT_MAX_DEPTH */
    unsigned max_tokens;  /* 0 = unlimited; more tokens fail with
                             "Syntax Error: Document contains more than N tokens. Parsing aborted." */
} GqlParseOptions;

/* Parses `src[0..len)` (need not be NUL-terminated, must outlive the tree). Allocates from
 * `a` only. Returns the document, or NULL with *err filled at the first syntax error
 * (parsing stops there). An empty document is a syntax error ("Unexpected <EOF>."),
 * as in graphql-js. `opts` may be NULL. */
GqlDocument *gql_parse(Arena *a, const char *src, size_t len, const GqlParseOptions *opts,
                       GqlParseError *err);

#endif
