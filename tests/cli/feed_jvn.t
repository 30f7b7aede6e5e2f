# psirt feed import jvn and vuln show on JVN iPedia data (tests/data/jvn),
# with the other feeds of Log4Shell for the merged view.
$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

# the RSS feeds and the VULDEF details: JVNDB-2023-000001 twice (the
# update feed's copy is newer), Log4Shell's detail newer than its overview
$ psirt feed import jvn data/jvn/rss data/jvn/detail
jvn: 16 records from 10 files: 13 added, 2 updated, 0 unchanged, 1 older ignored, 0 withdrawn, 0 errors

$ psirt feed import jvn data/jvn/rss/jvndb_2021.rdf --json
{
  "source": "jvn",
  "files": 1,
  "records": 1,
  "added": 0,
  "updated": 0,
  "unchanged": 0,
  "olderIgnored": 1,
  "withdrawn": 0,
  "errors": 0,
  "bytes": 3425
}

# a VULDEF entry of one CVE: Japanese title and overview, JVN's CVSS, the
# version text read into bounds
$ psirt vuln show CVE-2023-23001 | grep -v '^  reference'
CVE-2023-23001
aliases: CVE-2023-23001 JVNDB-2022-017704
KEV: not listed
EPSS: no score
record jvn JVNDB-2022-017704
  published   2023-10-16T08:17:41.000Z
  modified    2023-10-16T08:17:41.000Z
  alias       CVE-2023-23001
  title (ja)  Linux の Linux Kernel における NULL ポインタデリファレンスに関する脆弱性
  description (ja)  Linux の Linux Kernel には、NULL ポインタデリファレンスに関する脆弱性が存在します。
  score       CVSS 3.0 5.5 Medium CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H (jvn)
  weakness    CWE-476 (jvn)
  affected    cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:* <5.16.3 (5.16.3 未満)

$ psirt vuln show JVNDB-2022-017704 | grep '^  reference' | head -2
  reference   https://cdn.kernel.org/pub/linux/kernel/v5.x/ChangeLog-5.16.3 (ChangeLog) [vendor, ChangeLog-5.16.3]
  reference   https://github.com/torvalds/linux/commit/3ba880a12df5aa4488c18281701b5b1bc3d4531a (GitHub) [vendor, scsi: ufs: ufs-mediatek: Fix error checking in ufs_mtk_init_va09_pwr_ctrl()]

# an entry of three CVEs joins none of them; each shows it as related
$ psirt vuln show cve-2022-0181
CVE-2022-0181
aliases: CVE-2022-0181
KEV: not listed
EPSS: no score
related record jvn JVNDB-2022-000002: WordPress 用プラグイン Quiz And Survey Master における複数の脆弱性

$ psirt vuln show JVNDB-2022-000002 | head -3
JVNDB-2022-000002
aliases: JVNDB-2022-000002
KEV: not listed

$ psirt vuln show JVNDB-2021-005429 --json | grep -E '"(versionText|versionStartIncluding|versionEndExcluding)"'
                  "versionStartIncluding": "2.13.0",
                  "versionEndExcluding": "2.15.0",
                  "versionText": "2.13.0 から 2.15.0 より前のバージョン"
                  "versionStartIncluding": "2.0-beta9",
                  "versionEndExcluding": "2.12.1",
                  "versionText": "core 2.0-beta9 から 2.12.1 より前のバージョン"

# Log4Shell from every feed: one vulnerability, three source records
$ psirt feed import nvd data/nvd/nvd-cves-fixtures.json.gz
nvd: 84 records from 1 file: 84 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt feed import osv data/osv/records/GHSA-jfh8-c2jp-5v3q.json
osv: 1 record from 1 file: 1 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt feed import kev data/kev/kev-subset.json
kev: 32 records from 1 file: 32 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt feed import epss data/epss/handmade
epss: 2 records from 1 file: 2 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt vuln show JVNDB-2021-005429 | grep -E '^(CVE|aliases|KEV|EPSS|record)|^  (title|affected)'
CVE-2021-44228
aliases: CVE-2021-44228 GHSA-jfh8-c2jp-5v3q JVNDB-2021-005429
KEV: CVE-2021-44228 added 2021-12-10, due 2021-12-24, ransomware use Known: Apache Log4j2 Remote Code Execution Vulnerability
EPSS: CVE-2021-44228 0.94358 (percentile 0.99957) on 2026-01-10, model v2025.03.14
record jvn JVNDB-2021-005429
  title (ja)  Apache Log4j における任意のコードが実行可能な脆弱性
  affected    cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:* >=2.13.0 <2.15.0 (2.13.0 から 2.15.0 より前のバージョン)
  affected    cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:* >=2.0-beta9 <2.12.1 (core 2.0-beta9 から 2.12.1 より前のバージョン)
  affected    cpe:2.3:a:nec:acos_access_toolkit:*:*:*:*:*:*:*:*
record nvd CVE-2021-44228 (Analyzed)
record osv GHSA-jfh8-c2jp-5v3q
  title       Remote code injection in Log4j

$ psirt feed status | grep -E '^(SOURCE|jvn)'
SOURCE   RECORDS WITHDRAWN  LAST IMPORT               LAST SYNC                 NEWEST RECORD             DETAIL
jvn           13         0  2026-01-15T09:00:00.000Z  never                     2023-11-03T03:02:00.000Z  -

# bad input: one line naming the file, line, byte and entry; exit 3
$ psirt feed import jvn data/jvn/bad/truncated.rdf
jvn: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/jvn/bad/truncated.rdf:28: byte 2600: JVNDB-2021-005429: invalid XML: premature end of the document inside <references>
? 3

$ psirt feed import jvn data/jvn/bad/doctype.rdf
jvn: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/jvn/bad/doctype.rdf:2: byte 57: a DOCTYPE is not allowed in a JVN document (no DTDs, no entities)
? 3

$ psirt feed import jvn data/jvn/bad/api-error.rdf
jvn: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/jvn/bad/api-error.rdf:6: byte 492: the MyJVN API answered with an error: MYJVN_999 Invalid parameter (rangeDatePublic)
? 3

$ psirt feed import jvn data/jvn/bad/missing-identifier.rdf data/jvn/rss/jvndb_2007.rdf
jvn: 1 record from 1 file: 0 added, 0 updated, 1 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/jvn/bad/missing-identifier.rdf:16: byte 1088: item 1: item without <sec:identifier>
? 3

# an OSV record is no JVN document
$ psirt feed import jvn data/osv/records/DSA-135.json
jvn: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/osv/records/DSA-135.json: byte 0: not an XML document (JVN iPedia feeds are XML)
? 3
