/* CPE name comparison, NISTIR 7696 (see include/psirt/cpe.h).
 *
 * The pseudocode of §7.3 works on quoted WFN strings and has to count escape
 * characters; our values are unquoted with their wildcards apart, so a
 * wildcard comparison is a bounded search for the body in the target.
 */
#include "psirt/cpe.h"

static const char *const rel_names[] = {
	[PSIRT_CPE_REL_DISJOINT] = "DISJOINT",
	[PSIRT_CPE_REL_SUBSET] = "SUBSET",
	[PSIRT_CPE_REL_SUPERSET] = "SUPERSET",
	[PSIRT_CPE_REL_EQUAL] = "EQUAL",
	[PSIRT_CPE_REL_UNDEFINED] = "UNDEFINED",
	[PSIRT_CPE_REL_OVERLAP] = "OVERLAP",
};
_Static_assert(sizeof rel_names / sizeof rel_names[0] == PSIRT_CPE_REL__MAX,
               "one name per relation");

const char *psirt_cpe_relation_name(enum psirt_cpe_rel rel)
{
	return (unsigned)rel < PSIRT_CPE_REL__MAX ? rel_names[rel] : NULL;
}

static int eq_ci(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (a[i] != b[i] &&
		    psirt_tolower((unsigned char)a[i]) != psirt_tolower((unsigned char)b[i]))
			return 0;
	}
	return 1;
}

/* compareStrings() (§7.3): does the source value, wildcards and all, match
 * the wildcard-free target string t of length n? The body must occur at an
 * offset the leading wildcards can cover ('*' any, k '?' at most k: §6.3
 * makes '?' match zero or one character) and end where the trailing ones
 * can cover the rest. */
static int wild_match(const struct psirt_cpe_value *sv, const char *s, const char *t, size_t n)
{
	size_t lo, hi, idx, m = sv->len;

	if (m > n)
		return 0;
	/* offsets idx with idx <= lead and n - idx - m <= trail */
	hi = n - m;
	if (sv->lead != PSIRT_CPE_STAR && (size_t)sv->lead < hi)
		hi = (size_t)sv->lead;
	lo = 0;
	if (sv->trail != PSIRT_CPE_STAR && n - m > (size_t)sv->trail)
		lo = n - m - (size_t)sv->trail;
	for (idx = lo; idx <= hi; idx++) {
		if (eq_ci(s, t + idx, m))
			return 1;
	}
	return 0;
}

static inline enum psirt_cpe_rel compare_attr(const struct psirt_cpe *source,
                                             const struct psirt_cpe *target,
                                             enum psirt_cpe_attr a)
{
	const struct psirt_cpe_value *sv = &source->attr[a], *tv = &target->attr[a];
	const char *s = source->text + sv->off, *t = target->text + tv->off;

	/* Table 6-2 lines 1 and 3: NVD names are mostly ANY, so first */
	if (sv->kind == PSIRT_CPE_ANY && tv->kind == PSIRT_CPE_ANY)
		return PSIRT_CPE_REL_EQUAL;
	/* lines 4, 8, 11, 17: wildcards in the target are undefined */
	if (psirt_cpe_value_has_wildcards(tv))
		return PSIRT_CPE_REL_UNDEFINED;
	/* lines 6, 9 */
	if (sv->kind == tv->kind &&
	    (sv->kind != PSIRT_CPE_STRING ||
	     (sv->lead == 0 && sv->trail == 0 && sv->len == tv->len && eq_ci(s, t, sv->len))))
		return PSIRT_CPE_REL_EQUAL;
	/* lines 2, 3 */
	if (sv->kind == PSIRT_CPE_ANY)
		return PSIRT_CPE_REL_SUPERSET;
	/* lines 5, 13, 15 */
	if (tv->kind == PSIRT_CPE_ANY)
		return PSIRT_CPE_REL_SUBSET;
	/* lines 7, 12, 16 */
	if (sv->kind == PSIRT_CPE_NA || tv->kind == PSIRT_CPE_NA)
		return PSIRT_CPE_REL_DISJOINT;
	/* lines 10, 14 */
	if (!psirt_cpe_value_has_wildcards(sv))
		return PSIRT_CPE_REL_DISJOINT;
	return wild_match(sv, s, t, tv->len) ? PSIRT_CPE_REL_SUPERSET : PSIRT_CPE_REL_DISJOINT;
}

enum psirt_cpe_rel psirt_cpe_compare_attr(const struct psirt_cpe *source,
                                          const struct psirt_cpe *target,
                                          enum psirt_cpe_attr a)
{
	return compare_attr(source, target, a);
}

enum psirt_cpe_rel psirt_cpe_relation_of(const enum psirt_cpe_rel *rels, unsigned mask)
{
	unsigned seen = 0;
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		if (mask & (1u << a))
			seen |= 1u << rels[a];
	}
	/* Table 6-4, in the order of the §7.2 functions */
	if (seen & (1u << PSIRT_CPE_REL_DISJOINT))
		return PSIRT_CPE_REL_DISJOINT;
	if (seen & (1u << PSIRT_CPE_REL_UNDEFINED))
		return PSIRT_CPE_REL_UNDEFINED;
	if (!(seen & ((1u << PSIRT_CPE_REL_SUBSET) | (1u << PSIRT_CPE_REL_SUPERSET))))
		return PSIRT_CPE_REL_EQUAL;
	if (!(seen & (1u << PSIRT_CPE_REL_SUPERSET)))
		return PSIRT_CPE_REL_SUBSET;
	if (!(seen & (1u << PSIRT_CPE_REL_SUBSET)))
		return PSIRT_CPE_REL_SUPERSET;
	return PSIRT_CPE_REL_OVERLAP;
}

enum psirt_cpe_rel psirt_cpe_compare_attrs(const struct psirt_cpe *source,
                                           const struct psirt_cpe *target,
                                           enum psirt_cpe_rel *rels)
{
	enum psirt_cpe_rel tmp[PSIRT_CPE_ATTR__MAX];
	int a;

	if (!rels)
		rels = tmp;
	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++)
		rels[a] = compare_attr(source, target, (enum psirt_cpe_attr)a);
	return psirt_cpe_relation_of(rels, PSIRT_CPE_ALL_ATTRS);
}

enum psirt_cpe_rel psirt_cpe_compare(const struct psirt_cpe *source,
                                     const struct psirt_cpe *target)
{
	return psirt_cpe_compare_attrs(source, target, NULL);
}

/* The four predicates stop at the first attribute that decides them. */
int psirt_cpe_disjoint(const struct psirt_cpe *source, const struct psirt_cpe *target)
{
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		if (compare_attr(source, target, (enum psirt_cpe_attr)a) ==
		    PSIRT_CPE_REL_DISJOINT)
			return 1;
	}
	return 0;
}

int psirt_cpe_equal(const struct psirt_cpe *source, const struct psirt_cpe *target)
{
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		if (compare_attr(source, target, (enum psirt_cpe_attr)a) !=
		    PSIRT_CPE_REL_EQUAL)
			return 0;
	}
	return 1;
}

int psirt_cpe_subset(const struct psirt_cpe *source, const struct psirt_cpe *target)
{
	enum psirt_cpe_rel r;
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		r = compare_attr(source, target, (enum psirt_cpe_attr)a);
		if (r != PSIRT_CPE_REL_SUBSET && r != PSIRT_CPE_REL_EQUAL)
			return 0;
	}
	return 1;
}

int psirt_cpe_superset(const struct psirt_cpe *source, const struct psirt_cpe *target)
{
	enum psirt_cpe_rel r;
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		r = compare_attr(source, target, (enum psirt_cpe_attr)a);
		if (r != PSIRT_CPE_REL_SUPERSET && r != PSIRT_CPE_REL_EQUAL)
			return 0;
	}
	return 1;
}
