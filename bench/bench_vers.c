/* Benchmark of vers ranges: 1 M psirt_vers_satisfies() checks per scheme
 * (npm/semver, deb, pypi) over generated ranges shaped like advisories'
 * (one to three affected intervals, some with an excluded or a single
 * version), against generated versions near the bounds. Prints ns/check,
 * the share of versions found inside, and ns/parse of the ranges.
 *
 * A scheme that is not registered is reported ("scheme X not registered")
 * and skipped, not failed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "psirt/buf.h"
#include "psirt/vers.h"

#define RANGES 1000
#define VERSIONS 1000
#define CHECKS 1000000

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint32_t rnd(uint32_t n)
{
	/* xorshift64*: deterministic, every run times the same data */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 33) % n;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One version of the scheme with numbers major.minor.patch and a variant
 * (0: plain; 1..: a pre-release or distribution suffix). */
static void version(struct psirt_buf *b, const char *scheme, unsigned major, unsigned minor,
                    unsigned patch, unsigned variant)
{
	static const char *const npm_pre[] = { "", "-rc.1", "-beta.2", "-alpha", "+build.5" };
	static const char *const deb_rev[] = { "-1", "-2", "-1+deb12u1", "-1~bpo11+1", "~rc1-1" };
	static const char *const pypi_suf[] = { "", "rc1", ".post1", "b2", ".dev3" };

	if (!strcmp(scheme, "npm")) {
		psirt_buf_addf(b, "%u.%u.%u%s", major, minor, patch, npm_pre[variant % 5]);
	} else if (!strcmp(scheme, "deb")) {
		if (variant == 4)
			psirt_buf_adds(b, "1:");
		psirt_buf_addf(b, "%u.%u.%u%s", major, minor, patch, deb_rev[variant % 5]);
	} else if (patch) {
		psirt_buf_addf(b, "%u.%u.%u%s", major, minor, patch, pypi_suf[variant % 5]);
	} else {
		psirt_buf_addf(b, "%u.%u%s", major, minor, pypi_suf[variant % 5]); /* "1.4rc1" */
	}
}

/* A range of one to three intervals >=a|<b (sometimes <=, a single version
 * or a !=), in version order, as vers. */
static void range(struct psirt_buf *b, const char *scheme)
{
	unsigned n = 1 + rnd(3), i, major = rnd(3), minor = rnd(4);

	psirt_buf_addf(b, "vers:%s/", scheme);
	for (i = 0; i < n; i++) {
		unsigned lo_patch = rnd(5), hi_patch = lo_patch + 1 + rnd(8);

		if (i)
			psirt_buf_addch(b, '|');
		if (i == 0 && rnd(4) == 0) {
			psirt_buf_adds(b, "<");
			version(b, scheme, major, minor, hi_patch, rnd(3));
		} else {
			psirt_buf_adds(b, ">=");
			version(b, scheme, major, minor, lo_patch, 0);
			if (rnd(5) == 0) {
				psirt_buf_adds(b, "|!=");
				version(b, scheme, major, minor, lo_patch, 1);
			}
			psirt_buf_adds(b, rnd(4) ? "|<" : "|<=");
			version(b, scheme, major, minor, hi_patch, rnd(3));
		}
		minor += 1 + rnd(3);
	}
	if (rnd(6) == 0) {
		psirt_buf_addch(b, '|');
		version(b, scheme, major + 3, 0, 0, 0);
	}
}

static int bench_scheme(const char *scheme)
{
	struct psirt_vers **ranges = calloc(RANGES, sizeof *ranges);
	char **versions = calloc(VERSIONS, sizeof *versions);
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	double t0, t1, t2;
	unsigned long inside = 0, i, j;
	size_t *vlen = calloc(VERSIONS, sizeof *vlen);
	char **texts = calloc(RANGES, sizeof *texts);
	int in, rc = 0;

	if (!psirt_version_scheme_find(psirt_str_c(scheme))) {
		printf("vers %-5s: scheme %s not registered\n", scheme, scheme);
		goto out;
	}
	if (!ranges || !versions || !vlen || !texts) {
		rc = 1;
		goto out;
	}
	for (i = 0; i < RANGES; i++) {
		psirt_buf_reset(&b);
		range(&b, scheme);
		texts[i] = psirt_buf_detach(&b, NULL);
	}
	for (i = 0; i < VERSIONS; i++) {
		psirt_buf_reset(&b);
		version(&b, scheme, rnd(3), rnd(10), rnd(14), rnd(6) ? 0 : 1 + rnd(4));
		versions[i] = psirt_buf_detach(&b, &vlen[i]);
	}
	t0 = now_ns();
	for (i = 0; i < RANGES; i++) {
		if (psirt_vers_parse(psirt_str_c(texts[i]), NULL, 0, NULL, &ranges[i], &d)) {
			fprintf(stderr, "vers %s: %s: %s\n", scheme, texts[i], d.message);
			rc = 1;
			goto out;
		}
	}
	t1 = now_ns();
	for (i = 0; i < CHECKS; i++) {
		j = i % VERSIONS;
		if (psirt_vers_satisfies(ranges[i % RANGES], psirt_str_make(versions[j], vlen[j]), &in,
		                         &d)) {
			fprintf(stderr, "vers %s: %s: %s\n", scheme, versions[j], d.message);
			rc = 1;
			goto out;
		}
		inside += (unsigned long)in;
	}
	t2 = now_ns();
	printf("vers %-5s: %.1f ns/check (%d checks, %.1f%% inside), %.0f ns/parse (e.g. %s)\n",
	       scheme, (t2 - t1) / CHECKS, CHECKS, 100.0 * (double)inside / CHECKS,
	       (t1 - t0) / RANGES, texts[0]);
out:
	for (i = 0; ranges && i < RANGES; i++)
		psirt_vers_free(ranges[i]);
	for (i = 0; versions && i < VERSIONS; i++)
		free(versions[i]);
	for (i = 0; texts && i < RANGES; i++)
		free(texts[i]);
	free(ranges);
	free(versions);
	free(vlen);
	free(texts);
	psirt_buf_release(&b);
	psirt_diag_release(&d);
	return rc;
}

int main(void)
{
	int rc = 0;

	rc |= bench_scheme("npm");
	rc |= bench_scheme("deb");
	rc |= bench_scheme("pypi");
	return rc;
}
