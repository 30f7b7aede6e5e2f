/* Helpers shared by the SBOM test programs (header-only: each test program
 * is one translation unit plus tests/support). */
#ifndef PSIRT_TESTS_SBOM_TEST_H
#define PSIRT_TESTS_SBOM_TEST_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/sbom.h"
#include "support/support.h"

/* Loads a fixture (relative to tests/data) into a document; fails the test
 * with the diagnostic when it does not parse. */
static inline struct psirt_sbom_doc *load_ok(const char *relative)
{
	char *path = ts_data_path(relative);
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL;

	if (psirt_sbom_load(path, PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d)) {
		char *m = psirt_diag_format(&d);
		fail_msg("%s does not import: %s", relative, m ? m : "?");
	}
	free(path);
	return doc;
}

/* Parses a string; returns the error code and the formatted diagnostic
 * (owned, free with free(); NULL on success). */
static inline enum psirt_err parse_str(const char *text, const char *name,
                                       struct psirt_sbom_doc **doc, char **msg)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err err =
	    psirt_sbom_parse(text, strlen(text), name, PSIRT_SBOM_FORMAT_UNKNOWN, doc, &d);

	*msg = err ? psirt_diag_format(&d) : NULL;
	psirt_diag_release(&d);
	return err;
}

static inline const struct psirt_sbom_component *find_name(const struct psirt_sbom_doc *doc,
                                                           const char *name)
{
	size_t i;

	for (i = 0; i < doc->n_components; i++)
		if (!strcmp(doc->components[i]->name, name))
			return doc->components[i];
	fail_msg("no component named %s", name);
	return NULL;
}

static inline const struct psirt_sbom_dependency *find_dep(const struct psirt_sbom_doc *doc,
                                                           const char *ref)
{
	size_t i;

	for (i = 0; i < doc->n_deps; i++)
		if (!strcmp(doc->deps[i].ref, ref))
			return &doc->deps[i];
	return NULL;
}

static inline int depends(const struct psirt_sbom_doc *doc, const char *ref, const char *on)
{
	const struct psirt_sbom_dependency *d = find_dep(doc, ref);
	size_t i;

	for (i = 0; d && i < d->n_depends_on; i++)
		if (!strcmp(d->depends_on[i], on))
			return 1;
	return 0;
}

static inline const char *prop(const struct psirt_sbom_component *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_properties; i++)
		if (!strcmp(c->properties[i].name, name))
			return c->properties[i].value ? c->properties[i].value : "(none)";
	return NULL;
}

static inline size_t count_warnings(const struct psirt_sbom_doc *doc,
                                    enum psirt_sbom_warning_code code)
{
	size_t i, n = 0;

	for (i = 0; i < doc->n_warnings; i++)
		n += doc->warnings[i].code == code;
	return n;
}

static inline int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static inline int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of the regular files in tests/data/<relative>; returns
 * owned memory (free each name and the array). */
static inline char **list_dir(const char *relative, size_t *n)
{
	char *path = ts_data_path(relative);
	DIR *dir = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (!dir)
		fail_msg("cannot open %s", path);
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof *names);
			assert_non_null(names);
		}
		names[(*n)++] = strdup(e->d_name);
	}
	closedir(dir);
	free(path);
	qsort(names, *n, sizeof *names, cmp_names);
	return names;
}

static inline void free_list(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

#endif
