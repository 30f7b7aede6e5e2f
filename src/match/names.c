/* The name+version guess: a component known only by name (no purl, no CPE)
 * is looked up under the CPE vendor:product NVD files it under. Common
 * components of embedded firmware, with the vendor and product strings of
 * the NVD's CPE dictionary as NVD criteria spell them (checked against the
 * records in tests/data/nvd where they occur: busybox, dnsmasq, dropbear,
 * lighttpd, mbed_tls, wolfssl, u-boot, uclibc, libupnp, zephyr, lwip,
 * freertos, libcurl, miniupnpd, avahi, wpa_supplicant, hostapd, openssh,
 * libexpat, sqlite, mosquitto, ntp, openssl, xz, open62541, ffmpeg). A name
 * may stand for several products (curl ships curl and libcurl; Mbed TLS
 * moved from arm to trustedfirmware): each is tried. A name not listed here
 * is tried as a product name of any vendor (src/match/match.c).
 *
 * Sorted by name (byte order) for bsearch; tests/match/test_match.c checks. */
#include <string.h>

#include "match/internal.h"

const struct match__guess match__guesses[] = {
	{ "avahi", 'a', "avahi", "avahi" },
	{ "bash", 'a', "gnu", "bash" },
	{ "bind", 'a', "isc", "bind" },
	{ "bind9", 'a', "isc", "bind" },
	{ "busybox", 'a', "busybox", "busybox" },
	{ "c-ares", 'a', "c-ares_project", "c-ares" },
	{ "cjson", 'a', "cjson_project", "cjson" },
	{ "curl", 'a', "haxx", "curl" },
	{ "curl", 'a', "haxx", "libcurl" },
	{ "dbus", 'a', "freedesktop", "dbus" },
	{ "dnsmasq", 'a', "thekelleys", "dnsmasq" },
	{ "dropbear", 'a', "dropbear_ssh_project", "dropbear_ssh" },
	{ "e2fsprogs", 'a', "e2fsprogs_project", "e2fsprogs" },
	{ "expat", 'a', "libexpat_project", "libexpat" },
	{ "ffmpeg", 'a', "ffmpeg", "ffmpeg" },
	{ "freertos", 'a', "amazon", "freertos" },
	{ "freertos", 'o', "amazon", "freertos" },
	{ "glib", 'a', "gnome", "glib" },
	{ "glibc", 'a', "gnu", "glibc" },
	{ "gnutls", 'a', "gnu", "gnutls" },
	{ "goahead", 'a', "embedthis", "goahead" },
	{ "hostapd", 'a', "w1.fi", "hostapd" },
	{ "iptables", 'a', "netfilter", "iptables" },
	{ "json-c", 'a', "json-c_project", "json-c" },
	{ "libarchive", 'a', "libarchive", "libarchive" },
	{ "libcurl", 'a', "haxx", "curl" },
	{ "libcurl", 'a', "haxx", "libcurl" },
	{ "libexpat", 'a', "libexpat_project", "libexpat" },
	{ "libjpeg-turbo", 'a', "libjpeg-turbo", "libjpeg-turbo" },
	{ "libpcap", 'a', "tcpdump", "libpcap" },
	{ "libpng", 'a', "libpng", "libpng" },
	{ "libssh", 'a', "libssh", "libssh" },
	{ "libssh2", 'a', "libssh2", "libssh2" },
	{ "libtiff", 'a', "libtiff", "libtiff" },
	{ "libupnp", 'a', "libupnp_project", "libupnp" },
	{ "libwebp", 'a', "webmproject", "libwebp" },
	{ "libxml2", 'a', "xmlsoft", "libxml2" },
	{ "lighttpd", 'a', "lighttpd", "lighttpd" },
	{ "linux", 'o', "linux", "linux_kernel" },
	{ "linux-kernel", 'o', "linux", "linux_kernel" },
	{ "lua", 'a', "lua", "lua" },
	{ "lwip", 'a', "lwip_project", "lwip" },
	{ "mbedtls", 'a', "arm", "mbed_tls" },
	{ "mbedtls", 'a', "trustedfirmware", "mbed_tls" },
	{ "miniupnpd", 'a', "miniupnp_project", "miniupnpd" },
	{ "mosquitto", 'a', "eclipse", "mosquitto" },
	{ "musl", 'a', "musl-libc", "musl" },
	{ "ncurses", 'a', "gnu", "ncurses" },
	{ "nginx", 'a', "f5", "nginx" },
	{ "nginx", 'a', "nginx", "nginx" },
	{ "ntp", 'a', "ntp", "ntp" },
	{ "open62541", 'a', "open62541", "open62541" },
	{ "openssh", 'a', "openbsd", "openssh" },
	{ "openssl", 'a', "openssl", "openssl" },
	{ "openvpn", 'a', "openvpn", "openvpn" },
	{ "pcre", 'a', "pcre", "pcre" },
	{ "pcre2", 'a', "pcre", "pcre2" },
	{ "pupnp", 'a', "libupnp_project", "libupnp" },
	{ "python", 'a', "python", "python" },
	{ "samba", 'a', "samba", "samba" },
	{ "sqlite", 'a', "sqlite", "sqlite" },
	{ "sqlite3", 'a', "sqlite", "sqlite" },
	{ "sudo", 'a', "sudo_project", "sudo" },
	{ "systemd", 'a', "systemd_project", "systemd" },
	{ "tcpdump", 'a', "tcpdump", "tcpdump" },
	{ "u-boot", 'a', "denx", "u-boot" },
	{ "uboot", 'a', "denx", "u-boot" },
	{ "uclibc", 'a', "uclibc", "uclibc" },
	{ "uclibc-ng", 'a', "uclibc-ng_project", "uclibc-ng" },
	{ "util-linux", 'a', "kernel", "util-linux" },
	{ "wolfssl", 'a', "wolfssl", "wolfssl" },
	{ "wpa_supplicant", 'a', "w1.fi", "wpa_supplicant" },
	{ "xz", 'a', "tukaani", "xz" },
	{ "xz-utils", 'a', "tukaani", "xz" },
	{ "zephyr", 'o', "zephyrproject", "zephyr" },
	{ "zlib", 'a', "zlib", "zlib" },
};
const size_t match__nguesses = sizeof match__guesses / sizeof match__guesses[0];

const struct match__guess *match__guess_find(const char *name, size_t *n)
{
	size_t lo = 0, hi = match__nguesses, mid, len = strlen(name), k;
	char low[64];
	int c;

	*n = 0;
	if (len >= sizeof low)
		return NULL; /* longer than any name listed */
	for (k = 0; k < len; k++)
		low[k] = (char)psirt_tolower((unsigned char)name[k]);
	low[len] = '\0';
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(match__guesses[mid].name, low);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < match__nguesses && !strcmp(match__guesses[k].name, low); k++)
		(*n)++;
	return *n ? &match__guesses[lo] : NULL;
}
