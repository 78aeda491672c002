/* validate_walk.c - the single walk over the document that runs the validation rules.
 *
 * The walk tracks what graphql-js's TypeInfo tracks (parent type, field definition,
 * expected input type and default value at each position) and, at each node, calls the
 * hooks of the rules in graphql-js v16 `specifiedRules` order, entering before the
 * children and leaving after them. That reproduces graphql-js's error order. The rule
 * numbers in comments (R1..R27) are positions in that list:
 *
 *   R1 ExecutableDefinitions   R10 UniqueFragmentNames      R19 UniqueDirectivesPerLocation
 *   R2 UniqueOperationNames    R11 KnownFragmentNames       R20 KnownArgumentNames
 *   R3 LoneAnonymousOperation  R12 NoUnusedFragments        R21 UniqueArgumentNames
 *   R4 SingleFieldSubscriptions R13 PossibleFragmentSpreads R22 ValuesOfCorrectType
 *   R5 KnownTypeNames          R14 NoFragmentCycles         R23 ProvidedRequiredArguments
 *   R6 FragmentsOnCompositeTypes R15 UniqueVariableNames    R24 VariablesInAllowedPosition
 *   R7 VariablesAreInputTypes  R16 NoUndefinedVariables     R25 OverlappingFieldsCanBeMerged
 *   R8 ScalarLeafs             R17 NoUnusedVariables        R26 UniqueInputFieldNames
 *   R9 FieldsOnCorrectType     R18 KnownDirectives          R27 MaxIntrospectionDepth
 *
 * The same walk, with rules off, collects variable usages (graphql-js getVariableUsages). */
#include "exec/validate_internal.h"

#include <string.h>

typedef struct Walk {
    VCtx *c;
    VarUsages *usages; /* collecting variable usages: no rules */
    bool rules;
} Walk;

static void walk_selection_set(Walk *w, const GqlSelectionSet *ss, const SType *parent,
                               const SField *outer, bool in_inline);

/* ---- small rules ---- */

/* R5 KnownTypeNames for one named type in the document. */
static void known_type_name(Walk *w, Str name, GqlLoc loc)
{
    VCtx *c = w->c;
    if (vt_lookup(c, name)) return;
    const char **names = ARENA_ARRAY(c->a, const char *, c->schema->n_types + 1);
    for (uint32_t i = 0; i < c->schema->n_types; i++) names[i] = c->schema->types[i]->name;
    const char **sugg;
    uint32_t n = vp_suggest(c, name, names, c->schema->n_types, &sugg);
    Buf b;
    buf_init(&b, c->a, 64);
    buf_printf(&b, "Unknown type \"%.*s\".", STR_FMT(name));
    vp_did_you_mean(&b, NULL, sugg, n);
    v_error(c, b.data, &loc, 1);
}

static void known_type_ref(Walk *w, const GqlTypeRef *t)
{
    while (t->kind != GQL_TYPE_NAMED) t = t->of;
    known_type_name(w, t->name, t->loc);
}

/* R19 UniqueDirectivesPerLocation: each repeat of a non-repeatable directive is
 * reported with the first one. */
static void unique_directives(Walk *w, const GqlDirective *dirs, uint32_t n)
{
    if (n < 2) return;
    Map seen;
    map_init(&seen, w->c->a, n);
    for (uint32_t i = 0; i < n; i++) {
        const SDirective *d = vt_directive(w->c, dirs[i].name);
        if (!d || d->repeatable) continue;
        const GqlDirective *first = map_gets(&seen, dirs[i].name);
        if (!first) {
            map_put(&seen, dirs[i].name.ptr, dirs[i].name.len, (void *)&dirs[i]);
            continue;
        }
        GqlLoc locs[2] = {first->loc, dirs[i].loc};
        v_error(w->c,
                arena_printf(w->c->a,
                             "The directive \"@%.*s\" can only be used once at this location.",
                             STR_FMT(dirs[i].name)),
                locs, 2);
    }
}

/* Groups of equal names in first-occurrence order (graphql-js groupBy). */
typedef struct NameGroup {
    Str name;
    GqlLoc *locs;
    uint32_t n, cap;
} NameGroup;

/* Reports `fmt` (with the name) once for each name given more than once, at all its
 * occurrences. */
static void report_repeated(Walk *w, const Str *names, const GqlLoc *locs, uint32_t n,
                            const char *fmt)
{
    if (n < 2) return;
    VCtx *c = w->c;
    Map groups;
    map_init(&groups, c->a, n);
    NameGroup **order = ARENA_ARRAY(c->a, NameGroup *, n);
    uint32_t n_groups = 0;
    for (uint32_t i = 0; i < n; i++) {
        NameGroup *g = map_gets(&groups, names[i]);
        if (!g) {
            g = ARENA_NEW(c->a, NameGroup);
            g->name = names[i];
            map_put(&groups, names[i].ptr, names[i].len, g);
            order[n_groups++] = g;
        }
        if (g->n == g->cap) {
            uint32_t cap = g->cap ? g->cap * 2 : 2;
            GqlLoc *l = ARENA_ARRAY(c->a, GqlLoc, cap);
            if (g->n) memcpy(l, g->locs, g->n * sizeof *l);
            g->locs = l;
            g->cap = cap;
        }
        g->locs[g->n++] = locs[i];
    }
    for (uint32_t i = 0; i < n_groups && !c->aborted; i++)
        if (order[i]->n > 1)
            v_error(c, arena_printf(c->a, fmt, STR_FMT(order[i]->name)), order[i]->locs,
                    order[i]->n);
}

/* R21 UniqueArgumentNames. */
static void unique_arguments(Walk *w, const GqlArgument *args, uint32_t n)
{
    if (n < 2) return;
    Str *names = ARENA_ARRAY(w->c->a, Str, n);
    GqlLoc *locs = ARENA_ARRAY(w->c->a, GqlLoc, n);
    for (uint32_t i = 0; i < n; i++) {
        names[i] = args[i].name;
        locs[i] = args[i].loc;
    }
    report_repeated(w, names, locs, n, "There can be only one argument named \"%.*s\".");
}

static bool required_input(const SInputValue *iv)
{
    return typeref_non_null(iv->type) && !iv->default_value;
}

static bool has_arg(const GqlArgument *args, uint32_t n, const char *name)
{
    for (uint32_t i = 0; i < n; i++)
        if (str_eqz(args[i].name, name)) return true;
    return false;
}

/* ---- values ---- */

/* Walks a value at a position expecting `type` (NULL = unknown) whose default is `def`.
 * `voct` is false inside a value ValuesOfCorrectType has already rejected whole. */
static void walk_value(Walk *w, const GqlValue *v, const TypeRef *type, const GqlValue *def,
                       bool voct)
{
    VCtx *c = w->c;
    switch (v->kind) {
    case GQL_VAL_VARIABLE:
        if (w->usages) {
            VarUsages *u = w->usages;
            if (u->n == u->cap) {
                uint32_t cap = u->cap ? u->cap * 2 : 8;
                VarUsage *items = ARENA_ARRAY(c->a, VarUsage, cap);
                if (u->n) memcpy(items, u->items, u->n * sizeof *items);
                u->items = items;
                u->cap = cap;
            }
            u->items[u->n++] = (VarUsage){v, type, def};
        }
        return;
    case GQL_VAL_NULL:
        if (w->rules && voct && type && typeref_non_null(type))
            v_errorf(c, v->loc, "Expected value of type \"%s\", found null.", vt_str(c, type));
        return;
    case GQL_VAL_INT:
    case GQL_VAL_FLOAT:
    case GQL_VAL_STRING:
    case GQL_VAL_BOOLEAN:
    case GQL_VAL_ENUM:
        if (w->rules && voct) vv_check_leaf(c, v, type);
        return;
    case GQL_VAL_LIST: {
        /* TypeInfo: the item position expects the list's item type, or the (nullable)
         * type itself when the position is not a list (input coercion wraps it). */
        const TypeRef *nullable = vt_nullable(type);
        bool is_list = nullable && nullable->kind == REF_LIST;
        const TypeRef *item = is_list ? nullable->of : nullable;
        if (w->rules && voct && !is_list) {
            vv_check_leaf(c, v, item); /* R22 on the list as a whole */
            voct = false;
        }
        for (uint32_t i = 0; i < v->n_items && !c->aborted; i++)
            walk_value(w, v->items[i], item, NULL, voct);
        return;
    }
    case GQL_VAL_OBJECT: {
        const SType *named = type ? typeref_named(type) : NULL;
        bool is_input_obj = named && named->kind == TK_INPUT_OBJECT;
        if (w->rules && voct) {
            if (!is_input_obj) {
                vv_check_leaf(c, v, type);
                voct = false;
            } else {
                for (uint32_t i = 0; i < named->n_input_fields; i++) {
                    const SInputValue *f = &named->input_fields[i];
                    if (!required_input(f) || has_arg(v->fields, v->n_fields, f->name)) continue;
                    v_errorf(c, v->loc, "Field \"%s.%s\" of required type \"%s\" was not provided.",
                             named->name, f->name, vt_str(c, f->type));
                }
            }
        }
        Map known; /* R26: field name -> first GqlArgument */
        if (w->rules && v->n_fields > 1) map_init(&known, c->a, v->n_fields);
        for (uint32_t i = 0; i < v->n_fields && !c->aborted; i++) {
            const GqlArgument *of = &v->fields[i];
            const SInputValue *fdef = is_input_obj ? vt_input_field(named, of->name) : NULL;
            if (w->rules) {
                if (voct && !fdef && is_input_obj) { /* R22 */
                    const char **names = ARENA_ARRAY(c->a, const char *, named->n_input_fields + 1);
                    for (uint32_t k = 0; k < named->n_input_fields; k++)
                        names[k] = named->input_fields[k].name;
                    const char **sugg;
                    uint32_t n = vp_suggest(c, of->name, names, named->n_input_fields, &sugg);
                    Buf b;
                    buf_init(&b, c->a, 64);
                    buf_printf(&b, "Field \"%.*s\" is not defined by type \"%s\".",
                               STR_FMT(of->name), named->name);
                    vp_did_you_mean(&b, NULL, sugg, n);
                    v_error(c, b.data, &of->loc, 1);
                }
                if (v->n_fields > 1) { /* R26 */
                    const GqlArgument *first = map_gets(&known, of->name);
                    if (!first) {
                        map_put(&known, of->name.ptr, of->name.len, (void *)of);
                    } else {
                        GqlLoc locs[2] = {first->loc, of->loc};
                        v_error(c,
                                arena_printf(c->a,
                                             "There can be only one input field named \"%.*s\".",
                                             STR_FMT(of->name)),
                                locs, 2);
                    }
                }
            }
            const TypeRef *ftype = fdef && vt_ref_is_input(fdef->type) ? fdef->type : NULL;
            walk_value(w, of->value, ftype, fdef ? fdef->default_value : NULL, voct);
        }
        return;
    }
    }
}

/* ---- arguments and directives ---- */

/* Arguments of a field (`field` non-NULL, R20 applies) or of a directive. `defs` are the
 * argument definitions looked up (TypeInfo: the directive's, else the field's). */
static void walk_args(Walk *w, const GqlArgument *args, uint32_t n, const SInputValue *defs,
                      uint32_t n_defs, const SField *field, const SType *parent)
{
    VCtx *c = w->c;
    for (uint32_t i = 0; i < n && !c->aborted; i++) {
        const GqlArgument *arg = &args[i];
        const SInputValue *def = vt_arg(defs, n_defs, arg->name);
        if (w->rules && field && parent && !def) { /* R20 */
            const char **names = ARENA_ARRAY(c->a, const char *, field->n_args + 1);
            for (uint32_t k = 0; k < field->n_args; k++) names[k] = field->args[k].name;
            const char **sugg;
            uint32_t ns = vp_suggest(c, arg->name, names, field->n_args, &sugg);
            Buf b;
            buf_init(&b, c->a, 64);
            buf_printf(&b, "Unknown argument \"%.*s\" on field \"%s.%s\".", STR_FMT(arg->name),
                       parent->name, field->name);
            vp_did_you_mean(&b, NULL, sugg, ns);
            v_error(c, b.data, &arg->loc, 1);
        }
        const TypeRef *type = def && vt_ref_is_input(def->type) ? def->type : NULL;
        walk_value(w, arg->value, type, def ? def->default_value : NULL, true);
    }
}

/* `location` is the DirectiveLocation name; `outer` the field definition TypeInfo would
 * have on its stack (used for the arguments of unknown directives, as graphql-js). */
static void walk_directives(Walk *w, const GqlDirective *dirs, uint32_t n, const char *location,
                            const SField *outer)
{
    VCtx *c = w->c;
    for (uint32_t i = 0; i < n && !c->aborted; i++) {
        const GqlDirective *dir = &dirs[i];
        const SDirective *d = vt_directive(c, dir->name);
        if (w->rules) {
            if (!d) { /* R18 */
                v_errorf(c, dir->loc, "Unknown directive \"@%.*s\".", STR_FMT(dir->name));
            } else {
                bool ok = false;
                for (uint32_t k = 0; k < d->n_locations && !ok; k++)
                    ok = strcmp(d->locations[k], location) == 0;
                if (!ok)
                    v_errorf(c, dir->loc, "Directive \"@%.*s\" may not be used on %s.",
                             STR_FMT(dir->name), location);
            }
            if (d) { /* R20 on directives */
                const char **names = ARENA_ARRAY(c->a, const char *, d->n_args + 1);
                for (uint32_t k = 0; k < d->n_args; k++) names[k] = d->args[k].name;
                for (uint32_t k = 0; k < dir->n_args; k++) {
                    const GqlArgument *arg = &dir->args[k];
                    if (vt_arg(d->args, d->n_args, arg->name)) continue;
                    const char **sugg;
                    uint32_t ns = vp_suggest(c, arg->name, names, d->n_args, &sugg);
                    Buf b;
                    buf_init(&b, c->a, 64);
                    buf_printf(&b, "Unknown argument \"%.*s\" on directive \"@%.*s\".",
                               STR_FMT(arg->name), STR_FMT(dir->name));
                    vp_did_you_mean(&b, NULL, sugg, ns);
                    v_error(c, b.data, &arg->loc, 1);
                }
            }
            unique_arguments(w, dir->args, dir->n_args); /* R21 */
        }
        if (d) walk_args(w, dir->args, dir->n_args, d->args, d->n_args, NULL, NULL);
        else if (outer) walk_args(w, dir->args, dir->n_args, outer->args, outer->n_args, NULL, NULL);
        else walk_args(w, dir->args, dir->n_args, NULL, 0, NULL, NULL);
        if (w->rules && d) { /* R23, on leave */
            for (uint32_t k = 0; k < d->n_args; k++) {
                const SInputValue *a = &d->args[k];
                if (!required_input(a) || has_arg(dir->args, dir->n_args, a->name)) continue;
                v_errorf(c, dir->loc,
                         "Directive \"@%.*s\" argument \"%s\" of type \"%s\" is required, but it "
                         "was not provided.",
                         STR_FMT(dir->name), a->name, vt_str(c, a->type));
            }
        }
    }
}

/* ---- selections ---- */

/* R9's suggestions: types that have the field, for an abstract parent (graphql-js
 * getSuggestedTypeNames), else similar field names. */
static void field_suggestions(VCtx *c, Buf *b, const SType *parent, Str name)
{
    if (vt_is_abstract(parent)) {
        uint32_t cap = parent->n_possible_types * 4 + 1, n = 0;
        const SType **types = ARENA_ARRAY(c->a, const SType *, cap);
        int *count = ARENA_ARRAY(c->a, int, cap);
        for (uint32_t i = 0; i < parent->n_possible_types; i++) {
            const SType *pt = parent->possible_types[i];
            if (!vt_field(pt, name)) continue;
            const SType *cands[1 + 64];
            uint32_t nc = 0;
            cands[nc++] = pt;
            for (uint32_t k = 0; k < pt->n_interfaces && nc < 65; k++)
                if (vt_field(pt->interfaces[k], name)) cands[nc++] = pt->interfaces[k];
            for (uint32_t k = 0; k < nc; k++) {
                uint32_t j = 0;
                while (j < n && types[j] != cands[k]) j++;
                if (j == n) {
                    if (n == cap) break;
                    types[n] = cands[k];
                    count[n++] = 0;
                }
                count[j] = k == 0 ? 1 : count[j] + 1;
            }
        }
        /* Sort: most used first, interfaces before their implementations, then name. */
        for (uint32_t i = 1; i < n; i++) {
            for (uint32_t j = i; j > 0; j--) {
                const SType *x = types[j - 1], *y = types[j];
                int cmp = count[j] - count[j - 1];
                if (cmp == 0) {
                    if (x->kind == TK_INTERFACE && vt_possible(x, y)) cmp = -1;
                    else if (y->kind == TK_INTERFACE && vt_possible(y, x)) cmp = 1;
                    else cmp = vp_natural_compare(x->name, strlen(x->name), y->name, strlen(y->name));
                }
                if (cmp <= 0) break;
                types[j - 1] = y;
                types[j] = x;
                int t = count[j - 1];
                count[j - 1] = count[j];
                count[j] = t;
            }
        }
        if (n) {
            const char **names = ARENA_ARRAY(c->a, const char *, n);
            for (uint32_t i = 0; i < n; i++) names[i] = types[i]->name;
            vp_did_you_mean(b, "to use an inline fragment on", names, n);
            return;
        }
    }
    if (parent->kind != TK_OBJECT && parent->kind != TK_INTERFACE) return;
    const char **names = ARENA_ARRAY(c->a, const char *, parent->n_fields + 1);
    uint32_t nn = 0;
    for (uint32_t i = 0; i < parent->n_fields; i++)
        if (strncmp(parent->fields[i].name, "__", 2) != 0) names[nn++] = parent->fields[i].name;
    const char **sugg;
    uint32_t ns = vp_suggest(c, name, names, nn, &sugg);
    vp_did_you_mean(b, NULL, sugg, ns);
}

static void walk_field(Walk *w, const GqlSelection *s, const SType *parent)
{
    VCtx *c = w->c;
    const SField *def = vt_field_def(c, parent, s->name);
    const TypeRef *type = def ? def->type : NULL;
    if (w->rules) {
        if (type) { /* R8 */
            const SType *named = typeref_named(type);
            if (vt_is_leaf(named)) {
                if (s->selection_set)
                    v_errorf(c, s->selection_set->loc,
                             "Field \"%.*s\" must not have a selection since type \"%s\" has no "
                             "subfields.",
                             STR_FMT(s->name), vt_str(c, type));
            } else if (!s->selection_set) {
                v_errorf(c, s->loc,
                         "Field \"%.*s\" of type \"%s\" must have a selection of subfields. Did "
                         "you mean \"%.*s { ... }\"?",
                         STR_FMT(s->name), vt_str(c, type), STR_FMT(s->name));
            }
        }
        if (parent && !def) { /* R9 */
            Buf b;
            buf_init(&b, c->a, 64);
            buf_printf(&b, "Cannot query field \"%.*s\" on type \"%s\".", STR_FMT(s->name),
                       parent->name);
            field_suggestions(c, &b, parent, s->name);
            v_error(c, b.data, &s->loc, 1);
        }
        unique_directives(w, s->directives, s->n_directives); /* R19 */
        unique_arguments(w, s->args, s->n_args);             /* R21 */
        vf_max_introspection_depth(c, s);                     /* R27 */
    }
    walk_args(w, s->args, s->n_args, def ? def->args : NULL, def ? def->n_args : 0, def, parent);
    walk_directives(w, s->directives, s->n_directives, "FIELD", def);
    if (s->selection_set && !c->aborted) {
        const SType *named = type ? typeref_named(type) : NULL;
        walk_selection_set(w, s->selection_set, vt_is_composite(named) ? named : NULL, def, false);
    }
    if (w->rules && def) { /* R23, on leave */
        for (uint32_t k = 0; k < def->n_args; k++) {
            const SInputValue *a = &def->args[k];
            if (!required_input(a) || has_arg(s->args, s->n_args, a->name)) continue;
            v_errorf(c, s->loc,
                     "Field \"%s\" argument \"%s\" of type \"%s\" is required, but it was not "
                     "provided.",
                     def->name, a->name, vt_str(c, a->type));
        }
    }
}

static void walk_spread(Walk *w, const GqlSelection *s, const SType *parent, const SField *outer)
{
    VCtx *c = w->c;
    if (w->rules) {
        const GqlDefinition *f = vf_fragment(c, s->name);
        if (!f) /* R11 */
            v_errorf(c, s->name_loc, "Unknown fragment \"%.*s\".", STR_FMT(s->name));
        const SType *ft = f ? vt_lookup(c, f->type_condition.name) : NULL;
        if (vt_is_composite(ft) && parent && !vt_overlap(ft, parent)) /* R13 */
            v_errorf(c, s->loc,
                     "Fragment \"%.*s\" cannot be spread here as objects of type \"%s\" can never "
                     "be of type \"%s\".",
                     STR_FMT(s->name), parent->name, ft->name);
        unique_directives(w, s->directives, s->n_directives); /* R19 */
    }
    walk_directives(w, s->directives, s->n_directives, "FRAGMENT_SPREAD", outer);
}

static void walk_inline(Walk *w, const GqlSelection *s, const SType *parent, const SField *outer)
{
    VCtx *c = w->c;
    const SType *cond = s->name.len ? vt_lookup(c, s->name) : NULL;
    const SType *type = s->name.len ? (vt_is_output(cond) ? cond : NULL) : parent;
    if (w->rules) {
        if (cond && !vt_is_composite(cond)) /* R6 */
            v_errorf(c, s->name_loc, "Fragment cannot condition on non composite type \"%.*s\".",
                     STR_FMT(s->name));
        if (vt_is_composite(type) && parent && !vt_overlap(type, parent)) /* R13 */
            v_errorf(c, s->loc,
                     "Fragment cannot be spread here as objects of type \"%s\" can never be of "
                     "type \"%s\".",
                     parent->name, type->name);
        unique_directives(w, s->directives, s->n_directives); /* R19 */
        if (s->name.len) known_type_name(w, s->name, s->name_loc); /* R5 */
    }
    walk_directives(w, s->directives, s->n_directives, "INLINE_FRAGMENT", outer);
    if (!c->aborted)
        walk_selection_set(w, s->selection_set, vt_is_composite(type) ? type : NULL, outer, true);
}

static void walk_selection_set(Walk *w, const GqlSelectionSet *ss, const SType *parent,
                               const SField *outer, bool in_inline)
{
    VCtx *c = w->c;
    if (w->rules) vo_selection_set(c, parent, ss, in_inline); /* R25 */
    for (uint32_t i = 0; i < ss->n && !c->aborted; i++) {
        const GqlSelection *s = &ss->items[i];
        switch (s->kind) {
        case GQL_SEL_FIELD: walk_field(w, s, parent); break;
        case GQL_SEL_FRAGMENT_SPREAD: walk_spread(w, s, parent, outer); break;
        case GQL_SEL_INLINE_FRAGMENT: walk_inline(w, s, parent, outer); break;
        }
    }
}

/* ---- definitions ---- */

static const char *op_location(GqlOpType op)
{
    return op == GQL_OP_QUERY ? "QUERY" : op == GQL_OP_MUTATION ? "MUTATION" : "SUBSCRIPTION";
}

static void walk_var_def(Walk *w, const GqlVarDef *vd)
{
    VCtx *c = w->c;
    const TypeRef *type = vt_from_ast(c, vd->type);
    const TypeRef *input = vt_ref_is_input(type) ? type : NULL;
    if (type && !input) /* R7 */
        v_errorf(c, vd->type->loc, "Variable \"$%.*s\" cannot be non-input type \"%s\".",
                 STR_FMT(vd->name), vt_ast_str(c, vd->type));
    unique_directives(w, vd->directives, vd->n_directives); /* R19 */
    known_type_ref(w, vd->type);                            /* R5 */
    if (vd->default_value) walk_value(w, vd->default_value, input, NULL, true);
    walk_directives(w, vd->directives, vd->n_directives, "VARIABLE_DEFINITION", NULL);
}

/* The operation's variable definitions by name (the last of a repeated name, as
 * graphql-js's map). */
static Map var_def_map(VCtx *c, const GqlDefinition *op)
{
    Map m;
    map_init(&m, c->a, op->n_var_defs);
    for (uint32_t i = 0; i < op->n_var_defs; i++)
        map_put(&m, op->var_defs[i].name.ptr, op->var_defs[i].name.len, (void *)&op->var_defs[i]);
    return m;
}

/* graphql-js allowedVariableUsage. */
static bool allowed_usage(const TypeRef *var_type, const GqlValue *var_default,
                          const TypeRef *loc_type, const GqlValue *loc_default)
{
    if (typeref_non_null(loc_type) && !typeref_non_null(var_type)) {
        bool var_has_default = var_default && var_default->kind != GQL_VAL_NULL;
        if (!var_has_default && !loc_default) return false;
        return vt_subtype(var_type, loc_type->of);
    }
    return vt_subtype(var_type, loc_type);
}

static void operation_leave(Walk *w, const GqlDefinition *op)
{
    VCtx *c = w->c;
    const VarUsages *u = vf_recursive_usages(c, op);
    Map defs = var_def_map(c, op), used;
    map_init(&used, c->a, u->n);
    for (uint32_t i = 0; i < u->n; i++)
        map_put(&used, u->items[i].node->str.ptr, u->items[i].node->str.len, (void *)1);
    for (uint32_t i = 0; i < u->n && !c->aborted; i++) { /* R16 */
        Str name = u->items[i].node->str;
        if (map_gets(&defs, name)) continue;
        GqlLoc locs[2] = {u->items[i].node->loc, op->loc};
        const char *msg =
            op->name.len
                ? arena_printf(c->a, "Variable \"$%.*s\" is not defined by operation \"%.*s\".",
                               STR_FMT(name), STR_FMT(op->name))
                : arena_printf(c->a, "Variable \"$%.*s\" is not defined.", STR_FMT(name));
        v_error(c, msg, locs, 2);
    }
    for (uint32_t i = 0; i < op->n_var_defs && !c->aborted; i++) { /* R17 */
        const GqlVarDef *vd = &op->var_defs[i];
        if (map_gets(&used, vd->name)) continue;
        if (op->name.len)
            v_errorf(c, vd->loc, "Variable \"$%.*s\" is never used in operation \"%.*s\".",
                     STR_FMT(vd->name), STR_FMT(op->name));
        else
            v_errorf(c, vd->loc, "Variable \"$%.*s\" is never used.", STR_FMT(vd->name));
    }
    for (uint32_t i = 0; i < u->n && !c->aborted; i++) { /* R24 */
        const VarUsage *us = &u->items[i];
        const GqlVarDef *vd = map_gets(&defs, us->node->str);
        if (!vd || !us->type) continue;
        const TypeRef *vt = vt_from_ast(c, vd->type);
        if (!vt || allowed_usage(vt, vd->default_value, us->type, us->default_value)) continue;
        GqlLoc locs[2] = {vd->loc, us->node->loc};
        v_error(c,
                arena_printf(c->a,
                             "Variable \"$%.*s\" of type \"%s\" used in position expecting type "
                             "\"%s\".",
                             STR_FMT(vd->name), vt_str(c, vt), vt_str(c, us->type)),
                locs, 2);
    }
    vf_max_depth(c, op); /* relata's depth limit, after the graphql-js rules */
}

static void walk_operation(Walk *w, const GqlDefinition *op)
{
    VCtx *c = w->c;
    const Schema *s = c->schema;
    const SType *root = op->op == GQL_OP_QUERY      ? s->query
                        : op->op == GQL_OP_MUTATION ? s->mutation
                                                    : s->subscription;
    if (w->rules) {
        if (op->name.len) { /* R2 */
            const GqlDefinition *first = map_gets(&c->operation_names, op->name);
            if (!first) {
                map_put(&c->operation_names, op->name.ptr, op->name.len, (void *)op);
            } else {
                GqlLoc locs[2] = {first->name_loc, op->name_loc};
                v_error(c,
                        arena_printf(c->a, "There can be only one operation named \"%.*s\".",
                                     STR_FMT(op->name)),
                        locs, 2);
            }
        }
        if (!op->name.len && c->n_operations > 1) /* R3 */
            v_errorf(c, op->loc, "This anonymous operation must be the only defined operation.");
        vf_single_field_subscription(c, op); /* R4 */
        if (op->n_var_defs > 1) { /* R15, at the names (the name follows the '$') */
            Str *names = ARENA_ARRAY(c->a, Str, op->n_var_defs);
            GqlLoc *locs = ARENA_ARRAY(c->a, GqlLoc, op->n_var_defs);
            for (uint32_t i = 0; i < op->n_var_defs; i++) {
                names[i] = op->var_defs[i].name;
                locs[i] = (GqlLoc){op->var_defs[i].loc.line, op->var_defs[i].loc.col + 1};
            }
            report_repeated(w, names, locs, op->n_var_defs,
                            "There can be only one variable named \"$%.*s\".");
        }
        unique_directives(w, op->directives, op->n_directives); /* R19 */
        for (uint32_t i = 0; i < op->n_var_defs && !c->aborted; i++) walk_var_def(w, &op->var_defs[i]);
    }
    walk_directives(w, op->directives, op->n_directives, op_location(op->op), NULL);
    if (!c->aborted) walk_selection_set(w, op->selection_set, root, NULL, false);
    if (w->rules && !c->aborted) operation_leave(w, op);
}

static void walk_fragment(Walk *w, const GqlDefinition *f)
{
    VCtx *c = w->c;
    const SType *cond = vt_lookup(c, f->type_condition.name);
    const SType *type = vt_is_output(cond) ? cond : NULL;
    if (w->rules) {
        if (cond && !vt_is_composite(cond)) /* R6 */
            v_errorf(c, f->type_condition.loc,
                     "Fragment \"%.*s\" cannot condition on non composite type \"%.*s\".",
                     STR_FMT(f->name), STR_FMT(f->type_condition.name));
        const GqlDefinition *first = map_gets(&c->fragment_names, f->name); /* R10 */
        if (!first) {
            map_put(&c->fragment_names, f->name.ptr, f->name.len, (void *)f);
        } else {
            GqlLoc locs[2] = {first->name_loc, f->name_loc};
            v_error(c,
                    arena_printf(c->a, "There can be only one fragment named \"%.*s\".",
                                 STR_FMT(f->name)),
                    locs, 2);
        }
        vf_no_fragment_cycles(c, f);                          /* R14 */
        unique_directives(w, f->directives, f->n_directives); /* R19 */
        known_type_name(w, f->type_condition.name, f->type_condition.loc); /* R5 */
    }
    walk_directives(w, f->directives, f->n_directives, "FRAGMENT_DEFINITION", NULL);
    if (!c->aborted)
        walk_selection_set(w, f->selection_set, vt_is_composite(type) ? type : NULL, NULL, false);
}

void vw_definition(VCtx *c, const GqlDefinition *def, VarUsages *usages)
{
    Walk w = {c, usages, usages == NULL};
    if (def->kind == GQL_DEF_OPERATION) walk_operation(&w, def);
    else if (def->kind == GQL_DEF_FRAGMENT) walk_fragment(&w, def);
}
