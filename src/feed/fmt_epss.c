/* FIRST EPSS scores CSV (https://www.first.org/epss/data_stats), streamed.
 *
 * The format changed over the years, and every variant is read:
 *   2021-04  cve,epss                                  (no comment, no percentile)
 *   2021-09  cve,epss,percentile
 *   2022-02  #model_version:v2022.01.01,score_date:2022-02-04T00:00:00+0000
 *            cve,epss,percentile
 * Columns are found by their header names. Without the comment line the
 * score date comes from the file name (epss_scores-2021-04-14.csv), as FIRST
 * names its daily files.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "feed/internal.h"
#include "psirt/buf.h"
#include "psirt/isotime.h"
#include "psirt/str.h"

struct epss {
	struct psirt_buf line;      /* a line split across chunks */
	unsigned long long lineno;  /* of the line being read, from 1 */
	unsigned long long offset;  /* document bytes before the current chunk */
	unsigned long long line_start;
	int started;
	int have_header;
	int col_cve, col_epss, col_pct, ncols;
	char model_version[64];
	char score_date[PSIRT_ISOTIME_LEN + 1];
	int have_model, have_date, header_sent;
	struct psirt_epss_score s;
};

#define EPSS(p) ((struct epss *)(p)->state)

static enum psirt_err fail(struct psirt_feed_parser *p, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum psirt_err fail(struct psirt_feed_parser *p, const char *where, const char *fmt, ...)
{
	struct epss *e = EPSS(p);
	va_list ap;

	if (p->err)
		return p->err;
	p->err = PSIRT_EINVAL;
	va_start(ap, fmt);
	psirt_diag_setv(p->diag, PSIRT_EINVAL, fmt, ap);
	va_end(ap);
	psirt_diag_set_line(p->diag, (long)e->lineno, 0);
	psirt_diag_set_offset(p->diag, (long long)e->line_start + 1);
	if (where)
		psirt_diag_set_where(p->diag, where);
	return PSIRT_EINVAL;
}

/* Splits line at commas into at most max fields; returns the count, or
 * max + 1 when there are more. */
static int split(const char *s, size_t len, struct psirt_str *f, int max)
{
	int n = 0;
	size_t i, start = 0;

	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == ',') {
			if (n == max)
				return max + 1;
			f[n++] = psirt_str_make(s + start, i - start);
			start = i + 1;
		}
	}
	return n;
}

static struct psirt_str trim(struct psirt_str s)
{
	while (s.len && psirt_isspace((unsigned char)*s.p)) {
		s.p++;
		s.len--;
	}
	while (s.len && psirt_isspace((unsigned char)s.p[s.len - 1]))
		s.len--;
	return s;
}

/* "#model_version:v2023.03.01,score_date:2023-03-07T00:00:00+0000" */
static enum psirt_err comment(struct psirt_feed_parser *p, const char *s, size_t len)
{
	struct epss *e = EPSS(p);
	struct psirt_str f[8], key, val;
	int n, i;
	size_t c;

	n = split(s + 1, len - 1, f, 8);
	for (i = 0; i < n && i < 8; i++) {
		for (c = 0; c < f[i].len && f[i].p[c] != ':'; c++)
			;
		if (c == f[i].len)
			continue;
		key = trim(psirt_str_make(f[i].p, c));
		val = trim(psirt_str_make(f[i].p + c + 1, f[i].len - c - 1));
		if (psirt_str_eq(key, "model_version") && !e->have_model) {
			if (val.len >= sizeof e->model_version)
				return fail(p, NULL, "model_version longer than %zu bytes",
				            sizeof e->model_version - 1);
			memcpy(e->model_version, val.p, val.len);
			e->model_version[val.len] = '\0';
			e->have_model = 1;
		} else if (psirt_str_eq(key, "score_date") && !e->have_date) {
			if (psirt_isotime_parse(val.p, val.len, e->score_date))
				return fail(p, NULL, "score_date is not an ISO 8601 timestamp");
			e->have_date = 1;
		}
	}
	return PSIRT_OK;
}

static enum psirt_err header(struct psirt_feed_parser *p, const char *s, size_t len)
{
	struct epss *e = EPSS(p);
	struct psirt_str f[16], name;
	int n, i;

	n = split(s, len, f, 16);
	if (n > 16)
		return fail(p, NULL, "EPSS header with more than 16 columns");
	e->col_cve = e->col_epss = e->col_pct = -1;
	for (i = 0; i < n; i++) {
		name = trim(f[i]);
		if (psirt_str_ieq(name, "cve"))
			e->col_cve = i;
		else if (psirt_str_ieq(name, "epss"))
			e->col_epss = i;
		else if (psirt_str_ieq(name, "percentile"))
			e->col_pct = i;
	}
	if (e->col_cve < 0 || e->col_epss < 0)
		return fail(p, NULL, "not an EPSS file: the header must name the columns cve and epss");
	e->ncols = n;
	e->have_header = 1;
	return PSIRT_OK;
}

/* The date in a name like epss_scores-2021-04-14.csv; 0 when found. */
static int date_from_name(const char *name, char out[PSIRT_ISOTIME_LEN + 1])
{
	size_t i, len;
	const char *base;

	if (!name)
		return -1;
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	len = strlen(base);
	for (i = 0; i + 10 <= len; i++) {
		if (psirt_isdigit((unsigned char)base[i]) &&
		    (i + 10 == len || !psirt_isdigit((unsigned char)base[i + 10])) &&
		    psirt_isotime_is_date(base + i, 10) && psirt_isotime_parse(base + i, 10, out) == 0)
			return 0;
	}
	return -1;
}

static enum psirt_err row(struct psirt_feed_parser *p, const char *s, size_t len)
{
	struct epss *e = EPSS(p);
	struct psirt_str f[16], cve, v;
	char id[32];
	enum psirt_err err;
	int n;

	n = split(s, len, f, 16);
	if (n != e->ncols)
		return fail(p, NULL, "expected %d fields, found %d", e->ncols, n > 16 ? 17 : n);
	cve = trim(f[e->col_cve]);
	if (cve.len >= sizeof id || !feed__is_cve_id(cve.p, cve.len))
		return fail(p, NULL, "malformed CVE id \"%.*s\"", cve.len > 30 ? 30 : (int)cve.len,
		            cve.p);
	memcpy(id, cve.p, cve.len);
	id[cve.len] = '\0';
	if (!e->have_date) {
		if (date_from_name(p->name, e->score_date))
			return fail(p, id, "no score date: no #model_version line and no date in the"
			                   " file name");
		e->have_date = 1;
	}
	if (!e->header_sent && p->sink.header)
		p->sink.header(p->sink.ctx, e->have_model ? e->model_version : NULL, e->score_date);
	e->header_sent = 1;
	memset(&e->s, 0, sizeof e->s);
	e->s.cve = id;
	v = trim(f[e->col_epss]);
	if (feed__number(v.p, v.len, &e->s.score) || !(e->s.score >= 0 && e->s.score <= 1))
		return fail(p, id, "epss must be a number from 0 to 1");
	if (e->col_pct >= 0) {
		v = trim(f[e->col_pct]);
		if (feed__number(v.p, v.len, &e->s.percentile) ||
		    !(e->s.percentile >= 0 && e->s.percentile <= 1))
			return fail(p, id, "percentile must be a number from 0 to 1");
		e->s.has_percentile = 1;
	}
	e->s.model_version = e->have_model ? e->model_version : NULL;
	e->s.score_date = e->score_date;
	p->records++;
	err = p->sink.epss(p->sink.ctx, &e->s, p->diag);
	if (err) {
		p->err = err;
		psirt_diag_set(p->diag, err, "storing the score failed");
		psirt_diag_set_where(p->diag, id);
		psirt_diag_set_line(p->diag, (long)e->lineno, 0);
	}
	return err;
}

static enum psirt_err line(struct psirt_feed_parser *p, const char *s, size_t len)
{
	struct epss *e = EPSS(p);

	if (len && s[len - 1] == '\r')
		len--;
	if (!len)
		return PSIRT_OK;
	if (s[0] == '#')
		return comment(p, s, len);
	if (!e->have_header)
		return header(p, s, len);
	return row(p, s, len);
}

static enum psirt_err epss_push(struct psirt_feed_parser *p, const unsigned char *data, size_t len)
{
	struct epss *e = EPSS(p);
	const char *s = (const char *)data, *nl;
	size_t n, total = len;
	enum psirt_err err;

	if (!e->started) {
		e->started = 1;
		e->offset = e->line_start = p->bom; /* offsets count the dropped mark */
	}
	while (len) {
		nl = memchr(s, '\n', len);
		n = nl ? (size_t)(nl - s) : len;
		if (!nl || e->line.len) {
			/* part of a line that spans chunks */
			if (e->line.len + n > PSIRT_FEED_MAX_TOKEN)
				return fail(p, NULL, "line longer than %d bytes", PSIRT_FEED_MAX_TOKEN);
			psirt_buf_add(&e->line, s, n);
			if (psirt_buf_error(&e->line))
				return fail(p, NULL, "out of memory");
		}
		if (nl) {
			err = e->line.len ? line(p, e->line.p, e->line.len) : line(p, s, n);
			if (err)
				return err;
			psirt_buf_reset(&e->line);
			e->lineno++;
			e->line_start = e->offset + (size_t)(nl - (const char *)data) + 1;
			n++;
		}
		s += n;
		len -= n;
	}
	e->offset += total;
	return PSIRT_OK;
}

static enum psirt_err epss_finish(struct psirt_feed_parser *p)
{
	struct epss *e = EPSS(p);
	enum psirt_err err;

	if (e->line.len) {
		err = line(p, e->line.p, e->line.len);
		psirt_buf_reset(&e->line);
		if (err)
			return err;
	}
	if (!e->have_header)
		return fail(p, NULL, "not an EPSS file: no header line");
	return PSIRT_OK;
}

static enum psirt_err epss_init(struct psirt_feed_parser *p)
{
	struct epss *e = EPSS(p);

	psirt_buf_init(&e->line, PSIRT_FEED_MAX_TOKEN + 1);
	e->lineno = 1;
	return PSIRT_OK;
}

static void epss_release(struct psirt_feed_parser *p)
{
	psirt_buf_release(&EPSS(p)->line);
}

const struct feed__format feed__epss = {
	.kind = PSIRT_FEED_EPSS,
	.name = "epss",
	.state_size = sizeof(struct epss),
	.init = epss_init,
	.push = epss_push,
	.finish = epss_finish,
	.release = epss_release,
};
