# finding set --scope product: the analysis is kept as a product-wide rule
# (product, component NAME@VERSION, vulnerability) and carried to findings
# that psirt match creates later in new versions with the same component
# version; another component version stays in_triage. Clock fixed by run.sh.
$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt feed import nvd data/nvd/nvd-cves-iot.json
nvd: 13 records from 1 file: 13 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt product add plug --vendor acme > /dev/null

$ PSIRT_USER=carol psirt sbom import plug 2.0 data/findings/plug-2.0.cdx.json >/dev/null

$ PSIRT_USER=carol psirt match
run 1: 1 version matched, 13 changed vulnerabilities; findings: 1 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 1 re-triaged

$ PSIRT_USER=alice psirt finding set 1 not_affected --justification vulnerable_code_not_in_execute_path --comment 'udhcpc not built' --scope product
1 finding changed

# 2.1: the same busybox 1.36.1; 2.2: busybox 1.36.0 (also before 1.36.1)
$ PSIRT_USER=carol psirt sbom import plug 2.1 data/findings/plug-2.0.cdx.json >/dev/null

$ sed 's/1\.36\.1/1.36.0/g' data/findings/plug-2.0.cdx.json > plug-2.2.cdx.json; PSIRT_USER=carol psirt sbom import plug 2.2 plug-2.2.cdx.json >/dev/null

$ PSIRT_USER=carol psirt match
run 2: 2 versions matched, 0 changed vulnerabilities; findings: 2 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 1 re-triaged

$ psirt --json findings --product plug | grep -E '"(id|version|component|state|justification|comment)"'
    "id": 1,
    "version": "2.0",
    "component": "busybox@1.36.1",
    "state": "not_affected",
    "justification": "vulnerable_code_not_in_execute_path",
    "comment": "udhcpc not built",
    "id": 3,
    "version": "2.2",
    "component": "busybox@1.36.0",
    "state": "in_triage",
    "justification": null,
    "comment": null,
    "id": 2,
    "version": "2.1",
    "component": "busybox@1.36.1",
    "state": "not_affected",
    "justification": "vulnerable_code_not_in_execute_path",
    "comment": "udhcpc not built",

$ psirt finding history 2
2026-01-15T09:00:00.000Z  carol  state: (none) -> in_triage  # found by psirt match
2026-01-15T09:00:00.000Z  carol  state: in_triage -> not_affected  # carried from the product-wide analysis of finding 1 by alice
2026-01-15T09:00:00.000Z  carol  justification: (none) -> vulnerable_code_not_in_execute_path  # carried from the product-wide analysis of finding 1 by alice

$ psirt finding history 3
2026-01-15T09:00:00.000Z  carol  state: (none) -> in_triage  # found by psirt match
2026-01-15T09:00:00.000Z  carol  priority: (none) -> P4 routine due 2026-07-14  # psirt match: P4 routine: no rule matched

# a later product-wide change updates the rule: affected, carried to 2.3
$ PSIRT_USER=bob psirt finding set 2 affected --comment 'reachable after all' --scope product
2 findings changed

$ PSIRT_USER=carol psirt sbom import plug 2.3 data/findings/plug-2.0.cdx.json >/dev/null; PSIRT_USER=carol psirt match
run 3: 1 version matched, 0 changed vulnerabilities; findings: 1 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 1 re-triaged

$ psirt findings --product plug --format csv | cut -d, -f5-9
state,product,version,component,vulnerability
affected,"plug","2.0","busybox@1.36.1",CVE-2022-48174
affected,"plug","2.1","busybox@1.36.1",CVE-2022-48174
in_triage,"plug","2.2","busybox@1.36.0",CVE-2022-48174
affected,"plug","2.3","busybox@1.36.1",CVE-2022-48174

$ psirt --json findings --product plug --version 2.3 | grep '"comment"'
    "comment": "reachable after all",

$ psirt finding history 4 | cut -c27-
carol  state: (none) -> in_triage  # found by psirt match
carol  state: in_triage -> affected  # carried from the product-wide analysis of finding 2 by bob
carol  priority: (none) -> P4 routine due 2026-07-14  # psirt match: P4 routine: no rule matched

# back to in_triage product-wide: the rule ends, 2.4 stays in_triage
$ PSIRT_USER=bob psirt finding set 2 in_triage --scope product
3 findings changed

$ PSIRT_USER=carol psirt sbom import plug 2.4 data/findings/plug-2.0.cdx.json >/dev/null; PSIRT_USER=carol psirt match
run 4: 1 version matched, 0 changed vulnerabilities; findings: 1 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 1 re-triaged

$ psirt findings --product plug --version 2.4 --format csv | cut -d, -f5-9
state,product,version,component,vulnerability
in_triage,"plug","2.4","busybox@1.36.1",CVE-2022-48174

# a feed change carries the rule to a version matched against the changed
# record alone (hub 1.0: the same busybox@1.36.1 under another CPE, which
# the updated CVE-2022-48174 names): its incremental run writes the new
# finding with its state and decision as `psirt match --all` leaves it
$ psirt --db hub.db init > /dev/null; psirt --db hub.db feed import nvd data/nvd/nvd-cves-iot.json > /dev/null; psirt --db hub.db product add hub --vendor acme --safety critical > /dev/null

$ sed 's/:busybox:busybox:/:acme:busybox:/' data/findings/plug-2.0.cdx.json > hub-1.0.cdx.json; for v in 1.0 2.0; do f=hub-1.0.cdx.json; [ $v = 2.0 ] && f=data/findings/plug-2.0.cdx.json; PSIRT_USER=carol psirt --db hub.db sbom import hub $v $f > /dev/null; done

$ PSIRT_USER=carol psirt --db hub.db match
run 1: 2 versions matched, 13 changed vulnerabilities; findings: 1 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 1 re-triaged

$ PSIRT_USER=bob psirt --db hub.db finding set 1 affected --comment 'shipped' --scope product
1 finding changed

$ jq '.vulnerabilities |= map(select(.cve.id == "CVE-2022-48174")) | .vulnerabilities[0].cve.lastModified = "2027-01-01T00:00:00.000" | .vulnerabilities[0].cve.configurations[0].nodes[0].cpeMatch += [{"vulnerable": true, "criteria": "cpe:2.3:a:acme:busybox:1.36.1:*:*:*:*:*:*:*", "matchCriteriaId": "00000000-0000-0000-0000-000000000001"}]' data/nvd/nvd-cves-iot.json > hub-delta.json; psirt --db hub.db feed import nvd hub-delta.json
nvd: 1 record from 1 file: 0 added, 1 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ cp hub.db hub-all.db; PSIRT_USER=carol psirt --db hub.db match; PSIRT_USER=carol psirt --db hub-all.db match --all
run 2: 2 versions matched, 1 changed vulnerability; findings: 1 new, 0 reopened, 1 still open, 0 fixed, 0 withdrawn; 1 re-triaged
run 2: 2 versions matched, 1 changed vulnerability; findings: 1 new, 0 reopened, 1 still open, 0 fixed, 0 withdrawn; 1 re-triaged

$ psirt --db hub.db findings --format csv | cut -d, -f1-9
id,priority,deadline,overdue,state,product,version,component,vulnerability
1,P2,2026-03-16,no,affected,"hub","2.0","busybox@1.36.1",CVE-2022-48174
2,P2,2026-03-16,no,affected,"hub","1.0","busybox@1.36.1",CVE-2022-48174

$ psirt --db hub.db finding history 2 | cut -c27-
carol  state: (none) -> in_triage  # found by psirt match
carol  state: in_triage -> affected  # carried from the product-wide analysis of finding 1 by bob
carol  priority: (none) -> P2 improvement due 2026-03-16  # psirt match: P2 improvement: safety impact critical, risk uncontrolled, no known exploitation

$ show() { psirt --db $1 --json findings; for i in 1 2; do psirt --db $1 finding history $i; done; }; diff <(show hub.db) <(show hub-all.db) && echo same
same
