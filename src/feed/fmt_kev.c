/* CISA Known Exploited Vulnerabilities catalog JSON, streamed.
 *
 * {"title":…, "catalogVersion":"2025.08.25", "dateReleased":"…", "count":N,
 *  "vulnerabilities":[{"cveID":…, "dateAdded":"2021-12-10", …, "cwes":[…]}]}
 * (schema: known_exploited_vulnerabilities_schema.json in cisagov/kev-data).
 * One struct psirt_kev_entry per element of vulnerabilities[].
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "feed/internal.h"
#include "psirt/isotime.h"

enum state { ST_ROOT, ST_VULNS, ST_ENTRY, ST_CWES, ST_SKIP };

enum key {
	K_NONE,
	K_CATALOG_VERSION,
	K_DATE_RELEASED,
	K_VULNERABILITIES,
	K_CVE_ID,
	K_VENDOR_PROJECT,
	K_PRODUCT,
	K_NAME,
	K_DATE_ADDED,
	K_SHORT_DESCRIPTION,
	K_REQUIRED_ACTION,
	K_DUE_DATE,
	K_RANSOMWARE,
	K_NOTES,
	K_CWES,
	K__MAX
};

static const char *const key_names[K__MAX] = {
	[K_NONE] = "?",
	[K_CATALOG_VERSION] = "catalogVersion",
	[K_DATE_RELEASED] = "dateReleased",
	[K_VULNERABILITIES] = "vulnerabilities",
	[K_CVE_ID] = "cveID",
	[K_VENDOR_PROJECT] = "vendorProject",
	[K_PRODUCT] = "product",
	[K_NAME] = "vulnerabilityName",
	[K_DATE_ADDED] = "dateAdded",
	[K_SHORT_DESCRIPTION] = "shortDescription",
	[K_REQUIRED_ACTION] = "requiredAction",
	[K_DUE_DATE] = "dueDate",
	[K_RANSOMWARE] = "knownRansomwareCampaignUse",
	[K_NOTES] = "notes",
	[K_CWES] = "cwes",
};

struct frame {
	uint8_t st;
	uint8_t key;
};

struct kev {
	struct feed__json json;
	struct frame stack[PSIRT_FEED_MAX_DEPTH];
	int depth;
	struct psirt_arena doc;   /* catalog facts, for the whole document */
	struct psirt_arena arena; /* the current entry's */
	struct psirt_kev_entry e;
	struct psirt_vuln_str **cwe_tail;
	const char *catalog_version, *catalog_date;
	int header_sent, saw_vulns;
	unsigned long long index;
	long long entry_offset; /* where the current entry starts */
	int at_entry;           /* the error is about the entry as a whole */
	char where_buf[32];
};

#define KEV(p) ((struct kev *)(p)->state)

static const char *where(struct psirt_feed_parser *p)
{
	struct kev *k = KEV(p);

	if (k->depth >= 2 && k->stack[1].st == ST_VULNS && k->depth > 2) {
		if (k->e.cve)
			return k->e.cve;
		snprintf(k->where_buf, sizeof k->where_buf, "entry %llu", k->index);
		return k->where_buf;
	}
	return NULL;
}

/* An error at the last byte of the current token, or where the entry
 * starts for an error of the entry as a whole; returns 0, yajl's "stop". */
#define fail(p, err, ...)                                                                  \
	feed__json_fail(p, &KEV(p)->json, KEV(p)->at_entry ? KEV(p)->entry_offset : -1, where(p), \
	                err, __VA_ARGS__)

static enum key lookup(enum state st, const unsigned char *s, size_t len)
{
	int i, lo, hi;

	if (st == ST_ROOT) {
		lo = K_CATALOG_VERSION;
		hi = K_VULNERABILITIES;
	} else if (st == ST_ENTRY) {
		lo = K_CVE_ID;
		hi = K_CWES;
	} else {
		return K_NONE;
	}
	for (i = lo; i <= hi; i++) {
		if (strlen(key_names[i]) == len && !memcmp(key_names[i], s, len))
			return (enum key)i;
	}
	return K_NONE;
}

static void send_header(struct psirt_feed_parser *p)
{
	struct kev *k = KEV(p);

	if (!k->header_sent && p->sink.header)
		p->sink.header(p->sink.ctx, k->catalog_version, k->catalog_date);
	k->header_sent = 1;
}

static int on_string(struct psirt_feed_parser *p, const unsigned char *s, size_t len)
{
	struct kev *k = KEV(p);
	struct frame *f;
	const char **dst = NULL;
	struct psirt_vuln_str *cwe;
	char *t;

	if (!k->depth)
		return fail(p, PSIRT_EINVAL, "not a KEV catalog (no object)");
	f = &k->stack[k->depth - 1];
	if (f->st == ST_ROOT) {
		if (f->key == K_CATALOG_VERSION) {
			k->catalog_version = feed__strdup(&k->doc, (const char *)s, len);
			return k->catalog_version ? 1 : fail(p, PSIRT_ENOMEM, "out of memory");
		}
		if (f->key == K_DATE_RELEASED) {
			t = psirt_arena_alloc(&k->doc, PSIRT_ISOTIME_LEN + 1);
			if (!t)
				return fail(p, PSIRT_ENOMEM, "out of memory");
			if (psirt_isotime_parse((const char *)s, len, t))
				return fail(p, PSIRT_EINVAL, "\"dateReleased\" is not an ISO 8601 timestamp");
			k->catalog_date = t;
			return 1;
		}
		if (f->key == K_VULNERABILITIES)
			return fail(p, PSIRT_EINVAL, "\"vulnerabilities\" must be an array");
		return 1;
	}
	if (f->st == ST_CWES) {
		cwe = psirt_arena_calloc(&k->arena, 1, sizeof *cwe);
		if (!cwe || !(cwe->value = feed__strdup(&k->arena, (const char *)s, len)))
			return fail(p, PSIRT_ENOMEM, "out of memory");
		*k->cwe_tail = cwe;
		k->cwe_tail = &cwe->next;
		return 1;
	}
	if (f->st == ST_VULNS)
		return fail(p, PSIRT_EINVAL, "\"vulnerabilities\" must hold objects");
	if (f->st != ST_ENTRY)
		return 1;
	switch (f->key) {
	case K_CVE_ID:
		dst = &k->e.cve;
		break;
	case K_VENDOR_PROJECT:
		dst = &k->e.vendor_project;
		break;
	case K_PRODUCT:
		dst = &k->e.product;
		break;
	case K_NAME:
		dst = &k->e.name;
		break;
	case K_DATE_ADDED:
		dst = &k->e.date_added;
		break;
	case K_SHORT_DESCRIPTION:
		dst = &k->e.short_description;
		break;
	case K_REQUIRED_ACTION:
		dst = &k->e.required_action;
		break;
	case K_DUE_DATE:
		dst = &k->e.due_date;
		break;
	case K_RANSOMWARE:
		dst = &k->e.ransomware;
		break;
	case K_NOTES:
		dst = &k->e.notes;
		break;
	case K_CWES:
		return fail(p, PSIRT_EINVAL, "\"cwes\" must be an array");
	default:
		return 1;
	}
	*dst = feed__strdup(&k->arena, (const char *)s, len);
	return *dst ? 1 : fail(p, PSIRT_ENOMEM, "out of memory");
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct psirt_feed_parser *p = ctx;

	feed__json_event(&KEV(p)->json);
	return on_string(p, s, len);
}

/* Numbers, booleans and null: no known KEV field takes them ("count" is
 * not checked), except that null stands for absent. */
static int on_scalar(struct psirt_feed_parser *p, int is_null)
{
	struct kev *k = KEV(p);
	struct frame *f;

	feed__json_event(&k->json);
	if (!k->depth)
		return fail(p, PSIRT_EINVAL, "not a KEV catalog (no object)");
	f = &k->stack[k->depth - 1];
	if (is_null)
		return 1;
	if ((f->st == ST_ENTRY && f->key != K_NONE) ||
	    (f->st == ST_ROOT && (f->key == K_CATALOG_VERSION || f->key == K_DATE_RELEASED)))
		return fail(p, PSIRT_EINVAL, "\"%s\" must be a string", key_names[f->key]);
	if (f->st == ST_VULNS)
		return fail(p, PSIRT_EINVAL, "\"vulnerabilities\" must hold objects");
	if (f->st == ST_CWES)
		return fail(p, PSIRT_EINVAL, "\"cwes\" must hold strings");
	return 1;
}

static int cb_null(void *ctx)
{
	return on_scalar(ctx, 1);
}

static int cb_boolean(void *ctx, int b)
{
	(void)b;
	return on_scalar(ctx, 0);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	(void)s;
	(void)len;
	return on_scalar(ctx, 0);
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct psirt_feed_parser *p = ctx;
	struct kev *k = KEV(p);
	struct frame *f = &k->stack[k->depth - 1];

	feed__json_event(&k->json);
	f->key = (uint8_t)lookup((enum state)f->st, s, len);
	return 1;
}

static int open_container(struct psirt_feed_parser *p, int is_map)
{
	struct kev *k = KEV(p);
	struct frame *f = k->depth ? &k->stack[k->depth - 1] : NULL;
	enum state st = ST_SKIP;

	feed__json_event(&k->json);
	if (!f && !is_map)
		return fail(p, PSIRT_EINVAL, "not a KEV catalog (an array, not an object)");
	if (k->depth >= PSIRT_FEED_MAX_DEPTH)
		return fail(p, PSIRT_ETOOBIG, "nesting deeper than %d levels", PSIRT_FEED_MAX_DEPTH);
	if (!f) {
		st = ST_ROOT;
	} else if (f->st == ST_ROOT && f->key == K_VULNERABILITIES) {
		if (is_map)
			return fail(p, PSIRT_EINVAL, "\"vulnerabilities\" must be an array");
		st = ST_VULNS;
		k->saw_vulns = 1;
		send_header(p);
	} else if (f->st == ST_VULNS) {
		if (!is_map)
			return fail(p, PSIRT_EINVAL, "\"vulnerabilities\" must hold objects");
		st = ST_ENTRY;
		k->entry_offset = feed__json_offset(&k->json) - 1;
		psirt_arena_release(&k->arena);
		memset(&k->e, 0, sizeof k->e);
		k->cwe_tail = &k->e.cwes;
		k->index++;
	} else if (f->st == ST_ENTRY && f->key == K_CWES) {
		if (is_map)
			return fail(p, PSIRT_EINVAL, "\"cwes\" must be an array");
		st = ST_CWES;
	} else if (f->st == ST_ENTRY && f->key != K_NONE) {
		return fail(p, PSIRT_EINVAL, "\"%s\" must be a string", key_names[f->key]);
	} else if (f->st == ST_CWES) {
		return fail(p, PSIRT_EINVAL, "\"cwes\" must hold strings");
	}
	k->stack[k->depth].st = (uint8_t)st;
	k->stack[k->depth].key = K_NONE;
	k->depth++;
	return 1;
}

static int cb_start_map(void *ctx)
{
	return open_container(ctx, 1);
}

static int cb_start_array(void *ctx)
{
	return open_container(ctx, 0);
}

static int finish_entry(struct psirt_feed_parser *p)
{
	struct kev *k = KEV(p);
	enum psirt_err err;

	k->at_entry = 1;
	if (!k->e.cve)
		return fail(p, PSIRT_EINVAL, "entry without \"cveID\"");
	if (!feed__is_cve_id(k->e.cve, strlen(k->e.cve)))
		return fail(p, PSIRT_EINVAL, "malformed CVE id");
	if (!k->e.date_added)
		return fail(p, PSIRT_EINVAL, "entry without \"dateAdded\"");
	if (!psirt_isotime_is_date(k->e.date_added, strlen(k->e.date_added)))
		return fail(p, PSIRT_EINVAL, "\"dateAdded\" is not a date (YYYY-MM-DD)");
	if (k->e.due_date && !psirt_isotime_is_date(k->e.due_date, strlen(k->e.due_date)))
		return fail(p, PSIRT_EINVAL, "\"dueDate\" is not a date (YYYY-MM-DD)");
	k->at_entry = 0;
	k->e.catalog_version = k->catalog_version;
	k->e.catalog_date = k->catalog_date;
	p->records++;
	err = p->sink.kev(p->sink.ctx, &k->e, p->diag);
	if (err) {
		p->err = err;
		psirt_diag_set(p->diag, err, "storing the entry failed");
		psirt_diag_set_where(p->diag, k->e.cve);
		return 0;
	}
	return 1;
}

static int close_container(struct psirt_feed_parser *p)
{
	struct kev *k = KEV(p);
	enum state st;

	feed__json_event(&k->json);
	st = (enum state)k->stack[k->depth - 1].st;
	if (st == ST_ENTRY && !finish_entry(p))
		return 0;
	k->depth--;
	if (st == ST_ROOT && !k->saw_vulns)
		return fail(p, PSIRT_EINVAL, "not a KEV catalog (no \"vulnerabilities\")");
	return 1;
}

static int cb_end(void *ctx)
{
	return close_container(ctx);
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end,
};

static enum psirt_err kev_init(struct psirt_feed_parser *p)
{
	struct kev *k = KEV(p);

	psirt_arena_init(&k->doc, 1024);
	psirt_arena_init(&k->arena, 0);
	return feed__json_init(&k->json, &callbacks, p);
}

static enum psirt_err kev_push(struct psirt_feed_parser *p, const unsigned char *data, size_t len)
{
	struct kev *k = KEV(p);
	enum psirt_err err = feed__json_push(p, &k->json, data, len, where);

	if (!err && k->arena.total > PSIRT_FEED_MAX_RECORD)
		err = feed__fail(p, PSIRT_ETOOBIG, (long long)k->json.base, where(p),
		                 "entry larger than %d bytes", PSIRT_FEED_MAX_RECORD);
	return err;
}

static enum psirt_err kev_finish(struct psirt_feed_parser *p)
{
	struct kev *k = KEV(p);
	if (!k->json.started)
		return feed__fail(p, PSIRT_EINVAL, 0, NULL, "empty document");
	return feed__json_finish(p, &k->json, where);
}

static void kev_release(struct psirt_feed_parser *p)
{
	struct kev *k = KEV(p);

	feed__json_release(&k->json);
	psirt_arena_release(&k->arena);
	psirt_arena_release(&k->doc);
}

const struct feed__format feed__kev = {
	.kind = PSIRT_FEED_KEV,
	.name = "kev",
	.state_size = sizeof(struct kev),
	.init = kev_init,
	.push = kev_push,
	.finish = kev_finish,
	.release = kev_release,
};
