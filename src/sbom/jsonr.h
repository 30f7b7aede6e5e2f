/* JSON reading helpers of the SBOM readers: typed member getters over
 * sbom/json.h tokens that fail with the member's JSON pointer and a plain
 * message. */
#ifndef PSIRT_SBOM_JSONR_H
#define PSIRT_SBOM_JSONR_H

#include "sbom/internal.h"
#include "sbom/json.h"

/* "an object", "a string" …, for messages. */
const char *sbom__json_kind(const struct sbom__jtok *v);
/* Parses ctx->data; the decoded copy lives in the document's arena, so
 * strings can be kept without copying. On error the message, line and
 * column are recorded. Release j with sbom__json_release either way. */
enum psirt_err sbom__json_load(struct sbom__ctx *ctx, struct sbom__json *j);
/* Fails about member key of the current object (the path gets the key):
 * "KEY must be WHAT, not KIND" when v is given, "KEY is missing (WHAT)"
 * when v is NULL. Returns err. */
enum psirt_err sbom__json_fail_member(struct sbom__ctx *ctx, const char *key, enum psirt_err err,
                                      const char *what, const struct sbom__jtok *v);
/* Optional members of a type: *out NULL when absent, an error when the
 * member has another type. */
enum psirt_err sbom__json_str(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                              const struct sbom__jtok **out);
enum psirt_err sbom__json_arr(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                              const struct sbom__jtok **out);
enum psirt_err sbom__json_obj(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                              const struct sbom__jtok **out);
/* Sets *dst to an optional string member (*dst unchanged when absent). The
 * string lives in the document's arena already: no copy. */
enum psirt_err sbom__json_copy(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                               const char **dst);
/* Records "out of memory"; returns PSIRT_ENOMEM. */
enum psirt_err sbom__nomem(struct sbom__ctx *ctx);

#endif
