/* CVSS vectors: the version-independent parser, formatter and names.
 * The metric tables live with each version's scorer (cvss2.c, cvss3.c, and
 * the generated cvss4_tables.c). */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "psirt/cvss.h"
#include "psirt/str.h"
#include "triage/internal.h"

/* Echo at most this much of a bad name or value in a message: enough for
 * any real one, short enough to keep the error on one line. */
#define ECHO_MAX 16

/* Names and values from the input appear in messages only when they are
 * short printable ASCII: a message is one line of plain text. */
static int echoable(const char *p, size_t len)
{
	size_t i;

	if (len == 0 || len > ECHO_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		if (p[i] <= ' ' || p[i] > '~')
			return 0;
	}
	return 1;
}

static enum psirt_err fail_at(struct psirt_diag *diag, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum psirt_err fail_at(struct psirt_diag *diag, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	psirt_diag_setv(diag, PSIRT_EINVAL, fmt, ap);
	va_end(ap);
	psirt_diag_set_column(diag, (long)col);
	return PSIRT_EINVAL;
}

/* "N, A, L or P" for a message; the table's values are short constants. */
static void expected_values(const struct triage__cvss_metric *m, char *buf, size_t size)
{
	size_t used = 0;
	unsigned i;
	int n;

	buf[0] = '\0';
	for (i = 0; i < m->nvalues; i++) {
		n = snprintf(buf + used, size - used, "%s%s",
		             i == 0 ? "" : i + 1 == m->nvalues ? " or " : ", ", m->values[i]);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
}

/* Picks the version from the prefix; sets *start to the first metric and
 * *end past the last one (v2's parentheses excluded). */
static enum psirt_err detect(const char *s, size_t len, const struct triage__cvss_spec **spec,
                             size_t *start, size_t *end, struct psirt_diag *diag)
{
	static const struct triage__cvss_spec *const prefixed[] = {
		&triage__cvss31_spec, &triage__cvss4_spec, &triage__cvss30_spec,
	};
	struct psirt_str v = psirt_str_make(s, len);
	size_t i, n;

	*end = len;
	if (psirt_str_startswith(v, "CVSS:")) {
		for (i = 0; i < sizeof prefixed / sizeof prefixed[0]; i++) {
			if (psirt_str_startswith(v, prefixed[i]->prefix)) {
				*spec = prefixed[i];
				*start = prefixed[i]->prefix_len;
				return PSIRT_OK;
			}
		}
		for (i = 0; i < sizeof prefixed / sizeof prefixed[0]; i++) {
			n = prefixed[i]->prefix_len - 1u; /* without the '/' */
			if (len == n && !memcmp(s, prefixed[i]->prefix, n))
				return fail_at(diag, len + 1, "no metrics after '%.*s'", (int)n, s);
		}
		for (n = 5; n < len && s[n] != '/'; n++)
			;
		if (echoable(s, n))
			return fail_at(diag, 1, "unsupported CVSS version '%.*s' (expected CVSS:3.0, "
			               "CVSS:3.1 or CVSS:4.0, or a v2 vector without prefix)", (int)n, s);
		return fail_at(diag, 1, "unsupported CVSS version (expected CVSS:3.0, "
		               "CVSS:3.1 or CVSS:4.0, or a v2 vector without prefix)");
	}
	if (len >= 5 && psirt_str_ieq(psirt_str_make(s, 5), "CVSS:"))
		return fail_at(diag, 1, "the CVSS prefix must be written 'CVSS:' in upper case");
	*spec = &triage__cvss2_spec;
	*start = 0;
	/* NVD writes v2 vectors in parentheses: "(AV:N/AC:L/...)". */
	if (len && s[0] == '(') {
		if (s[len - 1] != ')')
			return fail_at(diag, len + 1, "'(' without closing ')'");
		*start = 1;
		*end = len - 1;
	} else if (len && s[len - 1] == ')') {
		return fail_at(diag, len, "')' without opening '('");
	}
	return PSIRT_OK;
}

static const struct triage__cvss_spec *spec_of(enum psirt_cvss_version version)
{
	switch (version) {
	case PSIRT_CVSS_V2_0:
		return &triage__cvss2_spec;
	case PSIRT_CVSS_V3_0:
		return &triage__cvss30_spec;
	case PSIRT_CVSS_V3_1:
		return &triage__cvss31_spec;
	case PSIRT_CVSS_V4_0:
		return &triage__cvss4_spec;
	}
	return NULL;
}

/* Names and values as integers: up to 7 bytes, the length in the top byte
 * (so "A" and "A\0" differ); 0 stands for "too long". With the hash probe
 * and the branch-free value match below, parsing bench_cvss's vectors went
 * from ~265 to ~170 ns (v3.1) and ~375 to ~230 ns (v4.0) of CPU time: with
 * random optional metrics and values, mispredicted loop exits dominated.
 * (Splitting fields eight bytes at a time was tried too and gained nothing.) */
static uint64_t key_of(const char *p, size_t len)
{
	uint64_t k = 0;
	size_t i;

	if (len == 0 || len > 7)
		return 0;
	for (i = 0; i < len; i++)
		k |= (uint64_t)(unsigned char)p[i] << (8 * i);
	return k | (uint64_t)len << 56;
}

/* A metric name's slot in spec_keys.slot_key: multiplicative hashing of the
 * key, 128 slots for at most 32 names, linear probing. */
#define SLOTS 128
static unsigned slot_of(uint64_t key)
{
	return (unsigned)((key * 0x9E3779B97F4A7C15ull) >> 57);
}

struct spec_keys {
	uint64_t slot_key[SLOTS];     /* name key, 0 for an empty slot */
	unsigned char slot_index[SLOTS];
	uint64_t value[PSIRT_CVSS_MAX_METRICS][6]; /* 0 past nvalues */
};

/* Indexed by version - 1; built once from the metric tables. */
static struct spec_keys spec_keys[4];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void build_keys(void)
{
	const struct triage__cvss_spec *spec;
	const struct triage__cvss_metric *m;
	struct spec_keys *k;
	unsigned v, i, j, h;

	for (v = 0; v < 4; v++) {
		spec = spec_of((enum psirt_cvss_version)(v + 1));
		k = &spec_keys[v];
		for (i = 0; i < spec->count; i++) {
			m = &spec->metrics[i];
			for (h = slot_of(key_of(m->name, m->name_len)); k->slot_key[h];
			     h = (h + 1) % SLOTS)
				;
			k->slot_key[h] = key_of(m->name, m->name_len);
			k->slot_index[h] = (unsigned char)i;
			for (j = 0; j < m->nvalues; j++)
				k->value[i][j] = key_of(m->values[j], strlen(m->values[j]));
		}
	}
}

static const struct spec_keys *keys_for(const struct triage__cvss_spec *spec)
{
	pthread_once(&keys_once, build_keys);
	return &spec_keys[spec->version - 1];
}

/* The metric's index in the spec, or -1. A hash probe rather than a search:
 * which optional metrics a vector leaves out varies, so a search's length
 * did too, and its mispredicted ends cost more than the probe. */
static int find_metric(const struct spec_keys *keys, uint64_t key)
{
	unsigned h;

	for (h = slot_of(key); keys->slot_key[h]; h = (h + 1) % SLOTS) {
		if (keys->slot_key[h] == key)
			return keys->slot_index[h];
	}
	return -1;
}

/* The value's index, or -1: all six compares at once, no early exit to
 * mispredict (keys past nvalues are 0 and never match a real key). */
static int find_value(const uint64_t keys[6], uint64_t key)
{
	unsigned mask = (unsigned)(keys[0] == key) | (unsigned)(keys[1] == key) << 1 |
	                (unsigned)(keys[2] == key) << 2 | (unsigned)(keys[3] == key) << 3 |
	                (unsigned)(keys[4] == key) << 4 | (unsigned)(keys[5] == key) << 5;

	return mask ? __builtin_ctz(mask) : -1;
}

enum psirt_err psirt_cvss_parse(struct psirt_cvss *out, const char *s, size_t len,
                                struct psirt_diag *diag)
{
	const struct triage__cvss_spec *spec = NULL;
	const struct triage__cvss_metric *m;
	const struct spec_keys *keys;
	uint64_t key;
	char expect[64];
	size_t pos = 0, end = 0, name_at, name_len, value_at, value_len;
	int last = -1, mi, vi;
	unsigned i;
	enum psirt_err err;

	if (len == 0)
		return fail_at(diag, 1, "empty CVSS vector");
	if (len > PSIRT_CVSS_MAX_INPUT) {
		psirt_diag_set(diag, PSIRT_ETOOBIG, "CVSS vector longer than %d bytes",
		               PSIRT_CVSS_MAX_INPUT);
		psirt_diag_set_column(diag, PSIRT_CVSS_MAX_INPUT + 1);
		return PSIRT_ETOOBIG;
	}
	err = detect(s, len, &spec, &pos, &end, diag);
	if (err)
		return err;
	if (pos == end)
		return fail_at(diag, pos + 1, "no metrics in the CVSS %s vector",
		               psirt_cvss_version_name(spec->version));
	memset(out, 0, sizeof *out);
	out->version = spec->version;
	keys = keys_for(spec);

	for (;;) {
		/* One field: NAME ':' VALUE, then '/' or the end. */
		name_at = pos;
		key = 0;
		while (pos < end && s[pos] != ':' && s[pos] != '/') {
			if (pos - name_at < 7)
				key |= (uint64_t)(unsigned char)s[pos] << (8 * (pos - name_at));
			pos++;
		}
		name_len = pos - name_at;
		key = name_len <= 7 ? key | (uint64_t)name_len << 56 : 0;
		if (name_len == 0) {
			if (name_at == end && name_at > 0 && s[name_at - 1] == '/')
				return fail_at(diag, name_at + 1, "trailing '/' after the last metric");
			return fail_at(diag, name_at + 1, "empty metric");
		}
		if (pos == end || s[pos] != ':') {
			if (echoable(s + name_at, name_len))
				return fail_at(diag, pos + 1, "metric '%.*s' has no ':' and value",
				               (int)name_len, s + name_at);
			return fail_at(diag, pos + 1, "expected ':' after a metric name");
		}
		mi = key ? find_metric(keys, key) : -1;
		if (mi < 0) {
			if (echoable(s + name_at, name_len))
				return fail_at(diag, name_at + 1, "unknown metric '%.*s' in a CVSS %s vector",
				               (int)name_len, s + name_at,
				               psirt_cvss_version_name(spec->version));
			return fail_at(diag, name_at + 1, "unknown metric in a CVSS %s vector",
			               psirt_cvss_version_name(spec->version));
		}
		m = &spec->metrics[mi];
		if (out->value[mi])
			return fail_at(diag, name_at + 1, "duplicate metric '%s'", m->name);
		if (spec->ordered && mi < last)
			return fail_at(diag, name_at + 1,
			               "metric '%s' out of order: CVSS %s requires it before '%s'",
			               m->name, psirt_cvss_version_name(spec->version),
			               spec->metrics[last].name);
		value_at = ++pos;
		key = 0;
		while (pos < end && s[pos] != '/') {
			if (pos - value_at < 7)
				key |= (uint64_t)(unsigned char)s[pos] << (8 * (pos - value_at));
			pos++;
		}
		value_len = pos - value_at;
		key = value_len <= 7 ? key | (uint64_t)value_len << 56 : 0;
		if (value_len == 0)
			return fail_at(diag, value_at + 1, "metric '%s' has an empty value", m->name);
		vi = key ? find_value(keys->value[mi], key) : -1;
		if (vi < 0) {
			expected_values(m, expect, sizeof expect);
			if (echoable(s + value_at, value_len))
				return fail_at(diag, value_at + 1,
				               "unknown value '%.*s' for metric '%s' (expected %s)",
				               (int)value_len, s + value_at, m->name, expect);
			return fail_at(diag, value_at + 1, "unknown value for metric '%s' (expected %s)",
			               m->name, expect);
		}
		out->value[mi] = (unsigned char)(vi + 1);
		last = mi;
		if (pos == end)
			break;
		pos++; /* the '/' */
	}

	for (i = 0; i < spec->count; i++) {
		if (spec->metrics[i].group == TRIAGE__CVSS_BASE && !out->value[i])
			return fail_at(diag, len + 1, "missing mandatory metric '%s'",
			               spec->metrics[i].name);
	}
	return PSIRT_OK;
}

void psirt_cvss_score(const struct psirt_cvss *cvss, struct psirt_cvss_scores *out)
{
	memset(out, 0, sizeof *out);
	out->version = cvss->version;
	switch (cvss->version) {
	case PSIRT_CVSS_V2_0:
		triage__cvss2_score(cvss, out);
		break;
	case PSIRT_CVSS_V3_0:
	case PSIRT_CVSS_V3_1:
		triage__cvss3_score(cvss, out);
		break;
	case PSIRT_CVSS_V4_0:
		triage__cvss4_score(cvss, out);
		break;
	}
}

size_t psirt_cvss_format(const struct psirt_cvss *cvss, char *buf, size_t size)
{
	const struct triage__cvss_spec *spec = spec_of(cvss->version);
	const struct triage__cvss_metric *m;
	char tmp[PSIRT_CVSS_FORMAT_MAX];
	size_t n = 0, k;
	unsigned i;
	const char *v;

	if (!spec) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	memcpy(tmp, spec->prefix, spec->prefix_len);
	n = spec->prefix_len;
	for (i = 0; i < spec->count; i++) {
		m = &spec->metrics[i];
		if (m->group != TRIAGE__CVSS_BASE && cvss->value[i] <= 1)
			continue; /* absent or Not Defined */
		if (!cvss->value[i] || cvss->value[i] > m->nvalues)
			continue; /* not from the parser: keep the output well-formed */
		v = m->values[cvss->value[i] - 1];
		if (n > spec->prefix_len)
			tmp[n++] = '/';
		memcpy(tmp + n, m->name, m->name_len);
		n += m->name_len;
		tmp[n++] = ':';
		k = strlen(v);
		memcpy(tmp + n, v, k);
		n += k;
	}
	tmp[n] = '\0';
	if (size) {
		k = n < size ? n : size - 1;
		memcpy(buf, tmp, k);
		buf[k] = '\0';
	}
	return n;
}

const char *psirt_cvss_get(const struct psirt_cvss *cvss, const char *metric)
{
	const struct triage__cvss_spec *spec = spec_of(cvss->version);
	int i;

	if (!spec || !metric)
		return NULL;
	i = find_metric(keys_for(spec), key_of(metric, strlen(metric)));
	if (i < 0 || cvss->value[i] > spec->metrics[i].nvalues)
		return NULL;
	return spec->metrics[i].values[triage__cvss_idx(cvss, (unsigned)i)];
}

enum psirt_cvss_severity psirt_cvss_severity_of(enum psirt_cvss_version version, int tenths)
{
	if (version == PSIRT_CVSS_V2_0)
		return tenths < 40 ? PSIRT_CVSS_LOW : tenths < 70 ? PSIRT_CVSS_MEDIUM : PSIRT_CVSS_HIGH;
	if (tenths <= 0)
		return PSIRT_CVSS_NONE;
	if (tenths < 40)
		return PSIRT_CVSS_LOW;
	if (tenths < 70)
		return PSIRT_CVSS_MEDIUM;
	if (tenths < 90)
		return PSIRT_CVSS_HIGH;
	return PSIRT_CVSS_CRITICAL;
}

const char *psirt_cvss_severity_name(enum psirt_cvss_severity severity)
{
	static const char *const names[] = { "None", "Low", "Medium", "High", "Critical" };

	if ((unsigned)severity >= sizeof names / sizeof names[0])
		return "?";
	return names[severity];
}

const char *psirt_cvss_version_name(enum psirt_cvss_version version)
{
	switch (version) {
	case PSIRT_CVSS_V2_0:
		return "2.0";
	case PSIRT_CVSS_V3_0:
		return "3.0";
	case PSIRT_CVSS_V3_1:
		return "3.1";
	case PSIRT_CVSS_V4_0:
		return "4.0";
	}
	return "?";
}

const char *psirt_cvss_nomenclature_name(enum psirt_cvss_nomenclature nomenclature)
{
	static const char *const names[] = { "CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE" };

	if ((unsigned)nomenclature >= sizeof names / sizeof names[0])
		return "?";
	return names[nomenclature];
}
