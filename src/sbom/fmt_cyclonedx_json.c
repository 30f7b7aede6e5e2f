/* CycloneDX JSON: read 1.2–1.7, write 1.6.
 *
 * Read: bomFormat, specVersion, serialNumber, metadata (timestamp, tools in
 * the legacy array and the 1.5+ object form, component), components (nested),
 * dependencies. Of a component: bom-ref, type, name, version, group,
 * supplier.name, description, scope, purl, cpe, hashes, licenses,
 * properties, pedigree.commits[0].uid (the commit) and the first
 * externalReferences entry of type "vcs" (its url: the repository). A property named "psirt:cpe" is read as a further CPE (psirt
 * writes a component's second and later CPEs that way, CycloneDX having one
 * cpe field). Everything else is skipped without a look, so a document
 * invalid only in parts psirt does not read is accepted.
 */
#include <stdlib.h>
#include <string.h>

#include "psirt/sbom.h"
#include "sbom/internal.h"
#include "sbom/jsonr.h"

/* CycloneDX JSON exists from 1.2 (1.0 and 1.1 were XML only). */
static const char *const cdx_versions[] = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};

enum psirt_err sbom__cdx_property_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                      const char *name, const char *value)
{
	if (!strcmp(name, "psirt:cpe") && value)
		return psirt_sbom_cpe_add(doc, c, value, strlen(value));
	return psirt_sbom_property_add(doc, c, name, value);
}

static enum psirt_err hashes(struct sbom__ctx *ctx, const struct sbom__jtok *arr,
                             struct psirt_sbom_component *c)
{
	size_t i, old;
	const struct sbom__jtok *h, *alg, *content;
	enum psirt_err err = PSIRT_OK;
	int a;

	sbom__json_foreach(arr, i, h)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		if (!sbom__jis_obj(h)) {
			err = sbom__fail(ctx, PSIRT_EINVAL, 0, "a hash must be an object, not %s",
			                 sbom__json_kind(h));
			goto out_pop;
		}
		err = sbom__json_str(ctx, h, "alg", &alg);
		if (!err && !alg)
			err = sbom__json_fail_member(ctx, "alg", PSIRT_EINVAL,
			                             "required for every hash", NULL);
		if (!err)
			err = sbom__json_str(ctx, h, "content", &content);
		if (!err && !content)
			err = sbom__json_fail_member(ctx, "content", PSIRT_EINVAL,
			                             "required for every hash", NULL);
		if (err)
			goto out_pop;
		a = sbom__hash_find_cdx(sbom__jstr(alg));
		if (a < 0) {
			err = sbom__fail(ctx, PSIRT_EINVAL, 0, "unknown hash algorithm '%s'",
			                 sbom__jstr(alg));
			goto out_pop;
		}
		if (!sbom__hash_value_ok(sbom__jstr(content), 1)) {
			err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                 "%s hash '%s' is not 32, 40, 64, 96 or 128 hex digits",
			                 sbom__jstr(alg), sbom__jstr(content));
			goto out_pop;
		}
		if (psirt_sbom_hash_add(ctx->doc, c, (enum psirt_sbom_hash_alg)a,
		                        sbom__jstr(content), sbom__jlen(content)))
			err = sbom__nomem(ctx);
	out_pop:
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_sbom_license_ack ack_of(const struct sbom__jtok *obj)
{
	const char *s = sbom__jstr(sbom__json_get(obj, "acknowledgement"));

	if (s && !strcmp(s, "declared"))
		return PSIRT_SBOM_ACK_DECLARED;
	if (s && !strcmp(s, "concluded"))
		return PSIRT_SBOM_ACK_CONCLUDED;
	return PSIRT_SBOM_ACK_NONE;
}

/* licenseChoice: entries of {license: {id | name}} or {expression}. One
 * entry with both is refused (the schema's "oneOf"); mixing the two kinds
 * across entries is accepted, as CycloneDX 1.7 allows. */
static enum psirt_err licenses(struct sbom__ctx *ctx, const struct sbom__jtok *arr,
                               struct psirt_sbom_component *c)
{
	size_t i, old, old2;
	const struct sbom__jtok *e, *lic, *expr, *id, *name;
	enum psirt_err err = PSIRT_OK;

	sbom__json_foreach(arr, i, e)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		if (!sbom__jis_obj(e)) {
			err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                 "a license entry must be an object, not %s",
			                 sbom__json_kind(e));
			goto out_pop;
		}
		err = sbom__json_obj(ctx, e, "license", &lic);
		if (!err)
			err = sbom__json_str(ctx, e, "expression", &expr);
		if (err)
			goto out_pop;
		if (lic && expr) {
			err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                 "a license entry holds either a license or an expression, "
			                 "not both");
			goto out_pop;
		}
		if (expr) {
			if (psirt_sbom_license_add(ctx->doc, c, PSIRT_SBOM_LICENSE_EXPRESSION,
			                           ack_of(e), sbom__jstr(expr), sbom__jlen(expr)))
				err = sbom__nomem(ctx);
			goto out_pop;
		}
		if (!lic) {
			err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                 "a license entry needs a license or an expression");
			goto out_pop;
		}
		old2 = sbom__path_push(ctx, "license");
		err = sbom__json_str(ctx, lic, "id", &id);
		if (!err)
			err = sbom__json_str(ctx, lic, "name", &name);
		if (!err && !id && !name)
			err = sbom__fail(ctx, PSIRT_EINVAL, 0, "a license needs an id or a name");
		if (!err && id &&
		    psirt_sbom_license_add(ctx->doc, c, PSIRT_SBOM_LICENSE_ID, ack_of(lic),
		                           sbom__jstr(id), sbom__jlen(id)))
			err = sbom__nomem(ctx);
		if (!err && !id &&
		    psirt_sbom_license_add(ctx->doc, c, PSIRT_SBOM_LICENSE_NAME, ack_of(lic),
		                           sbom__jstr(name), sbom__jlen(name)))
			err = sbom__nomem(ctx);
		sbom__path_pop(ctx, old2);
	out_pop:
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err properties(struct sbom__ctx *ctx, const struct sbom__jtok *arr,
                                 struct psirt_sbom_component *c)
{
	size_t i, old;
	const struct sbom__jtok *p, *name, *value;
	enum psirt_err err = PSIRT_OK;

	sbom__json_foreach(arr, i, p)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		if (!sbom__jis_obj(p))
			err =
			    sbom__fail(ctx, PSIRT_EINVAL, 0, "a property must be an object, not %s",
			               sbom__json_kind(p));
		if (!err)
			err = sbom__json_str(ctx, p, "name", &name);
		if (!err && !name)
			err = sbom__json_fail_member(ctx, "name", PSIRT_EINVAL,
			                             "required for every property", NULL);
		if (!err)
			err = sbom__json_str(ctx, p, "value", &value);
		if (!err && sbom__cdx_property_add(ctx->doc, c, sbom__jstr(name),
		                                   value ? sbom__jstr(value) : NULL))
			err = sbom__nomem(ctx);
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err components(struct sbom__ctx *ctx, const struct sbom__jtok *arr,
                                 struct psirt_sbom_component *parent);

/* The commit it was built from (CycloneDX 1.6 §pedigree.commits: "uid — A
 * unique identifier of the commit. This may be version control specific.
 * For example, Subversion uses revision numbers whereas git uses commit
 * hashes") and its repository (externalReferences type "vcs"). Only the
 * first of each is kept: an SBOM component is built from one commit. */
static enum psirt_err vcs(struct sbom__ctx *ctx, const struct sbom__jtok *j,
                          struct psirt_sbom_component *c)
{
	const struct sbom__jtok *ped = NULL, *arr = NULL, *e, *v;
	enum psirt_err err;
	size_t i, old, old2;

	err = sbom__json_obj(ctx, j, "pedigree", &ped);
	if (!err && ped) {
		old = sbom__path_push(ctx, "pedigree");
		err = sbom__json_arr(ctx, ped, "commits", &arr);
		if (!err && arr) {
			old2 = sbom__path_push(ctx, "commits");
			sbom__json_foreach(arr, i, e)
			{
				if (!sbom__jis_obj(e))
					continue; /* not read: skipped without a look */
				err = sbom__json_str(ctx, e, "uid", &v);
				if (err || (v && sbom__jlen(v))) {
					if (!err)
						c->commit = sbom__jstr(v);
					break;
				}
			}
			sbom__path_pop(ctx, old2);
		}
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = sbom__json_arr(ctx, j, "externalReferences", &arr);
	if (!err && arr) {
		old = sbom__path_push(ctx, "externalReferences");
		sbom__json_foreach(arr, i, e)
		{
			const struct sbom__jtok *t = sbom__jis_obj(e) ? sbom__json_get(e, "type") : NULL;

			if (!t || !sbom__jis_str(t) || strcmp(sbom__jstr(t), "vcs"))
				continue;
			v = sbom__json_get(e, "url");
			if (v && sbom__jis_str(v) && sbom__jlen(v)) {
				c->repo = sbom__jstr(v);
				break;
			}
		}
		sbom__path_pop(ctx, old);
	}
	return err;
}

/* Fills c from the component object j (the path points at j). */
static enum psirt_err component(struct sbom__ctx *ctx, const struct sbom__jtok *j,
                                struct psirt_sbom_component *c)
{
	struct psirt_sbom_doc *doc = ctx->doc;
	const struct sbom__jtok *v, *sup;
	enum psirt_err err;
	size_t old;
	int t;

	if (!sbom__jis_obj(j))
		return sbom__fail(ctx, PSIRT_EINVAL, 0, "a component must be an object, not %s",
		                  sbom__json_kind(j));
	/* type and name are required by every CycloneDX version */
	err = sbom__json_str(ctx, j, "type", &v);
	if (err)
		return err;
	if (!v)
		return sbom__json_fail_member(ctx, "type", PSIRT_EINVAL,
		                              "required for every component", NULL);
	t = sbom__type_find(sbom__jstr(v));
	if (t < 0) {
		old = sbom__path_push(ctx, "type");
		err =
		    sbom__fail(ctx, PSIRT_EINVAL, 0, "unknown component type '%s'", sbom__jstr(v));
		sbom__path_pop(ctx, old);
		return err;
	}
	c->type = (enum psirt_sbom_type)t;
	err = sbom__json_str(ctx, j, "name", &v);
	if (err)
		return err;
	if (!v)
		return sbom__json_fail_member(ctx, "name", PSIRT_EINVAL,
		                              "required for every component", NULL);
	err = sbom__json_copy(ctx, j, "name", &c->name);
	if (err)
		return err;

	err = sbom__json_str(ctx, j, "bom-ref", &v);
	if (err)
		return err;
	if (v) {
		old = sbom__path_push(ctx, "bom-ref");
		if (!sbom__jlen(v)) {
			err = sbom__fail(ctx, PSIRT_EINVAL, 0, "bom-ref is empty");
		} else {
			err = psirt_sbom_set_ref(doc, c, sbom__jstr(v), sbom__jlen(v));
			if (err == PSIRT_EINVAL)
				err = sbom__fail(ctx, PSIRT_EINVAL, 0,
				                 "bom-ref '%s' is used by an earlier component too "
				                 "(bom-refs must be unique)",
				                 sbom__jstr(v));
			else if (err)
				err = sbom__nomem(ctx);
		}
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	err = sbom__json_copy(ctx, j, "version", &c->version);
	if (!err)
		err = sbom__json_copy(ctx, j, "group", &c->group);
	if (!err)
		err = sbom__json_copy(ctx, j, "description", &c->description);
	if (!err)
		err = sbom__json_obj(ctx, j, "supplier", &sup);
	if (!err && sup) {
		old = sbom__path_push(ctx, "supplier");
		err = sbom__json_copy(ctx, sup, "name", &c->supplier);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = sbom__json_str(ctx, j, "scope", &v);
	if (err)
		return err;
	if (v) {
		t = sbom__scope_find(sbom__jstr(v));
		if (t < 0) {
			err = sbom__fail_in(ctx, "scope", PSIRT_EINVAL,
			                    "unknown scope '%s' (required, optional or excluded)",
			                    sbom__jstr(v));
			return err;
		}
		c->scope = (enum psirt_sbom_scope)t;
	}
	err = sbom__json_str(ctx, j, "purl", &v);
	if (!err && v && psirt_sbom_set_purl(doc, c, sbom__jstr(v), sbom__jlen(v)))
		err = sbom__nomem(ctx);
	if (!err)
		err = sbom__json_str(ctx, j, "cpe", &v);
	if (!err && v && psirt_sbom_cpe_add(doc, c, sbom__jstr(v), sbom__jlen(v)))
		err = sbom__nomem(ctx);
	if (err)
		return err;

	err = sbom__json_arr(ctx, j, "hashes", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "hashes");
		err = hashes(ctx, v, c);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = sbom__json_arr(ctx, j, "licenses", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "licenses");
		err = licenses(ctx, v, c);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = sbom__json_arr(ctx, j, "properties", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "properties");
		err = properties(ctx, v, c);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = vcs(ctx, j, c);
	if (err)
		return err;
	if (psirt_sbom_component_check(doc, c, ctx->path.p, 0))
		return sbom__nomem(ctx);

	err = sbom__json_arr(ctx, j, "components", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "components");
		/* the root's parts are the product's top-level components */
		err = components(ctx, v, c == doc->root ? NULL : c);
		sbom__path_pop(ctx, old);
	}
	return err;
}

static enum psirt_err components(struct sbom__ctx *ctx, const struct sbom__jtok *arr,
                                 struct psirt_sbom_component *parent)
{
	size_t i, old;
	const struct sbom__jtok *j;
	enum psirt_err err = PSIRT_OK;
	struct psirt_sbom_component *c;

	sbom__json_foreach(arr, i, j)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		c = psirt_sbom_component_add(ctx->doc, parent, &err);
		if (!c && err == PSIRT_ETOOBIG)
			err = sbom__fail(ctx, err, 0,
			                 ctx->doc->n_components >= PSIRT_SBOM_MAX_COMPONENTS
			                     ? "more than %d components"
			                     : "components nested deeper than %d levels",
			                 ctx->doc->n_components >= PSIRT_SBOM_MAX_COMPONENTS
			                     ? PSIRT_SBOM_MAX_COMPONENTS
			                     : PSIRT_SBOM_MAX_DEPTH);
		else if (!c)
			err = sbom__nomem(ctx);
		else
			err = component(ctx, j, c);
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err tools(struct sbom__ctx *ctx, const struct sbom__jtok *t)
{
	const struct sbom__jtok *arr = t, *e, *name, *vendor, *version;
	const char *vendor_key = "vendor";
	enum psirt_err err = PSIRT_OK;
	size_t i, old;

	if (sbom__jis_obj(t)) {
		/* 1.5+: tools.components are components; their group names the
		 * vendor (spec test valid-metadata-tool-1.5) */
		err = sbom__json_arr(ctx, t, "components", &arr);
		if (err || !arr)
			return err;
		sbom__path_push(ctx, "components");
		vendor_key = "group";
	} else if (!sbom__jis_arr(t)) {
		return sbom__fail(ctx, PSIRT_EINVAL, 0,
		                  "tools must be an array or an object, not %s",
		                  sbom__json_kind(t));
	}
	sbom__json_foreach(arr, i, e)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		if (!sbom__jis_obj(e))
			err = sbom__fail(ctx, PSIRT_EINVAL, 0, "a tool must be an object, not %s",
			                 sbom__json_kind(e));
		if (!err)
			err = sbom__json_str(ctx, e, "name", &name);
		if (!err)
			err = sbom__json_str(ctx, e, vendor_key, &vendor);
		if (!err)
			err = sbom__json_str(ctx, e, "version", &version);
		if (!err && name &&
		    psirt_sbom_tool_add(ctx->doc, vendor ? sbom__jstr(vendor) : NULL,
		                        sbom__jstr(name), version ? sbom__jstr(version) : NULL))
			err = sbom__nomem(ctx);
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err metadata(struct sbom__ctx *ctx, const struct sbom__jtok *m)
{
	struct psirt_sbom_doc *doc = ctx->doc;
	const struct sbom__jtok *v;
	enum psirt_err err;
	size_t old;

	err = sbom__json_str(ctx, m, "timestamp", &v);
	if (err)
		return err;
	if (v) {
		if (!sbom__rfc3339_ok(sbom__jstr(v))) {
			err = sbom__fail_in(ctx, "timestamp", PSIRT_EINVAL,
			                    "timestamp '%s' is not an RFC 3339 date-time",
			                    sbom__jstr(v));
			return err;
		}
		doc->created = psirt_sbom_strdup(doc, sbom__jstr(v), sbom__jlen(v));
		if (!doc->created)
			return sbom__nomem(ctx);
	}
	v = sbom__json_get(m, "tools");
	if (v) {
		old = sbom__path_push(ctx, "tools");
		err = tools(ctx, v);
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	err = sbom__json_obj(ctx, m, "component", &v);
	if (err || !v)
		return err;
	old = sbom__path_push(ctx, "component");
	if (!psirt_sbom_root_add(doc))
		err = sbom__nomem(ctx);
	else
		err = component(ctx, v, doc->root);
	sbom__path_pop(ctx, old);
	return err;
}

static enum psirt_err dependencies(struct sbom__ctx *ctx, const struct sbom__jtok *arr)
{
	const struct sbom__jtok *d, *ref, *on, *t;
	enum psirt_err err = PSIRT_OK;
	size_t i, k, old, old2;

	sbom__json_foreach(arr, i, d)
	{
		old = sbom__path_pushi(ctx, NULL, i);
		if (!sbom__jis_obj(d))
			err = sbom__fail(ctx, PSIRT_EINVAL, 0,
			                 "a dependency must be an object, not %s",
			                 sbom__json_kind(d));
		if (!err)
			err = sbom__json_str(ctx, d, "ref", &ref);
		if (!err && !ref)
			err =
			    sbom__json_fail_member(ctx, "ref", PSIRT_EINVAL,
			                           "required: the bom-ref of the dependent", NULL);
		if (!err && !sbom__jlen(ref)) {
			old2 = sbom__path_push(ctx, "ref");
			err = sbom__fail(ctx, PSIRT_EINVAL, 0, "ref is empty");
			sbom__path_pop(ctx, old2);
		}
		if (!err)
			err = sbom__json_arr(ctx, d, "dependsOn", &on);
		if (!err && psirt_sbom_dependency_add(ctx->doc, sbom__jstr(ref), NULL))
			err = sbom__nomem(ctx);
		if (!err && on) {
			sbom__json_foreach(on, k, t)
			{
				old2 = sbom__path_pushi(ctx, "dependsOn", k);
				if (!sbom__jis_str(t) || !sbom__jlen(t))
					err = sbom__fail(
					    ctx, PSIRT_EINVAL, 0,
					    "dependsOn entries must be non-empty bom-ref strings");
				else if (psirt_sbom_dependency_add(ctx->doc, sbom__jstr(ref),
				                                   sbom__jstr(t)))
					err = sbom__nomem(ctx);
				sbom__path_pop(ctx, old2);
				if (err)
					break;
			}
		}
		sbom__path_pop(ctx, old);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

static enum psirt_err parse(struct sbom__ctx *ctx)
{
	struct psirt_sbom_doc *doc = ctx->doc;
	struct sbom__json js;
	const struct sbom__jtok *root;
	const struct sbom__jtok *v;
	enum psirt_err err;
	size_t i, old;

	err = sbom__json_load(ctx, &js);
	if (err) {
		sbom__json_release(&js);
		return err;
	}
	root = js.tok;
	if (!sbom__jis_obj(root)) {
		err = sbom__fail(ctx, PSIRT_EINVAL, 0, "a CycloneDX BOM is a JSON object, not %s",
		                 sbom__json_kind(root));
		goto out_decref;
	}
	/* bomFormat and specVersion are required (schema "required") */
	err = sbom__json_str(ctx, root, "bomFormat", &v);
	if (err)
		goto out_decref;
	if (!v) {
		err = sbom__json_fail_member(ctx, "bomFormat", PSIRT_EINVAL,
		                             "required: \"CycloneDX\"", NULL);
		goto out_decref;
	}
	if (strcmp(sbom__jstr(v), "CycloneDX") != 0) {
		err = sbom__fail_in(ctx, "bomFormat", PSIRT_EINVAL,
		                    "bomFormat is '%s', not 'CycloneDX'", sbom__jstr(v));
		goto out_decref;
	}
	err = sbom__json_str(ctx, root, "specVersion", &v);
	if (err)
		goto out_decref;
	if (!v) {
		err = sbom__json_fail_member(ctx, "specVersion", PSIRT_EINVAL,
		                             "required, e.g. \"1.6\"", NULL);
		goto out_decref;
	}
	for (i = 0; i < sizeof cdx_versions / sizeof cdx_versions[0]; i++)
		if (!strcmp(sbom__jstr(v), cdx_versions[i]))
			break;
	if (i == sizeof cdx_versions / sizeof cdx_versions[0]) {
		err = sbom__fail_in(ctx, "specVersion", PSIRT_EUNSUPPORTED,
		                    "CycloneDX specVersion '%s' is not supported (1.2 to 1.7)",
		                    sbom__jstr(v));
		goto out_decref;
	}
	doc->spec_version = cdx_versions[i];
	err = sbom__json_str(ctx, root, "serialNumber", &v);
	if (err)
		goto out_decref;
	if (v) {
		if (!sbom__urn_uuid_ok(sbom__jstr(v))) {
			err = sbom__fail_in(ctx, "serialNumber", PSIRT_EINVAL,
			                    "serialNumber '%s' is not a urn:uuid (RFC 4122)",
			                    sbom__jstr(v));
			goto out_decref;
		}
		doc->serial = psirt_sbom_strdup(doc, sbom__jstr(v), sbom__jlen(v));
		if (!doc->serial) {
			err = sbom__nomem(ctx);
			goto out_decref;
		}
	}
	err = sbom__json_obj(ctx, root, "metadata", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "metadata");
		err = metadata(ctx, v);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = sbom__json_arr(ctx, root, "components", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "components");
		err = components(ctx, v, NULL);
		sbom__path_pop(ctx, old);
	}
	if (!err)
		err = sbom__json_arr(ctx, root, "dependencies", &v);
	if (!err && v) {
		old = sbom__path_push(ctx, "dependencies");
		err = dependencies(ctx, v);
		sbom__path_pop(ctx, old);
	}
out_decref:
	sbom__json_release(&js);
	return err;
}

/* Export --------------------------------------------------------------------*/

static int cdx_ref_ok(const char *ref)
{
	/* refType: a non-empty string; "urn:cdx:" would read as a BOM-Link */
	return *ref && strncmp(ref, "urn:cdx:", 8) != 0;
}

static void cdx_make_ref(struct psirt_buf *b, size_t n, unsigned attempt)
{
	psirt_buf_addf(b, "psirt-component-%zu", n);
	if (attempt)
		psirt_buf_addf(b, "-%u", attempt);
}

static void write_licenses(struct sbom__jw *w, const struct psirt_sbom_component *c)
{
	const struct psirt_sbom_license *expr = NULL;
	const char *ack;
	size_t i, n = 0;

	for (i = 0; i < c->n_licenses; i++) {
		const struct psirt_sbom_license *l = &c->licenses[i];
		if (l->kind != PSIRT_SBOM_LICENSE_EXPRESSION)
			n++;
		else if (!expr || (l->ack == PSIRT_SBOM_ACK_DECLARED &&
		                   expr->ack != PSIRT_SBOM_ACK_DECLARED))
			expr = l;
	}
	if (!expr && !n)
		return;
	sbom__jw_key(w, "licenses");
	sbom__jw_arr(w);
	/* 1.6 licenseChoice: either license objects, or exactly one expression;
	 * a component with an expression is written with that one (the
	 * declared one when there are several). */
	for (i = 0; i < c->n_licenses; i++) {
		const struct psirt_sbom_license *l = expr ? expr : &c->licenses[i];
		if (!expr && l->kind == PSIRT_SBOM_LICENSE_EXPRESSION)
			continue;
		ack = l->ack == PSIRT_SBOM_ACK_DECLARED    ? "declared"
		      : l->ack == PSIRT_SBOM_ACK_CONCLUDED ? "concluded"
		                                           : NULL;
		sbom__jw_obj(w);
		if (expr) {
			sbom__jw_kv(w, "expression", l->value);
			sbom__jw_kv(w, "acknowledgement", ack);
		} else {
			sbom__jw_key(w, "license");
			sbom__jw_obj(w);
			sbom__jw_kv(w, l->kind == PSIRT_SBOM_LICENSE_ID ? "id" : "name", l->value);
			sbom__jw_kv(w, "acknowledgement", ack);
			sbom__jw_end_obj(w);
		}
		sbom__jw_end_obj(w);
		if (expr)
			break;
	}
	sbom__jw_end_arr(w);
}

static void write_component(struct sbom__jw *w, const struct sbom__out *o,
                            const struct psirt_sbom_component *c, const char *ref, size_t depth)
{
	size_t i, n;
	const char *scope = sbom__scope_name(c->scope);

	sbom__jw_obj(w);
	sbom__jw_kv(w, "type", psirt_sbom_type_name(c->type));
	sbom__jw_kv(w, "bom-ref", ref);
	if (c->supplier) {
		sbom__jw_key(w, "supplier");
		sbom__jw_obj(w);
		sbom__jw_kv(w, "name", c->supplier);
		sbom__jw_end_obj(w);
	}
	sbom__jw_kv(w, "group", c->group);
	sbom__jw_kv(w, "name", c->name ? c->name : "");
	sbom__jw_kv(w, "version", c->version);
	sbom__jw_kv(w, "description", c->description);
	sbom__jw_kv(w, "scope", scope);
	for (i = 0, n = 0; i < c->n_hashes; i++)
		if (psirt_sbom_hash_name(c->hashes[i].alg) &&
		    sbom__hash_find_cdx(psirt_sbom_hash_name(c->hashes[i].alg)) >= 0 &&
		    c->hashes[i].alg != PSIRT_SBOM_HASH_STREEBOG_256 &&
		    c->hashes[i].alg != PSIRT_SBOM_HASH_STREEBOG_512 &&
		    sbom__hash_value_ok(c->hashes[i].value, 1)) {
			/* Streebog is 1.7 only: left out of a 1.6 document */
			if (!n++) {
				sbom__jw_key(w, "hashes");
				sbom__jw_arr(w);
			}
			sbom__jw_obj(w);
			sbom__jw_kv(w, "alg", psirt_sbom_hash_name(c->hashes[i].alg));
			sbom__jw_kv(w, "content", c->hashes[i].value);
			sbom__jw_end_obj(w);
		}
	if (n)
		sbom__jw_end_arr(w);
	write_licenses(w, c);
	if (c->n_cpes)
		sbom__jw_kv(w, "cpe", c->cpes[0].value);
	sbom__jw_kv(w, "purl", c->purl);
	if (c->n_properties || c->n_cpes > 1) {
		sbom__jw_key(w, "properties");
		sbom__jw_arr(w);
		for (i = 1; i < c->n_cpes; i++) {
			sbom__jw_obj(w);
			sbom__jw_kv(w, "name", "psirt:cpe");
			sbom__jw_kv(w, "value", c->cpes[i].value);
			sbom__jw_end_obj(w);
		}
		for (i = 0; i < c->n_properties; i++) {
			sbom__jw_obj(w);
			sbom__jw_kv(w, "name", c->properties[i].name);
			sbom__jw_kv(w, "value", c->properties[i].value);
			sbom__jw_end_obj(w);
		}
		sbom__jw_end_arr(w);
	}
	if (c->index != SIZE_MAX && o->kid_n[c->index] && depth < PSIRT_SBOM_MAX_DEPTH) {
		sbom__jw_key(w, "components");
		sbom__jw_arr(w);
		for (i = 0; i < o->kid_n[c->index]; i++) {
			const struct psirt_sbom_component *k = o->kids[o->kid_first[c->index] + i];
			write_component(w, o, k, o->refs[k->index], depth + 1);
		}
		sbom__jw_end_arr(w);
	}
	sbom__jw_end_obj(w);
}

static int same_tool(const struct psirt_sbom_tool *a, const struct psirt_sbom_tool *b)
{
	return !strcmp(a->name, b->name) &&
	       !strcmp(a->vendor ? a->vendor : "", b->vendor ? b->vendor : "") &&
	       !strcmp(a->version ? a->version : "", b->version ? b->version : "");
}

static void write_tools(struct sbom__jw *w, const struct psirt_sbom_doc *doc)
{
	size_t i, k;

	sbom__jw_key(w, "tools");
	sbom__jw_obj(w);
	sbom__jw_key(w, "components");
	sbom__jw_arr(w);
	for (i = 0; i < doc->n_tools; i++) {
		const struct psirt_sbom_tool *t = &doc->tools[i];
		for (k = 0; k < i; k++) /* the schema wants unique items */
			if (same_tool(t, &doc->tools[k]))
				break;
		if (k < i)
			continue;
		sbom__jw_obj(w);
		sbom__jw_kv(w, "type", "application");
		sbom__jw_kv(w, "group", t->vendor);
		sbom__jw_kv(w, "name", t->name);
		sbom__jw_kv(w, "version", t->version);
		sbom__jw_end_obj(w);
	}
	sbom__jw_end_arr(w);
	sbom__jw_end_obj(w);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static enum psirt_err export(const struct psirt_sbom_doc *doc, struct psirt_buf *out,
                             struct psirt_diag *diag) {
	struct sbom__out o; struct sbom__jw w; struct sbom__out_edge * edges; const char * *froms;
	size_t n_edges, n_froms = 0, i, e, k; enum psirt_err err; char *serial = NULL;

	err = sbom__out_build(&o, doc, cdx_ref_ok, cdx_make_ref, 1);
	if (!err) err = sbom__out_edges(&o, doc, &edges, &n_edges);
	if (err) return psirt_diag_set(diag, err, "out of memory preparing the export");
	/* the dependency graph lists each ref once: refs with declared edges
	 * or declared as having none */
	froms = psirt_arena_calloc(&o.arena, doc->n_deps + n_edges + 1, sizeof *froms);
	if (!froms){err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory preparing the export");
	            goto out_release;}
for (i = 0; i < doc->n_deps; i++) if (sbom__out_ref(&o, doc->deps[i].ref))
    froms[n_froms++] = sbom__out_ref(&o, doc->deps[i].ref);
for (i = 0; i < n_edges; i++)
	froms[n_froms++] = edges[i].from;
qsort(froms, n_froms, sizeof *froms, cmp_cstr);
for (i = 0, k = 0; i < n_froms; i++)
	if (!k || strcmp(froms[k - 1], froms[i]))
		froms[k++] = froms[i];
n_froms = k;

sbom__jw_init(&w, out);
sbom__jw_obj(&w);
sbom__jw_kv(&w, "bomFormat", "CycloneDX");
sbom__jw_kv(&w, "specVersion", "1.6");
if (doc->serial && sbom__urn_uuid_ok(doc->serial)) {
	/* the schema's pattern is lower-case */
	serial = psirt_arena_strdup(&o.arena, doc->serial);
	for (i = 0; serial && serial[i]; i++)
		serial[i] = (char)psirt_tolower((unsigned char)serial[i]);
	sbom__jw_kv(&w, "serialNumber", serial);
}
sbom__jw_key(&w, "version");
sbom__jw_int(&w, 1);
if ((doc->created && sbom__rfc3339_ok(doc->created)) || doc->n_tools || doc->root) {
	sbom__jw_key(&w, "metadata");
	sbom__jw_obj(&w);
	if (doc->created && sbom__rfc3339_ok(doc->created))
		sbom__jw_kv(&w, "timestamp", doc->created);
	if (doc->n_tools)
		write_tools(&w, doc);
	if (doc->root) {
		sbom__jw_key(&w, "component");
		write_component(&w, &o, doc->root, o.root_ref, 0);
	}
	sbom__jw_end_obj(&w);
}
sbom__jw_key(&w, "components");
sbom__jw_arr(&w);
for (i = 0; i < o.n_top; i++)
	write_component(&w, &o, o.top[i], o.refs[o.top[i]->index], 1);
sbom__jw_end_arr(&w);
if (n_froms) {
	sbom__jw_key(&w, "dependencies");
	sbom__jw_arr(&w);
	for (i = 0, e = 0; i < n_froms; i++) {
		sbom__jw_obj(&w);
		sbom__jw_kv(&w, "ref", froms[i]);
		while (e < n_edges && strcmp(edges[e].from, froms[i]) < 0)
			e++;
		if (e < n_edges && !strcmp(edges[e].from, froms[i])) {
			sbom__jw_key(&w, "dependsOn");
			sbom__jw_arr(&w);
			for (; e < n_edges && !strcmp(edges[e].from, froms[i]); e++)
				sbom__jw_str(&w, edges[e].to);
			sbom__jw_end_arr(&w);
		}
		sbom__jw_end_obj(&w);
	}
	sbom__jw_end_arr(&w);
}
sbom__jw_end_obj(&w);
if (w.overflow)
	err = psirt_diag_set(diag, PSIRT_ETOOBIG, "the document nests too deeply to write");
else if (psirt_buf_error(out))
	err = psirt_diag_set(diag, psirt_buf_error(out), "cannot write the CycloneDX document: %s",
	                     psirt_strerror(psirt_buf_error(out)));
out_release : sbom__out_release(&o);
return err;
}

static int sniff(const struct sbom__sniff *s)
{
	/* top-level specVersion without bomFormat is still CycloneDX (SPDX 3
	 * keeps its specVersion inside CreationInfo), so the parser can say
	 * bomFormat is missing */
	return s->shape == SBOM__SHAPE_JSON &&
	       (s->json_keys & (SBOM__K_BOMFORMAT | SBOM__K_SPECVERSION | SBOM__K_CDX_SCHEMA)) &&
	       !(s->json_keys & (SBOM__K_SPDXVERSION | SBOM__K_GRAPH));
}

const struct sbom__format sbom__fmt_cyclonedx_json = {
    .format = PSIRT_SBOM_CYCLONEDX_JSON,
    .name = "cyclonedx-json",
    .sniff = sniff,
    .parse = parse,
    .export = export,
};
