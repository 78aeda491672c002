/* internal.h - what the files of sub/ share: the hub's groups and subscribers (hub.c),
 * canonical keys of filters and selections (key.c) and filter matching (match.c). */
#ifndef RELATA_SUB_INTERNAL_H
#define RELATA_SUB_INTERNAL_H

#include <pthread.h>

#include "sql/compile.h"
#include "sub/hub.h"

typedef struct SubGroup SubGroup;

struct SubGroup {
    SubGroup *next;          /* next group of the same model */
    unsigned refs;           /* the hub's list + prepared deliveries; under the hub lock */
    Arena *arena;            /* owns the plan and the keys */
    SubPlan plan;
    const char *key;         /* model, root key, filter and selection, canonical */
    const char *filter_key;  /* the filter alone: events are matched once per filter */
    bool has_node;           /* the filter has a `node` condition: matching needs SQL */
    Subscriber **subs;
    uint32_t n_subs, cap_subs;
};

struct Subscriber {
    SubGroup *g;
    uint32_t slot;           /* index in g->subs */
    SubPushFn push;
    void *conn;
    uint64_t serial;
    char *prefix;
    size_t prefix_len;
};

typedef struct Hub {
    pthread_mutex_t lock;    /* groups and subscribers */
    pthread_mutex_t order;   /* COMMIT + delivery, so events go out in commit order */
    const Engine *engine;
    const DataModel *dm;
    uint32_t n_models;
    SubGroup **groups;       /* per model index: list of groups */
    atomic_uint *n_subs;     /* per model index: subscribers (read without the lock) */
    atomic_uint total_subs;
    PlanSel **scalar_sel;    /* per model index: every scalar field (previous values) */
    Arena arena;             /* the above arrays */
} Hub;

/* The running hub or NULL. */
Hub *hub_get(void);
void hub_group_unref(Hub *h, SubGroup *g); /* with h->lock held */

/* ---- key.c ---- */
void sub_key_value(Buf *b, const Value *v);
void sub_key_sel(Buf *b, const PlanSel *s);

/* ---- match.c ---- */
/* Whether the filter has a `node` key anywhere. */
bool sub_filter_has_node(const Value *filter);
/* Rules 1-4 of SIMPLE-API.md §6.3 without `node` conditions: 1 delivered, 0 not, -1
 * undecided (a `node` condition must be evaluated: see sub_match_compile). */
int sub_match_static(const Value *filter, SubKind k, const char *const *upd, uint32_t n_upd);
/* The SQL that decides rule 4 for node `id`: SELECT EXISTS(... id = ?1 AND <filter>),
 * where the event's own conditions are constants, compiled into plan `p` (which may
 * add id-set statements for deep relation filters). False with err set on a filter
 * the store cannot evaluate. */
bool sub_match_compile(SqlPlan *p, const Model *m, const Value *filter, SubKind k,
                       const char *const *upd, uint32_t n_upd, Str id, SqlQuery *q,
                       FieldError *err);
/* Runs it (id-set statements first): 1 true, 0 false, -1 database error (logged). */
int sub_match_run(StoreConn *c, SqlPlan *p, const SqlQuery *q);

#endif
