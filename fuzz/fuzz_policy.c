/* libFuzzer target: arbitrary bytes as a triage policy, optionally followed
 * by a NUL and newline-separated FIELD=VALUE arguments (a finding). Never
 * crash; a failure says what and where; a policy's canonical text parses to
 * the same canonical text and fingerprint and decides every finding the same
 * way; a decision is always in range and has a reason. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static void decide_same(const struct psirt_policy *a, const struct psirt_policy *b,
                        const struct psirt_policy_input *in)
{
	struct psirt_policy_decision da, db;
	struct psirt_buf ra = PSIRT_BUF_INIT, rb = PSIRT_BUF_INIT;

	check(psirt_policy_eval(a, in, &da, &ra) == PSIRT_OK);
	check(psirt_policy_eval(b, in, &db, &rb) == PSIRT_OK);
	check(da.priority >= 1 && da.priority <= 4);
	check(da.deadline_days >= 0 && da.deadline_days <= 3650);
	check((unsigned)da.response_class < PSIRT_RESPONSE__MAX);
	check(ra.len > 4 && !strcmp(ra.p, rb.p));
	check(!strcmp(da.rule->name, db.rule->name) && da.priority == db.priority &&
	      da.deadline_days == db.deadline_days && da.response_class == db.response_class);
	psirt_buf_release(&ra);
	psirt_buf_release(&rb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nul = memchr(data, '\0', size);
	size_t len = nul ? (size_t)(nul - text) : size;
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_policy *p = NULL, *again = NULL;
	struct psirt_policy_input in;
	const char *canon;
	size_t clen, i;
	enum psirt_err err;

	err = psirt_policy_parse(text, len, "f.policy", &p, &diag);
	if (err != PSIRT_OK) {
		check(!p && diag.code == err && diag.message && *diag.message);
		psirt_diag_release(&diag);
		return 0;
	}
	check(p && psirt_policy_rule_at(p, psirt_policy_rule_count(p))->is_default);
	canon = psirt_policy_canonical(p, &clen);
	check(strlen(canon) == clen);
	check(psirt_policy_parse(canon, clen, NULL, &again, NULL) == PSIRT_OK);
	check(!strcmp(psirt_policy_canonical(again, NULL), canon));
	check(!strcmp(psirt_policy_fingerprint(again), psirt_policy_fingerprint(p)));
	for (i = 0; i < psirt_policy_rule_count(p); i++) {
		const struct psirt_policy_rule *r = psirt_policy_rule_at(p, i);

		check(!r->is_default && r->condition && r->priority >= 1 && r->priority <= 4);
	}

	/* the finding after the NUL, one FIELD=VALUE a line; bad ones skipped */
	psirt_policy_input_init(&in);
	if (nul) {
		const char *s = nul + 1, *end = text + size;

		while (s < end) {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

			if (psirt_policy_input_set(&in, psirt_str_make(s, n), &diag) != PSIRT_OK) {
				check(diag.message && diag.column > 0);
				psirt_diag_release(&diag);
			}
			s += n + 1;
		}
	}
	decide_same(p, again, &in);
	/* and two findings at the extremes */
	psirt_policy_input_init(&in);
	decide_same(p, again, &in);
	in.ssvc = PSIRT_SSVC_IMMEDIATE;
	in.exploitation = PSIRT_SSVC_EXPLOIT_ACTIVE;
	in.safety = PSIRT_SAFETY_CATASTROPHIC;
	in.nonconformity = in.kev = in.controlled = 1;
	in.exposure = PSIRT_EXPOSURE_INTERNET;
	in.weight = PSIRT_SSVC_WEIGHT_CRITICAL;
	in.epss = 1;
	in.units = 1000000;
	decide_same(p, again, &in);
	psirt_policy_free(again);
	psirt_policy_free(p);
	return 0;
}
