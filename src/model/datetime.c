/* datetime.c - DateTime parsing/formatting without libc time zones, see datetime.h.
 *
 * Civil date <-> day number conversion uses the well-known era-based algorithm
 * (400-year cycles of 146097 days), valid for every year and independent of TZ. */
#include "model/datetime.h"

#include <stdio.h>
#include <string.h>

/* Days since 1970-01-01 of the civil date y-m-d. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);                          /* [0, 399] */
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;     /* [0, 365] */
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;              /* [0, 146096] */
    return era * 146097 + (long long)doe - 719468;
}

static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

static bool is_leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static unsigned days_in_month(long long y, unsigned m)
{
    static const unsigned dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Reads exactly `k` decimal digits at s[*i]; advances *i. */
static bool digits(const char *s, size_t n, size_t *i, unsigned k, unsigned *out)
{
    unsigned v = 0;
    for (unsigned j = 0; j < k; j++) {
        if (*i >= n || s[*i] < '0' || s[*i] > '9') return false;
        v = v * 10 + (unsigned)(s[(*i)++] - '0');
    }
    *out = v;
    return true;
}

static bool at(const char *s, size_t n, size_t i, char c) { return i < n && s[i] == c; }

bool datetime_parse(const char *s, size_t n, long long *epoch_ms)
{
    size_t i = 0;
    unsigned year, month = 1, day = 1, hour = 0, minute = 0, second = 0, ms = 0;
    long long offset_min = 0;

    if (!digits(s, n, &i, 4, &year)) return false;
    if (at(s, n, i, '-')) {
        i++;
        if (!digits(s, n, &i, 2, &month) || month < 1 || month > 12) return false;
        if (at(s, n, i, '-')) {
            i++;
            if (!digits(s, n, &i, 2, &day) || day < 1 || day > days_in_month(year, month))
                return false;
        }
    }
    if (at(s, n, i, 'T')) {
        i++;
        if (!digits(s, n, &i, 2, &hour) || hour > 23) return false;
        if (at(s, n, i, ':')) {
            i++;
            if (!digits(s, n, &i, 2, &minute) || minute > 59) return false;
            if (at(s, n, i, ':')) {
                i++;
                if (!digits(s, n, &i, 2, &second) || second > 59) return false;
                if (at(s, n, i, '.') || at(s, n, i, ',')) {
                    i++;
                    unsigned k = 0, scale = 100;
                    while (i < n && s[i] >= '0' && s[i] <= '9') {
                        if (++k > 9) return false;
                        ms += (unsigned)(s[i++] - '0') * scale; /* digits past ms add 0 */
                        scale /= 10;
                    }
                    if (k == 0) return false;
                }
            }
        }
        /* zone designator, only after a time (as Joda's date-opt-time) */
        if (at(s, n, i, 'Z')) {
            i++;
        } else if (at(s, n, i, '+') || at(s, n, i, '-')) {
            int sign = s[i++] == '-' ? -1 : 1;
            unsigned oh, om = 0;
            if (!digits(s, n, &i, 2, &oh) || oh > 23) return false;
            if (at(s, n, i, ':')) {
                i++;
                if (!digits(s, n, &i, 2, &om)) return false;
            } else if (i < n && s[i] >= '0' && s[i] <= '9') {
                if (!digits(s, n, &i, 2, &om)) return false;
            }
            if (om > 59) return false;
            offset_min = sign * (long long)(oh * 60 + om);
        }
    }
    if (i != n) return false;

    long long days = days_from_civil(year, month, day);
    long long secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_min * 60;
    *epoch_ms = secs * 1000 + ms;
    return true;
}

void datetime_format(long long epoch_ms, char out[25])
{
    long long days = epoch_ms / 86400000, rem = epoch_ms % 86400000;
    if (rem < 0) {
        rem += 86400000;
        days--;
    }
    long long y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    unsigned ms = (unsigned)(rem % 1000), s = (unsigned)(rem / 1000);
    char tmp[64]; /* room for any year; the contract only promises 24 characters */
    snprintf(tmp, sizeof tmp, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ", y, m, d, s / 3600,
             s / 60 % 60, s % 60, ms);
    memcpy(out, tmp, 24);
    out[24] = 0;
}
