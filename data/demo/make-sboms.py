#!/usr/bin/env python3
"""Writes the demo's CycloneDX 1.6 SBOMs (data/demo/sbom/*.cdx.json) from the
component lists below. The lists are the authored data (made up for the demo,
with real upstream names, CPE vendor:product pairs as NVD writes them, and
versions picked so that records in data/demo/feeds apply); this script only
spells them out as CycloneDX. Run it from the repository root after editing."""
import json, uuid

# name, version, CPE part:vendor:product, purl (None: pkg:generic/NAME@VERSION),
# type (library/operating-system/firmware/application), supplier
C = {
 'linux':      ('o:linux:linux_kernel', 'operating-system', 'The Linux Kernel Organization'),
 'u-boot':     ('a:denx:u-boot', 'firmware', 'DENX Software Engineering'),
 'busybox':    ('a:busybox:busybox', 'application', 'BusyBox'),
 'uclibc-ng':  ('a:uclibc-ng_project:uclibc-ng', 'library', 'uClibc-ng project'),
 'openssl':    ('a:openssl:openssl', 'library', 'OpenSSL Software Foundation'),
 'zlib':       ('a:zlib:zlib', 'library', 'zlib'),
 'dropbear':   ('a:dropbear_ssh_project:dropbear_ssh', 'application', 'Dropbear SSH project'),
 'goahead':    ('a:embedthis:goahead', 'application', 'Embedthis Software'),
 'libupnp':    ('a:libupnp_project:libupnp', 'library', 'pupnp project'),
 'dnsmasq':    ('a:thekelleys:dnsmasq', 'application', 'Simon Kelley'),
 'hostapd':    ('a:w1.fi:hostapd', 'application', 'w1.fi'),
 'wpa_supplicant': ('a:w1.fi:wpa_supplicant', 'application', 'w1.fi'),
 'miniupnpd':  ('a:miniupnp_project:miniupnpd', 'application', 'MiniUPnP project'),
 'curl':       ('a:haxx:curl', 'application', 'curl project'),
 'libcurl':    ('a:haxx:libcurl', 'library', 'curl project'),
 'lighttpd':   ('a:lighttpd:lighttpd', 'application', 'lighttpd'),
 'rtl819x-sdk':('a:realtek:rtl819x_jungle_software_development_kit', 'library', 'Realtek Semiconductor'),
 'freertos-kernel': ('o:amazon:freertos', 'operating-system', 'Amazon Web Services'),
 'mbedtls':    ('a:arm:mbed_tls', 'library', 'Arm Limited'),
 'lwip':       ('a:lwip_project:lwip', 'library', 'lwIP project'),
 'mosquitto':  ('a:eclipse:mosquitto', 'application', 'Eclipse Foundation'),
 'expat':      ('a:libexpat_project:libexpat', 'library', 'libexpat project'),
 'sqlite':     ('a:sqlite:sqlite', 'library', 'SQLite'),
 'log4j-core': ('a:apache:log4j', 'library', 'Apache Software Foundation'),
}
PURL = {'log4j-core': 'pkg:maven/org.apache.logging.log4j/log4j-core@{v}'}

# product, version, hardware cpe (part h vendor:product), components
SBOMS = [
 ('Lumen NC-400', '2.1.4', 'lumen_optics', [
   ('linux', '4.9.118'), ('u-boot', '2016.11'), ('uclibc-ng', '1.0.30'), ('busybox', '1.29.3'),
   ('openssl', '1.0.2u'), ('zlib', '1.2.11'), ('dropbear', '2018.76'), ('goahead', '3.6.4'),
   ('libupnp', '1.6.25')]),
 ('Lumen NC-400', '2.3.0', 'lumen_optics', [
   ('linux', '4.9.337'), ('u-boot', '2016.11'), ('uclibc-ng', '1.0.44'), ('busybox', '1.36.1'),
   ('openssl', '1.1.1w'), ('zlib', '1.3'), ('dropbear', '2022.83'), ('goahead', '5.2.0'),
   ('libupnp', '1.14.18')]),
 ('Hearth HR-3000', '1.4.2', 'hearth_networks', [
   ('linux', '3.10.108'), ('u-boot', '2020.01'), ('rtl819x-sdk', '3.4.11'), ('uclibc-ng', '1.0.38'),
   ('busybox', '1.33.1'), ('dnsmasq', '2.80'), ('hostapd', '2.9'), ('miniupnpd', '2.1'),
   ('openssl', '1.1.1k'), ('curl', '7.79.1'), ('libcurl', '7.79.1'), ('dropbear', '2020.81'),
   ('lighttpd', '1.4.59'), ('zlib', '1.2.11')]),
 ('Hearth HR-3000', '1.6.0', 'hearth_networks', [
   ('linux', '3.10.108'), ('u-boot', '2020.01'), ('rtl819x-sdk', '3.4.14b'), ('uclibc-ng', '1.0.45'),
   ('busybox', '1.36.1'), ('dnsmasq', '2.90'), ('hostapd', '2.10'), ('miniupnpd', '2.3.4'),
   ('openssl', '3.0.13'), ('curl', '8.5.0'), ('libcurl', '8.5.0'), ('dropbear', '2022.83'),
   ('lighttpd', '1.4.73'), ('zlib', '1.3')]),
 ('Vireo SM-200', '3.2.1', 'vireo_energy', [
   ('freertos-kernel', '10.4.1'), ('mbedtls', '2.16.9'), ('lwip', '2.1.2')]),
 ('Vireo SM-200', '3.4.0', 'vireo_energy', [
   ('freertos-kernel', '10.6.2'), ('mbedtls', '2.28.8'), ('lwip', '2.2.0')]),
 ('Voltra AC22', '1.8.3', 'voltra_charging', [
   ('linux', '5.10.90'), ('u-boot', '2022.01'), ('busybox', '1.35.0'), ('openssl', '1.1.1n'),
   ('curl', '7.81.0'), ('libcurl', '7.81.0'), ('mosquitto', '2.0.11'), ('expat', '2.4.1'),
   ('sqlite', '3.36.0'), ('dropbear', '2020.81'), ('zlib', '1.2.11'), ('log4j-core', '2.14.1')]),
 ('Voltra AC22', '2.0.1', 'voltra_charging', [
   ('linux', '5.10.209'), ('u-boot', '2023.10'), ('busybox', '1.36.1'), ('openssl', '3.0.13'),
   ('curl', '8.6.0'), ('libcurl', '8.6.0'), ('mosquitto', '2.0.18'), ('expat', '2.6.0'),
   ('sqlite', '3.45.1'), ('dropbear', '2022.83'), ('zlib', '1.3.1'), ('log4j-core', '2.17.1')]),
 ('Medirex IP-7', '4.0.2', 'medirex_medical', [
   ('linux', '4.14.98'), ('u-boot', '2019.04'), ('busybox', '1.30.1'), ('openssl', '1.0.2u'),
   ('dropbear', '2019.78'), ('wpa_supplicant', '2.9'), ('sqlite', '3.31.1'), ('zlib', '1.2.11')]),
]

RELEASED = {}  # filled from portfolio.tsv so the SBOM timestamp is the release day
for line in open('data/demo/portfolio.tsv', encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if f[0] == 'version':
        RELEASED[(f[1], f[2])] = f[3]

for product, version, vendor, comps in SBOMS:
    slug = product.split()[1].lower()
    fw = f'cpe:2.3:o:{vendor}:{slug}_firmware:{version}:*:*:*:*:*:*:*'
    components = []
    for name, v in comps:
        cpe, typ, supplier = C[name]
        part, cv, cp = cpe.split(':')
        purl = PURL.get(name, 'pkg:generic/{n}@{v}').format(n=name, v=v)
        ref = f'{name}@{v}'
        components.append({
            'type': typ, 'bom-ref': ref, 'supplier': {'name': supplier},
            'name': name, 'version': v,
            'cpe': f'cpe:2.3:{part}:{cv}:{cp}:{v}:*:*:*:*:*:*:*', 'purl': purl})
    bom = {
        'bomFormat': 'CycloneDX', 'specVersion': '1.6',
        'serialNumber': 'urn:uuid:' + str(uuid.uuid5(uuid.NAMESPACE_URL, f'psirt-demo/{product}/{version}')),
        'version': 1,
        'metadata': {
            'timestamp': RELEASED[(product, version)] + 'T00:00:00Z',
            'component': {'type': 'firmware', 'bom-ref': 'firmware', 'name': product,
                          'version': version, 'cpe': fw},
        },
        'components': components,
        'dependencies': [{'ref': 'firmware', 'dependsOn': [c['bom-ref'] for c in components]}],
    }
    path = f'data/demo/sbom/{slug}-{version}.cdx.json'
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(bom, f, indent=2)
        f.write('\n')
    print(path, len(components), 'components')
