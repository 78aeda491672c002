/* id.c - node ids (SIMPLE-API.md §2.1): 'c' + 8 time + 4 counter + 4 fingerprint +
 * 8 random characters, base 36, 25 in all.
 *
 * The time and counter parts come from one atomic 64-bit clock, ms * 36^4 + counter,
 * which only moves forward: each id takes max(now, last + 1). So ids are strictly
 * increasing in byte order within the process from any number of threads, and across
 * restarts as long as the wall clock does not go back. The fingerprint (pid and host)
 * and the random tail (getrandom) keep ids of different processes apart. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "base/str.h"
#include "mutate/mutate.h"

#define BASE36_4 1679616ULL       /* 36^4 */
#define BASE36_8 2821109907456ULL /* 36^8 */

static _Atomic uint64_t id_clock;
static pthread_once_t fp_once = PTHREAD_ONCE_INIT;
static unsigned fingerprint;

static void fingerprint_init(void)
{
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    unsigned long h = str_hash(host, strlen(host));
    fingerprint = (unsigned)(((unsigned long)getpid() * 2654435761UL ^ h) % BASE36_4);
}

/* Writes v in base 36, zero-padded to exactly n digits (higher digits are dropped). */
static void put_base36(char *out, uint64_t v, int n)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    for (int i = n - 1; i >= 0; i--) {
        out[i] = digits[v % 36];
        v /= 36;
    }
}

void mutate_new_id(char out[26])
{
    pthread_once(&fp_once, fingerprint_init);

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t now = ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000) * BASE36_4;
    uint64_t old = atomic_load(&id_clock), next;
    do {
        next = now > old ? now : old + 1;
    } while (!atomic_compare_exchange_weak(&id_clock, &old, next));

    uint64_t rnd = 0;
    if (getrandom(&rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
        rnd = (uint64_t)ts.tv_nsec * 6364136223846793005ULL + next; /* never in practice */

    out[0] = 'c';
    put_base36(out + 1, next / BASE36_4, 8);
    put_base36(out + 9, next % BASE36_4, 4);
    put_base36(out + 13, fingerprint, 4);
    put_base36(out + 17, rnd % BASE36_8, 8);
    out[25] = 0;
}
