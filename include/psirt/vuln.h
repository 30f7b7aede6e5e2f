/* psirt — the vulnerability data model shared by feed importers and the store.
 *
 * Parsers (src/feed/) produce these plain structs; the store (src/store/)
 * persists them and reads them back in the same shape. One struct
 * psirt_vuln_record is one source's record of a vulnerability: an NVD CVE, a
 * JVN iPedia entry, an OSV record, a CSAF advisory's vulnerability. Records of
 * different sources that name each other (aliases) form one vulnerability.
 *
 * Lists are singly linked through `next`, in document order. Every pointer
 * is borrowed: a parser's record lives in its per-record arena and is valid
 * only during the callback that receives it; a record read from the store
 * lives in the struct psirt_vuln_view's arena. Strings are NUL-terminated
 * UTF-8; NULL means absent. Instants are canonical (psirt/isotime.h).
 */
#ifndef PSIRT_VULN_H
#define PSIRT_VULN_H

#include <stddef.h>

/* Where a record comes from; the store keeps the name. */
enum psirt_vuln_source {
	PSIRT_VULN_SRC_NVD,
	PSIRT_VULN_SRC_JVN,
	PSIRT_VULN_SRC_OSV,
	PSIRT_VULN_SRC_CSAF,
	PSIRT_VULN_SRC__MAX
};

/* "nvd", "jvn", "osv", "csaf"; NULL for an unknown value. */
static inline const char *psirt_vuln_source_name(enum psirt_vuln_source s)
{
	static const char *const names[] = { "nvd", "jvn", "osv", "csaf" };

	_Static_assert(sizeof names / sizeof names[0] == PSIRT_VULN_SRC__MAX,
	               "one name per source");
	return (unsigned)s < PSIRT_VULN_SRC__MAX ? names[s] : NULL;
}

struct psirt_vuln_str {
	struct psirt_vuln_str *next;
	const char *value;
};

/* A description or title in one language ("en", "es", "ja"). */
struct psirt_vuln_text {
	struct psirt_vuln_text *next;
	const char *lang; /* BCP 47 tag as the source gives it; "" when it gives none */
	const char *value;
};

/* One metric block: a CVSS score by one scorer, or another kind of block
 * (NVD "ssvcV203") kept only as JSON. */
struct psirt_vuln_score {
	struct psirt_vuln_score *next;
	const char *kind;     /* the source's name for the block: "cvssMetricV31" */
	const char *version;  /* CVSS version "2.0", "3.0", "3.1", "4.0"; NULL if none */
	const char *vector;   /* "CVSS:3.1/AV:N/..." */
	double base_score;
	int has_base_score;
	const char *severity; /* "CRITICAL", "HIGH", ... as the source writes it */
	const char *source;   /* who scored: "nvd@nist.gov", a CNA's address, "jvn" */
	const char *type;     /* "Primary" or "Secondary" (NVD), else NULL */
	const char *json;     /* the whole block as compact JSON */
};

/* One CWE named by one source: "CWE-79", "NVD-CWE-Other", "NVD-CWE-noinfo". */
struct psirt_vuln_weakness {
	struct psirt_vuln_weakness *next;
	const char *source;
	const char *type; /* "Primary" / "Secondary" */
	const char *cwe;
};

struct psirt_vuln_ref {
	struct psirt_vuln_ref *next;
	const char *url;
	const char *source;
	struct psirt_vuln_str *tags; /* "Exploit", "Patch", "Vendor Advisory", ... */
};

/* An NVD cpeMatch: one CPE match criterion with optional version bounds.
 * part..update are the criteria's attributes as the CPE module reads them
 * (psirt/cpe.h), written in formatted-string form (`tcp\/ip`, `*`, `-`),
 * whichever spelling the criteria uses (a JVN CPE 2.2 URI gives the same
 * columns as its 2.3 name); all NULL when the criteria is no CPE name. The
 * matcher's index keys are part:vendor:product of the same reading. */
struct psirt_vuln_cpe_match {
	struct psirt_vuln_cpe_match *next;
	int vulnerable;
	const char *criteria;
	const char *match_criteria_id;
	const char *part, *vendor, *product, *version, *update;
	/* bounds with surrounding white space removed (real records have
	 * " 5.10.35"); NULL when absent */
	const char *version_start_including, *version_start_excluding;
	const char *version_end_including, *version_end_excluding;
	/* The source's own words for the affected versions, when it gives
	 * text rather than bounds (JVN VersionNumber: "5.16.3 未満"); the
	 * bounds above are what could be read from it. NULL for NVD. */
	const char *version_text;
};

enum psirt_vuln_op {
	PSIRT_VULN_OP_NONE, /* not given (NVD configurations with one node) */
	PSIRT_VULN_OP_OR,
	PSIRT_VULN_OP_AND,
};

struct psirt_vuln_node {
	struct psirt_vuln_node *next;
	enum psirt_vuln_op op; /* OR or AND */
	int negate;
	struct psirt_vuln_cpe_match *matches;
};

/* An NVD configuration: its nodes combined by op (AND: a vulnerable
 * application on a platform), negate inverting the result. */
struct psirt_vuln_config {
	struct psirt_vuln_config *next;
	enum psirt_vuln_op op;
	int negate;
	struct psirt_vuln_node *nodes;
};

/* OSV range events: "introduced", "fixed", "last_affected", "limit". */
struct psirt_vuln_event {
	struct psirt_vuln_event *next;
	const char *kind;
	const char *value;
};

struct psirt_vuln_range {
	struct psirt_vuln_range *next;
	const char *type; /* "SEMVER", "ECOSYSTEM", "GIT" */
	const char *repo; /* GIT ranges */
	struct psirt_vuln_event *events;
	const char *json; /* database_specific, as JSON; NULL if none */
};

/* An OSV affected[] entry (or any package-based statement). */
struct psirt_vuln_package {
	struct psirt_vuln_package *next;
	const char *ecosystem; /* "PyPI", "Debian:12", ... */
	const char *name;
	const char *purl;     /* canonical when it parses (psirt/purl.h), else as given */
	/* The package-URL identity the matcher keys on: from purl, or derived
	 * from ecosystem and name for the ecosystems with a purl type (PyPI →
	 * pypi, Maven → maven, ...). NULL when neither gives one; purl_namespace
	 * is "" when the purl has no namespace. */
	const char *purl_type, *purl_namespace, *purl_name;
	struct psirt_vuln_range *ranges;
	struct psirt_vuln_str *versions; /* enumerated affected versions */
	/* the entry's other members as one JSON object (OSV: ecosystem_specific,
	 * database_specific, severity); NULL if none */
	const char *json;
};

struct psirt_vuln_record {
	enum psirt_vuln_source source;
	const char *id;        /* required: "CVE-2021-44228", "JVNDB-2021-005433", "GHSA-…" */
	const char *modified;  /* required, canonical: orders versions of a record */
	const char *published; /* canonical */
	const char *assigner;  /* NVD sourceIdentifier, CNA */
	const char *status;    /* NVD vulnStatus ("Analyzed", "Rejected", ...) */
	int withdrawn;         /* NVD Rejected, OSV withdrawn */
	const char *withdrawn_at; /* canonical, when known */
	struct psirt_vuln_str *aliases; /* other ids of the same vulnerability */
	struct psirt_vuln_str *related; /* ids of related, different ones */
	struct psirt_vuln_text *titles;
	struct psirt_vuln_text *descriptions;
	struct psirt_vuln_score *scores;
	struct psirt_vuln_weakness *weaknesses;
	struct psirt_vuln_ref *refs;
	struct psirt_vuln_config *configs;
	struct psirt_vuln_package *packages;
	const char *extra_json; /* other top-level members, as one JSON object */
	const char *imported_at; /* set by the store when read back */
};

/* A CISA Known Exploited Vulnerabilities catalog entry. Dates are
 * "YYYY-MM-DD" as in the catalog. */
struct psirt_kev_entry {
	const char *cve;               /* required */
	const char *vendor_project;
	const char *product;
	const char *name;              /* vulnerabilityName */
	const char *date_added;        /* required */
	const char *short_description;
	const char *required_action;
	const char *due_date;
	const char *ransomware;        /* knownRansomwareCampaignUse: "Known"/"Unknown" */
	const char *notes;
	struct psirt_vuln_str *cwes;
	const char *catalog_version;   /* of the catalog it came from */
	const char *catalog_date;      /* its dateReleased, canonical */
};

/* A FIRST EPSS score of one CVE on one day. */
struct psirt_epss_score {
	const char *cve;
	double score;      /* probability of exploitation in the next 30 days, 0..1 */
	double percentile; /* 0..1 */
	int has_percentile; /* the 2021-04 format has none */
	const char *model_version; /* "v2023.03.01"; NULL in old files */
	const char *score_date;    /* canonical */
};

#endif
