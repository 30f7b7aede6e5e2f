/* psirt — SBOM from a firmware image: package databases and binary
 * signatures.
 *
 * psirt_fwscan() reads a root file system (a folder) or an image file and
 * returns an SBOM document (include/psirt/sbom.h) listing what it found:
 *
 * 1. Package databases: dpkg (var/lib/dpkg/status and the one-package files
 *    of var/lib/dpkg/status.d/), opkg (usr/lib/opkg/status,
 *    var/lib/opkg/status) and apk (lib/apk/db/installed). Each installed
 *    package becomes a component with a purl:
 *        pkg:deb/<distro>/NAME@VERSION?arch=ARCH     dpkg (distro from
 *                                                    etc/os-release, else debian)
 *        pkg:apk/<distro>/NAME@VERSION?arch=ARCH     apk (else alpine)
 *        pkg:opkg/<distro>/NAME@VERSION?arch=ARCH    opkg (else openwrt)
 *    opkg is no registered purl type: pkg:opkg is the type proposed for it
 *    (purl-spec pull request 279) and psirt's purl parser accepts it with the
 *    generic rules. The version is the package's own, in its scheme (property
 *    "psirt:version-scheme" = deb, apk or opkg).
 * 2. Signatures: version strings inside ELF files, kernels and blobs
 *    ("BusyBox v1.36.1 (", "OpenSSL 3.0.11 19 Sep 2023", "dropbear_2022.83",
 *    "Linux version 5.15.0 (" …), found with one multi-pattern pass per file
 *    (vectorscan), each match then re-read with PCRE2 to take the version out
 *    of its capture group. The table is data (data/fwscan/signatures.tsv,
 *    compiled in; another table can be given, see the format below). Such a
 *    component has a pkg:generic purl, CPE 2.3 candidates and its evidence as
 *    properties:
 *        psirt:fwscan:source     "signature" or "dpkg" / "opkg" / "apk"
 *        psirt:fwscan:evidence   "/usr/sbin/dropbear@0x2a1c0: dropbear_2022.83"
 *                                (one per file, the first 16 files; bytes
 *                                outside printable ASCII shown as '.')
 *        psirt:fwscan:evidence-count   files in which it was found
 *        psirt:version-scheme    "generic"
 *    One component per (software, version): the same version found in many
 *    files is one component with many evidence entries; two versions of one
 *    software (a vendor binary with its own old OpenSSL) are two components.
 *
 * Package components win over signature guesses for the same software: a
 * signature hit in a file that a package database lists as installed by a
 * package (dpkg info/NAME.list, opkg info/NAME.list, apk R: lines) is
 * credited to that package (evidence added to the package component, no
 * separate component); a hit in a file no package owns is dropped as well
 * when a package of the database is a known carrier of that software (the
 * signature's package names, e.g. libssl* for OpenSSL) and has the same
 * upstream version; otherwise it stays a component of its own — a second
 * copy the package manager does not know about. Package components of
 * software the table knows get its CPE candidates with the upstream version
 * (epoch, Debian revision, +dfsg-like suffixes, apk's -rN and opkg's -N
 * release taken off).
 *
 * Image files (detected from content, never from the name):
 *   tar (any compression libarchive reads: gzip, bzip2, xz, lzma, zstd, lz4),
 *   cpio, zip   through libarchive, extracted by psirt itself
 *   squashfs    through unsquashfs (squashfs-tools) when installed
 * Extraction goes to a fresh folder "psirt-fwscan-XXXXXX" under
 * options->tmpdir (else $TMPDIR, else /tmp) and is removed before return,
 * on every path. Nothing is written outside it: a member whose name is
 * absolute or has a ".." component, a hard link to such a name, or a
 * symbolic link whose target climbs above the image root (relative target
 * with too many "..") refuses the whole image with PSIRT_EINVAL naming the
 * member. Symbolic links are never created on disk (their paths are still
 * matched by path signatures); an absolute link target is inside the image
 * (as the device sees it). Device nodes and fifos are skipped. A file that
 * is neither a folder nor a known image is scanned as one blob (a raw
 * firmware or kernel image) with a warning.
 *
 * Signature table format (TSV, UTF-8, '#' comment lines, one header line
 * starting "name\t"), ten columns:
 *   name      component name (busybox)
 *   type      application | library | operating-system | firmware
 *   purl      template, {version} replaced (pkg:generic/busybox@{version})
 *   cpe       space-separated CPE candidates: "vendor:product" (part a),
 *             "part:vendor:product", or a full "cpe:2.3:..." template with
 *             {version} and $1..$9 (an empty group becomes '*'); or "-"
 *   packages  comma-separated package-name globs that carry this software
 *             (libssl*,openssl) or "-"
 *   where     content  the pattern is searched in every file's bytes
 *             named    only in files whose base name matches a files glob
 *             path     the pattern is matched against the path in the image
 *                      ("/lib/libuClibc-1.0.45.so"), files, links, folders
 *   files     comma-separated base-name globs (hints for content patterns)
 *             or "-"
 *   version   template of the version: $1..$9 are capture groups, $#1..$#9
 *             the same without leading zeros (libxml2's 20914 -> 2.9.14)
 *   pattern   a regular expression (the syntax vectorscan and PCRE2 share);
 *             content patterns must have a bounded width (≤ 1024 bytes)
 *   vpattern  "-", or a second expression searched in the same file when the
 *             pattern only says the software is there: the version template
 *             then reads its groups (SQLite's source id + its "3.40.1")
 *
 * Limits (PSIRT_ETOOBIG beyond them, unless a zero in options picks the
 * default): total extracted bytes (PSIRT_FWSCAN_MAX_EXTRACT), files in an
 * image or folder (PSIRT_FWSCAN_MAX_FILES). Files larger than
 * PSIRT_FWSCAN_MAX_FILE_SCAN are not scanned for signatures (warning).
 * Package databases larger than 64 MiB are refused (PSIRT_ETOOBIG).
 */
#ifndef PSIRT_FWSCAN_H
#define PSIRT_FWSCAN_H

#include <stddef.h>

#include "psirt/error.h"
#include "psirt/sbom.h"

/* 4 GiB extracted: the largest router and camera root file systems are a
 * few hundred MB, a full Debian-based appliance about 2 GB. */
#define PSIRT_FWSCAN_MAX_EXTRACT ((unsigned long long)4 << 30)
/* 1,000,000 files: a Debian desktop install has ~300,000. */
#define PSIRT_FWSCAN_MAX_FILES 1000000UL
/* 1 GiB: one file beyond it (a disk image inside the image) is skipped. */
#define PSIRT_FWSCAN_MAX_FILE_SCAN ((unsigned long long)1 << 30)
/* 64 MiB: a package database of 20,000 packages is ~50 MB. */
#define PSIRT_FWSCAN_MAX_DB_SIZE ((size_t)64 << 20)

enum psirt_fwscan_flags {
	PSIRT_FWSCAN_NO_PKGDB = 1 << 0,     /* ignore package databases */
	PSIRT_FWSCAN_NO_SIGNATURES = 1 << 1, /* no signature scan */
};

/* Which engine finds the signatures: vectorscan in one pass (the default),
 * or PCRE2 (JIT) with one pass per signature, kept for measurement and as a
 * fallback; both give the same results. */
enum psirt_fwscan_engine {
	PSIRT_FWSCAN_ENGINE_VECTORSCAN = 0,
	PSIRT_FWSCAN_ENGINE_PCRE2,
};

/* All fields may be zero / NULL for the defaults. */
struct psirt_fwscan_options {
	unsigned flags; /* enum psirt_fwscan_flags */
	enum psirt_fwscan_engine engine;
	/* A signature table (TSV, format above) instead of the built-in one;
	 * borrowed, read at the call. */
	const char *signatures_path;
	const char *tmpdir; /* where the extraction folder is made */
	unsigned long long max_extract; /* bytes; 0 = PSIRT_FWSCAN_MAX_EXTRACT */
	unsigned long max_files;        /* 0 = PSIRT_FWSCAN_MAX_FILES */
	/* Statistics, filled when not NULL. */
	struct psirt_fwscan_stats *stats;
};

struct psirt_fwscan_stats {
	unsigned long files;          /* regular files seen */
	unsigned long long bytes;     /* bytes scanned for signatures */
	unsigned long hits;           /* confirmed signature matches */
	unsigned long packages;       /* package database entries */
	unsigned long long extracted; /* bytes written while extracting */
};

/* Scans path (a folder or an image file, see above) and returns an owned
 * document in *out (free with psirt_sbom_free): no root component, tool
 * "psirt fwscan", components sorted by name then version, the package
 * components first. options may be NULL. On failure *out is NULL and diag
 * (may be NULL) says why: PSIRT_EIO (cannot read path, unsquashfs missing
 * for a squashfs image, cannot make the temporary folder), PSIRT_EINVAL
 * (an archive member escaping the image; a malformed signature table;
 * libarchive's error text for a broken archive), PSIRT_ETOOBIG (limits
 * above), PSIRT_ENOMEM. Problems in one package database entry or one file
 * are warnings in the document (doc->warnings), not errors. */
enum psirt_err psirt_fwscan(const char *path, const struct psirt_fwscan_options *options,
                            struct psirt_sbom_doc **out, struct psirt_diag *diag);

/* Package database kinds, for psirt_fwscan_pkgdb. */
enum psirt_fwscan_pkgdb {
	PSIRT_FWSCAN_DPKG, /* dpkg status (and one status.d/ file) */
	PSIRT_FWSCAN_OPKG, /* opkg status */
	PSIRT_FWSCAN_APK,  /* apk installed */
};

/* Parses one package database text (len bytes, need not be NUL-terminated)
 * into a new owned document *out (free with psirt_sbom_free), as
 * psirt_fwscan does for the file (distro namespace debian / openwrt /
 * alpine). name is used in warnings (may be NULL). Entries without a name or
 * version, or not installed (dpkg Status other than "install ok installed"
 * / opkg "installed"), are skipped; a malformed line is a warning.
 * PSIRT_ETOOBIG above PSIRT_FWSCAN_MAX_DB_SIZE, PSIRT_ENOMEM. */
enum psirt_err psirt_fwscan_pkgdb(enum psirt_fwscan_pkgdb kind, const char *data, size_t len,
                                  const char *name, struct psirt_sbom_doc **out,
                                  struct psirt_diag *diag);

/* Scans one blob (len bytes) as if it were the file `name` in an image and
 * returns the components its signatures give in a new owned document *out
 * (free with psirt_sbom_free). options: engine and signatures_path are
 * read, the rest ignored (may be NULL). Errors: a bad signature table
 * (PSIRT_EINVAL, PSIRT_EIO), PSIRT_ENOMEM. */
enum psirt_err psirt_fwscan_blob(const void *data, size_t len, const char *name,
                                 const struct psirt_fwscan_options *options,
                                 struct psirt_sbom_doc **out, struct psirt_diag *diag);

/* The built-in signature table's text (data/fwscan/signatures.tsv as
 * compiled in); static, never NULL. */
const char *psirt_fwscan_builtin_signatures(size_t *len);

#endif
