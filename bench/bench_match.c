/* Matching benchmark at design scale: the NVD of bench_feed_nvd's generator
 * (≈320 k CVEs, ≈2 M CPE match criteria) in a store, the matcher's index
 * loaded from it, then a generated portfolio of 1,000 product versions ×
 * 500 components matched product by product (configurations evaluated
 * against each product's whole set of identities), and one new
 * 1,000-component SBOM matched with the index already loaded.
 *
 * usage: bench_match [CVES]        default 320000 (≈ the whole NVD)
 * Environment: BENCH_NVD_CVES (count), BENCH_DIR (default build/bench-data),
 *              BENCH_PRODUCTS (product versions, 1000), BENCH_COMPONENTS (500),
 *              BENCH_THREADS (2: the goal is set for 2 cores; the index is
 *              read-only once loaded, so product versions are matched by
 *              that many threads sharing it).
 * The store is BENCH_DIR/nvd-CVES.db, as bench_feed_nvd leaves it; when it is
 * missing the feed is generated (bench_feed_nvd --generate, next to this
 * program) and imported with `psirt feed import nvd`.
 *
 * Components follow the generator's names (cpe:2.3:a:vendorV:productV_P)
 * with the same skew towards the busiest vendors, so that the hot keys of
 * the index are the hot keys of the portfolio: 80 % are known by a CPE, 10 %
 * by a purl and a CPE, 10 % by name and version only (the low-confidence
 * guess, through the product-name map). Each product version has its own
 * firmware (part o) and hardware (part h) CPE, which the generator's AND
 * configurations name.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "psirt/buf.h"
#include "psirt/match.h"
#include "psirt/store.h"
#include "bench_util.h"

/* splitmix64 (bench_util.h): the same sequence on every machine */
static uint64_t rng = 0x2545f4914f6cdd1dULL;

/* The portfolio: every string in one arena-like block list. */
struct product {
	struct psirt_match_subject *subjects;
	size_t n;
	const char *hardware[1];
	const char *firmware;
};

struct pool {
	char **items;
	size_t n, cap;
};

static char *keep(struct pool *p, char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		p->items = realloc(p->items, p->cap * sizeof *p->items);
		if (!p->items)
			exit(1);
	}
	p->items[p->n++] = s;
	return s;
}

static void make_component(struct pool *p, struct psirt_match_subject *s, unsigned nvendors)
{
	unsigned v = bench_skewed(&rng, nvendors), prod = bench_below(&rng, 10),
	         kind = bench_below(&rng, 10);
	char *ver = keep(p, bench_xfmt("%u.%u.%u", bench_below(&rng, 12), bench_below(&rng, 20),
	                               bench_below(&rng, 30)));
	const char **cpes = malloc(sizeof *cpes);

	if (!cpes)
		exit(1);
	memset(s, 0, sizeof *s);
	if (kind == 0) {
		/* known by name only: the guess looks the product name up */
		s->name = keep(p, bench_xfmt("product%u_%u", v, prod));
		s->version = ver;
		free(cpes);
		return;
	}
	cpes[0] = keep(p, bench_xfmt("cpe:2.3:a:vendor%u:product%u_%u:%s:*:*:*:*:*:*:*", v, v, prod, ver));
	s->cpes = cpes;
	s->ncpes = 1;
	if (kind == 1)
		s->purl = keep(p, bench_xfmt("pkg:generic/vendor%u/product%u_%u@%s", v, v, prod, ver));
}

static void make_product(struct pool *p, struct product *pr, size_t ncomp, unsigned nvendors)
{
	unsigned v = bench_skewed(&rng, nvendors), prod = bench_below(&rng, 8);
	size_t i;

	pr->n = ncomp;
	pr->subjects = calloc(ncomp, sizeof *pr->subjects);
	if (!pr->subjects)
		exit(1);
	for (i = 0; i < ncomp; i++)
		make_component(p, &pr->subjects[i], nvendors);
	pr->hardware[0] = keep(p, bench_xfmt("cpe:2.3:h:vendor%u:product%u_%u:-:*:*:*:*:*:*:*", v, v, prod));
	pr->firmware = keep(p, bench_xfmt("cpe:2.3:o:vendor%u:product%u_%u:%u.%u.%u:*:*:*:*:*:*:*",
	                                  v, v, prod, bench_below(&rng, 12), bench_below(&rng, 20),
	                                  bench_below(&rng, 30)));
}

static void free_product(struct product *pr)
{
	size_t i;

	for (i = 0; i < pr->n; i++)
		free((void *)pr->subjects[i].cpes);
	free(pr->subjects);
}

/* Makes sure BENCH_DIR/nvd-N.db holds the generated feed. */
static int ensure_store(const char *argv0, unsigned long long n, const char *base, char **db_out)
{
	const char *slash = strrchr(argv0, '/');
	char *dir = bench_xfmt("%s/nvd-%llu", base, n), *stamp = bench_xfmt("%s/.complete", dir),
	     *db = bench_xfmt("%s.db", dir), *bindir, *cmd;
	struct psirt_store *st;
	struct psirt_store_feed_status *fs;
	unsigned long long have = 0;
	double t;

	*db_out = db;
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
	if (!slash)
		return -1;
	bindir = bench_xfmt("%.*s", (int)(slash - argv0), argv0);
	cmd = bench_xfmt("mkdir -p '%s'", base);
	if (system(cmd))
		return -1;
	free(cmd);
	if (access(stamp, F_OK)) {
		t = bench_now_s();
		cmd = bench_xfmt("'%s/bench_feed_nvd' --generate '%s' %llu && touch '%s'", bindir, dir, n,
		           stamp);
		if (system(cmd))
			return -1;
		free(cmd);
		printf("generated the feed in %.1f s\n", bench_now_s() - t);
	}
	t = bench_now_s();
	cmd = bench_xfmt("rm -f '%s' '%s-wal' '%s-shm' && '%s/../psirt' --db '%s' init >/dev/null && "
	           "'%s/../psirt' --db '%s' feed import nvd '%s'",
	           db, db, db, bindir, db, bindir, db, dir);
	if (system(cmd))
		return -1;
	free(cmd);
	printf("imported the feed in %.1f s\n", bench_now_s() - t);
	free(bindir);
	free(dir);
	free(stamp);
	return 0;
}

/* One matching thread: every nth product version from the first. */
struct worker {
	pthread_t tid;
	const struct psirt_match_index *idx;
	const struct product *prods;
	size_t nprod, first, step;
	unsigned long long findings, evidence, product_level, low;
	int failed;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t i, k;

	for (i = w->first; i < w->nprod; i += w->step) {
		const struct product *pr = &w->prods[i];

		if (psirt_match_product(w->idx, pr->subjects, pr->n, pr->hardware, 1, pr->firmware,
		                        &res, &d)) {
			fprintf(stderr, "match: %s\n", d.message);
			w->failed = 1;
			break;
		}
		w->findings += res.n;
		for (k = 0; k < res.n; k++) {
			w->evidence += res.findings[k].nevidence;
			w->product_level += res.findings[k].subject == PSIRT_MATCH_PRODUCT;
			w->low += res.findings[k].confidence == PSIRT_MATCH_LOW;
		}
	}
	psirt_match_results_release(&res);
	psirt_diag_release(&d);
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	const char *env = getenv("BENCH_NVD_CVES"), *base = getenv("BENCH_DIR");
	const char *envp = getenv("BENCH_PRODUCTS"), *envc = getenv("BENCH_COMPONENTS");
	unsigned long long n = env ? strtoull(env, NULL, 10) : 320000;
	size_t nprod = envp ? strtoul(envp, NULL, 10) : 1000;
	size_t ncomp = envc ? strtoul(envc, NULL, 10) : 500;
	const char *envt = getenv("BENCH_THREADS");
	size_t nthreads = envt ? strtoul(envt, NULL, 10) : 2;
	struct worker *workers;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct psirt_match_index_stats stats;
	struct psirt_match_index *idx;
	struct psirt_store *st;
	struct product *prods, sbom;
	struct pool pool = { NULL, 0, 0 };
	unsigned long long findings = 0, evidence = 0, product_level = 0, low = 0;
	double t0, c0, t_load, t_match, c_match, times[7];
	unsigned nvendors;
	long rss_load;
	size_t i;
	char *db;

	if (argc == 2)
		n = strtoull(argv[1], NULL, 10);
	if (!n || !nprod || !ncomp || !nthreads) {
		fprintf(stderr, "usage: bench_match [CVES]\n");
		return 2;
	}
	if (!base)
		base = "build/bench-data";
	{
		double la[1];

		if (getloadavg(la, 1) == 1)
			printf("load average %.2f on %ld cores before the run\n", la[0],
			       sysconf(_SC_NPROCESSORS_ONLN));
	}
	if (ensure_store(argv[0], n, base, &db)) {
		fprintf(stderr, "cannot build the store\n");
		return 1;
	}
	if (psirt_store_open(db, 0, &st, &d)) {
		fprintf(stderr, "%s: %s\n", db, d.message);
		return 1;
	}
	t0 = bench_now_s();
	c0 = bench_cpu_s();
	if (psirt_match_index_load(st, &idx, &d)) {
		fprintf(stderr, "index: %s\n", d.message);
		return 1;
	}
	t_load = bench_now_s() - t0;
	psirt_store_close(st);
	rss_load = bench_peak_rss_kib();
	psirt_match_index_stats(idx, &stats);
	printf("index load: %.2f s (CPU %.2f s): %zu records (%zu withdrawn left out), %zu "
	       "configurations, %zu nodes, %zu criteria under %zu keys, %zu unusable; %.0f MB held,"
	       " peak RSS %.0f MB\n",
	       t_load, bench_cpu_s() - c0, stats.records, stats.withdrawn, stats.configs, stats.nodes,
	       stats.criteria, stats.keys, stats.problems, (double)stats.bytes / 1e6,
	       (double)rss_load / 1024);

	/* the portfolio */
	nvendors = (unsigned)(n / 16 + 50); /* as the generator */
	prods = calloc(nprod, sizeof *prods);
	if (!prods)
		return 1;
	for (i = 0; i < nprod; i++)
		make_product(&pool, &prods[i], ncomp, nvendors);

	t0 = bench_now_s();
	c0 = bench_cpu_s();
	workers = calloc(nthreads, sizeof *workers);
	if (!workers)
		return 1;
	for (i = 0; i < nthreads; i++) {
		workers[i].idx = idx;
		workers[i].prods = prods;
		workers[i].nprod = nprod;
		workers[i].first = i;
		workers[i].step = nthreads;
		if (pthread_create(&workers[i].tid, NULL, work, &workers[i]))
			return 1;
	}
	for (i = 0; i < nthreads; i++) {
		pthread_join(workers[i].tid, NULL);
		if (workers[i].failed)
			return 1;
		findings += workers[i].findings;
		evidence += workers[i].evidence;
		product_level += workers[i].product_level;
		low += workers[i].low;
	}
	free(workers);
	t_match = bench_now_s() - t0;
	c_match = bench_cpu_s() - c0;
	printf("full match: %zu product versions x %zu components = %zu components in %.2f s "
	       "with %zu threads (CPU %.2f s: %.1f us per component); %llu findings (%llu of the "
	       "products' own firmware/hardware, %llu low confidence), %llu evidence items\n",
	       nprod, ncomp, nprod * ncomp, t_match, nthreads, c_match,
	       c_match * 1e6 / (double)(nprod * ncomp), findings, product_level, low, evidence);

	/* one new SBOM of 1,000 components, index loaded */
	make_product(&pool, &sbom, 1000, nvendors);
	for (i = 0; i < sizeof times / sizeof times[0]; i++) {
		t0 = bench_now_s();
		if (psirt_match_product(idx, sbom.subjects, sbom.n, sbom.hardware, 1, sbom.firmware,
		                        &res, &d)) {
			fprintf(stderr, "match: %s\n", d.message);
			return 1;
		}
		times[i] = bench_now_s() - t0;
	}
	qsort(times, sizeof times / sizeof times[0], sizeof times[0], cmp_double);
	printf("one 1,000-component SBOM: %.1f ms (median of %zu; fastest %.1f ms), %zu findings\n",
	       times[3] * 1e3, sizeof times / sizeof times[0], times[0] * 1e3, res.n);
	printf("peak RSS %.0f MB\n", (double)bench_peak_rss_kib() / 1024);
	printf("goals of the matcher alone, in memory (bench_findings times the whole run, findings "
	       "written): full match <= 10 s %s; peak RSS <= 2 GB %s; SBOM <= 50 ms %s\n",
	       t_match <= 10 ? "met" : "MISSED", bench_peak_rss_kib() <= 2L * 1024 * 1024 ? "met" : "MISSED",
	       times[3] <= 0.050 ? "met" : "MISSED");

	psirt_match_results_release(&res);
	psirt_match_index_free(idx);
	for (i = 0; i < nprod; i++)
		free_product(&prods[i]);
	free_product(&sbom);
	free(prods);
	for (i = 0; i < pool.n; i++)
		free(pool.items[i]);
	free(pool.items);
	free(db);
	return 0;
}
