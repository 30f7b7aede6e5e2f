/* String builder (see include/psirt/buf.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"

char psirt_buf__empty[1];

static size_t buf_max(const struct psirt_buf *b)
{
	return b->max ? b->max : PSIRT_BUF_DEFAULT_MAX;
}

void psirt_buf_init(struct psirt_buf *b, size_t max)
{
	b->p = psirt_buf__empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->err = PSIRT_OK;
}

void psirt_buf_release(struct psirt_buf *b)
{
	if (b->cap)
		free(b->p);
	psirt_buf_init(b, b->max);
}

void psirt_buf_reset(struct psirt_buf *b)
{
	b->len = 0;
	/* not the shared static "" of an empty buffer: threads reset their
	 * own buffers at once (ThreadSanitizer, bench_match) */
	if (b->cap)
		b->p[0] = '\0';
	b->err = PSIRT_OK;
}

char *psirt_buf_detach(struct psirt_buf *b, size_t *len)
{
	char *out;

	if (b->err) {
		psirt_buf_release(b);
		return NULL;
	}
	if (b->cap) {
		out = b->p;
	} else {
		out = malloc(1);
		if (!out)
			return NULL;
		out[0] = '\0';
	}
	if (len)
		*len = b->len;
	psirt_buf_init(b, b->max);
	return out;
}

void psirt_buf_grow(struct psirt_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->err)
		return;
	if (extra > buf_max(b) - b->len) {
		b->err = PSIRT_ETOOBIG;
		return;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	p = realloc(b->cap ? b->p : NULL, cap);
	if (!p) {
		b->err = PSIRT_ENOMEM;
		return;
	}
	if (!b->cap)
		p[0] = '\0';
	b->p = p;
	b->cap = cap;
}

void psirt_buf_add(struct psirt_buf *b, const void *data, size_t len)
{
	psirt_buf_grow(b, len);
	if (b->err)
		return;
	if (len)
		memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void psirt_buf_adds(struct psirt_buf *b, const char *s)
{
	psirt_buf_add(b, s, strlen(s));
}

void psirt_buf_addch(struct psirt_buf *b, char c)
{
	psirt_buf_add(b, &c, 1);
}

void psirt_buf_vaddf(struct psirt_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->err)
		return;
	va_copy(cp, ap);
	n = vsnprintf(b->cap ? b->p + b->len : NULL, b->cap ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->err = PSIRT_EINVAL;
		return;
	}
	if (b->cap && (size_t)n < b->cap - b->len) {
		b->len += (size_t)n;
		return;
	}
	psirt_buf_grow(b, (size_t)n);
	if (b->err) {
		if (b->cap)
			b->p[b->len] = '\0';
		return;
	}
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	b->len += (size_t)n;
}

void psirt_buf_addf(struct psirt_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	psirt_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void psirt_buf_truncate(struct psirt_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->p[len] = '\0';
}
