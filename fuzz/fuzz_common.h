/* Shared body of the feed parser fuzz targets: parse the input once in one
 * push and once split in two at a data-dependent point; both must agree on
 * the result and on the number of records (streaming must not depend on
 * where chunks end). Callbacks check each record's invariants and keep
 * nothing: no store is involved. */
#ifndef PSIRT_FUZZ_COMMON_H
#define PSIRT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/feed.h"

static void fuzz_check(int ok)
{
	if (!ok)
		abort();
}

static enum psirt_err fuzz_run(enum psirt_feed_kind kind, const struct psirt_feed_sink *sink,
                               const char *name, const uint8_t *data, size_t size, size_t split,
                               unsigned long long *records)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_feed_parser *p;
	enum psirt_err err;

	err = psirt_feed_parser_new(kind, sink, name, &p, &d);
	fuzz_check(err == PSIRT_OK);
	err = psirt_feed_parser_push(p, data, split, &d);
	if (!err)
		err = psirt_feed_parser_push(p, data + split, size - split, &d);
	if (!err)
		err = psirt_feed_parser_finish(p, &d);
	/* an error always comes with a message */
	fuzz_check(!err || (d.code == err && d.message));
	*records = psirt_feed_parser_records(p);
	psirt_feed_parser_free(p);
	psirt_diag_release(&d);
	return err;
}

static void fuzz_twice(enum psirt_feed_kind kind, const struct psirt_feed_sink *sink,
                       const char *name, const uint8_t *data, size_t size)
{
	unsigned long long n1, n2;
	enum psirt_err e1, e2;
	size_t split = size ? (data[0] * 31u + size / 3) % (size + 1) : 0;

	e1 = fuzz_run(kind, sink, name, data, size, size, &n1);
	e2 = fuzz_run(kind, sink, name, data, size, split, &n2);
	fuzz_check(e1 == e2);
	/* the token limit may stop one run at another record */
	fuzz_check(e1 == PSIRT_ETOOBIG || n1 == n2);
}

#endif
