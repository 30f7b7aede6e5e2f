/* What a match run found, hashed (findings__found_hash,
 * findings__found_digest): a finding's fields as a run compares them with
 * the stored ones, and a version's founds together, so that a run compares
 * 16 bytes per finding instead of reading its evidence, and a full
 * re-match skips a version found as its last full match left it
 * (migration 19). */
#include <string.h>

#include <sodium.h>

#include "findings/internal.h"
#include "psirt/match.h"
#include "psirt/vuln.h"

/* Changing what is hashed, or how, must change these: every hash and
 * digest stored by the old rule then differs, and those findings and
 * versions are compared and written once more. */
static const char hash_rule[] = "psirt found hash 2";
static const char digest_rule[] = "psirt found digest 1";

static void le64(unsigned char out[8], unsigned long long v)
{
	for (int i = 0; i < 8; i++)
		out[i] = (unsigned char)(v >> (8 * i));
}

/* v as 8 bytes little-endian */
static void number(struct psirt_buf *b, unsigned long long v)
{
	unsigned char n[8];

	le64(n, v);
	psirt_buf_add(b, (const char *)n, sizeof n);
}

/* a field: 0 for NULL, else 1, its length (number), its bytes: no two
 * different lists of fields give the same bytes */
static void field(struct psirt_buf *b, const char *s)
{
	size_t n;

	if (!s) {
		psirt_buf_addch(b, 0);
		return;
	}
	n = strlen(s);
	psirt_buf_addch(b, 1);
	number(b, n);
	psirt_buf_add(b, s, n);
}

/* what findings__evidence_text writes of one evidence entry, member by
 * member (not its JSON text: building the text is left to the findings a
 * run writes) */
static void evidence(struct psirt_buf *b, const struct psirt_match_finding *mf,
                     const struct psirt_match_evidence *e)
{
	field(b, mf->record);
	field(b, psirt_vuln_source_name(mf->source));
	field(b, psirt_match_via_name(e->via));
	field(b, e->identity);
	field(b, psirt_match_confidence_name(e->confidence));
	field(b, e->why);
	field(b, e->criteria);
	if (e->criteria) {
		number(b, e->config);
		number(b, e->node);
		number(b, e->match);
		field(b, e->platform);
	} else {
		field(b, e->ecosystem);
		field(b, e->package);
		field(b, e->range_type);
		field(b, e->events);
	}
}

enum psirt_err findings__found_hash(struct psirt_store_found *f,
                                    const struct psirt_match_finding *const *mfs, size_t n,
                                    struct psirt_buf *scratch, struct psirt_diag *diag)
{
	size_t i, k, count = 0;

	psirt_buf_reset(scratch);
	psirt_buf_add(scratch, hash_rule, sizeof hash_rule);
	field(scratch, f->component);
	field(scratch, f->vuln);
	field(scratch, f->record);
	field(scratch, f->source);
	field(scratch, f->confidence);
	field(scratch, f->component_name);
	field(scratch, f->component_version);
	field(scratch, f->component_purl);
	for (i = 0; i < n; i++)
		for (k = 0; k < mfs[i]->nevidence; k++, count++)
			evidence(scratch, mfs[i], &mfs[i]->evidence[k]);
	number(scratch, count);
	if (psirt_buf_error(scratch))
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (crypto_generichash(f->found_hash, sizeof f->found_hash, (const unsigned char *)scratch->p,
	                       scratch->len, NULL, 0))
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "cannot hash a finding");
	return PSIRT_OK;
}

void findings__found_digest(const struct psirt_store_found *found, size_t n,
                            unsigned char out[PSIRT_FOUND_DIGEST_BYTES])
{
	crypto_generichash_state h;
	unsigned char count[8];
	size_t i;

	/* BLAKE2b's init and update fail only for sizes out of its range */
	crypto_generichash_init(&h, NULL, 0, PSIRT_FOUND_DIGEST_BYTES);
	crypto_generichash_update(&h, (const unsigned char *)digest_rule, sizeof digest_rule);
	for (i = 0; i < n; i++)
		crypto_generichash_update(&h, found[i].found_hash, sizeof found[i].found_hash);
	/* the count last: the same founds, never a prefix of them */
	le64(count, n);
	crypto_generichash_update(&h, count, sizeof count);
	crypto_generichash_final(&h, out, PSIRT_FOUND_DIGEST_BYTES);
}
