/* OSV import benchmark: a deterministic generator of OSV ecosystem zips
 * (OSV's gs://osv-vulnerabilities/<ECOSYSTEM>/all.zip: one record per
 * member) at the scale of the whole OSV database, then `psirt feed import
 * osv` of the folder into a fresh store, timed, next to the time `unzip -p
 * | jq -c .id` takes for one pass over the same records (the floor for
 * reading the JSON once), and the parser alone.
 *
 * usage: bench_feed_osv [RECORDS]        default 500000 (≈ all of OSV)
 *        bench_feed_osv --generate DIR RECORDS
 *        bench_feed_osv --parse-only DIR
 * Environment: BENCH_OSV_RECORDS (count), BENCH_DIR (default
 * build/bench-data). The zips are kept in BENCH_DIR/osv-RECORDS/ and reused.
 *
 * The mix follows osv.dev's ecosystems (record counts of 2025, rounded):
 * distribution records (Debian, Ubuntu, Alpine: one CVE each, ECOSYSTEM
 * ranges with fixed versions, the CVE as `related` or `upstream`) are most
 * of it; GitHub advisories of npm, PyPI, Maven, Go, crates.io, RubyGems,
 * Packagist (GHSA ids, a CVE alias, CVSS 3.1 or 4.0 vectors, one to three
 * affected packages, ECOSYSTEM or SEMVER ranges with 1-3 introduced/fixed
 * pairs, enumerated `versions` lists averaging ≈25 entries, long-tailed to
 * 400); OSS-Fuzz records with GIT ranges of 40-hex commits. Details run from
 * 80 to 3,000 characters; references 1-12.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "psirt/buf.h"
#include "psirt/feed.h"
#include "bench_util.h"

/* splitmix64 (bench_util.h): the same sequence on every machine */
static uint64_t rng = 0x5851f42d4c957f2dULL;

static const char *const words[] = {
	"a",         "an",        "the",      "in",        "of",        "to",       "via",
	"remote",    "attackers", "execute",  "arbitrary", "code",      "crafted",  "request",
	"allows",    "denial",    "service",  "memory",    "buffer",    "overflow", "parser",
	"function",  "user",      "input",    "before",    "version",   "library",  "when",
	"handling",  "malformed", "header",   "leads",     "injection", "path",     "traversal",
	"sensitive", "data",      "exposure", "untrusted", "template",  "prototype", "pollution",
	"regular",   "expression", "cause",   "excessive", "resource",  "consumption",
};

enum range_kind { R_ECOSYSTEM, R_SEMVER, R_GIT };
enum id_kind { ID_GHSA, ID_PYSEC, ID_GO, ID_RUSTSEC, ID_DEBIAN, ID_UBUNTU, ID_ALPINE, ID_OSSFUZZ };

/* One ecosystem: its share of the records (per mille), how its records
 * look. */
static const struct eco {
	const char *name;    /* ecosystem, also the zip's name */
	const char *purl;    /* purl type, NULL: none given */
	unsigned weight;     /* per mille */
	enum id_kind id;
	enum range_kind range;
	unsigned versions;   /* mean length of the versions list */
} ecos[] = {
	{ "Debian", "deb", 200, ID_DEBIAN, R_ECOSYSTEM, 8 },
	{ "Ubuntu", "deb", 210, ID_UBUNTU, R_ECOSYSTEM, 20 },
	{ "Alpine", "apk", 90, ID_ALPINE, R_ECOSYSTEM, 0 },
	{ "npm", "npm", 130, ID_GHSA, R_SEMVER, 25 },
	{ "PyPI", "pypi", 90, ID_PYSEC, R_ECOSYSTEM, 40 },
	{ "Maven", "maven", 80, ID_GHSA, R_ECOSYSTEM, 30 },
	{ "Go", "golang", 40, ID_GO, R_SEMVER, 0 },
	{ "crates.io", "cargo", 20, ID_RUSTSEC, R_SEMVER, 10 },
	{ "RubyGems", "gem", 25, ID_GHSA, R_ECOSYSTEM, 30 },
	{ "Packagist", "composer", 45, ID_GHSA, R_ECOSYSTEM, 40 },
	{ "OSS-Fuzz", NULL, 70, ID_OSSFUZZ, R_GIT, 0 },
};
#define NECOS (sizeof ecos / sizeof ecos[0])

static const char *const ref_types[] = { "ADVISORY", "WEB", "FIX", "PACKAGE", "REPORT", "ARTICLE" };

static void sentence(struct psirt_buf *b, size_t chars)
{
	size_t start = b->len;

	while (b->len - start < chars) {
		psirt_buf_adds(b, words[bench_below(&rng, sizeof words / sizeof words[0])]);
		psirt_buf_addch(b, ' ');
	}
	b->p[b->len - 1] = '.';
}

static void timestamp(struct psirt_buf *b, int year)
{
	psirt_buf_addf(b, "\"%04d-%02u-%02uT%02u:%02u:%02uZ\"", year, 1 + bench_below(&rng, 12),
	               1 + bench_below(&rng, 28), bench_below(&rng, 24), bench_below(&rng, 60),
	               bench_below(&rng, 60));
}

static void version(struct psirt_buf *b, unsigned i)
{
	psirt_buf_addf(b, "%u.%u.%u", i / 100, (i / 10) % 10, i % 10);
}

static void hex40(struct psirt_buf *b)
{
	int i;

	for (i = 0; i < 5; i++)
		psirt_buf_addf(b, "%08" PRIx32, (uint32_t)bench_splitmix(&rng));
}

/* GHSA's alphabet for its three groups of four */
static void ghsa(struct psirt_buf *b)
{
	static const char al[] = "23456789cfghjmpqrvwx";
	int i;

	psirt_buf_adds(b, "GHSA");
	for (i = 0; i < 12; i++) {
		if (i % 4 == 0)
			psirt_buf_addch(b, '-');
		psirt_buf_addch(b, al[bench_below(&rng, 20)]);
	}
}

static void package_name(struct psirt_buf *b, const struct eco *e, unsigned n)
{
	switch (e->id) {
	case ID_GO:
		psirt_buf_addf(b, "github.com/org%u/module%u", n % 5000, n);
		break;
	default:
		if (!strcmp(e->name, "Maven"))
			psirt_buf_addf(b, "org.example%u:artifact-%u", n % 3000, n);
		else if (!strcmp(e->name, "Packagist"))
			psirt_buf_addf(b, "vendor%u/package-%u", n % 4000, n);
		else
			psirt_buf_addf(b, "package-%u", n);
		break;
	}
}

static void affected(struct psirt_buf *b, const struct eco *e, unsigned pkg)
{
	unsigned pairs = 1 + (bench_chance(&rng, 25) ? 1 + bench_below(&rng, 2) : 0), i, nv,
	         base = 1 + bench_below(&rng, 300);
	struct psirt_buf name = PSIRT_BUF_INIT;

	package_name(&name, e, pkg);
	psirt_buf_addf(b, "{\"package\":{\"ecosystem\":\"%s", e->name);
	if (e->id == ID_DEBIAN)
		psirt_buf_addf(b, ":%u", 10 + bench_below(&rng, 4));
	else if (e->id == ID_UBUNTU)
		psirt_buf_addf(b, ":%u.04:LTS", 18 + 2 * bench_below(&rng, 4));
	else if (e->id == ID_ALPINE)
		psirt_buf_addf(b, ":v3.%u", 15 + bench_below(&rng, 6));
	psirt_buf_addf(b, "\",\"name\":\"%s\"", name.p);
	if (e->purl && bench_chance(&rng, 60)) {
		psirt_buf_addf(b, ",\"purl\":\"pkg:%s/", e->purl);
		if (e->id == ID_DEBIAN || e->id == ID_UBUNTU || e->id == ID_ALPINE)
			psirt_buf_addf(b, "%s/", e->id == ID_DEBIAN   ? "debian"
			                         : e->id == ID_UBUNTU ? "ubuntu"
			                                              : "alpine");
		psirt_buf_addf(b, "%s\"", strchr(name.p, ':') ? strchr(name.p, ':') + 1 : name.p);
	}
	psirt_buf_addf(b, "},\"ranges\":[{\"type\":\"%s\"",
	               e->range == R_GIT ? "GIT" : e->range == R_SEMVER ? "SEMVER" : "ECOSYSTEM");
	if (e->range == R_GIT)
		psirt_buf_addf(b, ",\"repo\":\"https://github.com/project%u/repo.git\"", pkg);
	psirt_buf_adds(b, ",\"events\":[");
	for (i = 0; i < pairs; i++) {
		psirt_buf_adds(b, i ? ",{\"introduced\":\"" : "{\"introduced\":\"");
		if (e->range == R_GIT)
			hex40(b);
		else if (!i && bench_chance(&rng, 60))
			psirt_buf_addch(b, '0');
		else
			version(b, base + i * 50);
		psirt_buf_adds(b, "\"}");
		if (i + 1 < pairs || bench_chance(&rng, 90)) {
			psirt_buf_adds(b, ",{\"fixed\":\"");
			if (e->range == R_GIT)
				hex40(b);
			else
				version(b, base + i * 50 + 1 + bench_below(&rng, 40));
			psirt_buf_adds(b, "\"}");
		}
	}
	psirt_buf_adds(b, "]}]");
	/* the long tail of enumerated versions (PyPI, Packagist: hundreds) */
	nv = e->versions ? (bench_chance(&rng, 5) ? 100 + bench_below(&rng, 300)
	                                          : bench_below(&rng, 2 * e->versions))
	                 : 0;
	psirt_buf_adds(b, ",\"versions\":[");
	for (i = 0; i < nv; i++) {
		psirt_buf_adds(b, i ? ",\"" : "\"");
		version(b, base + i);
		psirt_buf_addch(b, '"');
	}
	psirt_buf_adds(b, "]");
	if (e->id == ID_GO)
		psirt_buf_addf(b, ",\"ecosystem_specific\":{\"imports\":[{\"path\":\"%s\","
		                  "\"symbols\":[\"Parse\",\"Handler.ServeHTTP\"]}]}",
		               name.p);
	else if (e->id == ID_OSSFUZZ)
		psirt_buf_adds(b, ",\"ecosystem_specific\":{\"severity\":\"HIGH\"}");
	else
		psirt_buf_addf(b, ",\"database_specific\":{\"source\":\"https://example.org/%s/%u.json\"}",
		               e->name, pkg);
	psirt_buf_addch(b, '}');
	psirt_buf_release(&name);
}

/* One record; its id is written to id. */
static void record(struct psirt_buf *b, struct psirt_buf *id, const struct eco *e,
                   unsigned long long n)
{
	int year = 2015 + (int)bench_below(&rng, 11);
	unsigned cve = 1000 + bench_below(&rng, 50000), i, naff, nrefs;

	psirt_buf_reset(id);
	switch (e->id) {
	case ID_GHSA:
		ghsa(id);
		break;
	case ID_PYSEC:
		psirt_buf_addf(id, "PYSEC-%d-%llu", year, n);
		break;
	case ID_GO:
		psirt_buf_addf(id, "GO-%d-%04llu", year, n);
		break;
	case ID_RUSTSEC:
		psirt_buf_addf(id, "RUSTSEC-%d-%04llu", year, n);
		break;
	case ID_DEBIAN:
		psirt_buf_addf(id, "DEBIAN-CVE-%d-%u", year, cve);
		break;
	case ID_UBUNTU:
		psirt_buf_addf(id, "UBUNTU-CVE-%d-%u", year, cve);
		break;
	case ID_ALPINE:
		psirt_buf_addf(id, "ALPINE-CVE-%d-%u", year, cve);
		break;
	case ID_OSSFUZZ:
		psirt_buf_addf(id, "OSV-%d-%llu", year, n);
		break;
	}
	/* ids must be unique within a zip: a suffix for the CVE-based ones */
	if (e->id == ID_DEBIAN || e->id == ID_UBUNTU || e->id == ID_ALPINE)
		psirt_buf_addf(id, "%llu", n);
	psirt_buf_reset(b);
	psirt_buf_addf(b, "{\"schema_version\":\"1.6.0\",\"id\":\"%s\",\"modified\":", id->p);
	timestamp(b, year + 1 > 2025 ? 2025 : year + 1);
	psirt_buf_adds(b, ",\"published\":");
	timestamp(b, year);
	if (e->id == ID_DEBIAN || e->id == ID_ALPINE)
		psirt_buf_addf(b, ",\"related\":[\"CVE-%d-%u\"]", year, cve);
	else if (e->id == ID_UBUNTU)
		psirt_buf_addf(b, ",\"upstream\":[\"CVE-%d-%u\"]", year, cve);
	else if (e->id != ID_OSSFUZZ)
		psirt_buf_addf(b, ",\"aliases\":[\"CVE-%d-%u%llu\"]", year, cve, n % 10);
	if (e->id != ID_DEBIAN && e->id != ID_ALPINE) {
		psirt_buf_adds(b, ",\"summary\":\"");
		sentence(b, 30 + bench_below(&rng, 60));
		psirt_buf_addch(b, '"');
	}
	psirt_buf_adds(b, ",\"details\":\"");
	sentence(b, bench_chance(&rng, 10) ? 1000 + bench_below(&rng, 2000)
	                                   : 80 + bench_below(&rng, 600));
	psirt_buf_addch(b, '"');
	if (e->id == ID_UBUNTU)
		psirt_buf_addf(b, ",\"severity\":[{\"type\":\"Ubuntu\",\"score\":\"%s\"}]",
		               bench_chance(&rng, 50) ? "medium" : "low");
	else if (e->id != ID_DEBIAN && e->id != ID_ALPINE && e->id != ID_OSSFUZZ &&
	         bench_chance(&rng, 80))
		psirt_buf_addf(b, ",\"severity\":[{\"type\":\"%s\",\"score\":\"%s\"}]",
		               bench_chance(&rng, 85) ? "CVSS_V3" : "CVSS_V4",
		               bench_chance(&rng, 50)
		                   ? "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
		                   : "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N");
	naff = 1 + (bench_chance(&rng, 20) ? 1 + bench_below(&rng, 2) : 0);
	psirt_buf_adds(b, ",\"affected\":[");
	for (i = 0; i < naff; i++) {
		if (i)
			psirt_buf_addch(b, ',');
		affected(b, e, (unsigned)(n % 200000) + i);
	}
	psirt_buf_adds(b, "]");
	nrefs = 1 + bench_below(&rng, 12);
	psirt_buf_adds(b, ",\"references\":[");
	for (i = 0; i < nrefs; i++)
		psirt_buf_addf(b, "%s{\"type\":\"%s\",\"url\":\"https://example.org/advisory/%s/%u\"}",
		               i ? "," : "", ref_types[bench_below(&rng, 6)], id->p, i);
	psirt_buf_adds(b, "]");
	if (e->id == ID_GHSA)
		psirt_buf_addf(b, ",\"database_specific\":{\"cwe_ids\":[\"CWE-%u\"],\"severity\":"
		                  "\"HIGH\",\"github_reviewed\":true}",
		               20 + bench_below(&rng, 900));
	psirt_buf_adds(b, "}\n");
}

static int add_member(struct archive *a, const char *name, const char *data, size_t len)
{
	struct archive_entry *ent = archive_entry_new();
	int ok;

	archive_entry_set_pathname(ent, name);
	archive_entry_set_size(ent, (la_int64_t)len);
	archive_entry_set_filetype(ent, AE_IFREG);
	archive_entry_set_perm(ent, 0644);
	archive_entry_set_mtime(ent, 1735689600, 0);
	ok = archive_write_header(a, ent) == ARCHIVE_OK &&
	     archive_write_data(a, data, len) == (la_ssize_t)len;
	archive_entry_free(ent);
	return ok ? 0 : -1;
}

/* One zip per ecosystem, its share of total records. */
static int generate(const char *dir, unsigned long long total)
{
	struct psirt_buf rec = PSIRT_BUF_INIT, id = PSIRT_BUF_INIT;
	unsigned long long n, count, done = 0, bytes = 0;
	size_t k;
	char *path, *name;

	path = bench_xfmt("mkdir -p '%s'", dir);
	if (system(path))
		return -1;
	free(path);
	for (k = 0; k < NECOS; k++) {
		struct archive *a = archive_write_new();

		count = k + 1 == NECOS ? total - done : total * ecos[k].weight / 1000;
		path = bench_xfmt("%s/%s-all.zip", dir, ecos[k].name);
		if (!a || archive_write_set_format_zip(a) != ARCHIVE_OK ||
		    archive_write_zip_set_compression_deflate(a) != ARCHIVE_OK ||
		    archive_write_open_filename(a, path) != ARCHIVE_OK) {
			fprintf(stderr, "%s: %s\n", path, a ? archive_error_string(a) : "no memory");
			return -1;
		}
		for (n = 0; n < count; n++) {
			record(&rec, &id, &ecos[k], done + n);
			name = bench_xfmt("%s.json", id.p);
			bytes += rec.len;
			if (psirt_buf_error(&rec) || add_member(a, name, rec.p, rec.len)) {
				fprintf(stderr, "%s: %s\n", path, archive_error_string(a));
				return -1;
			}
			free(name);
		}
		if (archive_write_close(a) != ARCHIVE_OK)
			return -1;
		archive_write_free(a);
		free(path);
		done += count;
	}
	fprintf(stderr, "generated %llu records, %.1f MB of JSON, in %zu zips\n", done,
	        (double)bytes / 1e6, NECOS);
	psirt_buf_release(&rec);
	psirt_buf_release(&id);
	return 0;
}

static double cpu_s; /* user + system seconds of the last run() */

/* Runs argv (or a shell command) with stdout to /dev/null when quiet;
 * returns wall seconds and the child's peak RSS in KiB, or -1. */
static double run(char *const argv[], int quiet, long *maxrss_kib, const char *shell)
{
	struct rusage ru;
	double t0 = bench_now_s();
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (quiet && !freopen("/dev/null", "w", stdout))
			_exit(127);
		if (shell)
			execl("/bin/sh", "sh", "-c", shell, (char *)NULL);
		else
			execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	if (maxrss_kib)
		*maxrss_kib = ru.ru_maxrss;
	cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	        (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	return bench_now_s() - t0;
}

static unsigned long long dir_bytes(const char *dir)
{
	unsigned long long sum = 0;
	struct stat st;
	char *path;
	size_t k;

	for (k = 0; k < NECOS; k++) {
		path = bench_xfmt("%s/%s-all.zip", dir, ecos[k].name);
		if (stat(path, &st) == 0)
			sum += (unsigned long long)st.st_size;
		free(path);
	}
	return sum;
}

static enum psirt_err count_record(void *ctx, const struct psirt_vuln_record *r,
                                   struct psirt_diag *d)
{
	(void)r;
	(void)d;
	(*(unsigned long long *)ctx)++;
	return PSIRT_OK;
}

/* The parser alone over the zips (decompression included): its share of
 * the import. Also counts the uncompressed bytes. */
static int parse_only(const char *dir, unsigned long long *json_bytes, int quiet)
{
	unsigned long long records = 0, bytes = 0;
	struct psirt_feed_sink sink = { count_record, NULL, NULL, &records, NULL };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct archive_entry *ent;
	static char buf[1 << 16];
	double t0 = bench_now_s(), t;
	la_ssize_t n;
	size_t k;

	for (k = 0; k < NECOS; k++) {
		struct archive *a = archive_read_new();
		char *path = bench_xfmt("%s/%s-all.zip", dir, ecos[k].name);

		archive_read_support_format_zip(a);
		if (archive_read_open_filename(a, path, 1 << 20) != ARCHIVE_OK) {
			fprintf(stderr, "%s: %s\n", path, archive_error_string(a));
			return 1;
		}
		while (archive_read_next_header(a, &ent) == ARCHIVE_OK) {
			struct psirt_feed_parser *p;

			if (psirt_feed_parser_new(PSIRT_FEED_OSV, &sink, NULL, &p, &d))
				return 1;
			while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
				bytes += (unsigned long long)n;
				if (psirt_feed_parser_push(p, buf, (size_t)n, &d))
					break;
			}
			if (d.code || psirt_feed_parser_finish(p, &d)) {
				fprintf(stderr, "%s: parse error: %s\n", path, d.message);
				return 1;
			}
			psirt_feed_parser_free(p);
		}
		archive_read_free(a);
		free(path);
	}
	t = bench_now_s() - t0;
	if (!quiet)
		printf("osv parse only: %llu records, %.1f MB of JSON in %.2f s: %.1f MB/s, %.0f "
		       "records/s\n",
		       records, (double)bytes / 1e6, t, (double)bytes / 1e6 / t, (double)records / t);
	if (json_bytes)
		*json_bytes = bytes;
	return 0;
}

int main(int argc, char **argv)
{
	const char *env = getenv("BENCH_OSV_RECORDS"), *base = getenv("BENCH_DIR");
	unsigned long long n = env ? strtoull(env, NULL, 10) : 500000, json = 0;
	static char a_db[] = "--db", a_feed[] = "feed", a_import[] = "import", a_osv[] = "osv",
	            a_init[] = "init";
	char *dir, *stamp, *db, *psirt, *cmd, *slash;
	double t, tj, tcpu, tp;
	long rss = 0, jrss = 0;
	unsigned long long zbytes;
	FILE *f;

	if (argc == 4 && !strcmp(argv[1], "--generate"))
		return generate(argv[2], strtoull(argv[3], NULL, 10)) ? 1 : 0;
	if (argc == 3 && !strcmp(argv[1], "--parse-only"))
		return parse_only(argv[2], NULL, 0);
	if (argc == 2)
		n = strtoull(argv[1], NULL, 10);
	if (!n) {
		fprintf(stderr, "usage: bench_feed_osv [RECORDS] | --generate DIR RECORDS"
		                " | --parse-only DIR\n");
		return 2;
	}
	if (!base)
		base = "build/bench-data";
	dir = bench_xfmt("%s/osv-%llu", base, n);
	stamp = bench_xfmt("%s/.complete", dir);
	db = bench_xfmt("%s.db", dir);
	/* psirt is next to the bench folder: BUILD/bench/bench_feed_osv */
	slash = strrchr(argv[0], '/');
	if (!slash)
		return 2;
	psirt = bench_xfmt("%.*s/../psirt", (int)(slash - argv[0]), argv[0]);
	if (access(stamp, F_OK)) {
		t = bench_now_s();
		if (generate(dir, n))
			return 1;
		fprintf(stderr, "generation took %.1f s\n", bench_now_s() - t);
		f = fopen(stamp, "w");
		if (f)
			fclose(f);
	}
	zbytes = dir_bytes(dir);
	{
		double la[1];

		/* the machine is shared: wall times depend on what else runs */
		if (getloadavg(la, 1) == 1)
			printf("load average %.2f on %ld cores before the run\n", la[0],
			       sysconf(_SC_NPROCESSORS_ONLN));
	}
	tp = bench_now_s();
	if (parse_only(dir, &json, 0))
		return 1;
	tp = bench_now_s() - tp;
	cmd = bench_xfmt("rm -f '%s' '%s-wal' '%s-shm'", db, db, db);
	{
		char *init[] = { psirt, a_db, db, a_init, NULL };

		if (system(cmd) || run(init, 1, NULL, NULL) < 0) {
			fprintf(stderr, "cannot create %s\n", db);
			return 1;
		}
	}
	{
		char *imp[] = { psirt, a_db, db, a_feed, a_import, a_osv, dir, NULL };

		t = run(imp, 0, &rss, NULL);
	}
	if (t < 0) {
		fprintf(stderr, "import failed\n");
		return 1;
	}
	tcpu = cpu_s;
	printf("osv import: %llu records, %.1f MB of zips (%.1f MB of JSON) in %.2f s (CPU %.2f s):"
	       " %.1f MB/s of JSON, %.0f records/s, peak RSS %.1f MB\n",
	       n, (double)zbytes / 1e6, (double)json / 1e6, t, tcpu, (double)json / 1e6 / t,
	       (double)n / t, (double)rss / 1024);
	cmd = bench_xfmt("for z in '%s'/*-all.zip; do unzip -p \"$z\"; done | jq -c .id", dir);
	tj = -1;
	if (system("command -v jq >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1") == 0) {
		tj = run(NULL, 1, &jrss, cmd);
		if (tj > 0)
			printf("unzip|jq:   %.2f s (CPU %.2f s of jq and unzip's shell): %.1f MB/s;"
			       " import/jq = %.2f, parse/jq = %.2f\n",
			       tj, cpu_s, (double)json / 1e6 / tj, t / tj, tp / tj);
	} else {
		printf("unzip|jq:   jq or unzip not installed\n");
	}
	return 0;
}
