#!/usr/bin/env python3
"""Rebuilds the hand-made OSV fixtures (update/, bad/truncated.json,
bad/wrong-type.json and the zips) from records/. Run from this folder."""
import collections
import json
import zipfile


def load(path):
    return json.load(open(path), object_pairs_hook=collections.OrderedDict)


def dump(obj, path):
    with open(path, 'w') as f:
        json.dump(obj, f, indent=2)
        f.write('\n')


older = load('records/PYSEC-2021-852.json')
older['modified'] = '2021-12-14T08:00:00Z'
older['details'] = ('HAND-MADE OLDER COPY: lxml before 4.6.5 lets script content through '
                    'the HTML Cleaner.')
dump(older, 'update/1-older.json')
newer = load('records/PYSEC-2021-852.json')
newer['modified'] = '2022-06-01T12:00:00Z'
newer['details'] = ('HAND-MADE NEWER COPY: lxml before 4.6.5 lets script content through '
                    'the HTML Cleaner.')
newer['affected'][0]['ranges'] = [newer['affected'][0]['ranges'][2]]
newer['affected'][0]['versions'] = ['4.6.3', '4.6.4']
dump(newer, 'update/2-newer.json')
newer['modified'] = '2022-07-01T12:00:00Z'
newer['withdrawn'] = '2022-07-01T12:00:00Z'
newer['details'] = 'HAND-MADE WITHDRAWN COPY.'
dump(newer, 'update/3-withdrawn.json')

log4shell = open('records/GHSA-jfh8-c2jp-5v3q.json', 'rb').read()
open('bad/truncated.json', 'wb').write(log4shell[:1500])
wrong = load('records/PYSEC-2021-852.json')
wrong['aliases'] = 'CVE-2021-43818'
dump(wrong, 'bad/wrong-type.json')

MEMBERS = ['GHSA-2c3p-9j5f-33g3.json', 'GHSA-xxxq-chmp-67g4.json', 'GO-2020-0001.json',
           'PYSEC-2021-852.json', 'DSA-135.json']


def member(z, name, data, how):
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = how
    z.writestr(info, data)


with zipfile.ZipFile('zip/all.zip', 'w') as z:
    for m in MEMBERS:
        member(z, m, open('records/' + m, 'rb').read(), zipfile.ZIP_DEFLATED)
with zipfile.ZipFile('bad/bad-member.zip', 'w') as z:
    for m in MEMBERS[:2]:
        member(z, m, open('records/' + m, 'rb').read(), zipfile.ZIP_DEFLATED)
    member(z, 'GHSA-jfh8-c2jp-5v3q.json', log4shell[:1500], zipfile.ZIP_DEFLATED)
with zipfile.ZipFile('bad/corrupt.zip', 'w') as z:
    for m in MEMBERS[:2]:
        member(z, m, open('records/' + m, 'rb').read(), zipfile.ZIP_STORED)
data = bytearray(open('bad/corrupt.zip', 'rb').read())
data[data.find(MEMBERS[1].encode()) + len(MEMBERS[1]) + 200] ^= 0x20
open('bad/corrupt.zip', 'wb').write(bytes(data))
