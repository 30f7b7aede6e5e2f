/* psirt sbom scan PATH — the SBOM of a firmware image or root file system.
 *
 * Only `scan` for now; import and export join when the store exists (the
 * lead extends this table). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "psirt/fwscan.h"
#include "psirt/sbom.h"

static int cmd_scan(struct cli_ctx *ctx, int argc, char **argv);
static int run(struct cli_ctx *ctx, int argc, char **argv);

static const struct cli_subcommand subs[] = {
	{ "scan", cmd_scan },
};

const struct cli_command cli_cmd_sbom = {
	.name = "sbom",
	.summary = "SBOMs: read one out of a firmware image (scan)",
	.usage =
		"usage: psirt [--json] sbom scan PATH [--format table|cyclonedx|spdx] [-o FILE]\n"
		"                 [--signatures FILE] [--no-pkgdb] [--no-signatures]\n"
		"                 [--engine vectorscan|pcre2]\n"
		"\n"
		"Scans a firmware image and prints the SBOM (no store yet: nothing is saved).\n"
		"PATH is a root file system folder, or an image file: tar (any compression),\n"
		"cpio, zip, or squashfs (needs unsquashfs from squashfs-tools); any other\n"
		"file is scanned as one binary blob. Images are extracted into a temporary\n"
		"folder ($TMPDIR or /tmp) that is removed afterwards; a member pointing\n"
		"outside the image (absolute, '..', a link climbing out) refuses the image.\n"
		"\n"
		"Components come from the package databases (dpkg, opkg, apk) and from\n"
		"version strings inside files (busybox, OpenSSL, dropbear, the Linux kernel,\n"
		"...: the signature table data/fwscan/signatures.tsv, built in). A package\n"
		"wins over a signature for the same software: a match in a file the package\n"
		"installed, or of the same version, is added to the package as evidence.\n"
		"\n"
		"Options:\n"
		"  --format F        table (default): name, version, purl, evidence count;\n"
		"                    cyclonedx: CycloneDX 1.6 JSON; spdx: SPDX 2.3 JSON\n"
		"  --json            the same as --format cyclonedx\n"
		"  -o FILE           write to FILE instead of standard output\n"
		"  --signatures FILE use this signature table instead of the built-in one\n"
		"  --no-pkgdb        ignore package databases (signatures only)\n"
		"  --no-signatures   package databases only\n"
		"  --engine E        vectorscan (default, one pass) or pcre2 (for comparison)\n"
		"\n"
		"Warnings (unreadable files, malformed database lines) go to standard error.\n"
		"Exit codes: 0 ok, 2 usage, 3 bad or unreadable image, 4 internal error.\n",
	.run = run,
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_sbom, subs, sizeof subs / sizeof subs[0], argc, argv);
}

static const char *prop(const struct psirt_sbom_component *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_properties; i++) {
		if (!strcmp(c->properties[i].name, name))
			return c->properties[i].value;
	}
	return NULL;
}

static void print_table(FILE *f, const struct psirt_sbom_doc *doc)
{
	size_t i, wn = 4, wv = 7, wp = 4;

	for (i = 0; i < doc->n_components; i++) {
		const struct psirt_sbom_component *c = doc->components[i];
		size_t l;

		l = strlen(c->name);
		wn = l > wn ? l : wn;
		l = c->version ? strlen(c->version) : 1;
		wv = l > wv ? l : wv;
		l = c->purl ? strlen(c->purl) : 1;
		wp = l > wp ? l : wp;
	}
	fprintf(f, "%-*s  %-*s  %-*s  %s\n", (int)wn, "NAME", (int)wv, "VERSION", (int)wp, "PURL",
	        "EVIDENCE");
	for (i = 0; i < doc->n_components; i++) {
		const struct psirt_sbom_component *c = doc->components[i];
		const char *ev = prop(c, "psirt:fwscan:evidence-count");
		const char *src = prop(c, "psirt:fwscan:source");

		fprintf(f, "%-*s  %-*s  %-*s  %s%s%s\n", (int)wn, c->name, (int)wv,
		        c->version ? c->version : "-", (int)wp, c->purl ? c->purl : "-",
		        ev ? ev : "0", src ? " " : "", src ? src : "");
	}
}

/* RFC 3339 creation time: PSIRT_NOW (tests), else now. */
static const char *created_now(char *buf, size_t cap)
{
	const char *fixed = getenv("PSIRT_NOW");
	time_t t;
	struct tm tm;

	if (fixed && *fixed)
		return fixed;
	t = time(NULL);
	if (!gmtime_r(&t, &tm) || !strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return NULL;
	return buf;
}

static int cmd_scan(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_fwscan_options opt;
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_buf out = PSIRT_BUF_INIT;
	const char *path = NULL, *format = ctx->json ? "cyclonedx" : "table", *ofile = NULL;
	char when[32];
	FILE *f = ctx->out;
	int i, rc = CLI_EXIT_OK;
	size_t w;

	memset(&opt, 0, sizeof opt);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--signatures") ||
		    !strcmp(a, "--engine")) {
			if (i + 1 >= argc)
				return cli_usage_error(ctx, &cli_cmd_sbom, "%s needs a value", a);
			if (!strcmp(a, "--format"))
				format = argv[++i];
			else if (!strcmp(a, "-o"))
				ofile = argv[++i];
			else if (!strcmp(a, "--signatures"))
				opt.signatures_path = argv[++i];
			else if (!strcmp(argv[++i], "vectorscan"))
				opt.engine = PSIRT_FWSCAN_ENGINE_VECTORSCAN;
			else if (!strcmp(argv[i], "pcre2"))
				opt.engine = PSIRT_FWSCAN_ENGINE_PCRE2;
			else
				return cli_usage_error(ctx, &cli_cmd_sbom, "unknown engine '%s'",
				                       argv[i]);
		} else if (!strcmp(a, "--no-pkgdb")) {
			opt.flags |= PSIRT_FWSCAN_NO_PKGDB;
		} else if (!strcmp(a, "--no-signatures")) {
			opt.flags |= PSIRT_FWSCAN_NO_SIGNATURES;
		} else if (!strcmp(a, "--") && i + 1 < argc && !path) {
			path = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error(ctx, &cli_cmd_sbom, "unknown option '%s'", a);
		} else if (!path) {
			path = a;
		} else {
			return cli_usage_error(ctx, &cli_cmd_sbom, "one PATH only");
		}
	}
	if (!path)
		return cli_usage_error(ctx, &cli_cmd_sbom, "scan needs a PATH");
	if (strcmp(format, "table") && psirt_sbom_format_find(format) != PSIRT_SBOM_CYCLONEDX_JSON &&
	    psirt_sbom_format_find(format) != PSIRT_SBOM_SPDX_JSON)
		return cli_usage_error(ctx, &cli_cmd_sbom,
		                       "unknown format '%s' (table, cyclonedx or spdx)", format);
	if (psirt_fwscan(path, &opt, &doc, &diag) != PSIRT_OK) {
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		return rc;
	}
	for (w = 0; w < doc->n_warnings; w++) {
		const struct psirt_sbom_warning *wa = &doc->warnings[w];

		fprintf(ctx->err, "psirt: warning: %s%s%s\n", wa->where ? wa->where : "",
		        wa->where ? ": " : "", wa->message);
	}
	if (ofile) {
		f = fopen(ofile, "w");
		if (!f) {
			psirt_diag_set(&diag, PSIRT_EIO, "cannot write %s", ofile);
			rc = cli_report(ctx, NULL, &diag);
			goto out;
		}
	}
	if (!strcmp(format, "table")) {
		print_table(f, doc);
	} else {
		doc->created = created_now(when, sizeof when);
		if (psirt_sbom_export(doc, psirt_sbom_format_find(format), &out, &diag)) {
			rc = cli_report(ctx, NULL, &diag);
			goto out;
		}
		fwrite(out.p, 1, out.len, f);
		if (out.len && out.p[out.len - 1] != '\n')
			fputc('\n', f);
	}
	if (f != ctx->out && fclose(f)) {
		f = ctx->out;
		psirt_diag_set(&diag, PSIRT_EIO, "cannot write %s", ofile);
		rc = cli_report(ctx, NULL, &diag);
	}
	f = ctx->out;
out:
	if (f != ctx->out)
		fclose(f);
	psirt_buf_release(&out);
	psirt_sbom_free(doc);
	psirt_diag_release(&diag);
	return rc;
}
