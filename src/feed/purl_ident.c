/* The package-URL identity of a package statement (see feed/internal.h).
 *
 * The matcher keys OSV ranges by purl type, namespace and name (DESIGN.md
 * "Matching"). OSV gives a purl for some packages only; for the others the
 * identity is derived from the ecosystem and the name as the purl-spec type
 * definitions spell them (types/NAME-definition.json: maven namespace = group,
 * golang namespace = the module path up to the last '/', npm namespace = the
 * @scope, distribution packages under their distro's namespace). The result
 * is normalised by psirt/purl.h, so "Flask" and "flask" (PyPI) or a Debian
 * package with and without its purl meet under one key.
 */
#include <string.h>

#include "feed/internal.h"
#include "psirt/purl.h"

enum split {
	SPLIT_NONE,        /* the whole name */
	SPLIT_COLON,       /* "group:artifact" (Maven) */
	SPLIT_FIRST_SLASH, /* "@scope/name", "vendor/name", "owner/repo" */
	SPLIT_LAST_SLASH,  /* "github.com/owner/module" (Go, SwiftURL) */
};

/* OSV ecosystems (osv-schema ecosystems.json) that have a purl type. */
static const struct {
	const char *ecosystem;
	const char *type;
	const char *ns; /* a fixed namespace (the distro), or NULL */
	enum split split;
} ecosystems[] = {
	{ "AlmaLinux", "rpm", "almalinux", SPLIT_NONE },
	{ "Alpine", "apk", "alpine", SPLIT_NONE },
	{ "Azure Linux", "rpm", "azurelinux", SPLIT_NONE },
	{ "Bitnami", "bitnami", NULL, SPLIT_NONE },
	{ "CRAN", "cran", NULL, SPLIT_NONE },
	{ "Chainguard", "apk", "chainguard", SPLIT_NONE },
	{ "ConanCenter", "conan", NULL, SPLIT_NONE },
	{ "Debian", "deb", "debian", SPLIT_NONE },
	{ "GitHub Actions", "github", NULL, SPLIT_FIRST_SLASH },
	{ "Go", "golang", NULL, SPLIT_LAST_SLASH },
	{ "Hackage", "hackage", NULL, SPLIT_NONE },
	{ "Hex", "hex", NULL, SPLIT_NONE },
	{ "Mageia", "rpm", "mageia", SPLIT_NONE },
	{ "Maven", "maven", NULL, SPLIT_COLON },
	{ "NuGet", "nuget", NULL, SPLIT_NONE },
	{ "Packagist", "composer", NULL, SPLIT_FIRST_SLASH },
	{ "Photon OS", "rpm", "photon", SPLIT_NONE },
	{ "Pub", "pub", NULL, SPLIT_NONE },
	{ "PyPI", "pypi", NULL, SPLIT_NONE },
	{ "Red Hat", "rpm", "redhat", SPLIT_NONE },
	{ "Rocky Linux", "rpm", "rocky-linux", SPLIT_NONE },
	{ "RubyGems", "gem", NULL, SPLIT_NONE },
	{ "SUSE", "rpm", "suse", SPLIT_NONE },
	{ "SwiftURL", "swift", NULL, SPLIT_LAST_SLASH },
	{ "Ubuntu", "deb", "ubuntu", SPLIT_NONE },
	{ "Wolfi", "apk", "wolfi", SPLIT_NONE },
	{ "crates.io", "cargo", NULL, SPLIT_NONE },
	{ "npm", "npm", NULL, SPLIT_FIRST_SLASH },
	{ "openEuler", "rpm", "openeuler", SPLIT_NONE },
	{ "openSUSE", "rpm", "opensuse", SPLIT_NONE },
	{ "opam", "opam", NULL, SPLIT_NONE },
};

/* Copies the identity of a parsed or built purl into the arena. Returns 1,
 * 0 when a component holds a NUL byte (no identity), -1 out of memory. */
static int take(struct psirt_arena *a, const struct psirt_purl *pu, struct psirt_vuln_package *pkg)
{
	if (memchr(pu->type.p, '\0', pu->type.len) || memchr(pu->name.p, '\0', pu->name.len) ||
	    (pu->ns.p && memchr(pu->ns.p, '\0', pu->ns.len)))
		return 0;
	pkg->purl_type = psirt_arena_strndup(a, pu->type.p, pu->type.len);
	pkg->purl_namespace = psirt_arena_strndup(a, pu->ns.p ? pu->ns.p : "", pu->ns.len);
	pkg->purl_name = psirt_arena_strndup(a, pu->name.p, pu->name.len);
	return pkg->purl_type && pkg->purl_namespace && pkg->purl_name ? 1 : -1;
}

/* From the purl the record gives: canonical form and identity. */
static enum psirt_err from_purl(struct psirt_arena *a, struct psirt_vuln_package *pkg, int *done)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_purl pu;
	int r;

	*done = 0;
	if (psirt_purl_parse_arena(psirt_str_c(pkg->purl), PSIRT_PURL_LENIENT, a, &pu,
	                           NULL))
		return PSIRT_OK; /* kept as given; the identity may still be derived */
	if (psirt_purl_format(&pu, &b) == PSIRT_OK) {
		const char *canon = psirt_arena_strndup(a, b.p, b.len);

		psirt_buf_release(&b);
		if (!canon)
			return PSIRT_ENOMEM;
		pkg->purl = canon;
	}
	psirt_buf_release(&b);
	r = take(a, &pu, pkg);
	if (r < 0)
		return PSIRT_ENOMEM;
	*done = r;
	return PSIRT_OK;
}

static enum psirt_err from_ecosystem(struct psirt_arena *a, struct psirt_vuln_package *pkg)
{
	const char *eco = pkg->ecosystem, *name = pkg->name, *cut = NULL;
	size_t base = strcspn(eco, ":"), i;
	struct psirt_purl parts, pu;
	enum psirt_err err;
	int r;

	for (i = 0; i < sizeof ecosystems / sizeof ecosystems[0]; i++) {
		if (strlen(ecosystems[i].ecosystem) == base &&
		    !memcmp(ecosystems[i].ecosystem, eco, base))
			break;
	}
	if (i == sizeof ecosystems / sizeof ecosystems[0] || !*name)
		return PSIRT_OK;
	memset(&parts, 0, sizeof parts);
	parts.type = psirt_str_c(ecosystems[i].type);
	switch (ecosystems[i].split) {
	case SPLIT_COLON:
		cut = strchr(name, ':');
		break;
	case SPLIT_FIRST_SLASH:
		cut = strchr(name, '/');
		break;
	case SPLIT_LAST_SLASH:
		cut = strrchr(name, '/');
		break;
	case SPLIT_NONE:
		break;
	}
	if (ecosystems[i].ns)
		parts.ns = psirt_str_c(ecosystems[i].ns);
	if (cut) {
		parts.ns = psirt_str_make(name, (size_t)(cut - name));
		parts.name = psirt_str_c(cut + 1);
	} else {
		parts.name = psirt_str_c(name);
	}
	err = psirt_purl_build(&parts, PSIRT_PURL_LENIENT, &pu, NULL);
	if (err == PSIRT_ENOMEM)
		return err;
	if (err)
		return PSIRT_OK; /* not a valid name of that type: no identity */
	r = take(a, &pu, pkg);
	psirt_purl_release(&pu);
	return r < 0 ? PSIRT_ENOMEM : PSIRT_OK;
}

enum psirt_err feed__package_identity(struct psirt_arena *a, struct psirt_vuln_package *pkg)
{
	enum psirt_err err;
	int done = 0;

	pkg->purl_type = pkg->purl_namespace = pkg->purl_name = NULL;
	if (pkg->purl && (err = from_purl(a, pkg, &done)))
		return err;
	if (!done && pkg->ecosystem && pkg->name)
		return from_ecosystem(a, pkg);
	return PSIRT_OK;
}
