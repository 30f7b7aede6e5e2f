/* Writing vulnerability records, KEV entries and EPSS scores. */
#include <stdint.h>
#include <string.h>

#include "store/internal.h"

static const char *op_name(enum psirt_vuln_op op)
{
	switch (op) {
	case PSIRT_VULN_OP_AND:
		return "AND";
	case PSIRT_VULN_OP_OR:
		return "OR";
	case PSIRT_VULN_OP_NONE:
		break;
	}
	return NULL;
}

static int is_cve(const char *id)
{
	return id && !strncmp(id, "CVE-", 4);
}

/* Runs a statement that is expected to return at most one row; *found says
 * whether it did (the row stays readable until the next store__stmt). */
static enum psirt_err step_row(struct psirt_store *s, sqlite3_stmt *st, int *found,
                               struct psirt_diag *diag, const char *doing)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*found = 1;
		return PSIRT_OK;
	}
	*found = 0;
	if (rc == SQLITE_DONE)
		return PSIRT_OK;
	store__fail(s, diag, doing);
	sqlite3_reset(st);
	return PSIRT_ESTORE;
}

static enum psirt_err alias_find(struct psirt_store *s, const char *name, int64_t *vuln,
                                 struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__stmt(s, STMT_ALIAS_FIND, diag);
	enum psirt_err err;
	int found;

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, name);
	if ((err = step_row(s, st, &found, diag, "looking up an alias")))
		return err;
	*vuln = found ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return PSIRT_OK;
}

static enum psirt_err alias_insert(struct psirt_store *s, const char *name, int64_t vuln,
                                   struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__stmt(s, STMT_ALIAS_INSERT, diag);

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, vuln);
	return store__step_done(s, st, diag, "storing an alias");
}

static enum psirt_err run_id2(struct psirt_store *s, enum store__stmt id, int64_t a, int64_t b,
                              struct psirt_diag *diag, const char *doing)
{
	sqlite3_stmt *st = store__stmt(s, id, diag);

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, a);
	if (id != STMT_VULN_DELETE)
		sqlite3_bind_int64(st, 2, b);
	return store__step_done(s, st, diag, doing);
}

/* Moves everything of vulnerability from onto into and deletes from. */
static enum psirt_err merge_vuln(struct psirt_store *s, int64_t from, int64_t into,
                                 struct psirt_diag *diag)
{
	enum psirt_err err;

	if ((err = run_id2(s, STMT_ALIAS_MOVE, from, into, diag, "merging aliases")) ||
	    (err = run_id2(s, STMT_REC_MOVE, from, into, diag, "merging records")) ||
	    (err = run_id2(s, STMT_VULN_DELETE, from, 0, diag, "merging vulnerabilities")))
		return err;
	return PSIRT_OK;
}

/* Renames vulnerability v to cve when its name is not a CVE id yet (a GHSA
 * seen first, its CVE learnt later). */
static enum psirt_err prefer_cve_name(struct psirt_store *s, int64_t v, const char *cve,
                                      struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__stmt(s, STMT_VULN_NAME, diag);
	enum psirt_err err;
	int found, rename;

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, v);
	if ((err = step_row(s, st, &found, diag, "reading a vulnerability")))
		return err;
	rename = found && !is_cve((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (!rename)
		return PSIRT_OK;
	st = store__stmt(s, STMT_VULN_RENAME, diag);
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, v);
	store__bind_text(st, 2, cve);
	return store__step_done(s, st, diag, "renaming a vulnerability");
}

/* Finds or creates the vulnerability that rec's id and aliases name,
 * merging the vulnerabilities they connect (a GHSA record naming a CVE joins
 * the CVE's vulnerability). The lowest id survives a merge. */
static enum psirt_err resolve_vuln(struct psirt_store *s, const struct psirt_vuln_record *rec,
                                   int64_t *out, struct psirt_diag *diag)
{
	const struct psirt_vuln_str *a;
	const char *preferred = is_cve(rec->id) ? rec->id : NULL;
	int64_t target = 0, v;
	enum psirt_err err;
	sqlite3_stmt *st;

	for (a = rec->aliases; a && !preferred; a = a->next) {
		if (is_cve(a->value))
			preferred = a->value;
	}
	if ((err = alias_find(s, rec->id, &target, diag)))
		return err;
	for (a = rec->aliases; a; a = a->next) {
		if ((err = alias_find(s, a->value, &v, diag)))
			return err;
		if (!v || v == target)
			continue;
		if (!target) {
			target = v;
		} else {
			if (v < target) {
				int64_t t = v;

				v = target;
				target = t;
			}
			if ((err = merge_vuln(s, v, target, diag)))
				return err;
		}
	}
	if (!target) {
		st = store__stmt(s, STMT_VULN_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		store__bind_text(st, 1, preferred ? preferred : rec->id);
		if ((err = store__step_done(s, st, diag, "storing a vulnerability")))
			return err;
		target = sqlite3_last_insert_rowid(s->db);
	} else if (preferred && (err = prefer_cve_name(s, target, preferred, diag))) {
		return err;
	}
	if ((err = alias_insert(s, rec->id, target, diag)))
		return err;
	if (preferred && rec->id != preferred && (err = alias_insert(s, preferred, target, diag)))
		return err;
	for (a = rec->aliases; a; a = a->next) {
		if ((err = alias_insert(s, a->value, target, diag)))
			return err;
	}
	*out = target;
	return PSIRT_OK;
}

static enum psirt_err delete_children(struct psirt_store *s, int64_t record,
                                      struct psirt_diag *diag)
{
	static const enum store__stmt dels[] = {
		STMT_DEL_RALIAS, STMT_DEL_TEXT,  STMT_DEL_SCORE, STMT_DEL_WEAK,
		STMT_DEL_REF,    STMT_DEL_MATCH, STMT_DEL_NODE,  STMT_DEL_CONFIG,
		STMT_DEL_EVENT,  STMT_DEL_RANGE, STMT_DEL_PVER,  STMT_DEL_PKG,
	};
	enum psirt_err err;
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < sizeof dels / sizeof dels[0]; i++) {
		st = store__stmt(s, dels[i], diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, record);
		if ((err = store__step_done(s, st, diag, "replacing a record")))
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err insert_texts(struct psirt_store *s, int64_t record, int *seq,
                                   const char *kind, const struct psirt_vuln_text *t,
                                   struct psirt_diag *diag)
{
	enum psirt_err err;
	sqlite3_stmt *st;

	for (; t; t = t->next) {
		st = store__stmt(s, STMT_TEXT_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, record);
		sqlite3_bind_int(st, 2, (*seq)++);
		store__bind_text(st, 3, kind);
		store__bind_text(st, 4, t->lang ? t->lang : "");
		store__bind_text(st, 5, t->value ? t->value : "");
		if ((err = store__step_done(s, st, diag, "storing a description")))
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err insert_ralias(struct psirt_store *s, int64_t record, int *seq,
                                    const char *kind, const struct psirt_vuln_str *a,
                                    struct psirt_diag *diag)
{
	enum psirt_err err;
	sqlite3_stmt *st;

	for (; a; a = a->next) {
		st = store__stmt(s, STMT_RALIAS_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, record);
		sqlite3_bind_int(st, 2, (*seq)++);
		store__bind_text(st, 3, kind);
		store__bind_text(st, 4, a->value);
		if ((err = store__step_done(s, st, diag, "storing an alias")))
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err insert_configs(struct psirt_store *s, int64_t record,
                                     const struct psirt_vuln_config *c, struct psirt_diag *diag)
{
	const struct psirt_vuln_node *n;
	const struct psirt_vuln_cpe_match *m;
	int cseq, nseq, mseq;
	enum psirt_err err;
	sqlite3_stmt *st;

	for (cseq = 0; c; c = c->next, cseq++) {
		st = store__stmt(s, STMT_CONFIG_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, record);
		sqlite3_bind_int(st, 2, cseq);
		store__bind_text(st, 3, op_name(c->op));
		sqlite3_bind_int(st, 4, !!c->negate);
		if ((err = store__step_done(s, st, diag, "storing a configuration")))
			return err;
		for (nseq = 0, n = c->nodes; n; n = n->next, nseq++) {
			st = store__stmt(s, STMT_NODE_INSERT, diag);
			if (!st)
				return PSIRT_ESTORE;
			sqlite3_bind_int64(st, 1, record);
			sqlite3_bind_int(st, 2, cseq);
			sqlite3_bind_int(st, 3, nseq);
			store__bind_text(st, 4, n->op == PSIRT_VULN_OP_AND ? "AND" : "OR");
			sqlite3_bind_int(st, 5, !!n->negate);
			if ((err = store__step_done(s, st, diag, "storing a configuration node")))
				return err;
			for (mseq = 0, m = n->matches; m; m = m->next, mseq++) {
				st = store__stmt(s, STMT_MATCH_INSERT, diag);
				if (!st)
					return PSIRT_ESTORE;
				sqlite3_bind_int64(st, 1, record);
				sqlite3_bind_int(st, 2, cseq);
				sqlite3_bind_int(st, 3, nseq);
				sqlite3_bind_int(st, 4, mseq);
				sqlite3_bind_int(st, 5, !!m->vulnerable);
				store__bind_text(st, 6, m->criteria ? m->criteria : "");
				store__bind_text(st, 7, m->match_criteria_id);
				store__bind_text(st, 8, m->part);
				store__bind_text(st, 9, m->vendor);
				store__bind_text(st, 10, m->product);
				store__bind_text(st, 11, m->version);
				store__bind_text(st, 12, m->update);
				store__bind_text(st, 13, m->version_start_including);
				store__bind_text(st, 14, m->version_start_excluding);
				store__bind_text(st, 15, m->version_end_including);
				store__bind_text(st, 16, m->version_end_excluding);
				store__bind_text(st, 17, m->version_text);
				if ((err = store__step_done(s, st, diag, "storing a CPE match")))
					return err;
			}
		}
	}
	return PSIRT_OK;
}

static enum psirt_err insert_packages(struct psirt_store *s, int64_t record,
                                      const struct psirt_vuln_package *p, struct psirt_diag *diag)
{
	const struct psirt_vuln_range *r;
	const struct psirt_vuln_event *e;
	const struct psirt_vuln_str *v;
	int pseq, rseq, eseq, vseq;
	enum psirt_err err;
	sqlite3_stmt *st;

	for (pseq = 0; p; p = p->next, pseq++) {
		st = store__stmt(s, STMT_PKG_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, record);
		sqlite3_bind_int(st, 2, pseq);
		store__bind_text(st, 3, p->ecosystem);
		store__bind_text(st, 4, p->name);
		store__bind_text(st, 5, p->purl);
		store__bind_text(st, 6, p->json);
		store__bind_text(st, 7, p->purl_type);
		store__bind_text(st, 8, p->purl_namespace);
		store__bind_text(st, 9, p->purl_name);
		if ((err = store__step_done(s, st, diag, "storing a package")))
			return err;
		for (rseq = 0, r = p->ranges; r; r = r->next, rseq++) {
			st = store__stmt(s, STMT_RANGE_INSERT, diag);
			if (!st)
				return PSIRT_ESTORE;
			sqlite3_bind_int64(st, 1, record);
			sqlite3_bind_int(st, 2, pseq);
			sqlite3_bind_int(st, 3, rseq);
			store__bind_text(st, 4, r->type ? r->type : "");
			store__bind_text(st, 5, r->repo);
			store__bind_text(st, 6, r->json);
			if ((err = store__step_done(s, st, diag, "storing a range")))
				return err;
			for (eseq = 0, e = r->events; e; e = e->next, eseq++) {
				st = store__stmt(s, STMT_EVENT_INSERT, diag);
				if (!st)
					return PSIRT_ESTORE;
				sqlite3_bind_int64(st, 1, record);
				sqlite3_bind_int(st, 2, pseq);
				sqlite3_bind_int(st, 3, rseq);
				sqlite3_bind_int(st, 4, eseq);
				store__bind_text(st, 5, e->kind ? e->kind : "");
				store__bind_text(st, 6, e->value ? e->value : "");
				if ((err = store__step_done(s, st, diag, "storing a range event")))
					return err;
			}
		}
		for (vseq = 0, v = p->versions; v; v = v->next, vseq++) {
			st = store__stmt(s, STMT_PVER_INSERT, diag);
			if (!st)
				return PSIRT_ESTORE;
			sqlite3_bind_int64(st, 1, record);
			sqlite3_bind_int(st, 2, pseq);
			sqlite3_bind_int(st, 3, vseq);
			store__bind_text(st, 4, v->value);
			if ((err = store__step_done(s, st, diag, "storing a package version")))
				return err;
		}
	}
	return PSIRT_OK;
}

static enum psirt_err insert_children(struct psirt_store *s, int64_t record,
                                      const struct psirt_vuln_record *rec,
                                      struct psirt_diag *diag)
{
	const struct psirt_vuln_score *sc;
	const struct psirt_vuln_weakness *w;
	const struct psirt_vuln_ref *r;
	enum psirt_err err;
	sqlite3_stmt *st;
	int seq = 0;

	if ((err = insert_ralias(s, record, &seq, "alias", rec->aliases, diag)) ||
	    (err = insert_ralias(s, record, &seq, "related", rec->related, diag)))
		return err;
	seq = 0;
	if ((err = insert_texts(s, record, &seq, "title", rec->titles, diag)) ||
	    (err = insert_texts(s, record, &seq, "description", rec->descriptions, diag)))
		return err;
	for (seq = 0, sc = rec->scores; sc; sc = sc->next, seq++) {
		st = store__stmt(s, STMT_SCORE_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, record);
		sqlite3_bind_int(st, 2, seq);
		store__bind_text(st, 3, sc->kind ? sc->kind : "");
		store__bind_text(st, 4, sc->version);
		store__bind_text(st, 5, sc->vector);
		if (sc->has_base_score)
			sqlite3_bind_double(st, 6, sc->base_score);
		store__bind_text(st, 7, sc->severity);
		store__bind_text(st, 8, sc->source);
		store__bind_text(st, 9, sc->type);
		store__bind_text(st, 10, sc->json ? sc->json : "{}");
		if ((err = store__step_done(s, st, diag, "storing a score")))
			return err;
	}
	for (seq = 0, w = rec->weaknesses; w; w = w->next, seq++) {
		st = store__stmt(s, STMT_WEAK_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, record);
		sqlite3_bind_int(st, 2, seq);
		store__bind_text(st, 3, w->source);
		store__bind_text(st, 4, w->type);
		store__bind_text(st, 5, w->cwe ? w->cwe : "");
		if ((err = store__step_done(s, st, diag, "storing a weakness")))
			return err;
	}
	for (seq = 0, r = rec->refs; r; r = r->next, seq++) {
		st = store__stmt(s, STMT_REF_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		psirt_buf_reset(&s->scratch);
		store__json_strings(&s->scratch, r->tags);
		if (psirt_buf_error(&s->scratch))
			return psirt_diag_set(diag, psirt_buf_error(&s->scratch), "storing a reference: %s",
			                      psirt_strerror(psirt_buf_error(&s->scratch)));
		sqlite3_bind_int64(st, 1, record);
		sqlite3_bind_int(st, 2, seq);
		store__bind_text(st, 3, r->url ? r->url : "");
		store__bind_text(st, 4, r->source);
		store__bind_text(st, 5, s->scratch.p);
		if ((err = store__step_done(s, st, diag, "storing a reference")))
			return err;
	}
	if ((err = insert_configs(s, record, rec->configs, diag)) ||
	    (err = insert_packages(s, record, rec->packages, diag)))
		return err;
	return PSIRT_OK;
}

static void bind_record(struct psirt_store *s, sqlite3_stmt *st, int first,
                        const struct psirt_vuln_record *rec)
{
	store__bind_text(st, first, rec->modified);
	store__bind_text(st, first + 1, rec->published);
	store__bind_text(st, first + 2, rec->assigner);
	store__bind_text(st, first + 3, rec->status);
	sqlite3_bind_int(st, first + 4, !!rec->withdrawn);
	store__bind_text(st, first + 5, rec->withdrawn_at);
	store__bind_text(st, first + 6, rec->extra_json);
	store__bind_text(st, first + 7, store__now(s));
}

static enum psirt_err upsert(struct psirt_store *s, const struct psirt_vuln_record *rec,
                             enum psirt_store_outcome *outcome, struct psirt_diag *diag)
{
	const char *source = psirt_vuln_source_name(rec->source);
	int64_t record, vuln, old_vuln;
	int found, was_withdrawn, cmp;
	enum psirt_err err;
	sqlite3_stmt *st;

	st = store__stmt(s, STMT_REC_FIND, diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, source);
	store__bind_text(st, 2, rec->id);
	if ((err = step_row(s, st, &found, diag, "looking up a record")))
		return err;
	if (found) {
		record = sqlite3_column_int64(st, 0);
		old_vuln = sqlite3_column_int64(st, 1);
		cmp = strcmp((const char *)sqlite3_column_text(st, 2), rec->modified);
		was_withdrawn = sqlite3_column_int(st, 3);
		sqlite3_reset(st);
		if (cmp >= 0) {
			*outcome = cmp > 0 ? PSIRT_STORE_OLDER : PSIRT_STORE_UNCHANGED;
			return PSIRT_OK;
		}
		st = store__stmt(s, STMT_REC_UPDATE, diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, record);
		bind_record(s, st, 2, rec);
		if ((err = store__step_done(s, st, diag, "updating a record")) ||
		    (err = delete_children(s, record, diag)) ||
		    (err = resolve_vuln(s, rec, &vuln, diag)))
			return err;
		if (vuln != old_vuln &&
		    (err = run_id2(s, STMT_REC_SET_VULN, record, vuln, diag, "updating a record")))
			return err;
		*outcome = rec->withdrawn && !was_withdrawn ? PSIRT_STORE_WITHDRAWN
		                                            : PSIRT_STORE_UPDATED;
	} else {
		sqlite3_reset(st);
		if ((err = resolve_vuln(s, rec, &vuln, diag)))
			return err;
		st = store__stmt(s, STMT_REC_INSERT, diag);
		if (!st)
			return PSIRT_ESTORE;
		store__bind_text(st, 1, source);
		store__bind_text(st, 2, rec->id);
		sqlite3_bind_int64(st, 3, vuln);
		bind_record(s, st, 4, rec);
		if ((err = store__step_done(s, st, diag, "storing a record")))
			return err;
		record = sqlite3_last_insert_rowid(s->db);
		*outcome = rec->withdrawn ? PSIRT_STORE_WITHDRAWN : PSIRT_STORE_ADDED;
	}
	return insert_children(s, record, rec, diag);
}

/* Brackets one upsert: inside the caller's transaction nothing is needed
 * (the caller rolls back on error), else a savepoint of its own, so that a
 * failed upsert never leaves half a record. */
static enum psirt_err atomically(struct psirt_store *s, int begin, struct psirt_diag *diag)
{
	const char *sql = begin ? "SAVEPOINT upsert" : "RELEASE upsert";

	if (s->in_tx)
		return PSIRT_OK;
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store__fail(s, diag, "starting a write");
	return PSIRT_OK;
}

static void atomically_undo(struct psirt_store *s)
{
	if (!s->in_tx)
		sqlite3_exec(s->db, "ROLLBACK TO upsert; RELEASE upsert", NULL, NULL, NULL);
}

enum psirt_err psirt_store_vuln_upsert(struct psirt_store *s, const struct psirt_vuln_record *rec,
                                       enum psirt_store_outcome *outcome, struct psirt_diag *diag)
{
	enum psirt_err err;

	if (!rec->id || !*rec->id || !rec->modified)
		return psirt_diag_set(diag, PSIRT_EINVAL, "record without %s",
		                      !rec->id || !*rec->id ? "id" : "modified date");
	if (!psirt_vuln_source_name(rec->source))
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s: unknown source %d", rec->id,
		                      (int)rec->source);
	if ((err = atomically(s, 1, diag)))
		return err;
	err = upsert(s, rec, outcome, diag);
	if (err) {
		atomically_undo(s);
		psirt_diag_set_where(diag, rec->id);
		return err;
	}
	if ((err = atomically(s, 0, diag))) {
		atomically_undo(s);
		return err;
	}
	return PSIRT_OK;
}

static int same_text(const unsigned char *stored, const char *v)
{
	if (!stored || !v)
		return !stored && !v;
	return !strcmp((const char *)stored, v);
}

enum psirt_err psirt_store_kev_upsert(struct psirt_store *s, const struct psirt_kev_entry *e,
                                      enum psirt_store_outcome *outcome, struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	enum psirt_err err;
	int found, same;

	if (!e->cve || !e->date_added)
		return psirt_diag_set(diag, PSIRT_EINVAL, "KEV entry without %s",
		                      e->cve ? "dateAdded" : "cveID");
	psirt_buf_reset(&s->scratch);
	store__json_strings(&s->scratch, e->cwes);
	if (psirt_buf_error(&s->scratch))
		return psirt_diag_set(diag, psirt_buf_error(&s->scratch), "%s",
		                      psirt_strerror(psirt_buf_error(&s->scratch)));
	st = store__stmt(s, STMT_KEV_FIND, diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, e->cve);
	if ((err = step_row(s, st, &found, diag, "looking up a KEV entry")))
		return err;
	if (found) {
		same = same_text(sqlite3_column_text(st, 0), e->vendor_project) &&
		       same_text(sqlite3_column_text(st, 1), e->product) &&
		       same_text(sqlite3_column_text(st, 2), e->name) &&
		       same_text(sqlite3_column_text(st, 3), e->date_added) &&
		       same_text(sqlite3_column_text(st, 4), e->short_description) &&
		       same_text(sqlite3_column_text(st, 5), e->required_action) &&
		       same_text(sqlite3_column_text(st, 6), e->due_date) &&
		       same_text(sqlite3_column_text(st, 7), e->ransomware) &&
		       same_text(sqlite3_column_text(st, 8), e->notes) &&
		       same_text(sqlite3_column_text(st, 9), s->scratch.p);
		if (same) {
			*outcome = PSIRT_STORE_UNCHANGED;
		} else if (e->catalog_date && sqlite3_column_text(st, 10) &&
		           strcmp((const char *)sqlite3_column_text(st, 10), e->catalog_date) > 0) {
			*outcome = PSIRT_STORE_OLDER;
		} else {
			*outcome = PSIRT_STORE_UPDATED;
		}
	} else {
		*outcome = PSIRT_STORE_ADDED;
	}
	sqlite3_reset(st);
	if (*outcome != PSIRT_STORE_ADDED && *outcome != PSIRT_STORE_UPDATED)
		return PSIRT_OK;
	st = store__stmt(s, STMT_KEV_PUT, diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, e->cve);
	store__bind_text(st, 2, e->vendor_project);
	store__bind_text(st, 3, e->product);
	store__bind_text(st, 4, e->name);
	store__bind_text(st, 5, e->date_added);
	store__bind_text(st, 6, e->short_description);
	store__bind_text(st, 7, e->required_action);
	store__bind_text(st, 8, e->due_date);
	store__bind_text(st, 9, e->ransomware);
	store__bind_text(st, 10, e->notes);
	store__bind_text(st, 11, s->scratch.p);
	store__bind_text(st, 12, e->catalog_version);
	store__bind_text(st, 13, e->catalog_date);
	store__bind_text(st, 14, store__now(s));
	err = store__step_done(s, st, diag, "storing a KEV entry");
	if (err)
		psirt_diag_set_where(diag, e->cve);
	return err;
}

enum psirt_err psirt_store_epss_upsert(struct psirt_store *s, const struct psirt_epss_score *e,
                                       enum psirt_store_outcome *outcome, struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	enum psirt_err err;
	int found, cmp;

	if (!e->cve || !e->score_date)
		return psirt_diag_set(diag, PSIRT_EINVAL, "EPSS score without %s",
		                      e->cve ? "date" : "CVE id");
	st = store__stmt(s, STMT_EPSS_FIND, diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, e->cve);
	if ((err = step_row(s, st, &found, diag, "looking up an EPSS score")))
		return err;
	*outcome = PSIRT_STORE_ADDED;
	if (found) {
		cmp = strcmp((const char *)sqlite3_column_text(st, 3), e->score_date);
		if (cmp > 0)
			*outcome = PSIRT_STORE_OLDER;
		else if (cmp < 0)
			*outcome = PSIRT_STORE_UPDATED;
		else if (sqlite3_column_double(st, 0) == e->score &&
		         (sqlite3_column_type(st, 1) == SQLITE_NULL
		                  ? !e->has_percentile
		                  : e->has_percentile && sqlite3_column_double(st, 1) == e->percentile) &&
		         same_text(sqlite3_column_text(st, 2), e->model_version))
			*outcome = PSIRT_STORE_UNCHANGED;
		else
			*outcome = PSIRT_STORE_UPDATED;
	}
	sqlite3_reset(st);
	if (*outcome != PSIRT_STORE_ADDED && *outcome != PSIRT_STORE_UPDATED)
		return PSIRT_OK;
	st = store__stmt(s, STMT_EPSS_PUT, diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, e->cve);
	sqlite3_bind_double(st, 2, e->score);
	if (e->has_percentile)
		sqlite3_bind_double(st, 3, e->percentile);
	store__bind_text(st, 4, e->model_version);
	store__bind_text(st, 5, e->score_date);
	store__bind_text(st, 6, store__now(s));
	err = store__step_done(s, st, diag, "storing an EPSS score");
	if (err)
		psirt_diag_set_where(diag, e->cve);
	return err;
}
