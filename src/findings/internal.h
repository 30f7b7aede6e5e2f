/* Internal interface of the findings module. */
#ifndef PSIRT_FINDINGS_INTERNAL_H
#define PSIRT_FINDINGS_INTERNAL_H

#include <stddef.h>

#include "psirt/findings.h"

/* data/policy/default.policy without comments (default_policy.c). */
extern const char findings__default_policy[];

/* psirt_findings_triage; every: every open finding, not only those the
 * change marks name (a bulk run: the marks' lookups by vulnerability need
 * the index it dropped, and most findings are new anyway). */
enum psirt_err findings__triage(struct psirt_store *store, int store_tx, int every,
                                const char *actor, const char *why, size_t *changed,
                                struct psirt_diag *diag);

#endif
