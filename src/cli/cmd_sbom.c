/* psirt sbom: SBOMs in and out of the portfolio (import, export, diff: in
 * portfolio_cli.c) and the SBOM of a firmware image or root file system
 * (scan), printed or stored as a product version's component list. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/portfolio_cli.h"
#include "psirt/fwscan.h"
#include "psirt/sbom.h"

static int cmd_scan(struct cli_ctx *ctx, int argc, char **argv);
static int run(struct cli_ctx *ctx, int argc, char **argv);

static const struct cli_subcommand subs[] = {
	{ "diff", pcli_sbom_diff },
	{ "export", pcli_sbom_export },
	{ "import", pcli_sbom_import },
	{ "scan", cmd_scan },
};

const struct cli_command cli_cmd_sbom = {
	.name = "sbom",
	.summary = "SBOMs: import, export and compare a product version's; scan firmware",
	.usage =
		PCLI_SBOM_USAGE_FIRST
		"       psirt [--json] sbom scan PATH [--format table|cyclonedx|spdx] [-o FILE]\n"
		"       psirt [--db PATH] [--json] sbom scan PRODUCT VERSION PATH\n"
		"                 scan options: [--signatures FILE] [--no-pkgdb] [--no-signatures]\n"
		"                 [--engine vectorscan|pcre2]\n"
		"\n"
		PCLI_SBOM_HELP
		"scan    reads the SBOM out of a firmware image and prints it; with PRODUCT\n"
		"        VERSION it is stored as the version's component list instead, as an\n"
		"        import would (history kind 'scan', the image's sha256 when PATH is a\n"
		"        file), with the evidence (file, offset, matched string) kept.\n"
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
		"Scan options:\n"
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
		"Exit codes: 0 ok, 2 usage, 3 bad input (a file, an image, no such product\n"
		"or version), 4 internal error.\n",
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
	const char *pos[3] = { NULL, NULL, NULL };
	char when[32];
	FILE *f = ctx->out;
	int i, npos = 0, format_given = 0, rc = CLI_EXIT_OK;
	size_t w;

	memset(&opt, 0, sizeof opt);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--signatures") ||
		    !strcmp(a, "--engine")) {
			if (i + 1 >= argc)
				return cli_usage_error(ctx, &cli_cmd_sbom, "%s needs a value", a);
			if (!strcmp(a, "--format"))
				format = argv[++i], format_given = 1;
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
		} else if (!strcmp(a, "--") && i + 1 < argc && npos < 3) {
			pos[npos++] = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error(ctx, &cli_cmd_sbom, "unknown option '%s'", a);
		} else if (npos < 3) {
			pos[npos++] = a;
		} else {
			return cli_usage_error(ctx, &cli_cmd_sbom, "scan: PATH, or PRODUCT VERSION PATH");
		}
	}
	if (!npos)
		return cli_usage_error(ctx, &cli_cmd_sbom, "scan needs a PATH");
	if (npos == 2)
		return cli_usage_error(ctx, &cli_cmd_sbom, "scan: PATH, or PRODUCT VERSION PATH");
	path = pos[npos - 1];
	if (npos == 3 && (format_given || ofile))
		return cli_usage_error(ctx, &cli_cmd_sbom,
		                       "scan: --format and -o print a scan; with PRODUCT VERSION "
		                       "it is stored");
	if (strcmp(format, "table") && psirt_sbom_format_find(format) != PSIRT_SBOM_CYCLONEDX_JSON &&
	    psirt_sbom_format_find(format) != PSIRT_SBOM_SPDX_JSON)
		return cli_usage_error(ctx, &cli_cmd_sbom,
		                       "unknown format '%s' (table, cyclonedx or spdx)", format);
	if (npos == 3 && (rc = pcli_check_product(ctx, pos[0])))
		return rc;
	if (psirt_fwscan(path, &opt, &doc, &diag) != PSIRT_OK) {
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		return rc;
	}
	if (npos == 3) {
		/* stored, as an import would be; its warnings printed there */
		rc = pcli_sbom_store_scan(ctx, pos[0], pos[1], path, doc);
		goto out;
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
