# psirt feed import osv and vuln show on OSV records (tests/data/osv):
# files, folders, an all.zip, withdrawn records, bad files.
$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt feed import osv data/osv/records
osv: 13 records from 13 files: 12 added, 0 updated, 0 unchanged, 0 older ignored, 1 withdrawn, 0 errors

# a zip of records (OSV's ecosystem all.zip) is one file; all unchanged
$ psirt feed import osv data/osv/zip/all.zip --json
{
  "source": "osv",
  "files": 1,
  "records": 5,
  "added": 0,
  "updated": 0,
  "unchanged": 5,
  "olderIgnored": 0,
  "withdrawn": 0,
  "errors": 0,
  "bytes": 13535
}

# aliases join: the PyPI advisory is CVE-2021-43818 and GHSA-55x5-fj6c-h6m8
$ psirt vuln show GHSA-55x5-fj6c-h6m8 | grep -v '^  reference'
CVE-2021-43818
aliases: CVE-2021-43818 GHSA-55x5-fj6c-h6m8 PYSEC-2021-852
KEV: not listed
EPSS: no score
record osv PYSEC-2021-852
  published   2021-12-13T18:15:00.000Z
  modified    2021-12-16T19:24:01.272Z
  alias       CVE-2021-43818
  alias       GHSA-55x5-fj6c-h6m8
  description lxml is a library for processing XML and HTML in the Python language. Prior to version 4.6.5, the HTML Cleaner in lxml.html lets certain crafted script content pass through, as well as script content in SVG files embedded using data URIs. Users that employ the HTML cleaner in a security relevant context should upgrade to lxml 4.6.5 to receive a patch. There are no known workarounds available.
  package     PyPI lxml (pkg:pypi/lxml)
    range     GIT https://github.com/lxml/lxml: introduced 0, fixed f2330237440df7e8f39c3ad1b1aa8852be3b27c0, fixed 12fa9669007180a7bb87d990c375cf91ca5b664a
    range     GIT https://github.com/lxml/lxml#diff-59130575b4fb2932c957db2922977d7d89afb0b2085357db1a14615a2fcad776: introduced 0, fixed a3eacbc0dcf1de1c822ec29fb7d090a4b1712a9c
    range     ECOSYSTEM: introduced 0, fixed 4.6.5
    versions  0.9 0.9.1 0.9.2 1.0 1.0.1 1.0.2 1.0.3 1.0.4 ... (148 in all)

# scores computed from the vector; packages with their purl identity
$ psirt vuln show GHSA-jfh8-c2jp-5v3q | grep -E '^  (score|package)|^    range'
  score       CVSS 3.1 10.0 CRITICAL CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H (GHSA)
  package     Maven org.apache.logging.log4j:log4j-core
    range     ECOSYSTEM: introduced 2.13.0, fixed 2.15.0
  package     Maven org.apache.logging.log4j:log4j-core
    range     ECOSYSTEM: introduced 0, fixed 2.3.1
  package     Maven org.apache.logging.log4j:log4j-core
    range     ECOSYSTEM: introduced 2.4, fixed 2.12.2

$ psirt vuln show GO-2020-0001 --json | grep -E '"(purlType|purlNamespace|purlName|introduced|fixed)"'
          "purlType": "golang",
          "purlNamespace": "github.com/gin-gonic",
          "purlName": "gin",
                  "introduced": "0"
                  "fixed": "1.6.0"

# a distribution's advisory names the CVE it fixes as related
$ psirt vuln show CVE-2002-0653
CVE-2002-0653
aliases: CVE-2002-0653
KEV: not listed
EPSS: no score
related record osv DSA-135: libapache-mod-ssl -- buffer overflow / DoS

# a withdrawn record
$ psirt vuln show GHSA-35c4-f3rq-f9g3 | head -9
CVE-2015-3227
aliases: CVE-2015-3227 GHSA-35c4-f3rq-f9g3
WITHDRAWN: every source record is rejected or withdrawn
KEV: not listed
EPSS: no score
record osv GHSA-35c4-f3rq-f9g3 WITHDRAWN
  published   2018-09-17T21:57:23.000Z
  modified    2019-07-03T21:02:03.000Z
  withdrawn   2018-10-11T17:29:49.000Z

# newer replaces, older is ignored, a withdrawn version withdraws
$ psirt feed import osv data/osv/update/2-newer.json data/osv/update/1-older.json data/osv/update/3-withdrawn.json
osv: 3 records from 3 files: 0 added, 1 updated, 0 unchanged, 1 older ignored, 1 withdrawn, 0 errors

$ psirt feed status | grep -E '^(SOURCE|osv)'
SOURCE   RECORDS WITHDRAWN  LAST IMPORT               LAST SYNC                 NEWEST RECORD             DETAIL
osv           13         2  2026-01-15T09:00:00.000Z  never                     2025-07-04T00:00:00.000Z  -

# bad input: one line naming the file (and zip member), byte and record
$ psirt feed import osv data/osv/bad/truncated.json
osv: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/osv/bad/truncated.json: byte 1500: GHSA-jfh8-c2jp-5v3q: invalid JSON: parse error: premature EOF
? 3

$ psirt feed import osv data/osv/bad/bad-member.zip
osv: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/osv/bad/bad-member.zip:GHSA-jfh8-c2jp-5v3q.json: byte 1500: GHSA-jfh8-c2jp-5v3q: invalid JSON: parse error: premature EOF
? 3

$ psirt feed import osv data/osv/bad/wrong-type.json
osv: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/osv/bad/wrong-type.json: byte 4809: PYSEC-2021-852: "aliases" must be an array
? 3

$ psirt feed import osv data/osv/bad/MAL-2023-995.json
osv: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/osv/bad/MAL-2023-995.json: byte 0: MAL-2023-995: record without "modified"
? 3

# a JVN feed is no OSV document
$ psirt feed import osv data/jvn/rss/jvndb.rdf
osv: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/jvn/rss/jvndb.rdf: byte 0: invalid JSON: lexical error: invalid char in json text.
? 3
