# psirt findings trend: open findings per day, kept by the store's finding_day
# roll-up (tests/data/findings). Clock fixed by run.sh (PSIRT_NOW 2026-01-15);
# earlier days set here.

$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt findings trend --days 3
day           open  opened  closed
2026-01-13       0       0       0
2026-01-14       0       0       0
2026-01-15       0       0       0

$ psirt feed import nvd data/nvd/nvd-cves-iot.json data/nvd/nvd-cves-iot-2.json.xz > /dev/null && psirt feed import kev data/kev/kev-subset.json > /dev/null

$ psirt product add 'EV charger' --vendor acme --safety critical > /dev/null && psirt product add 'smart plug' --vendor acme > /dev/null

# the charger found on the 10th, the plug on the 12th
$ PSIRT_NOW=2026-01-10T08:00:00Z psirt sbom import 'EV charger' 1.0 data/findings/evc-1.0.cdx.json > /dev/null && PSIRT_NOW=2026-01-10T08:00:00Z psirt match | cut -d';' -f2
 findings: 3 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn

$ PSIRT_NOW=2026-01-12T08:00:00Z psirt sbom import 'smart plug' 2.0 data/findings/plug-2.0.cdx.json > /dev/null && PSIRT_NOW=2026-01-12T08:00:00Z psirt match | cut -d';' -f2
 findings: 1 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn

# one closed on the 13th, another closed on the 13th and reopened on the 14th
$ PSIRT_NOW=2026-01-13T23:59:59Z psirt finding set 2 not_affected --justification vulnerable_code_not_in_execute_path > /dev/null && PSIRT_NOW=2026-01-13T12:00:00Z psirt finding set 1 fixed > /dev/null && PSIRT_NOW=2026-01-14T00:00:00Z psirt finding set 1 affected > /dev/null

$ psirt findings trend --days 7
day           open  opened  closed
2026-01-09       0       0       0
2026-01-10       3       3       0
2026-01-11       3       0       0
2026-01-12       4       1       0
2026-01-13       2       0       2
2026-01-14       3       1       0
2026-01-15       3       0       0

$ psirt --json findings trend --days 2 | jq -c .
{"from":"2026-01-14","to":"2026-01-15","days":["2026-01-14","2026-01-15"],"open":[3,3],"opened":[1,0],"closed":[0,0]}

# the last day is today's open count
$ psirt --json findings | jq '[.[] | select(.state == "in_triage" or .state == "affected")] | length'
3

$ psirt findings trend --days 0
! psirt findings trend: --days takes a number from 1 to 3650, not '0'
! (see 'psirt findings trend --help')
? 2

$ psirt findings trend --days 3651
! psirt findings trend: --days takes a number from 1 to 3650, not '3651'
! (see 'psirt findings trend --help')
? 2

$ psirt findings trend --days
! psirt findings trend: unexpected argument '--days'
! (see 'psirt findings trend --help')
? 2

$ psirt findings trend --weeks 2
! psirt findings trend: unexpected argument '--weeks'
! (see 'psirt findings trend --help')
? 2

$ psirt findings trend --days 3650 | wc -l
3651

$ psirt --db missing.db findings trend
! psirt: error: missing.db: no store here (run 'psirt init')
? 3
