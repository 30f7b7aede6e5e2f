/* NVD CVE API 2.0 JSON, streamed: one struct psirt_vuln_record per CVE.
 *
 * Accepts the three shapes NVD data comes in: an API response page or 2.0
 * feed file ({"resultsPerPage":…, "vulnerabilities":[{"cve":{…}}]}), one
 * item ({"cve":{…}}), and a bare CVE object ({"id":…}, as in mirrors with
 * one file per CVE). Field names follow the NVD CVE API 2.0 schema
 * (https://csrc.nist.gov/schema/nvd/api/2.0/cve_api_json_2.0.schema).
 *
 * yajl reports events; a stack of frames, one per open object or array,
 * says what each one is (its state), and the last key seen in each object.
 * Metric blocks are also re-serialised as they go by (kept whole as JSON),
 * and so are CVE members this parser does not know (cveTags, cisa*,
 * evaluator*…), into the record's extra_json. Everything else unknown is
 * skipped.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "feed/internal.h"
#include "psirt/isotime.h"
#include "psirt/str.h"

enum state {
	ST_ROOT,        /* the document: a page, an item or a bare CVE */
	ST_VULNS,       /* vulnerabilities[] */
	ST_ITEM,        /* vulnerabilities[i] */
	ST_CVE,         /* the CVE object */
	ST_DESCS,
	ST_DESC,
	ST_METRICS,     /* metrics{}: kind -> [] */
	ST_METRIC_LIST,
	ST_METRIC,
	ST_CVSS_DATA,
	ST_WEAKS,
	ST_WEAK,
	ST_WEAK_DESCS,
	ST_WEAK_DESC,
	ST_CONFIGS,
	ST_CONFIG,
	ST_NODES,
	ST_NODE,
	ST_MATCHES,
	ST_MATCH,
	ST_REFS,
	ST_REF,
	ST_TAGS,
	ST_EXTRA,       /* inside an unknown CVE member: captured as JSON */
	ST_SKIP,        /* inside anything else unknown */
};

#define KEYS(X)                                                              \
	X(ID, "id")                                                          \
	X(SOURCE_IDENTIFIER, "sourceIdentifier")                             \
	X(PUBLISHED, "published")                                            \
	X(LAST_MODIFIED, "lastModified")                                     \
	X(VULN_STATUS, "vulnStatus")                                         \
	X(DESCRIPTIONS, "descriptions")                                      \
	X(METRICS, "metrics")                                                \
	X(WEAKNESSES, "weaknesses")                                          \
	X(CONFIGURATIONS, "configurations")                                  \
	X(REFERENCES, "references")                                          \
	X(VULNERABILITIES, "vulnerabilities")                                \
	X(CVE, "cve")                                                        \
	X(RESULTS_PER_PAGE, "resultsPerPage")                                \
	X(START_INDEX, "startIndex")                                         \
	X(TOTAL_RESULTS, "totalResults")                                     \
	X(FORMAT, "format")                                                  \
	X(VERSION, "version")                                                \
	X(TIMESTAMP, "timestamp")                                            \
	X(LANG, "lang")                                                      \
	X(VALUE, "value")                                                    \
	X(SOURCE, "source")                                                  \
	X(TYPE, "type")                                                      \
	X(CVSS_DATA, "cvssData")                                             \
	X(VECTOR_STRING, "vectorString")                                     \
	X(BASE_SCORE, "baseScore")                                           \
	X(BASE_SEVERITY, "baseSeverity")                                     \
	X(DESCRIPTION, "description")                                        \
	X(OPERATOR, "operator")                                              \
	X(NEGATE, "negate")                                                  \
	X(NODES, "nodes")                                                    \
	X(CPE_MATCH, "cpeMatch")                                             \
	X(VULNERABLE, "vulnerable")                                          \
	X(CRITERIA, "criteria")                                              \
	X(MATCH_CRITERIA_ID, "matchCriteriaId")                              \
	X(VSI, "versionStartIncluding")                                      \
	X(VSE, "versionStartExcluding")                                      \
	X(VEI, "versionEndIncluding")                                        \
	X(VEE, "versionEndExcluding")                                        \
	X(URL, "url")                                                        \
	X(TAGS, "tags")

enum key {
	K_NONE,  /* not one this state knows */
	K_EXTRA, /* an unknown CVE member being captured */
#define KEY_ENUM(id, text) K_##id,
	KEYS(KEY_ENUM)
#undef KEY_ENUM
	K__MAX
};

static const char *const key_names[K__MAX] = {
	[K_NONE] = "?",
	[K_EXTRA] = "?",
#define KEY_NAME(id, text) [K_##id] = text,
	KEYS(KEY_NAME)
#undef KEY_NAME
};

/* The keys each object state knows, so that a lookup compares a few. */
static const uint8_t cve_keys[] = { K_ID, K_SOURCE_IDENTIFIER, K_PUBLISHED, K_LAST_MODIFIED,
	                            K_VULN_STATUS, K_DESCRIPTIONS, K_METRICS, K_WEAKNESSES,
	                            K_CONFIGURATIONS, K_REFERENCES, 0 };
static const uint8_t root_keys[] = { K_VULNERABILITIES, K_CVE, K_RESULTS_PER_PAGE,
	                             K_START_INDEX, K_TOTAL_RESULTS, K_FORMAT, K_VERSION,
	                             K_TIMESTAMP, 0 };
static const uint8_t item_keys[] = { K_CVE, 0 };
static const uint8_t text_keys[] = { K_LANG, K_VALUE, 0 };
static const uint8_t metric_keys[] = { K_SOURCE, K_TYPE, K_CVSS_DATA, K_BASE_SEVERITY, 0 };
static const uint8_t cvss_keys[] = { K_VERSION, K_VECTOR_STRING, K_BASE_SCORE, K_BASE_SEVERITY,
	                             0 };
static const uint8_t weak_keys[] = { K_SOURCE, K_TYPE, K_DESCRIPTION, 0 };
static const uint8_t config_keys[] = { K_OPERATOR, K_NEGATE, K_NODES, 0 };
static const uint8_t node_keys[] = { K_OPERATOR, K_NEGATE, K_CPE_MATCH, 0 };
static const uint8_t match_keys[] = { K_VULNERABLE, K_CRITERIA, K_MATCH_CRITERIA_ID,
	                              K_VSI, K_VSE, K_VEI, K_VEE, 0 };
static const uint8_t ref_keys[] = { K_URL, K_SOURCE, K_TAGS, 0 };

struct frame {
	uint8_t st;
	uint8_t key;
};

struct nvd {
	struct feed__json json;
	struct frame stack[PSIRT_FEED_MAX_DEPTH];
	int depth;
	struct psirt_arena arena; /* the current record's */
	struct psirt_vuln_record rec;
	unsigned long long index;  /* records begun, for "record N" */
	long long rec_offset;      /* where the current record began */
	int root_is_cve;           /* CVE members seen in the root object */
	int root_is_page;          /* "vulnerabilities" or "cve" seen in it */
	int item_has_cve;
	char where_buf[32];
	/* list tails and the items being filled */
	struct psirt_vuln_text **desc_tail, *text;
	struct psirt_vuln_score **score_tail, *score;
	const char *metric_kind, *metric_severity;
	struct psirt_vuln_weakness **weak_tail, **weak_group, *weak;
	const char *weak_source, *weak_type;
	struct psirt_vuln_ref **ref_tail, *ref;
	struct psirt_vuln_str **tag_tail;
	struct psirt_vuln_config **config_tail, *config;
	struct psirt_vuln_node **node_tail, *node;
	struct psirt_vuln_cpe_match **match_tail, *match;
	int has_operator, has_vulnerable;
	/* captures */
	yajl_gen mgen; /* the metric block being read */
	int in_metric;
	yajl_gen xgen; /* the record's unknown members, as one object */
	int xopen;
};

#define NVD(p) ((struct nvd *)(p)->state)

static const char *where(struct psirt_feed_parser *p)
{
	struct nvd *n = NVD(p);

	if (n->rec.id)
		return n->rec.id;
	if (!n->index)
		return NULL;
	snprintf(n->where_buf, sizeof n->where_buf, "record %llu", n->index);
	return n->where_buf;
}

/* Errors at the last byte of the current token (fail) or at the byte where
 * the record starts (fail_record), and a zeroed item from the record's
 * arena (feed__item); the errors return 0, yajl's "stop". */
#define fail(p, err, ...) feed__json_fail(p, &NVD(p)->json, -1, where(p), err, __VA_ARGS__)
#define fail_record(p, ...)                                                             \
	feed__json_fail(p, &NVD(p)->json, NVD(p)->rec_offset, where(p), PSIRT_EINVAL, __VA_ARGS__)
#define nomem(p) fail(p, PSIRT_ENOMEM, "out of memory")
#define item(p, size) feed__item(p, &NVD(p)->arena, size, feed__json_here(&NVD(p)->json), where(p))

#define APPEND FEED__APPEND

static enum key lookup(const uint8_t *keys, const unsigned char *s, size_t len)
{
	return (enum key)feed__key_lookup(keys, key_names, s, len);
}

static const uint8_t *keys_of(enum state st)
{
	switch (st) {
	case ST_ROOT:
	case ST_CVE:
		return cve_keys;
	case ST_ITEM:
		return item_keys;
	case ST_DESC:
	case ST_WEAK_DESC:
		return text_keys;
	case ST_METRIC:
		return metric_keys;
	case ST_CVSS_DATA:
		return cvss_keys;
	case ST_WEAK:
		return weak_keys;
	case ST_CONFIG:
		return config_keys;
	case ST_NODE:
		return node_keys;
	case ST_MATCH:
		return match_keys;
	case ST_REF:
		return ref_keys;
	default:
		return NULL;
	}
}

static struct frame *top(struct nvd *n)
{
	return &n->stack[n->depth - 1];
}

static void begin_record(struct psirt_feed_parser *p, int counted)
{
	struct nvd *n = NVD(p);

	psirt_arena_release(&n->arena);
	memset(&n->rec, 0, sizeof n->rec);
	n->rec.source = PSIRT_VULN_SRC_NVD;
	n->index += !!counted;
	n->rec_offset = feed__json_offset(&n->json) - 1;
	n->desc_tail = &n->rec.descriptions;
	n->score_tail = &n->rec.scores;
	n->weak_tail = &n->rec.weaknesses;
	n->ref_tail = &n->rec.refs;
	n->config_tail = &n->rec.configs;
	n->in_metric = 0;
	yajl_gen_clear(n->xgen);
	yajl_gen_reset(n->xgen, NULL);
	n->xopen = 0;
}

static int finish_record(struct psirt_feed_parser *p)
{
	struct nvd *n = NVD(p);
	struct psirt_vuln_record *rec = &n->rec;
	enum psirt_err err;

	if (!rec->id)
		return fail_record(p, "CVE without \"id\"");
	if (!feed__is_cve_id(rec->id, strlen(rec->id)))
		return fail_record(p, "malformed CVE id");
	if (!rec->modified)
		return fail_record(p, "CVE without \"lastModified\"");
	if (n->xopen) {
		yajl_gen_map_close(n->xgen);
		rec->extra_json = feed__gen_take(n->xgen, &n->arena);
		if (!rec->extra_json)
			return nomem(p);
	}
	p->records++;
	err = p->sink.vuln(p->sink.ctx, rec, p->diag);
	if (err) {
		p->err = err;
		psirt_diag_set(p->diag, err, "storing the record failed");
		psirt_diag_set_where(p->diag, rec->id);
		return 0;
	}
	return 1;
}

/* The capture writers: every event inside a metric block goes to mgen, every
 * event of an unknown CVE member to xgen. */
static int in_extra(struct nvd *n)
{
	struct frame *f;

	if (!n->depth)
		return 0;
	f = top(n);
	return f->st == ST_EXTRA || ((f->st == ST_CVE || f->st == ST_ROOT) && f->key == K_EXTRA);
}

static int typed_string(struct psirt_feed_parser *p, const unsigned char *s, size_t len,
                        const char **out, int trim)
{
	struct nvd *n = NVD(p);

	*out = trim ? feed__strdup_trim(&n->arena, (const char *)s, len)
	            : feed__strdup(&n->arena, (const char *)s, len);
	return *out ? 1 : nomem(p);
}

static int timestamp(struct psirt_feed_parser *p, const unsigned char *s, size_t len,
                     const char **out, const char *field)
{
	char *t = psirt_arena_alloc(&NVD(p)->arena, PSIRT_ISOTIME_LEN + 1);

	if (!t)
		return nomem(p);
	if (psirt_isotime_parse((const char *)s, len, t))
		return fail(p, PSIRT_EINVAL, "\"%s\" is not an ISO 8601 timestamp: \"%.*s\"", field,
		            len > 40 ? 40 : (int)len, (const char *)s);
	*out = t;
	return 1;
}

static int wrong_type(struct psirt_feed_parser *p, enum key k, const char *want)
{
	return fail(p, PSIRT_EINVAL, "\"%s\" must be %s", key_names[k], want);
}

/* A string value: stored where its (state, key) says. */
static int on_string_value(struct psirt_feed_parser *p, const unsigned char *s, size_t len)
{
	struct nvd *n = NVD(p);
	struct frame *f = top(n);
	struct psirt_vuln_str *tag;

	switch (f->st) {
	case ST_ROOT:
	case ST_CVE:
		switch (f->key) {
		case K_ID:
			if (f->st == ST_ROOT)
				n->root_is_cve = 1;
			return typed_string(p, s, len, &n->rec.id, 0);
		case K_SOURCE_IDENTIFIER:
			return typed_string(p, s, len, &n->rec.assigner, 0);
		case K_PUBLISHED:
			return timestamp(p, s, len, &n->rec.published, "published");
		case K_LAST_MODIFIED:
			if (f->st == ST_ROOT)
				n->root_is_cve = 1;
			return timestamp(p, s, len, &n->rec.modified, "lastModified");
		case K_VULN_STATUS:
			/* "Rejected": the CVE was withdrawn (NVD API 2.0 docs,
			 * vulnStatus) */
			if (len == 8 && !memcmp(s, "Rejected", 8))
				n->rec.withdrawn = 1;
			return typed_string(p, s, len, &n->rec.status, 0);
		case K_DESCRIPTIONS:
		case K_WEAKNESSES:
		case K_CONFIGURATIONS:
		case K_REFERENCES:
		case K_VULNERABILITIES:
			return wrong_type(p, (enum key)f->key, "an array");
		case K_METRICS:
		case K_CVE:
			return wrong_type(p, (enum key)f->key, "an object");
		default:
			return 1;
		}
	case ST_DESC:
		if (f->key == K_LANG)
			return typed_string(p, s, len, &n->text->lang, 0);
		if (f->key == K_VALUE)
			return typed_string(p, s, len, &n->text->value, 0);
		return 1;
	case ST_METRIC:
		if (f->key == K_SOURCE)
			return typed_string(p, s, len, &n->score->source, 0);
		if (f->key == K_TYPE)
			return typed_string(p, s, len, &n->score->type, 0);
		if (f->key == K_BASE_SEVERITY) /* CVSS v2 keeps it outside cvssData */
			return typed_string(p, s, len, &n->metric_severity, 0);
		if (f->key == K_CVSS_DATA)
			return wrong_type(p, K_CVSS_DATA, "an object");
		return 1;
	case ST_CVSS_DATA:
		if (f->key == K_VERSION)
			return typed_string(p, s, len, &n->score->version, 0);
		if (f->key == K_VECTOR_STRING)
			return typed_string(p, s, len, &n->score->vector, 0);
		if (f->key == K_BASE_SEVERITY)
			return typed_string(p, s, len, &n->score->severity, 0);
		if (f->key == K_BASE_SCORE)
			return wrong_type(p, K_BASE_SCORE, "a number");
		return 1;
	case ST_WEAK:
		if (f->key == K_SOURCE)
			return typed_string(p, s, len, &n->weak_source, 0);
		if (f->key == K_TYPE)
			return typed_string(p, s, len, &n->weak_type, 0);
		return 1;
	case ST_WEAK_DESC:
		if (f->key == K_VALUE)
			return typed_string(p, s, len, &n->weak->cwe, 0);
		return 1;
	case ST_CONFIG:
	case ST_NODE:
		if (f->key == K_OPERATOR) {
			enum psirt_vuln_op op;

			if (len == 3 && !memcmp(s, "AND", 3))
				op = PSIRT_VULN_OP_AND;
			else if (len == 2 && !memcmp(s, "OR", 2))
				op = PSIRT_VULN_OP_OR;
			else
				return fail(p, PSIRT_EINVAL, "\"operator\" must be \"AND\" or \"OR\"");
			if (f->st == ST_CONFIG) {
				n->config->op = op;
			} else {
				n->node->op = op;
				n->has_operator = 1;
			}
			return 1;
		}
		if (f->key == K_NEGATE)
			return wrong_type(p, K_NEGATE, "true or false");
		return 1;
	case ST_MATCH:
		switch (f->key) {
		case K_CRITERIA:
			return typed_string(p, s, len, &n->match->criteria, 0);
		case K_MATCH_CRITERIA_ID:
			return typed_string(p, s, len, &n->match->match_criteria_id, 0);
		case K_VSI:
			return typed_string(p, s, len, &n->match->version_start_including, 1);
		case K_VSE:
			return typed_string(p, s, len, &n->match->version_start_excluding, 1);
		case K_VEI:
			return typed_string(p, s, len, &n->match->version_end_including, 1);
		case K_VEE:
			return typed_string(p, s, len, &n->match->version_end_excluding, 1);
		case K_VULNERABLE:
			return wrong_type(p, K_VULNERABLE, "true or false");
		default:
			return 1;
		}
	case ST_REF:
		if (f->key == K_URL)
			return typed_string(p, s, len, &n->ref->url, 0);
		if (f->key == K_SOURCE)
			return typed_string(p, s, len, &n->ref->source, 0);
		return 1;
	case ST_TAGS:
		tag = item(p, sizeof *tag);
		if (!tag)
			return 0;
		if (!typed_string(p, s, len, &tag->value, 0))
			return 0;
		APPEND(n->tag_tail, tag);
		return 1;
	case ST_VULNS:
	case ST_DESCS:
	case ST_METRIC_LIST:
	case ST_WEAKS:
	case ST_WEAK_DESCS:
	case ST_CONFIGS:
	case ST_NODES:
	case ST_MATCHES:
	case ST_REFS:
		return fail(p, PSIRT_EINVAL, "an array of objects holds a string");
	default:
		return 1;
	}
}

/* Numbers, booleans and null: only a few known fields take them. */
/* The paging numbers of an API answer, for the sync to know how many
 * pages follow (NVD CVE API 2.0 docs: startIndex, resultsPerPage,
 * totalResults). */
static int page_number(struct psirt_feed_parser *p, enum key k, int is_number, const char *num,
                       size_t len)
{
	unsigned long long v;
	long long *to = k == K_START_INDEX        ? &p->page.start_index
	                : k == K_RESULTS_PER_PAGE ? &p->page.results_per_page
	                                          : &p->page.total_results;

	if (!is_number || psirt_str_to_u64(psirt_str_make(num, len), INT64_MAX, &v))
		return wrong_type(p, k, "a whole number");
	*to = (long long)v;
	return 1;
}

static int on_other_value(struct psirt_feed_parser *p, int kind, int boolean, const char *num,
                          size_t len)
{
	struct nvd *n = NVD(p);
	struct frame *f = top(n);
	enum { V_NULL, V_BOOL, V_NUMBER };

	if (kind == V_NULL)
		return 1; /* a null member counts as absent */
	switch (f->st) {
	case ST_CVSS_DATA:
		if (f->key == K_BASE_SCORE) {
			if (kind != V_NUMBER)
				return wrong_type(p, K_BASE_SCORE, "a number");
			if (feed__number(num, len, &n->score->base_score))
				return fail(p, PSIRT_EINVAL, "bad number");
			n->score->has_base_score = 1;
		}
		return 1;
	case ST_CONFIG:
	case ST_NODE:
		if (f->key == K_NEGATE) {
			if (kind != V_BOOL)
				return wrong_type(p, K_NEGATE, "true or false");
			if (f->st == ST_CONFIG)
				n->config->negate = boolean;
			else
				n->node->negate = boolean;
		} else if (f->key == K_OPERATOR) {
			return wrong_type(p, K_OPERATOR, "a string");
		}
		return 1;
	case ST_MATCH:
		if (f->key == K_VULNERABLE) {
			if (kind != V_BOOL)
				return wrong_type(p, K_VULNERABLE, "true or false");
			n->match->vulnerable = boolean;
			n->has_vulnerable = 1;
			return 1;
		}
		if (f->key != K_NONE)
			return wrong_type(p, (enum key)f->key, "a string");
		return 1;
	case ST_ROOT:
	case ST_CVE:
		switch (f->key) {
		case K_ID:
		case K_SOURCE_IDENTIFIER:
		case K_PUBLISHED:
		case K_LAST_MODIFIED:
		case K_VULN_STATUS:
			return wrong_type(p, (enum key)f->key, "a string");
		case K_DESCRIPTIONS:
		case K_WEAKNESSES:
		case K_CONFIGURATIONS:
		case K_REFERENCES:
		case K_VULNERABILITIES:
			return wrong_type(p, (enum key)f->key, "an array");
		case K_METRICS:
		case K_CVE:
			return wrong_type(p, (enum key)f->key, "an object");
		case K_START_INDEX:
		case K_RESULTS_PER_PAGE:
		case K_TOTAL_RESULTS:
			return f->st == ST_ROOT ? page_number(p, (enum key)f->key, kind == V_NUMBER,
			                                      num, len)
			                        : 1;
		default:
			return 1;
		}
	case ST_DESC:
	case ST_WEAK_DESC:
	case ST_REF:
		if (f->key != K_NONE)
			return wrong_type(p, (enum key)f->key, "a string");
		return 1;
	case ST_VULNS:
	case ST_DESCS:
	case ST_METRIC_LIST:
	case ST_WEAKS:
	case ST_WEAK_DESCS:
	case ST_CONFIGS:
	case ST_NODES:
	case ST_MATCHES:
	case ST_REFS:
		return fail(p, PSIRT_EINVAL, "an array of objects holds a scalar");
	case ST_TAGS:
		return fail(p, PSIRT_EINVAL, "\"tags\" must hold strings");
	default:
		return 1;
	}
}

static int capture_scalar(struct nvd *n, int kind, int boolean, const unsigned char *s,
                          size_t len)
{
	yajl_gen gens[2] = { n->in_metric ? n->mgen : NULL, in_extra(n) ? n->xgen : NULL };
	int i;

	for (i = 0; i < 2; i++) {
		if (!gens[i])
			continue;
		if (kind == 0)
			yajl_gen_null(gens[i]);
		else if (kind == 1)
			yajl_gen_bool(gens[i], boolean);
		else if (kind == 2)
			yajl_gen_number(gens[i], (const char *)s, len);
		else
			yajl_gen_string(gens[i], s, len);
	}
	return 1;
}

static int cb_null(void *ctx)
{
	struct psirt_feed_parser *p = ctx;
	struct nvd *n = NVD(p);

	feed__json_event(&n->json);
	if (!n->depth)
		return fail(p, PSIRT_EINVAL, "not an NVD CVE API 2.0 document (no object)");
	capture_scalar(n, 0, 0, NULL, 0);
	return on_other_value(p, 0, 0, NULL, 0);
}

static int cb_boolean(void *ctx, int b)
{
	struct psirt_feed_parser *p = ctx;
	struct nvd *n = NVD(p);

	feed__json_event(&n->json);
	if (!n->depth)
		return fail(p, PSIRT_EINVAL, "not an NVD CVE API 2.0 document (no object)");
	capture_scalar(n, 1, b, NULL, 0);
	return on_other_value(p, 1, b, NULL, 0);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	struct psirt_feed_parser *p = ctx;
	struct nvd *n = NVD(p);

	feed__json_event(&n->json);
	if (!n->depth)
		return fail(p, PSIRT_EINVAL, "not an NVD CVE API 2.0 document (no object)");
	capture_scalar(n, 2, 0, (const unsigned char *)s, len);
	return on_other_value(p, 2, 0, s, len);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct psirt_feed_parser *p = ctx;
	struct nvd *n = NVD(p);

	feed__json_event(&n->json);
	if (!n->depth)
		return fail(p, PSIRT_EINVAL, "not an NVD CVE API 2.0 document (no object)");
	capture_scalar(n, 3, 0, s, len);
	return on_string_value(p, s, len);
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct psirt_feed_parser *p = ctx;
	struct nvd *n = NVD(p);
	struct frame *f = top(n);
	const uint8_t *keys;

	feed__json_event(&n->json);
	if (n->in_metric)
		yajl_gen_string(n->mgen, s, len);
	if (f->st == ST_EXTRA) {
		yajl_gen_string(n->xgen, s, len);
		return 1;
	}
	if (f->st == ST_METRICS) {
		/* any key names a kind of metric block: "cvssMetricV31" */
		n->metric_kind = feed__strdup(&n->arena, (const char *)s, len);
		f->key = K_NONE;
		return n->metric_kind ? 1 : nomem(p);
	}
	keys = keys_of((enum state)f->st);
	f->key = keys && len ? (uint8_t)lookup(keys, s, len) : K_NONE;
	if (f->st == ST_ROOT && f->key == K_NONE)
		f->key = (uint8_t)lookup(root_keys, s, len);
	if (f->key == K_NONE && (f->st == ST_CVE || f->st == ST_ROOT)) {
		/* an unknown CVE member (cveTags, cisaExploitAdd…): kept */
		if (!n->xopen) {
			yajl_gen_map_open(n->xgen);
			n->xopen = 1;
		}
		yajl_gen_string(n->xgen, s, len);
		f->key = K_EXTRA;
	}
	return 1;
}

/* The state of a new object or array opened in frame f (NULL: the root). */
static enum state child_state(struct psirt_feed_parser *p, struct frame *f, int is_map)
{
	if (!f)
		return ST_ROOT;
	switch (f->st) {
	case ST_ROOT:
	case ST_CVE:
		switch (f->key) {
		case K_VULNERABILITIES:
			return f->st == ST_ROOT && !is_map ? ST_VULNS : ST_SKIP;
		case K_CVE:
			return f->st == ST_ROOT && is_map ? ST_CVE : ST_SKIP;
		case K_DESCRIPTIONS:
			return is_map ? ST_SKIP : ST_DESCS;
		case K_METRICS:
			return is_map ? ST_METRICS : ST_SKIP;
		case K_WEAKNESSES:
			return is_map ? ST_SKIP : ST_WEAKS;
		case K_CONFIGURATIONS:
			return is_map ? ST_SKIP : ST_CONFIGS;
		case K_REFERENCES:
			return is_map ? ST_SKIP : ST_REFS;
		case K_EXTRA:
			return ST_EXTRA;
		default:
			return ST_SKIP;
		}
	case ST_VULNS:
		return is_map ? ST_ITEM : ST_SKIP;
	case ST_ITEM:
		return f->key == K_CVE && is_map ? ST_CVE : ST_SKIP;
	case ST_DESCS:
		return is_map ? ST_DESC : ST_SKIP;
	case ST_METRICS:
		return is_map ? ST_SKIP : ST_METRIC_LIST;
	case ST_METRIC_LIST:
		return is_map ? ST_METRIC : ST_SKIP;
	case ST_METRIC:
		return f->key == K_CVSS_DATA && is_map ? ST_CVSS_DATA : ST_SKIP;
	case ST_WEAKS:
		return is_map ? ST_WEAK : ST_SKIP;
	case ST_WEAK:
		return f->key == K_DESCRIPTION && !is_map ? ST_WEAK_DESCS : ST_SKIP;
	case ST_WEAK_DESCS:
		return is_map ? ST_WEAK_DESC : ST_SKIP;
	case ST_CONFIGS:
		return is_map ? ST_CONFIG : ST_SKIP;
	case ST_CONFIG:
		return f->key == K_NODES && !is_map ? ST_NODES : ST_SKIP;
	case ST_NODES:
		return is_map ? ST_NODE : ST_SKIP;
	case ST_NODE:
		return f->key == K_CPE_MATCH && !is_map ? ST_MATCHES : ST_SKIP;
	case ST_MATCHES:
		return is_map ? ST_MATCH : ST_SKIP;
	case ST_REFS:
		return is_map ? ST_REF : ST_SKIP;
	case ST_REF:
		return f->key == K_TAGS && !is_map ? ST_TAGS : ST_SKIP;
	case ST_EXTRA:
		return ST_EXTRA;
	default:
		return ST_SKIP;
	}
}

/* A known member with a container of the wrong kind is an error; unknown
 * ones were skipped above. */
static int check_container(struct psirt_feed_parser *p, struct frame *f, enum state st,
                           int is_map)
{
	static const struct {
		uint8_t parent, key, map; /* map: 1 wants an object, 0 an array */
	} want[] = {
		{ ST_ROOT, K_VULNERABILITIES, 0 }, { ST_ROOT, K_CVE, 1 },
		{ ST_ROOT, K_DESCRIPTIONS, 0 },    { ST_ROOT, K_METRICS, 1 },
		{ ST_ROOT, K_WEAKNESSES, 0 },      { ST_ROOT, K_CONFIGURATIONS, 0 },
		{ ST_ROOT, K_REFERENCES, 0 },      { ST_CVE, K_DESCRIPTIONS, 0 },
		{ ST_CVE, K_METRICS, 1 },          { ST_CVE, K_WEAKNESSES, 0 },
		{ ST_CVE, K_CONFIGURATIONS, 0 },   { ST_CVE, K_REFERENCES, 0 },
		{ ST_ITEM, K_CVE, 1 },             { ST_METRIC, K_CVSS_DATA, 1 },
		{ ST_WEAK, K_DESCRIPTION, 0 },     { ST_CONFIG, K_NODES, 0 },
		{ ST_NODE, K_CPE_MATCH, 0 },       { ST_REF, K_TAGS, 0 },
	};
	size_t i;

	if (!f || st != ST_SKIP)
		return 1;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (want[i].parent == f->st && want[i].key == f->key && want[i].map != is_map)
			return wrong_type(p, (enum key)f->key, want[i].map ? "an object" : "an array");
	}
	if (f->st == ST_VULNS || f->st == ST_DESCS || f->st == ST_METRIC_LIST ||
	    f->st == ST_WEAKS || f->st == ST_WEAK_DESCS || f->st == ST_CONFIGS ||
	    f->st == ST_NODES || f->st == ST_MATCHES || f->st == ST_REFS)
		return fail(p, PSIRT_EINVAL, "an array of objects holds an array");
	if (f->st == ST_TAGS)
		return fail(p, PSIRT_EINVAL, "\"tags\" must hold strings");
	return 1;
}

/* Sets up the item a new object stands for. */
static int enter(struct psirt_feed_parser *p, enum state st)
{
	struct nvd *n = NVD(p);

	switch (st) {
	case ST_ROOT:
		begin_record(p, 0);
		return 1;
	case ST_CVE:
		begin_record(p, 1);
		n->item_has_cve = 1;
		if (n->depth == 1)
			n->root_is_page = 1;
		return 1;
	case ST_ITEM:
		n->item_has_cve = 0;
		return 1;
	case ST_DESC:
		n->text = item(p, sizeof *n->text);
		if (!n->text)
			return 0;
		APPEND(n->desc_tail, n->text);
		return 1;
	case ST_METRIC:
		n->score = item(p, sizeof *n->score);
		if (!n->score)
			return 0;
		n->score->kind = n->metric_kind;
		n->metric_severity = NULL;
		APPEND(n->score_tail, n->score);
		yajl_gen_clear(n->mgen);
		yajl_gen_reset(n->mgen, NULL);
		n->in_metric = 1;
		return 1;
	case ST_WEAK:
		n->weak_group = n->weak_tail;
		n->weak_source = n->weak_type = NULL;
		return 1;
	case ST_WEAK_DESC:
		n->weak = item(p, sizeof *n->weak);
		if (!n->weak)
			return 0;
		APPEND(n->weak_tail, n->weak);
		return 1;
	case ST_CONFIG:
		n->config = item(p, sizeof *n->config);
		if (!n->config)
			return 0;
		n->node_tail = &n->config->nodes;
		APPEND(n->config_tail, n->config);
		return 1;
	case ST_NODE:
		n->node = item(p, sizeof *n->node);
		if (!n->node)
			return 0;
		n->has_operator = 0;
		n->match_tail = &n->node->matches;
		APPEND(n->node_tail, n->node);
		return 1;
	case ST_MATCH:
		n->match = item(p, sizeof *n->match);
		if (!n->match)
			return 0;
		n->has_vulnerable = 0;
		APPEND(n->match_tail, n->match);
		return 1;
	case ST_REF:
		n->ref = item(p, sizeof *n->ref);
		if (!n->ref)
			return 0;
		n->tag_tail = &n->ref->tags;
		APPEND(n->ref_tail, n->ref);
		return 1;
	default:
		return 1;
	}
}

static int open_container(struct psirt_feed_parser *p, int is_map)
{
	struct nvd *n = NVD(p);
	struct frame *f = n->depth ? top(n) : NULL;
	enum state st;

	feed__json_event(&n->json);
	if (!f && !is_map)
		return fail(p, PSIRT_EINVAL, "not an NVD CVE API 2.0 document (an array, not an object)");
	if (n->depth >= PSIRT_FEED_MAX_DEPTH)
		return fail(p, PSIRT_ETOOBIG, "nesting deeper than %d levels", PSIRT_FEED_MAX_DEPTH);
	st = child_state(p, f, is_map);
	if (!check_container(p, f, st, is_map))
		return 0;
	if (st == ST_CVE && f && f->st == ST_ROOT)
		n->root_is_page = 1;
	if (st == ST_VULNS)
		n->root_is_page = 1;
	if (!enter(p, st))
		return 0;
	if (n->in_metric)
		is_map ? yajl_gen_map_open(n->mgen) : yajl_gen_array_open(n->mgen);
	if (st == ST_EXTRA)
		is_map ? yajl_gen_map_open(n->xgen) : yajl_gen_array_open(n->xgen);
	n->stack[n->depth].st = (uint8_t)st;
	n->stack[n->depth].key = K_NONE;
	n->depth++;
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

/* Completes the item an object stood for. */
static int leave(struct psirt_feed_parser *p, enum state st)
{
	struct nvd *n = NVD(p);
	struct psirt_vuln_weakness *w;

	switch (st) {
	case ST_ROOT:
		if (n->root_is_cve && !n->root_is_page)
			return finish_record(p);
		if (!n->root_is_page)
			return fail(p, PSIRT_EINVAL, "not an NVD CVE API 2.0 document"
			                             " (no \"vulnerabilities\", \"cve\" or \"id\")");
		return 1;
	case ST_CVE:
		return finish_record(p);
	case ST_ITEM:
		if (!n->item_has_cve)
			return fail(p, PSIRT_EINVAL, "vulnerabilities[] item without a \"cve\" object");
		return 1;
	case ST_DESC:
		if (!n->text->lang || !n->text->value)
			return fail(p, PSIRT_EINVAL, "description without \"%s\"",
			            n->text->lang ? "value" : "lang");
		return 1;
	case ST_METRIC:
		if (!n->score->severity)
			n->score->severity = n->metric_severity;
		n->score->json = feed__gen_take(n->mgen, &n->arena);
		n->in_metric = 0;
		return n->score->json ? 1 : nomem(p);
	case ST_WEAK_DESC:
		if (!n->weak->cwe)
			return fail(p, PSIRT_EINVAL, "weakness description without \"value\"");
		return 1;
	case ST_WEAK:
		for (w = *n->weak_group; w; w = w->next) {
			w->source = n->weak_source;
			w->type = n->weak_type;
		}
		return 1;
	case ST_NODE:
		if (!n->has_operator)
			return fail(p, PSIRT_EINVAL, "configuration node without \"operator\"");
		return 1;
	case ST_MATCH:
		if (!n->match->criteria)
			return fail(p, PSIRT_EINVAL, "cpeMatch without \"criteria\"");
		if (!n->has_vulnerable)
			return fail(p, PSIRT_EINVAL, "cpeMatch without \"vulnerable\"");
		if (feed__cpe_split(&n->arena, n->match->criteria, n->match))
			return nomem(p);
		return 1;
	case ST_REF:
		if (!n->ref->url)
			return fail(p, PSIRT_EINVAL, "reference without \"url\"");
		return 1;
	default:
		return 1;
	}
}

static int close_container(struct psirt_feed_parser *p, int is_map)
{
	struct nvd *n = NVD(p);
	enum state st;

	feed__json_event(&n->json);
	st = (enum state)top(n)->st;
	n->depth--;
	if (n->in_metric)
		is_map ? yajl_gen_map_close(n->mgen) : yajl_gen_array_close(n->mgen);
	if (st == ST_EXTRA)
		is_map ? yajl_gen_map_close(n->xgen) : yajl_gen_array_close(n->xgen);
	return leave(p, st);
}

static int cb_end_map(void *ctx)
{
	return close_container(ctx, 1);
}

static int cb_end_array(void *ctx)
{
	return close_container(ctx, 0);
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end_map,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end_array,
};

static enum psirt_err nvd_init(struct psirt_feed_parser *p)
{
	struct nvd *n = NVD(p);

	psirt_arena_init(&n->arena, 0);
	n->mgen = feed__gen_new();
	n->xgen = feed__gen_new();
	if (!n->mgen || !n->xgen)
		return PSIRT_ENOMEM;
	return feed__json_init(&n->json, &callbacks, p);
}

static size_t gen_len(yajl_gen g)
{
	const unsigned char *buf;
	size_t len = 0;

	yajl_gen_get_buf(g, &buf, &len);
	return len;
}

static enum psirt_err nvd_push(struct psirt_feed_parser *p, const unsigned char *data, size_t len)
{
	struct nvd *n = NVD(p);
	enum psirt_err err = feed__json_push(p, &n->json, data, len, where);

	/* captured JSON is part of the record's memory */
	if (!err && n->arena.total + gen_len(n->mgen) + gen_len(n->xgen) > PSIRT_FEED_MAX_RECORD)
		err = feed__fail(p, PSIRT_ETOOBIG, (long long)n->json.base, where(p),
		                 "record larger than %d bytes", PSIRT_FEED_MAX_RECORD);
	return err;
}

static enum psirt_err nvd_finish(struct psirt_feed_parser *p)
{
	struct nvd *n = NVD(p);
	if (!n->json.started)
		return feed__fail(p, PSIRT_EINVAL, 0, NULL, "empty document");
	return feed__json_finish(p, &n->json, where);
}

static void nvd_release(struct psirt_feed_parser *p)
{
	struct nvd *n = NVD(p);

	feed__json_release(&n->json);
	if (n->mgen)
		yajl_gen_free(n->mgen);
	if (n->xgen)
		yajl_gen_free(n->xgen);
	psirt_arena_release(&n->arena);
}

const struct feed__format feed__nvd = {
	.kind = PSIRT_FEED_NVD,
	.name = "nvd",
	.state_size = sizeof(struct nvd),
	.init = nvd_init,
	.push = nvd_push,
	.finish = nvd_finish,
	.release = nvd_release,
};
