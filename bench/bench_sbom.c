/* SBOM benchmark: a 10,000-component CycloneDX 1.6 JSON SBOM, generated
 * deterministically in memory (purl, CPE, SHA-256, license, supplier,
 * properties, one level of nesting, three dependencies each), parsed and
 * exported. Prints the best of several runs.
 *
 * Goal (issue 4): importing such an SBOM takes ≤ 0.5 s including the store
 * writes; this measures the parse part, which the store adds to.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "psirt/sbom.h"

#define COMPONENTS 10000
/* best of 15: the machine is shared, and the best run is the one least
 * disturbed */
#define RUNS 15

static const char *const ecosystems[] = {"deb", "npm", "pypi", "maven", "golang", "generic"};
static const char *const licenses[] = {"MIT", "Apache-2.0", "GPL-2.0-only", "BSD-3-Clause",
                                       "LGPL-2.1-or-later"};

static uint64_t rng = 0x2545f4914f6cdd1du;

static uint64_t next(void)
{
	/* xorshift64: the same document on every machine */
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void component(struct psirt_buf *b, unsigned i, int nested)
{
	const char *eco = ecosystems[next() % 6];
	unsigned major = (unsigned)(next() % 20), minor = (unsigned)(next() % 50),
	         patch = (unsigned)(next() % 100);
	uint64_t h1 = next(), h2 = next(), h3 = next(), h4 = next();

	psirt_buf_addf(
	    b,
	    "{\"type\":\"library\",\"bom-ref\":\"c%u\",\"supplier\":{\"name\":\"Vendor %u\"},"
	    "\"name\":\"pkg-%u\",\"version\":\"%u.%u.%u\","
	    "\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"%016llx%016llx%016llx%016llx\"}],"
	    "\"licenses\":[{\"license\":{\"id\":\"%s\"}}],"
	    "\"cpe\":\"cpe:2.3:a:vendor%u:pkg-%u:%u.%u.%u:*:*:*:*:*:*:*\","
	    "\"purl\":\"pkg:%s/vendor%u/pkg-%u@%u.%u.%u\","
	    "\"properties\":[{\"name\":\"bench:index\",\"value\":\"%u\"}]",
	    i, i % 97, i, major, minor, patch, (unsigned long long)h1, (unsigned long long)h2,
	    (unsigned long long)h3, (unsigned long long)h4, licenses[i % 5], i % 97, i, major,
	    minor, patch, eco, i % 97, i, major, minor, patch, i);
	if (nested)
		psirt_buf_adds(b, ",\"components\":[");
}

static void generate(struct psirt_buf *b)
{
	unsigned i, k;

	psirt_buf_adds(b, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\","
	                  "\"serialNumber\":\"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\","
	                  "\"version\":1,\"metadata\":{\"timestamp\":\"2026-01-15T09:00:00Z\","
	                  "\"component\":{\"type\":\"firmware\",\"bom-ref\":\"product\","
	                  "\"name\":\"bench-fw\",\"version\":\"1.0.0\"}},\"components\":[");
	/* every tenth component holds the next four: 1,000 parents, 4,000
	 * children, 5,000 at the top without children */
	for (i = 0; i < COMPONENTS;) {
		if (i)
			psirt_buf_addch(b, ',');
		if (i % 10 == 0 && i + 5 <= COMPONENTS) {
			component(b, i++, 1);
			for (k = 0; k < 4; k++, i++) {
				if (k)
					psirt_buf_addch(b, ',');
				component(b, i, 0);
				psirt_buf_addch(b, '}');
			}
			psirt_buf_adds(b, "]}");
		} else {
			component(b, i++, 0);
			psirt_buf_addch(b, '}');
		}
	}
	psirt_buf_adds(b,
	               "],\"dependencies\":[{\"ref\":\"product\",\"dependsOn\":[\"c0\",\"c1\"]}");
	for (i = 0; i < COMPONENTS; i++)
		psirt_buf_addf(b, ",{\"ref\":\"c%u\",\"dependsOn\":[\"c%u\",\"c%u\",\"c%u\"]}", i,
		               (unsigned)(next() % COMPONENTS), (unsigned)(next() % COMPONENTS),
		               (unsigned)(next() % COMPONENTS));
	psirt_buf_adds(b, "]}");
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(void)
{
	struct psirt_buf in = PSIRT_BUF_INIT, out = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL;
	double t, best_parse = 1e9, best_cdx = 1e9, best_spdx = 1e9;
	size_t cdx_len = 0, spdx_len = 0;
	int r;

	generate(&in);
	if (psirt_buf_error(&in)) {
		fprintf(stderr, "bench_sbom: out of memory generating the SBOM\n");
		return 1;
	}
	for (r = 0; r < RUNS; r++) {
		t = now_ms();
		if (psirt_sbom_parse(in.p, in.len, "bench.cdx.json", PSIRT_SBOM_FORMAT_UNKNOWN,
		                     &doc, &d)) {
			char *m = psirt_diag_format(&d);
			fprintf(stderr, "bench_sbom: %s\n", m ? m : "parse failed");
			free(m);
			return 1;
		}
		t = now_ms() - t;
		if (t < best_parse)
			best_parse = t;
		if (doc->n_components != COMPONENTS) {
			fprintf(stderr, "bench_sbom: %zu components parsed, %d expected\n",
			        doc->n_components, COMPONENTS);
			return 1;
		}
		psirt_buf_reset(&out);
		t = now_ms();
		if (psirt_sbom_export(doc, PSIRT_SBOM_CYCLONEDX_JSON, &out, &d))
			return 1;
		t = now_ms() - t;
		cdx_len = out.len;
		if (t < best_cdx)
			best_cdx = t;
		psirt_buf_reset(&out);
		t = now_ms();
		if (psirt_sbom_export(doc, PSIRT_SBOM_SPDX_JSON, &out, &d))
			return 1;
		t = now_ms() - t;
		spdx_len = out.len;
		if (t < best_spdx)
			best_spdx = t;
		psirt_sbom_free(doc);
		doc = NULL;
	}
	printf("sbom parse cyclonedx-1.6 json: %d components, %.1f MB: %.1f ms, best of %d "
	       "(%.0f components/s; goal: import <= 500 ms with the store writes)\n",
	       COMPONENTS, in.len / 1e6, best_parse, RUNS, COMPONENTS / (best_parse / 1e3));
	printf("sbom export cyclonedx-1.6 json: %.1f MB in %.1f ms\n", cdx_len / 1e6, best_cdx);
	printf("sbom export spdx-2.3 json: %.1f MB in %.1f ms\n", spdx_len / 1e6, best_spdx);
	psirt_buf_release(&in);
	psirt_buf_release(&out);
	return 0;
}
