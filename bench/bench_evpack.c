/* The stored form of a finding's evidence (src/store/evpack.c): CPU per
 * text packed and unpacked, and the ratio, over real evidence when a store
 * is given, else over generated evidence shaped as bench_match's portfolio
 * finds it (cpe:2.3:a:vendorV:productV_P, 1-3 entries, a tenth by a name
 * guess).
 *
 * usage: bench_evpack [STORE]     a store's finding_evidence rows (text or
 *                                 packed), e.g. after a bench first match
 * Environment: BENCH_EVPACK_N (generated texts, default 20000).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "psirt/buf.h"
#include "psirt/evpack.h"
#include "bench_util.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static struct psirt_buf *texts;
static size_t ntexts, cap;

static struct psirt_buf *new_text(void)
{
	if (ntexts == cap) {
		cap = cap ? cap * 2 : 1024;
		texts = realloc(texts, cap * sizeof *texts);
		if (!texts)
			exit(1);
	}
	psirt_buf_init(&texts[ntexts], 0);
	return &texts[ntexts++];
}

static void from_store(const char *path, struct psirt_evpack *p)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT evidence FROM finding_evidence", -1, &st, NULL) !=
	        SQLITE_OK) {
		fprintf(stderr, "bench_evpack: %s: %s\n", path, sqlite3_errmsg(db));
		exit(1);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct psirt_buf *b = new_text();
		const void *v = sqlite3_column_blob(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);

		if (sqlite3_column_type(st, 0) != SQLITE_BLOB)
			psirt_buf_add(b, v, len);
		else if (psirt_evpack_unpack(p, v, len, b, NULL))
			exit(1);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void generate(size_t n)
{
	size_t i;
	int k, m;

	for (i = 0; i < n; i++) {
		struct psirt_buf *b = new_text();
		unsigned v = bench_below(&rng, 20000), pr = (unsigned)(v % 9);
		unsigned a = bench_below(&rng, 20), c = bench_below(&rng, 30), d = bench_below(&rng, 30);
		int guess = bench_below(&rng, 10) == 0;
		unsigned year = 1999 + bench_below(&rng, 27), num = bench_below(&rng, 40000);

		m = 1 + (int)bench_below(&rng, 3);
		psirt_buf_addch(b, '[');
		for (k = 0; k < m; k++) {
			unsigned e1 = bench_below(&rng, 12), e2 = bench_below(&rng, 30);

			if (k)
				psirt_buf_addch(b, ',');
			if (guess)
				psirt_buf_addf(b,
				               "{\"record\":\"CVE-%u-%05u\",\"source\":\"nvd\",\"via\":\"name\","
				               "\"identity\":\"product%u_%u %u.%u.%u\",\"confidence\":\"low\","
				               "\"why\":\"version %u.%u.%u: < %u.%u.0; identity guessed from"
				               " the name\",\"criteria\":\"cpe:2.3:a:vendor%u:product%u_%u:*:*:*"
				               ":*:*:*:*:*\",\"place\":[0,0,%d]}",
				               year, num, v, pr, a, c, d, a, c, d, e1 + a, e2, v, v, pr, k);
			else
				psirt_buf_addf(b,
				               "{\"record\":\"CVE-%u-%05u\",\"source\":\"nvd\",\"via\":\"cpe\","
				               "\"identity\":\"cpe:2.3:a:vendor%u:product%u_%u:%u.%u.%u:*:*:*:*"
				               ":*:*:*\",\"confidence\":\"high\",\"why\":\"version %u.%u.%u: >="
				               " %u.0, < %u.%u.%u\",\"criteria\":\"cpe:2.3:a:vendor%u:product%u_"
				               "%u:*:*:*:*:*:*:*:*\",\"place\":[0,0,%d]}",
				               year, num, v, v, pr, a, c, d, a, c, d, a, a + e1, e2, d, v, v, pr,
				               k);
		}
		psirt_buf_addch(b, ']');
	}
}

int main(int argc, char **argv)
{
	struct psirt_evpack *p;
	struct psirt_buf *packed;
	size_t i, text = 0, blob = 0;
	double t0, t1, t2;
	int r, reps;
	const char *env = getenv("BENCH_EVPACK_N");

	if (psirt_evpack_new(&p, NULL))
		return 1;
	if (argc > 1)
		from_store(argv[1], p);
	else
		generate(env ? strtoul(env, NULL, 10) : 20000);
	if (!ntexts) {
		fprintf(stderr, "bench_evpack: no evidence\n");
		return 1;
	}
	packed = calloc(ntexts, sizeof *packed);
	if (!packed)
		return 1;
	reps = ntexts < 100000 ? 5 : 1;
	t0 = bench_cpu_s();
	for (r = 0; r < reps; r++) {
		for (i = 0; i < ntexts; i++) {
			psirt_buf_reset(&packed[i]);
			if (psirt_evpack_pack(p, texts[i].p, texts[i].len, &packed[i], NULL))
				return 1;
		}
	}
	t1 = bench_cpu_s();
	for (r = 0; r < reps; r++) {
		struct psirt_buf out = PSIRT_BUF_INIT;

		for (i = 0; i < ntexts; i++) {
			psirt_buf_reset(&out);
			if (psirt_evpack_unpack(p, packed[i].p, packed[i].len, &out, NULL) ||
			    out.len != texts[i].len || memcmp(out.p, texts[i].p, out.len))
				return 1;
		}
		psirt_buf_release(&out);
	}
	t2 = bench_cpu_s();
	for (i = 0; i < ntexts; i++) {
		text += texts[i].len;
		blob += packed[i].len;
	}
	printf("evpack %s: %zu texts, %.1f MB -> %.1f MB (%.2fx, %.0f -> %.0f B a text);"
	       " pack %.2f us, unpack %.2f us a text (CPU)\n",
	       argc > 1 ? argv[1] : "generated", ntexts, text / 1e6, blob / 1e6,
	       (double)text / (double)blob, (double)text / ntexts, (double)blob / ntexts,
	       (t1 - t0) / reps / ntexts * 1e6, (t2 - t1) / reps / ntexts * 1e6);
	for (i = 0; i < ntexts; i++) {
		psirt_buf_release(&texts[i]);
		psirt_buf_release(&packed[i]);
	}
	free(texts);
	free(packed);
	psirt_evpack_free(p);
	return 0;
}
