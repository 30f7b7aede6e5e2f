/* libFuzzer target: newline-separated POINT=VALUE arguments (as `psirt ssvc
 * eval` takes them) applied to SSVC inputs, then every tree evaluated. Never
 * crash; a bad argument gets a message and a column; a decision's outcome
 * and path are in range and explainable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/ssvc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_ssvc_inputs in;
	const struct psirt_ssvc_tree *tree;
	size_t t;

	psirt_ssvc_inputs_init(&in);
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		enum psirt_err err = psirt_ssvc_set_text(&in, psirt_str_make(s, n), &diag);

		if (err != PSIRT_OK) {
			check(diag.code == err && diag.message);
			check(err != PSIRT_EINVAL || diag.column > 0);
			psirt_diag_release(&diag);
		}
		s += n + 1;
	}
	for (t = 0; (tree = psirt_ssvc_tree_at(t)); t++) {
		struct psirt_ssvc_result r;
		struct psirt_buf b = PSIRT_BUF_INIT;
		unsigned i;

		if (psirt_ssvc_eval(tree, &in, &r, &diag) != PSIRT_OK) {
			check(diag.code == PSIRT_EINVAL && diag.message);
			psirt_diag_release(&diag);
			continue;
		}
		check(r.outcome < tree->table->outcome->nvalues &&
		      r.nsteps >= tree->table->ninputs);
		for (i = 0; i < r.nsteps; i++)
			check(r.steps[i].value < r.steps[i].point->nvalues);
		psirt_ssvc_explain(&r, &b);
		check(!psirt_buf_error(&b) && !strncmp(b.p, tree->name, strlen(tree->name)));
		psirt_buf_release(&b);
	}
	psirt_ssvc_inputs_release(&in);
	return 0;
}
