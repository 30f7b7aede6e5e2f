# psirt ssvc: SSVC trees from the CERT/CC and CISA data; evaluation with its path.
$ psirt ssvc trees supplier
supplier: Supplier Patch Development Priority (ssvc:DT_SP:1.0.0), 36 rows
  a supplier's patch development priority (CERT/CC SSVC); psirt's main tree
  E     Exploitation v1.1.0: N=None, P=Public PoC, A=Active
  U     Utility v1.0.1: L=Laborious, E=Efficient, S=Super Effective
    (from ssvc:DT_U:1.0.0 Utility)
    A     Automatable v2.0.0: N=No, Y=Yes
    VD    Value Density v1.0.0: D=Diffuse, C=Concentrated
  TI    Technical Impact v1.0.0: P=Partial, T=Total
  PSI   Public Safety Impact v2.0.1: M=Minimal, S=Significant
    (from ssvc:DT_PSI:1.0.0 Public Safety Impact)
    SI    Safety Impact v2.0.1: N=Negligible, M=Marginal, R=Critical, C=Catastrophic
  ->    Defer, Scheduled, Out-of-Cycle, Immediate v1.0.0: D=Defer, S=Scheduled, O=Out-of-Cycle, I=Immediate

$ psirt ssvc trees | grep -c '^[a-z]'
3

$ psirt --json ssvc trees | grep -c '"tree"'
3

# Every input derived: a KEV-listed flaw in an EV charger's web service.
$ psirt ssvc eval supplier --cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H --kev 2025-03-04 --safety critical --weight medium
supplier: Immediate (Exploitation=Active, Utility=Efficient [Automatable=Yes, Value Density=Diffuse], Technical Impact=Total, Public Safety Impact=Significant [Safety Impact=Critical])
  Exploitation=Active               derived: KEV-listed since 2025-03-04
  Utility=Efficient                 computed: ssvc:DT_U:1.0.0
    Automatable=Yes                 derived: CVSS 3.1 AV:N/AC:L/PR:N/UI:N
    Value Density=Diffuse           derived: product business weight medium
  Technical Impact=Total            derived: CVSS 3.1 C:H/I:H
  Public Safety Impact=Significant  computed: ssvc:DT_PSI:1.0.0
    Safety Impact=Critical          derived: product safety class critical

# Points given directly, by key or by name.
$ psirt ssvc eval supplier E=none Utility=laborious TI=P 'Public Safety Impact=minimal'
supplier: Defer (Exploitation=None, Utility=Laborious, Technical Impact=Partial, Public Safety Impact=Minimal)
  Exploitation=None             given
  Utility=Laborious             given
  Technical Impact=Partial      given
  Public Safety Impact=Minimal  given

$ psirt ssvc eval deployer --cvss CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N --epss 0.42 --safety marginal --exposure local-network --weight high
deployer: Scheduled (Exploitation=Public PoC, System Exposure=Controlled, Automatable=Yes, Human Impact=Medium [Safety Impact=Marginal, Mission Impact=MEF Failure])
  Exploitation=Public PoC       derived: EPSS 0.42 >= 0.1
  System Exposure=Controlled    derived: product exposure local-network
  Automatable=Yes               derived: CVSS 4.0 AV:N/AC:L/AT:N/PR:N/UI:N
  Human Impact=Medium           computed: ssvc:DT_HI:1.0.0
    Safety Impact=Marginal      derived: product safety class marginal
    Mission Impact=MEF Failure  derived: product business weight high

# An analyst override with its reason.
$ psirt ssvc eval cisa --cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H --kev yes --safety critical --weight medium A=no --because "behind the operator's VPN"
cisa: Attend (Exploitation=Active, Automatable=No, Technical Impact=Total, Mission and Well-Being Impact=Medium [Mission Prevalence=Support, Public Well-Being Impact=Material])
  Exploitation=Active                   derived: KEV-listed
  Automatable=No                        overridden: behind the operator's VPN
  Technical Impact=Total                derived: CVSS 3.1 C:H/I:H
  Mission and Well-Being Impact=Medium  computed: x_psirt:DT_MWI:1.0.0
    Mission Prevalence=Support          derived: product business weight medium
    Public Well-Being Impact=Material   derived: product safety class critical

$ psirt --json ssvc eval supplier E=A U=S TI=T SI=C
{
  "tree": "supplier",
  "table": "ssvc:DT_SP:1.0.0",
  "outcome": {
    "point": "ssvc:DSOI:1.0.0",
    "key": "I",
    "name": "Immediate"
  },
  "explanation": "supplier: Immediate (Exploitation=Active, Utility=Super Effective, Technical Impact=Total, Public Safety Impact=Significant [Safety Impact=Catastrophic])",
  "path": [
    {
      "point": "ssvc:E:1.1.0",
      "namespace": "ssvc",
      "key": "E",
      "version": "1.1.0",
      "name": "Exploitation",
      "value": "A",
      "value_name": "Active",
      "depth": 0,
      "origin": "given",
      "source": null
    },
    {
      "point": "ssvc:U:1.0.1",
      "namespace": "ssvc",
      "key": "U",
      "version": "1.0.1",
      "name": "Utility",
      "value": "S",
      "value_name": "Super Effective",
      "depth": 0,
      "origin": "given",
      "source": null
    },
    {
      "point": "ssvc:TI:1.0.0",
      "namespace": "ssvc",
      "key": "TI",
      "version": "1.0.0",
      "name": "Technical Impact",
      "value": "T",
      "value_name": "Total",
      "depth": 0,
      "origin": "given",
      "source": null
    },
    {
      "point": "ssvc:PSI:2.0.1",
      "namespace": "ssvc",
      "key": "PSI",
      "version": "2.0.1",
      "name": "Public Safety Impact",
      "value": "S",
      "value_name": "Significant",
      "depth": 0,
      "origin": "computed",
      "source": "ssvc:DT_PSI:1.0.0"
    },
    {
      "point": "ssvc:SI:2.0.1",
      "namespace": "ssvc",
      "key": "SI",
      "version": "2.0.1",
      "name": "Safety Impact",
      "value": "C",
      "value_name": "Catastrophic",
      "depth": 1,
      "origin": "given",
      "source": null
    }
  ]
}

# Bad input: one line with the column, exit 3.
$ psirt ssvc eval supplier E=Q
! psirt: error: E=Q: column 3: unknown value 'Q' for Exploitation (E): expected N (None), P (Public PoC) or A (Active)
? 3

$ psirt ssvc eval supplier Exploit=A
! psirt: error: Exploit=A: column 1: unknown decision point 'Exploit'
? 3

$ psirt ssvc eval supplier E=A
! psirt: error: supplier: no value for Utility (U), nor for Automatable (A) and Value Density (VD) that decide it
? 3

$ psirt ssvc eval supplier E=A U=S TI=T PSI=S A=yes
! psirt: error: A=yes: Automatable (A) is not used: Utility is given directly
? 3

$ psirt ssvc eval supplier E=A U=S TI=T PSI=S EXP=open
! psirt: error: EXP=open: System Exposure (EXP) is not a decision point of tree supplier
? 3

$ psirt ssvc eval supplier E=A E=N
! psirt: error: E=N: Exploitation (E) is already given as E=A
? 3

$ psirt ssvc eval supplier --cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q
! psirt: error: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q: column 44: unknown value 'Q' for metric 'A' (expected H, L or N)
? 3

$ psirt ssvc eval supplier --safety unsafe
! psirt: error: --safety: unknown safety class 'unsafe' (expected negligible, marginal, critical or catastrophic)
? 3

$ psirt ssvc eval supplier --kev maybe
! psirt: error: --kev: expected yes, no or the date it was listed (YYYY-MM-DD), not 'maybe'
? 3

$ psirt ssvc eval supplier --epss 2
! psirt: error: --epss: expected a probability from 0 to 1 (at most 6 decimals), not '2'
? 3

$ psirt ssvc eval coordinator
! psirt: error: unknown tree 'coordinator' (expected supplier, deployer or cisa)
? 3

# Usage errors: exit 2.
$ psirt ssvc eval supplier --bogus
! psirt ssvc: unknown option '--bogus'
! (see 'psirt ssvc --help')
? 2

$ psirt ssvc eval supplier --cvss
! psirt ssvc: --cvss needs a value
! (see 'psirt ssvc --help')
? 2

$ psirt ssvc trees supplier deployer
! psirt ssvc: trees takes at most one TREE
! (see 'psirt ssvc --help')
? 2

$ psirt ssvc frobnicate
! psirt ssvc: unknown subcommand 'frobnicate'
! (see 'psirt ssvc --help')
? 2
