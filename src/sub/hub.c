/* hub.c - the subscription registry: groups of equal subscriptions per model and their
 * subscribers, under one mutex.
 *
 * The lock is held only for list changes and while a delivery walks a group's
 * subscribers (pushing is a queue append, never I/O), so subscribing never waits for
 * SQL and a mutation never waits for a socket. Groups are reference counted because a
 * mutation that prepared a delivery for a group may deliver after the last subscriber
 * left. Memory: groups, subscribers and blobs are process-lifetime heap objects (they
 * outlive any request); each group's plan lives in the group's own arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/internal.h"
#include "sql/compile.h"
#include "sub/internal.h"

static Hub *g_hub;
static unsigned g_hub_users; /* servers sharing it (start/stop run on the main thread) */

Hub *hub_get(void)
{
    return g_hub;
}

SubBlob *sub_blob_new(const char *data, size_t len)
{
    SubBlob *b = xmalloc(sizeof *b + len + 1);
    atomic_init(&b->refs, 1);
    b->len = len;
    memcpy(b->data, data, len);
    b->data[len] = 0;
    return b;
}

SubBlob *sub_blob_ref(SubBlob *b)
{
    atomic_fetch_add(&b->refs, 1);
    return b;
}

void sub_blob_unref(SubBlob *b)
{
    if (b && atomic_fetch_sub(&b->refs, 1) == 1) free(b);
}

void hub_start(const Engine *e)
{
    g_hub_users++;
    if (g_hub) return;
    Hub *h = xcalloc(1, sizeof *h);
    pthread_mutex_init(&h->lock, NULL);
    pthread_mutex_init(&h->order, NULL);
    arena_init(&h->arena, 4096);
    h->engine = e;
    h->dm = e->dm;
    h->n_models = e->dm->n_models;
    uint32_t n = h->n_models ? h->n_models : 1;
    h->groups = ARENA_ARRAY(&h->arena, SubGroup *, n);
    h->n_subs = ARENA_ARRAY(&h->arena, atomic_uint, n);
    h->scalar_sel = ARENA_ARRAY(&h->arena, PlanSel *, n);
    for (uint32_t i = 0; i < h->n_models; i++) {
        atomic_init(&h->n_subs[i], 0);
        h->scalar_sel[i] = exec_sub_scalar_sel(&h->arena, e->schema->model_types[i]);
    }
    atomic_init(&h->total_subs, 0);
    g_hub = h;
}

void hub_stop(void)
{
    Hub *h = g_hub;
    if (!h || --g_hub_users > 0) return;
    g_hub = NULL;
    for (uint32_t i = 0; i < h->n_models; i++) {
        SubGroup *g = h->groups[i];
        while (g) {
            SubGroup *next = g->next;
            for (uint32_t k = 0; k < g->n_subs; k++) {
                free(g->subs[k]->prefix);
                free(g->subs[k]);
            }
            free(g->subs);
            arena_fini(g->arena);
            free(g->arena);
            free(g);
            g = next;
        }
    }
    pthread_mutex_destroy(&h->lock);
    pthread_mutex_destroy(&h->order);
    arena_fini(&h->arena);
    free(h);
}

static void group_free(SubGroup *g)
{
    free(g->subs);
    arena_fini(g->arena);
    free(g->arena);
    free(g);
}

void hub_group_unref(Hub *h, SubGroup *g)
{
    (void)h;
    if (--g->refs == 0) group_free(g);
}

/* The canonical key of a plan, and of its filter alone. */
static void plan_keys(Arena *a, const SubPlan *p, const char **key, const char **filter_key)
{
    Buf f;
    buf_init(&f, a, 128);
    sub_key_value(&f, p->filter);
    Buf k;
    buf_init(&k, a, 256);
    buf_printf(&k, "%s\n", p->model->name);
    buf_put_str(&k, p->root->key);
    buf_putc(&k, '\n');
    buf_put(&k, f.data, f.len);
    buf_putc(&k, '\n');
    sub_key_sel(&k, p->root->sel);
    *key = k.data;
    *filter_key = f.data;
}

Subscriber *hub_subscribe(Arena *plan_arena, const SubPlan *plan, SubPushFn push, void *conn,
                          uint64_t serial, const char *prefix, size_t prefix_len,
                          const char **msg)
{
    Hub *h = g_hub;
    if (!h) {
        *msg = "Subscriptions are not available.";
        arena_fini(plan_arena);
        free(plan_arena);
        return NULL;
    }
    /* A filter the store cannot evaluate (3033) is refused now, not at every event. */
    bool has_node = sub_filter_has_node(plan->filter);
    if (has_node) {
        SqlQuery q;
        SqlPlan sp;
        sql_plan_init(&sp, plan_arena, DIALECT_SQLITE, h->dm);
        FieldError err = {0};
        if (!sub_match_compile(&sp, plan->model, plan->filter, SUB_UPDATED, NULL, 0,
                               str_from("x"), &q, &err)) {
            /* the message must outlive the arena; the caller uses it right away */
            static __thread char why[512];
            snprintf(why, sizeof why, "%s",
                     err.message ? err.message : "The filter cannot be evaluated.");
            *msg = why;
            arena_fini(plan_arena);
            free(plan_arena);
            return NULL;
        }
    }
    const char *key, *fkey;
    plan_keys(plan_arena, plan, &key, &fkey);

    Subscriber *s = xcalloc(1, sizeof *s);
    s->push = push;
    s->conn = conn;
    s->serial = serial;
    s->prefix = xmalloc(prefix_len + 1);
    memcpy(s->prefix, prefix, prefix_len);
    s->prefix[prefix_len] = 0;
    s->prefix_len = prefix_len;

    uint32_t mi = plan->model->index;
    pthread_mutex_lock(&h->lock);
    SubGroup *g = h->groups[mi];
    while (g && strcmp(g->key, key) != 0) g = g->next;
    if (g) {
        arena_fini(plan_arena);
        free(plan_arena);
    } else {
        g = xcalloc(1, sizeof *g);
        g->arena = plan_arena;
        g->plan = *plan;
        g->key = key;
        g->filter_key = fkey;
        g->has_node = has_node;
        g->refs = 1;
        g->next = h->groups[mi];
        h->groups[mi] = g;
    }
    if (g->n_subs == g->cap_subs) {
        g->cap_subs = g->cap_subs ? 2 * g->cap_subs : 4;
        g->subs = xrealloc(g->subs, g->cap_subs * sizeof *g->subs);
    }
    s->g = g;
    s->slot = g->n_subs;
    g->subs[g->n_subs++] = s;
    atomic_fetch_add(&h->n_subs[mi], 1);
    atomic_fetch_add(&h->total_subs, 1);
    pthread_mutex_unlock(&h->lock);
    return s;
}

void hub_unsubscribe(Subscriber *s)
{
    Hub *h = g_hub;
    if (!s || !h) return;
    pthread_mutex_lock(&h->lock);
    SubGroup *g = s->g;
    uint32_t mi = g->plan.model->index;
    /* swap-remove */
    g->subs[s->slot] = g->subs[--g->n_subs];
    g->subs[s->slot]->slot = s->slot;
    if (g->n_subs == 0) {
        SubGroup **pp = &h->groups[mi];
        while (*pp && *pp != g) pp = &(*pp)->next;
        if (*pp) *pp = g->next;
        hub_group_unref(h, g);
    }
    atomic_fetch_sub(&h->n_subs[mi], 1);
    atomic_fetch_sub(&h->total_subs, 1);
    pthread_mutex_unlock(&h->lock);
    free(s->prefix);
    free(s);
}

void hub_counts(unsigned *groups, unsigned *subscribers)
{
    Hub *h = g_hub;
    *groups = *subscribers = 0;
    if (!h) return;
    pthread_mutex_lock(&h->lock);
    for (uint32_t i = 0; i < h->n_models; i++)
        for (SubGroup *g = h->groups[i]; g; g = g->next) {
            (*groups)++;
            *subscribers += g->n_subs;
        }
    pthread_mutex_unlock(&h->lock);
}
