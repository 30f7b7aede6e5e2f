/* Embargoes on vulnerabilities (see include/psirt/embargo.h): validation,
 * the SQL and the audit rows. The table is small (a handful of embargoes
 * at a time), so look-ups by name compare without case and scan. */
#include <stdio.h>
#include <string.h>

#include "psirt/embargo.h"
#include "psirt/isotime.h"
#include "psirt/str.h"
#include "store/internal.h"

/* The id as the store would write it: the sources write CVE- and JVNDB- ids
 * in upper case, GHSA- ids with the prefix upper and the rest lower case;
 * the stored alias wins when the store knows the id in another case. */
static enum psirt_err normalise(struct psirt_store *s, const char *id,
                                char out[PSIRT_EMBARGO_MAX_ID + 1], struct psirt_diag *diag)
{
	size_t len = id ? strlen(id) : 0, i;
	sqlite3_stmt *st;
	int rc;

	if (!len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a vulnerability id cannot be empty");
	if (len > PSIRT_EMBARGO_MAX_ID)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "a vulnerability id has at most %d bytes",
		                      PSIRT_EMBARGO_MAX_ID);
	for (i = 0; i < len; i++) {
		char c = id[i];

		if (!psirt_isalnum(c) && c != '-' && c != '_' && c != '.' && c != ':')
			return psirt_diag_set(diag, PSIRT_EINVAL,
			                      "vulnerability id '%s': only letters, digits and - _ . :"
			                      " are allowed",
			                      id);
		out[i] = c;
	}
	out[len] = '\0';
	if ((len > 4 && psirt_str_ieq(psirt_str_make(out, 4), "cve-")) ||
	    (len > 6 && psirt_str_ieq(psirt_str_make(out, 6), "jvndb-"))) {
		for (i = 0; i < len; i++)
			out[i] = (char)psirt_toupper(out[i]);
	} else if (len > 5 && psirt_str_ieq(psirt_str_make(out, 5), "ghsa-")) {
		for (i = 0; i < 4; i++)
			out[i] = (char)psirt_toupper(out[i]);
		for (i = 5; i < len; i++)
			out[i] = (char)psirt_tolower(out[i]);
	}
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT name FROM vuln_alias WHERE name = ?1 COLLATE NOCASE LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return store__fail(s, diag, "reading vulnerability ids");
	sqlite3_bind_text(st, 1, out, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (size_t)sqlite3_column_bytes(st, 0) == len)
		memcpy(out, sqlite3_column_text(st, 0), len);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store__fail(s, diag, "reading vulnerability ids");
	return PSIRT_OK;
}

/* The embargo named name, in force or not: 1 found, 0 none, -1 error. */
static int find(struct psirt_store *s, const char *name, struct psirt_arena *arena,
                struct psirt_embargo *out, struct psirt_diag *diag)
{
	static const char sql[] = "SELECT name, until, note, set_by, set_at FROM vuln_embargo"
	                          " WHERE name = ?1 COLLATE NOCASE";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	const char **fields[5];
	int rc, i;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	fields[0] = &out->name;
	fields[1] = &out->until;
	fields[2] = &out->note;
	fields[3] = &out->set_by;
	fields[4] = &out->set_at;
	store__bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (i = 0; i < 5; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			if (!t)
				continue;
			*fields[i] = psirt_arena_strndup(arena, (const char *)t,
			                                 (size_t)sqlite3_column_bytes(st, i));
			if (!*fields[i]) {
				sqlite3_reset(st);
				psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
				return -1;
			}
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store__fail(s, diag, "reading an embargo");
		return -1;
	}
	return rc == SQLITE_ROW;
}

static int in_force(const struct psirt_embargo *e, const char *now)
{
	return !e->until || strcmp(e->until, now) > 0;
}

enum psirt_err psirt_embargo_set(struct psirt_store *s, const char *id, const char *until,
                                 const char *note, const char *actor, struct psirt_diag *diag)
{
	char name[PSIRT_EMBARGO_MAX_ID + 1], canon[PSIRT_ISOTIME_LEN + 1];
	struct psirt_arena arena;
	struct psirt_embargo old;
	struct psirt_audit_entry a;
	sqlite3_stmt *st = NULL;
	enum psirt_err err;
	int had;

	if (until && *until && psirt_isotime_parse(until, strlen(until), canon))
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "embargo end '%s' is not a date (YYYY-MM-DD) or an ISO 8601"
		                      " instant",
		                      until);
	if (note && strlen(note) > PSIRT_EMBARGO_MAX_NOTE)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "an embargo note has at most %d bytes",
		                      PSIRT_EMBARGO_MAX_NOTE);
	if (note && !*note)
		note = NULL;
	if ((err = psirt_store_begin(s, diag)))
		return err;
	psirt_arena_init(&arena, 1024);
	if ((err = normalise(s, id, name, diag)))
		goto out_rollback;
	had = find(s, name, &arena, &old, diag);
	if (had < 0) {
		err = diag ? diag->code : PSIRT_ESTORE;
		goto out_rollback;
	}
	if (sqlite3_prepare_v2(s->db,
	                       "INSERT OR REPLACE INTO vuln_embargo (name, until, note, set_by,"
	                       " set_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	                       -1, &st, NULL) != SQLITE_OK) {
		err = store__fail(s, diag, "setting an embargo");
		goto out_rollback;
	}
	if (had && strcmp(old.name, name))
		memcpy(name, old.name, strlen(old.name) + 1); /* keep the stored spelling */
	store__bind_text(st, 1, name);
	store__bind_text(st, 2, until && *until ? canon : NULL);
	store__bind_text(st, 3, note);
	store__bind_text(st, 4, actor);
	store__bind_text(st, 5, store__now(s));
	if ((err = store__step_done(s, st, diag, "setting an embargo")))
		goto out_rollback;
	a = (struct psirt_audit_entry){ NULL, actor, "vuln", name, "embargo",
		                        had ? (old.until ? old.until : "until lifted") : NULL,
		                        until && *until ? canon : "until lifted", note };
	if ((err = psirt_store_audit_add(s, &a, diag)))
		goto out_rollback;
	sqlite3_finalize(st);
	psirt_arena_release(&arena);
	return psirt_store_commit(s, diag);

out_rollback:
	sqlite3_finalize(st);
	psirt_arena_release(&arena);
	psirt_store_rollback(s);
	return err;
}

enum psirt_err psirt_embargo_lift(struct psirt_store *s, const char *id, const char *actor,
                                  struct psirt_diag *diag)
{
	char name[PSIRT_EMBARGO_MAX_ID + 1];
	struct psirt_arena arena;
	struct psirt_embargo old;
	struct psirt_audit_entry a;
	sqlite3_stmt *st = NULL;
	enum psirt_err err;
	int had;

	if ((err = psirt_store_begin(s, diag)))
		return err;
	psirt_arena_init(&arena, 1024);
	if ((err = normalise(s, id, name, diag)))
		goto out_rollback;
	had = find(s, name, &arena, &old, diag);
	if (had <= 0) {
		err = had < 0 ? (diag ? diag->code : PSIRT_ESTORE)
		              : psirt_diag_set(diag, PSIRT_ENOTFOUND, "%s is not under embargo", name);
		goto out_rollback;
	}
	if (sqlite3_prepare_v2(s->db, "DELETE FROM vuln_embargo WHERE name = ?1", -1, &st, NULL) !=
	    SQLITE_OK) {
		err = store__fail(s, diag, "lifting an embargo");
		goto out_rollback;
	}
	store__bind_text(st, 1, old.name);
	if ((err = store__step_done(s, st, diag, "lifting an embargo")))
		goto out_rollback;
	a = (struct psirt_audit_entry){ NULL, actor, "vuln", old.name, "embargo",
		                        old.until ? old.until : "until lifted", NULL, "lifted" };
	if ((err = psirt_store_audit_add(s, &a, diag)))
		goto out_rollback;
	sqlite3_finalize(st);
	psirt_arena_release(&arena);
	return psirt_store_commit(s, diag);

out_rollback:
	sqlite3_finalize(st);
	psirt_arena_release(&arena);
	psirt_store_rollback(s);
	return err;
}

enum psirt_err psirt_embargo_get(struct psirt_store *s, const char *id, struct psirt_arena *arena,
                                 int *active, struct psirt_embargo *out, struct psirt_diag *diag)
{
	char now[PSIRT_ISOTIME_LEN + 1];
	int found;

	*active = 0;
	found = find(s, id, arena, out, diag);
	if (found < 0)
		return diag ? diag->code : PSIRT_ESTORE;
	psirt_isotime_now(now);
	*active = found && in_force(out, now);
	if (!*active)
		memset(out, 0, sizeof *out);
	return PSIRT_OK;
}

enum psirt_err psirt_embargo_of_view(struct psirt_store *s, const struct psirt_vuln_view *view,
                                     struct psirt_arena *arena, int *active,
                                     struct psirt_embargo *out, struct psirt_diag *diag)
{
	const struct psirt_vuln_str *a;
	enum psirt_err err;

	*active = 0;
	memset(out, 0, sizeof *out);
	if ((err = psirt_embargo_get(s, view->name, arena, active, out, diag)) || *active)
		return err;
	for (a = view->aliases; a; a = a->next) {
		if ((err = psirt_embargo_get(s, a->value, arena, active, out, diag)) || *active)
			return err;
	}
	return PSIRT_OK;
}

enum psirt_err psirt_embargo_count(struct psirt_store *s, unsigned long long *count,
                                   struct psirt_diag *diag)
{
	static const char sql[] = "SELECT count(DISTINCT a.vuln_id) FROM vuln_embargo e"
	                          " JOIN vuln_alias a ON a.name = e.name"
	                          " WHERE e.until IS NULL OR e.until > ?1";
	char now[PSIRT_ISOTIME_LEN + 1];
	sqlite3_stmt *st = store__cached(s, sql, diag);

	*count = 0;
	if (!st)
		return PSIRT_ESTORE;
	psirt_isotime_now(now);
	store__bind_text(st, 1, now);
	return store__int(s, st, count, diag, "counting embargoes");
}
