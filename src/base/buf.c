/* buf.c - arena-backed growable buffer and JSON value writer, see buf.h. */
#include "base/buf.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(Buf *b, Arena *a, size_t initial)
{
    b->arena = a;
    b->len = 0;
    b->cap = initial < 16 ? 16 : initial;
    b->data = arena_alloc(a, b->cap);
    b->data[0] = 0;
}

void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 16;
    while (cap < b->len + extra + 1) cap *= 2;
    char *d = arena_alloc(b->arena, cap);
    if (b->len) memcpy(d, b->data, b->len);
    d[b->len] = 0;
    b->data = d;
    b->cap = cap;
}

void buf_put(Buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_puts(Buf *b, const char *z) { buf_put(b, z, strlen(z)); }

/* The common formats (identifiers and numbers into SQL and JSON: "t%u.", "?%u",
 * "%s%s") are written directly: vsnprintf's generic machinery costs hundreds of
 * instructions per call, and the SQL compiler calls it for every alias. A format is
 * taken by this path only if every conversion is one of %s %.*s %d %u %ld %lu %lld
 * %llu %zu %c %%, without flags or widths; anything else goes to vsnprintf. */
static bool simple_format(const char *f)
{
    for (; *f; f++) {
        if (*f != '%') continue;
        f++;
        if (*f == '%' || *f == 's' || *f == 'd' || *f == 'u' || *f == 'c') continue;
        if (f[0] == '.' && f[1] == '*' && f[2] == 's') {
            f += 2;
            continue;
        }
        if (f[0] == 'z' && f[1] == 'u') {
            f++;
            continue;
        }
        if (f[0] == 'l') {
            f += f[1] == 'l' ? 2 : 1;
            if (*f == 'd' || *f == 'u') continue;
        }
        return false;
    }
    return true;
}

static void put_unsigned(Buf *b, unsigned long long v)
{
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_reserve(b, (size_t)k);
    while (k) b->data[b->len++] = tmp[--k];
    b->data[b->len] = 0;
}

static void put_signed(Buf *b, long long v)
{
    if (v < 0) {
        buf_putc(b, '-');
        put_unsigned(b, 0ULL - (unsigned long long)v);
    } else {
        put_unsigned(b, (unsigned long long)v);
    }
}

static void fast_printf(Buf *b, const char *f, va_list ap)
{
    const char *lit = f;
    for (; *f; f++) {
        if (*f != '%') continue;
        if (f > lit) buf_put(b, lit, (size_t)(f - lit));
        f++;
        switch (*f) {
        case '%':
            buf_putc(b, '%');
            break;
        case 's': {
            const char *z = va_arg(ap, const char *);
            buf_puts(b, z ? z : "(null)");
            break;
        }
        case 'c':
            buf_putc(b, (char)va_arg(ap, int));
            break;
        case 'd':
            put_signed(b, va_arg(ap, int));
            break;
        case 'u':
            put_unsigned(b, va_arg(ap, unsigned));
            break;
        case '.': { /* %.*s: at most n bytes, stopping at a NUL like printf */
            int n = va_arg(ap, int);
            const char *z = va_arg(ap, const char *);
            size_t len = 0;
            if (n > 0 && z) {
                const char *nul = memchr(z, 0, (size_t)n);
                len = nul ? (size_t)(nul - z) : (size_t)n;
            }
            buf_put(b, z, len);
            f += 2;
            break;
        }
        case 'z':
            put_unsigned(b, va_arg(ap, size_t));
            f++;
            break;
        case 'l':
            if (f[1] == 'l') {
                f += 2;
                if (*f == 'd')
                    put_signed(b, va_arg(ap, long long));
                else
                    put_unsigned(b, va_arg(ap, unsigned long long));
            } else {
                f++;
                if (*f == 'd')
                    put_signed(b, va_arg(ap, long));
                else
                    put_unsigned(b, va_arg(ap, unsigned long));
            }
            break;
        }
        lit = f + 1;
    }
    if (f > lit) buf_put(b, lit, (size_t)(f - lit));
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
    if (simple_format(fmt)) {
        fast_printf(b, fmt, ap);
        return;
    }
    va_list ap2;
    va_copy(ap2, ap);
    size_t room = b->cap - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    if ((size_t)n >= room) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
    }
    va_end(ap2);
    b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* Length of the valid UTF-8 sequence starting at p (1..4), or 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80) return 1;
    size_t len;
    unsigned min;
    if ((c & 0xE0) == 0xC0) len = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, min = 0x10000;
    else return 0;
    if (len > n) return 0;
    unsigned cp = c & (0xFF >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

void json_put_string(Buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    buf_reserve(b, n + 2);
    buf_putc(b, '"');
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            run++;
            continue;
        }
        if (run) buf_put(b, p + i - run, run);
        run = 0;
        if (c >= 0x80) {
            size_t l = utf8_seq(p + i, n - i);
            if (l == 0) {
                buf_put(b, "\xEF\xBF\xBD", 3);
                i++;
            } else {
                buf_put(b, p + i, l);
                i += l;
            }
            continue;
        }
        switch (c) {
        case '"': buf_put(b, "\\\"", 2); break;
        case '\\': buf_put(b, "\\\\", 2); break;
        case '\n': buf_put(b, "\\n", 2); break;
        case '\r': buf_put(b, "\\r", 2); break;
        case '\t': buf_put(b, "\\t", 2); break;
        case '\b': buf_put(b, "\\b", 2); break;
        case '\f': buf_put(b, "\\f", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_put(b, u, 6);
        }
        }
        i++;
    }
    if (run) buf_put(b, p + i - run, run);
    buf_putc(b, '"');
}

void json_put_int(Buf *b, long long v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%lld", v);
    buf_put(b, tmp, (size_t)n);
}

int fmt_double_shortest(char *out, size_t cap, double v)
{
    /* Try increasing precision until the text parses back to the same double. */
    for (int prec = 1; prec <= 17; prec++) {
        int n = snprintf(out, cap, "%.*g", prec, v);
        if (strtod(out, NULL) == v) return n;
    }
    return snprintf(out, cap, "%.17g", v);
}

void json_put_double(Buf *b, double v)
{
    if (!isfinite(v)) {
        buf_put(b, "null", 4);
        return;
    }
    char tmp[40];
    int n = fmt_double_shortest(tmp, sizeof tmp, v);
    buf_put(b, tmp, (size_t)n);
}
