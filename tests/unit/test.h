/* test.h - a tiny unit-test harness: each *_test.c is its own binary.
 *
 *   TEST(name) { CHECK(x); CHECK_EQ_INT(a, b); CHECK_EQ_STR(a, b); }
 *   int main(void) { RUN(name); ...; return test_summary(); }
 *
 * A failed CHECK prints file:line and both values, marks the test failed and returns
 * from it. The summary line is "N passed, N failed". */
#ifndef RELATA_TEST_H
#define RELATA_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_passed_, test_failed_, test_cur_failed_;

#define TEST(name) static void test_##name(void)
#define RUN(name)                                                                  \
    do {                                                                           \
        test_cur_failed_ = 0;                                                      \
        test_##name();                                                             \
        if (test_cur_failed_) {                                                    \
            test_failed_++;                                                        \
            fprintf(stderr, "FAIL %s\n", #name);                                   \
        } else {                                                                   \
            test_passed_++;                                                        \
        }                                                                          \
    } while (0)

#define CHECK(cond)                                                                \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            test_cur_failed_ = 1;                                                  \
            return;                                                                \
        }                                                                          \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                         \
    do {                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                        \
        if (a_ != b_) {                                                            \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__,     \
                    __LINE__, #a, #b, a_, b_);                                     \
            test_cur_failed_ = 1;                                                  \
            return;                                                                \
        }                                                                          \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                         \
    do {                                                                           \
        const char *a_ = (a), *b_ = (b);                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                   \
            fprintf(stderr, "%s:%d: %s == %s failed:\n  got:      \"%s\"\n  expected: \"%s\"\n", \
                    __FILE__, __LINE__, #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
            test_cur_failed_ = 1;                                                  \
            return;                                                                \
        }                                                                          \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                                \
    do {                                                                           \
        const char *h_ = (hay), *n_ = (needle);                                    \
        if (!h_ || !strstr(h_, n_)) {                                              \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__,    \
                    __LINE__, h_ ? h_ : "(null)", n_);                             \
            test_cur_failed_ = 1;                                                  \
            return;                                                                \
        }                                                                          \
    } while (0)

static inline int test_summary(void)
{
    printf("%d passed, %d failed\n", test_passed_, test_failed_);
    return test_failed_ ? 1 : 0;
}

#endif
