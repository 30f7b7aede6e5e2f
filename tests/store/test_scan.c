/* Tests of psirt_store_scan: the streams the matcher builds its index from
 * carry every row, in key order, and agree with the merged view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/store.h"
#include "support/store_support.h"
#include "support/support.h"

struct seen {
	unsigned long records, withdrawn, configs, nodes, matches, packages;
	long long last[4]; /* key of the previous row of the current stream */
	int stream;
	int out_of_order;
	char ids[64][32];
	long long keys[64];
	unsigned long per_record_matches[64];
	struct psirt_buf pkgs; /* a digest of every package */
	int fail_at;           /* make the n-th match callback fail; 0: never */
};

/* Checks that keys rise strictly within one stream. */
static void order(struct seen *s, int stream, const long long *k, int n)
{
	int i;

	if (s->stream != stream) {
		s->stream = stream;
		memset(s->last, 0xff, sizeof s->last); /* -1: below every key */
		s->last[0] = -1;
	}
	for (i = 0; i < n; i++) {
		if (k[i] != s->last[i]) {
			if (k[i] < s->last[i])
				s->out_of_order = 1;
			break;
		}
	}
	if (i == n)
		s->out_of_order = 1; /* a repeated key */
	memcpy(s->last, k, sizeof *k * (size_t)n);
}

static enum psirt_err on_record(void *ctx, const struct psirt_store_scan_record *r,
                                struct psirt_diag *d)
{
	struct seen *s = ctx;
	long long k[1] = { r->key };

	(void)d;
	order(s, 0, k, 1);
	if (s->records < 64) {
		snprintf(s->ids[s->records], sizeof s->ids[0], "%s", r->id);
		s->keys[s->records] = r->key;
	}
	s->records++;
	s->withdrawn += !!r->withdrawn;
	assert_int_equal(r->source, PSIRT_VULN_SRC_NVD);
	assert_non_null(r->vuln);
	return PSIRT_OK;
}

static enum psirt_err on_config(void *ctx, const struct psirt_store_scan_config *c,
                                struct psirt_diag *d)
{
	struct seen *s = ctx;
	long long k[2] = { c->record, c->seq };

	(void)d;
	order(s, 1, k, 2);
	s->configs++;
	return PSIRT_OK;
}

static enum psirt_err on_node(void *ctx, const struct psirt_store_scan_node *n,
                              struct psirt_diag *d)
{
	struct seen *s = ctx;
	long long k[3] = { n->record, n->config_seq, n->seq };

	(void)d;
	order(s, 2, k, 3);
	assert_true(n->op == PSIRT_VULN_OP_AND || n->op == PSIRT_VULN_OP_OR);
	s->nodes++;
	return PSIRT_OK;
}

static enum psirt_err on_match(void *ctx, const struct psirt_store_scan_match *m,
                               struct psirt_diag *d)
{
	struct seen *s = ctx;
	long long k[4] = { m->record, m->config_seq, m->node_seq, m->seq };
	unsigned long i;

	order(s, 3, k, 4);
	s->matches++;
	if (s->fail_at && s->matches == (unsigned long)s->fail_at)
		return psirt_diag_set(d, PSIRT_EINVAL, "stop here");
	assert_non_null(m->m->criteria);
	for (i = 0; i < s->records && i < 64; i++) {
		if (s->keys[i] == m->record)
			s->per_record_matches[i]++;
	}
	return PSIRT_OK;
}

static enum psirt_err on_package(void *ctx, const struct psirt_store_scan_package *p,
                                 struct psirt_diag *d)
{
	struct seen *s = ctx;
	const struct psirt_vuln_range *r;
	const struct psirt_vuln_event *e;
	const struct psirt_vuln_str *v;

	(void)d;
	s->packages++;
	psirt_buf_addf(&s->pkgs, "%d %s/%s %s:", p->seq, p->p->ecosystem, p->p->name,
	               p->p->purl ? p->p->purl : "-");
	for (r = p->p->ranges; r; r = r->next) {
		psirt_buf_addf(&s->pkgs, " [%s", r->type);
		for (e = r->events; e; e = e->next)
			psirt_buf_addf(&s->pkgs, " %s=%s", e->kind, e->value);
		psirt_buf_adds(&s->pkgs, "]");
	}
	for (v = p->p->versions; v; v = v->next)
		psirt_buf_addf(&s->pkgs, " v=%s", v->value);
	psirt_buf_adds(&s->pkgs, "\n");
	return PSIRT_OK;
}

static unsigned long view_matches(struct psirt_store *st, const char *id, unsigned long *configs)
{
	struct psirt_vuln_view *v;
	const struct psirt_vuln_config *c;
	const struct psirt_vuln_node *n;
	const struct psirt_vuln_cpe_match *m;
	unsigned long count = 0;

	assert_int_equal(psirt_store_vuln_get(st, id, &v, NULL), PSIRT_OK);
	*configs = 0;
	for (c = v->records[0].configs; c; c = c->next, (*configs)++) {
		for (n = c->nodes; n; n = n->next) {
			for (m = n->matches; m; m = m->next)
				count++;
		}
	}
	psirt_vuln_view_free(v);
	return count;
}

/* Every configuration row of real NVD records, in key order, as many per
 * record as the merged view shows. */
static void test_scan_nvd(void **state)
{
	struct psirt_store *st = tss_store();
	struct seen s;
	struct psirt_store_scan_sink sink = { on_record, on_config, on_node, on_match, NULL, &s };
	unsigned long i, total = 0, configs, all_configs = 0;
	struct psirt_feed_stats fs = { 0 };

	(void)state;
	memset(&s, 0, sizeof s);
	s.stream = -1;
	assert_int_equal(tss_import(st, PSIRT_FEED_NVD, "nvd/nvd-cves-iot.json", &fs, NULL),
	                 PSIRT_OK);
	assert_int_equal(tss_import(st, PSIRT_FEED_NVD, "nvd/rejected/CVE-2021-29633.json", &fs,
	                            NULL),
	                 PSIRT_OK);
	assert_int_equal(psirt_store_scan(st, &sink, NULL), PSIRT_OK);
	assert_int_equal(s.records, 14);
	assert_int_equal(s.withdrawn, 1);
	assert_false(s.out_of_order);
	for (i = 0; i < s.records; i++) {
		unsigned long want = view_matches(st, s.ids[i], &configs);

		assert_int_equal(s.per_record_matches[i], want);
		total += want;
		all_configs += configs;
	}
	assert_int_equal(s.matches, total);
	assert_int_equal(s.configs, all_configs);
	assert_true(s.nodes >= s.configs);

	/* a callback's error stops the scan and comes back */
	{
		struct psirt_diag d = PSIRT_DIAG_INIT;
		unsigned long before = s.matches;

		memset(&s, 0, sizeof s);
		s.stream = -1;
		s.fail_at = 3;
		assert_int_equal(psirt_store_scan(st, &sink, &d), PSIRT_EINVAL);
		assert_string_equal(d.message, "stop here");
		assert_int_equal(s.matches, 3);
		assert_true(before > 3);
		psirt_diag_release(&d);
	}
	psirt_store_close(st);
}

/* Packages come whole: ranges with their events, versions, in order. */
static void test_scan_packages(void **state)
{
	struct psirt_store *st = tss_store();
	struct psirt_vuln_event e2 = { NULL, "fixed", "1.2.3" }, e1 = { &e2, "introduced", "0" };
	struct psirt_vuln_event g1 = { NULL, "introduced", "abc123" };
	struct psirt_vuln_range r2 = { NULL, "GIT", "https://example.com/x.git", &g1, NULL };
	struct psirt_vuln_range r1 = { &r2, "ECOSYSTEM", NULL, &e1, NULL };
	struct psirt_vuln_str v2 = { NULL, "1.0" }, v1 = { &v2, "0.9" };
	struct psirt_vuln_package p2 = { .ecosystem = "npm", .name = "other" };
	struct psirt_vuln_package p1 = { .next = &p2, .ecosystem = "PyPI", .name = "demo",
	                                 .purl = "pkg:pypi/demo", .ranges = &r1, .versions = &v1 };
	struct psirt_vuln_record rec;
	enum psirt_store_outcome out;
	struct seen s;
	struct psirt_store_scan_sink sink = { NULL, NULL, NULL, NULL, on_package, &s };

	(void)state;
	memset(&rec, 0, sizeof rec);
	memset(&s, 0, sizeof s);
	psirt_buf_init(&s.pkgs, 0);
	rec.source = PSIRT_VULN_SRC_OSV;
	rec.id = "PYSEC-0000-1";
	rec.modified = "2024-01-01T00:00:00.000Z";
	rec.packages = &p1;
	assert_int_equal(psirt_store_vuln_upsert(st, &rec, &out, NULL), PSIRT_OK);
	rec.id = "PYSEC-0000-2";
	rec.packages = &p2;
	assert_int_equal(psirt_store_vuln_upsert(st, &rec, &out, NULL), PSIRT_OK);
	assert_int_equal(psirt_store_scan(st, &sink, NULL), PSIRT_OK);
	assert_int_equal(s.packages, 3);
	assert_string_equal(s.pkgs.p,
	                    "0 PyPI/demo pkg:pypi/demo: [ECOSYSTEM introduced=0 fixed=1.2.3]"
	                    " [GIT introduced=abc123] v=0.9 v=1.0\n"
	                    "1 npm/other -:\n"
	                    "0 npm/other -:\n");
	psirt_buf_release(&s.pkgs);
	psirt_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_nvd),
		cmocka_unit_test(test_scan_packages),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
