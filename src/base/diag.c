/* diag.c - diagnostics list and terminal rendering, see diag.h. */
#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_init(Diag *d, Arena *a)
{
    d->arena = a;
    d->items = NULL;
    d->count = d->cap = 0;
}

DiagItem *diag_add(Diag *d, const char *id, SrcLoc loc, const char *fmt, ...)
{
    if (d->count == d->cap) {
        uint32_t cap = d->cap ? d->cap * 2 : 8;
        DiagItem *items = ARENA_ARRAY(d->arena, DiagItem, cap);
        if (d->count) memcpy(items, d->items, sizeof(DiagItem) * d->count);
        d->items = items;
        d->cap = cap;
    }
    DiagItem *it = &d->items[d->count++];
    memset(it, 0, sizeof *it);
    it->id = id;
    it->loc = loc;
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof tmp) {
        char *big = arena_alloc(d->arena, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        it->message = big;
    } else {
        it->message = arena_strdup(d->arena, tmp);
    }
    return it;
}

/* Finds the start and length of 1-based line `line` in src. */
static bool find_line(const char *src, size_t len, uint32_t line, size_t *start, size_t *n)
{
    size_t i = 0;
    uint32_t cur = 1;
    while (cur < line && i < len) {
        if (src[i] == '\n') cur++;
        else if (src[i] == '\r') {
            if (i + 1 < len && src[i + 1] == '\n') i++;
            cur++;
        }
        i++;
    }
    if (cur != line) return false;
    size_t j = i;
    while (j < len && src[j] != '\n' && src[j] != '\r') j++;
    *start = i;
    *n = j - i;
    return true;
}

void diag_print(const Diag *d, const char *filename, const char *src, size_t src_len,
                void *stream, bool color)
{
    FILE *f = stream;
    const char *red = color ? "\033[1;31m" : "", *bold = color ? "\033[1m" : "",
               *off = color ? "\033[0m" : "";
    for (uint32_t k = 0; k < d->count; k++) {
        const DiagItem *it = &d->items[k];
        if (it->loc.line)
            fprintf(f, "%s%s:%u:%u:%s ", bold, filename, it->loc.line, it->loc.col, off);
        else
            fprintf(f, "%s%s:%s ", bold, filename, off);
        fprintf(f, "%serror%s", red, off);
        if (it->id) fprintf(f, "[%s]", it->id);
        fprintf(f, ": %s\n", it->message);
        size_t start, n;
        if (src && it->loc.line && find_line(src, src_len, it->loc.line, &start, &n)) {
            fprintf(f, "%5u | %.*s\n      | ", it->loc.line, (int)n, src + start);
            /* Column counts code points; re-walk the line to place the caret under it,
             * copying tabs so the caret lines up. */
            uint32_t col = 1;
            for (size_t i = 0; i < n && col < it->loc.col; i++) {
                unsigned char c = (unsigned char)src[start + i];
                if ((c & 0xC0) == 0x80) continue;
                fputc(c == '\t' ? '\t' : ' ', f);
                col++;
            }
            fprintf(f, "%s^%s\n", red, off);
        }
    }
}
