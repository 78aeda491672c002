/* datetime.h - DateTime input parsing and output formatting (SIMPLE-API.md §2.5).
 *
 * Pure arithmetic on the proleptic Gregorian calendar in UTC: nothing here depends on
 * the process time zone or locale. Used by the model loader (default values) and by
 * input coercion and result writing. */
#ifndef RELATA_MODEL_DATETIME_H
#define RELATA_MODEL_DATETIME_H

#include <stdbool.h>
#include <stddef.h>

/* Parses one of the accepted ISO-8601 input forms: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, each
 * optionally followed by `T` and `HH`, `HH:mm`, `HH:mm:ss` or `HH:mm:ss` plus `.`/`,` and
 * 1-9 fraction digits (truncated to milliseconds), then (only after a time) an optional
 * zone `Z`, `±HH`, `±HH:mm` or `±HHmm`. No zone means UTC. Ranges are checked (month
 * 1-12, day within the month incl. leap years, hour 0-23, minute/second 0-59, zone hour
 * 0-23). On success stores milliseconds since 1970-01-01T00:00:00Z and returns true. */
bool datetime_parse(const char *s, size_t n, long long *epoch_ms);

/* Writes `YYYY-MM-DDTHH:mm:ss.SSSZ` (24 characters and a NUL) in UTC. Years outside
 * 0-9999 are not representable in this form; the output is then truncated to fit. */
void datetime_format(long long epoch_ms, char out[25]);

#endif
