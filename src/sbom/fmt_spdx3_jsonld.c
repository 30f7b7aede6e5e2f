/* SPDX 3.0 JSON-LD, in the compact form of the spec's own context
 * (https://spdx.org/rdf/3.0.x/spdx-context.jsonld): a "@graph" of elements.
 *
 * Read: CreationInfo (specVersion, created, createdUsing tools),
 * SpdxDocument (spdxId, name, rootElement), software_Sbom (rootElement),
 * software_Package (spdxId, name, software_packageVersion,
 * software_packageUrl, externalIdentifier cpe22 / cpe23 / packageUrl,
 * verifiedUsing hashes, description or summary, software_primaryPurpose,
 * suppliedBy), agents (names for suppliers), Relationship and
 * LifecycleScopedRelationship (describes, contains, dependsOn,
 * hasStaticLink, hasDynamicLink, hasDeclaredLicense, hasConcludedLicense
 * to simplelicensing_LicenseExpression elements). Other elements only lend
 * their ids. Elements written inline instead of by reference are not
 * followed (none of the spec's examples does that for packages).
 */
#include <string.h>

#include "psirt/sbom.h"
#include "sbom/internal.h"
#include "sbom/jsonr.h"

struct s3 {
	struct sbom__ctx *ctx;
	struct sbom__spdx sp;
	struct psirt_map elems; /* id → element (struct sbom__jtok *) */
	struct psirt_map pkgs;  /* id → component */
	const struct sbom__jtok *graph;
	const struct sbom__jtok *document; /* the SpdxDocument */
};

static const char *elem_id(const struct sbom__jtok *e)
{
	const char *id = sbom__jstr(sbom__json_get(e, "spdxId"));

	return id ? id : sbom__jstr(sbom__json_get(e, "@id"));
}

static const struct sbom__jtok *elem(const struct s3 *s, const char *id)
{
	return id ? psirt_map_get(&s->elems, id, strlen(id)) : NULL;
}

static const char *elem_type(const struct sbom__jtok *e)
{
	return sbom__jstr(sbom__json_get(e, "type"));
}

/* A reference that may be written as an id string or an inline object. */
static const struct sbom__jtok *deref(const struct s3 *s, const struct sbom__jtok *v)
{
	if (sbom__jis_str(v))
		return elem(s, sbom__jstr(v));
	return sbom__jis_obj(v) ? v : NULL;
}

static int context_is_spdx3(const struct sbom__jtok *c)
{
	const struct sbom__jtok *e;
	size_t i;

	if (sbom__jis_str(c))
		return strstr(sbom__jstr(c), "spdx.org/rdf/3") != NULL;
	if (sbom__jis_arr(c))
		sbom__json_foreach(c, i, e) if (context_is_spdx3(e)) return 1;
	return 0;
}

/* Pass 1: every element with an id, the document, type checks. */
static enum psirt_err index_graph(struct s3 *s)
{
	struct sbom__ctx *ctx = s->ctx;
	const struct sbom__jtok *e;
	enum psirt_err err = PSIRT_OK;
	size_t i, old;
	const char *id, *type;

	sbom__json_foreach(s->graph, i, e)
	{
		old = sbom__path_pushi(ctx, "@graph", i);
		if (!sbom__jis_obj(e)) {
			err =
			    sbom__fail(ctx, PSIRT_EINVAL, 0, "an element must be an object, not %s",
			               sbom__json_kind(e));
		} else if (!sbom__jis_str(sbom__json_get(e, "type"))) {
			err = sbom__json_fail_member(
			    ctx, "type", PSIRT_EINVAL,
			    sbom__json_get(e, "type") ? "a string" : "required for every element",
			    sbom__json_get(e, "type"));
		} else {
			id = elem_id(e);
			type = elem_type(e);
			if (id && psirt_map_put(&s->elems, id, strlen(id), (void *)e, NULL))
				err = sbom__nomem(ctx);
			else if (id && strcmp(type, "software_Package") != 0 &&
			         sbom__spdx_other_add(ctx, &s->sp, id))
				err = PSIRT_ENOMEM;
			else if (!strcmp(type, "SpdxDocument") && !s->document)
				s->document = e;
		}
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

/* The document's CreationInfo, else the first one with a specVersion. */
static const struct sbom__jtok *creation_info(const struct s3 *s)
{
	const struct sbom__jtok *ci = s->document
	                                  ? deref(s, sbom__json_get(s->document, "creationInfo"))
	                                  : NULL,
	                        *e;
	size_t i;

	if (ci && sbom__jis_str(sbom__json_get(ci, "specVersion")))
		return ci;
	sbom__json_foreach(s->graph, i,
	                   e) if (elem_type(e) && !strcmp(elem_type(e), "CreationInfo") &&
	                          sbom__jis_str(sbom__json_get(e, "specVersion"))) return e;
	return NULL;
}

static enum psirt_err metadata(struct s3 *s)
{
	struct sbom__ctx *ctx = s->ctx;
	struct psirt_sbom_doc *doc = ctx->doc;
	const struct sbom__jtok *ci = creation_info(s), *v, *t;
	const char *ver, *created;
	size_t i;

	if (!ci)
		return sbom__fail(ctx, PSIRT_EINVAL, 0,
		                  "specVersion is missing: no CreationInfo in @graph gives one");
	ver = sbom__jstr(sbom__json_get(ci, "specVersion"));
	if (strncmp(ver, "3.", 2) != 0)
		return sbom__fail(ctx, PSIRT_EUNSUPPORTED, 0,
		                  "SPDX specVersion '%s' is not supported as JSON-LD (3.0)", ver);
	doc->spec_version = psirt_sbom_strdup(doc, ver, strlen(ver));
	created = sbom__jstr(sbom__json_get(ci, "created"));
	if (created) {
		if (!sbom__rfc3339_ok(created))
			return sbom__fail(ctx, PSIRT_EINVAL, 0,
			                  "CreationInfo created '%s' is not an RFC 3339 date-time",
			                  created);
		doc->created = psirt_sbom_strdup(doc, created, strlen(created));
	}
	v = sbom__json_get(ci, "createdUsing");
	sbom__json_foreach(v, i, t)
	{
		const struct sbom__jtok *tool = deref(s, t);
		const char *name = sbom__jstr(sbom__json_get(tool, "name"));
		if (name && psirt_sbom_tool_add(doc, NULL, name, NULL))
			return sbom__nomem(ctx);
	}
	if (s->document) {
		const char *id = elem_id(s->document);
		const char *name = sbom__jstr(sbom__json_get(s->document, "name"));
		if (id)
			doc->serial = psirt_sbom_strdup(doc, id, strlen(id));
		if (name)
			doc->name = psirt_sbom_strdup(doc, name, strlen(name));
	}
	if (!doc->spec_version || (created && !doc->created))
		return sbom__nomem(ctx);
	return PSIRT_OK;
}

static enum psirt_err identifiers(struct s3 *s, const struct sbom__jtok *arr,
                                  struct psirt_sbom_component *c)
{
	struct sbom__ctx *ctx = s->ctx;
	const struct sbom__jtok *e;
	size_t i;

	sbom__json_foreach(arr, i, e)
	{
		const char *type = sbom__jstr(sbom__json_get(e, "externalIdentifierType"));
		const struct sbom__jtok *idv = sbom__json_get(e, "identifier");
		const char *id = sbom__jstr(idv);

		if (!type || !id)
			continue;
		if (!strcmp(type, "cpe23") || !strcmp(type, "cpe22")) {
			if (psirt_sbom_cpe_add(ctx->doc, c, id, sbom__jlen(idv)))
				return sbom__nomem(ctx);
		} else if (!strcmp(type, "packageUrl")) {
			if (!c->purl) {
				if (psirt_sbom_set_purl(ctx->doc, c, id, sbom__jlen(idv)))
					return sbom__nomem(ctx);
			} else if (strcmp(c->purl, id) != 0 &&
			           psirt_sbom_warn(
			               ctx->doc, PSIRT_SBOM_W_EXTRA_PURL, c, ctx->path.p, 0,
			               "package '%s' has a second purl '%s': only the first "
			               "is kept",
			               c->name, id)) {
				return sbom__nomem(ctx);
			}
		}
	}
	return PSIRT_OK;
}

static enum psirt_err hashes(struct s3 *s, const struct sbom__jtok *arr,
                             struct psirt_sbom_component *c)
{
	struct sbom__ctx *ctx = s->ctx;
	const struct sbom__jtok *e;
	size_t i;
	int a;

	sbom__json_foreach(arr, i, e)
	{
		const char *type = elem_type(e);
		const char *alg = sbom__jstr(sbom__json_get(e, "algorithm"));
		const struct sbom__jtok *hv = sbom__json_get(e, "hashValue");
		const char *val = sbom__jstr(hv);

		/* PackageVerificationCode and algorithms psirt has no name for
		 * ("other", post-quantum signatures) are skipped */
		if (!type || strcmp(type, "Hash") != 0 || !alg || !val)
			continue;
		a = sbom__hash_find_spdx3(alg);
		if (a < 0)
			continue;
		if (!sbom__hash_value_ok(val, 0)) {
			size_t old = sbom__path_pushi(ctx, "verifiedUsing", i);
			enum psirt_err err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                                "%s hash '%s' is not hex digits", alg, val);
			sbom__path_pop(ctx, old);
			return err;
		}
		if (psirt_sbom_hash_add(ctx->doc, c, (enum psirt_sbom_hash_alg)a, val,
		                        sbom__jlen(hv)))
			return sbom__nomem(ctx);
	}
	return PSIRT_OK;
}

static enum psirt_err package(struct s3 *s, const struct sbom__jtok *e)
{
	struct sbom__ctx *ctx = s->ctx;
	struct psirt_sbom_doc *doc = ctx->doc;
	struct psirt_sbom_component *c;
	const struct sbom__jtok *v, *sup;
	const char *id = elem_id(e), *str;
	enum psirt_err err;
	int t;

	if (!id)
		return sbom__json_fail_member(ctx, "spdxId", PSIRT_EINVAL,
		                              "required for every software_Package", NULL);
	err = sbom__json_str(ctx, e, "name", &v);
	if (!err && !v)
		err = sbom__json_fail_member(ctx, "name", PSIRT_EINVAL,
		                             "psirt needs a name for every software_Package", NULL);
	if (!err)
		err = sbom__spdx_pkg_new(ctx, &s->sp, 0, &c);
	if (err)
		return err;
	c->ref = psirt_sbom_strdup(doc, id, strlen(id));
	if (!c->ref || psirt_map_put(&s->pkgs, id, strlen(id), c, NULL))
		return sbom__nomem(ctx);
	err = sbom__json_copy(ctx, e, "name", &c->name);
	if (!err)
		err = sbom__json_copy(ctx, e, "software_packageVersion", &c->version);
	if (!err)
		err = sbom__json_copy(ctx, e, "description", &c->description);
	if (!err && !c->description)
		err = sbom__json_copy(ctx, e, "summary", &c->description);
	if (!err)
		err = sbom__json_str(ctx, e, "software_packageUrl", &v);
	if (!err && v && psirt_sbom_set_purl(doc, c, sbom__jstr(v), sbom__jlen(v)))
		err = sbom__nomem(ctx);
	if (!err)
		err = sbom__json_str(ctx, e, "software_primaryPurpose", &v);
	if (err)
		return err;
	if (v) {
		t = sbom__spdx_purpose_find(sbom__jstr(v));
		if (t < 0) {
			size_t old = sbom__path_push(ctx, "software_primaryPurpose");
			err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                 "unknown software_primaryPurpose '%s'", sbom__jstr(v));
			sbom__path_pop(ctx, old);
			return err;
		}
		c->type = (enum psirt_sbom_type)t;
	}
	sup = deref(s, sbom__json_get(e, "suppliedBy"));
	str = sbom__jstr(sbom__json_get(sup, "name"));
	if (str) {
		c->supplier = psirt_sbom_strdup(doc, str, strlen(str));
		if (!c->supplier)
			return sbom__nomem(ctx);
	}
	err = sbom__json_arr(ctx, e, "externalIdentifier", &v);
	if (!err && v)
		err = identifiers(s, v, c);
	if (!err)
		err = sbom__json_arr(ctx, e, "verifiedUsing", &v);
	if (!err && v)
		err = hashes(s, v, c);
	return err;
}

static enum psirt_err license_rel(struct s3 *s, const struct sbom__jtok *r, const char *from,
                                  const struct sbom__jtok *to, enum psirt_sbom_license_ack ack)
{
	struct psirt_sbom_component *c = psirt_map_get(&s->pkgs, from, strlen(from));
	const struct sbom__jtok *t;
	size_t i;

	if (!c)
		return PSIRT_OK;
	(void)r;
	sbom__json_foreach(to, i, t)
	{
		const struct sbom__jtok *lic = deref(s, t);
		const struct sbom__jtok *ev =
		    sbom__json_get(lic, "simplelicensing_licenseExpression");
		const char *expr = sbom__jstr(ev);
		if (!expr || !strcmp(expr, "NOASSERTION") || !strcmp(expr, "NONE"))
			continue;
		if (psirt_sbom_license_add(s->ctx->doc, c, PSIRT_SBOM_LICENSE_EXPRESSION, ack, expr,
		                           sbom__jlen(ev)))
			return sbom__nomem(s->ctx);
	}
	return PSIRT_OK;
}

static enum psirt_err relationship(struct s3 *s, const struct sbom__jtok *r)
{
	struct sbom__ctx *ctx = s->ctx;
	const struct sbom__jtok *from = sbom__json_get(r, "from"), *to = sbom__json_get(r, "to"),
	                        *t;
	const char *type = sbom__jstr(sbom__json_get(r, "relationshipType"));
	const char *scope = sbom__jstr(sbom__json_get(r, "scope"));
	enum sbom__rel rel;
	size_t i;
	int rev;

	if (!sbom__jis_str(from))
		return sbom__json_fail_member(
		    ctx, "from", PSIRT_EINVAL,
		    from ? "an element id" : "required for every relationship", from);
	if (!sbom__jis_arr(to))
		return sbom__json_fail_member(
		    ctx, "to", PSIRT_EINVAL,
		    to ? "an array of element ids" : "required for every relationship", to);
	if (!type)
		return sbom__json_fail_member(ctx, "relationshipType", PSIRT_EINVAL,
		                              "required for every relationship", NULL);
	if (!strcmp(type, "hasDeclaredLicense"))
		return license_rel(s, r, sbom__jstr(from), to, PSIRT_SBOM_ACK_DECLARED);
	if (!strcmp(type, "hasConcludedLicense"))
		return license_rel(s, r, sbom__jstr(from), to, PSIRT_SBOM_ACK_CONCLUDED);
	rel = sbom__spdx_rel_find(type, &rev);
	if (rel == SBOM__REL_OTHER)
		return PSIRT_OK;
	/* LifecycleScopedRelationship: build, development and test dependencies
	 * are not in the shipped product */
	if (rel == SBOM__REL_DEPENDS_ON && scope &&
	    (!strcmp(scope, "build") || !strcmp(scope, "development") || !strcmp(scope, "test")))
		return PSIRT_OK;
	sbom__json_foreach(to, i, t)
	{
		if (!sbom__jis_str(t))
			continue;
		if (sbom__spdx_rel_add(ctx, &s->sp, sbom__jstr(from), sbom__jstr(t), rel, 0))
			return PSIRT_ENOMEM;
	}
	return PSIRT_OK;
}

/* The root: the document's rootElement, looking through a software_Sbom. */
static enum psirt_err roots(struct s3 *s)
{
	const struct sbom__jtok *r, *e, *sbom;
	size_t i, k;

	if (!s->document)
		return PSIRT_OK;
	sbom__json_foreach(sbom__json_get(s->document, "rootElement"), i, r)
	{
		const char *id = sbom__jstr(r);
		const char *type = elem_type(elem(s, id));
		if (!id || !type)
			continue;
		if (!strcmp(type, "software_Sbom") || !strcmp(type, "Bom")) {
			sbom = elem(s, id);
			sbom__json_foreach(
			    sbom__json_get(sbom, "rootElement"), k,
			    e) if (sbom__jis_str(e) &&
			           sbom__spdx_describes_add(s->ctx, &s->sp,
			                                    sbom__jstr(e))) return PSIRT_ENOMEM;
		} else if (sbom__spdx_describes_add(s->ctx, &s->sp, id)) {
			return PSIRT_ENOMEM;
		}
	}
	return PSIRT_OK;
}

static enum psirt_err parse(struct sbom__ctx *ctx)
{
	struct s3 s;
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
	memset(&s, 0, sizeof s);
	s.ctx = ctx;
	sbom__spdx_init(&s.sp);
	psirt_map_init(&s.elems);
	psirt_map_init(&s.pkgs);
	if (!sbom__jis_obj(root)) {
		err =
		    sbom__fail(ctx, PSIRT_EINVAL, 0, "an SPDX 3 document is a JSON object, not %s",
		               sbom__json_kind(root));
		goto out_release;
	}
	v = sbom__json_get(root, "@context");
	if (v && !context_is_spdx3(v)) {
		err = sbom__fail_in(ctx, "@context", PSIRT_EUNSUPPORTED,
		                    "@context is not SPDX 3's (https://spdx.org/rdf/3.0.x/...)");
		goto out_release;
	}
	err = sbom__json_arr(ctx, root, "@graph", &s.graph);
	if (!err && !s.graph)
		err = sbom__json_fail_member(ctx, "@graph", PSIRT_EINVAL,
		                             "required: the elements of the document", NULL);
	if (!err)
		err = index_graph(&s);
	if (!err)
		err = metadata(&s);
	sbom__json_foreach(s.graph, i, e)
	{
		const char *type = elem_type(e);
		if (err)
			break;
		if (strcmp(type, "software_Package") != 0)
			continue;
		old = sbom__path_pushi(ctx, "@graph", i);
		err = package(&s, e);
		sbom__path_pop(ctx, old);
	}
	sbom__json_foreach(s.graph, i, e)
	{
		const char *type = elem_type(e);
		if (err)
			break;
		if (strcmp(type, "Relationship") != 0 &&
		    strcmp(type, "LifecycleScopedRelationship") != 0)
			continue;
		old = sbom__path_pushi(ctx, "@graph", i);
		err = relationship(&s, e);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = roots(&s);
	if (!err)
		err = sbom__spdx_finish(ctx, &s.sp);
out_release:
	psirt_map_release(&s.pkgs);
	psirt_map_release(&s.elems);
	sbom__spdx_release(&s.sp);
	sbom__json_release(&js);
	return err;
}

static int sniff(const struct sbom__sniff *s)
{
	return s->shape == SBOM__SHAPE_JSON &&
	       (s->json_keys & (SBOM__K_CONTEXT_SPDX3 | SBOM__K_GRAPH)) &&
	       !(s->json_keys & (SBOM__K_BOMFORMAT | SBOM__K_SPDXVERSION));
}

const struct sbom__format sbom__fmt_spdx3_jsonld = {
    .format = PSIRT_SBOM_SPDX3_JSONLD,
    .name = "spdx3-jsonld",
    .sniff = sniff,
    .parse = parse,
    .export = NULL,
};
