/* ndf.h - Graphcool's Normalized Data Format: import into and export from the store.
 *
 * An NDF directory holds numbered JSON files in nodes/, lists/ and relations/, each
 * {"valueType": "nodes"|"lists"|"relations", "values": [...]}:
 *   nodes:     {"_typeName": "Post", "id": "c...", "createdAt": "...", "title": ...}
 *   lists:     {"_typeName": "Post", "id": "c...", "keywords": ["a", "b"]} (appended)
 *   relations: [{"_typeName": "Post", "id": "c...", "fieldName": "author"},
 *               {"_typeName": "User", "id": "c...", "fieldName": "posts"}]
 * Import applies files in name order, all nodes, then lists, then relations; ids,
 * createdAt and updatedAt are kept as given. Each file is one transaction, so a bad
 * record leaves nothing of its file behind; memory is bounded by one file. */
#ifndef RELATA_NDF_NDF_H
#define RELATA_NDF_NDF_H

#include <stdbool.h>
#include <stdio.h>

#include "store/store.h"

typedef struct NdfProgress {
    FILE *stream;      /* where progress goes (NULL: silent) */
    bool tty;          /* draw a progress bar instead of plain lines */
} NdfProgress;

typedef struct NdfStats {
    unsigned long long nodes, lists, relations, files;
} NdfStats;

/* Imports `path` (an NDF directory, or one NDF file) into the store through `c`.
 * Returns false with a message naming the file and record in `err` (size errlen). */
bool ndf_import(StoreConn *c, const DataModel *dm, const char *path, const NdfProgress *p,
                NdfStats *stats, char *err, size_t errlen);

/* Writes the whole store as an NDF directory `dir` (created if missing): nodes/,
 * lists/ and relations/ in files of at most `chunk` values. */
bool ndf_export(StoreConn *c, const DataModel *dm, const char *dir, unsigned chunk,
                NdfStats *stats, char *err, size_t errlen);

#endif
