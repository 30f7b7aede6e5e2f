/* psirt — triage policy: from a finding's SSVC outcome and its product's
 * attributes to a priority (P1-P4), a deadline in days and a response class.
 *
 * Part of the triage module. A policy is a small text file a PSIRT lead edits
 * and reviews in a diff (format: docs/policy.md; the default one ships as
 * data/policy/default.policy):
 *
 *     name = acme 2026
 *
 *     [rule recall]
 *     when     = nonconformity and safety >= marginal
 *     priority = P1
 *     deadline = 14
 *     class    = recall
 *     explain  = kev, safety, exposure, units
 *
 *     [default]
 *     priority = P4
 *     deadline = 180
 *     class    = routine
 *
 * Rules are tried in order; the first whose condition holds decides, else the
 * mandatory [default]. Parsing is all or nothing: on any error no policy is
 * returned and the diagnostic has the file, line and column. A parsed policy
 * has a canonical text (comments and spacing dropped, conditions printed one
 * way) and a fingerprint, "sha256:" + the SHA-256 of that text, which names
 * the policy's version: two files that decide alike in the same words share
 * it.
 */
#ifndef PSIRT_POLICY_H
#define PSIRT_POLICY_H

#include <stddef.h>

#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/ssvc.h"
#include "psirt/str.h"

/* Largest policy file accepted, and most rules: a policy is read by people,
 * so anything near these is a mistake, not a policy. */
#define PSIRT_POLICY_MAX_SIZE ((size_t)1 << 20)
#define PSIRT_POLICY_MAX_RULES 1000
/* Parentheses and 'not's nested deeper than this, or more terms in one
 * condition, are refused (bounds the recursion of evaluation). */
#define PSIRT_POLICY_MAX_DEPTH 32
#define PSIRT_POLICY_MAX_TERMS 256

/* After the car-maker analogy of DESIGN.md and PSIRT-PROCESS.md §8. */
enum psirt_response_class {
	PSIRT_RESPONSE_RECALL,      /* act on every unit, notify authorities and users */
	PSIRT_RESPONSE_IMPROVEMENT, /* safety-relevant, controlled: scheduled fix on every unit */
	PSIRT_RESPONSE_CAMPAIGN,    /* out-of-cycle security update with an advisory */
	PSIRT_RESPONSE_ROUTINE,     /* next regular release */
	PSIRT_RESPONSE__MAX
};

/* "recall", "improvement", "campaign", "routine"; "?" out of range. */
const char *psirt_response_class_name(enum psirt_response_class c);
/* The value for a name (ASCII case ignored), or -1. */
int psirt_response_class_parse(struct psirt_str s);

/* What a condition can test, in the order facts are listed in reasons. */
enum psirt_policy_field {
	PSIRT_POLICY_SSVC, /* supplier tree outcome: defer < scheduled < out-of-cycle < immediate */
	PSIRT_POLICY_EXPLOITATION,  /* none < public-poc < active */
	PSIRT_POLICY_SAFETY,        /* negligible < marginal < critical < catastrophic */
	PSIRT_POLICY_NONCONFORMITY, /* yes/no: no longer meets a mandatory standard */
	PSIRT_POLICY_EXPOSURE,      /* physical < adjacent < local-network < internet */
	PSIRT_POLICY_WEIGHT,        /* low < medium < high < critical */
	PSIRT_POLICY_KEV,           /* yes/no: in CISA's KEV catalog */
	PSIRT_POLICY_EPSS,          /* probability 0..1 */
	PSIRT_POLICY_UNITS,         /* units in the field */
	PSIRT_POLICY_CONTROLLED,    /* yes/no: residual risk controlled (FDA sense) */
	PSIRT_POLICY__FIELDS
};

/* "ssvc", "exploitation", ...; "?" out of range. */
const char *psirt_policy_field_name(enum psirt_policy_field f);

/* A finding as the policy sees it. Unknown values (-1) make every
 * comparison on them false, so a rule never fires on what is not known;
 * the yes/no fields are always known (0 or 1). */
struct psirt_policy_input {
	int ssvc;             /* enum psirt_ssvc_priority, or -1 */
	int exploitation;     /* enum psirt_ssvc_exploitation, or -1 */
	int safety;           /* enum psirt_safety_class, or -1 */
	int nonconformity;    /* 0 or 1 */
	int exposure;         /* enum psirt_exposure, or -1 */
	int weight;           /* enum psirt_ssvc_weight, or -1 */
	int kev;              /* 0 or 1 */
	const char *kev_date; /* borrowed; KEV dateAdded "2025-03-04", or NULL */
	double epss;          /* 0..1, or negative when unknown */
	long long units;      /* units in the field, or -1 */
	int controlled;       /* 0 or 1 (0 until someone shows it is controlled) */
};

/* Everything unknown, the yes/no fields no. */
void psirt_policy_input_init(struct psirt_policy_input *in);

/* Parses "FIELD=VALUE" as `psirt policy eval` takes it: enum fields by name,
 * yes/no fields as yes, no, true or false, kev also as a date (YYYY-MM-DD:
 * listed since then), epss as a decimal from 0 to 1, units as a whole
 * number. Errors: PSIRT_EINVAL with the 1-based column ("unknown field
 * 'safty' (expected ssvc, exploitation, ...)", "unknown value 'hgh' for
 * weight (expected low, medium, high or critical)"). Borrows arg: kev_date
 * may point into it. */
enum psirt_err psirt_policy_input_set(struct psirt_policy_input *in, struct psirt_str arg,
                                      struct psirt_diag *diag);

struct psirt_policy_expr; /* a compiled condition (internal) */

struct psirt_policy_rule {
	const char *name; /* "recall"; "default" for the default */
	long line;        /* of its [section] header */
	int is_default;
	int priority;      /* 1..4 */
	int deadline_days; /* 0..3650 */
	enum psirt_response_class response_class;
	const char *condition; /* canonical text; NULL for the default */
	/* Facts for the reason, in order: the explain key, else the fields the
	 * condition tests (in enum order). */
	unsigned char nexplain;
	unsigned char explain[PSIRT_POLICY__FIELDS];
	const struct psirt_policy_expr *when; /* NULL for the default */
};

struct psirt_policy; /* opaque */

/* Parses len bytes of text; file names the source in diagnostics (may be
 * NULL). On success *out is a new policy (free with psirt_policy_free).
 * Errors (nothing returned): PSIRT_EINVAL with file, line and column and a
 * message such as "unknown key 'prio' (expected when, priority, deadline,
 * class or explain)", "unknown field 'safty' ...", "duplicate rule name
 * 'recall' (first on line 3)", "no [default] section: ..."; PSIRT_ETOOBIG
 * past PSIRT_POLICY_MAX_SIZE or the other limits; PSIRT_ENOMEM. Borrows
 * text. */
enum psirt_err psirt_policy_parse(const char *text, size_t len, const char *file,
                                  struct psirt_policy **out, struct psirt_diag *diag);
/* Reads and parses the file at path: as psirt_policy_parse, plus PSIRT_EIO
 * when it cannot be read. */
enum psirt_err psirt_policy_load(const char *path, struct psirt_policy **out,
                                 struct psirt_diag *diag);
void psirt_policy_free(struct psirt_policy *p);

/* Accessors; the returned memory belongs to the policy. */
const char *psirt_policy_name(const struct psirt_policy *p); /* "" when unnamed */
/* "sha256:" and 64 hex digits */
const char *psirt_policy_fingerprint(const struct psirt_policy *p);
const char *psirt_policy_canonical(const struct psirt_policy *p, size_t *len);
/* Rules before the default; rule_at(p, rule_count(p)) is the default. */
size_t psirt_policy_rule_count(const struct psirt_policy *p);
const struct psirt_policy_rule *psirt_policy_rule_at(const struct psirt_policy *p, size_t i);

struct psirt_policy_decision {
	const struct psirt_policy_rule *rule; /* borrowed from the policy */
	int priority;
	int deadline_days;
	enum psirt_response_class response_class;
};

/* Decides for in. When reason is not NULL, appends the one-line reason:
 *   "P1 recall: KEV-listed since 2025-03-04, safety impact critical,
 *   internet-exposed, 12,400 units"
 * (the rule's explain facts that are known and say something; "rule NAME"
 * when none does, "no rule matched" for the default). Returns PSIRT_OK, or
 * the reason buffer's sticky error (the decision is made regardless). */
enum psirt_err psirt_policy_eval(const struct psirt_policy *p, const struct psirt_policy_input *in,
                                 struct psirt_policy_decision *out, struct psirt_buf *reason);

#endif
