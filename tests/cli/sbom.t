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

$ psirt sbom scan --help | grep 'sbom scan'
       psirt [--json] sbom scan PATH [--format table|cyclonedx|spdx] [-o FILE]
       psirt [--db PATH] [--json] sbom scan PRODUCT VERSION PATH

# psirt sbom import / export / diff / scan into the portfolio (fixtures linked
# into the work folder so that messages name stable paths)
$ ln -s "$PSIRT_TESTS/data" data

$ psirt sbom import acme-cam 2.4.1 data/sbom/camera-fw.cdx.json
! psirt: error: psirt.db: no store here (run 'psirt init')
? 3

$ psirt init >/dev/null && PSIRT_USER=alice psirt product add acme-cam --vendor "ACME Cameras" --cpe cpe:2.3:o:acme:cam_firmware:*:*:*:*:*:*:*:* --hardware CAM-100 --regime CRA
added product acme-cam

# a new version is added by its first import; warnings on stderr
$ PSIRT_USER=alice psirt sbom import acme-cam 2.4.1 data/sbom/camera-fw.cdx.json
acme-cam 2.4.1: 9 components from data/sbom/camera-fw.cdx.json (cyclonedx-json 1.6), version added, replacing 0; 3 without purl or CPE, 1 bad purl, 1 bad CPE
! psirt: warning: data/sbom/camera-fw.cdx.json: /components/2: component 'webui' has no purl and no CPE: it can only be matched by name
! psirt: warning: data/sbom/camera-fw.cdx.json: /components/2/components/0/components/0: component 'jquery.min.js' has no purl and no CPE: it can only be matched by name
! psirt: warning: data/sbom/camera-fw.cdx.json: /components/2/components/1: component 'mongoose': malformed CPE 'cpe:2.3:a:cesanta:mongoose' (column 27: formatted string ends after 3 of 11 attributes (missing version)): kept, not matched
! psirt: warning: data/sbom/camera-fw.cdx.json: /components/3: component 'dropbear': malformed purl 'pkg:dropbear@2022.83' (column 13: invalid character '@' in the type): kept, not matched
! psirt: warning: data/sbom/camera-fw.cdx.json: /components/5: component 'CV25' has no purl and no CPE: it can only be matched by name

$ PSIRT_USER=alice psirt sbom import acme-cam 2.5.0 data/portfolio/camera-fw-2.5.0.cdx.json --json 2>/dev/null
{
  "product": "acme-cam",
  "version": "2.5.0",
  "importId": 2,
  "kind": "import",
  "file": "data/portfolio/camera-fw-2.5.0.cdx.json",
  "format": "cyclonedx-json",
  "specVersion": "1.6",
  "serial": "urn:uuid:5a0e7f3c-2b9d-4f11-8c6e-7d2a9b1c0e44",
  "sha256": "a6143da3fe2aa11cc110348259130c614affac3a1e4c70702cc163d8fbb1baee",
  "components": 10,
  "replaced": 0,
  "versionCreated": true,
  "noIdentity": 3,
  "badPurl": 0,
  "badCpe": 1,
  "warnings": [
    {
      "code": "no-identity",
      "where": "/components/2",
      "line": null,
      "component": "webui",
      "message": "component 'webui' has no purl and no CPE: it can only be matched by name"
    },
    {
      "code": "no-identity",
      "where": "/components/2/components/0/components/0",
      "line": null,
      "component": "jquery.min.js",
      "message": "component 'jquery.min.js' has no purl and no CPE: it can only be matched by name"
    },
    {
      "code": "bad-cpe",
      "where": "/components/2/components/1",
      "line": null,
      "component": "mongoose",
      "message": "component 'mongoose': malformed CPE 'cpe:2.3:a:cesanta:mongoose' (column 27: formatted string ends after 3 of 11 attributes (missing version)): kept, not matched"
    },
    {
      "code": "no-identity",
      "where": "/components/6",
      "line": null,
      "component": "CV25",
      "message": "component 'CV25' has no purl and no CPE: it can only be matched by name"
    }
  ]
}

# the same content in SPDX tag-value, and CycloneDX XML
$ PSIRT_USER=alice psirt sbom import acme-cam 2.4.1-spdx data/sbom/camera-fw.spdx 2>/dev/null
acme-cam 2.4.1-spdx: 5 components from data/sbom/camera-fw.spdx (spdx-tag-value 2.3), version added, replacing 0; 1 without purl or CPE, 0 bad purls, 1 bad CPE

$ PSIRT_USER=alice psirt sbom import acme-cam 2.4.1-xml data/sbom/camera-fw.cdx.xml 2>/dev/null
acme-cam 2.4.1-xml: 9 components from data/sbom/camera-fw.cdx.xml (cyclonedx-xml 1.6), version added, replacing 0; 3 without purl or CPE, 1 bad purl, 1 bad CPE

# re-import replaces the components and keeps the history
$ PSIRT_USER=bob psirt sbom import acme-cam 2.4.1-xml data/portfolio/camera-fw-2.5.0.cdx.json 2>/dev/null
acme-cam 2.4.1-xml: 10 components from data/portfolio/camera-fw-2.5.0.cdx.json (cyclonedx-json 1.6), replacing 9; 3 without purl or CPE, 0 bad purls, 1 bad CPE

$ psirt product version show acme-cam 2.4.1-xml
product     acme-cam
version     2.4.1-xml
released    -
eos         -
units       -
sbom        #4 import 2026-01-15T09:00:00.000Z by alice: data/sbom/camera-fw.cdx.xml (cyclonedx-xml 1.6), 9 components
sbom        #5 import 2026-01-15T09:00:00.000Z by bob: data/portfolio/camera-fw-2.5.0.cdx.json (cyclonedx-json 1.6), 10 components (current)
components  10
COMPONENT          VERSION           TYPE         FLAGS        IDENTITY
busybox            1.36.1            application  -            pkg:generic/busybox@1.36.1 cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*
debian/libssl3     3.0.13-1~deb12u1  library      -            pkg:deb/debian/libssl3@3.0.13-1~deb12u1?arch=armhf cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*
webui              2.5.0             application  no-identity  -
  jquery           3.7.1             library      -            pkg:npm/jquery@3.7.1
    jquery.min.js  3.7.1             file         no-identity  -
  mongoose         7.11              library      bad-cpe      cpe:2.3:a:cesanta:mongoose
curl               8.5.0             library      -            pkg:generic/curl@8.5.0 cpe:2.3:a:haxx:curl:8.5.0:*:*:*:*:*:*:*
zlib               1.2.13            library      -            pkg:generic/zlib@1.2.13
zlib               1.3               library      -            pkg:generic/zlib@1.3
CV25               A1                device       no-identity  -

$ psirt product version show acme-cam 2.4.1 --json | grep -E '"(name|purl|flags|parent|file|sha256|current)"' | head -24
      "file": "data/sbom/camera-fw.cdx.json",
      "sha256": "f9d147ef325b8489dfdd5b1bc42e373bf2aa24ee60aa1ed474150c4b7e2aa5dc",
      "current": true
      "parent": null,
      "name": "busybox",
      "purl": "pkg:generic/busybox@1.36.1",
      "flags": [],
      "parent": null,
      "name": "libssl3",
      "purl": "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=armhf",
      "flags": [],
          "name": "acme:build-config",
          "name": "acme:note",
      "parent": null,
      "name": "webui",
      "purl": null,
      "flags": [
      "parent": 2,
      "name": "jquery",
      "purl": "pkg:npm/jquery@3.5.1",
      "flags": [],
      "parent": 3,
      "type": "file",
      "name": "jquery.min.js",

$ psirt product version list acme-cam
VERSION     RELEASED  EOS  UNITS  COMPONENTS
2.4.1       -         -    -      9
2.4.1-spdx  -         -    -      5
2.4.1-xml   -         -    -      10
2.5.0       -         -    -      10

# bad input: one line, exit 3, nothing changed
$ psirt sbom import acme-cam 2.4.1 data/portfolio/bad/unnamed.cdx.json
! psirt: error: component 3 ('c') has no name
? 3

$ psirt sbom import acme-cam 9.9 data/cyclonedx/spec/1.6/invalid-bomformat-1.6.json
! psirt: error: data/cyclonedx/spec/1.6/invalid-bomformat-1.6.json: /bomFormat: bomFormat is 'AnotherFormat', not 'CycloneDX'
? 3

$ psirt sbom import nope 1.0 data/sbom/camera-fw.cdx.json
! psirt: error: no product 'nope'
? 3

$ psirt sbom import acme-cam 1.0 data/no-such-file.json
! psirt: error: data/no-such-file.json: No such file or directory
? 3

$ psirt sbom import acme-cam 1.0 data/portfolio/PROVENANCE.md
! psirt: error: data/portfolio/PROVENANCE.md: not a CycloneDX or SPDX document: neither JSON, XML nor SPDX tag-value
? 3

$ psirt product version list acme-cam
VERSION     RELEASED  EOS  UNITS  COMPONENTS
2.4.1       -         -    -      9
2.4.1-spdx  -         -    -      5
2.4.1-xml   -         -    -      10
2.5.0       -         -    -      10

# export: CycloneDX 1.6 (default) or SPDX 2.3, stdout or -o
$ psirt sbom export acme-cam 2.4.1 | head -32
{
  "bomFormat": "CycloneDX",
  "specVersion": "1.6",
  "serialNumber": "urn:uuid:530b16f4-94cd-88d0-acb1-b6c4e7f07cfb",
  "version": 1,
  "metadata": {
    "timestamp": "2026-01-15T09:00:00Z",
    "tools": {
      "components": [
        {
          "type": "application",
          "name": "psirt"
        }
      ]
    },
    "component": {
      "type": "firmware",
      "bom-ref": "acme-cam-fw@2.4.1",
      "supplier": {
        "name": "ACME Cameras"
      },
      "name": "acme-cam",
      "version": "2.4.1",
      "cpe": "cpe:2.3:o:acme:cam_firmware:2.4.1:*:*:*:*:*:*:*",
      "properties": [
        {
          "name": "psirt:hardware-model",
          "value": "CAM-100"
        },
        {
          "name": "psirt:hardware-cpe",
          "value": "cpe:2.3:h:acme_cameras:cam-100:-:*:*:*:*:*:*:*"

$ psirt sbom export acme-cam 2.4.1 --format spdx -o out.spdx.json && grep -c '"SPDXID"' out.spdx.json
11

$ psirt sbom export acme-cam 2.4.1 -o out.cdx.json && PSIRT_USER=alice psirt sbom import acme-cam 2.4.1-again out.cdx.json 2>/dev/null
acme-cam 2.4.1-again: 9 components from out.cdx.json (cyclonedx-json 1.6), version added, replacing 0; 3 without purl or CPE, 1 bad purl, 1 bad CPE

$ psirt sbom diff acme-cam 2.4.1 2.4.1-again
acme-cam 2.4.1 -> 2.4.1-again: 0 added, 0 removed, 0 changed, 9 unchanged

$ psirt sbom export acme-cam 9.9
! psirt: error: product 'acme-cam' has no version '9.9'
? 3

$ psirt sbom export acme-cam 2.4.1 --format xml
! psirt sbom: export: unknown format 'xml' (cyclonedx or spdx)
! (see 'psirt sbom --help')
? 2

$ psirt sbom export acme-cam
! psirt sbom: export: give PRODUCT VERSION
! (see 'psirt sbom --help')
? 2

# release diff
$ psirt sbom diff acme-cam 2.4.1 2.5.0
acme-cam 2.4.1 -> 2.5.0: 3 added, 2 removed, 4 changed, 3 unchanged
CHANGE   COMPONENT       OLD               NEW
removed  dropbear        2022.83           -
changed  jquery.min.js   3.5.1             3.7.1
changed  webui           2.4.1             2.5.0
removed  gdbserver       13.1              -
changed  debian/libssl3  3.0.11-1~deb12u2  3.0.13-1~deb12u1
added    curl            -                 8.5.0
added    zlib            -                 1.2.13
added    zlib            -                 1.3
changed  jquery          3.5.1             3.7.1

$ psirt sbom diff acme-cam 2.4.1 2.5.0 --json | head -30
{
  "product": "acme-cam",
  "oldVersion": "2.4.1",
  "newVersion": "2.5.0",
  "added": 3,
  "removed": 2,
  "changed": 4,
  "unchanged": 3,
  "changes": [
    {
      "change": "removed",
      "key": "name:dropbear",
      "group": null,
      "name": "dropbear",
      "oldVersion": "2022.83",
      "newVersion": null,
      "oldPurl": "pkg:dropbear@2022.83",
      "newPurl": null
    },
    {
      "change": "changed",
      "key": "name:jquery.min.js",
      "group": null,
      "name": "jquery.min.js",
      "oldVersion": "3.5.1",
      "newVersion": "3.7.1",
      "oldPurl": null,
      "newPurl": null
    },
    {

$ psirt sbom diff acme-cam 2.4.1 3.0
! psirt: error: product 'acme-cam' has no version '3.0'
? 3

$ psirt sbom diff acme-cam 2.4.1
! psirt sbom: diff: give PRODUCT OLD_VERSION NEW_VERSION
! (see 'psirt sbom --help')
? 2

# a scanned firmware image stored as a version (evidence kept)
$ PSIRT_USER=alice psirt sbom scan acme-cam 3.0 data/fwscan/rootfs.tar.gz --no-signatures
acme-cam 3.0: 8 components from data/fwscan/rootfs.tar.gz (fwscan), version added, replacing 0; 0 without purl or CPE, 0 bad purls, 0 bad CPEs

$ psirt product version show acme-cam 3.0 --json | grep -E '"(kind|format|file|sha256)"'
      "kind": "scan",
      "format": "fwscan",
      "file": "data/fwscan/rootfs.tar.gz",
      "sha256": "16e30c2af60397e0713bdb268cb0e3a4bc27ca34f7fd7c0090ed3d761f4144e9",
          "kind": "expression",
          "kind": "expression",

$ psirt sbom scan nope 3.0 data/fwscan/rootfs.tar.gz
! psirt: error: no product 'nope'
? 3

$ psirt sbom scan acme-cam 3.0 data/fwscan/rootfs.tar.gz --format spdx
! psirt sbom: scan: --format and -o print a scan; with PRODUCT VERSION it is stored
! (see 'psirt sbom --help')
? 2

$ psirt sbom scan acme-cam data/fwscan/rootfs.tar.gz
! psirt sbom: scan: PATH, or PRODUCT VERSION PATH
! (see 'psirt sbom --help')
? 2

$ PSIRT_USER=alice psirt sbom scan acme-cam 3.0 data/fwscan/evil-dotdot.tar
! psirt: error: archive member '../psirt-evil-dotdot' points outside the image (absolute path or '..'): refused
? 3

$ psirt product history acme-cam | grep sbom
2026-01-15T09:00:00.000Z  alice  acme-cam@2.4.1        sbom                       -                                                                 #1 data/sbom/camera-fw.cdx.json (cyclonedx-json 1.6, 9 components)
2026-01-15T09:00:00.000Z  alice  acme-cam@2.5.0        sbom                       -                                                                 #2 data/portfolio/camera-fw-2.5.0.cdx.json (cyclonedx-json 1.6, 10 components)
2026-01-15T09:00:00.000Z  alice  acme-cam@2.4.1-spdx   sbom                       -                                                                 #3 data/sbom/camera-fw.spdx (spdx-tag-value 2.3, 5 components)
2026-01-15T09:00:00.000Z  alice  acme-cam@2.4.1-xml    sbom                       -                                                                 #4 data/sbom/camera-fw.cdx.xml (cyclonedx-xml 1.6, 9 components)
2026-01-15T09:00:00.000Z  bob    acme-cam@2.4.1-xml    sbom                       #4 data/sbom/camera-fw.cdx.xml (cyclonedx-xml 1.6, 9 components)  #5 data/portfolio/camera-fw-2.5.0.cdx.json (cyclonedx-json 1.6, 10 components)
2026-01-15T09:00:00.000Z  alice  acme-cam@2.4.1-again  sbom                       -                                                                 #6 out.cdx.json (cyclonedx-json 1.6, 9 components)
2026-01-15T09:00:00.000Z  alice  acme-cam@3.0          sbom                       -                                                                 #7 data/fwscan/rootfs.tar.gz (fwscan, 8 components)


# the scanner's evidence is the component's "evidence" array in --json (the
# API's shape), not one of its properties
$ PSIRT_USER=alice psirt sbom scan acme-cam 3.1 data/fwscan/rootfs/boot/u-boot.bin 2>/dev/null
acme-cam 3.1: 1 component from data/fwscan/rootfs/boot/u-boot.bin (fwscan), version added, replacing 0; 0 without purl or CPE, 0 bad purls, 0 bad CPEs

$ psirt product version show acme-cam 3.1 --json | grep -E -A1 '"evidence"|"psirt:fwscan:'
      "evidence": [
        "/u-boot.bin@0x5e1: U-Boot 2023.01 (Jan 10 2023"
--
          "name": "psirt:fwscan:source",
          "value": "signature"
--
          "name": "psirt:fwscan:evidence-count",
          "value": "1"
