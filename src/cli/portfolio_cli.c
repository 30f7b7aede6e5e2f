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

json_t *pcli_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

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

json_t *pcli_product_json(const struct psirt_product *p)
{
	json_t *o = json_object(), *hw = json_array(), *reg = json_array();
	int bad = !o || !hw || !reg;
	size_t i;

	for (i = 0; !bad && i < p->n_hardware; i++) {
		json_t *h = json_pack("{s:s, s:o}", "model", p->hardware[i].model, "cpe",
		                      pcli_str(p->hardware[i].cpe));

		bad = !h || json_array_append_new(hw, h);
	}
	for (i = 0; !bad && i < p->n_regimes; i++)
		bad = json_array_append_new(reg, json_string(p->regimes[i])) != 0;
	if (bad) {
		json_decref(o);
		json_decref(hw);
		json_decref(reg);
		return NULL;
	}
	put(o, "name", json_string(p->name), &bad);
	put(o, "vendor", pcli_str(p->vendor), &bad);
	put(o, "safety", pcli_str(psirt_product_attr_value(PSIRT_ATTR_SAFETY, (int)p->safety)), &bad);
	put(o, "weight", pcli_str(psirt_product_attr_value(PSIRT_ATTR_WEIGHT, (int)p->weight)), &bad);
	put(o, "exposure",
	    pcli_str(psirt_product_attr_value(PSIRT_ATTR_EXPOSURE, (int)p->exposure)), &bad);
	put(o, "update", pcli_str(psirt_product_attr_value(PSIRT_ATTR_UPDATE, (int)p->update)),
	    &bad);
	put(o, "cpe", pcli_str(p->cpe), &bad);
	put(o, "owner", pcli_str(p->owner), &bad);
	put(o, "hardware", hw, &bad);
	put(o, "regimes", reg, &bad);
	put(o, "versionCount", json_integer((json_int_t)p->n_versions), &bad);
	put(o, "created", pcli_str(p->created_at), &bad);
	put(o, "updated", pcli_str(p->updated_at), &bad);
	return finish(o, bad);
}

json_t *pcli_version_json(const struct psirt_product_version *v)
{
	json_t *o = json_object();
	int bad = !o;

	if (bad)
		return NULL;
	put(o, "product", json_string(v->product), &bad);
	put(o, "version", json_string(v->version), &bad);
	put(o, "released", pcli_str(v->released), &bad);
	put(o, "eos", pcli_str(v->eos), &bad);
	put(o, "units", v->units < 0 ? json_null() : json_integer(v->units), &bad);
	put(o, "components", json_integer((json_int_t)v->n_components), &bad);
	put(o, "sbomImport", v->sbom_import ? json_integer(v->sbom_import) : json_null(), &bad);
	put(o, "created", pcli_str(v->created_at), &bad);
	put(o, "updated", pcli_str(v->updated_at), &bad);
	return finish(o, bad);
}

json_t *pcli_import_json(const struct psirt_sbom_import_record *h)
{
	json_t *o = json_object();
	int bad = !o;

	if (bad)
		return NULL;
	put(o, "id", json_integer(h->id), &bad);
	put(o, "at", pcli_str(h->at), &bad);
	put(o, "actor", pcli_str(h->actor), &bad);
	put(o, "kind", pcli_str(h->kind), &bad);
	put(o, "format", pcli_str(h->format), &bad);
	put(o, "specVersion", pcli_str(h->spec_version), &bad);
	put(o, "serial", pcli_str(h->serial), &bad);
	put(o, "file", pcli_str(h->file_name), &bad);
	put(o, "sha256", pcli_str(h->sha256), &bad);
	put(o, "size", h->size < 0 ? json_null() : json_integer(h->size), &bad);
	put(o, "created", pcli_str(h->created), &bad);
	put(o, "components", json_integer((json_int_t)h->components), &bad);
	put(o, "warnings", json_integer((json_int_t)h->warnings), &bad);
	put(o, "replaced", json_integer((json_int_t)h->replaced), &bad);
	put(o, "current", json_boolean(h->current), &bad);
	return finish(o, bad);
}

static const char *scope_name(enum psirt_sbom_scope s)
{
	switch (s) {
	case PSIRT_SBOM_SCOPE_REQUIRED:
		return "required";
	case PSIRT_SBOM_SCOPE_OPTIONAL:
		return "optional";
	case PSIRT_SBOM_SCOPE_EXCLUDED:
		return "excluded";
	default:
		return NULL;
	}
}

json_t *pcli_component_json(const struct psirt_sbom_component *c)
{
	static const char *const kinds[] = { "id", "name", "expression" };
	static const char *const acks[] = { NULL, "declared", "concluded" };
	json_t *o = json_object(), *cpes = json_array(), *hashes = json_array(),
	       *lic = json_array(), *props = json_array(), *flags = json_array();
	int bad = !o || !cpes || !hashes || !lic || !props || !flags;
	size_t i;

	for (i = 0; !bad && i < c->n_cpes; i++)
		bad = json_array_append_new(cpes, json_pack("{s:s, s:b}", "cpe", c->cpes[i].value,
		                                             "valid", c->cpes[i].valid)) != 0;
	for (i = 0; !bad && i < c->n_hashes; i++)
		bad = json_array_append_new(hashes,
		                            json_pack("{s:s, s:s}", "alg",
		                                      psirt_sbom_hash_name(c->hashes[i].alg),
		                                      "content", c->hashes[i].value)) != 0;
	for (i = 0; !bad && i < c->n_licenses; i++)
		bad = json_array_append_new(
		          lic, json_pack("{s:s, s:o, s:s}", "kind", kinds[c->licenses[i].kind], "ack",
		                         pcli_str(acks[c->licenses[i].ack]), "value",
		                         c->licenses[i].value)) != 0;
	for (i = 0; !bad && i < c->n_properties; i++)
		bad = json_array_append_new(props, json_pack("{s:s, s:o}", "name",
		                                             c->properties[i].name, "value",
		                                             pcli_str(c->properties[i].value))) != 0;
	if (!bad && (c->flags & PSIRT_SBOM_C_NO_IDENTITY))
		bad = json_array_append_new(flags, json_string("no-identity")) != 0;
	if (!bad && (c->flags & PSIRT_SBOM_C_BAD_PURL))
		bad = json_array_append_new(flags, json_string("bad-purl")) != 0;
	if (!bad && (c->flags & PSIRT_SBOM_C_BAD_CPE))
		bad = json_array_append_new(flags, json_string("bad-cpe")) != 0;
	if (bad) {
		json_decref(o);
		json_decref(cpes);
		json_decref(hashes);
		json_decref(lic);
		json_decref(props);
		json_decref(flags);
		return NULL;
	}
	put(o, "index", json_integer((json_int_t)c->index), &bad);
	put(o, "ref", pcli_str(c->ref), &bad);
	put(o, "parent", c->parent ? json_integer((json_int_t)c->parent->index) : json_null(), &bad);
	put(o, "type", json_string(psirt_sbom_type_name(c->type)), &bad);
	put(o, "scope", pcli_str(scope_name(c->scope)), &bad);
	put(o, "group", pcli_str(c->group), &bad);
	put(o, "name", json_string(c->name), &bad);
	put(o, "version", pcli_str(c->version), &bad);
	put(o, "supplier", pcli_str(c->supplier), &bad);
	put(o, "description", pcli_str(c->description), &bad);
	put(o, "purl", pcli_str(c->purl), &bad);
	put(o, "cpes", cpes, &bad);
	put(o, "hashes", hashes, &bad);
	put(o, "licenses", lic, &bad);
	put(o, "properties", props, &bad);
	put(o, "flags", flags, &bad);
	return finish(o, bad);
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
		                      "where", pcli_str(w->where), "line",
		                      w->line ? json_integer(w->line) : json_null(), "component",
		                      pcli_str(w->component ? w->component->name : NULL), "message",
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
		put(o, "specVersion", pcli_str(doc->spec_version), &bad);
		put(o, "serial", pcli_str(doc->serial), &bad);
		put(o, "sha256", pcli_str(src.sha256), &bad);
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
			put(x, "group", pcli_str(e->group), &bad);
			put(x, "name", json_string(e->name), &bad);
			put(x, "oldVersion", pcli_str(e->old_version), &bad);
			put(x, "newVersion", pcli_str(e->new_version), &bad);
			put(x, "oldPurl", pcli_str(e->old_purl), &bad);
			put(x, "newPurl", pcli_str(e->new_purl), &bad);
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
