# psirt match component on the NVD fixtures of tests/data (linked into the
# work folder).
$ ln -s "$PSIRT_TESTS/data" data

$ psirt init > /dev/null

$ psirt feed import nvd data/nvd/nvd-cves-iot.json data/nvd/nvd-cves-iot-2.json.xz
nvd: 113 records from 2 files: 113 added, 0 updated, 0 unchanged, 0 older ignored, 0 withdrawn, 0 errors

# busybox 1.36.1: CVE-2022-48174 (<= 1.36.1) only
$ psirt match component --cpe 'cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*'
CVE-2022-48174  nvd CVE-2022-48174  high
  cpe cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*  [high]
    criterion  cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*  configurations[0].nodes[0].cpeMatch[0]  82CC192B-C581-4846-AB6D-107055763145
    why        version 1.36.1: <= 1.36.1
1 vulnerability, 1 finding

# 1.36.2 is past every bound
$ psirt match component --cpe 'cpe:/a:busybox:busybox:1.36.2'
no known vulnerability matches

# a name guess: dnsmasq is thekelleys:dnsmasq, low confidence
$ psirt match component --name dnsmasq --version 2.89 --json
{
  "findings": [
    {
      "vulnerability": "CVE-2023-28450",
      "record": "CVE-2023-28450",
      "source": "nvd",
      "subject": "component",
      "confidence": "low",
      "evidence": [
        {
          "via": "name",
          "identity": "dnsmasq 2.89",
          "confidence": "low",
          "why": "version 2.89: < 2.90; identity guessed from the name",
          "criteria": "cpe:2.3:a:thekelleys:dnsmasq:*:*:*:*:*:*:*:*",
          "matchCriteriaId": "964796B3-BA45-4180-A8DA-64CF93CED122",
          "configuration": 0,
          "node": 0,
          "cpeMatch": 0,
          "platform": null,
          "guessedCpe": "cpe:2.3:a:thekelleys:dnsmasq:2.89:*:*:*:*:*:*:*"
        }
      ]
    }
  ],
  "unusableSourceEntries": 0,
  "problems": []
}

# firmware on hardware: found only with the hardware
$ psirt match component --firmware 'cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*'
no known vulnerability matches

$ psirt match component --firmware 'cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*' --hardware 'cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*'
CVE-2023-1389  nvd CVE-2023-1389  high  (the product itself)
  firmware cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*  [high]
    criterion  cpe:2.3:o:tp-link:archer_ax21_firmware:*:*:*:*:*:*:*:*  configurations[0].nodes[0].cpeMatch[0]  E2DBA0CE-1871-4B4E-BCBD-3693E61DF23E
    platform   cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:* by hardware cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*
    why        version 1.1.3: < 1.1.4
1 vulnerability, 1 finding

$ psirt match component --firmware 'cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*' --hardware 'cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*' --json
{
  "findings": [
    {
      "vulnerability": "CVE-2023-1389",
      "record": "CVE-2023-1389",
      "source": "nvd",
      "subject": "product",
      "confidence": "high",
      "evidence": [
        {
          "via": "firmware",
          "identity": "cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*",
          "confidence": "high",
          "why": "version 1.1.3: < 1.1.4",
          "criteria": "cpe:2.3:o:tp-link:archer_ax21_firmware:*:*:*:*:*:*:*:*",
          "matchCriteriaId": "E2DBA0CE-1871-4B4E-BCBD-3693E61DF23E",
          "configuration": 0,
          "node": 0,
          "cpeMatch": 0,
          "platform": "cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:* by hardware cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*"
        }
      ]
    }
  ],
  "unusableSourceEntries": 0,
  "problems": []
}

# bad input: the identity's error, exit 3
$ psirt match component --cpe 'cpe:2.3:a:x'
! psirt: error: --cpe: column 12: formatted string ends after 2 of 11 attributes (missing product)
? 3

$ psirt match component --purl 'pkg:'
! psirt: error: --purl: column 5: missing the type
? 3

$ psirt match component --hardware 'cpe:2.3:h:x'
! psirt: error: --hardware: column 12: formatted string ends after 2 of 11 attributes (missing product)
? 3

# usage errors: exit 2
$ psirt match component
! psirt match: component: give at least one identity (--purl, --cpe, --name, --firmware, --hardware)
! (see 'psirt match --help')
? 2

$ psirt match component --version 1.0
! psirt match: component: --version goes with --name
! (see 'psirt match --help')
? 2

$ psirt match component --cpe
! psirt match: component: --cpe needs a value
! (see 'psirt match --help')
? 2

$ psirt match component --frobnicate
! psirt match: component: unknown option '--frobnicate'
! (see 'psirt match --help')
? 2

$ psirt match frobnicate
? 2

# no store
$ psirt --db nowhere.db match component --name busybox
! psirt: error: nowhere.db: no store here (run 'psirt init')
? 3
