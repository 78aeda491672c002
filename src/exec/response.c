/* response.c - error objects of the response (ERRORS.md §1): field errors with
 * locations, path, Graphcool code and requestId, internal errors as the "Whoops"
 * message, and the errors-only body of request errors. */
#include "exec/internal.h"

static void put_locations(Buf *b, const GqlLoc *locs, uint32_t n)
{
    buf_puts(b, ",\"locations\":[");
    for (uint32_t i = 0; i < n; i++) {
        if (i) buf_putc(b, ',');
        buf_printf(b, "{\"line\":%u,\"column\":%u}", locs[i].line, locs[i].col);
    }
    buf_putc(b, ']');
}

void exec_field_error(ExecCtx *x, const char *message, int code, GqlLoc loc, Str root,
                      const PathSeg *rel, uint32_t n_rel)
{
    Buf *b = &x->errors;
    if (x->n_errors++) buf_putc(b, ',');
    buf_puts(b, "{\"message\":");
    if (code == 0) {
        char *m = arena_printf(x->a,
                               "Whoops. Looks like an internal server error. Search your server "
                               "logs for request ID: %s",
                               x->request_id ? x->request_id : "");
        json_put_cstr(b, m);
    } else {
        json_put_cstr(b, message ? message : "");
    }
    if (loc.line) put_locations(b, &loc, 1);
    buf_puts(b, ",\"path\":[");
    json_put_str(b, root);
    for (uint32_t i = 0; i < n_rel; i++) {
        buf_putc(b, ',');
        if (rel[i].key.ptr)
            json_put_str(b, rel[i].key);
        else
            json_put_int(b, rel[i].index);
    }
    buf_putc(b, ']');
    if (code > 0) buf_printf(b, ",\"code\":%d", code);
    if (x->request_id) {
        buf_puts(b, ",\"requestId\":");
        json_put_cstr(b, x->request_id);
    }
    buf_putc(b, '}');
}

ReqError *exec_req_error(Arena *a, const char *message, GqlLoc loc)
{
    ReqError *e = ARENA_NEW(a, ReqError);
    e->message = message;
    if (loc.line) {
        e->locations = ARENA_NEW(a, GqlLoc);
        e->locations[0] = loc;
        e->n_locations = 1;
    }
    return e;
}

void exec_write_request_errors(Buf *out, ReqError *const *errs, uint32_t n)
{
    buf_puts(out, "{\"errors\":[");
    for (uint32_t i = 0; i < n; i++) {
        if (i) buf_putc(out, ',');
        buf_puts(out, "{\"message\":");
        json_put_cstr(out, errs[i]->message);
        if (errs[i]->n_locations) put_locations(out, errs[i]->locations, errs[i]->n_locations);
        buf_putc(out, '}');
    }
    buf_puts(out, "]}");
}
