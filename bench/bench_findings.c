/* Findings benchmark (issue 5): the whole pipeline of psirt_findings_match
 * on a store holding the generated NVD of bench_feed_nvd and a generated
 * portfolio, then a feed delta of 1,000 changed CVEs re-matched across the
 * portfolio. Goals: a full re-match (psirt match --all) <= 10 s, before and
 * after the delta; the incremental run after the delta <= 1 s.
 *
 *   1. the store: BENCH_DIR/nvd-CVES.db as bench_feed_nvd / bench_match
 *      leave it (generated and imported with the psirt next to this program
 *      when missing);
 *   2. the portfolio, built once into BENCH_DIR/findings-CVES-PxC.db (a copy
 *      of the NVD store): P product versions (10 per product) of C
 *      components each, imported as CycloneDX SBOMs with
 *      psirt_portfolio_sbom_import; components drawn as bench_match draws
 *      them (the generator's names with its vendor skew, so a realistic
 *      share match: 80 % by CPE, 10 % purl + CPE, 10 % name and version);
 *      each product has its own firmware CPE;
 *   3. a working copy of that store, on which are timed:
 *      - the first full psirt_findings_match (every version is new),
 *      - a run with nothing changed,
 *      - a full re-match (psirt match --all) of the matched portfolio,
 *        nothing changed: every version against every record, compared
 *        with what is stored (goal: <= 10 s),
 *      - the import of a feed delta: 1,000 CVEs (every (CVES/1000)-th item
 *        of the generated year files, as bench_feed_sync cuts them) with a
 *        newer lastModified; a third of them with every range end widened
 *        to 99.0.0 (findings open), a third with it narrowed to 0.0.1
 *        (findings close), a third otherwise unchanged,
 *      - the incremental psirt_findings_match after the delta (the figure
 *        the goal is for),
 *      - a run with nothing changed again,
 *      - a second delta of 1,000 other CVEs (every (CVES/1000)-th item
 *        from the (CVES/2000)-th on, changed the same way) and the
 *        incremental run after it: the figure of a store whose
 *        pages are no longer as the first full match packed them (printed;
 *        the goal is judged on the first),
 *      - a full re-match again, after the deltas,
 *      - the full index load on its own,
 *      - one new 1,000-component SBOM imported and matched end to end by
 *        psirt_findings_match (which loads the full index for it).
 *
 * usage: bench_findings [CVES]      default 320000 (≈ the whole NVD)
 * Environment: BENCH_NVD_CVES (count), BENCH_DIR (default build/bench-data),
 *              BENCH_PRODUCTS (product versions, 1000), BENCH_COMPONENTS (500),
 *              BENCH_REUSE_MATCHED (keep the store after the first full match
 *              and start from it next time: not timing the full match),
 *              BENCH_INCR_ONLY (only the incremental runs: no full re-match,
 *              no index load, no new SBOM).
 * The working copy is removed at the end; the portfolio store is kept.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "psirt/buf.h"
#include "psirt/feed.h"
#include "psirt/findings.h"
#include "psirt/match.h"
#include "psirt/portfolio.h"
#include "psirt/sbom.h"
#include "psirt/store.h"
#include "bench_util.h"

#define CHANGED 1000
#define FIRST_YEAR 1999
#define LAST_YEAR 2025
#define ACTOR "bench"

static int fail(const char *what, const struct psirt_diag *d)
{
	fprintf(stderr, "%s: %s\n", what, d->message ? d->message : "failed");
	return 1;
}

/* splitmix64 (bench_util.h): the same sequence on every machine */
static uint64_t rng = 0x2545f4914f6cdd1dULL;

/* Makes sure BENCH_DIR/nvd-N.db holds the generated feed (as bench_match). */
static int ensure_nvd(const char *bindir, unsigned long long n, const char *base, const char *dir,
                      const char *db)
{
	struct psirt_store *st;
	struct psirt_store_feed_status *fs;
	unsigned long long have = 0;
	double t;

	if (!psirt_store_open(db, 0, &st, NULL)) {
		if (!psirt_store_feed_status(st, &fs, NULL)) {
			have = fs->states[0].records;
			psirt_store_feed_status_free(fs);
		}
		psirt_store_close(st);
	}
	if (have >= n) {
		printf("store %s: %llu NVD records (left by bench_feed_nvd or an earlier run)\n", db,
		       have);
		return 0;
	}
	if (bench_sh(bench_xfmt("mkdir -p '%s'", base)))
		return -1;
	t = bench_now_s();
	if (bench_sh(bench_xfmt("test -f '%s/.complete' || { '%s/bench_feed_nvd' --generate '%s' %llu && "
	            "touch '%s/.complete'; }",
	            dir, bindir, dir, n, dir)))
		return -1;
	if (bench_sh(bench_xfmt("rm -f '%s' '%s-wal' '%s-shm' && '%s/../psirt' --db '%s' init >/dev/null && "
	            "'%s/../psirt' --db '%s' feed import nvd '%s' >/dev/null",
	            db, db, db, bindir, db, bindir, db, dir)))
		return -1;
	printf("generated and imported the feed in %.1f s\n", bench_now_s() - t);
	return 0;
}

static void component(struct psirt_buf *b, unsigned nvendors)
{
	unsigned v = bench_skewed(&rng, nvendors), prod = bench_below(&rng, 10),
	         kind = bench_below(&rng, 10);
	unsigned a = bench_below(&rng, 12), c = bench_below(&rng, 20), d = bench_below(&rng, 30);

	psirt_buf_addf(b, "{\"type\":\"library\",\"name\":\"product%u_%u\",\"version\":\"%u.%u.%u\"",
	               v, prod, a, c, d);
	if (kind) /* else known by name only: the matcher's low-confidence guess */
		psirt_buf_addf(b, ",\"cpe\":\"cpe:2.3:a:vendor%u:product%u_%u:%u.%u.%u:*:*:*:*:*:*:*\"",
		               v, v, prod, a, c, d);
	if (kind == 1)
		psirt_buf_addf(b, ",\"purl\":\"pkg:generic/vendor%u/product%u_%u@%u.%u.%u\"", v, v,
		               prod, a, c, d);
	psirt_buf_addch(b, '}');
}

/* A new generated 1,000-component SBOM (file: its name for the parser),
 * imported as version of bench-product-new; *secs: parse and import. */
static int import_new_sbom(struct psirt_store *st, const char *file, const char *version,
                           unsigned nvendors, double *secs, struct psirt_diag *d)
{
	struct psirt_sbom_source src = { ACTOR, NULL, "new.cdx.json", NULL, 0 };
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_sbom_doc *doc;
	double t;
	size_t k;

	psirt_buf_adds(&b, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
	                   "\"version\":1,\"components\":[");
	for (k = 0; k < 1000; k++) {
		if (k)
			psirt_buf_addch(&b, ',');
		component(&b, nvendors);
	}
	psirt_buf_adds(&b, "]}");
	t = bench_now_s();
	if (psirt_buf_error(&b) ||
	    psirt_sbom_parse(b.p, b.len, file, PSIRT_SBOM_FORMAT_UNKNOWN, &doc, d) ||
	    psirt_portfolio_sbom_import(st, "bench-product-new", version, doc, &src, NULL, d))
		return fail("new sbom", d);
	*secs = bench_now_s() - t;
	psirt_sbom_free(doc);
	psirt_buf_release(&b);
	return 0;
}

/* The portfolio: nver versions in products of 10, ncomp components each. */
static int build_portfolio(struct psirt_store *st, size_t nver, size_t ncomp, unsigned nvendors)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_source src = { ACTOR, NULL, "bench.cdx.json", NULL, 0 };
	struct psirt_buf b = PSIRT_BUF_INIT;
	size_t i, k;

	for (i = 0; i < nver; i++) {
		char *name = bench_xfmt("bench-product-%04zu", i / 10), *ver = bench_xfmt("1.%zu.0", i % 10);
		struct psirt_sbom_doc *doc;

		if (i % 10 == 0) {
			unsigned v = bench_skewed(&rng, nvendors), p = bench_below(&rng, 8);
			struct psirt_product_edit e;
			char *vn = bench_xfmt("vendor%u", v),
			     *cpe = bench_xfmt(
			         "cpe:2.3:o:vendor%u:product%u_%u:%u.%u.%u:*:*:*:*:*:*:*", v, v, p,
			         bench_below(&rng, 12), bench_below(&rng, 20),
			         bench_below(&rng, 30));

			memset(&e, 0, sizeof e);
			e.vendor = vn;
			e.cpe = cpe;
			if (psirt_portfolio_product_add(st, name, &e, ACTOR, &d))
				return fail("product add", &d);
			free(vn);
			free(cpe);
		}
		psirt_buf_reset(&b);
		psirt_buf_adds(&b, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
		                   "\"components\":[");
		for (k = 0; k < ncomp; k++) {
			if (k)
				psirt_buf_addch(&b, ',');
			component(&b, nvendors);
		}
		psirt_buf_adds(&b, "]}");
		if (psirt_buf_error(&b))
			return 1;
		if (psirt_sbom_parse(b.p, b.len, "bench.cdx.json", PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d))
			return fail("sbom parse", &d);
		if (psirt_portfolio_sbom_import(st, name, ver, doc, &src, NULL, &d))
			return fail("sbom import", &d);
		psirt_sbom_free(doc);
		free(name);
		free(ver);
	}
	psirt_buf_release(&b);
	psirt_diag_release(&d);
	return 0;
}

/* Replaces the value of a "versionEnd…" line. */
static void set_end(struct psirt_buf *out, const char *line, const char *to)
{
	const char *colon = strstr(line, "\": \"");

	psirt_buf_add(out, line, (size_t)(colon - line) + 4);
	psirt_buf_adds(out, to);
	psirt_buf_adds(out, "\"");
	psirt_buf_adds(out, strchr(colon + 4, '"') + 1);
}

/* The delta: every (n/1000)-th generated item from the offset-th on, with
 * lastModified set to date (YYYY-MM-DD, newer than any generated one),
 * ranges widened in a third, narrowed in another; written to path.
 * Returns how many items, 0 on failure. */
static unsigned build_delta(const char *dir, unsigned long long n, unsigned long long offset,
                            const char *date, const char *path, unsigned *widened,
                            unsigned *narrowed)
{
	unsigned long long step = n / CHANGED ? n / CHANGED : 1, i = 0;
	unsigned taken = 0, in_item = 0, keep = 0, mode = 0, touched = 0;
	struct psirt_buf page = PSIRT_BUF_INIT;
	char *line = NULL, *lm, count[16];
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int y;

	*widened = *narrowed = 0;
	psirt_buf_adds(&page, "{\"resultsPerPage\": 1000, \"startIndex\": 0, \"totalResults\": ");
	psirt_buf_adds(&page, "          , \"format\": \"NVD_CVE\", \"version\": \"2.0\","
	                      " \"timestamp\": \"2026-01-15T08:00:00.000\", \"vulnerabilities\": [\n");
	for (y = FIRST_YEAR; y <= LAST_YEAR && taken < CHANGED; y++) {
		char *p = bench_xfmt("%s/nvdcve-2.0-%d.json", dir, y);

		f = fopen(p, "r");
		free(p);
		if (!f)
			continue;
		while ((len = getline(&line, &cap, f)) > 0 && taken < CHANGED) {
			if (!in_item && !strcmp(line, "  {\n")) {
				in_item = 1;
				keep = i++ % step == offset % step;
				mode = taken % 3;
				touched = 0;
				if (keep && taken)
					psirt_buf_adds(&page, ",\n");
			}
			if (in_item && keep) {
				/* newer than any generated date: every item is an update */
				lm = strstr(line, "\"lastModified\": \"");
				if (lm)
					memcpy(lm + 17, date, 10);
				if (!strncmp(line, "  }", 3)) {
					psirt_buf_adds(&page, "  }");
					taken++;
					*widened += mode == 0 && touched;
					*narrowed += mode == 1 && touched;
				} else if (mode < 2 && (strstr(line, "\"versionEndExcluding\": \"") ||
				                        strstr(line, "\"versionEndIncluding\": \""))) {
					set_end(&page, line, mode == 0 ? "99.0.0" : "0.0.1");
					touched = 1;
				} else {
					psirt_buf_add(&page, line, (size_t)len);
				}
			}
			if (in_item && !strncmp(line, "  }", 3))
				in_item = 0;
		}
		fclose(f);
	}
	free(line);
	psirt_buf_adds(&page, "\n]}\n");
	snprintf(count, sizeof count, "%-10u", taken);
	if (psirt_buf_error(&page) || !taken)
		return 0;
	memcpy(strstr(page.p, "\"totalResults\": ") + 16, count, 10);
	f = fopen(path, "w");
	if (!f || fwrite(page.p, 1, page.len, f) != page.len || fclose(f))
		return 0;
	psirt_buf_release(&page);
	return taken;
}

/* Builds the delta of build_delta (offset, date) into path and imports it
 * into st, printing what it holds under label; non-zero on failure. */
static int import_delta(struct psirt_store *st, const char *dir, unsigned long long n,
                        unsigned long long offset, const char *date, const char *path,
                        const char *label)
{
	struct psirt_feed_stats fst;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	unsigned widened, narrowed, changed;
	const char *paths[1] = { path };
	double t;

	changed = build_delta(dir, n, offset, date, path, &widened, &narrowed);
	if (!changed) {
		fprintf(stderr, "no changed CVEs cut from %s\n", dir);
		return 1;
	}
	memset(&fst, 0, sizeof fst);
	t = bench_now_s();
	if (psirt_feed_import(st, PSIRT_FEED_NVD, paths, 1, NULL, &fst, &d))
		return fail("delta import", &d);
	printf("%s: %u changed CVEs (%u with ranges widened, %u narrowed) imported in %.2f s:"
	       " %llu updated, %llu unchanged\n",
	       label, changed, widened, narrowed, bench_now_s() - t, fst.counts[PSIRT_STORE_UPDATED],
	       fst.counts[PSIRT_STORE_UNCHANGED]);
	psirt_diag_release(&d);
	return 0;
}

static double last_checkpoint; /* seconds, of the last match() */

static const char *bench_work_path; /* the working copy's file */
/* an index the caller keeps (psirt serve's way), for match(); NULL: none */
static const struct psirt_match_index *kept_index;
static unsigned long long kept_generation;

/* h carried on by FNV-1a over each column's text (NULL apart from "") of
 * each row of sql (?1 bound to arg) on db: *rows counted. */
static uint64_t digest_rows(sqlite3 *db, const char *sql, long long arg, uint64_t h,
                            size_t *rows)
{
	sqlite3_stmt *st;
	int i;

	*rows = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "digest: %s\n", sqlite3_errmsg(db));
		return 0;
	}
	sqlite3_bind_int64(st, 1, arg);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *v = sqlite3_column_text(st, i);

			h = (h ^ (v ? 1u : 2u)) * 0x100000001b3ULL;
			for (; v && *v; v++)
				h = (h ^ *v) * 0x100000001b3ULL;
		}
		++*rows;
	}
	sqlite3_finalize(st);
	return h;
}

/* The last audit row's id of the store at path (before a run). */
static long long last_audit(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long id = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM audit_log", -1, &st, NULL) ==
	        SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return id;
}

/* What the last run wrote, without its clock (so that two builds' runs on
 * the same store compare, on the same day): its audit rows after audit id
 * `after` (each finding's in order), the findings they name and those it
 * saw (every column a finding page shows, but times), the findings per
 * day. Printed as one digest: equal digests, equal results. */
static void print_digest(const char *path, long long after)
{
	static const char *const sql[] = {
		"SELECT entity, entity_id, field, old_value, new_value, comment, actor FROM audit_log"
		" WHERE id > ?1 ORDER BY entity, CAST(entity_id AS INTEGER), id",
		"SELECT f.id, f.version_id, f.component, f.component_name, f.component_version,"
		" f.component_purl, f.vuln, f.record, f.source, f.confidence, f.kev, f.state,"
		" f.justification, f.comment, f.closed_at IS NULL, f.ssvc, f.priority, f.deadline,"
		" f.response_class, (SELECT text FROM finding_text WHERE id = f.ssvc_inputs_ref),"
		" (SELECT text FROM finding_text WHERE id = f.reason_ref),"
		" (SELECT text FROM finding_text WHERE id = f.policy_ref),"
		/* hex: the stored evidence is packed (a BLOB with zero bytes) */
		" hex((SELECT evidence FROM finding_evidence WHERE finding = f.id))"
		" FROM finding f WHERE f.id IN (SELECT CAST(entity_id AS INTEGER) FROM audit_log"
		" WHERE id > ?1 AND entity = 'finding')"
		" OR f.seen_run = (SELECT max(id) FROM match_run) ORDER BY f.id",
		"SELECT day, opened, closed FROM finding_day ORDER BY day",
	};
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t n[3] = { 0, 0, 0 }, i;
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return;
	}
	for (i = 0; i < 3; i++)
		h = digest_rows(db, sql[i], after, h, &n[i]);
	sqlite3_close(db);
	printf("  results digest %016llx (%zu audit rows, %zu findings, %zu days)\n",
	       (unsigned long long)h, n[0], n[1], n[2]);
}

/* The frames in the working copy's write-ahead log now: mxFrame of the
 * WAL index header, the first 48 bytes of the -shm file (SQLite's file
 * format, "The WAL-Index Format": a u32 at offset 16, in the machine's
 * byte order), or -1 when it cannot be read. */
static long long wal_frames(void)
{
	char *shm = bench_xfmt("%s-shm", bench_work_path);
	FILE *f = fopen(shm, "rb");
	unsigned char hdr[48];
	uint32_t mx;
	long long n = -1;

	if (f && fread(hdr, 1, sizeof hdr, f) == sizeof hdr) {
		memcpy(&mx, hdr + 16, sizeof mx);
		n = mx;
	}
	if (f)
		fclose(f);
	free(shm);
	return n;
}

/* all: psirt match --all (every version against every record) */
static int match_opts(struct psirt_store *st, const char *what, int all, double *secs,
                      struct psirt_findings_match_stats *s)
{
	struct psirt_findings_match_opts o = { NULL, NULL, all, ACTOR, 0, NULL, NULL, kept_index,
		                               kept_generation };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	double t, cpu;
	long long frames;

	/* untimed: the log is checkpointed whole, so the run's first write
	 * starts it again and its frame count is what the run wrote */
	if (psirt_store_checkpoint(st, &d))
		return fail("checkpoint", &d);
	t = bench_now_s();
	cpu = bench_cpu_s();
	if (psirt_findings_match(st, &o, s, &d))
		return fail(what, &d);
	*secs = bench_now_s() - t;
	cpu = bench_cpu_s() - cpu;
	printf("%s: %.2f s; %zu versions matched, %zu changed vulnerabilities; findings: %zu new,"
	       " %zu reopened, %zu seen, %zu fixed, %zu withdrawn; %zu triage decisions changed;"
	       " peak RSS %.0f MB\n",
	       what, *secs, s->versions, s->changed_vulns, s->created, s->reopened, s->seen, s->fixed,
	       s->withdrawn, s->triaged, (double)bench_peak_rss_kib() / 1024);
	/* on a machine shared with other work the wall time varies; the
	 * CPU time (every thread's, user and system) far less */
	printf("  CPU time %.2f s (user and system, all threads)\n", cpu);
	if (s->unchanged)
		printf("  %zu versions found as their last full match left them (none of their findings"
		       " read)\n",
		       s->unchanged);
	printf("  %sphases:", s->bulk ? "bulk (indexes rebuilt, triaged as written); " : "");
	for (int p = 0; p < PSIRT_FINDINGS__PHASES; p++)
		printf(" %s %.2f s", psirt_findings_phase_name((enum psirt_findings_phase)p), s->seconds[p]);
	printf("\n");
	/* what the run wrote: its frames in the write-ahead log (a page
	 * each, spilled mid-run or at the commit), a figure that does not
	 * vary with the machine's load as the times do */
	frames = wal_frames();
	if (frames >= 0)
		printf("  pages written: %lld of 8 KiB (%.1f MB in the write-ahead log)\n", frames,
		       (double)frames * (8192 + 24) / 1048576);
	/* the run committed without SQLite's checkpoint: timed here on its
	 * own, as psirt match runs it after printing its answer */
	t = bench_now_s();
	if (psirt_store_checkpoint(st, &d))
		return fail("checkpoint", &d);
	last_checkpoint = bench_now_s() - t;
	printf("  then the WAL checkpoint (pages copied into the store file, synced): %.2f s;"
	       " run and checkpoint together %.2f s\n",
	       last_checkpoint, *secs + last_checkpoint);
	return 0;
}

static int match(struct psirt_store *st, const char *what, double *secs,
                 struct psirt_findings_match_stats *s)
{
	return match_opts(st, what, 0, secs, s);
}

int main(int argc, char **argv)
{
	const char *env = getenv("BENCH_NVD_CVES"), *base = getenv("BENCH_DIR");
	const char *envp = getenv("BENCH_PRODUCTS"), *envc = getenv("BENCH_COMPONENTS");
	const char *slash = strrchr(argv[0], '/');
	unsigned long long n = env ? strtoull(env, NULL, 10) : 320000;
	size_t nver = envp ? strtoul(envp, NULL, 10) : 1000;
	size_t ncomp = envc ? strtoul(envc, NULL, 10) : 500;
	struct psirt_findings_match_stats s;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *st;
	char *bindir, *dir, *nvd_db, *pf_db, *pf_stamp, *work, *delta, *matched;
	int reuse, incr_only = getenv("BENCH_INCR_ONLY") != NULL;
	double t, t_full = -1, t_inc, t_inc2, t_none, ckpt_inc, ckpt_full = 0, t_all = -1;
	double t_all_delta = -1;
	struct psirt_match_index *full_index = NULL;
	unsigned long long full_generation = 0;
	double la[1];
	long long audit_before;

	setvbuf(stdout, NULL, _IOLBF, 0); /* progress shows when piped to a log */
	if (argc == 2)
		n = strtoull(argv[1], NULL, 10);
	if (!n || !nver || !ncomp || !slash) {
		fprintf(stderr, "usage: bench_findings [CVES]\n");
		return 2;
	}
	if (!base)
		base = "build/bench-data";
	if (getloadavg(la, 1) == 1)
		printf("load average %.2f on %ld cores before the run\n", la[0],
		       sysconf(_SC_NPROCESSORS_ONLN));
	printf("scale: %llu generated CVEs%s, %zu product versions x %zu components\n", n,
	       n < 320000 ? " (SMALLER than the design scale of 320,000)" : "", nver, ncomp);
	bindir = bench_xfmt("%.*s", (int)(slash - argv[0]), argv[0]);
	dir = bench_xfmt("%s/nvd-%llu", base, n);
	nvd_db = bench_xfmt("%s.db", dir);
	pf_db = bench_xfmt("%s/findings-%llu-%zux%zu.db", base, n, nver, ncomp);
	pf_stamp = bench_xfmt("%s.complete", pf_db);
	work = bench_xfmt("%s/findings-work.db", base);
	bench_work_path = work;
	delta = bench_xfmt("%s/findings-delta-%llu.json", base, n);

	if (access(pf_stamp, F_OK)) {
		if (ensure_nvd(bindir, n, base, dir, nvd_db)) {
			fprintf(stderr, "cannot build the NVD store\n");
			return 1;
		}
		t = bench_now_s();
		if (bench_sh(bench_xfmt("rm -f '%s' '%s-wal' '%s-shm' && cp '%s' '%s'", pf_db, pf_db, pf_db,
		            nvd_db, pf_db)))
			return 1;
		if (psirt_store_open(pf_db, 0, &st, &d))
			return fail(pf_db, &d);
		if (build_portfolio(st, nver, ncomp, (unsigned)(n / 16 + 50)))
			return 1;
		psirt_store_close(st);
		if (bench_sh(bench_xfmt("touch '%s'", pf_stamp)))
			return 1;
		printf("portfolio: %zu versions x %zu components imported in %.1f s into %s\n", nver,
		       ncomp, bench_now_s() - t, pf_db);
	} else {
		printf("portfolio store %s (left by an earlier run)\n", pf_db);
	}
	/* BENCH_REUSE_MATCHED=1: start from the store a previous run left after
	 * its first full match (BENCH_DIR/findings-…-matched.db), to iterate on
	 * the incremental figures; the first full match is then not timed */
	matched = bench_xfmt("%s/findings-%llu-%zux%zu-matched.db", base, n, nver, ncomp);
	reuse = getenv("BENCH_REUSE_MATCHED") && !access(matched, F_OK);
	/* synced: the copy's gigabytes are not written back to disk during
	 * (and at the expense of) the timed runs' first sync */
	if (bench_sh(bench_xfmt("rm -f '%s' '%s-wal' '%s-shm' && cp '%s' '%s' && sync", work, work,
	                        work, reuse ? matched : pf_db, work)))
		return 1;
	if (psirt_store_open(work, 0, &st, &d))
		return fail(work, &d);

	if (!reuse) {
		if (match(st, "first full match", &t_full, &s))
			return 1;
		ckpt_full = last_checkpoint;
		psirt_store_close(st);
		if (getenv("BENCH_REUSE_MATCHED") &&
		    bench_sh(bench_xfmt("cp '%s' '%s' && sync", work, matched)))
			return 1;
		if (psirt_store_open(work, 0, &st, &d))
			return fail(work, &d);
	} else {
		printf("first full match: skipped (BENCH_REUSE_MATCHED: store %s)\n", matched);
	}
	if (match(st, "no change", &t_none, &s))
		return 1;
	/* psirt match --all on the matched portfolio: every version matched
	 * against every record again and compared with what is stored (what
	 * an analyst runs after an upgrade of psirt, or to be sure) */
	if (!incr_only && match_opts(st, "full re-match of the matched portfolio (psirt match --all)",
	                             1, &t_all, &s))
		return 1;

	if (import_delta(st, dir, n, 0, "2026-01-10", delta, "feed delta"))
		return 1;
	audit_before = last_audit(work);
	if (match(st, "incremental match after the delta", &t_inc, &s))
		return 1;
	print_digest(work, audit_before);
	ckpt_inc = last_checkpoint;
	printf("  opened %zu (%zu new, %zu reopened), closed %zu (%zu fixed, %zu withdrawn)\n",
	       s.created + s.reopened, s.created, s.reopened, s.fixed + s.withdrawn, s.fixed,
	       s.withdrawn);
	if (match(st, "no change again", &t_none, &s))
		return 1;
	/* a second delta, of other CVEs, as the next feed sync brings: the
	 * first incremental run after the first full match writes into pages
	 * the bulk writing packed full (each row that grows, each entry put
	 * between others, splits its page); later runs find room. The goal
	 * is judged on the first, the worse case. */
	if (import_delta(st, dir, n, n / CHANGED / 2, "2026-01-12", delta,
	                 "second feed delta, other CVEs"))
		return 1;
	if (match(st, "incremental match after the second delta", &t_inc2, &s))
		return 1;
	/* again after the deltas: the versions the incremental runs wrote are
	 * compared finding by finding */
	if (!incr_only &&
	    match_opts(st, "full re-match after the deltas (psirt match --all)", 1, &t_all_delta, &s))
		return 1;
	/* the full index alone, as a full run and a new SBOM's run load it */
	if (!incr_only) {
		struct psirt_match_index *idx;
		struct psirt_match_index_stats is;

		t = bench_now_s();
		if (psirt_match_index_load(st, &idx, &d))
			return fail("index load", &d);
		t = bench_now_s() - t;
		psirt_match_index_stats(idx, &is);
		printf("full index load: %.2f s; %zu records, %zu criteria, %zu keys, %.0f MB;"
		       " peak RSS %.0f MB\n",
		       t, is.records, is.criteria, is.keys, (double)is.bytes / 1048576,
		       (double)bench_peak_rss_kib() / 1024);
		/* kept for the second new SBOM below, as psirt serve keeps it */
		full_index = idx;
		if (psirt_store_records_generation(st, &full_generation, &d))
			return fail("generation", &d);
	}
	/* one new 1,000-component SBOM, end to end: imported, then matched by
	 * psirt_findings_match (which loads the full index for it) */
	if (!incr_only) {
		struct psirt_product_edit e;
		double t_imp, t_sbom;

		memset(&e, 0, sizeof e);
		e.vendor = "vendor1";
		if (psirt_portfolio_product_add(st, "bench-product-new", &e, ACTOR, &d))
			return fail("product add", &d);
		if (import_new_sbom(st, "new.cdx.json", "1.0", (unsigned)(n / 16 + 50), &t_imp, &d))
			return 1;
		printf("new 1,000-component SBOM parsed and imported in %.3f s\n", t_imp);
		if (match(st, "new SBOM matched (full index loaded for it)", &t_sbom, &s))
			return 1;
		/* another, against the index loaded above (psirt serve keeps one
		 * between uploads while the records stay the same) */
		if (import_new_sbom(st, "new2.cdx.json", "1.1", (unsigned)(n / 16 + 50), &t_imp, &d))
			return 1;
		kept_index = full_index;
		kept_generation = full_generation;
		if (match(st, "another new SBOM matched with the index kept (as psirt serve does)",
		          &t_sbom, &s))
			return 1;
		kept_index = NULL;
	}
	psirt_match_index_free(full_index);
	/* the 10 s is for re-analysing the whole portfolio ("slow
	 * whole-portfolio re-analysis" is what it asks psirt to beat): psirt
	 * match --all, findings compared and written, measured on the matched
	 * portfolio and again after the deltas, both to be within it. The
	 * first match of an empty store (the initial load: 2.1 M findings
	 * and their evidence and audit rows written) is printed beside it,
	 * with no verdict of its own; bench_match prints the in-memory
	 * matcher's figure alone. */
	if (t_all >= 0)
		printf("goal: full re-match (psirt match --all) <= 10 s %s (%.2f s; %.2f s after the"
		       " deltas)%s\n",
		       t_all <= 10 && t_all_delta <= 10 ? "met" : "MISSED", t_all, t_all_delta,
		       n < 320000 ? " -- at a SMALLER scale than the design's" : "");
	if (t_full >= 0)
		printf("first full match of an empty store (the initial load): %.2f s; %.2f s with the"
		       " WAL checkpoint after it%s\n",
		       t_full, t_full + ckpt_full, t_full > 10 ? " -- ABOVE the re-match's 10 s" : "");
	else
		printf("first full match of an empty store: not timed (BENCH_REUSE_MATCHED)\n");
	printf("goal: incremental match of a 1,000-CVE delta <= 1 s %s (%.2f s; %.2f s with the WAL"
	       " checkpoint after it; a second delta %.2f s)%s\n",
	       t_inc <= 1 ? "met" : "MISSED", t_inc, t_inc + ckpt_inc, t_inc2,
	       n < 320000 ? " -- at a SMALLER scale than the design's" : "");
	psirt_store_close(st);
	bench_sh(bench_xfmt("rm -f '%s' '%s-wal' '%s-shm' '%s'", work, work, work, delta));
	psirt_diag_release(&d);
	free(bindir);
	free(dir);
	free(nvd_db);
	free(pf_db);
	free(pf_stamp);
	free(work);
	free(delta);
	free(matched);
	return 0;
}
