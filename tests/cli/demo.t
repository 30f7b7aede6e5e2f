# make run's loader (scripts/run-demo.sh) with DEMO_NO_SERVE=1 into the work
# folder: the demo portfolio, its SBOMs and the real vulnerability snapshot of
# data/demo load without an error, and the store shows them.
$ DEMO_NO_SERVE=1 DEMO_DIR="$PWD/demo" "$PSIRT_TESTS/../scripts/run-demo.sh" "$(command -v psirt)" >demo.log 2>&1; echo "exit $?"; grep -c ' 0 errors$' demo.log; grep -E '^(nvd|kev|osv|jvn):' demo.log
exit 0
4
nvd: 72 records from 1 file: 72 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors
kev: 6 records from 1 file: 6 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors
osv: 65 records from 65 files: 64 added, 0 updated, 0 unchanged, 0 older ignored, 1 withdrawn, 0 errors
jvn: 2 records from 2 files: 1 added, 1 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

# every SBOM imported cleanly (no component without purl or CPE, no bad one)
$ grep -c 'components from .*(cyclonedx-json 1.6), replacing 0; 0 without purl or CPE, 0 bad purls, 0 bad CPEs$' demo.log
9

$ psirt --db demo/psirt.db product list
PRODUCT         VENDOR           SAFETY        WEIGHT    EXPOSURE       UPDATE  VERSIONS  OWNER
Hearth HR-3000  Hearth Networks  marginal      flagship  internet       ota     2         gateway platform team
Lumen NC-400    Lumen Optics     marginal      flagship  internet       ota     2         camera firmware team
Medirex IP-7    Medirex Medical  catastrophic  standard  local-network  dealer  1         clinical devices team
Vireo SM-200    Vireo Energy     critical      standard  adjacent       ota     2         metering firmware team
Voltra AC22     Voltra Charging  critical      flagship  internet       ota     2         e-mobility team

$ psirt --db demo/psirt.db product version list 'Voltra AC22'
VERSION  RELEASED    EOS  UNITS  COMPONENTS
1.8.3    2022-02-01  -    38000  12
2.0.1    2024-11-05  -    12500  12

$ psirt --db demo/psirt.db product version list 'Lumen NC-400'
VERSION  RELEASED    EOS         UNITS   COMPONENTS
2.1.4    2022-03-14  2026-03-31  182000  9
2.3.0    2024-05-20  -           96500   9

$ psirt --db demo/psirt.db product version show 'Voltra AC22' 1.8.3 | grep -E '^(components|log4j-core|linux) '
components  12
linux       5.10.90  operating-system  -      pkg:generic/linux@5.10.90 cpe:2.3:o:linux:linux_kernel:5.10.90:*:*:*:*:*:*:*
log4j-core  2.14.1   library           -      pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*

$ psirt --db demo/psirt.db user list
USER   ROLE     STATUS  TOKENS  CREATED     PRODUCTS
admin  admin    active  0       2026-01-15  -
demo   analyst  active  0       2026-01-15  -

# KEV-listed CVEs of the snapshot: Log4Shell (NVD + JVN + KEV), the Linux kernel's CVE-2024-1086
$ psirt --db demo/psirt.db vuln show CVE-2021-44228 | head -3
CVE-2021-44228
aliases: CVE-2021-44228 JVNDB-2021-005429
KEV: CVE-2021-44228 added 2021-12-10, due 2021-12-24, ransomware use Known: Apache Log4j2 Remote Code Execution Vulnerability

$ psirt --db demo/psirt.db vuln show CVE-2024-1086 | head -3
CVE-2024-1086
aliases: CVE-2024-1086
KEV: CVE-2024-1086 added 2024-05-30, due 2024-06-20, ransomware use Unknown: Linux Kernel Use-After-Free Vulnerability

# a second run starts again from an empty store
$ DEMO_NO_SERVE=1 DEMO_DIR="$PWD/demo" "$PSIRT_TESTS/../scripts/run-demo.sh" "$(command -v psirt)" 2>&1 | grep -E '^(created store|nvd:)' | sed "s|$PWD/||; s/schema version [0-9]*/schema version N/"
created store demo/psirt.db (schema version N)
nvd: 72 records from 1 file: 72 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt --db demo/psirt.db product list --json | grep -c '"name"'
5

# nine weeks of history (PSIRT_NOW-relative): the trend has a curve (4 of the open
# findings are OSS-Fuzz records: dnsmasq 2.90 among OSV-2022-312/-572/-785's tags,
# linux 4.14.98 among GSD-2023-1002422's)
$ psirt --db demo/psirt.db findings trend --days 70 | awk 'NR == 1 || $3 != 0 || $4 != 0'
day           open  opened  closed
2025-11-13      54      54       0
2025-11-20      76      22       0
2025-11-27      96      20       0
2025-12-04      88       0       8
2025-12-11     102      14       0
2025-12-18      97       0       5
2025-12-25     100       3       0
2026-01-01      94       0       6
2026-01-08      89       0       5
2026-01-12      85       0       4

$ psirt --db demo/psirt.db finding history 1 | grep ' state: ' | awk '{print $1, $4, $5, $6}'
2025-11-13T09:00:00.000Z (none) -> in_triage
2025-12-04T09:00:00.000Z in_triage -> not_affected
