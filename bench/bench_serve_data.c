/* The data set of the server's load test (issue 7, bench/server.sh): the
 * `make run` demo (data/demo/) scaled up to the design's portfolio
 * (DESIGN.md "Scale we design for": 5,000 products x 10 live versions x 500
 * components), generated once into BENCH_DIR and kept.
 *
 *   - the demo's real vulnerability snapshot (data/demo/feeds: NVD, KEV,
 *     OSV, JVN), imported with `psirt feed import`;
 *   - PRODUCTS products made from the demo's five product kinds
 *     (data/demo/portfolio.tsv: camera, router, smart meter, EV charger,
 *     infusion pump): name "KIND-NNNN", the kind's vendor, hardware model
 *     and regimes, with safety class, weight, exposure and update mechanism
 *     varied around the kind's, an owner among 30 engineers;
 *   - VERSIONS versions each (release dates over six years, the older three
 *     out of support, units in the field drawn per version), whose SBOM is
 *     one of the kind's demo SBOMs (data/demo/sbom/: the older versions the
 *     older SBOM) padded to COMPONENTS components with other real
 *     open-source packages of embedded Linux images (the list below, as
 *     Yocto/Buildroot name them, versions drawn per product and bumped by
 *     version) which no record of the snapshot concerns: the findings are
 *     those of the demo components, found by psirt itself;
 *   - imported with psirt_portfolio_sbom_import, matched and triaged with
 *     psirt_findings_match, then an analyst's triage through
 *     psirt_findings_set on a share of products (not_affected with a
 *     justification for a product-wide component/vulnerability pair,
 *     affected, false_positive), as a PSIRT's store looks after a while;
 *   - 50 users (the team): `bench` and 9 more analysts, 30 engineers (the
 *     products' owners), 9 viewers, 1 admin; password "correct horse
 *     battery" each.
 *
 * Prints the store's path ("store: PATH"), its size (products, versions,
 * components, findings, open findings, MB) and how long each step took.
 * When BENCH_DIR/serve-PxVxC.db.complete exists the store is reused.
 *
 * usage: bench_serve_data [PRODUCTS [VERSIONS [COMPONENTS]]]
 *        defaults 5000 10 500; run from the repository root (data/demo/)
 * Environment: BENCH_DIR (default build/bench-data).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "psirt/browse.h"
#include "psirt/buf.h"
#include "psirt/findings.h"
#include "psirt/portfolio.h"
#include "psirt/sbom.h"
#include "psirt/store.h"
#include "bench_util.h"

#define ACTOR "bench"
#define DEMO "data/demo"
#define PASSWORD "correct horse battery"
#define ENGINEERS 30
/* products imported, matched and triaged by hand before the others */
#define FIRST 100u

static int fail(const char *what, const struct psirt_diag *d)
{
	fprintf(stderr, "bench_serve_data: %s: %s\n", what, d->message ? d->message : "failed");
	return 1;
}

/* splitmix64 (bench_util.h): the same sequence on every machine */
static uint64_t rng = 0x5851f42d4c957f2dULL;

/* The demo's product kinds (data/demo/portfolio.tsv) and their SBOMs,
 * oldest first. */
static const struct kind {
	const char *name, *vendor, *safety, *weight, *exposure, *update, *model, *cpe_vendor,
		*regimes[2];
	const char *sbom[2];
	unsigned major;
} kinds[] = {
	{ "Lumen NC-400", "Lumen Optics", "marginal", "flagship", "internet", "ota", "NC-400",
	  "lumen_optics", { "CRA", NULL }, { "nc-400-2.1.4.cdx.json", "nc-400-2.3.0.cdx.json" }, 2 },
	{ "Hearth HR-3000", "Hearth Networks", "marginal", "flagship", "internet", "ota", "HR-3000",
	  "hearth_networks", { "CRA", "RED-DA" },
	  { "hr-3000-1.4.2.cdx.json", "hr-3000-1.6.0.cdx.json" }, 1 },
	{ "Vireo SM-200", "Vireo Energy", "critical", "standard", "adjacent", "ota", "SM-200",
	  "vireo_energy", { "CRA", "NIS2" }, { "sm-200-3.2.1.cdx.json", "sm-200-3.4.0.cdx.json" }, 3 },
	{ "Voltra AC22", "Voltra Charging", "critical", "flagship", "internet", "ota", "AC22",
	  "voltra_charging", { "CRA", "RED-DA" }, { "ac22-1.8.3.cdx.json", "ac22-2.0.1.cdx.json" }, 1 },
	{ "Medirex IP-7", "Medirex Medical", "catastrophic", "standard", "local-network", "dealer",
	  "IP-7", "medirex_medical", { "FDA", "MDR" }, { "ip-7-4.0.2.cdx.json", NULL }, 4 },
};
#define NKINDS ((unsigned)(sizeof kinds / sizeof kinds[0]))

static const char *const safety[] = { "negligible", "marginal", "critical", "catastrophic" };
static const char *const weight[] = { "flagship", "standard", "legacy" };
static const char *const exposure[] = { "internet", "local-network", "adjacent", "physical" };
static const char *const update[] = { "ota", "user", "dealer", "none" };

/* Other open-source packages of embedded Linux images, named as Yocto and
 * Buildroot name them; none is a component the demo snapshot's records
 * concern (no kernel, boot loader, libc, TLS, HTTP, DNS, Wi-Fi, UPnP, MQTT,
 * XML-expat, SQLite or Java logging package). */
static const char *const padding[] = {
	"acl", "attr", "avahi", "bash", "bc", "bluez5", "bridge-utils", "bzip2", "c-ares",
	"ca-certificates", "can-utils", "cjson", "coreutils", "cronie", "cryptsetup", "cyrus-sasl",
	"dbus", "dbus-glib", "dhcpcd", "diffutils", "dosfstools", "dtc", "e2fsprogs", "elfutils",
	"ethtool", "eudev", "file", "findutils", "flex", "fmt", "fontconfig", "freetype", "fribidi",
	"gawk", "gdbm", "gettext", "glib-2.0", "gmp", "gnupg", "gnutls", "grep", "gzip", "harfbuzz",
	"htop", "i2c-tools", "icu", "iperf3", "iproute2", "iptables", "iputils", "iw", "jansson",
	"jq", "json-c", "kbd", "keyutils", "kmod", "less", "libarchive", "libassuan", "libbsd",
	"libcap", "libcap-ng", "libconfig", "libdaemon", "libdrm", "libedit", "libevent", "libffi",
	"libgcrypt", "libgpg-error", "libical", "libidn2", "libjpeg-turbo", "libksba", "libmnl",
	"libmodbus", "libmicrohttpd", "libndp", "libnetfilter-conntrack", "libnfnetlink",
	"libnftnl", "libnl", "libpcap", "libpng", "libpsl", "libseccomp", "libsodium", "libssh2",
	"libtasn1", "libtirpc", "libunistring", "libunwind", "liburcu", "libusb1", "libuv",
	"libwebsockets", "libxcrypt", "libyaml", "logrotate", "lsof", "lz4", "lzo", "m4",
	"mdadm", "mtd-utils", "nano", "ncurses", "net-tools", "nettle", "nfs-utils", "nftables",
	"nghttp2", "ntp", "openvpn", "opkg", "p11-kit", "libpam", "parted", "pciutils", "pcre2",
	"perl", "popt", "ppp", "procps", "protobuf", "protobuf-c", "psmisc", "python3", "qrencode",
	"readline", "rng-tools", "rsync", "rsyslog", "sed", "shadow", "smcroute", "socat",
	"strace", "sysfsutils", "systemd", "tar", "tcpdump", "tinyxml2", "tzdata", "unzip",
	"usbutils", "util-linux", "wireless-regdb", "xz", "yajl", "zeromq", "zstd", "alsa-lib",
	"libsndfile1", "opus", "speexdsp", "gstreamer1.0", "gstreamer1.0-plugins-base",
	"v4l-utils", "libcamera", "lmdb", "leveldb", "snappy", "re2", "abseil-cpp", "flatbuffers",
	"paho-mqtt-c", "libcoap", "open62541", "can-isotp", "modemmanager", "libqmi", "libmbim",
	"networkmanager", "connman", "ofono", "chrony", "tpm2-tss", "tpm2-tools", "libtpms",
	"swupdate", "rauc", "mender-client", "fwupd", "efivar", "gptfdisk", "squashfs-tools",
	"f2fs-tools", "btrfs-tools", "lvm2", "libaio", "liburing", "numactl", "hwdata",
	"libgpiod", "libiio", "libsoc", "mraa", "lm-sensors", "watchdog", "busybox-hwclock-helper",
};
#define NPADDING (sizeof padding / sizeof padding[0])
/* The sub-packages an image lists per recipe (Yocto splits a recipe's
 * output into packages: the tools, the library, its data). */
static const char *const subpkg[] = { "", "-bin", "-lib", "-conf" };
#define NSUB (sizeof subpkg / sizeof subpkg[0])

/* A demo SBOM's text and where its component array opens. */
struct demo_sbom {
	char *text;
	size_t len, open; /* text[open - 1] is the array's '[' */
	size_t components;
};

static int load_sbom(const char *file, struct demo_sbom *s)
{
	char *path = bench_xfmt("%s/sbom/%s", DEMO, file), *p;
	FILE *f = fopen(path, "rb");
	struct psirt_sbom_doc *doc;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "bench_serve_data: cannot read %s (run from the repository root)\n",
		        path);
		return 1;
	}
	s->text = malloc((size_t)n + 1);
	if (!s->text || fread(s->text, 1, (size_t)n, f) != (size_t)n)
		return 1;
	fclose(f);
	s->text[n] = '\0';
	s->len = (size_t)n;
	p = strstr(s->text, "\"components\": [");
	if (!p)
		return 1;
	s->open = (size_t)(p - s->text) + strlen("\"components\": [");
	if (psirt_sbom_parse(s->text, s->len, path, PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d))
		return fail(path, &d);
	s->components = doc->n_components;
	psirt_sbom_free(doc);
	free(path);
	return 0;
}

/* One product's padding: which packages (indices into padding x subpkg)
 * and their base versions. */
struct pad {
	unsigned *pick;
	unsigned (*ver)[3];
	size_t n;
};

static void pad_draw(struct pad *pad, size_t n)
{
	unsigned all[NPADDING * NSUB];
	size_t i;

	for (i = 0; i < NPADDING * NSUB; i++)
		all[i] = (unsigned)i;
	if (n > NPADDING * NSUB)
		n = NPADDING * NSUB;
	for (i = 0; i < n; i++) { /* partial Fisher-Yates: n distinct */
		size_t j = i + bench_below(&rng, (unsigned)(NPADDING * NSUB - i));
		unsigned t = all[i];

		all[i] = all[j];
		all[j] = t;
		pad->pick[i] = all[i];
		pad->ver[i][0] = bench_below(&rng, 4);
		pad->ver[i][1] = bench_below(&rng, 30);
		pad->ver[i][2] = bench_below(&rng, 12);
	}
	pad->n = n;
}

/* Version vi's SBOM text: the demo SBOM with the padding spliced in at the
 * head of its component array; a package's version is bumped in newer
 * firmware versions (every third package per version). */
static void sbom_text(struct psirt_buf *b, const struct demo_sbom *s, const struct pad *pad,
                      unsigned vi)
{
	size_t i;

	psirt_buf_reset(b);
	psirt_buf_add(b, s->text, s->open);
	for (i = 0; i < pad->n; i++) {
		const char *name = padding[pad->pick[i] / NSUB], *sub = subpkg[pad->pick[i] % NSUB];
		unsigned a = pad->ver[i][0], c = pad->ver[i][1] + (i % 3 == vi % 3 ? vi : vi / 2),
		         d = pad->ver[i][2];

		psirt_buf_addf(b,
		               "\n    {\"type\": \"library\", \"bom-ref\": \"%s%s@%u.%u.%u\","
		               " \"name\": \"%s%s\", \"version\": \"%u.%u.%u\","
		               " \"purl\": \"pkg:generic/%s%s@%u.%u.%u\"",
		               name, sub, a, c, d, name, sub, a, c, d, name, sub, a, c, d);
		/* the recipe's CPE, as Yocto's cve-check writes it, on the main package */
		if (!*sub)
			psirt_buf_addf(b, ", \"cpe\": \"cpe:2.3:a:%s:%s:%u.%u.%u:*:*:*:*:*:*:*\"", name,
			               name, a, c, d);
		psirt_buf_adds(b, "},");
	}
	psirt_buf_add(b, s->text + s->open, s->len - s->open);
}

static int add_product(struct psirt_store *st, unsigned i, const char *name, char *owner,
                       unsigned *kind_out)
{
	const struct kind *k = &kinds[i % NKINDS];
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_product_edit e;
	const char *hw[2], *regimes[2];
	char *cpe, *model, *model2;
	size_t nreg = k->regimes[1] ? 2 : 1;
	unsigned sv;
	int rc = 0;

	*kind_out = (unsigned)(i % NKINDS);
	model = bench_xfmt("%s-%04u", k->model, i / NKINDS);
	model2 = bench_xfmt("%s-%04uE", k->model, i / NKINDS);
	hw[0] = model;
	hw[1] = model2;
	regimes[0] = k->regimes[0];
	regimes[1] = k->regimes[1];
	cpe = bench_xfmt("cpe:2.3:o:%s:%s-%04u_firmware:*:*:*:*:*:*:*:*", k->cpe_vendor, k->model,
	           i / NKINDS);
	for (char *c = cpe + 10; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
	memset(&e, 0, sizeof e);
	e.vendor = k->vendor;
	/* the kind's safety class mostly, one step either way for some */
	for (sv = 0; sv < 4 && strcmp(safety[sv], k->safety); sv++)
		;
	sv = bench_below(&rng, 4)
	         ? sv
	         : (bench_below(&rng, 2) && sv > 0 ? sv - 1 : (sv < 3 ? sv + 1 : sv));
	e.safety = safety[sv];
	e.weight = bench_below(&rng, 3) ? k->weight : weight[bench_below(&rng, 3)];
	e.exposure = bench_below(&rng, 3) ? k->exposure : exposure[bench_below(&rng, 4)];
	e.update = bench_below(&rng, 4) ? k->update : update[bench_below(&rng, 4)];
	e.cpe = cpe;
	e.owner = owner;
	e.add_hardware = hw;
	e.n_add_hardware = bench_below(&rng, 3) ? 1 : 2;
	e.add_regimes = regimes;
	e.n_add_regimes = nreg;
	if (psirt_portfolio_product_add(st, name, &e, ACTOR, &d))
		rc = fail(name, &d);
	psirt_diag_release(&d);
	free(cpe);
	free(model);
	free(model2);
	return rc;
}

static int build_portfolio(struct psirt_store *st, unsigned from, unsigned nprod, unsigned nver,
                           unsigned ncomp, struct demo_sbom sboms[][2])
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_source src = { ACTOR, NULL, NULL, NULL, 0 };
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct pad pad = { NULL, NULL, 0 };
	double t0 = bench_now_s();
	unsigned i, j;

	pad.pick = calloc(NPADDING * NSUB, sizeof *pad.pick);
	pad.ver = calloc(NPADDING * NSUB, sizeof *pad.ver);
	if (!pad.pick || !pad.ver)
		return 1;
	for (i = from; i < nprod; i++) {
		const struct kind *k = &kinds[i % NKINDS];
		char *name = bench_xfmt("%s-%04u", k->name, i / NKINDS);
		char *owner = bench_xfmt("eng-%02u", 1 + i % ENGINEERS);
		unsigned kind;

		if (add_product(st, i, name, owner, &kind))
			return 1;
		for (j = 0; j < nver; j++) {
			/* the older half of the versions: the kind's older SBOM */
			const struct demo_sbom *s = &sboms[kind][k->sbom[1] && j >= nver / 2 ? 1 : 0];
			size_t want = ncomp > s->components ? ncomp - s->components : 0;
			char *ver = bench_xfmt("%u.%u.%u", k->major, j, bench_below(&rng, 10));
			char *rel = bench_xfmt("%04u-%02u-%02u", 2019 + j * 6 / 10, 1 + (j * 7) % 12,
			                 1 + bench_below(&rng, 28));
			char *eos = bench_xfmt("%04u-%02u-%02u", 2024 + j / 2, 1 + (j * 5) % 12,
			                       1 + bench_below(&rng, 28));
			char *units = bench_xfmt("%u", 500 + bench_below(&rng, 400000));
			struct psirt_version_edit ve = { rel, j < 3 ? eos : NULL, units };
			struct psirt_sbom_doc *doc;

			if (j == 0)
				pad_draw(&pad, want);
			if (psirt_portfolio_version_add(st, name, ver, &ve, ACTOR, &d))
				return fail(ver, &d);
			sbom_text(&b, s, &pad, j);
			if (psirt_buf_error(&b))
				return 1;
			src.file_name = k->sbom[k->sbom[1] && j >= nver / 2 ? 1 : 0];
			if (psirt_sbom_parse(b.p, b.len, src.file_name, PSIRT_SBOM_FORMAT_UNKNOWN, &doc,
			                     &d))
				return fail("padded SBOM", &d);
			if (psirt_portfolio_sbom_import(st, name, ver, doc, &src, NULL, &d))
				return fail("sbom import", &d);
			psirt_sbom_free(doc);
			free(ver);
			free(rel);
			free(eos);
			free(units);
		}
		free(name);
		free(owner);
		if ((i + 1) % 250 == 0 || i + 1 == nprod)
			printf("  %u/%u products imported, %.0f s\n", i + 1, nprod, bench_now_s() - t0);
	}
	free(pad.pick);
	free(pad.ver);
	psirt_buf_release(&b);
	psirt_diag_release(&d);
	return 0;
}

static const char *const justifications[] = {
	"component_not_present", "vulnerable_code_not_present",
	"vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
	"inline_mitigations_already_exist",
};

/* An analyst's work on the first nprod products: of every 4th product one
 * finding set not_affected product-wide (every version with the same
 * component and vulnerability); of every 10th one affected; of every 20th
 * one false_positive (each call is one transaction with its audit rows,
 * and re-triages every open finding: see main). */
static int analyst_triage(struct psirt_store *st, unsigned nprod, size_t *changed_out,
                          size_t *calls_out)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t changed = 0, total = 0, calls = 0;
	unsigned i;

	for (i = 0; i < nprod; i++) {
		const struct kind *k = &kinds[i % NKINDS];
		char *name = bench_xfmt("%s-%04u", k->name, i / NKINDS);
		struct psirt_findings_filter f;
		struct psirt_findings_list *l;
		size_t n;

		memset(&f, 0, sizeof f);
		f.product = name;
		f.state = "in_triage";
		if (psirt_findings_list(st, &f, &l, &d))
			return fail("findings list", &d);
		n = l->n;
		if (n && i % 4 == 0) {
			const struct psirt_finding *x = &l->items[bench_below(&rng, (unsigned)n)];

			if (psirt_findings_set(
			        st, x->id, "not_affected", justifications[bench_below(&rng, 5)],
			        "analysed with the engineering team", 1, ACTOR, &changed, &d))
				return fail("findings set", &d);
			total += changed;
			calls++;
		}
		if (n > 1 && i % 10 == 1) {
			if (psirt_findings_set(st, l->items[bench_below(&rng, (unsigned)n)].id,
			                       "affected", NULL, "fix planned", 0, ACTOR, &changed,
			                       &d))
				return fail("findings set", &d);
			total += changed;
			calls++;
		}
		if (n > 2 && i % 20 == 3) {
			if (psirt_findings_set(st, l->items[n - 1].id, "false_positive", NULL,
			                       "CPE names another product", 0, ACTOR, &changed, &d))
				return fail("findings set", &d);
			total += changed;
			calls++;
		}
		psirt_findings_list_free(l);
		free(name);
	}
	*changed_out = total;
	*calls_out = calls;
	return 0;
}

/* The team: 50 users (see the head comment). */
static int add_users(const char *psirt, const char *db)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	unsigned i;
	int rc;

	psirt_buf_addf(&b, "set -e; u() { echo '%s' | '%s' --db '%s' user add \"$1\" --role \"$2\""
	                   " >/dev/null; }; u bench analyst; u admin admin;",
	               PASSWORD, psirt, db);
	for (i = 1; i <= 9; i++)
		psirt_buf_addf(&b, " u analyst-%02u analyst; u viewer-%02u viewer;", i, i);
	for (i = 1; i <= ENGINEERS; i++)
		psirt_buf_addf(&b, " u eng-%02u engineer;", i);
	if (psirt_buf_error(&b))
		return 1;
	rc = bench_sh(psirt_buf_detach(&b, NULL));
	return rc;
}

/* Prints the store's size. */
static int print_size(const char *db)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *st;
	struct psirt_store_counts c;
	struct psirt_findings_query q;
	struct psirt_arena a;
	struct psirt_finding *items;
	unsigned long long all = 0, open = 0;
	struct stat sb;
	double mb = 0;
	size_t n;
	char *wal = bench_xfmt("%s-wal", db);

	if (psirt_store_open(db, 0, &st, &d))
		return fail(db, &d);
	if (psirt_browse_counts(st, &c, &d))
		return fail("counts", &d);
	psirt_arena_init(&a, 0);
	memset(&q, 0, sizeof q);
	q.limit = 1;
	if (psirt_store_findings_page(st, &q, &a, &items, &n, &all, &d))
		return fail("findings", &d);
	q.state = "open";
	if (psirt_store_findings_page(st, &q, &a, &items, &n, &open, &d))
		return fail("findings", &d);
	psirt_arena_release(&a);
	psirt_store_close(st);
	if (!stat(db, &sb))
		mb += (double)sb.st_size / 1048576.0;
	if (!stat(wal, &sb))
		mb += (double)sb.st_size / 1048576.0;
	free(wal);
	printf("data set: %llu products, %llu versions, %llu components, %llu vulnerabilities,"
	       " %llu findings (%llu open), store %.0f MB\n",
	       c.products, c.versions, c.components, c.vulns, all, open, mb);
	return 0;
}

int main(int argc, char **argv)
{
	const char *base = getenv("BENCH_DIR");
	const char *slash = strrchr(argv[0], '/');
	unsigned nprod = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 5000;
	unsigned nver = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 10;
	unsigned ncomp = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 500;
	struct demo_sbom sboms[NKINDS][2];
	struct psirt_findings_match_opts mo = { NULL, NULL, 1, ACTOR, 0, NULL, NULL, NULL, 0 };
	struct psirt_findings_match_stats ms;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *st;
	char *db, *stamp, *psirt;
	double t, t_all = bench_now_s();
	size_t changed = 0, calls = 0;
	unsigned k, first;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 4 || !nprod || !nver || nver > 100 || !ncomp || !slash) {
		fprintf(stderr, "usage: bench_serve_data [PRODUCTS [VERSIONS [COMPONENTS]]]\n");
		return 2;
	}
	if (!base)
		base = "build/bench-data";
	db = bench_xfmt("%s/serve-%ux%ux%u.db", base, nprod, nver, ncomp);
	stamp = bench_xfmt("%s.complete", db);
	psirt = bench_xfmt("%.*s/../psirt", (int)(slash - argv[0]), argv[0]);
	printf("store: %s\n", db);
	if (!access(stamp, F_OK)) {
		printf("(generated by an earlier run)\n");
		return print_size(db);
	}
	printf("generating the demo scaled to %u products x %u versions x %u components"
	       " (once; kept in %s)\n",
	       nprod, nver, ncomp, base);
	for (k = 0; k < NKINDS; k++) {
		if (load_sbom(kinds[k].sbom[0], &sboms[k][0]) ||
		    (kinds[k].sbom[1] && load_sbom(kinds[k].sbom[1], &sboms[k][1])))
			return 1;
	}
	t = bench_now_s();
	if (bench_sh(bench_xfmt("mkdir -p '%s' && rm -f '%s' '%s-wal' '%s-shm' && "
	            "p() { '%s' --db '%s' \"$@\" >/dev/null; } && p init && "
	            "p feed import nvd %s/feeds/nvd/demo-cves.json && "
	            "p feed import kev %s/feeds/kev/kev-demo.json && "
	            "p feed import osv %s/feeds/osv/records && p feed import jvn %s/feeds/jvn",
	            base, db, db, db, psirt, db, DEMO, DEMO, DEMO, DEMO)))
		return 1;
	if (add_users(psirt, db))
		return 1;
	printf("store, the demo's vulnerability snapshot and 50 users: %.1f s\n", bench_now_s() - t);

	if (psirt_store_open(db, 0, &st, &d))
		return fail(db, &d);
	/* psirt_findings_set re-triages every open finding of the store in its
	 * transaction (src/findings/findings.c), which takes seconds per call
	 * with the whole portfolio's findings: the analyst's work is done on
	 * the first products while the store is small, as a PSIRT's history
	 * goes; the rest are imported and matched after it. */
	first = nprod < FIRST ? nprod : FIRST;
	t = bench_now_s();
	if (build_portfolio(st, 0, first, nver, ncomp, sboms))
		return 1;
	if (psirt_findings_match(st, &mo, &ms, &d))
		return fail("match", &d);
	printf("first %u products imported, matched (%zu findings): %.1f s\n", first, ms.created,
	       bench_now_s() - t);
	t = bench_now_s();
	if (analyst_triage(st, first, &changed, &calls))
		return 1;
	printf("analyst triage with psirt_findings_set: %zu calls, %zu findings changed: %.1f s\n",
	       calls, changed, bench_now_s() - t);
	t = bench_now_s();
	if (build_portfolio(st, first, nprod, nver, ncomp, sboms))
		return 1;
	printf("portfolio: %u products, %u versions, SBOMs imported with "
	       "psirt_portfolio_sbom_import: %.1f s\n",
	       nprod - first, (nprod - first) * nver, bench_now_s() - t);
	t = bench_now_s();
	mo.all = 0; /* the versions not matched yet */
	if (psirt_findings_match(st, &mo, &ms, &d))
		return fail("match", &d);
	printf("psirt_findings_match: %zu versions, %zu new findings, %zu triage decisions: %.1f s\n",
	       ms.versions, ms.created, ms.triaged, bench_now_s() - t);
	psirt_store_close(st);
	if (bench_sh(bench_xfmt("touch '%s'", stamp)))
		return 1;
	printf("generated in %.1f s\n", bench_now_s() - t_all);
	for (k = 0; k < NKINDS; k++) {
		free(sboms[k][0].text);
		if (kinds[k].sbom[1])
			free(sboms[k][1].text);
	}
	free(stamp);
	free(psirt);
	k = (unsigned)print_size(db);
	free(db);
	return (int)k;
}
