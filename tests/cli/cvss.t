# psirt cvss: version, score, severity (and v4.0 nomenclature) per vector.
$ psirt cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H  3.1  9.8  Critical

$ psirt cvss CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X '(AV:N/AC:L/Au:N/C:P/I:P/A:P)' AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M
CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X  3.0  3.7  Low
(AV:N/AC:L/Au:N/C:P/I:P/A:P)  2.0  7.5  High
AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M  2.0  7.5  High

$ psirt cvss CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/CR:H
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N  4.0  9.3  Critical  CVSS-B
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U  4.0  8.1  High  CVSS-BT
CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/CR:H  4.0  0.0  None  CVSS-BE

$ psirt --json cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P
[
  {
    "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P",
    "canonical": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P",
    "version": "3.1",
    "score": 9.3,
    "severity": "Critical",
    "baseScore": 9.8,
    "baseSeverity": "Critical",
    "impactScore": 5.9,
    "exploitabilityScore": 3.9,
    "temporalScore": 9.3,
    "temporalSeverity": "Critical",
    "environmentalScore": 9.3,
    "environmentalSeverity": "Critical",
    "modifiedImpactScore": 5.9,
    "hasTemporal": true,
    "hasEnvironmental": false
  }
]

$ psirt cvss --json CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/MSI:S/S:P/U:Red
[
  {
    "vector": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/MSI:S/S:P/U:Red",
    "canonical": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/MSI:S/S:P/U:Red",
    "version": "4.0",
    "score": 9.7,
    "severity": "Critical",
    "nomenclature": "CVSS-BTE",
    "baseScore": 9.3,
    "baseSeverity": "Critical",
    "threatScore": 8.9,
    "threatSeverity": "High",
    "environmentalScore": 9.7,
    "environmentalSeverity": "Critical",
    "macroVector": "000010",
    "hasTemporal": true,
    "hasEnvironmental": true
  }
]

# Bad vectors: one line naming the metric and the column, exit 3; good ones still printed.
$ psirt cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q
! psirt: error: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q: column 44: unknown value 'Q' for metric 'A' (expected H, L or N)
? 3

$ psirt cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H  3.1  9.8  Critical
! psirt: error: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H: column 41: missing mandatory metric 'A'
? 3

$ psirt cvss CVSS:4.0/AV:N/AT:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N
! psirt: error: CVSS:4.0/AV:N/AT:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N: column 20: metric 'AC' out of order: CVSS 4.0 requires it before 'AT'
? 3

$ psirt cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L
! psirt: error: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L: column 46: duplicate metric 'AV'
? 3

$ psirt --json cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/
[]
! psirt: error: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/: column 46: trailing '/' after the last metric
? 3

# Usage errors exit 2.
$ psirt cvss
! psirt cvss: no vector given
! (see 'psirt cvss --help')
? 2

$ psirt cvss -v CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
! psirt cvss: unknown option '-v'
! (see 'psirt cvss --help')
? 2

$ psirt cvss --help | head -1
usage: psirt [--json] cvss VECTOR...
