/* The signature table: reading the TSV (format in include/psirt/fwscan.h)
 * and compiling it — content patterns into one vectorscan database with
 * start-of-match reporting, every pattern into PCRE2 for the precise second
 * look that takes the version out of its capture group. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <hs.h>
#include <pcre2.h>

#include "fwscan/internal.h"
#include "psirt/str.h"

/* 4096 rows: the table has ~60; a runaway file stops here. */
#define SIGDB_MAX_ROWS 4096
/* 1 MiB of table text. */
#define SIGDB_MAX_TEXT ((size_t)1 << 20)
#define SIGDB_COLUMNS 10

static const struct {
	const char *name;
	enum psirt_sbom_type type;
} type_names[] = {
	{ "application", PSIRT_SBOM_TYPE_APPLICATION },
	{ "library", PSIRT_SBOM_TYPE_LIBRARY },
	{ "operating-system", PSIRT_SBOM_TYPE_OPERATING_SYSTEM },
	{ "firmware", PSIRT_SBOM_TYPE_FIRMWARE },
	{ "framework", PSIRT_SBOM_TYPE_FRAMEWORK },
	{ "device-driver", PSIRT_SBOM_TYPE_DEVICE_DRIVER },
};

int fwscan__glob(const char *glob, const char *name)
{
	const char *star = NULL, *resume = NULL;

	/* Iterative matcher with one backtrack point: linear in practice. */
	while (*name) {
		if (*glob == '*') {
			star = glob++;
			resume = name;
		} else if (*glob == '?' || *glob == *name) {
			glob++;
			name++;
		} else if (star) {
			glob = star + 1;
			name = ++resume;
		} else {
			return 0;
		}
	}
	while (*glob == '*')
		glob++;
	return *glob == '\0';
}

void fwscan__sigdb_free(struct fwscan__sigdb *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->n; i++) {
		pcre2_code_free(db->sigs[i].re);
		pcre2_code_free(db->sigs[i].vre);
	}
	hs_free_database(db->hs);
	psirt_arena_release(&db->arena);
	free(db);
}

/* Splits a comma- or space-separated list into arena strings; "-" is empty. */
static enum psirt_err split_list(struct fwscan__sigdb *db, struct psirt_str s, char sep,
                                 const char ***out, size_t *n)
{
	size_t i, count = 0, start;
	const char **arr;

	*out = NULL;
	*n = 0;
	if (s.len == 0 || (s.len == 1 && s.p[0] == '-'))
		return PSIRT_OK;
	for (i = 0; i < s.len; i++)
		count += s.p[i] == sep;
	arr = psirt_arena_calloc(&db->arena, count + 1, sizeof *arr);
	if (!arr)
		return PSIRT_ENOMEM;
	start = 0;
	for (i = 0; i <= s.len; i++) {
		if (i == s.len || s.p[i] == sep) {
			if (i > start) {
				arr[*n] = psirt_arena_strndup(&db->arena, s.p + start, i - start);
				if (!arr[*n])
					return PSIRT_ENOMEM;
				(*n)++;
			}
			start = i + 1;
		}
	}
	*out = arr;
	return PSIRT_OK;
}

/* Highest $N a template refers to (0 when none). */
static int template_max_group(const char *t)
{
	int max = 0;

	for (; *t; t++) {
		if (*t != '$')
			continue;
		if (t[1] == '#')
			t++;
		if (t[1] >= '1' && t[1] <= '9' && t[1] - '0' > max)
			max = t[1] - '0';
	}
	return max;
}

static void *compile_pcre(const char *pattern, size_t line, const char *what, const char *name,
                          struct psirt_diag *diag, enum psirt_err *err)
{
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *re;
	PCRE2_UCHAR msg[256];

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, &errcode, &erroff,
	                   NULL);
	if (!re) {
		pcre2_get_error_message(errcode, msg, sizeof msg);
		*err = psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: %s: %s at offset %zu",
		                      name ? name : "signatures", line, what, (char *)msg,
		                      (size_t)erroff);
		return NULL;
	}
	/* JIT where the platform has it; the interpreter otherwise. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static int capture_count(const void *re)
{
	uint32_t n = 0;

	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &n);
	return (int)n;
}

/* Turns a CPE column entry into a full template. */
static const char *cpe_template(struct fwscan__sigdb *db, const char *e)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	const char *colon, *out;
	size_t parts = 0;

	if (!strncmp(e, "cpe:2.3:", 8))
		return e;
	for (colon = e; *colon; colon++)
		parts += *colon == ':';
	if (parts == 1)
		psirt_buf_addf(&b, "cpe:2.3:a:%s:{version}:*:*:*:*:*:*:*", e);
	else if (parts == 2)
		psirt_buf_addf(&b, "cpe:2.3:%s:{version}:*:*:*:*:*:*:*", e);
	else
		return NULL;
	out = psirt_buf_error(&b) ? NULL : psirt_arena_strndup(&db->arena, b.p, b.len);
	psirt_buf_release(&b);
	return out;
}

static int has_version_slot(struct psirt_str s)
{
	size_t i;

	for (i = 0; i + 9 <= s.len; i++) {
		if (!memcmp(s.p + i, "{version}", 9))
			return 1;
	}
	return 0;
}

static int valid_name(struct psirt_str s)
{
	size_t i;

	if (s.len == 0 || s.len > 64)
		return 0;
	for (i = 0; i < s.len; i++) {
		char c = s.p[i];
		if (!psirt_isalnum(c) && c != '-' && c != '_' && c != '.')
			return 0;
	}
	return 1;
}

static enum psirt_err parse_row(struct fwscan__sigdb *db, struct fwscan__sig *sig,
                                struct psirt_str *f, size_t nf, size_t line, const char *name,
                                struct psirt_diag *diag)
{
	const char *file = name ? name : "signatures";
	const char **cpes;
	size_t i, n;
	enum psirt_err err;
	int maxg, groups;

	memset(sig, 0, sizeof *sig);
	sig->line = line;
	if (nf != SIGDB_COLUMNS && nf != SIGDB_COLUMNS - 1)
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: %zu columns, expected %d", file,
		                      line, nf, SIGDB_COLUMNS);
	if (!valid_name(f[0]))
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: bad component name", file, line);
	sig->name = psirt_arena_strndup(&db->arena, f[0].p, f[0].len);
	for (i = 0; i < sizeof type_names / sizeof type_names[0]; i++) {
		if (psirt_str_eq(f[1], type_names[i].name))
			break;
	}
	if (i == sizeof type_names / sizeof type_names[0])
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: unknown type '%.*s'", file, line,
		                      (int)f[1].len, f[1].p);
	sig->type = type_names[i].type;
	if (!psirt_str_startswith(f[2], "pkg:") || !has_version_slot(f[2]))
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "%s:%zu: the purl template needs pkg: and {version}", file,
		                      line);
	sig->purl = psirt_arena_strndup(&db->arena, f[2].p, f[2].len);
	err = split_list(db, f[3], ' ', &cpes, &n);
	if (err)
		return err;
	sig->cpes = cpes;
	sig->n_cpes = n;
	for (i = 0; i < n; i++) {
		const char *t = cpe_template(db, cpes[i]);

		if (!t)
			return psirt_diag_set(diag, PSIRT_EINVAL,
			                      "%s:%zu: CPE '%s' is neither vendor:product, "
			                      "part:vendor:product nor cpe:2.3:...",
			                      file, line, cpes[i]);
		sig->cpes[i] = t;
	}
	err = split_list(db, f[4], ',', &sig->packages, &sig->n_packages);
	if (!err)
		err = split_list(db, f[6], ',', &sig->files, &sig->n_files);
	if (err)
		return err;
	if (psirt_str_eq(f[5], "content"))
		sig->where = FWSCAN__CONTENT;
	else if (psirt_str_eq(f[5], "named"))
		sig->where = FWSCAN__NAMED;
	else if (psirt_str_eq(f[5], "path"))
		sig->where = FWSCAN__PATH;
	else
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "%s:%zu: where must be content, named or path", file, line);
	if (sig->where == FWSCAN__NAMED && sig->n_files == 0)
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: a named signature needs files",
		                      file, line);
	sig->version = psirt_arena_strndup(&db->arena, f[7].p, f[7].len);
	sig->pattern = psirt_arena_strndup(&db->arena, f[8].p, f[8].len);
	if (nf == SIGDB_COLUMNS && !(f[9].len == 1 && f[9].p[0] == '-') && f[9].len)
		sig->vpattern = psirt_arena_strndup(&db->arena, f[9].p, f[9].len);
	if (!sig->name || !sig->purl || !sig->version || !sig->pattern)
		return PSIRT_ENOMEM;
	if (f[8].len == 0)
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: empty pattern", file, line);
	if (memchr(f[8].p, '\0', f[8].len) || (sig->vpattern && strlen(sig->vpattern) != f[9].len))
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: NUL byte in a pattern", file,
		                      line);
	err = PSIRT_OK;
	sig->re = compile_pcre(sig->pattern, line, "pattern", name, diag, &err);
	if (!sig->re)
		return err;
	if (sig->vpattern) {
		sig->vre = compile_pcre(sig->vpattern, line, "vpattern", name, diag, &err);
		if (!sig->vre)
			return err;
	}
	maxg = template_max_group(sig->version);
	for (i = 0; i < sig->n_cpes; i++) {
		int g = template_max_group(sig->cpes[i]);
		if (g > maxg)
			maxg = g;
	}
	groups = capture_count(sig->vre ? sig->vre : sig->re);
	if (template_max_group(sig->version) == 0)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "%s:%zu: the version template names no group ($1)", file,
		                      line);
	if (maxg > groups)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "%s:%zu: a template names group %d, the pattern has %d", file,
		                      line, maxg, groups);
	return PSIRT_OK;
}

/* Splits one line into tab-separated fields (at most max). */
static size_t split_tabs(struct psirt_str line, struct psirt_str *f, size_t max)
{
	size_t n = 0, i, start = 0;

	for (i = 0; i <= line.len; i++) {
		if (i == line.len || line.p[i] == '\t') {
			if (n < max)
				f[n] = psirt_str_make(line.p + start, i - start);
			n++;
			start = i + 1;
		}
	}
	return n;
}

static enum psirt_err compile_hs(struct fwscan__sigdb *db, const char *name,
                                 struct psirt_diag *diag)
{
	const char **exprs;
	unsigned *flags, *ids;
	hs_compile_error_t *cerr = NULL;
	hs_expr_info_t *info = NULL;
	hs_database_t *hs = NULL;
	size_t i;
	enum psirt_err err = PSIRT_OK;

	if (db->n_content == 0)
		return PSIRT_OK;
	exprs = psirt_arena_calloc(&db->arena, db->n_content, sizeof *exprs);
	flags = psirt_arena_calloc(&db->arena, db->n_content, sizeof *flags);
	ids = psirt_arena_calloc(&db->arena, db->n_content, sizeof *ids);
	if (!exprs || !flags || !ids)
		return PSIRT_ENOMEM;
	for (i = 0; i < db->n_content; i++) {
		const struct fwscan__sig *sig = &db->sigs[db->content[i]];

		exprs[i] = sig->pattern;
		/* Start of match: PCRE2 re-reads from there for the groups. */
		flags[i] = HS_FLAG_SOM_LEFTMOST;
		ids[i] = (unsigned)i;
		if (hs_expression_info(sig->pattern, flags[i], &info, &cerr) != HS_SUCCESS) {
			err = psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: pattern: %s",
			                     name ? name : "signatures", sig->line,
			                     cerr ? cerr->message : "rejected by vectorscan");
			goto out;
		}
		if (info->max_width == UINT_MAX || info->max_width > FWSCAN__MAX_WIDTH) {
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "%s:%zu: pattern: a content pattern must match at most "
			                     "%d bytes",
			                     name ? name : "signatures", sig->line, FWSCAN__MAX_WIDTH);
			goto out;
		}
		free(info);
		info = NULL;
	}
	if (hs_compile_multi(exprs, flags, ids, (unsigned)db->n_content, HS_MODE_BLOCK, NULL, &hs,
	                     &cerr) != HS_SUCCESS) {
		size_t line = 0;

		if (cerr && cerr->expression >= 0 && (size_t)cerr->expression < db->n_content)
			line = db->sigs[db->content[cerr->expression]].line;
		err = psirt_diag_set(diag, PSIRT_EINVAL, "%s:%zu: pattern: %s",
		                     name ? name : "signatures", line,
		                     cerr ? cerr->message : "rejected by vectorscan");
		goto out;
	}
	db->hs = hs;
	db->hs_ids = ids;
out:
	free(info);
	if (cerr)
		hs_free_compile_error(cerr);
	return err;
}

enum psirt_err fwscan__sigdb_new(const char *text, size_t len, const char *name,
                                 struct fwscan__sigdb **out, struct psirt_diag *diag)
{
	struct fwscan__sigdb *db;
	struct psirt_str f[SIGDB_COLUMNS];
	size_t pos = 0, line = 0, rows = 0, cap, i;
	enum psirt_err err = PSIRT_OK;
	int header_seen = 0;

	*out = NULL;
	if (len > SIGDB_MAX_TEXT)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "%s: signature table over %zu bytes",
		                      name ? name : "signatures", SIGDB_MAX_TEXT);
	db = calloc(1, sizeof *db);
	if (!db)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&db->arena, 0);
	for (i = 0, cap = 1; i < len; i++)
		cap += text[i] == '\n';
	if (cap > SIGDB_MAX_ROWS + 64)
		cap = SIGDB_MAX_ROWS + 64;
	db->sigs = psirt_arena_calloc(&db->arena, cap, sizeof *db->sigs);
	db->content = psirt_arena_calloc(&db->arena, cap, sizeof *db->content);
	db->named = psirt_arena_calloc(&db->arena, cap, sizeof *db->named);
	db->path = psirt_arena_calloc(&db->arena, cap, sizeof *db->path);
	if (!db->sigs || !db->content || !db->named || !db->path) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out_free;
	}
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, nf;
		struct psirt_str l = psirt_str_make(text + pos, end - pos);

		pos = end + 1;
		line++;
		if (l.len && l.p[l.len - 1] == '\r')
			l.len--;
		if (l.len == 0 || l.p[0] == '#')
			continue;
		if (!header_seen) {
			header_seen = 1;
			if (psirt_str_startswith(l, "name\t"))
				continue;
		}
		if (rows == SIGDB_MAX_ROWS || rows == cap) {
			err = psirt_diag_set(diag, PSIRT_ETOOBIG, "%s:%zu: more than %d signatures",
			                     name ? name : "signatures", line, SIGDB_MAX_ROWS);
			goto out_free;
		}
		nf = split_tabs(l, f, SIGDB_COLUMNS);
		db->n = rows + 1; /* so that a failed row's compiled parts are freed */
		err = parse_row(db, &db->sigs[rows], f, nf, line, name, diag);
		if (err) {
			if (err == PSIRT_ENOMEM)
				psirt_diag_set(diag, err, "out of memory");
			goto out_free;
		}
		switch (db->sigs[rows].where) {
		case FWSCAN__CONTENT:
			db->content[db->n_content++] = (unsigned)rows;
			break;
		case FWSCAN__NAMED:
			db->named[db->n_named++] = (unsigned)rows;
			break;
		case FWSCAN__PATH:
			db->path[db->n_path++] = (unsigned)rows;
			break;
		}
		rows++;
		db->n = rows;
	}
	if (rows == 0) {
		err = psirt_diag_set(diag, PSIRT_EINVAL, "%s: no signatures",
		                     name ? name : "signatures");
		goto out_free;
	}
	err = compile_hs(db, name, diag);
	if (err)
		goto out_free;
	*out = db;
	return PSIRT_OK;
out_free:
	fwscan__sigdb_free(db);
	return err;
}

static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static struct fwscan__sigdb *builtin_db;
static enum psirt_err builtin_err;
static struct psirt_diag builtin_diag = PSIRT_DIAG_INIT;

static void builtin_init(void)
{
	builtin_err = fwscan__sigdb_new(fwscan__builtin_tsv, fwscan__builtin_tsv_len,
	                                "signatures.tsv", &builtin_db, &builtin_diag);
}

enum psirt_err fwscan__sigdb_builtin(const struct fwscan__sigdb **out, struct psirt_diag *diag)
{
	pthread_once(&builtin_once, builtin_init);
	*out = builtin_db;
	if (builtin_err)
		return psirt_diag_set(diag, builtin_err, "the built-in signature table: %s",
		                      builtin_diag.message ? builtin_diag.message : "");
	return PSIRT_OK;
}

const char *psirt_fwscan_builtin_signatures(size_t *len)
{
	if (len)
		*len = fwscan__builtin_tsv_len;
	return fwscan__builtin_tsv;
}
