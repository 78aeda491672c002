/* print.h - prints AST values back as GraphQL text, the way graphql-js's print() does.
 *
 * Used for messages that quote a literal, e.g. `Expected value of type "Int", found "x".`
 * (graphql-js prints the literal with print(valueNode)). */
#ifndef RELATA_GRAPHQL_PRINT_H
#define RELATA_GRAPHQL_PRINT_H

#include "base/buf.h"
#include "graphql/ast.h"

/* Appends `v` in GraphQL syntax: $var, 42, 1.5, "json \"escaped\"", """block""", true,
 * null, ENUM, [a, b], {a: 1, b: 2}. */
void gql_print_value(const GqlValue *v, Buf *out);

/* Appends a type reference as written: Int, [Post!]!, ... */
void gql_print_type(const GqlTypeRef *t, Buf *out);

/* Appends `s` as a GraphQL string literal with quotes (graphql-js printString). */
void gql_print_string(Str s, Buf *out);

/* Appends `s` as a block string literal (graphql-js printBlockString). */
void gql_print_block_string(Str s, Buf *out);

#endif
