/* The yajl driver shared by the JSON formats (see feed/internal.h). */
#include <stdarg.h>
#include <string.h>

#include "feed/internal.h"
#include "psirt/str.h"

enum psirt_err feed__json_init(struct feed__json *j, const yajl_callbacks *cb,
                               struct psirt_feed_parser *ctx)
{
	memset(j, 0, sizeof *j);
	j->h = yajl_alloc(cb, NULL, ctx);
	if (!j->h)
		return PSIRT_ENOMEM;
	/* RFC 8259: one value per document, no comments; yajl's defaults.
	 * UTF-8 is validated: SQLite and every consumer expect it. */
	return PSIRT_OK;
}

void feed__json_release(struct feed__json *j)
{
	if (j->h)
		yajl_free(j->h);
	j->h = NULL;
}

long long feed__json_offset(struct feed__json *j)
{
	return (long long)(j->base + yajl_get_bytes_consumed(j->h));
}

long long feed__json_here(struct feed__json *j)
{
	long long off = feed__json_offset(j);

	return off > 0 ? off - 1 : 0;
}

int feed__json_fail(struct psirt_feed_parser *p, struct feed__json *j, long long offset,
                    const char *where, enum psirt_err err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	feed__vfail(p, err, offset < 0 ? feed__json_here(j) : offset, where, fmt, ap);
	va_end(ap);
	return 0;
}

/* yajl's message without its "parse error: " style prefix noise kept as
 * is, but without the trailing newline. */
static enum psirt_err syntax_error(struct psirt_feed_parser *p, struct feed__json *j,
                                   long long offset,
                                   const char *(*where)(struct psirt_feed_parser *p))
{
	unsigned char *msg = yajl_get_error(j->h, 0, NULL, 0);
	size_t len = msg ? strlen((const char *)msg) : 0;
	enum psirt_err err;

	while (len && psirt_isspace(msg[len - 1]))
		len--;
	err = feed__fail(p, PSIRT_EINVAL, offset, where ? where(p) : NULL, "invalid JSON: %.*s",
	                 (int)len, msg ? (const char *)msg : "unknown error");
	if (msg)
		yajl_free_error(j->h, msg);
	return err;
}

enum psirt_err feed__json_push(struct psirt_feed_parser *p, struct feed__json *j,
                               const unsigned char *data, size_t len,
                               const char *(*where)(struct psirt_feed_parser *p))
{
	yajl_status st;

	if (!j->started && len) {
		j->started = 1;
		j->base = j->last_event = p->bom; /* offsets count the dropped mark */
	}
	st = yajl_parse(j->h, data, len);
	if (st == yajl_status_client_canceled)
		return p->err ? p->err : feed__fail(p, PSIRT_EINTERNAL, -1, NULL, "parse stopped");
	if (st != yajl_status_ok) {
		/* yajl stops just after the offending byte */
		long long off = feed__json_offset(j);

		return syntax_error(p, j, off > (long long)p->bom ? off - 1 : off, where);
	}
	j->base += len;
	/* yajl keeps a token that spans chunks in a buffer of its own that
	 * nothing bounds: stop when one token (or a run of white space) has
	 * grown past the limit without a single event. */
	if (j->base - j->last_event > PSIRT_FEED_MAX_TOKEN)
		return feed__fail(p, PSIRT_ETOOBIG, (long long)j->last_event, where ? where(p) : NULL,
		                  "a JSON token longer than %d bytes", PSIRT_FEED_MAX_TOKEN);
	return PSIRT_OK;
}

enum psirt_err feed__json_finish(struct psirt_feed_parser *p, struct feed__json *j,
                                 const char *(*where)(struct psirt_feed_parser *p))
{
	yajl_status st = yajl_complete_parse(j->h);

	if (st == yajl_status_client_canceled)
		return p->err ? p->err : feed__fail(p, PSIRT_EINTERNAL, -1, NULL, "parse stopped");
	if (st != yajl_status_ok)
		return syntax_error(p, j, (long long)j->base, where);
	return PSIRT_OK;
}

yajl_gen feed__gen_new(void)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	/* compact output; '/' unescaped (yajl's default) */
	return g;
}

char *feed__gen_take(yajl_gen g, struct psirt_arena *a)
{
	const unsigned char *buf;
	size_t len;
	char *out = NULL;

	if (yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok)
		out = psirt_arena_strndup(a, (const char *)buf, len);
	yajl_gen_clear(g);
	yajl_gen_reset(g, NULL);
	return out;
}
