/* ISO 8601 timestamps in canonical form (see include/psirt/isotime.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "psirt/isotime.h"
#include "psirt/str.h"

/* Reads exactly n digits at s[*i]; -1 when they are not all there. */
static long digits(const char *s, size_t len, size_t *i, int n)
{
	long v = 0;
	int k;

	if (len - *i < (size_t)n)
		return -1;
	for (k = 0; k < n; k++) {
		if (!psirt_isdigit((unsigned char)s[*i + k]))
			return -1;
		v = v * 10 + (s[*i + k] - '0');
	}
	*i += (size_t)n;
	return v;
}

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, long m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date: count whole 400-year
 * eras (146097 days each) from 0000-03-01, so that February, with its leap
 * day, ends each computational year. */
static long long days_from_civil(long y, long m, long d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long *y, long *m, long *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (long)(doy - (153 * mp + 2) / 5 + 1);
	*m = (long)(mp < 10 ? mp + 3 : mp - 9);
	*y = (long)(yoe + era * 400 + (*m <= 2));
}

static void put(char *out, long v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void format_ms(long long ms_since_epoch, char out[PSIRT_ISOTIME_LEN + 1])
{
	long long days, rem;
	long y, mo, d;

	days = ms_since_epoch / 86400000;
	rem = ms_since_epoch % 86400000;
	if (rem < 0) {
		rem += 86400000;
		days--;
	}
	civil_from_days(days, &y, &mo, &d);
	put(out, y, 4);
	out[4] = '-';
	put(out + 5, mo, 2);
	out[7] = '-';
	put(out + 8, d, 2);
	out[10] = 'T';
	put(out + 11, (long)(rem / 3600000), 2);
	out[13] = ':';
	put(out + 14, (long)(rem / 60000 % 60), 2);
	out[16] = ':';
	put(out + 17, (long)(rem / 1000 % 60), 2);
	out[19] = '.';
	put(out + 20, (long)(rem % 1000), 3);
	out[23] = 'Z';
	out[24] = '\0';
}

static int parse_date(const char *s, size_t len, size_t *i, long *y, long *m, long *d)
{
	*y = digits(s, len, i, 4);
	if (*y < 0 || *i >= len || s[*i] != '-')
		return -1;
	(*i)++;
	*m = digits(s, len, i, 2);
	if (*m < 1 || *m > 12 || *i >= len || s[*i] != '-')
		return -1;
	(*i)++;
	*d = digits(s, len, i, 2);
	if (*d < 1 || *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

int psirt_isotime_is_date(const char *s, size_t len)
{
	size_t i = 0;
	long y, m, d;

	return parse_date(s, len, &i, &y, &m, &d) == 0 && i == len;
}

int psirt_isotime_parse(const char *s, size_t len, char out[PSIRT_ISOTIME_LEN + 1])
{
	size_t i = 0;
	long y, mo, d, h = 0, mi = 0, sec = 0, ms = 0, oh, om = 0;
	long long total;
	int k, sign;

	if (!s || parse_date(s, len, &i, &y, &mo, &d))
		return -1;
	if (y < 1000) /* no feed predates it; keeps the width fixed */
		return -1;
	if (i < len && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
		i++;
		h = digits(s, len, &i, 2);
		if (h < 0 || h > 23 || i >= len || s[i] != ':')
			return -1;
		i++;
		mi = digits(s, len, &i, 2);
		if (mi < 0 || mi > 59)
			return -1;
		if (i < len && s[i] == ':') {
			i++;
			/* RFC 3339 §5.6 allows a leap second, 60; it rolls over below */
			sec = digits(s, len, &i, 2);
			if (sec < 0 || sec > 60)
				return -1;
			if (i < len && (s[i] == '.' || s[i] == ',')) {
				i++;
				if (i >= len || !psirt_isdigit((unsigned char)s[i]))
					return -1;
				for (k = 0; i < len && psirt_isdigit((unsigned char)s[i]); i++, k++) {
					if (k < 3)
						ms = ms * 10 + (s[i] - '0');
					if (k > 30)
						return -1;
				}
				for (; k < 3; k++)
					ms *= 10;
			}
		}
		if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
			i++;
		} else if (i < len && (s[i] == '+' || s[i] == '-')) {
			sign = s[i] == '-' ? -1 : 1;
			i++;
			oh = digits(s, len, &i, 2);
			if (oh < 0 || oh > 23)
				return -1;
			if (i < len && s[i] == ':')
				i++;
			if (i < len) {
				om = digits(s, len, &i, 2);
				if (om < 0 || om > 59)
					return -1;
			}
			/* local = UTC + offset, so UTC = local - offset */
			h -= sign * oh;
			mi -= sign * om;
		}
	}
	if (i != len)
		return -1;
	total = days_from_civil(y, mo, d) * 86400000LL + (long long)h * 3600000 +
	        (long long)mi * 60000 + (long long)sec * 1000 + ms;
	format_ms(total, out);
	return 0;
}

void psirt_isotime_from_epoch(time_t t, int millis, char out[PSIRT_ISOTIME_LEN + 1])
{
	format_ms((long long)t * 1000 + millis, out);
}

int psirt_isotime_day_number(const char *s, long long *days)
{
	size_t i = 0, len = strnlen(s, PSIRT_ISOTIME_DAY_LEN);
	long y, m, d;

	if (len != PSIRT_ISOTIME_DAY_LEN || parse_date(s, len, &i, &y, &m, &d) || i != len)
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

void psirt_isotime_day_format(long long days, char out[PSIRT_ISOTIME_DAY_LEN + 1])
{
	char full[PSIRT_ISOTIME_LEN + 1];

	format_ms(days * 86400000LL, full);
	memcpy(out, full, PSIRT_ISOTIME_DAY_LEN);
	out[PSIRT_ISOTIME_DAY_LEN] = '\0';
}

double psirt_monotonic_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void psirt_isotime_now(char out[PSIRT_ISOTIME_LEN + 1])
{
	const char *env = getenv("PSIRT_NOW");
	struct timeval tv;

	if (env && *env && psirt_isotime_parse(env, strlen(env), out) == 0)
		return;
	gettimeofday(&tv, NULL);
	psirt_isotime_from_epoch(tv.tv_sec, (int)(tv.tv_usec / 1000), out);
}
