/* src/fwscan internal interface: the signature table, the per-file matcher,
 * the package database readers, extraction. Names fwscan__x. */
#ifndef PSIRT_FWSCAN_INTERNAL_H
#define PSIRT_FWSCAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/fwscan.h"
#include "psirt/map.h"
#include "psirt/sbom.h"

/* sigdata.c (generated) */
extern const char fwscan__builtin_tsv[];
extern const size_t fwscan__builtin_tsv_len;

enum fwscan__where { FWSCAN__CONTENT, FWSCAN__NAMED, FWSCAN__PATH };

/* Widest match a content pattern may have, and so the window PCRE2 re-reads
 * after vectorscan's start of match. */
#define FWSCAN__MAX_WIDTH 1024
/* Longest version kept; longer captures are not versions. */
#define FWSCAN__MAX_VERSION 64

struct fwscan__sig {
	size_t line; /* in the table, for messages */
	const char *name;
	enum psirt_sbom_type type;
	const char *purl;     /* template */
	const char **cpes;    /* templates (already expanded to full form) */
	size_t n_cpes;
	const char **packages; /* globs */
	size_t n_packages;
	enum fwscan__where where;
	const char **files; /* globs */
	size_t n_files;
	const char *version; /* template */
	const char *pattern;
	const char *vpattern; /* NULL when none */
	void *re;             /* pcre2_code * */
	void *vre;            /* pcre2_code *, NULL when none */
};

struct fwscan__sigdb {
	struct psirt_arena arena;
	struct fwscan__sig *sigs;
	size_t n;
	void *hs;            /* hs_database_t * of the content signatures, or NULL */
	unsigned *hs_ids;    /* hs id -> sig index */
	size_t n_content;
	unsigned *content;   /* sig indexes of content signatures */
	unsigned *named;     /* of named ones */
	size_t n_named;
	unsigned *path;      /* of path ones */
	size_t n_path;
};

/* Parses and compiles a table (text of len bytes; name for messages).
 * Returns an owned table in *out (free with fwscan__sigdb_free).
 * PSIRT_EINVAL with the line for a bad row or pattern, PSIRT_ENOMEM. */
enum psirt_err fwscan__sigdb_new(const char *text, size_t len, const char *name,
                                 struct fwscan__sigdb **out, struct psirt_diag *diag);
void fwscan__sigdb_free(struct fwscan__sigdb *db);
/* The built-in table, compiled once per process (thread-safe); borrowed. */
enum psirt_err fwscan__sigdb_builtin(const struct fwscan__sigdb **out, struct psirt_diag *diag);
/* fnmatch-like glob ('*', '?') on a NUL-terminated name, ASCII only. */
int fwscan__glob(const char *glob, const char *name);

/* One confirmed finding in one file. */
struct fwscan__hit {
	unsigned sig;
	char version[FWSCAN__MAX_VERSION + 1];
	char cpe_groups[9][FWSCAN__MAX_VERSION + 1]; /* $1..$9 for CPE templates */
	unsigned long long offset;
	char text[97]; /* the matched bytes, printable, capped */
};

/* Per-scan matcher state: scratch space and the raw hits of one file. */
struct fwscan__matcher {
	const struct fwscan__sigdb *db;
	enum psirt_fwscan_engine engine;
	void *scratch;    /* hs_scratch_t * */
	void *md;         /* pcre2_match_data * */
	int rc;           /* pcre2_match's result for md */
	struct { unsigned sig; unsigned long long from; } *raw;
	size_t n_raw, cap_raw;
	unsigned long long base; /* offset of the slice being scanned */
	int raw_overflow;
	/* Confirmed hits of the current file. */
	struct fwscan__hit *hits;
	size_t n_hits, cap_hits;
};

enum psirt_err fwscan__matcher_init(struct fwscan__matcher *m, const struct fwscan__sigdb *db,
                                    enum psirt_fwscan_engine engine);
void fwscan__matcher_release(struct fwscan__matcher *m);
/* Runs content and named signatures over data (base is the file's base name)
 * and path signatures over path (may be NULL to skip them; data may be NULL
 * to do only those). Fills m->hits (one per signature and version, first
 * offset). PSIRT_ENOMEM, PSIRT_EINTERNAL (vectorscan failure). */
enum psirt_err fwscan__match(struct fwscan__matcher *m, const unsigned char *data, size_t len,
                             const char *base, const char *path);

/* Up to max names of the shared libraries the ELF file in p needs
 * (pointers into p, NUL-terminated there); 0 for anything else. */
size_t fwscan__elf_needed(const unsigned char *p, size_t len, const char **names, size_t max);

/* Results, gathered over a whole scan: signature findings keyed by
 * (signature name, version), package components, file ownership. */
struct fwscan__evidence {
	struct fwscan__evidence *next;
	const char *path;
	unsigned long long offset;
	const char *text;
};

struct fwscan__finding {
	struct fwscan__finding *next; /* in discovery order */
	unsigned sig;                 /* the first signature that gave it */
	const char *version;
	const char *cpe_groups[9];
	struct fwscan__evidence *ev, **ev_tail;
	size_t n_ev;
};

struct fwscan__pkg {
	struct fwscan__pkg *next;
	struct psirt_sbom_component *c;
	enum psirt_fwscan_pkgdb kind;
	const char *name;     /* package name */
	const char *source;   /* source / origin package, may be NULL */
	const char *version;  /* full */
	const char *upstream; /* upstream part */
	struct fwscan__evidence *ev, **ev_tail;
	size_t n_ev;
};

struct fwscan__results {
	struct psirt_sbom_doc *doc;
	const struct fwscan__sigdb *db;
	struct psirt_map findings; /* "name\0version" -> finding */
	struct fwscan__finding *first, **tail;
	struct psirt_map pkgs;  /* "K\0name" (K the kind as a digit) -> pkg, first wins */
	struct fwscan__pkg *pkg_first, **pkg_tail;
	struct psirt_map owners; /* "/path" -> boxed "K\0name" key of r->pkgs */
	size_t *owner_box;       /* the last boxed key: [0] its length, then it */
	enum psirt_fwscan_pkgdb owner_box_kind;
	const char *owner_box_name;
	const char *distro;      /* os-release ID, NULL when unknown */
	const char *distro_version;
	/* Maps a path through the image's symbolic links (NULL: as is); the
	 * result lives until the next call. */
	const char *(*resolve)(void *ctx, const char *path);
	void *resolve_ctx;
	struct psirt_buf tmp;
};

void fwscan__results_init(struct fwscan__results *r, struct psirt_sbom_doc *doc,
                          const struct fwscan__sigdb *db);
void fwscan__results_release(struct fwscan__results *r);
/* Records the current file's hits (m->hits) found in path. */
enum psirt_err fwscan__results_add_hits(struct fwscan__results *r, const struct fwscan__matcher *m,
                                        const char *path);
/* Parses one package database text into r (components added to r->doc).
 * db_path is the database's path in the image (for properties, warnings). */
enum psirt_err fwscan__pkgdb_parse(struct fwscan__results *r, enum psirt_fwscan_pkgdb kind,
                                   const char *data, size_t len, const char *db_path);
/* Records that the files listed in text (one absolute path a line; dpkg and
 * opkg .list files) belong to package name of kind. */
enum psirt_err fwscan__owners_add_list(struct fwscan__results *r, enum psirt_fwscan_pkgdb kind,
                                       const char *name, const char *text, size_t len);
/* Expands a CPE template (see pkgdb.c). */
void fwscan__cpe_expand(const char *tmpl, const char *version, const char *const groups[9],
                        struct psirt_buf *out);
/* Decides package versus signature, adds the signature components, sorts the
 * document. */
enum psirt_err fwscan__results_finish(struct fwscan__results *r);

/* The upstream part of a package version (see fwscan.h); written to out. */
void fwscan__upstream(enum psirt_fwscan_pkgdb kind, const char *version, struct psirt_buf *out);

/* Extraction (extract.c). */
struct fwscan__limits {
	unsigned long long max_extract;
	unsigned long max_files;
	unsigned long long extracted; /* bytes written so far */
	unsigned long files;          /* entries so far */
};
/* Makes "psirt-fwscan-XXXXXX" under tmpdir (NULL: $TMPDIR or /tmp); *out
 * is malloc'd. PSIRT_EIO. */
enum psirt_err fwscan__mktemp(const char *tmpdir, char **out, struct psirt_diag *diag);
/* Removes dir and everything under it without following links. */
void fwscan__rmtree(const char *dir);
/* Is the file at path an archive libarchive reads (tar, cpio, zip, any
 * compression)? 1 yes, 0 no. */
int fwscan__is_archive(const char *path);
/* Extracts an archive into the folder dest (a fresh empty one), checking
 * every member (see fwscan.h). Symbolic links are put into links ("/path"
 * -> target, values arena strings) instead of on disk. */
enum psirt_err fwscan__extract_archive(const char *path, const char *dest,
                                       struct fwscan__limits *lim, struct psirt_map *links,
                                       struct psirt_arena *arena, struct psirt_diag *diag);
/* Extracts a squashfs image with unsquashfs into dest/root. */
enum psirt_err fwscan__extract_squashfs(const char *path, const char *dest,
                                        struct fwscan__limits *lim, struct psirt_diag *diag);
/* Normalises an archive member name into out ("a/b", no leading "./",
 * no empty or "." components). Returns 0, or -1 for an absolute name or
 * a ".." component. */
int fwscan__clean_member(const char *name, struct psirt_buf *out);

/* Parsers (pkgdb.c) used by fuzz targets and tests through the public
 * psirt_fwscan_pkgdb. */

#endif
