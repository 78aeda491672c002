/* load.c - `types.graphql` -> DataModel: parse, check every rule, build.
 *
 * The SDL is parsed with gql_parse() into the model's own arena (the DataModel keeps a
 * copy of the source, so AST slices stay valid while we work). Checking runs in passes
 * and collects every violation (DATA-MODEL.md §10) instead of stopping at the first:
 *   A. definitions: kinds, names, duplicates, type directives, enums (check_defs.c);
 *   B. fields of each model: names, system fields, types and shapes, directives,
 *      defaults; relation fields are gathered with their @relation names
 *      (check_fields.c);
 *   C. relations: fields grouped by name, counts, mutual types, name rules; sides
 *      (check_relations.c).
 * Only a model that passed A-C is built here (field order, plurals, enum use) and then
 * checked for colliding generated names (names.c), which needs the finished structure. */
#include "model/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graphql/parser.h"

static bool has_errors(const Loader *l) { return l->d->count > l->errors0; }

/* The passes find errors out of document order (all names first, then fields, then
 * relations); a stable sort of our diagnostics by position reads better. Diagnostics
 * without a position keep their place at the end. */
static void sort_diags(Loader *l)
{
    DiagItem *v = l->d->items + l->errors0;
    uint32_t n = l->d->count - l->errors0;
    for (uint32_t i = 1; i < n; i++) {
        DiagItem x = v[i];
        uint64_t kx = x.loc.line ? (uint64_t)x.loc.line << 32 | x.loc.col : UINT64_MAX;
        uint32_t j = i;
        while (j > 0) {
            SrcLoc p = v[j - 1].loc;
            uint64_t kp = p.line ? (uint64_t)p.line << 32 | p.col : UINT64_MAX;
            if (kp <= kx) break;
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* ---- building ---- */

static int cmp_field(const void *x, const void *y)
{
    return strcmp((*(ModelField *const *)x)->name, (*(ModelField *const *)y)->name);
}
static int cmp_model(const void *x, const void *y)
{
    return strcmp((*(Model *const *)x)->name, (*(Model *const *)y)->name);
}
static int cmp_enum(const void *x, const void *y)
{
    return strcmp((*(ModelEnum *const *)x)->name, (*(ModelEnum *const *)y)->name);
}
static int cmp_relation(const void *x, const void *y)
{
    return strcmp((*(ModelRelation *const *)x)->name, (*(ModelRelation *const *)y)->name);
}

static void build(Loader *l)
{
    DataModel *dm = l->dm;
    dm->n_models = l->models.n;
    dm->models = ARENA_ARRAY(l->a, Model *, dm->n_models + 1);
    for (uint32_t i = 0; i < l->models.n; i++) {
        ModelDecl *md = l->models.items[i];
        Model *m = md->model;
        m->n_fields = md->fields.n;
        m->fields = ARENA_ARRAY(l->a, ModelField *, m->n_fields + 1);
        if (m->n_fields) memcpy(m->fields, md->fields.items, sizeof(ModelField *) * m->n_fields);
        qsort(m->fields, m->n_fields, sizeof *m->fields, cmp_field);
        for (uint32_t k = 0; k < m->n_fields; k++) {
            m->fields[k]->index = k;
            if (m->fields[k]->enum_type) ((ModelEnum *)m->fields[k]->enum_type)->used = true;
        }
        m->plural = model_pluralize(l->a, m->name);
        dm->models[i] = m;
    }
    qsort(dm->models, dm->n_models, sizeof *dm->models, cmp_model);
    for (uint32_t i = 0; i < dm->n_models; i++) dm->models[i]->index = i;

    dm->n_enums = l->enums.n;
    dm->enums = ARENA_ARRAY(l->a, ModelEnum *, dm->n_enums + 1);
    if (dm->n_enums) memcpy(dm->enums, l->enums.items, sizeof(ModelEnum *) * dm->n_enums);
    qsort(dm->enums, dm->n_enums, sizeof *dm->enums, cmp_enum);
    for (uint32_t i = 0; i < dm->n_enums; i++) dm->enums[i]->index = i;

    dm->n_relations = l->relations.n;
    dm->relations = ARENA_ARRAY(l->a, ModelRelation *, dm->n_relations + 1);
    if (dm->n_relations)
        memcpy(dm->relations, l->relations.items, sizeof(ModelRelation *) * dm->n_relations);
    qsort(dm->relations, dm->n_relations, sizeof *dm->relations, cmp_relation);
    for (uint32_t i = 0; i < dm->n_relations; i++) dm->relations[i]->index = i;
}

/* ---- entry points ---- */

/* True if the text holds only ignored tokens (whitespace, commas, comments, a BOM):
 * such a file is a valid empty model (DATA-MODEL.md §1.3), unlike an empty GraphQL
 * document. */
static bool only_ignored(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
            i++;
        } else if (c == '#') {
            while (i < n && s[i] != '\n' && s[i] != '\r') i++;
        } else {
            return false;
        }
    }
    return true;
}

DataModel *model_load(const char *src, size_t len, const char *filename, Diag *d)
{
    DataModel *dm = xcalloc(1, sizeof *dm);
    arena_init(&dm->arena, 64 * 1024);
    dm->filename = arena_strdup(&dm->arena, filename ? filename : "types.graphql");
    dm->source = arena_strndup(&dm->arena, src, len);
    dm->source_len = len;

    Loader l = {.dm = dm, .a = &dm->arena, .d = d, .errors0 = d->count};
    if (!only_ignored(dm->source, len)) {
        GqlParseError perr;
        GqlDocument *doc = gql_parse(l.a, dm->source, len, NULL, &perr);
        if (!doc) {
            DiagItem *it =
                diag_add(d, "SDL-SYNTAX", perr.loc, "Syntax error in the schema: %s", perr.message);
            it->type = "Global";
            model_free(dm);
            return NULL;
        }
        map_init(&l.types, l.a, doc->n_defs + 1);
        for (uint32_t i = 0; i < doc->n_defs; i++) model_check_definition(&l, &doc->defs[i]);
        for (uint32_t i = 0; i < l.models.n; i++) model_check_fields(&l, l.models.items[i]);
        model_check_relations(&l);
    }
    if (has_errors(&l)) {
        sort_diags(&l);
        model_free(dm);
        return NULL;
    }
    build(&l);
    if (!model_check_names(dm, d)) {
        sort_diags(&l);
        model_free(dm);
        return NULL;
    }
    return dm;
}

DataModel *model_load_file(const char *path, Diag *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        diag_add(d, "IO", (SrcLoc){0, 0}, "Cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 64 * 1024, len = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len == cap) buf = xrealloc(buf, cap *= 2);
    }
    bool failed = ferror(fp);
    int err = errno;
    fclose(fp);
    if (failed) {
        free(buf);
        diag_add(d, "IO", (SrcLoc){0, 0}, "Cannot read %s: %s", path, strerror(err));
        return NULL;
    }
    DataModel *dm = model_load(buf, len, path, d);
    free(buf);
    return dm;
}

void model_free(DataModel *dm)
{
    if (!dm) return;
    arena_fini(&dm->arena);
    free(dm);
}

static int cmp_name(const char *name, const char *key, size_t len)
{
    size_t n = strlen(name);
    int c = memcmp(name, key, n < len ? n : len);
    if (c) return c;
    return n < len ? -1 : n > len ? 1 : 0;
}

const Model *model_find(const DataModel *dm, const char *name, size_t len)
{
    uint32_t lo = 0, hi = dm->n_models;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(dm->models[mid]->name, name, len);
        if (c == 0) return dm->models[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const ModelField *model_find_field(const Model *m, const char *name, size_t len)
{
    uint32_t lo = 0, hi = m->n_fields;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(m->fields[mid]->name, name, len);
        if (c == 0) return m->fields[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
