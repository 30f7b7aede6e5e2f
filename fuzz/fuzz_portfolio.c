/* libFuzzer target: SBOM import into the store and back. Any input that
 * parses as an SBOM (format detected from content) is imported into one
 * product version of an in-memory store, replacing the previous input's
 * components, and must come back from the store equal in every field, with
 * a release diff against itself that is empty and an export that works. An
 * import the store refuses (a component without a name) must leave the
 * version as it was. The first line of the input also goes through the
 * checks on typed names and the hardware CPE derivation: a derived CPE must
 * parse as a CPE of part h. A broken invariant aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolio/internal.h"
#include "psirt/cpe.h"
#include "psirt/portfolio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The store lives across inputs (opening one applies every migration);
 * reopened now and then so that the import history does not pile up. */
static struct psirt_store *store;
static unsigned long runs;

static void fail(const char *what, const struct psirt_diag *d)
{
	fprintf(stderr, "invariant broken: %s: %s\n", what, d && d->message ? d->message : "");
	abort();
}

static int same(const char *a, const char *b)
{
	return (!a || !b) ? a == b : !strcmp(a, b);
}

static int component_equal(const struct psirt_sbom_component *a,
                           const struct psirt_sbom_component *b)
{
	size_t i;

	if (!same(a->ref, b->ref) || !same(a->name, b->name) || !same(a->version, b->version) ||
	    !same(a->group, b->group) || !same(a->supplier, b->supplier) ||
	    !same(a->description, b->description) || !same(a->purl, b->purl) ||
	    a->type != b->type || a->scope != b->scope || a->flags != b->flags ||
	    a->index != b->index || !a->parent != !b->parent ||
	    (a->parent && a->parent->index != b->parent->index) || a->n_cpes != b->n_cpes ||
	    a->n_hashes != b->n_hashes || a->n_licenses != b->n_licenses ||
	    a->n_properties != b->n_properties)
		return 0;
	for (i = 0; i < a->n_cpes; i++) {
		if (!same(a->cpes[i].value, b->cpes[i].value) || a->cpes[i].valid != b->cpes[i].valid)
			return 0;
	}
	for (i = 0; i < a->n_hashes; i++) {
		if (a->hashes[i].alg != b->hashes[i].alg ||
		    !same(a->hashes[i].value, b->hashes[i].value))
			return 0;
	}
	for (i = 0; i < a->n_licenses; i++) {
		if (a->licenses[i].kind != b->licenses[i].kind ||
		    a->licenses[i].ack != b->licenses[i].ack ||
		    !same(a->licenses[i].value, b->licenses[i].value))
			return 0;
	}
	for (i = 0; i < a->n_properties; i++) {
		if (!same(a->properties[i].name, b->properties[i].name) ||
		    !same(a->properties[i].value, b->properties[i].value))
			return 0;
	}
	return 1;
}

static void names(const uint8_t *data, size_t size)
{
	struct psirt_arena arena;
	struct psirt_cpe *cpe = NULL;
	const char *derived;
	size_t n = 0;
	char *line;

	while (n < size && n < 300 && data[n] != '\n')
		n++;
	line = malloc(n + 1);
	if (!line)
		return;
	memcpy(line, data, n);
	line[n] = '\0';
	(void)portfolio__check_text("fuzz", line, 0, NULL);
	psirt_arena_init(&arena, 0);
	derived = portfolio__hw_cpe(&arena, "ACME Corp", line);
	if (derived) {
		if (psirt_cpe_parse(psirt_str_c(derived), &cpe, NULL) || psirt_cpe_part(cpe) != 'h')
			fail("a derived hardware CPE does not parse as part h", NULL);
		psirt_cpe_free(cpe);
	}
	psirt_arena_release(&arena);
	free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_sbom_source src = { "fuzz", NULL, "fuzz", NULL, (long long)size };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL, *back = NULL;
	struct psirt_portfolio_versions *vs;
	struct psirt_sbom_diff *diff = NULL;
	struct psirt_buf out = PSIRT_BUF_INIT;
	long long before = -1;
	enum psirt_err err;
	size_t i;

	names(data, size);
	if (!store || ++runs % 2000 == 0) {
		psirt_store_close(store);
		store = NULL;
		if (psirt_store_open(":memory:", PSIRT_STORE_CREATE, &store, &d) ||
		    psirt_portfolio_product_add(store, "fuzz", NULL, "fuzz", &d))
			fail("store", &d);
	}
	if (psirt_sbom_parse((const char *)data, size, "fuzz", PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d))
		goto out;
	if (!psirt_portfolio_versions(store, "fuzz", "v", &vs, NULL)) {
		before = vs->items[0].sbom_import;
		psirt_portfolio_versions_free(vs);
	}
	err = psirt_portfolio_sbom_import(store, "fuzz", "v", doc, &src, NULL, &d);
	if (err) {
		if (err != PSIRT_EINVAL || !strstr(d.message, "has no name"))
			fail("import", &d);
		/* refused: the version is as it was */
		if (!psirt_portfolio_versions(store, "fuzz", "v", &vs, NULL)) {
			if (vs->items[0].sbom_import != before)
				fail("a refused import changed the version", NULL);
			psirt_portfolio_versions_free(vs);
		} else if (before != -1) {
			fail("a refused import removed the version", NULL);
		}
		goto out;
	}
	if (psirt_portfolio_sbom_doc(store, "fuzz", "v", &back, &d))
		fail("read back", &d);
	if (back->n_components != doc->n_components)
		fail("components lost in the store", NULL);
	for (i = 0; i < doc->n_components; i++) {
		if (!component_equal(doc->components[i], back->components[i]))
			fail("a component changed in the store", NULL);
	}
	if (back->n_deps != doc->n_deps)
		fail("dependencies lost in the store", NULL);
	if (psirt_sbom_diff_docs(doc, back, &diff, &d) || diff->n != 0 ||
	    diff->unchanged != doc->n_components)
		fail("a version differs from itself", &d);
	if (psirt_sbom_export(back, PSIRT_SBOM_CYCLONEDX_JSON, &out, &d))
		fail("export", &d);
out:
	psirt_sbom_diff_free(diff);
	psirt_buf_release(&out);
	psirt_sbom_free(back);
	psirt_sbom_free(doc);
	psirt_diag_release(&d);
	return 0;
}
