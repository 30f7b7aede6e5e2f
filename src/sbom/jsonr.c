/* JSON reading helpers (see jsonr.h). */
#include <string.h>

#include "sbom/jsonr.h"

const char *sbom__json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* Fails for member key of the current object: the path gets the key. */
enum psirt_err sbom__json_fail_member(struct sbom__ctx *ctx, const char *key, enum psirt_err err,
                                  const char *what, const json_t *v)
{
	size_t old = sbom__path_push(ctx, key);

	if (v)
		sbom__fail(ctx, err, 0, "%s must be %s, not %s", key, what, sbom__json_kind(v));
	else
		sbom__fail(ctx, err, 0, "%s is missing (%s)", key, what);
	sbom__path_pop(ctx, old);
	return err;
}

/* Optional string member: *out is NULL when absent; wrong type is an error. */
enum psirt_err sbom__json_str(struct sbom__ctx *ctx, const json_t *obj, const char *key,
                              const json_t **out)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v)
		return PSIRT_OK;
	if (!json_is_string(v))
		return sbom__json_fail_member(ctx, key, PSIRT_EINVAL, "a string", v);
	*out = v;
	return PSIRT_OK;
}

enum psirt_err sbom__json_arr(struct sbom__ctx *ctx, const json_t *obj, const char *key,
                              const json_t **out)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v)
		return PSIRT_OK;
	if (!json_is_array(v))
		return sbom__json_fail_member(ctx, key, PSIRT_EINVAL, "an array", v);
	*out = v;
	return PSIRT_OK;
}

enum psirt_err sbom__json_obj(struct sbom__ctx *ctx, const json_t *obj, const char *key,
                              const json_t **out)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v)
		return PSIRT_OK;
	if (!json_is_object(v))
		return sbom__json_fail_member(ctx, key, PSIRT_EINVAL, "an object", v);
	*out = v;
	return PSIRT_OK;
}

/* Copies an optional string member into the document. */
enum psirt_err sbom__json_copy(struct sbom__ctx *ctx, const json_t *obj, const char *key,
                               const char **dst)
{
	const json_t *v;
	enum psirt_err err = sbom__json_str(ctx, obj, key, &v);

	if (err || !v)
		return err;
	*dst = psirt_sbom_strdup(ctx->doc, json_string_value(v), json_string_length(v));
	return *dst ? PSIRT_OK : sbom__fail(ctx, PSIRT_ENOMEM, 0, "out of memory");
}

enum psirt_err sbom__nomem(struct sbom__ctx *ctx)
{
	return sbom__fail(ctx, PSIRT_ENOMEM, 0, "out of memory");
}


enum psirt_err sbom__json_load(struct sbom__ctx *ctx, json_t **out)
{
	json_error_t jerr;
	enum psirt_err err;

	/* jansson refuses "\u0000" in strings by default, so every string is a
	 * proper C string; duplicate keys keep the last value */
	*out = json_loadb(ctx->data, ctx->len, 0, &jerr);
	if (*out)
		return PSIRT_OK;
	err = json_error_code(&jerr) == json_error_out_of_memory    ? PSIRT_ENOMEM
	      : json_error_code(&jerr) == json_error_stack_overflow ? PSIRT_ETOOBIG
	                                                            : PSIRT_EINVAL;
	sbom__fail(ctx, err, jerr.line > 0 ? jerr.line : 0, "invalid JSON: %s", jerr.text);
	if (ctx->diag && jerr.line > 0 && jerr.column > 0)
		ctx->diag->column = jerr.column;
	return err;
}
