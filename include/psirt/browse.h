/* psirt — pages and figures for front doors that show the store to people
 * (the server's lists, the dashboard): bounded reads, sorted and paged in
 * SQL so that a page of 50 costs the same in a store of 50 or 50,000.
 *
 * SQL in src/store/browse.c. Results live in the caller's arena.
 */
#ifndef PSIRT_BROWSE_H
#define PSIRT_BROWSE_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/error.h"
#include "psirt/portfolio.h"
#include "psirt/store.h"

/* The largest page any list returns. */
#define PSIRT_BROWSE_MAX_LIMIT 1000

/* Figures of the whole store. */
struct psirt_store_counts {
	unsigned long long products, versions, components;
	unsigned long long vulns, vulns_withdrawn; /* withdrawn: every record of it */
	unsigned long long kev, epss;
	unsigned long long embargoed; /* vulnerabilities under an embargo in force */
};
enum psirt_err psirt_browse_counts(struct psirt_store *store, struct psirt_store_counts *out,
                                   struct psirt_diag *diag);

enum psirt_browse_product_sort {
	PSIRT_BROWSE_BY_NAME,
	PSIRT_BROWSE_BY_VENDOR,
	PSIRT_BROWSE_BY_CREATED,
	PSIRT_BROWSE_BY_UPDATED,
	PSIRT_BROWSE_BY_VERSIONS,
	PSIRT_BROWSE_PRODUCT_SORT__MAX
};
/* "name", "vendor", "created", "updated", "versions"; NULL out of range. */
const char *psirt_browse_product_sort_name(enum psirt_browse_product_sort s);

struct psirt_browse_products_query {
	enum psirt_browse_product_sort sort;
	int descending;
	size_t limit;  /* 1..PSIRT_BROWSE_MAX_LIMIT */
	size_t offset;
	const char *q; /* NULL, or a case-insensitive substring of name or vendor */
};

/* One page of products (ties broken by name), summaries only: hardware and
 * regimes are not read (n_hardware, n_regimes 0); n_versions is set.
 * *total is the number of products the query matches. */
enum psirt_err psirt_browse_products(struct psirt_store *store,
                                     const struct psirt_browse_products_query *q,
                                     struct psirt_arena *arena, struct psirt_product **items,
                                     size_t *n, unsigned long long *total,
                                     struct psirt_diag *diag);

/* An audit row with its id (the cursor of the next page). */
struct psirt_audit_row {
	long long id;
	struct psirt_audit_entry e;
};

/* Audit rows, newest first: of entity (NULL: all) and entity_id (NULL:
 * all), with id below before (0: from the newest), at most limit. */
enum psirt_err psirt_browse_audit(struct psirt_store *store, const char *entity,
                                  const char *entity_id, long long before, size_t limit,
                                  struct psirt_arena *arena, struct psirt_audit_row **items,
                                  size_t *n, struct psirt_diag *diag);

#endif
