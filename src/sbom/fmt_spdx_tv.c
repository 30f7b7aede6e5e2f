/* SPDX 2.2 / 2.3 tag-value (SPDX 2.3 annex "tag:value" format).
 *
 * One "Tag: value" per line; a value starting with <text> runs to the next
 * </text>, across lines. Lines starting with '#' are comments. The tags
 * that open a section (PackageName, FileName, SnippetSPDXID, LicenseID)
 * decide what a following SPDXID names. Read: SPDXVersion, DocumentName,
 * DocumentNamespace, Creator (Tool), Created, the package tags psirt keeps
 * (see fmt_spdx_json.c for the list), file and snippet ids, Relationship.
 * Other tags are skipped.
 */
#include <string.h>

#include "psirt/sbom.h"
#include "psirt/str.h"
#include "sbom/internal.h"

enum section { SEC_DOCUMENT, SEC_PACKAGE, SEC_FILE, SEC_SNIPPET, SEC_OTHER };

struct tv {
	struct sbom__ctx *ctx;
	struct sbom__spdx sp;
	enum section sec;
	struct psirt_sbom_component *pkg; /* current package, NULL outside one */
	long pkg_line;
	long line; /* line of the current tag */
	int have_version;
};

static enum psirt_err nomem(struct tv *t)
{
	return sbom__fail(t->ctx, PSIRT_ENOMEM, t->line, "out of memory");
}

static const char *dup(struct tv *t, struct psirt_str v)
{
	return psirt_sbom_strdup(t->ctx->doc, v.p, v.len);
}

static struct psirt_str trim(struct psirt_str v)
{
	while (v.len && psirt_isspace((unsigned char)*v.p)) {
		v.p++;
		v.len--;
	}
	while (v.len && psirt_isspace((unsigned char)v.p[v.len - 1]))
		v.len--;
	return v;
}

/* Splits off the next whitespace-separated word of *v. */
static struct psirt_str word(struct psirt_str *v)
{
	struct psirt_str w;

	*v = trim(*v);
	w.p = v->p;
	w.len = 0;
	while (w.len < v->len && !psirt_isspace((unsigned char)v->p[w.len]))
		w.len++;
	v->p += w.len;
	v->len -= w.len;
	return w;
}

static enum psirt_err end_package(struct tv *t)
{
	if (t->pkg && !t->pkg->ref)
		return sbom__fail(t->ctx, PSIRT_EINVAL, t->pkg_line, "package '%s' has no SPDXID",
		                  t->pkg->name);
	t->pkg = NULL;
	return PSIRT_OK;
}

static enum psirt_err tag_version(struct tv *t, struct psirt_str v)
{
	/* the tag-value format is read for SPDX 2.2 and 2.3 */
	if (!psirt_str_eq(v, "SPDX-2.2") && !psirt_str_eq(v, "SPDX-2.3"))
		return sbom__fail(t->ctx, PSIRT_EUNSUPPORTED, t->line,
		                  "SPDXVersion '%.*s' is not supported (SPDX-2.2 or SPDX-2.3)",
		                  (int)(v.len > 40 ? 40 : v.len), v.p);
	t->ctx->doc->spec_version = psirt_str_eq(v, "SPDX-2.2") ? "2.2" : "2.3";
	t->have_version = 1;
	return PSIRT_OK;
}

static enum psirt_err tag_spdxid(struct tv *t, struct psirt_str v)
{
	const char *id = dup(t, v);

	if (!id)
		return nomem(t);
	switch (t->sec) {
	case SEC_DOCUMENT:
		if (!t->sp.doc_id)
			t->sp.doc_id = id;
		return PSIRT_OK;
	case SEC_PACKAGE:
		if (!t->pkg)
			return PSIRT_OK;
		if (t->pkg->ref)
			return sbom__fail(t->ctx, PSIRT_EINVAL, t->line,
			                  "package '%s' has a second SPDXID '%s'", t->pkg->name,
			                  id);
		if (!*id)
			return sbom__fail(t->ctx, PSIRT_EINVAL, t->line, "SPDXID is empty");
		t->pkg->ref = id;
		return PSIRT_OK;
	default:
		return sbom__spdx_other_add(t->ctx, &t->sp, id);
	}
}

static enum psirt_err tag_package(struct tv *t, struct psirt_str v)
{
	enum psirt_err err = end_package(t);

	if (!err)
		err = sbom__spdx_pkg_new(t->ctx, &t->sp, t->line, &t->pkg);
	if (err)
		return err;
	t->sec = SEC_PACKAGE;
	t->pkg_line = t->line;
	t->pkg->name = dup(t, v);
	return t->pkg->name ? PSIRT_OK : nomem(t);
}

static enum psirt_err section(struct tv *t, enum section sec)
{
	enum psirt_err err = end_package(t);

	t->sec = sec;
	return err;
}

static enum psirt_err tag_checksum(struct tv *t, struct psirt_str v)
{
	/* "PackageChecksum: SHA1: 85ed0817af83a24ad8da68c2b5094de69833983c" */
	const char *colon = memchr(v.p, ':', v.len);
	struct psirt_str alg, hex;
	const char *a, *h;
	int k;

	if (!colon)
		return sbom__fail(t->ctx, PSIRT_EINVAL, t->line,
		                  "PackageChecksum needs 'ALGORITHM: value'");
	alg = trim(psirt_str_make(v.p, (size_t)(colon - v.p)));
	hex = trim(psirt_str_make(colon + 1, v.len - (size_t)(colon + 1 - v.p)));
	a = dup(t, alg);
	h = dup(t, hex);
	if (!a || !h)
		return nomem(t);
	k = sbom__hash_find_spdx(a);
	if (k < 0)
		return sbom__fail(t->ctx, PSIRT_EINVAL, t->line, "unknown checksum algorithm '%s'",
		                  a);
	if (!sbom__hash_value_ok(h, 0))
		return sbom__fail(t->ctx, PSIRT_EINVAL, t->line,
		                  "%s checksum '%s' is not hex digits", a, h);
	if (psirt_sbom_hash_add(t->ctx->doc, t->pkg, (enum psirt_sbom_hash_alg)k, h, strlen(h)))
		return nomem(t);
	return PSIRT_OK;
}

static enum psirt_err tag_license(struct tv *t, struct psirt_str v, enum psirt_sbom_license_ack ack)
{
	if (!v.len || psirt_str_eq(v, "NOASSERTION") || psirt_str_eq(v, "NONE"))
		return PSIRT_OK;
	if (psirt_sbom_license_add(t->ctx->doc, t->pkg, PSIRT_SBOM_LICENSE_EXPRESSION, ack, v.p,
	                           v.len))
		return nomem(t);
	return PSIRT_OK;
}

static enum psirt_err tag_external_ref(struct tv *t, struct psirt_str v)
{
	/* "ExternalRef: SECURITY cpe23Type cpe:2.3:a:…" */
	struct psirt_str cat = word(&v), type = word(&v), loc = trim(v);
	struct psirt_sbom_component *c = t->pkg;

	if (!cat.len || !type.len || !loc.len)
		return sbom__fail(t->ctx, PSIRT_EINVAL, t->line,
		                  "ExternalRef needs 'CATEGORY TYPE LOCATOR'");
	if ((psirt_str_eq(cat, "PACKAGE-MANAGER") || psirt_str_eq(cat, "PACKAGE_MANAGER")) &&
	    psirt_str_eq(type, "purl")) {
		if (!c->purl)
			return psirt_sbom_set_purl(t->ctx->doc, c, loc.p, loc.len) ? nomem(t)
			                                                           : PSIRT_OK;
		if (psirt_sbom_warn(t->ctx->doc, PSIRT_SBOM_W_EXTRA_PURL, c, NULL, t->line,
		                    "package '%s' has a second purl '%.*s': only the first is kept",
		                    c->name, (int)loc.len, loc.p))
			return nomem(t);
	} else if (psirt_str_eq(cat, "SECURITY") &&
	           (psirt_str_eq(type, "cpe23Type") || psirt_str_eq(type, "cpe22Type"))) {
		if (psirt_sbom_cpe_add(t->ctx->doc, c, loc.p, loc.len))
			return nomem(t);
	}
	return PSIRT_OK;
}

static enum psirt_err tag_relationship(struct tv *t, struct psirt_str v)
{
	struct psirt_str from = word(&v), type = word(&v), to = word(&v);
	const char *f, *ty, *to_s;
	enum sbom__rel rel;
	int rev;

	if (!from.len || !type.len || !to.len)
		return sbom__fail(t->ctx, PSIRT_EINVAL, t->line,
		                  "Relationship needs 'ELEMENT TYPE ELEMENT'");
	f = dup(t, from);
	ty = dup(t, type);
	to_s = dup(t, to);
	if (!f || !ty || !to_s)
		return nomem(t);
	rel = sbom__spdx_rel_find(ty, &rev);
	if (rel == SBOM__REL_OTHER)
		return PSIRT_OK;
	return sbom__spdx_rel_add(t->ctx, &t->sp, rev ? to_s : f, rev ? f : to_s, rel, t->line);
}

/* One tag. v is the value, already cut out of its <text> when it had one. */
static enum psirt_err tag(struct tv *t, struct psirt_str name, struct psirt_str v)
{
	struct psirt_sbom_doc *doc = t->ctx->doc;
	struct psirt_sbom_component *c = t->pkg;
	const char *s;
	int k;

	if (psirt_str_eq(name, "SPDXVersion"))
		return tag_version(t, v);
	if (psirt_str_eq(name, "SPDXID"))
		return tag_spdxid(t, v);
	if (psirt_str_eq(name, "PackageName"))
		return tag_package(t, v);
	if (psirt_str_eq(name, "FileName"))
		return section(t, SEC_FILE);
	if (psirt_str_eq(name, "SnippetSPDXID")) {
		enum psirt_err err = section(t, SEC_SNIPPET);
		s = dup(t, v);
		if (!err && !s)
			err = nomem(t);
		return err ? err : sbom__spdx_other_add(t->ctx, &t->sp, s);
	}
	if (psirt_str_eq(name, "LicenseID"))
		return section(t, SEC_OTHER);
	if (psirt_str_eq(name, "Relationship"))
		return tag_relationship(t, v);
	if (t->sec == SEC_DOCUMENT) {
		if (psirt_str_eq(name, "DocumentName")) {
			doc->name = dup(t, v);
			return doc->name ? PSIRT_OK : nomem(t);
		}
		if (psirt_str_eq(name, "DocumentNamespace")) {
			doc->serial = dup(t, v);
			return doc->serial ? PSIRT_OK : nomem(t);
		}
		if (psirt_str_eq(name, "Created")) {
			s = dup(t, v);
			if (!s)
				return nomem(t);
			if (!sbom__rfc3339_ok(s))
				return sbom__fail(
				    t->ctx, PSIRT_EINVAL, t->line,
				    "Created '%s' is not a date-time like 2010-01-29T18:30:22Z", s);
			doc->created = s;
			return PSIRT_OK;
		}
		if (psirt_str_eq(name, "Creator") && psirt_str_startswith(v, "Tool:")) {
			s = dup(t, v);
			if (s) {
				struct psirt_str n = sbom__spdx_agent_name(s);
				const char *tool = n.p ? dup(t, n) : "";
				if (!tool || (n.p && psirt_sbom_tool_add(doc, NULL, tool, NULL)))
					return nomem(t);
			}
			return s ? PSIRT_OK : nomem(t);
		}
		return PSIRT_OK;
	}
	if (t->sec != SEC_PACKAGE || !c)
		return PSIRT_OK;
	if (psirt_str_eq(name, "PackageDownloadLocation"))
		return sbom__spdx_vcs(doc, c, v) ? nomem(t) : PSIRT_OK;
	if (psirt_str_eq(name, "PackageVersion")) {
		c->version = dup(t, v);
		return c->version ? PSIRT_OK : nomem(t);
	}
	if (psirt_str_eq(name, "PackageSupplier")) {
		s = dup(t, v);
		if (s) {
			struct psirt_str n = sbom__spdx_agent_name(s);
			if (n.p)
				c->supplier = dup(t, n);
			if (n.p && !c->supplier)
				s = NULL;
		}
		return s ? PSIRT_OK : nomem(t);
	}
	if (psirt_str_eq(name, "PackageDescription") ||
	    (psirt_str_eq(name, "PackageSummary") && !c->description)) {
		c->description = dup(t, v);
		return c->description ? PSIRT_OK : nomem(t);
	}
	if (psirt_str_eq(name, "PrimaryPackagePurpose")) {
		s = dup(t, v);
		if (!s)
			return nomem(t);
		k = sbom__spdx_purpose_find(s);
		if (k < 0)
			return sbom__fail(t->ctx, PSIRT_EINVAL, t->line,
			                  "unknown PrimaryPackagePurpose '%s'", s);
		c->type = (enum psirt_sbom_type)k;
		return PSIRT_OK;
	}
	if (psirt_str_eq(name, "PackageChecksum"))
		return tag_checksum(t, v);
	if (psirt_str_eq(name, "PackageLicenseDeclared"))
		return tag_license(t, v, PSIRT_SBOM_ACK_DECLARED);
	if (psirt_str_eq(name, "PackageLicenseConcluded"))
		return tag_license(t, v, PSIRT_SBOM_ACK_CONCLUDED);
	if (psirt_str_eq(name, "ExternalRef"))
		return tag_external_ref(t, v);
	return PSIRT_OK;
}

static long count_lines(const char *p, size_t n)
{
	long lines = 0;
	const char *e = p + n;

	while (p < e) {
		p = memchr(p, '\n', (size_t)(e - p));
		if (!p)
			break;
		lines++;
		p++;
	}
	return lines;
}

static const char *find_text_end(const char *p, size_t n)
{
	const char *e = p + n;

	while ((size_t)(e - p) >= 7) {
		p = memchr(p, '<', (size_t)(e - p) - 6);
		if (!p)
			return NULL;
		if (!memcmp(p, "</text>", 7))
			return p;
		p++;
	}
	return NULL;
}

static enum psirt_err parse(struct sbom__ctx *ctx)
{
	struct tv t;
	const char *s = ctx->data, *end = ctx->data + ctx->len, *nl, *colon, *close;
	struct psirt_str line, name, value;
	long lineno = 0;
	enum psirt_err err = PSIRT_OK;

	memset(&t, 0, sizeof t);
	t.ctx = ctx;
	sbom__spdx_init(&t.sp);
	if (!sbom__utf8_ok(ctx->data, ctx->len)) {
		size_t good = sbom__utf8_prefix(ctx->data, ctx->len);
		err = sbom__fail(ctx, PSIRT_EINVAL, count_lines(ctx->data, good) + 1,
		                 "not UTF-8 text");
		goto out_release;
	}
	if (ctx->len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3;
	while (s < end && !err) {
		lineno++;
		nl = memchr(s, '\n', (size_t)(end - s));
		line = psirt_str_make(s, nl ? (size_t)(nl - s) : (size_t)(end - s));
		s = nl ? nl + 1 : end;
		line = trim(line);
		if (!line.len || line.p[0] == '#')
			continue;
		t.line = lineno;
		colon = memchr(line.p, ':', line.len);
		if (!colon) {
			err = sbom__fail(ctx, PSIRT_EINVAL, lineno,
			                 "expected 'Tag: value', got '%.*s'",
			                 (int)(line.len > 40 ? 40 : line.len), line.p);
			break;
		}
		name = trim(psirt_str_make(line.p, (size_t)(colon - line.p)));
		value = trim(psirt_str_make(colon + 1, line.len - (size_t)(colon + 1 - line.p)));
		if (psirt_str_startswith(value, "<text>")) {
			const char *start = value.p + 6;
			close = find_text_end(start, (size_t)(end - start));
			if (!close) {
				err =
				    sbom__fail(ctx, PSIRT_EINVAL, lineno, "<text> without </text>");
				break;
			}
			value = psirt_str_make(start, (size_t)(close - start));
			lineno += count_lines(start, (size_t)(close - start));
			/* what follows </text> on its line is not part of any tag */
			nl = memchr(close, '\n', (size_t)(end - close));
			s = nl ? nl + 1 : end;
		}
		err = tag(&t, name, value);
	}
	if (!err)
		err = end_package(&t);
	if (!err && !t.have_version)
		err =
		    sbom__fail(ctx, PSIRT_EINVAL, 0,
		               "SPDXVersion is missing (required, e.g. \"SPDXVersion: SPDX-2.3\")");
	if (!err)
		err = sbom__spdx_finish(ctx, &t.sp);
out_release:
	sbom__spdx_release(&t.sp);
	return err;
}

static int sniff(const struct sbom__sniff *s)
{
	return s->shape == SBOM__SHAPE_TEXT && s->tv_tags;
}

const struct sbom__format sbom__fmt_spdx_tv = {
    .format = PSIRT_SBOM_SPDX_TV,
    .name = "spdx-tag-value",
    .sniff = sniff,
    .parse = parse,
    .export = NULL,
};
