/* Package statements (OSV `affected` entries) against purl identities.
 *
 * Which statements a purl reaches:
 *  - those whose own purl has the same type, namespace and name (version,
 *    qualifiers and subpath ignored: OSV writes "pkg:deb/debian/wget?arch=source");
 *  - those of the OSV ecosystem and package name the purl type stands for
 *    (deb/debian → Debian, apk/alpine → Alpine, npm, pypi → PyPI with PEP 503
 *    name normalisation, maven → Maven "group:artifact", golang → Go
 *    "namespace/name", cargo → crates.io, … — the table below);
 *  - GIT ranges whose repository is the subject's (given, or taken from a
 *    vcs_url qualifier or the github/gitlab/bitbucket purl types), and only
 *    when the subject carries a commit.
 * Releases: an ecosystem with a release ("Debian:11", "Alpine:v3.18",
 * "Ubuntu:22.04:LTS") speaks for that release only. The purl's distro
 * qualifier names the subject's ("debian-11", "bullseye", "alpine-3.18",
 * "ubuntu-22.04"): another release's statement is skipped; without the
 * qualifier every release's statement is tried, with medium confidence.
 * Versions: the purl's version, ordered by the range's scheme (SEMVER: the
 * semver scheme, a Go-style leading "v" dropped; ECOSYSTEM: the ecosystem's
 * scheme) with the OSV schema's evaluation (psirt_osv_range_contains); the
 * `versions` list by the same string or equality in the scheme. A version
 * the scheme cannot read matches no range.
 * GIT ranges: psirt has no commit graph (see psirt/osv_range.h), so a commit
 * matches only where an `introduced` or `last_affected` event names it (the
 * full hash, or an abbreviation of at least 7 hex digits), with medium
 * confidence; a commit between events is not decided — no finding. The
 * commit is the subject's (an SBOM's CycloneDX pedigree commit or SPDX
 * downloadLocation "git+https://…@<sha>", with that repository), or a
 * repository purl's version (pkg:github/o/r@<sha>).
 * Tag lists: OSS-Fuzz records (ecosystem "OSS-Fuzz", or none) give GIT
 * ranges and a `versions` list of the repository's tags ("v2.90",
 * "curl-7_88_1", "OpenSSL_1_1_1t", "hostap_2_9") — the only non-commit
 * statement they make. For a statement whose ecosystem has no version
 * scheme of its own, and a pkg:generic purl (the usual identity of an
 * embedded C component, which has no package ecosystem):
 *  - reach: the statement's package.name equals the purl's name, or the
 *    last path segment of one of its GIT repositories (without ".git")
 *    does, both compared case-insensitively ("dnsmasq" → OSS-Fuzz
 *    "dnsmasq"; "linux" → git.kernel.org/…/linux.git); or its own purl
 *    names the package (the first rule above). Not the namespace:
 *    generic namespaces are free text. Not other purl types: their own
 *    ecosystems' statements speak for them, and reading their versions as
 *    tags would add guesses to exact answers;
 *  - version: each tag without a leading "<package.name>-" or "_" (any
 *    case), then "release-", then "v"/"V" before a digit, with '_' read as
 *    '.'; what then starts with a digit is compared with the purl's version
 *    by the generic scheme's equality ("curl-7_88_1" → 7.88.1 == 7.88.1;
 *    "v2.90" → 2.90, not 2.9 and not 2.90rc1). Tags that do not start with
 *    a digit after that ("aosp-jb-start", "rc-8_15_0-2") are never versions.
 *  - confidence medium: a tag is the project's name for a commit, and an
 *    SBOM's "2.90" may be a vendor's patched build of it ("version 2.90
 *    listed as tag v2.90"). A version listed literally (the same string) is
 *    the `versions` rule above, with the reach's confidence.
 */
#include <stdlib.h>
#include <string.h>

#include "match/internal.h"

/* How OSV writes a package name from the purl's namespace and name. */
enum name_form { NF_NAME, NF_NS_SLASH, NF_NS_COLON };

static const struct {
	const char *type, *ns; /* ns NULL: any namespace */
	const char *ecosystem;
	enum name_form form;
} ecosystems[] = {
	{ "apk", "alpine", "Alpine", NF_NAME },
	{ "apk", "chainguard", "Chainguard", NF_NAME },
	{ "apk", "wolfi", "Wolfi", NF_NAME },
	{ "bitnami", NULL, "Bitnami", NF_NAME },
	{ "cargo", NULL, "crates.io", NF_NAME },
	{ "composer", NULL, "Packagist", NF_NS_SLASH },
	{ "cran", NULL, "CRAN", NF_NAME },
	{ "deb", "debian", "Debian", NF_NAME },
	{ "deb", "ubuntu", "Ubuntu", NF_NAME },
	{ "gem", NULL, "RubyGems", NF_NAME },
	{ "github", NULL, "GitHub Actions", NF_NS_SLASH },
	{ "golang", NULL, "Go", NF_NS_SLASH },
	{ "hackage", NULL, "Hackage", NF_NAME },
	{ "hex", NULL, "Hex", NF_NAME },
	{ "maven", NULL, "Maven", NF_NS_COLON },
	{ "npm", NULL, "npm", NF_NS_SLASH },
	{ "nuget", NULL, "NuGet", NF_NAME },
	{ "pub", NULL, "Pub", NF_NAME },
	{ "pypi", NULL, "PyPI", NF_NAME },
	{ "rpm", "almalinux", "AlmaLinux", NF_NAME },
	{ "rpm", "opensuse", "openSUSE", NF_NAME },
	{ "rpm", "redhat", "Red Hat", NF_NAME },
	{ "rpm", "rocky-linux", "Rocky Linux", NF_NAME },
	{ "rpm", "suse", "SUSE", NF_NAME },
	{ "swift", NULL, "SwiftURL", NF_NS_SLASH },
};

/* Debian code names (purl-spec deb: distro may be a code name). */
static const struct {
	const char *name, *release;
} debian_names[] = {
	{ "wheezy", "7" }, { "jessie", "8" }, { "stretch", "9" }, { "buster", "10" },
	{ "bullseye", "11" }, { "bookworm", "12" }, { "trixie", "13" }, { "forky", "14" },
};

static void add_lower(struct psirt_buf *b, struct psirt_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++)
		psirt_buf_addch(b, (char)psirt_tolower((unsigned char)s.p[i]));
}

static struct psirt_str base_of(struct psirt_str eco)
{
	size_t i;

	for (i = 0; i < eco.len && eco.p[i] != ':'; i++)
		;
	return psirt_str_make(eco.p, i);
}

void match__pkg_name_key(struct psirt_str ecosystem, struct psirt_str name, struct psirt_buf *b)
{
	struct psirt_str base = base_of(ecosystem);
	size_t i;

	psirt_buf_reset(b);
	add_lower(b, base);
	psirt_buf_addch(b, '\1');
	if (!psirt_str_ieq(base, "pypi")) {
		psirt_buf_add(b, name.p, name.len);
		return;
	}
	/* PEP 503: lower case, runs of '-', '_' and '.' as one '-' */
	for (i = 0; i < name.len; i++) {
		char c = name.p[i];

		if (c == '-' || c == '_' || c == '.') {
			if (!b->len || b->p[b->len - 1] != '-')
				psirt_buf_addch(b, '-');
		} else {
			psirt_buf_addch(b, (char)psirt_tolower((unsigned char)c));
		}
	}
}

void match__purl_key(const struct psirt_purl *p, struct psirt_buf *b)
{
	psirt_buf_reset(b);
	psirt_buf_add(b, p->type.p, p->type.len);
	psirt_buf_addch(b, '\1');
	psirt_buf_add(b, p->ns.p, p->ns.len);
	psirt_buf_addch(b, '\1');
	psirt_buf_add(b, p->name.p, p->name.len);
}

static struct psirt_str qualifier(const struct psirt_purl *p, const char *key)
{
	size_t i;

	for (i = 0; i < p->nqualifiers; i++) {
		if (psirt_str_eq(p->qualifiers[i].key, key))
			return p->qualifiers[i].value;
	}
	return PSIRT_STR_NULL;
}

int match__purl_ecosystem(const struct psirt_purl *p, struct psirt_buf *eco,
                          struct psirt_buf *name, struct psirt_buf *release)
{
	size_t i;

	psirt_buf_reset(eco);
	psirt_buf_reset(name);
	psirt_buf_reset(release);
	for (i = 0; i < sizeof ecosystems / sizeof ecosystems[0]; i++) {
		if (!psirt_str_eq(p->type, ecosystems[i].type))
			continue;
		if (ecosystems[i].ns && !psirt_str_ieq(p->ns, ecosystems[i].ns))
			continue;
		break;
	}
	if (i == sizeof ecosystems / sizeof ecosystems[0])
		return 0;
	psirt_buf_adds(eco, ecosystems[i].ecosystem);
	if (p->ns.len && ecosystems[i].form != NF_NAME) {
		psirt_buf_add(name, p->ns.p, p->ns.len);
		psirt_buf_addch(name, ecosystems[i].form == NF_NS_COLON ? ':' : '/');
	}
	psirt_buf_add(name, p->name.p, p->name.len);
	{
		struct psirt_str d = qualifier(p, "distro");

		psirt_buf_add(release, d.p, d.len);
	}
	return !psirt_buf_error(eco) && !psirt_buf_error(name);
}

void match__release_norm(struct psirt_str ecosystem, struct psirt_str release, struct psirt_buf *b)
{
	struct psirt_str base = base_of(ecosystem), r = release;
	size_t i, dots = 0, keep_dots = 99;

	psirt_buf_reset(b);
	/* "debian-11", "alpine-3.18", "ubuntu-22.04": the name is the ecosystem */
	if (r.len > base.len && r.p[base.len] == '-') {
		size_t k;

		for (k = 0; k < base.len && psirt_tolower((unsigned char)r.p[k]) ==
		                                    psirt_tolower((unsigned char)base.p[k]);
		     k++)
			;
		if (k == base.len) {
			r.p += base.len + 1;
			r.len -= base.len + 1;
		}
	}
	if (r.len > 1 && (r.p[0] == 'v' || r.p[0] == 'V') && psirt_isdigit((unsigned char)r.p[1])) {
		r.p++;
		r.len--;
	}
	for (i = 0; i < r.len && r.p[i] != ':'; i++)
		;
	r.len = i; /* "22.04:LTS" */
	if (psirt_str_ieq(base, "debian")) {
		for (i = 0; i < sizeof debian_names / sizeof debian_names[0]; i++) {
			if (psirt_str_ieq(r, debian_names[i].name)) {
				psirt_buf_adds(b, debian_names[i].release);
				return;
			}
		}
		keep_dots = 0; /* Debian releases are majors: 11.6 is 11 */
	} else if (psirt_str_ieq(base, "alpine")) {
		keep_dots = 1; /* 3.18.4 is 3.18 */
	}
	for (i = 0; i < r.len; i++) {
		if (r.p[i] == '.' && dots++ >= keep_dots)
			break;
		psirt_buf_addch(b, (char)psirt_tolower((unsigned char)r.p[i]));
	}
}

int match__repo_key(struct psirt_str url, struct psirt_buf *b)
{
	static const char *const schemes[] = { "git+https://", "git+http://", "git+ssh://",
		                               "https://",     "http://",     "git://",
		                               "ssh://",       "git+git://" };
	struct psirt_str u = url;
	size_t i, at;

	psirt_buf_reset(b);
	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		size_t n = strlen(schemes[i]);

		if (u.len >= n && psirt_str_ieq(psirt_str_make(u.p, n), schemes[i])) {
			u.p += n;
			u.len -= n;
			break;
		}
	}
	/* user@host: drop the user */
	for (at = 0; at < u.len && u.p[at] != '@' && u.p[at] != '/'; at++)
		;
	if (at < u.len && u.p[at] == '@') {
		u.p += at + 1;
		u.len -= at + 1;
	}
	/* a revision after the path (purl vcs_url "…/repo@v1.2") */
	for (i = 0; i < u.len && u.p[i] != '/'; i++)
		;
	for (; i < u.len; i++) {
		if (u.p[i] == '@') {
			u.len = i;
			break;
		}
	}
	while (u.len && u.p[u.len - 1] == '/')
		u.len--;
	if (u.len > 4 && psirt_str_ieq(psirt_str_make(u.p + u.len - 4, 4), ".git"))
		u.len -= 4;
	for (i = 0; i < u.len; i++) {
		char c = u.p[i];

		/* scp-like "github.com:owner/repo" */
		psirt_buf_addch(b, c == ':' ? '/' : (char)psirt_tolower((unsigned char)c));
	}
	return u.len > 0 && !psirt_buf_error(b);
}

/* The repository a purl names, or an empty key. */
static int purl_repo(const struct psirt_purl *p, struct psirt_buf *b)
{
	static const struct {
		const char *type, *host;
	} hosts[] = { { "github", "github.com" }, { "gitlab", "gitlab.com" },
		      { "bitbucket", "bitbucket.org" } };
	struct psirt_str vcs = qualifier(p, "vcs_url");
	size_t i;

	if (vcs.len)
		return match__repo_key(vcs, b);
	for (i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
		if (psirt_str_eq(p->type, hosts[i].type) && p->ns.len) {
			psirt_buf_reset(b);
			psirt_buf_adds(b, hosts[i].host);
			psirt_buf_addch(b, '/');
			add_lower(b, p->ns);
			psirt_buf_addch(b, '/');
			add_lower(b, p->name);
			return !psirt_buf_error(b);
		}
	}
	return 0;
}

static int is_hex(struct psirt_str s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (!psirt_isxdigit((unsigned char)s.p[i]))
			return 0;
	}
	return s.len > 0;
}

/* Does commit name the same commit as event value v (case-insensitive; an
 * abbreviation of 7 or more hex digits is a prefix)? */
static int same_commit(struct psirt_str commit, struct psirt_str v)
{
	size_t i;

	if (commit.len < 7 || !is_hex(commit) || !is_hex(v) || commit.len > v.len)
		return 0;
	for (i = 0; i < commit.len; i++) {
		if (psirt_tolower((unsigned char)commit.p[i]) != psirt_tolower((unsigned char)v.p[i]))
			return 0;
	}
	return 1;
}

static int starts_ci(struct psirt_str s, struct psirt_str prefix)
{
	size_t i;

	if (s.len < prefix.len)
		return 0;
	for (i = 0; i < prefix.len; i++) {
		if (psirt_tolower((unsigned char)s.p[i]) != psirt_tolower((unsigned char)prefix.p[i]))
			return 0;
	}
	return 1;
}

int match__tag_norm(struct psirt_str tag, struct psirt_str name, struct psirt_buf *b)
{
	struct psirt_str t = tag;
	size_t i;

	psirt_buf_reset(b);
	if (name.len && t.len > name.len && starts_ci(t, name) &&
	    (t.p[name.len] == '-' || t.p[name.len] == '_')) {
		t.p += name.len + 1; /* curl-7_88_1, OpenSSL_1_1_1t, hostap_2_9 */
		t.len -= name.len + 1;
	}
	if (starts_ci(t, psirt_str_c("release-"))) {
		t.p += 8;
		t.len -= 8;
	}
	if (t.len > 1 && (t.p[0] == 'v' || t.p[0] == 'V') && psirt_isdigit((unsigned char)t.p[1])) {
		t.p++;
		t.len--;
	}
	if (!t.len || !psirt_isdigit((unsigned char)t.p[0]))
		return 0;
	for (i = 0; i < t.len; i++)
		psirt_buf_addch(b, t.p[i] == '_' ? '.' : t.p[i]);
	return !psirt_buf_error(b);
}

int match__tag_key(struct psirt_str text, int is_repo, struct psirt_buf *b)
{
	struct psirt_str t = text;

	psirt_buf_reset(b);
	if (is_repo) {
		size_t i;

		while (t.len && t.p[t.len - 1] == '/')
			t.len--;
		if (t.len > 4 && psirt_str_ieq(psirt_str_make(t.p + t.len - 4, 4), ".git"))
			t.len -= 4;
		for (i = t.len; i > 0 && t.p[i - 1] != '/' && t.p[i - 1] != ':'; i--)
			;
		t.p += i;
		t.len -= i;
	}
	add_lower(b, t);
	return t.len > 0 && !psirt_buf_error(b);
}

struct cand {
	uint32_t *items;
	size_t n, cap;
};

static int cand_add_list(struct cand *c, const struct psirt_match_index *idx, void *v)
{
	const struct match__list *l;
	uint32_t i;

	if (!v)
		return 0;
	l = &idx->pkg_lists[(uintptr_t)v - 1];
	for (i = 0; i < l->n; i++) {
		if (c->n == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 32;
			uint32_t *q = realloc(c->items, cap * sizeof *q);

			if (!q)
				return -1;
			c->items = q;
			c->cap = cap;
		}
		c->items[c->n++] = idx->pkg_items[l->first + i];
	}
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Version checks of one statement against a version (GIT aside). */
static void eval_versions(const struct match__pkg *p, uint32_t pi, struct psirt_str version,
                          const unsigned char *vkey, const struct match__ident *id, int conf,
                          struct psirt_buf *why, match__osv_emit_fn *emit, void *ctx)
{
	const struct psirt_version_scheme *semver = psirt_version_scheme_find(psirt_str_c("semver"));
	uint32_t k;
	int r, listed_hit = 0;

	if (!version.len)
		return;
	for (k = 0; k < p->nversions; k++) {
		struct psirt_str listed = psirt_str_c(p->versions[k]);

		if ((listed.len == version.len && !memcmp(listed.p, version.p, version.len)) ||
		    (p->scheme && !p->scheme->compare(listed, version, &r, NULL) && r == 0)) {
			psirt_buf_reset(why);
			psirt_buf_addf(why, "version %.*s listed in versions", (int)version.len,
			               version.p);
			emit(ctx, id, pi, -1, conf, why->p);
			listed_hit = 1;
			break;
		}
	}
	/* tag lists (head comment): vkey is set only for a generic purl and a
	 * statement with tags */
	for (k = 0; !listed_hit && vkey && p->tagkeys && k < p->nversions; k++) {
		if (!p->tagkeys[k] || match__key_cmp(p->tagkeys[k], vkey))
			continue;
		psirt_buf_reset(why);
		psirt_buf_addf(why, "version %.*s listed as tag %s", (int)version.len, version.p,
		               p->versions[k]);
		emit(ctx, id, pi, -1, PSIRT_MATCH_MEDIUM, why->p);
		break;
	}
	for (k = 0; k < p->nranges; k++) {
		const struct match__range *rg = &p->ranges[k];
		const struct psirt_version_scheme *s;
		struct psirt_str v = version;
		int in = 0;

		if (!rg->usable || rg->r.type == PSIRT_OSV_GIT)
			continue;
		s = rg->r.type == PSIRT_OSV_SEMVER ? semver : p->scheme;
		if (!s)
			continue;
		if (rg->r.type == PSIRT_OSV_SEMVER && v.len > 1 && v.p[0] == 'v' &&
		    psirt_isdigit((unsigned char)v.p[1])) {
			v.p++; /* Go writes v1.2.3, OSV's SEMVER 1.2.3 */
			v.len--;
		}
		if (s->check(v, NULL) || psirt_osv_range_contains(&rg->r, s, v, &in, NULL) || !in)
			continue;
		psirt_buf_reset(why);
		psirt_buf_addf(why, "version %.*s in the %s range (%s order)", (int)version.len,
		               version.p, rg->type_name, s->name);
		emit(ctx, id, pi, (int)k, conf, why->p);
	}
}

static void eval_git(const struct match__pkg *p, uint32_t pi, struct psirt_str commit,
                     const struct psirt_buf *repo, const struct match__ident *id,
                     struct psirt_buf *why, struct psirt_buf *tmp, match__osv_emit_fn *emit,
                     void *ctx)
{
	uint32_t k;
	size_t e;

	for (k = 0; k < p->nranges; k++) {
		const struct match__range *rg = &p->ranges[k];
		int hit = 0, fixed = 0;

		if (!rg->usable || rg->r.type != PSIRT_OSV_GIT || !rg->repo)
			continue;
		if (!match__repo_key(psirt_str_c(rg->repo), tmp) || tmp->len != repo->len ||
		    memcmp(tmp->p, repo->p, repo->len))
			continue;
		for (e = 0; e < rg->r.count; e++) {
			const struct psirt_osv_event *ev = &rg->r.events[e];

			if (!same_commit(commit, ev->version))
				continue;
			if (ev->kind == PSIRT_OSV_INTRODUCED || ev->kind == PSIRT_OSV_LAST_AFFECTED)
				hit = 1;
			else
				fixed = 1;
		}
		if (!hit || fixed)
			continue;
		psirt_buf_reset(why);
		psirt_buf_addf(why, "commit %.*s is an affected event of the GIT range",
		               (int)commit.len, commit.p);
		emit(ctx, id, pi, (int)k, PSIRT_MATCH_MEDIUM, why->p);
	}
}

int match__purl_repo(const struct psirt_purl *p, struct psirt_buf *b)
{
	return purl_repo(p, b);
}

int match__purl_commit_repo(const struct psirt_purl *p, struct psirt_buf *b)
{
	/* as match__osv_match: a commit as the version of a repository purl */
	return p->version.len >= 7 && is_hex(p->version) && purl_repo(p, b);
}

enum psirt_err match__osv_match(const struct psirt_match_index *idx, const struct psirt_purl *purl,
                                struct psirt_str commit, struct psirt_str repo,
                                const struct match__ident *id, match__osv_emit_fn *emit,
                                void *ctx)
{
	struct psirt_buf eco = PSIRT_BUF_INIT, name = PSIRT_BUF_INIT, rel = PSIRT_BUF_INIT,
	                 key = PSIRT_BUF_INIT, repokey = PSIRT_BUF_INIT, tmp = PSIRT_BUF_INIT,
	                 why = PSIRT_BUF_INIT, vk = PSIRT_BUF_INIT;
	struct cand c = { NULL, 0, 0 };
	enum psirt_err err = PSIRT_OK;
	const unsigned char *vkey = NULL;
	int generic = purl && psirt_str_eq(purl->type, "generic") && purl->version.len;
	int has_repo = 0;
	size_t i;

	/* tag lists: statements under the generic purl's name (those under its
	 * purl are found below) */
	if (generic && match__tag_key(purl->name, 0, &key) &&
	    cand_add_list(&c, idx, psirt_map_get(&idx->pkg_tags, key.p, key.len)))
		goto out_nomem;
	if (purl) {
		match__purl_key(purl, &key);
		if (cand_add_list(&c, idx, psirt_map_get(&idx->pkg_purls, key.p, key.len)))
			goto out_nomem;
		if (match__purl_ecosystem(purl, &eco, &name, &rel)) {
			match__pkg_name_key(psirt_str_make(eco.p, eco.len), psirt_str_make(name.p, name.len),
			                    &key);
			if (cand_add_list(&c, idx, psirt_map_get(&idx->pkg_names, key.p, key.len)))
				goto out_nomem;
		}
		/* a commit as the version of a repository purl (pkg:github/o/r@<sha>) */
		if (!commit.len && purl->version.len >= 7 && is_hex(purl->version))
			commit = purl->version;
	}
	if (commit.len) {
		has_repo = repo.len ? match__repo_key(repo, &repokey) : purl && purl_repo(purl, &repokey);
		if (has_repo &&
		    cand_add_list(&c, idx, psirt_map_get(&idx->pkg_repos, repokey.p, repokey.len)))
			goto out_nomem;
	}
	if (c.n)
		qsort(c.items, c.n, sizeof *c.items, cmp_u32);
	for (i = 0; i < c.n; i++) {
		const struct match__pkg *p = &idx->pkgs[c.items[i]];
		int conf = PSIRT_MATCH_HIGH;

		if (i && c.items[i] == c.items[i - 1])
			continue;
		if (p->release.len && purl) {
			struct psirt_buf a = PSIRT_BUF_INIT, b = PSIRT_BUF_INIT;
			int same;

			if (!rel.len) {
				conf = PSIRT_MATCH_MEDIUM; /* which release is not known */
			} else {
				match__release_norm(psirt_str_c(p->ecosystem), p->release, &a);
				match__release_norm(psirt_str_c(p->ecosystem), psirt_str_make(rel.p, rel.len),
				                    &b);
				same = a.len == b.len && !memcmp(a.p, b.p, a.len);
				psirt_buf_release(&a);
				psirt_buf_release(&b);
				if (!same)
					continue;
			}
		}
		if (generic && p->tagkeys && !vkey) {
			/* the version's generic sort key, once (match__key_len form);
			 * a version the scheme cannot read matches no tag */
			psirt_buf_reset(&vk);
			psirt_buf_add(&vk, "\0\0", 2);
			if (!psirt_version_sort_key(idx->generic, purl->version, &vk, NULL) &&
			    !psirt_buf_error(&vk) && vk.len >= 2 && vk.len - 2 <= 0xffff) {
				vk.p[0] = (char)((vk.len - 2) & 0xff);
				vk.p[1] = (char)((vk.len - 2) >> 8);
				vkey = (const unsigned char *)vk.p;
			} else {
				generic = 0;
			}
		}
		if (purl)
			eval_versions(p, c.items[i], purl->version, generic ? vkey : NULL, id, conf, &why,
			              emit, ctx);
		if (has_repo)
			eval_git(p, c.items[i], commit, &repokey, id, &why, &tmp, emit, ctx);
	}
	if (psirt_buf_error(&why) || psirt_buf_error(&key) || psirt_buf_error(&tmp))
		err = PSIRT_ENOMEM;
	goto out_free;

out_nomem:
	err = PSIRT_ENOMEM;
out_free:
	free(c.items);
	psirt_buf_release(&eco);
	psirt_buf_release(&name);
	psirt_buf_release(&rel);
	psirt_buf_release(&key);
	psirt_buf_release(&repokey);
	psirt_buf_release(&tmp);
	psirt_buf_release(&why);
	psirt_buf_release(&vk);
	return err;
}
