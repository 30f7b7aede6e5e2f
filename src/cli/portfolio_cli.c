/* CLI helpers for the portfolio commands, and `psirt sbom import|export|diff`
 * (see portfolio_cli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/portfolio_cli.h"
#include "psirt/sha256.h"


int pcli_fail(struct cli_ctx *ctx, struct psirt_diag *diag)
{
	int rc = cli_report(ctx, NULL, diag);

	psirt_diag_release(diag);
	return rc;
}

/* Tables -----------------------------------------------------------------*/

void pcli_table_init(struct pcli_table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	psirt_arena_init(&t->arena, 0);
}

void pcli_table_add(struct pcli_table *t, const char *cell)
{
	if (t->oom)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		const char **p = psirt_arena_calloc(&t->arena, cap, sizeof *p);

		if (!p) {
			t->oom = 1;
			return;
		}
		if (t->n)
			memcpy(p, t->cells, t->n * sizeof *p);
		t->cells = p;
		t->cap = cap;
	}
	t->cells[t->n] = psirt_arena_strdup(&t->arena, cell ? cell : "-");
	if (!t->cells[t->n++])
		t->oom = 1;
}

void pcli_table_addf(struct pcli_table *t, const char *fmt, ...)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	psirt_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (psirt_buf_error(&b))
		t->oom = 1;
	else
		pcli_table_add(t, b.p);
	psirt_buf_release(&b);
}

/* Display width of UTF-8 text: code points (every one counted as one
 * column: near enough for the Latin and Japanese names in a portfolio
 * would need East Asian widths, which a terminal table cannot promise). */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

int pcli_table_print(struct pcli_table *t, FILE *out)
{
	size_t *w = calloc(t->ncols ? t->ncols : 1, sizeof *w), i, c;
	int rc = CLI_EXIT_OK;

	if (!w || t->oom) {
		rc = CLI_EXIT_INTERNAL;
		goto out_release;
	}
	for (i = 0; i < t->n; i++) {
		size_t cw = width(t->cells[i]);

		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	for (i = 0; i + t->ncols <= t->n; i += t->ncols) {
		for (c = 0; c < t->ncols; c++) {
			const char *cell = t->cells[i + c];

			if (c + 1 == t->ncols) {
				fprintf(out, "%s\n", cell);
			} else {
				fputs(cell, out);
				for (size_t k = width(cell); k < w[c] + 2; k++)
					fputc(' ', out);
			}
		}
	}
out_release:
	free(w);
	psirt_arena_release(&t->arena);
	return rc;
}

/* JSON -------------------------------------------------------------------*/

/* Adds key → value to o, taking the value's reference; remembers a failure
 * in *bad. */
static void put(json_t *o, const char *key, json_t *value, int *bad)
{
	if (!value || json_object_set_new(o, key, value))
		*bad = 1;
}

static json_t *finish(json_t *o, int bad)
{
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static size_t depth(const struct psirt_sbom_component *c)
{
	size_t d = 0;

	for (; c->parent; c = c->parent)
		d++;
	return d;
}

int pcli_components_print(struct cli_ctx *ctx, const struct psirt_sbom_doc *doc)
{
	struct pcli_table t;
	size_t i;

	pcli_table_init(&t, 5);
	pcli_table_add(&t, "COMPONENT");
	pcli_table_add(&t, "VERSION");
	pcli_table_add(&t, "TYPE");
	pcli_table_add(&t, "FLAGS");
	pcli_table_add(&t, "IDENTITY");
	for (i = 0; i < doc->n_components; i++) {
		const struct psirt_sbom_component *c = doc->components[i];
		size_t d = depth(c);

		pcli_table_addf(&t, "%*s%s%s%s", (int)(2 * d), "", c->group ? c->group : "",
		                c->group ? "/" : "", c->name);
		pcli_table_add(&t, c->version);
		pcli_table_add(&t, psirt_sbom_type_name(c->type));
		/* no-identity excludes the other two */
		pcli_table_addf(&t, "%s%s%s%s",
		                c->flags & PSIRT_SBOM_C_NO_IDENTITY ? "no-identity" : "",
		                c->flags & PSIRT_SBOM_C_BAD_PURL ? "bad-purl" : "",
		                (c->flags & PSIRT_SBOM_C_BAD_PURL) && (c->flags & PSIRT_SBOM_C_BAD_CPE)
		                    ? ","
		                    : "",
		                c->flags & PSIRT_SBOM_C_BAD_CPE ? "bad-cpe" : c->flags ? "" : "-");
		if (!c->purl && !c->n_cpes)
			pcli_table_add(&t, NULL);
		else
			pcli_table_addf(&t, "%s%s%s", c->purl ? c->purl : "",
			                c->purl && c->n_cpes ? " " : "",
			                c->n_cpes ? c->cpes[0].value : "");
	}
	return pcli_table_print(&t, ctx->out);
}

/* sbom import ------------------------------------------------------------*/

static const char *const warning_names[PSIRT_SBOM_W__MAX] = {
	[PSIRT_SBOM_W_NO_IDENTITY] = "no-identity", [PSIRT_SBOM_W_BAD_PURL] = "bad-purl",
	[PSIRT_SBOM_W_BAD_CPE] = "bad-cpe",         [PSIRT_SBOM_W_EXTRA_PURL] = "extra-purl",
	[PSIRT_SBOM_W_DANGLING_REF] = "dangling-ref", [PSIRT_SBOM_W_IGNORED] = "ignored",
};

/* Reads the whole file (at most PSIRT_SBOM_MAX_SIZE bytes). */
static enum psirt_err read_file(const char *path, struct psirt_buf *b, struct psirt_diag *diag)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (!f)
		return psirt_diag_set(diag, PSIRT_EIO, "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > PSIRT_SBOM_MAX_SIZE) {
			fclose(f);
			return psirt_diag_set(diag, PSIRT_ETOOBIG, "%s: larger than %zu MiB", path,
			                      PSIRT_SBOM_MAX_SIZE >> 20);
		}
		psirt_buf_add(b, chunk, n);
	}
	if (ferror(f)) {
		fclose(f);
		return psirt_diag_set(diag, PSIRT_EIO, "%s: cannot read", path);
	}
	fclose(f);
	if (psirt_buf_error(b))
		return psirt_diag_set(diag, psirt_buf_error(b), "%s: %s", path,
		                      psirt_strerror(psirt_buf_error(b)));
	return PSIRT_OK;
}

static void print_warning(struct cli_ctx *ctx, const char *file, const struct psirt_sbom_warning *w)
{
	fprintf(ctx->err, "psirt: warning: %s", file);
	if (w->line)
		fprintf(ctx->err, ":%ld", w->line);
	if (w->where)
		fprintf(ctx->err, ": %s", w->where);
	fprintf(ctx->err, ": %s\n", w->message);
}

static json_t *warnings_json(const struct psirt_sbom_doc *doc)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < doc->n_warnings; i++) {
		const struct psirt_sbom_warning *w = &doc->warnings[i];
		json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:s}", "code", warning_names[w->code],
		                      "where", psirt_json_str(w->where), "line",
		                      w->line ? json_integer(w->line) : json_null(), "component",
		                      psirt_json_str(w->component ? w->component->name : NULL), "message",
		                      w->message);

		if (!o || json_array_append_new(arr, o)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* Stores doc into product's version: the shared end of `sbom import` and
 * `sbom scan`. kind "import" or "scan"; file the name given; sha256 and size
 * of its bytes (NULL and 0 for a folder). */
static int store_doc(struct cli_ctx *ctx, const char *product, const char *version,
                     struct psirt_sbom_doc *doc, const char *kind, const char *file,
                     const char *sha256, long long size)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_sbom_import_result res;
	struct psirt_sbom_source src = { NULL, kind, file, sha256, size };
	struct psirt_store *store;
	char *actor = psirt_portfolio_actor();
	const char *format;
	size_t i;
	int rc;

	if (!actor)
		return CLI_EXIT_INTERNAL;
	src.actor = actor;
	/* a scanned document has no format of its own: the history says fwscan */
	format = doc->format ? psirt_sbom_format_name(doc->format)
	         : !strcmp(kind, "scan") ? "fwscan"
	                                : "unknown";
	if ((rc = cli_store(ctx, &store))) {
		free(actor);
		return rc;
	}
	if (psirt_portfolio_sbom_import(store, product, version, doc, &src, &res, &diag)) {
		free(actor);
		return pcli_fail(ctx, &diag);
	}
	free(actor);
	for (i = 0; i < doc->n_warnings; i++)
		print_warning(ctx, file, &doc->warnings[i]);
	if (doc->warnings_dropped)
		fprintf(ctx->err, "psirt: warning: %s: %zu more warnings not shown\n", file,
		        doc->warnings_dropped);
	if (ctx->json) {
		json_t *o = json_object();
		int bad = !o;

		if (bad)
			return CLI_EXIT_INTERNAL;
		put(o, "product", json_string(product), &bad);
		put(o, "version", json_string(version), &bad);
		put(o, "importId", json_integer(res.import_id), &bad);
		put(o, "kind", json_string(kind), &bad);
		put(o, "file", cli_json_arg(file), &bad);
		put(o, "format", json_string(format), &bad);
		put(o, "specVersion", psirt_json_str(doc->spec_version), &bad);
		put(o, "serial", psirt_json_str(doc->serial), &bad);
		put(o, "sha256", psirt_json_str(src.sha256), &bad);
		put(o, "components", json_integer((json_int_t)res.components), &bad);
		put(o, "replaced", json_integer((json_int_t)res.replaced), &bad);
		put(o, "versionCreated", json_boolean(res.version_created), &bad);
		put(o, "noIdentity", json_integer((json_int_t)res.no_identity), &bad);
		put(o, "badPurl", json_integer((json_int_t)res.bad_purl), &bad);
		put(o, "badCpe", json_integer((json_int_t)res.bad_cpe), &bad);
		put(o, "warnings", warnings_json(doc), &bad);
		return cli_print_json(ctx, finish(o, bad));
	}
	fprintf(ctx->out, "%s %s: %zu component%s from %s (%s%s%s)%s, replacing %zu", product,
	        version, res.components, res.components == 1 ? "" : "s", file, format,
	        doc->spec_version ? " " : "",
	        doc->spec_version ? doc->spec_version : "",
	        res.version_created ? ", version added" : "", res.replaced);
	fprintf(ctx->out, "; %zu without purl or CPE, %zu bad purl%s, %zu bad CPE%s\n",
	        res.no_identity, res.bad_purl, res.bad_purl == 1 ? "" : "s", res.bad_cpe,
	        res.bad_cpe == 1 ? "" : "s");
	return CLI_EXIT_OK;
}

/* As cli_usage_error for the sbom command (defined in cmd_sbom.c). */
static int sbom_usage(struct cli_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int sbom_usage(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fputs("psirt sbom: ", ctx->err);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fputs("\n(see 'psirt sbom --help')\n", ctx->err);
	return CLI_EXIT_USAGE;
}

int pcli_sbom_import(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_buf data = PSIRT_BUF_INIT;
	struct psirt_sbom_doc *doc = NULL;
	char sha[PSIRT_SHA256_HEX_SIZE];
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return sbom_usage(ctx, "import: unknown option '%s'", argv[i]);
	}
	if (argc != 4)
		return sbom_usage(ctx, "import: give PRODUCT VERSION FILE");
	if (read_file(argv[3], &data, &diag) ||
	    psirt_sbom_parse(data.p, data.len, argv[3], PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &diag)) {
		psirt_buf_release(&data);
		return pcli_fail(ctx, &diag);
	}
	psirt_sha256_hex(data.p, data.len, sha);
	rc = store_doc(ctx, argv[1], argv[2], doc, "import", argv[3], sha, (long long)data.len);
	psirt_sbom_free(doc);
	psirt_buf_release(&data);
	return rc;
}

/* sbom scan PRODUCT VERSION PATH ----------------------------------------*/

int pcli_check_product(struct cli_ctx *ctx, const char *product)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_portfolio_products *ps;
	struct psirt_store *store;
	int rc;

	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_portfolio_products(store, product, &ps, &diag))
		return pcli_fail(ctx, &diag);
	psirt_portfolio_products_free(ps);
	return CLI_EXIT_OK;
}

int pcli_sbom_store_scan(struct cli_ctx *ctx, const char *product, const char *version,
                         const char *path, struct psirt_sbom_doc *doc)
{
	char sha[PSIRT_SHA256_HEX_SIZE], chunk[65536];
	unsigned char digest[PSIRT_SHA256_SIZE];
	struct psirt_sha256 c;
	long long size = 0;
	FILE *f = NULL;
	struct stat st;
	size_t n;

	/* an image file is fingerprinted like an imported SBOM; a folder has
	 * no single fingerprint */
	if (!stat(path, &st) && S_ISREG(st.st_mode))
		f = fopen(path, "rb");
	if (f) {
		psirt_sha256_init(&c);
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
			psirt_sha256_update(&c, chunk, n);
			size += (long long)n;
		}
		if (ferror(f)) {
			fclose(f);
			f = NULL;
		}
	}
	if (f) {
		static const char hex[] = "0123456789abcdef";

		fclose(f);
		psirt_sha256_final(&c, digest);
		for (n = 0; n < PSIRT_SHA256_SIZE; n++) {
			sha[2 * n] = hex[digest[n] >> 4];
			sha[2 * n + 1] = hex[digest[n] & 15];
		}
		sha[(PSIRT_SHA256_HEX_SIZE - 1)] = '\0';
	}
	return store_doc(ctx, product, version, doc, "scan", path, f ? sha : NULL, f ? size : 0);
}

/* sbom export ------------------------------------------------------------*/

int pcli_sbom_export(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_buf out = PSIRT_BUF_INIT;
	enum psirt_sbom_format format = PSIRT_SBOM_CYCLONEDX_JSON;
	const char *file = NULL, *pos[2] = { NULL, NULL };
	struct psirt_store *store;
	int i, npos = 0, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (i + 1 >= argc)
				return sbom_usage(ctx, "export: %s needs a value", a);
			if (a[1] == 'o' || a[2] == 'o') {
				file = argv[++i];
				continue;
			}
			a = argv[++i];
			format = psirt_sbom_format_find(a);
			if (format != PSIRT_SBOM_CYCLONEDX_JSON && format != PSIRT_SBOM_SPDX_JSON)
				return sbom_usage(ctx, "export: unknown format '%s' (cyclonedx or spdx)", a);
		} else if (!strncmp(a, "--format=", 9)) {
			format = psirt_sbom_format_find(a + 9);
			if (format != PSIRT_SBOM_CYCLONEDX_JSON && format != PSIRT_SBOM_SPDX_JSON)
				return sbom_usage(ctx, "export: unknown format '%s' (cyclonedx or spdx)",
				                  a + 9);
		} else if (a[0] == '-' && a[1]) {
			return sbom_usage(ctx, "export: unknown option '%s'", a);
		} else if (npos < 2) {
			pos[npos++] = a;
		} else {
			return sbom_usage(ctx, "export: unexpected argument '%s'", a);
		}
	}
	if (npos != 2)
		return sbom_usage(ctx, "export: give PRODUCT VERSION");
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_portfolio_sbom_export(store, pos[0], pos[1], format, &out, &diag)) {
		psirt_buf_release(&out);
		return pcli_fail(ctx, &diag);
	}
	psirt_buf_addch(&out, '\n');
	if (file && strcmp(file, "-")) {
		FILE *f = fopen(file, "wb");

		if (!f || fwrite(out.p, 1, out.len, f) != out.len || fclose(f)) {
			psirt_diag_set(&diag, PSIRT_EIO, "%s: %s", file, strerror(errno));
			psirt_buf_release(&out);
			return pcli_fail(ctx, &diag);
		}
	} else {
		fwrite(out.p, 1, out.len, ctx->out);
	}
	psirt_buf_release(&out);
	return CLI_EXIT_OK;
}

/* sbom diff --------------------------------------------------------------*/

int pcli_sbom_diff(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_sbom_diff *d;
	struct psirt_store *store;
	struct pcli_table t;
	size_t i;
	int rc;

	for (i = 1; i < (size_t)argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return sbom_usage(ctx, "diff: unknown option '%s'", argv[i]);
	}
	if (argc != 4)
		return sbom_usage(ctx, "diff: give PRODUCT OLD_VERSION NEW_VERSION");
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_portfolio_sbom_diff(store, argv[1], argv[2], argv[3], &d, &diag))
		return pcli_fail(ctx, &diag);
	if (ctx->json) {
		json_t *o = json_object(), *arr = json_array();
		int bad = !o || !arr;

		for (i = 0; !bad && i < d->n; i++) {
			const struct psirt_sbom_diff_entry *e = &d->entries[i];
			json_t *x = json_object();

			bad = !x;
			if (bad)
				break;
			put(x, "change", json_string(psirt_sbom_change_name(e->change)), &bad);
			put(x, "key", json_string(e->key), &bad);
			put(x, "group", psirt_json_str(e->group), &bad);
			put(x, "name", json_string(e->name), &bad);
			put(x, "oldVersion", psirt_json_str(e->old_version), &bad);
			put(x, "newVersion", psirt_json_str(e->new_version), &bad);
			put(x, "oldPurl", psirt_json_str(e->old_purl), &bad);
			put(x, "newPurl", psirt_json_str(e->new_purl), &bad);
			if (json_array_append_new(arr, x))
				bad = 1;
		}
		if (bad) {
			json_decref(o);
			json_decref(arr);
			psirt_sbom_diff_free(d);
			return CLI_EXIT_INTERNAL;
		}
		put(o, "product", json_string(d->product), &bad);
		put(o, "oldVersion", json_string(d->old_version), &bad);
		put(o, "newVersion", json_string(d->new_version), &bad);
		put(o, "added", json_integer((json_int_t)d->added), &bad);
		put(o, "removed", json_integer((json_int_t)d->removed), &bad);
		put(o, "changed", json_integer((json_int_t)d->changed), &bad);
		put(o, "unchanged", json_integer((json_int_t)d->unchanged), &bad);
		put(o, "changes", arr, &bad);
		psirt_sbom_diff_free(d);
		return cli_print_json(ctx, finish(o, bad));
	}
	fprintf(ctx->out, "%s %s -> %s: %zu added, %zu removed, %zu changed, %zu unchanged\n",
	        d->product, d->old_version, d->new_version, d->added, d->removed, d->changed,
	        d->unchanged);
	if (!d->n) {
		psirt_sbom_diff_free(d);
		return CLI_EXIT_OK;
	}
	pcli_table_init(&t, 4);
	pcli_table_add(&t, "CHANGE");
	pcli_table_add(&t, "COMPONENT");
	pcli_table_add(&t, "OLD");
	pcli_table_add(&t, "NEW");
	for (i = 0; i < d->n; i++) {
		const struct psirt_sbom_diff_entry *e = &d->entries[i];

		pcli_table_add(&t, psirt_sbom_change_name(e->change));
		pcli_table_addf(&t, "%s%s%s", e->group ? e->group : "", e->group ? "/" : "", e->name);
		pcli_table_add(&t, e->old_version);
		pcli_table_add(&t, e->new_version);
	}
	psirt_sbom_diff_free(d);
	return pcli_table_print(&t, ctx->out);
}
