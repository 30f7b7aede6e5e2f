#!/usr/bin/env python3
"""Selects the demo's vulnerability snapshot (data/demo/feeds/) from the shared
real-data folder: only records that concern a component of the demo SBOMs.
usage: python3 data/demo/select-snapshot.py /work/shared/data   (from the repo root)
Records are copied verbatim; only the NVD wrapper and the KEV header's count are
written by this script (see data/demo/PROVENANCE.md)."""
import json, glob, os, shutil, sys

src = sys.argv[1]
out = 'data/demo/feeds'
# CPE vendor:product pairs of the demo components (from the SBOMs)
pairs = set()
for f in glob.glob('data/demo/sbom/*.cdx.json'):
    for c in json.load(open(f))['components']:
        p = c['cpe'].split(':')
        pairs.add((p[3], p[4]))

def concerns(cve):
    for cfg in cve.get('configurations', []):
        for n in cfg['nodes']:
            for m in n['cpeMatch']:
                p = m['criteria'].split(':')
                if m['vulnerable'] and (p[3], p[4]) in pairs:
                    return True
    return False

seen = {}
for name in ('nvd-cves-iot.json', 'nvd-cves-iot-2.json', 'nvd-cves-fixtures.json'):
    for v in json.load(open(os.path.join(src, 'nvd', name)))['vulnerabilities']:
        c = v['cve']
        if concerns(c) and c['id'] not in seen:
            seen[c['id']] = (name, c)
ids = sorted(seen)
os.makedirs(out + '/nvd', exist_ok=True)
wrapper = {'resultsPerPage': len(ids), 'startIndex': 0, 'totalResults': len(ids),
           'format': 'NVD_CVE', 'version': '2.0', 'timestamp': '2026-08-22T00:00:00.000',
           'vulnerabilities': [{'cve': seen[i][1]} for i in ids]}
with open(out + '/nvd/demo-cves.json', 'w') as f:
    json.dump(wrapper, f, indent=2)
    f.write('\n')
with open(out + '/nvd/INDEX.csv', 'w') as f:
    f.write('cve_id,shared_file\n')
    for i in ids:
        f.write(f'{i},{seen[i][0]}\n')

kev = json.load(open(os.path.join(src, 'kev', 'known_exploited_vulnerabilities.json')))
kev['vulnerabilities'] = [v for v in kev['vulnerabilities'] if v['cveID'] in seen]
kev['count'] = len(kev['vulnerabilities'])
os.makedirs(out + '/kev', exist_ok=True)
with open(out + '/kev/kev-demo.json', 'w') as f:
    json.dump(kev, f, indent=4)
    f.write('\n')

# OSV: OSS-Fuzz records of demo components (GIT ranges) and the real Linux-kernel records
os.makedirs(out + '/osv/records', exist_ok=True)
osv = []
for line in open(os.path.join(src, 'osv', 'records', 'INDEX.csv')).read().splitlines()[1:]:
    file, rid, eco = line.split(',')[:3]
    path = line.split(',')[-1]
    keep = (file.startswith('oss-fuzz/') and path.split('/')[1] in
            ('curl', 'dnsmasq', 'hostap', 'mbedtls', 'openssl')) or \
           (file.startswith('mixed-ecosystems/') and eco == 'Linux')
    if keep:
        shutil.copyfile(os.path.join(src, 'osv', 'records', file), os.path.join(out, 'osv', 'records', os.path.basename(file)))
        osv.append(line)
with open(out + '/osv/INDEX.csv', 'w') as f:
    f.write('file,id,ecosystems,range_types,source_repo,source_path\n')
    for line in osv:
        f.write(line + '\n')

# JVN: the one RSS and detail file about a demo component (Apache Log4j)
os.makedirs(out + '/jvn', exist_ok=True)
for rel in ('rss/jvndb_2021.rdf', 'detail/jvndb_detail_2021.rdf'):
    shutil.copyfile(os.path.join(src, 'jvn', 'vuls-data-update-fixtures', rel),
                    os.path.join(out, 'jvn', os.path.basename(rel)))
print(f'nvd {len(ids)}, kev {kev["count"]}, osv {len(osv)}, jvn 2 files')
print(' '.join(v['cveID'] for v in kev['vulnerabilities']))
