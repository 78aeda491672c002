/* internal.h - declarations shared by the files of src/model/ only. */
#ifndef RELATA_MODEL_INTERNAL_H
#define RELATA_MODEL_INTERNAL_H

#include "model/model.h"
#include "base/str.h"

/* Text of a @defaultValue/@migrationValue literal (DATA-MODEL.md §5.2): a string gives
 * its content, numbers and enum values their literal text, booleans true/false. Returns
 * false for literals that have no text form (null, list, object, variable). */
bool model_literal_text(const GqlValue *v, Str *text);

/* True iff the related model of relation field `f` has a writable field other than a
 * to-one field of f's own relation (SIMPLE-API.md §3.6 HasNested). */
bool model_has_nested(const ModelField *f);

/* Name of the nested create input type N(f) of relation field `f` (SIMPLE-API.md §3.6),
 * allocated from `a`. */
const char *model_nested_type_name(Arena *a, const ModelField *f);

/* Checks that the generated API names of a fully built model do not collide
 * (DATA-MODEL.md §8, SDL-NAME-COLLISION). Adds diagnostics to `d`; returns false if any. */
bool model_check_names(const DataModel *dm, Diag *d);

/* Copies `z` into the Diag's arena (DiagItem.type/.field must outlive the model). */
const char *model_diag_str(Diag *d, const char *z, size_t n);

#endif
