/* CVSS parse-and-score benchmark.
 *
 * Generates deterministically 1,000,000 CVSS v3.1 and 1,000,000 CVSS v4.0
 * vectors: the base metrics cycle through every combination (2,592 for v3.1,
 * 104,976 for v4.0), the temporal/threat, environmental and supplemental
 * metrics are drawn by a fixed-seed generator (each present half of the time,
 * X included among the values). Writes them to bench/data/cvss31.txt and
 * cvss40.txt, times psirt_cvss_parse() + psirt_cvss_score() over them (CPU
 * time, best of 3 runs), prints ns/vector, and writes our scores (cvss31.scores:
 * "base temporal environmental", cvss40.scores: the overall score) and the
 * timings (cvss-c.ns) for bench/cvss-js.sh to compare with a JS library.
 * Run from the repository root (scripts/bench.sh does).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "psirt/cvss.h"

#define COUNT 1000000
#define RUNS 3

struct metric {
	const char *name;
	int nvalues;
	const char *values[6];
};

static const struct metric v31_base[] = {
	{ "AV", 4, { "N", "A", "L", "P" } }, { "AC", 2, { "L", "H" } },
	{ "PR", 3, { "N", "L", "H" } },      { "UI", 2, { "N", "R" } },
	{ "S", 2, { "U", "C" } },            { "C", 3, { "H", "L", "N" } },
	{ "I", 3, { "H", "L", "N" } },       { "A", 3, { "H", "L", "N" } },
};
static const struct metric v31_opt[] = {
	{ "E", 5, { "X", "H", "F", "P", "U" } },  { "RL", 5, { "X", "U", "W", "T", "O" } },
	{ "RC", 4, { "X", "C", "R", "U" } },      { "CR", 4, { "X", "H", "M", "L" } },
	{ "IR", 4, { "X", "H", "M", "L" } },      { "AR", 4, { "X", "H", "M", "L" } },
	{ "MAV", 5, { "X", "N", "A", "L", "P" } }, { "MAC", 3, { "X", "L", "H" } },
	{ "MPR", 4, { "X", "N", "L", "H" } },     { "MUI", 3, { "X", "N", "R" } },
	{ "MS", 3, { "X", "U", "C" } },           { "MC", 4, { "X", "H", "L", "N" } },
	{ "MI", 4, { "X", "H", "L", "N" } },      { "MA", 4, { "X", "H", "L", "N" } },
};
static const struct metric v40_base[] = {
	{ "AV", 4, { "N", "A", "L", "P" } }, { "AC", 2, { "L", "H" } },
	{ "AT", 2, { "N", "P" } },           { "PR", 3, { "N", "L", "H" } },
	{ "UI", 3, { "N", "P", "A" } },      { "VC", 3, { "H", "L", "N" } },
	{ "VI", 3, { "H", "L", "N" } },      { "VA", 3, { "H", "L", "N" } },
	{ "SC", 3, { "H", "L", "N" } },      { "SI", 3, { "H", "L", "N" } },
	{ "SA", 3, { "H", "L", "N" } },
};
static const struct metric v40_opt[] = {
	{ "E", 4, { "X", "A", "P", "U" } },       { "CR", 4, { "X", "H", "M", "L" } },
	{ "IR", 4, { "X", "H", "M", "L" } },      { "AR", 4, { "X", "H", "M", "L" } },
	{ "MAV", 5, { "X", "N", "A", "L", "P" } }, { "MAC", 3, { "X", "L", "H" } },
	{ "MAT", 3, { "X", "N", "P" } },          { "MPR", 4, { "X", "N", "L", "H" } },
	{ "MUI", 4, { "X", "N", "P", "A" } },     { "MVC", 4, { "X", "H", "L", "N" } },
	{ "MVI", 4, { "X", "H", "L", "N" } },     { "MVA", 4, { "X", "H", "L", "N" } },
	{ "MSC", 4, { "X", "H", "L", "N" } },     { "MSI", 5, { "X", "S", "H", "L", "N" } },
	{ "MSA", 5, { "X", "S", "H", "L", "N" } }, { "S", 3, { "X", "N", "P" } },
	{ "AU", 3, { "X", "N", "Y" } },           { "R", 4, { "X", "A", "U", "I" } },
	{ "V", 3, { "X", "D", "C" } },            { "RE", 4, { "X", "L", "M", "H" } },
	{ "U", 5, { "X", "Clear", "Green", "Amber", "Red" } },
};

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

/* xorshift64*: fixed seed, so every run writes the same vectors */
static uint32_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static size_t add(char *p, const char *name, const char *value, int slash)
{
	size_t n = 0, k;

	if (slash)
		p[n++] = '/';
	k = strlen(name);
	memcpy(p + n, name, k);
	n += k;
	p[n++] = ':';
	k = strlen(value);
	memcpy(p + n, value, k);
	return n + k;
}

/* One vector into p (room for 256 bytes); returns its length. */
static size_t make(char *p, const char *prefix, const struct metric *base, size_t nbase,
                   const struct metric *opt, size_t nopt, unsigned long combo)
{
	size_t n = strlen(prefix), i;

	memcpy(p, prefix, n);
	for (i = 0; i < nbase; i++) {
		n += add(p + n, base[i].name, base[i].values[combo % (unsigned)base[i].nvalues],
		         i > 0);
		combo /= (unsigned)base[i].nvalues;
	}
	for (i = 0; i < nopt; i++) {
		if (rnd() & 1)
			n += add(p + n, opt[i].name, opt[i].values[rnd() % (unsigned)opt[i].nvalues], 1);
	}
	p[n] = '\0';
	return n;
}

struct set {
	const char *name, *file, *scores;
	char *text;        /* every vector, NUL-separated */
	size_t *off, *len; /* COUNT of each */
	struct psirt_cvss_scores *sc;
	double ns;
};

/* CPU time, not wall time: the machine is shared, and another process's
 * turn on the core is no time spent scoring. bench/cvss/bench.js measures
 * node's CPU time alike (its garbage collector's threads included). */
static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int generate(struct set *s, int v4)
{
	FILE *f;
	size_t used = 0, i;

	s->text = malloc((size_t)COUNT * 256);
	s->off = malloc(COUNT * sizeof *s->off);
	s->len = malloc(COUNT * sizeof *s->len);
	s->sc = malloc(COUNT * sizeof *s->sc);
	if (!s->text || !s->off || !s->len || !s->sc)
		return -1;
	f = fopen(s->file, "w");
	if (!f) {
		perror(s->file);
		return -1;
	}
	for (i = 0; i < COUNT; i++) {
		s->off[i] = used;
		if (v4)
			s->len[i] = make(s->text + used, "CVSS:4.0/", v40_base, 11, v40_opt, 21, i);
		else
			s->len[i] = make(s->text + used, "CVSS:3.1/", v31_base, 8, v31_opt, 14, i);
		fprintf(f, "%s\n", s->text + used);
		used += s->len[i] + 1;
	}
	return fclose(f) ? -1 : 0;
}

static int run(struct set *s)
{
	struct psirt_cvss c;
	double t0, best = 0;
	long long check = 0;
	size_t i;
	int r;
	FILE *f;

	for (r = 0; r < RUNS; r++) {
		t0 = now_ns();
		for (i = 0; i < COUNT; i++) {
			if (psirt_cvss_parse(&c, s->text + s->off[i], s->len[i], NULL) != PSIRT_OK) {
				fprintf(stderr, "bench_cvss: rejected %s\n", s->text + s->off[i]);
				return -1;
			}
			psirt_cvss_score(&c, &s->sc[i]);
		}
		t0 = now_ns() - t0;
		if (r == 0 || t0 < best)
			best = t0;
	}
	for (i = 0; i < COUNT; i++)
		check += s->sc[i].overall;
	s->ns = best / COUNT;
	printf("cvss %s: %d vectors parsed and scored, %.1f ns/vector CPU time (best of %d; "
	       "checksum %lld)\n", s->name, COUNT, s->ns, RUNS, check);
	f = fopen(s->scores, "w");
	if (!f)
		return -1;
	for (i = 0; i < COUNT; i++) {
		if (s->sc[i].version == PSIRT_CVSS_V4_0)
			fprintf(f, "%d.%d\n", s->sc[i].overall / 10, s->sc[i].overall % 10);
		else
			fprintf(f, "%d.%d %d.%d %d.%d\n", s->sc[i].base / 10, s->sc[i].base % 10,
			        s->sc[i].temporal / 10, s->sc[i].temporal % 10,
			        s->sc[i].environmental / 10, s->sc[i].environmental % 10);
	}
	return fclose(f) ? -1 : 0;
}

int main(void)
{
	struct set sets[2] = {
		{ "v3.1", "bench/data/cvss31.txt", "bench/data/cvss31.scores", NULL, NULL, NULL,
		  NULL, 0 },
		{ "v4.0", "bench/data/cvss40.txt", "bench/data/cvss40.scores", NULL, NULL, NULL,
		  NULL, 0 },
	};
	FILE *f;
	int i, rc = 0;

	mkdir("bench/data", 0777);
	for (i = 0; i < 2 && rc == 0; i++) {
		if (generate(&sets[i], i == 1) || run(&sets[i]))
			rc = 1;
	}
	if (rc == 0) {
		f = fopen("bench/data/cvss-c.ns", "w");
		if (!f || fprintf(f, "%.1f %.1f\n", sets[0].ns, sets[1].ns) < 0 || fclose(f))
			rc = 1;
	}
	for (i = 0; i < 2; i++) {
		free(sets[i].text);
		free(sets[i].off);
		free(sets[i].len);
		free(sets[i].sc);
	}
	if (rc)
		fprintf(stderr, "bench_cvss: failed\n");
	return rc;
}
