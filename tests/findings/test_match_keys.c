/* A version's match keys (psirt_store_match_keys_put): after each put the
 * stored keys are exactly the given ones, once each, whatever was stored
 * before (none, the same, some gone, some new, all different; keys that
 * are negative as SQLite's signed integers among them); the same keys put
 * again write nothing (another connection sees no new data version); keys
 * out of match_key's order are refused with nothing written; other
 * versions' keys are never touched. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "psirt/buf.h"
#include "psirt/findings.h"
#include "psirt/store.h"
#include "support/store_support.h"
#include "support/support.h"

static char *tmpdir, *db_path;

/* The stored keys of version as "key/seq key/seq ...", in match_key's order. */
static char *stored(sqlite3 *db, long long version)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db,
	                       "SELECT key, seq FROM match_key WHERE version_id = ?1 ORDER BY key, seq",
	                       -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare: %s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, version);
	while (sqlite3_step(st) == SQLITE_ROW)
		psirt_buf_addf(&b, "%s%lld/%lld", b.len ? " " : "", sqlite3_column_int64(st, 0),
		               sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return psirt_buf_detach(&b, NULL);
}

/* keys as they must read back: each once, in order */
static char *expected(const struct psirt_store_match_key *k, size_t n)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		if (!i || k[i].key != k[i - 1].key || k[i].seq != k[i - 1].seq)
			psirt_buf_addf(&b, "%s%lld/%lld", b.len ? " " : "", (long long)k[i].key,
			               k[i].seq);
	return psirt_buf_detach(&b, NULL);
}

static long long data_version(sqlite3 *db)
{
	return tss_sqlite_int(db, "PRAGMA data_version");
}

static enum psirt_err put(struct psirt_store *s, long long version,
                          const struct psirt_store_match_key *k, size_t n, struct psirt_diag *d)
{
	enum psirt_err err = psirt_store_begin(s, d);

	if (!err)
		err = psirt_store_match_keys_put(s, version, k, n, d);
	if (err) {
		psirt_store_rollback(s);
		return err;
	}
	return psirt_store_commit(s, d);
}

/* keys in match_key's order: signed, so 2^63 and above come first */
#define NEG(x) (0x8000000000000000ULL + (x))
static const struct psirt_store_match_key first[] = {
	{ NEG(5), 1 }, { NEG(5), 2 }, { 3, -1 }, { 3, 0 }, { 3, 0 }, { 9, 4 }, { 12, 1 },
};
static const struct psirt_store_match_key changed[] = {
	/* NEG(5)/1 and 9/4 gone; NEG(1)/3 and 10/0 new; repeats */
	{ NEG(1), 3 }, { NEG(5), 2 }, { NEG(5), 2 }, { 3, -1 }, { 3, 0 }, { 10, 0 }, { 12, 1 },
};
static const struct psirt_store_match_key other[] = {
	{ 1, 1 }, { 2, 2 },
};
static const struct psirt_store_match_key unsorted[] = {
	{ 3, 0 }, { NEG(5), 1 },
};

#define N(a) (sizeof a / sizeof a[0])

static void expect_keys(sqlite3 *db, long long version, const struct psirt_store_match_key *k,
                        size_t n)
{
	char *have = stored(db, version), *want = expected(k, n);

	if (strcmp(have, want))
		fail_msg("version %lld: stored \"%s\", want \"%s\"", version, have, want);
	free(have);
	free(want);
}

static void test_keys_put(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = NULL;
	sqlite3 *db;
	long long dv;

	(void)state;
	if (psirt_store_open(db_path, PSIRT_STORE_CREATE, &s, &d))
		fail_msg("open: %s", d.message);
	db = tss_sqlite_open(db_path);

	assert_int_equal(put(s, 7, first, N(first), &d), PSIRT_OK);
	expect_keys(db, 7, first, N(first));
	assert_int_equal(put(s, 8, other, N(other), &d), PSIRT_OK);

	/* the same again: nothing written */
	dv = data_version(db);
	assert_int_equal(put(s, 7, first, N(first), &d), PSIRT_OK);
	assert_int_equal(data_version(db), dv);
	expect_keys(db, 7, first, N(first));

	/* some gone, some new */
	assert_int_equal(put(s, 7, changed, N(changed), &d), PSIRT_OK);
	assert_true(data_version(db) != dv);
	expect_keys(db, 7, changed, N(changed));

	/* refused out of order, nothing changed */
	dv = data_version(db);
	assert_int_equal(put(s, 7, unsorted, N(unsorted), &d), PSIRT_EINVAL);
	assert_non_null(strstr(d.message, "order"));
	assert_int_equal(data_version(db), dv);
	expect_keys(db, 7, changed, N(changed));

	/* all different, then none */
	assert_int_equal(put(s, 7, other, N(other), &d), PSIRT_OK);
	expect_keys(db, 7, other, N(other));
	assert_int_equal(put(s, 7, NULL, 0, &d), PSIRT_OK);
	expect_keys(db, 7, NULL, 0);

	/* version 8 untouched throughout */
	expect_keys(db, 8, other, N(other));

	sqlite3_close(db);
	psirt_store_close(s);
	psirt_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_put),
	};
	struct psirt_buf b = PSIRT_BUF_INIT;
	int rc;

	tss_setup();
	tmpdir = tss_tmp_dir("keys");
	psirt_buf_addf(&b, "%s/keys.db", tmpdir);
	db_path = psirt_buf_detach(&b, NULL);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	tss_tmp_dir_remove(tmpdir);
	free(db_path);
	return rc;
}
