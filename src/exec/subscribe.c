/* subscribe.c - subscription documents (SIMPLE-API.md §6.1) become long-lived plans,
 * and a plan's selection is executed on one event (§6.4).
 *
 * Preparing runs the same steps as exec_request (parse, validate, select the
 * operation, coerce variables, collect fields) but keeps the plan in the subscription's
 * own arena instead of answering. Rendering writes the <M>SubscriptionPayload object by
 * hand: `mutation` and `updatedFields` come from the event, `node` from the store
 * (store_render_node, the same code that renders mutation results) and
 * `previousValues` from the scalar values captured before the write. */
#include <string.h>

#include "exec/internal.h"
#include "exec/subscribe.h"
#include "exec/validate.h"
#include "graphql/parser.h"

const char *sub_kind_name(SubKind k)
{
    switch (k) {
    case SUB_CREATED: return "CREATED";
    case SUB_UPDATED: return "UPDATED";
    default: return "DELETED";
    }
}

bool exec_sub_prepare(const Engine *e, Arena *a, const ExecRequest *req, SubPlan *out,
                      const char **msg)
{
    memset(out, 0, sizeof *out);
    ExecCtx *x = ARENA_NEW(a, ExecCtx);
    x->a = a;
    x->schema = e->schema;
    x->request_id = req->request_id;
    buf_init(&x->errors, a, 64);

    /* The plan keeps slices of the text (keys, names): it must live in `a`. */
    size_t n = req->query.ptr ? req->query.len : 0;
    char *src = arena_strndup(a, n ? req->query.ptr : "", n);
    GqlParseOptions po = {.max_depth = e->opts.parser_max_depth};
    GqlParseError pe;
    GqlDocument *doc = gql_parse(a, src, n, &po, &pe);
    if (!doc) {
        *msg = "the GraphQL Query was not valid";
        return false;
    }
    x->doc = doc;
    ValidateOptions vo = {.max_depth = e->opts.max_depth};
    ValidationResult vr = {0};
    if (!gql_validate(x->schema, doc, &vo, a, &vr)) {
        *msg = vr.n_errors ? vr.errors[0].message : "the GraphQL Query was not valid";
        return false;
    }
    x->op = exec_select_operation(a, doc, req->operation_name, msg);
    if (!x->op) return false;
    if (x->op->op != GQL_OP_SUBSCRIPTION || !x->schema->subscription) {
        *msg = "Only subscription operations can be sent over the WebSocket endpoint.";
        return false;
    }
    map_init(&x->fragments, a, 8);
    for (uint32_t i = 0; i < doc->n_defs; i++)
        if (doc->defs[i].kind == GQL_DEF_FRAGMENT)
            map_put(&x->fragments, doc->defs[i].name.ptr, doc->defs[i].name.len, &doc->defs[i]);
    PtrVec errs = {0};
    if (!exec_coerce_variables(x, req->variables, &errs)) {
        *msg = errs.n ? ((ReqError *)errs.items[0])->message : "Variables are invalid.";
        return false;
    }
    PlanSel *sel = exec_collect_root(x, x->schema->subscription, x->op->selection_set);
    /* Validation allows one root field; @skip may still leave none, and __typename is
     * not a model. */
    if (sel->n != 1 || sel->fields[0].is_typename || !sel->fields[0].field ||
        sel->fields[0].field->role != FROLE_SUBSCRIBE) {
        *msg = "A subscription must select exactly one model field, such as Post(filter: ...).";
        return false;
    }
    if (x->root_errors && x->root_errors[0]) {
        *msg = x->root_errors[0];
        return false;
    }
    const PlanField *f = &sel->fields[0];
    out->model = f->field->model;
    out->root = f;
    const Value *flt = plan_arg(f, "filter");
    out->filter = flt && flt->kind == VAL_OBJECT ? flt : NULL;
    return true;
}

PlanSel *exec_sub_scalar_sel(Arena *a, const SType *obj)
{
    PlanSel *sel = ARENA_NEW(a, PlanSel);
    sel->type = obj;
    sel->fields = ARENA_ARRAY(a, PlanField, obj->n_fields ? obj->n_fields : 1);
    for (uint32_t i = 0; i < obj->n_fields; i++) {
        const SField *sf = &obj->fields[i];
        if (sf->role != FROLE_SCALAR) continue;
        PlanField *pf = &sel->fields[sel->n++];
        pf->key = str_from(sf->name);
        pf->field = sf;
    }
    return sel;
}

/* The end of the JSON value starting at p (p < end), or NULL if it is malformed. The
 * text comes from the store, so this only needs to be correct, not forgiving. */
static const char *json_skip(const char *p, const char *end)
{
    int depth = 0;
    do {
        if (p >= end) return NULL;
        char c = *p;
        if (c == '"') {
            for (p++; p < end && *p != '"'; p++)
                if (*p == '\\') p++;
            if (p >= end) return NULL;
            p++;
        } else if (c == '{' || c == '[') {
            depth++;
            p++;
        } else if (c == '}' || c == ']') {
            depth--;
            p++;
        } else if (c == ',' || c == ':' || c == ' ') {
            p++;
        } else {
            while (p < end && !strchr(",:]} ", *p)) p++;
        }
    } while (depth > 0);
    return p;
}

/* The value of member `name` in the flat JSON object text `obj`, as a slice. */
static Str json_member(Str obj, const char *name)
{
    const char *p = obj.ptr, *end = obj.ptr + obj.len;
    if (!p || p >= end || *p != '{') return STR_NULL;
    p++;
    size_t nl = strlen(name);
    while (p < end && *p == '"') {
        const char *k = p + 1;
        const char *ke = json_skip(p, end);
        if (!ke || ke >= end || *ke != ':') return STR_NULL;
        const char *v = ke + 1, *ve = json_skip(v, end);
        if (!ve) return STR_NULL;
        /* keys are field names: no escapes */
        if ((size_t)(ke - 1 - k) == nl && !memcmp(k, name, nl)) return (Str){v, (size_t)(ve - v)};
        p = ve;
        if (p < end && *p == ',') p++;
    }
    return STR_NULL;
}

static void render_previous(const SubEventView *ev, const PlanSel *sel, Buf *out)
{
    if (ev->kind == SUB_CREATED || !ev->previous.len) {
        buf_puts(out, "null");
        return;
    }
    buf_putc(out, '{');
    for (uint32_t i = 0; sel && i < sel->n; i++) {
        const PlanField *pf = &sel->fields[i];
        if (i) buf_putc(out, ',');
        json_put_str(out, pf->key);
        buf_putc(out, ':');
        if (pf->is_typename) {
            json_put_cstr(out, sel->type->name);
            continue;
        }
        Str v = json_member(ev->previous, pf->field->name);
        if (v.ptr)
            buf_put_str(out, v);
        else
            buf_puts(out, "null");
    }
    buf_putc(out, '}');
}

bool exec_sub_render(StoreConn *c, Arena *a, const SubPlan *p, const SubEventView *ev, Buf *out)
{
    const PlanField *root = p->root;
    const PlanSel *sel = root->sel;
    buf_puts(out, "{\"data\":{");
    json_put_str(out, root->key);
    buf_puts(out, ":{");
    for (uint32_t i = 0; sel && i < sel->n; i++) {
        const PlanField *pf = &sel->fields[i];
        if (i) buf_putc(out, ',');
        json_put_str(out, pf->key);
        buf_putc(out, ':');
        if (pf->is_typename) {
            json_put_cstr(out, sel->type->name);
            continue;
        }
        switch (pf->field->role) {
        case FROLE_SUB_MUTATION:
            json_put_cstr(out, sub_kind_name(ev->kind));
            break;
        case FROLE_SUB_NODE: {
            if (ev->kind == SUB_DELETED) {
                buf_puts(out, "null");
                break;
            }
            FieldError err = {0};
            size_t mark = out->len;
            if (!store_render_node(c, a, p->model, ev->id, pf->sel, out, &err)) {
                out->len = mark;
                out->data[mark] = 0;
                buf_puts(out, "null");
            }
            break;
        }
        case FROLE_SUB_UPDATED_FIELDS:
            if (ev->kind != SUB_UPDATED) {
                buf_puts(out, "null");
                break;
            }
            buf_putc(out, '[');
            for (uint32_t k = 0; k < ev->n_updated; k++) {
                if (k) buf_putc(out, ',');
                json_put_cstr(out, ev->updated[k]);
            }
            buf_putc(out, ']');
            break;
        case FROLE_SUB_PREVIOUS:
            render_previous(ev, pf->sel, out);
            break;
        default:
            buf_puts(out, "null");
            break;
        }
    }
    buf_puts(out, "}}}");
    return true;
}
