/* buf.h - a growable byte buffer in an arena, and the JSON writer on top of it.
 *
 * Responses and SQL text are written straight into one Buf. Growing allocates a new
 * region from the arena and copies (the old region is reclaimed with the arena), so a
 * Buf never needs freeing. The contents are always NUL-terminated for convenience. */
#ifndef RELATA_BASE_BUF_H
#define RELATA_BASE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/str.h"

typedef struct Buf {
    Arena *arena;
    char *data;
    size_t len, cap;
} Buf;

void buf_init(Buf *b, Arena *a, size_t initial);
void buf_reserve(Buf *b, size_t extra);
void buf_put(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *z);
static inline void buf_putc(Buf *b, char c)
{
    if (b->len + 2 > b->cap) buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = 0;
}
static inline void buf_put_str(Buf *b, Str s) { buf_put(b, s.ptr, s.len); }
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
static inline void buf_clear(Buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = 0;
}
static inline Str buf_str(const Buf *b) { return (Str){b->data, b->len}; }

/* JSON writing. The caller places commas; these write one value each. */
/* Writes `s` as a JSON string literal with quotes; invalid UTF-8 bytes become U+FFFD. */
void json_put_string(Buf *b, const char *s, size_t n);
static inline void json_put_str(Buf *b, Str s) { json_put_string(b, s.ptr, s.len); }
static inline void json_put_cstr(Buf *b, const char *z) { json_put_string(b, z, strlen(z)); }
void json_put_int(Buf *b, long long v);
/* Shortest text that round-trips the double (JSON has no inf/nan: written as null). */
void json_put_double(Buf *b, double v);
/* Writes the shortest round-trip decimal form of v into out (at least 32 bytes). */
int fmt_double_shortest(char *out, size_t cap, double v);

#endif
