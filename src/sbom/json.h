/* A validating JSON reader for the SBOM formats: one pass over a copy of
 * the input, strings decoded in place and NUL-terminated there, values laid
 * out as a flat array of tokens (a "tape", as in jsmn and sajson).
 *
 * Why not jansson: it builds a tree of individually allocated nodes and
 * copies every string; on a 10,000-component CycloneDX SBOM (4.7 MB) it
 * spent 125 ms of a 190 ms import, most of it in malloc and free. This
 * reader does one allocation for the tokens and none per value.
 *
 * RFC 8259 throughout: a UTF-8 byte order mark at the start is skipped
 * (§8.1 allows it), strings must be valid UTF-8, "\u0000" is refused (the
 * model keeps C strings), duplicate keys are kept and lookups return the
 * last one (what jansson did).
 */
#ifndef PSIRT_SBOM_JSON_H
#define PSIRT_SBOM_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "psirt/arena.h"
#include "psirt/error.h"

/* 512 levels of arrays and objects. The deepest structure psirt reads is
 * PSIRT_SBOM_MAX_DEPTH (32) component levels at two JSON levels each plus
 * a few for the envelope; 512 leaves room for deep parts psirt skips and
 * bounds the reader's stack of open containers. */
#define SBOM__JSON_MAX_DEPTH 512

enum sbom__jtype {
	SBOM__J_NULL = 1,
	SBOM__J_FALSE,
	SBOM__J_TRUE,
	SBOM__J_NUMBER,
	SBOM__J_STRING,
	SBOM__J_ARRAY,
	SBOM__J_OBJECT,
};

struct sbom__jtok {
	const char *s; /* string: decoded, NUL-terminated; else where the value starts */
	uint32_t len;  /* string: bytes; array: elements; object: members; number: chars */
	uint32_t skip; /* tokens in this value, itself included: this + skip is the next */
	uint8_t type;  /* enum sbom__jtype */
};

struct sbom__json {
	char *buf;              /* the decoded copy of the input (arena-owned) */
	struct sbom__jtok *tok; /* owned (free with sbom__json_release); tok[0] is the root */
	size_t n, cap;
	/* on error: what, and the byte offset into the input */
	const char *error;
	size_t error_offset;
};

/* Parses data (len bytes) into j. The decoded copy is allocated in arena
 * (the document's, so that strings can be kept without copying); the
 * tokens are malloc'd. Errors: PSIRT_EINVAL with j->error and
 * j->error_offset, PSIRT_ETOOBIG beyond SBOM__JSON_MAX_DEPTH or 2^32
 * tokens, PSIRT_ENOMEM. */
enum psirt_err sbom__json_parse(struct sbom__json *j, const char *data, size_t len,
                                struct psirt_arena *arena);
void sbom__json_release(struct sbom__json *j);

/* The value of member key of obj (the last one when repeated), or NULL
 * when obj is NULL, not an object, or has no such member. */
const struct sbom__jtok *sbom__json_get(const struct sbom__jtok *obj, const char *key);

static inline int sbom__jis(const struct sbom__jtok *v, enum sbom__jtype t)
{
	return v && v->type == t;
}

static inline int sbom__jis_obj(const struct sbom__jtok *v)
{
	return sbom__jis(v, SBOM__J_OBJECT);
}
static inline int sbom__jis_arr(const struct sbom__jtok *v)
{
	return sbom__jis(v, SBOM__J_ARRAY);
}
static inline int sbom__jis_str(const struct sbom__jtok *v)
{
	return sbom__jis(v, SBOM__J_STRING);
}

/* The string's value, or NULL when v is not a string. */
static inline const char *sbom__jstr(const struct sbom__jtok *v)
{
	return v && v->type == SBOM__J_STRING ? v->s : NULL;
}

/* The string's length in bytes (0 when v is not a string). */
static inline size_t sbom__jlen(const struct sbom__jtok *v)
{
	return v && v->type == SBOM__J_STRING ? v->len : 0;
}

/* Iterates the elements of an array (nothing when arr is not one). */
#define sbom__json_foreach(arr, i, v)                                                              \
	for ((i) = 0, (v) = (arr) ? (arr) + 1 : NULL;                                              \
	     (arr) && (arr)->type == SBOM__J_ARRAY && (i) < (arr)->len; (i)++, (v) += (v)->skip)

#endif
