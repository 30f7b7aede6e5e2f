/* psirt — the search box: vulnerabilities by any id the store knows them
 * by, and components by name or package-URL prefix with the product
 * versions that contain them. Every query is a prefix range over an index
 * (vuln_alias's key, component_name_nocase, component_purl), read in index
 * order and stopped at the limit, so a search costs the same at 25 million
 * component rows as at 25 thousand; there are no totals (counting would
 * read every match), only "more".
 *
 * Products are searched by psirt_browse_products() (browse.h).
 */
#ifndef PSIRT_SEARCH_H
#define PSIRT_SEARCH_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/error.h"
#include "psirt/store.h"

/* Search text: 1..256 bytes, no control characters. */
#define PSIRT_SEARCH_MAX_QUERY 256
/* Rows per call: 1..PSIRT_SEARCH_MAX_LIMIT; offsets up to PSIRT_SEARCH_MAX_OFFSET. */
#define PSIRT_SEARCH_MAX_LIMIT 200
#define PSIRT_SEARCH_MAX_OFFSET 10000

struct psirt_search_vuln {
	const char *id;      /* the id that matched (an alias, or the name) */
	const char *name;    /* the vulnerability it belongs to (vuln.name) */
	int embargoed;       /* under an embargo in force at the query's instant */
};

struct psirt_search_component {
	const char *name, *version, *purl; /* version, purl may be NULL */
	const char *product, *product_version;
};

struct psirt_search_query {
	const char *q;
	size_t limit, offset;
	/* the instant embargoes are judged at (ISO 8601; NULL: none is) */
	const char *now;
	/* 1: leave out vulnerabilities under embargo at now (roles that may not
	 * see them); 0: list them, marked */
	int hide_embargoed;
};

/* Vulnerabilities with an id starting with q, case-insensitively for the
 * usual spellings (as typed, upper case, and "PREFIX-rest" with the rest
 * in lower case as GHSA ids are written), by id. *items (from arena) holds
 * at most q->limit rows; *more is 1 when further rows exist. EINVAL (empty
 * query, bad limit), ETOOBIG, ESTORE, ENOMEM. */
enum psirt_err psirt_search_vulns(struct psirt_store *store, const struct psirt_search_query *q,
                                  struct psirt_arena *arena, struct psirt_search_vuln **items,
                                  size_t *n, int *more, struct psirt_diag *diag);

/* Components (one row per component in a product version) whose name
 * starts with q (without case), or whose purl starts with q when q starts
 * with "pkg:", by name, version, then storage order; q->offset rows are
 * skipped. As above for *items, *more and errors. */
enum psirt_err psirt_search_components(struct psirt_store *store,
                                       const struct psirt_search_query *q,
                                       struct psirt_arena *arena,
                                       struct psirt_search_component **items, size_t *n,
                                       int *more, struct psirt_diag *diag);

#endif
