/* JSON reading helpers of the SBOM readers (jansson trees): typed member
 * getters that fail with the member's JSON pointer and a plain message. */
#ifndef PSIRT_SBOM_JSONR_H
#define PSIRT_SBOM_JSONR_H

#include <jansson.h>

#include "sbom/internal.h"

/* "an object", "a string" …, for messages. */
const char *sbom__json_kind(const json_t *v);
/* Parses ctx->data with jansson: *out is a new reference (json_decref) or
 * the error is recorded with line and column. */
enum psirt_err sbom__json_load(struct sbom__ctx *ctx, json_t **out);
/* Fails about member key of the current object (the path gets the key):
 * "KEY must be WHAT, not KIND" when v is given, "KEY is missing (WHAT)"
 * when v is NULL. Returns err. */
enum psirt_err sbom__json_fail_member(struct sbom__ctx *ctx, const char *key,
                                      enum psirt_err err, const char *what, const json_t *v);
/* Optional members of a type: *out NULL when absent, an error when the
 * member has another type. */
enum psirt_err sbom__json_str(struct sbom__ctx *ctx, const json_t *obj, const char *key,
                              const json_t **out);
enum psirt_err sbom__json_arr(struct sbom__ctx *ctx, const json_t *obj, const char *key,
                              const json_t **out);
enum psirt_err sbom__json_obj(struct sbom__ctx *ctx, const json_t *obj, const char *key,
                              const json_t **out);
/* Copies an optional string member into the document (*dst unchanged when
 * absent). */
enum psirt_err sbom__json_copy(struct sbom__ctx *ctx, const json_t *obj, const char *key,
                               const char **dst);
/* Records "out of memory"; returns PSIRT_ENOMEM. */
enum psirt_err sbom__nomem(struct sbom__ctx *ctx);

#endif
