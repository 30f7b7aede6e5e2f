/* Firmware scan benchmark: generates a 200 MB synthetic root file system in
 * bench/data/fwscan-rootfs/ (once; gitignored) — 4,000 files in nested
 * folders, a fifth of them ELF-like blobs with version strings of known
 * software at random places, the rest random or zero-filled data — and
 * scans it with psirt_fwscan, vectorscan and then PCRE2, printing wall time
 * and MB/s. Goal (issue 4): 200 MB in ≤ 5 s.
 *
 * The scan after the first run reads from the page cache: that is what is
 * measured (a cold run adds the disk's read time, the same for any tool).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "psirt/fwscan.h"

#define ROOT "bench/data/fwscan-rootfs"
#define TOTAL_BYTES ((size_t)200 << 20)
#define FILES 4000
#define RUNS 3

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
	/* xorshift64: the same tree on every machine */
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const char *const strings[] = {
	"BusyBox v1.36.1 (2023-06-21 09:00:00 UTC) multi-call binary.",
	"OpenSSL 1.1.1w  11 Sep 2023",
	"SSH-2.0-dropbear_2022.83",
	"dnsmasq-2.89",
	"lighttpd/1.4.69",
	"deflate 1.2.13 Copyright 1995-2022 Jean-loup Gailly and Mark Adler",
	"OpenSSH_9.3p1",
	"Linux version 5.15.0 (builder@host) (gcc 12.2.0) #1 SMP",
	"libcurl/8.4.0",
	"U-Boot 2023.01 (Jan 10 2023 - 00:00:00 +0000)",
	"mbed TLS 2.28.3",
	"hostapd_cli v2.10",
	"Linux/5.15 UPnP/1.1 MiniUPnPd/2.3.3",
	"expat_2.5.0",
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int mkdirs(const char *path)
{
	char buf[512];
	size_t i, n = strlen(path);

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] == '/' || buf[i] == '\0') {
			char c = buf[i];
			buf[i] = '\0';
			if (mkdir(buf, 0755) && errno != EEXIST)
				return -1;
			buf[i] = c;
		}
	}
	return 0;
}

static int generate(void)
{
	size_t per = TOTAL_BYTES / FILES, i, j;
	unsigned char *buf = malloc(per);
	char dir[256], path[320], stamp[320];
	struct stat st;

	snprintf(stamp, sizeof stamp, "%s/.complete", ROOT);
	if (!stat(stamp, &st))
		return 0;
	if (!buf)
		return -1;
	printf("generating %zu MB in %s ...\n", TOTAL_BYTES >> 20, ROOT);
	for (i = 0; i < FILES; i++) {
		FILE *f;
		int kind = (int)(next() % 10);

		snprintf(dir, sizeof dir, "%s/d%02u/s%02u", ROOT, (unsigned)(i % 37),
		         (unsigned)(i % 11));
		snprintf(path, sizeof path, "%s/f%05zu.bin", dir, i);
		if (mkdirs(dir))
			goto fail;
		if (kind < 2) {
			/* ELF-like: header, random code, a few version strings */
			for (j = 0; j < per; j += 8) {
				uint64_t r = next();
				memcpy(buf + j, &r, per - j < 8 ? per - j : 8);
			}
			memcpy(buf, "\177ELF\002\001\001", 7);
			for (j = 0; j < 3; j++) {
				const char *s = strings[next() % (sizeof strings / sizeof strings[0])];
				size_t at = 64 + next() % (per - 256);
				buf[at - 1] = 0;
				memcpy(buf + at, s, strlen(s) + 1);
			}
		} else if (kind < 6) {
			for (j = 0; j < per; j += 8) {
				uint64_t r = next();
				memcpy(buf + j, &r, per - j < 8 ? per - j : 8);
			}
		} else {
			memset(buf, 0, per);
		}
		f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, per, f) != per || fclose(f))
			goto fail;
	}
	free(buf);
	{
		FILE *f = fopen(stamp, "w");
		if (f)
			fclose(f);
	}
	return 0;
fail:
	free(buf);
	fprintf(stderr, "bench_fwscan: cannot write %s\n", path);
	return -1;
}

static int bench(const char *label, enum psirt_fwscan_engine engine)
{
	struct psirt_fwscan_options opt;
	struct psirt_fwscan_stats st;
	double best = 1e9;
	size_t comps = 0;
	int r;

	memset(&opt, 0, sizeof opt);
	opt.engine = engine;
	opt.stats = &st;
	for (r = 0; r < RUNS; r++) {
		struct psirt_sbom_doc *doc = NULL;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		double t0 = now(), t;

		if (psirt_fwscan(ROOT, &opt, &doc, &d)) {
			fprintf(stderr, "bench_fwscan: %s\n", d.message);
			psirt_diag_release(&d);
			return -1;
		}
		t = now() - t0;
		if (t < best)
			best = t;
		comps = doc->n_components;
		psirt_sbom_free(doc);
		psirt_diag_release(&d);
	}
	printf("fwscan %-10s %lu files, %.0f MB, %zu components, %lu hits: %.3f s wall, "
	       "%.0f MB/s (best of %d; goal <= 5 s)\n",
	       label, st.files, (double)st.bytes / (1 << 20), comps, st.hits, best,
	       (double)st.bytes / (1 << 20) / best, RUNS);
	return 0;
}

int main(void)
{
	if (generate())
		return 1;
	if (bench("vectorscan", PSIRT_FWSCAN_ENGINE_VECTORSCAN))
		return 1;
	if (bench("pcre2", PSIRT_FWSCAN_ENGINE_PCRE2))
		return 1;
	return 0;
}
