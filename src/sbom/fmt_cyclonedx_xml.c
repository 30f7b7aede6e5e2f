/* CycloneDX XML 1.0–1.7 (read), with libxml2.
 *
 * Hardening: the parser never touches the network (XML_PARSE_NONET), never
 * loads a DTD or substitutes entities (no XML_PARSE_DTDLOAD / NOENT / HUGE),
 * and a DOCTYPE stops the parse at once (CycloneDX never needs one, and it
 * is where billion-laughs and external-entity attacks live). libxml2 keeps
 * its own limits (element nesting 256, text node size) and the input is
 * capped at PSIRT_SBOM_MAX_SIZE before it gets here. libxml2 reports errors
 * through the parser context, not on stderr (XML_PARSE_NOERROR).
 *
 * The spec version comes from the root's namespace,
 * http://cyclonedx.org/schema/bom/1.x. The same fields as in JSON are read
 * (see fmt_cyclonedx_json.c); elements of other namespaces (extensions) are
 * skipped.
 */
#include <limits.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "psirt/sbom.h"
#include "psirt/str.h"
#include "sbom/internal.h"

#define CDX_NS "http://cyclonedx.org/schema/bom/"

static const char *const cdx_versions[] = {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};

struct xp {
	struct sbom__ctx *ctx;
	const xmlChar *ns; /* the root's namespace */
	int doctype;       /* a DOCTYPE was met: the parse was stopped */
	long doctype_line;
	/* the first error libxml2 reported (its last one is often a
	 * consequence, "Premature end of data") */
	int have_error, error_nomem;
	struct psirt_buf error;
	long error_line, error_column;
};

static long line_of(const xmlNode *n)
{
	return n ? xmlGetLineNo(n) : 0;
}

static enum psirt_err fail_at(struct xp *x, const xmlNode *n, enum psirt_err err, const char *fmt,
                              ...) __attribute__((format(printf, 4, 5)));
static enum psirt_err fail_at(struct xp *x, const xmlNode *n, enum psirt_err err, const char *fmt,
                              ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbom__failv(x->ctx, err, line_of(n), fmt, ap);
	va_end(ap);
	return err;
}

static enum psirt_err nomem(struct xp *x)
{
	return sbom__fail(x->ctx, PSIRT_ENOMEM, 0, "out of memory");
}

/* An element of the CycloneDX namespace, named name (any name when NULL). */
static int is(const struct xp *x, const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, x->ns) &&
	       (!name || xmlStrEqual(n->name, (const xmlChar *)name));
}

static const xmlNode *child(const struct xp *x, const xmlNode *n, const char *name)
{
	for (n = n->children; n; n = n->next)
		if (is(x, n, name))
			return n;
	return NULL;
}

/* The element's text (text and CDATA children), trimmed, copied into the
 * document; "" for an empty element, NULL when out of memory. */
static const char *text(struct xp *x, const xmlNode *n)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	const xmlNode *c;
	struct psirt_str v;
	const char *out;

	for (c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			psirt_buf_adds(&b, (const char *)c->content);
	if (psirt_buf_error(&b)) {
		psirt_buf_release(&b);
		return NULL;
	}
	v = psirt_str_make(b.p, b.len);
	while (v.len && psirt_isspace((unsigned char)*v.p)) {
		v.p++;
		v.len--;
	}
	while (v.len && psirt_isspace((unsigned char)v.p[v.len - 1]))
		v.len--;
	out = psirt_sbom_strdup(x->ctx->doc, v.p, v.len);
	psirt_buf_release(&b);
	return out;
}

/* Copies the text of the child element name, when present. */
static enum psirt_err child_text(struct xp *x, const xmlNode *n, const char *name, const char **dst)
{
	const xmlNode *c = child(x, n, name);

	if (!c)
		return PSIRT_OK;
	*dst = text(x, c);
	return *dst ? PSIRT_OK : nomem(x);
}

/* An attribute's value (owned by libxml2's allocator: free with xmlFree),
 * or NULL. */
static xmlChar *attr(const xmlNode *n, const char *name)
{
	return xmlGetNoNsProp(n, (const xmlChar *)name);
}

static enum psirt_sbom_license_ack ack_of(const xmlNode *n)
{
	xmlChar *a = attr(n, "acknowledgement");
	enum psirt_sbom_license_ack ack = PSIRT_SBOM_ACK_NONE;

	if (a && xmlStrEqual(a, (const xmlChar *)"declared"))
		ack = PSIRT_SBOM_ACK_DECLARED;
	else if (a && xmlStrEqual(a, (const xmlChar *)"concluded"))
		ack = PSIRT_SBOM_ACK_CONCLUDED;
	xmlFree(a);
	return ack;
}

static enum psirt_err hashes(struct xp *x, const xmlNode *list, struct psirt_sbom_component *c)
{
	const xmlNode *h;
	enum psirt_err err = PSIRT_OK;

	for (h = list->children; h && !err; h = h->next) {
		xmlChar *alg;
		const char *v;

		if (!is(x, h, "hash"))
			continue;
		alg = attr(h, "alg");
		v = text(x, h);
		if (!v)
			err = nomem(x);
		else if (!alg)
			err = fail_at(x, h, PSIRT_EINVAL, "<hash> without alg attribute");
		else if (sbom__hash_find_cdx((const char *)alg) < 0)
			err = fail_at(x, h, PSIRT_EINVAL, "unknown hash algorithm '%s'",
			              (const char *)alg);
		else if (!sbom__hash_value_ok(v, 1))
			err = fail_at(x, h, PSIRT_EINVAL,
			              "%s hash '%s' is not 32, 40, 64, 96 or 128 hex "
			              "digits",
			              (const char *)alg, v);
		else if (psirt_sbom_hash_add(
		             x->ctx->doc, c,
		             (enum psirt_sbom_hash_alg)sbom__hash_find_cdx((const char *)alg), v,
		             strlen(v)))
			err = nomem(x);
		xmlFree(alg);
	}
	return err;
}

static enum psirt_err licenses(struct xp *x, const xmlNode *list, struct psirt_sbom_component *c)
{
	const xmlNode *l, *id, *name;
	const char *v;
	enum psirt_err err = PSIRT_OK;

	for (l = list->children; l && !err; l = l->next) {
		if (is(x, l, "expression")) {
			v = text(x, l);
			if (!v ||
			    psirt_sbom_license_add(x->ctx->doc, c, PSIRT_SBOM_LICENSE_EXPRESSION,
			                           ack_of(l), v, strlen(v)))
				err = nomem(x);
		} else if (is(x, l, "license")) {
			id = child(x, l, "id");
			name = child(x, l, "name");
			if (!id && !name) {
				err =
				    fail_at(x, l, PSIRT_EINVAL, "a license needs an id or a name");
				break;
			}
			v = text(x, id ? id : name);
			if (!v || psirt_sbom_license_add(x->ctx->doc, c,
			                                 id ? PSIRT_SBOM_LICENSE_ID
			                                    : PSIRT_SBOM_LICENSE_NAME,
			                                 ack_of(l), v, strlen(v)))
				err = nomem(x);
		}
	}
	return err;
}

static enum psirt_err properties(struct xp *x, const xmlNode *list, struct psirt_sbom_component *c)
{
	const xmlNode *p;
	enum psirt_err err = PSIRT_OK;

	for (p = list->children; p && !err; p = p->next) {
		xmlChar *name;
		const char *v;

		if (!is(x, p, "property"))
			continue;
		name = attr(p, "name");
		v = text(x, p);
		if (!name)
			err = fail_at(x, p, PSIRT_EINVAL, "<property> without name attribute");
		/* <property name="x"/>: no value, as a JSON property without one */
		else if (!v ||
		         sbom__cdx_property_add(x->ctx->doc, c, (const char *)name, *v ? v : NULL))
			err = nomem(x);
		xmlFree(name);
	}
	return err;
}

static enum psirt_err components(struct xp *x, const xmlNode *list,
                                 struct psirt_sbom_component *parent);

static enum psirt_err component(struct xp *x, const xmlNode *n, struct psirt_sbom_component *c)
{
	struct psirt_sbom_doc *doc = x->ctx->doc;
	xmlChar *a;
	const xmlNode *e;
	const char *v = NULL;
	enum psirt_err err = PSIRT_OK;
	int t;

	a = attr(n, "type");
	if (!a)
		return fail_at(x, n, PSIRT_EINVAL, "<component> without type attribute");
	t = sbom__type_find((const char *)a);
	if (t < 0)
		err = fail_at(x, n, PSIRT_EINVAL, "unknown component type '%s'", (const char *)a);
	xmlFree(a);
	if (err)
		return err;
	c->type = (enum psirt_sbom_type)t;
	e = child(x, n, "name");
	if (!e)
		return fail_at(x, n, PSIRT_EINVAL, "<component> without <name>");
	c->name = text(x, e);
	if (!c->name)
		return nomem(x);
	a = attr(n, "bom-ref");
	if (a) {
		if (!*a)
			err = fail_at(x, n, PSIRT_EINVAL, "bom-ref is empty");
		else
			err = psirt_sbom_set_ref(doc, c, (const char *)a, strlen((const char *)a));
		if (err == PSIRT_EINVAL && *a)
			err = fail_at(
			    x, n, PSIRT_EINVAL,
			    "bom-ref '%s' is used by an earlier component too (bom-refs must be "
			    "unique)",
			    (const char *)a);
		else if (err == PSIRT_ENOMEM)
			err = nomem(x);
		xmlFree(a);
		if (err)
			return err;
	}
	err = child_text(x, n, "version", &c->version);
	if (!err)
		err = child_text(x, n, "group", &c->group);
	if (!err)
		err = child_text(x, n, "description", &c->description);
	e = child(x, n, "supplier");
	if (!err && e)
		err = child_text(x, e, "name", &c->supplier);
	if (!err)
		err = child_text(x, n, "scope", &v);
	if (err)
		return err;
	if (v) {
		t = sbom__scope_find(v);
		if (t < 0)
			return fail_at(x, child(x, n, "scope"), PSIRT_EINVAL,
			               "unknown scope '%s' (required, optional or excluded)", v);
		c->scope = (enum psirt_sbom_scope)t;
	}
	e = child(x, n, "purl");
	if (e) {
		v = text(x, e);
		if (!v || psirt_sbom_set_purl(doc, c, v, strlen(v)))
			return nomem(x);
	}
	e = child(x, n, "cpe");
	if (e) {
		v = text(x, e);
		if (!v || psirt_sbom_cpe_add(doc, c, v, strlen(v)))
			return nomem(x);
	}
	e = child(x, n, "hashes");
	if (e)
		err = hashes(x, e, c);
	e = child(x, n, "licenses");
	if (!err && e)
		err = licenses(x, e, c);
	e = child(x, n, "properties");
	if (!err && e)
		err = properties(x, e, c);
	if (err)
		return err;
	if (psirt_sbom_component_check(doc, c, x->ctx->path.p, line_of(n)))
		return nomem(x);
	e = child(x, n, "components");
	if (e) {
		size_t old = sbom__path_push(x->ctx, "components");
		err = components(x, e, c == doc->root ? NULL : c);
		sbom__path_pop(x->ctx, old);
	}
	return err;
}

static enum psirt_err components(struct xp *x, const xmlNode *list,
                                 struct psirt_sbom_component *parent)
{
	const xmlNode *n;
	struct psirt_sbom_component *c;
	enum psirt_err err = PSIRT_OK;
	size_t i = 0, old;

	for (n = list->children; n && !err; n = n->next) {
		if (!is(x, n, "component"))
			continue;
		old = x->ctx->path.len;
		psirt_buf_addf(&x->ctx->path, "/component[%zu]", ++i);
		c = psirt_sbom_component_add(x->ctx->doc, parent, &err);
		if (!c && err == PSIRT_ETOOBIG)
			err = sbom__fail(x->ctx, err, line_of(n),
			                 x->ctx->doc->n_components >= PSIRT_SBOM_MAX_COMPONENTS
			                     ? "more than %d components"
			                     : "components nested deeper than %d levels",
			                 x->ctx->doc->n_components >= PSIRT_SBOM_MAX_COMPONENTS
			                     ? PSIRT_SBOM_MAX_COMPONENTS
			                     : PSIRT_SBOM_MAX_DEPTH);
		else if (!c)
			err = nomem(x);
		else
			err = component(x, n, c);
		sbom__path_pop(x->ctx, old);
	}
	return err;
}

static enum psirt_err tools(struct xp *x, const xmlNode *list)
{
	const xmlNode *t, *comps = child(x, list, "components");
	const char *vendor = NULL, *name = NULL, *version = NULL;
	enum psirt_err err = PSIRT_OK;
	/* 1.5+: tools/components/component with the vendor in group;
	 * before: tools/tool with vendor */
	const char *elem = comps ? "component" : "tool";
	const char *vendor_elem = comps ? "group" : "vendor";

	for (t = (comps ? comps : list)->children; t && !err; t = t->next) {
		if (!is(x, t, elem))
			continue;
		vendor = name = version = NULL;
		err = child_text(x, t, vendor_elem, &vendor);
		if (!err)
			err = child_text(x, t, "name", &name);
		if (!err)
			err = child_text(x, t, "version", &version);
		if (!err && name && psirt_sbom_tool_add(x->ctx->doc, vendor, name, version))
			err = nomem(x);
	}
	return err;
}

static enum psirt_err metadata(struct xp *x, const xmlNode *m)
{
	struct psirt_sbom_doc *doc = x->ctx->doc;
	const xmlNode *e;
	const char *ts = NULL;
	enum psirt_err err;
	size_t old;

	err = child_text(x, m, "timestamp", &ts);
	if (err)
		return err;
	if (ts) {
		if (!sbom__rfc3339_ok(ts))
			return fail_at(x, child(x, m, "timestamp"), PSIRT_EINVAL,
			               "timestamp '%s' is not an RFC 3339 date-time", ts);
		doc->created = ts;
	}
	e = child(x, m, "tools");
	if (e) {
		err = tools(x, e);
		if (err)
			return err;
	}
	e = child(x, m, "component");
	if (!e)
		return PSIRT_OK;
	if (!psirt_sbom_root_add(doc))
		return nomem(x);
	old = sbom__path_push(x->ctx, "component");
	err = component(x, e, doc->root);
	sbom__path_pop(x->ctx, old);
	return err;
}

static enum psirt_err dependencies(struct xp *x, const xmlNode *list)
{
	const xmlNode *d, *on;
	enum psirt_err err = PSIRT_OK;

	for (d = list->children; d && !err; d = d->next) {
		xmlChar *ref;

		if (!is(x, d, "dependency"))
			continue;
		ref = attr(d, "ref");
		if (!ref || !*ref) {
			err = fail_at(x, d, PSIRT_EINVAL, "<dependency> without a ref");
			xmlFree(ref);
			break;
		}
		if (psirt_sbom_dependency_add(x->ctx->doc, (const char *)ref, NULL))
			err = nomem(x);
		for (on = d->children; on && !err; on = on->next) {
			xmlChar *r;
			if (!is(x, on, "dependency"))
				continue;
			r = attr(on, "ref");
			if (!r || !*r)
				err = fail_at(x, on, PSIRT_EINVAL, "<dependency> without a ref");
			else if (psirt_sbom_dependency_add(x->ctx->doc, (const char *)ref,
			                                   (const char *)r))
				err = nomem(x);
			xmlFree(r);
		}
		xmlFree(ref);
	}
	return err;
}

/* SAX hook: a DOCTYPE ends the parse before its internal subset is read. */
static void on_doctype(void *user, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr pc = user;
	struct xp *x = pc->_private;

	(void)name;
	(void)ext;
	(void)sys;
	x->doctype = 1;
	x->doctype_line = pc->input ? pc->input->line : 0;
	xmlStopParser(pc);
}

/* Structured error hook: keeps the first error. */
static void on_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr pc = user;
	struct xp *x = pc ? pc->_private : NULL;

	if (!x || x->have_error || !e || e->level < XML_ERR_ERROR)
		return;
	x->have_error = 1;
	x->error_nomem = e->code == XML_ERR_NO_MEMORY;
	x->error_line = e->line;
	x->error_column = e->int2;
	psirt_buf_adds(&x->error, e->message ? e->message : "not well-formed");
	while (x->error.len && psirt_isspace((unsigned char)x->error.p[x->error.len - 1]))
		psirt_buf_truncate(&x->error, x->error.len - 1);
}

static enum psirt_err bom(struct xp *x, const xmlNode *root)
{
	struct psirt_sbom_doc *doc = x->ctx->doc;
	const xmlNode *e;
	xmlChar *serial;
	enum psirt_err err = PSIRT_OK;
	size_t i, old;

	if (!root->ns || xmlStrncmp(root->ns->href, (const xmlChar *)CDX_NS, strlen(CDX_NS)))
		return fail_at(
		    x, root, PSIRT_EINVAL,
		    "the root element is not in a CycloneDX namespace (xmlns=\"%s1.6\"), so "
		    "the spec version is unknown",
		    CDX_NS);
	x->ns = root->ns->href;
	for (i = 0; i < sizeof cdx_versions / sizeof cdx_versions[0]; i++)
		if (xmlStrEqual(x->ns + strlen(CDX_NS), (const xmlChar *)cdx_versions[i]))
			break;
	if (i == sizeof cdx_versions / sizeof cdx_versions[0])
		return fail_at(x, root, PSIRT_EUNSUPPORTED,
		               "CycloneDX namespace '%s' is not supported (1.0 to 1.7)",
		               (const char *)x->ns);
	if (!is(x, root, "bom"))
		return fail_at(x, root, PSIRT_EINVAL, "the root element is <%s>, not <bom>",
		               (const char *)root->name);
	doc->spec_version = cdx_versions[i];
	serial = attr(root, "serialNumber");
	if (serial) {
		if (!sbom__urn_uuid_ok((const char *)serial))
			err = fail_at(x, root, PSIRT_EINVAL,
			              "serialNumber '%s' is not a urn:uuid (RFC 4122)",
			              (const char *)serial);
		else
			doc->serial = psirt_sbom_strdup(doc, (const char *)serial,
			                                strlen((const char *)serial));
		xmlFree(serial);
		if (!err && !doc->serial)
			err = nomem(x);
		if (err)
			return err;
	}
	old = sbom__path_push(x->ctx, "bom");
	e = child(x, root, "metadata");
	if (e) {
		size_t o2 = sbom__path_push(x->ctx, "metadata");
		err = metadata(x, e);
		sbom__path_pop(x->ctx, o2);
	}
	e = child(x, root, "components");
	if (!err && e) {
		size_t o2 = sbom__path_push(x->ctx, "components");
		err = components(x, e, NULL);
		sbom__path_pop(x->ctx, o2);
	}
	e = child(x, root, "dependencies");
	if (!err && e)
		err = dependencies(x, e);
	sbom__path_pop(x->ctx, old);
	return err;
}

static enum psirt_err parse(struct sbom__ctx *ctx)
{
	struct xp x;
	xmlParserCtxtPtr pc;
	xmlDocPtr d;
	enum psirt_err err;
	/* NONET: no network; NOERROR/NOWARNING: errors stay in the context;
	 * NOCDATA: CDATA reads as text; BIG_LINES: true line numbers past
	 * 65535. Deliberately absent: NOENT, DTDLOAD, DTDATTR, HUGE, XINCLUDE. */
	const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                 XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

	memset(&x, 0, sizeof x);
	x.ctx = ctx;
	if (ctx->len > INT_MAX)
		return sbom__fail(ctx, PSIRT_ETOOBIG, 0, "XML input too large");
	pc = xmlNewParserCtxt();
	if (!pc)
		return sbom__fail(ctx, PSIRT_ENOMEM, 0, "out of memory");
	psirt_buf_init(&x.error, 1 << 12);
	pc->_private = &x;
	pc->sax->internalSubset = on_doctype;
	pc->sax->serror = on_error;
	d = xmlCtxtReadMemory(pc, ctx->data, (int)ctx->len, NULL, NULL, opts);
	if (x.doctype) {
		err = sbom__fail(ctx, PSIRT_EINVAL, x.doctype_line,
		                 "a DOCTYPE is not allowed in a CycloneDX document (no DTDs, no "
		                 "entities)");
		goto out_free;
	}
	if (!d || !pc->wellFormed || x.have_error) {
		if (x.error_nomem || (!x.have_error && !d)) {
			err = sbom__fail(ctx, PSIRT_ENOMEM, 0, "out of memory");
		} else {
			err = sbom__fail(ctx, PSIRT_EINVAL, x.error_line, "invalid XML: %s",
			                 x.error.len ? x.error.p : "not well-formed");
			if (ctx->diag && x.error_line > 0 && x.error_column > 0)
				ctx->diag->column = x.error_column;
		}
		goto out_free;
	}
	err = bom(&x, xmlDocGetRootElement(d));
out_free:
	xmlFreeDoc(d);
	xmlFreeParserCtxt(pc);
	psirt_buf_release(&x.error);
	return err;
}

void sbom__xml_init(void)
{
	xmlInitParser();
}

static int sniff(const struct sbom__sniff *s)
{
	return s->shape == SBOM__SHAPE_XML && s->xml_cyclonedx;
}

const struct sbom__format sbom__fmt_cyclonedx_xml = {
    .format = PSIRT_SBOM_CYCLONEDX_XML,
    .name = "cyclonedx-xml",
    .sniff = sniff,
    .parse = parse,
    .export = NULL,
};
