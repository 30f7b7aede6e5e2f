/* libFuzzer target: the OSV JSON parser, no store. */
#include <string.h>

#include "fuzz_common.h"
#include "psirt/isotime.h"

static void check_time(const char *t)
{
	fuzz_check(!t || (strlen(t) == PSIRT_ISOTIME_LEN && t[10] == 'T' && t[23] == 'Z'));
}

static int event_kind_ok(const char *k)
{
	return !strcmp(k, "introduced") || !strcmp(k, "fixed") || !strcmp(k, "last_affected") ||
	       !strcmp(k, "limit");
}

static enum psirt_err on_vuln(void *ctx, const struct psirt_vuln_record *r, struct psirt_diag *d)
{
	const struct psirt_vuln_package *p;
	const struct psirt_vuln_range *rg;
	const struct psirt_vuln_event *e;
	const struct psirt_vuln_score *s;
	const struct psirt_vuln_ref *ref;
	const struct psirt_vuln_str *v;
	const char *c;

	(void)ctx;
	(void)d;
	fuzz_check(r->source == PSIRT_VULN_SRC_OSV && r->id && *r->id);
	for (c = r->id; *c; c++)
		fuzz_check((unsigned char)*c > 0x20 && (unsigned char)*c < 0x7f && *c != '/');
	fuzz_check(r->modified != NULL);
	check_time(r->modified);
	check_time(r->published);
	check_time(r->withdrawn_at);
	fuzz_check(!r->withdrawn_at || r->withdrawn);
	for (s = r->scores; s; s = s->next) {
		fuzz_check(s->kind && s->source && s->json && s->json[0] == '{');
		/* a computed score is a CVSS one, on the CVSS scale */
		fuzz_check(!s->has_base_score || (s->vector && s->version && s->base_score >= 0 &&
		                                  s->base_score <= 10));
	}
	for (ref = r->refs; ref; ref = ref->next)
		fuzz_check(ref->url != NULL);
	for (p = r->packages; p; p = p->next) {
		fuzz_check(!p->ecosystem == !p->name);
		/* the identity is all or nothing */
		fuzz_check(!p->purl_type == !p->purl_name && !p->purl_type == !p->purl_namespace);
		fuzz_check(!p->json || p->json[0] == '{');
		for (rg = p->ranges; rg; rg = rg->next) {
			fuzz_check(rg->type != NULL);
			fuzz_check(!rg->json || rg->json[0] == '{');
			for (e = rg->events; e; e = e->next)
				fuzz_check(event_kind_ok(e->kind) && e->value);
		}
		for (v = p->versions; v; v = v->next)
			fuzz_check(v->value != NULL);
	}
	fuzz_check(!r->extra_json || r->extra_json[0] == '{');
	return PSIRT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_feed_sink sink = { on_vuln, NULL, NULL, NULL, NULL };

	fuzz_twice(PSIRT_FEED_OSV, &sink, NULL, data, size);
	return 0;
}
