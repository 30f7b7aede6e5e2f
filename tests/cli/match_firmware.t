# psirt match finds vulnerabilities filed against the maker's own firmware:
# the product's firmware CPE names every release (version *), each version
# is matched as its own release. Real NVD records (tests/data/nvd):
# CVE-2023-1389, TP-Link Archer AX21 firmware < 1.1.4 AND running on the
# archer_ax21 hardware; CVE-2022-29503, Anker eufy HomeBase 2 firmware
# exactly 2.1.8.8h AND on the eufy_homebase_2 hardware.
$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt feed import nvd data/nvd/nvd-cves-iot.json data/nvd/nvd-cves-iot-2.json.xz
nvd: 113 records from 2 files: 113 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

$ psirt product add ax21 --vendor tp-link --hardware 'Archer AX21' --cpe 'cpe:2.3:o:tp-link:archer_ax21_firmware:*:*:*:*:*:*:*:*'
added product ax21

# the 2.2 URI spelling with the version left out (ANY) works the same
$ psirt product add homebase --vendor anker --hardware 'eufy HomeBase 2' --cpe 'cpe:/o:anker:eufy_homebase_2_firmware'
added product homebase

$ for v in 1.1.3 1.1.4 '1.1.3 build 7'; do psirt product version add ax21 "$v" --units 100; done
added version 1.1.3 of ax21
added version 1.1.4 of ax21
added version 1.1.3 build 7 of ax21

$ for v in 2.1.8.8h 2.1.9; do psirt product version add homebase "$v"; done
added version 2.1.8.8h of homebase
added version 2.1.9 of homebase

$ PSIRT_USER=carol psirt match
run 1: 5 versions matched, 113 changed vulnerabilities; findings: 3 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 3 re-triaged

# 1.1.3 and "1.1.3 build 7" (1.1.3_build_7 in the CPE) are before 1.1.4;
# 2.1.8.8h is the exact release, 2.1.9 is not
$ psirt findings --format csv | cut -d, -f5-9
state,product,version,component,vulnerability
in_triage,"ax21","1.1.3","",CVE-2023-1389
in_triage,"ax21","1.1.3 build 7","",CVE-2023-1389
in_triage,"homebase","2.1.8.8h","",CVE-2022-29503

$ psirt vuln affected CVE-2023-1389
ax21 1.1.3  (product)  in_triage  #1  100 units
ax21 1.1.3 build 7  (product)  in_triage  #2  100 units
CVE-2023-1389: 2 product versions affected (open findings), 200 units

$ psirt vuln affected CVE-2022-29503
homebase 2.1.8.8h  (product)  in_triage  #3  units unknown
CVE-2022-29503: 1 product version affected (open findings), 0 units (some versions' units unknown)

# the evidence names the release's CPE
$ psirt --json findings --product homebase | grep -E '"identity"|"platform"'
        "identity": "cpe:2.3:o:anker:eufy_homebase_2_firmware:2.1.8.8h:*:*:*:*:*:*:*",
        "platform": "cpe:2.3:h:anker:eufy_homebase_2:-:*:*:*:*:*:*:* by hardware cpe:2.3:h:anker:eufy_homebase_2:-:*:*:*:*:*:*:*"

# the SBOM export's root component carries the same CPE
$ psirt sbom export ax21 '1.1.3 build 7' | grep '"cpe"'
      "cpe": "cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3_build_7:*:*:*:*:*:*:*",

# nothing changed: nothing to do; a later release is matched by itself
$ psirt product version add ax21 1.1.4.1 >/dev/null; psirt product version add ax21 1.0 >/dev/null; PSIRT_USER=carol psirt match
run 2: 2 versions matched, 0 changed vulnerabilities; findings: 1 new, 0 reopened, 0 still open, 0 fixed, 0 withdrawn; 1 re-triaged

$ psirt vuln affected CVE-2023-1389 | cut -c1-40
ax21 1.1.3  (product)  in_triage  #1  10
ax21 1.1.3 build 7  (product)  in_triage
ax21 1.0  (product)  in_triage  #4  unit
CVE-2023-1389: 3 product versions affect
