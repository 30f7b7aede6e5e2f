# psirt finding ssvc: an analyst's SSVC overrides per finding, audited
# (tests/data/findings, the scenario of findings.t). Clock fixed by run.sh.

$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt feed import nvd data/nvd/nvd-cves-iot.json data/nvd/nvd-cves-iot-2.json.xz > /dev/null

$ psirt feed import kev data/kev/kev-subset.json > /dev/null

$ psirt product add 'EV charger' --vendor acme --safety critical --exposure internet --weight flagship --regime CRA > /dev/null

$ psirt product add 'smart plug' --vendor acme --safety negligible --exposure local-network --weight legacy > /dev/null

$ psirt product version add 'EV charger' 1.0 --units 12400 > /dev/null

$ PSIRT_USER=carol psirt sbom import 'EV charger' 1.0 data/findings/evc-1.0.cdx.json >/dev/null

$ PSIRT_USER=carol psirt sbom import 'smart plug' 2.0 data/findings/plug-2.0.cdx.json >/dev/null

$ PSIRT_USER=carol psirt match > /dev/null

$ PSIRT_USER=alice psirt finding ssvc 4 exploitation=active --because 'exploit seen on our honeypot'
#4  P1 campaign  due 2026-01-29  SSVC Out-of-Cycle
    P1 campaign: active exploitation, SSVC out-of-cycle, local-network exposure

$ psirt findings --product 'smart plug' --format csv
id,priority,deadline,overdue,state,product,version,component,vulnerability,kev,class,reason
4,P1,2026-01-29,no,in_triage,"smart plug","2.0","busybox@1.36.1",CVE-2022-48174,no,campaign,"P1 campaign: active exploitation, SSVC out-of-cycle, local-network exposure"

$ psirt --json findings --product 'smart plug' | grep -A3 '"Exploitation"'
      "Exploitation": {
        "origin": "overridden",
        "source": "exploit seen on our honeypot",
        "value": "Active"


$ psirt finding history 4 | grep alice
2026-01-15T09:00:00.000Z  alice  priority: P3 routine due 2026-04-15 -> P1 campaign due 2026-01-29  # SSVC override: exploit seen on our honeypot: P1 campaign: active exploitation, SSVC out-of-cycle, local-network exposure
2026-01-15T09:00:00.000Z  alice  ssvc:E: None (derived) -> Active (overridden)  # exploit seen on our honeypot

$ PSIRT_USER=carol psirt match --all
run 2: 2 versions matched, 0 changed vulnerabilities; findings: 0 new, 0 reopened, 4 still open, 0 fixed, 0 withdrawn; 0 re-triaged

$ psirt finding ssvc 4 E=Q --because x
! psirt: error: unknown value 'Q' for Exploitation (E): expected N (None), P (Public PoC) or A (Active)
? 3

$ psirt finding ssvc 4 U=A --because x
! psirt: error: unknown decision point 'U': expected E (Exploitation), A (Automatable), TI (Technical Impact), SI (Safety Impact), PWI (Public Well-Being Impact), EXP (System Exposure), VD (Value Density), MI (Mission Impact) or MP (Mission Prevalence)
? 3

$ psirt finding ssvc 4 E=A
! psirt finding: ssvc needs --because REASON
! (see 'psirt finding --help')
? 2

$ psirt finding ssvc 4 E=A --because ''
! psirt: error: an SSVC override needs a reason
? 3

$ psirt finding ssvc 4 --clear TI --because x
! psirt: error: finding 4 has no override of Technical Impact (TI)
? 3

$ psirt finding ssvc 99 E=A --because x
! psirt: error: no finding 99
? 3

$ PSIRT_USER=alice psirt finding ssvc 4 --clear E --because 'the honeypot hit was a scanner'
#4  P3 routine  due 2026-04-15  SSVC Scheduled
    P3 routine: SSVC scheduled, no known exploitation

$ psirt finding history 4 | grep -c alice
4

$ psirt finding history 4 | tail -1
2026-01-15T09:00:00.000Z  alice  ssvc:E: Active (overridden) -> None (derived)  # the honeypot hit was a scanner
