# psirt match over products, findings, finding set, triage policy (tests/data/findings).
# Clock fixed by run.sh (PSIRT_NOW 2026-01-15); actors given by PSIRT_USER.

$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt feed import nvd data/nvd/nvd-cves-iot.json data/nvd/nvd-cves-iot-2.json.xz
nvd: 113 records from 2 files: 113 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt feed import kev data/kev/kev-subset.json
kev: 32 records from 1 file: 32 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt product add 'EV charger' --vendor acme --safety critical --exposure internet --weight flagship --regime CRA
added product EV charger

$ psirt product add 'smart plug' --vendor acme --safety negligible --exposure local-network --weight legacy
added product smart plug

$ psirt product version add 'EV charger' 1.0 --units 12400
added version 1.0 of EV charger

$ PSIRT_USER=carol psirt sbom import 'EV charger' 1.0 data/findings/evc-1.0.cdx.json >/dev/null

$ PSIRT_USER=carol psirt sbom import 'smart plug' 2.0 data/findings/plug-2.0.cdx.json >/dev/null

$ PSIRT_USER=carol psirt match
run 1: 2 versions matched, 113 changed vulnerabilities; findings: 4 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 4 re-triaged

$ psirt findings
#1  P1 recall  due 2026-01-29  in_triage  EV charger 1.0  linux@5.10.100  CVE-2022-0847 KEV
    P1 recall: KEV-listed since 2022-04-25, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units
#3  P1 recall  due 2026-01-29  in_triage  EV charger 1.0  linux@5.10.100  CVE-2024-1086 KEV
    P1 recall: KEV-listed since 2024-05-30, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units
#2  P2 improvement  due 2026-03-16  in_triage  EV charger 1.0  busybox@1.36.1  CVE-2022-48174
    P2 improvement: safety impact critical, risk uncontrolled, no known exploitation, SSVC out-of-cycle, 12,400 units
#4  P3 routine  due 2026-04-15  in_triage  smart plug 2.0  busybox@1.36.1  CVE-2022-48174
    P3 routine: SSVC scheduled, no known exploitation

$ PSIRT_USER=carol psirt match
nothing changed since the last match

$ psirt findings --kev --format csv
id,priority,deadline,overdue,state,product,version,component,vulnerability,kev,class,reason
1,P1,2026-01-29,no,in_triage,"EV charger","1.0","linux@5.10.100",CVE-2022-0847,yes,recall,"P1 recall: KEV-listed since 2022-04-25, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units"
3,P1,2026-01-29,no,in_triage,"EV charger","1.0","linux@5.10.100",CVE-2024-1086,yes,recall,"P1 recall: KEV-listed since 2024-05-30, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units"

$ psirt --json findings --product 'smart plug' | grep -E '"(id|state|priority|deadline|responseClass|reason|overdue|kev)"'
    "id": 4,
    "kev": false,
    "state": "in_triage",
    "priority": 3,
    "deadline": "2026-04-15",
    "responseClass": "routine",
    "reason": "P3 routine: SSVC scheduled, no known exploitation",
    "overdue": false,

$ PSIRT_NOW=2026-02-01T00:00:00Z psirt findings --product 'EV charger' --state in_triage
#1  P1 recall  due 2026-01-29 OVERDUE  in_triage  EV charger 1.0  linux@5.10.100  CVE-2022-0847 KEV
    P1 recall: KEV-listed since 2022-04-25, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units
#3  P1 recall  due 2026-01-29 OVERDUE  in_triage  EV charger 1.0  linux@5.10.100  CVE-2024-1086 KEV
    P1 recall: KEV-listed since 2024-05-30, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units
#2  P2 improvement  due 2026-03-16  in_triage  EV charger 1.0  busybox@1.36.1  CVE-2022-48174
    P2 improvement: safety impact critical, risk uncontrolled, no known exploitation, SSVC out-of-cycle, 12,400 units

$ PSIRT_USER=carol psirt sbom import 'EV charger' 1.0 data/findings/evc-1.1.cdx.json >/dev/null

$ PSIRT_USER=carol psirt match
run 2: 1 version matched, 0 changed vulnerabilities; findings: 1 new, 0 reopened, 1 still open, 2 fixed, 0 withdrawn; 1 re-triaged

$ psirt findings --product 'EV charger' --format csv
id,priority,deadline,overdue,state,product,version,component,vulnerability,kev,class,reason
1,P1,2026-01-29,no,fixed,"EV charger","1.0","linux@5.10.100",CVE-2022-0847,yes,recall,"P1 recall: KEV-listed since 2022-04-25, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units"
3,P1,2026-01-29,no,fixed,"EV charger","1.0","linux@5.10.100",CVE-2024-1086,yes,recall,"P1 recall: KEV-listed since 2024-05-30, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units"
5,P1,2026-01-29,no,in_triage,"EV charger","1.0","linux@5.10.110",CVE-2024-1086,yes,recall,"P1 recall: KEV-listed since 2024-05-30, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units"
2,P2,2026-03-16,no,in_triage,"EV charger","1.0","busybox@1.36.1",CVE-2022-48174,no,improvement,"P2 improvement: safety impact critical, risk uncontrolled, no known exploitation, SSVC out-of-cycle, 12,400 units"

$ psirt product version add 'smart plug' 2.1
added version 2.1 of smart plug

$ PSIRT_USER=carol psirt sbom import 'smart plug' 2.1 data/findings/plug-2.0.cdx.json >/dev/null

$ PSIRT_USER=carol psirt match --product 'smart plug' --version 2.1
run 3: 1 version matched, 0 changed vulnerabilities; findings: 1 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 1 re-triaged

$ PSIRT_USER=alice psirt finding set 4 not_affected --justification vulnerable_code_not_in_execute_path --comment 'udhcpc not built' --scope product
2 findings changed

$ psirt findings --product 'smart plug' --format csv
id,priority,deadline,overdue,state,product,version,component,vulnerability,kev,class,reason
4,P3,2026-04-15,no,not_affected,"smart plug","2.0","busybox@1.36.1",CVE-2022-48174,no,routine,"P3 routine: SSVC scheduled, no known exploitation"
6,P3,2026-04-15,no,not_affected,"smart plug","2.1","busybox@1.36.1",CVE-2022-48174,no,routine,"P3 routine: SSVC scheduled, no known exploitation"

$ psirt finding history 6
2026-01-15T09:00:00.000Z  carol  state: (none) -> in_triage  # found by psirt match
2026-01-15T09:00:00.000Z  carol  priority: (none) -> P3 routine due 2026-04-15  # psirt match: P3 routine: SSVC scheduled, no known exploitation
2026-01-15T09:00:00.000Z  alice  state: in_triage -> not_affected  # udhcpc not built
2026-01-15T09:00:00.000Z  alice  justification: (none) -> vulnerable_code_not_in_execute_path  # udhcpc not built

$ psirt feed import nvd data/nvd/update/3-rejected.json
nvd: 1 record from 1 file: 0 added, 0 updated, 0 unchanged, 0 older ignored, 1 withdrawn, 0 errors

# incremental: only the version with an open finding of the rejected CVE is
# looked at (the others' busybox findings are not_affected); "still open"
# counts the changed vulnerabilities' findings found again (none)
$ PSIRT_USER=carol psirt match
run 4: 1 version matched, 1 changed vulnerability; findings: 0 new, 0 reopened, 0 still open, 0 fixed, 1 withdrawn; 0 re-triaged

$ psirt vuln affected CVE-2022-48174
EV charger 1.0  busybox@1.36.1  withdrawn  #2  12,400 units
smart plug 2.0  busybox@1.36.1  not_affected  #4  units unknown
smart plug 2.1  busybox@1.36.1  not_affected  #6  units unknown
CVE-2022-48174: 0 product versions affected (open findings), 0 units

$ psirt vuln affected CVE-2024-1086
EV charger 1.0  linux@5.10.100  fixed  #3  12,400 units
EV charger 1.0  linux@5.10.110  in_triage  #5  12,400 units
CVE-2024-1086: 1 product version affected (open findings), 12,400 units

$ psirt policy show | head -3
# psirt default sha256:3b958662515016109f32b9c42737715fca0395320cced764d853850de2e620ea
# from data/policy/default.policy (built in)
name = psirt default

$ PSIRT_USER=bob psirt policy set data/findings/strict.policy
policy sha256:4a52f1ce58f411885854dedac91eaac5653cc1a7e7a72abe24fb2dec1d34630b stored; 1 open finding re-triaged

$ psirt policy history | cut -c1-60
2026-01-15T09:00:00.000Z  bob  sha256:4a52f1ce58f411885854de

$ psirt findings --format csv
id,priority,deadline,overdue,state,product,version,component,vulnerability,kev,class,reason
5,P1,2026-01-22,no,in_triage,"EV charger","1.0","linux@5.10.110",CVE-2024-1086,yes,campaign,"P1 campaign: KEV-listed since 2024-05-30, 12,400 units"
1,P1,2026-01-29,no,fixed,"EV charger","1.0","linux@5.10.100",CVE-2022-0847,yes,recall,"P1 recall: KEV-listed since 2022-04-25, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units"
3,P1,2026-01-29,no,fixed,"EV charger","1.0","linux@5.10.100",CVE-2024-1086,yes,recall,"P1 recall: KEV-listed since 2024-05-30, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units"
2,P2,2026-03-16,no,withdrawn,"EV charger","1.0","busybox@1.36.1",CVE-2022-48174,no,improvement,"P2 improvement: safety impact critical, risk uncontrolled, no known exploitation, SSVC out-of-cycle, 12,400 units"
4,P3,2026-04-15,no,not_affected,"smart plug","2.0","busybox@1.36.1",CVE-2022-48174,no,routine,"P3 routine: SSVC scheduled, no known exploitation"
6,P3,2026-04-15,no,not_affected,"smart plug","2.1","busybox@1.36.1",CVE-2022-48174,no,routine,"P3 routine: SSVC scheduled, no known exploitation"

$ psirt finding history 5
2026-01-15T09:00:00.000Z  carol  state: (none) -> in_triage  # found by psirt match
2026-01-15T09:00:00.000Z  carol  priority: (none) -> P1 recall due 2026-01-29  # psirt match: P1 recall: KEV-listed since 2024-05-30, safety impact critical, regulatory nonconformity, internet-exposed, 12,400 units
2026-01-15T09:00:00.000Z  bob  priority: P1 recall due 2026-01-29 -> P1 campaign due 2026-01-22  # policy sha256:4a52f1ce58f411885854dedac91eaac5653cc1a7e7a72abe24fb2dec1d34630b (strict test): P1 campaign: KEV-listed since 2024-05-30, 12,400 units

$ PSIRT_USER=carol psirt match --all
run 5: 3 versions matched, 0 changed vulnerabilities; findings: 0 new, 0 reopened, 1 still open, 0 fixed, 0 withdrawn; 0 re-triaged

$ psirt finding set 99 affected
! psirt: error: no finding 99
? 3

$ psirt finding set 4 not_affected
! psirt: error: not_affected needs a justification (component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist)
? 3

$ psirt finding set 4 not_affected --justification because
! psirt: error: unknown justification 'because' (component_not_present, vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, inline_mitigations_already_exist)
? 3

$ psirt finding set 4 broken
! psirt: error: unknown state 'broken' (expected in_triage, affected, not_affected, fixed or false_positive)
? 3

$ psirt findings --format xml
! psirt findings: --format is table, json or csv, not 'xml'
! (see 'psirt findings --help')
? 2

$ PSIRT_USER=carol psirt match --version 1.0
! psirt match: --version goes with --product
! (see 'psirt match --help')
? 2

$ PSIRT_USER=carol psirt match --product nope
! psirt: error: no product 'nope'
? 3

$ psirt finding history 99
! psirt: error: no finding 99
? 3


# --state: open (in_triage or affected) as in the API, all (the default) spelled out
$ psirt findings --state open --format csv | cut -d, -f1,5
id,state
5,in_triage

$ psirt findings --state all --format csv | cut -d, -f1 | tr '\n' ' '
id 5 1 3 2 4 6 

$ psirt findings --state closed
! psirt: error: unknown state 'closed' (expected all, open, in_triage, affected, not_affected, fixed, false_positive or withdrawn)
? 3

# a product or version the store does not have is an error, not "no findings"
$ psirt findings --product Nope
! psirt: error: no product 'Nope'
? 3

$ psirt findings --product 'smart plug' --version 9.9
! psirt: error: product 'smart plug' has no version '9.9'
? 3

# withdrawn is the matcher's: refused by the library, for the CLI as for the API
$ psirt finding set 5 withdrawn
! psirt: error: state withdrawn is set by the matcher, not by an analysis
? 3

# embargoes: set (until a date or until lifted, with a reason), replaced, lifted; audited
$ PSIRT_USER=dave psirt vuln embargo cve-2024-1086 --reason 'coordinated with the finder'
embargoed CVE-2024-1086 until lifted: coordinated with the finder

$ PSIRT_USER=dave psirt --json vuln embargo CVE-2024-1086 --until 2026-06-01 | jq -c '[.name, .until, .note, .setBy, .active]'
["CVE-2024-1086","2026-06-01T00:00:00.000Z",null,"dave",true]

$ PSIRT_USER=dave psirt vuln embargo CVE-2024-1086 --lift
lifted the embargo on CVE-2024-1086

$ psirt vuln embargo CVE-2024-1086 --lift
! psirt: error: CVE-2024-1086 is not under embargo
? 3

$ psirt vuln embargo CVE-2024-1086 --until soon
! psirt: error: embargo end 'soon' is not a date (YYYY-MM-DD) or an ISO 8601 instant
? 3

$ psirt vuln embargo CVE-2024-1086 --lift --reason x
! psirt vuln: embargo: --lift goes without --until and --reason
! (see 'psirt vuln --help')
? 2

$ psirt vuln embargo
! psirt vuln: embargo: which vulnerability?
! (see 'psirt vuln --help')
? 2
