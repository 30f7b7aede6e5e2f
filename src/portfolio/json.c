/* The JSON shapes of portfolio objects (psirt/portfolio.h), one for both
 * front doors: the CLI's --json output and the API's answers. */
#include <string.h>

#include <jansson.h>

#include "psirt/buf.h"
#include "psirt/portfolio.h"

json_t *psirt_json_str(const char *s)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(s);
	if (v)
		return v;
	/* not UTF-8 (an SPDX tag-value file may hold Latin-1): each other byte
	 * as \xNN text rather than a failed answer */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			psirt_buf_addch(&b, (char)*p);
		else
			psirt_buf_addf(&b, "\\x%02X", *p);
	}
	v = psirt_buf_error(&b) ? NULL : json_string(b.p);
	psirt_buf_release(&b);
	return v;
}

/* Adds key → value to o, taking the reference; remembers a failure. */
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

json_t *psirt_product_json(const struct psirt_product *p, int full)
{
	json_t *o = json_object();
	int bad = !o;
	size_t i;

	if (bad)
		return NULL;
	put(o, "name", psirt_json_str(p->name), &bad);
	put(o, "vendor", psirt_json_str(p->vendor), &bad);
	put(o, "safety", psirt_json_str(psirt_product_attr_value(PSIRT_ATTR_SAFETY, (int)p->safety)),
	    &bad);
	put(o, "weight", psirt_json_str(psirt_product_attr_value(PSIRT_ATTR_WEIGHT, (int)p->weight)),
	    &bad);
	put(o, "exposure",
	    psirt_json_str(psirt_product_attr_value(PSIRT_ATTR_EXPOSURE, (int)p->exposure)), &bad);
	put(o, "update", psirt_json_str(psirt_product_attr_value(PSIRT_ATTR_UPDATE, (int)p->update)),
	    &bad);
	put(o, "cpe", psirt_json_str(p->cpe), &bad);
	put(o, "owner", psirt_json_str(p->owner), &bad);
	if (full && !bad) {
		json_t *hw = json_array(), *reg = json_array();

		put(o, "hardware", hw, &bad);
		put(o, "regimes", reg, &bad);
		for (i = 0; !bad && i < p->n_hardware; i++)
			bad = json_array_append_new(hw, json_pack("{s:o, s:o}", "model",
			                                          psirt_json_str(p->hardware[i].model), "cpe",
			                                          psirt_json_str(p->hardware[i].cpe))) != 0;
		for (i = 0; !bad && i < p->n_regimes; i++)
			bad = json_array_append_new(reg, psirt_json_str(p->regimes[i])) != 0;
	}
	put(o, "versionCount", json_integer((json_int_t)p->n_versions), &bad);
	put(o, "created", psirt_json_str(p->created_at), &bad);
	put(o, "updated", psirt_json_str(p->updated_at), &bad);
	return finish(o, bad);
}

json_t *psirt_product_version_json(const struct psirt_product_version *v)
{
	json_t *o = json_object();
	int bad = !o;

	if (bad)
		return NULL;
	put(o, "product", psirt_json_str(v->product), &bad);
	put(o, "version", psirt_json_str(v->version), &bad);
	put(o, "released", psirt_json_str(v->released), &bad);
	put(o, "eos", psirt_json_str(v->eos), &bad);
	put(o, "units", v->units < 0 ? json_null() : json_integer(v->units), &bad);
	put(o, "components", json_integer((json_int_t)v->n_components), &bad);
	put(o, "sbomImport", v->sbom_import ? json_integer(v->sbom_import) : json_null(), &bad);
	put(o, "created", psirt_json_str(v->created_at), &bad);
	put(o, "updated", psirt_json_str(v->updated_at), &bad);
	return finish(o, bad);
}

json_t *psirt_sbom_import_json(const struct psirt_sbom_import_record *h)
{
	json_t *o = json_object();
	int bad = !o;

	if (bad)
		return NULL;
	put(o, "id", json_integer(h->id), &bad);
	put(o, "at", psirt_json_str(h->at), &bad);
	put(o, "actor", psirt_json_str(h->actor), &bad);
	put(o, "kind", psirt_json_str(h->kind), &bad);
	put(o, "format", psirt_json_str(h->format), &bad);
	put(o, "specVersion", psirt_json_str(h->spec_version), &bad);
	put(o, "serial", psirt_json_str(h->serial), &bad);
	put(o, "file", psirt_json_str(h->file_name), &bad);
	put(o, "sha256", psirt_json_str(h->sha256), &bad);
	put(o, "size", h->size < 0 ? json_null() : json_integer(h->size), &bad);
	put(o, "created", psirt_json_str(h->created), &bad);
	put(o, "components", json_integer((json_int_t)h->components), &bad);
	put(o, "warnings", json_integer((json_int_t)h->warnings), &bad);
	put(o, "replaced", json_integer((json_int_t)h->replaced), &bad);
	put(o, "current", json_boolean(h->current), &bad);
	return finish(o, bad);
}

static const char *scope_name(enum psirt_sbom_scope s)
{
	static const char *const names[PSIRT_SBOM_SCOPE__MAX] = { NULL, "required", "optional",
		                                                  "excluded" };

	return (unsigned)s < PSIRT_SBOM_SCOPE__MAX ? names[s] : NULL;
}

/* The property that carries the firmware scanner's evidence (fwscan.h). */
#define EVIDENCE_PROPERTY "psirt:fwscan:evidence"

json_t *psirt_component_json(const struct psirt_sbom_component *c)
{
	static const char *const kinds[] = { "id", "name", "expression" };
	static const char *const acks[] = { NULL, "declared", "concluded" };
	json_t *o = json_object(), *cpes = json_array(), *hashes = json_array(),
	       *lic = json_array(), *props = json_array(), *flags = json_array(),
	       *evidence = json_array();
	int bad = !o || !cpes || !hashes || !lic || !props || !flags || !evidence;
	size_t i;

	for (i = 0; !bad && i < c->n_cpes; i++)
		bad = json_array_append_new(cpes, json_pack("{s:o, s:b}", "cpe", psirt_json_str(c->cpes[i].value),
		                                             "valid", c->cpes[i].valid)) != 0;
	for (i = 0; !bad && i < c->n_hashes; i++)
		bad = json_array_append_new(hashes,
		                            json_pack("{s:s, s:o}", "alg",
		                                      psirt_sbom_hash_name(c->hashes[i].alg),
		                                      "content", psirt_json_str(c->hashes[i].value))) != 0;
	for (i = 0; !bad && i < c->n_licenses; i++)
		bad = json_array_append_new(
		          lic, json_pack("{s:s, s:o, s:o}", "kind", kinds[c->licenses[i].kind], "ack",
		                         psirt_json_str(acks[c->licenses[i].ack]), "value",
		                         psirt_json_str(c->licenses[i].value))) != 0;
	/* the scanner's evidence (where in the image a version string was found)
	 * is what an analyst weighs first: its own member, not a property */
	for (i = 0; !bad && i < c->n_properties; i++) {
		const struct psirt_sbom_property *p = &c->properties[i];

		if (!strcmp(p->name, EVIDENCE_PROPERTY) && p->value)
			bad = json_array_append_new(evidence, psirt_json_str(p->value)) != 0;
		else
			bad = json_array_append_new(props, json_pack("{s:o, s:o}", "name", psirt_json_str(p->name),
			                                             "value", psirt_json_str(p->value))) != 0;
	}
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
		json_decref(evidence);
		return NULL;
	}
	put(o, "index", json_integer((json_int_t)c->index), &bad);
	put(o, "ref", psirt_json_str(c->ref), &bad);
	put(o, "parent", c->parent ? json_integer((json_int_t)c->parent->index) : json_null(), &bad);
	put(o, "type", json_string(psirt_sbom_type_name(c->type)), &bad);
	put(o, "scope", psirt_json_str(scope_name(c->scope)), &bad);
	put(o, "group", psirt_json_str(c->group), &bad);
	put(o, "name", psirt_json_str(c->name), &bad);
	put(o, "version", psirt_json_str(c->version), &bad);
	put(o, "supplier", psirt_json_str(c->supplier), &bad);
	put(o, "description", psirt_json_str(c->description), &bad);
	put(o, "purl", psirt_json_str(c->purl), &bad);
	put(o, "cpes", cpes, &bad);
	put(o, "flags", flags, &bad);
	put(o, "evidence", evidence, &bad);
	put(o, "hashes", hashes, &bad);
	put(o, "licenses", lic, &bad);
	put(o, "properties", props, &bad);
	return finish(o, bad);
}
