#!/usr/bin/env python3
"""Writes the fwscan test fixture: a small hand-made root file system and
archives of it. Deterministic (fixed seed and times): re-running it gives
the same bytes, so the committed output can be checked against it.

usage: tests/data/fwscan/make-fixture.py   (from the repository root)

rootfs/      package databases (dpkg, opkg, apk) and synthetic binaries that
             embed version strings the way the real programs print them
rootfs.tar.gz, rootfs.zip   the same tree (the zip without links)
evil-dotdot.tar   a member "../evil"
evil-abs.tar      a member "/tmp/psirt-evil-abs"
evil-link.tar     a symbolic link climbing out, then a file through it
evil-hardlink.tar a hard link to "../../etc/passwd"
"""
import io
import os
import random
import shutil
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "rootfs")
MTIME = 1700000000
rng = random.Random(20240101)


def elf_blob(strings, size=3000, needed=None):
    """An ELF-looking file: a header, noise and the strings, NUL-separated.
    With needed, a minimal valid ELF64 whose dynamic section lists them."""
    body = bytearray()
    if needed:
        # ELF64 LE header + 2 program headers (PT_LOAD covering the file,
        # PT_DYNAMIC), a string table and the dynamic entries.
        strtab = b"\0" + b"\0".join(n.encode() for n in needed) + b"\0"
        offs, o = [], 1
        for n in needed:
            offs.append(o)
            o += len(n) + 1
        ehdr_size, ph_size = 64, 56
        strtab_off = ehdr_size + 2 * ph_size
        dyn_off = strtab_off + len(strtab)
        dyn_off += (-dyn_off) % 8
        dyn = b"".join((1).to_bytes(8, "little") + v.to_bytes(8, "little") for v in offs)
        dyn += (5).to_bytes(8, "little") + (0x400000 + strtab_off).to_bytes(8, "little")
        dyn += bytes(16)
        total = dyn_off + len(dyn)
        e = bytearray(64)
        e[0:4] = b"\x7fELF"
        e[4], e[5], e[6] = 2, 1, 1
        e[16:18] = (3).to_bytes(2, "little")   # ET_DYN
        e[18:20] = (62).to_bytes(2, "little")  # x86-64
        e[20:24] = (1).to_bytes(4, "little")
        e[32:40] = (64).to_bytes(8, "little")  # e_phoff
        e[52:54] = (64).to_bytes(2, "little")
        e[54:56] = (56).to_bytes(2, "little")
        e[56:58] = (2).to_bytes(2, "little")

        def ph(t, off, vaddr, sz):
            p = bytearray(56)
            p[0:4] = t.to_bytes(4, "little")
            p[8:16] = off.to_bytes(8, "little")
            p[16:24] = vaddr.to_bytes(8, "little")
            p[24:32] = vaddr.to_bytes(8, "little")
            p[32:40] = sz.to_bytes(8, "little")
            p[40:48] = sz.to_bytes(8, "little")
            return bytes(p)
        body += e + ph(1, 0, 0x400000, 1 << 20) + ph(2, dyn_off, 0x400000 + dyn_off, len(dyn))
        body += strtab
        body += bytes(dyn_off - len(body))
        body += dyn
        assert len(body) == total
    else:
        body += b"\x7fELF\x02\x01\x01" + bytes(57)
    while len(body) < size // 2:
        body += bytes(rng.randrange(256) for _ in range(64)) + bytes(32)
    for s in strings:
        body += b"\0" + s + b"\0"
        body += bytes(rng.randrange(256) for _ in range(48))
    while len(body) < size:
        body += bytes(16)
    return bytes(body)


FILES = {
    # dpkg owns it (busybox.list): credited to the package
    "bin/busybox": elf_blob([b"BusyBox v1.36.1 (2023-06-21 09:00:00 UTC) multi-call binary."]),
    # nobody owns it, dpkg's libssl3 has the same upstream version: credited
    "usr/lib/libcrypto.so.3": elf_blob([b"OpenSSL 3.0.11 19 Sep 2023", b"3.0.11"]),
    # a vendor program with its own old OpenSSL and zlib inside
    "opt/vendor/bin/camd": elf_blob([
        b"OpenSSL 1.0.2k-fips  26 Jan 2017",
        b"deflate 1.2.11 Copyright 1995-2017 Jean-loup Gailly and Mark Adler",
        b" inflate 1.2.11 Copyright 1995-2017 Mark Adler ",
    ], 5000),
    # links libcrypto.so.3 at run time: the header version it logs is no copy
    "usr/bin/certtool": elf_blob([b"OpenSSL 3.0.2 15 Mar 2022"], needed=["libcrypto.so.3", "libc.so.6"]),
    # opkg owns it (dropbear.list)
    "usr/sbin/dropbear": elf_blob([b"SSH-2.0-dropbear_2022.83", b"Dropbear v%s"]),
    # opkg dnsmasq 2.89-1, same upstream, file not listed
    "usr/sbin/dnsmasq": elf_blob([b"dnsmasq-2.89", b"Dnsmasq version %s  %s"]),
    "usr/sbin/lighttpd": elf_blob([b"lighttpd/1.4.69", b"Server: lighttpd/1.4.69"]),
    "boot/vmlinux-5.15.0-91-generic": elf_blob([
        b"Linux version 5.15.0-91-generic (buildd@lcy02-amd64-045) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023"
    ], 6000),
    "lib/modules/5.15.0-91-generic/kernel/drivers/net/dummy.ko": elf_blob([
        b"vermagic=5.15.0-91-generic SMP mod_unload modversions ", b"license=GPL"]),
    "lib/ld-uClibc-1.0.45.so": elf_blob([b"ld-uClibc.so.1"]),
    "usr/lib/libsqlite3.so.0.8.6": elf_blob([
        b"2023-03-22 11:56:21 0d1fc92f94cb6b76bffe3ec34d69cffde2924203304e8ffc4155597af0c191da",
        b"3.41.2"]),
    "usr/bin/ssh": elf_blob([b"OpenSSH_9.3p1 Debian-1", b"OpenSSH_9.3"]),
    "usr/lib/libcurl.so.4.8.0": elf_blob([b"libcurl/8.4.0"]),
    "boot/u-boot.bin": elf_blob([b"U-Boot 2023.01 (Jan 10 2023 - 00:00:00 +0000)"]),
    "usr/lib/libmbedcrypto.so.7": elf_blob([b"mbed TLS 2.28.3"]),
    "usr/sbin/hostapd": elf_blob([b"hostapd v%s", b"hostapd_cli v2.10"]),
    "usr/sbin/wpa_supplicant": elf_blob([b"wpa_supplicant v2.10"]),
    "usr/sbin/miniupnpd": elf_blob([b"Linux/5.15 UPnP/1.1 MiniUPnPd/2.3.3"]),
    "usr/sbin/avahi-daemon": elf_blob([b"avahi 0.8", b"%s 0.8 starting up."]),
    "usr/lib/libwolfssl.so.35": elf_blob([b"wolfSSL 5.6.3"]),
    "lib/firmware/wifi-fw.bin": bytes(512) + b"HTTP/1.0 200 OK\r\nServer: lwIP/2.1.3 (http://savannah.nongnu.org/projects/lwip)\r\n" + bytes(512),
    "usr/lib64/libz.so.1.2.13": elf_blob([b" inflate 1.2.13 Copyright 1995-2022 Mark Adler "]),
    "usr/lib64/libc.so.6": elf_blob([b"GNU C Library (Ubuntu GLIBC 2.35-0ubuntu3.4) stable release version 2.35."]),
    "usr/sbin/ntpd": elf_blob([b"ntpd 4.2.8p15@1.3728-o Wed Feb 16 17:13:02 UTC 2022 (1)"]),
    "usr/lib/libxml2.so.2.9.10": elf_blob([b"20910", b"xmlParserVersion"]),
    "usr/sbin/xtables-legacy-multi": elf_blob([b"1.8.7 (legacy)"]),
    # documentation quotes versions: never a component
    "usr/share/doc/openssl/README": b"This is OpenSSL 1.0.1e 11 Feb 2013 documentation.\n",
    # no version string at all
    "etc/hostname": b"camera\n",
}

LINKS = {
    "lib/ld-uClibc.so.1": "ld-uClibc-1.0.45.so",
    "lib64": "usr/lib64",
    "bin/sh": "/bin/busybox",
}

DPKG_STATUS = """Package: busybox
Status: install ok installed
Priority: optional
Section: utils
Installed-Size: 2000
Maintainer: Debian Install System Team <debian-boot@lists.debian.org>
Architecture: amd64
Version: 1:1.36.1-1
Description: Tiny utilities for small and embedded systems
 BusyBox combines tiny versions of many common UNIX utilities into a single
 small executable.

Package: libssl3
Status: install ok installed
Architecture: amd64
Multi-Arch: same
Source: openssl (3.0.11-1~deb12u2)
Version: 3.0.11-1~deb12u2
Description: Secure Sockets Layer toolkit - shared libraries

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib
Version: 1:1.2.13.dfsg-1
Description: compression library - runtime

Package: oldpkg
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0-1

Package: libc6
Status: install ok installed
Architecture: amd64
Source: glibc
Version: 2.35-0ubuntu3.4
Description: GNU C Library: Shared libraries
"""

DPKG_LISTS = {
    "busybox.list": "/.\n/bin\n/bin/busybox\n/usr/share/doc/busybox\n",
    # merged /usr: dpkg says /lib64, the file is at /usr/lib64 (lib64 -> usr/lib64)
    "zlib1g:amd64.list": "/.\n/lib64/libz.so.1.2.13\n",
    "libc6:amd64.list": "/.\n/lib64/libc.so.6\n",
}

OPKG_STATUS = """Package: dropbear
Version: 2022.83-1
Depends: libc
Status: install user installed
Architecture: mips_24kc
Installed-Time: 1700000000

Package: dnsmasq
Version: 2.89-1
Depends: libc, libubus20230605
Status: install user installed
Architecture: mips_24kc
Installed-Time: 1700000000

Package: removed-pkg
Version: 1.0-1
Status: deinstall user not-installed
Architecture: mips_24kc
"""

OPKG_LISTS = {"dropbear.list": "/usr/sbin/dropbear\n/etc/init.d/dropbear\n"}

APK_INSTALLED = """C:Q1abcdefghijklmnopqrstuvwxyz0123=
P:musl
V:1.2.4-r2
A:x86_64
S:383152
I:622592
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Timo Teräs <timo.teras@iki.fi>
t:1700000000
c:1234567890abcdef
F:lib
R:ld-musl-x86_64.so.1
a:0:0:755
Z:Q1abcdefghijklmnopqrstuvwxyz0124=

C:Q1abcdefghijklmnopqrstuvwxyz0125=
P:libcurl
V:8.4.0-r0
A:x86_64
T:The multiprotocol file transfer library
L:curl
o:curl
F:usr/lib
R:libcurl.so.4.8.0
a:0:0:755
"""


def write(path, data, mode=0o644):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    os.chmod(full, mode)
    os.utime(full, (MTIME, MTIME))


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    os.makedirs(ROOT)
    for path, data in FILES.items():
        write(path, data, 0o755 if b"\x7fELF" in data[:4] else 0o644)
    write("var/lib/dpkg/status", DPKG_STATUS)
    for name, text in DPKG_LISTS.items():
        write("var/lib/dpkg/info/" + name, text)
    write("usr/lib/opkg/status", OPKG_STATUS)
    for name, text in OPKG_LISTS.items():
        write("usr/lib/opkg/info/" + name, text)
    write("lib/apk/db/installed", APK_INSTALLED)
    for link, target in LINKS.items():
        full = os.path.join(ROOT, link)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        os.symlink(target, full)

    entries = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames.sort()
        for n in sorted(dirnames + filenames):
            entries.append(os.path.relpath(os.path.join(dirpath, n), ROOT))
    entries = sorted(set(entries))

    def tarinfo_filter(ti):
        ti.mtime = MTIME
        ti.uid = ti.gid = 0
        ti.uname = ti.gname = "root"
        return ti

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
        for e in entries:
            t.add(os.path.join(ROOT, e), arcname="./" + e, recursive=False, filter=tarinfo_filter)
    import gzip
    with open(os.path.join(HERE, "rootfs.tar.gz"), "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=MTIME, filename="") as g:
            g.write(buf.getvalue())

    with zipfile.ZipFile(os.path.join(HERE, "rootfs.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for e in entries:
            full = os.path.join(ROOT, e)
            if os.path.islink(full) or os.path.isdir(full):
                continue
            zi = zipfile.ZipInfo(e, date_time=(2023, 11, 14, 22, 13, 20))
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            with open(full, "rb") as f:
                z.writestr(zi, f.read())

    def evil(name, members):
        with tarfile.open(os.path.join(HERE, name), "w", format=tarfile.GNU_FORMAT) as t:
            for m in members:
                kind, mname = m[0], m[1]
                ti = tarfile.TarInfo(mname)
                ti.mtime = MTIME
                if kind == "file":
                    data = m[2]
                    ti.size = len(data)
                    t.addfile(ti, io.BytesIO(data))
                elif kind == "symlink":
                    ti.type = tarfile.SYMTYPE
                    ti.linkname = m[2]
                    t.addfile(ti)
                elif kind == "hardlink":
                    ti.type = tarfile.LNKTYPE
                    ti.linkname = m[2]
                    t.addfile(ti)

    evil("evil-dotdot.tar", [("file", "ok.txt", b"fine\n"),
                             ("file", "../psirt-evil-dotdot", b"escaped\n")])
    evil("evil-abs.tar", [("file", "/tmp/psirt-evil-abs", b"escaped\n")])
    evil("evil-link.tar", [("symlink", "a/out", "../../../../../../tmp"),
                           ("file", "a/out/psirt-evil-link", b"escaped\n")])
    evil("evil-hardlink.tar", [("hardlink", "passwd", "../../etc/passwd")])


main()
