/* The digest of a version's found findings (findings__found_digest): what a
 * full match compares with the stored findings, so that a full re-match
 * which finds the same digest as the last one wrote (match_version,
 * migration 19) has nothing to compare or write. */
#include <string.h>

#include <sodium.h>

#include "findings/internal.h"

/* Changing what is hashed, or how, must change this: every digest stored
 * by the old rule then differs, and those versions are compared finding by
 * finding once more. */
static const char digest_rule[] = "psirt found digest 1";

/* a field: 0 for NULL, else 1, its length as 8 bytes little-endian, its
 * bytes: no two different lists of fields give the same bytes */
static void field(struct psirt_buf *b, const char *s)
{
	unsigned char len[8];
	size_t n, i;

	if (!s) {
		psirt_buf_addch(b, 0);
		return;
	}
	n = strlen(s);
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)((unsigned long long)n >> (8 * i));
	psirt_buf_addch(b, 1);
	psirt_buf_add(b, (const char *)len, sizeof len);
	psirt_buf_add(b, s, n);
}

enum psirt_err findings__found_digest(const struct psirt_store_found *found, size_t n,
                                      unsigned char out[PSIRT_FOUND_DIGEST_BYTES],
                                      struct psirt_diag *diag)
{
	crypto_generichash_state h;
	struct psirt_buf b = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	size_t i;

	if (crypto_generichash_init(&h, NULL, 0, PSIRT_FOUND_DIGEST_BYTES))
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "cannot start a digest");
	crypto_generichash_update(&h, (const unsigned char *)digest_rule, sizeof digest_rule);
	for (i = 0; i < n; i++) {
		const struct psirt_store_found *f = &found[i];

		/* one found at a time: a buffer of one evidence's size */
		psirt_buf_reset(&b);
		field(&b, f->component);
		field(&b, f->vuln);
		field(&b, f->record);
		field(&b, f->source);
		field(&b, f->confidence);
		field(&b, f->component_name);
		field(&b, f->component_version);
		field(&b, f->component_purl);
		field(&b, f->evidence);
		if (psirt_buf_error(&b)) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
		crypto_generichash_update(&h, (const unsigned char *)b.p, b.len);
	}
	psirt_buf_release(&b);
	/* the count last: the same findings, never a prefix of them */
	if (!err) {
		unsigned char count[8];

		for (i = 0; i < 8; i++)
			count[i] = (unsigned char)((unsigned long long)n >> (8 * i));
		crypto_generichash_update(&h, count, sizeof count);
		crypto_generichash_final(&h, out, PSIRT_FOUND_DIGEST_BYTES);
	}
	return err;
}
