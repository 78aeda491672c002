/* plural.c - P(name): the plural of a model name (SIMPLE-API.md Appendix A).
 *
 * Reproduces evo-inflector 1.2 (English, anglicized) as the spec lists it: ordered rules,
 * the first that applies wins. Every pattern rule of the appendix is anchored at the end
 * of the name except `ulum`, so instead of a regex engine each rule is a suffix test on
 * the lower-cased name, optionally with a one-character class in front ("kept" context
 * of the capture group, which keeps its original case). Replacement text is lower case. */
#include "model/model.h"

#include <ctype.h>
#include <string.h>

/* ---- suffix-list rules ---- */

typedef struct SuffixList {
    const char *const *words; /* NULL-terminated */
    const char *strip;        /* s: removed from the end of the name */
    const char *add;          /* p: appended */
} SuffixList;

static const char *const uncountable[] = {
    "fish", "ois", "sheep", "deer", "pox", "itis", "bison", "flounder", "pliers", "bream",
    "gallows", "proceedings", "breeches", "graffiti", "rabies", "britches", "headquarters",
    "salmon", "carp", "herpes", "scissors", "chassis", "high-jinks", "sea-bass", "clippers",
    "homework", "series", "cod", "innings", "shears", "contretemps", "jackanapes", "species",
    "corps", "mackerel", "swine", "debris", "measles", "trout", "diabetes", "mews", "tuna",
    "djinn", "mumps", "whiting", "eland", "news", "wildebeest", "elk", "pincers", "sugar",
    NULL};

/* Rule 2: irregular words. Every plural shares its singular's first letter, which the
 * pattern `(<first>)<rest>$` keeps in its original case. */
static const char *const irregular[][2] = {
    {"child", "children"}, {"ephemeris", "ephemerides"}, {"mongoose", "mongoose"},
    {"mythos", "mythoi"},   {"soliloquy", "soliloquies"}, {"trilby", "trilbys"},
    {"genus", "genera"},    {"quiz", "quizzes"},          {"beef", "beefs"},
    {"brother", "brothers"}, {"cow", "cows"},             {"genie", "genies"},
    {"money", "moneys"},    {"octopus", "octopuses"},     {"opus", "opuses"},
};

static const char *const human_words[] = {"human", NULL};
static const char *const ex_words[] = {"codex", "murex", "silex", NULL};
static const char *const ix_words[] = {"radix", "helix", NULL};
static const char *const um_words[] = {"bacterium", "agendum", "desideratum", "erratum",
                                       "stratum", "datum", "ovum", "extremum", "candelabrum",
                                       NULL};
static const char *const on_words[] = {"criterion", "perihelion", "aphelion", "phenomenon",
                                       "prolegomenon", "noumenon", "organon", "asyndeton",
                                       "hyperbaton", NULL};
static const char *const a_words[] = {"alumna", "alga", "vertebra", "persona", NULL};
static const char *const us_i_words[] = {"alumnus", "alveolus", "bacillus", "bronchus",
                                         "locus", "nucleus", "stimulus", "meniscus",
                                         "thesaurus", NULL};
static const char *const es_words[] = {
    "acropolis", "chaos", "lens", "aegis", "cosmos", "mantis", "alias", "dais", "marquis",
    "asbestos", "digitalis", "metropolis", "atlas", "epidermis", "pathos", "bathos", "ethos",
    "pelvis", "bias", "gas", "polis", "caddis", "glottis", "rhinoceros", "cannabis",
    "sassafras", "canvas", "ibis", "trellis", NULL};
static const char *const iris_words[] = {"iris", "clitoris", NULL};
static const char *const us_es_words[] = {"apparatus", "impetus", "prospectus", "cantus",
                                          "nexus", "sinus", "coitus", "plexus", "status",
                                          "hiatus", NULL};
static const char *const ma_words[] = {
    "anathema", "enema", "oedema", "bema", "enigma", "sarcoma", "carcinoma", "gumma", "schema",
    "charisma", "lemma", "soma", "diploma", "lymphoma", "stigma", "dogma", "magma", "stoma",
    "drama", "melisma", "trauma", "edema", "miasma", NULL};
static const char *const o_words1[] = {"solo", "soprano", "basso", "alto", "contralto",
                                       "tempo", "piano", "virtuoso", NULL};
static const char *const o_words2[] = {
    "albino", "archipelago", "armadillo", "commando", "crescendo", "fiasco", "ditto",
    "dynamo", "embryo", "ghetto", "guano", "inferno", "jumbo", "lumbago", "magneto",
    "manifesto", "medico", "octavo", "photo", "pro", "quarto", "canto", "lingo",
    "generalissimo", "stylo", "rhino", "casino", "auto", "macro", "zero", NULL};

/* ---- end-anchored pattern rules ----
 * A pattern matches when the lower-cased name ends with `tail` and, if `ctx` is given,
 * the character just before the tail is in that class (a leading '^' negates it; a
 * missing character does not match). The result is the name without its last `strip`
 * characters, plus `add`: the captured context is thereby kept in its original case. */
typedef struct Pattern {
    const char *tail;  /* literal suffix (lower case) */
    const char *ctx;   /* class for the character just before tail, or NULL */
    size_t strip;      /* characters removed from the end */
    const char *add;   /* appended */
} Pattern;

typedef struct Name {
    const char *name; /* original */
    char *lower;
    size_t n;
} Name;

static bool ends_with(const Name *w, const char *suffix)
{
    size_t k = strlen(suffix);
    return k <= w->n && memcmp(w->lower + w->n - k, suffix, k) == 0;
}

static bool in_class(const char *cls, char c)
{
    if (cls[0] == '^') return strchr(cls + 1, c) == NULL;
    return strchr(cls, c) != NULL;
}

static bool pattern_matches(const Name *w, const Pattern *p)
{
    if (!ends_with(w, p->tail)) return false;
    if (!p->ctx) return true;
    size_t k = strlen(p->tail);
    if (w->n < k + 1) return false;
    return in_class(p->ctx, w->lower[w->n - k - 1]);
}

static const char *result(Arena *a, const Name *w, size_t strip, const char *add)
{
    size_t keep = w->n - strip, k = strlen(add);
    char *out = arena_alloc(a, keep + k + 1);
    memcpy(out, w->name, keep);
    memcpy(out + keep, add, k + 1);
    out[0] = (char)toupper((unsigned char)out[0]);
    return out;
}

static bool try_list(const Name *w, const char *const *words)
{
    for (; *words; words++)
        if (ends_with(w, *words)) return true;
    return false;
}

/* Applies an ordered group of patterns; returns the result or NULL. */
static const char *try_patterns(Arena *a, const Name *w, const Pattern *ps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (pattern_matches(w, &ps[i])) return result(a, w, ps[i].strip, ps[i].add);
    return NULL;
}

#define N_OF(x) (sizeof(x) / sizeof((x)[0]))

/* Rule 4 (after the irregulars and `human`). */
static const Pattern rule4[] = {
    {"man", NULL, 3, "men"},    {"ouse", "lm", 4, "ice"}, {"tooth", NULL, 5, "teeth"},
    {"goose", NULL, 5, "geese"}, {"foot", NULL, 4, "feet"}, {"zoon", NULL, 4, "zoa"},
    {"is", "csx", 2, "es"},
};
/* Rule 7: ([cs]h|[zx])$ -> $1es */
static const Pattern rule7[] = {
    {"h", "cs", 0, "es"}, {"z", NULL, 0, "es"}, {"x", NULL, 0, "es"},
};
/* Rule 11: (us)$ -> $1es */
static const Pattern rule11[] = {{"us", NULL, 0, "es"}};
/* Rule 13: ([cs])h$ -> $1hes; ss$ -> sses */
static const Pattern rule13[] = {{"h", "cs", 0, "es"}, {"ss", NULL, 0, "es"}};
/* Rule 14: f/fe -> ves */
static const Pattern rule14[] = {
    {"lf", "aeo", 1, "ves"}, {"eaf", "^d", 1, "ves"}, {"arf", NULL, 1, "ves"},
    {"ife", "nlw", 2, "ves"},
};
/* Rule 15: ([aeiou])y$ -> $1ys; y$ -> ies */
static const Pattern rule15[] = {{"y", "aeiou", 0, "s"}, {"y", NULL, 1, "ies"}};
/* Rule 16 (after its two suffix lists): ([aeiou])o$ -> $1os; o$ -> oes */
static const Pattern rule16[] = {{"o", "aeiou", 0, "s"}, {"o", NULL, 0, "es"}};

const char *model_pluralize(Arena *a, const char *name)
{
    Name w = {name, arena_strdup(a, name), strlen(name)};
    for (size_t i = 0; i < w.n; i++) w.lower[i] = (char)tolower((unsigned char)w.lower[i]);
    const char *r;

    if (try_list(&w, uncountable)) return result(a, &w, 0, "");                 /* 1 */
    for (size_t i = 0; i < N_OF(irregular); i++) {                               /* 2 */
        const char *sing = irregular[i][0], *plur = irregular[i][1];
        if (ends_with(&w, sing)) return result(a, &w, strlen(sing) - 1, plur + 1);
    }
    if (try_list(&w, human_words)) return result(a, &w, 0, "s");                /* 3 */
    if ((r = try_patterns(a, &w, rule4, N_OF(rule4)))) return r;                /* 4 */
    if (try_list(&w, ex_words)) return result(a, &w, 2, "ices");                /* 5 */
    if (try_list(&w, ix_words)) return result(a, &w, 2, "ices");
    if (try_list(&w, um_words)) return result(a, &w, 2, "a");
    if (try_list(&w, on_words)) return result(a, &w, 2, "a");
    if (try_list(&w, a_words)) return result(a, &w, 1, "ae");
    if (try_list(&w, us_i_words)) return result(a, &w, 2, "i");                 /* 6 */
    if ((r = try_patterns(a, &w, rule7, N_OF(rule7)))) return r;                /* 7 */
    if (try_list(&w, es_words)) return result(a, &w, 0, "es");                  /* 8 */
    if (try_list(&w, iris_words)) return result(a, &w, 0, "es");                /* 9 */
    if (try_list(&w, us_es_words)) return result(a, &w, 0, "es");               /* 10 */
    if ((r = try_patterns(a, &w, rule11, N_OF(rule11)))) return r;              /* 11 */
    if (try_list(&w, ma_words)) return result(a, &w, 0, "s");                   /* 12 */
    if ((r = try_patterns(a, &w, rule13, N_OF(rule13)))) return r;              /* 13 */
    if ((r = try_patterns(a, &w, rule14, N_OF(rule14)))) return r;              /* 14 */
    if ((r = try_patterns(a, &w, rule15, N_OF(rule15)))) return r;              /* 15 */
    if (try_list(&w, o_words1) || try_list(&w, o_words2))                       /* 16 */
        return result(a, &w, 1, "os");
    if ((r = try_patterns(a, &w, rule16, N_OF(rule16)))) return r;
    /* 17: `ulum` -> `ula`, not anchored: the first occurrence is replaced. */
    const char *hit = strstr(w.lower, "ulum");
    if (hit) {
        size_t at = (size_t)(hit - w.lower);
        char *out = arena_alloc(a, w.n + 1);
        memcpy(out, name, at);
        memcpy(out + at, "ula", 3);
        memcpy(out + at + 3, name + at + 4, w.n - at - 4 + 1);
        out[0] = (char)toupper((unsigned char)out[0]);
        return out;
    }
    if (ends_with(&w, "s")) return result(a, &w, 0, "es");                      /* 18 */
    return result(a, &w, 0, "s");                                               /* 19 */
}
