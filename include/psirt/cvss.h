/* psirt — CVSS v2.0, v3.0, v3.1 and v4.0 vectors: strict parsing and scoring.
 *
 * Part of the triage module. A vector is parsed into a small value struct
 * (no allocation); scoring fills another. Scores are kept in tenths (98 means
 * 9.8) so that they compare and print exactly.
 *
 * What is accepted (each rule cites its specification):
 *   v2.0  no prefix ("AV:N/AC:L/Au:N/C:P/I:P/A:P"), optionally wrapped in
 *         parentheses as NVD writes it; metrics in the predetermined order of
 *         the v2 guide's Table 13 (§2.4); optional metrics may be left out.
 *   v3.x  "CVSS:3.0/" or "CVSS:3.1/"; metrics in any order (v3.1 §6: "Programs
 *         reading CVSS v3.1 vector strings must accept metrics in any order").
 *   v4.0  "CVSS:4.0/"; metrics in the order of the v4.0 specification's
 *         Table 23 (§7), as FIRST's v4.0 JSON schema's vectorString pattern
 *         and its calculator require.
 * Everywhere: all Base metrics present, no metric twice, no unknown metric or
 * value, no empty field (so no trailing '/'), case-sensitive names and values.
 */
#ifndef PSIRT_CVSS_H
#define PSIRT_CVSS_H

#include <stddef.h>

#include "psirt/error.h"

enum psirt_cvss_version {
	PSIRT_CVSS_V2_0 = 1,
	PSIRT_CVSS_V3_0,
	PSIRT_CVSS_V3_1,
	PSIRT_CVSS_V4_0,
};

enum psirt_cvss_severity {
	PSIRT_CVSS_NONE, /* 0.0; never for v2.0, whose scale starts at Low */
	PSIRT_CVSS_LOW,
	PSIRT_CVSS_MEDIUM,
	PSIRT_CVSS_HIGH,
	PSIRT_CVSS_CRITICAL, /* v3.x and v4.0 only */
};

/* CVSS v4.0 §1.3 nomenclature: which metric groups the score took into
 * account. Supplemental metrics never change a score. */
enum psirt_cvss_nomenclature {
	PSIRT_CVSS_B,   /* Base */
	PSIRT_CVSS_BT,  /* Base and Threat */
	PSIRT_CVSS_BE,  /* Base and Environmental */
	PSIRT_CVSS_BTE, /* Base, Threat and Environmental */
};

/* v4.0 has the most metrics: 11 base, 1 threat, 14 environmental and 6
 * supplemental. */
#define PSIRT_CVSS_MAX_METRICS 32
/* Longest input accepted. The longest valid vector (v4.0 with every metric
 * and its longest values, "U:Clear") has 178 characters; 512 leaves room and
 * still bounds the work done on junk. */
#define PSIRT_CVSS_MAX_INPUT 512
/* Enough for any canonical vector psirt_cvss_format() writes, with its NUL. */
#define PSIRT_CVSS_FORMAT_MAX 256

/* A parsed vector. value[i] belongs to the i-th metric of the version's
 * specification order: 0 when the metric is absent, else 1 + the index of its
 * value. Plain data: copy and compare freely (memcmp compares meaning, since
 * parsing fills every byte). */
struct psirt_cvss {
	enum psirt_cvss_version version;
	unsigned char value[PSIRT_CVSS_MAX_METRICS];
};

/* Scores in tenths of a point (0..100). For v2.0 and v3.x every score is
 * computed whatever was given (Not Defined metrics are neutral), and the
 * has_* flags say whether the vector defines any metric of that group. */
struct psirt_cvss_scores {
	enum psirt_cvss_version version;
	int base;
	/* v2/v3: base sub-scores rounded half up to one decimal (as NVD shows
	 * them), negative values shown as 0; v4.0: -1 (it has none). */
	int impact, exploitability;
	/* v2/v3 Temporal score; v4.0 CVSS-BT (Base and Threat, environmental
	 * metrics ignored). */
	int temporal;
	/* v2/v3 Environmental score; v4.0 CVSS-BTE (every metric given). */
	int environmental;
	/* v3 ModifiedImpact, v2 AdjustedImpact, rounded like impact; v4.0: -1. */
	int modified_impact;
	/* The score to act on: v2/v3 the Environmental score when an
	 * environmental metric is defined, else the Temporal score when a
	 * temporal one is, else Base; v4.0 the score with every metric given
	 * (its nomenclature says which). */
	int overall;
	int has_temporal;      /* v4.0: a Threat metric other than X */
	int has_environmental; /* v4.0: an Environmental metric other than X */
	enum psirt_cvss_nomenclature nomenclature; /* v4.0 only, else CVSS_B */
	/* v4.0: the MacroVector (EQ1..EQ6 digits) of the overall score, NUL
	 * terminated; "" for other versions. */
	char macro_vector[7];
};

/* Parses len bytes at s (need not be NUL-terminated) into *out. The version
 * is taken from the prefix (no prefix: v2.0). Returns PSIRT_OK, or
 * PSIRT_EINVAL with a message naming the metric and the 1-based column of
 * the offending text in diag (may be NULL), or PSIRT_ETOOBIG when len exceeds
 * PSIRT_CVSS_MAX_INPUT. *out is unspecified after an error. Borrows s. */
enum psirt_err psirt_cvss_parse(struct psirt_cvss *out, const char *s, size_t len,
                                struct psirt_diag *diag);

/* Computes every score of a parsed vector into *out. Never fails. */
void psirt_cvss_score(const struct psirt_cvss *cvss, struct psirt_cvss_scores *out);

/* Writes the canonical vector: the version's prefix, then the metrics in
 * specification order, Not Defined (X, v2 ND) values left out, v2 without
 * parentheses. Like snprintf: writes at most size bytes including the NUL
 * (size may be 0) and returns the length of the whole canonical vector,
 * always below PSIRT_CVSS_FORMAT_MAX. */
size_t psirt_cvss_format(const struct psirt_cvss *cvss, char *buf, size_t size);

/* The value abbreviation of a metric ("AV" -> "N"), "X" (v2: "ND") for an
 * absent optional metric, or NULL when the version has no such metric.
 * Returns static storage. */
const char *psirt_cvss_get(const struct psirt_cvss *cvss, const char *metric);

/* Qualitative rating of a score in tenths: v3.1 §5 Table 14 and v4.0 §6
 * (None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0);
 * v2.0 as NVD rates it (Low 0.0-3.9, Medium 4.0-6.9, High 7.0-10.0). */
enum psirt_cvss_severity psirt_cvss_severity_of(enum psirt_cvss_version version, int tenths);

/* "None", "Low", "Medium", "High", "Critical"; never NULL. */
const char *psirt_cvss_severity_name(enum psirt_cvss_severity severity);
/* "2.0", "3.0", "3.1", "4.0"; "?" for an unknown value. */
const char *psirt_cvss_version_name(enum psirt_cvss_version version);
/* "CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE"; never NULL. */
const char *psirt_cvss_nomenclature_name(enum psirt_cvss_nomenclature nomenclature);

#endif
