/* id_test.c - mutate_new_id: the cuid shape of SIMPLE-API.md §2.1 and strict increase in
 * byte order, from one thread and across threads. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../test.h"
#include "mutate/mutate.h"

static bool base36(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z'))) return false;
    return true;
}

TEST(shape)
{
    char id[26];
    mutate_new_id(id);
    CHECK_EQ_INT(strlen(id), 25);
    CHECK(id[0] == 'c');
    CHECK(base36(id + 1, 24));
}

TEST(increasing_in_one_thread)
{
    char prev[26], id[26];
    mutate_new_id(prev);
    for (int i = 0; i < 20000; i++) {
        mutate_new_id(id);
        CHECK(strcmp(prev, id) < 0);
        memcpy(prev, id, 26);
    }
}

TEST(fingerprint_is_stable)
{
    char a[26], b[26];
    mutate_new_id(a);
    mutate_new_id(b);
    CHECK(memcmp(a + 13, b + 13, 4) == 0);
}

#define THREADS 4
#define PER_THREAD 5000
static char ids[THREADS][PER_THREAD][26];

static void *make_ids(void *arg)
{
    char(*mine)[26] = arg;
    for (int i = 0; i < PER_THREAD; i++)
        mutate_new_id(mine[i]);
    return NULL;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(a, b);
}

TEST(increasing_and_unique_across_threads)
{
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, make_ids, ids[i]);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    /* each thread sees strictly increasing ids */
    for (int i = 0; i < THREADS; i++)
        for (int k = 1; k < PER_THREAD; k++)
            CHECK(strcmp(ids[i][k - 1], ids[i][k]) < 0);
    /* and no id was handed out twice, not even the time+counter prefix */
    static char prefixes[THREADS * PER_THREAD][26];
    for (int i = 0; i < THREADS; i++)
        for (int k = 0; k < PER_THREAD; k++) {
            memcpy(prefixes[i * PER_THREAD + k], ids[i][k], 13);
            prefixes[i * PER_THREAD + k][13] = 0;
        }
    qsort(prefixes, THREADS * PER_THREAD, 26, cmp_id);
    for (int i = 1; i < THREADS * PER_THREAD; i++)
        CHECK(strcmp(prefixes[i - 1], prefixes[i]) < 0);
}

int main(void)
{
    RUN(shape);
    RUN(increasing_in_one_thread);
    RUN(fingerprint_is_stable);
    RUN(increasing_and_unique_across_threads);
    return test_summary();
}
