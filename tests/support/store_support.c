/* Test support for the store and feed tests (see store_support.h). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <sqlite3.h>
#include <archive_entry.h>

#include "support/store_support.h"
#include "support/support.h"

void tss_setup(void)
{
	setenv("PSIRT_NOW", TSS_NOW, 1);
}

struct psirt_store *tss_store(void)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = NULL;

	if (psirt_store_open(":memory:", PSIRT_STORE_CREATE, &s, &d))
		fail_msg("cannot open a store: %s", d.message);
	return s;
}

char *tss_dump(struct psirt_store *s)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;

	if (psirt_store_dump(s, &b, &d))
		fail_msg("dump failed: %s", d.message);
	return psirt_buf_detach(&b, NULL);
}

enum psirt_err tss_import(struct psirt_store *s, enum psirt_feed_kind kind, const char *relative,
                          struct psirt_feed_stats *st, struct psirt_diag *d)
{
	char *path = ts_data_path(relative);
	const char *paths[1] = { path };
	enum psirt_err err = psirt_feed_import(s, kind, paths, 1, NULL, st, d);

	free(path);
	return err;
}

char *tss_read_any(const char *relative, size_t *len)
{
	char *path = ts_data_path(relative), chunk[65536];
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	la_ssize_t n;

	archive_read_support_filter_all(a);
	archive_read_support_format_raw(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK ||
	    archive_read_next_header(a, &e) != ARCHIVE_OK)
		fail_msg("fixture %s: %s", path, archive_error_string(a));
	while ((n = archive_read_data(a, chunk, sizeof chunk)) > 0)
		psirt_buf_add(&b, chunk, (size_t)n);
	if (n < 0 || psirt_buf_error(&b))
		fail_msg("fixture %s cannot be read", path);
	archive_read_free(a);
	free(path);
	return psirt_buf_detach(&b, len);
}

char *tss_diag_line(const struct psirt_diag *d)
{
	char *line = psirt_diag_format(d), *root = ts_data_path("");
	size_t n = strlen(root);

	if (line && !strncmp(line, root, n))
		memmove(line, line + n, strlen(line + n) + 1);
	free(root);
	return line;
}

static void str_field(struct psirt_buf *b, const char *name, const char *v)
{
	psirt_buf_addf(b, "%s=%s\n", name, v ? v : "(null)");
}

static void strs(struct psirt_buf *b, const char *name, const struct psirt_vuln_str *s)
{
	psirt_buf_addf(b, "%s=[", name);
	for (; s; s = s->next)
		psirt_buf_addf(b, "%s%s", s->value, s->next ? "|" : "");
	psirt_buf_adds(b, "]\n");
}

void tss_describe(struct psirt_buf *b, const struct psirt_vuln_record *r)
{
	const struct psirt_vuln_text *t;
	const struct psirt_vuln_score *s;
	const struct psirt_vuln_weakness *w;
	const struct psirt_vuln_ref *ref;
	const struct psirt_vuln_config *c;
	const struct psirt_vuln_node *n;
	const struct psirt_vuln_cpe_match *m;
	const struct psirt_vuln_package *p;
	const struct psirt_vuln_range *rg;
	const struct psirt_vuln_event *e;

	psirt_buf_addf(b, "source=%s\n", psirt_vuln_source_name(r->source));
	str_field(b, "id", r->id);
	str_field(b, "modified", r->modified);
	str_field(b, "published", r->published);
	str_field(b, "assigner", r->assigner);
	str_field(b, "status", r->status);
	psirt_buf_addf(b, "withdrawn=%d\n", r->withdrawn);
	str_field(b, "withdrawn_at", r->withdrawn_at);
	strs(b, "aliases", r->aliases);
	strs(b, "related", r->related);
	for (t = r->titles; t; t = t->next)
		psirt_buf_addf(b, "title %s: %s\n", t->lang, t->value);
	for (t = r->descriptions; t; t = t->next)
		psirt_buf_addf(b, "description %s: %s\n", t->lang, t->value);
	for (s = r->scores; s; s = s->next) {
		psirt_buf_addf(b, "score %s %s %s ", s->kind, s->version ? s->version : "-",
		               s->vector ? s->vector : "-");
		if (s->has_base_score)
			psirt_buf_addf(b, "%.1f", s->base_score);
		else
			psirt_buf_adds(b, "-");
		psirt_buf_addf(b, " %s %s %s %s\n", s->severity ? s->severity : "-",
		               s->source ? s->source : "-", s->type ? s->type : "-",
		               s->json ? s->json : "-");
	}
	for (w = r->weaknesses; w; w = w->next)
		psirt_buf_addf(b, "weakness %s %s %s\n", w->cwe, w->source ? w->source : "-",
		               w->type ? w->type : "-");
	for (ref = r->refs; ref; ref = ref->next) {
		psirt_buf_addf(b, "ref %s %s ", ref->url, ref->source ? ref->source : "-");
		strs(b, "tags", ref->tags);
	}
	for (c = r->configs; c; c = c->next) {
		psirt_buf_addf(b, "config op=%d negate=%d\n", (int)c->op, c->negate);
		for (n = c->nodes; n; n = n->next) {
			psirt_buf_addf(b, " node op=%d negate=%d\n", (int)n->op, n->negate);
			for (m = n->matches; m; m = m->next) {
				psirt_buf_addf(b, "  match %d %s %s [%s|%s|%s|%s|%s] %s %s %s %s\n",
				               m->vulnerable, m->criteria,
				               m->match_criteria_id ? m->match_criteria_id : "-",
				               m->part ? m->part : "-", m->vendor ? m->vendor : "-",
				               m->product ? m->product : "-", m->version ? m->version : "-",
				               m->update ? m->update : "-",
				               m->version_start_including ? m->version_start_including : "-",
				               m->version_start_excluding ? m->version_start_excluding : "-",
				               m->version_end_including ? m->version_end_including : "-",
				               m->version_end_excluding ? m->version_end_excluding : "-");
				if (m->version_text)
					psirt_buf_addf(b, "   text %s\n", m->version_text);
			}
		}
	}
	for (p = r->packages; p; p = p->next) {
		psirt_buf_addf(b, "package %s %s %s %s\n", p->ecosystem ? p->ecosystem : "-",
		               p->name ? p->name : "-", p->purl ? p->purl : "-", p->json ? p->json : "-");
		if (p->purl_type)
			psirt_buf_addf(b, " purl-id %s|%s|%s\n", p->purl_type,
			               p->purl_namespace ? p->purl_namespace : "(null)",
			               p->purl_name ? p->purl_name : "(null)");
		for (rg = p->ranges; rg; rg = rg->next) {
			psirt_buf_addf(b, " range %s %s %s\n", rg->type, rg->repo ? rg->repo : "-",
			               rg->json ? rg->json : "-");
			for (e = rg->events; e; e = e->next)
				psirt_buf_addf(b, "  event %s %s\n", e->kind, e->value);
		}
		strs(b, " versions", p->versions);
	}
	str_field(b, "extra", r->extra_json);
}

enum psirt_err tss_collect_vuln(void *ctx, const struct psirt_vuln_record *r,
                                struct psirt_diag *d)
{
	struct tss_collect *c = ctx;
	struct psirt_buf one = PSIRT_BUF_INIT;
	void *old = NULL;

	if (c->fail_id && !strcmp(r->id, c->fail_id))
		return psirt_diag_set(d, c->fail_err, "callback refused %s", r->id);
	tss_describe(&one, r);
	psirt_buf_add(&c->all, one.p, one.len);
	c->n++;
	psirt_map_put(&c->by_id, r->id, strlen(r->id), psirt_buf_detach(&one, NULL), &old);
	free(old);
	return PSIRT_OK;
}

void tss_collect_release(struct tss_collect *c)
{
	size_t pos = 0;
	void *v;

	while (psirt_map_next(&c->by_id, &pos, NULL, NULL, &v))
		free(v);
	psirt_map_release(&c->by_id);
	psirt_buf_release(&c->all);
}

enum psirt_err tss_parse_chunked(enum psirt_feed_kind kind, struct tss_collect *c,
                                 const char *data, size_t len, size_t chunk, struct psirt_diag *d)
{
	struct psirt_feed_sink sink = { tss_collect_vuln, NULL, NULL, c, NULL };
	struct psirt_feed_parser *p;
	enum psirt_err err;
	size_t off = 0, n;

	err = psirt_feed_parser_new(kind, &sink, "test", &p, d);
	if (err)
		return err;
	if (!chunk)
		chunk = len ? len : 1;
	while (!err && off < len) {
		n = len - off < chunk ? len - off : chunk;
		err = psirt_feed_parser_push(p, data + off, n, d);
		off += n;
	}
	if (!err)
		err = psirt_feed_parser_finish(p, d);
	psirt_feed_parser_free(p);
	return err;
}

static void tss_clock(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, TSS_NOW_CANON, -1, SQLITE_STATIC);
}

sqlite3 *tss_sqlite_open(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_create_function(db, "psirt_now", 0, SQLITE_UTF8, NULL, tss_clock, NULL, NULL) !=
	            SQLITE_OK)
		fail_msg("opening %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
	return db;
}

void tss_sqlite_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : "?");
}

long long tss_sqlite_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

char *tss_tmp_dir(const char *name)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	char *dir;

	psirt_buf_addf(&b, "/tmp/psirt-%s-XXXXXX", name);
	dir = psirt_buf_detach(&b, NULL);
	if (!dir || !mkdtemp(dir))
		fail_msg("mkdtemp: %s", strerror(errno));
	return dir;
}

void tss_tmp_dir_remove(char *dir)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		fail_msg("%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		psirt_buf_reset(&b);
		psirt_buf_addf(&b, "%s/%s", dir, e->d_name);
		if (unlink(b.p))
			fail_msg("%s: %s", b.p, strerror(errno));
	}
	closedir(d);
	psirt_buf_release(&b);
	if (rmdir(dir))
		fail_msg("%s: %s", dir, strerror(errno));
	free(dir);
}
