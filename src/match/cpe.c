/* CPE match criteria against CPE identities (see include/psirt/match.h).
 *
 * A criterion (the source) matches an identity (the target) when:
 *  1. part, vendor and product: NISTIR 7696 §6.2 — every one SUPERSET or
 *     EQUAL (case-insensitive). The index finds literal ones by key, so
 *     only criteria with wildcards there are compared attribute by
 *     attribute. A criterion naming the vendor alone (JVN's cpe:/a:vendor)
 *     gives at most low confidence.
 *  2. update: an identity that leaves it '*' is read as the release itself,
 *     that is as '-' (NA): NVD writes "3.2.0:-" for the 3.2.0 release and
 *     "2022.07:rc3" for a release candidate, while an SBOM's CPE for u-boot
 *     2022.07 says "2022.07:*". So '*' matches a criterion's '-' (high) and
 *     no named update (rc3 is not 2022.07, whose fix the range names).
 *     edition, language, sw_edition, target_sw, target_hw, other:
 *     DISJOINT in any of them is no match. Where the criterion is narrower
 *     than the identity (SUBSET: it says sw_edition "standard", the
 *     identity leaves it '*'; or UNDEFINED: the identity holds wildcards)
 *     NISTIR 7696 says "no match"; psirt matches with medium confidence
 *     instead, because an SBOM's CPE rarely fills those attributes and a
 *     miss costs more than a question to an analyst.
 *  3. version:
 *     - '*' in the criterion: any version, then the bounds;
 *     - '-' (NA): an identity version '-' matches (high); any other version,
 *       '*' included, matches with medium confidence — NVD writes '-' for
 *       devices and for products it has no versions of (lwip:-), not to
 *       exclude every release;
 *     - a literal: the identity's version equal in the generic scheme
 *       (1.0 = 1.0.0, v2.1 = 2.1); an identity without a version does not
 *       match an exact version (NISTIR: SUBSET) — it would match every
 *       release ever named;
 *     - with wildcards ("1.2.*", rare): NISTIR 7696 on the version;
 *     - bounds (versionStart/End Including/Excluding): the identity's version
 *       must be a literal the generic scheme reads, inside all of them. For a
 *       criterion whose target_sw names a packaging world psirt has a scheme
 *       for (node.js → semver, python → pypi, rust → semver) and whose bounds
 *       that scheme reads, the bounds are compared in that scheme when the
 *       identity's version is valid in it ("1.0.0-rc.1" < "1.0.0" the SemVer
 *       way), else with the generic scheme.
 *  4. confidence: the lowest of what steps 1-3 allow, the criterion's cap
 *     (JVN names without versions: medium) and the identity's (a name
 *     guess: low).
 */
#include <string.h>

#include "match/internal.h"

int match__key_cmp(const unsigned char *a, const unsigned char *b)
{
	return psirt_version_key_cmp(a + 2, match__key_len(a), b + 2, match__key_len(b));
}

static int literal(const struct psirt_cpe_value *v)
{
	return v->kind == PSIRT_CPE_NA || (v->kind == PSIRT_CPE_STRING && !v->lead && !v->trail);
}

int match__cpe_key(const struct psirt_cpe *cpe, int vendor_only, struct psirt_buf *b)
{
	static const enum psirt_cpe_attr all[3] = { PSIRT_CPE_PART, PSIRT_CPE_VENDOR,
		                                    PSIRT_CPE_PRODUCT };
	int i, ok = 1;
	size_t k;

	psirt_buf_reset(b);
	for (i = vendor_only ? 1 : 0; i < (vendor_only ? 2 : 3); i++) {
		const struct psirt_cpe_value *v = psirt_cpe_get(cpe, all[i]);
		struct psirt_str body = psirt_cpe_body(cpe, all[i]);
		size_t start;

		if (b->len)
			psirt_buf_addch(b, ':');
		start = b->len;
		ok &= literal(v);
		/* a plain body is its own formatted string (NISTIR 7695 §6.2.2.2:
		 * letters, digits, '_', '-' and '.' stay bare): copied, lower case,
		 * without the formatter's pass — the common case, and a third of a
		 * lookup's time otherwise */
		if (v->kind == PSIRT_CPE_STRING && !v->lead && !v->trail) {
			for (k = 0; k < body.len; k++) {
				unsigned char ch = (unsigned char)body.p[k];

				if (!psirt_isalnum(ch) && ch != '-' && ch != '.' && ch != '_')
					break;
			}
			if (k == body.len) {
				psirt_buf_grow(b, body.len);
				if (psirt_buf_error(b))
					return 0;
				for (k = 0; k < body.len; k++)
					b->p[b->len + k] = (char)psirt_tolower((unsigned char)body.p[k]);
				b->len += body.len;
				b->p[b->len] = '\0';
				continue;
			}
		}
		psirt_cpe_format_attr_fs(cpe, all[i], b);
		for (k = start; k < b->len; k++)
			b->p[k] = (char)psirt_tolower((unsigned char)b->p[k]);
	}
	return ok && !psirt_buf_error(b);
}

/* target_sw values of NVD criteria for package ecosystems, and the scheme
 * their versions follow. */
static const struct {
	const char *target_sw;
	const char *scheme;
} targets[] = {
	{ "node.js", "semver" },
	{ "python", "pypi" },
	{ "rust", "semver" },
};

const struct psirt_version_scheme *match__target_scheme(unsigned index)
{
	return index < sizeof targets / sizeof targets[0]
	               ? psirt_version_scheme_find(psirt_str_c(targets[index].scheme))
	               : NULL;
}

uint8_t match__target_scheme_of(const struct psirt_cpe *cpe)
{
	size_t i;

	for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		if (psirt_cpe_attr_is(cpe, PSIRT_CPE_TARGET_SW, psirt_str_c(targets[i].target_sw)))
			return match__target_scheme(i) ? (uint8_t)(i + 1) : 0;
	}
	return 0;
}

static int lower(int a, int b)
{
	return a < b ? a : b;
}

/* The bounds in the criterion's target scheme s: 1 inside, 0 outside. */
static int bounds_in_scheme(const struct match__crit *c, const struct psirt_version_scheme *s,
                            struct psirt_str v)
{
	int r;

	if (c->start) {
		if (s->compare(v, psirt_str_c(c->start), &r, NULL))
			return 0;
		if (r < 0 || (r == 0 && (c->flags & MATCH__START_EXCL)))
			return 0;
	}
	if (c->end) {
		if (s->compare(v, psirt_str_c(c->end), &r, NULL))
			return 0;
		if (r > 0 || (r == 0 && (c->flags & MATCH__END_EXCL)))
			return 0;
	}
	return 1;
}

/* Does the identity name the release itself: update '*' (or a name guess)? */
int match__update_is_release(const struct match__ident *id)
{
	return !id->cpe || psirt_cpe_get(id->cpe, PSIRT_CPE_UPDATE)->kind == PSIRT_CPE_ANY;
}

int match__crit_eval(const struct psirt_match_index *idx, const struct match__crit *c,
                     const struct match__ident *id)
{
	int conf = c->cap, a;
	enum psirt_cpe_rel r;

	(void)idx;
	if (c->flags & MATCH__SKIP)
		return 0;
	if (!(c->flags & MATCH__KEYED)) {
		if (!id->cpe)
			return 0; /* a name guess is looked up by key only */
		for (a = PSIRT_CPE_PART; a <= PSIRT_CPE_PRODUCT; a++) {
			r = psirt_cpe_compare_attr(c->cpe, id->cpe, (enum psirt_cpe_attr)a);
			if (r == PSIRT_CPE_REL_DISJOINT)
				return 0;
			if (r != PSIRT_CPE_REL_SUPERSET && r != PSIRT_CPE_REL_EQUAL)
				conf = lower(conf, PSIRT_MATCH_MEDIUM);
		}
	}
	if (c->flags & MATCH__EXTRAS) {
		for (a = PSIRT_CPE_UPDATE; a < PSIRT_CPE_ATTR__MAX; a++) {
			if (psirt_cpe_get(c->cpe, (enum psirt_cpe_attr)a)->kind == PSIRT_CPE_ANY)
				continue;
			if (a == PSIRT_CPE_UPDATE && match__update_is_release(id)) {
				if (psirt_cpe_get(c->cpe, PSIRT_CPE_UPDATE)->kind == PSIRT_CPE_NA)
					continue;
				return 0;
			}
			if (!id->cpe) {
				conf = lower(conf, PSIRT_MATCH_MEDIUM); /* a guess leaves it open */
				continue;
			}
			r = psirt_cpe_compare_attr(c->cpe, id->cpe, (enum psirt_cpe_attr)a);
			if (r == PSIRT_CPE_REL_DISJOINT)
				return 0;
			if (r != PSIRT_CPE_REL_SUPERSET && r != PSIRT_CPE_REL_EQUAL)
				conf = lower(conf, PSIRT_MATCH_MEDIUM);
		}
	}
	switch (c->vkind) {
	case MATCH__V_NA:
		if (id->vstate != MATCH__ID_NA)
			conf = lower(conf, PSIRT_MATCH_MEDIUM);
		break;
	case MATCH__V_EXACT:
		if (id->vstate != MATCH__ID_KEYED || match__key_cmp(c->vkey, id->vkey))
			return 0;
		break;
	case MATCH__V_PATTERN:
		if (!id->cpe)
			return 0;
		r = psirt_cpe_compare_attr(c->cpe, id->cpe, PSIRT_CPE_VERSION);
		if (r != PSIRT_CPE_REL_SUPERSET && r != PSIRT_CPE_REL_EQUAL)
			return 0;
		break;
	default:
		break;
	}
	if (c->skey || c->ekey) {
		const struct psirt_version_scheme *s =
			c->scheme ? match__target_scheme(c->scheme - 1u) : NULL;

		if (s && id->version.len && !s->check(id->version, NULL)) {
			if (!bounds_in_scheme(c, s, id->version))
				return 0;
		} else {
			if (id->vstate != MATCH__ID_KEYED)
				return 0;
			if (c->skey) {
				int k = match__key_cmp(id->vkey, c->skey);

				if (k < 0 || (k == 0 && (c->flags & MATCH__START_EXCL)))
					return 0;
			}
			if (c->ekey) {
				int k = match__key_cmp(id->vkey, c->ekey);

				if (k > 0 || (k == 0 && (c->flags & MATCH__END_EXCL)))
					return 0;
			}
		}
	}
	conf = lower(conf, id->cap);
	return conf;
}
