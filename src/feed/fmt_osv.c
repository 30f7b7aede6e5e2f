/* OSV JSON, streamed: one struct psirt_vuln_record per OSV record.
 *
 * Field names follow the OSV schema (ossf/osv-schema, docs/schema.md and
 * validation/schema.json). Accepted shapes: one record ({"id":…}, the files
 * of the OSV databases and the members of an ecosystem all.zip), an array of
 * records, and an OSV API answer ({"vulns":[…]}, other members ignored).
 *
 * Required (schema "required"): id and modified of a record, ecosystem and
 * name of a package, type of a range, url of a reference, type and score of
 * a severity entry; a missing one is an error. Everything else is optional,
 * and null counts as absent (the schema allows null for aliases, severity,
 * affected and references).
 *
 * Kept as JSON, not interpreted: the record's members this parser does not
 * know (database_specific, credits, schema_version, upstream…) in extra_json;
 * an affected entry's ecosystem_specific, database_specific and severity in
 * its package's json; a range's database_specific in the range's json; each
 * severity entry whole in its score's json.
 *
 * Like fmt_nvd.c: yajl events drive a stack of frames, one per open object
 * or array, each knowing what it is (its state) and the key being read. A
 * frame may also carry a capture: every event inside it is re-serialised
 * into one of a few yajl generators (cap), so captured JSON stays whole.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "feed/internal.h"
#include "psirt/cvss.h"
#include "psirt/isotime.h"
#include "psirt/str.h"

enum state {
	ST_ROOT,     /* the document's object: a record, or an API answer */
	ST_LIST,     /* an array of records: the document, or "vulns" */
	ST_REC,      /* a record inside a list */
	ST_IDS,      /* aliases[] or related[] */
	ST_SEVS,     /* severity[] */
	ST_SEV,
	ST_AFFS,     /* affected[] */
	ST_AFF,
	ST_PKG,      /* affected[].package */
	ST_RANGES,
	ST_RANGE,
	ST_EVENTS,
	ST_EVENT,
	ST_VERSIONS, /* affected[].versions[] */
	ST_REFS,
	ST_REF,
	ST_EXTRA,    /* inside a captured member */
	ST_SKIP,     /* inside anything else unknown */
};

#define KEYS(X)                                                              \
	X(ID, "id")                                                          \
	X(MODIFIED, "modified")                                              \
	X(PUBLISHED, "published")                                            \
	X(WITHDRAWN, "withdrawn")                                            \
	X(ALIASES, "aliases")                                                \
	X(RELATED, "related")                                                \
	X(SUMMARY, "summary")                                                \
	X(DETAILS, "details")                                                \
	X(SEVERITY, "severity")                                              \
	X(AFFECTED, "affected")                                              \
	X(REFERENCES, "references")                                          \
	X(VULNS, "vulns")                                                    \
	X(TYPE, "type")                                                      \
	X(SCORE, "score")                                                    \
	X(PACKAGE, "package")                                                \
	X(RANGES, "ranges")                                                  \
	X(VERSIONS, "versions")                                              \
	X(ECOSYSTEM, "ecosystem")                                            \
	X(NAME, "name")                                                      \
	X(PURL, "purl")                                                      \
	X(REPO, "repo")                                                      \
	X(EVENTS, "events")                                                  \
	X(INTRODUCED, "introduced")                                          \
	X(FIXED, "fixed")                                                    \
	X(LAST_AFFECTED, "last_affected")                                    \
	X(LIMIT, "limit")                                                    \
	X(URL, "url")

enum key {
	K_NONE,  /* not one this state knows */
	K_EXTRA, /* an unknown member being captured */
#define KEY_ENUM(id, text) K_##id,
	KEYS(KEY_ENUM)
#undef KEY_ENUM
	K__MAX
};

static const char *const key_names[K__MAX] = {
	[K_NONE] = "?",
	[K_EXTRA] = "?",
#define KEY_NAME(id, text) [K_##id] = text,
	KEYS(KEY_NAME)
#undef KEY_NAME
};

/* The keys each object state knows, so that a lookup compares a few. */
static const uint8_t rec_keys[] = { K_ID,       K_MODIFIED, K_PUBLISHED, K_WITHDRAWN,
	                            K_ALIASES,  K_RELATED,  K_SUMMARY,   K_DETAILS,
	                            K_SEVERITY, K_AFFECTED, K_REFERENCES, 0 };
static const uint8_t sev_keys[] = { K_TYPE, K_SCORE, 0 };
/* affected[].severity is kept with the package, not as a score: it rates
 * the vulnerability for that package only (schema 1.5) */
static const uint8_t aff_keys[] = { K_PACKAGE, K_RANGES, K_VERSIONS, 0 };
static const uint8_t pkg_keys[] = { K_ECOSYSTEM, K_NAME, K_PURL, 0 };
static const uint8_t range_keys[] = { K_TYPE, K_REPO, K_EVENTS, 0 };
static const uint8_t event_keys[] = { K_INTRODUCED, K_FIXED, K_LAST_AFFECTED, K_LIMIT, 0 };
static const uint8_t ref_keys[] = { K_TYPE, K_URL, 0 };

/* Capture generators. */
enum cap {
	CAP_NONE,
	CAP_REC,   /* the record's unknown members -> extra_json */
	CAP_AFF,   /* an affected entry's other members -> package json */
	CAP_RANGE, /* a range's other members -> range json */
	CAP_SEV,   /* a severity entry, whole -> score json */
	CAP__MAX
};

struct frame {
	uint8_t st;
	uint8_t key;
	uint8_t cap; /* every event inside goes to this generator */
};

struct osv {
	struct feed__json json;
	struct frame stack[PSIRT_FEED_MAX_DEPTH];
	int depth;
	struct psirt_arena arena; /* the current record's */
	struct psirt_vuln_record rec;
	unsigned long long index; /* records begun in a list, for "record N" */
	long long rec_offset;     /* where the current record began */
	int root_is_list;         /* "vulns" seen in the root object */
	char where_buf[32];
	/* list tails and the items being filled */
	struct psirt_vuln_str **alias_tail, **related_tail, **ids_tail, **ver_tail;
	struct psirt_vuln_text **title_tail, **desc_tail;
	struct psirt_vuln_score **score_tail, *score;
	struct psirt_vuln_ref **ref_tail, *ref;
	struct psirt_vuln_package **pkg_tail, *pkg;
	struct psirt_vuln_range **range_tail, *range;
	struct psirt_vuln_event **event_tail;
	int has_package;
	const char *ids_key; /* "aliases" or "related", for messages */
	yajl_gen gen[CAP__MAX];
	int open[CAP__MAX]; /* an accumulating object is open in gen[i] */
};

#define OSV(p) ((struct osv *)(p)->state)

static const char *where(struct psirt_feed_parser *p)
{
	struct osv *o = OSV(p);

	if (o->rec.id && *o->rec.id)
		return o->rec.id;
	if (!o->index)
		return NULL;
	snprintf(o->where_buf, sizeof o->where_buf, "record %llu", o->index);
	return o->where_buf;
}

/* Errors at the last byte of the current token (fail) or at the byte where
 * the record starts (fail_record), and a zeroed item from the record's
 * arena (feed__item); the errors return 0, yajl's "stop". */
#define fail(p, err, ...) feed__json_fail(p, &OSV(p)->json, -1, where(p), err, __VA_ARGS__)
#define fail_record(p, ...)                                                             \
	feed__json_fail(p, &OSV(p)->json, OSV(p)->rec_offset, where(p), PSIRT_EINVAL, __VA_ARGS__)
#define nomem(p) fail(p, PSIRT_ENOMEM, "out of memory")
#define item(p, size) feed__item(p, &OSV(p)->arena, size, feed__json_here(&OSV(p)->json), where(p))

#define APPEND FEED__APPEND

static enum key lookup(const uint8_t *keys, const unsigned char *s, size_t len)
{
	return (enum key)feed__key_lookup(keys, key_names, s, len);
}

static const uint8_t *keys_of(enum state st)
{
	switch (st) {
	case ST_ROOT:
	case ST_REC:
		return rec_keys;
	case ST_SEV:
		return sev_keys;
	case ST_AFF:
		return aff_keys;
	case ST_PKG:
		return pkg_keys;
	case ST_RANGE:
		return range_keys;
	case ST_EVENT:
		return event_keys;
	case ST_REF:
		return ref_keys;
	default:
		return NULL;
	}
}

/* Where an object state keeps its unknown members (CAP_NONE: skipped). */
static enum cap extra_cap(enum state st)
{
	switch (st) {
	case ST_ROOT:
	case ST_REC:
		return CAP_REC;
	case ST_AFF:
		return CAP_AFF;
	case ST_RANGE:
		return CAP_RANGE;
	default:
		return CAP_NONE;
	}
}

static struct frame *top(struct osv *o)
{
	return &o->stack[o->depth - 1];
}

static void gen_restart(struct osv *o, enum cap c)
{
	yajl_gen_clear(o->gen[c]);
	yajl_gen_reset(o->gen[c], NULL);
	o->open[c] = 0;
}

/* The generator a value in the top frame goes to, or NULL. */
static yajl_gen value_gen(struct osv *o)
{
	struct frame *f;

	if (!o->depth)
		return NULL;
	f = top(o);
	if (f->cap)
		return o->gen[f->cap];
	if (f->key == K_EXTRA)
		return o->gen[extra_cap((enum state)f->st)];
	return NULL;
}

/* Closes an accumulated object and copies it into the arena; NULL when
 * nothing was captured, or out of memory (*err set). */
static const char *gen_take(struct psirt_feed_parser *p, enum cap c, int *ok)
{
	struct osv *o = OSV(p);
	const char *s;

	*ok = 1;
	if (!o->open[c])
		return NULL;
	yajl_gen_map_close(o->gen[c]);
	s = feed__gen_take(o->gen[c], &o->arena);
	o->open[c] = 0;
	if (!s)
		*ok = nomem(p);
	return s;
}

static void begin_record(struct psirt_feed_parser *p, int counted)
{
	struct osv *o = OSV(p);

	psirt_arena_release(&o->arena);
	memset(&o->rec, 0, sizeof o->rec);
	o->rec.source = PSIRT_VULN_SRC_OSV;
	o->index += !!counted;
	o->rec_offset = feed__json_offset(&o->json) - 1;
	o->alias_tail = &o->rec.aliases;
	o->related_tail = &o->rec.related;
	o->title_tail = &o->rec.titles;
	o->desc_tail = &o->rec.descriptions;
	o->score_tail = &o->rec.scores;
	o->ref_tail = &o->rec.refs;
	o->pkg_tail = &o->rec.packages;
	gen_restart(o, CAP_REC);
}

/* OSV ids are a database prefix, a dash and the database's own part
 * ("GHSA-jfh8-c2jp-5v3q", "RHSA-2022:0216", "PYSEC-2023-74"); the schema
 * leaves the rest free. Accepted: printable ASCII without white space or
 * '/', at most 255 bytes — the id names the record in file names, URLs and
 * messages. */
static int id_ok(const char *id)
{
	size_t i;

	for (i = 0; id[i]; i++) {
		unsigned char c = (unsigned char)id[i];

		if (c <= 0x20 || c >= 0x7f || c == '/' || c == '\\' || i >= 255)
			return 0;
	}
	return i > 0;
}

/* The scorer of the record's severity entries: the id's database prefix
 * ("GHSA", "PYSEC"), as OSV names no scorer. */
static const char *scorer(struct psirt_feed_parser *p)
{
	struct osv *o = OSV(p);
	const char *dash = strchr(o->rec.id, '-');

	if (!dash || dash == o->rec.id)
		return o->rec.id;
	return psirt_arena_strndup(&o->arena, o->rec.id, (size_t)(dash - o->rec.id));
}

static int finish_record(struct psirt_feed_parser *p)
{
	struct osv *o = OSV(p);
	struct psirt_vuln_record *rec = &o->rec;
	struct psirt_vuln_score *sc;
	const char *who;
	enum psirt_err err;
	int ok;

	if (!rec->id)
		return fail_record(p, "record without \"id\"");
	if (!id_ok(rec->id))
		return fail_record(p, "malformed OSV id");
	if (!rec->modified)
		return fail_record(p, "record without \"modified\"");
	rec->extra_json = gen_take(p, CAP_REC, &ok);
	if (!ok)
		return 0;
	if (rec->scores) {
		who = scorer(p);
		if (!who)
			return nomem(p);
		for (sc = rec->scores; sc; sc = sc->next)
			sc->source = who;
	}
	p->records++;
	err = p->sink.vuln(p->sink.ctx, rec, p->diag);
	if (err) {
		p->err = err;
		psirt_diag_set(p->diag, err, "storing the record failed");
		psirt_diag_set_where(p->diag, rec->id);
		return 0;
	}
	return 1;
}

static int string_to(struct psirt_feed_parser *p, const unsigned char *s, size_t len,
                     const char **out)
{
	*out = feed__strdup(&OSV(p)->arena, (const char *)s, len);
	return *out ? 1 : nomem(p);
}

static int timestamp(struct psirt_feed_parser *p, const unsigned char *s, size_t len,
                     const char **out, const char *field)
{
	char *t = psirt_arena_alloc(&OSV(p)->arena, PSIRT_ISOTIME_LEN + 1);

	if (!t)
		return nomem(p);
	if (len == 20 && !memcmp(s, "0001-01-01T00:00:00Z", 20)) {
		/* Go's zero time.Time: golang/vulndb's source tree writes it for
		 * entries not yet published. A modified time it must have: the
		 * earliest one, which any real version replaces; other times
		 * are unknown. */
		if (out != &OSV(p)->rec.modified)
			return 1;
		memcpy(t, "0001-01-01T00:00:00.000Z", PSIRT_ISOTIME_LEN + 1);
		*out = t;
		return 1;
	}
	if (psirt_isotime_parse((const char *)s, len, t))
		return fail(p, PSIRT_EINVAL, "\"%s\" is not an RFC 3339 timestamp: \"%.*s\"", field,
		            len > 40 ? 40 : (int)len, (const char *)s);
	*out = t;
	return 1;
}

static int text(struct psirt_feed_parser *p, const unsigned char *s, size_t len,
                struct psirt_vuln_text ***tail)
{
	struct psirt_vuln_text *t = item(p, sizeof *t);

	if (!t)
		return 0;
	t->lang = ""; /* OSV texts carry no language */
	if (!string_to(p, s, len, &t->value))
		return 0;
	APPEND(*tail, t);
	return 1;
}

static int append_str(struct psirt_feed_parser *p, const unsigned char *s, size_t len,
                      struct psirt_vuln_str ***tail)
{
	struct psirt_vuln_str *x = item(p, sizeof *x);

	if (!x || !string_to(p, s, len, &x->value))
		return 0;
	APPEND(*tail, x);
	return 1;
}

static int wrong_type(struct psirt_feed_parser *p, enum key k, const char *want)
{
	return fail(p, PSIRT_EINVAL, "\"%s\" must be %s", key_names[k], want);
}

/* What a known key must hold when it is not a string. */
static const char *container_of(enum state st, enum key k)
{
	switch (k) {
	case K_ALIASES:
	case K_RELATED:
	case K_SEVERITY:
	case K_AFFECTED:
	case K_REFERENCES:
	case K_VULNS:
		return st == ST_ROOT || st == ST_REC ? "an array" : NULL;
	case K_RANGES:
	case K_VERSIONS:
		return st == ST_AFF ? "an array" : NULL;
	case K_EVENTS:
		return st == ST_RANGE ? "an array" : NULL;
	case K_PACKAGE:
		return st == ST_AFF ? "an object" : NULL;
	default:
		return NULL;
	}
}

static int is_list_state(enum state st)
{
	return st == ST_LIST || st == ST_SEVS || st == ST_AFFS || st == ST_RANGES ||
	       st == ST_EVENTS || st == ST_REFS;
}

static int on_string(struct psirt_feed_parser *p, const unsigned char *s, size_t len)
{
	struct osv *o = OSV(p);
	struct frame *f = top(o);
	struct psirt_vuln_event *ev;
	const char *want;

	if (is_list_state((enum state)f->st))
		return fail(p, PSIRT_EINVAL, "an array of objects holds a string");
	if (f->st == ST_IDS)
		return append_str(p, s, len, &o->ids_tail);
	if (f->st == ST_VERSIONS)
		return append_str(p, s, len, &o->ver_tail);
	want = container_of((enum state)f->st, (enum key)f->key);
	if (want)
		return wrong_type(p, (enum key)f->key, want);
	switch (f->st) {
	case ST_ROOT:
	case ST_REC:
		switch (f->key) {
		case K_ID:
			return string_to(p, s, len, &o->rec.id);
		case K_MODIFIED:
			return timestamp(p, s, len, &o->rec.modified, "modified");
		case K_PUBLISHED:
			return timestamp(p, s, len, &o->rec.published, "published");
		case K_WITHDRAWN:
			/* schema: the time the entry was withdrawn */
			o->rec.withdrawn = 1;
			return timestamp(p, s, len, &o->rec.withdrawn_at, "withdrawn");
		case K_SUMMARY:
			return text(p, s, len, &o->title_tail);
		case K_DETAILS:
			return text(p, s, len, &o->desc_tail);
		default:
			return 1;
		}
	case ST_SEV:
		if (f->key == K_TYPE)
			return string_to(p, s, len, &o->score->kind);
		if (f->key == K_SCORE)
			return string_to(p, s, len, &o->score->vector);
		return 1;
	case ST_PKG:
		if (f->key == K_ECOSYSTEM)
			return string_to(p, s, len, &o->pkg->ecosystem);
		if (f->key == K_NAME)
			return string_to(p, s, len, &o->pkg->name);
		if (f->key == K_PURL)
			return string_to(p, s, len, &o->pkg->purl);
		return 1;
	case ST_RANGE:
		if (f->key == K_TYPE)
			return string_to(p, s, len, &o->range->type);
		if (f->key == K_REPO)
			return string_to(p, s, len, &o->range->repo);
		return 1;
	case ST_EVENT:
		if (f->key == K_NONE)
			return 1; /* an event kind of a later schema: ignored */
		ev = item(p, sizeof *ev);
		if (!ev || !string_to(p, s, len, &ev->value))
			return 0;
		ev->kind = key_names[f->key]; /* static: the schema's spelling */
		APPEND(o->event_tail, ev);
		return 1;
	case ST_REF:
		if (f->key == K_URL)
			return string_to(p, s, len, &o->ref->url);
		if (f->key == K_TYPE) {
			struct psirt_vuln_str *tag = item(p, sizeof *tag);

			if (!tag || !string_to(p, s, len, &tag->value))
				return 0;
			o->ref->tags = tag; /* ADVISORY, FIX, WEB, … as a tag */
		}
		return 1;
	default:
		return 1;
	}
}

/* Numbers and booleans: no OSV field takes one; null counts as absent. */
static int on_other(struct psirt_feed_parser *p, int is_null)
{
	struct osv *o = OSV(p);
	struct frame *f = top(o);
	const char *want;

	if (is_list_state((enum state)f->st))
		return fail(p, PSIRT_EINVAL, "an array of objects holds a scalar");
	if (f->st == ST_IDS)
		return fail(p, PSIRT_EINVAL, "\"%s\" must hold strings", o->ids_key);
	if (f->st == ST_VERSIONS)
		return fail(p, PSIRT_EINVAL, "\"versions\" must hold strings");
	if (is_null || f->key == K_NONE)
		return 1;
	want = container_of((enum state)f->st, (enum key)f->key);
	return wrong_type(p, (enum key)f->key, want ? want : "a string");
}

static int scalar_event(struct psirt_feed_parser *p, int kind, const unsigned char *s, size_t len,
                        int boolean)
{
	struct osv *o = OSV(p);
	struct frame *f;
	yajl_gen g;

	feed__json_event(&o->json);
	if (!o->depth)
		return fail(p, PSIRT_EINVAL, "not an OSV document (no object or array)");
	g = value_gen(o);
	if (g) {
		if (kind == 0)
			yajl_gen_null(g);
		else if (kind == 1)
			yajl_gen_bool(g, boolean);
		else if (kind == 2)
			yajl_gen_number(g, (const char *)s, len);
		else
			yajl_gen_string(g, s, len);
	}
	f = top(o);
	if (f->st == ST_EXTRA || f->key == K_EXTRA || f->st == ST_SKIP)
		return 1;
	if (kind == 3)
		return on_string(p, s, len);
	return on_other(p, kind == 0);
}

static int cb_null(void *ctx)
{
	return scalar_event(ctx, 0, NULL, 0, 0);
}

static int cb_boolean(void *ctx, int b)
{
	return scalar_event(ctx, 1, NULL, 0, b);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	return scalar_event(ctx, 2, (const unsigned char *)s, len, 0);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	return scalar_event(ctx, 3, s, len, 0);
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct psirt_feed_parser *p = ctx;
	struct osv *o = OSV(p);
	struct frame *f = top(o);
	const uint8_t *keys;
	enum cap c;

	feed__json_event(&o->json);
	if (f->cap)
		yajl_gen_string(o->gen[f->cap], s, len);
	if (f->st == ST_EXTRA || f->st == ST_SKIP)
		return 1;
	keys = keys_of((enum state)f->st);
	f->key = keys && len ? (uint8_t)lookup(keys, s, len) : K_NONE;
	if (f->st == ST_ROOT && f->key == K_NONE && len == 5 && !memcmp(s, "vulns", 5))
		f->key = K_VULNS;
	c = extra_cap((enum state)f->st);
	if (f->key == K_NONE && c) {
		if (!o->open[c]) {
			yajl_gen_map_open(o->gen[c]);
			o->open[c] = 1;
		}
		yajl_gen_string(o->gen[c], s, len);
		f->key = K_EXTRA;
	}
	return 1;
}

/* The state of a container opened in frame f (NULL: the document). */
static enum state child_state(struct frame *f, int is_map)
{
	if (!f)
		return is_map ? ST_ROOT : ST_LIST;
	switch (f->st) {
	case ST_ROOT:
	case ST_REC:
		switch (f->key) {
		case K_VULNS:
			return f->st == ST_ROOT && !is_map ? ST_LIST : ST_SKIP;
		case K_ALIASES:
		case K_RELATED:
			return is_map ? ST_SKIP : ST_IDS;
		case K_SEVERITY:
			return is_map ? ST_SKIP : ST_SEVS;
		case K_AFFECTED:
			return is_map ? ST_SKIP : ST_AFFS;
		case K_REFERENCES:
			return is_map ? ST_SKIP : ST_REFS;
		default:
			return ST_SKIP;
		}
	case ST_LIST:
		return is_map ? ST_REC : ST_SKIP;
	case ST_SEVS:
		return is_map ? ST_SEV : ST_SKIP;
	case ST_AFFS:
		return is_map ? ST_AFF : ST_SKIP;
	case ST_AFF:
		if (f->key == K_PACKAGE)
			return is_map ? ST_PKG : ST_SKIP;
		if (f->key == K_RANGES)
			return is_map ? ST_SKIP : ST_RANGES;
		if (f->key == K_VERSIONS)
			return is_map ? ST_SKIP : ST_VERSIONS;
		return ST_SKIP;
	case ST_RANGES:
		return is_map ? ST_RANGE : ST_SKIP;
	case ST_RANGE:
		return f->key == K_EVENTS && !is_map ? ST_EVENTS : ST_SKIP;
	case ST_EVENTS:
		return is_map ? ST_EVENT : ST_SKIP;
	case ST_REFS:
		return is_map ? ST_REF : ST_SKIP;
	default:
		return ST_SKIP;
	}
}

/* A known member holding a container of the wrong kind, or a list of
 * objects holding something else, is an error. */
static int check_container(struct psirt_feed_parser *p, struct frame *f, enum state st)
{
	const char *want;

	if (!f || st != ST_SKIP)
		return 1;
	if (is_list_state((enum state)f->st))
		return fail(p, PSIRT_EINVAL, "an array of objects holds an array");
	if (f->st == ST_IDS)
		return fail(p, PSIRT_EINVAL, "\"%s\" must hold strings", OSV(p)->ids_key);
	if (f->st == ST_VERSIONS)
		return fail(p, PSIRT_EINVAL, "\"versions\" must hold strings");
	if (f->key == K_NONE)
		return 1;
	want = container_of((enum state)f->st, (enum key)f->key);
	return wrong_type(p, (enum key)f->key, want ? want : "a string");
}

/* Sets up the item a new container stands for. */
static int enter(struct psirt_feed_parser *p, enum state st, struct frame *parent)
{
	struct osv *o = OSV(p);

	switch (st) {
	case ST_ROOT:
		begin_record(p, 0);
		return 1;
	case ST_REC:
		begin_record(p, 1);
		return 1;
	case ST_IDS:
		if (parent->key == K_ALIASES) {
			o->ids_tail = o->alias_tail;
			o->ids_key = "aliases";
		} else {
			o->ids_tail = o->related_tail;
			o->ids_key = "related";
		}
		return 1;
	case ST_SEV:
		o->score = item(p, sizeof *o->score);
		if (!o->score)
			return 0;
		APPEND(o->score_tail, o->score);
		gen_restart(o, CAP_SEV);
		return 1;
	case ST_AFF:
		o->pkg = item(p, sizeof *o->pkg);
		if (!o->pkg)
			return 0;
		o->has_package = 0;
		o->range_tail = &o->pkg->ranges;
		o->ver_tail = &o->pkg->versions;
		APPEND(o->pkg_tail, o->pkg);
		gen_restart(o, CAP_AFF);
		return 1;
	case ST_PKG:
		o->has_package = 1;
		return 1;
	case ST_RANGE:
		o->range = item(p, sizeof *o->range);
		if (!o->range)
			return 0;
		o->event_tail = &o->range->events;
		APPEND(o->range_tail, o->range);
		gen_restart(o, CAP_RANGE);
		return 1;
	case ST_REF:
		o->ref = item(p, sizeof *o->ref);
		if (!o->ref)
			return 0;
		APPEND(o->ref_tail, o->ref);
		return 1;
	default:
		return 1;
	}
}

static int open_container(struct psirt_feed_parser *p, int is_map)
{
	struct osv *o = OSV(p);
	struct frame *f = o->depth ? top(o) : NULL;
	struct frame *nf;
	enum state st;
	uint8_t cap = CAP_NONE;
	yajl_gen g;

	feed__json_event(&o->json);
	if (o->depth >= PSIRT_FEED_MAX_DEPTH)
		return fail(p, PSIRT_ETOOBIG, "nesting deeper than %d levels", PSIRT_FEED_MAX_DEPTH);
	if (f && (f->st == ST_EXTRA || f->key == K_EXTRA)) {
		st = ST_EXTRA;
		cap = f->cap ? f->cap : (uint8_t)extra_cap((enum state)f->st);
	} else if (f && f->st == ST_SKIP) {
		st = ST_SKIP;
	} else {
		st = child_state(f, is_map);
		if (!check_container(p, f, st))
			return 0;
		if (st == ST_SEV) {
			cap = CAP_SEV;
		} else if (f && f->cap) {
			/* an unknown part of a severity entry: kept whole */
			st = ST_EXTRA;
			cap = f->cap;
		}
	}
	if (st == ST_LIST && f)
		o->root_is_list = 1;
	if (!enter(p, st, f))
		return 0;
	g = cap ? o->gen[cap] : NULL;
	if (g)
		is_map ? yajl_gen_map_open(g) : yajl_gen_array_open(g);
	nf = &o->stack[o->depth++];
	nf->st = (uint8_t)st;
	nf->key = K_NONE;
	nf->cap = cap;
	return 1;
}

static int cb_start_map(void *ctx)
{
	return open_container(ctx, 1);
}

static int cb_start_array(void *ctx)
{
	return open_container(ctx, 0);
}

/* CVSS_V2 -> "2.0"; CVSS_V3 and CVSS_V4 -> the vector's "CVSS:3.1/"; scores
 * and severity computed from the vector (OSV gives only the vector). */
static int score_fields(struct psirt_feed_parser *p, struct psirt_vuln_score *sc)
{
	struct osv *o = OSV(p);
	struct psirt_cvss cv;
	struct psirt_cvss_scores scores;
	const char *v = sc->vector;
	char *sev;
	size_t i;

	if (!strncmp(sc->kind, "CVSS_V", 6)) {
		if (psirt_cvss_parse(&cv, v, strlen(v), NULL) == PSIRT_OK) {
			psirt_cvss_score(&cv, &scores);
			sc->version = psirt_cvss_version_name(cv.version);
			sc->base_score = scores.base / 10.0;
			sc->has_base_score = 1;
			sev = psirt_arena_strdup(
			    &o->arena, psirt_cvss_severity_name(
			                       psirt_cvss_severity_of(cv.version, scores.base)));
			if (!sev)
				return nomem(p);
			for (i = 0; sev[i]; i++) /* as NVD writes it: "CRITICAL" */
				sev[i] = (char)psirt_toupper((unsigned char)sev[i]);
			sc->severity = sev;
		} else if (!strcmp(sc->kind, "CVSS_V2")) {
			sc->version = "2.0";
		} else if (!strncmp(v, "CVSS:", 5) && strlen(v) >= 8 && v[8] == '/') {
			sc->version = psirt_arena_strndup(&o->arena, v + 5, 3);
			if (!sc->version)
				return nomem(p);
		}
	} else {
		/* "Ubuntu": a priority word ("medium"), not a vector */
		sc->severity = sc->vector;
		sc->vector = NULL;
	}
	return 1;
}

/* Completes the item a container stood for. */
static int leave(struct psirt_feed_parser *p, enum state st)
{
	struct osv *o = OSV(p);
	int ok;

	switch (st) {
	case ST_ROOT:
		if (o->root_is_list)
			return 1;
		return finish_record(p);
	case ST_REC:
		return finish_record(p);
	case ST_IDS:
		if (o->ids_tail && o->ids_key[0] == 'a')
			o->alias_tail = o->ids_tail;
		else
			o->related_tail = o->ids_tail;
		return 1;
	case ST_SEV:
		if (!o->score->kind)
			return fail(p, PSIRT_EINVAL, "severity without \"type\"");
		if (!o->score->vector)
			return fail(p, PSIRT_EINVAL, "severity without \"score\"");
		o->score->json = feed__gen_take(o->gen[CAP_SEV], &o->arena);
		if (!o->score->json)
			return nomem(p);
		return score_fields(p, o->score);
	case ST_PKG:
		if (!o->pkg->ecosystem)
			return fail(p, PSIRT_EINVAL, "package without \"ecosystem\"");
		if (!o->pkg->name)
			return fail(p, PSIRT_EINVAL, "package without \"name\"");
		return 1;
	case ST_AFF:
		o->pkg->json = gen_take(p, CAP_AFF, &ok);
		if (!ok)
			return 0;
		if (feed__package_identity(&o->arena, o->pkg))
			return nomem(p);
		return 1;
	case ST_RANGE:
		if (!o->range->type)
			return fail(p, PSIRT_EINVAL, "range without \"type\"");
		o->range->json = gen_take(p, CAP_RANGE, &ok);
		return ok;
	case ST_REF:
		if (!o->ref->url)
			return fail(p, PSIRT_EINVAL, "reference without \"url\"");
		return 1;
	default:
		return 1;
	}
}

static int close_container(struct psirt_feed_parser *p, int is_map)
{
	struct osv *o = OSV(p);
	struct frame *f = top(o);
	enum state st = (enum state)f->st;

	feed__json_event(&o->json);
	if (f->cap)
		is_map ? yajl_gen_map_close(o->gen[f->cap]) : yajl_gen_array_close(o->gen[f->cap]);
	o->depth--;
	return leave(p, st);
}

static int cb_end_map(void *ctx)
{
	return close_container(ctx, 1);
}

static int cb_end_array(void *ctx)
{
	return close_container(ctx, 0);
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end_map,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end_array,
};

static enum psirt_err osv_init(struct psirt_feed_parser *p)
{
	struct osv *o = OSV(p);
	int i;

	psirt_arena_init(&o->arena, 0);
	for (i = 1; i < CAP__MAX; i++) {
		o->gen[i] = feed__gen_new();
		if (!o->gen[i])
			return PSIRT_ENOMEM;
	}
	return feed__json_init(&o->json, &callbacks, p);
}

static size_t gen_len(yajl_gen g)
{
	const unsigned char *buf;
	size_t len = 0;

	yajl_gen_get_buf(g, &buf, &len);
	return len;
}

static enum psirt_err osv_push(struct psirt_feed_parser *p, const unsigned char *data, size_t len)
{
	struct osv *o = OSV(p);
	enum psirt_err err = feed__json_push(p, &o->json, data, len, where);
	size_t total = o->arena.total;
	int i;

	/* captured JSON is part of the record's memory */
	for (i = 1; i < CAP__MAX; i++)
		total += gen_len(o->gen[i]);
	if (!err && total > PSIRT_FEED_MAX_RECORD)
		err = feed__fail(p, PSIRT_ETOOBIG, (long long)o->json.base, where(p),
		                 "record larger than %d bytes", PSIRT_FEED_MAX_RECORD);
	return err;
}

static enum psirt_err osv_finish(struct psirt_feed_parser *p)
{
	struct osv *o = OSV(p);

	if (!o->json.started)
		return feed__fail(p, PSIRT_EINVAL, 0, NULL, "empty document");
	return feed__json_finish(p, &o->json, where);
}

static void osv_release(struct psirt_feed_parser *p)
{
	struct osv *o = OSV(p);
	int i;

	feed__json_release(&o->json);
	for (i = 1; i < CAP__MAX; i++) {
		if (o->gen[i])
			yajl_gen_free(o->gen[i]);
	}
	psirt_arena_release(&o->arena);
}

const struct feed__format feed__osv = {
	.kind = PSIRT_FEED_OSV,
	.name = "osv",
	.state_size = sizeof(struct osv),
	.init = osv_init,
	.push = osv_push,
	.finish = osv_finish,
	.release = osv_release,
};
