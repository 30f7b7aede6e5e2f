/* psirt — package-URL (purl): parse, validate, build, canonicalise, compare.
 *
 * A purl names a package the way its ecosystem does:
 *     pkg:type/namespace/name@version?qualifiers#subpath
 * (ECMA-427 / purl-spec, "PURL-SPECIFICATION" clause 5). psirt follows the
 * current specification and the registered type definitions
 * (types/NAME-definition.json, compiled into src/ident/purl_types.c); an
 * unregistered type gets the generic rules only (clause 5.7).
 *
 * A parsed purl is a struct of views on decoded, normalised components,
 * all stored in one allocation (or in a caller's arena): nothing in it
 * borrows the input. Normalisation done while parsing or building:
 *   - scheme and type lower-cased; slashes after "pkg:" dropped (5.6.1);
 *   - namespace and subpath: empty segments dropped, leading and trailing
 *     slashes dropped, subpath segments "." and ".." dropped (5.6.3, 5.6.7);
 *   - qualifiers: pairs with an empty value dropped, sorted by key; keys
 *     must be lower-case [a-z][a-z0-9._-]* and unique (5.6.6);
 *   - the type's rules: components that are not case sensitive lower-cased,
 *     pypi '_' -> '-', required or prohibited namespace, required qualifier
 *     keys, permitted characters (chrome-extension, pub), and the rules the
 *     type notes state in prose (git, cpan, mlflow, swid): see
 *     scripts/gen-purl-types.py.
 * Decoded components must be valid UTF-8. Views are also NUL-terminated for
 * convenience, but a component may hold a NUL byte (from %00): use len.
 */
#ifndef PSIRT_PURL_H
#define PSIRT_PURL_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/str.h"

/* Longest purl string accepted, in bytes. Real purls stay well under 1 KiB
 * (a long download_url qualifier is a few hundred bytes); the cap bounds the
 * work hostile input can cause. A longer input is PSIRT_ETOOBIG. */
#define PSIRT_PURL_MAX_LEN 65536
/* Most qualifiers one purl may have (PSIRT_ETOOBIG above): real types define
 * at most a handful; the cap keeps the insertion sort of keys cheap. */
#define PSIRT_PURL_MAX_QUALIFIERS 256

enum psirt_purl_flags {
	/* Repair what the purl-spec tests of the "recommended" group expect a
	 * tool to normalise but the "required" group rejects: upper-case
	 * qualifier keys are lower-cased instead of being an error. */
	PSIRT_PURL_LENIENT = 1 << 0,
};

/* A registered type's definition (opaque; src/ident/internal.h). */
struct psirt_purl_type;

struct psirt_purl_qualifier {
	struct psirt_str key;   /* lower-case, never empty */
	struct psirt_str value; /* decoded, never empty */
};

/* Components, decoded and normalised. An absent optional component has
 * p == NULL and len 0 (an empty one is always absent). */
struct psirt_purl {
	struct psirt_str type;      /* lower-case, never absent */
	struct psirt_str ns;        /* namespace: segments joined by '/' */
	struct psirt_str name;      /* never absent */
	struct psirt_str version;
	struct psirt_purl_qualifier *qualifiers; /* sorted by key, unique keys */
	size_t nqualifiers;
	struct psirt_str subpath;   /* segments joined by '/' */
	int registered;             /* the type has a registered definition */
	const struct psirt_purl_type *def; /* that definition, NULL when unregistered */
	void *mem;                  /* owned by the struct when not from an arena */
};

/* Parses s (need not be NUL-terminated) into *out. flags: enum
 * psirt_purl_flags. On success *out owns one allocation: free it with
 * psirt_purl_release(). On failure *out is left released (safe to release
 * again) and diag gets the message and the 1-based column into s.
 * Errors: PSIRT_EINVAL (not a valid purl), PSIRT_ETOOBIG (longer than
 * PSIRT_PURL_MAX_LEN or more than PSIRT_PURL_MAX_QUALIFIERS), PSIRT_ENOMEM. */
enum psirt_err psirt_purl_parse(struct psirt_str s, unsigned flags, struct psirt_purl *out,
                                struct psirt_diag *diag);

/* As psirt_purl_parse, but the memory comes from arena (released with the
 * arena; psirt_purl_release on the result is then a no-op). */
enum psirt_err psirt_purl_parse_arena(struct psirt_str s, unsigned flags,
                                      struct psirt_arena *arena, struct psirt_purl *out,
                                      struct psirt_diag *diag);

/* Builds a purl from decoded components: parts is read only (its views are
 * borrowed for the call; mem, registered and def are ignored). Components absent
 * as described above; parts->ns and parts->subpath use '/' between segments;
 * qualifiers in any order, empty values dropped. The result is validated and
 * normalised exactly as a parsed purl and owns its memory (free with
 * psirt_purl_release). Errors as psirt_purl_parse, with no column. */
enum psirt_err psirt_purl_build(const struct psirt_purl *parts, unsigned flags,
                                struct psirt_purl *out, struct psirt_diag *diag);

/* Frees what a parsed or built purl owns and zeroes it. */
void psirt_purl_release(struct psirt_purl *p);

/* Appends the canonical string of p to out: "pkg:", components
 * percent-encoded with upper-case hex, leaving unencoded only A-Z a-z 0-9
 * . - _ ~ and ':' (clause 5.4) and the separators in their places.
 * p must come unchanged from psirt_purl_parse, psirt_purl_parse_arena or
 * psirt_purl_build: the encoder reads 16 bytes at a time, up to 16 past a
 * component's end, which only the memory those functions allocate allows.
 * Returns psirt_buf_error(out) (PSIRT_ENOMEM or PSIRT_ETOOBIG). */
enum psirt_err psirt_purl_format(const struct psirt_purl *p, struct psirt_buf *out);

/* Parses s and appends its canonical form to out, in one step (what the
 * benchmark measures). The parse uses spare room at the end of out's memory,
 * so a buffer reused from call to call costs no allocation (a buffer whose
 * cap leaves no room falls back to malloc). Errors as psirt_purl_parse, or
 * the buffer's error. */
enum psirt_err psirt_purl_canonicalize(struct psirt_str s, unsigned flags,
                                       struct psirt_buf *out, struct psirt_diag *diag);

/* Total order on normalised purls: by type, namespace, name, version
 * (absent first), qualifiers (key, then value, pair by pair; fewer first
 * when one list is a prefix of the other), then subpath; components compare
 * byte-wise. Returns <0, 0 or >0. 0 exactly when both have the same
 * canonical string. */
int psirt_purl_compare(const struct psirt_purl *a, const struct psirt_purl *b);
/* Same canonical string? */
int psirt_purl_equal(const struct psirt_purl *a, const struct psirt_purl *b);

/* Is type (any case) a registered purl type? */
int psirt_purl_type_registered(struct psirt_str type);

#endif
