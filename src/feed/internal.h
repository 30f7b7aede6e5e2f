/* Internal interface of the feed module. */
#ifndef PSIRT_FEED_INTERNAL_H
#define PSIRT_FEED_INTERNAL_H

#include <stdint.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "psirt/arena.h"
#include "psirt/feed.h"
#include "psirt/isotime.h"

struct archive;

struct psirt_feed_parser;

/* One document format behind the parser interface (curl's protocol
 * vtables): fmt_nvd.c, fmt_kev.c, fmt_epss.c, fmt_jvn.c, fmt_osv.c. */
struct feed__format {
	enum psirt_feed_kind kind;
	const char *name;
	size_t state_size; /* bytes of zeroed state at p->state */
	enum psirt_err (*init)(struct psirt_feed_parser *p);
	enum psirt_err (*push)(struct psirt_feed_parser *p, const unsigned char *data, size_t len);
	enum psirt_err (*finish)(struct psirt_feed_parser *p);
	void (*release)(struct psirt_feed_parser *p);
};

extern const struct feed__format feed__nvd;
extern const struct feed__format feed__kev;
extern const struct feed__format feed__epss;
extern const struct feed__format feed__jvn;
extern const struct feed__format feed__osv;

struct psirt_feed_parser {
	const struct feed__format *fmt;
	struct psirt_feed_sink sink;
	char *name;               /* owned copy, or NULL */
	struct psirt_diag *diag;  /* the current call's, may be NULL */
	enum psirt_err err;       /* sticky */
	unsigned long long records;
	void *state;
	/* A UTF-8 byte order mark is dropped before the format sees the
	 * bytes, even when it is split across pushes; bom is then 3, and the
	 * formats count their byte offsets from it. */
	unsigned char head[3];
	size_t head_len;
	int head_done;
	size_t bom;
	/* Paged answers (NVD API): set by the format as it reads them; -1 when
	 * not seen. */
	struct psirt_feed_page page;
};

/* Records an error once (sticky) with its place; returns err. where may be
 * NULL; offset is 0-based (stored +1 as struct psirt_diag wants). */
enum psirt_err feed__fail(struct psirt_feed_parser *p, enum psirt_err err, long long offset,
                          const char *where, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
enum psirt_err feed__vfail(struct psirt_feed_parser *p, enum psirt_err err, long long offset,
                           const char *where, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

/* Shared by the record parsers (NVD, OSV, JVN): a zeroed item of size bytes
 * from the record's arena, or NULL after recording ENOMEM, or TOOBIG once
 * the record passes PSIRT_FEED_MAX_RECORD, at offset (0-based). */
void *feed__item(struct psirt_feed_parser *p, struct psirt_arena *arena, size_t size,
                 long long offset, const char *where);

/* Appends x to a singly linked list through its tail pointer. */
#define FEED__APPEND(tailp, x)                                               \
	do {                                                                 \
		*(tailp) = (x);                                              \
		(tailp) = &(x)->next;                                        \
	} while (0)

/* The index of the JSON member name s (len bytes) among the 0-terminated
 * list keys, each an index into names; 0 when absent (every parser's key
 * enum starts with K_NONE = 0). */
int feed__key_lookup(const uint8_t *keys, const char *const *names, const unsigned char *s,
                     size_t len);

/* Copies len bytes into the arena as a NUL-terminated string, dropping NUL
 * bytes (a "\u0000" in JSON would cut a C string short). NULL when out of
 * memory. */
char *feed__strdup(struct psirt_arena *a, const char *s, size_t len);
/* As feed__strdup, without leading and trailing ASCII white space. */
char *feed__strdup_trim(struct psirt_arena *a, const char *s, size_t len);

/* Parses a JSON/CSV decimal number ("7.5", "0.00113", "1e-05") without the
 * C library, whose strtod follows the locale. Returns 0, or -1 when s is not
 * such a number. Results agree with strtod to within one unit in the last
 * place, ample for scores. */
int feed__number(const char *s, size_t len, double *out);

/* Parses criteria with the CPE module (psirt/cpe.h: a 2.3 formatted string,
 * a 2.2 URI or a WFN) and sets m's part, vendor, product, version and update
 * to those attributes in formatted-string form ("*", "-", "tcp\\/ip"; arena
 * copies); all NULL when criteria is no CPE name. Returns PSIRT_OK or
 * PSIRT_ENOMEM. */
enum psirt_err feed__cpe_split(struct psirt_arena *a, const char *criteria,
                               struct psirt_vuln_cpe_match *m);

/* Sets pkg's package-URL identity (purl_type, purl_namespace, purl_name)
 * and canonicalises pkg->purl when it parses (psirt/purl.h); without a
 * usable purl, derives the identity from pkg->ecosystem and pkg->name for
 * the ecosystems with a purl type. Leaves the identity NULL when neither
 * gives one. Strings go to the arena. Returns PSIRT_OK or PSIRT_ENOMEM. */
enum psirt_err feed__package_identity(struct psirt_arena *a, struct psirt_vuln_package *pkg);

/* Is id a CVE id, "CVE-" YYYY "-" and 4 or more digits (CVE Numbering
 * Authority rules, 2014 syntax change)? */
int feed__is_cve_id(const char *id, size_t len);

/* The yajl driver shared by the JSON formats: chunked input, a leading
 * UTF-8 byte order mark, byte offsets, the token size limit. */
struct feed__json {
	yajl_handle h;
	unsigned long long base;       /* document bytes before the current chunk */
	unsigned long long last_event; /* offset just after the last callback's token */
	int started;                   /* first byte seen */
};

/* Sets up j with callbacks called with ctx (the parser). */
enum psirt_err feed__json_init(struct feed__json *j, const yajl_callbacks *cb,
                               struct psirt_feed_parser *ctx);
void feed__json_release(struct feed__json *j);
/* Offset of the current token's end within the document (in callbacks). */
long long feed__json_offset(struct feed__json *j);
/* Call at the start of each callback: notes progress for the token limit. */
static inline void feed__json_event(struct feed__json *j)
{
	j->last_event = (unsigned long long)feed__json_offset(j);
}
/* Pushes a chunk / ends the document. where() names the record for a
 * syntax error (may return NULL). */
enum psirt_err feed__json_push(struct psirt_feed_parser *p, struct feed__json *j,
                               const unsigned char *data, size_t len,
                               const char *(*where)(struct psirt_feed_parser *p));
enum psirt_err feed__json_finish(struct psirt_feed_parser *p, struct feed__json *j,
                                 const char *(*where)(struct psirt_feed_parser *p));
/* The 0-based offset of the last byte of the current token: where a JSON
 * record parser places an error found in a callback. */
long long feed__json_here(struct feed__json *j);
/* Records an error (feed__vfail) at offset, or at the current token's last
 * byte when offset is negative; returns 0, yajl's "stop", so a callback can
 * `return feed__json_fail(...)`. */
int feed__json_fail(struct psirt_feed_parser *p, struct feed__json *j, long long offset,
                    const char *where, enum psirt_err err, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Compact JSON capture of a subtree through yajl_gen. */
yajl_gen feed__gen_new(void);
/* Copies the generator's output into the arena and clears it for the next
 * capture; NULL when out of memory. */
char *feed__gen_take(yajl_gen g, struct psirt_arena *a);

/* Progress reports, throttled to one per PSIRT_FEED_PROGRESS_MS (progress.c). */
struct feed__progress {
	psirt_feed_progress_fn *fn; /* NULL: nothing to report */
	void *ctx;
	struct psirt_feed_progress p;
	double start, next; /* monotonic seconds */
};

/* Starts a run's reports (fn may be NULL). */
void feed__progress_start(struct feed__progress *pr, psirt_feed_progress_fn *fn, void *ctx,
                          const char *source);
/* Reports p's current values when the last report is old enough. */
void feed__progress_tick(struct feed__progress *pr);
/* The final report (done = 1). */
void feed__progress_end(struct feed__progress *pr);

/* Writing parsed records to the store, shared by import.c and sync.c: the
 * sink callbacks upsert each record and count its outcome. A unit is one
 * file or one downloaded document; the caller owns the transaction. */
struct feed__import {
	struct psirt_store *store;
	enum psirt_feed_kind kind;
	struct psirt_feed_stats file;           /* the current unit's counts */
	char newest[PSIRT_ISOTIME_LEN + 1];     /* newest record date seen; "" none */
	char *detail;                           /* catalog / model version; owned */
	unsigned char *buf;                     /* FEED__READ_CHUNK bytes */
	struct psirt_feed_page page;            /* of the last document read */
	/* Progress: records and input bytes of the finished units, the input
	 * bytes of the current one; records_base is added to a page's
	 * totalResults to give records_total. */
	struct feed__progress progress;
	unsigned long long run_records, run_bytes, unit_bytes, records_base;
	int paged;
	/* Records each of a page's totalResults turns into (MyJVN: an
	 * overview and a detail); 0 counts as 1. */
	unsigned records_per_result;
	/* Set by sync.c: input bytes come from the transfer, not libarchive. */
	int bytes_from_transfer;
	/* Set by sync.c: called after each vulnerability record is stored
	 * (MyJVN: the ids of an overview page, whose details come next); may
	 * be NULL. An error stops the parse. */
	enum psirt_err (*on_record)(void *ctx, const struct psirt_vuln_record *rec,
	                            struct psirt_diag *diag);
	void *record_ctx;
};

/* 1 MiB reads: large enough that system calls cost nothing measurable,
 * small enough to stay in cache. */
#define FEED__READ_CHUNK ((size_t)1 << 20)

enum psirt_err feed__import_init(struct feed__import *im, struct psirt_store *store,
                                 enum psirt_feed_kind kind, struct psirt_diag *diag);
void feed__import_release(struct feed__import *im);
/* Forgets the newest date and detail (a new transaction). */
void feed__import_reset(struct feed__import *im);
/* Starts a unit: zeroes its counts. */
void feed__import_unit_begin(struct feed__import *im);
/* Ends a unit: its records and bytes join the run's progress counts. */
void feed__import_unit_end(struct feed__import *im);
/* Updates the progress counts with the unit's input bytes so far and
 * reports when due. */
void feed__import_tick(struct feed__import *im, unsigned long long unit_bytes);
/* Reads every entry of an opened archive (raw: one; zip: each regular
 * member not starting with a dot) into the store. label names the input in
 * diagnostics (zip members as "label:member"). zip -1: told by the format
 * libarchive found. */
enum psirt_err feed__import_archive(struct feed__import *im, struct archive *a, const char *label,
                                    int zip, struct psirt_diag *diag);
/* Notes the import of the transaction's records (feed state). */
enum psirt_err feed__import_note(struct feed__import *im, struct psirt_diag *diag);
/* Copies src's error and places into dst (first error wins in dst). */
void feed__diag_copy(struct psirt_diag *dst, const struct psirt_diag *src);

#endif
