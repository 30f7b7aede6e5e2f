/* psirt — ISO 8601 timestamps in one canonical, sortable form.
 *
 * Feeds write instants in many shapes: NVD "2023-11-07T04:08:43.293" (UTC, no
 * zone), KEV "2025-08-25T17:04:19.9796Z", EPSS "2022-02-04T00:00:00+0000",
 * JVN "2024-01-10T12:00+09:00" (no seconds). psirt stores every instant as
 * "YYYY-MM-DDTHH:MM:SS.mmmZ" in UTC: fixed width, so byte order is time order
 * and SQL can compare them as text.
 */
#ifndef PSIRT_ISOTIME_H
#define PSIRT_ISOTIME_H

#include <stddef.h>
#include <time.h>

/* Length of the canonical form, without the NUL. */
#define PSIRT_ISOTIME_LEN 24

/* Parses s (len bytes, need not be NUL-terminated):
 *   YYYY-MM-DD[(T|t| )HH:MM[:SS[.fraction]]][Z|z|±HH[:MM]|±HHMM]
 * A missing zone means UTC (the NVD API writes UTC without a zone); a date
 * alone means midnight UTC. Fractions beyond milliseconds are truncated.
 * Writes the canonical form and a NUL into out. Returns 0, or -1 when s is
 * not such a timestamp or names an impossible date (2023-02-30). */
int psirt_isotime_parse(const char *s, size_t len, char out[PSIRT_ISOTIME_LEN + 1]);

/* Is s (len bytes) a calendar date "YYYY-MM-DD" that exists? 1 or 0. */
int psirt_isotime_is_date(const char *s, size_t len);

/* Formats seconds since the epoch (UTC) plus milliseconds canonically. */
void psirt_isotime_from_epoch(time_t t, int millis, char out[PSIRT_ISOTIME_LEN + 1]);

/* Seconds on the monotonic clock (CLOCK_MONOTONIC): for durations and
 * throttles, never for timestamps. */
double psirt_monotonic_s(void);

/* Calendar days as numbers, for stepping through dates (days since
 * 1970-01-01, proleptic Gregorian, UTC). psirt_isotime_day_number reads the
 * first 10 bytes of s, a date "YYYY-MM-DD" (a canonical instant's date
 * part will do): 0 and *days, or -1 when they are no existing date.
 * psirt_isotime_day_format writes "YYYY-MM-DD" and a NUL (years 0..9999). */
#define PSIRT_ISOTIME_DAY_LEN 10
int psirt_isotime_day_number(const char *s, long long *days);
void psirt_isotime_day_format(long long days, char out[PSIRT_ISOTIME_DAY_LEN + 1]);

/* The current time, canonical. When the environment variable PSIRT_NOW holds
 * a timestamp that psirt_isotime_parse() accepts, that instead of the clock
 * (git's GIT_TEST_DATE_NOW): tests and demos get stable output. */
void psirt_isotime_now(char out[PSIRT_ISOTIME_LEN + 1]);

#endif
