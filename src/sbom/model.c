/* The in-memory SBOM model: documents, builders, warnings (see
 * include/psirt/sbom.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/sbom.h"
#include "sbom/internal.h"

struct psirt_sbom_doc *psirt_sbom_new(void)
{
	struct psirt_sbom_doc *doc = calloc(1, sizeof *doc);

	if (!doc)
		return NULL;
	psirt_arena_init(&doc->arena, 0);
	psirt_map_init(&doc->refs);
	psirt_map_init(&doc->dep_index);
	psirt_buf_init(&doc->scratch, 0);
	return doc;
}

void psirt_sbom_free(struct psirt_sbom_doc *doc)
{
	if (!doc)
		return;
	psirt_map_release(&doc->refs);
	psirt_map_release(&doc->dep_index);
	psirt_buf_release(&doc->scratch);
	psirt_arena_release(&doc->arena);
	free(doc);
}

const char *psirt_sbom_strdup(struct psirt_sbom_doc *doc, const char *s, size_t len)
{
	if (!s)
		return NULL;
	return psirt_arena_strndup(&doc->arena, s, len);
}

/* Capacity implied by the count: 4 for 1..4, then the next power of two,
 * so no capacity field is needed. Grows when n is 0, or n ≥ 4 and a power
 * of two (the array is full then). */
void *sbom__grow(struct psirt_sbom_doc *doc, void *arr, size_t n, size_t elem)
{
	size_t cap;
	void *p;

	if (n != 0 && (n < 4 || (n & (n - 1)) != 0))
		return arr;
	cap = n ? n * 2 : 4;
	if (cap > SIZE_MAX / elem)
		return NULL;
	p = psirt_arena_alloc(&doc->arena, cap * elem);
	if (p && n)
		memcpy(p, arr, n * elem);
	return p;
}

static size_t depth_of(const struct psirt_sbom_component *c)
{
	size_t d = 0;

	for (; c; c = c->parent)
		d++;
	return d;
}

static void set_err(enum psirt_err *err, enum psirt_err e)
{
	if (err)
		*err = e;
}

struct psirt_sbom_component *psirt_sbom_component_add(struct psirt_sbom_doc *doc,
                                                      struct psirt_sbom_component *parent,
                                                      enum psirt_err *err)
{
	struct psirt_sbom_component *c, **arr;

	if (doc->n_components >= PSIRT_SBOM_MAX_COMPONENTS ||
	    depth_of(parent) >= PSIRT_SBOM_MAX_DEPTH) {
		set_err(err, PSIRT_ETOOBIG);
		return NULL;
	}
	arr = sbom__grow(doc, doc->components, doc->n_components, sizeof *arr);
	c = psirt_arena_calloc(&doc->arena, 1, sizeof *c);
	if (!arr || !c) {
		set_err(err, PSIRT_ENOMEM);
		return NULL;
	}
	c->type = PSIRT_SBOM_TYPE_LIBRARY;
	c->name = "";
	c->parent = parent == doc->root ? NULL : parent;
	c->index = doc->n_components;
	doc->components = arr;
	arr[doc->n_components++] = c;
	set_err(err, PSIRT_OK);
	return c;
}

enum psirt_err sbom__component_push(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c)
{
	struct psirt_sbom_component **arr;

	if (doc->n_components >= PSIRT_SBOM_MAX_COMPONENTS)
		return PSIRT_ETOOBIG;
	arr = sbom__grow(doc, doc->components, doc->n_components, sizeof *arr);
	if (!arr)
		return PSIRT_ENOMEM;
	c->index = doc->n_components;
	doc->components = arr;
	arr[doc->n_components++] = c;
	return PSIRT_OK;
}

struct psirt_sbom_component *psirt_sbom_root_add(struct psirt_sbom_doc *doc)
{
	struct psirt_sbom_component *c;

	if (doc->root)
		return NULL;
	c = psirt_arena_calloc(&doc->arena, 1, sizeof *c);
	if (!c)
		return NULL;
	c->type = PSIRT_SBOM_TYPE_APPLICATION;
	c->name = "";
	c->index = SIZE_MAX;
	doc->root = c;
	return c;
}

enum psirt_err psirt_sbom_set_ref(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                  const char *ref, size_t len)
{
	const char *copy;

	if (psirt_map_has(&doc->refs, ref, len))
		return PSIRT_EINVAL;
	copy = psirt_sbom_strdup(doc, ref, len);
	if (!copy || psirt_map_put(&doc->refs, ref, len, c, NULL))
		return PSIRT_ENOMEM;
	c->ref = copy;
	return PSIRT_OK;
}

struct psirt_sbom_component *psirt_sbom_find(const struct psirt_sbom_doc *doc, const char *ref,
                                             size_t len)
{
	return psirt_map_get(&doc->refs, ref, len);
}

enum psirt_err psirt_sbom_cpe_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                  const char *cpe, size_t len)
{
	struct psirt_sbom_cpe *arr = sbom__grow(doc, c->cpes, c->n_cpes, sizeof *arr);
	const char *copy = psirt_sbom_strdup(doc, cpe, len);

	if (!arr || !copy)
		return PSIRT_ENOMEM;
	c->cpes = arr;
	arr[c->n_cpes].value = copy;
	arr[c->n_cpes].valid = sbom__ident_check(SBOM__CPE, cpe, len, NULL) == 0;
	if (!arr[c->n_cpes].valid)
		c->flags |= PSIRT_SBOM_C_BAD_CPE;
	c->n_cpes++;
	return PSIRT_OK;
}

enum psirt_err psirt_sbom_hash_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                   enum psirt_sbom_hash_alg alg, const char *hex, size_t len)
{
	struct psirt_sbom_hash *arr = sbom__grow(doc, c->hashes, c->n_hashes, sizeof *arr);
	const char *copy = psirt_sbom_strdup(doc, hex, len);

	if (!arr || !copy)
		return PSIRT_ENOMEM;
	c->hashes = arr;
	arr[c->n_hashes].alg = alg;
	arr[c->n_hashes].value = copy;
	c->n_hashes++;
	return PSIRT_OK;
}

enum psirt_err psirt_sbom_license_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                      enum psirt_sbom_license_kind kind,
                                      enum psirt_sbom_license_ack ack, const char *value,
                                      size_t len)
{
	struct psirt_sbom_license *arr = sbom__grow(doc, c->licenses, c->n_licenses, sizeof *arr);
	const char *copy = psirt_sbom_strdup(doc, value, len);

	if (!arr || !copy)
		return PSIRT_ENOMEM;
	c->licenses = arr;
	arr[c->n_licenses].kind = kind;
	arr[c->n_licenses].ack = ack;
	arr[c->n_licenses].value = copy;
	c->n_licenses++;
	return PSIRT_OK;
}

enum psirt_err psirt_sbom_property_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                       const char *name, const char *value)
{
	struct psirt_sbom_property *arr =
	    sbom__grow(doc, c->properties, c->n_properties, sizeof *arr);
	const char *n = psirt_sbom_strdup(doc, name, strlen(name));
	const char *v = value ? psirt_sbom_strdup(doc, value, strlen(value)) : NULL;

	if (!arr || !n || (value && !v))
		return PSIRT_ENOMEM;
	c->properties = arr;
	arr[c->n_properties].name = n;
	arr[c->n_properties].value = v;
	c->n_properties++;
	return PSIRT_OK;
}

enum psirt_err psirt_sbom_tool_add(struct psirt_sbom_doc *doc, const char *vendor, const char *name,
                                   const char *version)
{
	struct psirt_sbom_tool *arr = sbom__grow(doc, doc->tools, doc->n_tools, sizeof *arr);
	struct psirt_sbom_tool t;

	t.vendor = vendor ? psirt_sbom_strdup(doc, vendor, strlen(vendor)) : NULL;
	t.name = psirt_sbom_strdup(doc, name ? name : "", name ? strlen(name) : 0);
	t.version = version ? psirt_sbom_strdup(doc, version, strlen(version)) : NULL;
	if (!arr || !t.name || (vendor && !t.vendor) || (version && !t.version))
		return PSIRT_ENOMEM;
	doc->tools = arr;
	arr[doc->n_tools++] = t;
	return PSIRT_OK;
}

enum psirt_err psirt_sbom_dependency_add(struct psirt_sbom_doc *doc, const char *ref,
                                         const char *on)
{
	struct psirt_sbom_dependency *d = NULL;
	const char **arr;
	size_t i, rl = strlen(ref);
	struct psirt_buf *key = &doc->scratch; /* reused: no malloc per edge */
	enum psirt_err err = PSIRT_OK;

	/* dep_index: "\1" + ref → the entry's index plus one. */
	psirt_buf_reset(key);
	psirt_buf_addch(key, '\1');
	psirt_buf_add(key, ref, rl);
	if (psirt_buf_error(key)) {
		err = PSIRT_ENOMEM;
		goto out;
	}
	i = (size_t)(uintptr_t)psirt_map_get(&doc->dep_index, key->p, key->len);
	if (i) {
		d = &doc->deps[i - 1];
	} else {
		struct psirt_sbom_dependency *deps =
		    sbom__grow(doc, doc->deps, doc->n_deps, sizeof *deps);
		const char *copy = psirt_sbom_strdup(doc, ref, rl);

		if (!deps || !copy) {
			err = PSIRT_ENOMEM;
			goto out;
		}
		doc->deps = deps;
		d = &deps[doc->n_deps];
		memset(d, 0, sizeof *d);
		d->ref = copy;
		if (psirt_map_put(&doc->dep_index, key->p, key->len,
		                  (void *)(uintptr_t)(doc->n_deps + 1), NULL)) {
			err = PSIRT_ENOMEM;
			goto out;
		}
		doc->n_deps++;
	}
	if (!on)
		goto out;
	/* "\2" + ref + "\0" + on: the edges seen, so that a root depending on
	 * every component does not make a duplicate scan quadratic. */
	psirt_buf_truncate(key, 0);
	psirt_buf_addch(key, '\2');
	psirt_buf_add(key, ref, rl + 1);
	psirt_buf_adds(key, on);
	if (psirt_buf_error(key)) {
		err = PSIRT_ENOMEM;
		goto out;
	}
	if (psirt_map_has(&doc->dep_index, key->p, key->len))
		goto out;
	if (psirt_map_put(&doc->dep_index, key->p, key->len, NULL, NULL)) {
		err = PSIRT_ENOMEM;
		goto out;
	}
	arr = sbom__grow(doc, d->depends_on, d->n_depends_on, sizeof *arr);
	if (!arr) {
		err = PSIRT_ENOMEM;
		goto out;
	}
	d->depends_on = arr;
	arr[d->n_depends_on] = psirt_sbom_strdup(doc, on, strlen(on));
	if (!arr[d->n_depends_on]) {
		err = PSIRT_ENOMEM;
		goto out;
	}
	d->n_depends_on++;
out:
	return err;
}

enum psirt_err psirt_sbom_set_purl(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                   const char *purl, size_t len)
{
	c->purl = psirt_sbom_strdup(doc, purl, len);
	if (!c->purl)
		return PSIRT_ENOMEM;
	if (sbom__ident_check(SBOM__PURL, purl, len, NULL))
		c->flags |= PSIRT_SBOM_C_BAD_PURL;
	else
		c->flags &= ~(unsigned)PSIRT_SBOM_C_BAD_PURL;
	return PSIRT_OK;
}

static const char *label(const struct psirt_sbom_component *c)
{
	return c->name && *c->name ? c->name : c->ref ? c->ref : "(unnamed)";
}

/* Warns about an identity the ident module refuses, with its reason. */
static enum psirt_err warn_bad_ident(struct psirt_sbom_doc *doc, enum psirt_sbom_warning_code code,
                                     const struct psirt_sbom_component *c, const char *where,
                                     long line, enum sbom__ident kind, const char *value)
{
	struct psirt_diag why = PSIRT_DIAG_INIT;
	enum psirt_err err;
	char *reason;

	sbom__ident_check(kind, value, strlen(value), &why);
	reason = why.code ? psirt_diag_format(&why) : NULL;
	err = psirt_sbom_warn(doc, code, c, where, line,
	                      "component '%s': malformed %s '%s' (%s): kept, not matched", label(c),
	                      kind == SBOM__PURL ? "purl" : "CPE", value,
	                      reason ? reason : "invalid");
	free(reason);
	psirt_diag_release(&why);
	return err;
}

enum psirt_err psirt_sbom_component_check(struct psirt_sbom_doc *doc,
                                          struct psirt_sbom_component *c, const char *where,
                                          long line)
{
	size_t i;

	if (!c->purl && !c->n_cpes) {
		c->flags |= PSIRT_SBOM_C_NO_IDENTITY;
		return psirt_sbom_warn(doc, PSIRT_SBOM_W_NO_IDENTITY, c, where, line,
		                       "component '%s' has no purl and no CPE: it can only be "
		                       "matched by name",
		                       label(c));
	}
	c->flags &= ~(unsigned)PSIRT_SBOM_C_NO_IDENTITY;
	if (c->purl && (c->flags & PSIRT_SBOM_C_BAD_PURL) &&
	    warn_bad_ident(doc, PSIRT_SBOM_W_BAD_PURL, c, where, line, SBOM__PURL, c->purl))
		return PSIRT_ENOMEM;
	for (i = 0; i < c->n_cpes; i++) {
		if (!c->cpes[i].valid &&
		    warn_bad_ident(doc, PSIRT_SBOM_W_BAD_CPE, c, where, line, SBOM__CPE,
		                   c->cpes[i].value))
			return PSIRT_ENOMEM;
	}
	return PSIRT_OK;
}

enum psirt_err psirt_sbom_warn(struct psirt_sbom_doc *doc, enum psirt_sbom_warning_code code,
                               const struct psirt_sbom_component *c, const char *where, long line,
                               const char *fmt, ...)
{
	struct psirt_sbom_warning *arr, *w;
	struct psirt_buf msg;
	va_list ap;
	enum psirt_err err = PSIRT_OK;

	if (doc->n_warnings >= PSIRT_SBOM_MAX_WARNINGS) {
		doc->warnings_dropped++;
		return PSIRT_OK;
	}
	arr = sbom__grow(doc, doc->warnings, doc->n_warnings, sizeof *arr);
	if (!arr)
		return PSIRT_ENOMEM;
	doc->warnings = arr;
	w = &arr[doc->n_warnings];
	psirt_buf_init(&msg, 1 << 14); /* one line; long values are cut below */
	va_start(ap, fmt);
	psirt_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (psirt_buf_error(&msg) == PSIRT_ETOOBIG) {
		psirt_buf_reset(&msg);
		psirt_buf_adds(&msg, "(message too long)");
	}
	if (psirt_buf_error(&msg)) {
		err = PSIRT_ENOMEM;
		goto out_free_msg;
	}
	w->code = code;
	w->component = c;
	w->line = line;
	w->where = where ? psirt_sbom_strdup(doc, where, strlen(where)) : NULL;
	w->message = psirt_sbom_strdup(doc, msg.p, msg.len);
	if ((where && !w->where) || !w->message) {
		err = PSIRT_ENOMEM;
		goto out_free_msg;
	}
	doc->n_warnings++;
out_free_msg:
	psirt_buf_release(&msg);
	return err;
}
