/* diag.h - diagnostics: user errors collected by a compile stage.
 *
 * Deep code calls diag_add(d, code, loc, fmt, ...) and returns false/NULL; the stage
 * boundary checks d->count (sqlite's Parse + sqlite3ErrorMsg). A diagnostic carries an
 * identifier (`SDL-RELATION-COUNT`), optionally a numeric Graphcool code (3002), a
 * message and a 1-based line:column (0:0 when it has no position). Messages live in the
 * Diag's arena. */
#ifndef RELATA_BASE_DIAG_H
#define RELATA_BASE_DIAG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"

typedef struct SrcLoc {
    uint32_t line, col; /* 1-based; 0 means unknown */
} SrcLoc;

typedef struct DiagItem {
    const char *id;      /* e.g. "SDL-RELATION-COUNT", or NULL */
    int code;            /* Graphcool code, 0 if none */
    const char *message; /* full message */
    SrcLoc loc;
    const char *type;    /* model/enum name the error is about (model errors), or NULL */
    const char *field;   /* field name (model errors), or NULL */
} DiagItem;

typedef struct Diag {
    Arena *arena;
    DiagItem *items;
    uint32_t count, cap;
} Diag;

void diag_init(Diag *d, Arena *a);
DiagItem *diag_add(Diag *d, const char *id, SrcLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Prints `file:line:col: error[ID]: message`, then the source line and a caret under the
 * column when `src` is given (jq's locfile). */
void diag_print(const Diag *d, const char *filename, const char *src, size_t src_len,
                void *stream /* FILE* */, bool color);

#endif
