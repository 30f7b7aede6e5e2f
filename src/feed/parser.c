/* The parser interface: one table of formats, and the helpers they share. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "feed/internal.h"
#include "psirt/buf.h"
#include "psirt/cpe.h"
#include "psirt/str.h"

static const struct feed__format *const formats[PSIRT_FEED__MAX] = {
	[PSIRT_FEED_NVD] = &feed__nvd,
	[PSIRT_FEED_KEV] = &feed__kev,
	[PSIRT_FEED_EPSS] = &feed__epss,
	[PSIRT_FEED_JVN] = &feed__jvn,
	[PSIRT_FEED_OSV] = &feed__osv,
};

const char *psirt_feed_kind_name(enum psirt_feed_kind kind)
{
	return (unsigned)kind < PSIRT_FEED__MAX ? formats[kind]->name : NULL;
}

int psirt_feed_kind_parse(const char *name, enum psirt_feed_kind *out)
{
	int i;

	for (i = 0; i < PSIRT_FEED__MAX; i++) {
		if (!strcmp(formats[i]->name, name)) {
			*out = (enum psirt_feed_kind)i;
			return 0;
		}
	}
	return -1;
}

enum psirt_err feed__vfail(struct psirt_feed_parser *p, enum psirt_err err, long long offset,
                           const char *where, const char *fmt, va_list ap)
{
	if (p->err)
		return p->err;
	p->err = err;
	psirt_diag_setv(p->diag, err, fmt, ap);
	if (offset >= 0)
		psirt_diag_set_offset(p->diag, offset + 1);
	if (where)
		psirt_diag_set_where(p->diag, where);
	return err;
}

enum psirt_err feed__fail(struct psirt_feed_parser *p, enum psirt_err err, long long offset,
                          const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err = feed__vfail(p, err, offset, where, fmt, ap);
	va_end(ap);
	return err;
}

void *feed__item(struct psirt_feed_parser *p, struct psirt_arena *arena, size_t size,
                 long long offset, const char *where)
{
	void *x = psirt_arena_calloc(arena, 1, size);

	if (!x) {
		feed__fail(p, PSIRT_ENOMEM, offset, where, "out of memory");
		return NULL;
	}
	if (arena->total > PSIRT_FEED_MAX_RECORD) {
		feed__fail(p, PSIRT_ETOOBIG, offset, where, "record larger than %d bytes",
		           PSIRT_FEED_MAX_RECORD);
		return NULL;
	}
	return x;
}

int feed__key_lookup(const uint8_t *keys, const char *const *names, const unsigned char *s,
                     size_t len)
{
	for (; *keys; keys++) {
		const char *name = names[*keys];

		if (name[0] == (char)s[0] && strlen(name) == len && !memcmp(name, s, len))
			return *keys;
	}
	return 0;
}

enum psirt_err psirt_feed_parser_new(enum psirt_feed_kind kind, const struct psirt_feed_sink *sink,
                                     const char *name, struct psirt_feed_parser **out,
                                     struct psirt_diag *diag)
{
	struct psirt_feed_parser *p;
	enum psirt_err err;

	*out = NULL;
	if ((unsigned)kind >= PSIRT_FEED__MAX)
		return psirt_diag_set(diag, PSIRT_EINVAL, "unknown feed kind %d", (int)kind);
	if (((kind == PSIRT_FEED_NVD || kind == PSIRT_FEED_JVN || kind == PSIRT_FEED_OSV) &&
	     !sink->vuln) ||
	    (kind == PSIRT_FEED_KEV && !sink->kev) || (kind == PSIRT_FEED_EPSS && !sink->epss))
		return psirt_diag_set(diag, PSIRT_EINVAL, "no callback for %s records",
		                      formats[kind]->name);
	p = calloc(1, sizeof *p);
	if (!p)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	p->fmt = formats[kind];
	p->page.start_index = p->page.results_per_page = p->page.total_results = -1;
	p->sink = *sink;
	p->diag = diag;
	if (name && !(p->name = strdup(name)))
		goto out_nomem;
	p->state = calloc(1, p->fmt->state_size);
	if (!p->state)
		goto out_nomem;
	err = p->fmt->init(p);
	if (err) {
		psirt_diag_set(diag, err, "cannot start the %s parser", p->fmt->name);
		psirt_feed_parser_free(p);
		return err;
	}
	*out = p;
	return PSIRT_OK;

out_nomem:
	free(p->name);
	free(p);
	return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
}

/* RFC 8259 §8.1 and RFC 4180 readers alike may ignore a UTF-8 byte order
 * mark (EF BB BF), which some tools write first. */
static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };

enum psirt_err psirt_feed_parser_push(struct psirt_feed_parser *p, const void *data, size_t len,
                                      struct psirt_diag *diag)
{
	const unsigned char *d = data;
	enum psirt_err err;

	p->diag = diag;
	if (p->err)
		return psirt_diag_set(diag, p->err, "the parser failed earlier");
	if (!p->head_done) {
		/* gather the first bytes while they may still be a mark */
		while (len && p->head_len < 3 && !p->head_done) {
			p->head[p->head_len] = *d++;
			len--;
			if (p->head[p->head_len] != bom[p->head_len])
				p->head_done = 1;
			p->head_len++;
		}
		if (p->head_len == 3 && !p->head_done) {
			p->head_done = 1;
			p->bom = 3;
			p->head_len = 0; /* dropped */
		}
		if (!p->head_done)
			return PSIRT_OK; /* a prefix of the mark: wait for more */
		if (p->head_len && (err = p->fmt->push(p, p->head, p->head_len)))
			return err;
		p->head_len = 0;
	}
	if (!len)
		return PSIRT_OK;
	return p->fmt->push(p, d, len);
}

enum psirt_err psirt_feed_parser_finish(struct psirt_feed_parser *p, struct psirt_diag *diag)
{
	enum psirt_err err;

	p->diag = diag;
	if (p->err)
		return psirt_diag_set(diag, p->err, "the parser failed earlier");
	if (!p->head_done && p->head_len) {
		/* the document is a bare prefix of the mark */
		p->head_done = 1;
		if ((err = p->fmt->push(p, p->head, p->head_len)))
			return err;
	}
	return p->fmt->finish(p);
}

unsigned long long psirt_feed_parser_records(const struct psirt_feed_parser *p)
{
	return p->records;
}

void psirt_feed_parser_page(const struct psirt_feed_parser *p, struct psirt_feed_page *out)
{
	*out = p->page;
}

void psirt_feed_parser_free(struct psirt_feed_parser *p)
{
	if (!p)
		return;
	if (p->state)
		p->fmt->release(p);
	free(p->state);
	free(p->name);
	free(p);
}

enum psirt_err psirt_feed_parse_buffer(enum psirt_feed_kind kind, const struct psirt_feed_sink *sink,
                                       const char *name, const void *data, size_t len,
                                       struct psirt_diag *diag)
{
	struct psirt_feed_parser *p;
	enum psirt_err err;

	err = psirt_feed_parser_new(kind, sink, name, &p, diag);
	if (err)
		return err;
	err = psirt_feed_parser_push(p, data, len, diag);
	if (!err)
		err = psirt_feed_parser_finish(p, diag);
	psirt_feed_parser_free(p);
	return err;
}

char *feed__strdup(struct psirt_arena *a, const char *s, size_t len)
{
	char *out;
	size_t i, j;

	if (!memchr(s, '\0', len))
		return psirt_arena_strndup(a, s, len);
	out = psirt_arena_alloc(a, len + 1);
	if (!out)
		return NULL;
	for (i = j = 0; i < len; i++) {
		if (s[i])
			out[j++] = s[i];
	}
	out[j] = '\0';
	return out;
}

char *feed__strdup_trim(struct psirt_arena *a, const char *s, size_t len)
{
	while (len && psirt_isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && psirt_isspace((unsigned char)s[len - 1]))
		len--;
	return feed__strdup(a, s, len);
}

int feed__number(const char *s, size_t len, double *out)
{
	static const double pow10[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
	                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	unsigned long long mant = 0;
	size_t i = 0;
	int neg = 0, digits = 0, scale = 0, e = 0, eneg = 0, edigits = 0;
	double v;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < len && psirt_isdigit((unsigned char)s[i]); i++, digits++) {
		if (mant < 100000000000000000ULL)
			mant = mant * 10 + (unsigned)(s[i] - '0');
		else
			scale++; /* beyond 17 significant digits: only the magnitude counts */
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && psirt_isdigit((unsigned char)s[i]); i++, digits++) {
			if (mant < 100000000000000000ULL) {
				mant = mant * 10 + (unsigned)(s[i] - '0');
				scale--;
			}
		}
	}
	if (!digits)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		for (; i < len && psirt_isdigit((unsigned char)s[i]); i++, edigits++) {
			if (e < 10000)
				e = e * 10 + (s[i] - '0');
		}
		if (!edigits)
			return -1;
		scale += eneg ? -e : e;
	}
	if (i != len)
		return -1;
	v = (double)mant;
	/* two steps keep each power exact (10^22 is the largest exact double) */
	while (scale > 22) {
		v *= 1e22;
		scale -= 22;
	}
	while (scale < -22) {
		v /= 1e22;
		scale += 22;
	}
	v = scale >= 0 ? v * pow10[scale] : v / pow10[-scale];
	*out = neg ? -v : v;
	return 0;
}

enum psirt_err feed__cpe_split(struct psirt_arena *a, const char *criteria,
                               struct psirt_vuln_cpe_match *m)
{
	static const enum psirt_cpe_attr attrs[5] = { PSIRT_CPE_PART, PSIRT_CPE_VENDOR,
		                                      PSIRT_CPE_PRODUCT, PSIRT_CPE_VERSION,
		                                      PSIRT_CPE_UPDATE };
	const char **fields[5] = { &m->part, &m->vendor, &m->product, &m->version, &m->update };
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_cpe *cpe;
	enum psirt_err err = PSIRT_OK;
	int i;

	m->part = m->vendor = m->product = m->version = m->update = NULL;
	/* The CPE module's parser, so that these columns and the matcher's
	 * index keys (src/match/) come from one reading of the name; a 2.2 URI
	 * (JVN) gets the same formatted-string columns as its 2.3 spelling.
	 * Not a CPE name: the columns stay NULL (the criteria is kept). */
	if (psirt_cpe_parse_arena(a, psirt_str_c(criteria), &cpe, NULL))
		return PSIRT_OK;
	for (i = 0; i < 5; i++) {
		psirt_buf_reset(&b);
		err = psirt_cpe_format_attr_fs(cpe, attrs[i], &b);
		if (err)
			goto out_release;
		*fields[i] = psirt_arena_strndup(a, b.p, b.len);
		if (!*fields[i]) {
			err = PSIRT_ENOMEM;
			goto out_release;
		}
	}

out_release:
	psirt_buf_release(&b);
	if (err)
		m->part = m->vendor = m->product = m->version = m->update = NULL;
	return err;
}

int feed__is_cve_id(const char *id, size_t len)
{
	size_t i;

	if (len < 13 || memcmp(id, "CVE-", 4) || id[8] != '-')
		return 0;
	for (i = 4; i < len; i++) {
		if (i != 8 && !psirt_isdigit((unsigned char)id[i]))
			return 0;
	}
	return 1;
}
