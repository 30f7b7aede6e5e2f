/* Benchmark of the language-ecosystem version schemes: 1 M generated,
 * realistic pairs per scheme (semver, golang, maven, pypi, generic), timed
 * through the scheme's compare() (validation of both versions included, as a
 * caller pays it). Prints ns per compare.
 *
 * Also writes the semver pairs with our results to bench/data/semver-pairs.txt
 * and our ns/compare to bench/data/semver-c-ns.txt, for bench/semver-js.sh to
 * time npm's semver.compare on the same pairs and report disagreements. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "psirt/buf.h"
#include "psirt/version.h"

#define PAIRS 1000000

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	/* xorshift64*: deterministic, so every run times the same pairs */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 33) % n;
}

/* Small numbers are far more common than large ones in real versions. */
static unsigned skewed(unsigned max)
{
	unsigned a = rnd(max + 1), b = rnd(max + 1);

	return a < b ? a : b;
}

/* A "close" second version keeps the first one's leading numbers. */
static int g_close;
static unsigned g_major, g_minor;

static void lead(unsigned max_major, unsigned max_minor, unsigned *major, unsigned *minor)
{
	if (!g_close) {
		g_major = skewed(max_major);
		g_minor = skewed(max_minor);
	}
	*major = g_major;
	*minor = g_minor;
}

static const char *pick(const char *const *list, size_t n)
{
	return list[rnd((uint32_t)n)];
}
#define PICK(list) pick(list, sizeof list / sizeof list[0])

static void gen_semver(struct psirt_buf *b, int go)
{
	static const char *const pre[] = { "alpha", "beta", "rc", "alpha.1", "beta.2",
		                           "rc.1",  "rc.2", "next.3", "0" };

	unsigned ma, mi;

	lead(12, 40, &ma, &mi);
	psirt_buf_addf(b, "%s%u.%u.%u", go ? "v" : "", ma, mi, skewed(60));
	switch (rnd(10)) {
	case 0:
	case 1:
		psirt_buf_addf(b, "-%s", PICK(pre));
		break;
	case 2:
		if (go)
			psirt_buf_addf(b, "-0.20%02u%02u%02u%02u%02u%02u-%06x%06x", 10 + rnd(15),
			               1 + rnd(12), 1 + rnd(28), rnd(24), rnd(60), rnd(60),
			               rnd(1u << 24), rnd(1u << 24));
		else
			psirt_buf_addf(b, "-%s.%u", PICK(pre), rnd(20));
		break;
	case 3:
		if (!go)
			psirt_buf_addf(b, "+build.%u", rnd(1000));
		break;
	default:
		break;
	}
}

static void gen_maven(struct psirt_buf *b)
{
	static const char *const qual[] = { "-SNAPSHOT", ".Final", ".RELEASE", "-beta1",
		                            "-rc-2",     "-M5",    "-alpha-3",  ".Beta10",
		                            "-jre",      "-1",     "-android",  ".CR2" };

	unsigned ma, mi;

	lead(10, 30, &ma, &mi);
	psirt_buf_addf(b, "%u.%u", ma, mi);
	if (rnd(4))
		psirt_buf_addf(b, ".%u", skewed(40));
	if (!rnd(8))
		psirt_buf_addf(b, ".%u", skewed(10));
	if (!rnd(3))
		psirt_buf_adds(b, PICK(qual));
}

static void gen_pypi(struct psirt_buf *b)
{
	static const char *const suffix[] = { "a1", "b2", "rc1", ".post1", ".dev3", "rc2",
		                              "+local.1", ".post2.dev1", "a2.dev1" };

	unsigned ma, mi;

	lead(10, 30, &ma, &mi);
	if (!rnd(50))
		psirt_buf_adds(b, "1!");
	if (!rnd(10))
		psirt_buf_addf(b, "20%02u.%u.%u", 15 + ma, 1 + mi % 12, rnd(30));
	else
		psirt_buf_addf(b, "%u.%u.%u", ma, mi, skewed(30));
	if (!rnd(4))
		psirt_buf_adds(b, PICK(suffix));
}

static void gen_generic(struct psirt_buf *b)
{
	static const char *const suffix[] = { "k", "p1", "-rc1", "_p1", "a", "zd", "-beta2",
		                              "\\(1\\)su8", "b04" };

	unsigned ma, mi;

	lead(8, 40, &ma, &mi);
	if (!rnd(20))
		psirt_buf_addch(b, 'v');
	if (!rnd(12))
		psirt_buf_addf(b, "20%02u.%u", 10 + ma, 70 + mi % 20);
	else
		psirt_buf_addf(b, "%u.%u.%u", ma, mi, skewed(200));
	if (!rnd(6))
		psirt_buf_addf(b, ".%u", skewed(100));
	if (!rnd(4))
		psirt_buf_adds(b, PICK(suffix));
}

static void gen(const char *scheme, struct psirt_buf *b)
{
	if (!strcmp(scheme, "semver"))
		gen_semver(b, 0);
	else if (!strcmp(scheme, "golang"))
		gen_semver(b, 1);
	else if (!strcmp(scheme, "maven"))
		gen_maven(b);
	else if (!strcmp(scheme, "pypi"))
		gen_pypi(b);
	else
		gen_generic(b);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Pairs: half the time the second version shares the first one's leading
 * numbers, as in range checks against neighbouring releases; else it is
 * independent. Offsets into one buffer. */
static void make_pairs(const char *scheme, struct psirt_buf *text, size_t *off)
{
	size_t i;

	for (i = 0; i < 2 * PAIRS; i += 2) {
		off[i] = text->len;
		g_close = 0;
		gen(scheme, text);
		psirt_buf_addch(text, '\0');
		off[i + 1] = text->len;
		g_close = (int)rnd(2);
		gen(scheme, text);
		psirt_buf_addch(text, '\0');
	}
}

static int run(const char *scheme, FILE *dump, double *ns_out)
{
	const struct psirt_version_scheme *s = psirt_version_scheme_find(psirt_str_c(scheme));
	struct psirt_buf text = PSIRT_BUF_INIT;
	size_t *off = malloc(sizeof *off * 2 * PAIRS), i;
	struct psirt_str *v = malloc(sizeof *v * 2 * PAIRS);
	unsigned long errors = 0, less = 0, equal = 0;
	double t0, t1, best = 1e300;
	long sink = 0;
	int round;

	if (!s || !off || !v) {
		fprintf(stderr, "bench_version_lang: %s: setup failed\n", scheme);
		return 1;
	}
	make_pairs(scheme, &text, off);
	if (psirt_buf_error(&text)) {
		fprintf(stderr, "bench_version_lang: out of memory\n");
		return 1;
	}
	for (i = 0; i < 2 * PAIRS; i++)
		v[i] = psirt_str_c(text.p + off[i]);
	for (i = 0; i < PAIRS; i++) {
		int r = 0;

		if (s->compare(v[2 * i], v[2 * i + 1], &r, NULL)) {
			if (errors++ < 5)
				fprintf(stderr, "%s: generated pair rejected: %s %s\n", scheme,
				        v[2 * i].p, v[2 * i + 1].p);
			continue;
		}
		less += r < 0;
		equal += r == 0;
		if (dump)
			fprintf(dump, "%s\t%s\t%d\n", v[2 * i].p, v[2 * i + 1].p, r);
	}
	for (round = 0; round < 3; round++) {
		t0 = now_ns();
		for (i = 0; i < PAIRS; i++) {
			int r = 0;

			s->compare(v[2 * i], v[2 * i + 1], &r, NULL);
			sink += r;
		}
		t1 = now_ns();
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	*ns_out = best / PAIRS;
	printf("version_lang %-8s %d pairs: %6.1f ns/compare (best of 3; %lu <, %lu =, %lu errors; "
	       "e.g. %s vs %s)\n",
	       scheme, PAIRS, *ns_out, less, equal, errors, v[0].p, v[1].p);
	if (sink == 0x7fffffff)
		puts(""); /* keeps the loop's results alive */
	psirt_buf_release(&text);
	free(off);
	free(v);
	return errors != 0;
}

int main(void)
{
	static const char *const schemes[] = { "semver", "golang", "maven", "pypi", "generic" };
	FILE *dump, *nsf;
	double ns = 0;
	int status = 0;
	size_t i;

	mkdir("bench/data", 0777);
	dump = fopen("bench/data/semver-pairs.txt", "w");
	if (!dump)
		fprintf(stderr, "bench_version_lang: cannot write bench/data/semver-pairs.txt\n");
	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		status |= run(schemes[i], i == 0 ? dump : NULL, &ns);
		if (i == 0) {
			if (dump)
				fclose(dump);
			nsf = fopen("bench/data/semver-c-ns.txt", "w");
			if (nsf) {
				fprintf(nsf, "%.2f\n", ns);
				fclose(nsf);
			}
		}
	}
	return status;
}
