/* Benchmark of the Linux-distribution version schemes: for each of deb,
 * rpm, apk and opkg, one million generated pairs shaped like the versions
 * of that distribution's advisories (mostly the same package at nearby
 * versions, so comparisons run deep into the strings), compared through
 * the scheme's compare (which validates both sides first). Prints the
 * time per comparison.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "psirt/version.h"

#define PAIRS 1000000
#define SLOT 64 /* longest generated version, NUL included */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(uint32_t n)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

/* One package's version at a few components, nudged for the second side. */
struct base {
	unsigned epoch, major, minor, patch, rel, extra;
};

static void base_make(struct base *b)
{
	b->epoch = rnd(10) == 0 ? 1 + rnd(3) : 0;
	b->major = rnd(30);
	b->minor = rnd(40);
	b->patch = rnd(100);
	b->rel = 1 + rnd(12);
	b->extra = rnd(8);
}

static void base_nudge(struct base *b)
{
	switch (rnd(5)) {
	case 0:
		b->patch += 1 + rnd(3);
		break;
	case 1:
		b->rel += 1;
		break;
	case 2:
		b->extra = rnd(8);
		break;
	case 3:
		b->minor += 1;
		break;
	default:
		break; /* equal */
	}
}

static void gen_deb(char *o, const struct base *b)
{
	static const char *const tails[] = { "",         "ubuntu0.22.04.1", "+deb12u1", "~deb11u2",
		                             "ubuntu1",  "+b1",             "~bpo11+1", "" };
	const char *up = b->extra == 3 ? "+dfsg" : b->extra == 5 ? "~rc1" : "";

	if (b->epoch)
		snprintf(o, SLOT, "%u:%u.%u.%u%s-%u%s", b->epoch, b->major, b->minor, b->patch, up,
		         b->rel, tails[b->extra]);
	else
		snprintf(o, SLOT, "%u.%u.%u%s-%u%s", b->major, b->minor, b->patch, up, b->rel,
		         tails[b->extra]);
}

static void gen_rpm(char *o, const struct base *b)
{
	static const char *const dist[] = { "el8",   "el9_3", "el8_10", "fc39",
		                            "el7_9", "el9",   "fc40",   "module+el8.9.0+20050+a2a9b6a7" };
	const char *up = b->extra == 2 ? "~rc1" : b->extra == 6 ? "^20240101git1a2b3c" : "";

	if (b->epoch)
		snprintf(o, SLOT, "%u:%u.%u.%u%s-%u.%s", b->epoch, b->major, b->minor, b->patch, up,
		         b->rel, dist[b->extra]);
	else
		snprintf(o, SLOT, "%u.%u.%u%s-%u.%s", b->major, b->minor, b->patch, up, b->rel,
		         dist[b->extra]);
}

static void gen_apk(char *o, const struct base *b)
{
	static const char *const suf[] = { "",     "_rc2", "_p1", "",
		                           "_git20240116", "a", "_alpha1", "_pre3" };

	snprintf(o, SLOT, "%u.%u.%u%s-r%u", b->major, b->minor, b->patch, suf[b->extra],
	         b->rel - 1);
}

static void gen_opkg(char *o, const struct base *b)
{
	switch (b->extra) {
	case 0:
	case 1:
		snprintf(o, SLOT, "2024-%02u-%02u-%08x-%u", 1 + b->minor % 12, 1 + b->patch % 28,
		         0x3fa4c6b4u + b->major, b->rel);
		break;
	case 2:
		snprintf(o, SLOT, "git-%u.%03u.%05u-%07x", 20 + b->major % 5, b->minor * 9,
		         b->patch * 577, 0xe98243eu + b->rel);
		break;
	case 3:
		snprintf(o, SLOT, "2024.%02u.%02u~%08x-r%u", 1 + b->minor % 12, 1 + b->patch % 28,
		         0xed4d2c2eu + b->major, b->rel);
		break;
	default:
		snprintf(o, SLOT, "%u.%u.%u-%u", b->major, b->minor, b->patch, b->rel);
		break;
	}
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int run(const char *name, void (*gen)(char *, const struct base *), char *buf)
{
	const struct psirt_version_scheme *s = psirt_version_scheme_find(psirt_str_c(name));
	struct psirt_str *a, *b;
	unsigned long counts[3] = { 0, 0, 0 };
	double t0, t1;
	size_t i;
	int status = 0;

	a = malloc(PAIRS * sizeof(*a));
	b = malloc(PAIRS * sizeof(*b));
	if (!s || !a || !b) {
		fprintf(stderr, "%s: %s\n", name, s ? "out of memory" : "scheme not registered");
		free(a);
		free(b);
		return 1;
	}
	/* Packed one after the other, as a table of versions would be. */
	for (i = 0; i < PAIRS; i++) {
		struct base x;
		char *pa = buf, *pb;

		base_make(&x);
		gen(pa, &x);
		pb = pa + strlen(pa) + 1;
		base_nudge(&x);
		gen(pb, &x);
		buf = pb + strlen(pb) + 1;
		/* a random side first, so that neither side is always newer */
		if (rnd(2)) {
			a[i] = psirt_str_c(pa);
			b[i] = psirt_str_c(pb);
		} else {
			a[i] = psirt_str_c(pb);
			b[i] = psirt_str_c(pa);
		}
	}
	t0 = now_ns();
	for (i = 0; i < PAIRS; i++) {
		int r = 0;

		if (s->compare(a[i], b[i], &r, NULL)) {
			fprintf(stderr, "%s: generated version refused: %.*s / %.*s\n", name,
			        (int)a[i].len, a[i].p, (int)b[i].len, b[i].p);
			status = 1;
			break;
		}
		counts[r + 1]++;
	}
	t1 = now_ns();
	printf("%-5s %d compares in %7.1f ms: %6.1f ns/compare (<%lu =%lu >%lu; e.g. %.*s vs %.*s)\n",
	       name, PAIRS, (t1 - t0) / 1e6, (t1 - t0) / PAIRS, counts[0], counts[1], counts[2],
	       (int)a[0].len, a[0].p, (int)b[0].len, b[0].p);
	free(a);
	free(b);
	return status;
}

int main(void)
{
	char *buf = malloc((size_t)2 * PAIRS * SLOT);
	int status = 0;

	if (!buf) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	status |= run("deb", gen_deb, buf);
	status |= run("rpm", gen_rpm, buf);
	status |= run("apk", gen_apk, buf);
	status |= run("opkg", gen_opkg, buf);
	free(buf);
	return status;
}
