/* A finding's priority reason, taken apart for the UI (reason.c). */
#ifndef PSIRT_SERVER_REASON_H
#define PSIRT_SERVER_REASON_H

#include <jansson.h>

/* The parts of a reason psirt_policy_eval wrote ("P1 recall: KEV-listed
 * since 2025-03-04, safety impact critical, 12,400 units"):
 *   {priority, class, default, rule, facts: [{fact, value?}]}
 * fact is a policy field name (ssvc, exploitation, safety, nonconformity,
 * exposure, weight, kev, epss, units, controlled) with its value as the
 * field's own value name (kev: the date or null; epss: a number; units: an
 * integer; controlled: a boolean), or "text" with the piece as written when
 * it is not one psirt writes (a reason from another version). default is
 * true for "no rule matched", rule the name for "rule NAME". JSON null when
 * text is NULL, not a reason at all, or jansson cannot hold it (not UTF-8,
 * out of memory). A new reference, never NULL. */
json_t *srv__reason_json(const char *text);

/* The parts of one audit row of a finding that psirt wrote itself, for the
 * UI: {old, new, comment}. old/new: for field "priority" the value "P4
 * routine due 2026-07-14" as {priority, class, deadline}; for "ssvc:KEY"
 * "Active (overridden)" as {point, key, value, valueKey, origin}; else null
 * (states and justifications are names already). comment: {code} for a fixed text
 * ("found", "reopened", "withdrawn", "noLongerMatches"), {code: "triage",
 * why: match|stateChanged|override|policy|text, arg?, reason} for a
 * re-triage ("psirt match: P4 routine: no rule matched"), else null (an
 * analyst's comment: shown as written). A new reference, never NULL. */
json_t *srv__audit_parts(const char *field, const char *old_value, const char *new_value,
                         const char *comment);

#endif
