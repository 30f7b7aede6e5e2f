/* Benchmark: canonicalise 1 M realistic package URLs.
 *
 * usage: bench_purl [OUTDIR] [COUNT]
 * The purls are generated deterministically (fixed seed): npm with and
 * without scopes, maven with classifiers and repository URLs, pypi with
 * mixed-case names, deb with epochs, '+' and arch/distro qualifiers, golang
 * with subpaths, generic with download_url and checksum, and a few other
 * types; versions, qualifiers, subpaths and percent-encoded characters
 * throughout. Prints ns of CPU time per parse and per canonicalisation
 * (parse + canonical string; best of three passes), and writes, for
 * bench/purl-js.sh:
 *   OUTDIR/purls.txt          the inputs, one a line
 *   OUTDIR/purls.psirt.txt    psirt's canonical form of each, or "ERROR: ..."
 *   OUTDIR/purls.psirt-ns.txt the ns/op of the canonicalisation
 * OUTDIR defaults to the build directory this program lives in
 * (BUILD/bench/bench_purl -> BUILD).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "psirt/buf.h"
#include "psirt/purl.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

/* xorshift64*: deterministic and the same on every machine */
static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1Dull;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

#define PICK(arr) (arr)[pick(sizeof(arr) / sizeof(arr)[0])]

static const char *const npm_names[] = {
	"lodash", "react", "express", "left-pad", "chalk", "debug", "axios", "moment", "uuid",
	"commander", "core", "animation", "common", "router", "cli", "types", "node", "utils",
	"webpack", "babel-loader", "eslint", "typescript", "rxjs", "zone.js", "tslib",
};
static const char *const npm_scopes[] = {
	"angular", "babel", "types", "aws-sdk", "vue", "nestjs", "emotion", "testing-library",
};
static const char *const maven_groups[] = {
	"org.apache.commons", "org.apache.logging.log4j", "com.google.guava", "org.springframework",
	"io.netty", "com.fasterxml.jackson.core", "org.slf4j", "junit", "org.apache.xmlgraphics",
};
static const char *const maven_artifacts[] = {
	"commons-lang3", "log4j-core", "guava", "spring-core", "netty-all", "jackson-databind",
	"slf4j-api", "junit", "batik-anim", "commons-io",
};
static const char *const pypi_names[] = {
	"Django", "requests", "Flask_Login", "numpy", "PyYAML", "django_allauth", "urllib3",
	"SQLAlchemy", "Jinja2", "python-dateutil", "setuptools", "typing_extensions", "cryptography",
};
static const char *const deb_names[] = {
	"openssl", "curl", "libc6", "zlib1g", "dpkg", "bash", "attr", "busybox", "libssl3",
	"openssh-server", "systemd", "tzdata",
};
static const char *const deb_distros[] = {
	"debian-11", "debian-12", "bookworm", "bullseye", "jessie", "ubuntu-22.04", "focal",
};
static const char *const arches[] = { "amd64", "arm64", "i386", "armhf", "source", "all" };
static const char *const go_mods[] = {
	"github.com/gorilla/mux", "github.com/sirupsen/logrus", "golang.org/x/crypto",
	"google.golang.org/grpc", "github.com/stretchr/testify", "k8s.io/client-go",
	"google.golang.org/genproto", "github.com/spf13/cobra",
};
static const char *const go_subpaths[] = {
	"ssh", "googleapis/api/annotations", "assert", "internal/transport", "kubernetes/typed",
};
static const char *const generic_names[] = {
	"openssl", "busybox", "u-boot", "linux-kernel", "dropbear", "mbedtls", "lwip", "freertos",
};
static const char *const other_types[] = { "rpm", "gem", "cargo", "nuget", "github", "docker" };

static void version(struct psirt_buf *b)
{
	psirt_buf_addf(b, "%u.%u.%u", pick(5), pick(30), pick(20));
	switch (pick(10)) {
	case 0:
		psirt_buf_addf(b, "-beta.%u", pick(5));
		break;
	case 1:
		psirt_buf_addf(b, "-rc%u", pick(3) + 1);
		break;
	default:
		break;
	}
}

static void hex(struct psirt_buf *b, unsigned n)
{
	static const char digits[] = "0123456789abcdef";

	while (n--)
		psirt_buf_addch(b, digits[pick(16)]);
}

static void gen_one(struct psirt_buf *b)
{
	unsigned t = pick(100);

	if (t < 25) {
		/* npm: scoped (encoded "%40", sometimes a raw '@'), versions with
		 * pre-releases, a few subpaths and vcs_url qualifiers */
		psirt_buf_adds(b, "pkg:npm/");
		if (pick(10) < 4)
			psirt_buf_addf(b, "%s%s/", pick(4) ? "%40" : "@", PICK(npm_scopes));
		psirt_buf_adds(b, PICK(npm_names));
		if (pick(10) < 9) {
			psirt_buf_addch(b, '@');
			version(b);
		}
		if (pick(20) == 0)
			psirt_buf_addf(b, "?vcs_url=git%%2Bhttps://github.com/org/%s.git%%40%u",
			               PICK(npm_names), pick(1000));
		if (pick(15) == 0)
			psirt_buf_adds(b, "#lib/index.js");
	} else if (t < 45) {
		/* maven: qualifiers in any order, repository URLs with raw '/' */
		psirt_buf_addf(b, "pkg:%s/%s/%s@", pick(10) ? "maven" : "Maven", PICK(maven_groups),
		               PICK(maven_artifacts));
		version(b);
		switch (pick(6)) {
		case 0:
			psirt_buf_adds(b, "?classifier=sources");
			break;
		case 1:
			psirt_buf_adds(b, "?type=pom");
			break;
		case 2:
			psirt_buf_adds(b, "?type=jar&classifier=javadoc");
			break;
		case 3:
			psirt_buf_adds(b, "?repository_url=https://repo.maven.apache.org/maven2");
			break;
		default:
			break;
		}
	} else if (t < 60) {
		/* pypi: mixed case and '_' that the type rules normalise */
		psirt_buf_addf(b, "pkg:pypi/%s@", PICK(pypi_names));
		psirt_buf_addf(b, "%u.%u", pick(5), pick(30));
		switch (pick(8)) {
		case 0:
			psirt_buf_addf(b, "rc%u", pick(3) + 1);
			break;
		case 1:
			psirt_buf_addf(b, ".post%u", pick(3));
			break;
		case 2:
			psirt_buf_addf(b, ".dev%u", pick(3));
			break;
		default:
			break;
		}
		if (pick(10) == 0)
			psirt_buf_addf(b, "?file_name=%s-1.0-py3-none-any.whl", PICK(pypi_names));
	} else if (t < 75) {
		/* deb: epochs, '+' raw or encoded, arch and distro qualifiers */
		psirt_buf_addf(b, "pkg:deb/%s/%s@", pick(3) ? "debian" : "ubuntu", PICK(deb_names));
		if (pick(5) == 0)
			psirt_buf_addf(b, "%u:", pick(3) + 1);
		psirt_buf_addf(b, "%u.%u.%u-%u", pick(4), pick(20), pick(10), pick(5) + 1);
		if (pick(3) == 0)
			psirt_buf_addf(b, "%sdeb%uu%u", pick(2) ? "+" : "%2B", pick(3) + 10, pick(9));
		switch (pick(4)) {
		case 0:
			psirt_buf_addf(b, "?arch=%s", PICK(arches));
			break;
		case 1:
			psirt_buf_addf(b, "?distro=%s&arch=%s", PICK(deb_distros), PICK(arches));
			break;
		case 2:
			psirt_buf_addf(b, "?arch=%s&distro=%s", PICK(arches), PICK(deb_distros));
			break;
		default:
			break;
		}
	} else if (t < 85) {
		/* golang: multi-segment namespaces, pseudo-versions, subpaths */
		psirt_buf_addf(b, "pkg:golang/%s", PICK(go_mods));
		if (pick(4)) {
			if (pick(3))
				psirt_buf_addf(b, "@v%u.%u.%u", pick(3), pick(20), pick(10));
			else {
				psirt_buf_addf(b, "@v0.0.0-2023%02u%02u000000-", pick(12) + 1, pick(28) + 1);
				hex(b, 12);
			}
		}
		if (pick(4) == 0)
			psirt_buf_addf(b, "#%s", PICK(go_subpaths));
	} else if (t < 95) {
		/* generic: download_url and checksum qualifiers, spaces */
		const char *n = PICK(generic_names);
		unsigned v1 = pick(4), v2 = pick(20);

		psirt_buf_addf(b, "pkg:generic/%s@%u.%u", n, v1, v2);
		if (pick(10) == 0)
			psirt_buf_adds(b, "%20LTS");
		switch (pick(3)) {
		case 0:
			psirt_buf_addf(b, "?download_url=https://example.org/dl/%s-%u.%u.tar.gz", n, v1, v2);
			break;
		case 1:
			psirt_buf_addf(b, "?checksum=sha256:");
			hex(b, 64);
			psirt_buf_addf(b, "&download_url=https://example.org/dl/%s-%u.%u.tar.gz", n, v1, v2);
			break;
		default:
			break;
		}
	} else {
		const char *type = PICK(other_types);

		if (!strcmp(type, "rpm"))
			psirt_buf_addf(b, "pkg:rpm/fedora/%s@%u.%u-%u.fc%u?arch=x86_64", PICK(deb_names),
			               pick(5), pick(20), pick(5), pick(10) + 30);
		else if (!strcmp(type, "github"))
			psirt_buf_addf(b, "pkg:github/Package-URL/%s@", PICK(npm_names));
		else if (!strcmp(type, "docker"))
			psirt_buf_addf(b, "pkg:docker/library/%s@sha256%%3A", PICK(generic_names));
		else
			psirt_buf_addf(b, "pkg:%s/%s@", type, PICK(npm_names));
		if (!strcmp(type, "github") || !strcmp(type, "docker"))
			hex(b, 16);
		else if (strcmp(type, "rpm"))
			version(b);
		if (!strcmp(type, "nuget") && pick(4) == 0)
			psirt_buf_adds(b, "#caf%C3%A9");
	}
}

/* CPU time of this thread: the machine is shared (2 cores, several
 * workers), and wall time would count the time others run. purl.mjs
 * measures node's CPU time the same way. */
static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *outdir = argc > 1 ? argv[1] : NULL;
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000ul, i, bad = 0;
	struct psirt_buf all = PSIRT_BUF_INIT, out = PSIRT_BUF_INIT, path = PSIRT_BUF_INIT;
	struct psirt_purl p;
	size_t *off;
	double t0, w0, t_parse = 1e300, t_canon = 1e300, w_canon = 1e300, t;
	unsigned long long sink = 0;
	int round, status = 0;
	FILE *f;

	off = malloc((n + 1) * sizeof *off);
	if (!off)
		return 1;
	psirt_buf_init(&all, (size_t)1 << 30);
	for (i = 0; i < n; i++) {
		off[i] = all.len;
		gen_one(&all);
		psirt_buf_addch(&all, '\n');
	}
	off[n] = all.len;
	if (psirt_buf_error(&all)) {
		fprintf(stderr, "bench_purl: out of memory generating the inputs\n");
		return 1;
	}

	/* Best of three: the machine is shared, the minimum is the figure
	 * least disturbed by other work. */
	for (round = 0; round < 3; round++) {
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			struct psirt_str s = { all.p + off[i], off[i + 1] - off[i] - 1 };

			if (psirt_purl_parse(s, 0, &p, NULL) == PSIRT_OK) {
				sink += p.name.len;
				psirt_purl_release(&p);
			}
		}
		t = now_ns() - t0;
		if (t < t_parse)
			t_parse = t;
		t0 = now_ns();
		w0 = wall_ns();
		for (i = 0; i < n; i++) {
			struct psirt_str s = { all.p + off[i], off[i + 1] - off[i] - 1 };

			psirt_buf_reset(&out);
			if (psirt_purl_canonicalize(s, 0, &out, NULL) == PSIRT_OK)
				sink += out.len;
		}
		t = wall_ns() - w0;
		if (t < w_canon)
			w_canon = t;
		t = now_ns() - t0;
		if (t < t_canon)
			t_canon = t;
	}
	printf("purl: %lu generated purls, %.1f MB\n", n, (double)all.len / 1e6);
	printf("purl: parse            %7.1f ns/op CPU\n", t_parse / (double)n);
	printf("purl: canonicalise     %7.1f ns/op CPU (%.1f ns/op wall)  (parse + canonical string)\n",
	       t_canon / (double)n, w_canon / (double)n);

	/* The files for bench/purl-js.sh. */
	if (outdir) {
		psirt_buf_adds(&path, outdir);
	} else {
		const char *slash = strrchr(argv[0], '/');
		size_t len = slash ? (size_t)(slash - argv[0]) : 0;

		psirt_buf_add(&path, argv[0], len);
		/* BUILD/bench/bench_purl -> BUILD */
		if (path.len >= 6 && !strcmp(path.p + path.len - 6, "/bench"))
			psirt_buf_truncate(&path, path.len - 6);
		if (!path.len)
			psirt_buf_adds(&path, ".");
	}
	{
		size_t base = path.len;
		struct psirt_diag d = PSIRT_DIAG_INIT;

		psirt_buf_adds(&path, "/purls.txt");
		f = fopen(path.p, "w");
		if (!f || fwrite(all.p, 1, all.len, f) != all.len || fclose(f)) {
			fprintf(stderr, "bench_purl: cannot write %s\n", path.p);
			return 1;
		}
		psirt_buf_truncate(&path, base);
		psirt_buf_adds(&path, "/purls.psirt.txt");
		f = fopen(path.p, "w");
		if (!f) {
			fprintf(stderr, "bench_purl: cannot write %s\n", path.p);
			return 1;
		}
		for (i = 0; i < n; i++) {
			struct psirt_str s = { all.p + off[i], off[i + 1] - off[i] - 1 };
			char *msg;

			psirt_buf_reset(&out);
			if (psirt_purl_canonicalize(s, 0, &out, &d) == PSIRT_OK) {
				fprintf(f, "%s\n", out.p);
			} else {
				bad++;
				msg = psirt_diag_format(&d);
				fprintf(f, "ERROR: %s\n", msg ? msg : "?");
				free(msg);
				psirt_diag_release(&d);
			}
		}
		if (fclose(f))
			status = 1;
		psirt_buf_truncate(&path, base);
		psirt_buf_adds(&path, "/purls.psirt-ns.txt");
		f = fopen(path.p, "w");
		if (!f || fprintf(f, "%.1f\n", t_canon / (double)n) < 0 || fclose(f))
			status = 1;
		psirt_buf_truncate(&path, base);
	}
	printf("purl: %lu of %lu rejected by psirt; inputs and outputs in %s/purls*.txt\n", bad, n,
	       path.p);
	if (sink == 42)
		puts("");
	psirt_buf_release(&all);
	psirt_buf_release(&out);
	psirt_buf_release(&path);
	free(off);
	return status;
}
