/* CISA KEV importer: the real catalog (a subset), ordering between
 * catalogs, bad files, and the merged view with NVD. */
#include <stdlib.h>
#include <string.h>

#include "psirt/feed.h"
#include "support/store_support.h"
#include "support/support.h"

struct seen {
	unsigned long n;
	char *log4j; /* digest of CVE-2021-44228's entry */
	char *version, *date;
};

static enum psirt_err on_kev(void *ctx, const struct psirt_kev_entry *e, struct psirt_diag *d)
{
	struct seen *s = ctx;
	struct psirt_buf b = PSIRT_BUF_INIT;
	const struct psirt_vuln_str *c;

	s->n++;
	if (strcmp(e->cve, "CVE-2021-44228"))
		return PSIRT_OK;
	psirt_buf_addf(&b, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|", e->cve, e->vendor_project,
	               e->product, e->name, e->date_added, e->short_description, e->required_action,
	               e->due_date, e->ransomware, e->notes, e->catalog_version, e->catalog_date);
	for (c = e->cwes; c; c = c->next)
		psirt_buf_addf(&b, "%s,", c->value);
	free(s->log4j);
	s->log4j = psirt_buf_detach(&b, NULL);
	return PSIRT_OK;
}

static void on_header(void *ctx, const char *version, const char *date)
{
	struct seen *s = ctx;

	s->version = version ? strdup(version) : NULL;
	s->date = date ? strdup(date) : NULL;
}

static void test_parse(void **state)
{
	struct seen s = { 0 };
	struct psirt_feed_sink sink = { NULL, on_kev, NULL, &s, on_header };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t len, i;
	char *data = ts_read_file("kev/kev-subset.json", &len);
	static const size_t chunks[] = { 0, 1, 3, 1000 };

	for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		struct psirt_feed_parser *p;
		size_t off = 0, step = chunks[i] ? chunks[i] : len;

		s.n = 0;
		free(s.version);
		free(s.date);
		assert_int_equal(psirt_feed_parser_new(PSIRT_FEED_KEV, &sink, NULL, &p, &d), PSIRT_OK);
		for (; off < len; off += step)
			assert_int_equal(psirt_feed_parser_push(p, data + off,
			                                        len - off < step ? len - off : step, &d),
			                 PSIRT_OK);
		assert_int_equal(psirt_feed_parser_finish(p, &d), PSIRT_OK);
		assert_int_equal(psirt_feed_parser_records(p), 32);
		psirt_feed_parser_free(p);
		assert_int_equal(s.n, 32);
		assert_string_equal(s.version, "2025.08.25");
		assert_string_equal(s.date, "2025-08-25T17:04:19.979Z");
		assert_string_equal(
			s.log4j,
			"CVE-2021-44228|Apache|Log4j2|Apache Log4j2 Remote Code Execution Vulnerability|"
			"2021-12-10|Apache Log4j2 contains a vulnerability where JNDI features do not "
			"protect against attacker-controlled JNDI-related endpoints, allowing for remote "
			"code execution.|For all affected software assets for which updates exist, the "
			"only acceptable remediation actions are: 1) Apply updates; OR 2) remove affected "
			"assets from agency networks. Temporary mitigations using one of the measures "
			"provided at https://www.cisa.gov/uscert/ed-22-02-apache-log4j-recommended-"
			"mitigation-measures are only acceptable until updates are available.|2021-12-24|"
			"Known|https://nvd.nist.gov/vuln/detail/CVE-2021-44228|2025.08.25|"
			"2025-08-25T17:04:19.979Z|CWE-20,CWE-400,CWE-502,");
	}
	free(s.log4j);
	free(s.version);
	free(s.date);
	free(data);
}

static void test_import_and_order(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v;
	struct psirt_store_feed_status *fs;
	char *before, *after;

	assert_int_equal(tss_import(s, PSIRT_FEED_KEV, "kev/kev-subset.json", &st, NULL), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 32);
	before = tss_dump(s);
	memset(&st, 0, sizeof st);
	assert_int_equal(tss_import(s, PSIRT_FEED_KEV, "kev/kev-subset.json", &st, NULL), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 32);
	after = tss_dump(s);
	assert_string_equal(before, after);
	free(after);

	/* an older catalog's changed entry is ignored, the same entry unchanged */
	memset(&st, 0, sizeof st);
	assert_int_equal(tss_import(s, PSIRT_FEED_KEV, "kev/kev-older.json", &st, NULL), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_OLDER], 1);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 1);
	/* a newer catalog: one update, one addition, one unchanged */
	memset(&st, 0, sizeof st);
	assert_int_equal(tss_import(s, PSIRT_FEED_KEV, "kev/kev-newer.json", &st, NULL), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_UPDATED], 1);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 1);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 1);
	assert_int_equal(psirt_store_vuln_get(s, "CVE-2020-5902", &v, &d), PSIRT_OK);
	assert_string_equal(v->kev[0].notes, "HAND-MADE NEWER CATALOG: updated notes.");
	assert_string_equal(v->kev[0].catalog_version, "2025.09.01");
	psirt_vuln_view_free(v);
	assert_int_equal(psirt_store_vuln_get(s, "CVE-2021-44228", &v, &d), PSIRT_OK);
	assert_string_equal(v->kev[0].catalog_version, "2025.08.25");
	assert_non_null(strstr(v->kev[0].short_description, "JNDI"));
	psirt_vuln_view_free(v);

	assert_int_equal(psirt_store_feed_status(s, &fs, &d), PSIRT_OK);
	assert_string_equal(fs->states[4].source, "kev");
	assert_int_equal(fs->states[4].records, 33);
	assert_string_equal(fs->states[4].newest_record, "2025-09-01T12:00:00.000Z");
	/* the newest catalog's version, not the last imported one's */
	assert_string_equal(fs->states[4].detail, "2025.09.01");
	psirt_store_feed_status_free(fs);
	free(before);
	psirt_store_close(s);
}

/* Log4Shell in NVD, KEV and EPSS: one vulnerability, its view has all. */
static void test_merged_view(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v;

	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/nvd-cves-fixtures.json.gz", &st, NULL),
	                 PSIRT_OK);
	assert_int_equal(tss_import(s, PSIRT_FEED_KEV, "kev/kev-subset.json", &st, NULL), PSIRT_OK);
	assert_int_equal(tss_import(s, PSIRT_FEED_EPSS, "epss/handmade", &st, NULL), PSIRT_OK);
	assert_int_equal(psirt_store_vuln_get(s, "CVE-2021-44228", &v, &d), PSIRT_OK);
	assert_int_equal(v->n_records, 1);
	assert_int_equal(v->n_kev, 1);
	assert_string_equal(v->kev[0].date_added, "2021-12-10");
	assert_int_equal(v->n_epss, 1);
	assert_true(v->epss[0].score == 0.94358);
	assert_true(v->epss[0].percentile == 0.99957);
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

static void test_bad_files(void **state)
{
	static const struct {
		const char *file, *line;
	} cases[] = {
		{ "kev/bad/truncated.json",
		  "kev/bad/truncated.json: byte 13970: CVE-2021-28799: invalid JSON: parse error: "
		  "premature EOF" },
		{ "kev/bad/missing-dateadded.json",
		  "kev/bad/missing-dateadded.json: byte 19586: CVE-2021-44228: entry without "
		  "\"dateAdded\"" },
		{ "kev/bad/wrong-type.json",
		  "kev/bad/wrong-type.json: byte 20614: CVE-2021-44228: \"cwes\" must be an array" },
		{ "nvd/nvd-cves-iot.json",
		  "nvd/nvd-cves-iot.json: byte 179: entry 1: entry without \"cveID\"" },
	};
	struct ts_suite suite = { "kev bad files", 0, 0 };
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st0 = { 0 };
	char *before, *after, *line;
	size_t i;

	assert_int_equal(tss_import(s, PSIRT_FEED_KEV, "kev/kev-older.json", &st0, NULL), PSIRT_OK);
	before = tss_dump(s);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_feed_stats st = { 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = tss_import(s, PSIRT_FEED_KEV, cases[i].file, &st, &d);

		line = tss_diag_line(&d);
		after = tss_dump(s);
		ts_case(&suite, err == PSIRT_EINVAL && st.errors == 1, "%s: %s", cases[i].file,
		        psirt_errname(err));
		ts_case(&suite, line && !strcmp(line, cases[i].line), "%s: got '%s'", cases[i].file,
		        line ? line : "");
		ts_case(&suite, !strcmp(before, after), "%s: store changed", cases[i].file);
		free(line);
		free(after);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
	free(before);
	psirt_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_import_and_order),
		cmocka_unit_test(test_merged_view),
		cmocka_unit_test(test_bad_files),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
