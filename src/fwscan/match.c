/* The per-file matcher: one vectorscan pass finds where each content
 * signature starts; PCRE2, anchored there, confirms the match and reads the
 * version's groups. Named signatures (only in files of given names) and path
 * signatures run through PCRE2 alone: they touch few files or short text.
 *
 * Measured on the 200 MB synthetic root file system of bench/bench_fwscan.c
 * (4,000 files, 56 signatures, page cache warm, one core): vectorscan's one
 * pass 0.16 s (1,250 MB/s), PCRE2 with one JIT pass per content signature
 * 1.5 s (133 MB/s); both engines give the same hits (fuzz_fwscan_blob checks
 * it). Vectorscan is the default; PCRE2 stays as the reference. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stdlib.h>
#include <string.h>

#include <hs.h>
#include <pcre2.h>

#include "fwscan/internal.h"
#include "psirt/str.h"

/* Raw (unconfirmed) starts kept per file: a blob full of one signature's
 * prefix stops counting here and only the first ones are confirmed. */
#define MATCH_MAX_RAW 4096
/* Confirmed hits per file (distinct signature + version pairs). */
#define MATCH_MAX_HITS 256

enum psirt_err fwscan__matcher_init(struct fwscan__matcher *m, const struct fwscan__sigdb *db,
                                    enum psirt_fwscan_engine engine)
{
	memset(m, 0, sizeof *m);
	m->db = db;
	m->engine = engine;
	if (db->hs && engine == PSIRT_FWSCAN_ENGINE_VECTORSCAN) {
		hs_scratch_t *s = NULL;

		if (hs_alloc_scratch(db->hs, &s) != HS_SUCCESS)
			return PSIRT_ENOMEM;
		m->scratch = s;
	}
	m->md = pcre2_match_data_create(10, NULL);
	if (!m->md) {
		fwscan__matcher_release(m);
		return PSIRT_ENOMEM;
	}
	return PSIRT_OK;
}

void fwscan__matcher_release(struct fwscan__matcher *m)
{
	if (m->scratch)
		hs_free_scratch(m->scratch);
	pcre2_match_data_free(m->md);
	free(m->raw);
	free(m->hits);
	memset(m, 0, sizeof *m);
}

static int add_raw(struct fwscan__matcher *m, unsigned sig, unsigned long long from)
{
	/* vectorscan reports every end of a match; the starts repeat. */
	if (m->n_raw && m->raw[m->n_raw - 1].sig == sig && m->raw[m->n_raw - 1].from == from)
		return 0;
	if (m->n_raw == MATCH_MAX_RAW) {
		m->raw_overflow = 1;
		return 1;
	}
	if (m->n_raw == m->cap_raw) {
		size_t cap = m->cap_raw ? m->cap_raw * 2 : 64;
		void *p = realloc(m->raw, cap * sizeof *m->raw);

		if (!p)
			return -1;
		m->raw = p;
		m->cap_raw = cap;
	}
	m->raw[m->n_raw].sig = sig;
	m->raw[m->n_raw].from = from;
	m->n_raw++;
	return 0;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx)
{
	struct fwscan__matcher *m = ctx;
	int rc;

	(void)to;
	(void)flags;
	rc = add_raw(m, m->db->content[m->db->hs_ids[id]], m->base + from);
	return rc != 0; /* non-zero stops the scan */
}

/* Copies group g of the last match into out (empty when unset). */
static void group_text(const struct fwscan__matcher *m, const unsigned char *subject, int g,
                       int strip_zeros, struct psirt_buf *out)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	size_t a, b;

	/* Groups from rc on did not take part (or do not exist): their
	 * ovector pairs are not to be read (pcre2_match(3), "Return values"). */
	if (g >= m->rc || ov[2 * g] == PCRE2_UNSET)
		return;
	a = ov[2 * g];
	b = ov[2 * g + 1];
	if (strip_zeros) {
		while (b - a > 1 && subject[a] == '0')
			a++;
	}
	psirt_buf_add(out, subject + a, b - a);
}

/* Expands a version template from the last match. */
static void expand_version(const struct fwscan__matcher *m, const char *t,
                           const unsigned char *subject, struct psirt_buf *out)
{
	for (; *t; t++) {
		const char *q = t + 1;
		int strip = *q == '#';

		if (strip)
			q++;
		if (*t == '$' && *q >= '1' && *q <= '9') {
			group_text(m, subject, *q - '0', strip, out);
			t = q;
			continue;
		}
		psirt_buf_addch(out, *t);
	}
}

/* A version is short and made of the characters versions use. */
static int plausible_version(const char *v, size_t len)
{
	size_t i;
	int digit = 0;

	if (len == 0 || len > FWSCAN__MAX_VERSION)
		return 0;
	for (i = 0; i < len; i++) {
		char c = v[i];
		if (psirt_isdigit(c))
			digit = 1;
		else if (!psirt_isalpha(c) && c != '.' && c != '-' && c != '_' && c != '+' &&
		         c != '~')
			return 0;
	}
	return digit;
}

static void printable(char *dst, size_t cap, const unsigned char *s, size_t len)
{
	size_t i, n = len < cap - 1 ? len : cap - 1;

	for (i = 0; i < n; i++)
		dst[i] = s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '.';
	dst[n] = '\0';
}

/* Records a confirmed hit unless this file already has one for the same
 * signature and version. */
static enum psirt_err add_hit(struct fwscan__matcher *m, unsigned sig, const char *version,
                              size_t vlen, unsigned long long offset, const unsigned char *text,
                              size_t tlen, const unsigned char *subject)
{
	const struct fwscan__sig *s = &m->db->sigs[sig];
	struct fwscan__hit *h;
	size_t i;
	int g;

	if (!plausible_version(version, vlen))
		return PSIRT_OK;
	for (i = 0; i < m->n_hits; i++) {
		if (!strcmp(m->db->sigs[m->hits[i].sig].name, s->name) &&
		    strlen(m->hits[i].version) == vlen && !memcmp(m->hits[i].version, version, vlen))
			return PSIRT_OK;
	}
	if (m->n_hits == MATCH_MAX_HITS)
		return PSIRT_OK;
	if (m->n_hits == m->cap_hits) {
		size_t cap = m->cap_hits ? m->cap_hits * 2 : 8;
		void *p = realloc(m->hits, cap * sizeof *m->hits);

		if (!p)
			return PSIRT_ENOMEM;
		m->hits = p;
		m->cap_hits = cap;
	}
	h = &m->hits[m->n_hits++];
	memset(h, 0, sizeof *h);
	h->sig = sig;
	memcpy(h->version, version, vlen);
	h->offset = offset;
	printable(h->text, sizeof h->text, text, tlen);
	/* Groups for CPE templates, from the match that gave the version. */
	for (g = 1; g <= 9 && s->n_cpes; g++) {
		struct psirt_buf b = PSIRT_BUF_INIT;

		group_text(m, subject, g, 0, &b);
		if (!psirt_buf_error(&b) && b.len <= FWSCAN__MAX_VERSION)
			memcpy(h->cpe_groups[g - 1], b.p, b.len);
		psirt_buf_release(&b);
	}
	return PSIRT_OK;
}

/* With the pattern matched at [a, b) of data: takes the version (from this
 * match, or from the signature's vpattern searched in the whole file) and
 * records the hit. */
static enum psirt_err confirm(struct fwscan__matcher *m, unsigned sig, const unsigned char *data,
                              size_t len, size_t a, size_t b)
{
	const struct fwscan__sig *s = &m->db->sigs[sig];
	struct psirt_buf v = PSIRT_BUF_INIT;
	enum psirt_err err;

	if (s->vre) {
		m->rc = pcre2_match(s->vre, data, len, 0, 0, m->md, NULL);
		if (m->rc < 0)
			return PSIRT_OK;
	}
	expand_version(m, s->version, data, &v);
	err = psirt_buf_error(&v);
	if (!err)
		err = add_hit(m, sig, v.p, v.len, a, data + a, b - a, data);
	psirt_buf_release(&v);
	return err == PSIRT_ETOOBIG ? PSIRT_OK : err;
}

/* Confirms a vectorscan start: the anchored PCRE2 match from there. */
static enum psirt_err confirm_at(struct fwscan__matcher *m, unsigned sig, const unsigned char *data,
                                 size_t len, size_t from)
{
	const struct fwscan__sig *s = &m->db->sigs[sig];
	size_t end = len - from > FWSCAN__MAX_WIDTH ? from + FWSCAN__MAX_WIDTH : len;
	PCRE2_SIZE *ov;

	m->rc = pcre2_match(s->re, data, end, from, PCRE2_ANCHORED, m->md, NULL);
	if (m->rc < 0)
		return PSIRT_OK;
	ov = pcre2_get_ovector_pointer(m->md);
	return confirm(m, sig, data, len, ov[0], ov[1]);
}

/* Every match of sig's pattern in data, PCRE2 alone (named signatures, the
 * PCRE2 engine). first_only stops after the first confirmed one. */
static enum psirt_err scan_pcre(struct fwscan__matcher *m, unsigned sig, const unsigned char *data,
                                size_t len, int first_only)
{
	const struct fwscan__sig *s = &m->db->sigs[sig];
	size_t start = 0, found = 0;
	enum psirt_err err;

	while (start <= len) {
		PCRE2_SIZE *ov, a, b;
		m->rc = pcre2_match(s->re, data, len, start, 0, m->md, NULL);
		if (m->rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(m->md);
		a = ov[0];
		b = ov[1];
		if (m->engine == PSIRT_FWSCAN_ENGINE_PCRE2 && s->where == FWSCAN__CONTENT) {
			/* Same hits as vectorscan: a start is confirmed anchored. */
			err = confirm_at(m, sig, data, len, a);
		} else {
			err = confirm(m, sig, data, len, a, b);
		}
		if (err)
			return err;
		if (first_only || ++found == MATCH_MAX_RAW)
			break;
		start = a + 1;
	}
	return PSIRT_OK;
}

/* Drops, in one file, what is not a copy of the software:
 * - a hit whose software the file links at run time: an ELF that needs
 *   libcrypto.so.3 and shows "OpenSSL 3.0.16 11 Feb 2025" logs the version of
 *   the headers it was built with, the code is in the library (found there);
 * - a version that another hit of the same software in the file extends
 *   ("OpenSSH_9.2" beside "OpenSSH_9.2p1": the same release, said twice). */
static void prune_hits(struct fwscan__matcher *m, const unsigned char *data, size_t len)
{
	const char *needed[64];
	size_t n_needed = 0, i, j, k, keep = 0;

	if (m->n_hits == 0)
		return;
	if (data && len > 4 && !memcmp(data, "\177ELF", 4))
		n_needed = fwscan__elf_needed(data, len, needed, 64);
	for (i = 0; i < m->n_hits; i++) {
		const struct fwscan__sig *s = &m->db->sigs[m->hits[i].sig];
		const char *v = m->hits[i].version;
		int drop = 0;

		for (j = 0; j < n_needed && !drop && s->where == FWSCAN__CONTENT; j++) {
			/* only the globs that name shared libraries */
			for (k = 0; k < s->n_files && !drop; k++)
				drop = strstr(s->files[k], ".so") &&
				       fwscan__glob(s->files[k], needed[j]);
		}
		for (j = 0; j < m->n_hits && !drop; j++) {
			const char *w = m->hits[j].version;
			size_t vl = strlen(v);

			if (j == i || strcmp(m->db->sigs[m->hits[j].sig].name, s->name))
				continue;
			drop = !strncmp(w, v, vl) && w[vl] && !psirt_isdigit((unsigned char)w[vl]) &&
			       w[vl] != '.';
		}
		if (!drop) {
			if (keep != i)
				m->hits[keep] = m->hits[i];
			keep++;
		}
	}
	m->n_hits = keep;
}

static int named_applies(const struct fwscan__sig *s, const char *base)
{
	size_t i;

	for (i = 0; base && i < s->n_files; i++) {
		if (fwscan__glob(s->files[i], base))
			return 1;
	}
	return 0;
}

enum psirt_err fwscan__match(struct fwscan__matcher *m, const unsigned char *data, size_t len,
                             const char *base, const char *path)
{
	const struct fwscan__sigdb *db = m->db;
	enum psirt_err err;
	size_t i;

	m->n_raw = 0;
	m->base = 0;
	m->raw_overflow = 0;
	m->n_hits = 0;
	if (path) {
		size_t plen = strlen(path);

		for (i = 0; i < db->n_path; i++) {
			err = scan_pcre(m, db->path[i], (const unsigned char *)path, plen, 1);
			if (err)
				return err;
		}
	}
	if (!data)
		return PSIRT_OK;
	if (m->engine == PSIRT_FWSCAN_ENGINE_VECTORSCAN && db->hs) {
		const char *p = len ? (const char *)data : "";
		const size_t slice = (size_t)1 << 30;
		size_t done = 0;

		/* hs_scan takes an unsigned int length: big blobs in slices that
		 * overlap by the widest match (a start found twice is one raw
		 * entry when consecutive, else confirmed twice to the same hit). */
		for (;;) {
			size_t n = len - done > slice ? slice : len - done;
			hs_error_t rc;

			m->base = done;
			rc = hs_scan(db->hs, p + done, (unsigned)n, 0, m->scratch, on_match, m);
			if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED)
				return PSIRT_EINTERNAL;
			if (rc == HS_SCAN_TERMINATED || done + n >= len)
				break;
			done += n - FWSCAN__MAX_WIDTH;
		}
		for (i = 0; i < m->n_raw; i++) {
			err = confirm_at(m, m->raw[i].sig, data, len, (size_t)m->raw[i].from);
			if (err)
				return err;
		}
	} else if (m->engine == PSIRT_FWSCAN_ENGINE_PCRE2) {
		for (i = 0; i < db->n_content; i++) {
			err = scan_pcre(m, db->content[i], data, len, 0);
			if (err)
				return err;
		}
	}
	for (i = 0; i < db->n_named; i++) {
		const struct fwscan__sig *s = &db->sigs[db->named[i]];

		if (!named_applies(s, base))
			continue;
		err = scan_pcre(m, db->named[i], data, len, 1);
		if (err)
			return err;
	}
	prune_hits(m, data, len);
	return PSIRT_OK;
}
