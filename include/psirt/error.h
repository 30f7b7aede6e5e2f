/* psirt — error codes and the caller-owned diagnostic.
 *
 * Every library function that can fail returns an enum psirt_err and, where the
 * caller passes one, fills a struct psirt_diag with the place and a message.
 * The library never prints or exits: front doors (CLI, server) turn a
 * diagnostic into text and an exit code or HTTP status, each in one function.
 */
#ifndef PSIRT_ERROR_H
#define PSIRT_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* X-macro: one list gives the enum, psirt_errname() and psirt_strerror()
 * (libuv's UV_ERRNO_MAP). */
#define PSIRT_ERR_MAP(X)                                                     \
	X(OK, "success")                                                         \
	X(NOMEM, "out of memory")                                                \
	X(INVAL, "invalid input")                                              \
	X(TOOBIG, "input exceeds a size limit")                                  \
	X(NOTFOUND, "not found")                                                 \
	X(UNSUPPORTED, "not supported")                                          \
	X(IO, "input/output error")                                              \
	X(USAGE, "bad usage")                                                    \
	X(STORE, "database error")                                               \
	X(INTERNAL, "internal error")

enum psirt_err {
#define PSIRT_ERR_ENUM(name, text) PSIRT_E##name,
	PSIRT_ERR_MAP(PSIRT_ERR_ENUM)
#undef PSIRT_ERR_ENUM
	PSIRT_E__MAX
};
#define PSIRT_OK PSIRT_EOK

/* Short upper-case name of an error code ("INVALID"); never NULL. */
const char *psirt_errname(enum psirt_err err);
/* English one-phrase description ("invalid input"); never NULL. */
const char *psirt_strerror(enum psirt_err err);

/* Where a problem was found and what it is. Caller-owned: initialise with
 * PSIRT_DIAG_INIT or psirt_diag_init(), release with psirt_diag_release().
 * The first error wins: once code != PSIRT_OK, later psirt_diag_set() calls
 * are ignored, so calls can be chained and the root cause is kept. A success
 * never touches it. Numeric places are 0 when unknown (line, column and
 * offset count from 1 when known; offset is a byte offset plus one). */
struct psirt_diag {
	enum psirt_err code;
	char *file;   /* owned; file or source name, NULL when none */
	char *where;  /* owned; record id, JSON pointer or field, NULL when none */
	long line;
	long column;
	long long offset;
	char *message; /* owned; never NULL after a failed psirt_diag_set() */
};

#define PSIRT_DIAG_INIT { PSIRT_OK, NULL, NULL, 0, 0, 0, NULL }

void psirt_diag_init(struct psirt_diag *diag);
/* Frees what the diagnostic owns and resets it to PSIRT_DIAG_INIT. */
void psirt_diag_release(struct psirt_diag *diag);

/* Records an error unless one is already recorded. diag may be NULL (the
 * error is then only returned). Returns err, so `return psirt_diag_set(...)`.
 * When memory for the message cannot be had, the code is still recorded and
 * the message is the static text of psirt_strerror(). */
enum psirt_err psirt_diag_set(struct psirt_diag *diag, enum psirt_err err,
                              const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
enum psirt_err psirt_diag_setv(struct psirt_diag *diag, enum psirt_err err,
                               const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Place setters: each applies only while the diagnostic holds an error whose
 * place is not yet set, so the innermost (first) place wins too. They copy
 * their string arguments. */
void psirt_diag_set_file(struct psirt_diag *diag, const char *file);
void psirt_diag_set_where(struct psirt_diag *diag, const char *where);
void psirt_diag_set_column(struct psirt_diag *diag, long column);
void psirt_diag_set_line(struct psirt_diag *diag, long line, long column);
void psirt_diag_set_offset(struct psirt_diag *diag, long long offset);

/* Formats the diagnostic as one line: "FILE:LINE:COL: WHERE: message"
 * (absent parts left out). Returns owned memory (free with free()), or NULL
 * when out of memory. */
char *psirt_diag_format(const struct psirt_diag *diag);

#endif
