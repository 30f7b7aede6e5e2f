/* libFuzzer target: the NVD CVE API 2.0 parser, no store. */
#include <string.h>

#include "fuzz_common.h"
#include "psirt/isotime.h"

static void check_time(const char *t)
{
	fuzz_check(!t || (strlen(t) == PSIRT_ISOTIME_LEN && t[10] == 'T' && t[23] == 'Z'));
}

static enum psirt_err on_vuln(void *ctx, const struct psirt_vuln_record *r, struct psirt_diag *d)
{
	const struct psirt_vuln_config *c;
	const struct psirt_vuln_node *n;
	const struct psirt_vuln_cpe_match *m;
	const struct psirt_vuln_text *t;
	const struct psirt_vuln_ref *ref;
	const struct psirt_vuln_score *s;

	(void)ctx;
	(void)d;
	/* what the parser promises of every record it hands over */
	fuzz_check(r->source == PSIRT_VULN_SRC_NVD && r->id && !strncmp(r->id, "CVE-", 4));
	fuzz_check(r->modified != NULL);
	check_time(r->modified);
	check_time(r->published);
	for (t = r->descriptions; t; t = t->next)
		fuzz_check(t->lang && t->value);
	for (s = r->scores; s; s = s->next)
		fuzz_check(s->json && s->json[0] == '{');
	for (ref = r->refs; ref; ref = ref->next)
		fuzz_check(ref->url != NULL);
	for (c = r->configs; c; c = c->next) {
		for (n = c->nodes; n; n = n->next) {
			fuzz_check(n->op == PSIRT_VULN_OP_AND || n->op == PSIRT_VULN_OP_OR);
			for (m = n->matches; m; m = m->next) {
				fuzz_check(m->criteria != NULL);
				fuzz_check(!m->vendor || (m->part && m->product && m->version && m->update));
			}
		}
	}
	fuzz_check(!r->extra_json || r->extra_json[0] == '{');
	return PSIRT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_feed_sink sink = { on_vuln, NULL, NULL, NULL, NULL };

	fuzz_twice(PSIRT_FEED_NVD, &sink, NULL, data, size);
	return 0;
}
