# psirt init, feed import/status and vuln show, on the fixtures in tests/data
# (linked into the work folder so that error lines name stable paths).
$ ln -s "$PSIRT_TESTS/data" data

$ psirt feed status
! psirt: error: psirt.db: no store here (run 'psirt init')
? 3

$ psirt init
created store psirt.db (schema version 19)

$ psirt init
store psirt.db is up to date (schema version 19)

$ psirt init --json
{
  "db": "psirt.db",
  "schemaVersion": 19,
  "migrationsApplied": 0
}

# NVD: plain, .gz, .xz, a folder of real Rejected records
$ psirt feed import nvd data/nvd/nvd-cves-iot.json data/nvd/nvd-cves-fixtures.json.gz data/nvd/nvd-cves-iot-2.json.xz data/nvd/rejected
nvd: 199 records from 5 files: 197 added, 0 updated, 0 unchanged, 0 older ignored, 2 withdrawn, 0 errors

# the same again changes nothing
$ psirt feed import nvd data/nvd/nvd-cves-iot.json --json
{
  "source": "nvd",
  "files": 1,
  "records": 13,
  "added": 0,
  "updated": 0,
  "unchanged": 13,
  "olderIgnored": 0,
  "withdrawn": 0,
  "errors": 0,
  "bytes": 82568
}

# update ordering with hand-made copies of CVE-2022-48174
$ psirt feed import nvd data/nvd/update/2-newer.json data/nvd/update/1-older.json
nvd: 2 records from 2 files: 0 added, 1 updated, 0 unchanged, 1 older ignored, 0 withdrawn, 0 errors

# bad input: one line per bad file, exit 3, the good files still imported
$ psirt feed import nvd data/nvd/bad/truncated.json data/nvd/update/3-rejected.json
nvd: 1 record from 1 file: 0 added, 0 updated, 0 unchanged, 0 older ignored, 1 withdrawn, 1 error
! psirt: error: data/nvd/bad/truncated.json: byte 18568: CVE-2022-22707: invalid JSON: parse error: premature EOF
? 3

$ psirt feed import nvd data/nvd/bad/wrong-type.json
nvd: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/nvd/bad/wrong-type.json: byte 1834: CVE-2022-48174: "negate" must be true or false
? 3

$ psirt feed import nvd data/nvd/no-such-file.json
nvd: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/nvd/no-such-file.json: No such file or directory
? 3

$ psirt feed import kev data/kev/kev-subset.json
kev: 32 records from 1 file: 32 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt feed import kev data/kev/bad/missing-dateadded.json
kev: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/kev/bad/missing-dateadded.json: byte 19586: CVE-2021-44228: entry without "dateAdded"
? 3

# EPSS: every historical format, then the hand-made Log4Shell score
$ psirt feed import epss data/epss/fixtures data/epss/handmade
epss: 15 records from 6 files: 9 added, 6 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt feed import epss data/epss/bad/not-a-number.csv
epss: 0 records from 0 files: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: data/epss/bad/not-a-number.csv:4: byte 113: CVE-2018-19571: epss must be a number from 0 to 1
? 3

$ psirt feed status
SOURCE   RECORDS WITHDRAWN  LAST IMPORT               LAST SYNC                 NEWEST RECORD             DETAIL
nvd          199         3  2026-01-15T09:00:00.000Z  never                     2026-07-05T01:17:46.143Z  -
jvn            0         0  never                     never                     -                         -
osv            0         0  never                     never                     -                         -
csaf           0         0  never                     never                     -                         -
kev           32         0  2026-01-15T09:00:00.000Z  never                     2025-08-25T17:04:19.979Z  2025.08.25
epss           9         0  2026-01-15T09:00:00.000Z  never                     2026-01-10T12:55:00.000Z  v2025.03.14

$ psirt feed status --json | head -9
[
  {
    "source": "nvd",
    "records": 199,
    "withdrawn": 3,
    "lastImport": "2026-01-15T09:00:00.000Z",
    "lastSync": null,
    "newestRecord": "2026-07-05T01:17:46.143Z",
    "detail": null

# the merged view: NVD record, KEV entry and EPSS score of Log4Shell
$ psirt vuln show cve-2021-44228 | head -8
CVE-2021-44228
aliases: CVE-2021-44228
KEV: CVE-2021-44228 added 2021-12-10, due 2021-12-24, ransomware use Known: Apache Log4j2 Remote Code Execution Vulnerability
EPSS: CVE-2021-44228 0.94358 (percentile 0.99957) on 2026-01-10, model v2025.03.14
record nvd CVE-2021-44228 (Analyzed)
  published   2021-12-10T10:15:09.143Z
  modified    2026-06-17T04:12:05.460Z
  assigner    security@apache.org

$ psirt vuln show CVE-2021-44228 | grep -E '^  (score|weakness)'
  score       CVSS 3.1 10.0 CRITICAL CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H (nvd@nist.gov, Primary)
  score       CVSS 3.1 10.0 CRITICAL CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H (134c704f-9b21-4f2e-91b3-4a467353bcc0, Secondary)
  score       CVSS 2.0 9.3 HIGH AV:N/AC:M/Au:N/C:C/I:C/A:C (nvd@nist.gov, Primary)
  score       ssvcV203 (134c704f-9b21-4f2e-91b3-4a467353bcc0)
  weakness    CWE-20 (security@apache.org, Secondary)
  weakness    CWE-400 (security@apache.org, Secondary)
  weakness    CWE-502 (security@apache.org, Secondary)
  weakness    CWE-917 (nvd@nist.gov, Secondary)

$ psirt vuln show CVE-2022-30790
CVE-2022-30790
aliases: CVE-2022-30790
KEV: not listed
EPSS: no score
record nvd CVE-2022-30790 (Modified)
  published   2022-06-08T13:15:08.137Z
  modified    2025-11-03T20:15:54.503Z
  assigner    cve@mitre.org
  description (en)  Das U-Boot 2022.01 has a Buffer Overflow, a different issue than CVE-2022-30552.
  description (es)  Das U-Boot 2022.01, presenta un desbordamiento del búfer, un problema diferente de CVE-2022-30552
  score       CVSS 3.1 7.8 HIGH CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H (nvd@nist.gov, Primary)
  score       CVSS 2.0 7.2 HIGH AV:L/AC:L/Au:N/C:C/I:C/A:C (nvd@nist.gov, Primary)
  weakness    CWE-787 (nvd@nist.gov, Primary)
  reference   https://github.com/u-boot/u-boot/tags (cve@mitre.org) [Third Party Advisory]
  reference   https://research.nccgroup.com/2022/06/03/technical-advisory-multiple-vulnerabilities-in-u-boot-cve-2022-30790-cve-2022-30552/ (cve@mitre.org) [Exploit, Third Party Advisory]
  reference   https://github.com/u-boot/u-boot/tags (af854a3a-2127-422b-91ae-364da2661108) [Third Party Advisory]
  reference   https://lists.debian.org/debian-lts-announce/2025/05/msg00001.html (af854a3a-2127-422b-91ae-364da2661108)
  reference   https://research.nccgroup.com/2022/06/03/technical-advisory-multiple-vulnerabilities-in-u-boot-cve-2022-30790-cve-2022-30552/ (af854a3a-2127-422b-91ae-364da2661108) [Exploit, Third Party Advisory]
  configurations 1, CPE match criteria 1 (--json lists them)

# a withdrawn CVE: the hand-made Rejected copy replaced the record above
$ psirt vuln show CVE-2022-48174 | head -6
CVE-2022-48174
aliases: CVE-2022-48174
WITHDRAWN: every source record is rejected or withdrawn
KEV: not listed
EPSS: no score
record nvd CVE-2022-48174 (Rejected) WITHDRAWN

$ psirt vuln show CVE-2021-29633 --json
{
  "id": "CVE-2021-29633",
  "withdrawn": true,
  "aliases": [
    "CVE-2021-29633"
  ],
  "records": [
    {
      "source": "nvd",
      "id": "CVE-2021-29633",
      "status": "Rejected",
      "withdrawn": true,
      "published": "2024-02-15T06:15:44.667Z",
      "modified": "2024-02-15T06:15:44.667Z",
      "assigner": "secteam@freebsd.org",
      "importedAt": "2026-01-15T09:00:00.000Z",
      "aliases": [],
      "related": [],
      "titles": [],
      "descriptions": [
        {
          "lang": "en",
          "value": "Rejected reason: This candidate was in a CNA pool that was not assigned to any issues during 2021."
        }
      ],
      "scores": [],
      "weaknesses": [],
      "references": [],
      "configurations": [],
      "packages": []
    }
  ],
  "kev": [],
  "epss": [],
  "relatedRecords": []
}

# known to KEV and EPSS only
$ psirt vuln show CVE-2020-5902
CVE-2020-5902
aliases: CVE-2020-5902
KEV: CVE-2020-5902 added 2021-11-03, due 2022-05-03, ransomware use Known: F5 BIG-IP Traffic Management User Interface (TMUI) Remote Code Execution Vulnerability
EPSS: CVE-2020-5902 0.97567 (percentile 0.99995) on 2023-03-07, model v2023.03.01

$ psirt vuln show CVE-1999-9999
! psirt: error: CVE-1999-9999: not in the store
? 3

# usage errors
$ psirt feed import
! psirt feed: import: which feed? (nvd, jvn, osv, kev or epss)
! (see 'psirt feed --help')
? 2

$ psirt feed import csaf x
! psirt feed: import: unknown feed 'csaf' (nvd, jvn, osv, kev or epss)
! (see 'psirt feed --help')
? 2

$ psirt feed import nvd
! psirt feed: import: no file or folder given
! (see 'psirt feed --help')
? 2

$ psirt feed import nvd --force x
! psirt feed: unknown option '--force'
! (see 'psirt feed --help')
? 2

$ psirt feed status extra
! psirt feed: status: unexpected argument 'extra'
! (see 'psirt feed --help')
? 2

$ psirt vuln show
! psirt vuln: show: which vulnerability?
! (see 'psirt vuln --help')
? 2

$ psirt init extra
! psirt init: unexpected argument 'extra'
! (see 'psirt init --help')
? 2
