/* CPE name binding: formatted string, URI and WFN notation (see
 * include/psirt/cpe.h). Values are stored unquoted, so each binding only
 * decides how to spell a literal character and a wildcard. */
#include <string.h>

#include "ident/cpe_internal.h"
#include "psirt/cpe.h"

static const char *const attr_names[] = {
	[PSIRT_CPE_PART] = "part",
	[PSIRT_CPE_VENDOR] = "vendor",
	[PSIRT_CPE_PRODUCT] = "product",
	[PSIRT_CPE_VERSION] = "version",
	[PSIRT_CPE_UPDATE] = "update",
	[PSIRT_CPE_EDITION] = "edition",
	[PSIRT_CPE_LANGUAGE] = "language",
	[PSIRT_CPE_SW_EDITION] = "sw_edition",
	[PSIRT_CPE_TARGET_SW] = "target_sw",
	[PSIRT_CPE_TARGET_HW] = "target_hw",
	[PSIRT_CPE_OTHER] = "other",
};
_Static_assert(sizeof attr_names / sizeof attr_names[0] == PSIRT_CPE_ATTR__MAX,
               "one name per attribute");

const char *psirt_cpe_attr_name(enum psirt_cpe_attr a)
{
	return (unsigned)a < PSIRT_CPE_ATTR__MAX ? attr_names[a] : NULL;
}

/* Appends a lead or trail wildcard run spelt with star or one. */
static void add_wild(struct psirt_buf *out, int n, const char *star, const char *one)
{
	if (n == PSIRT_CPE_STAR)
		psirt_buf_adds(out, star);
	for (; n > 0; n--)
		psirt_buf_adds(out, one);
}

/* Bytes the FS form of v takes at most: every body byte quoted, wildcards. */
static size_t fs_size(const struct psirt_cpe_value *v)
{
	if (v->kind != PSIRT_CPE_STRING)
		return 1;
	return 2 * (size_t)v->len + (size_t)(v->lead > 0 ? v->lead : 1) +
	       (size_t)(v->trail > 0 ? v->trail : 1);
}

/* bind_value_for_fs / process_quoted_chars (NISTIR 7695 §6.2.2.2): letters,
 * digits, '_', '-' and '.' bare, every other character quoted. Writes at w,
 * which has room for fs_size(v) bytes; returns the end. */
static char *fs_value(const struct psirt_cpe *cpe, const struct psirt_cpe_value *v, char *w)
{
	const char *s = cpe->text + v->off;
	int n;
	size_t i;

	if (v->kind != PSIRT_CPE_STRING) {
		*w++ = v->kind == PSIRT_CPE_ANY ? '*' : '-';
		return w;
	}
	if (v->lead == PSIRT_CPE_STAR)
		*w++ = '*';
	for (n = v->lead; n > 0; n--)
		*w++ = '?';
	for (i = 0; i < v->len; i++) {
		if (!ident__cpe_fs_plain((unsigned char)s[i]))
			*w++ = '\\';
		*w++ = s[i];
	}
	if (v->trail == PSIRT_CPE_STAR)
		*w++ = '*';
	for (n = v->trail; n > 0; n--)
		*w++ = '?';
	return w;
}

enum psirt_err psirt_cpe_format_attr_fs(const struct psirt_cpe *cpe, enum psirt_cpe_attr a,
                                        struct psirt_buf *out)
{
	size_t need = fs_size(&cpe->attr[a]);

	psirt_buf_grow(out, need);
	if (psirt_buf_error(out))
		return psirt_buf_error(out);
	out->len = (size_t)(fs_value(cpe, &cpe->attr[a], out->p + out->len) - out->p);
	out->p[out->len] = '\0';
	return PSIRT_OK;
}

enum psirt_err psirt_cpe_format_fs(const struct psirt_cpe *cpe, struct psirt_buf *out)
{
	size_t need = 8 + PSIRT_CPE_ATTR__MAX;
	char *w;
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++)
		need += fs_size(&cpe->attr[a]);
	/* one growth, then plain stores: 40% of the time of appending byte by
	 * byte (bench_cpe, "to FS" minus "parse") */
	psirt_buf_grow(out, need);
	if (psirt_buf_error(out))
		return psirt_buf_error(out);
	w = out->p + out->len;
	memcpy(w, "cpe:2.3:", 8);
	w += 8;
	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		if (a)
			*w++ = ':';
		w = fs_value(cpe, &cpe->attr[a], w);
	}
	out->len = (size_t)(w - out->p);
	*w = '\0';
	return PSIRT_OK;
}

/* bind_value_for_URI / transform_for_uri / pct_encode (NISTIR 7695
 * §6.1.2.3): ANY blank, NA "-", letters, digits, '_', '-' and '.' bare,
 * other characters percent-encoded (Table 6-1), wildcards as %01 and %02
 * (Table 6-2). */
static void uri_value(const struct psirt_cpe *cpe, const struct psirt_cpe_value *v,
                      struct psirt_buf *out)
{
	static const char hex[] = "0123456789abcdef";
	const char *s = cpe->text + v->off;
	size_t i;

	if (v->kind == PSIRT_CPE_ANY)
		return;
	if (v->kind == PSIRT_CPE_NA) {
		psirt_buf_addch(out, '-');
		return;
	}
	add_wild(out, v->lead, "%02", "%01");
	for (i = 0; i < v->len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (ident__cpe_fs_plain(c)) {
			psirt_buf_addch(out, (char)c);
		} else {
			psirt_buf_addch(out, '%');
			psirt_buf_addch(out, hex[c >> 4]);
			psirt_buf_addch(out, hex[c & 15]);
		}
	}
	add_wild(out, v->trail, "%02", "%01");
}

enum psirt_err psirt_cpe_format_uri(const struct psirt_cpe *cpe, struct psirt_buf *out)
{
	static const enum psirt_cpe_attr order[] = {
		PSIRT_CPE_PART, PSIRT_CPE_VENDOR, PSIRT_CPE_PRODUCT, PSIRT_CPE_VERSION,
		PSIRT_CPE_UPDATE, PSIRT_CPE_EDITION, PSIRT_CPE_LANGUAGE,
	};
	size_t i, start = out->len, keep;
	int packed;

	psirt_buf_grow(out, 5 + cpe->text_len * 3 + 16);
	psirt_buf_adds(out, "cpe:/");
	/* pack() packs only when an extended attribute is not ANY */
	packed = cpe->attr[PSIRT_CPE_SW_EDITION].kind != PSIRT_CPE_ANY ||
	         cpe->attr[PSIRT_CPE_TARGET_SW].kind != PSIRT_CPE_ANY ||
	         cpe->attr[PSIRT_CPE_TARGET_HW].kind != PSIRT_CPE_ANY ||
	         cpe->attr[PSIRT_CPE_OTHER].kind != PSIRT_CPE_ANY;
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (order[i] == PSIRT_CPE_EDITION && packed) {
			psirt_buf_addch(out, '~');
			uri_value(cpe, &cpe->attr[PSIRT_CPE_EDITION], out);
			psirt_buf_addch(out, '~');
			uri_value(cpe, &cpe->attr[PSIRT_CPE_SW_EDITION], out);
			psirt_buf_addch(out, '~');
			uri_value(cpe, &cpe->attr[PSIRT_CPE_TARGET_SW], out);
			psirt_buf_addch(out, '~');
			uri_value(cpe, &cpe->attr[PSIRT_CPE_TARGET_HW], out);
			psirt_buf_addch(out, '~');
			uri_value(cpe, &cpe->attr[PSIRT_CPE_OTHER], out);
		} else {
			uri_value(cpe, &cpe->attr[order[i]], out);
		}
		psirt_buf_addch(out, ':');
	}
	if (psirt_buf_error(out))
		return psirt_buf_error(out);
	/* trim(): drop the trailing colons, keeping "cpe:/" itself */
	keep = out->len;
	while (keep > start + 5 && out->p[keep - 1] == ':')
		keep--;
	psirt_buf_truncate(out, keep);
	return PSIRT_OK;
}

/* WFN notation (NISTIR 7695 §5.3.2): every character but letters, digits and
 * '_' quoted; wildcards bare. */
static void wfn_value(const struct psirt_cpe *cpe, const struct psirt_cpe_value *v,
                      struct psirt_buf *out)
{
	const char *s = cpe->text + v->off;
	size_t i;

	if (v->kind == PSIRT_CPE_ANY) {
		psirt_buf_adds(out, "ANY");
		return;
	}
	if (v->kind == PSIRT_CPE_NA) {
		psirt_buf_adds(out, "NA");
		return;
	}
	psirt_buf_addch(out, '"');
	add_wild(out, v->lead, "*", "?");
	for (i = 0; i < v->len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!psirt_isalnum(c) && c != '_')
			psirt_buf_addch(out, '\\');
		psirt_buf_addch(out, (char)c);
	}
	add_wild(out, v->trail, "*", "?");
	psirt_buf_addch(out, '"');
}

enum psirt_err psirt_cpe_format_wfn(const struct psirt_cpe *cpe, struct psirt_buf *out)
{
	int a;

	psirt_buf_adds(out, "wfn:[");
	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		if (a)
			psirt_buf_addch(out, ',');
		psirt_buf_adds(out, attr_names[a]);
		psirt_buf_addch(out, '=');
		wfn_value(cpe, &cpe->attr[a], out);
	}
	psirt_buf_addch(out, ']');
	return psirt_buf_error(out);
}
