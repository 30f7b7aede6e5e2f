/* Incremental NVD sync benchmark: a store holding a generated NVD (the
 * generator of bench_feed_nvd), then `psirt feed sync nvd` fetching 1,000
 * changed CVEs from a local HTTP server (the tests' server, on 127.0.0.1),
 * timed end to end: the process starting, the HTTP transfer, parsing, the
 * 1,000 replacements and the commit. Goal: <= 2 s.
 *
 * usage: bench_feed_sync [CVES]      default 320000 (≈ the whole NVD)
 * Environment: BENCH_SYNC_CVES or BENCH_NVD_CVES (count), BENCH_DIR
 * (default build/bench-data). The store of bench_feed_nvd for the same
 * count (BENCH_DIR/nvd-CVES.db, left by its run just before this one in
 * `make bench`) is copied when present; otherwise the generated files are
 * imported first (not timed).
 *
 * The 1,000 changed CVEs are every (CVES/1000)-th item of the generated
 * year files, cut out as text (the generator writes each item between a
 * "  {" line and a "  }" line) with a newer lastModified, served as one API
 * page — NVD's pages hold up to 2,000.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tests/support/http_server.c"
#include "psirt/buf.h"
#include "bench_util.h"

#define CHANGED 1000
#define FIRST_YEAR 1999
#define LAST_YEAR 2025

static struct psirt_buf page = PSIRT_BUF_INIT;
static const char empty_page[] =
	"{\"resultsPerPage\":0,\"startIndex\":0,\"totalResults\":0,\"vulnerabilities\":[]}";
static int serve_empty;

static void route(void *ctx, const struct hs_request *req, struct hs_answer *a)
{
	(void)ctx;
	(void)req;
	if (serve_empty) {
		a->body = empty_page;
		a->body_len = sizeof empty_page - 1;
	} else {
		a->body = page.p;
		a->body_len = page.len;
	}
}

/* A formatted string in a fresh buffer (bench code: exits when out of memory). */
/* Runs a shell command line; its wall time, or -1 when it fails. */
static double run_cmd(const char *cmd, long *maxrss_kib)
{
	struct rusage ru;
	double t0 = bench_now_s();
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	if (maxrss_kib)
		*maxrss_kib = ru.ru_maxrss;
	return bench_now_s() - t0;
}

/* The changed items as one page; returns how many. */
static unsigned build_page(const char *dir, unsigned long long n)
{
	unsigned long long step = n / CHANGED ? n / CHANGED : 1, i = 0;
	unsigned taken = 0, in_item = 0, keep = 0;
	char *path, *line = NULL, *lm, count[16];
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int y;

	psirt_buf_adds(&page, "{\"resultsPerPage\": 1000, \"startIndex\": 0, \"totalResults\": ");
	psirt_buf_adds(&page, "          , \"format\": \"NVD_CVE\", \"version\": \"2.0\","
	                      " \"timestamp\": \"2026-01-15T08:00:00.000\", \"vulnerabilities\": [\n");
	for (y = FIRST_YEAR; y <= LAST_YEAR && taken < CHANGED; y++) {
		path = bench_xfmt("%s/nvdcve-2.0-%d.json", dir, y);
		f = fopen(path, "r");
		free(path);
		if (!f)
			continue;
		while ((len = getline(&line, &cap, f)) > 0 && taken < CHANGED) {
			if (!in_item && !strcmp(line, "  {\n")) {
				in_item = 1;
				keep = i++ % step == 0;
				if (keep && taken)
					psirt_buf_adds(&page, ",\n");
			}
			if (in_item && keep) {
				/* newer than any generated date: every item is an update */
				lm = strstr(line, "\"lastModified\": \"");
				if (lm)
					memcpy(lm + 17, "2026-01-10", 10);
				if (!strncmp(line, "  }", 3)) {
					psirt_buf_adds(&page, "  }");
					taken++;
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
	/* the count, in the blank left for it */
	snprintf(count, sizeof count, "%-10u", taken);
	memcpy(strstr(page.p, "\"totalResults\": ") + 16, count, 10);
	return psirt_buf_error(&page) ? 0 : taken;
}

int main(int argc, char **argv)
{
	const char *env = getenv("BENCH_SYNC_CVES"), *base = getenv("BENCH_DIR");
	unsigned long long n;
	char *cmd, *dir, *db, *src_db, *psirt, *gen, *stamp;
	struct hs_server *server;
	const char *slash = strrchr(argv[0], '/');
	unsigned changed;
	double t, best = -1;
	long rss = 0;
	int i;

	if (!env)
		env = getenv("BENCH_NVD_CVES");
	n = argc == 2 ? strtoull(argv[1], NULL, 10) : env ? strtoull(env, NULL, 10) : 320000;
	if (!n || !slash)
		return 2;
	if (!base)
		base = "build/bench-data";
	dir = bench_xfmt("%s/nvd-%llu", base, n);
	stamp = bench_xfmt("%s/.complete", dir);
	src_db = bench_xfmt("%s/nvd-%llu.db", base, n);
	db = bench_xfmt("%s/sync-%llu.db", base, n);
	psirt = bench_xfmt("%.*s/../psirt", (int)(slash - argv[0]), argv[0]);
	gen = bench_xfmt("%.*s/bench_feed_nvd", (int)(slash - argv[0]), argv[0]);
	setenv("no_proxy", "*", 1); /* 127.0.0.1 only, never through a proxy */
	setenv("NO_PROXY", "*", 1);

	if (access(stamp, F_OK)) {
		cmd = bench_xfmt("mkdir -p '%s' && '%s' --generate '%s' %llu && touch '%s'", base,
		         gen, dir, n, stamp);
		if (run_cmd(cmd, NULL) < 0) {
			fprintf(stderr, "cannot generate %s\n", dir);
			return 1;
		}
	}
	cmd = bench_xfmt("rm -f '%s' '%s-wal' '%s-shm'", db, db, db);
	if (run_cmd(cmd, NULL) < 0)
		return 1;
	if (access(src_db, F_OK) == 0) {
		cmd = bench_xfmt("cp '%s' '%s'", src_db, db);
		t = run_cmd(cmd, NULL);
		printf("store: copied %s (%.1f s)\n", src_db, t);
	} else {
		cmd = bench_xfmt("'%s' --db '%s' init >/dev/null && '%s' --db '%s' feed import nvd '%s'",
		         psirt, db, psirt, db, dir);
		t = run_cmd(cmd, NULL);
		printf("store: imported %s (%.1f s)\n", dir, t);
	}
	if (t < 0) {
		fprintf(stderr, "cannot make the store %s\n", db);
		return 1;
	}
	changed = build_page(dir, n);
	if (!changed) {
		fprintf(stderr, "no changed CVEs cut from %s\n", dir);
		return 1;
	}
	server = hs_start(route, NULL);
	if (!server)
		return 1;
	/* the state a daily sync finds: last synced two weeks ago */
	serve_empty = 1;
	cmd = bench_xfmt("PSIRT_NOW=2026-01-01T00:00:00Z '%s' --db '%s' feed sync nvd --delay 0"
	         " --url nvd=http://127.0.0.1:%d/rest/json/cves/2.0 >/dev/null",
	         psirt, db, hs_port(server));
	if (run_cmd(cmd, NULL) < 0) {
		fprintf(stderr, "the first sync failed\n");
		return 1;
	}
	serve_empty = 0;
	/* three daily runs (the same 1,000 CVEs: the first updates them, the
	 * later find them unchanged); the first is the figure that counts */
	for (i = 0; i < 3; i++) {
		cmd = bench_xfmt("PSIRT_NOW=2026-01-%02dT09:00:00Z '%s' --db '%s' feed sync nvd --delay 0"
		           " --url nvd=http://127.0.0.1:%d/rest/json/cves/2.0%s",
		           15 + i, psirt, db, hs_port(server), i ? " >/dev/null" : "");
		t = run_cmd(cmd, &rss);
		if (t < 0) {
			fprintf(stderr, "the sync failed\n");
			return 1;
		}
		if (!i) {
			best = t;
			printf("nvd incremental sync: %u changed CVEs (%.1f MB page) into a store of %llu"
			       " CVEs: %.2f s, peak RSS %.1f MB\n",
			       changed, (double)page.len / 1e6, n, t, (double)rss / 1024);
		} else {
			printf("  again (all unchanged): %.2f s\n", t);
		}
	}
	printf("goal: <= 2 s %s\n", best <= 2 ? "met" : "MISSED");
	hs_stop(server);
	psirt_buf_release(&page);
	cmd = bench_xfmt("rm -f '%s' '%s-wal' '%s-shm'", db, db, db);
	run_cmd(cmd, NULL);
	return 0;
}
