# psirt sbom scan: the SBOM of a firmware image (tests/data/fwscan, made by
# make-fixture.py). The table lists package components first.
$ psirt sbom scan $PSIRT_TESTS/data/fwscan/rootfs.tar.gz --no-signatures
NAME      VERSION           PURL                                                EVIDENCE
busybox   1:1.36.1-1        pkg:deb/debian/busybox@1:1.36.1-1?arch=amd64        0 dpkg
dnsmasq   2.89-1            pkg:opkg/openwrt/dnsmasq@2.89-1?arch=mips_24kc      0 opkg
dropbear  2022.83-1         pkg:opkg/openwrt/dropbear@2022.83-1?arch=mips_24kc  0 opkg
libc6     2.35-0ubuntu3.4   pkg:deb/debian/libc6@2.35-0ubuntu3.4?arch=amd64     0 dpkg
libcurl   8.4.0-r0          pkg:apk/alpine/libcurl@8.4.0-r0?arch=x86_64         0 apk
libssl3   3.0.11-1~deb12u2  pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64  0 dpkg
musl      1.2.4-r2          pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64            0 apk
zlib1g    1:1.2.13.dfsg-1   pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64    0 dpkg

$ psirt sbom scan --no-pkgdb $PSIRT_TESTS/data/fwscan/rootfs | grep -E '^(NAME|busybox|linux|openssl|zlib) '
NAME            VERSION   PURL                             EVIDENCE
busybox         1.36.1    pkg:generic/busybox@1.36.1       1 signature
linux           5.15.0    pkg:generic/linux@5.15.0         3 signature
openssl         1.0.2k    pkg:generic/openssl@1.0.2k       1 signature
openssl         3.0.11    pkg:generic/openssl@3.0.11       1 signature
zlib            1.2.11    pkg:generic/zlib@1.2.11          1 signature
zlib            1.2.13    pkg:generic/zlib@1.2.13          1 signature

# CycloneDX (--json is the same): evidence as properties
$ psirt --json sbom scan $PSIRT_TESTS/data/fwscan/rootfs/boot/u-boot.bin 2>/dev/null | grep -E '"(purl|cpe)"'
      "cpe": "cpe:2.3:a:denx:u-boot:2023.01:*:*:*:*:*:*:*",
      "purl": "pkg:generic/u-boot@2023.01",

$ psirt sbom scan --format spdx -o out.json $PSIRT_TESTS/data/fwscan/rootfs.zip && grep -c '"SPDXID"' out.json
27

# a raw blob is scanned whole, with a warning
$ psirt sbom scan $PSIRT_TESTS/data/fwscan/rootfs/lib/firmware/wifi-fw.bin 2>&1 >/dev/null | sed 's|/.*/tests/|tests/|'
psirt: warning: tests/data/fwscan/rootfs/lib/firmware/wifi-fw.bin: neither a folder nor an archive psirt reads: scanned as one binary blob

# an archive pointing outside is refused
$ psirt sbom scan $PSIRT_TESTS/data/fwscan/evil-dotdot.tar
! psirt: error: archive member '../psirt-evil-dotdot' points outside the image (absolute path or '..'): refused
? 3

$ psirt sbom scan /nonexistent/image.tar
! psirt: error: cannot read /nonexistent/image.tar: No such file or directory
? 3

$ psirt sbom scan
! psirt sbom: scan needs a PATH
! (see 'psirt sbom --help')
? 2

$ psirt sbom scan x --format xml
! psirt sbom: unknown format 'xml' (table, cyclonedx or spdx)
! (see 'psirt sbom --help')
? 2

$ psirt sbom scan --help | head -1
usage: psirt [--json] sbom scan PATH [--format table|cyclonedx|spdx] [-o FILE]
