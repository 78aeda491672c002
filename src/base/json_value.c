/* json_value.c - a jansson value written as compact JSON, see json_value.h. */
#include "base/json_value.h"

void json_put_value(Buf *b, json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *v;
        bool first = true;
        buf_putc(b, '{');
        json_object_foreach(j, key, v)
        {
            if (!first) buf_putc(b, ',');
            first = false;
            json_put_cstr(b, key);
            buf_putc(b, ':');
            json_put_value(b, v);
        }
        buf_putc(b, '}');
        break;
    }
    case JSON_ARRAY:
        buf_putc(b, '[');
        for (size_t i = 0; i < json_array_size(j); i++) {
            if (i) buf_putc(b, ',');
            json_put_value(b, json_array_get(j, i));
        }
        buf_putc(b, ']');
        break;
    case JSON_STRING:
        json_put_string(b, json_string_value(j), json_string_length(j));
        break;
    case JSON_INTEGER:
        json_put_int(b, (long long)json_integer_value(j));
        break;
    case JSON_REAL:
        json_put_double(b, json_real_value(j));
        break;
    case JSON_TRUE:
        buf_puts(b, "true");
        break;
    case JSON_FALSE:
        buf_puts(b, "false");
        break;
    case JSON_NULL:
        buf_puts(b, "null");
        break;
    }
}
