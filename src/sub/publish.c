/* publish.c - from a mutation's writes to queued messages: recording events (with the
 * previous values captured before the write), matching and rendering them inside the
 * transaction, and delivering after COMMIT in commit order (see hub.h for the steps).
 *
 * Matching is batched: within one event, groups that share a filter share its result,
 * so each distinct filter with a `node` condition costs one SQL statement per event,
 * and filters without one cost none. Rendering is once per matching group. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sub/internal.h"

typedef struct SubEvent {
    SubEventView view;
    struct SubEvent *next;
} SubEvent;

struct SubEvents {
    Arena *a;
    SubEvent *first, *last;
};

typedef struct Delivery {
    SubGroup *g;       /* holds a reference */
    SubBlob *blob;     /* holds a reference */
} Delivery;

struct SubPrepared {
    Delivery *items;
    uint32_t n;
};

SubEvents *sub_events_begin(Arena *a)
{
    Hub *h = hub_get();
    if (!h || atomic_load(&h->total_subs) == 0) return NULL;
    SubEvents *ev = ARENA_NEW(a, SubEvents);
    ev->a = a;
    return ev;
}

static bool wanted(SubEvents *ev, const Model *m)
{
    Hub *h = hub_get();
    return ev && h && atomic_load(&h->n_subs[m->index]) > 0;
}

static SubEvent *add(SubEvents *ev, SubKind k, const Model *m, Str id)
{
    SubEvent *e = ARENA_NEW(ev->a, SubEvent);
    e->view.kind = k;
    e->view.model = m;
    e->view.id = (Str){arena_strndup(ev->a, id.ptr, id.len), id.len};
    if (ev->last)
        ev->last->next = e;
    else
        ev->first = e;
    ev->last = e;
    return e;
}

/* The scalar fields of the node as JSON text, before the mutation touches it. */
static Str capture(SubEvents *ev, StoreConn *c, const Model *m, Str id)
{
    Buf b;
    buf_init(&b, ev->a, 256);
    FieldError err = {0};
    if (!store_render_node(c, ev->a, m, id, hub_get()->scalar_sel[m->index], &b, &err))
        return STR_NULL;
    return buf_str(&b);
}

void sub_event_created(SubEvents *ev, const Model *m, Str id)
{
    if (wanted(ev, m)) add(ev, SUB_CREATED, m, id);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void sub_event_updated(SubEvents *ev, StoreConn *c, const Model *m, Str id,
                       const char *const *fields, uint32_t n_fields)
{
    if (!wanted(ev, m) || n_fields == 0) return;
    SubEvent *e = add(ev, SUB_UPDATED, m, id);
    const char **names = ARENA_ARRAY(ev->a, const char *, n_fields);
    memcpy(names, fields, n_fields * sizeof *names);
    qsort(names, n_fields, sizeof *names, cmp_names);
    e->view.updated = names;
    e->view.n_updated = n_fields;
    e->view.previous = capture(ev, c, m, id);
}

void sub_event_deleted(SubEvents *ev, StoreConn *c, const Model *m, Str id)
{
    if (!wanted(ev, m)) return;
    SubEvent *e = add(ev, SUB_DELETED, m, id);
    e->view.previous = capture(ev, c, m, id);
}

/* Filter results of one event, by filter key (few distinct filters per model). */
typedef struct Seen {
    const char *filter_key;
    int result;
} Seen;

static int match(SubEvents *ev, StoreConn *c, const SubEvent *e, SubGroup *g, Seen *seen,
                 uint32_t *n_seen)
{
    for (uint32_t i = 0; i < *n_seen; i++)
        if (!strcmp(seen[i].filter_key, g->filter_key)) return seen[i].result;
    const SubEventView *v = &e->view;
    int r = sub_match_static(g->plan.filter, v->kind, v->updated, v->n_updated);
    if (r < 0) {
        SqlQuery q;
        SqlPlan plan;
        sql_plan_init(&plan, ev->a, c->dialect, hub_get()->dm);
        FieldError err = {0};
        r = sub_match_compile(&plan, v->model, g->plan.filter, v->kind, v->updated,
                              v->n_updated, v->id, &q, &err)
                ? sub_match_run(c, &plan, &q)
                : 0;
        if (r < 0) r = 0;
    }
    seen[(*n_seen)++] = (Seen){g->filter_key, r};
    return r;
}

SubPrepared *sub_prepare(SubEvents *ev, StoreConn *c)
{
    Hub *h = hub_get();
    if (!ev || !ev->first || !h) return NULL;
    SubPrepared *p = NULL;
    PtrVec out = {0};
    for (SubEvent *e = ev->first; e; e = e->next) {
        /* snapshot the model's groups, each with a reference */
        PtrVec groups = {0};
        pthread_mutex_lock(&h->lock);
        for (SubGroup *g = h->groups[e->view.model->index]; g; g = g->next) {
            g->refs++;
            ptrvec_push(ev->a, &groups, g);
        }
        pthread_mutex_unlock(&h->lock);
        Seen *seen = ARENA_ARRAY(ev->a, Seen, groups.n ? groups.n : 1);
        uint32_t n_seen = 0;
        bool *keep = ARENA_ARRAY(ev->a, bool, groups.n ? groups.n : 1);
        for (uint32_t i = 0; i < groups.n; i++) {
            SubGroup *g = groups.items[i];
            if (match(ev, c, e, g, seen, &n_seen) != 1) continue;
            Buf b;
            buf_init(&b, ev->a, 512);
            if (!exec_sub_render(c, ev->a, &g->plan, &e->view, &b)) continue;
            Delivery *d = ARENA_NEW(ev->a, Delivery);
            d->g = g;
            d->blob = sub_blob_new(b.data, b.len);
            ptrvec_push(ev->a, &out, d);
            keep[i] = true;
        }
        pthread_mutex_lock(&h->lock);
        for (uint32_t i = 0; i < groups.n; i++)
            if (!keep[i]) hub_group_unref(h, groups.items[i]);
        pthread_mutex_unlock(&h->lock);
    }
    if (!out.n) return NULL;
    p = ARENA_NEW(ev->a, SubPrepared);
    p->n = out.n;
    p->items = ARENA_ARRAY(ev->a, Delivery, out.n);
    for (uint32_t i = 0; i < out.n; i++) p->items[i] = *(Delivery *)out.items[i];
    return p;
}

void sub_commit_lock(void)
{
    Hub *h = hub_get();
    if (h) pthread_mutex_lock(&h->order);
}

void sub_commit_unlock(void)
{
    Hub *h = hub_get();
    if (h) pthread_mutex_unlock(&h->order);
}

static void release(SubPrepared *p, bool send)
{
    Hub *h = hub_get();
    if (!p || !h) return;
    for (uint32_t i = 0; i < p->n; i++) {
        Delivery *d = &p->items[i];
        pthread_mutex_lock(&h->lock);
        if (send)
            for (uint32_t k = 0; k < d->g->n_subs; k++) {
                Subscriber *s = d->g->subs[k];
                s->push(s->conn, s->serial, s->prefix, s->prefix_len, d->blob);
            }
        hub_group_unref(h, d->g);
        pthread_mutex_unlock(&h->lock);
        sub_blob_unref(d->blob);
    }
    p->n = 0;
}

void sub_deliver(SubPrepared *p)
{
    release(p, true);
}

void sub_discard(SubPrepared *p)
{
    release(p, false);
}

void event_publish(SubEvents *ev, StoreConn *c)
{
    SubPrepared *p = sub_prepare(ev, c);
    if (!p) return;
    sub_commit_lock();
    sub_deliver(p);
    sub_commit_unlock();
}
