/* FIRST EPSS importer: every historical format, ordering by score date,
 * bad files. */
#include <stdlib.h>
#include <string.h>

#include "psirt/feed.h"
#include "support/store_support.h"
#include "support/support.h"

struct rows {
	struct psirt_buf b;
	unsigned long n;
};

static enum psirt_err on_epss(void *ctx, const struct psirt_epss_score *s, struct psirt_diag *d)
{
	struct rows *r = ctx;

	r->n++;
	psirt_buf_addf(&r->b, "%s %.5f ", s->cve, s->score);
	if (s->has_percentile)
		psirt_buf_addf(&r->b, "%.15g", s->percentile); /* 1 ulp may differ from strtod */
	else
		psirt_buf_adds(&r->b, "-");
	psirt_buf_addf(&r->b, " %s %s\n", s->model_version ? s->model_version : "-", s->score_date);
	return PSIRT_OK;
}

/* The format over the years, each file parsed in one push and in 1-byte
 * pushes: the first two rows of each. */
static void test_formats(void **state)
{
	static const struct {
		const char *file, *name, *rows;
	} cases[] = {
		{ "epss/fixtures/vuls-epss_scores-2021-04-14.csv", "vuls-epss_scores-2021-04-14.csv",
		  "CVE-2020-5902 0.65117 - - 2021-04-14T00:00:00.000Z\n"
		  "CVE-2018-19571 0.04773 - - 2021-04-14T00:00:00.000Z\n" },
		{ "epss/fixtures/vuls-epss_scores-2021-09-01.csv", "x/vuls-epss_scores-2021-09-01.csv",
		  "CVE-2020-5902 0.65117 0.998106348570086 - 2021-09-01T00:00:00.000Z\n"
		  "CVE-2018-19571 0.04773 0.871591081869324 - 2021-09-01T00:00:00.000Z\n" },
		{ "epss/fixtures/vuls-epss_scores-2022-02-04.csv", NULL,
		  "CVE-2020-5902 0.96817 0.99999 v2022.01.01 2022-02-04T00:00:00.000Z\n"
		  "CVE-2018-19571 0.17187 0.93112 v2022.01.01 2022-02-04T00:00:00.000Z\n" },
		{ "epss/fixtures/vunnel-example-1.csv", NULL,
		  "CVE-1999-0001 0.00383 0.73075 v2023.03.01 2025-02-20T00:00:00.000Z\n"
		  "CVE-1999-0002 0.01328 0.85996 v2023.03.01 2025-02-20T00:00:00.000Z\n" },
		{ "epss/epss_scores-sample.csv", NULL,
		  "CVE-1999-0001 0.03351 0.88255 v2026.06.15 2026-09-29T12:00:22.000Z\n"
		  "CVE-1999-0002 0.27858 0.98037 v2026.06.15 2026-09-29T12:00:22.000Z\n" },
	};
	struct ts_suite suite = { "epss formats", 0, 0 };
	size_t i, len, off, k;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *data = ts_read_file(cases[i].file, &len);

		for (k = 0; k < 2; k++) {
			struct rows r = { PSIRT_BUF_INIT, 0 };
			struct psirt_feed_sink sink = { NULL, NULL, on_epss, &r, NULL };
			struct psirt_diag d = PSIRT_DIAG_INIT;
			struct psirt_feed_parser *p;
			enum psirt_err err;
			char *nl;

			err = psirt_feed_parser_new(PSIRT_FEED_EPSS, &sink, cases[i].name, &p, &d);
			for (off = 0; !err && off < len; off += k ? 1 : len)
				err = psirt_feed_parser_push(p, data + off, k ? 1 : len, &d);
			if (!err)
				err = psirt_feed_parser_finish(p, &d);
			psirt_feed_parser_free(p);
			/* keep the first two rows */
			nl = strchr(r.b.p, '\n');
			if (nl)
				nl = strchr(nl + 1, '\n');
			if (nl)
				nl[1] = '\0';
			ts_case(&suite, !err && !strcmp(r.b.p, cases[i].rows), "%s (%s): %s%s",
			        cases[i].file, k ? "bytewise" : "whole", err ? d.message : "", r.b.p);
			psirt_buf_release(&r.b);
			psirt_diag_release(&d);
		}
		free(data);
	}
	ts_suite_end(&suite);
}

/* A CRLF file with a byte order mark and a blank line reads the same. */
static void test_crlf_bom(void **state)
{
	static const char text[] = "\xEF\xBB\xBF#model_version:v1,score_date:2024-01-01T00:00:00Z\r\n"
	                           "cve,percentile,epss\r\n"
	                           "\r\n"
	                           "CVE-2024-0001, 0.5 ,0.25\r\n"
	                           "CVE-2024-0002,0.75,1e-05";
	struct rows r = { PSIRT_BUF_INIT, 0 };
	struct psirt_feed_sink sink = { NULL, NULL, on_epss, &r, NULL };
	struct psirt_diag d = PSIRT_DIAG_INIT;

	struct psirt_feed_parser *p;
	size_t i;

	assert_int_equal(psirt_feed_parse_buffer(PSIRT_FEED_EPSS, &sink, NULL, text, strlen(text), &d),
	                 PSIRT_OK);
	assert_string_equal(r.b.p, "CVE-2024-0001 0.25000 0.5 v1 2024-01-01T00:00:00.000Z\n"
	                           "CVE-2024-0002 0.00001 0.75 v1 2024-01-01T00:00:00.000Z\n");
	/* the mark split across pushes (found by fuzz_epss, 2026-01) */
	psirt_buf_reset(&r.b);
	assert_int_equal(psirt_feed_parser_new(PSIRT_FEED_EPSS, &sink, NULL, &p, &d), PSIRT_OK);
	for (i = 0; i < strlen(text); i++)
		assert_int_equal(psirt_feed_parser_push(p, text + i, 1, &d), PSIRT_OK);
	assert_int_equal(psirt_feed_parser_finish(p, &d), PSIRT_OK);
	psirt_feed_parser_free(p);
	assert_string_equal(r.b.p, "CVE-2024-0001 0.25000 0.5 v1 2024-01-01T00:00:00.000Z\n"
	                           "CVE-2024-0002 0.00001 0.75 v1 2024-01-01T00:00:00.000Z\n");
	/* an error's offset counts the mark */
	assert_int_equal(psirt_feed_parse_buffer(PSIRT_FEED_EPSS, &sink, NULL, "\xEF\xBB\xBFx,y\n",
	                                         7, &d),
	                 PSIRT_EINVAL);
	assert_int_equal(d.offset, 4);
	psirt_diag_release(&d);
	psirt_buf_release(&r.b);
}

static void test_import_and_order(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v;
	struct psirt_store_feed_status *fs;
	char *before, *after;

	/* oldest first: each later file updates the two CVEs */
	assert_int_equal(tss_import(s, PSIRT_FEED_EPSS, "epss/fixtures", &st, NULL), PSIRT_OK);
	assert_int_equal(st.files, 5);
	assert_int_equal(st.records, 13);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 7);
	assert_int_equal(st.counts[PSIRT_STORE_UPDATED], 6);
	assert_int_equal(psirt_store_vuln_get(s, "CVE-2020-5902", &v, &d), PSIRT_OK);
	assert_true(v->epss[0].score == 0.97567);
	assert_string_equal(v->epss[0].model_version, "v2023.03.01");
	assert_string_equal(v->epss[0].score_date, "2023-03-07T00:00:00.000Z");
	psirt_vuln_view_free(v);
	before = tss_dump(s);
	/* the same again: all unchanged or older (older files after newer) */
	memset(&st, 0, sizeof st);
	assert_int_equal(tss_import(s, PSIRT_FEED_EPSS, "epss/fixtures", &st, NULL), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 7);
	assert_int_equal(st.counts[PSIRT_STORE_OLDER], 6);
	after = tss_dump(s);
	assert_string_equal(before, after);
	free(after);
	free(before);
	assert_int_equal(tss_import(s, PSIRT_FEED_EPSS, "epss/epss_scores-sample.csv", &st, NULL),
	                 PSIRT_OK);
	assert_int_equal(psirt_store_feed_status(s, &fs, &d), PSIRT_OK);
	assert_string_equal(fs->states[5].source, "epss");
	assert_int_equal(fs->states[5].records, 240);
	assert_string_equal(fs->states[5].newest_record, "2026-09-29T12:00:22.000Z");
	psirt_store_feed_status_free(fs);
	psirt_store_close(s);
}

static void test_bad_files(void **state)
{
	static const struct {
		const char *file, *line;
	} cases[] = {
		{ "epss/bad/bad-header.csv",
		  "epss/bad/bad-header.csv:2: byte 63: not an EPSS file: the header must name the "
		  "columns cve and epss" },
		{ "epss/bad/missing-field.csv",
		  "epss/bad/missing-field.csv:4: byte 113: expected 3 fields, found 2" },
		{ "epss/bad/no-date.csv",
		  "epss/bad/no-date.csv:2: byte 20: CVE-2020-5902: no score date: no #model_version "
		  "line and no date in the file name" },
		{ "epss/bad/not-a-number.csv",
		  "epss/bad/not-a-number.csv:4: byte 113: CVE-2018-19571: epss must be a number from 0 "
		  "to 1" },
		{ "epss/bad/out-of-range.csv",
		  "epss/bad/out-of-range.csv:3: byte 83: CVE-2020-5902: epss must be a number from 0 to "
		  "1" },
		{ "kev/kev-older.json",
		  "kev/kev-older.json:1: byte 0: not an EPSS file: the header must name the columns cve "
		  "and epss" },
	};
	struct ts_suite suite = { "epss bad files", 0, 0 };
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st0 = { 0 };
	char *before, *after, *line;
	size_t i;

	assert_int_equal(tss_import(s, PSIRT_FEED_EPSS, "epss/fixtures/vunnel-example-1.csv", &st0,
	                            NULL),
	                 PSIRT_OK);
	before = tss_dump(s);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_feed_stats st = { 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = tss_import(s, PSIRT_FEED_EPSS, cases[i].file, &st, &d);

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
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_crlf_bom),
		cmocka_unit_test(test_import_and_order),
		cmocka_unit_test(test_bad_files),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
