/* SBOM front: the format table, detection, parse and export dispatch (see
 * include/psirt/sbom.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/sbom.h"
#include "psirt/str.h"
#include "sbom/internal.h"

const struct sbom__format *const sbom__formats[PSIRT_SBOM_FORMAT__MAX] = {
    [PSIRT_SBOM_FORMAT_UNKNOWN] = NULL,
    [PSIRT_SBOM_CYCLONEDX_JSON] = &sbom__fmt_cyclonedx_json,
    [PSIRT_SBOM_CYCLONEDX_XML] = &sbom__fmt_cyclonedx_xml,
    [PSIRT_SBOM_SPDX_JSON] = &sbom__fmt_spdx_json,
    [PSIRT_SBOM_SPDX_TV] = &sbom__fmt_spdx_tv,
    [PSIRT_SBOM_SPDX3_JSONLD] = &sbom__fmt_spdx3_jsonld,
};

void psirt_sbom_init(void)
{
	sbom__xml_init();
}

const char *psirt_sbom_format_name(enum psirt_sbom_format format)
{
	if ((unsigned)format >= PSIRT_SBOM_FORMAT__MAX || !sbom__formats[format])
		return "unknown";
	return sbom__formats[format]->name;
}

enum psirt_sbom_format psirt_sbom_format_find(const char *name)
{
	size_t i;

	if (!strcmp(name, "cyclonedx"))
		return PSIRT_SBOM_CYCLONEDX_JSON;
	if (!strcmp(name, "spdx"))
		return PSIRT_SBOM_SPDX_JSON;
	for (i = 1; i < PSIRT_SBOM_FORMAT__MAX; i++)
		if (sbom__formats[i] && !strcmp(name, sbom__formats[i]->name))
			return (enum psirt_sbom_format)i;
	return PSIRT_SBOM_FORMAT_UNKNOWN;
}

/* Detection --------------------------------------------------------------*/

static const char *find(const char *hay, size_t n, const char *needle)
{
	size_t nl = strlen(needle);
	const char *p = hay, *end = hay + n;

	/* memmem is a GNU extension; the needles here are short */
	while (nl && (size_t)(end - p) >= nl) {
		p = memchr(p, needle[0], (size_t)(end - p) - nl + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, nl))
			return p;
		p++;
	}
	return NULL;
}

static size_t skip_ws(const char *s, size_t len, size_t i)
{
	while (i < len && psirt_isspace((unsigned char)s[i]))
		i++;
	return i;
}

/* Skips a JSON string starting at the quote s[i]; returns the index after
 * the closing quote, or len when unterminated. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return len;
}

/* Skips one JSON value without checking it; returns the index after it. */
static size_t skip_value(const char *s, size_t len, size_t i)
{
	size_t depth = 0;

	if (i >= len)
		return len;
	if (s[i] == '"')
		return skip_string(s, len, i);
	while (i < len) {
		char c = s[i];
		if (c == '"') {
			i = skip_string(s, len, i);
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return i;
			if (--depth == 0)
				return i + 1;
		} else if (c == ',' && depth == 0) {
			return i;
		}
		i++;
	}
	return len;
}

/* Walks the top-level keys of a JSON object; nothing allocated, one pass.
 * Stops quietly at the first syntax error: the parser will report it. */
static unsigned json_top_keys(const char *s, size_t len, size_t i)
{
	static const struct {
		const char *key;
		unsigned bit;
	} keys[] = {
	    {"\"bomFormat\"", SBOM__K_BOMFORMAT},
	    {"\"specVersion\"", SBOM__K_SPECVERSION},
	    {"\"spdxVersion\"", SBOM__K_SPDXVERSION},
	    {"\"SPDXID\"", SBOM__K_SPDXID},
	    {"\"@graph\"", SBOM__K_GRAPH},
	    {"\"@context\"", SBOM__K_CONTEXT},
	    {"\"$schema\"", 0},
	};
	unsigned found = 0;
	size_t k, key_start, key_len, v;

	i++; /* '{' */
	for (;;) {
		i = skip_ws(s, len, i);
		if (i >= len || s[i] != '"')
			break;
		key_start = i;
		i = skip_string(s, len, i);
		key_len = i - key_start;
		i = skip_ws(s, len, i);
		if (i >= len || s[i] != ':')
			break;
		i = skip_ws(s, len, i + 1);
		v = skip_value(s, len, i);
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			if (key_len != strlen(keys[k].key) ||
			    memcmp(s + key_start, keys[k].key, key_len))
				continue;
			found |= keys[k].bit;
			if (keys[k].bit == SBOM__K_CONTEXT && find(s + i, v - i, "spdx.org/rdf/3"))
				found |= SBOM__K_CONTEXT_SPDX3;
			if (!keys[k].bit && find(s + i, v - i, "cyclonedx.org"))
				found |= SBOM__K_CDX_SCHEMA;
		}
		/* a key that decides the format ends the walk: a large SBOM is
		 * not scanned twice */
		if (found & (SBOM__K_BOMFORMAT | SBOM__K_SPDXVERSION | SBOM__K_CONTEXT_SPDX3 |
		             SBOM__K_GRAPH))
			break;
		i = skip_ws(s, len, v);
		if (i >= len || s[i] != ',')
			break;
		i++;
	}
	return found;
}

/* The root element's start tag: after the XML declaration, comments,
 * processing instructions and a DOCTYPE. */
static int xml_root_is_cyclonedx(const char *s, size_t len, size_t i)
{
	const char *end;

	while (i < len) {
		i = skip_ws(s, len, i);
		if (i + 1 >= len || s[i] != '<')
			return 0;
		if (s[i + 1] == '?' || s[i + 1] == '!') {
			if (len - i >= 4 && !memcmp(s + i, "<!--", 4)) {
				end = find(s + i, len - i, "-->");
				if (!end)
					return 0;
				end += 2;
			} else {
				/* a declaration or DOCTYPE: '>' inside quotes or the
				 * [internal subset] does not end it */
				size_t k = i + 2, depth = 0;
				char q = 0;
				for (; k < len; k++) {
					if (q) {
						if (s[k] == q)
							q = 0;
					} else if (s[k] == '"' || s[k] == '\'') {
						q = s[k];
					} else if (s[k] == '[') {
						depth++;
					} else if (s[k] == ']' && depth) {
						depth--;
					} else if (s[k] == '>' && !depth) {
						break;
					}
				}
				if (k >= len)
					return 0;
				end = s + k;
			}
			i = (size_t)(end - s) + 1;
			continue;
		}
		end = memchr(s + i, '>', len - i);
		if (!end)
			end = s + len;
		return find(s + i, (size_t)(end - (s + i)), "cyclonedx.org/schema/bom") != NULL;
	}
	return 0;
}

/* SPDX 2.3 tag-value (spec §5 and annex): a document opens with one of the
 * document creation tags. */
static int tv_first_tag(const char *s, size_t len, size_t i)
{
	static const char *const tags[] = {
	    "SPDXVersion:",        "DataLicense:",         "SPDXID:",      "DocumentName:",
	    "DocumentNamespace:",  "ExternalDocumentRef:", "Creator:",     "Created:",
	    "LicenseListVersion:", "DocumentComment:",     "PackageName:",
	};
	size_t k;

	while (i < len) {
		const char *nl;
		i = skip_ws(s, len, i);
		if (i >= len)
			return 0;
		if (s[i] != '#') {
			for (k = 0; k < sizeof tags / sizeof tags[0]; k++)
				if (len - i >= strlen(tags[k]) &&
				    !memcmp(s + i, tags[k], strlen(tags[k])))
					return 1;
			return 0;
		}
		nl = memchr(s + i, '\n', len - i);
		if (!nl)
			return 0;
		i = (size_t)(nl - s) + 1;
	}
	return 0;
}

static void sniff(const char *s, size_t len, struct sbom__sniff *out)
{
	size_t i = 0;

	memset(out, 0, sizeof *out);
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		i = 3; /* UTF-8 byte order mark */
	i = skip_ws(s, len, i);
	if (i >= len)
		return;
	if (s[i] == '{') {
		out->shape = SBOM__SHAPE_JSON;
		out->json_keys = json_top_keys(s, len, i);
	} else if (s[i] == '[') {
		out->shape = SBOM__SHAPE_JSON;
	} else if (s[i] == '<') {
		out->shape = SBOM__SHAPE_XML;
		out->xml_cyclonedx = xml_root_is_cyclonedx(s, len, i);
	} else {
		out->shape = SBOM__SHAPE_TEXT;
		out->tv_tags = tv_first_tag(s, len, i);
	}
}

enum psirt_sbom_format psirt_sbom_detect(const char *data, size_t len)
{
	struct sbom__sniff s;
	size_t i;

	sniff(data, len, &s);
	for (i = 1; i < PSIRT_SBOM_FORMAT__MAX; i++)
		if (sbom__formats[i] && sbom__formats[i]->sniff(&s))
			return (enum psirt_sbom_format)i;
	return PSIRT_SBOM_FORMAT_UNKNOWN;
}

/* Context helpers --------------------------------------------------------*/

enum psirt_err sbom__fail(struct sbom__ctx *ctx, enum psirt_err err, long line, const char *fmt,
                          ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbom__failv(ctx, err, line, fmt, ap);
	va_end(ap);
	return err;
}

enum psirt_err sbom__failv(struct sbom__ctx *ctx, enum psirt_err err, long line, const char *fmt,
                           va_list ap)
{
	if (!ctx->diag || ctx->diag->code != PSIRT_OK)
		return err;
	psirt_diag_setv(ctx->diag, err, fmt, ap);
	if (ctx->name)
		psirt_diag_set_file(ctx->diag, ctx->name);
	if (ctx->path.len && !psirt_buf_error(&ctx->path))
		psirt_diag_set_where(ctx->diag, ctx->path.p);
	if (line > 0)
		psirt_diag_set_line(ctx->diag, line, 0);
	return err;
}

enum psirt_err sbom__fail_in(struct sbom__ctx *ctx, const char *seg, enum psirt_err err,
                             const char *fmt, ...)
{
	size_t old = sbom__path_push(ctx, seg);
	va_list ap;

	va_start(ap, fmt);
	sbom__failv(ctx, err, 0, fmt, ap);
	va_end(ap);
	sbom__path_pop(ctx, old);
	return err;
}

size_t sbom__path_push(struct sbom__ctx *ctx, const char *seg)
{
	size_t old = ctx->path.len;

	psirt_buf_addch(&ctx->path, '/');
	psirt_buf_adds(&ctx->path, seg);
	return old;
}

size_t sbom__path_pushi(struct sbom__ctx *ctx, const char *seg, size_t i)
{
	size_t old = ctx->path.len;

	if (seg) {
		psirt_buf_addch(&ctx->path, '/');
		psirt_buf_adds(&ctx->path, seg);
	}
	{
		/* digits by hand: printf was a measurable share of an import */
		char d[24];
		size_t n = sizeof d;
		do {
			d[--n] = (char)('0' + i % 10);
			i /= 10;
		} while (i);
		d[--n] = '/';
		psirt_buf_add(&ctx->path, d + n, sizeof d - n);
	}
	return old;
}

void sbom__path_pop(struct sbom__ctx *ctx, size_t old_len)
{
	psirt_buf_truncate(&ctx->path, old_len);
}

const char *sbom__path_dup(struct sbom__ctx *ctx)
{
	if (!ctx->path.len || psirt_buf_error(&ctx->path))
		return NULL;
	return psirt_sbom_strdup(ctx->doc, ctx->path.p, ctx->path.len);
}

/* Parse and export -------------------------------------------------------*/

static const char *unknown_reason(const char *data, size_t len)
{
	struct sbom__sniff s;

	sniff(data, len, &s);
	switch (s.shape) {
	case SBOM__SHAPE_JSON:
		return "a JSON document without bomFormat, specVersion, spdxVersion, SPDXID, "
		       "@context or @graph at its top level";
	case SBOM__SHAPE_XML:
		return "an XML document whose root is not in a CycloneDX namespace (SPDX "
		       "RDF/XML is not supported)";
	case SBOM__SHAPE_TEXT:
		return "neither JSON, XML nor SPDX tag-value";
	default:
		return "empty";
	}
}

enum psirt_err psirt_sbom_parse(const char *data, size_t len, const char *name,
                                enum psirt_sbom_format format, struct psirt_sbom_doc **out,
                                struct psirt_diag *diag)
{
	struct sbom__ctx ctx;
	enum psirt_err err;

	*out = NULL;
	memset(&ctx, 0, sizeof ctx);
	ctx.data = data;
	ctx.len = len;
	ctx.name = name;
	ctx.diag = diag;
	psirt_buf_init(&ctx.path, 1 << 16);
	if (len > PSIRT_SBOM_MAX_SIZE)
		return sbom__fail(&ctx, PSIRT_ETOOBIG, 0,
		                  "SBOM of %zu bytes: the limit is %zu bytes", len,
		                  PSIRT_SBOM_MAX_SIZE);
	if (format == PSIRT_SBOM_FORMAT_UNKNOWN)
		format = psirt_sbom_detect(data, len);
	if (format == PSIRT_SBOM_FORMAT_UNKNOWN)
		return sbom__fail(&ctx, PSIRT_EINVAL, 0, "not a CycloneDX or SPDX document: %s",
		                  unknown_reason(data, len));
	if ((unsigned)format >= PSIRT_SBOM_FORMAT__MAX || !sbom__formats[format])
		return sbom__fail(&ctx, PSIRT_EUNSUPPORTED, 0, "unknown SBOM format %d",
		                  (int)format);
	ctx.doc = psirt_sbom_new();
	if (!ctx.doc)
		return sbom__fail(&ctx, PSIRT_ENOMEM, 0, "out of memory");
	ctx.doc->format = format;
	err = sbom__formats[format]->parse(&ctx);
	if (!err && psirt_buf_error(&ctx.path))
		err = sbom__fail(&ctx, PSIRT_ENOMEM, 0, "out of memory");
	psirt_buf_release(&ctx.path);
	if (err) {
		/* a parser that failed without saying why still leaves a message */
		if (diag && diag->code == PSIRT_OK) {
			psirt_diag_set(diag, err, "%s", psirt_strerror(err));
			if (name)
				psirt_diag_set_file(diag, name);
		}
		psirt_sbom_free(ctx.doc);
		return err;
	}
	*out = ctx.doc;
	return PSIRT_OK;
}

enum psirt_err psirt_sbom_load(const char *path, enum psirt_sbom_format format,
                               struct psirt_sbom_doc **out, struct psirt_diag *diag)
{
	struct psirt_buf b;
	char chunk[65536];
	FILE *f;
	size_t n;
	enum psirt_err err;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f) {
		psirt_diag_set(diag, PSIRT_EIO, "cannot open: %s", strerror(errno));
		psirt_diag_set_file(diag, path);
		return PSIRT_EIO;
	}
	psirt_buf_init(&b, PSIRT_SBOM_MAX_SIZE);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		psirt_buf_add(&b, chunk, n);
		if (psirt_buf_error(&b))
			break;
	}
	if (ferror(f)) {
		psirt_diag_set(diag, PSIRT_EIO, "cannot read: %s", strerror(errno));
		psirt_diag_set_file(diag, path);
		err = PSIRT_EIO;
		goto out_close;
	}
	if (psirt_buf_error(&b) == PSIRT_ETOOBIG) {
		psirt_diag_set(diag, PSIRT_ETOOBIG, "SBOM larger than the limit of %zu bytes",
		               PSIRT_SBOM_MAX_SIZE);
		psirt_diag_set_file(diag, path);
		err = PSIRT_ETOOBIG;
		goto out_close;
	}
	if (psirt_buf_error(&b)) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory reading the file");
		psirt_diag_set_file(diag, path);
		goto out_close;
	}
	err = psirt_sbom_parse(b.p, b.len, path, format, out, diag);
out_close:
	fclose(f);
	psirt_buf_release(&b);
	return err;
}

enum psirt_err psirt_sbom_export(const struct psirt_sbom_doc *doc, enum psirt_sbom_format format,
                                 struct psirt_buf *out, struct psirt_diag *diag)
{
	if ((unsigned)format >= PSIRT_SBOM_FORMAT__MAX || !sbom__formats[format] ||
	    !sbom__formats[format]->export)
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED,
		                      "psirt writes SBOMs as cyclonedx-json (1.6) or spdx-json "
		                      "(2.3), not %s",
		                      psirt_sbom_format_name(format));
	return sbom__formats[format]->export(doc, out, diag);
}
