/* psirt — growable string builder with a size cap and a sticky error.
 *
 * After git's strbuf (never-NULL p, _detach) and curl's dynbuf (a cap that
 * reports "too big"), with SQLite's JsonString idea of a sticky error: append
 * freely, check psirt_buf_error() once at the end.
 */
#ifndef PSIRT_BUF_H
#define PSIRT_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "psirt/error.h"

struct psirt_buf {
	char *p;      /* always NUL-terminated; points at "" until first growth */
	size_t len;   /* bytes in use, excluding the terminating NUL */
	size_t cap;   /* bytes allocated, 0 while p is the static "" */
	size_t max;   /* largest len allowed; 0 means PSIRT_BUF_DEFAULT_MAX */
	enum psirt_err err; /* first failure (NOMEM or TOOBIG), sticky */
};

/* 256 MiB: above any single value psirt reads (the largest feed record is a
 * few MB); stops a runaway input from taking the machine's memory. */
#define PSIRT_BUF_DEFAULT_MAX ((size_t)256 << 20)

extern char psirt_buf__empty[];
#define PSIRT_BUF_INIT { psirt_buf__empty, 0, 0, 0, PSIRT_OK }

/* Initialises caller-owned storage; max 0 means the default cap. */
void psirt_buf_init(struct psirt_buf *b, size_t max);
/* Frees the memory and re-initialises with the same cap. */
void psirt_buf_release(struct psirt_buf *b);
/* Empties the buffer, keeping its memory; clears the sticky error. */
void psirt_buf_reset(struct psirt_buf *b);
/* Hands the string over: returns owned memory (free with free()), never NULL
 * unless out of memory; the buffer is re-initialised. Returns NULL and leaves
 * the buffer released when the buffer holds an error. */
char *psirt_buf_detach(struct psirt_buf *b, size_t *len);

/* Appenders: on failure set the sticky error and leave the content as it
 * was before the call; once the error is set they do nothing. */
void psirt_buf_add(struct psirt_buf *b, const void *data, size_t len);
void psirt_buf_adds(struct psirt_buf *b, const char *s);
void psirt_buf_addch(struct psirt_buf *b, char c);
void psirt_buf_addf(struct psirt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void psirt_buf_vaddf(struct psirt_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Ensures room for extra more bytes (plus the NUL) without appending. */
void psirt_buf_grow(struct psirt_buf *b, size_t extra);
/* Shortens to len (no-op when len >= b->len). */
void psirt_buf_truncate(struct psirt_buf *b, size_t len);

static inline enum psirt_err psirt_buf_error(const struct psirt_buf *b)
{
	return b->err;
}

#endif
