/* OSV affected ranges (see include/psirt/osv_range.h).
 *
 * "Evaluation" refers to the pseudocode of the OSV schema
 * (ossf/osv-schema, docs/schema.md, section "Evaluation").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/osv_range.h"
#include "psirt/vers.h"

static const char *const type_names[] = { "SEMVER", "ECOSYSTEM", "GIT" };
_Static_assert(sizeof type_names / sizeof type_names[0] == PSIRT_OSV_RANGE_TYPE__MAX,
               "one name per range type");
static const char *const event_names[] = { "introduced", "fixed", "last_affected", "limit" };
_Static_assert(sizeof event_names / sizeof event_names[0] == PSIRT_OSV_EVENT__MAX,
               "one name per event kind");

/* An OSV range holds a handful of events; thousands would be an attack. */
#define OSV_EVENTS_MAX 10000

const char *psirt_osv_range_type_name(enum psirt_osv_range_type type)
{
	return (unsigned)type < PSIRT_OSV_RANGE_TYPE__MAX ? type_names[type] : "?";
}

const char *psirt_osv_event_name(enum psirt_osv_event_kind kind)
{
	return (unsigned)kind < PSIRT_OSV_EVENT__MAX ? event_names[kind] : "?";
}

enum psirt_err psirt_osv_range_type_parse(struct psirt_str name, enum psirt_osv_range_type *out,
                                          struct psirt_diag *diag)
{
	unsigned i;

	for (i = 0; i < PSIRT_OSV_RANGE_TYPE__MAX; i++) {
		if (psirt_str_eq(name, type_names[i])) {
			*out = (enum psirt_osv_range_type)i;
			return PSIRT_OK;
		}
	}
	return psirt_diag_set(diag, PSIRT_EINVAL,
		"unknown OSV range type '%.*s' (SEMVER, ECOSYSTEM or GIT)", (int)name.len,
		name.p ? name.p : "");
}

enum psirt_err psirt_osv_event_kind_parse(struct psirt_str name, enum psirt_osv_event_kind *out,
                                          struct psirt_diag *diag)
{
	unsigned i;

	for (i = 0; i < PSIRT_OSV_EVENT__MAX; i++) {
		if (psirt_str_eq(name, event_names[i])) {
			*out = (enum psirt_osv_event_kind)i;
			return PSIRT_OK;
		}
	}
	return psirt_diag_set(diag, PSIRT_EINVAL,
		"unknown OSV event '%.*s' (introduced, fixed, last_affected or limit)", (int)name.len,
		name.p ? name.p : "");
}

enum psirt_err psirt_osv_range_scheme(enum psirt_osv_range_type type, struct psirt_str ecosystem,
                                      const struct psirt_version_scheme **out,
                                      struct psirt_diag *diag)
{
	const struct psirt_version_scheme *s = NULL;

	switch (type) {
	case PSIRT_OSV_SEMVER:
		/* Schema: SEMVER versions are SemVer 2.0.0, whatever the ecosystem. */
		s = psirt_version_scheme_find(psirt_str_c("semver"));
		if (!s)
			return psirt_diag_set(diag, PSIRT_EUNSUPPORTED, "no semver version scheme registered");
		break;
	case PSIRT_OSV_ECOSYSTEM:
		s = psirt_version_scheme_find(ecosystem);
		if (!s)
			return psirt_diag_set(diag, PSIRT_EUNSUPPORTED,
				"no version scheme for the OSV ecosystem '%.*s'", (int)ecosystem.len,
				ecosystem.p ? ecosystem.p : "");
		break;
	case PSIRT_OSV_GIT:
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED,
			"GIT ranges need the repository's commit graph, which psirt does not have");
	default:
		return psirt_diag_set(diag, PSIRT_EINVAL, "invalid OSV range type %d", (int)type);
	}
	*out = s;
	return PSIRT_OK;
}

/* Schema, "Special values": introduced "0" sorts before any version. */
static int is_zero(const struct psirt_osv_event *e)
{
	return e->kind == PSIRT_OSV_INTRODUCED && e->version.len == 1 && e->version.p[0] == '0';
}

/* Schema: a limit "containing the string '*'" is infinity. */
static int is_infinite(const struct psirt_osv_event *e)
{
	return e->kind == PSIRT_OSV_LIMIT && e->version.len &&
	       memchr(e->version.p, '*', e->version.len) != NULL;
}

static enum psirt_err event_error(struct psirt_diag *diag, size_t i,
                                  const struct psirt_osv_event *e, enum psirt_err err)
{
	char where[48];

	snprintf(where, sizeof where, "events[%zu].%s", i, psirt_osv_event_name(e->kind));
	psirt_diag_set_where(diag, where);
	return err;
}

/* Checks the range's shape and every event version once. */
static enum psirt_err check_range(const struct psirt_osv_range *r,
                                  const struct psirt_version_scheme *s, struct psirt_diag *diag)
{
	size_t i, introduced = 0;
	const struct psirt_osv_event *e;
	enum psirt_err err;

	if (r->type == PSIRT_OSV_GIT)
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED,
			"GIT ranges need the repository's commit graph, which psirt does not have");
	if ((unsigned)r->type >= PSIRT_OSV_RANGE_TYPE__MAX)
		return psirt_diag_set(diag, PSIRT_EINVAL, "invalid OSV range type %d", (int)r->type);
	if (r->count > OSV_EVENTS_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "OSV range of %zu events (at most %d)",
		                      r->count, OSV_EVENTS_MAX);
	for (i = 0; i < r->count; i++) {
		e = &r->events[i];
		if ((unsigned)e->kind >= PSIRT_OSV_EVENT__MAX)
			return psirt_diag_set(diag, PSIRT_EINVAL, "invalid OSV event kind %d", (int)e->kind);
		introduced += e->kind == PSIRT_OSV_INTRODUCED;
		if (is_zero(e) || is_infinite(e))
			continue;
		err = s->check(e->version, diag);
		if (err)
			return event_error(diag, i, e, err);
	}
	/* Schema, "Requirements": "There must be at least one introduced". */
	if (!introduced)
		return psirt_diag_set(diag, PSIRT_EINVAL, "OSV range has no 'introduced' event");
	return PSIRT_OK;
}

/* Orders two events (versions checked): introduced "0" first, infinite
 * limits last, and at equal versions `introduced` before the others. */
static enum psirt_err event_cmp(const struct psirt_version_scheme *s,
                                const struct psirt_osv_event *a, const struct psirt_osv_event *b,
                                int *c, struct psirt_diag *diag)
{
	int ra = is_zero(a) ? -1 : is_infinite(a), rb = is_zero(b) ? -1 : is_infinite(b);
	enum psirt_err err;

	if (ra != rb) {
		*c = ra < rb ? -1 : 1;
		return PSIRT_OK;
	}
	*c = 0;
	if (!ra) {
		err = s->compare(a->version, b->version, c, diag);
		if (err)
			return err;
	}
	if (*c == 0)
		*c = (a->kind != PSIRT_OSV_INTRODUCED) - (b->kind != PSIRT_OSV_INTRODUCED);
	return PSIRT_OK;
}

enum psirt_err psirt_osv_range_contains(const struct psirt_osv_range *range,
                                        const struct psirt_version_scheme *scheme,
                                        struct psirt_str version, int *result,
                                        struct psirt_diag *diag)
{
	const struct psirt_osv_event *e, *last = NULL;
	size_t i;
	int c, limits = 0, below_limit = 0, reached;
	enum psirt_err err;

	err = check_range(range, scheme, diag);
	if (!err)
		err = scheme->check(version, diag);
	if (err)
		return err;
	for (i = 0; i < range->count; i++) {
		e = &range->events[i];
		if (e->kind == PSIRT_OSV_LIMIT) {
			/* BeforeLimits: below any one limit. */
			limits = 1;
			if (!below_limit && !is_infinite(e)) {
				err = scheme->compare(version, e->version, &c, diag);
				if (err)
					return event_error(diag, i, e, err);
				below_limit = c < 0;
			} else {
				below_limit = 1;
			}
			continue;
		}
		if (is_zero(e)) {
			reached = 1;
		} else {
			err = scheme->compare(version, e->version, &c, diag);
			if (err)
				return event_error(diag, i, e, err);
			reached = e->kind == PSIRT_OSV_LAST_AFFECTED ? c > 0 : c >= 0;
		}
		if (!reached)
			continue;
		/* The pseudocode walks the sorted events and keeps the state the
		 * last reached one sets; the last reached is the greatest. */
		if (!last) {
			last = e;
			continue;
		}
		err = event_cmp(scheme, e, last, &c, diag);
		if (err)
			return event_error(diag, i, e, err);
		if (c > 0)
			last = e;
	}
	*result = (!limits || below_limit) && last && last->kind == PSIRT_OSV_INTRODUCED;
	return PSIRT_OK;
}

enum psirt_err psirt_osv_affected_check(const struct psirt_osv_affected *a,
                                        struct psirt_str version,
                                        enum psirt_osv_verdict *verdict,
                                        struct psirt_diag *diag)
{
	const struct psirt_version_scheme *eco = psirt_version_scheme_find(a->ecosystem), *s;
	size_t i;
	int c, git = 0, in;
	enum psirt_err err;

	/* IncludedInVersions: the listed strings are the ecosystem's own
	 * spellings; scheme equality also catches "1.0" == "1.0.0" in PyPI.
	 * A listed version the scheme rejects simply does not match. */
	for (i = 0; i < a->nversions; i++) {
		if (a->versions[i].len == version.len &&
		    !memcmp(a->versions[i].p, version.p, version.len)) {
			*verdict = PSIRT_OSV_AFFECTED;
			return PSIRT_OK;
		}
		if (eco && !eco->compare(a->versions[i], version, &c, NULL) && c == 0) {
			*verdict = PSIRT_OSV_AFFECTED;
			return PSIRT_OK;
		}
	}
	for (i = 0; i < a->nranges; i++) {
		if (a->ranges[i].type == PSIRT_OSV_GIT) {
			git = 1;
			continue;
		}
		err = psirt_osv_range_scheme(a->ranges[i].type, a->ecosystem, &s, diag);
		if (!err)
			err = psirt_osv_range_contains(&a->ranges[i], s, version, &in, diag);
		if (err) {
			char where[32];

			snprintf(where, sizeof where, "ranges[%zu]", i);
			psirt_diag_set_where(diag, where);
			return err;
		}
		if (in) {
			*verdict = PSIRT_OSV_AFFECTED;
			return PSIRT_OK;
		}
	}
	*verdict = git ? PSIRT_OSV_UNKNOWN : PSIRT_OSV_NOT_AFFECTED;
	return PSIRT_OK;
}

/* Sorts event indices by event_cmp (insertion sort: ranges are short and
 * the cap bounds the worst case). */
static enum psirt_err sort_events(const struct psirt_osv_range *r,
                                  const struct psirt_version_scheme *s, size_t *idx, size_t n,
                                  struct psirt_diag *diag)
{
	size_t i, j, t;
	int c;
	enum psirt_err err;

	for (i = 1; i < n; i++) {
		t = idx[i];
		for (j = i; j > 0; j--) {
			err = event_cmp(s, &r->events[idx[j - 1]], &r->events[t], &c, diag);
			if (err)
				return err;
			if (c <= 0)
				break;
			idx[j] = idx[j - 1];
		}
		idx[j] = t;
	}
	return PSIRT_OK;
}

enum psirt_err psirt_osv_range_to_vers(const struct psirt_osv_range *range,
                                       const struct psirt_version_scheme *scheme,
                                       struct psirt_str vers_type, struct psirt_buf *out,
                                       struct psirt_diag *diag)
{
	const struct psirt_osv_event *e, *lo = NULL, *limit = NULL;
	struct psirt_vers_constraint *cs = NULL;
	struct psirt_vers *v = NULL;
	size_t *idx = NULL, i, n = 0, k;
	int open = 0, c, infinite = 0;
	enum psirt_err err;

	err = check_range(range, scheme, diag);
	if (err)
		return err;
	idx = malloc((range->count + 1) * sizeof *idx);
	/* at most two constraints per interval, one interval per introduced */
	cs = malloc((2 * range->count + 2) * sizeof *cs);
	if (!idx || !cs) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out_free;
	}
	/* BeforeLimits is "below the greatest limit", unless one is infinite. */
	for (i = 0; i < range->count; i++) {
		e = &range->events[i];
		if (e->kind != PSIRT_OSV_LIMIT)
			continue;
		if (is_infinite(e)) {
			infinite = 1;
			continue;
		}
		c = 1;
		if (limit) {
			err = scheme->compare(e->version, limit->version, &c, diag);
			if (err)
				goto out_free;
		}
		if (c > 0)
			limit = e;
	}
	if (infinite)
		limit = NULL;
	for (i = 0, k = 0; i < range->count; i++) {
		if (range->events[i].kind != PSIRT_OSV_LIMIT)
			idx[k++] = i;
	}
	err = sort_events(range, scheme, idx, k, diag);
	if (err)
		goto out_free;
	/* Walk the timeline: an introduced opens an interval, a fixed or
	 * last_affected closes the open one; the limit clips. */
	for (i = 0; i <= k; i++) {
		e = i < k ? &range->events[idx[i]] : NULL;
		if (e && limit && !is_zero(e)) {
			err = scheme->compare(e->version, limit->version, &c, diag);
			if (err)
				goto out_free;
			if (c >= 0)
				e = NULL; /* at or past the limit: nothing more is affected */
		}
		if (!e) {
			if (open && limit) {
				if (lo)
					cs[n++] = (struct psirt_vers_constraint){ PSIRT_VERS_GE, lo->version };
				cs[n++] = (struct psirt_vers_constraint){ PSIRT_VERS_LT, limit->version };
			} else if (open) {
				if (lo)
					cs[n++] = (struct psirt_vers_constraint){ PSIRT_VERS_GE, lo->version };
				else
					cs[n++] = (struct psirt_vers_constraint){ PSIRT_VERS_ANY, { "", 0 } };
			}
			break;
		}
		if (e->kind == PSIRT_OSV_INTRODUCED) {
			if (!open) {
				open = 1;
				lo = is_zero(e) ? NULL : e;
			}
			continue;
		}
		if (!open)
			continue;
		open = 0;
		if (lo) {
			err = scheme->compare(lo->version, e->version, &c, diag);
			if (err)
				goto out_free;
			if (c == 0 && e->kind == PSIRT_OSV_FIXED)
				continue; /* introduced and fixed at once: empty */
			if (c == 0) {
				cs[n++] = (struct psirt_vers_constraint){ PSIRT_VERS_EQ, lo->version };
				continue;
			}
			cs[n++] = (struct psirt_vers_constraint){ PSIRT_VERS_GE, lo->version };
		}
		cs[n++] = (struct psirt_vers_constraint){
			e->kind == PSIRT_OSV_FIXED ? PSIRT_VERS_LT : PSIRT_VERS_LE, e->version };
	}
	if (!n) {
		err = psirt_diag_set(diag, PSIRT_EINVAL, "OSV range affects no version");
		goto out_free;
	}
	err = psirt_vers_build(vers_type.len ? vers_type : psirt_str_c(scheme->name), scheme, cs, n,
	                       NULL, &v, diag);
	if (!err)
		err = psirt_vers_format(v, out);
out_free:
	psirt_vers_free(v);
	free(cs);
	free(idx);
	return err;
}
