/* SPDX 2.2 / 2.3 JSON: read both, write 2.3.
 *
 * Read: spdxVersion, SPDXID, name, documentNamespace, creationInfo (created,
 * "Tool: " creators), documentDescribes, packages (SPDXID, name,
 * versionInfo, supplier, description or summary, primaryPackagePurpose,
 * downloadLocation (a git one with a commit: the commit and repository),
 * checksums, licenseDeclared, licenseConcluded, externalRefs PACKAGE-MANAGER
 * purl and SECURITY cpe23Type / cpe22Type), the ids of files and snippets,
 * relationships. Files are not components: psirt matches packages.
 */
#include <stdint.h>
#include <string.h>

#include "psirt/sbom.h"
#include "sbom/internal.h"
#include "sbom/jsonr.h"

static const char *const spdx_versions[] = {"SPDX-2.2", "SPDX-2.3"};

/* A required string member. */
static enum psirt_err need_str(struct sbom__ctx *ctx, const struct sbom__jtok *obj, const char *key,
                               const char *what, const struct sbom__jtok **out)
{
	enum psirt_err err = sbom__json_str(ctx, obj, key, out);

	if (!err && !*out)
		err = sbom__json_fail_member(ctx, key, PSIRT_EINVAL, what, NULL);
	return err;
}

static enum psirt_err set_license(struct sbom__ctx *ctx, struct psirt_sbom_component *c,
                                  const struct sbom__jtok *pkg, const char *key,
                                  enum psirt_sbom_license_ack ack)
{
	const struct sbom__jtok *v;
	enum psirt_err err = sbom__json_str(ctx, pkg, key, &v);
	const char *s;

	if (err || !v)
		return err;
	s = sbom__jstr(v);
	/* SPDX 2.3 §7.13: NONE and NOASSERTION say nothing about the license */
	if (!*s || !strcmp(s, "NOASSERTION") || !strcmp(s, "NONE"))
		return PSIRT_OK;
	if (psirt_sbom_license_add(ctx->doc, c, PSIRT_SBOM_LICENSE_EXPRESSION, ack, s,
	                           sbom__jlen(v)))
		return sbom__nomem(ctx);
	return PSIRT_OK;
}

static enum psirt_err checksums(struct sbom__ctx *ctx, const struct sbom__jtok *arr,
                                struct psirt_sbom_component *c)
{
	const struct sbom__jtok *e, *alg, *val;
	enum psirt_err err = PSIRT_OK;
	size_t i, old;
	int a;

	sbom__json_foreach(arr, i, e)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		if (!sbom__jis_obj(e))
			err =
			    sbom__fail(ctx, PSIRT_EINVAL, 0, "a checksum must be an object, not %s",
			               sbom__json_kind(e));
		if (!err)
			err = need_str(ctx, e, "algorithm", "required for every checksum", &alg);
		if (!err)
			err =
			    need_str(ctx, e, "checksumValue", "required for every checksum", &val);
		if (!err) {
			a = sbom__hash_find_spdx(sbom__jstr(alg));
			if (a < 0)
				err =
				    sbom__fail(ctx, PSIRT_EINVAL, 0,
				               "unknown checksum algorithm '%s'", sbom__jstr(alg));
			else if (!sbom__hash_value_ok(sbom__jstr(val), 0))
				err = sbom__fail(ctx, PSIRT_EINVAL, 0,
				                 "%s checksum '%s' is not hex digits",
				                 sbom__jstr(alg), sbom__jstr(val));
			else if (psirt_sbom_hash_add(ctx->doc, c, (enum psirt_sbom_hash_alg)a,
			                             sbom__jstr(val), sbom__jlen(val)))
				err = sbom__nomem(ctx);
		}
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

/* externalRefs (SPDX 2.3 §7.21 and annex F): the purl and the CPEs. */
static enum psirt_err external_refs(struct sbom__ctx *ctx, const struct sbom__jtok *arr,
                                    struct psirt_sbom_component *c)
{
	const struct sbom__jtok *e, *cat, *type, *loc;
	enum psirt_err err = PSIRT_OK;
	size_t i, old;
	const char *ca, *ty;

	sbom__json_foreach(arr, i, e)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		if (!sbom__jis_obj(e))
			err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                 "an externalRef must be an object, not %s",
			                 sbom__json_kind(e));
		if (!err)
			err = need_str(ctx, e, "referenceCategory",
			               "required for every externalRef", &cat);
		if (!err)
			err = need_str(ctx, e, "referenceType", "required for every externalRef",
			               &type);
		if (!err)
			err = need_str(ctx, e, "referenceLocator", "required for every externalRef",
			               &loc);
		if (err)
			goto out_pop;
		ca = sbom__jstr(cat);
		ty = sbom__jstr(type);
		/* 2.3 writes PACKAGE-MANAGER, 2.2 PACKAGE_MANAGER */
		if ((!strcmp(ca, "PACKAGE-MANAGER") || !strcmp(ca, "PACKAGE_MANAGER")) &&
		    !strcmp(ty, "purl")) {
			if (!c->purl) {
				if (psirt_sbom_set_purl(ctx->doc, c, sbom__jstr(loc),
				                        sbom__jlen(loc)))
					err = sbom__nomem(ctx);
			} else if (psirt_sbom_warn(
			               ctx->doc, PSIRT_SBOM_W_EXTRA_PURL, c, ctx->path.p, 0,
			               "package '%s' has a second purl '%s': only the first "
			               "is kept",
			               c->name, sbom__jstr(loc))) {
				err = sbom__nomem(ctx);
			}
		} else if (!strcmp(ca, "SECURITY") &&
		           (!strcmp(ty, "cpe23Type") || !strcmp(ty, "cpe22Type"))) {
			if (psirt_sbom_cpe_add(ctx->doc, c, sbom__jstr(loc), sbom__jlen(loc)))
				err = sbom__nomem(ctx);
		}
	out_pop:
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err package(struct sbom__ctx *ctx, struct sbom__spdx *sp,
                              const struct sbom__jtok *j)
{
	struct psirt_sbom_doc *doc = ctx->doc;
	struct psirt_sbom_component *c;
	const struct sbom__jtok *v;
	enum psirt_err err;
	size_t old;
	int t;

	if (!sbom__jis_obj(j))
		return sbom__fail(ctx, PSIRT_EINVAL, 0, "a package must be an object, not %s",
		                  sbom__json_kind(j));
	err = sbom__spdx_pkg_new(ctx, sp, 0, &c);
	if (!err)
		err = need_str(ctx, j, "SPDXID", "required for every package", &v);
	if (err)
		return err;
	if (!sbom__jlen(v))
		return sbom__json_fail_member(ctx, "SPDXID", PSIRT_EINVAL, "a non-empty id", v);
	c->ref = psirt_sbom_strdup(doc, sbom__jstr(v), sbom__jlen(v));
	if (!c->ref)
		return sbom__nomem(ctx);
	err = need_str(ctx, j, "name", "required for every package", &v);
	if (!err)
		err = sbom__json_copy(ctx, j, "name", &c->name);
	if (!err)
		err = sbom__json_copy(ctx, j, "versionInfo", &c->version);
	if (!err)
		err = sbom__json_str(ctx, j, "downloadLocation", &v);
	if (!err && v &&
	    sbom__spdx_vcs(doc, c, psirt_str_make(sbom__jstr(v), sbom__jlen(v))))
		err = sbom__nomem(ctx);
	if (!err)
		err = sbom__json_copy(ctx, j, "description", &c->description);
	if (!err && !c->description)
		err = sbom__json_copy(ctx, j, "summary", &c->description);
	if (!err)
		err = sbom__json_str(ctx, j, "supplier", &v);
	if (err)
		return err;
	if (v) {
		struct psirt_str name = sbom__spdx_agent_name(sbom__jstr(v));
		if (name.p) {
			c->supplier = psirt_sbom_strdup(doc, name.p, name.len);
			if (!c->supplier)
				return sbom__nomem(ctx);
		}
	}
	err = sbom__json_str(ctx, j, "primaryPackagePurpose", &v);
	if (err)
		return err;
	if (v) {
		t = sbom__spdx_purpose_find(sbom__jstr(v));
		if (t < 0) {
			err = sbom__fail_in(ctx, "primaryPackagePurpose", PSIRT_EINVAL,
			                    "unknown primaryPackagePurpose '%s'", sbom__jstr(v));
			return err;
		}
		c->type = (enum psirt_sbom_type)t;
	}
	err = sbom__json_arr(ctx, j, "checksums", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "checksums");
		err = checksums(ctx, v, c);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = set_license(ctx, c, j, "licenseDeclared", PSIRT_SBOM_ACK_DECLARED);
	if (!err)
		err = set_license(ctx, c, j, "licenseConcluded", PSIRT_SBOM_ACK_CONCLUDED);
	if (!err)
		err = sbom__json_arr(ctx, j, "externalRefs", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "externalRefs");
		err = external_refs(ctx, v, c);
		sbom__path_pop(ctx, old);
	}
	return err;
}

/* Files and snippets only lend their ids (relationships name them). */
static enum psirt_err other_ids(struct sbom__ctx *ctx, struct sbom__spdx *sp,
                                const struct sbom__jtok *arr)
{
	const struct sbom__jtok *e, *id;
	size_t i;

	sbom__json_foreach(arr, i, e)
	{
		id = sbom__json_get(e, "SPDXID");
		if (sbom__jis_str(id) && sbom__spdx_other_add(ctx, sp, sbom__jstr(id)))
			return PSIRT_ENOMEM;
	}
	return PSIRT_OK;
}

static enum psirt_err relationships(struct sbom__ctx *ctx, struct sbom__spdx *sp,
                                    const struct sbom__jtok *arr)
{
	const struct sbom__jtok *e, *from, *type, *to;
	enum psirt_err err = PSIRT_OK;
	enum sbom__rel rel;
	size_t i, old;
	int rev;

	sbom__json_foreach(arr, i, e)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		if (!sbom__jis_obj(e))
			err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                 "a relationship must be an object, not %s",
			                 sbom__json_kind(e));
		if (!err)
			err = need_str(ctx, e, "spdxElementId", "required for every relationship",
			               &from);
		if (!err)
			err = need_str(ctx, e, "relationshipType",
			               "required for every relationship", &type);
		if (!err)
			err = need_str(ctx, e, "relatedSpdxElement",
			               "required for every relationship", &to);
		if (!err) {
			rel = sbom__spdx_rel_find(sbom__jstr(type), &rev);
			if (rel != SBOM__REL_OTHER)
				err = sbom__spdx_rel_add(ctx, sp, sbom__jstr(rev ? to : from),
				                         sbom__jstr(rev ? from : to), rel, 0);
		}
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err creation_info(struct sbom__ctx *ctx, const struct sbom__jtok *ci)
{
	struct psirt_sbom_doc *doc = ctx->doc;
	const struct sbom__jtok *v, *e;
	enum psirt_err err;
	size_t i, old;

	err = sbom__json_str(ctx, ci, "created", &v);
	if (err)
		return err;
	if (v) {
		if (!sbom__rfc3339_ok(sbom__jstr(v))) {
			old = sbom__path_push(ctx, "created");
			err =
			    sbom__fail(ctx, PSIRT_EINVAL, 0,
			               "created '%s' is not a date-time like 2010-01-29T18:30:22Z",
			               sbom__jstr(v));
			sbom__path_pop(ctx, old);
			return err;
		}
		doc->created = psirt_sbom_strdup(doc, sbom__jstr(v), sbom__jlen(v));
		if (!doc->created)
			return sbom__nomem(ctx);
	}
	err = sbom__json_arr(ctx, ci, "creators", &v);
	if (err || !v)
		return err;
	sbom__json_foreach(v, i, e)
	{
		const char *s = sbom__jstr(e);
		/* "Tool: name-version" (SPDX 2.3 §6.8); the version cannot be told
		 * from the name reliably, so the whole is the tool's name */
		if (s && !strncmp(s, "Tool:", 5)) {
			struct psirt_str name = sbom__spdx_agent_name(s);
			const char *n = name.p ? psirt_sbom_strdup(doc, name.p, name.len) : NULL;
			if (n && psirt_sbom_tool_add(doc, NULL, n, NULL))
				return sbom__nomem(ctx);
		}
	}
	return PSIRT_OK;
}

static enum psirt_err parse(struct sbom__ctx *ctx)
{
	struct psirt_sbom_doc *doc = ctx->doc;
	struct sbom__spdx sp;
	struct sbom__json js;
	const struct sbom__jtok *root;
	const struct sbom__jtok *v, *e;
	enum psirt_err err;
	size_t i, old;

	err = sbom__json_load(ctx, &js);
	if (err) {
		sbom__json_release(&js);
		return err;
	}
	root = js.tok;
	sbom__spdx_init(&sp);
	if (!sbom__jis_obj(root)) {
		err = sbom__fail(ctx, PSIRT_EINVAL, 0, "an SPDX document is a JSON object, not %s",
		                 sbom__json_kind(root));
		goto out_release;
	}
	err = need_str(ctx, root, "spdxVersion", "required, e.g. \"SPDX-2.3\"", &v);
	if (err)
		goto out_release;
	for (i = 0; i < sizeof spdx_versions / sizeof spdx_versions[0]; i++)
		if (!strcmp(sbom__jstr(v), spdx_versions[i]))
			break;
	if (i == sizeof spdx_versions / sizeof spdx_versions[0]) {
		err = sbom__fail_in(ctx, "spdxVersion", PSIRT_EUNSUPPORTED,
		                    "spdxVersion '%s' is not supported (SPDX-2.2 or SPDX-2.3)",
		                    sbom__jstr(v));
		goto out_release;
	}
	doc->spec_version = spdx_versions[i] + 5;
	err = sbom__json_copy(ctx, root, "SPDXID", &sp.doc_id);
	if (!err)
		err = sbom__json_copy(ctx, root, "name", &doc->name);
	if (!err)
		err = sbom__json_copy(ctx, root, "documentNamespace", &doc->serial);
	if (!err)
		err = sbom__json_obj(ctx, root, "creationInfo", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "creationInfo");
		err = creation_info(ctx, v);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = sbom__json_arr(ctx, root, "documentDescribes", &v);
	if (!err && v) {
		sbom__json_foreach(v, i, e)
		{
			if (sbom__jis_str(e) && sbom__spdx_describes_add(ctx, &sp, sbom__jstr(e))) {
				err = PSIRT_ENOMEM;
				break;
			}
		}
	}
	if (!err)
		err = sbom__json_arr(ctx, root, "packages", &v);
	if (!err && v) {
		sbom__json_foreach(v, i, e)
		{
			old = sbom__path_pushi(ctx, "packages", i);
			err = package(ctx, &sp, e);
			sbom__path_pop(ctx, old);
			if (err)
				break;
		}
	}
	if (!err)
		err = sbom__json_arr(ctx, root, "files", &v);
	if (!err && v)
		err = other_ids(ctx, &sp, v);
	if (!err)
		err = sbom__json_arr(ctx, root, "snippets", &v);
	if (!err && v)
		err = other_ids(ctx, &sp, v);
	if (!err)
		err = sbom__json_arr(ctx, root, "relationships", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "relationships");
		err = relationships(ctx, &sp, v);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = sbom__spdx_finish(ctx, &sp);
out_release:
	sbom__spdx_release(&sp);
	sbom__json_release(&js);
	return err;
}

/* Export: SPDX 2.3 JSON ----------------------------------------------------*/

/* SPDX 2.3 §3.2: "SPDXRef-" followed by letters, digits, '.' and '-'. */
static int spdx_ref_ok(const char *ref)
{
	size_t i;

	if (strncmp(ref, "SPDXRef-", 8) != 0 || !ref[8])
		return 0;
	for (i = 8; ref[i]; i++)
		if (!psirt_isalnum((unsigned char)ref[i]) && ref[i] != '.' && ref[i] != '-')
			return 0;
	return 1;
}

static void spdx_make_ref(struct psirt_buf *b, size_t n, unsigned attempt)
{
	psirt_buf_addf(b, "SPDXRef-Package-%zu", n);
	if (attempt)
		psirt_buf_addf(b, "-%u", attempt);
}

/* licenseDeclared: the declared (or unqualified) expression, else the ids
 * joined with AND; free-text names cannot be written without
 * hasExtractedLicensingInfos, so a component with one says NOASSERTION. */
static void write_license_declared(struct sbom__jw *w, const struct psirt_sbom_component *c,
                                   struct psirt_buf *tmp)
{
	size_t i, ids = 0;
	int names = 0;

	for (i = 0; i < c->n_licenses; i++) {
		const struct psirt_sbom_license *l = &c->licenses[i];
		if (l->kind == PSIRT_SBOM_LICENSE_EXPRESSION &&
		    l->ack != PSIRT_SBOM_ACK_CONCLUDED) {
			sbom__jw_kv(w, "licenseDeclared", l->value);
			return;
		}
		if (l->kind == PSIRT_SBOM_LICENSE_NAME && l->ack != PSIRT_SBOM_ACK_CONCLUDED)
			names = 1;
	}
	psirt_buf_reset(tmp);
	for (i = 0; i < c->n_licenses && !names; i++) {
		const struct psirt_sbom_license *l = &c->licenses[i];
		if (l->kind != PSIRT_SBOM_LICENSE_ID || l->ack == PSIRT_SBOM_ACK_CONCLUDED)
			continue;
		if (ids++)
			psirt_buf_adds(tmp, " AND ");
		psirt_buf_adds(tmp, l->value);
	}
	sbom__jw_kv(w, "licenseDeclared", ids && !names ? tmp->p : "NOASSERTION");
}

static void write_package(struct sbom__jw *w, const struct psirt_sbom_component *c, const char *ref,
                          struct psirt_buf *tmp)
{
	const char *concluded = "NOASSERTION";
	size_t i, n;

	sbom__jw_obj(w);
	sbom__jw_kv(w, "SPDXID", ref);
	sbom__jw_kv(w, "name", c->name ? c->name : "");
	sbom__jw_kv(w, "versionInfo", c->version);
	if (c->supplier) {
		psirt_buf_reset(tmp);
		psirt_buf_addf(tmp, "Organization: %s", c->supplier);
		sbom__jw_kv(w, "supplier", tmp->p);
	}
	sbom__jw_kv(w, "downloadLocation", "NOASSERTION");
	sbom__jw_key(w, "filesAnalyzed");
	sbom__jw_bool(w, 0);
	sbom__jw_kv(w, "primaryPackagePurpose", sbom__spdx_purpose_name(c->type));
	for (i = 0, n = 0; i < c->n_hashes; i++) {
		const char *alg = sbom__hash_spdx_name(c->hashes[i].alg);
		if (!alg || !sbom__hash_value_ok(c->hashes[i].value, 0))
			continue;
		if (!n++) {
			sbom__jw_key(w, "checksums");
			sbom__jw_arr(w);
		}
		sbom__jw_obj(w);
		sbom__jw_kv(w, "algorithm", alg);
		sbom__jw_kv(w, "checksumValue", c->hashes[i].value);
		sbom__jw_end_obj(w);
	}
	if (n)
		sbom__jw_end_arr(w);
	for (i = 0; i < c->n_licenses; i++)
		if (c->licenses[i].kind == PSIRT_SBOM_LICENSE_EXPRESSION &&
		    c->licenses[i].ack == PSIRT_SBOM_ACK_CONCLUDED) {
			concluded = c->licenses[i].value;
			break;
		}
	sbom__jw_kv(w, "licenseConcluded", concluded);
	write_license_declared(w, c, tmp);
	sbom__jw_kv(w, "copyrightText", "NOASSERTION");
	sbom__jw_kv(w, "description", c->description);
	n = 0;
	if (c->purl || c->n_cpes) {
		sbom__jw_key(w, "externalRefs");
		sbom__jw_arr(w);
		for (i = 0; i < c->n_cpes; i++) {
			const char *v = c->cpes[i].value;
			const char *type = !strncmp(v, "cpe:2.3:", 8) ? "cpe23Type"
			                   : !strncmp(v, "cpe:/", 5)  ? "cpe22Type"
			                                              : NULL;
			if (!type)
				continue; /* not a CPE at all: SPDX has no place for it */
			sbom__jw_obj(w);
			sbom__jw_kv(w, "referenceCategory", "SECURITY");
			sbom__jw_kv(w, "referenceType", type);
			sbom__jw_kv(w, "referenceLocator", v);
			sbom__jw_end_obj(w);
		}
		if (c->purl) {
			sbom__jw_obj(w);
			sbom__jw_kv(w, "referenceCategory", "PACKAGE-MANAGER");
			sbom__jw_kv(w, "referenceType", "purl");
			sbom__jw_kv(w, "referenceLocator", c->purl);
			sbom__jw_end_obj(w);
		}
		sbom__jw_end_arr(w);
	}
	sbom__jw_end_obj(w);
}

static void write_tree(struct sbom__jw *w, const struct sbom__out *o,
                       const struct psirt_sbom_component *c, struct psirt_buf *tmp, size_t depth)
{
	size_t i;

	write_package(w, c, o->refs[c->index], tmp);
	if (depth >= PSIRT_SBOM_MAX_DEPTH)
		return;
	for (i = 0; i < o->kid_n[c->index]; i++)
		write_tree(w, o, o->kids[o->kid_first[c->index] + i], tmp, depth + 1);
}

static void rel(struct sbom__jw *w, const char *from, const char *type, const char *to)
{
	sbom__jw_obj(w);
	sbom__jw_kv(w, "spdxElementId", from);
	sbom__jw_kv(w, "relationshipType", type);
	sbom__jw_kv(w, "relatedSpdxElement", to);
	sbom__jw_end_obj(w);
}

static void write_contains(struct sbom__jw *w, const struct sbom__out *o,
                           const struct psirt_sbom_component *c, size_t depth)
{
	size_t i;

	if (depth >= PSIRT_SBOM_MAX_DEPTH)
		return;
	for (i = 0; i < o->kid_n[c->index]; i++) {
		const struct psirt_sbom_component *k = o->kids[o->kid_first[c->index] + i];
		rel(w, o->refs[c->index], "CONTAINS", o->refs[k->index]);
		write_contains(w, o, k, depth + 1);
	}
}

/* A namespace for a document that has none: a urn:uuid from a 128-bit hash
 * of what the document lists (version 8, RFC 9562 §5.8: "custom"), so the
 * same content always gets the same namespace. */
static void derived_namespace(const struct sbom__out *o, const struct psirt_sbom_doc *doc,
                              struct psirt_buf *b)
{
	uint64_t h1 = 0x9e3779b97f4a7c15u, h2 = 0xc2b2ae3d27d4eb4fu;
	size_t i;

	for (i = 0; i <= o->n_top; i++) {
		const struct psirt_sbom_component *c = i < o->n_top ? o->top[i] : doc->root;
		const char *parts[4];
		size_t k;
		if (!c)
			continue;
		parts[0] = c->name;
		parts[1] = c->version;
		parts[2] = c->purl;
		parts[3] = c->group;
		for (k = 0; k < 4; k++) {
			uint64_t v = parts[k] ? psirt_hash(parts[k], strlen(parts[k])) : 0;
			h1 = (h1 ^ v) * 0x100000001b3u + (h1 >> 29);
			h2 = (h2 + v) * 0xff51afd7ed558ccdu ^ (h2 >> 31);
		}
	}
	h1 = (h1 & ~(uint64_t)0xf000) | 0x8000;                /* version 8 */
	h2 = (h2 & 0x3fffffffffffffffu) | 0x8000000000000000u; /* variant 10 */
	psirt_buf_addf(b, "urn:uuid:%08x-%04x-%04x-%04x-%012llx", (unsigned)(h1 >> 32),
	               (unsigned)((h1 >> 16) & 0xffff), (unsigned)(h1 & 0xffff),
	               (unsigned)(h2 >> 48), (unsigned long long)(h2 & 0xffffffffffffu));
}

static int namespace_ok(const char *s)
{
	/* SPDX 2.3 §6.5: an absolute URI without a '#' part */
	size_t i;

	if (!s || !strchr(s, ':') || strchr(s, '#'))
		return 0;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

static int same_tool(const struct psirt_sbom_tool *a, const struct psirt_sbom_tool *b)
{
	return !strcmp(a->name, b->name) &&
	       !strcmp(a->version ? a->version : "", b->version ? b->version : "");
}

static enum psirt_err export(const struct psirt_sbom_doc *doc, struct psirt_buf *out,
                             struct psirt_diag *diag) {
	struct sbom__out o; struct sbom__jw w; struct sbom__out_edge * edges;
	struct psirt_buf tmp = PSIRT_BUF_INIT; size_t n_edges, i, k; enum psirt_err err;

	if (!doc->created) return psirt_diag_set(
	    diag, PSIRT_EINVAL,
	    "an SPDX document needs a creation time: set the document's "
	    "created field");
	if (sbom__rfc3339_utc(doc->created, &tmp)) return psirt_diag_set(
	    diag, PSIRT_EINVAL, "created '%s' is not an RFC 3339 date-time", doc->created);
	err = sbom__out_build(&o, doc, spdx_ref_ok, spdx_make_ref, 0);
	if (!err) err = sbom__out_edges(&o, doc, &edges, &n_edges);
	if (err){psirt_buf_release(&tmp);
	         return psirt_diag_set(diag, err, "out of memory preparing the export");}
sbom__jw_init(&w, out);
sbom__jw_obj(&w);
sbom__jw_kv(&w, "spdxVersion", "SPDX-2.3");
sbom__jw_kv(&w, "dataLicense", "CC0-1.0");
sbom__jw_kv(&w, "SPDXID", "SPDXRef-DOCUMENT");
if (doc->name) {
	sbom__jw_kv(&w, "name", doc->name);
} else {
	struct psirt_buf name = PSIRT_BUF_INIT;
	if (doc->root)
		psirt_buf_addf(&name, "%s%s%s", doc->root->name, doc->root->version ? " " : "",
		               doc->root->version ? doc->root->version : "");
	else
		psirt_buf_adds(&name, "SBOM");
	sbom__jw_kv(&w, "name", name.p);
	psirt_buf_release(&name);
}
sbom__jw_key(&w, "documentNamespace");
if (namespace_ok(doc->serial)) {
	sbom__jw_str(&w, doc->serial);
} else {
	struct psirt_buf ns = PSIRT_BUF_INIT;
	derived_namespace(&o, doc, &ns);
	sbom__jw_str(&w, ns.p);
	psirt_buf_release(&ns);
}
sbom__jw_key(&w, "creationInfo");
sbom__jw_obj(&w);
sbom__jw_kv(&w, "created", tmp.p);
sbom__jw_key(&w, "creators");
sbom__jw_arr(&w);
for (i = 0; i < doc->n_tools; i++) {
	for (k = 0; k < i; k++)
		if (same_tool(&doc->tools[i], &doc->tools[k]))
			break;
	if (k < i)
		continue;
	psirt_buf_reset(&tmp);
	psirt_buf_addf(&tmp, "Tool: %s%s%s", doc->tools[i].name, doc->tools[i].version ? "-" : "",
	               doc->tools[i].version ? doc->tools[i].version : "");
	sbom__jw_str(&w, tmp.p);
}
if (!doc->n_tools) /* SPDX 2.3 §6.8: at least one creator */
	sbom__jw_str(&w, "Tool: psirt");
sbom__jw_end_arr(&w);
sbom__jw_end_obj(&w);

sbom__jw_key(&w, "packages");
sbom__jw_arr(&w);
if (doc->root)
	write_package(&w, doc->root, o.root_ref, &tmp);
for (i = 0; i < o.n_top; i++)
	write_tree(&w, &o, o.top[i], &tmp, 1);
sbom__jw_end_arr(&w);

sbom__jw_key(&w, "relationships");
sbom__jw_arr(&w);
if (doc->root)
	rel(&w, "SPDXRef-DOCUMENT", "DESCRIBES", o.root_ref);
for (i = 0; i < o.n_top; i++) {
	if (doc->root)
		rel(&w, o.root_ref, "CONTAINS", o.refs[o.top[i]->index]);
	else
		rel(&w, "SPDXRef-DOCUMENT", "DESCRIBES", o.refs[o.top[i]->index]);
}
for (i = 0; i < o.n_top; i++)
	write_contains(&w, &o, o.top[i], 1);
for (i = 0; i < n_edges; i++)
	rel(&w, edges[i].from, "DEPENDS_ON", edges[i].to);
sbom__jw_end_arr(&w);
sbom__jw_end_obj(&w);

if (w.overflow)
	err = psirt_diag_set(diag, PSIRT_ETOOBIG, "the document nests too deeply to write");
else if (psirt_buf_error(out) || psirt_buf_error(&tmp))
	err = psirt_diag_set(diag, psirt_buf_error(out) ? psirt_buf_error(out) : PSIRT_ENOMEM,
	                     "cannot write the SPDX document");
psirt_buf_release(&tmp);
sbom__out_release(&o);
return err;
}

static int sniff(const struct sbom__sniff *s)
{
	return s->shape == SBOM__SHAPE_JSON &&
	       (s->json_keys & (SBOM__K_SPDXVERSION | SBOM__K_SPDXID)) &&
	       !(s->json_keys & SBOM__K_GRAPH);
}

const struct sbom__format sbom__fmt_spdx_json = {
    .format = PSIRT_SBOM_SPDX_JSON,
    .name = "spdx-json",
    .sniff = sniff,
    .parse = parse,
    .export = export,
};
