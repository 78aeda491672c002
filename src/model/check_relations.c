/* check_relations.c - pass C of the model loader: relations (DATA-MODEL.md §7).
 *
 * Relation fields are grouped by their @relation name; each group is checked (name
 * rules, case-insensitive uniqueness, number of fields, fields pointing at each other)
 * and, when valid, becomes a ModelRelation with sides A/B: the first field in document
 * order is field A (§7.3); a single-field self-relation has A = B. */
#include "model/internal.h"

#include <string.h>

#include "base/map.h"

typedef struct RelGroup {
    Str name;
    PtrVec fields; /* RelField*, document order */
} RelGroup;

static RelationKind relation_kind(const ModelField *a, const ModelField *b)
{
    if (!a->is_list && !b->is_list) return REL_ONE_TO_ONE;
    if (a->is_list && b->is_list) return REL_MANY_TO_MANY;
    return REL_ONE_TO_MANY;
}

static void build_relation(Loader *l, RelGroup *g)
{
    RelField *ra = g->fields.items[0], *rb = g->fields.n > 1 ? g->fields.items[1] : ra;
    ModelRelation *r = ARENA_NEW(l->a, ModelRelation);
    r->name = model_dup(l, g->name);
    r->field_a = ra->field;
    r->field_b = rb->field;
    r->model_a = ra->field->model;
    r->model_b = rb->field->model;
    r->is_self = r->model_a == r->model_b;
    r->single_field = ra == rb;
    r->kind = relation_kind(r->field_a, r->field_b);
    r->old_name = ra->old_name ? ra->old_name : rb->old_name;
    r->field_a->relation = r->field_b->relation = r;
    r->field_a->is_side_a = true;
    r->field_a->opposite = r->field_b;
    r->field_b->opposite = r->field_a;
    ptrvec_push(l->a, &l->relations, r);
}

void model_check_relations(Loader *l)
{
    Map by_name, by_lower;
    map_init(&by_name, l->a, l->rel_fields.n + 1);
    map_init(&by_lower, l->a, l->rel_fields.n + 1);
    PtrVec groups = {0};
    for (uint32_t i = 0; i < l->rel_fields.n; i++) {
        RelField *rf = l->rel_fields.items[i];
        RelGroup *g = map_get(&by_name, rf->name.ptr, rf->name.len);
        if (!g) {
            g = ARENA_NEW(l->a, RelGroup);
            g->name = rf->name;
            map_put(&by_name, rf->name.ptr, rf->name.len, g);
            ptrvec_push(l->a, &groups, g);
        }
        ptrvec_push(l->a, &g->fields, rf);
    }

    for (uint32_t i = 0; i < groups.n; i++) {
        RelGroup *g = groups.items[i];
        RelField *f1 = g->fields.items[0];
        Str R = g->name;
        Str T1 = str_from(f1->field->model->name), F1 = str_from(f1->field->name);
        bool ok = true;

        if (!model_name_ok(R, true, false, MAX_NAME_LEN)) {
            model_report(l, "SDL-RELATION-NAME", f1->loc, T1, F1,
                         "%.*s is not a valid relation name.", STR_FMT(R));
            ok = false;
        }
        char *lower = arena_strndup(l->a, R.ptr, R.len);
        for (size_t k = 0; k < R.len; k++)
            if (is_upper(lower[k])) lower[k] = (char)(lower[k] - 'A' + 'a');
        if (map_get(&by_lower, lower, R.len)) {
            model_report(l, "SDL-RELATION-DUPLICATE", f1->loc, T1, F1,
                         "The relation name %.*s is used for two different relations.", STR_FMT(R));
            ok = false;
        } else {
            map_put(&by_lower, lower, R.len, g);
        }

        bool all_self = true;
        for (uint32_t k = 0; k < g->fields.n; k++) {
            ModelField *f = ((RelField *)g->fields.items[k])->field;
            if (f->related != f->model || f->model != f1->field->model) all_self = false;
        }
        if (g->fields.n == 1 && !all_self) {
            model_report(l, "SDL-RELATION-COUNT", f1->loc, T1, F1,
                         "The relation %.*s must be declared on exactly two fields.", STR_FMT(R));
            ok = false;
        } else if (g->fields.n > 2) {
            if (all_self)
                model_report(l, "SDL-SELF-RELATION-COUNT", f1->loc, T1, F1,
                             "The self-relation %.*s must be declared on one or two fields.",
                             STR_FMT(R));
            else
                model_report(l, "SDL-RELATION-COUNT", f1->loc, T1, F1,
                             "The relation %.*s must be declared on exactly two fields.",
                             STR_FMT(R));
            ok = false;
        } else if (g->fields.n == 2) {
            RelField *f2 = g->fields.items[1];
            const ModelField *a = f1->field, *b = f2->field;
            const RelField *bad = NULL, *other = NULL;
            if (a->related != b->model)
                bad = f1, other = f2;
            else if (b->related != a->model)
                bad = f2, other = f1;
            if (bad) {
                model_report(
                    l, "SDL-RELATION-TYPES", bad->loc, str_from(bad->field->model->name),
                    str_from(bad->field->name),
                    "The relation field %s has type %s, but the other field of relation %.*s "
                    "is declared on type %s.",
                    bad->field->name, bad->field->related->name, STR_FMT(R),
                    other->field->model->name);
                ok = false;
            }
        }
        if (ok) build_relation(l, g);
    }
}
