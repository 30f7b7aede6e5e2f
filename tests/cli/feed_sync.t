# psirt feed sync against a local HTTP server on 127.0.0.1 that the first
# case starts: tests/feed/test_sync --serve ROOT (next to the psirt binary
# under test) serves tests/data, logs each request to server.log, writes
# server.port, and stops when the last case kills it (or after 30 s idle).
# /flaky/PATH answers 503 (Retry-After: 0) once, /drop/PATH closes half-way;
# PATH/myjvn?method=M&... answers PATH/myjvn/M-N.rdf (N: startItem or vulnId).
$ ln -s "$PSIRT_TESTS/data" data

$ export NO_PROXY='*' no_proxy='*'; ("$(dirname "$(command -v psirt)")/tests/feed/test_sync" --serve data >/dev/null 2>&1 &); for i in $(seq 200); do test -s server.port && break; sleep 0.05; done; test -s server.port && echo started
started

# the first sync of each source: NVD reads everything (one page here); no
# progress line on a pipe, so stdout and stderr hold only the summaries
$ psirt init >/dev/null && P=$(cat server.port) && NO_PROXY='*' psirt feed sync nvd kev epss --url nvd=http://127.0.0.1:$P/nvd/nvd-cves-iot.json --url kev=http://127.0.0.1:$P/kev/kev-subset.json --url=epss=http://127.0.0.1:$P/sync/epss_scores-current.csv.gz 2>&1
nvd: 13 records in 1 request: 13 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors
kev: 32 records in 1 request: 32 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors
epss: 238 records in 1 request: 238 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ cat server.log
GET /nvd/nvd-cves-iot.json?resultsPerPage=2000&startIndex=0
GET /kev/kev-subset.json
GET /sync/epss_scores-current.csv.gz

$ psirt feed status | grep -E '^(SOURCE|nvd|kev|epss)'
SOURCE   RECORDS WITHDRAWN  LAST IMPORT               LAST SYNC                 NEWEST RECORD             DETAIL
nvd           13         0  2026-01-15T09:00:00.000Z  2026-01-15T09:00:00.000Z  2026-06-17T04:51:47.213Z  -
kev           32         0  2026-01-15T09:00:00.000Z  2026-01-15T09:00:00.000Z  2025-08-25T17:04:19.979Z  2025.08.25
epss         238         0  2026-01-15T09:00:00.000Z  2026-01-15T09:00:00.000Z  2026-09-29T12:00:22.000Z  v2026.06.15

# four and a half months later: only what changed, in windows of at most
# 120 days from the last sync; the URL and the API key from the environment
# (the key goes in the apiKey header, never in the URL)
$ rm server.log; PSIRT_NOW=2026-06-01T00:00:00Z PSIRT_NVD_URL=http://127.0.0.1:$(cat server.port)/nvd/nvd-cves-iot.json PSIRT_NVD_API_KEY=secret NO_PROXY='*' psirt feed sync nvd --delay 0 --json
[
  {
    "source": "nvd",
    "documents": 2,
    "requests": 2,
    "retries": 0,
    "records": 26,
    "added": 0,
    "updated": 0,
    "unchanged": 26,
    "olderIgnored": 0,
    "withdrawn": 0,
    "errors": 0,
    "bytes": 165136
  }
]

$ cat server.log
GET /nvd/nvd-cves-iot.json?resultsPerPage=2000&startIndex=0&lastModStartDate=2026-01-15T09:00:00.000%2B00:00&lastModEndDate=2026-05-15T09:00:00.000%2B00:00 apiKey
GET /nvd/nvd-cves-iot.json?resultsPerPage=2000&startIndex=0&lastModStartDate=2026-05-15T09:00:00.000%2B00:00&lastModEndDate=2026-06-01T00:00:00.000%2B00:00 apiKey

# a 503 is repeated after the server's Retry-After
$ P=$(cat server.port); NO_PROXY='*' psirt feed sync kev --url kev=http://127.0.0.1:$P/flaky/kev/kev-subset.json 2>&1 | sed "s/:$P\//:PORT\//"
psirt: warning: kev: http://127.0.0.1:PORT/flaky/kev/kev-subset.json: HTTP 503 Service Unavailable; attempt 2 of 5 in 0.0 s
kev: 32 records in 2 requests: 0 added, 0 updated, 32 unchanged, 0 older ignored, 0 withdrawn, 0 errors

# errors: one line each, exit 3, the store as it was
$ psirt feed status --json > before.json; P=$(cat server.port); NO_PROXY='*' psirt feed sync kev --url kev=http://127.0.0.1:$P/kev/missing.json 2>err; rc=$?; sed "s/:$P\//:PORT\//" err; psirt feed status --json | cmp -s - before.json && echo unchanged; exit $rc
kev: 0 records in 1 request: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
psirt: error: http://127.0.0.1:PORT/kev/missing.json: HTTP 404 Not Found
unchanged
? 3

$ psirt feed status --json > before.json; P=$(cat server.port); NO_PROXY='*' psirt feed sync kev --url kev=http://127.0.0.1:$P/drop/kev/kev-subset.json --attempts 2 --backoff 0.01 2>err; rc=$?; sed "s/:$P\//:PORT\//" err; psirt feed status --json | cmp -s - before.json && echo unchanged; exit $rc
kev: 0 records in 2 requests: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
psirt: warning: kev: http://127.0.0.1:PORT/drop/kev/kev-subset.json: transfer closed with 13970 bytes remaining to read; attempt 2 of 2 in 0.0 s
psirt: error: http://127.0.0.1:PORT/drop/kev/kev-subset.json: transfer closed with 13970 bytes remaining to read (2 attempts)
unchanged
? 3

# a mirror on disk: file: URLs
$ NO_PROXY='*' psirt feed sync epss --url "epss=file://$PWD/data/sync/epss_scores-current.csv.gz"
epss: 238 records in 1 request: 0 added, 0 updated, 238 unchanged, 0 older ignored, 0 withdrawn, 0 errors

# JVN through MyJVN: two overview pages of one entry each (totalRes 2),
# each followed by the details of its entry; an entry counts twice, its
# overview added, then its detail over it
$ rm server.log; P=$(cat server.port); NO_PROXY='*' psirt feed sync jvn --url jvn=http://127.0.0.1:$P/sync/myjvn --delay 0
jvn: 4 records in 4 requests: 2 added, 2 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ cat server.log
GET /sync/myjvn?method=getVulnOverviewList&feed=hnd&startItem=1&maxCountItem=50&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n&lang=ja
GET /sync/myjvn?method=getVulnDetailInfo&feed=hnd&startItem=1&maxCountItem=1&vulnId=JVNDB-2021-005429&lang=ja
GET /sync/myjvn?method=getVulnOverviewList&feed=hnd&startItem=2&maxCountItem=50&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n&lang=ja
GET /sync/myjvn?method=getVulnDetailInfo&feed=hnd&startItem=1&maxCountItem=1&vulnId=JVNDB-2022-000001&lang=ja

# the detail's affected versions are in the store, joined to the CVE
$ psirt vuln show CVE-2021-44228 | grep -E '^(aliases|record)|2.13.0 から'
aliases: CVE-2021-44228 JVNDB-2021-005429
record jvn JVNDB-2021-005429
  affected    cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:* >=2.13.0 <2.15.0 (2.13.0 から 2.15.0 より前のバージョン)

# six weeks later: the entries updated since the last sync, as JST days
# (09:00 UTC is 18:00 in Japan); the URL from the environment
$ rm server.log; PSIRT_NOW=2026-03-01T00:00:00Z PSIRT_JVN_URL=http://127.0.0.1:$(cat server.port)/sync/myjvn NO_PROXY='*' psirt feed sync jvn --delay 0 --json | grep -E '"(requests|older|unchanged)'; cat server.log | head -1
    "requests": 4,
    "unchanged": 2,
    "olderIgnored": 2,
GET /sync/myjvn?method=getVulnOverviewList&feed=hnd&startItem=1&maxCountItem=50&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n&datePublishedStartY=2026&datePublishedStartM=1&datePublishedStartD=15&datePublishedEndY=2026&datePublishedEndM=3&datePublishedEndD=1&lang=ja

# a MyJVN error answer and a dropped answer: one line each, exit 3, the
# store as it was
$ psirt feed status --json > before.json; P=$(cat server.port); NO_PROXY='*' psirt feed sync jvn --full --url jvn=http://127.0.0.1:$P/sync/error/myjvn 2>err; rc=$?; sed "s/:$P\//:PORT\//" err; psirt feed status --json | cmp -s - before.json && echo unchanged; exit $rc
jvn: 0 records in 1 request: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
psirt: error: http://127.0.0.1:PORT/sync/error/myjvn?method=getVulnOverviewList&feed=hnd&startItem=1&maxCountItem=50&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n&lang=ja:6: byte 492: the MyJVN API answered with an error: MYJVN_999 Invalid parameter (rangeDatePublic)
unchanged
? 3

$ psirt feed status --json > before.json; P=$(cat server.port); NO_PROXY='*' psirt feed sync jvn --full --url jvn=http://127.0.0.1:$P/drop/sync/myjvn --attempts 1 2>err; rc=$?; sed "s/:$P\//:PORT\//" err; psirt feed status --json | cmp -s - before.json && echo unchanged; exit $rc
jvn: 0 records in 1 request: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
psirt: error: http://127.0.0.1:PORT/drop/sync/myjvn?method=getVulnOverviewList&feed=hnd&startItem=1&maxCountItem=50&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n&lang=ja: transfer closed with 1836 bytes remaining to read
unchanged
? 3

# OSV: the all.zip of each ecosystem asked for, in one transaction
$ rm server.log; P=$(cat server.port); NO_PROXY='*' psirt feed sync osv --url osv=http://127.0.0.1:$P/sync/osv --ecosystem PyPI --ecosystem Go; cat server.log
osv: 2 records in 2 requests: 2 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors
GET /sync/osv/PyPI/all.zip
GET /sync/osv/Go/all.zip

# the ecosystems and the URL from the environment; the zips have no
# windows: downloaded whole again, the records held are unchanged
$ rm server.log; PSIRT_OSV_ECOSYSTEMS='Go, PyPI' PSIRT_OSV_URL=http://127.0.0.1:$(cat server.port)/sync/osv/ NO_PROXY='*' psirt feed sync osv; cat server.log
osv: 2 records in 2 requests: 0 added, 0 updated, 2 unchanged, 0 older ignored, 0 withdrawn, 0 errors
GET /sync/osv/Go/all.zip
GET /sync/osv/PyPI/all.zip

# an ecosystem that fails undoes the ones before it in the run
$ psirt feed status --json > before.json; P=$(cat server.port); NO_PROXY='*' PSIRT_NOW=2026-02-01T00:00:00Z psirt feed sync osv --url osv=http://127.0.0.1:$P/sync/osv --ecosystem PyPI --ecosystem Nope 2>err; rc=$?; sed "s/:$P\//:PORT\//" err; psirt feed status --json | cmp -s - before.json && echo unchanged; exit $rc
osv: 0 records in 2 requests: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
psirt: error: http://127.0.0.1:PORT/sync/osv/Nope/all.zip: HTTP 404 Not Found
unchanged
? 3

$ psirt feed status --json > before.json; P=$(cat server.port); NO_PROXY='*' psirt feed sync osv --url osv=http://127.0.0.1:$P/drop/sync/osv --ecosystem Go --attempts 1 2>err; rc=$?; sed "s/:$P\//:PORT\//" err; psirt feed status --json | cmp -s - before.json && echo unchanged; exit $rc
osv: 0 records in 1 request: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
psirt: error: http://127.0.0.1:PORT/drop/sync/osv/Go/all.zip: transfer closed with 406 bytes remaining to read
unchanged
? 3

# usage errors
$ psirt feed sync csaf
! psirt feed: sync: unknown source 'csaf' (nvd, kev, epss, jvn or osv)
! (see 'psirt feed --help')
? 2

$ psirt feed sync osv --ecosystem ''
! psirt feed: sync: --ecosystem wants a name
! (see 'psirt feed --help')
? 2

$ psirt feed sync osv --ecosystem 'Py PI' --ecosystem "$(printf 'a\tb')"
osv: 0 records in 0 requests: 0 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 1 error
! psirt: error: not an OSV ecosystem name: 'a	b'
? 2

$ psirt feed sync --url kev
! psirt feed: sync: --url wants SOURCE=URL, not 'kev'
! (see 'psirt feed --help')
? 2

$ psirt feed sync --attempts 0
! psirt feed: sync: --attempts wants 1 to 100, not '0'
! (see 'psirt feed --help')
? 2

$ psirt feed sync --delay soon
! psirt feed: sync: --delay wants seconds, not 'soon'
! (see 'psirt feed --help')
? 2

$ psirt feed sync --insecure
! psirt feed: unknown option '--insecure'
! (see 'psirt feed --help')
? 2

$ kill "$(cat server.pid)" && echo stopped
stopped
