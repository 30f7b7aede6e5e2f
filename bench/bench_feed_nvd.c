/* NVD import benchmark: a deterministic generator of NVD CVE API 2.0 feed
 * files at the scale of the whole NVD, then `psirt feed import nvd` into a
 * fresh store, timed, next to the time jq takes for one pass over the same
 * files (the floor for reading the JSON once).
 *
 * usage: bench_feed_nvd [CVES]        default 320000 (≈ the whole NVD)
 *        bench_feed_nvd --generate DIR CVES
 * Environment: BENCH_NVD_CVES (count), BENCH_DIR (default build/bench-data).
 * The files are kept in BENCH_DIR/nvd-CVES/ and reused by the next run.
 *
 * The mix follows the real feed (shares measured on NVD 2.0 data, rounded):
 * one year file per year 1999..2025, weighted towards recent years; status
 * Analyzed/Modified/Awaiting/Deferred/Rejected; English descriptions of 60 to
 * 1,500 characters, Spanish ones on most; CVSS v3.1 on most records, v2 on
 * older ones, v4.0 on new ones, with Primary and Secondary blocks; 1-2 CWEs;
 * 2-15 references with tags; configurations averaging ≈6.3 CPE match
 * criteria per CVE — most with a few criteria and version bounds of every
 * kind, AND configurations of firmware on hardware, and a long tail of
 * records enumerating hundreds of versions — so 320,000 CVEs carry ≈2 M.
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "psirt/buf.h"
#include "psirt/feed.h"
#include "bench_util.h"

#define FIRST_YEAR 1999
#define LAST_YEAR 2025
#define NYEARS (LAST_YEAR - FIRST_YEAR + 1)

/* splitmix64 (bench_util.h): the same sequence on every machine */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static const char *const words[] = {
	"buffer",   "overflow",  "in",        "the",       "function",  "allows",   "remote",
	"attackers", "to",       "execute",   "arbitrary", "code",      "via",      "a",
	"crafted",  "packet",    "request",   "header",    "parameter", "when",     "processing",
	"memory",   "corruption", "denial",   "of",        "service",   "crash",    "and",
	"possibly", "other",     "unspecified", "impact",  "authenticated", "users", "could",
	"read",     "sensitive", "information", "from",    "web",       "interface", "firmware",
	"device",   "before",    "version",   "through",   "improper",  "validation", "input",
	"leads",    "use-after-free", "null",  "pointer",  "dereference", "local",   "privilege",
	"escalation", "injection", "command", "SQL",       "cross-site", "scripting", "path",
	"traversal", "certificate", "TLS",    "handshake", "integer",   "underflow", "heap",
};
#define NWORDS (sizeof words / sizeof words[0])

static const char *const cnas[] = {
	"cve@mitre.org", "secalert@redhat.com", "security@android.com", "psirt@cisco.com",
	"security-advisories@github.com", "cna@vuldb.com", "secure@microsoft.com",
	"product-security@apple.com", "security@wordfence.com", "psirt@fortinet.com",
	"416baaa9-dc9f-4396-8d5f-8c081fb06d67", "security@apache.org", "vultures@jpcert.or.jp",
};
#define NCNAS (sizeof cnas / sizeof cnas[0])

static const char *const tags[] = {
	"Patch", "Vendor Advisory", "Third Party Advisory", "Exploit", "Issue Tracking",
	"Mailing List", "VDB Entry", "Release Notes", "Mitigation", "US Government Resource",
};
#define NTAGS (sizeof tags / sizeof tags[0])

static const char *const cwes[] = {
	"CWE-79", "CWE-787", "CWE-89", "CWE-20", "CWE-125", "CWE-78", "CWE-416", "CWE-22",
	"CWE-352", "CWE-434", "CWE-476", "CWE-190", "CWE-287", "CWE-200", "NVD-CWE-Other",
	"NVD-CWE-noinfo",
};
#define NCWES (sizeof cwes / sizeof cwes[0])

/* Relative sizes of the year files, after the real feed's shape. */
static unsigned year_weight(int year)
{
	if (year <= 2004)
		return 3;
	if (year <= 2016)
		return 10;
	if (year <= 2019)
		return 25;
	return 40 + (unsigned)(year - 2020) * 4;
}

struct gen {
	struct psirt_buf b;
	FILE *out;
	unsigned long long matches, cves;
	unsigned nvendors;
};

static void flush(struct gen *g)
{
	if (g->b.len > (1u << 20)) {
		fwrite(g->b.p, 1, g->b.len, g->out);
		psirt_buf_reset(&g->b);
	}
}

static void sentence(struct gen *g, size_t chars)
{
	size_t start = g->b.len;

	while (g->b.len - start < chars) {
		if (g->b.len > start)
			psirt_buf_addch(&g->b, ' ');
		psirt_buf_adds(&g->b, words[bench_below(&rng, NWORDS)]);
	}
	psirt_buf_addch(&g->b, '.');
}

static void timestamp(struct gen *g, int year, unsigned salt)
{
	psirt_buf_addf(&g->b, "\"%04d-%02u-%02uT%02u:%02u:%02u.%03u\"", year, 1 + salt % 12,
	               1 + (salt / 12) % 28, salt % 24, (salt / 7) % 60, (salt / 3) % 60,
	               salt % 1000);
}

static void cvss31(struct gen *g, const char *source, const char *type)
{
	static const char *const sev[] = { "LOW", "MEDIUM", "HIGH", "CRITICAL" };
	static const double base[] = { 3.3, 5.5, 7.5, 9.8 };
	unsigned s = bench_below(&rng, 4);

	psirt_buf_addf(&g->b,
	               "          {\n"
	               "            \"source\": \"%s\",\n"
	               "            \"type\": \"%s\",\n"
	               "            \"cvssData\": {\n"
	               "              \"version\": \"3.1\",\n"
	               "              \"vectorString\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:%s/S:U/C:H/I:%s/A:H\",\n"
	               "              \"baseScore\": %.1f,\n"
	               "              \"baseSeverity\": \"%s\",\n"
	               "              \"attackVector\": \"NETWORK\",\n"
	               "              \"attackComplexity\": \"LOW\",\n"
	               "              \"privilegesRequired\": \"NONE\",\n"
	               "              \"userInteraction\": \"NONE\",\n"
	               "              \"scope\": \"UNCHANGED\",\n"
	               "              \"confidentialityImpact\": \"HIGH\",\n"
	               "              \"integrityImpact\": \"HIGH\",\n"
	               "              \"availabilityImpact\": \"HIGH\"\n"
	               "            },\n"
	               "            \"exploitabilityScore\": 3.9,\n"
	               "            \"impactScore\": 5.9\n"
	               "          }",
	               source, type, bench_chance(&rng, 50) ? "N" : "R",
	               bench_chance(&rng, 50) ? "H" : "N", base[s], sev[s]);
}

static void cvss2(struct gen *g)
{
	psirt_buf_adds(&g->b,
	               "          {\n"
	               "            \"source\": \"nvd@nist.gov\",\n"
	               "            \"type\": \"Primary\",\n"
	               "            \"cvssData\": {\n"
	               "              \"version\": \"2.0\",\n"
	               "              \"vectorString\": \"AV:N/AC:L/Au:N/C:P/I:P/A:P\",\n"
	               "              \"baseScore\": 7.5,\n"
	               "              \"accessVector\": \"NETWORK\",\n"
	               "              \"accessComplexity\": \"LOW\",\n"
	               "              \"authentication\": \"NONE\",\n"
	               "              \"confidentialityImpact\": \"PARTIAL\",\n"
	               "              \"integrityImpact\": \"PARTIAL\",\n"
	               "              \"availabilityImpact\": \"PARTIAL\"\n"
	               "            },\n"
	               "            \"baseSeverity\": \"HIGH\",\n"
	               "            \"exploitabilityScore\": 10.0,\n"
	               "            \"impactScore\": 6.4,\n"
	               "            \"acInsufInfo\": false,\n"
	               "            \"obtainAllPrivilege\": false,\n"
	               "            \"obtainUserPrivilege\": false,\n"
	               "            \"obtainOtherPrivilege\": false,\n"
	               "            \"userInteractionRequired\": false\n"
	               "          }");
}

static void cvss40(struct gen *g)
{
	psirt_buf_adds(&g->b,
	               "          {\n"
	               "            \"source\": \"cna@vuldb.com\",\n"
	               "            \"type\": \"Secondary\",\n"
	               "            \"cvssData\": {\n"
	               "              \"version\": \"4.0\",\n"
	               "              \"vectorString\": \"CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X\",\n"
	               "              \"baseScore\": 5.3,\n"
	               "              \"baseSeverity\": \"MEDIUM\",\n"
	               "              \"attackVector\": \"NETWORK\",\n"
	               "              \"attackComplexity\": \"LOW\",\n"
	               "              \"attackRequirements\": \"NONE\",\n"
	               "              \"privilegesRequired\": \"LOW\",\n"
	               "              \"userInteraction\": \"NONE\",\n"
	               "              \"exploitMaturity\": \"NOT_DEFINED\"\n"
	               "            }\n"
	               "          }");
}

/* Vendors and products: a few thousand, Zipf-like reuse (bench_skewed). */
static void vendor_product(struct gen *g, char part, unsigned *v, unsigned *prod)
{
	*v = bench_skewed(&rng, g->nvendors);
	*prod = bench_below(&rng, part == 'h' ? 40 : 8);
	(void)part;
}

static void match(struct gen *g, int vulnerable, char part, unsigned v, unsigned prod,
                  int bounds, int last)
{
	char ver[32];

	snprintf(ver, sizeof ver, "%u.%u.%u", bench_below(&rng, 12), bench_below(&rng, 20),
	         bench_below(&rng, 30));
	psirt_buf_addf(&g->b,
	               "                {\n"
	               "                  \"vulnerable\": %s,\n"
	               "                  \"criteria\": \"cpe:2.3:%c:vendor%u:product%u_%u:%s:*:*:*:*:*:*:*\",\n",
	               vulnerable ? "true" : "false", part, v, v, prod, bounds ? "*" : ver);
	switch (bounds) {
	case 1:
		psirt_buf_addf(&g->b, "                  \"versionEndExcluding\": \"%s\",\n", ver);
		break;
	case 2:
		psirt_buf_addf(&g->b,
		               "                  \"versionStartIncluding\": \"%u.0\",\n"
		               "                  \"versionEndExcluding\": \"%s\",\n",
		               bench_below(&rng, 5), ver);
		break;
	case 3:
		psirt_buf_addf(&g->b, "                  \"versionEndIncluding\": \"%s\",\n", ver);
		break;
	case 4:
		psirt_buf_addf(&g->b,
		               "                  \"versionStartExcluding\": \"%u.%u\",\n"
		               "                  \"versionEndIncluding\": \"%s\",\n",
		               bench_below(&rng, 5), bench_below(&rng, 9), ver);
		break;
	default:
		break;
	}
	psirt_buf_addf(&g->b,
	               "                  \"matchCriteriaId\": \"%08" PRIX64
	               "-%04X-%04X-%04X-%012" PRIX64 "\"\n                }%s\n",
	               (uint64_t)(bench_splitmix(&rng) & 0xffffffffULL), bench_below(&rng, 65536),
	               bench_below(&rng, 65536), bench_below(&rng, 65536),
	               (uint64_t)(bench_splitmix(&rng) & 0xffffffffffffULL), last ? "" : ",");
	g->matches++;
}

/* How many criteria a configuration gets: mostly a few, a long tail of
 * enumerations (the real feed has records with hundreds). */
static unsigned criteria_count(void)
{
	unsigned r = bench_below(&rng, 1000);

	if (r < 550)
		return 1;
	if (r < 800)
		return 2 + bench_below(&rng, 3);
	if (r < 960)
		return 4 + bench_below(&rng, 8);
	if (r < 990)
		return 12 + bench_below(&rng, 40);
	return 60 + bench_below(&rng, 340);
}

static void configurations(struct gen *g)
{
	unsigned nconf, c, i, n, v, prod;
	int and;

	nconf = 1 + (bench_chance(&rng, 35) ? bench_below(&rng, 3) : 0);
	psirt_buf_adds(&g->b, "    \"configurations\": [\n");
	for (c = 0; c < nconf; c++) {
		and = bench_chance(&rng, 18); /* firmware on hardware */
		psirt_buf_adds(&g->b, "      {\n");
		if (and)
			psirt_buf_adds(&g->b, "        \"operator\": \"AND\",\n");
		psirt_buf_adds(&g->b, "        \"nodes\": [\n");
		n = criteria_count();
		vendor_product(g, and ? 'o' : 'a', &v, &prod);
		psirt_buf_adds(&g->b,
		               "          {\n"
		               "            \"operator\": \"OR\",\n"
		               "            \"negate\": false,\n"
		               "            \"cpeMatch\": [\n");
		for (i = 0; i < n; i++)
			match(g, 1, and ? 'o' : 'a', v, prod + (i % 3), (int)bench_below(&rng, 5), i + 1 == n);
		psirt_buf_addf(&g->b, "            ]\n          }%s\n", and ? "," : "");
		if (and) {
			psirt_buf_adds(&g->b,
			               "          {\n"
			               "            \"operator\": \"OR\",\n"
			               "            \"negate\": false,\n"
			               "            \"cpeMatch\": [\n");
			match(g, 0, 'h', v, prod, 0, 1);
			psirt_buf_adds(&g->b, "            ]\n          }\n");
		}
		psirt_buf_addf(&g->b, "        ]\n      }%s\n", c + 1 == nconf ? "" : ",");
	}
	psirt_buf_adds(&g->b, "    ],\n");
}

static void cve(struct gen *g, int year, unsigned num, int last)
{
	unsigned r = bench_below(&rng, 100), i, n, salt = (unsigned)bench_splitmix(&rng);
	const char *status = r < 55   ? "Analyzed"
	                     : r < 78 ? "Modified"
	                     : r < 88 ? "Awaiting Analysis"
	                     : r < 94 ? "Deferred"
	                     : r < 97 ? "Rejected"
	                              : "Undergoing Analysis";
	int rejected = !strcmp(status, "Rejected");
	int analysed = r < 78 || r >= 97;

	psirt_buf_addf(&g->b,
	               "  {\n    \"cve\": {\n      \"id\": \"CVE-%d-%05u\",\n"
	               "      \"sourceIdentifier\": \"%s\",\n      \"published\": ",
	               year, num, cnas[bench_below(&rng, NCNAS)]);
	timestamp(g, year, salt);
	psirt_buf_adds(&g->b, ",\n      \"lastModified\": ");
	timestamp(g, year + (int)bench_below(&rng, (unsigned)(LAST_YEAR - year + 1)), salt / 3);
	psirt_buf_addf(&g->b,
	               ",\n      \"vulnStatus\": \"%s\",\n      \"cveTags\": [],\n"
	               "      \"descriptions\": [\n        {\n          \"lang\": \"en\",\n"
	               "          \"value\": \"",
	               status);
	if (rejected)
		psirt_buf_adds(&g->b, "Rejected reason: This candidate was withdrawn by its CNA.");
	else
		sentence(g, 60 + bench_below(&rng, bench_chance(&rng, 10) ? 1440 : 400));
	psirt_buf_adds(&g->b, "\"\n        }");
	if (!rejected && bench_chance(&rng, 75)) {
		psirt_buf_adds(&g->b, ",\n        {\n          \"lang\": \"es\",\n          \"value\": \"");
		sentence(g, 60 + bench_below(&rng, 400));
		psirt_buf_adds(&g->b, "\"\n        }");
	}
	psirt_buf_adds(&g->b, "\n      ],\n      \"metrics\": {");
	if (!rejected) {
		int any = 0, v2 = year < 2016 || bench_chance(&rng, 20),
		    v31 = bench_chance(&rng, 85), v40 = year >= 2023 && bench_chance(&rng, 40);

		if (v40) {
			psirt_buf_adds(&g->b, "\n        \"cvssMetricV40\": [\n");
			cvss40(g);
			psirt_buf_adds(&g->b, "\n        ]");
			any = 1;
		}
		if (v31) {
			psirt_buf_addf(&g->b, "%s\n        \"cvssMetricV31\": [\n", any ? "," : "");
			cvss31(g, "nvd@nist.gov", "Primary");
			if (bench_chance(&rng, 45)) {
				psirt_buf_adds(&g->b, ",\n");
				cvss31(g, cnas[bench_below(&rng, NCNAS)], "Secondary");
			}
			psirt_buf_adds(&g->b, "\n        ]");
			any = 1;
		}
		if (v2) {
			psirt_buf_addf(&g->b, "%s\n        \"cvssMetricV2\": [\n", any ? "," : "");
			cvss2(g);
			psirt_buf_adds(&g->b, "\n        ]");
			any = 1;
		}
		if (any)
			psirt_buf_adds(&g->b, "\n      ");
	}
	psirt_buf_adds(&g->b, "},\n");
	if (!rejected) {
		n = 1 + bench_chance(&rng, 30);
		psirt_buf_adds(&g->b, "      \"weaknesses\": [\n");
		for (i = 0; i < n; i++)
			psirt_buf_addf(&g->b,
			               "        {\n          \"source\": \"%s\",\n          \"type\": \"%s\",\n"
			               "          \"description\": [\n            {\n"
			               "              \"lang\": \"en\",\n              \"value\": \"%s\"\n"
			               "            }\n          ]\n        }%s\n",
			               i ? cnas[bench_below(&rng, NCNAS)] : "nvd@nist.gov",
			               i ? "Secondary" : "Primary", cwes[bench_below(&rng, NCWES)],
			               i + 1 == n ? "" : ",");
		psirt_buf_adds(&g->b, "      ],\n");
		if (analysed)
			configurations(g);
	}
	n = rejected ? 0 : 2 + bench_below(&rng, 14);
	psirt_buf_adds(&g->b, "      \"references\": [");
	for (i = 0; i < n; i++) {
		unsigned t, nt = bench_below(&rng, 3);

		psirt_buf_addf(&g->b,
		               "%s\n        {\n          \"url\": \"https://example.com/advisories/%d/%u/%u\",\n"
		               "          \"source\": \"%s\"",
		               i ? "," : "", year, num, i, cnas[bench_below(&rng, NCNAS)]);
		if (nt) {
			psirt_buf_adds(&g->b, ",\n          \"tags\": [");
			for (t = 0; t < nt; t++)
				psirt_buf_addf(&g->b, "%s\n            \"%s\"", t ? "," : "",
				               tags[bench_below(&rng, NTAGS)]);
			psirt_buf_adds(&g->b, "\n          ]");
		}
		psirt_buf_adds(&g->b, "\n        }");
	}
	psirt_buf_addf(&g->b, "%s]\n    }\n  }%s\n", n ? "\n      " : "", last ? "" : ",");
	g->cves++;
	flush(g);
}

static int generate(const char *dir, unsigned long long total)
{
	struct gen g = { PSIRT_BUF_INIT, NULL, 0, 0, 0 };
	unsigned long long per[NYEARS], sum = 0, wsum = 0, i;
	char *path;
	int y;

	g.nvendors = (unsigned)(total / 16 + 50); /* ≈20 k vendor names for the full NVD */
	if (mkdir(dir, 0777) && errno != EEXIST) {
		perror(dir);
		return -1;
	}
	for (y = 0; y < NYEARS; y++)
		wsum += year_weight(FIRST_YEAR + y);
	for (y = 0; y < NYEARS; y++) {
		per[y] = total * year_weight(FIRST_YEAR + y) / wsum;
		sum += per[y];
	}
	per[NYEARS - 1] += total - sum;
	for (y = 0; y < NYEARS; y++) {
		path = bench_xfmt("%s/nvdcve-2.0-%d.json", dir, FIRST_YEAR + y);
		g.out = fopen(path, "w");
		if (!g.out) {
			perror(path);
			return -1;
		}
		psirt_buf_addf(&g.b,
		               "{\n\"resultsPerPage\": %llu,\n\"startIndex\": 0,\n\"totalResults\": %llu,\n"
		               "\"format\": \"NVD_CVE\",\n\"version\": \"2.0\",\n"
		               "\"timestamp\": \"2026-01-01T00:00:00.000\",\n\"vulnerabilities\": [\n",
		               per[y], per[y]);
		for (i = 0; i < per[y]; i++)
			cve(&g, FIRST_YEAR + y, (unsigned)(1000 + i), i + 1 == per[y]);
		psirt_buf_adds(&g.b, "]\n}\n");
		fwrite(g.b.p, 1, g.b.len, g.out);
		psirt_buf_reset(&g.b);
		if (fclose(g.out)) {
			perror(path);
			return -1;
		}
		free(path);
	}
	psirt_buf_release(&g.b);
	fprintf(stderr, "generated %llu CVEs with %llu CPE match criteria in %s\n", g.cves,
	        g.matches, dir);
	return 0;
}

/* Runs argv with stdout to /dev/null (or not); returns wall seconds and
 * the child's peak RSS in KiB, or -1. */
static double cpu_s; /* user + system seconds of the last run() */

static double run(char *const argv[], int quiet, long *maxrss_kib, const char *shell)
{
	struct rusage ru;
	double t0 = bench_now_s();
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (quiet && !freopen("/dev/null", "w", stdout))
			_exit(127);
		if (shell)
			execl("/bin/sh", "sh", "-c", shell, (char *)NULL);
		else
			execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	if (maxrss_kib)
		*maxrss_kib = ru.ru_maxrss;
	cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	        (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	return bench_now_s() - t0;
}

static unsigned long long dir_bytes(const char *dir)
{
	struct stat st;
	unsigned long long sum = 0;
	char *path;
	int y;

	for (y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		path = bench_xfmt("%s/nvdcve-2.0-%d.json", dir, y);
		if (stat(path, &st) == 0)
			sum += (unsigned long long)st.st_size;
		free(path);
	}
	return sum;
}

static enum psirt_err count_record(void *ctx, const struct psirt_vuln_record *r,
                                   struct psirt_diag *d)
{
	(void)r;
	(void)d;
	(*(unsigned long long *)ctx)++;
	return PSIRT_OK;
}

/* The parser alone over a folder of year files: its share of the import. */
static int parse_only(const char *dir)
{
	unsigned long long records = 0, bytes = 0;
	struct psirt_feed_sink sink = { count_record, NULL, NULL, &records, NULL };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_feed_parser *p;
	static char buf[1 << 20];
	double t0 = bench_now_s(), t;
	size_t n;
	char *path;
	FILE *f;
	int y;

	for (y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		path = bench_xfmt("%s/nvdcve-2.0-%d.json", dir, y);
		f = fopen(path, "rb");
		free(path);
		if (!f)
			continue;
		if (psirt_feed_parser_new(PSIRT_FEED_NVD, &sink, NULL, &p, &d))
			return 1;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			bytes += n;
			if (psirt_feed_parser_push(p, buf, n, &d))
				break;
		}
		fclose(f);
		if (d.code || psirt_feed_parser_finish(p, &d)) {
			fprintf(stderr, "parse error: %s\n", d.message);
			return 1;
		}
		psirt_feed_parser_free(p);
	}
	t = bench_now_s() - t0;
	printf("nvd parse only: %llu records, %.1f MB in %.2f s: %.1f MB/s\n", records,
	       (double)bytes / 1e6, t, (double)bytes / 1e6 / t);
	return 0;
}

int main(int argc, char **argv)
{
	const char *env = getenv("BENCH_NVD_CVES"), *base = getenv("BENCH_DIR");
	unsigned long long n = env ? strtoull(env, NULL, 10) : 320000;
	static char a_db[] = "--db", a_feed[] = "feed", a_import[] = "import", a_nvd[] = "nvd",
	            a_init[] = "init";
	char *dir, *stamp, *db, *psirt, *cmd, *slash;
	double t, tj, tcpu;
	long rss = 0, jrss = 0;
	unsigned long long bytes;
	FILE *f;

	if (argc == 4 && !strcmp(argv[1], "--generate"))
		return generate(argv[2], strtoull(argv[3], NULL, 10)) ? 1 : 0;
	if (argc == 3 && !strcmp(argv[1], "--parse-only"))
		return parse_only(argv[2]);
	if (argc == 2)
		n = strtoull(argv[1], NULL, 10);
	if (!n) {
		fprintf(stderr, "usage: bench_feed_nvd [CVES] | --generate DIR CVES\n");
		return 2;
	}
	if (!base)
		base = "build/bench-data";
	dir = bench_xfmt("%s/nvd-%llu", base, n);
	stamp = bench_xfmt("%s/.complete", dir);
	db = bench_xfmt("%s.db", dir);
	/* psirt is next to the bench folder: BUILD/bench/bench_feed_nvd */
	slash = strrchr(argv[0], '/');
	if (!slash)
		return 2;
	psirt = bench_xfmt("%.*s/../psirt", (int)(slash - argv[0]), argv[0]);
	if (access(stamp, F_OK)) {
		cmd = bench_xfmt("mkdir -p '%s'", base);
		if (system(cmd))
			return 1;
		t = bench_now_s();
		if (generate(dir, n))
			return 1;
		fprintf(stderr, "generation took %.1f s\n", bench_now_s() - t);
		f = fopen(stamp, "w");
		if (f)
			fclose(f);
	}
	bytes = dir_bytes(dir);
	{
		double la[1];

		/* the machine is shared: wall times depend on what else runs */
		if (getloadavg(la, 1) == 1)
			printf("load average %.2f on %ld cores before the run\n", la[0],
			       sysconf(_SC_NPROCESSORS_ONLN));
	}
	cmd = bench_xfmt("rm -f '%s' '%s-wal' '%s-shm'", db, db, db);
	{
		char *init[] = { psirt, a_db, db, a_init, NULL };

		if (system(cmd) || run(init, 1, NULL, NULL) < 0) {
			fprintf(stderr, "cannot create %s\n", db);
			return 1;
		}
	}
	{
		char *imp[] = { psirt, a_db, db, a_feed, a_import, a_nvd, dir, NULL };

		t = run(imp, 0, &rss, NULL);
	}
	if (t < 0) {
		fprintf(stderr, "import failed\n");
		return 1;
	}
	tcpu = cpu_s;
	printf("nvd import: %llu CVEs, %.1f MB in %.2f s (CPU %.2f s): %.1f MB/s, %.0f records/s,"
	       " peak RSS %.1f MB\n",
	       n, (double)bytes / 1e6, t, tcpu, (double)bytes / 1e6 / t, (double)n / t,
	       (double)rss / 1024);
	cmd = bench_xfmt("jq -c '.vulnerabilities[].cve.id' '%s'/nvdcve-2.0-*.json", dir);
	tj = -1;
	if (system("command -v jq >/dev/null 2>&1") == 0) {
		tj = run(NULL, 1, &jrss, cmd);
		if (tj > 0)
			printf("jq pass:    %.2f s (CPU %.2f s): %.1f MB/s, peak RSS %.1f MB;"
			       " import/jq = %.2f (CPU %.2f)\n",
			       tj, cpu_s, (double)bytes / 1e6 / tj, (double)jrss / 1024, t / tj,
			       tcpu / cpu_s);
	} else {
		printf("jq pass:    jq not installed\n");
	}
	printf("goals: <= 60 s %s; <= 3x jq %s; <= 1 GB RSS %s\n", t <= 60 ? "met" : "MISSED",
	       tj <= 0 ? "not measured" : t <= 3 * tj ? "met" : "MISSED",
	       rss <= 1024 * 1024 ? "met" : "MISSED");
	return 0;
}
