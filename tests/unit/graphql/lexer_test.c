/* lexer_test.c - tests src/graphql/lexer.c: token kinds and spans, line:column
 * positions (code points, every line terminator, BOM), string and block-string decoding,
 * UTF-8 handling and lexical errors with graphql-js v16 messages. */
#include "graphql/lexer.h"
#include "unit/test.h"

static Arena arena;

typedef struct Lexed {
    GqlLexer lx;
    GqlParseError err;
} Lexed;

static void start(Lexed *l, const char *src)
{
    gql_lexer_init(&l->lx, src, strlen(src), &l->err);
}

static char vbuf[4][512];
static int vbuf_i;
static const char *value(Lexed *l, const GqlToken *t)
{
    Str s = gql_token_value(&l->lx, t, &arena);
    char *b = vbuf[vbuf_i++ & 3];
    snprintf(b, 512, "%.*s", STR_FMT(s));
    return b;
}

/* The decoded value of the single string token in `src`. */
static const char *string_of(const char *src)
{
    static Lexed l;
    GqlToken t;
    start(&l, src);
    if (!gql_lex_next(&l.lx, &t)) return l.err.message;
    return value(&l, &t);
}

/* The error message for lexing all of `src`, or "" when it lexes cleanly. */
static const char *lex_error_of(const char *src, GqlLoc *loc)
{
    static Lexed l;
    GqlToken t;
    start(&l, src);
    do {
        if (!gql_lex_next(&l.lx, &t)) {
            if (loc) *loc = l.err.loc;
            return l.err.message;
        }
    } while (t.kind != GQL_TOK_EOF);
    return "";
}

TEST(punctuators_and_names)
{
    Lexed l;
    start(&l, "! $ & ( ) ... : = @ [ ] { | } name _x9 Foo_Bar");
    const GqlTokKind kinds[] = {
        GQL_TOK_BANG, GQL_TOK_DOLLAR, GQL_TOK_AMP, GQL_TOK_PAREN_L, GQL_TOK_PAREN_R,
        GQL_TOK_SPREAD, GQL_TOK_COLON, GQL_TOK_EQUALS, GQL_TOK_AT, GQL_TOK_BRACKET_L,
        GQL_TOK_BRACKET_R, GQL_TOK_BRACE_L, GQL_TOK_PIPE, GQL_TOK_BRACE_R, GQL_TOK_NAME,
        GQL_TOK_NAME, GQL_TOK_NAME, GQL_TOK_EOF,
    };
    GqlToken t;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        CHECK(gql_lex_next(&l.lx, &t));
        CHECK_EQ_INT(t.kind, kinds[i]);
    }
    start(&l, "  _x9 ");
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.start, 2);
    CHECK_EQ_INT(t.end, 5);
    CHECK_EQ_STR(value(&l, &t), "_x9");
    /* EOF repeats. */
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.kind, GQL_TOK_EOF);
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.kind, GQL_TOK_EOF);
    CHECK_EQ_INT(t.loc.col, 7);
}

TEST(numbers)
{
    static const struct {
        const char *src;
        GqlTokKind kind;
    } cases[] = {
        {"0", GQL_TOK_INT},       {"-0", GQL_TOK_INT},         {"123", GQL_TOK_INT},
        {"-42", GQL_TOK_INT},     {"1.5", GQL_TOK_FLOAT},      {"-0.25", GQL_TOK_FLOAT},
        {"1e10", GQL_TOK_FLOAT},  {"1E-10", GQL_TOK_FLOAT},    {"6.02e+23", GQL_TOK_FLOAT},
        {"0.0", GQL_TOK_FLOAT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Lexed l;
        GqlToken t;
        start(&l, cases[i].src);
        CHECK(gql_lex_next(&l.lx, &t));
        CHECK_EQ_INT(t.kind, cases[i].kind);
        CHECK_EQ_STR(value(&l, &t), cases[i].src);
    }
}

TEST(ignored_tokens_and_locations)
{
    Lexed l;
    /* BOM, commas, comments, and all three line terminators. */
    const char *src = "\xEF\xBB\xBF a,b # comment \xC3\xA9\n c\r\nd\re\r\r  f";
    start(&l, src);
    GqlToken t;
    struct { const char *v; unsigned line, col; } want[] = {
        {"a", 1, 3}, {"b", 1, 5}, {"c", 2, 2}, {"d", 3, 1}, {"e", 4, 1}, {"f", 6, 3},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        CHECK(gql_lex_next(&l.lx, &t));
        CHECK_EQ_STR(value(&l, &t), want[i].v);
        CHECK_EQ_INT(t.loc.line, want[i].line);
        CHECK_EQ_INT(t.loc.col, want[i].col);
    }
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.kind, GQL_TOK_EOF);
    CHECK_EQ_INT(t.loc.line, 6);
    CHECK_EQ_INT(t.loc.col, 4);
}

TEST(columns_count_code_points)
{
    Lexed l;
    GqlToken t;
    /* "é€" is 2 code points in 5 bytes; the name after it is at column 7. */
    start(&l, "\"\xC3\xA9\xE2\x82\xAC\" x");
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.kind, GQL_TOK_STRING);
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.loc.col, 6);
    /* A block string spanning lines: columns restart after its last line break. */
    start(&l, "\"\"\"\xC3\xA9\n\xC3\xA9\xC3\xA9\"\"\" x");
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.loc.line, 1);
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.loc.line, 2);
    CHECK_EQ_INT(t.loc.col, 7);
    /* The end-of-input position after a comment holding multi-byte characters. */
    start(&l, "#\xC3\xA9\xC3\xA9");
    CHECK(gql_lex_next(&l.lx, &t));
    CHECK_EQ_INT(t.kind, GQL_TOK_EOF);
    CHECK_EQ_INT(t.loc.col, 4);
}

TEST(string_values)
{
    CHECK_EQ_STR(string_of("\"\""), "");
    CHECK_EQ_STR(string_of("\"simple\""), "simple");
    CHECK_EQ_STR(string_of("\" white space \""), " white space ");
    CHECK_EQ_STR(string_of("\"quote \\\"\""), "quote \"");
    CHECK_EQ_STR(string_of("\"escaped \\n\\r\\b\\t\\f\""), "escaped \n\r\b\t\f");
    CHECK_EQ_STR(string_of("\"slashes \\\\ \\/\""), "slashes \\ /");
    CHECK_EQ_STR(string_of("\"unicode \\u1234\\u5678\\u90AB\\uCDEF\""),
                 "unicode \xE1\x88\xB4\xE5\x99\xB8\xE9\x82\xAB\xEC\xB7\xAF");
    CHECK_EQ_STR(string_of("\"\\u00e9\\u00E9\""), "\xC3\xA9\xC3\xA9");
    CHECK_EQ_STR(string_of("\"\\u{1234}\\u{00000065}\""), "\xE1\x88\xB4" "e");
    CHECK_EQ_STR(string_of("\"\\u{1F600}\""), "\xF0\x9F\x98\x80");
    CHECK_EQ_STR(string_of("\"\\u{10FFFF}\""), "\xF4\x8F\xBF\xBF");
    CHECK_EQ_STR(string_of("\"\\uD83D\\uDE00\""), "\xF0\x9F\x98\x80");
    CHECK_EQ_STR(string_of("\"\\uDBFF\\uDFFF\""), "\xF4\x8F\xBF\xBF");
    CHECK_EQ_STR(string_of("\"raw \xC3\xA9 \xF0\x9F\x98\x80\""), "raw \xC3\xA9 \xF0\x9F\x98\x80");
    /* Invalid UTF-8 reads as U+FFFD, a real U+FFFD stays as it is. */
    CHECK_EQ_STR(string_of("\"a\xFF" "b\""), "a\xEF\xBF\xBD" "b");
    CHECK_EQ_STR(string_of("\"a\xE2\x82" "b\""), "a\xEF\xBF\xBD" "b");
    CHECK_EQ_STR(string_of("\"\xEF\xBF\xBD\""), "\xEF\xBF\xBD");
    CHECK_EQ_STR(string_of("\"\xED\xA0\x80\""), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* Control characters other than line terminators are source characters. */
    CHECK_EQ_STR(string_of("\"\x01\t\""), "\x01\t");
}

TEST(plain_strings_are_slices)
{
    Lexed l;
    GqlToken t;
    const char *src = "\"plain\"";
    start(&l, src);
    CHECK(gql_lex_next(&l.lx, &t));
    Str v = gql_token_value(&l.lx, &t, &arena);
    CHECK(v.ptr == src + 1);
    CHECK_EQ_INT(v.len, 5);
}

TEST(block_string_values)
{
    CHECK_EQ_STR(string_of("\"\"\"\"\"\""), "");
    CHECK_EQ_STR(string_of("\"\"\"simple\"\"\""), "simple");
    CHECK_EQ_STR(string_of("\"\"\" white space \"\"\""), " white space ");
    CHECK_EQ_STR(string_of("\"\"\"contains \" quote\"\"\""), "contains \" quote");
    CHECK_EQ_STR(string_of("\"\"\"contains \\\"\"\" triple quote\"\"\""),
                 "contains \"\"\" triple quote");
    CHECK_EQ_STR(string_of("\"\"\"multi\nline\"\"\""), "multi\nline");
    CHECK_EQ_STR(string_of("\"\"\"multi\rline\r\nnormalized\"\"\""), "multi\nline\nnormalized");
    CHECK_EQ_STR(string_of("\"\"\"unescaped \\n\\r\\b\\t\\f\\u1234\"\"\""),
                 "unescaped \\n\\r\\b\\t\\f\\u1234");
    CHECK_EQ_STR(string_of("\"\"\"slashes \\\\ \\/\"\"\""), "slashes \\\\ \\/");
    /* The spec's example: common indentation and blank first/last lines go. */
    CHECK_EQ_STR(string_of("\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\""),
                 "spans\n  multiple\n    lines");
    CHECK_EQ_STR(string_of("\"\"\"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  \"\"\""),
                 "Hello,\n  World!\n\nYours,\n  GraphQL.");
    /* The first line's indentation is kept and not counted. */
    CHECK_EQ_STR(string_of("\"\"\"  first\n    second\n  \"\"\""), "  first\nsecond");
    /* Tabs are whitespace; blank lines shorter than the indent become empty. */
    CHECK_EQ_STR(string_of("\"\"\"\n\t\ta\n \n\t\t\tb\n\"\"\""), "a\n\n\tb");
    /* Whitespace-only content is empty. */
    CHECK_EQ_STR(string_of("\"\"\"\n   \n\t\n\"\"\""), "");
    CHECK_EQ_STR(string_of("\"\"\"  \xC3\xA9\n  \xE2\x82\xAC\"\"\""), "  \xC3\xA9\n\xE2\x82\xAC");
    CHECK_EQ_STR(string_of("\"\"\"a\xFF\"\"\""), "a\xEF\xBF\xBD");
}

TEST(lexical_errors)
{
    static const struct {
        const char *src;
        unsigned line, col;
        const char *message;
    } cases[] = {
        {"%", 1, 1, "Syntax Error: Unexpected character: \"%\"."},
        {"\x07", 1, 1, "Syntax Error: Unexpected character: U+0007."},
        {"  \xC3\xA9", 1, 3, "Syntax Error: Unexpected character: U+00E9."},
        {"\xFF", 1, 1, "Syntax Error: Unexpected character: U+FFFD."},
        {"'a'", 1, 1, "Syntax Error: Unexpected single quote character ('), did you mean to use "
                      "a double quote (\")?"},
        {"..", 1, 1, "Syntax Error: Unexpected character: \".\"."},
        {"\"abc", 1, 5, "Syntax Error: Unterminated string."},
        {"\"a\nb\"", 1, 3, "Syntax Error: Unterminated string."},
        {"\"\xC3\xA9\xC3\xA9", 1, 4, "Syntax Error: Unterminated string."},
        {"\"\"\"abc\n\"\"", 2, 3, "Syntax Error: Unterminated string."},
        {"\"\\x\"", 1, 2, "Syntax Error: Invalid character escape sequence: \"\\x\"."},
        {"\"\\u12\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\u12\"\"."},
        {"\"\\uXYZW\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\uXYZW\"."},
        {"\"\\uD800\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\"."},
        {"\"\\uDC00\\uD800\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\uDC00\"."},
        {"\"\\uD800\\u0041\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\"."},
        {"\"\\u{}\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\"."},
        {"\"\\u{110000}\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\"."},
        {"\"\\u{D800}\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\u{D800}\"."},
        {"\"\\u{12G}\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\u{12G\"."},
        {"\"\\u{000000041}\"", 1, 2, "Syntax Error: Invalid Unicode escape sequence: \"\\u{000000041\"."},
        {"1a", 1, 2, "Syntax Error: Invalid number, expected digit but got: \"a\"."},
        {"01", 1, 2, "Syntax Error: Invalid number, unexpected digit after 0: \"1\"."},
        {"1.", 1, 3, "Syntax Error: Invalid number, expected digit but got: <EOF>."},
        {"1.e1", 1, 3, "Syntax Error: Invalid number, expected digit but got: \"e\"."},
        {"1e", 1, 3, "Syntax Error: Invalid number, expected digit but got: <EOF>."},
        {"1.5.1", 1, 4, "Syntax Error: Invalid number, expected digit but got: \".\"."},
        {"-", 1, 2, "Syntax Error: Invalid number, expected digit but got: <EOF>."},
        {"-x", 1, 2, "Syntax Error: Invalid number, expected digit but got: \"x\"."},
        {"1.5a", 1, 4, "Syntax Error: Invalid number, expected digit but got: \"a\"."},
        {"1\"", 1, 3, "Syntax Error: Unterminated string."}, /* `"` may follow a number */
        {"1e+", 1, 4, "Syntax Error: Invalid number, expected digit but got: <EOF>."},
        {"1_", 1, 2, "Syntax Error: Invalid number, expected digit but got: \"_\"."},
        {"1\xC3\xA9", 1, 2, "", /* followed by a non-name character: lexes, then fails */},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        GqlLoc loc = {0, 0};
        const char *m = lex_error_of(cases[i].src, &loc);
        if (!cases[i].message[0]) {
            CHECK_EQ_STR(m, "Syntax Error: Unexpected character: U+00E9.");
            continue;
        }
        if (strcmp(m, cases[i].message)) fprintf(stderr, "case %zu\n", i);
        CHECK_EQ_STR(m, cases[i].message);
        CHECK_EQ_INT(loc.line, cases[i].line);
        CHECK_EQ_INT(loc.col, cases[i].col);
    }
}

TEST(describe_char)
{
    Lexed l;
    char d[16];
    start(&l, "a\"\xC3\xA9\x01");
    gql_lex_describe_char(&l.lx, 0, d, sizeof d);
    CHECK_EQ_STR(d, "\"a\"");
    gql_lex_describe_char(&l.lx, 1, d, sizeof d);
    CHECK_EQ_STR(d, "'\"'");
    gql_lex_describe_char(&l.lx, 2, d, sizeof d);
    CHECK_EQ_STR(d, "U+00E9");
    gql_lex_describe_char(&l.lx, 4, d, sizeof d);
    CHECK_EQ_STR(d, "U+0001");
    gql_lex_describe_char(&l.lx, 5, d, sizeof d);
    CHECK_EQ_STR(d, "<EOF>");
}

TEST(utf8)
{
    uint32_t cp;
    CHECK_EQ_INT(gql_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    CHECK_EQ_INT(cp, 0x1F600);
    CHECK_EQ_INT(gql_utf8_decode((const unsigned char *)"\xF0\x9F\x98", 3, &cp), 3);
    CHECK_EQ_INT(cp, 0xFFFD);
    CHECK_EQ_INT(gql_utf8_decode((const unsigned char *)"\xC0\x80", 2, &cp), 1); /* overlong */
    CHECK_EQ_INT(cp, 0xFFFD);
    CHECK_EQ_INT(gql_utf8_decode((const unsigned char *)"\xE0\x80\x80", 3, &cp), 1);
    CHECK_EQ_INT(gql_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp), 1);
    char out[4];
    CHECK_EQ_INT(gql_utf8_encode(0x10FFFF, out), 4);
    CHECK(memcmp(out, "\xF4\x8F\xBF\xBF", 4) == 0);
    CHECK_EQ_INT(gql_utf8_encode(0xE9, out), 2);
    CHECK_EQ_INT(gql_utf8_encode(0x20AC, out), 3);
}

int main(void)
{
    arena_init(&arena, 0);
    RUN(punctuators_and_names);
    RUN(numbers);
    RUN(ignored_tokens_and_locations);
    RUN(columns_count_code_points);
    RUN(string_values);
    RUN(plain_strings_are_slices);
    RUN(block_string_values);
    RUN(lexical_errors);
    RUN(describe_char);
    RUN(utf8);
    arena_fini(&arena);
    return test_summary();
}
