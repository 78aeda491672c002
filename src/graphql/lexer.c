/* lexer.c - turns GraphQL source text into tokens, see lexer.h.
 *
 * One 256-entry class table drives the main switch (sqlite's aiClass); names, numbers
 * and punctuators never leave ASCII, so only strings and comments decode UTF-8. Error
 * messages and their positions follow graphql-js v16's lexer exactly, because clients
 * compare them. */
#include "graphql/lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- byte classes ---- */

enum {
    C_OTHER, /* not valid outside strings/comments: "Unexpected character" */
    C_WS,    /* space, tab, comma: ignored */
    C_LF,
    C_CR,
    C_HASH,  /* comment */
    C_PUNCT, /* one-byte punctuator, kind in gql_fast_kind[] */
    C_DOT,
    C_QUOTE,
    C_DIGIT,
    C_MINUS,
    C_NAME,  /* letter or underscore */
    C_HIGH,  /* >= 0x80: start of a multi-byte character */
};

static const uint8_t byte_class[256] = {
    ['\t'] = C_WS, [' '] = C_WS, [','] = C_WS,
    ['\n'] = C_LF, ['\r'] = C_CR, ['#'] = C_HASH,
    ['!'] = C_PUNCT, ['$'] = C_PUNCT, ['&'] = C_PUNCT, ['('] = C_PUNCT, [')'] = C_PUNCT,
    [':'] = C_PUNCT, ['='] = C_PUNCT, ['@'] = C_PUNCT, ['['] = C_PUNCT, [']'] = C_PUNCT,
    ['{'] = C_PUNCT, ['|'] = C_PUNCT, ['}'] = C_PUNCT,
    ['.'] = C_DOT, ['"'] = C_QUOTE, ['-'] = C_MINUS,
    ['0' ... '9'] = C_DIGIT,
    ['a' ... 'z'] = C_NAME, ['A' ... 'Z'] = C_NAME, ['_'] = C_NAME,
    [0x80 ... 0xFF] = C_HIGH,
};

/* Kind + 1 of the tokens the inline fast path in lexer.h finishes: one-byte
 * punctuators and names (by their first byte). */
const uint8_t gql_fast_kind[256] = {
    ['!'] = GQL_TOK_BANG + 1, ['$'] = GQL_TOK_DOLLAR + 1, ['&'] = GQL_TOK_AMP + 1,
    ['('] = GQL_TOK_PAREN_L + 1, [')'] = GQL_TOK_PAREN_R + 1, [':'] = GQL_TOK_COLON + 1,
    ['='] = GQL_TOK_EQUALS + 1, ['@'] = GQL_TOK_AT + 1, ['['] = GQL_TOK_BRACKET_L + 1,
    [']'] = GQL_TOK_BRACKET_R + 1, ['{'] = GQL_TOK_BRACE_L + 1, ['|'] = GQL_TOK_PIPE + 1,
    ['}'] = GQL_TOK_BRACE_R + 1,
    ['a' ... 'z'] = GQL_TOK_NAME + 1, ['A' ... 'Z'] = GQL_TOK_NAME + 1, ['_'] = GQL_TOK_NAME + 1,
};

/* Name continuation characters: letters, digits, underscore. */
const bool gql_name_char[256] = {
    ['0' ... '9'] = true, ['a' ... 'z'] = true, ['A' ... 'Z'] = true, ['_'] = true,
};

/* Bytes that end the fast scan inside a "..." or """...""" string: quotes, escapes,
 * line terminators (errors, or line counting) and multi-byte characters (columns). */
static const bool str_stop[256] = {
    ['"'] = true, ['\\'] = true, ['\n'] = true, ['\r'] = true, [0x80 ... 0xFF] = true,
};

static inline bool is_digit(unsigned c) { return c - '0' < 10; }
static inline bool is_name_start(unsigned c)
{
    return (c | 0x20) - 'a' < 26 || c == '_';
}

/* ---- UTF-8 ---- */

size_t gql_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2, v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3, v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F; /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4, v = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    size_t i = 1;
    for (; i < need; i++) {
        if (i >= n) break;
        unsigned b = p[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
        v = (v << 6) | (b & 0x3F);
    }
    if (i < need) {
        *cp = 0xFFFD; /* the maximal subpart counts as one replacement character */
        return i;
    }
    *cp = v;
    return need;
}

size_t gql_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* True when a decode produced U+FFFD for invalid input rather than reading a real
 * U+FFFD (EF BF BD, the only 3-byte sequence starting EF that decodes to it). */
static inline bool is_bad(const unsigned char *p, size_t k, uint32_t cp)
{
    return cp == 0xFFFD && !(k == 3 && p[0] == 0xEF);
}

/* ---- errors ---- */

void gql_lexer_init(GqlLexer *lx, const char *src, size_t len, GqlParseError *err)
{
    lx->src = src;
    lx->len = len;
    lx->pos = 0;
    lx->line = 1;
    lx->col_base = 0;
    lx->err = err;
}

static inline GqlLoc loc_at(const GqlLexer *lx, size_t pos)
{
    return (GqlLoc){lx->line, (uint32_t)(1 + pos - lx->col_base)};
}

void gql_lex_describe_char(const GqlLexer *lx, size_t pos, char *out, size_t cap)
{
    if (pos >= lx->len) {
        snprintf(out, cap, "<EOF>");
        return;
    }
    const unsigned char *s = (const unsigned char *)lx->src;
    unsigned c = s[pos];
    if (c == '"') {
        snprintf(out, cap, "'\"'");
    } else if (c >= 0x20 && c <= 0x7E) {
        snprintf(out, cap, "\"%c\"", (char)c);
    } else {
        uint32_t cp;
        gql_utf8_decode(s + pos, lx->len - pos, &cp);
        snprintf(out, cap, "U+%04X", (unsigned)cp);
    }
}

static bool lex_error(GqlLexer *lx, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool lex_error(GqlLexer *lx, size_t pos, const char *fmt, ...)
{
    GqlParseError *e = lx->err;
    int n = snprintf(e->message, sizeof e->message, "Syntax Error: ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message + n, sizeof e->message - (size_t)n, fmt, ap);
    va_end(ap);
    e->loc = loc_at(lx, pos);
    return false;
}

/* "Unexpected character: X." for the character at pos. */
static bool error_char(GqlLexer *lx, const char *what, size_t pos)
{
    char d[16];
    gql_lex_describe_char(lx, pos, d, sizeof d);
    return lex_error(lx, pos, "%s%s.", what, d);
}

/* ---- escapes ---- */

static int hex_val(const GqlLexer *lx, size_t pos)
{
    if (pos >= lx->len) return -1;
    unsigned c = (unsigned char)lx->src[pos];
    if (c - '0' < 10) return (int)(c - '0');
    if (c - 'A' < 6) return (int)(c - 'A' + 10);
    if (c - 'a' < 6) return (int)(c - 'a' + 10);
    return -1;
}

static int32_t hex4(const GqlLexer *lx, size_t pos)
{
    int a = hex_val(lx, pos), b = hex_val(lx, pos + 1), c = hex_val(lx, pos + 2),
        d = hex_val(lx, pos + 3);
    if ((a | b | c | d) < 0) return -1;
    return (a << 12) | (b << 8) | (c << 4) | d;
}

static bool is_scalar(int64_t cp)
{
    return (cp >= 0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0x10FFFF);
}

/* Byte offset of the position `count` characters after pos (clamped to the end), for
 * quoting a piece of the source the way graphql-js slices it. */
static size_t skip_chars(const GqlLexer *lx, size_t pos, size_t count)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    while (count-- && pos < lx->len) {
        uint32_t cp;
        pos += gql_utf8_decode(s + pos, lx->len - pos, &cp);
    }
    return pos;
}

static size_t copy_char(const unsigned char *p, size_t n, char **o);

static bool error_escape(GqlLexer *lx, const char *what, size_t pos, size_t nchars)
{
    /* At most 12 characters of up to 4 bytes (3 for U+FFFD replacing bad UTF-8). */
    char text[64], *o = text;
    size_t end = skip_chars(lx, pos, nchars);
    for (size_t i = pos; i < end;)
        i += copy_char((const unsigned char *)lx->src + i, end - i, &o);
    return lex_error(lx, pos, "%s: \"%.*s\".", what, (int)(o - text), text);
}

/* Reads the escape sequence starting with the backslash at `pos`. Returns its length in
 * bytes and the code point in *cp, or 0 after reporting an error. */
static size_t read_escape(GqlLexer *lx, size_t pos, uint32_t *cp)
{
    const char *s = lx->src;
    unsigned c = pos + 1 < lx->len ? (unsigned char)s[pos + 1] : 0x100;
    switch (c) {
    case '"': *cp = '"'; return 2;
    case '\\': *cp = '\\'; return 2;
    case '/': *cp = '/'; return 2;
    case 'b': *cp = '\b'; return 2;
    case 'f': *cp = '\f'; return 2;
    case 'n': *cp = '\n'; return 2;
    case 'r': *cp = '\r'; return 2;
    case 't': *cp = '\t'; return 2;
    case 'u': break;
    default: return error_escape(lx, "Invalid character escape sequence", pos, 2), 0;
    }
    if (pos + 2 < lx->len && s[pos + 2] == '{') {
        /* \u{X...}: at most 12 characters in all, as graphql-js. The code point is
         * accumulated in 32 bits, where a 32-bit overflow ends the sequence early. */
        int32_t point = 0;
        size_t size = 3;
        while (size < 12) {
            size_t at = pos + size++;
            if (at < lx->len && s[at] == '}') {
                if (size < 5 || !is_scalar(point)) break;
                *cp = (uint32_t)point;
                return size;
            }
            int h = hex_val(lx, at);
            if (h < 0) break;
            point = (int32_t)(((uint32_t)point << 4) | (uint32_t)h);
            if (point < 0) break;
        }
        return error_escape(lx, "Invalid Unicode escape sequence", pos, size), 0;
    }
    int32_t v = hex4(lx, pos + 2);
    if (v >= 0 && is_scalar(v)) {
        *cp = (uint32_t)v;
        return 6;
    }
    /* A JSON-style surrogate pair \uD83D\uDE00 is one character. */
    if (v >= 0xD800 && v <= 0xDBFF && pos + 7 < lx->len && s[pos + 6] == '\\' &&
        s[pos + 7] == 'u') {
        int32_t t = hex4(lx, pos + 8);
        if (t >= 0xDC00 && t <= 0xDFFF) {
            *cp = 0x10000 + (((uint32_t)v - 0xD800) << 10) + ((uint32_t)t - 0xDC00);
            return 12;
        }
    }
    return error_escape(lx, "Invalid Unicode escape sequence", pos, 6), 0;
}

/* ---- token scanners ---- */

static bool scan_string(GqlLexer *lx, GqlToken *t)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    size_t n = lx->len, i = t->start + 1;
    while (i < n) {
        unsigned c = s[i];
        if (!str_stop[c]) {
            i++;
            continue;
        }
        if (c == '"') {
            t->end = i + 1;
            lx->pos = i + 1;
            return true;
        }
        if (c == '\\') {
            uint32_t cp;
            size_t k = read_escape(lx, i, &cp);
            if (!k) return false;
            t->flags |= GQL_TOKF_ESCAPES;
            i += k;
            continue;
        }
        if (c == '\n' || c == '\r') break;
        uint32_t cp;
        size_t k = gql_utf8_decode(s + i, n - i, &cp);
        if (is_bad(s + i, k, cp)) t->flags |= GQL_TOKF_BADUTF8;
        lx->col_base += k - 1;
        i += k;
    }
    return lex_error(lx, i, "Unterminated string.");
}

static bool scan_block_string(GqlLexer *lx, GqlToken *t)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    size_t n = lx->len, i = t->start + 3;
    while (i < n) {
        unsigned c = s[i];
        if (!str_stop[c]) {
            i++;
            continue;
        }
        if (c == '"') {
            if (i + 2 < n && s[i + 1] == '"' && s[i + 2] == '"') {
                t->end = i + 3;
                lx->pos = i + 3;
                return true;
            }
            i++;
        } else if (c == '\\') {
            i += (i + 3 < n && s[i + 1] == '"' && s[i + 2] == '"' && s[i + 3] == '"') ? 4 : 1;
        } else if (c == '\n' || c == '\r') {
            i += (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            lx->line++;
            lx->col_base = i;
        } else {
            uint32_t cp;
            size_t k = gql_utf8_decode(s + i, n - i, &cp);
            if (is_bad(s + i, k, cp)) t->flags |= GQL_TOKF_BADUTF8;
            lx->col_base += k - 1;
            i += k;
        }
    }
    return lex_error(lx, i, "Unterminated string.");
}

static bool scan_number(GqlLexer *lx, GqlToken *t)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    size_t n = lx->len, i = t->start;
#define AT(k) ((k) < n ? (unsigned)s[k] : 0x100u)
    bool is_float = false;
    if (s[i] == '-') i++;
    if (AT(i) == '0') {
        i++;
        if (is_digit(AT(i))) return error_char(lx, "Invalid number, unexpected digit after 0: ", i);
    } else {
        if (!is_digit(AT(i))) return error_char(lx, "Invalid number, expected digit but got: ", i);
        while (is_digit(AT(i))) i++;
    }
    if (AT(i) == '.') {
        is_float = true;
        i++;
        if (!is_digit(AT(i))) return error_char(lx, "Invalid number, expected digit but got: ", i);
        while (is_digit(AT(i))) i++;
    }
    if ((AT(i) | 0x20) == 'e') {
        is_float = true;
        i++;
        if (AT(i) == '+' || AT(i) == '-') i++;
        if (!is_digit(AT(i))) return error_char(lx, "Invalid number, expected digit but got: ", i);
        while (is_digit(AT(i))) i++;
    }
    if (AT(i) == '.' || is_name_start(AT(i)))
        return error_char(lx, "Invalid number, expected digit but got: ", i);
#undef AT
    t->kind = is_float ? GQL_TOK_FLOAT : GQL_TOK_INT;
    t->end = i;
    lx->pos = i;
    return true;
}

bool gql_lex_scan(GqlLexer *lx, GqlToken *t)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    size_t n = lx->len, i = lx->pos;
    for (;;) {
        if (i >= n) {
            lx->pos = n;
            t->kind = GQL_TOK_EOF;
            t->flags = 0;
            t->start = t->end = n;
            t->loc = loc_at(lx, n);
            return true;
        }
        unsigned c = s[i];
        switch (byte_class[c]) {
        case C_WS:
            i++;
            continue;
        case C_LF:
            i++;
            lx->line++;
            lx->col_base = i;
            continue;
        case C_CR:
            i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            lx->line++;
            lx->col_base = i;
            continue;
        case C_HASH:
            /* A comment runs to the end of the line; it may hold any character. */
            for (i++; i < n; i++) {
                c = s[i];
                if (c == '\n' || c == '\r') break;
                if (c >= 0x80) {
                    uint32_t cp;
                    size_t k = gql_utf8_decode(s + i, n - i, &cp);
                    lx->col_base += k - 1;
                    i += k - 1;
                }
            }
            continue;
        case C_HIGH: {
            uint32_t cp;
            size_t k = gql_utf8_decode(s + i, n - i, &cp);
            if (cp == 0xFEFF) { /* byte order mark: ignored anywhere, as graphql-js */
                lx->col_base += k - 1;
                i += k;
                continue;
            }
            lx->pos = i;
            return error_char(lx, "Unexpected character: ", i);
        }
        default:
            break;
        }
        break;
    }
    t->start = i;
    t->flags = 0;
    t->loc = loc_at(lx, i);
    unsigned c = s[i];
    switch (byte_class[c]) {
    case C_PUNCT:
        t->kind = (GqlTokKind)(gql_fast_kind[c] - 1);
        t->end = lx->pos = i + 1;
        return true;
    case C_NAME: {
        size_t j = i + 1;
        while (j < n && gql_name_char[s[j]]) j++;
        t->kind = GQL_TOK_NAME;
        t->end = lx->pos = j;
        return true;
    }
    case C_DIGIT:
    case C_MINUS:
        return scan_number(lx, t);
    case C_QUOTE:
        if (i + 2 < n && s[i + 1] == '"' && s[i + 2] == '"') {
            t->kind = GQL_TOK_BLOCK_STRING;
            return scan_block_string(lx, t);
        }
        t->kind = GQL_TOK_STRING;
        return scan_string(lx, t);
    case C_DOT:
        if (i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
            t->kind = GQL_TOK_SPREAD;
            t->end = lx->pos = i + 3;
            return true;
        }
        break;
    default:
        break;
    }
    lx->pos = i;
    if (c == '\'')
        return lex_error(lx, i, "Unexpected single quote character ('), did you mean to use a "
                                "double quote (\")?");
    return error_char(lx, "Unexpected character: ", i);
}

/* ---- values ---- */

/* Appends U+FFFD for an invalid sequence or copies the valid character; returns bytes
 * consumed from p. */
static size_t copy_char(const unsigned char *p, size_t n, char **o)
{
    uint32_t cp;
    size_t k = gql_utf8_decode(p, n, &cp);
    if (is_bad(p, k, cp)) {
        memcpy(*o, "\xEF\xBF\xBD", 3);
        *o += 3;
    } else {
        memcpy(*o, p, k);
        *o += k;
    }
    return k;
}

static Str decode_string(const GqlLexer *lx, const GqlToken *t, Arena *a)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    size_t i = t->start + 1, end = t->end - 1;
    size_t raw = end - i;
    char *out = arena_alloc(a, raw * ((t->flags & GQL_TOKF_BADUTF8) ? 3 : 1) + 1);
    char *o = out;
    GqlLexer tmp = *lx; /* read_escape cannot fail here: the token was validated */
    while (i < end) {
        unsigned c = s[i];
        if (c == '\\') {
            uint32_t cp = 0;
            i += read_escape(&tmp, i, &cp);
            o += gql_utf8_encode(cp, o);
        } else if (c < 0x80) {
            *o++ = (char)c;
            i++;
        } else {
            i += copy_char(s + i, end - i, &o);
        }
    }
    *o = 0;
    return (Str){out, (size_t)(o - out)};
}

/* Block string value (spec "BlockStringValue"): unescape \""", split into lines at any
 * line terminator, remove the common indentation of all lines but the first, drop
 * leading and trailing blank lines, and join with \n. */
static Str decode_block_string(const GqlLexer *lx, const GqlToken *t, Arena *a)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    size_t i = t->start + 3, end = t->end - 3;
    size_t raw = end - i;
    char *buf = arena_alloc(a, raw * ((t->flags & GQL_TOKF_BADUTF8) ? 3 : 1) + 1);
    char *o = buf;
    /* Pass 1: unescape and normalise line terminators to \n. */
    while (i < end) {
        unsigned c = s[i];
        if (c == '\\' && i + 3 < end && s[i + 1] == '"' && s[i + 2] == '"' && s[i + 3] == '"') {
            memcpy(o, "\"\"\"", 3);
            o += 3;
            i += 4;
        } else if (c == '\r') {
            *o++ = '\n';
            i += (i + 1 < end && s[i + 1] == '\n') ? 2 : 1;
        } else if (c < 0x80) {
            *o++ = (char)c;
            i++;
        } else {
            i += copy_char(s + i, end - i, &o);
        }
    }
    size_t len = (size_t)(o - buf);
    /* Pass 2: common indentation of the lines after the first, and the first and last
     * non-blank lines. */
    size_t common = SIZE_MAX, first_start = SIZE_MAX, last_end = 0;
    bool first_line = true;
    for (size_t ls = 0; ls <= len;) {
        size_t le = ls;
        while (le < len && buf[le] != '\n') le++;
        size_t ind = 0;
        while (ls + ind < le && (buf[ls + ind] == ' ' || buf[ls + ind] == '\t')) ind++;
        if (ls + ind < le) {
            if (first_start == SIZE_MAX) first_start = ls;
            last_end = le;
            if (!first_line && ind < common) common = ind;
        }
        first_line = false;
        ls = le + 1;
    }
    if (first_start == SIZE_MAX) {
        buf[0] = 0;
        return (Str){buf, 0};
    }
    /* Pass 3: copy lines first_start..last_end in place, stripping `common` from each
     * line but the very first line of the string. */
    char *w = buf;
    for (size_t ls = first_start; ls <= last_end;) {
        size_t le = ls;
        while (le < last_end && buf[le] != '\n') le++;
        size_t from = ls;
        if (ls != 0) from = ls + (le - ls < common ? le - ls : common);
        if (w != buf) *w++ = '\n';
        memmove(w, buf + from, le - from);
        w += le - from;
        ls = le + 1;
    }
    *w = 0;
    return (Str){buf, (size_t)(w - buf)};
}

Str gql_token_value(const GqlLexer *lx, const GqlToken *t, Arena *a)
{
    switch (t->kind) {
    case GQL_TOK_STRING:
        if (!(t->flags & (GQL_TOKF_ESCAPES | GQL_TOKF_BADUTF8)))
            return (Str){lx->src + t->start + 1, t->end - t->start - 2};
        return decode_string(lx, t, a);
    case GQL_TOK_BLOCK_STRING:
        return decode_block_string(lx, t, a);
    default:
        return (Str){lx->src + t->start, t->end - t->start};
    }
}

const char *gql_tok_kind_desc(GqlTokKind k)
{
    static const char *const names[] = {
        [GQL_TOK_EOF] = "<EOF>",        [GQL_TOK_BANG] = "\"!\"",
        [GQL_TOK_DOLLAR] = "\"$\"",     [GQL_TOK_AMP] = "\"&\"",
        [GQL_TOK_PAREN_L] = "\"(\"",    [GQL_TOK_PAREN_R] = "\")\"",
        [GQL_TOK_SPREAD] = "\"...\"",   [GQL_TOK_COLON] = "\":\"",
        [GQL_TOK_EQUALS] = "\"=\"",     [GQL_TOK_AT] = "\"@\"",
        [GQL_TOK_BRACKET_L] = "\"[\"",  [GQL_TOK_BRACKET_R] = "\"]\"",
        [GQL_TOK_BRACE_L] = "\"{\"",    [GQL_TOK_PIPE] = "\"|\"",
        [GQL_TOK_BRACE_R] = "\"}\"",    [GQL_TOK_NAME] = "Name",
        [GQL_TOK_INT] = "Int",          [GQL_TOK_FLOAT] = "Float",
        [GQL_TOK_STRING] = "String",    [GQL_TOK_BLOCK_STRING] = "BlockString",
    };
    return names[k];
}
