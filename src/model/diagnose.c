/* diagnose.c - the vocabulary shared by the checking passes of the model loader:
 * reporting a violation (id, message, position, type/field), the naming rules of
 * DATA-MODEL.md §8, and reading directive arguments with their SDL-DIRECTIVE-ARGUMENT
 * errors. */
#include "model/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"

/* ---- diagnostics ---- */

const char *model_diag_str(Diag *d, const char *z, size_t n)
{
    return z ? arena_strndup(d->arena, z, n) : NULL;
}

/* Adds diagnostic `id` about type `type` and field `field` (either may be empty). */
DiagItem *model_report(Loader *l, const char *id, GqlLoc loc, Str type, Str field, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    const char *msg = small;
    if (n >= (int)sizeof small) {
        char *big = arena_alloc(l->a, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        msg = big;
    }
    DiagItem *it = diag_add(l->d, id, loc, "%s", msg);
    if (type.len) it->type = model_diag_str(l->d, type.ptr, type.len);
    if (field.len) it->field = model_diag_str(l->d, field.ptr, field.len);
    return it;
}

/* ---- small helpers ---- */

const char *model_dup(Loader *l, Str s) { return arena_strndup(l->a, s.ptr, s.len); }

/* `^[A-Z][a-zA-Z0-9]*$` (upper) or `^[a-z][a-zA-Z0-9]*$`, `_` allowed after the first
 * character when `underscore`, at most `max` characters. */
bool model_name_ok(Str s, bool upper, bool underscore, size_t max)
{
    if (s.len == 0 || s.len > max) return false;
    if (upper ? !is_upper(s.ptr[0]) : !is_lower(s.ptr[0])) return false;
    for (size_t i = 1; i < s.len; i++)
        if (!is_alnum(s.ptr[i]) && !(underscore && s.ptr[i] == '_')) return false;
    return true;
}

bool model_str_ieq(Str a, Str b)
{
    if (a.len != b.len) return false;
    for (size_t i = 0; i < a.len; i++) {
        char x = a.ptr[i], y = b.ptr[i];
        if (is_upper(x)) x = (char)(x - 'A' + 'a');
        if (is_upper(y)) y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

static void type_text(Buf *b, const GqlTypeRef *t)
{
    switch (t->kind) {
    case GQL_TYPE_NAMED: buf_put_str(b, t->name); break;
    case GQL_TYPE_LIST:
        buf_putc(b, '[');
        type_text(b, t->of);
        buf_putc(b, ']');
        break;
    case GQL_TYPE_NON_NULL:
        type_text(b, t->of);
        buf_putc(b, '!');
        break;
    }
}

/* The type expression as written, e.g. "[String]!" (for messages). */
const char *model_type_str(Loader *l, const GqlTypeRef *t)
{
    Buf b;
    buf_init(&b, l->a, 32);
    type_text(&b, t);
    return b.data;
}

const GqlArgument *model_dir_arg(const GqlDirective *dir, const char *name)
{
    for (uint32_t i = 0; i < dir->n_args; i++)
        if (str_eqz(dir->args[i].name, name)) return &dir->args[i];
    return NULL;
}

/* Reports every argument of `dir` not in `allowed` (NULL-terminated). `on` names the
 * field or type carrying the directive. */
void model_check_args(Loader *l, const GqlDirective *dir, const char *const *allowed, Str type,
                      Str field, Str on)
{
    for (uint32_t i = 0; i < dir->n_args; i++) {
        bool ok = false;
        for (const char *const *p = allowed; *p; p++)
            if (str_eqz(dir->args[i].name, *p)) ok = true;
        if (!ok)
            model_report(l, "SDL-DIRECTIVE-ARGUMENT", dir->args[i].loc, type, field,
                         "The directive @%.*s on %.*s does not take the argument %.*s.",
                         STR_FMT(dir->name), STR_FMT(on), STR_FMT(dir->args[i].name));
    }
}

/* A required/optional string argument: returns its decoded text (NULL if absent or not
 * a string, after reporting when required or mistyped). */
const char *model_string_arg(Loader *l, const GqlDirective *dir, const char *name, bool required,
                             Str type, Str field, Str on)
{
    const GqlArgument *arg = model_dir_arg(dir, name);
    if (arg && arg->value->kind == GQL_VAL_STRING) return model_dup(l, arg->value->str);
    if (arg || required)
        model_report(l, "SDL-DIRECTIVE-ARGUMENT", arg ? arg->loc : dir->loc, type, field,
                     "The directive @%.*s on %.*s requires the argument %s.", STR_FMT(dir->name),
                     STR_FMT(on), name);
    return NULL;
}

/* The `value:` of @defaultValue/@migrationValue as text; NULL after reporting. */
bool model_value_arg(Loader *l, const GqlDirective *dir, Str type, Str field, Str on,
                     const GqlValue **val, Str *text)
{
    const GqlArgument *arg = model_dir_arg(dir, "value");
    if (arg && model_literal_text(arg->value, text)) {
        *val = arg->value;
        return true;
    }
    if (arg && arg->value->kind == GQL_VAL_NULL) {
        *val = arg->value;
        *text = STR_LIT("null");
        return true; /* rejected by the type check, as the text `null` */
    }
    model_report(l, "SDL-DIRECTIVE-ARGUMENT", arg ? arg->loc : dir->loc, type, field,
                 "The directive @%.*s on %.*s requires the argument value.", STR_FMT(dir->name),
                 STR_FMT(on));
    return false;
}
