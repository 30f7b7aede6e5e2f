/* The stored form of a finding's evidence (include/psirt/evpack.h): a
 * format byte and a Zstandard frame (RFC 8878) against a fixed raw-content
 * dictionary.
 *
 * Why a dictionary: an evidence array is ~600 bytes, too short for a
 * compressor to learn its own repetitions well; most of it is the same
 * JSON keys and phrases in every finding. On 3,000 evidence texts of the
 * 200-version bench store (629 bytes on average): 3.2x without a
 * dictionary (zstd CLI), 5.5x with dictionary v1 below (115 bytes, format
 * byte included); on the evidence of tests/findings/test_incremental.c's
 * real NVD records, 3.1x. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "psirt/evpack.h"

/* Dictionary v1: NEVER CHANGE a byte of it (stored blobs of format 1 are
 * decoded with it); a new dictionary is a new format byte.
 *
 * The JSON skeleton of evidence entries (findings__evidence_text in
 * src/findings/findings.c, the "why" phrases of src/match/match.c and
 * src/match/osv.c): key names, source, via and confidence names, CPE 2.3
 * and purl prefixes, fixed phrases — no product, vendor or version of any
 * portfolio, so that it is not tuned to one data set. As raw content a
 * match's cost grows with its distance from the end: the commonest form
 * (an NVD CPE criterion) comes last. */
static const char dict_v1[] =
	"{\"record\":\"GHSA-\",\"source\":\"osv\",\"via\":\"purl\",\"identity\":\"pkg:pypi/\","
	"\"confidence\":\"medium\",\"why\":\"commit  is an affected event of the GIT range\","
	"\"ecosystem\":\"PyPI\",\"package\":\"\",\"rangeType\":\"GIT\","
	"\"events\":\"introduced 0, limit \"},"
	"{\"record\":\"OSV-\",\"source\":\"csaf\",\"via\":\"purl\",\"identity\":\"pkg:npm/\","
	"\"confidence\":\"high\",\"why\":\"version  listed as tag \",\"ecosystem\":\"npm\","
	"\"package\":\"\",\"rangeType\":\"SEMVER\",\"events\":\"introduced 0, last_affected \"},"
	"{\"record\":\"GHSA-\",\"source\":\"osv\",\"via\":\"purl\",\"identity\":\"pkg:generic/\","
	"\"confidence\":\"high\",\"why\":\"version  in the ECOSYSTEM range (semver order)\","
	"\"ecosystem\":\"Debian\",\"package\":\"\",\"rangeType\":\"ECOSYSTEM\","
	"\"events\":\"introduced 0, fixed \"},"
	"{\"record\":\"JVNDB-\",\"source\":\"jvn\",\"via\":\"hardware\",\"identity\":\"cpe:2.3:h:\","
	"\"confidence\":\"high\",\"why\":\"version -: criterion version - (not applicable)\","
	"\"criteria\":\"cpe:2.3:h:\",\"place\":[0,1,0],"
	"\"platform\":\"cpe:2.3:o: by firmware cpe:2.3:o:\"},"
	"{\"record\":\"CVE-\",\"source\":\"nvd\",\"via\":\"firmware\",\"identity\":\"cpe:2.3:o:\","
	"\"confidence\":\"medium\",\"why\":\"no version: criterion version - (none given), taken"
	" as every version; the source gives no versions\",\"criteria\":\"cpe:2.3:o:\","
	"\"place\":[0,0,0],\"platform\":\"cpe:2.3:h::-:*:*:*:*:*:*:* by hardware cpe:2.3:h:\"},"
	"{\"record\":\"CVE-\",\"source\":\"nvd\",\"via\":\"name\",\"identity\":\" \","
	"\"confidence\":\"low\",\"why\":\"version : matches the criterion's pattern; the criterion"
	" names the vendor only; identity guessed from the name\",\"criteria\":\"cpe:2.3:a:\","
	"\"place\":[1,0,0]},"
	"{\"record\":\"CVE-\",\"source\":\"nvd\",\"via\":\"cpe\",\"identity\":\"cpe:2.3:a:\","
	"\"confidence\":\"high\",\"why\":\"version : equal to the criterion's; the criterion names"
	" update , the identity leaves it open\",\"criteria\":\"cpe:2.3:a:\",\"place\":[0,0,1]},"
	"{\"record\":\"CVE-20\",\"source\":\"nvd\",\"via\":\"cpe\","
	"\"identity\":\"cpe:2.3:a::*:*:*:*:*:*:*\",\"confidence\":\"high\","
	"\"why\":\"version : every version: >= , < \","
	"\"criteria\":\"cpe:2.3:a::*:*:*:*:*:*:*:*\",\"place\":[0,0,0]}]";

/* Level 1: on 3,000 evidence texts of the 200-version bench store, level 3
 * packed 4.5% smaller (110 against 115 bytes a text, 5.7x against 5.5x)
 * for a fifth more CPU (2.5 against 2.1 us a text); a larger table (the
 * parameters for 1 KB inputs) changed neither. The level is the writer's
 * choice only: a reader needs the dictionary, not the level. */
#define EVPACK_LEVEL 1

/* a zstd frame's magic number, little-endian (RFC 8878, 3.1.1) */
static const unsigned char zstd_magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };

struct psirt_evpack {
	ZSTD_CCtx *cctx; /* with dictionary v1 referenced, parameters set */
	ZSTD_DCtx *dctx;
};

/* Prepared once per process, shared read-only by every context (a CDict
 * and a DDict may be used by many threads at once: zstd.h). */
static pthread_once_t dict_once = PTHREAD_ONCE_INIT;
static ZSTD_CDict *cdict_v1;
static ZSTD_DDict *ddict_v1;

static void dict_init(void)
{
	/* not starting with the dictionary magic: loaded as raw content */
	cdict_v1 = ZSTD_createCDict(dict_v1, sizeof dict_v1 - 1, EVPACK_LEVEL);
	ddict_v1 = ZSTD_createDDict(dict_v1, sizeof dict_v1 - 1);
}

static int dicts(void)
{
	return pthread_once(&dict_once, dict_init) == 0 && cdict_v1 && ddict_v1;
}

enum psirt_err psirt_evpack_new(struct psirt_evpack **out, struct psirt_diag *diag)
{
	struct psirt_evpack *p;
	size_t rc;

	*out = NULL;
	if (!dicts())
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "cannot prepare the evidence dictionary");
	p = calloc(1, sizeof *p);
	if (!p)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	p->cctx = ZSTD_createCCtx();
	p->dctx = ZSTD_createDCtx();
	if (!p->cctx || !p->dctx) {
		psirt_evpack_free(p);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	/* the frame: content size kept (unpack bounds its output by it), no
	 * checksum (SQLite's pages are what a store's integrity rests on),
	 * no dictionary id (the format byte names the dictionary) */
	rc = ZSTD_CCtx_refCDict(p->cctx, cdict_v1);
	if (!ZSTD_isError(rc))
		rc = ZSTD_CCtx_setParameter(p->cctx, ZSTD_c_contentSizeFlag, 1);
	if (!ZSTD_isError(rc))
		rc = ZSTD_CCtx_setParameter(p->cctx, ZSTD_c_checksumFlag, 0);
	if (!ZSTD_isError(rc))
		rc = ZSTD_CCtx_setParameter(p->cctx, ZSTD_c_dictIDFlag, 0);
	if (ZSTD_isError(rc)) {
		psirt_evpack_free(p);
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "evidence compressor: %s",
		                      ZSTD_getErrorName(rc));
	}
	*out = p;
	return PSIRT_OK;
}

void psirt_evpack_free(struct psirt_evpack *p)
{
	if (!p)
		return;
	ZSTD_freeCCtx(p->cctx);
	ZSTD_freeDCtx(p->dctx);
	free(p);
}

enum psirt_err psirt_evpack_pack(struct psirt_evpack *p, const char *text, size_t len,
                                 struct psirt_buf *out, struct psirt_diag *diag)
{
	size_t bound, rc, at = out->len;

	if (len > PSIRT_EVPACK_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "evidence of %zu bytes: more than %zu", len,
		                      PSIRT_EVPACK_MAX);
	bound = ZSTD_compressBound(len);
	psirt_buf_grow(out, 1 + bound);
	if (psirt_buf_error(out))
		return psirt_diag_set(diag, psirt_buf_error(out), "out of memory");
	out->p[at] = PSIRT_EVPACK_ZSTD_V1;
	rc = ZSTD_compress2(p->cctx, out->p + at + 1, bound, text, len);
	if (ZSTD_isError(rc)) {
		/* the context is usable again after a reset of its session */
		ZSTD_CCtx_reset(p->cctx, ZSTD_reset_session_only);
		out->p[at] = 0;
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "compressing evidence: %s",
		                      ZSTD_getErrorName(rc));
	}
	out->len = at + 1 + rc;
	out->p[out->len] = 0;
	return PSIRT_OK;
}

enum psirt_err psirt_evpack_unpack(struct psirt_evpack *p, const void *blob, size_t len,
                                   struct psirt_buf *out, struct psirt_diag *diag)
{
	const unsigned char *b = blob;
	unsigned long long size;
	size_t framed, rc, at = out->len;
	char none, *dst;

	if (!len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "stored evidence: empty blob");
	if (b[0] != PSIRT_EVPACK_ZSTD_V1)
		return psirt_diag_set(diag, PSIRT_EINVAL, "stored evidence: unknown format %u",
		                      (unsigned)b[0]);
	b++;
	len--;
	/* one zstd frame, nothing before or after it (not a skippable frame,
	 * not several frames: the writer never makes them) */
	if (len < sizeof zstd_magic || memcmp(b, zstd_magic, sizeof zstd_magic))
		return psirt_diag_set(diag, PSIRT_EINVAL, "stored evidence: not a zstd frame");
	framed = ZSTD_findFrameCompressedSize(b, len);
	if (ZSTD_isError(framed))
		return psirt_diag_set(diag, PSIRT_EINVAL, "stored evidence: corrupt frame (%s)",
		                      ZSTD_getErrorName(framed));
	if (framed != len)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "stored evidence: %zu bytes after the frame", len - framed);
	size = ZSTD_getFrameContentSize(b, len);
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "stored evidence: frame without its content size");
	if (size > PSIRT_EVPACK_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG,
		                      "stored evidence: %llu bytes declared, more than %zu", size,
		                      PSIRT_EVPACK_MAX);
	/* ddict_v1 is there: p exists only once dicts() succeeded */
	psirt_buf_grow(out, (size_t)size);
	if (psirt_buf_error(out))
		return psirt_diag_set(diag, psirt_buf_error(out), "out of memory");
	/* the output is bounded by the declared size: a frame producing more
	 * fails (dstSize_tooSmall) rather than writing past it; an empty text
	 * goes nowhere (an empty buffer's "" is shared, never written) */
	dst = size ? out->p + at : &none;
	rc = ZSTD_decompress_usingDDict(p->dctx, dst, (size_t)size, b, len, ddict_v1);
	if (ZSTD_isError(rc) || rc != size) {
		*dst = 0;
		return ZSTD_isError(rc)
		           ? psirt_diag_set(diag, PSIRT_EINVAL, "stored evidence: corrupt frame (%s)",
		                            ZSTD_getErrorName(rc))
		           : psirt_diag_set(diag, PSIRT_EINVAL,
		                            "stored evidence: %zu bytes, %llu declared", rc, size);
	}
	if (size) {
		out->len = at + (size_t)size;
		out->p[out->len] = 0;
	}
	return PSIRT_OK;
}
