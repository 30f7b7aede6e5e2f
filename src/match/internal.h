/* Internal interface of the matcher (src/match/). */
#ifndef PSIRT_MATCH_INTERNAL_H
#define PSIRT_MATCH_INTERNAL_H

#include <stdint.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/cpe.h"
#include "psirt/map.h"
#include "psirt/match.h"
#include "psirt/osv_range.h"
#include "psirt/purl.h"
#include "psirt/version.h"

/* Version sort keys (psirt_version_sort_key) are kept in arena memory as
 * two bytes of length, little-endian, then the key; NULL when absent. */
static inline size_t match__key_len(const unsigned char *k)
{
	return (size_t)k[0] | (size_t)k[1] << 8;
}

/* psirt_version_key_cmp of two such keys. */
int match__key_cmp(const unsigned char *a, const unsigned char *b);

struct match__record {
	const char *id;
	const char *vuln;
	uint32_t rank;  /* place in (vuln, id, source) order: findings are sorted by it */
	uint8_t source; /* enum psirt_vuln_source */
};

struct match__config {
	uint32_t record;
	uint32_t first_node, nnodes;
	int32_t seq;
	uint8_t op;     /* enum psirt_vuln_op */
	uint8_t negate;
};

struct match__node {
	uint32_t config;
	uint32_t first_crit, ncrit;
	int32_t seq;
	uint8_t op;
	uint8_t negate;
};

/* The version condition of a criterion. */
enum match__vkind {
	MATCH__V_ANY,     /* '*': every version (then the bounds) */
	MATCH__V_NA,      /* '-' */
	MATCH__V_EXACT,   /* a literal version: vkey */
	MATCH__V_PATTERN, /* a version with CPE wildcards: NISTIR 7696 on the name */
};

enum match__crit_flags {
	MATCH__VULNERABLE = 1 << 0,
	MATCH__SKIP = 1 << 1,         /* unusable: reported as a problem */
	MATCH__START_INCL = 1 << 2,   /* versionStartIncluding */
	MATCH__START_EXCL = 1 << 3,
	MATCH__END_INCL = 1 << 4,
	MATCH__END_EXCL = 1 << 5,
	MATCH__EXTRAS = 1 << 6,       /* an attribute after version is not ANY: compare cpe */
	MATCH__KEYED = 1 << 7,        /* part, vendor and product literal: in a bucket */
};

struct match__crit {
	uint32_t node;
	int32_t seq;
	uint8_t flags;     /* enum match__crit_flags */
	uint8_t vkind;     /* enum match__vkind */
	uint8_t cap;       /* highest confidence it can give (JVN without version: medium) */
	uint8_t scheme;    /* index into match__target_schemes + 1, 0: generic only */
	const unsigned char *vkey, *skey, *ekey; /* exact version, start and end bounds */
	const struct psirt_cpe *cpe; /* the parsed name when needed (extras, pattern,
	                                wildcards in part/vendor/product), else NULL */
	const char *criteria, *mcid;
	const char *start, *end; /* the bounds as written, NULL when absent */
};

/* One range of a package statement, ready for psirt_osv_range_contains. */
struct match__range {
	struct psirt_osv_range r;
	const char *type_name; /* as stored */
	const char *repo;      /* GIT */
	int32_t seq;
	uint8_t usable;
};

struct match__pkg {
	uint32_t record;
	int32_t seq;
	const char *ecosystem, *name, *purl; /* as stored */
	struct psirt_str release;            /* "11" of "Debian:11"; empty when none */
	const struct psirt_version_scheme *scheme; /* the ecosystem's, or NULL */
	struct match__range *ranges;
	uint32_t nranges;
	const char **versions;
	uint32_t nversions;
	/* for a statement whose ecosystem has no scheme (OSS-Fuzz, none): each
	 * listed tag normalised (match__tag_norm) as a generic sort key, NULL
	 * where it is no version; NULL for the others */
	const unsigned char **tagkeys;
};

/* A list of indices (criteria or packages) under one key. */
struct match__list {
	uint32_t first, n; /* into the index's item arrays */
};

struct psirt_match_index {
	struct psirt_arena arena;
	const struct psirt_version_scheme *generic; /* NVD versions' scheme */
	struct match__record *records;
	size_t nrecords, nwithdrawn;
	struct match__config *configs;
	size_t nconfigs;
	struct match__node *nodes;
	size_t nnodes;
	struct match__crit *crits;
	size_t ncrits;
	/* criteria by part:vendor:product: map value = list index + 1 */
	struct psirt_map keys;
	struct match__list *key_lists;
	size_t nkeys;
	const char **key_texts; /* "a:openssl:openssl" per key */
	uint32_t *key_items; /* criteria indices, grouped by key */
	/* criteria with a wildcard in part or product but a literal vendor:
	 * map vendor → list; and those without a literal vendor */
	struct psirt_map vendors;
	struct match__list *vendor_lists;
	size_t nvendor_lists;
	uint32_t *vendor_items;
	uint32_t *wild;
	size_t nwild;
	/* product name → keys with that product (name guesses) */
	struct psirt_map products;
	struct match__list *product_lists;
	uint32_t *product_items;
	/* package statements, and three ways to find them */
	struct match__pkg *pkgs;
	size_t npkgs, nranges;
	struct psirt_map pkg_names;  /* lower(ecosystem) \1 name */
	struct psirt_map pkg_purls;  /* type \1 namespace \1 name */
	struct psirt_map pkg_repos;  /* normalised repository URL (GIT ranges) */
	struct psirt_map pkg_tags;   /* lower(name) and lower(repository's last path
	                                segment) of statements with tags (tagkeys) */
	struct match__list *pkg_lists;
	uint32_t *pkg_items;
	/* problems */
	struct psirt_match_problem *problems;
	size_t nproblems;
	size_t bytes;
};

/* --- cpe.c: criteria against CPE identities --- */

/* The formatted-string spelling of part, vendor and product (nattrs 3) or
 * vendor alone (nattrs 1, starting at vendor), lower case, joined by ':',
 * into b (reset first). Returns 1 when each is a literal (a string without
 * wildcards, or NA), 0 otherwise. */
int match__cpe_key(const struct psirt_cpe *cpe, int vendor_only, struct psirt_buf *b);

/* Schemes a criterion's target_sw can name. */
const struct psirt_version_scheme *match__target_scheme(unsigned index);
/* The index + 1 of the scheme target_sw names, 0 for none. */
uint8_t match__target_scheme_of(const struct psirt_cpe *cpe);

/* A CPE identity prepared for matching. */
enum match__vstate {
	MATCH__ID_ANY,     /* version '*' or unknown */
	MATCH__ID_NA,      /* version '-' */
	MATCH__ID_KEYED,   /* a literal version with a generic key */
	MATCH__ID_OTHER,   /* a literal the generic scheme cannot read, or wildcards */
};

struct match__ident {
	size_t subject;
	enum psirt_match_via via;
	const char *text;            /* as given (results arena) */
	const struct psirt_cpe *cpe; /* NULL for a name guess */
	struct psirt_str version;    /* the literal version (body), when any */
	enum match__vstate vstate;
	const unsigned char *vkey;
	uint8_t cap;                 /* highest confidence: low for a guess */
	const char *guess;           /* the CPE a guess stands for */
};

/* Does the identity leave the update '*' (read as the release itself)? */
int match__update_is_release(const struct match__ident *id);

/* How well criterion c matches identity id: 0 (no), or a confidence. */
int match__crit_eval(const struct psirt_match_index *idx, const struct match__crit *c,
                     const struct match__ident *id);

/* --- names.c: the name+version guess table --- */

struct match__guess {
	const char *name;   /* lower case */
	char part;
	const char *vendor, *product;
};
/* The guesses for a component name (any case): *n entries, or NULL. */
const struct match__guess *match__guess_find(const char *name, size_t *n);
/* The table, for its test: sorted by name. */
extern const struct match__guess match__guesses[];
extern const size_t match__nguesses;

/* --- osv.c: package statements --- */

/* Evidence sink: package pkg matched identity id through range (its index
 * in the package, -1 for the versions list) with confidence conf; why is
 * one line, borrowed for the call. */
typedef void match__osv_emit_fn(void *ctx, const struct match__ident *id, uint32_t pkg,
                                int range, int conf, const char *why);

/* Finds the package statements that purl (may be NULL) or repo+commit reach
 * and emits each match. commit and repo may be empty; without a repo one is
 * taken from the purl. Returns PSIRT_OK or PSIRT_ENOMEM. */
enum psirt_err match__osv_match(const struct psirt_match_index *idx, const struct psirt_purl *purl,
                      struct psirt_str commit, struct psirt_str repo,
                      const struct match__ident *id, match__osv_emit_fn *emit, void *ctx);

/* The OSV ecosystem and package name a purl stands for, written to eco and
 * name (reset first), and its release from the distro qualifier (empty when
 * none). Returns 0 when the purl type has no OSV ecosystem. */
int match__purl_ecosystem(const struct psirt_purl *p, struct psirt_buf *eco,
                          struct psirt_buf *name, struct psirt_buf *release);
/* The key of pkg_names for an ecosystem (release suffix dropped) and a name,
 * into b (reset first). */
void match__pkg_name_key(struct psirt_str ecosystem, struct psirt_str name, struct psirt_buf *b);
/* The key of pkg_purls, into b (reset first). */
void match__purl_key(const struct psirt_purl *p, struct psirt_buf *b);
/* A repository URL without scheme, user, ".git" and trailing '/', lower case,
 * into b (reset first). Returns 0 when url is empty. */
int match__repo_key(struct psirt_str url, struct psirt_buf *b);
/* A tag of a `versions` list as a version (src/match/osv.c, "Tag lists"):
 * into b (reset first) without a leading "<name>-"/"<name>_" (any case),
 * "release-", "v"/"V" before a digit, '_' as '.'. Returns 0 when what is
 * left does not start with a digit (no version: "aosp-jb-start"). */
int match__tag_norm(struct psirt_str tag, struct psirt_str name, struct psirt_buf *b);
/* The tag-list key of a name: lower case, into b (reset first). For a
 * repository URL (is_repo), its last path segment without ".git". Returns 0
 * when empty. */
int match__tag_key(struct psirt_str text, int is_repo, struct psirt_buf *b);
/* The repository key of a purl (a vcs_url qualifier, the github/gitlab/
 * bitbucket types) into b; 0 when it names none. */
int match__purl_repo(const struct psirt_purl *p, struct psirt_buf *b);
/* The repository key (match__repo_key) of a purl whose version is a commit
 * (pkg:github/o/r@<sha>), into b; 0 when it has none. */
int match__purl_commit_repo(const struct psirt_purl *p, struct psirt_buf *b);
/* Normalises a release ("debian-11", "bullseye", "v3.18", "22.04:LTS") for
 * the ecosystem into b (reset first). */
void match__release_norm(struct psirt_str ecosystem, struct psirt_str release, struct psirt_buf *b);

#endif
