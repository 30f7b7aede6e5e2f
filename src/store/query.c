/* Reading back: the merged view of a vulnerability and the feed status. */
#include <stdlib.h>
#include <string.h>

#include "psirt/str.h"
#include "store/internal.h"

/* Read queries run rarely (one `vuln show`, one status page): prepared per
 * call rather than cached. */
static sqlite3_stmt *prepare(struct store__rd *r, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (r->err)
		return NULL;
	if (sqlite3_prepare_v2(r->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		r->err = store__fail(r->s, r->diag, "reading the store");
	return st;
}

/* Steps st: 1 for a row, 0 at the end or on error (noted in r). */
static void *alloc(struct store__rd *r, size_t size)
{
	void *p;

	if (r->err)
		return NULL;
	p = psirt_arena_calloc(r->arena, 1, size);
	if (!p)
		r->err = psirt_diag_set(r->diag, PSIRT_ENOMEM, "out of memory");
	return p;
}

/* Column i as an arena string; NULL stays NULL. */
static struct psirt_vuln_str *new_str(struct store__rd *r, const char *v)
{
	struct psirt_vuln_str *s = alloc(r, sizeof *s);

	if (s)
		s->value = v;
	return s;
}

/* Appends item to a list through its tail pointer (any list type whose
 * first member is `next`). */
#define APPEND(tailp, item)                                                  \
	do {                                                                 \
		*(tailp) = (item);                                           \
		(tailp) = &(item)->next;                                     \
	} while (0)

static enum psirt_vuln_op parse_op(const char *s)
{
	if (!s)
		return PSIRT_VULN_OP_NONE;
	return !strcmp(s, "AND") ? PSIRT_VULN_OP_AND : PSIRT_VULN_OP_OR;
}

/* Parses a JSON array of strings written by store__json_strings. Only that
 * writer's output needs reading: \" \\ and \u00XX escapes. */
static struct psirt_vuln_str *parse_strings(struct store__rd *r, const char *json)
{
	struct psirt_vuln_str *head = NULL, **tail = &head, *item;
	const char *p = json;
	char *out, *o;

	if (!json)
		return NULL;
	while (*p && !r->err) {
		while (*p && *p != '"')
			p++;
		if (!*p)
			break;
		p++;
		out = o = psirt_arena_alloc(r->arena, strlen(p) + 1);
		if (!out) {
			r->err = psirt_diag_set(r->diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
		while (*p && *p != '"') {
			if (*p == '\\' && p[1] == 'u' && p[2] && p[3] && p[4] && p[5]) {
				*o++ = (char)strtol((char[]){ p[4], p[5], 0 }, NULL, 16);
				p += 6;
			} else if (*p == '\\' && p[1]) {
				*o++ = p[1];
				p += 2;
			} else {
				*o++ = *p++;
			}
		}
		*o = '\0';
		if (*p)
			p++;
		item = new_str(r, out);
		if (item)
			APPEND(tail, item);
	}
	return head;
}

static void read_children(struct store__rd *r, sqlite3_int64 id, struct psirt_vuln_record *rec)
{
	sqlite3_stmt *st;
	struct psirt_vuln_str **atail = &rec->aliases, **rtail = &rec->related, *str;
	struct psirt_vuln_text **ttail = &rec->titles, **dtail = &rec->descriptions, *t;
	struct psirt_vuln_score **stail = &rec->scores, *sc;
	struct psirt_vuln_weakness **wtail = &rec->weaknesses, *w;
	struct psirt_vuln_ref **reftail = &rec->refs, *ref;
	struct psirt_vuln_config **ctail = &rec->configs, *c = NULL;
	struct psirt_vuln_node **ntail = NULL, *n = NULL;
	struct psirt_vuln_cpe_match **mtail = NULL, *m;
	struct psirt_vuln_package **ptail = &rec->packages, *pkg = NULL;
	struct psirt_vuln_range **rgtail = NULL, *rg = NULL;
	struct psirt_vuln_event **etail = NULL, *ev;
	struct psirt_vuln_str **vtail = NULL;
	int last_c = -1, last_n = -1, last_p = -1, last_r = -1;

	st = prepare(r, "SELECT kind, name FROM record_alias WHERE record = ?1 ORDER BY seq");
	sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(r, st, "reading the store")) {
		str = new_str(r, store__rd_col(r, st, 1));
		if (str && !strcmp((const char *)sqlite3_column_text(st, 0), "alias"))
			APPEND(atail, str);
		else if (str)
			APPEND(rtail, str);
	}
	sqlite3_finalize(st);

	st = prepare(r, "SELECT kind, lang, value FROM record_text WHERE record = ?1 ORDER BY seq");
	sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(r, st, "reading the store")) {
		t = alloc(r, sizeof *t);
		if (!t)
			break;
		t->lang = store__rd_col(r, st, 1);
		t->value = store__rd_col(r, st, 2);
		if (!strcmp((const char *)sqlite3_column_text(st, 0), "title"))
			APPEND(ttail, t);
		else
			APPEND(dtail, t);
	}
	sqlite3_finalize(st);

	st = prepare(r, "SELECT kind, version, vector, base_score, severity, source, type, data"
	                " FROM score WHERE record = ?1 ORDER BY seq");
	sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(r, st, "reading the store")) {
		sc = alloc(r, sizeof *sc);
		if (!sc)
			break;
		sc->kind = store__rd_col(r, st, 0);
		sc->version = store__rd_col(r, st, 1);
		sc->vector = store__rd_col(r, st, 2);
		sc->has_base_score = sqlite3_column_type(st, 3) != SQLITE_NULL;
		sc->base_score = sqlite3_column_double(st, 3);
		sc->severity = store__rd_col(r, st, 4);
		sc->source = store__rd_col(r, st, 5);
		sc->type = store__rd_col(r, st, 6);
		sc->json = store__rd_col(r, st, 7);
		APPEND(stail, sc);
	}
	sqlite3_finalize(st);

	st = prepare(r, "SELECT source, type, cwe FROM weakness WHERE record = ?1 ORDER BY seq");
	sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(r, st, "reading the store")) {
		w = alloc(r, sizeof *w);
		if (!w)
			break;
		w->source = store__rd_col(r, st, 0);
		w->type = store__rd_col(r, st, 1);
		w->cwe = store__rd_col(r, st, 2);
		APPEND(wtail, w);
	}
	sqlite3_finalize(st);

	st = prepare(r, "SELECT url, source, tags FROM reference WHERE record = ?1 ORDER BY seq");
	sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(r, st, "reading the store")) {
		ref = alloc(r, sizeof *ref);
		if (!ref)
			break;
		ref->url = store__rd_col(r, st, 0);
		ref->source = store__rd_col(r, st, 1);
		ref->tags = parse_strings(r, (const char *)sqlite3_column_text(st, 2));
		APPEND(reftail, ref);
	}
	sqlite3_finalize(st);

	/* The tree in one pass: a LEFT JOIN keeps empty configurations and
	 * nodes; rows come in key order, so a change of seq opens a new one. */
	st = prepare(r, "SELECT c.seq, c.operator, c.negate, n.seq, n.operator, n.negate,"
	                " m.vulnerable, m.criteria, m.match_criteria_id, m.part, m.vendor,"
	                " m.product, m.version, m.cpe_update, m.version_start_including,"
	                " m.version_start_excluding, m.version_end_including,"
	                " m.version_end_excluding, m.seq, m.version_text"
	                " FROM config c"
	                " LEFT JOIN config_node n ON n.record = c.record AND n.config_seq = c.seq"
	                " LEFT JOIN cpe_match m ON m.record = n.record AND m.config_seq = n.config_seq"
	                "   AND m.node_seq = n.seq"
	                " WHERE c.record = ?1 ORDER BY c.seq, n.seq, m.seq");
	sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(r, st, "reading the store")) {
		if (sqlite3_column_int(st, 0) != last_c) {
			c = alloc(r, sizeof *c);
			if (!c)
				break;
			last_c = sqlite3_column_int(st, 0);
			last_n = -1;
			c->op = parse_op((const char *)sqlite3_column_text(st, 1));
			c->negate = sqlite3_column_int(st, 2);
			ntail = &c->nodes;
			APPEND(ctail, c);
		}
		if (sqlite3_column_type(st, 3) == SQLITE_NULL)
			continue;
		if (sqlite3_column_int(st, 3) != last_n) {
			n = alloc(r, sizeof *n);
			if (!n)
				break;
			last_n = sqlite3_column_int(st, 3);
			n->op = parse_op((const char *)sqlite3_column_text(st, 4));
			n->negate = sqlite3_column_int(st, 5);
			mtail = &n->matches;
			APPEND(ntail, n);
		}
		if (sqlite3_column_type(st, 18) == SQLITE_NULL)
			continue;
		m = alloc(r, sizeof *m);
		if (!m)
			break;
		m->vulnerable = sqlite3_column_int(st, 6);
		m->criteria = store__rd_col(r, st, 7);
		m->match_criteria_id = store__rd_col(r, st, 8);
		m->part = store__rd_col(r, st, 9);
		m->vendor = store__rd_col(r, st, 10);
		m->product = store__rd_col(r, st, 11);
		m->version = store__rd_col(r, st, 12);
		m->update = store__rd_col(r, st, 13);
		m->version_start_including = store__rd_col(r, st, 14);
		m->version_start_excluding = store__rd_col(r, st, 15);
		m->version_end_including = store__rd_col(r, st, 16);
		m->version_end_excluding = store__rd_col(r, st, 17);
		m->version_text = store__rd_col(r, st, 19);
		APPEND(mtail, m);
	}
	sqlite3_finalize(st);

	st = prepare(r, "SELECT p.seq, p.ecosystem, p.name, p.purl, p.data, g.seq, g.type, g.repo,"
	                " g.data, e.kind, e.value, e.seq, p.purl_type, p.purl_namespace, p.purl_name"
	                " FROM package p"
	                " LEFT JOIN package_range g ON g.record = p.record AND g.package_seq = p.seq"
	                " LEFT JOIN range_event e ON e.record = g.record"
	                "   AND e.package_seq = g.package_seq AND e.range_seq = g.seq"
	                " WHERE p.record = ?1 ORDER BY p.seq, g.seq, e.seq");
	sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(r, st, "reading the store")) {
		if (sqlite3_column_int(st, 0) != last_p) {
			pkg = alloc(r, sizeof *pkg);
			if (!pkg)
				break;
			last_p = sqlite3_column_int(st, 0);
			last_r = -1;
			pkg->ecosystem = store__rd_col(r, st, 1);
			pkg->name = store__rd_col(r, st, 2);
			pkg->purl = store__rd_col(r, st, 3);
			pkg->json = store__rd_col(r, st, 4);
			pkg->purl_type = store__rd_col(r, st, 12);
			pkg->purl_namespace = store__rd_col(r, st, 13);
			pkg->purl_name = store__rd_col(r, st, 14);
			rgtail = &pkg->ranges;
			APPEND(ptail, pkg);
		}
		if (sqlite3_column_type(st, 5) == SQLITE_NULL)
			continue;
		if (sqlite3_column_int(st, 5) != last_r) {
			rg = alloc(r, sizeof *rg);
			if (!rg)
				break;
			last_r = sqlite3_column_int(st, 5);
			rg->type = store__rd_col(r, st, 6);
			rg->repo = store__rd_col(r, st, 7);
			rg->json = store__rd_col(r, st, 8);
			etail = &rg->events;
			APPEND(rgtail, rg);
		}
		if (sqlite3_column_type(st, 11) == SQLITE_NULL)
			continue;
		ev = alloc(r, sizeof *ev);
		if (!ev)
			break;
		ev->kind = store__rd_col(r, st, 9);
		ev->value = store__rd_col(r, st, 10);
		APPEND(etail, ev);
	}
	sqlite3_finalize(st);

	st = prepare(r, "SELECT package_seq, version FROM package_version WHERE record = ?1"
	                " ORDER BY package_seq, seq");
	sqlite3_bind_int64(st, 1, id);
	last_p = -1;
	pkg = rec->packages;
	while (store__rd_row(r, st, "reading the store")) {
		int ps = sqlite3_column_int(st, 0);

		if (ps != last_p) {
			int k;

			pkg = rec->packages;
			for (k = 0; pkg && k < ps; k++)
				pkg = pkg->next;
			last_p = ps;
			vtail = pkg ? &pkg->versions : NULL;
		}
		str = new_str(r, store__rd_col(r, st, 1));
		if (str && vtail)
			APPEND(vtail, str);
	}
	sqlite3_finalize(st);
}

static enum psirt_vuln_source source_from_name(const char *name)
{
	int i;

	for (i = 0; i < PSIRT_VULN_SRC__MAX; i++) {
		if (!strcmp(psirt_vuln_source_name((enum psirt_vuln_source)i), name))
			return (enum psirt_vuln_source)i;
	}
	return PSIRT_VULN_SRC__MAX;
}

static void read_kev(struct store__rd *r, struct psirt_vuln_view *v, const char *cve)
{
	sqlite3_stmt *st;
	struct psirt_kev_entry *e, *grown;

	st = prepare(r, "SELECT cve, vendor_project, product, name, date_added, short_description,"
	                " required_action, due_date, ransomware, notes, cwes, catalog_version,"
	                " catalog_date FROM kev WHERE cve = ?1");
	sqlite3_bind_text(st, 1, cve, -1, SQLITE_STATIC);
	while (store__rd_row(r, st, "reading the store")) {
		grown = alloc(r, (v->n_kev + 1) * sizeof *grown);
		if (!grown)
			break;
		if (v->n_kev)
			memcpy(grown, v->kev, v->n_kev * sizeof *grown);
		v->kev = grown;
		e = &v->kev[v->n_kev++];
		e->cve = store__rd_col(r, st, 0);
		e->vendor_project = store__rd_col(r, st, 1);
		e->product = store__rd_col(r, st, 2);
		e->name = store__rd_col(r, st, 3);
		e->date_added = store__rd_col(r, st, 4);
		e->short_description = store__rd_col(r, st, 5);
		e->required_action = store__rd_col(r, st, 6);
		e->due_date = store__rd_col(r, st, 7);
		e->ransomware = store__rd_col(r, st, 8);
		e->notes = store__rd_col(r, st, 9);
		e->cwes = parse_strings(r, (const char *)sqlite3_column_text(st, 10));
		e->catalog_version = store__rd_col(r, st, 11);
		e->catalog_date = store__rd_col(r, st, 12);
	}
	sqlite3_finalize(st);
}

static void read_epss(struct store__rd *r, struct psirt_vuln_view *v, const char *cve)
{
	sqlite3_stmt *st;
	struct psirt_epss_score *e, *grown;

	st = prepare(r, "SELECT cve, score, percentile, model_version, score_date FROM epss"
	                " WHERE cve = ?1");
	sqlite3_bind_text(st, 1, cve, -1, SQLITE_STATIC);
	while (store__rd_row(r, st, "reading the store")) {
		grown = alloc(r, (v->n_epss + 1) * sizeof *grown);
		if (!grown)
			break;
		if (v->n_epss)
			memcpy(grown, v->epss, v->n_epss * sizeof *grown);
		v->epss = grown;
		e = &v->epss[v->n_epss++];
		e->cve = store__rd_col(r, st, 0);
		e->score = sqlite3_column_double(st, 1);
		e->has_percentile = sqlite3_column_type(st, 2) != SQLITE_NULL;
		e->percentile = sqlite3_column_double(st, 2);
		e->model_version = store__rd_col(r, st, 3);
		e->score_date = store__rd_col(r, st, 4);
	}
	sqlite3_finalize(st);
}

/* The columns of source_record that read_records() reads, in its order. */
#define RECORD_COLUMNS                                                       \
	"s.id, s.source, s.record_id, s.modified, s.published, s.assigner,"  \
	" s.status, s.withdrawn, s.withdrawn_at, s.extra_json, s.imported_at"

/* Reads the records a prepared statement selects (RECORD_COLUMNS first),
 * with all their child rows, into an arena array; finalizes st. Returns
 * how many are withdrawn. */
static size_t read_records(struct store__rd *r, sqlite3_stmt *st, struct psirt_vuln_record **out,
                           size_t *n_out)
{
	struct psirt_vuln_record *recs = NULL, *grown;
	sqlite3_int64 *ids = NULL, *grown_ids;
	size_t n = 0, cap = 0, withdrawn = 0, i;

	while (store__rd_row(r, st, "reading the store")) {
		struct psirt_vuln_record *rec;

		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			grown = alloc(r, cap * sizeof *grown);
			grown_ids = alloc(r, cap * sizeof *grown_ids);
			if (!grown || !grown_ids)
				break;
			if (n) {
				memcpy(grown, recs, n * sizeof *grown);
				memcpy(grown_ids, ids, n * sizeof *grown_ids);
			}
			recs = grown;
			ids = grown_ids;
		}
		rec = &recs[n];
		ids[n++] = sqlite3_column_int64(st, 0);
		rec->source = source_from_name((const char *)sqlite3_column_text(st, 1));
		rec->id = store__rd_col(r, st, 2);
		rec->modified = store__rd_col(r, st, 3);
		rec->published = store__rd_col(r, st, 4);
		rec->assigner = store__rd_col(r, st, 5);
		rec->status = store__rd_col(r, st, 6);
		rec->withdrawn = sqlite3_column_int(st, 7);
		rec->withdrawn_at = store__rd_col(r, st, 8);
		rec->extra_json = store__rd_col(r, st, 9);
		rec->imported_at = store__rd_col(r, st, 10);
		withdrawn += !!rec->withdrawn;
	}
	sqlite3_finalize(st);
	for (i = 0; i < n && !r->err; i++)
		read_children(r, ids[i], &recs[i]);
	*out = recs;
	*n_out = n;
	return withdrawn;
}

/* The records of other vulnerabilities that name id (or, for a
 * vulnerability, any of its names) as related. */
static void read_related(struct store__rd *r, struct psirt_vuln_view *v, sqlite3_int64 vid,
                         const char *id)
{
	sqlite3_stmt *st;

	if (vid) {
		st = prepare(r, "SELECT DISTINCT " RECORD_COLUMNS " FROM record_alias a"
		                " JOIN source_record s ON s.id = a.record"
		                " WHERE a.kind = 'related' AND s.vuln_id <> ?1 AND a.name IN"
		                " (SELECT name FROM vuln_alias WHERE vuln_id = ?1)"
		                " ORDER BY s.source, s.record_id");
		sqlite3_bind_int64(st, 1, vid);
	} else {
		st = prepare(r, "SELECT DISTINCT " RECORD_COLUMNS " FROM record_alias a"
		                " JOIN source_record s ON s.id = a.record"
		                " WHERE a.kind = 'related' AND a.name = ?1"
		                " ORDER BY s.source, s.record_id");
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	}
	if (st)
		read_records(r, st, &v->related_records, &v->n_related_records);
}

static sqlite3_int64 find_vuln(struct store__rd *r, const char *name)
{
	sqlite3_stmt *st = prepare(r, "SELECT vuln_id FROM vuln_alias WHERE name = ?1");
	sqlite3_int64 v = 0;

	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (store__rd_row(r, st, "reading the store"))
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void read_view(struct store__rd *r, struct psirt_vuln_view *v, const char *id)
{
	struct psirt_vuln_str **atail = &v->aliases, *a;
	sqlite3_int64 vid;
	sqlite3_stmt *st;
	size_t i, withdrawn;
	char *upper;

	vid = find_vuln(r, id);
	if (!vid && !r->err) {
		/* users type "cve-2021-44228" or "ghsa-…"; ids are stored as their
		 * sources write them (CVE-, GHSA- and JVNDB- upper case, the GHSA
		 * rest lower case): compare without case, a scan, on a miss only */
		st = prepare(r, "SELECT vuln_id FROM vuln_alias WHERE name = ?1 COLLATE NOCASE"
		                " LIMIT 1");
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		if (store__rd_row(r, st, "reading the store"))
			vid = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		upper = psirt_arena_strdup(r->arena, id);
		if (!upper) {
			r->err = psirt_diag_set(r->diag, PSIRT_ENOMEM, "out of memory");
			return;
		}
		for (i = 0; upper[i]; i++)
			upper[i] = (char)psirt_toupper((unsigned char)upper[i]);
		id = upper; /* KEV and EPSS name CVEs in upper case */
	}
	if (r->err)
		return;
	if (!vid) {
		v->name = psirt_arena_strdup(r->arena, id);
		v->aliases = new_str(r, v->name);
		if (!v->name)
			r->err = psirt_diag_set(r->diag, PSIRT_ENOMEM, "out of memory");
		read_kev(r, v, id);
		read_epss(r, v, id);
		read_related(r, v, 0, id);
		if (!r->err && !v->n_kev && !v->n_epss && !v->n_related_records)
			r->err = psirt_diag_set(r->diag, PSIRT_ENOTFOUND, "%s: not in the store", id);
		return;
	}
	st = prepare(r, "SELECT name FROM vuln WHERE id = ?1");
	sqlite3_bind_int64(st, 1, vid);
	if (store__rd_row(r, st, "reading the store"))
		v->name = store__rd_col(r, st, 0);
	sqlite3_finalize(st);

	st = prepare(r, "SELECT name FROM vuln_alias WHERE vuln_id = ?1 ORDER BY name");
	sqlite3_bind_int64(st, 1, vid);
	while (store__rd_row(r, st, "reading the store")) {
		a = new_str(r, store__rd_col(r, st, 0));
		if (a)
			APPEND(atail, a);
	}
	sqlite3_finalize(st);

	st = prepare(r, "SELECT " RECORD_COLUMNS " FROM source_record s WHERE s.vuln_id = ?1"
	                " ORDER BY s.source, s.record_id");
	sqlite3_bind_int64(st, 1, vid);
	withdrawn = st ? read_records(r, st, &v->records, &v->n_records) : 0;
	v->withdrawn = v->n_records && withdrawn == v->n_records;
	read_related(r, v, vid, NULL);
	for (a = v->aliases; a && !r->err; a = a->next) {
		if (!strncmp(a->value, "CVE-", 4)) {
			read_kev(r, v, a->value);
			read_epss(r, v, a->value);
		}
	}
}

enum psirt_err psirt_store_vuln_get(struct psirt_store *s, const char *id,
                                    struct psirt_vuln_view **out, struct psirt_diag *diag)
{
	struct psirt_vuln_view *v;
	struct store__rd r = { s, NULL, diag, PSIRT_OK };

	*out = NULL;
	v = calloc(1, sizeof *v);
	if (!v)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&v->arena, 0);
	r.arena = &v->arena;
	read_view(&r, v, id);
	if (r.err) {
		psirt_vuln_view_free(v);
		return r.err;
	}
	*out = v;
	return PSIRT_OK;
}

void psirt_vuln_view_free(struct psirt_vuln_view *v)
{
	if (!v)
		return;
	psirt_arena_release(&v->arena);
	free(v);
}

enum psirt_err psirt_store_feed_status(struct psirt_store *s, struct psirt_store_feed_status **out,
                                       struct psirt_diag *diag)
{
	static const char *const feeds[] = PSIRT_STORE_FEEDS;
	struct psirt_store_feed_status *fs;
	struct store__rd r = { s, NULL, diag, PSIRT_OK };
	sqlite3_stmt *st;
	size_t i;

	*out = NULL;
	fs = calloc(1, sizeof *fs);
	if (!fs)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&fs->arena, 4096);
	r.arena = &fs->arena;
	fs->n = sizeof feeds / sizeof feeds[0];
	fs->states = alloc(&r, fs->n * sizeof *fs->states);
	for (i = 0; i < fs->n && !r.err; i++) {
		struct psirt_store_feed_state *f = &fs->states[i];

		f->source = feeds[i];
		if (!strcmp(feeds[i], "kev"))
			st = prepare(&r, "SELECT count(*), 0 FROM kev");
		else if (!strcmp(feeds[i], "epss"))
			st = prepare(&r, "SELECT count(*), 0 FROM epss");
		else
			st = prepare(&r, "SELECT count(*), coalesce(sum(withdrawn), 0)"
			                 " FROM source_record WHERE source = ?1");
		if (st && sqlite3_bind_parameter_count(st))
			sqlite3_bind_text(st, 1, feeds[i], -1, SQLITE_STATIC);
		if (store__rd_row(&r, st, "reading the store")) {
			f->records = (unsigned long long)sqlite3_column_int64(st, 0);
			f->withdrawn = (unsigned long long)sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
		st = prepare(&r, "SELECT last_import, last_sync, newest_record, detail"
		                 " FROM feed_state WHERE source = ?1");
		sqlite3_bind_text(st, 1, feeds[i], -1, SQLITE_STATIC);
		if (store__rd_row(&r, st, "reading the store")) {
			f->last_import = store__rd_col(&r, st, 0);
			f->last_sync = store__rd_col(&r, st, 1);
			f->newest_record = store__rd_col(&r, st, 2);
			f->detail = store__rd_col(&r, st, 3);
		}
		sqlite3_finalize(st);
	}
	if (r.err) {
		psirt_store_feed_status_free(fs);
		return r.err;
	}
	*out = fs;
	return PSIRT_OK;
}

void psirt_store_feed_status_free(struct psirt_store_feed_status *fs)
{
	if (!fs)
		return;
	psirt_arena_release(&fs->arena);
	free(fs);
}
