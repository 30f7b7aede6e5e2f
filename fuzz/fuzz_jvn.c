/* libFuzzer target: the JVN iPedia XML parser (MyJVN RSS and VULDEF), no
 * store. */
#include <string.h>

#include "fuzz_common.h"
#include "psirt/isotime.h"

static void check_time(const char *t)
{
	fuzz_check(!t || (strlen(t) == PSIRT_ISOTIME_LEN && t[10] == 'T' && t[23] == 'Z'));
}

static int nonempty(const char *s)
{
	return s && *s;
}

static enum psirt_err on_vuln(void *ctx, const struct psirt_vuln_record *r, struct psirt_diag *d)
{
	const struct psirt_vuln_config *c;
	const struct psirt_vuln_cpe_match *m;
	const struct psirt_vuln_text *t;
	const struct psirt_vuln_ref *ref;
	const struct psirt_vuln_score *s;
	const struct psirt_vuln_str *a;
	int cves = 0;

	(void)ctx;
	(void)d;
	/* what the parser promises of every record it hands over */
	fuzz_check(r->source == PSIRT_VULN_SRC_JVN && r->id && !strncmp(r->id, "JVNDB-", 6));
	fuzz_check(r->modified != NULL);
	check_time(r->modified);
	check_time(r->published);
	for (t = r->titles; t; t = t->next)
		fuzz_check(t->lang && nonempty(t->value) && !strchr(t->value, '\r'));
	for (t = r->descriptions; t; t = t->next)
		fuzz_check(t->lang && nonempty(t->value) && !strchr(t->value, '\r'));
	for (s = r->scores; s; s = s->next)
		fuzz_check(s->json && s->json[0] == '{' && s->kind && s->source);
	for (ref = r->refs; ref; ref = ref->next)
		fuzz_check(nonempty(ref->url));
	for (a = r->aliases; a; a = a->next, cves++)
		fuzz_check(!strncmp(a->value, "CVE-", 4));
	fuzz_check(cves <= 1); /* an entry of several CVEs names them related */
	for (a = r->related; a; a = a->next)
		fuzz_check(!strncmp(a->value, "CVE-", 4));
	for (c = r->configs; c; c = c->next) {
		/* one configuration of one OR node */
		fuzz_check(!c->next && c->nodes && !c->nodes->next);
		fuzz_check(c->nodes->op == PSIRT_VULN_OP_OR);
		for (m = c->nodes->matches; m; m = m->next) {
			fuzz_check(m->vulnerable && nonempty(m->criteria));
			fuzz_check(!m->vendor || (m->part && m->product && m->version && m->update));
			fuzz_check(!m->vendor || !strncmp(m->criteria, "cpe:2.3:", 8));
			fuzz_check(!m->version_start_including || *m->version_start_including);
			fuzz_check(!m->version_end_excluding || *m->version_end_excluding);
			fuzz_check(!(m->version_start_including && m->version_start_excluding));
			fuzz_check(!(m->version_end_including && m->version_end_excluding));
			fuzz_check(!m->version_text || *m->version_text);
		}
	}
	fuzz_check(!r->extra_json || r->extra_json[0] == '{');
	return PSIRT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_feed_sink sink = { on_vuln, NULL, NULL, NULL, NULL };

	fuzz_twice(PSIRT_FEED_JVN, &sink, NULL, data, size);
	return 0;
}
