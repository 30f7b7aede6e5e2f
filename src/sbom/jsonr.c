/* JSON reading helpers (see jsonr.h). */
#include <string.h>

#include "sbom/jsonr.h"

const char *sbom__json_kind(const struct sbom__jtok *v)
{
	switch (v->type) {
	case SBOM__J_OBJECT:
		return "an object";
	case SBOM__J_ARRAY:
		return "an array";
	case SBOM__J_STRING:
		return "a string";
	case SBOM__J_NUMBER:
		return "a number";
	case SBOM__J_TRUE:
	case SBOM__J_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

enum psirt_err sbom__json_fail_member(struct sbom__ctx *ctx, const char *key, enum psirt_err err,
                                      const char *what, const struct sbom__jtok *v)
{
	size_t old = sbom__path_push(ctx, key);

	if (v)
		sbom__fail(ctx, err, 0, "%s must be %s, not %s", key, what, sbom__json_kind(v));
	else
		sbom__fail(ctx, err, 0, "%s is missing (%s)", key, what);
	sbom__path_pop(ctx, old);
	return err;
}

static enum psirt_err get(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                          const struct sbom__jtok **out, enum sbom__jtype type, const char *what)
{
	const struct sbom__jtok *v = sbom__json_get(obj, key);

	*out = NULL;
	if (!v)
		return PSIRT_OK;
	if (v->type != type)
		return sbom__json_fail_member(ctx, key, PSIRT_EINVAL, what, v);
	*out = v;
	return PSIRT_OK;
}

enum psirt_err sbom__json_str(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                              const struct sbom__jtok **out)
{
	return get(ctx, obj, key, out, SBOM__J_STRING, "a string");
}

enum psirt_err sbom__json_arr(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                              const struct sbom__jtok **out)
{
	return get(ctx, obj, key, out, SBOM__J_ARRAY, "an array");
}

enum psirt_err sbom__json_obj(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                              const struct sbom__jtok **out)
{
	return get(ctx, obj, key, out, SBOM__J_OBJECT, "an object");
}

enum psirt_err sbom__json_copy(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                               const char **dst)
{
	const struct sbom__jtok *v;
	enum psirt_err err = sbom__json_str(ctx, obj, key, &v);

	if (!err && v)
		*dst = v->s;
	return err;
}

enum psirt_err sbom__nomem(struct sbom__ctx *ctx)
{
	return sbom__fail(ctx, PSIRT_ENOMEM, 0, "out of memory");
}

enum psirt_err sbom__json_load(struct sbom__ctx *ctx, struct sbom__json *j)
{
	enum psirt_err err = sbom__json_parse(j, ctx->data, ctx->len, &ctx->doc->arena);
	const char *p, *end;
	long line = 1, col;

	if (!err)
		return PSIRT_OK;
	if (err == PSIRT_ENOMEM && !j->error)
		return sbom__fail(ctx, err, 0, "out of memory");
	/* line and column from the original text (the copy has been decoded
	 * in place up to the error) */
	p = ctx->data;
	end = ctx->data + (j->error_offset <= ctx->len ? j->error_offset : ctx->len);
	col = 1;
	for (; p < end; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	sbom__fail(ctx, err, line, "invalid JSON: %s", j->error ? j->error : "syntax error");
	if (ctx->diag && ctx->diag->line == line)
		ctx->diag->column = col;
	return err;
}
