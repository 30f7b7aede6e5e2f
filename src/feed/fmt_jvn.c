/* JVN iPedia XML, streamed: one struct psirt_vuln_record per JVNDB entry.
 *
 * Two documents, told apart by the root element:
 *   RSS 1.0 with JVN's mod_sec module (<rdf:RDF>, one <item> per entry): the
 *     MyJVN API's getVulnOverviewList answer and the jvndb*.rdf feeds
 *     (https://jvndb.jvn.jp/schema/jvnrss_2.0.xsd, mod_sec_3.0.xsd);
 *   VULDEF (<VULDEF-Document>, one <Vulinfo> per entry): getVulnDetailInfo
 *     (https://jvndb.jvn.jp/schema/vuldef_3.2.xsd).
 * Both describe the same entries: the detail document adds affected version
 * text, impact, solution and history. A record's id is its JVNDB id, so an
 * entry read from both is one record, the later `modified` winning; the
 * detail's DateLastUpdated has seconds where the RSS dates have none, so a
 * detail of the same version replaces the overview, never the reverse.
 *
 * What goes where:
 *   titles, descriptions   <title>/<Title>, <description>/<Overview>, in the
 *                          document's xml:lang ("ja"); "&#13;" line ends (CR
 *                          LF) become LF, white space at both ends dropped
 *   aliases, related       the CVE ids among the references: an entry of
 *                          one CVE is that vulnerability (alias); an entry
 *                          covering several ("multiple vulnerabilities in
 *                          X") is none of them alone, so they are related —
 *                          as aliases they would merge distinct CVEs into
 *                          one vulnerability in the store, for good
 *   weaknesses             references with a CWE id ("CWE-79", JVN's own
 *                          "CWE-noinfo"), source "jvn"
 *   references             url, source (RSS source attribute, VULDEF Name),
 *                          tags: the labels JVN gives it (VULDEF type, then
 *                          the reference's id: "JVNVU#96768815")
 *   scores                 sec:cvss / Cvss: kind jvnCvssV2 or jvnCvssV3,
 *                          version, vector, score, severity as JVN writes them,
 *                          source "jvn"
 *   configs                one configuration, one OR node: a CPE match per
 *                          CPE 2.2 URI (per VersionNumber text when given),
 *                          converted to CPE 2.3 and split like NVD's criteria
 *   extra_json             {"link", "affected":[{vendor, product, cpe,
 *                          versions}], "impact", "solution", "history",
 *                          "datePublic"}
 *
 * Version text (VULDEF VersionNumber) is free Japanese or English prose:
 * "5.16.3 未満" (below), "2.13.0 から 2.15.0 より前のバージョン" (from, before),
 * "7.3.7 およびそれ以前" (and earlier), "1.2 and later". The common shapes
 * are read into bounds (see read_versions); anything else keeps only its
 * text (version_text), which the store keeps beside the bounds.
 *
 * Hardening, as for CycloneDX XML: libxml2's push parser with its SAX2
 * callbacks, never the network (XML_PARSE_NONET), no entity substitution,
 * no DTD loading (no NOENT / DTDLOAD / HUGE), and a DOCTYPE stops the parse
 * at once — JVN never sends one, and it is where entity attacks live.
 * libxml2's own limits stay on (10 MB per text node); element nesting is
 * capped at PSIRT_FEED_MAX_DEPTH, a record's memory at PSIRT_FEED_MAX_RECORD.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "feed/internal.h"
#include "psirt/cpe.h"
#include "psirt/isotime.h"
#include "psirt/str.h"

enum ns {
	NS_NONE,
	NS_RDF,
	NS_RSS,
	NS_SEC, /* mod_sec, any version: http://jvn.jp/rss/mod_sec/ and .../3.0/ */
	NS_DC,
	NS_DCTERMS,
	NS_VULDEF,
	NS_STATUS,
	NS_XML,
};

static const char *const ns_uri[] = {
	[NS_NONE] = "",
	[NS_RDF] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	[NS_RSS] = "http://purl.org/rss/1.0/",
	[NS_SEC] = "http://jvn.jp/rss/mod_sec/",
	[NS_DC] = "http://purl.org/dc/elements/1.1/",
	[NS_DCTERMS] = "http://purl.org/dc/terms/",
	[NS_VULDEF] = "http://jvn.jp/vuldef/",
	[NS_STATUS] = "http://jvndb.jvn.jp/myjvn/Status",
	[NS_XML] = "http://www.w3.org/XML/1998/namespace",
};

/* What an element is, by its place in the document. */
enum el {
	E_DOC, /* above the root */
	E_OTHER,
	/* RSS */
	E_RDF,
	E_ITEM,
	E_ITEM_TITLE,
	E_ITEM_LINK,
	E_ITEM_DESC,
	E_SEC_ID,
	E_SEC_REF,
	E_SEC_CPE,
	E_SEC_CVSS,
	E_DC_DATE,
	E_DC_ISSUED,
	E_DC_MODIFIED,
	/* VULDEF */
	E_VULDEF,
	E_VULINFO,
	E_VI_ID,
	E_VI_DATA,
	E_TITLE,
	E_DESC,
	E_OVERVIEW,
	E_AFFECTED,
	E_AFF_ITEM,
	E_AFF_NAME,
	E_AFF_PRODUCT,
	E_AFF_CPE,
	E_AFF_VERSION,
	E_IMPACT,
	E_CVSS,
	E_CVSS_SEVERITY,
	E_CVSS_BASE,
	E_CVSS_VECTOR,
	E_IMPACT_ITEM,
	E_IMPACT_DESC,
	E_SOLUTION,
	E_SOL_ITEM,
	E_SOL_DESC,
	E_RELATED,
	E_REL_ITEM,
	E_REL_NAME,
	E_REL_ID,
	E_REL_TITLE,
	E_REL_URL,
	E_HISTORY,
	E_HIST_ITEM,
	E_HIST_NO,
	E_HIST_TIME,
	E_HIST_DESC,
	E_FIRST_PUBLISHED,
	E_LAST_UPDATED,
	E_DATE_PUBLIC,
	E__MAX
};

/* The element tree this parser reads: (parent, namespace, name) -> kind;
 * text: the element's character data is wanted. */
static const struct {
	uint8_t parent, ns;
	const char *name;
	uint8_t kind, text;
} tree[] = {
	{ E_DOC, NS_RDF, "RDF", E_RDF, 0 },
	{ E_DOC, NS_VULDEF, "VULDEF-Document", E_VULDEF, 0 },
	{ E_RDF, NS_RSS, "item", E_ITEM, 0 },
	{ E_ITEM, NS_RSS, "title", E_ITEM_TITLE, 1 },
	{ E_ITEM, NS_RSS, "link", E_ITEM_LINK, 1 },
	{ E_ITEM, NS_RSS, "description", E_ITEM_DESC, 1 },
	{ E_ITEM, NS_SEC, "identifier", E_SEC_ID, 1 },
	{ E_ITEM, NS_SEC, "references", E_SEC_REF, 1 },
	{ E_ITEM, NS_SEC, "cpe", E_SEC_CPE, 1 },
	{ E_ITEM, NS_SEC, "cvss", E_SEC_CVSS, 0 },
	{ E_ITEM, NS_DC, "date", E_DC_DATE, 1 },
	{ E_ITEM, NS_DCTERMS, "issued", E_DC_ISSUED, 1 },
	{ E_ITEM, NS_DCTERMS, "modified", E_DC_MODIFIED, 1 },
	{ E_VULDEF, NS_VULDEF, "Vulinfo", E_VULINFO, 0 },
	{ E_VULINFO, NS_VULDEF, "VulinfoID", E_VI_ID, 1 },
	{ E_VULINFO, NS_VULDEF, "VulinfoData", E_VI_DATA, 0 },
	{ E_VI_DATA, NS_VULDEF, "Title", E_TITLE, 1 },
	{ E_VI_DATA, NS_VULDEF, "VulinfoDescription", E_DESC, 0 },
	{ E_VI_DATA, NS_VULDEF, "Affected", E_AFFECTED, 0 },
	{ E_VI_DATA, NS_VULDEF, "Impact", E_IMPACT, 0 },
	{ E_VI_DATA, NS_VULDEF, "Solution", E_SOLUTION, 0 },
	{ E_VI_DATA, NS_VULDEF, "Related", E_RELATED, 0 },
	{ E_VI_DATA, NS_VULDEF, "History", E_HISTORY, 0 },
	{ E_VI_DATA, NS_VULDEF, "DateFirstPublished", E_FIRST_PUBLISHED, 1 },
	{ E_VI_DATA, NS_VULDEF, "DateLastUpdated", E_LAST_UPDATED, 1 },
	{ E_VI_DATA, NS_VULDEF, "DatePublic", E_DATE_PUBLIC, 1 },
	{ E_DESC, NS_VULDEF, "Overview", E_OVERVIEW, 1 },
	{ E_AFFECTED, NS_VULDEF, "AffectedItem", E_AFF_ITEM, 0 },
	{ E_AFF_ITEM, NS_VULDEF, "Name", E_AFF_NAME, 1 },
	{ E_AFF_ITEM, NS_VULDEF, "ProductName", E_AFF_PRODUCT, 1 },
	{ E_AFF_ITEM, NS_VULDEF, "Cpe", E_AFF_CPE, 1 },
	{ E_AFF_ITEM, NS_VULDEF, "VersionNumber", E_AFF_VERSION, 1 },
	{ E_IMPACT, NS_VULDEF, "Cvss", E_CVSS, 0 },
	{ E_IMPACT, NS_VULDEF, "ImpactItem", E_IMPACT_ITEM, 0 },
	{ E_CVSS, NS_VULDEF, "Severity", E_CVSS_SEVERITY, 1 },
	{ E_CVSS, NS_VULDEF, "Base", E_CVSS_BASE, 1 },
	{ E_CVSS, NS_VULDEF, "Vector", E_CVSS_VECTOR, 1 },
	{ E_IMPACT_ITEM, NS_VULDEF, "Description", E_IMPACT_DESC, 1 },
	{ E_SOLUTION, NS_VULDEF, "SolutionItem", E_SOL_ITEM, 0 },
	{ E_SOL_ITEM, NS_VULDEF, "Description", E_SOL_DESC, 1 },
	{ E_RELATED, NS_VULDEF, "RelatedItem", E_REL_ITEM, 0 },
	{ E_REL_ITEM, NS_VULDEF, "Name", E_REL_NAME, 1 },
	{ E_REL_ITEM, NS_VULDEF, "VulinfoID", E_REL_ID, 1 },
	{ E_REL_ITEM, NS_VULDEF, "Title", E_REL_TITLE, 1 },
	{ E_REL_ITEM, NS_VULDEF, "URL", E_REL_URL, 1 },
	{ E_HISTORY, NS_VULDEF, "HistoryItem", E_HIST_ITEM, 0 },
	{ E_HIST_ITEM, NS_VULDEF, "HistoryNo", E_HIST_NO, 1 },
	{ E_HIST_ITEM, NS_VULDEF, "DateTime", E_HIST_TIME, 1 },
	{ E_HIST_ITEM, NS_VULDEF, "Description", E_HIST_DESC, 1 },
};

/* RFC 5646 §4.4.1: implementations should support language tags of at
 * least 35 characters; a longer xml:lang is ignored (the parent's holds). */
#define LANG_MAX 35

struct frame {
	const xmlChar *name; /* interned in the parser's dictionary */
	uint8_t el;
	uint8_t text;
	char lang[LANG_MAX + 1];
};

/* An affected product, as JVN lists it. */
struct affected {
	struct affected *next;
	const char *vendor, *product, *cpe;
	struct psirt_vuln_str *versions, **ver_tail;
};

struct labelled {
	struct labelled *next;
	const char *a, *b, *c; /* history: no, date, description */
};

struct jvn {
	xmlParserCtxtPtr ctxt;
	xmlSAXHandler sax;
	struct frame stack[PSIRT_FEED_MAX_DEPTH];
	int depth;
	int root_seen, vuldef;
	struct psirt_buf text;    /* the character data of the current element */
	struct psirt_arena arena; /* the current record's */
	struct psirt_vuln_record rec;
	int in_record;
	unsigned long long index; /* records begun, for "item N" */
	long long rec_offset;
	long rec_line;
	char where_buf[32];
	const char *dc_date, *link, *date_public;
	struct psirt_vuln_str **alias_tail;
	struct psirt_vuln_text **title_tail, **desc_tail;
	struct psirt_vuln_score **score_tail, *score;
	struct psirt_vuln_weakness **weak_tail;
	struct psirt_vuln_ref **ref_tail;
	struct affected *affected, **aff_tail, *aff;
	struct psirt_vuln_str *impact, **impact_tail, *solution, **solution_tail;
	struct labelled *history, **hist_tail, *hist;
	/* the attributes and parts of the reference being read */
	const char *ref_source, *ref_id, *ref_type, *ref_name, *ref_url;
	const char *cpe_vendor, *cpe_product;
	const char *cvss_type, *cvss_base; /* VULDEF Severity type, Base text */
	/* errors noted by libxml2's callbacks */
	int doctype;
	int first_byte_seen; /* the first byte that is not white space */
	unsigned long long pushed; /* bytes pushed before it */
	/* where the last SAX event was: libxml2 resets its input when it
	 * halts on an error, so its position is no longer known after */
	long long last_offset;
	long long error_offset; /* where libxml2 was at its first error */
	struct psirt_buf xml_error;
	long xml_error_line, xml_error_column;
	int xml_error_nomem;
	yajl_gen gen;
};

#define JVN(p) ((struct jvn *)(p)->state)

static const char *where(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);

	if (j->in_record && j->rec.id)
		return j->rec.id;
	if (!j->in_record || !j->index)
		return NULL;
	snprintf(j->where_buf, sizeof j->where_buf, "%s %llu", j->vuldef ? "Vulinfo" : "item",
	         j->index);
	return j->where_buf;
}

static long long offset_now(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);
	long consumed = j->ctxt ? xmlByteConsumed(j->ctxt) : -1;

	return consumed < 0 ? -1 : (long long)consumed + (long long)p->bom;
}

/* Has the parse failed? The SAX callbacks then do nothing more. */
static int stopped(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);

	return p->err || j->xml_error.len || j->xml_error_nomem;
}

/* Notes the position of the event being handled (see last_offset). */
static void note_position(struct psirt_feed_parser *p)
{
	long long at = offset_now(p);

	if (at > JVN(p)->last_offset)
		JVN(p)->last_offset = at;
}

static long line_now(struct jvn *j)
{
	return j->ctxt && j->ctxt->input ? j->ctxt->input->line : 0;
}

static void vfail_at(struct psirt_feed_parser *p, enum psirt_err err, long long offset, long line,
                     const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void vfail_at(struct psirt_feed_parser *p, enum psirt_err err, long long offset, long line,
                     const char *fmt, va_list ap)
{
	struct jvn *j = JVN(p);
	char msg[256];

	if (p->err)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	feed__fail(p, err, offset, where(p), "%s", msg);
	if (line > 0)
		psirt_diag_set_line(p->diag, line, 0);
	(void)j;
	/* Not xmlStopParser(): halting frees libxml2's input buffer, which the
	 * attributes of the element being handled point into. The callbacks
	 * do nothing once there is an error (stopped()), and the push returns
	 * it after the chunk. */
}

static void fail(struct psirt_feed_parser *p, enum psirt_err err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* An error at the parser's position (the end of the current tag). */
static void fail(struct psirt_feed_parser *p, enum psirt_err err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_at(p, err, offset_now(p), line_now(JVN(p)), fmt, ap);
	va_end(ap);
}

static void fail_record(struct psirt_feed_parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* An error of the record as a whole: where it starts. */
static void fail_record(struct psirt_feed_parser *p, const char *fmt, ...)
{
	struct jvn *j = JVN(p);
	va_list ap;

	va_start(ap, fmt);
	vfail_at(p, PSIRT_EINVAL, j->rec_offset, j->rec_line, fmt, ap);
	va_end(ap);
}

static void nomem(struct psirt_feed_parser *p)
{
	fail(p, PSIRT_ENOMEM, "out of memory");
}

static void *item(struct psirt_feed_parser *p, size_t size)
{
	struct jvn *j = JVN(p);
	void *x = psirt_arena_calloc(&j->arena, 1, size);

	if (!x) {
		nomem(p);
	} else if (j->arena.total > PSIRT_FEED_MAX_RECORD) {
		fail(p, PSIRT_ETOOBIG, "record larger than %d bytes", PSIRT_FEED_MAX_RECORD);
		return NULL;
	}
	return x;
}

#define APPEND FEED__APPEND

static enum ns ns_of(const xmlChar *uri)
{
	size_t i;

	if (!uri)
		return NS_NONE;
	for (i = NS_RDF; i < sizeof ns_uri / sizeof ns_uri[0]; i++) {
		size_t n = strlen(ns_uri[i]);

		/* mod_sec is versioned: ".../mod_sec/" and ".../mod_sec/3.0/" */
		if (i == NS_SEC ? !strncmp((const char *)uri, ns_uri[i], n)
		                : !strcmp((const char *)uri, ns_uri[i]))
			return (enum ns)i;
	}
	return NS_NONE;
}

/* Copies text into the arena: CR LF and lone CR become LF (JVN writes
 * line ends as "&#13;" before the newline), white space at both ends
 * dropped. NULL when out of memory. */
static char *clean(struct psirt_arena *a, const char *s, size_t len)
{
	char *out;
	size_t i, k = 0;

	while (len && psirt_isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && psirt_isspace((unsigned char)s[len - 1]))
		len--;
	out = psirt_arena_alloc(a, len + 1);
	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				continue;
			out[k++] = '\n';
		} else if (s[i]) {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return out;
}

/* An attribute's value (5-tuples: localname, prefix, URI, value, end), as
 * an arena string; NULL when absent (or out of memory, noted). */
static const char *attr(struct psirt_feed_parser *p, int n, const xmlChar **attrs, const char *name)
{
	int i;

	for (i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;

		if (!a[2] && !strcmp((const char *)a[0], name)) {
			const char *v =
			    clean(&JVN(p)->arena, (const char *)a[3], (size_t)(a[4] - a[3]));

			if (!v)
				nomem(p);
			return v;
		}
	}
	return NULL;
}

static int is_cwe(const char *id)
{
	return id && !strncmp(id, "CWE-", 4);
}

/* Notes a CVE id the entry names (aliases until finish_record decides). */
static void add_cve(struct psirt_feed_parser *p, const char *id)
{
	struct jvn *j = JVN(p);
	struct psirt_vuln_str *a;

	if (!id || !feed__is_cve_id(id, strlen(id)))
		return;
	for (a = j->rec.aliases; a; a = a->next) {
		if (!strcmp(a->value, id))
			return; /* RSS names a CVE twice: source CVE and source NVD */
	}
	a = item(p, sizeof *a);
	if (!a)
		return;
	a->value = id;
	APPEND(j->alias_tail, a);
}

static void add_weakness(struct psirt_feed_parser *p, const char *id)
{
	struct jvn *j = JVN(p);
	struct psirt_vuln_weakness *w;

	for (w = j->rec.weaknesses; w; w = w->next) {
		if (!strcmp(w->cwe, id))
			return;
	}
	w = item(p, sizeof *w);
	if (!w)
		return;
	w->cwe = id;
	w->source = "jvn";
	APPEND(j->weak_tail, w);
}

/* A reference with its labels; CVE ids are noted, CWE ids weaknesses. */
static void add_ref(struct psirt_feed_parser *p, const char *url, const char *source,
                    const char *type, const char *id)
{
	struct jvn *j = JVN(p);
	struct psirt_vuln_ref *r;
	struct psirt_vuln_str *t, **tail;
	const char *labels[2] = { type, id };
	int i;

	add_cve(p, id);
	if (is_cwe(id))
		add_weakness(p, id);
	if (!url || !*url)
		return; /* a related item without a URL: its id is kept above */
	r = item(p, sizeof *r);
	if (!r)
		return;
	r->url = url;
	r->source = source && *source ? source : NULL;
	tail = &r->tags;
	for (i = 0; i < 2; i++) {
		if (!labels[i] || !*labels[i])
			continue;
		t = item(p, sizeof *t);
		if (!t)
			return;
		t->value = labels[i];
		APPEND(tail, t);
	}
	APPEND(j->ref_tail, r);
}

static void add_text(struct psirt_feed_parser *p, struct psirt_vuln_text ***tail, const char *v)
{
	struct jvn *j = JVN(p);
	struct psirt_vuln_text *t;

	if (!*v)
		return;
	t = item(p, sizeof *t);
	if (!t)
		return;
	t->lang = psirt_arena_strdup(&j->arena, j->stack[j->depth - 1].lang);
	if (!t->lang) {
		nomem(p);
		return;
	}
	t->value = v;
	APPEND(*tail, t);
}

static void add_str(struct psirt_feed_parser *p, struct psirt_vuln_str ***tail, const char *v)
{
	struct psirt_vuln_str *s;

	if (!*v)
		return;
	s = item(p, sizeof *s);
	if (!s)
		return;
	s->value = v;
	APPEND(*tail, s);
}

static const char *timestamp(struct psirt_feed_parser *p, const char *v, const char *field)
{
	char *t = psirt_arena_alloc(&JVN(p)->arena, PSIRT_ISOTIME_LEN + 1);

	if (!t) {
		nomem(p);
		return NULL;
	}
	/* JVN writes "2023-10-16T17:18+09:00": minutes, no seconds; isotime
	 * reads that */
	if (psirt_isotime_parse(v, strlen(v), t)) {
		fail(p, PSIRT_EINVAL, "<%s> is not an ISO 8601 timestamp: \"%.40s\"", field, v);
		return NULL;
	}
	return t;
}

static struct psirt_vuln_score *new_score(struct psirt_feed_parser *p, const char *version)
{
	struct jvn *j = JVN(p);
	struct psirt_vuln_score *sc = item(p, sizeof *sc);

	if (!sc)
		return NULL;
	sc->version = version;
	sc->kind = version && version[0] == '2' ? "jvnCvssV2" : "jvnCvssV3";
	sc->source = "jvn";
	APPEND(j->score_tail, sc);
	return sc;
}

static void set_base(struct psirt_feed_parser *p, struct psirt_vuln_score *sc, const char *v)
{
	if (!v || !*v)
		return;
	if (feed__number(v, strlen(v), &sc->base_score) || sc->base_score < 0 ||
	    sc->base_score > 10) {
		fail(p, PSIRT_EINVAL, "CVSS score \"%.20s\" is not a number from 0 to 10", v);
		return;
	}
	sc->has_base_score = 1;
}

/* The score block as JSON, from its fields (JVN's attributes). */
static void score_json(struct psirt_feed_parser *p, struct psirt_vuln_score *sc, const char *type,
                       const char *score_text)
{
	struct jvn *j = JVN(p);
	const char *keys[5] = { "version", "score", "type", "severity", "vector" };
	const char *vals[5] = { sc->version, score_text, type, sc->severity, sc->vector };
	int i;

	yajl_gen_map_open(j->gen);
	for (i = 0; i < 5; i++) {
		if (!vals[i])
			continue;
		yajl_gen_string(j->gen, (const unsigned char *)keys[i], strlen(keys[i]));
		yajl_gen_string(j->gen, (const unsigned char *)vals[i], strlen(vals[i]));
	}
	yajl_gen_map_close(j->gen);
	sc->json = feed__gen_take(j->gen, &j->arena);
	if (!sc->json)
		nomem(p);
}

static void begin_record(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);

	psirt_arena_release(&j->arena);
	memset(&j->rec, 0, sizeof j->rec);
	j->rec.source = PSIRT_VULN_SRC_JVN;
	j->in_record = 1;
	j->index++;
	j->rec_offset = offset_now(p);
	j->rec_line = line_now(j);
	j->dc_date = j->link = j->date_public = NULL;
	j->alias_tail = &j->rec.aliases;
	j->title_tail = &j->rec.titles;
	j->desc_tail = &j->rec.descriptions;
	j->score_tail = &j->rec.scores;
	j->weak_tail = &j->rec.weaknesses;
	j->ref_tail = &j->rec.refs;
	j->affected = NULL;
	j->aff_tail = &j->affected;
	j->impact = j->solution = NULL;
	j->impact_tail = &j->impact;
	j->solution_tail = &j->solution;
	j->history = NULL;
	j->hist_tail = &j->history;
	j->score = NULL;
	j->aff = NULL;
	j->hist = NULL;
}

/* ---- version text ---------------------------------------------------- */

enum bound { B_NONE, B_LT, B_LE, B_GE, B_GT, B_FILLER };

/* Words of JVN's version statements, Japanese and English (lower case),
 * longest first where one contains another. */
static const struct {
	const char *word;
	enum bound b;
} words[] = {
	/* below: "X 未満", "X より前", "prior to X" */
	{ "より前", B_LT }, { "未満", B_LT }, { "prior to", B_LT }, { "before", B_LT },
	{ "earlier than", B_LT },
	/* up to and including: "X 以前", "X 以下", "X まで", "X and earlier" */
	{ "以前", B_LE }, { "以下", B_LE }, { "まで", B_LE }, { "and earlier", B_LE },
	{ "or earlier", B_LE }, { "and prior", B_LE }, { "through", B_LE },
	{ "〜", B_LE }, { "～", B_LE }, /* wave dashes: "1.0〜1.4" */
	/* from: "X 以降", "X 以上", "X から", "X and later" */
	{ "以降", B_GE }, { "以上", B_GE }, { "から", B_GE }, { "and later", B_GE },
	{ "or later", B_GE },
	/* above: "X より後" */
	{ "より後", B_GT }, { "を超える", B_GT }, { "later than", B_GT },
	/* words that change nothing */
	{ "のバージョン", B_FILLER }, { "バージョン", B_FILLER }, { "および", B_FILLER },
	{ "それ", B_FILLER }, { "のみ", B_FILLER }, { "版", B_FILLER }, { "の", B_FILLER },
	{ "versions", B_FILLER }, { "version", B_FILLER }, { "ver.", B_FILLER },
	{ "ver", B_FILLER }, { "and", B_FILLER }, { "or", B_FILLER },
	{ "from", B_GE }, { "to", B_LE },
	{ "、", B_FILLER }, { "。", B_FILLER },
};

/* Reads the bounds a stretch of words between versions states: 0 when it
 * holds only known words (and white space, punctuation), with the bound
 * kinds found OR-ed in *kinds; -1 for anything else. */
static int read_words(const char *s, size_t len, unsigned *kinds)
{
	size_t i = 0, k, n;

	*kinds = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (psirt_isspace(c) || c == ',' || c == ';' || c == ':' || c == '.' || c == '(' ||
		    c == ')') {
			i++;
			continue;
		}
		if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x80) {
			i += 3; /* U+3000 ideographic space */
			continue;
		}
		for (k = 0; k < sizeof words / sizeof words[0]; k++) {
			size_t m;

			n = strlen(words[k].word);
			if (n > len - i)
				continue;
			for (m = 0; m < n; m++) {
				if (psirt_tolower((unsigned char)s[i + m]) !=
				    (unsigned char)words[k].word[m])
					break;
			}
			/* an English word must end at a word boundary */
			if (m == n && (!psirt_isalpha((unsigned char)words[k].word[0]) ||
			               i + n == len || !psirt_isalpha((unsigned char)s[i + n])))
				break;
		}
		if (k == sizeof words / sizeof words[0])
			return -1;
		*kinds |= 1u << words[k].b;
		i += strlen(words[k].word);
	}
	return 0;
}

/* A version token: a run of ASCII non-space characters holding a digit
 * ("2.0-beta9", "v1.2.3"); a "Ver." or "Version" prefix is dropped. */
struct vtok {
	const char *p;
	size_t len;
	size_t start, end; /* the token's extent in the text */
};

static size_t find_versions(const char *s, size_t len, struct vtok *out, size_t max)
{
	size_t i = 0, n = 0, b;
	int digit;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || psirt_isspace(c)) {
			i++;
			continue;
		}
		b = i;
		digit = 0;
		while (i < len && (unsigned char)s[i] < 0x80 &&
		       !psirt_isspace((unsigned char)s[i])) {
			digit |= psirt_isdigit((unsigned char)s[i]);
			i++;
		}
		if (!digit)
			continue;
		if (n == max)
			return max + 1;
		out[n].start = b;
		out[n].end = i;
		/* trailing punctuation of the sentence is no part of it */
		while (i > b && (s[i - 1] == ',' || s[i - 1] == ';' || s[i - 1] == ')'))
			i--;
		if (!strncmp(s + b, "Ver.", 4) || !strncmp(s + b, "ver.", 4))
			b += 4;
		else if (!strncmp(s + b, "Version", 7) || !strncmp(s + b, "version", 7))
			b += 7;
		out[n].p = s + b;
		out[n].len = i > b ? i - b : 0;
		if (!out[n].len ||
		    !(psirt_isdigit((unsigned char)out[n].p[0]) ||
		      ((out[n].p[0] == 'v' || out[n].p[0] == 'V') && out[n].len > 1 &&
		       psirt_isdigit((unsigned char)out[n].p[1]))) ||
		    memchr(out[n].p, '(', out[n].len))
			return max + 1; /* "Ver.", "(1.2" : not a version we can read */
		n++;
		i = out[n - 1].end;
	}
	return n;
}

struct bounds {
	const char *exact;
	const char *si, *se, *ei, *ee; /* start/end including/excluding */
};

#define HAS(kinds, b) (((kinds) >> (b)) & 1u)

/* Reads "X 未満", "X から Y より前", "X and earlier", "prior to X", ... into
 * bounds. Returns 0, or -1 when the text is not one of those shapes (the
 * caller keeps it as text only). */
static int read_versions(struct psirt_arena *a, const char *text, struct bounds *out, int *nomem_)
{
	struct vtok v[2];
	size_t len = strlen(text), n;
	unsigned before, between = 0, after;
	const char *x, *y = NULL;
	int lt, le, ge, gt;

	memset(out, 0, sizeof *out);
	*nomem_ = 0;
	n = find_versions(text, len, v, 2);
	if (n == 0 || n > 2)
		return -1;
	/* words before the first version: product names are allowed there,
	 * so only an English "prior to"/"before" is read, nothing checked */
	if (read_words(text, v[0].start, &before))
		before = 0;
	if (n == 2 && read_words(text + v[0].end, v[1].start - v[0].end, &between))
		return -1;
	if (read_words(text + v[n - 1].end, len - v[n - 1].end, &after))
		return -1;
	x = psirt_arena_strndup(a, v[0].p, v[0].len);
	if (n == 2)
		y = psirt_arena_strndup(a, v[1].p, v[1].len);
	if (!x || (n == 2 && !y)) {
		*nomem_ = 1;
		return -1;
	}
	if (n == 1) {
		lt = HAS(after, B_LT) || HAS(before, B_LT);
		le = HAS(after, B_LE);
		ge = HAS(after, B_GE);
		gt = HAS(after, B_GT);
		if (lt + le + ge + gt > 1)
			return -1;
		if (lt)
			out->ee = x;
		else if (le)
			out->ei = x;
		else if (ge)
			out->si = x;
		else if (gt)
			out->se = x;
		else
			out->exact = x;
		return 0;
	}
	/* two versions: a start, then an end */
	if (HAS(between, B_GT))
		out->se = x;
	else if (HAS(between, B_GE) || HAS(between, B_LE))
		out->si = x; /* "X から Y", "X to Y", "X〜Y"; "X, Y" is a list, not read */
	else
		return -1;
	if (HAS(after, B_LT))
		out->ee = y;
	else if (!HAS(after, B_GE) && !HAS(after, B_GT))
		out->ei = y;
	else
		return -1;
	return 0;
}

/* ---- affected products -> CPE match criteria ------------------------- */

static void add_match(struct psirt_feed_parser *p, struct psirt_vuln_cpe_match ***tail,
                      const char *criteria, const struct psirt_cpe *cpe, const char *text)
{
	struct jvn *j = JVN(p);
	struct psirt_vuln_cpe_match *m = item(p, sizeof *m);
	struct bounds b;
	int oom, later_any = 1, i;

	if (!m)
		return;
	m->vulnerable = 1;
	m->criteria = criteria;
	m->version_text = text;
	if (text && cpe && read_versions(&j->arena, text, &b, &oom) == 0) {
		m->version_start_including = b.si;
		m->version_start_excluding = b.se;
		m->version_end_including = b.ei;
		m->version_end_excluding = b.ee;
		for (i = PSIRT_CPE_VERSION; i < PSIRT_CPE_ATTR__MAX; i++)
			later_any &=
			    psirt_cpe_get(cpe, (enum psirt_cpe_attr)i)->kind == PSIRT_CPE_ANY;
		if (b.exact && later_any) {
			/* one version: in the criteria, as NVD writes it; FS
			 * quoting (NISTIR 7695 §6.2.2.2): a backslash before
			 * every character but letters, digits, '-', '.', '_' */
			struct psirt_buf fs = PSIRT_BUF_INIT;
			const char *c;
			size_t cut = strlen(criteria) - strlen("*:*:*:*:*:*:*:*");

			psirt_buf_add(&fs, criteria, cut);
			for (c = b.exact; *c; c++) {
				if (!psirt_isalnum((unsigned char)*c) && *c != '-' && *c != '.' &&
				    *c != '_')
					psirt_buf_addch(&fs, '\\');
				psirt_buf_addch(&fs, *c);
			}
			psirt_buf_adds(&fs, ":*:*:*:*:*:*:*");
			m->criteria = psirt_buf_error(&fs)
			                  ? NULL
			                  : psirt_arena_strndup(&j->arena, fs.p, fs.len);
			psirt_buf_release(&fs);
			if (!m->criteria) {
				nomem(p);
				return;
			}
		} else if (b.exact) {
			m->version_start_including = m->version_end_including = b.exact;
		}
	} else if (text && cpe && oom) {
		{
			nomem(p);
			return;
		}
	}
	if (cpe && feed__cpe_split(&j->arena, m->criteria, m)) {
		nomem(p);
		return;
	}
	APPEND(*tail, m);
}

/* The record's configuration: JVN lists products, all vulnerable, with no
 * tree, so one configuration with one OR node holds them all. */
static void build_config(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);
	struct psirt_vuln_config *c = NULL;
	struct psirt_vuln_node *n = NULL;
	struct psirt_vuln_cpe_match **tail = NULL;
	struct psirt_buf fs = PSIRT_BUF_INIT;
	struct affected *a;
	struct psirt_vuln_str *v;
	struct psirt_cpe *cpe;
	const char *criteria;

	for (a = j->affected; a && !p->err; a = a->next) {
		if (!a->cpe || !*a->cpe)
			continue;
		if (!c) {
			c = item(p, sizeof *c);
			n = c ? item(p, sizeof *n) : NULL;
			if (!n)
				break;
			n->op = PSIRT_VULN_OP_OR;
			c->nodes = n;
			tail = &n->matches;
			j->rec.configs = c;
		}
		criteria = a->cpe;
		cpe = NULL;
		if (psirt_cpe_parse_arena(&j->arena, psirt_str_c(a->cpe), &cpe, NULL) == PSIRT_OK) {
			psirt_buf_reset(&fs);
			if (psirt_cpe_format_fs(cpe, &fs)) {
				nomem(p);
				break;
			}
			criteria = psirt_arena_strndup(&j->arena, fs.p, fs.len);
			if (!criteria) {
				nomem(p);
				break;
			}
		} else {
			cpe = NULL; /* kept as given, not split: no index */
		}
		if (!a->versions)
			add_match(p, &tail, criteria, cpe, NULL);
		for (v = a->versions; v && !p->err; v = v->next)
			add_match(p, &tail, criteria, cpe, v->value);
	}
	psirt_buf_release(&fs);
}

static void gen_str(yajl_gen g, const char *key, const char *v)
{
	if (!v)
		return;
	yajl_gen_string(g, (const unsigned char *)key, strlen(key));
	yajl_gen_string(g, (const unsigned char *)v, strlen(v));
}

static void gen_list(yajl_gen g, const char *key, const struct psirt_vuln_str *s)
{
	if (!s)
		return;
	yajl_gen_string(g, (const unsigned char *)key, strlen(key));
	yajl_gen_array_open(g);
	for (; s; s = s->next)
		yajl_gen_string(g, (const unsigned char *)s->value, strlen(s->value));
	yajl_gen_array_close(g);
}

/* What JVN says beyond the common fields, as one JSON object. */
static void build_extra(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);
	yajl_gen g = j->gen;
	const struct affected *a;
	const struct labelled *h;

	if (!j->link && !j->affected && !j->impact && !j->solution && !j->history &&
	    !j->date_public)
		return;
	yajl_gen_map_open(g);
	gen_str(g, "link", j->link);
	if (j->affected) {
		yajl_gen_string(g, (const unsigned char *)"affected", 8);
		yajl_gen_array_open(g);
		for (a = j->affected; a; a = a->next) {
			yajl_gen_map_open(g);
			gen_str(g, "vendor", a->vendor);
			gen_str(g, "product", a->product);
			gen_str(g, "cpe", a->cpe);
			gen_list(g, "versions", a->versions);
			yajl_gen_map_close(g);
		}
		yajl_gen_array_close(g);
	}
	gen_list(g, "impact", j->impact);
	gen_list(g, "solution", j->solution);
	if (j->history) {
		yajl_gen_string(g, (const unsigned char *)"history", 7);
		yajl_gen_array_open(g);
		for (h = j->history; h; h = h->next) {
			yajl_gen_map_open(g);
			gen_str(g, "no", h->a);
			gen_str(g, "dateTime", h->b);
			gen_str(g, "description", h->c);
			yajl_gen_map_close(g);
		}
		yajl_gen_array_close(g);
	}
	gen_str(g, "datePublic", j->date_public);
	yajl_gen_map_close(g);
	j->rec.extra_json = feed__gen_take(g, &j->arena);
	if (!j->rec.extra_json)
		nomem(p);
}

/* JVNDB-YYYY-NNNNNN (JVN iPedia's numbering). */
static int jvndb_id_ok(const char *id)
{
	size_t i, n = strlen(id);

	if (n < 12 || n > 64 || strncmp(id, "JVNDB-", 6) || id[10] != '-')
		return 0;
	for (i = 6; i < n; i++) {
		if (i != 10 && !psirt_isdigit((unsigned char)id[i]))
			return 0;
	}
	return 1;
}

static void finish_record(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);
	struct psirt_vuln_record *rec = &j->rec;
	enum psirt_err err;

	if (p->err)
		return;
	if (!rec->id || !*rec->id) {
		fail_record(p, "%s without %s", j->vuldef ? "Vulinfo" : "item",
		            j->vuldef ? "<VulinfoID>" : "<sec:identifier>");
		return;
	}
	if (!jvndb_id_ok(rec->id)) {
		fail_record(p, "malformed JVNDB id");
		return;
	}
	if (!rec->modified)
		rec->modified = j->dc_date; /* RSS: dc:date when dcterms:modified is missing */
	if (!rec->modified) {
		fail_record(p, "%s without %s", j->vuldef ? "Vulinfo" : "item",
		            j->vuldef ? "<DateLastUpdated>" : "<dcterms:modified>");
		return;
	}
	if (rec->aliases && rec->aliases->next) {
		/* several CVEs: related, not aliases (see the head comment) */
		rec->related = rec->aliases;
		rec->aliases = NULL;
	}
	build_config(p);
	if (!p->err)
		build_extra(p);
	if (p->err)
		return;
	p->records++;
	err = p->sink.vuln(p->sink.ctx, rec, p->diag);
	j->in_record = 0;
	if (err) {
		p->err = err;
		psirt_diag_set(p->diag, err, "storing the record failed");
		psirt_diag_set_where(p->diag, rec->id);
	}
}

/* ---- SAX callbacks ---------------------------------------------------- */

/* A count of the status element; -1 when absent, empty (detail answers
 * write firstRes="") or not a number. */
static long long status_count(struct psirt_feed_parser *p, int n, const xmlChar **attrs,
                              const char *name)
{
	const char *v = attr(p, n, attrs, name);
	unsigned long long x;

	if (!v || !*v || psirt_str_to_u64(psirt_str_c(v), 1ULL << 53, &x))
		return -1;
	return (long long)x;
}

static void on_status(struct psirt_feed_parser *p, int n, const xmlChar **attrs)
{
	const char *ret = attr(p, n, attrs, "retCd");
	const char *code = attr(p, n, attrs, "errCd");
	const char *msg = attr(p, n, attrs, "errMsg");
	long long first;

	/* MyJVN API: retCd 0 is success; otherwise errCd and errMsg say why */
	if (ret && strcmp(ret, "0")) {
		fail(p, PSIRT_EINVAL, "the MyJVN API answered with an error: %s %s",
		     code && *code ? code : "(no code)", msg && *msg ? msg : "");
		return;
	}
	/* the page facts (status_3.3.xsd): totalRes, the entries that match;
	 * totalResRet, those in this answer; firstRes, the 1-based position
	 * of its first */
	p->page.total_results = status_count(p, n, attrs, "totalRes");
	p->page.results_per_page = status_count(p, n, attrs, "totalResRet");
	first = status_count(p, n, attrs, "firstRes");
	p->page.start_index = first > 0 ? first - 1 : -1;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attrs)
{
	struct psirt_feed_parser *p = ctx;
	struct jvn *j = JVN(p);
	struct frame *parent = j->depth ? &j->stack[j->depth - 1] : NULL;
	struct frame *f;
	enum el pel = parent ? (enum el)parent->el : E_DOC;
	enum el el = E_OTHER;
	enum ns ns = ns_of(uri);
	int text = 0, i;

	if (stopped(p))
		return;
	note_position(p);
	if (j->depth >= PSIRT_FEED_MAX_DEPTH) {
		fail(p, PSIRT_ETOOBIG, "elements nested deeper than %d levels",
			 PSIRT_FEED_MAX_DEPTH);
		return;
	}
	if (pel != E_OTHER) {
		for (i = 0; i < (int)(sizeof tree / sizeof tree[0]); i++) {
			if (tree[i].parent == pel && tree[i].ns == ns &&
			    !strcmp(tree[i].name, (const char *)name)) {
				el = (enum el)tree[i].kind;
				text = tree[i].text;
				break;
			}
		}
	}
	if (pel == E_DOC) {
		j->root_seen = 1;
		if (el == E_OTHER) {
			fail(p, PSIRT_EINVAL,
				 "not a JVN iPedia document: the root element is <%s%s%s>, not "
				 "<rdf:RDF> or <VULDEF-Document>",
			     prefix ? (const char *)prefix : "", prefix ? ":" : "",
				 (const char *)name);
			return;
		}
		j->vuldef = el == E_VULDEF;
	}
	f = &j->stack[j->depth++];
	f->name = name;
	f->el = (uint8_t)el;
	f->text = (uint8_t)text;
	memcpy(f->lang, parent ? parent->lang : "", parent ? sizeof f->lang : 1);
	for (i = 0; i < nb_attributes; i++) {
		const xmlChar **a = attrs + 5 * i;
		size_t n = (size_t)(a[4] - a[3]);

		if (a[2] && ns_of(a[2]) == NS_XML && !strcmp((const char *)a[0], "lang") &&
		    n <= LANG_MAX) {
			memcpy(f->lang, a[3], n);
			f->lang[n] = '\0';
		}
	}
	if (ns == NS_STATUS && !strcmp((const char *)name, "Status")) {
		on_status(p, nb_attributes, attrs);
		return;
	}
	if (text)
		psirt_buf_reset(&j->text);
	switch (el) {
	case E_ITEM:
	case E_VULINFO:
		begin_record(p);
		break;
	case E_SEC_REF:
		j->ref_source = attr(p, nb_attributes, attrs, "source");
		j->ref_id = attr(p, nb_attributes, attrs, "id");
		break;
	case E_SEC_CPE:
		j->cpe_vendor = attr(p, nb_attributes, attrs, "vendor");
		j->cpe_product = attr(p, nb_attributes, attrs, "product");
		break;
	case E_SEC_CVSS: {
		struct psirt_vuln_score *sc =
		    new_score(p, attr(p, nb_attributes, attrs, "version"));
		const char *score = attr(p, nb_attributes, attrs, "score");

		if (!sc)
			break;
		sc->vector = attr(p, nb_attributes, attrs, "vector");
		sc->severity = attr(p, nb_attributes, attrs, "severity");
		set_base(p, sc, score);
		score_json(p, sc, attr(p, nb_attributes, attrs, "type"), score);
		break;
	}
	case E_AFF_ITEM:
		j->aff = item(p, sizeof *j->aff);
		if (j->aff) {
			j->aff->ver_tail = &j->aff->versions;
			APPEND(j->aff_tail, j->aff);
		}
		break;
	case E_CVSS:
		j->score = new_score(p, attr(p, nb_attributes, attrs, "version"));
		j->cvss_type = j->cvss_base = NULL;
		break;
	case E_CVSS_SEVERITY:
		j->cvss_type = attr(p, nb_attributes, attrs, "type");
		break;
	case E_REL_ITEM:
		j->ref_type = attr(p, nb_attributes, attrs, "type");
		j->ref_name = j->ref_id = j->ref_url = NULL;
		break;
	case E_HIST_ITEM:
		j->hist = item(p, sizeof *j->hist);
		if (j->hist)
			APPEND(j->hist_tail, j->hist);
		break;
	default:
		break;
	}
}

static void on_text_end(struct psirt_feed_parser *p, enum el el)
{
	struct jvn *j = JVN(p);
	char *v = clean(&j->arena, j->text.p ? j->text.p : "", j->text.len);

	if (!v) {
		nomem(p);
		return;
	}
	if (!j->in_record)
		return;
	switch (el) {
	case E_ITEM_TITLE:
	case E_TITLE: {
		add_text(p, &j->title_tail, v);
		return;
	}
	case E_ITEM_DESC:
	case E_OVERVIEW: {
		add_text(p, &j->desc_tail, v);
		return;
	}
	case E_ITEM_LINK:
		j->link = *v ? v : NULL;
		return;
	case E_SEC_ID:
	case E_VI_ID:
		j->rec.id = v;
		return;
	case E_SEC_REF: {
		add_ref(p, v, j->ref_source, NULL, j->ref_id);
		return;
	}
	case E_SEC_CPE:
		j->aff = item(p, sizeof *j->aff);
		if (!j->aff)
			return;
		j->aff->vendor = j->cpe_vendor;
		j->aff->product = j->cpe_product;
		j->aff->cpe = *v ? v : NULL;
		APPEND(j->aff_tail, j->aff);
		return;
	case E_DC_DATE:
		if (*v)
			j->dc_date = timestamp(p, v, "dc:date");
		return;
	case E_DC_ISSUED:
		if (*v)
			j->rec.published = timestamp(p, v, "dcterms:issued");
		return;
	case E_DC_MODIFIED:
		if (*v)
			j->rec.modified = timestamp(p, v, "dcterms:modified");
		return;
	case E_FIRST_PUBLISHED:
		if (*v)
			j->rec.published = timestamp(p, v, "DateFirstPublished");
		return;
	case E_LAST_UPDATED:
		if (*v)
			j->rec.modified = timestamp(p, v, "DateLastUpdated");
		return;
	case E_DATE_PUBLIC:
		j->date_public = *v ? v : NULL;
		return;
	case E_AFF_NAME:
		if (j->aff)
			j->aff->vendor = v;
		return;
	case E_AFF_PRODUCT:
		if (j->aff)
			j->aff->product = v;
		return;
	case E_AFF_CPE:
		if (j->aff)
			j->aff->cpe = *v ? v : NULL;
		return;
	case E_AFF_VERSION:
		if (j->aff)
			add_str(p, &j->aff->ver_tail, v);
		return;
	case E_CVSS_SEVERITY:
		if (j->score)
			j->score->severity = *v ? v : NULL;
		return;
	case E_CVSS_BASE:
		if (j->score) {
			j->cvss_base = v; /* kept as written for the JSON */
			set_base(p, j->score, v);
		}
		return;
	case E_CVSS_VECTOR:
		if (j->score)
			j->score->vector = *v ? v : NULL;
		return;
	case E_IMPACT_DESC: {
		add_str(p, &j->impact_tail, v);
		return;
	}
	case E_SOL_DESC: {
		add_str(p, &j->solution_tail, v);
		return;
	}
	case E_REL_NAME:
		j->ref_name = v;
		return;
	case E_REL_ID:
		j->ref_id = v;
		return;
	case E_REL_URL:
		j->ref_url = v;
		return;
	case E_HIST_NO:
		if (j->hist)
			j->hist->a = v;
		return;
	case E_HIST_TIME:
		if (j->hist && *v)
			j->hist->b = timestamp(p, v, "DateTime");
		return;
	case E_HIST_DESC:
		if (j->hist)
			j->hist->c = v;
		return;
	default:
		return;
	}
}

static void on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	struct psirt_feed_parser *p = ctx;
	struct jvn *j = JVN(p);
	struct frame *f;

	if (stopped(p) || !j->depth)
		return;
	note_position(p);
	f = &j->stack[--j->depth];
	if (f->text)
		on_text_end(p, (enum el)f->el);
	if (p->err || !j->in_record)
		return;
	switch (f->el) {
	case E_ITEM:
	case E_VULINFO:
		finish_record(p);
		break;
	case E_CVSS:
		if (j->score)
			score_json(p, j->score, j->cvss_type, j->cvss_base);
		j->score = NULL;
		break;
	case E_REL_ITEM:
		add_ref(p, j->ref_url, j->ref_name, j->ref_type, j->ref_id);
		break;
	case E_AFF_ITEM:
		j->aff = NULL;
		break;
	default:
		break;
	}
}

static void on_characters(void *ctx, const xmlChar *s, int len)
{
	struct psirt_feed_parser *p = ctx;
	struct jvn *j = JVN(p);

	if (stopped(p) || !j->depth || !j->stack[j->depth - 1].text || len <= 0)
		return;
	if (j->text.len + (size_t)len > PSIRT_FEED_MAX_TOKEN) {
		fail(p, PSIRT_ETOOBIG, "a text longer than %d bytes", PSIRT_FEED_MAX_TOKEN);
		return;
	}
	psirt_buf_add(&j->text, s, (size_t)len);
	if (psirt_buf_error(&j->text))
		nomem(p);
}

/* A DOCTYPE ends the parse before its internal subset is read. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	struct psirt_feed_parser *p = ctx;

	JVN(p)->doctype = 1;
	fail(p, PSIRT_EINVAL, "a DOCTYPE is not allowed in a JVN document (no DTDs, no entities)");
	/* and not one byte of its internal subset read: libxml2 checks for a
	 * halt right after this callback, and nothing here uses its input */
	xmlStopParser(JVN(p)->ctxt);
}

/* libxml2 reports some errors (input encoding conversion) through its
 * generic channel, which prints to stderr by default; the library never
 * prints, and the structured channel above has them. */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* libxml2's structured errors: the first well-formedness error is kept. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	struct psirt_feed_parser *p = ctx;
	struct jvn *j = JVN(p);
	const char *m;

	if (!e || e->level < XML_ERR_ERROR || j->xml_error.len || j->xml_error_nomem)
		return;
	if (e->code == XML_ERR_NO_MEMORY) {
		j->xml_error_nomem = 1;
		return;
	}
	/* the first error ends the parse, fatal to libxml2 or not (an invalid
	 * namespace URI): records after it would depend on where the input's
	 * chunks end, as errors are checked after each push (stopped()) */
	note_position(p);
	j->error_offset = offset_now(p);
	j->xml_error_line = e->line;
	j->xml_error_column = e->int2;
	/* one line: libxml2 adds "\nBytes: 0xE3 0x80 ..." to encoding errors */
	for (m = e->message ? e->message : "not well-formed"; *m; m++)
		psirt_buf_addch(&j->xml_error, *m == '\n' || *m == '\r' ? ' ' : *m);
	while (j->xml_error.len &&
	       psirt_isspace((unsigned char)j->xml_error.p[j->xml_error.len - 1]))
		psirt_buf_truncate(&j->xml_error, j->xml_error.len - 1);
	if (!j->xml_error.len)
		psirt_buf_adds(&j->xml_error, "not well-formed");
}

static enum psirt_err jvn_init(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);
	/* NONET: no network; NOERROR/NOWARNING: errors come to on_error only;
	 * NOCDATA: CDATA reads as text; BIG_LINES: true line numbers past
	 * 65535. Deliberately absent: NOENT, DTDLOAD, DTDATTR, HUGE. */
	const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                 XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

	xmlInitParser();
	/* per thread in libxml2: set for the thread that parses */
	xmlSetGenericErrorFunc(NULL, quiet);
	psirt_arena_init(&j->arena, 0);
	psirt_buf_init(&j->text, 0);
	psirt_buf_init(&j->xml_error, 0);
	j->gen = feed__gen_new();
	if (!j->gen)
		return PSIRT_ENOMEM;
	memset(&j->sax, 0, sizeof j->sax);
	j->sax.initialized = XML_SAX2_MAGIC;
	j->sax.startElementNs = on_start;
	j->sax.endElementNs = on_end;
	j->sax.characters = on_characters;
	j->sax.cdataBlock = on_characters;
	j->sax.ignorableWhitespace = on_characters;
	j->sax.internalSubset = on_doctype;
	j->sax.serror = on_error;
	j->ctxt = xmlCreatePushParserCtxt(&j->sax, p, NULL, 0, p->name);
	if (!j->ctxt)
		return PSIRT_ENOMEM;
	xmlCtxtUseOptions(j->ctxt, opts);
	return PSIRT_OK;
}

/* After xmlParseChunk: our own error, else libxml2's. */
static enum psirt_err check(struct psirt_feed_parser *p, int rc)
{
	struct jvn *j = JVN(p);
	enum psirt_err err;
	long long at;

	if (p->err)
		return p->err;
	if (j->xml_error_nomem)
		return feed__fail(p, PSIRT_ENOMEM, -1, NULL, "out of memory");
	if (!rc && !j->xml_error.len && j->ctxt->wellFormed)
		return PSIRT_OK;
	/* where libxml2 was when it reported the error; it may have read on
	 * to the end of the chunk since */
	at = j->xml_error.len && j->error_offset > 0 ? j->error_offset : offset_now(p);
	if (at < j->last_offset)
		at = j->last_offset;
	err = feed__fail(p, PSIRT_EINVAL, at, where(p),
	                 "invalid XML: %s",
	                 j->xml_error.len ? j->xml_error.p : "not well-formed");
	if (j->xml_error_line > 0)
		psirt_diag_set_line(p->diag, j->xml_error_line, j->xml_error_column);
	return err;
}

static enum psirt_err jvn_push(struct psirt_feed_parser *p, const unsigned char *data, size_t len)
{
	struct jvn *j = JVN(p);
	size_t n;
	int rc = 0;

	if (!j->first_byte_seen) {
		size_t i = 0;

		while (i < len && psirt_isspace(data[i]))
			i++;
		if (i < len) {
			j->first_byte_seen = 1;
			/* libxml2 calls a document that does not start with '<'
			 * "Document is empty": a JSON file given as JVN, say */
			if (data[i] != '<')
				return feed__fail(p, PSIRT_EINVAL,
				                  (long long)(j->pushed + i + p->bom), NULL,
				                  "not an XML document (JVN iPedia feeds are XML)");
		}
		j->pushed += len;
	}
	/* xmlParseChunk takes an int: feed big pushes in slices */
	while (len && !p->err) {
		n = len > (1u << 30) ? (1u << 30) : len;
		rc = xmlParseChunk(j->ctxt, (const char *)data, (int)n, 0);
		data += n;
		len -= n;
		if (rc || p->err || j->xml_error.len)
			break;
	}
	if (!p->err && !rc && !j->xml_error.len &&
	    j->arena.total + j->text.len > PSIRT_FEED_MAX_RECORD)
		return feed__fail(p, PSIRT_ETOOBIG, offset_now(p), where(p),
		                  "record larger than %d bytes", PSIRT_FEED_MAX_RECORD);
	return check(p, rc);
}

static enum psirt_err jvn_finish(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);
	int clean_before = !p->err && !j->xml_error.len && j->ctxt->wellFormed;
	int rc;
	enum psirt_err err;

	if (!j->first_byte_seen)
		return feed__fail(p, PSIRT_EINVAL, 0, NULL, "empty document");
	rc = xmlParseChunk(j->ctxt, NULL, 0, 1);

	if (clean_before && j->depth && !p->err) {
		/* libxml2's push parser calls a document that ends inside an
		 * element "Extra content at the end of the document"; say what
		 * happened instead */
		psirt_buf_reset(&j->xml_error);
		psirt_buf_addf(&j->xml_error, "premature end of the document inside <%s>",
		               (const char *)j->stack[j->depth - 1].name);
		j->xml_error_line = line_now(j);
		j->xml_error_column = 0;
		rc = rc ? rc : -1;
	}
	err = check(p, rc);

	if (err)
		return err;
	if (!j->root_seen)
		return feed__fail(p, PSIRT_EINVAL, 0, NULL, "empty document");
	return PSIRT_OK;
}

static void jvn_release(struct psirt_feed_parser *p)
{
	struct jvn *j = JVN(p);

	if (j->ctxt) {
		if (j->ctxt->myDoc)
			xmlFreeDoc(j->ctxt->myDoc);
		xmlFreeParserCtxt(j->ctxt);
	}
	if (j->gen)
		yajl_gen_free(j->gen);
	psirt_buf_release(&j->text);
	psirt_buf_release(&j->xml_error);
	psirt_arena_release(&j->arena);
}

const struct feed__format feed__jvn = {
	.kind = PSIRT_FEED_JVN,
	.name = "jvn",
	.state_size = sizeof(struct jvn),
	.init = jvn_init,
	.push = jvn_push,
	.finish = jvn_finish,
	.release = jvn_release,
};
