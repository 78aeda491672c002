/* key.c - canonical text of coerced values and collected selections, so that two
 * subscriptions that mean the same thing (written with variables or literals, fragments
 * or inline fields, in any whitespace) land in the same hub group. The text is only ever
 * compared, never parsed back. */
#include "sub/internal.h"

static void put_str(Buf *b, Str s)
{
    buf_printf(b, "%zu:", s.len);
    buf_put_str(b, s);
}

void sub_key_value(Buf *b, const Value *v)
{
    if (!v) {
        buf_putc(b, '_');
        return;
    }
    switch (v->kind) {
    case VAL_NULL: buf_putc(b, 'n'); break;
    case VAL_INT: buf_printf(b, "i%lld", v->i); break;
    case VAL_FLOAT: buf_printf(b, "f%.17g", v->f); break;
    case VAL_BOOLEAN: buf_putc(b, v->b ? 't' : 'F'); break;
    case VAL_STRING: buf_putc(b, 's'); put_str(b, v->s); break;
    case VAL_ENUM: buf_putc(b, 'e'); put_str(b, v->s); break;
    case VAL_JSON: buf_putc(b, 'j'); put_str(b, v->s); break;
    case VAL_LIST:
        buf_putc(b, '[');
        for (uint32_t i = 0; i < v->n_items; i++) {
            if (i) buf_putc(b, ',');
            sub_key_value(b, v->items[i]);
        }
        buf_putc(b, ']');
        break;
    case VAL_OBJECT:
        buf_putc(b, '{');
        for (uint32_t i = 0; i < v->n_fields; i++) {
            if (i) buf_putc(b, ',');
            buf_puts(b, v->fields[i].def->name);
            buf_putc(b, '=');
            sub_key_value(b, v->fields[i].value);
        }
        buf_putc(b, '}');
        break;
    }
}

void sub_key_sel(Buf *b, const PlanSel *s)
{
    if (!s) {
        buf_putc(b, '_');
        return;
    }
    buf_putc(b, '{');
    for (uint32_t i = 0; i < s->n; i++) {
        const PlanField *f = &s->fields[i];
        put_str(b, f->key);
        buf_putc(b, '=');
        buf_puts(b, f->is_typename ? "__typename" : f->field->name);
        if (f->n_args) {
            buf_putc(b, '(');
            for (uint32_t k = 0; k < f->n_args; k++) {
                buf_printf(b, "%s=", f->args[k].def->name);
                sub_key_value(b, f->args[k].value);
                buf_putc(b, ';');
            }
            buf_putc(b, ')');
        }
        /* by_type only occurs under node(id:), which a subscription payload cannot
         * contain: every selection here is of one concrete type. */
        if (f->sel) {
            sub_key_sel(b, f->sel);
        }
        buf_putc(b, ';');
    }
    buf_putc(b, '}');
}
