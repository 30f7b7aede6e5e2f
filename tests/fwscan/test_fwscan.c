/* Tests of src/fwscan: the fixture root file system as a folder, tar.gz,
 * zip and squashfs; archives that must be refused; the package database
 * readers; the signature table; the real Debian binaries (a script, skipped
 * without downloads). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/support.h"
#include "fwscan/internal.h"
#include "psirt/fwscan.h"
#include "psirt/sbom.h"

static const char *argv0;

struct expect {
	const char *name, *version, *purl, *cpe; /* cpe: the first, or NULL */
	const char *source;                      /* psirt:fwscan:source */
	const char *evidence;                    /* evidence-count, NULL: none */
};

/* The fixture, component by component (tests/data/fwscan/make-fixture.py
 * says why each is there). Sorted as psirt_fwscan sorts: package components
 * first, then signature findings, each by name and version. */
static const struct expect fixture[] = {
	/* dpkg: /bin/busybox is in busybox.list: the hit is the package's */
	{ "busybox", "1:1.36.1-1", "pkg:deb/debian/busybox@1:1.36.1-1?arch=amd64",
	  "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*", "dpkg", "1" },
	/* opkg: dnsmasq's file is not listed, same upstream version 2.89 */
	{ "dnsmasq", "2.89-1", "pkg:opkg/openwrt/dnsmasq@2.89-1?arch=mips_24kc",
	  "cpe:2.3:a:thekelleys:dnsmasq:2.89:*:*:*:*:*:*:*", "opkg", "1" },
	{ "dropbear", "2022.83-1", "pkg:opkg/openwrt/dropbear@2022.83-1?arch=mips_24kc",
	  "cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:2022.83:*:*:*:*:*:*:*", "opkg", "1" },
	/* dpkg lists /lib64/libc.so.6; lib64 -> usr/lib64 in the image */
	{ "libc6", "2.35-0ubuntu3.4", "pkg:deb/debian/libc6@2.35-0ubuntu3.4?arch=amd64",
	  "cpe:2.3:a:gnu:glibc:2.35:*:*:*:*:*:*:*", "dpkg", "1" },
	/* apk R: usr/lib/libcurl.so.4.8.0 */
	{ "libcurl", "8.4.0-r0", "pkg:apk/alpine/libcurl@8.4.0-r0?arch=x86_64",
	  "cpe:2.3:a:haxx:libcurl:8.4.0:*:*:*:*:*:*:*", "apk", "1" },
	/* Source: openssl; the upstream of 3.0.11-1~deb12u2 is 3.0.11 */
	{ "libssl3", "3.0.11-1~deb12u2", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64",
	  "cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*", "dpkg", "1" },
	{ "musl", "1.2.4-r2", "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64",
	  "cpe:2.3:a:musl-libc:musl:1.2.4:*:*:*:*:*:*:*", "apk", NULL },
	/* 1:1.2.13.dfsg-1 -> 1.2.13 */
	{ "zlib1g", "1:1.2.13.dfsg-1", "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64",
	  "cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*", "dpkg", "1" },
	{ "avahi", "0.8", "pkg:generic/avahi@0.8", "cpe:2.3:a:avahi:avahi:0.8:*:*:*:*:*:*:*",
	  "signature", "1" },
	{ "hostapd", "2.10", "pkg:generic/hostapd@2.10",
	  "cpe:2.3:a:w1.fi:hostapd:2.10:*:*:*:*:*:*:*", "signature", "1" },
	{ "iptables", "1.8.7", "pkg:generic/iptables@1.8.7",
	  "cpe:2.3:a:netfilter:iptables:1.8.7:*:*:*:*:*:*:*", "signature", "1" },
	/* "20910" in a file named libxml2.so* */
	{ "libxml2", "2.9.10", "pkg:generic/libxml2@2.9.10",
	  "cpe:2.3:a:xmlsoft:libxml2:2.9.10:*:*:*:*:*:*:*", "signature", "1" },
	{ "lighttpd", "1.4.69", "pkg:generic/lighttpd@1.4.69",
	  "cpe:2.3:a:lighttpd:lighttpd:1.4.69:*:*:*:*:*:*:*", "signature", "1" },
	/* the kernel, a module's vermagic and /lib/modules/5.15.0-91-generic:
	 * one component, three pieces of evidence */
	{ "linux", "5.15.0", "pkg:generic/linux@5.15.0",
	  "cpe:2.3:o:linux:linux_kernel:5.15.0:*:*:*:*:*:*:*", "signature", "3" },
	{ "lwip", "2.1.3", "pkg:generic/lwip@2.1.3", "cpe:2.3:a:lwip_project:lwip:2.1.3:*:*:*:*:*:*:*",
	  "signature", "1" },
	{ "mbedtls", "2.28.3", "pkg:generic/mbedtls@2.28.3",
	  "cpe:2.3:a:arm:mbed_tls:2.28.3:*:*:*:*:*:*:*", "signature", "1" },
	{ "miniupnpd", "2.3.3", "pkg:generic/miniupnpd@2.3.3",
	  "cpe:2.3:a:miniupnp_project:miniupnpd:2.3.3:*:*:*:*:*:*:*", "signature", "1" },
	/* NVD writes ntp's p-release in the update field */
	{ "ntp", "4.2.8p15", "pkg:generic/ntp@4.2.8p15",
	  "cpe:2.3:a:ntp:ntp:4.2.8:p15:*:*:*:*:*:*", "signature", "1" },
	/* "OpenSSH_9.3" beside "OpenSSH_9.3p1": one release */
	{ "openssh", "9.3p1", "pkg:generic/openssh@9.3p1",
	  "cpe:2.3:a:openbsd:openssh:9.3:p1:*:*:*:*:*:*", "signature", "1" },
	/* the vendor program's own OpenSSL; certtool (needs libcrypto.so.3) and
	 * the README give none */
	{ "openssl", "1.0.2k", "pkg:generic/openssl@1.0.2k",
	  "cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*", "signature", "1" },
	{ "sqlite", "3.41.2", "pkg:generic/sqlite@3.41.2",
	  "cpe:2.3:a:sqlite:sqlite:3.41.2:*:*:*:*:*:*:*", "signature", "1" },
	{ "u-boot", "2023.01", "pkg:generic/u-boot@2023.01",
	  "cpe:2.3:a:denx:u-boot:2023.01:*:*:*:*:*:*:*", "signature", "1" },
	/* from the path /lib/ld-uClibc-1.0.45.so */
	{ "uclibc-ng", "1.0.45", "pkg:generic/uclibc-ng@1.0.45",
	  "cpe:2.3:a:uclibc-ng_project:uclibc-ng:1.0.45:*:*:*:*:*:*:*", "signature", "1" },
	{ "wolfssl", "5.6.3", "pkg:generic/wolfssl@5.6.3",
	  "cpe:2.3:a:wolfssl:wolfssl:5.6.3:*:*:*:*:*:*:*", "signature", "1" },
	{ "wpa_supplicant", "2.10", "pkg:generic/wpa_supplicant@2.10",
	  "cpe:2.3:a:w1.fi:wpa_supplicant:2.10:*:*:*:*:*:*:*", "signature", "1" },
	/* the vendor program's zlib 1.2.11; zlib1g is 1.2.13 */
	{ "zlib", "1.2.11", "pkg:generic/zlib@1.2.11", "cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*",
	  "signature", "1" },
};

static const char *prop(const struct psirt_sbom_component *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_properties; i++) {
		if (!strcmp(c->properties[i].name, name))
			return c->properties[i].value;
	}
	return NULL;
}

static int streq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void check_fixture(const char *suite, const struct psirt_sbom_doc *doc)
{
	struct ts_suite s = { suite, 0, 0 };
	size_t i, n = sizeof fixture / sizeof fixture[0];

	ts_case(&s, doc->n_components == n, "%zu components, expected %zu", doc->n_components, n);
	for (i = 0; i < n && i < doc->n_components; i++) {
		const struct expect *e = &fixture[i];
		const struct psirt_sbom_component *c = doc->components[i];
		const char *cpe = c->n_cpes ? c->cpes[0].value : NULL;

		ts_case(&s,
		        streq(c->name, e->name) && streq(c->version, e->version) &&
		                streq(c->purl, e->purl) && streq(cpe, e->cpe) &&
		                streq(prop(c, "psirt:fwscan:source"), e->source) &&
		                streq(prop(c, "psirt:fwscan:evidence-count"), e->evidence) &&
		                !(c->flags & (PSIRT_SBOM_C_BAD_PURL | PSIRT_SBOM_C_BAD_CPE)),
		        "#%zu: got %s %s %s %s %s ev=%s flags=%u, expected %s %s %s %s %s ev=%s", i,
		        c->name, c->version ? c->version : "-", c->purl ? c->purl : "-",
		        cpe ? cpe : "-", prop(c, "psirt:fwscan:source"),
		        prop(c, "psirt:fwscan:evidence-count"), c->flags, e->name, e->version,
		        e->purl, e->cpe ? e->cpe : "-", e->source, e->evidence ? e->evidence : "-");
	}
	ts_suite_end(&s);
}

/* A fresh folder for extraction, to see that it is left empty. */
static char *make_tmp(void)
{
	char *t = strdup("/tmp/psirt-fwscan-test-XXXXXX");

	assert_non_null(t);
	assert_non_null(mkdtemp(t));
	return t;
}

static int dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	}
	closedir(d);
	return n == 0;
}

static void scan_and_check(const char *suite, const char *rel,
                           enum psirt_fwscan_engine engine)
{
	char *path = ts_data_path(rel), *tmp = make_tmp();
	struct psirt_fwscan_options opt;
	struct psirt_fwscan_stats st;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL;
	enum psirt_err err;

	memset(&opt, 0, sizeof opt);
	opt.tmpdir = tmp;
	opt.engine = engine;
	opt.stats = &st;
	err = psirt_fwscan(path, &opt, &doc, &d);
	if (err)
		fail_msg("%s: %s", rel, d.message);
	check_fixture(suite, doc);
	assert_true(st.files >= 28);
	assert_true(dir_is_empty(tmp)); /* the extraction folder is gone */
	assert_int_equal(doc->n_warnings, 0);
	psirt_sbom_free(doc);
	psirt_diag_release(&d);
	rmdir(tmp);
	free(tmp);
	free(path);
}

static void test_fixture_folder(void **state)
{
	scan_and_check("fixture folder", "fwscan/rootfs", PSIRT_FWSCAN_ENGINE_VECTORSCAN);
}

static void test_fixture_targz(void **state)
{
	scan_and_check("fixture tar.gz", "fwscan/rootfs.tar.gz", PSIRT_FWSCAN_ENGINE_VECTORSCAN);
}

/* The zip has no links: zlib1g's .list names /lib64/libz.so.1.2.13, which
 * is not resolved without lib64 -> usr/lib64, but the same upstream version
 * credits the hit to zlib1g all the same (rule 2); libc6's glibc 2.35 too. */
static void test_fixture_zip(void **state)
{
	scan_and_check("fixture zip", "fwscan/rootfs.zip", PSIRT_FWSCAN_ENGINE_VECTORSCAN);
}

static void test_fixture_pcre2_engine(void **state)
{
	scan_and_check("fixture pcre2 engine", "fwscan/rootfs", PSIRT_FWSCAN_ENGINE_PCRE2);
}

static int have_tool(const char *name)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

static void test_fixture_squashfs(void **state)
{
	char *root = ts_data_path("fwscan/rootfs"), *tmp = make_tmp(), cmd[1024], img[512];

	if (!have_tool("mksquashfs") || !have_tool("unsquashfs")) {
		printf("fwscan squashfs: skipped (mksquashfs/unsquashfs not installed)\n");
		rmdir(tmp);
		free(tmp);
		free(root);
		return;
	}
	snprintf(img, sizeof img, "%s.sqfs", tmp);
	snprintf(cmd, sizeof cmd, "mksquashfs '%s' '%s' -noappend -quiet -no-progress >/dev/null",
	         root, img);
	assert_int_equal(system(cmd), 0);
	{
		struct psirt_fwscan_options opt;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_sbom_doc *doc = NULL;

		memset(&opt, 0, sizeof opt);
		opt.tmpdir = tmp;
		if (psirt_fwscan(img, &opt, &doc, &d))
			fail_msg("squashfs: %s", d.message);
		check_fixture("fixture squashfs", doc);
		assert_true(dir_is_empty(tmp));
		psirt_sbom_free(doc);
		psirt_diag_release(&d);
		/* the file-count cap is checked on unsquashfs's listing */
		memset(&opt, 0, sizeof opt);
		opt.tmpdir = tmp;
		opt.max_files = 5;
		assert_int_equal(psirt_fwscan(img, &opt, &doc, &d), PSIRT_ETOOBIG);
		assert_null(doc);
		assert_true(dir_is_empty(tmp));
		psirt_diag_release(&d);
	}
	unlink(img);
	rmdir(tmp);
	free(tmp);
	free(root);
}

/* Archives that point outside: refused, nothing written outside the
 * extraction folder, the folder removed. */
static void test_evil_archives(void **state)
{
	static const struct {
		const char *file, *message, *outside;
	} cases[] = {
		{ "fwscan/evil-dotdot.tar",
		  "archive member '../psirt-evil-dotdot' points outside the image (absolute path "
		  "or '..'): refused",
		  "/tmp/psirt-evil-dotdot" },
		{ "fwscan/evil-abs.tar",
		  "archive member '/tmp/psirt-evil-abs' points outside the image (absolute path or "
		  "'..'): refused",
		  "/tmp/psirt-evil-abs" },
		{ "fwscan/evil-link.tar",
		  "archive member 'a/out' is a link to '../../../../../../tmp' outside the image: "
		  "refused",
		  "/tmp/psirt-evil-link" },
		{ "fwscan/evil-hardlink.tar",
		  "archive member 'passwd' is a hard link to '../../etc/passwd' outside the image: "
		  "refused",
		  NULL },
	};
	struct ts_suite s = { "evil archives", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = ts_data_path(cases[i].file), *tmp = make_tmp();
		struct psirt_fwscan_options opt;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_sbom_doc *doc = NULL;
		struct stat st;
		enum psirt_err err;

		if (cases[i].outside)
			unlink(cases[i].outside);
		memset(&opt, 0, sizeof opt);
		opt.tmpdir = tmp;
		err = psirt_fwscan(path, &opt, &doc, &d);
		ts_case(&s,
		        err == PSIRT_EINVAL && !doc && d.message &&
		                !strcmp(d.message, cases[i].message),
		        "%s: %s (%s)", cases[i].file, d.message ? d.message : "no error",
		        psirt_errname(err));
		ts_case(&s, dir_is_empty(tmp), "%s: extraction folder left behind", cases[i].file);
		ts_case(&s, !cases[i].outside || stat(cases[i].outside, &st) != 0,
		        "%s: wrote %s", cases[i].file, cases[i].outside ? cases[i].outside : "");
		psirt_sbom_free(doc);
		psirt_diag_release(&d);
		rmdir(tmp);
		free(tmp);
		free(path);
	}
	ts_suite_end(&s);
}

static void test_limits(void **state)
{
	char *path = ts_data_path("fwscan/rootfs.tar.gz"), *tmp = make_tmp();
	struct psirt_fwscan_options opt;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL;

	memset(&opt, 0, sizeof opt);
	opt.tmpdir = tmp;
	opt.max_files = 10;
	assert_int_equal(psirt_fwscan(path, &opt, &doc, &d), PSIRT_ETOOBIG);
	assert_string_equal(d.message, "the image has more than 10 files");
	assert_true(dir_is_empty(tmp));
	psirt_diag_release(&d);
	opt.max_files = 0;
	opt.max_extract = 20000;
	assert_int_equal(psirt_fwscan(path, &opt, &doc, &d), PSIRT_ETOOBIG);
	assert_string_equal(d.message, "the image expands to more than 20000 bytes");
	assert_true(dir_is_empty(tmp));
	assert_null(doc);
	psirt_diag_release(&d);
	rmdir(tmp);
	free(tmp);
	free(path);
}

static void test_not_an_image(void **state)
{
	char *path = ts_data_path("fwscan/rootfs/lib/firmware/wifi-fw.bin");
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL;

	/* a raw blob: scanned as one file, with a warning */
	assert_int_equal(psirt_fwscan(path, NULL, &doc, &d), PSIRT_OK);
	assert_int_equal(doc->n_components, 1);
	assert_string_equal(doc->components[0]->name, "lwip");
	assert_int_equal(doc->n_warnings, 1);
	assert_non_null(strstr(doc->warnings[0].message, "scanned as one binary blob"));
	psirt_sbom_free(doc);
	assert_int_equal(psirt_fwscan("/nonexistent/psirt-image", NULL, &doc, &d), PSIRT_EIO);
	assert_string_equal(d.message,
	                    "cannot read /nonexistent/psirt-image: No such file or directory");
	psirt_diag_release(&d);
	free(path);
}

/* Signature examples: text as the project writes it -> component, version
 * (NULL: no component). */
static void test_signatures(void **state)
{
	static const struct {
		const char *file, *text, *name, *version;
	} cases[] = {
		{ "busybox", "BusyBox v1.36.1 (2023-06-21 09:00:00 UTC) multi-call binary.", "busybox",
		  "1.36.1" },
		{ "busybox", "BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.", "busybox",
		  "1.35.0" },
		{ "busybox", "BusyBox v%s (%s)", NULL, NULL },
		{ "libcrypto.so.1.1", "OpenSSL 1.1.1w  11 Sep 2023", "openssl", "1.1.1w" },
		{ "libcrypto.so.10", "OpenSSL 1.0.2k-fips  26 Jan 2017", "openssl", "1.0.2k" },
		{ "libcrypto.so.3", "OpenSSL 3.2.0-alpha1 7 Sep 2023", "openssl", "3.2.0-alpha1" },
		{ "libcrypto.so", "LibreSSL 3.8.2", "libressl", "3.8.2" },
		{ "dropbear", "SSH-2.0-dropbear_2022.83", "dropbear", "2022.83" },
		{ "dropbear", "SSH-2.0-dropbear_0.52", "dropbear", "0.52" },
		{ "dnsmasq", "dnsmasq-2.90", "dnsmasq", "2.90" },
		{ "dnsmasq", "dnsmasq-2.86rc3", "dnsmasq", "2.86rc3" },
		{ "sshd", "OpenSSH_8.4p1 Debian-5+deb11u3", "openssh", "8.4p1" },
		{ "sshd", "OpenSSH_7.4*", NULL, NULL },
		{ "sshd", "OpenSSH_2.*,OpenSSH_3.0*", NULL, NULL },
		{ "vmlinux", "Linux version 4.14.180 (builder@buildhost) (gcc version 7.5.0) #0 SMP",
		  "linux", "4.14.180" },
		{ "vmlinux", "Linux version %s (%s)", NULL, NULL },
		{ "u-boot.bin", "U-Boot SPL 2021.04-rc2 (Apr 05 2021 - 10:00:00 +0000)", "u-boot",
		  "2021.04-rc2" },
		{ "u-boot.bin", "U-Boot 1.1.3 (Mar 10 2014 - 10:31:11)", "u-boot", "1.1.3" },
		{ "libc.so.6", "GNU C Library (GNU libc) stable release version 2.38.", "glibc",
		  "2.38" },
		{ "libc-2.19.so", "GNU C Library stable release version 2.19, by Roland McGrath",
		  "glibc", "2.19" },
		{ "README", "the GNU C Library version 2.23 is free software", NULL, NULL },
		{ "libmbedtls.so", "Mbed TLS 3.4.0", "mbedtls", "3.4.0" },
		{ "libpolarssl.so", "PolarSSL 1.3.9", "polarssl", "1.3.9" },
		{ "nginx", "Server: nginx/1.25.3", "nginx", "1.25.3" },
		{ "libexpat.so.1", "expat_2.5.0", "expat", "2.5.0" },
		{ "libpng16.so", "libpng version 1.6.39 - November 20, 2022", "libpng", "1.6.39" },
		{ "samba", "SAMBA_4.17.12_DEBIAN_SAMBA4", "samba", "4.17.12" },
		{ "openvpn", "OpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO]", "openvpn",
		  "2.6.14" },
		{ "libbz2.so.1.0", "1.0.8, 13-Jul-2019", "bzip2", "1.0.8" },
		{ "bash", "GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)", "bash",
		  "5.2.15" },
		{ "libssh2.so", "SSH-2.0-libssh2_1.10.0", "libssh2", "1.10.0" },
		{ "mosquitto", "mosquitto version 2.0.18", "mosquitto", "2.0.18" },
		{ "lua", "Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio", "lua", "5.1.5" },
		{ "vsftpd", "vsftpd: version 3.0.3", "vsftpd", "3.0.3" },
		{ "pppd", "pppd version 2.4.9", "pppd", "2.4.9" },
		{ "boa", "Server: Boa/0.94.14rc21", "boa", "0.94.14rc21" },
		{ "httpd", "Apache/2.4.57 (Debian)", "apache-httpd", "2.4.57" },
		{ "libuClibc-0.9.33.2.so", "", "uclibc", "0.9.33.2" },
		{ "libjansson.so.4", "\x7f" "2.14", "jansson", "2.14" },
		{ "libjson-c.so.5", "0.16", "json-c", "0.16" },
		{ "libc.musl-x86_64.so.1", "musl libc (x86_64)", NULL, NULL }, /* no version */
		{ "mystery", "nothing to see here", NULL, NULL },
	};
	struct ts_suite s = { "signature examples", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned char blob[512];
		size_t tl = strlen(cases[i].text);
		struct psirt_sbom_doc *doc = NULL;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		int ok;

		/* strings sit between NULs in a binary's .rodata */
		memset(blob, 0, sizeof blob);
		memcpy(blob + 100, cases[i].text, tl);
		assert_int_equal(psirt_fwscan_blob(blob, sizeof blob, cases[i].file, NULL, &doc, &d),
		                 PSIRT_OK);
		if (!cases[i].name)
			ok = doc->n_components == 0;
		else
			ok = doc->n_components == 1 &&
			     !strcmp(doc->components[0]->name, cases[i].name) &&
			     !strcmp(doc->components[0]->version, cases[i].version);
		ts_case(&s, ok, "%s in %s: %zu components, first %s %s", cases[i].text, cases[i].file,
		        doc->n_components, doc->n_components ? doc->components[0]->name : "-",
		        doc->n_components ? doc->components[0]->version : "-");
		psirt_sbom_free(doc);
		psirt_diag_release(&d);
	}
	ts_suite_end(&s);
}

/* The generated src/fwscan/sigdata.c is the TSV. */
static void test_table_in_sync(void **state)
{
	FILE *f = fopen("data/fwscan/signatures.tsv", "rb");
	size_t len, n;
	const char *builtin = psirt_fwscan_builtin_signatures(&len);
	char *buf;

	assert_non_null(f);
	buf = malloc(len + 2);
	assert_non_null(buf);
	n = fread(buf, 1, len + 1, f);
	fclose(f);
	if (n != len || memcmp(buf, builtin, len))
		fail_msg("src/fwscan/sigdata.c is out of date: run scripts/gen-fwscan-sigs.py");
	free(buf);
}

static void test_bad_tables(void **state)
{
	static const struct {
		const char *tsv, *message;
	} cases[] = {
		{ "", "t.tsv: no signatures" },
		{ "x\tlibrary\tpkg:generic/x@{version}\t-\t-\tcontent\t-\t$1\tx([0-9]",
		  "t.tsv:1: pattern: missing closing parenthesis at offset 7" },
		{ "x\tlibrary\tpkg:generic/x@{version}\t-\t-\tcontent\t-\t$1\tx([0-9]+)",
		  "t.tsv:1: pattern: a content pattern must match at most 1024 bytes" },
		{ "x\tgadget\tpkg:generic/x@{version}\t-\t-\tcontent\t-\t$1\tx([0-9])",
		  "t.tsv:1: unknown type 'gadget'" },
		{ "x\tlibrary\tpkg:generic/x\t-\t-\tcontent\t-\t$1\tx([0-9])",
		  "t.tsv:1: the purl template needs pkg: and {version}" },
		{ "x\tlibrary\tpkg:generic/x@{version}\t-\t-\tcontent\t-\t$2\tx([0-9])",
		  "t.tsv:1: a template names group 2, the pattern has 1" },
		{ "x\tlibrary\tpkg:generic/x@{version}\t-\t-\tcontent\t-\tv\tx([0-9])",
		  "t.tsv:1: the version template names no group ($1)" },
		{ "x\tlibrary\tpkg:generic/x@{version}\t-\t-\tnamed\t-\t$1\tx([0-9])",
		  "t.tsv:1: a named signature needs files" },
		{ "x\tlibrary\tpkg:generic/x@{version}\ta:b:c:d\t-\tcontent\t-\t$1\tx([0-9])",
		  "t.tsv:1: CPE 'a:b:c:d' is neither vendor:product, part:vendor:product nor "
		  "cpe:2.3:..." },
		{ "# c\nname\tt\n\nx\tlibrary\tpkg:generic/x@{version}\n", "t.tsv:4: 3 columns, expected 10" },
	};
	struct ts_suite s = { "bad signature tables", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fwscan__sigdb *db = NULL;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err;

		err = fwscan__sigdb_new(cases[i].tsv, strlen(cases[i].tsv), "t.tsv", &db, &d);
		ts_case(&s, err == PSIRT_EINVAL && !db && d.message && !strcmp(d.message, cases[i].message),
		        "case %zu: %s", i, d.message ? d.message : "accepted");
		fwscan__sigdb_free(db);
		psirt_diag_release(&d);
	}
	ts_suite_end(&s);
}

static void test_upstream(void **state)
{
	static const struct {
		enum psirt_fwscan_pkgdb kind;
		const char *version, *upstream;
	} cases[] = {
		{ PSIRT_FWSCAN_DPKG, "1:1.36.1-1", "1.36.1" },
		{ PSIRT_FWSCAN_DPKG, "1:1.2.13.dfsg-1", "1.2.13" },
		{ PSIRT_FWSCAN_DPKG, "2.9.14+dfsg-1.3~deb12u1", "2.9.14" },
		{ PSIRT_FWSCAN_DPKG, "1:9.2p1-2+deb12u2", "9.2p1" },
		{ PSIRT_FWSCAN_DPKG, "3.0.11-1~deb12u2", "3.0.11" },
		{ PSIRT_FWSCAN_DPKG, "1.0", "1.0" },
		{ PSIRT_FWSCAN_DPKG, "1:4.2.8p15+dfsg-2~1.2.2+dfsg1-1", "4.2.8p15" },
		{ PSIRT_FWSCAN_DPKG, "2.4.47-2-1", "2.4.47-2" },
		{ PSIRT_FWSCAN_OPKG, "2022.83-1", "2022.83" },
		{ PSIRT_FWSCAN_APK, "1.36.1-r5", "1.36.1" },
		{ PSIRT_FWSCAN_APK, "1.2.3_p1-r0", "1.2.3_p1" },
		{ PSIRT_FWSCAN_APK, "9999-rc1", "9999-rc1" },
	};
	struct ts_suite s = { "upstream versions", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_buf b = PSIRT_BUF_INIT;

		fwscan__upstream(cases[i].kind, cases[i].version, &b);
		ts_case(&s, !strcmp(b.p, cases[i].upstream), "%s -> %s, expected %s",
		        cases[i].version, b.p, cases[i].upstream);
		psirt_buf_release(&b);
	}
	ts_suite_end(&s);
}

static void test_pkgdb_dpkg(void **state)
{
	static const char status[] =
		"Package: a\r\nStatus: install ok installed\r\nVersion: 1.0-1\r\n"
		"Architecture: all\r\nDescription: first line\r\n more\r\n .\r\n\r\n"
		"Package: b\nStatus: hold ok installed\nVersion: 2:3.4\n\n"
		"Package: c\nStatus: install ok half-configured\nVersion: 1\n\n"
		"Package: d\nStatus: install ok installed\n\n"
		"garbage line\n"
		"Package: e\nversion: bad version!\nstatus: install ok installed";
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	assert_int_equal(psirt_fwscan_pkgdb(PSIRT_FWSCAN_DPKG, status, sizeof status - 1,
	                                    "var/lib/dpkg/status", &doc, &d),
	                 PSIRT_OK);
	assert_int_equal(doc->n_components, 3);
	assert_string_equal(doc->components[0]->name, "a");
	assert_string_equal(doc->components[0]->purl, "pkg:deb/debian/a@1.0-1?arch=all");
	assert_string_equal(doc->components[0]->description, "first line");
	assert_string_equal(doc->components[1]->purl, "pkg:deb/debian/b@2:3.4");
	assert_string_equal(doc->components[2]->name, "e");
	assert_string_equal(doc->components[2]->version, "bad version!");
	/* d has no version, the garbage line, e's version: warnings */
	assert_int_equal(doc->n_warnings, 3);
	assert_string_equal(doc->warnings[0].message, "dpkg entry without a version skipped");
	assert_int_equal(doc->warnings[0].line, 17);
	assert_string_equal(doc->warnings[1].message,
	                    "dpkg: a line that is no \"Field: value\" skipped");
	assert_string_equal(doc->warnings[2].message,
	                    "version 'bad version!' of e is not a valid deb version (kept)");
	psirt_sbom_free(doc);
	psirt_diag_release(&d);
}

/* Regression (fuzz_fwscan_pkgdb, 2026-01): a NUL inside a package name gave
 * a component whose name was "" — now the entry is skipped with a warning. */
static void test_pkgdb_control_chars(void **state)
{
	static const char opkg[] = "Package: \0\0dropbear\nVersion: 1\n";
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	assert_int_equal(psirt_fwscan_pkgdb(PSIRT_FWSCAN_OPKG, opkg, sizeof opkg - 1, NULL, &doc, &d),
	                 PSIRT_OK);
	assert_int_equal(doc->n_components, 0);
	assert_int_equal(doc->n_warnings, 1);
	psirt_sbom_free(doc);
	psirt_diag_release(&d);
}

static void test_pkgdb_opkg_apk(void **state)
{
	static const char opkg[] = "Package: libustream-wolfssl20201210\n"
	                           "Version: 2023-02-25-498f6e26-1\n"
	                           "Status: install user installed\nArchitecture: mipsel_24kc\n";
	static const char apk[] = "P:busybox\nV:1.36.1-r5\nA:aarch64\nL:GPL-2.0-only\n"
	                          "o:busybox\nF:bin\nR:busybox\n\nP:nover\n\nbad\n";
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	assert_int_equal(psirt_fwscan_pkgdb(PSIRT_FWSCAN_OPKG, opkg, sizeof opkg - 1, NULL, &doc, &d),
	                 PSIRT_OK);
	assert_int_equal(doc->n_components, 1);
	assert_string_equal(doc->components[0]->purl,
	                    "pkg:opkg/openwrt/libustream-wolfssl20201210@2023-02-25-498f6e26-1"
	                    "?arch=mipsel_24kc");
	psirt_sbom_free(doc);
	assert_int_equal(psirt_fwscan_pkgdb(PSIRT_FWSCAN_APK, apk, sizeof apk - 1, NULL, &doc, &d),
	                 PSIRT_OK);
	assert_int_equal(doc->n_components, 1);
	assert_string_equal(doc->components[0]->purl,
	                    "pkg:apk/alpine/busybox@1.36.1-r5?arch=aarch64");
	assert_string_equal(doc->components[0]->cpes[0].value,
	                    "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*");
	assert_int_equal(doc->components[0]->n_licenses, 1);
	assert_string_equal(doc->components[0]->licenses[0].value, "GPL-2.0-only");
	/* nover has no version; "bad" is no field and its entry has no name */
	assert_int_equal(doc->n_warnings, 3);
	assert_string_equal(doc->warnings[0].message, "apk entry without a version skipped");
	assert_string_equal(doc->warnings[1].message, "apk: a line that is no \"X:value\" skipped");
	assert_string_equal(doc->warnings[2].message, "apk entry without a package name skipped");
	psirt_sbom_free(doc);
	psirt_diag_release(&d);
}

/* The SBOM exports: CycloneDX and SPDX (with a creation time). */
static void test_export(void **state)
{
	char *path = ts_data_path("fwscan/rootfs");
	struct psirt_sbom_doc *doc = NULL, *back = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf out = PSIRT_BUF_INIT;

	assert_int_equal(psirt_fwscan(path, NULL, &doc, &d), PSIRT_OK);
	assert_int_equal(psirt_sbom_export(doc, PSIRT_SBOM_CYCLONEDX_JSON, &out, &d), PSIRT_OK);
	assert_non_null(strstr(out.p, "\"psirt:fwscan:evidence\""));
	assert_int_equal(psirt_sbom_parse(out.p, out.len, "x", PSIRT_SBOM_FORMAT_UNKNOWN, &back, &d),
	                 PSIRT_OK);
	assert_int_equal(back->n_components, doc->n_components);
	psirt_sbom_free(back);
	psirt_buf_reset(&out);
	doc->created = "2026-01-15T09:00:00Z";
	assert_int_equal(psirt_sbom_export(doc, PSIRT_SBOM_SPDX_JSON, &out, &d), PSIRT_OK);
	psirt_buf_release(&out);
	psirt_sbom_free(doc);
	psirt_diag_release(&d);
	free(path);
}

/* tests/fwscan/real-debs.sh: real Debian packages, dpkg database left out;
 * exit 77 is a skip (no downloads here). */
static void test_real_debs(void **state)
{
	char psirt[1024], cmd[2048];
	const char *cut = strstr(argv0, "/tests/");
	int rc;

	if (!cut || (size_t)(cut - argv0) + 7 > sizeof psirt)
		fail_msg("cannot find the psirt binary from %s", argv0);
	snprintf(psirt, sizeof psirt, "%.*s/psirt", (int)(cut - argv0), argv0);
	snprintf(cmd, sizeof cmd, "tests/fwscan/real-debs.sh '%s'", psirt);
	rc = system(cmd);
	if (WIFEXITED(rc) && WEXITSTATUS(rc) == 77) {
		printf("real-debs: skipped (see the message above)\n");
		return;
	}
	if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
		fail_msg("tests/fwscan/real-debs.sh failed (exit %d)", WEXITSTATUS(rc));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_in_sync),
		cmocka_unit_test(test_bad_tables),
		cmocka_unit_test(test_signatures),
		cmocka_unit_test(test_upstream),
		cmocka_unit_test(test_pkgdb_dpkg),
		cmocka_unit_test(test_pkgdb_opkg_apk),
		cmocka_unit_test(test_pkgdb_control_chars),
		cmocka_unit_test(test_fixture_folder),
		cmocka_unit_test(test_fixture_targz),
		cmocka_unit_test(test_fixture_zip),
		cmocka_unit_test(test_fixture_pcre2_engine),
		cmocka_unit_test(test_fixture_squashfs),
		cmocka_unit_test(test_evil_archives),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_not_an_image),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_real_debs),
	};

	(void)argc;
	argv0 = argv[0];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
