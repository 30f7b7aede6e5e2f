/* Benchmark: parse, bind and compare 1 M real CPE names.
 *
 * usage: bench_cpe [OUTDIR] [COUNT]        (run from the repository root)
 * The names are real: the 2,590 formatted strings NVD publishes in
 * tests/data/cpe/nvd-cpe-names.txt (criteria and dictionary names of CVE
 * records, the CPE and match-criteria APIs), drawn in a fixed pseudo-random
 * order; one in four is given as its CPE 2.2 URI, as JVN feeds carry them.
 * The comparisons are NVD's own: the 468 criterion/name pairs of
 * tests/data/cpe/nvd-match-pairs.txt. Prints:
 *   parse     ns per psirt_cpe_parse_into (into one reused buffer)
 *   to FS     ns per parse + formatted-string binding
 *   compare   ns per psirt_cpe_superset(criterion, name)
 * and writes, for bench/cpe-js.sh:
 *   OUTDIR/cpes.txt            the names, one a line
 *   OUTDIR/cpes.psirt-ns.txt   psirt's parse ns/op
 * OUTDIR defaults to the build directory this program lives in.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/cpe.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

/* xorshift64*: deterministic and the same on every machine */
static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1Dull;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

/* The lines of a file, in place: returns their count (0 on error). */
static size_t read_lines(const char *path, struct psirt_buf *text, char ***lines)
{
	char chunk[65536], *p, *nl;
	size_t n = 0, cap = 0, got;
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		psirt_buf_add(text, chunk, got);
	fclose(f);
	if (psirt_buf_error(text))
		return 0;
	*lines = NULL;
	for (p = text->p; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (n == cap) {
			char **bigger = realloc(*lines, (cap = cap ? 2 * cap : 4096) * sizeof **lines);

			if (!bigger)
				return 0;
			*lines = bigger;
		}
		(*lines)[n++] = p;
	}
	return n;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *outdir = argc > 1 ? argv[1] : NULL;
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000ul, i, bad = 0;
	struct psirt_buf all = PSIRT_BUF_INIT, names_text = PSIRT_BUF_INIT;
	struct psirt_buf pairs_text = PSIRT_BUF_INIT, out = PSIRT_BUF_INIT;
	struct psirt_buf path = PSIRT_BUF_INIT;
	char **real, **pairs;
	size_t nreal, npairs, *offs;
	struct psirt_cpe **names, **crits, *scratch;
	struct psirt_arena arena;
	double t, t_parse = 1e300, t_fs = 1e300, t_cmp = 1e300;
	unsigned long supersets = 0, sink = 0;
	int round;
	FILE *f;

	if (!n)
		n = 1;
	nreal = read_lines("tests/data/cpe/nvd-cpe-names.txt", &names_text, &real);
	npairs = read_lines("tests/data/cpe/nvd-match-pairs.txt", &pairs_text, &pairs);
	if (!nreal || !npairs) {
		fprintf(stderr, "bench_cpe: cannot read tests/data/cpe/nvd-*.txt "
		                "(run from the repository root)\n");
		return 1;
	}
	offs = malloc((n + 1) * sizeof *offs);
	names = malloc(n * sizeof *names);
	crits = malloc(n * sizeof *crits);
	scratch = malloc(PSIRT_CPE_SIZE(PSIRT_CPE_MAX));
	if (!offs || !names || !crits || !scratch) {
		fprintf(stderr, "bench_cpe: out of memory\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		const char *name = real[pick((unsigned)nreal)];

		offs[i] = all.len;
		if (pick(4)) {
			psirt_buf_adds(&all, name);
		} else if (psirt_cpe_parse_into(scratch, PSIRT_CPE_SIZE(PSIRT_CPE_MAX),
		                                psirt_str_c(name), NULL) ||
		           psirt_cpe_format_uri(scratch, &all)) {
			fprintf(stderr, "bench_cpe: %s does not convert\n", name);
			return 1;
		}
		psirt_buf_addch(&all, '\0');
	}
	offs[n] = all.len;
	if (psirt_buf_error(&all)) {
		fprintf(stderr, "bench_cpe: out of memory generating the inputs\n");
		return 1;
	}

	/* best of three passes, as bench/cpe.mjs does */
	for (round = 0; round < 3; round++) {
		t = now_ns();
		for (i = 0; i < n; i++) {
			struct psirt_str s = psirt_str_make(all.p + offs[i], offs[i + 1] - offs[i] - 1);

			if (psirt_cpe_parse_into(scratch, PSIRT_CPE_SIZE(PSIRT_CPE_MAX), s, NULL))
				bad++;
			sink += scratch->text_len;
		}
		t = now_ns() - t;
		if (t < t_parse)
			t_parse = t;
	}
	bad /= 3;
	for (round = 0; round < 3; round++) {
		t = now_ns();
		for (i = 0; i < n; i++) {
			struct psirt_str s = psirt_str_make(all.p + offs[i], offs[i + 1] - offs[i] - 1);

			psirt_buf_reset(&out);
			if (!psirt_cpe_parse_into(scratch, PSIRT_CPE_SIZE(PSIRT_CPE_MAX), s, NULL))
				psirt_cpe_format_fs(scratch, &out);
			sink += out.len;
		}
		t = now_ns() - t;
		if (t < t_fs)
			t_fs = t;
	}
	/* comparison on names parsed once into an arena, as a matcher keeps them */
	psirt_arena_init(&arena, 0);
	for (i = 0; i < n; i++) {
		char *pair = pairs[pick((unsigned)npairs)], *tab = strchr(pair, '\t');

		if (!tab ||
		    psirt_cpe_parse_arena(&arena, psirt_str_make(pair, (size_t)(tab - pair)), &crits[i],
		                          NULL) ||
		    psirt_cpe_parse_arena(&arena, psirt_str_c(tab + 1), &names[i], NULL)) {
			fprintf(stderr, "bench_cpe: pair %s does not parse\n", pair);
			return 1;
		}
	}
	for (round = 0; round < 3; round++) {
		supersets = 0;
		t = now_ns();
		for (i = 0; i < n; i++)
			supersets += psirt_cpe_superset(crits[i], names[i]);
		t = now_ns() - t;
		if (t < t_cmp)
			t_cmp = t;
	}
	printf("cpe: %lu real NVD names (a quarter as URIs), %.1f MB, %lu rejected\n", n,
	       (double)all.len / 1e6, bad);
	printf("cpe: parse            %7.1f ns/op  (psirt_cpe_parse_into)\n", t_parse / (double)n);
	printf("cpe: to FS            %7.1f ns/op  (parse + formatted string)\n", t_fs / (double)n);
	printf("cpe: compare          %7.1f ns/op  (NVD criterion vs name, %lu supersets)\n",
	       t_cmp / (double)n, supersets);
	printf("cpe: arena            %7.1f bytes/name\n", (double)arena.total / (2.0 * (double)n));

	/* inputs and psirt's figure for bench/cpe-js.sh */
	if (outdir) {
		psirt_buf_adds(&path, outdir);
	} else {
		const char *slash = strrchr(argv[0], '/');
		size_t len = slash ? (size_t)(slash - argv[0]) : 0;

		psirt_buf_add(&path, argv[0], len);
		psirt_buf_adds(&path, len ? "/.." : "..");
	}
	{
		size_t base = path.len;

		psirt_buf_adds(&path, "/cpes.txt");
		f = fopen(path.p, "w");
		for (i = 0; f && i < n; i++)
			fprintf(f, "%s\n", all.p + offs[i]);
		if (!f || fclose(f)) {
			fprintf(stderr, "bench_cpe: cannot write %s\n", path.p);
			return 1;
		}
		psirt_buf_truncate(&path, base);
		psirt_buf_adds(&path, "/cpes.psirt-ns.txt");
		f = fopen(path.p, "w");
		if (!f || fprintf(f, "%.1f\n", t_parse / (double)n) < 0 || fclose(f)) {
			fprintf(stderr, "bench_cpe: cannot write %s\n", path.p);
			return 1;
		}
		psirt_buf_truncate(&path, base);
		printf("cpe: inputs in %s/cpes.txt (sink %lu)\n", path.p, sink % 10);
	}
	psirt_arena_release(&arena);
	psirt_buf_release(&all);
	psirt_buf_release(&names_text);
	psirt_buf_release(&pairs_text);
	free(real);
	free(pairs);
	psirt_buf_release(&out);
	psirt_buf_release(&path);
	free(offs);
	free(names);
	free(crits);
	free(scratch);
	return 0;
}
