/* datetime_test.c - DateTime input forms, ranges, zones and the output format. */
#include <stdlib.h>

#include "model/datetime.h"
#include "test.h"

/* Parses `in` and formats it back; NULL when the input is rejected. */
static const char *roundtrip(const char *in)
{
    static char out[25];
    long long ms;
    if (!datetime_parse(in, strlen(in), &ms)) return NULL;
    datetime_format(ms, out);
    return out;
}

#define ACCEPT(in, want) CHECK_EQ_STR(roundtrip(in), want)
#define REJECT(in)                                                                   \
    do {                                                                             \
        const char *r_ = roundtrip(in);                                              \
        if (r_) fprintf(stderr, "  \"%s\" accepted as %s\n", in, r_);               \
        CHECK(r_ == NULL);                                                           \
    } while (0)

TEST(forms)
{
    ACCEPT("2017", "2017-01-01T00:00:00.000Z");
    ACCEPT("2017-11", "2017-11-01T00:00:00.000Z");
    ACCEPT("2017-11-22", "2017-11-22T00:00:00.000Z");
    ACCEPT("2017-11-22T13", "2017-11-22T13:00:00.000Z");
    ACCEPT("2017-11-22T13:57", "2017-11-22T13:57:00.000Z");
    ACCEPT("2017-11-22T13:57:31", "2017-11-22T13:57:31.000Z");
    ACCEPT("2017-11-22T13:57:31.1", "2017-11-22T13:57:31.100Z");
    ACCEPT("2017-11-22T13:57:31.12", "2017-11-22T13:57:31.120Z");
    ACCEPT("2017-11-22T13:57:31.123", "2017-11-22T13:57:31.123Z");
    ACCEPT("2017-11-22T13:57:31,123", "2017-11-22T13:57:31.123Z");
    ACCEPT("2017-11-22T13:57:31.123456789", "2017-11-22T13:57:31.123Z"); /* truncated */
    ACCEPT("2017-11-22T13:57:31.999999", "2017-11-22T13:57:31.999Z");
    ACCEPT("2017T10", "2017-01-01T10:00:00.000Z");
    ACCEPT("2017-05T10:30Z", "2017-05-01T10:30:00.000Z");
}

TEST(zones)
{
    ACCEPT("2017-11-22T13:57:31.123Z", "2017-11-22T13:57:31.123Z");
    ACCEPT("2017-11-22T13:57:31+01", "2017-11-22T12:57:31.000Z");
    ACCEPT("2017-11-22T13:57:31+01:30", "2017-11-22T12:27:31.000Z");
    ACCEPT("2017-11-22T13:57:31-0230", "2017-11-22T16:27:31.000Z");
    ACCEPT("2017-11-22T00:30+01:00", "2017-11-21T23:30:00.000Z");  /* crosses the day */
    ACCEPT("2017-01-01T00:00-00:01", "2017-01-01T00:01:00.000Z");
    ACCEPT("2016-12-31T23:30-01", "2017-01-01T00:30:00.000Z");     /* crosses the year */
    ACCEPT("2017-11-22T13Z", "2017-11-22T13:00:00.000Z");
}

TEST(calendar)
{
    ACCEPT("2016-02-29", "2016-02-29T00:00:00.000Z");
    ACCEPT("2000-02-29", "2000-02-29T00:00:00.000Z");
    REJECT("1900-02-29");
    REJECT("2017-02-29");
    ACCEPT("2017-04-30", "2017-04-30T00:00:00.000Z");
    REJECT("2017-04-31");
    ACCEPT("1970-01-01T00:00:00.000Z", "1970-01-01T00:00:00.000Z");
    ACCEPT("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z");
    ACCEPT("1000-01-01", "1000-01-01T00:00:00.000Z");
    ACCEPT("0001-01-01", "0001-01-01T00:00:00.000Z");
    ACCEPT("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z");
    long long ms;
    CHECK(datetime_parse("1970-01-02", 10, &ms));
    CHECK_EQ_INT(ms, 86400000);
    CHECK(datetime_parse("1969-12-31T23:59:59.999Z", 24, &ms));
    CHECK_EQ_INT(ms, -1);
    CHECK(datetime_parse("2017-11-22T13:57:31.123Z", 24, &ms));
    CHECK_EQ_INT(ms, 1511359051123LL);
}

TEST(rejected)
{
    REJECT("");
    REJECT("17");
    REJECT("20170");
    REJECT("2017-1");
    REJECT("2017-13");
    REJECT("2017-00");
    REJECT("2017-01-00");
    REJECT("2017-01-32");
    REJECT("2017-01-01T");
    REJECT("2017-01-01T24:00");
    REJECT("2017-01-01T23:60");
    REJECT("2017-01-01T23:59:60");
    REJECT("2017-01-01T1");
    REJECT("2017-01-01T10:00:00.");
    REJECT("2017-01-01T10:00:00.1234567890");
    REJECT("2017-01-01T10:00.5");
    REJECT("2017-01-01Z");          /* a zone needs a time */
    REJECT("2017-01-01T10:00+1");
    REJECT("2017-01-01T10:00+24");
    REJECT("2017-01-01T10:00+01:60");
    REJECT("2017-01-01T10:00+01:");
    REJECT("2017-01-01T10:00z");
    REJECT("2017-01-01 10:00");
    REJECT("2017-01-01T10:00:00Zjunk");
    REJECT("hello");
    /* the length is honoured: no reading past n */
    long long ms;
    CHECK(!datetime_parse("2017-01-01", 6, &ms));
    CHECK(datetime_parse("2017-01-01", 7, &ms));
}

TEST(timezone_independent)
{
    setenv("TZ", "America/New_York", 1);
    ACCEPT("2017-07-01T12:00", "2017-07-01T12:00:00.000Z");
    setenv("TZ", "Asia/Kolkata", 1);
    ACCEPT("2017-07-01T12:00", "2017-07-01T12:00:00.000Z");
    unsetenv("TZ");
}

TEST(format)
{
    char out[25];
    datetime_format(0, out);
    CHECK_EQ_STR(out, "1970-01-01T00:00:00.000Z");
    datetime_format(951782400000LL, out); /* 2000-02-29 */
    CHECK_EQ_STR(out, "2000-02-29T00:00:00.000Z");
    datetime_format(-62135596800000LL, out);
    CHECK_EQ_STR(out, "0001-01-01T00:00:00.000Z");
    datetime_format(-1, out);
    CHECK_EQ_STR(out, "1969-12-31T23:59:59.999Z");
}

int main(void)
{
    RUN(forms);
    RUN(zones);
    RUN(calendar);
    RUN(rejected);
    RUN(timezone_independent);
    RUN(format);
    return test_summary();
}
