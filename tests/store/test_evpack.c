/* The stored form of a finding's evidence (include/psirt/evpack.h,
 * src/store/evpack.c) and its SQL reader psirt_evidence() (src/store/store.c):
 * round trips of awkward texts, refusals of blobs that are not what the
 * writer makes (never a crash, never more memory than the cap), and a
 * store's findings written packed (row by row, in bulk, refreshed, packed by
 * the caller or by the store) or as text (a store written before) read back
 * through every reader as the text written. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "psirt/evpack.h"
#include "psirt/findings.h"
#include "psirt/portfolio.h"
#include "psirt/store.h"
#include "support/store_support.h"
#include "support/support.h"

/* An evidence entry as the matcher writes it (src/findings/findings.c). */
#define ENTRY                                                                                 \
	"{\"record\":\"CVE-2023-1389\",\"source\":\"nvd\",\"via\":\"cpe\","                      \
	"\"identity\":\"cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*\","            \
	"\"confidence\":\"high\",\"why\":\"version 1.1.3: < 1.1.4\","                              \
	"\"criteria\":\"cpe:2.3:o:tp-link:archer_ax21_firmware:*:*:*:*:*:*:*:*\","                 \
	"\"place\":[0,0,0],\"platform\":\"cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:* by"        \
	" hardware cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*\"}"

/* The awkward texts, owned, NULL-terminated (lens[i]: their lengths, a
 * text may hold NUL bytes). */
static char **awkward(size_t **lens)
{
	static const char *const fixed[] = {
		"",
		"[]",
		"[" ENTRY "]",
		/* non-ASCII: UTF-8 of several lengths, and a JSON escape */
		"[{\"record\":\"JVNDB-2023-000001\",\"source\":\"jvn\",\"why\":\"版本 1.0 — ü ä ß 𝔘"
		" \\u00e9 日本語の説明\",\"identity\":\"cpe:2.3:a:例:製品:1.0:*:*:*:*:*:*:*\"}]",
		/* an OSV package statement */
		"[{\"record\":\"GHSA-jfh8-c2jp-5v3q\",\"source\":\"osv\",\"via\":\"purl\","
		"\"identity\":\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\","
		"\"confidence\":\"high\",\"why\":\"version 2.14.1 in the ECOSYSTEM range (maven order)\","
		"\"ecosystem\":\"Maven\",\"package\":\"org.apache.logging.log4j:log4j-core\","
		"\"rangeType\":\"ECOSYSTEM\",\"events\":\"introduced 2.0-beta9, fixed 2.15.0\"}]",
	};
	size_t nfixed = sizeof fixed / sizeof fixed[0], n = 0, i;
	char **v = calloc(nfixed + 5, sizeof *v);
	struct psirt_buf b;

	*lens = calloc(nfixed + 5, sizeof **lens);
	assert_non_null(v);
	assert_non_null(*lens);
	for (i = 0; i < nfixed; i++) {
		(*lens)[n] = strlen(fixed[i]);
		v[n++] = strdup(fixed[i]);
	}
	/* many items (500 entries, ~200 KB) */
	psirt_buf_init(&b, 0);
	for (i = 0; i < 500; i++)
		psirt_buf_addf(&b, "%s{\"record\":\"CVE-2024-%05zu\",\"place\":[%zu,0,1]," ENTRY
		               "}", i ? "," : "[", i, i);
	psirt_buf_addch(&b, ']');
	assert_false(psirt_buf_error(&b));
	(*lens)[n] = b.len;
	v[n++] = psirt_buf_detach(&b, NULL);
	/* 20 KB of text no dictionary helps with (a pseudo-random walk) */
	psirt_buf_init(&b, 0);
	{
		unsigned x = 12345;

		while (b.len < 20 * 1024) {
			x = x * 1103515245u + 12345u;
			psirt_buf_addch(&b, (char)(' ' + (x >> 16) % 95));
		}
	}
	(*lens)[n] = b.len;
	v[n++] = psirt_buf_detach(&b, NULL);
	/* every byte value, NUL among them (the API takes a length) */
	psirt_buf_init(&b, 0);
	for (i = 0; i < 512; i++)
		psirt_buf_addch(&b, (char)(i & 0xff));
	(*lens)[n] = b.len;
	v[n++] = psirt_buf_detach(&b, NULL);
	for (i = 0; i < n; i++)
		assert_non_null(v[i]);
	return v;
}

static void free_all(char **v, size_t *lens)
{
	for (size_t i = 0; v[i]; i++)
		free(v[i]);
	free(v);
	free(lens);
}

static void test_round_trip(void **state)
{
	struct ts_suite s = { "evidence round trips", 0, 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_evpack *p;
	struct psirt_buf packed = PSIRT_BUF_INIT, text = PSIRT_BUF_INIT;
	size_t *lens, i;
	char **v = awkward(&lens);

	(void)state;
	if (psirt_evpack_new(&p, &d))
		fail_msg("new: %s", d.message);
	for (i = 0; v[i]; i++) {
		enum psirt_err e1, e2 = PSIRT_EINTERNAL;

		psirt_buf_reset(&packed);
		psirt_buf_reset(&text);
		/* appended after what the buffer holds */
		psirt_buf_adds(&packed, "x");
		psirt_buf_adds(&text, "y");
		e1 = psirt_evpack_pack(p, v[i], lens[i], &packed, &d);
		if (!e1)
			e2 = psirt_evpack_unpack(p, packed.p + 1, packed.len - 1, &text, &d);
		ts_case(&s,
		        !e1 && !e2 && packed.p[0] == 'x' && packed.p[1] == PSIRT_EVPACK_ZSTD_V1 &&
		            text.len == lens[i] + 1 && text.p[0] == 'y' &&
		            !memcmp(text.p + 1, v[i], lens[i]) && text.p[text.len] == 0,
		        "text %zu (%zu bytes): pack %d, unpack %d, %zu bytes back", i, lens[i], e1, e2,
		        text.len - 1);
	}
	/* the dictionary does its work: an entry packs to under a third, the
	 * 500 alike to under a tenth */
	psirt_buf_reset(&packed);
	assert_int_equal(psirt_evpack_pack(p, v[2], lens[2], &packed, &d), PSIRT_OK);
	ts_case(&s, packed.len * 3 < lens[2], "one entry: %zu -> %zu bytes", lens[2], packed.len);
	psirt_buf_reset(&packed);
	assert_int_equal(psirt_evpack_pack(p, v[5], lens[5], &packed, &d), PSIRT_OK);
	ts_case(&s, packed.len * 10 < lens[5], "500 entries: %zu -> %zu bytes", lens[5], packed.len);
	/* the same text packs the same (a context is reused) */
	{
		struct psirt_buf again = PSIRT_BUF_INIT;

		assert_int_equal(psirt_evpack_pack(p, v[5], lens[5], &again, &d), PSIRT_OK);
		ts_case(&s, again.len == packed.len && !memcmp(again.p, packed.p, again.len),
		        "packing is deterministic");
		psirt_buf_release(&again);
	}
	/* past the cap: refused, nothing appended */
	{
		char *big = calloc(PSIRT_EVPACK_MAX + 1, 1);
		struct psirt_diag d2 = PSIRT_DIAG_INIT;

		assert_non_null(big);
		psirt_buf_reset(&packed);
		ts_case(&s,
		        psirt_evpack_pack(p, big, PSIRT_EVPACK_MAX + 1, &packed, &d2) == PSIRT_ETOOBIG &&
		            packed.len == 0 && d2.message && strstr(d2.message, "more than"),
		        "a text past the cap is refused: %s", d2.message ? d2.message : "(none)");
		/* the cap itself is fine */
		psirt_buf_reset(&packed);
		psirt_buf_reset(&text);
		ts_case(&s,
		        !psirt_evpack_pack(p, big, PSIRT_EVPACK_MAX, &packed, &d2) &&
		            !psirt_evpack_unpack(p, packed.p, packed.len, &text, &d2) &&
		            text.len == PSIRT_EVPACK_MAX && !memcmp(text.p, big, text.len),
		        "a text of the cap round-trips (%zu bytes packed)", packed.len);
		psirt_diag_release(&d2);
		free(big);
	}
	ts_suite_end(&s);
	psirt_buf_release(&packed);
	psirt_buf_release(&text);
	psirt_evpack_free(p);
	free_all(v, lens);
}

/* A zstd frame declaring its content size (8 bytes, single segment) made
 * of nblocks RLE blocks of block bytes each (RFC 8878, 3.1.1). */
static void rle_frame(struct psirt_buf *b, unsigned long long declared, size_t nblocks,
                      size_t block)
{
	static const unsigned char magic[] = { 0x28, 0xb5, 0x2f, 0xfd };
	size_t i;
	int k;

	psirt_buf_addch(b, PSIRT_EVPACK_ZSTD_V1);
	psirt_buf_add(b, magic, 4);
	psirt_buf_addch(b, (char)0xe0); /* FCS 8 bytes, single segment */
	for (k = 0; k < 8; k++)
		psirt_buf_addch(b, (char)(declared >> (8 * k)));
	for (i = 0; i < nblocks; i++) {
		/* last, type 1 (RLE), size */
		unsigned long h = (unsigned long)(block << 3) | (1u << 1) | (i + 1 == nblocks);

		psirt_buf_addch(b, (char)(h & 0xff));
		psirt_buf_addch(b, (char)((h >> 8) & 0xff));
		psirt_buf_addch(b, (char)((h >> 16) & 0xff));
		psirt_buf_addch(b, '[');
	}
}

/* What unpack says of blob[0..len): its error, message in *msg (static). */
static enum psirt_err unpack_err(struct psirt_evpack *p, const void *blob, size_t len,
                                 const char **msg)
{
	static char m[256];
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf out = PSIRT_BUF_INIT;
	enum psirt_err err = psirt_evpack_unpack(p, blob, len, &out, &d);

	snprintf(m, sizeof m, "%s", d.message ? d.message : "");
	*msg = m;
	/* a refusal appends nothing */
	if (err && out.len)
		err = PSIRT_EINTERNAL;
	psirt_buf_release(&out);
	psirt_diag_release(&d);
	return err;
}

static void test_refused(void **state)
{
	struct ts_suite s = { "evidence blobs refused", 0, 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_evpack *p;
	struct psirt_buf good = PSIRT_BUF_INIT, b = PSIRT_BUF_INIT;
	const char *text = "[" ENTRY "," ENTRY "]", *msg;
	enum psirt_err err;
	size_t i;

	(void)state;
	if (psirt_evpack_new(&p, &d) || psirt_evpack_pack(p, text, strlen(text), &good, &d))
		fail_msg("pack: %s", d.message);

	err = unpack_err(p, "", 0, &msg);
	ts_case(&s, err == PSIRT_EINVAL && strstr(msg, "empty"), "empty: %d %s", err, msg);
	/* format bytes other than 1 */
	for (i = 0; i < 256; i++) {
		if (i == PSIRT_EVPACK_ZSTD_V1)
			continue;
		psirt_buf_reset(&b);
		psirt_buf_add(&b, good.p, good.len);
		b.p[0] = (char)i;
		err = unpack_err(p, b.p, b.len, &msg);
		ts_case(&s, err == PSIRT_EINVAL && strstr(msg, "unknown format"),
		        "format %zu: %d %s", i, err, msg);
	}
	/* every truncation of a good blob */
	for (i = 1; i < good.len; i++) {
		err = unpack_err(p, good.p, i, &msg);
		ts_case(&s, err == PSIRT_EINVAL, "truncated to %zu of %zu bytes: %d %s", i, good.len,
		        err, msg);
	}
	/* bytes after the frame; two frames */
	psirt_buf_reset(&b);
	psirt_buf_add(&b, good.p, good.len);
	psirt_buf_addch(&b, 0);
	err = unpack_err(p, b.p, b.len, &msg);
	ts_case(&s, err == PSIRT_EINVAL && strstr(msg, "after the frame"), "trailing byte: %d %s",
	        err, msg);
	psirt_buf_add(&b, good.p + 1, good.len - 1);
	err = unpack_err(p, b.p, b.len, &msg);
	ts_case(&s, err == PSIRT_EINVAL, "two frames: %d %s", err, msg);
	/* not a zstd frame: a skippable frame, text */
	{
		static const char skippable[] = "\x01\x50\x2a\x4d\x18\x00\x00\x00\x00";
		static const char textual[] = "\x01[{\"record\":\"CVE-1\"}]";

		err = unpack_err(p, skippable, sizeof skippable - 1, &msg);
		ts_case(&s, err == PSIRT_EINVAL && strstr(msg, "not a zstd frame"), "skippable: %s",
		        msg);
		err = unpack_err(p, textual, sizeof textual - 1, &msg);
		ts_case(&s, err == PSIRT_EINVAL && strstr(msg, "not a zstd frame"), "text: %s", msg);
	}
	/* every single bit flipped past the format byte: refused or some text,
	 * never a crash (a frame has no checksum: a flipped literal is text) */
	{
		size_t refused = 0, flips = 0;

		for (i = 1; i < good.len; i++) {
			for (int bit = 0; bit < 8; bit++) {
				psirt_buf_reset(&b);
				psirt_buf_add(&b, good.p, good.len);
				b.p[i] = (char)(b.p[i] ^ (1 << bit));
				err = unpack_err(p, b.p, b.len, &msg);
				refused += err != PSIRT_OK;
				flips++;
				if (err != PSIRT_OK && err != PSIRT_EINVAL && err != PSIRT_ETOOBIG)
					ts_case(&s, 0, "flip %zu.%d: %d %s", i, bit, err, msg);
			}
		}
		ts_case(&s, refused > flips / 4, "bit flips: %zu of %zu refused", refused, flips);
	}
	/* a frame of 17 MiB of '[' (136 RLE blocks of 128 KiB, 560 bytes):
	 * refused before any memory is taken for it */
	psirt_buf_reset(&b);
	rle_frame(&b, 136ull << 17, 136, (size_t)1 << 17);
	err = unpack_err(p, b.p, b.len, &msg);
	ts_case(&s, err == PSIRT_ETOOBIG && strstr(msg, "more than"), "17 MiB declared: %d %s",
	        err, msg);
	/* the same built right at the cap decodes: the frame builder is sound */
	{
		struct psirt_buf out = PSIRT_BUF_INIT;

		psirt_buf_reset(&b);
		rle_frame(&b, 128ull << 17, 128, (size_t)1 << 17);
		err = psirt_evpack_unpack(p, b.p, b.len, &out, &d);
		ts_case(&s, !err && out.len == PSIRT_EVPACK_MAX && out.p[0] == '[' &&
		                out.p[out.len - 1] == '[',
		        "16 MiB of RLE blocks: %d, %zu bytes", err, out.len);
		psirt_buf_release(&out);
	}
	/* a frame whose blocks make more, or less, than it declares */
	psirt_buf_reset(&b);
	rle_frame(&b, 10, 1, 1000);
	err = unpack_err(p, b.p, b.len, &msg);
	ts_case(&s, err == PSIRT_EINVAL, "1000 bytes, 10 declared: %d %s", err, msg);
	psirt_buf_reset(&b);
	rle_frame(&b, 1000, 1, 10);
	err = unpack_err(p, b.p, b.len, &msg);
	ts_case(&s, err == PSIRT_EINVAL, "10 bytes, 1000 declared: %d %s", err, msg);
	/* a frame without its content size (window descriptor, no FCS) */
	{
		static const char nosize[] = "\x01\x28\xb5\x2f\xfd\x00\x50\x0b\x00\x00\x5b";

		err = unpack_err(p, nosize, sizeof nosize - 1, &msg);
		ts_case(&s, err == PSIRT_EINVAL && strstr(msg, "content size"), "no content size: %s",
		        msg);
	}
	/* after every refusal the context still works */
	psirt_buf_reset(&b);
	err = psirt_evpack_unpack(p, good.p, good.len, &b, &d);
	ts_case(&s, !err && !strcmp(b.p, text), "the context after the refusals: %d", err);
	ts_suite_end(&s);
	psirt_buf_release(&good);
	psirt_buf_release(&b);
	psirt_evpack_free(p);
}

/* --- through a store ------------------------------------------------------ */

static char *dir, db_path[PATH_MAX + 32];

static struct psirt_store *new_store(void)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;

	dir = tss_tmp_dir("evpack");
	snprintf(db_path, sizeof db_path, "%s/s.db", dir);
	if (psirt_store_open(db_path, PSIRT_STORE_CREATE, &s, &d) ||
	    psirt_portfolio_product_add(s, "cam", NULL, "test", &d) ||
	    psirt_portfolio_version_add(s, "cam", "2.0", NULL, "test", &d))
		fail_msg("store: %s", d.message);
	return s;
}

static void drop_store(void)
{
	tss_tmp_dir_remove(dir);
	dir = NULL;
}

/* The evidence of finding id through the page reader of s (NULL: its
 * error, message in *msg). */
static const char *page_evidence(struct psirt_store *s, long long id, struct psirt_arena *a,
                                 const char **msg)
{
	static char m[256];
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_findings_query q;
	struct psirt_finding *items;
	size_t n;

	memset(&q, 0, sizeof q);
	q.id = id;
	*msg = NULL;
	if (psirt_store_findings_page(s, &q, a, &items, &n, NULL, &d)) {
		snprintf(m, sizeof m, "%s", d.message);
		*msg = m;
		psirt_diag_release(&d);
		return NULL;
	}
	assert_int_equal(n, 1);
	return items[0].evidence;
}

static void test_store(void **state)
{
	struct ts_suite s = { "evidence through the store", 0, 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *st = new_store(), *rd;
	struct psirt_evpack *p;
	struct psirt_buf packed = PSIRT_BUF_INIT;
	struct psirt_arena a;
	size_t *lens, i, n, nfind = 0, k;
	char **v = awkward(&lens);
	char vuln[32];
	const char **written;
	long long *ids;
	struct psirt_store_finding_row *rows;
	const char **sqls;
	size_t nsql;
	const char *msg;
	sqlite3 *db;

	(void)state;
	psirt_arena_init(&a, 0);
	if (psirt_evpack_new(&p, &d))
		fail_msg("new: %s", d.message);
	for (n = 0; v[n]; n++)
		;
	written = calloc(2 * n + 2, sizeof *written);
	ids = calloc(2 * n + 2, sizeof *ids);
	assert_non_null(written);
	assert_non_null(ids);
	/* every text NUL-free (the store's evidence is a C string), written
	 * row by row then in bulk; each packed by the store and by the caller
	 * in turn (as the match worker does) */
	if (psirt_store_begin(st, &d))
		fail_msg("begin: %s", d.message);
	for (k = 0; k < 2; k++) {
		if (k && psirt_store_findings_bulk_begin(st, &a, &sqls, &nsql, &d))
			fail_msg("bulk: %s", d.message);
		for (i = 0; i < n; i++) {
			struct psirt_store_found f;

			if (strlen(v[i]) != lens[i])
				continue;
			memset(&f, 0, sizeof f);
			snprintf(vuln, sizeof vuln, "CVE-2024-%04zu", nfind);
			f.version_id = 1;
			f.component = "zlib@1.2.11";
			f.vuln = f.record = vuln;
			f.source = "nvd";
			f.confidence = "high";
			f.evidence = v[i];
			if ((i + k) % 2) {
				psirt_buf_reset(&packed);
				if (psirt_evpack_pack(p, v[i], lens[i], &packed, &d))
					fail_msg("pack: %s", d.message);
				f.evidence_packed = packed.p;
				f.evidence_packed_len = packed.len;
			}
			if (psirt_store_finding_insert(st, &f, 1, "test", NULL, &d))
				fail_msg("insert %zu: %s", i, d.message);
			written[nfind] = v[i];
			ids[nfind] = (long long)nfind + 1; /* a new store's ids */
			nfind++;
		}
		if (k && (psirt_store_findings_bulk_flush(st, "test", "WHY", &d) ||
		          psirt_store_findings_bulk_end(st, sqls, nsql, &d)))
			fail_msg("bulk end: %s", d.message);
	}
	/* one refreshed with new evidence: the last text in place of the first */
	{
		struct psirt_store_found f;

		memset(&f, 0, sizeof f);
		f.version_id = 1;
		f.component = "zlib@1.2.11";
		f.vuln = f.record = "CVE-2024-0000";
		f.source = "nvd";
		f.confidence = "high";
		f.evidence = written[nfind - 1];
		if (psirt_store_finding_refresh(st, 1, &f, 2, NULL, "test", &d))
			fail_msg("refresh: %s", d.message);
		written[0] = written[nfind - 1];
	}
	if (psirt_store_commit(st, &d))
		fail_msg("commit: %s", d.message);
	assert_true(nfind >= 12);

	/* an old store's text row beside them */
	db = tss_sqlite_open(db_path);
	tss_sqlite_exec(db, "INSERT INTO finding (version_id, component, vuln, record, source,"
	                    " confidence, first_seen, last_seen, seen_run) VALUES (1, 'old@1', 'CVE-2020-0001',"
	                    " 'CVE-2020-0001', 'nvd', 'high', '2020-01-01T00:00:00Z',"
	                    " '2020-01-01T00:00:00Z', 1);"
	                    "INSERT INTO finding_evidence (finding, evidence) VALUES"
	                    " (last_insert_rowid(), '[{\"record\":\"CVE-2020-0001\",\"why\":\"é\"}]')");
	written[nfind] = "[{\"record\":\"CVE-2020-0001\",\"why\":\"é\"}]";
	ids[nfind] = (long long)sqlite3_last_insert_rowid(db);
	nfind++;
	{
		sqlite3_stmt *q;

		assert_int_equal(sqlite3_prepare_v2(db,
		                                    "SELECT count(*) FILTER (WHERE typeof(evidence) ="
		                                    " 'blob'), count(*) FROM finding_evidence",
		                                    -1, &q, NULL),
		                 SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		ts_case(&s, sqlite3_column_int(q, 0) + 1 == sqlite3_column_int(q, 1),
		        "every row the store wrote is packed: %d of %d", sqlite3_column_int(q, 0),
		        sqlite3_column_int(q, 1));
		sqlite3_finalize(q);
	}
	sqlite3_close(db);

	/* the page reader, on the writer and on a reader connection */
	if (psirt_store_open_reader(st, &rd, &d))
		fail_msg("reader: %s", d.message);
	for (i = 0; i < nfind; i++) {
		const char *e = page_evidence(st, ids[i], &a, &msg);
		const char *r = page_evidence(rd, ids[i], &a, &msg);

		ts_case(&s, e && !strcmp(e, written[i]), "page, finding %lld: %.40s", ids[i],
		        e ? e : msg);
		ts_case(&s, r && !strcmp(r, written[i]), "reader's page, finding %lld: %.40s", ids[i],
		        r ? r : msg);
	}
	/* the match run's readers: a version's findings (without their
	 * evidence), then each one's evidence on its own */
	if (psirt_store_findings_of(st, 1, 0, &a, &rows, &n, &d))
		fail_msg("findings_of: %s", d.message);
	ts_case(&s, n == nfind, "findings_of: %zu of %zu", n, nfind);
	for (i = 0; i < n; i++) {
		const char *ev = NULL;
		size_t j;

		for (j = 0; j < nfind && ids[j] != rows[i].id; j++)
			;
		if (psirt_store_finding_evidence(st, rows[i].id, &a, &ev, &d))
			fail_msg("evidence: %s", d.message);
		ts_case(&s, j < nfind && ev && !strcmp(ev, written[j]), "evidence of finding %lld",
		        rows[i].id);
	}

	/* stored blobs that do not unpack: the readers fail naming why */
	{
		static const struct {
			const char *sql, *want;
		} bad[] = {
			{ "UPDATE finding_evidence SET evidence = CAST(X'02' || substr(evidence, 2) AS BLOB)"
			  " WHERE finding = 2", "unknown format 2" },
			{ "UPDATE finding_evidence SET evidence = substr(evidence, 1, 8) WHERE finding = 3",
			  "stored evidence:" },
			{ "UPDATE finding_evidence SET evidence = X'' WHERE finding = 4", "empty blob" },
			/* 285 MB declared, one RLE byte */
			{ "UPDATE finding_evidence SET evidence ="
			  " X'0128b52ffde0000000110000000003000041' WHERE finding = 5", "more than" },
		};

		db = tss_sqlite_open(db_path);
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			const char *e;

			tss_sqlite_exec(db, bad[i].sql);
			e = page_evidence(rd, (long long)i + 2, &a, &msg);
			ts_case(&s, !e && msg && strstr(msg, bad[i].want), "bad blob %zu: %s", i,
			        msg ? msg : e);
		}
		/* the SQL function itself, on the store's connection */
		sqlite3_close(db);
		{
			const char *ev = NULL;

			if (psirt_store_finding_evidence(st, 3, &a, &ev, &d) == PSIRT_OK)
				ts_case(&s, 0, "the evidence reader read a bad blob");
			else
				ts_case(&s, d.message && strstr(d.message, "stored evidence:"),
				        "the evidence reader on a bad blob: %s", d.message);
		}
		psirt_diag_release(&d);
		/* and the others still read */
		msg = NULL;
		ts_case(&s, page_evidence(rd, 1, &a, &msg) != NULL, "finding 1 still reads: %s",
		        msg ? msg : "");
	}
	ts_suite_end(&s);
	psirt_store_close(rd);
	psirt_store_close(st);
	drop_store();
	psirt_buf_release(&packed);
	psirt_evpack_free(p);
	psirt_arena_release(&a);
	free(written);
	free(ids);
	free_all(v, lens);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_store),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
