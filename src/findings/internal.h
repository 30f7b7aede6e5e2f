/* Internal interface of the findings module. */
#ifndef PSIRT_FINDINGS_INTERNAL_H
#define PSIRT_FINDINGS_INTERNAL_H

/* data/policy/default.policy without comments (default_policy.c). */
extern const char findings__default_policy[];

#endif
