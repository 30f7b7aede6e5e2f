/* psirt — the product attribute scales shared by the portfolio (what is
 * stored for a product), SSVC (what the derivations read) and the triage
 * policy (what rules compare): one definition of each, so that every module
 * can include every other's header.
 *
 * Each scale is ordered from least to most severe (least to most exposed),
 * so that "at least marginal" is `>= PSIRT_SAFETY_MARGINAL` and a value is
 * the value index of its SSVC decision point (src/triage/ssvc.c checks
 * Safety Impact at compile time). Not set is -1 (the *_UNSET enumerator),
 * as the policy's unknown inputs are; 0 is a real value.
 *
 * Names are the stored text (docs/schema.md: the product table's CHECKs)
 * and the policy language's spellings: lower case, '-' between words.
 */
#ifndef PSIRT_PRODUCT_ATTR_H
#define PSIRT_PRODUCT_ATTR_H

#include "psirt/str.h"

/* SSVC Safety Impact v2.0.1 (ssvc:SI:2.0.1, after IEC 61508;
 * PSIRT-PROCESS.md §5.1). */
enum psirt_safety_class {
	PSIRT_SAFETY_UNSET = -1,
	PSIRT_SAFETY_NEGLIGIBLE,
	PSIRT_SAFETY_MARGINAL,
	PSIRT_SAFETY_CRITICAL,
	PSIRT_SAFETY_CATASTROPHIC,
	PSIRT_SAFETY__MAX
};

/* How an attacker can reach the product (psirt's scale). */
enum psirt_exposure {
	PSIRT_EXPOSURE_UNSET = -1,
	PSIRT_EXPOSURE_PHYSICAL,      /* physical access only */
	PSIRT_EXPOSURE_ADJACENT,      /* a local link: Bluetooth, Zigbee, a cable */
	PSIRT_EXPOSURE_LOCAL_NETWORK, /* the customer's network, not the internet */
	PSIRT_EXPOSURE_INTERNET,      /* reachable from the internet */
	PSIRT_EXPOSURE__MAX
};

/* The names by value: "negligible" "marginal" "critical" "catastrophic";
 * "physical" "adjacent" "local-network" "internet". Static storage. */
extern const char *const psirt_safety_class_names[PSIRT_SAFETY__MAX];
extern const char *const psirt_exposure_names[PSIRT_EXPOSURE__MAX];

/* The value's name; never NULL ("?" for unset and out of range). */
const char *psirt_safety_class_name(enum psirt_safety_class c);
const char *psirt_exposure_name(enum psirt_exposure e);

/* Lenient parsers for what people type on a command line: the names with
 * ASCII case ignored and ' ', '_' and '-' alike. Return the value, or -1.
 * (The portfolio takes the exact names only: psirt_product_attr_parse.) */
int psirt_safety_class_parse(struct psirt_str s);
int psirt_exposure_parse(struct psirt_str s);

#endif
